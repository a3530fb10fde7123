"""The site-wide announcement bar: shown on every page, dismissible, and remembered once
dismissed (Material's announce.dismiss keeps the choice in the browser)."""

from __future__ import annotations

import re

import pytest
from harness import ServedSite, SitePage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_announcement_dismissed_stays_dismissed(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("")
    bar = page.locator("aside.md-banner .tw-announce")
    expect(bar).to_be_visible()
    link = bar.locator("a.tw-announce__link")
    expect(link).to_have_attribute("href", re.compile(r"/early-access/$"))
    page.locator("aside.md-banner button.md-banner__button").click()
    expect(page.locator("aside.md-banner")).to_be_hidden()
    term = site_page.site.registry.terms_sorted()[0]
    site_page.visit(ServedSite.term_path(term.slug))
    expect(page.locator(".md-content h1")).to_be_visible()
    expect(page.locator("aside.md-banner")).to_be_hidden()
