"""Content health: the checks behind `scripts/check.py`. Pure functions over a validated
Registry and the Markdown files; nothing here needs a build."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from termweave.authoring import mdscan
from termweave.pages.generated import EARLY_ACCESS_SRC, INDEX_SRC, category_src, term_src
from termweave.pages.review import REVIEW_STATUS_SRC, review_schedule
from termweave.source.blocks import QuizBlock, scan
from termweave.source.model import Term
from termweave.source.problems import Severity, did_you_mean
from termweave.source.registry import Registry

RESERVED_SLUGS = {"index": INDEX_SRC, "review-status": REVIEW_STATUS_SRC}
TOOLTIP_LIMIT = 300
PLACEHOLDER = "TODO:"  # what scripts/new_term.py and new_lesson.py leave for the author
_PLACEHOLDER_RE = re.compile(r"\bTODO:")
_TEXT_KEYS = ("summary", "body", "why_it_matters")
CODES: dict[str, str] = {  # report order and section titles
    "validation": "Validation problems",
    "reserved_slug": "Entry file names that collide with generated pages",
    "placeholder": "Placeholder text still to replace",
    "broken_link": "Links that point nowhere",
    "due_for_review": "Due for review (oldest first)",
    "related_not_mutual": "Related links that are not mutual",
    "unmentioned_term": "Terms that no page mentions or links",
    "lesson_without_terms": "Lessons that link no term",
    "lesson_without_questions": "Lessons without self-check questions",
    "summary_too_long": f"Summaries too long for a tooltip (over {TOOLTIP_LIMIT} characters)",
}


@dataclass(frozen=True)
class Finding:
    code: str  # a key of CODES
    severity: Severity
    path: str  # as shown to authors, e.g. 'glossary/epoch.yml'
    line: int
    message: str
    subject: str  # the entry's slug or the page's path under content/

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class Sources:
    """Where the checks read files, and how those paths are shown to authors."""

    glossary_dir: Path
    content_dir: Path
    content_display: str = "content"


def content_pages(content_dir: Path) -> dict[str, str]:
    """Every Markdown page under content/ by its path there, e.g. 'basics/index.md'."""
    if not content_dir.is_dir():
        return {}
    return {
        path.relative_to(content_dir).as_posix(): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(content_dir.rglob("*.md"))
    }


def check_content(
    registry: Registry, sources: Sources, today: date, period_months: int
) -> list[Finding]:
    """Every finding for an error-free registry, in report order."""
    pages = content_pages(sources.content_dir)
    findings = [
        *_reserved(registry),
        *_placeholders(registry, pages, sources),
        *_broken_links(registry, pages, sources),
        *_due(registry, today, period_months),
        *_not_mutual(registry),
        *_reach(registry, pages, sources),
        *_without_questions(registry, pages, sources),
        *_long_summaries(registry),
    ]
    order = list(CODES)
    return sorted(findings, key=lambda f: order.index(f.code))  # stable: keeps each code's order


def _entry(code: str, term: Term, key: str, message: str, severity: Severity) -> Finding:
    return Finding(code, severity, term.source, term.position(key).line, message, term.slug)


def _reserved(registry: Registry) -> Iterator[Finding]:
    for slug, generated in RESERVED_SLUGS.items():
        if slug in registry.terms:
            message = f"'{slug}.yml' would replace the generated page {generated}; rename the file"
            yield _entry("reserved_slug", registry.terms[slug], "term", message, Severity.ERROR)


def _placeholders(registry: Registry, pages: dict[str, str], sources: Sources) -> Iterator[Finding]:
    for term in sorted(registry.terms.values(), key=lambda t: t.slug):
        for key in _TEXT_KEYS:
            if _PLACEHOLDER_RE.search(getattr(term, key)):
                message = f"'{key}' still holds the {PLACEHOLDER} text of a new entry"
                line = _entry_line(sources, term, key, PLACEHOLDER)
                yield Finding("placeholder", Severity.ERROR, term.source, line, message, term.slug)
    for path, text in pages.items():
        lines = mdscan.prose(text, keep_front_matter=True).splitlines()
        number = next((n for n, line in enumerate(lines, 1) if _PLACEHOLDER_RE.search(line)), 0)
        number = number or _placeholder_in_quiz(text)
        if number:
            display = f"{sources.content_display}/{path}"
            message = f"the page still holds the {PLACEHOLDER} text of a new lesson"
            yield Finding("placeholder", Severity.ERROR, display, number, message, path)


def _placeholder_in_quiz(text: str) -> int:
    """The file line of the first placeholder inside a quiz block (prose blanks fences), or 0."""
    for block in scan(text)[0]:
        if isinstance(block, QuizBlock):
            for offset, line in enumerate(block.text.split("\n"), start=1):
                if _PLACEHOLDER_RE.search(line):
                    return block.start + offset
    return 0


def _without_questions(
    registry: Registry, pages: dict[str, str], sources: Sources
) -> Iterator[Finding]:
    """Lessons with no ```quiz block: every lesson ends by checking what it taught."""
    for path in sorted(registry.lessons):
        blocks = scan(pages.get(path, ""))[0]
        if not any(isinstance(block, QuizBlock) for block in blocks):
            message = "the lesson has no self-check question (a ```quiz block)"
            display = f"{sources.content_display}/{path}"
            yield Finding("lesson_without_questions", Severity.WARNING, display, 1, message, path)


def _entry_line(sources: Sources, term: Term, key: str, needle: str) -> int:
    """The file line of `needle` inside the value of `key` (a block scalar starts a line early)."""
    after = term.position(key).line
    path = sources.glossary_dir / f"{term.slug}.yml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return next((n for n, line in enumerate(lines, 1) if n >= after and needle in line), after)


def _generated_srcs(registry: Registry) -> set[str]:
    used = {t.category for t in registry.terms.values()}
    srcs = {term_src(slug) for slug in registry.terms} | {INDEX_SRC, REVIEW_STATUS_SRC}
    srcs |= {category_src(c) for c in registry.categories.values() if c.name in used}
    early = any(t.early_access for t in registry.terms.values()) or any(
        lesson.early_access for lesson in registry.lessons.values()
    )  # as build.has_early_access, which this module cannot import (build imports it)
    return srcs | ({EARLY_ACCESS_SRC} if early else set())


def _resolve(from_src: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_src), unquote(path)))


def _missing(resolved: str, registry: Registry, sources: Sources, generated: set[str]) -> str:
    """Why a resolved link target does not exist, or '' when it does."""
    if resolved.startswith("../") or resolved == "..":
        return f"it leads outside {sources.content_display}/"
    if resolved in generated or (sources.content_dir / resolved).is_file():
        return ""
    folder, name = posixpath.split(resolved)
    if folder == "glossary":
        slug = name[: -len(".md")]
        return f"no glossary entry '{slug}'{did_you_mean(slug, registry.terms)}"
    return f"no {sources.content_display}/{resolved}"


def _broken_links(registry: Registry, pages: dict[str, str], sources: Sources) -> Iterator[Finding]:
    generated = _generated_srcs(registry)
    for term in sorted(registry.terms.values(), key=lambda t: t.slug):
        for key in ("body", "why_it_matters"):
            for link in mdscan.links(getattr(term, key)):
                path = mdscan.page_path(link.target)
                why = path and _missing(
                    _resolve(term_src(term.slug), path), registry, sources, generated
                )
                if not why:
                    continue
                line = _entry_line(sources, term, key, link.target)
                message = f"'{key}' links to '{link.target}', which points nowhere: {why}"
                yield Finding("broken_link", Severity.ERROR, term.source, line, message, term.slug)
    for src, text in pages.items():
        for link in mdscan.links(text):
            path = mdscan.page_path(link.target)
            why = path and _missing(_resolve(src, path), registry, sources, generated)
            if why:
                display = f"{sources.content_display}/{src}"
                message = f"link to '{link.target}' points nowhere: {why}"
                yield Finding("broken_link", Severity.ERROR, display, link.line, message, src)


def _due(registry: Registry, today: date, period_months: int) -> Iterator[Finding]:
    for item in review_schedule(registry, today, period_months):
        if item.due:
            message = (
                f"{item.term.term}: last reviewed {item.term.last_reviewed.isoformat()}, "
                f"{item.age} ago (due since {item.due_on.isoformat()})"
            )
            yield _entry("due_for_review", item.term, "last_reviewed", message, Severity.WARNING)


def _not_mutual(registry: Registry) -> Iterator[Finding]:
    for term in sorted(registry.terms.values(), key=lambda t: t.slug):
        for index, slug in enumerate(term.related):
            other = registry.terms.get(slug)
            if other is not None and term.slug not in other.related:
                message = (
                    f"'{term.slug}' lists '{slug}' as related, "
                    f"but {other.source} does not list '{term.slug}'"
                )
                yield _entry(
                    "related_not_mutual", term, f"related[{index}]", message, Severity.WARNING
                )


def _glossary_links(src: str, markdown: str) -> set[str]:
    """Slugs of the entries a page links by hand: '../glossary/epoch.md' or '.../epoch/'."""
    slugs = set()
    for link in mdscan.links(markdown):
        target = link.target.split("#", 1)[0]
        path = mdscan.page_path(target.rstrip("/") + ".md" if target.endswith("/") else target)
        folder, name = posixpath.split(_resolve(src, path)) if path else ("", "")
        if folder == "glossary":
            slugs.add(name[: -len(".md")])
    return slugs


def _page_autolinks(markdown: str) -> bool:
    """False when the page's front matter switches auto-linking off."""
    head = markdown.split("\n---", 1)[0] if markdown.startswith("---") else ""
    return re.search(r"^autolink:\s*false\s*$", head, re.MULTILINE) is None


def _reach(registry: Registry, pages: dict[str, str], sources: Sources) -> Iterable[Finding]:
    """Terms nothing points at, and lessons that point at no term."""
    index = mdscan.name_index(registry.terms.values())
    linking = mdscan.name_index(t for t in registry.terms.values() if t.autolink)
    reached: set[str] = set()
    for term in registry.terms.values():
        reached.update(term.related)
        if registry.lessons_for_term(term):
            reached.add(term.slug)  # the lesson's "Terms in this lesson" links it
        for key in _TEXT_KEYS:
            text = getattr(term, key)
            found = {slug for slug, _ in mdscan.mentions(index, mdscan.prose(text))}
            reached |= (found | _glossary_links(term_src(term.slug), text)) - {term.slug}
    listed = {path for term in registry.terms.values() for path in term.lessons}
    lonely: list[Finding] = []
    for src, text in pages.items():
        plain = mdscan.prose(text)
        explicit = _glossary_links(src, text) & set(registry.terms)
        reached |= explicit | {slug for slug, _ in mdscan.mentions(index, plain)}
        if src not in registry.lessons or src in listed or explicit:
            continue
        if not _page_autolinks(text) or next(mdscan.mentions(linking, plain), None) is None:
            message = "the lesson links no glossary term: no entry lists it and it mentions none"
            display = f"{sources.content_display}/{src}"
            lonely.append(
                Finding("lesson_without_terms", Severity.WARNING, display, 1, message, src)
            )
    for term in sorted(registry.terms.values(), key=lambda t: t.slug):
        if term.slug not in reached:
            message = (
                f"{term.term}: no page mentions or links it; mention it in a lesson or another "
                "entry, list a lesson in 'lessons', or relate it from another entry"
            )
            yield _entry("unmentioned_term", term, "term", message, Severity.WARNING)
    yield from lonely


def _long_summaries(registry: Registry) -> Iterator[Finding]:
    for term in sorted(registry.terms.values(), key=lambda t: t.slug):
        if len(term.summary) > TOOLTIP_LIMIT:
            message = (
                f"the summary has {len(term.summary)} characters; a tooltip shows at most "
                f"{TOOLTIP_LIMIT}: shorten it and move the rest into 'body'"
            )
            yield _entry("summary_too_long", term, "summary", message, Severity.WARNING)
