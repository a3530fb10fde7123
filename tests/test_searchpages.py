"""What the index holds about each page, and the HTML handed to Pagefind."""

from __future__ import annotations

from pathlib import Path

from sitekit import FIXTURES
from termweave.search.records import (
    UNUSED_BUNDLE_FILES,
    SearchRecord,
    article_document,
    mark_article,
    page_record,
    tidy_bundle,
)
from termweave.source.registry import load_registry

REGISTRY = load_registry(FIXTURES / "mini" / "glossary", FIXTURES / "mini" / "content")
PAGE = (
    "<html><head><title>T</title></head><body><nav>menu</nav><main>"
    '<article class="md-content__inner md-typeset"><h1>Epoch</h1><p>x</p></article>'
    "</main><footer>f</footer></body></html>"
)


def test_indexed_pages_and_their_records() -> None:
    epoch = REGISTRY.terms["epoch"]
    assert page_record(REGISTRY, "glossary/epoch.md", "epoch", False) == SearchRecord(
        "term", "Core AI", False, epoch.summary
    )
    lesson = page_record(REGISTRY, "tuning/advanced-schedules.md", None, True)
    assert lesson == SearchRecord("lesson", "Tuning", True, "Warm-up and decay.")
    level = page_record(REGISTRY, "tuning/index.md", None, False)
    assert level == SearchRecord("level", "", False, REGISTRY.levels[1].description)
    assert level.summary
    assert page_record(REGISTRY, "index.md", None, False) == SearchRecord("page", "", False)


def test_lists_and_chrome_are_left_out() -> None:
    for src in (
        "glossary/index.md",
        "glossary/letters/e.md",
        "glossary/category/core-ai.md",
        "early-access.md",
        "glossary/review-status.md",
        "about.md",  # a page of content/ that is neither a level nor a lesson
    ):
        assert page_record(REGISTRY, src, None, False) is None, src


def test_article_marked_with_body_filter_and_meta() -> None:
    record = SearchRecord("term", 'Q&A "tools"', True)
    marked = mark_article(PAGE, record)
    assert (
        '<article class="md-content__inner md-typeset" data-pagefind-body '
        'data-pagefind-filter="kind[data-tw-kind]" '
        'data-pagefind-meta="kind[data-tw-kind], group[data-tw-group], early[data-tw-early]" '
        'data-tw-kind="term" data-tw-group="Q&amp;A &quot;tools&quot;" data-tw-early="1">'
    ) in marked
    assert mark_article("<p>no article</p>", record) == "<p>no article</p>"
    summarised = mark_article(PAGE, SearchRecord("lesson", "L", False, 'Say "hi" & <go>'))
    assert 'group[data-tw-group], summary[data-tw-summary]" ' in summarised
    assert 'data-tw-summary="Say &quot;hi&quot; &amp; &lt;go&gt;">' in summarised


def test_document_is_the_marked_article_alone() -> None:
    marked = mark_article(PAGE, SearchRecord("page", "", False))
    document = article_document(marked, "en")
    assert document is not None
    assert document.startswith('<html lang="en"><head></head><body><article ')
    assert document.endswith("<h1>Epoch</h1><p>x</p></article></body></html>")
    assert "menu" not in document and "footer" not in document
    assert article_document(PAGE, "en") is None  # not marked: not indexed
    common = mark_article(
        PAGE.replace("<p>x</p>", "<p>It is the x of a y</p>"), SearchRecord("page", "", False)
    )
    assert str(article_document(common, "en")).endswith(
        "<h1>Epoch</h1><p>x y</p></article></body></html>"
    )


def test_tidy_bundle_keeps_what_readers_fetch(tmp_path: Path) -> None:
    for name in (*UNUSED_BUNDLE_FILES, "pagefind.js", "pagefind-entry.json"):
        (tmp_path / name).write_text("x")
    tidy_bundle(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind-entry.json", "pagefind.js"]
