"""A reader's journey: home → level → lesson → a term linked from it → a related term → back,
on a desktop and on a phone-sized touch screen (where Material keeps the navigation in a drawer)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import ServedSite, SitePage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def journey(site: ServedSite) -> tuple[Any, Any, Any, Any]:
    """The first level and lesson (in reading order) that lists a term having a related term:
    (level, lesson, term, related term)."""
    registry = site.registry
    for level in registry.levels:
        for lesson in level.lessons:
            for term in registry.terms_for_lesson(lesson.path):
                related = [registry.terms[s] for s in term.related if s in registry.terms]
                if related:
                    return level, lesson, term, related[0]
    raise AssertionError(
        f"{site.name}: no lesson lists a term that has a related term; nothing to navigate"
    )


def heading(page: Any) -> Any:
    return page.locator("article h1").first


def open_level_from_home(site_page: SitePage, level: Any) -> None:
    page = site_page.page
    path = ServedSite.page_path(level.path)
    if site_page.device == "phone":
        # The tabs are hidden on a phone: the menu button opens the drawer with the navigation.
        expect(page.locator(".md-tabs")).to_be_hidden()
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator("nav.md-nav--primary")
        expect(drawer).to_be_visible()
        site_page.follow_link_to(path, drawer)
    else:
        site_page.follow_link_to(path, page.locator(".md-tabs"))


def walk(site_page: SitePage) -> None:
    site = site_page.site
    level, lesson, term, related = journey(site)
    page = site_page.page
    article = page.locator("article")

    site_page.visit("")
    open_level_from_home(site_page, level)
    expect(heading(page)).to_be_visible()
    lessons_heading = page.locator("article h2#lessons-in-this-level")
    expect(lessons_heading).to_be_visible()

    site_page.follow_link_to(ServedSite.page_path(lesson.path), article)
    expect(heading(page)).to_be_visible()
    expect(page.locator("article h2#terms-in-this-lesson")).to_be_visible()

    site_page.follow_link_to(ServedSite.term_path(term.slug), article)
    expect(heading(page)).to_contain_text(term.term)
    expect(page.locator("article h2#related-terms")).to_be_visible()

    related_list = page.locator("article h2#related-terms + ul")
    site_page.follow_link_to(ServedSite.term_path(related.slug), related_list)
    expect(heading(page)).to_contain_text(related.term)

    page.go_back()
    site_page.wait_for_path(ServedSite.term_path(term.slug))
    expect(heading(page)).to_contain_text(term.term)
    page.go_back()
    site_page.wait_for_path(ServedSite.page_path(lesson.path))
    expect(page.locator("article h2#terms-in-this-lesson")).to_be_visible()


def test_journey_on_desktop(site_page: SitePage) -> None:
    walk(site_page)


def test_journey_on_phone(phone_page: SitePage) -> None:
    walk(phone_page)
