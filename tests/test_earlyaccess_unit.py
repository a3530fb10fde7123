"""Unit tests of the early-access helpers, with inline Markdown and HTML."""

from __future__ import annotations

from termweave.pages.earlyaccess import BADGE, insert_note, resolve, unwrap_links


def test_note_goes_under_the_h1() -> None:
    result = insert_note("Intro\n\n# Title\n\nBody", "lesson")
    assert result.startswith('Intro\n\n# Title\n\n<p class="tw-early-access-note" role="note">')
    assert BADGE in result and "This lesson is in early access" in result
    assert result.endswith("\nBody")


def test_note_at_top_without_h1_or_h1_only_in_code() -> None:
    markdown = "Body\n\n```\n# not a heading\n```\n"
    assert insert_note(markdown, "level").startswith('<p class="tw-early-access-note"')


def test_resolve_relative_urls() -> None:
    assert resolve("tuning/a/", "../b/") == "tuning/b/"
    assert resolve("", "glossary/x/") == "glossary/x/"
    assert resolve("tuning/a/", "../../glossary/x/#top") == "glossary/x/"
    assert resolve("a/", "https://example.org/x/") is None
    assert resolve("a/", "#here") is None


def test_unwrap_links_to_hidden_pages_keeps_text() -> None:
    html = (
        '<p>See <a href="../b/">B <em>now</em></a>, <a class="x" href="../c/">C</a> '
        "and <a href='../../glossary/t/index.html'>T</a>.</p>"
    )
    result = unwrap_links(html, "tuning/a/", {"tuning/b/", "glossary/t/"})
    assert result == '<p>See B <em>now</em>, <a class="x" href="../c/">C</a> and T.</p>'


def test_unwrap_nothing_when_nothing_hidden() -> None:
    html = '<a href="../b/">B</a>'
    assert unwrap_links(html, "a/", set()) == html
