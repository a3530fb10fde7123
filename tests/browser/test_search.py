"""Material's search finds a term's page by its name and by one of its aliases, and the result
leads to the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from harness import ServedSite, SitePage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def term_with_alias(site: ServedSite) -> Any:
    """The first entry (A–Z) that has an alias, so both searches concern the same page."""
    for term in site.registry.terms_sorted():
        if term.aliases:
            return term
    raise AssertionError(f"{site.name}: no glossary entry has an alias to search for")


def open_search(site_page: SitePage, how: str) -> Any:
    page = site_page.page
    query = page.locator("input.md-search__input")
    if how == "keyboard":
        page.keyboard.press("/")  # Material's shortcut for the search field
    else:
        query.click()
    expect(query).to_be_focused()
    return query


def search(site_page: SitePage, text: str, how: str) -> Any:
    """Type `text` into the search field, key by key as a reader does (Material reacts to key
    events, not to a pasted value); return the results list."""
    query = open_search(site_page, how)
    query.press_sequentially(text)
    results = site_page.page.locator(".md-search-result")
    expect(results.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"matching document", re.IGNORECASE)
    )
    return results


def assert_finds(site_page: SitePage, text: str, how: str, slug: str) -> None:
    target = site_page.url(ServedSite.term_path(slug))
    results = search(site_page, text, how)
    hit = results.locator(f".md-search-result__item > a.md-search-result__link[href^='{target}']")
    try:
        expect(hit.first).to_be_visible()
    except AssertionError:
        found = results.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.href)"
        )
        meta = results.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"searching {text!r} did not list {target}; {meta}: {found}") from None
    hit.first.click()
    site_page.wait_for_path(ServedSite.term_path(slug))


@pytest.mark.parametrize(("what", "how"), [("name", "keyboard"), ("alias", "click")])
def test_search_finds_term(site_page: SitePage, what: str, how: str) -> None:
    term = term_with_alias(site_page.site)
    text = term.term if what == "name" else term.aliases[0]
    site_page.visit("")
    assert_finds(site_page, text, how, term.slug)
    expect(site_page.page.locator("article h1").first).to_contain_text(term.term)
