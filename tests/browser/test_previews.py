"""Term previews: a cross-link (`a.tw-term[data-term]`, made by the cross-linking feature) shows
a summary card (`role="tooltip"`) with the term and its summary when it is hovered, focused from
the keyboard, or tapped on a touch screen; a summary with quotes, `&` and `<` shows as text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from harness import ServedSite, SitePage, shipped_config_project
from markupsite import LESSON_TITLE, SCRIPT_BREAKER, SITE, TITLE_BREAKER, add_markup_content
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CROSS_LINK = re.compile(r"<a\b[^>]*\bclass=\"[^\"]*\btw-term\b[^>]*>")


def cross_linked_page(site: ServedSite, slug: str | None = None) -> str:
    """The first lesson page (reading order), else any page, with a cross-link (to `slug`)."""
    registry = site.registry
    lessons = [ServedSite.page_path(x.path) for level in registry.levels for x in level.lessons]
    built = site.page_paths()
    for path in [*(p for p in lessons if p in built), *built]:
        for tag in CROSS_LINK.findall(site.html(path)):
            if slug is None or f'data-term="{slug}"' in tag:
                return path
    wanted = f" to '{slug}'" if slug else ""
    raise AssertionError(
        f'{site.name}: no page has a cross-link{wanted} (<a class="tw-term" data-term=...>); '
        "the cross-linking feature (issue 3) makes them"
    )


def first_cross_link(site_page: SitePage, slug: str | None = None) -> tuple[Any, Any]:
    """(link locator, Term) of the first visible cross-link in the article."""
    selector = "article a.tw-term[data-term]"
    if slug is not None:
        selector = f"article a.tw-term[data-term='{slug}']"
    link = site_page.page.locator(selector).first
    expect(link).to_be_visible()
    return link, term_of(site_page.site, link)


def term_of(site: ServedSite, link: Any) -> Any:
    """The entry a cross-link stands for: by its data-term (a slug) or, failing that, its href."""
    key = link.get_attribute("data-term") or ""
    if key in site.registry.terms:
        return site.registry.terms[key]
    href = link.evaluate("a => a.href")
    match = re.search(r"/glossary/([a-z0-9-]+)/", href)
    assert match and match.group(1) in site.registry.terms, (
        f"cross-link data-term={key!r} href={href!r} names no entry"
    )
    return site.registry.terms[match.group(1)]


def visible_card(page: Any, term: Any) -> Any:
    """The visible role=tooltip card showing `term`'s summary (waits for it)."""
    card = page.locator("[role='tooltip']:visible").filter(has_text=term.summary)
    try:
        expect(card).to_have_count(1)
    except AssertionError:
        shown = page.locator("[role='tooltip']:visible").all_inner_texts()
        raise AssertionError(
            f"no visible summary card for {term.term!r}; visible tooltips: {shown}"
        ) from None
    expect(card).to_contain_text(term.term)
    return card


def no_card(page: Any, term: Any) -> None:
    expect(page.locator("[role='tooltip']:visible").filter(has_text=term.summary)).to_have_count(0)


def test_hover_shows_card(site_page: SitePage) -> None:
    site_page.visit(cross_linked_page(site_page.site))
    link, term = first_cross_link(site_page)
    no_card(site_page.page, term)
    link.hover()
    visible_card(site_page.page, term)


def test_keyboard_focus_shows_card(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit(cross_linked_page(site_page.site))
    link, term = first_cross_link(site_page)
    # Reach the link with the keyboard: put focus just before it, then Tab onto it.
    link.focus()
    page.keyboard.press("Shift+Tab")
    expect(link).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    visible_card(page, term)


def test_tap_shows_card(open_page: Callable[..., SitePage]) -> None:
    site_page = open_page(device="phone")
    path = cross_linked_page(site_page.site)
    site_page.visit(path)
    link, term = first_cross_link(site_page)
    no_card(site_page.page, term)
    link.tap()
    visible_card(site_page.page, term)
    assert site_page.path == path, "tapping a cross-link left the page instead of previewing"


def test_card_shows_special_characters_as_text(
    open_page: Callable[..., SitePage], mini_site: ServedSite
) -> None:
    """The mini fixture's 'learning-rate' summary has `"`, `&` and `<too small>` in it."""
    term = mini_site.registry.terms["learning-rate"]
    assert {'"', "&", "<"} <= set(term.summary)
    site_page = open_page(mini_site)
    site_page.visit(cross_linked_page(mini_site, "learning-rate"))
    link, _ = first_cross_link(site_page, "learning-rate")
    link.hover()
    card = visible_card(site_page.page, term)
    assert term.summary in card.inner_text()
    assert card.locator("too").count() == 0, "the summary's <too small> became an element"
    assert html.escape(term.summary) not in card.inner_text(), "the summary was escaped twice"


@pytest.fixture(scope="module")
def markup_site(
    build_site: Callable[..., ServedSite], tmp_path_factory: pytest.TempPathFactory
) -> ServedSite:
    """The mini fixture, configured like the shipped site, with names and summaries that carry
    markup (tests/markupsite.py)."""
    project = add_markup_content(shipped_config_project(tmp_path_factory.mktemp("markup")))
    return build_site(project, name="markup")


def test_markup_in_names_stays_text_in_title_cards_and_search(
    open_page: Callable[..., SitePage], markup_site: ServedSite
) -> None:
    """In a real browser's parse: the <title>, the preview card and the search results show
    the name and summary as written, and no element comes out of them (an injected <img src=x>
    would also fail the harness, which forbids failed requests)."""
    site_page = open_page(markup_site)
    page = site_page.page
    site_page.visit("basics/markup-title/")
    assert page.title() == f"{LESSON_TITLE} - {SITE}"
    link, term = first_cross_link(site_page, "x-title")
    assert (term.term, term.summary) == (TITLE_BREAKER, SCRIPT_BREAKER)
    link.hover()
    card = visible_card(page, term)
    assert TITLE_BREAKER in card.inner_text() and SCRIPT_BREAKER in card.inner_text()
    assert page.locator("img, b").count() == 0
    assert page.locator("i", has_text="alias").count() == 0
    assert site_page.stray_text() == []

    site_page.visit("glossary/x-title/")
    assert page.title() == f"{TITLE_BREAKER} - {SITE}"
    expect(page.locator("article h1")).to_contain_text(TITLE_BREAKER)
    assert page.locator("img").count() == 0
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("onerror", delay=50)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    expect(page.locator(".tw-search-status")).to_have_text("Results for “onerror”")
    titles = page.locator(".md-search-result__item .tw-result__title").all_inner_texts()
    assert TITLE_BREAKER in titles, titles
    assert page.locator(".md-search-result img").count() == 0
    site_page.assert_clean()
