"""Pages stay intact in the browser: no text leaks out of broken markup, and an entry whose summary
has `"`, `&` and `<` in it shows it as text wherever it appears (head, lede, index)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from harness import ServedSite, SitePage, main_pages
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_main_pages_have_no_stray_text(site_page: SitePage) -> None:
    for kind, path in main_pages(site_page.site).items():
        if path is None:
            continue
        site_page.visit(path)
        assert site_page.stray_text() == [], (
            f"{kind} page {path or 'home'}: text outside the layout"
        )


def test_summary_with_special_characters_stays_text(
    open_page: Callable[..., SitePage], mini_site: ServedSite
) -> None:
    """The mini fixture's 'learning-rate' summary has `"`, `&` and `<too small>` in it."""
    term = mini_site.registry.terms["learning-rate"]
    assert {'"', "&", "<"} <= set(term.summary)
    site_page = open_page(mini_site)
    page = site_page.page
    site_page.visit(ServedSite.term_path(term.slug))
    assert site_page.stray_text() == [], "text leaked out of the page's markup"
    description = page.locator("head meta[name='description']")
    expect(description).to_have_count(1)
    assert description.get_attribute("content") == term.summary
    expect(page.locator("article .tw-lede")).to_have_text(term.summary)
    assert page.locator("article too").count() == 0

    site_page.visit("glossary/letters/l/")
    assert site_page.stray_text() == []
    expect(page.locator("article").get_by_text(term.summary, exact=False)).to_have_count(1)

    site_page.visit("glossary/")  # the A–Z filter writes it as text too
    page.locator("[data-tw-az-filter] input").fill("too small")
    expect(page.locator("article").get_by_text(term.summary, exact=False)).to_have_count(1)
    assert page.locator("article too").count() == 0
