"""What an edit can change, from the registry before and after it: which generated pages must
have their Markdown made again (and compared), and which link targets changed. Rules err on the
side of more pages: a page made again with the same Markdown is not read again."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from termweave.links.autolink import LinkTarget
from termweave.links.inflect import plurals
from termweave.pages.generated import (
    EARLY_ACCESS_SRC,
    INDEX_SRC,
    LETTERS_DIR,
    category_src,
    index_letter,
    letter_src,
    term_src,
)
from termweave.pages.review import REVIEW_STATUS_SRC
from termweave.source.model import Term
from termweave.source.registry import Registry

KNOWN_LISTS = (INDEX_SRC, REVIEW_STATUS_SRC, EARLY_ACCESS_SRC)
KNOWN_PREFIXES = ("glossary/category/", f"{LETTERS_DIR}/")
_WORD = re.compile(r"\w+")


def _card(term: Term | None) -> tuple[object, ...] | None:
    """What another term's page shows of a term (related terms, lists)."""
    if term is None:
        return None
    return (term.term, term.summary, term.early_access)


def _listed(term: Term | None) -> tuple[object, ...] | None:
    """What the lists (A–Z, letters, categories, early access, review status) show of a term."""
    if term is None:
        return None
    return (term.term, term.summary, term.category, term.early_access, term.last_reviewed)


@dataclass(frozen=True)
class RegistryChanges:
    """Generated pages to make again: term pages, and which of the lists."""

    term_pages: frozenset[str]  # source paths of term pages
    lists: frozenset[str]  # source paths of list pages (A–Z, letters, categories, review...)
    other_lists: bool  # any list page not named in `lists` (one this module does not know)

    def remade(self, src_uri: str, is_term_page: bool) -> bool:
        """A generated page whose Markdown these changes may have changed."""
        if is_term_page:
            return src_uri in self.term_pages
        if src_uri in KNOWN_LISTS or src_uri.startswith(KNOWN_PREFIXES):
            return src_uri in self.lists
        return self.other_lists


def registry_changes(old: Registry, new: Registry) -> RegistryChanges:
    slugs = old.terms.keys() | new.terms.keys()
    changed = {s for s in slugs if old.terms.get(s) != new.terms.get(s)}
    carded = {s for s in changed if _card(old.terms.get(s)) != _card(new.terms.get(s))}
    listed = {s for s in changed if _listed(old.terms.get(s)) != _listed(new.terms.get(s))}
    lessons = old.lessons.keys() | new.lessons.keys()
    changed_lessons = {p for p in lessons if old.lessons.get(p) != new.lessons.get(p)}
    changed_levels = {lv.slug for lv in old.levels} ^ {lv.slug for lv in new.levels}
    old_levels = {lv.slug: lv for lv in old.levels}
    changed_levels |= {lv.slug for lv in new.levels if old_levels.get(lv.slug) != lv}
    changed_categories = {
        name
        for name in old.categories.keys() | new.categories.keys()
        if old.categories.get(name) != new.categories.get(name)
    }
    pages = set(changed)
    for term in new.terms.values():
        if (
            carded.intersection(term.related)
            or changed_lessons.intersection(term.lessons)
            or term.category in changed_categories
            or any(_level_of(path) in changed_levels for path in term.lessons)
        ):
            pages.add(term.slug)
    lists = _lists(old, new, listed, changed_categories, bool(changed_lessons or changed_levels))
    other = bool(listed or changed_lessons or changed_levels or changed_categories)
    return RegistryChanges(frozenset(term_src(s) for s in pages), frozenset(lists), other)


def _lists(
    old: Registry, new: Registry, listed: set[str], categories_changed: set[str], lessons: bool
) -> set[str]:
    """The list pages that show what changed. Letter pages show their terms and which
    letters have any; the A–Z index the counts by category; the review status every term's name,
    category and date; the early-access page its terms and lessons."""
    terms = [(r, r.terms[s]) for r in (old, new) for s in listed if s in r.terms]
    lists: set[str] = set()
    if categories_changed:
        lists |= {category_src(c) for c in {*old.categories.values(), *new.categories.values()}}
    else:
        lists |= {category_src(r.categories[t.category]) for r, t in terms}
    # every letter page and the index show which letters have terms
    used_letters = [{index_letter(t.term) for t in r.terms.values()} for r in (old, new)]
    if used_letters[0] != used_letters[1]:
        lists |= {letter_src(label) for label in used_letters[0] | used_letters[1]}
    lists |= {letter_src(index_letter(t.term)) for _, t in terms}
    counts = [sorted((t.slug, t.category) for t in r.terms.values()) for r in (old, new)]
    if counts[0] != counts[1] or categories_changed or used_letters[0] != used_letters[1]:
        lists.add(INDEX_SRC)
    if any(_reviewed(old.terms.get(s)) != _reviewed(new.terms.get(s)) for s in listed):
        lists.add(REVIEW_STATUS_SRC)
    if lessons or any(t.early_access for _, t in terms):
        lists.add(EARLY_ACCESS_SRC)
    return lists


def _reviewed(term: Term | None) -> tuple[object, ...] | None:
    return None if term is None else (term.term, term.category, term.last_reviewed)


def _level_of(lesson_path: str) -> str:
    return lesson_path.split("/", 1)[0]


@dataclass(frozen=True)
class TargetChanges:
    """How the link targets changed: those whose matching changed (names, URL, added,
    removed) and those whose preview card changed (title, summary)."""

    matching: frozenset[str]
    cards: frozenset[str]
    probes: tuple[str, ...] | None  # words a page must contain to mention a new name; None: any

    def may_mention(self, html: str) -> bool:
        """False only when the page cannot mention any new or changed name."""
        if not self.matching:
            return False
        if self.probes is None:
            return True
        text = html_lib.unescape(html) if "&" in html else html  # `caf&eacute;` is a word
        lower = text.lower()
        return any(probe in lower for probe in self.probes)


def target_changes(old: Mapping[str, LinkTarget], new: Mapping[str, LinkTarget]) -> TargetChanges:
    matching: set[str] = set()
    cards: set[str] = set()
    for slug in old.keys() | new.keys():
        before, after = old.get(slug), new.get(slug)
        if before == after:
            continue
        if (
            before is None
            or after is None
            or (before.names, before.url) != (after.names, after.url)
        ):
            matching.add(slug)
        else:
            cards.add(slug)
    return TargetChanges(
        frozenset(matching),
        frozenset(cards),
        _probes(new[s].names for s in sorted(matching) if s in new),
    )


def _probes(names: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """For each form of each name (plurals too), its longest word, lowercased: a page that
    mentions the form has that word in its HTML, once references are decoded. None when a form has
    no word at all."""
    probes: set[str] = set()
    for group in names:
        for name in group:
            for form in (name, *plurals(name)):
                words = _WORD.findall(form.lower())
                if not words:
                    return None
                probes.add(max(words, key=len))
    return tuple(sorted(probes))
