"""The registry: every term, alias, category, level and lesson, validated together per build."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml

from termweave.source.blocks import check_content, check_entries
from termweave.source.content import Lesson, Level, load_levels
from termweave.source.entry import load_entry
from termweave.source.model import Term, slugify
from termweave.source.problems import Problem, Severity, did_you_mean
from termweave.source.yamlsource import mapping_items, position, read_document

CATEGORIES_FILE = "_categories.yml"


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    description: str


@dataclass
class Registry:
    """Everything the pages are made from. Built by `load_registry`; read-only afterwards: the
    lookups below are computed once and cached, because a build asks them once per page (a
    fresh computation each time made the build quadratic in the number of terms)."""

    terms: dict[str, Term]
    categories: dict[str, Category]
    levels: list[Level]
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def lessons(self) -> dict[str, Lesson]:
        return {lesson.path: lesson for level in self.levels for lesson in level.lessons}

    def level(self, slug: str) -> Level | None:
        return next((level for level in self.levels if level.slug == slug), None)

    @cached_property
    def _sorted(self) -> tuple[Term, ...]:
        return tuple(sorted(self.terms.values(), key=lambda t: (t.term.casefold(), t.slug)))

    @cached_property
    def _by_lesson(self) -> dict[str, tuple[Term, ...]]:
        found: dict[str, list[Term]] = {}
        for term in self._sorted:
            for path in term.lessons:
                found.setdefault(path, []).append(term)
        return {path: tuple(terms) for path, terms in found.items()}

    def terms_sorted(self) -> list[Term]:
        """By name, case-insensitively (then slug)."""
        return list(self._sorted)

    def terms_for_lesson(self, lesson_path: str) -> list[Term]:
        """The entries whose `lessons:` name this lesson, by name."""
        return list(self._by_lesson.get(lesson_path, ()))

    def lessons_for_term(self, term: Term) -> list[Lesson]:
        lessons = self.lessons
        return [lessons[path] for path in term.lessons if path in lessons]

    def without_early_access(self) -> Registry:
        """The public registry: early-access terms, levels, lessons and references to them gone."""
        levels = [
            Level(
                **{**vars(level), "lessons": tuple(x for x in level.lessons if not x.early_access)}
            )
            for level in self.levels
            if not level.early_access
        ]
        public_lessons = {lesson.path for level in levels for lesson in level.lessons}
        public = {slug for slug, term in self.terms.items() if not term.early_access}
        terms = {
            slug: Term(
                **{
                    **{k: getattr(term, k) for k in term.__dataclass_fields__},
                    "related": tuple(r for r in term.related if r in public),
                    "lessons": tuple(p for p in term.lessons if p in public_lessons),
                }
            )
            for slug, term in self.terms.items()
            if slug in public
        }
        return Registry(
            terms=terms, categories=self.categories, levels=levels, problems=self.problems
        )


def load_categories(
    glossary_dir: Path, display_root: str
) -> tuple[dict[str, Category], list[Problem]]:
    display = f"{display_root}/{CATEGORIES_FILE}"
    path = glossary_dir / CATEGORIES_FILE
    if not path.is_file():
        return {}, [
            Problem(
                display,
                1,
                0,
                "file is missing: declare the categories here, "
                "one 'Name: one-line description' per line",
            )
        ]
    document, problems = read_document(path, display)
    if document is None or document.root is None:
        return {}, problems
    pairs, problems = mapping_items(document.root, display, "the categories file")
    categories: dict[str, Category] = {}
    for key, value in pairs:
        if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
            where = position(value)
            problems.append(
                Problem(
                    display,
                    where.line,
                    where.column,
                    f"category '{key.value}' needs a one-line description",
                )
            )
            continue
        categories[key.value] = Category(key.value, slugify(key.value), value.value.strip())
    return categories, problems


def _check_terms(
    terms: dict[str, Term],
    all_slugs: set[str],
    categories: dict[str, Category],
    lessons: set[str],
    demo_ids: Collection[str] | None = None,
) -> Iterable[Problem]:
    """Checks that need every entry at once: references, collisions, categories."""
    seen_names: dict[str, tuple[Term, str]] = {}
    for term in sorted(terms.values(), key=lambda t: t.slug):

        def problem(key: str, message: str, term: Term = term) -> Problem:
            where = term.position(key)
            return Problem(term.source, where.line, where.column, message)

        if term.category not in categories:
            yield problem(
                "category",
                f"unknown category '{term.category}'"
                f"{did_you_mean(term.category, categories)}; declared in _categories.yml: "
                f"{', '.join(sorted(categories)) or 'none'}",
            )
        for index, slug in enumerate(term.related):
            if slug == term.slug:
                yield problem(f"related[{index}]", "an entry cannot be related to itself")
            elif slug not in all_slugs:
                yield problem(
                    f"related[{index}]",
                    f"unknown related entry '{slug}'{did_you_mean(slug, all_slugs)}",
                )
        for index, demo in enumerate(term.demos):
            if demo_ids is not None and demo not in demo_ids:
                yield problem(
                    f"demos[{index}]",
                    f"unknown demo '{demo}'{did_you_mean(demo, demo_ids)}; known: "
                    f"{', '.join(sorted(demo_ids))}",
                )
        for index, path in enumerate(term.lessons):
            if path not in lessons:
                yield problem(
                    f"lessons[{index}]",
                    f"unknown lesson '{path}' (no content/{path}){did_you_mean(path, lessons)}",
                )
        own: set[str] = set()
        for index, name in enumerate(term.names):
            key = name.casefold()
            where = "term" if index == 0 else f"aliases[{index - 1}]"
            if key in own:
                yield problem(where, f"'{name}' is listed twice among this entry's names")
                continue
            own.add(key)
            if key in seen_names:
                other, other_where = seen_names[key]
                line = other.position(other_where).line
                yield problem(
                    where,
                    f"'{name}' collides with '{other.term}' in "
                    f"{other.source}:{line}; a name may belong to one entry only",
                )
            else:
                seen_names[key] = (term, where)


def _check_early_access(terms: dict[str, Term], lessons: dict[str, Lesson]) -> Iterable[Problem]:
    for term in terms.values():
        listed = [lessons[p] for p in term.lessons if p in lessons]
        if not term.early_access and listed and all(lesson.early_access for lesson in listed):
            where = term.position("lessons")
            yield Problem(
                term.source,
                where.line,
                where.column,
                "entry is public but all its lessons are early access; it will have no "
                "lesson in a production build",
                Severity.WARNING,
            )


def _name(path: Path) -> str:
    """Sort key: one folder's paths sort as their names, and strings compare faster."""
    return path.name


def _load_entry(entry: tuple[Path, str], today: date) -> tuple[Term | None, list[Problem]]:
    path, display = entry
    if path.suffix != ".yml":
        return None, [Problem(display, 1, 0, "entries end in .yml; rename the file")]
    return load_entry(path, display, today)


Loaded = tuple[Term | None, list[Problem]]
# path -> (what the file was when loaded, what it gave): kept by `make serve`'s preview
EntryCache = dict[str, tuple[tuple[object, ...], Loaded]]
# Set only while the preview builds (`termweave.preview`): a build of `make build` loads every
# entry afresh, and nothing is kept between builds outside the preview's own object.
ENTRY_CACHE: ContextVar[EntryCache | None] = ContextVar("termweave_entry_cache", default=None)


def _load_cached(entries: list[tuple[Path, str]], today: date, cache: EntryCache) -> list[Loaded]:
    """Each entry as loaded before when its file is the same (inode, size, modification
    time), else loaded now; the cache is left holding exactly these files."""
    loaded: list[Loaded] = []
    kept: EntryCache = {}
    for path, display in entries:
        try:
            stat = path.stat()
        except OSError:
            stat = None
        key = (display, today, *((stat.st_ino, stat.st_size, stat.st_mtime_ns) if stat else ()))
        hit = cache.get(str(path))
        if hit is not None and hit[0] == key and stat is not None:
            result = hit[1]
        else:
            result = _load_entry((path, display), today)
        kept[str(path)] = (key, result)
        loaded.append((result[0], list(result[1])))
    cache.clear()
    cache.update(kept)
    return loaded


def load_registry(
    glossary_dir: Path,
    content_dir: Path,
    *,
    today: date | None = None,
    glossary_display: str = "glossary",
    content_display: str = "content",
    demo_ids: Collection[str] | None = None,
) -> Registry:
    """Load and validate everything; problems are collected, never raised."""
    today = today or date.today()
    categories, problems = load_categories(glossary_dir, glossary_display)
    levels, level_problems = (
        load_levels(content_dir, content_display) if content_dir.is_dir() else ([], [])
    )
    problems.extend(level_problems)
    terms: dict[str, Term] = {}
    files = sorted(
        (p for p in glossary_dir.glob("*.y*ml") if not p.name.startswith("_")), key=_name
    )
    entries = [(path, f"{glossary_display}/{path.name}") for path in files]
    cache = ENTRY_CACHE.get()
    if cache is None:
        loaded = [_load_entry(entry, today=today) for entry in entries]
    else:
        loaded = _load_cached(entries, today, cache)
    for term, entry_problems in loaded:
        problems.extend(entry_problems)
        if term is not None:
            terms[term.slug] = term
    lessons = {lesson.path: lesson for level in levels for lesson in level.lessons}
    all_slugs = {p.stem for p in files}
    problems.extend(_check_terms(terms, all_slugs, categories, set(lessons), demo_ids))
    problems.extend(_check_early_access(terms, lessons))
    problems.extend(check_entries(terms.values(), glossary_dir, all_slugs))
    if content_dir.is_dir():
        problems.extend(check_content(content_dir, content_display, all_slugs))
    return Registry(terms=terms, categories=categories, levels=levels, problems=problems)
