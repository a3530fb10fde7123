"""Which pages the search index holds, what it records about each, and the HTML handed to
Pagefind: only the article of an indexed page, which carries `data-pagefind-body`.

Indexed: term pages, lessons, levels and the home page. Left out: the A–Z pages, category pages,
the early-access and review-status pages and the 404 page (lists of the same terms, or chrome,
which would push real answers down). Inside a page, anything marked `data-pagefind-ignore`
(back-links, previews payload, demo code and controls, term cards, self-check answers) is left
out by Pagefind itself."""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from termweave.search.stopwords import without_stop_words
from termweave.source.registry import Registry

ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'
# The bundle's files the reader's browser never asks for (Pagefind's ready-made UIs, and the
# WASM for pages without a language): left out of the site
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)
KIND_LABELS = {"term": "Glossary term", "lesson": "Lesson", "level": "Level", "page": "Page"}


@dataclass(frozen=True)
class SearchRecord:
    """What a search result shows about a page besides its title and excerpt."""

    kind: str  # term, lesson, level or page
    group: str  # a term's category, a lesson's level; '' otherwise
    early: bool
    summary: str = ""  # a term's summary, a lesson's or level's description: what a result shows

    def attributes(self) -> str:
        """The article's attributes: body, filter and metadata (values read from attributes,
        so no category name needs Pagefind's own escaping)."""
        meta = "kind[data-tw-kind], group[data-tw-group]"
        if self.early:
            meta += ", early[data-tw-early]"
        if self.summary:
            meta += ", summary[data-tw-summary]"
        parts = [
            "data-pagefind-body",
            'data-pagefind-filter="kind[data-tw-kind]"',
            f'data-pagefind-meta="{meta}"',
            f'data-tw-kind="{self.kind}"',
            f'data-tw-group="{html.escape(self.group)}"',
        ]
        if self.early:
            parts.append('data-tw-early="1"')
        if self.summary:
            parts.append(f'data-tw-summary="{html.escape(self.summary)}"')
        return " ".join(parts)


def page_record(
    registry: Registry, src_uri: str, term_slug: str | None, early: bool
) -> SearchRecord | None:
    """The record of an indexed page; None for a page the index leaves out."""
    if term_slug is not None:
        term = registry.terms[term_slug]
        return SearchRecord("term", term.category, early, term.summary)
    lesson = registry.lessons.get(src_uri)
    if lesson is not None:
        level = registry.level(lesson.level)
        return SearchRecord("lesson", level.title if level else "", early, lesson.description)
    for level in registry.levels:
        if level.path == src_uri:
            return SearchRecord("level", "", early, level.description)
    if src_uri == "index.md":
        return SearchRecord("page", "", early)
    return None


def mark_article(output: str, record: SearchRecord) -> str:
    """The page's HTML with its article marked as the part Pagefind indexes."""
    start = output.find(ARTICLE_OPEN)
    if start < 0:
        return output
    opened = f'<article class="md-content__inner md-typeset" {record.attributes()}>'
    return f"{output[:start]}{opened}{output[start + len(ARTICLE_OPEN) :]}"


def article_document(output: str, language: str) -> str | None:
    """The marked article alone, as a document Pagefind reads (a tenth of the page: the
    navigation, header and scripts are never looked at), its text without the commonest words
    (`stopwords`); None when the page has none."""
    start = output.find("<article ")
    end = output.rfind("</article>")
    if start < 0 or end < start or "data-pagefind-body" not in output[start : start + 600]:
        return None
    lang = html.escape(language)
    article = without_stop_words(output[start : end + len("</article>")])
    return f'<html lang="{lang}"><head></head><body>{article}</body></html>'


def tidy_bundle(bundle: Path) -> None:
    """Remove the bundle's files no reader fetches."""
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    shutil.rmtree(bundle / "playground", ignore_errors=True)
