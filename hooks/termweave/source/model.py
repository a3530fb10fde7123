"""The one typed model of a glossary entry; validation and the JSON Schema derive from it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    """What a key holds; each kind has one validator and one JSON Schema fragment."""

    TEXT = "text"  # one line of plain text
    MARKDOWN = "markdown"  # Markdown source
    DATE = "date"  # YYYY-MM-DD
    BOOL = "bool"  # true / false only, no YAML 1.1 yes/no
    TEXT_LIST = "text_list"
    SLUG_LIST = "slug_list"
    LESSON_LIST = "lesson_list"  # paths of lessons under content/
    DEMO_LIST = "demo_list"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool
    description: str


ENTRY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("term", Kind.TEXT, True, "Display name of the term, e.g. 'Learning rate'."),
    FieldSpec(
        "summary",
        Kind.TEXT,
        True,
        "One or two plain-text sentences: the lede, the index line, the preview card and the "
        "page's meta description.",
    ),
    FieldSpec("body", Kind.MARKDOWN, True, "The full explanation, in Markdown."),
    FieldSpec("why_it_matters", Kind.MARKDOWN, False, "Why this matters, for a non-specialist."),
    FieldSpec("category", Kind.TEXT, True, "One of the categories in glossary/_categories.yml."),
    FieldSpec("aliases", Kind.TEXT_LIST, False, "Other names (plural forms are derived)."),
    FieldSpec("related", Kind.SLUG_LIST, False, "Slugs of related entries."),
    FieldSpec(
        "lessons",
        Kind.LESSON_LIST,
        False,
        "Lessons that teach the term, by path under content/, e.g. 'practitioner/first.md'.",
    ),
    FieldSpec("last_reviewed", Kind.DATE, True, "Date of the last editorial review, YYYY-MM-DD."),
    FieldSpec("early_access", Kind.BOOL, False, "Published before it is final."),
    FieldSpec("demos", Kind.DEMO_LIST, False, "Ids of in-browser demos shown on the page."),
    FieldSpec("autolink", Kind.BOOL, False, "Link mentions of this term on other pages."),
)

FIELDS_BY_NAME: Mapping[str, FieldSpec] = {spec.name: spec for spec in ENTRY_FIELDS}

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DATE_RE = re.compile(DATE_PATTERN)


class Position(NamedTuple):
    """1-based line and column of a value in its source file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Term:
    """A validated glossary entry."""

    slug: str
    term: str
    summary: str
    body: str
    category: str
    last_reviewed: date
    source: str  # path shown to authors, e.g. 'glossary/learning-rate.yml'
    why_it_matters: str = ""
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    early_access: bool = False
    demos: tuple[str, ...] = ()
    autolink: bool = True
    # (line, column) per key, as plain tuples: the garbage collector stops tracking those, and a
    # build keeps one per value of every entry (see `position` for the named form)
    positions: Mapping[str, tuple[int, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every name a mention may use."""
        return (self.term, *self.aliases)

    def position(self, key: str) -> Position:
        """Where `key` (or 'related[2]') stands; the top of the file when unknown."""
        found = self.positions.get(key) or self.positions.get(key.split("[")[0])
        return Position(*found) if found else Position(1, 1)


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


def slugify(text: str) -> str:
    """'Bayesian optimisation' -> 'bayesian-optimisation'; used for categories and new entries."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"
