"""Cross-linking: one Aho-Corasick automaton of every name of every term, run over the prose of
each page, wraps mentions in anchors and reports which terms the page mentions (for back-links).

The automaton is built once per build and each text piece of a page is scanned once, so the cost
grows with the amount of text, not with terms × pages. Only anchors are inserted into the source
HTML: what a reader sees is unchanged, and so are headings, their ids and the table of contents.

Rules, in the order they apply to a candidate:
* a name is the term, an alias, or a plural of either (`inflect.plurals`), compared with runs of
  whitespace as one space and entities decoded;
* whole words only, combining marks included (`wordchars`); a hyphen joins words, so
  'fine-tuning' is no mention of 'tuning';
* a name written with composed or decomposed accents (NFC or NFD) is the same name;
* names written in capitals (`inflect.is_acronym`: 'LR', 'GPU') match only as written; other
  names match in any case;
* leftmost, then longest, wins and hides the names inside it ('Bayesian optimisation' is one
  mention, never also 'optimisation'), even when it is not linked;
* a term card (`htmltext.card_slugs`) is a mention of its term, though it adds no link;
* never in excluded elements or elements marked `class="no-autolink"` / `data-autolink="off"`
  (see `htmltext`); a text piece between two tags is matched on its own.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

import ahocorasick

from termweave.links.htmltext import (
    bare_ampersand_before,
    card_slugs,
    decode,
    prose_pieces,
    whitespace_runs,
)
from termweave.links.inflect import is_acronym, plurals
from termweave.links.wordchars import separators_as_spaces as _separators_as_spaces
from termweave.links.wordchars import spellings
from termweave.pages.relurls import RelativeUrls, split_path

LINK_CLASS = "tw-term"
PREVIEWS_ID = "tw-previews"
PREVIEWS_START = (
    f'<div id="{PREVIEWS_ID}" hidden data-pagefind-ignore data-previews="'  # how the payload begins
)
# (slug, the form as written when only that spelling matches (acronyms) else None, lowercase form)
_Entry = tuple[str, str | None, str]
_OTHER_WHITESPACE = "\n\t\r\f\xa0"  # what `htmltext.decode` reads as a space, besides a space
_TO_DECODE = re.compile("&|  ")  # what else it changes, once those are spaces


@dataclass(frozen=True, slots=True)
class LinkTarget:
    slug: str
    names: tuple[str, ...]  # the term and its aliases as the author wrote them
    url: str  # site-root-relative URL of the term page, e.g. "glossary/learning-rate/"
    title: str  # display name
    summary: str  # plain text; may contain " < & and is escaped wherever it is written


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """Where a page's anchors go, worked out in one pass over its HTML, and what it mentions.
    Kept apart from inserting them (`apply`) so mentions can be collected early while the
    anchors are added late: after the search plugin has read the page, which then need not
    parse them (the index text is the same either way). Kept for every page until it is
    written, so it holds only tuples of strings and ints, which the garbage collector stops
    tracking."""

    anchors: tuple[tuple[int, int, str], ...]  # (start, stop, open tag) in the HTML, in order
    mentioned: tuple[str, ...]  # terms mentioned in linkable prose, linked or not (back-links)
    linked: tuple[str, ...]  # terms that got an anchor here (what the previews payload needs)

    def apply(self, html: str) -> str:
        """`html` (the very text the plan was made from) with the anchors inserted."""
        if not self.anchors:
            return html
        parts: list[str] = []
        cursor = 0
        for start, stop, open_tag in self.anchors:
            parts += (html[cursor:start], open_tag, html[start:stop], "</a>")
            cursor = stop
        parts.append(html[cursor:])
        return "".join(parts)


@dataclass(frozen=True)
class LinkResult:
    html: str
    mentioned: frozenset[str]  # terms mentioned in linkable prose, linked or not (back-links)
    linked: frozenset[str]  # terms that got an anchor here (what the previews payload needs)


@dataclass
class _Page:
    """What one `link_html` call accumulates."""

    page_url: str
    urls: RelativeUrls
    mentioned: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)
    open_tags: dict[str, str] = field(default_factory=dict)


class Linker:
    """Links mentions of `targets` in page HTML. Build once per build; `link_html` per page."""

    def __init__(self, targets: Iterable[LinkTarget], *, link_all: bool = False) -> None:
        self.targets: dict[str, LinkTarget] = {t.slug: t for t in targets}
        self.link_all = link_all
        self._matcher: tuple[ahocorasick.Automaton | None, int] | None = None  # see `_compiled`
        # Per target, what every anchor to it needs: its URL split once, its slug escaped once;
        # and its member of the previews payload, encoded and escaped once.
        self._hrefs = {
            t.slug: (t.url, split_path(t.url), html_lib.escape(t.slug))
            for t in self.targets.values()
        }
        self._preview_items = {t.slug: _preview_item(t) for t in self.targets.values()}
        self._tags: dict[str, str] = {}

    def link_html(
        self, html: str, *, page_url: str, self_slug: str | None = None, opt_out: bool = False
    ) -> LinkResult:
        """Link mentions in a page's HTML (MkDocs `page.content`); hrefs are relative to
        `page_url` (MkDocs `page.url`). Mentions count only where a link could go (not in
        headings, code, links...). `self_slug`: the term whose own page this is; it is never
        linked nor reported. `opt_out` (the page's front-matter switch) adds no link but still
        reports mentions, so the page keeps its place in the terms' back-links; a caller that
        wants none ignores `mentioned`."""
        plan = self.plan(html, page_url=page_url, self_slug=self_slug, opt_out=opt_out)
        return LinkResult(plan.apply(html), frozenset(plan.mentioned), frozenset(plan.linked))

    def plan(
        self, html: str, *, page_url: str, self_slug: str | None = None, opt_out: bool = False
    ) -> LinkPlan:
        """What `link_html` does, without inserting the anchors yet (see `LinkPlan`)."""
        automaton, _ = self._compiled()
        if automaton is None:
            return LinkPlan((), (), ())
        page = _Page(page_url, RelativeUrls(page_url))
        texts, origins = prose_pieces(html)
        if "\0" in html:  # NUL joins the pieces below: one in the text must not split them
            texts = [text.replace("\0", "\ufffd") for text in texts]
        # One pass over all the page's prose; NUL between pieces is a word boundary no name has.
        # A lone whitespace character reads as a space (the same length, so positions hold);
        # only pieces with an entity or a run of spaces are decoded, each with a map.
        joined = "\0".join(texts)
        for char in _OTHER_WHITESPACE:
            if char in joined:
                joined = joined.replace(char, " ")
        bases = _bases(texts)
        maps: dict[int, list[int]] = {}
        pieces: set[int] = set()
        if "&" in joined or "  " in joined:  # rare, and `in` is much faster than a regex
            pieces = {bisect_right(bases, m.start()) - 1 for m in _TO_DECODE.finditer(joined)}
        if pieces:
            texts = joined.split("\0")
            for piece in pieces:
                if texts[piece].isspace():  # no mention fits: left out, no map needed
                    texts[piece] = ""
                    continue
                texts[piece], offsets = decode(texts[piece])
                if offsets is not None:
                    maps[piece] = offsets
            bases, joined = _bases(texts), "\0".join(texts)
        anchors: list[tuple[int, int, str]] = []
        for start, stop, slug in self._matches(joined):
            if slug == self_slug:
                continue
            page.mentioned.add(slug)
            if opt_out or (slug in page.linked and not self.link_all):
                continue
            piece = bisect_right(bases, start) - 1
            base, offsets, origin = bases[piece], maps.get(piece), origins[piece]
            local_start, local_stop = start - base, stop - base
            if offsets is not None:
                local_start, local_stop = offsets[local_start], offsets[local_stop]
            raw_start, raw_stop = origin + local_start, origin + local_stop
            if bare_ampersand_before(html, raw_start):
                continue
            anchors.append((raw_start, raw_stop, self._open_tag(slug, page)))
            page.linked.add(slug)
        page.mentioned.update(slug for slug in card_slugs(html) if slug != self_slug)
        return LinkPlan(tuple(anchors), tuple(page.mentioned), tuple(page.linked))

    def previews_html(self, linked: Iterable[str]) -> str:
        """One hidden element holding {slug: {title, summary}} for the terms linked on a page
        ('' when none), for preview.js. It sits in the page content so Material's instant
        navigation swaps it with the page; it is an attribute, not a <script>, because instant
        navigation re-creates content scripts as JavaScript, and the search index ignores
        attributes. The JSON is attribute-escaped, so no summary can end the attribute or start
        markup. Each term's member is encoded once per build (`_preview_item`), not per page."""
        items = self._preview_items
        fragments = [items[slug] for slug in sorted(set(linked)) if slug in items]
        if not fragments:
            return ""
        return f'{PREVIEWS_START}{{{",".join(fragments)}}}"></div>'

    def share_matcher(self, other: Linker) -> None:
        """Use `other`'s automaton, built or not: for a linker whose targets have the same
        names and slugs (the preview's, when only a title or summary changed)."""
        self._matcher = other._matcher

    def _compiled(self) -> tuple[ahocorasick.Automaton | None, int]:
        """The automaton and the length of the shortest name, built on first use: a linker
        that plans no page (the preview's, when every kept plan is still valid) never builds it."""
        if self._matcher is None:
            self._matcher = _build(self.targets.values())
        return self._matcher

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, stop, slug) of the mentions in decoded text: whole words, case rules,
        leftmost-longest, no overlaps. Overlaps are settled as hits arrive,
        in one pass: no list of every hit to sort (names inside longer names are many)."""
        automaton, shortest = self._compiled()
        if automaton is None or len(text) < shortest:
            return []
        lower = _lower(text)
        padded = f" {_separators_as_spaces(lower)} "
        kept: list[tuple[int, int, str]] = []
        for end, (length, entries) in automaton.iter(padded):
            start = end - length - 1  # the key is the form between two separators
            # Hits arrive by where they end, so every kept mention ends at or before this one:
            # those starting at or after it lie inside it; the one before may overlap it.
            first = len(kept)
            while first and kept[first - 1][0] >= start:
                first -= 1
            if first and kept[first - 1][1] > start:
                continue  # a mention further left covers its start: leftmost wins
            stop = start + length
            for slug, exact, form in entries:
                if text[start:stop] == exact if exact else lower[start:stop] == form:
                    del kept[first:]  # longer and further left than those it covers
                    kept.append((start, stop, slug))
                    break
        return kept

    def _open_tag(self, slug: str, page: _Page) -> str:
        tag = page.open_tags.get(slug)
        if tag is None:
            url, parts, safe_slug = self._hrefs[slug]
            href = html_lib.escape(page.urls(url, parts))
            tag = f'<a class="{LINK_CLASS}" href="{href}" data-term="{safe_slug}">'
            # one copy of each distinct tag per build: plans keep them until the page is written
            tag = page.open_tags[slug] = self._tags.setdefault(tag, tag)
        return tag


def _build(targets: Iterable[LinkTarget]) -> tuple[ahocorasick.Automaton | None, int]:
    """One automaton over every form of every name, lowercased and with word separators as
    spaces, between two spaces: so it only reports whole words, without a check per hit.
    Each key keeps its candidates (acronyms first, then authored names before derived plurals).
    None when there is no name."""
    targets = list(targets)
    authored = {whitespace_runs(name).lower() for target in targets for name in target.names} - {""}
    candidates: dict[str, dict[_Entry, int]] = {}
    for target in targets:
        for name in target.names:
            written = whitespace_runs(name)
            if not written:
                continue
            acronym = is_acronym(written)
            forms = [(written, 0)]
            forms += [(p, 1) for p in plurals(written) if p.lower() not in authored]
            for form, rank in [(s, r) for f, r in forms for s in spellings(f)]:
                lower = _lower(form)
                entry = (target.slug, form if acronym else None, lower)
                ranks = candidates.setdefault(f" {_separators_as_spaces(lower)} ", {})
                ranks[entry] = min(rank, ranks.get(entry, rank))
    if not candidates:
        return None, 0
    automaton = ahocorasick.Automaton()
    for key, ranks in candidates.items():
        entries = sorted(ranks, key=lambda e: (e[1] is None, ranks[e], e[0], e[2]))
        automaton.add_word(key, (len(key) - 2, tuple(entries)))
    automaton.make_automaton()
    return automaton, min(len(key) - 2 for key in candidates)


def _bases(pieces: list[str]) -> list[int]:
    """Where each piece starts in `"\\0".join(pieces)` (in C: no Python step per piece)."""
    return list(map(add, accumulate(map(len, pieces[:-1]), initial=0), range(len(pieces))))


def _lower(text: str) -> str:
    """Lowercase with the same length, so indices stay valid ('İ' lowers to two characters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _preview_item(target: LinkTarget) -> str:
    """`"slug":{"title":…,"summary":…}`, JSON- then attribute-escaped: both escapes work
    character by character, so the payload can be joined from these pieces."""
    value = {"title": target.title, "summary": target.summary}
    text = f"{json.dumps(target.slug, ensure_ascii=False)}:" + json.dumps(
        value, ensure_ascii=False, separators=(",", ":")
    )
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return html_lib.escape(text, quote=True)


_JSON_ESCAPES = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
