"""The Markdown of every generated page and section, from the registry and the templates."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from termweave.pages.earlyaccess import note_html
from termweave.pages.learning import CardTerm
from termweave.pages.relurls import src_linker
from termweave.pages.render import relative_src, render
from termweave.source.content import Lesson, Level
from termweave.source.model import Term
from termweave.source.registry import Category, Registry

INDEX_SRC = "glossary/index.md"
EARLY_ACCESS_SRC = "early-access.md"
BACKLINKS_PLACEHOLDER = "<!-- termweave:backlinks -->"


def term_src(slug: str) -> str:
    return f"glossary/{slug}.md"


def category_src(category: Category) -> str:
    return f"glossary/category/{category.slug}.md"


@dataclass(frozen=True)
class TermLink:
    term: Term
    link: str
    early_access: bool


@dataclass(frozen=True)
class LessonLink:
    lesson: Lesson
    link: str
    early_access: bool


@dataclass(frozen=True)
class Letter:
    label: str  # 'A'..'Z' or '#'
    link: str  # to its page, from the page being rendered
    count: int
    terms: list[TermLink]  # listed on its own page only


LETTERS_DIR = "glossary/letters"
OTHER = "#"


def letter_src(label: str) -> str:
    """One page per letter, under a folder no term slug can reach ('letters/a' is not a slug)."""
    return f"{LETTERS_DIR}/{'other' if label == OTHER else label.lower()}.md"


def letter_of_src(src_uri: str) -> str | None:
    """The letter whose page `src_uri` is, None for any other page."""
    folder, name = src_uri.rpartition("/")[::2]
    if folder != LETTERS_DIR or not name.endswith(".md"):
        return None
    stem = name[: -len(".md")]
    if stem == "other":
        return OTHER
    return stem.upper() if len(stem) == 1 and stem.isascii() and stem.isalpha() else None


def _term_links(terms: list[Term], from_src: str) -> list[TermLink]:
    return [TermLink(t, relative_src(from_src, term_src(t.slug)), t.early_access) for t in terms]


def _lesson_link(lesson: Lesson, from_src: str) -> LessonLink:
    return LessonLink(lesson, relative_src(from_src, lesson.path), lesson.early_access)


def index_letter(name: str) -> str:
    """'Époque' -> 'E'; anything not A–Z files under '#'."""
    first = (
        unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    )
    return first if first and first in string.ascii_uppercase else "#"


def term_page(env: Environment, registry: Registry, term: Term, directory_urls: bool) -> str:
    """A term's page. Its lists of related terms and lessons are ready-made HTML with MkDocs'
    own URLs (`rawhtml`), which Markdown does not convert (a third of a term page's time) and
    the search index leaves out (lists of other pages)."""
    src = term_src(term.slug)
    url = src_linker(src, directory_urls)
    category = registry.categories[term.category]
    lessons = registry.lessons_for_term(term)
    learn_more = []
    for level in registry.levels:
        own = [lesson for lesson in lessons if lesson.level == level.slug]
        if own:
            learn_more.append(
                {
                    "level": level,
                    "link": url(level.path),
                    "lessons": [LessonLink(x, url(x.path), x.early_access) for x in own],
                }
            )
    deeper = None
    first_level = registry.level(lessons[0].level) if lessons else None
    if first_level is not None:
        deeper = {
            "level": first_level,
            "link": relative_src(src, first_level.path),
            "count": len(first_level.lessons),
        }
    related = [registry.terms[slug] for slug in term.related if slug in registry.terms]
    return render(
        env,
        "term.md.j2",
        term=term,
        category=category,
        category_link=relative_src(src, category_src(category)),
        early_access_note=Markup(note_html("entry")) if term.early_access else "",
        deeper=deeper,
        related=[TermLink(t, url(term_src(t.slug)), t.early_access) for t in related],
        learn_more=learn_more,
        backlinks_placeholder=Markup(BACKLINKS_PLACEHOLDER),
    )


def letter_groups(registry: Registry) -> dict[str, list[Term]]:
    """Every letter of the A–Z (A to Z, then '#' when used) with its terms, A–Z."""
    groups: dict[str, list[Term]] = {label: [] for label in string.ascii_uppercase}
    for term in registry.terms_sorted():
        groups.setdefault(index_letter(term.term), []).append(term)
    if not groups.get(OTHER):
        groups.pop(OTHER, None)
    return groups


def _letters(groups: dict[str, list[Term]], from_src: str, with_terms: str = "") -> list[Letter]:
    """The letters as linked from `from_src`; only the letter `with_terms` lists its terms
    (the index and the other letters need only a count)."""
    return [
        Letter(
            label,
            relative_src(from_src, letter_src(label)),
            len(terms),
            _term_links(terms, from_src) if label == with_terms else [],
        )
        for label, terms in groups.items()
    ]


def glossary_index(env: Environment, registry: Registry, groups: dict[str, list[Term]]) -> str:
    terms = registry.terms_sorted()
    categories = [
        {
            "category": c,
            "link": relative_src(INDEX_SRC, category_src(c)),
            "count": sum(1 for t in terms if t.category == c.name),
        }
        for c in sorted(registry.categories.values(), key=lambda c: c.name.casefold())
    ]
    return render(
        env,
        "glossary_index.md.j2",
        count=len(terms),
        letters=_letters(groups, INDEX_SRC),
        current="",
        categories=[c for c in categories if c["count"]],
    )


def letter_page(env: Environment, groups: dict[str, list[Term]], label: str) -> str:
    """One letter's page: every term under it, with the letter navigation."""
    src = letter_src(label)
    letters = _letters(groups, src, with_terms=label)
    letter = next(letter for letter in letters if letter.label == label)
    return render(
        env,
        "glossary_letter.md.j2",
        letter=letter,
        letters=letters,
        current=label,
        index_link=relative_src(src, INDEX_SRC),
    )


def category_page(env: Environment, registry: Registry, category: Category) -> str:
    src = category_src(category)
    terms = [t for t in registry.terms_sorted() if t.category == category.name]
    return render(
        env,
        "category.md.j2",
        category=category,
        count=len(terms),
        terms=_term_links(terms, src),
        index_link=relative_src(src, INDEX_SRC),
    )


def level_lessons_section(env: Environment, level: Level) -> str:
    groups = [
        (module, [_lesson_link(lesson, level.path) for lesson in lessons])
        for module, lessons in level.grouped_lessons()
    ]
    return render(env, "level_lessons.md.j2", groups=groups) if groups else ""


def lesson_terms_section(env: Environment, registry: Registry, lesson_path: str) -> str:
    terms = registry.terms_for_lesson(lesson_path)
    return render(env, "lesson_terms.md.j2", terms=_term_links(terms, lesson_path)) if terms else ""


def early_access_page(env: Environment, registry: Registry) -> str:
    terms = [t for t in registry.terms_sorted() if t.early_access]
    lessons = [
        lesson for level in registry.levels for lesson in level.lessons if lesson.early_access
    ]
    return render(
        env,
        "early_access.md.j2",
        terms=_term_links(terms, EARLY_ACCESS_SRC),
        lessons=[_lesson_link(lesson, EARLY_ACCESS_SRC) for lesson in lessons],
    )


def card_terms(
    registry: Registry, page_urls: Mapping[str, str]
) -> Callable[[str], CardTerm | None]:
    """What a `::term[slug]` card shows: None for a term this build leaves out."""

    def card(slug: str) -> CardTerm | None:
        term, url = registry.terms.get(slug), page_urls.get(term_src(slug))
        return None if term is None or url is None else CardTerm(term, url)

    return card
