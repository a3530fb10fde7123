"""The light/dark toggle changes the page's colours, and the choice persists across pages (by a
link, with Material's instant navigation, and by a fresh page load)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from harness import ServedSite, SitePage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LIGHT, DARK = "default", "slate"


def scheme(page: Any) -> str:
    value: str = page.locator("body").get_attribute("data-md-color-scheme") or ""
    return value


def background(page: Any) -> str:
    colour: str = page.evaluate(
        "getComputedStyle(document.querySelector('.md-main')).backgroundColor"
        " + ' / ' + getComputedStyle(document.body).backgroundColor"
    )
    return colour


def stored_palette(page: Any) -> Any:
    """Material keeps the choice in localStorage under '<site path>.__palette'."""
    raw = page.evaluate(
        "Object.keys(localStorage).filter(k => k.endsWith('__palette'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert len(raw) == 1, f"expected one stored palette, found {raw}"
    return json.loads(raw[0])


def toggle(page: Any) -> None:
    """Click the palette toggle that is showing (Material shows the one for the other scheme)."""
    button = page.locator("form[data-md-component='palette'] label.md-header__button:visible")
    expect(button).to_have_count(1)
    button.click()


def other_page(site: ServedSite) -> str:
    term = site.registry.terms_sorted()[0]
    return ServedSite.term_path(term.slug)


def test_toggle_switches_and_persists(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", LIGHT)
    light = background(page)

    toggle(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", DARK)
    assert background(page) != light, "the toggle did not change the page's colours"
    assert stored_palette(page)["color"]["scheme"] == DARK

    # By a link: Material's instant navigation keeps the document, so check the new page's body.
    site_page.follow_link_to("glossary/", page.locator(".md-tabs"))
    expect(page.locator("article h1").first).to_be_visible()
    assert scheme(page) == DARK
    # By a fresh page load: the inline palette script must restore it before anything is drawn.
    path = other_page(site_page.site)
    site_page.visit(path)
    assert scheme(page) == DARK
    assert background(page) != light

    toggle(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", LIGHT)
    assert stored_palette(page)["color"]["scheme"] == LIGHT
    site_page.visit("glossary/")
    assert scheme(page) == LIGHT
    assert background(page) == light


def test_dark_system_preference_is_followed(open_page: Callable[..., SitePage]) -> None:
    """Before any choice, the palette follows the reader's system setting."""
    site_page = open_page(color_scheme="dark")
    site_page.visit("")
    expect(site_page.page.locator("body")).to_have_attribute("data-md-color-scheme", DARK)
