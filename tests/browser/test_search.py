"""Search in Material's header (Pagefind, names first), driven as readers do: keys, mouse, touch,
both palettes, after an instant-navigation page change; and the A–Z filter, with and without
JavaScript. Runs on the shipped site."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from harness import ServedSite, SitePage, enable_instant_navigation
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RESULTS = "#tw-search-results > li"


def search(site_page: SitePage, text: str, key: bool = True) -> Any:
    """Open the box with Material's '/' key (or a click), type `text` at once, wait for the
    results."""
    page = site_page.page
    query = page.locator("input.md-search__input")
    if key:
        page.keyboard.press("/")
    else:
        query.click()
    expect(query).to_be_focused()
    query.fill(text)
    status = re.compile(rf"^(Results|No results) for “{re.escape(text)}”")
    expect(page.locator(".tw-search-status")).to_have_text(status)
    return page.locator(RESULTS)


def first_link(results: Any) -> str:
    return str(results.first.locator("a").get_attribute("href"))


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("LR", "learning-rate"),  # an alias
        ("learning rates", "learning-rate"),  # a plural
        ("epochs", "epoch"),  # a plural, which "Batch size" mentions too
        ("Bayesian optimization", "bayesian-optimisation"),  # the US spelling, an alias
        ("bayesian OPTIMISATION", "bayesian-optimisation"),  # the name, in any case
    ],
)
def test_a_term_s_name_alias_or_plural_answers_with_the_term_first(
    site_page: SitePage, query: str, slug: str
) -> None:
    site_page.visit("")
    results = search(site_page, query)
    assert first_link(results) == site_page.url(ServedSite.term_path(slug))
    first = results.first
    expect(first).to_contain_text("Glossary term")
    links = results.locator("a").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    assert len(links) == len(set(links)), links  # each page once


def test_a_result_shows_kind_group_excerpt_and_links_to_the_matching_section(
    site_page: SitePage,
) -> None:
    site_page.visit("")
    results = search(site_page, "warmup schedule")
    texts = results.locator(".tw-result__meta").all_inner_texts()
    assert any(t.startswith("Lesson · ") for t in texts) and any(
        "Glossary term" in t for t in texts
    )
    assert results.locator("mark").count() > 0  # the match highlighted
    sections = [
        h for h in results.locator("a").evaluate_all("ls => ls.map(a => a.href)") if "#" in h
    ]
    assert sections, "no result links to a section of its page"


def test_keyboard_only(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("foundations/")
    results = search(site_page, "LR")
    expect(results.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(results.first.locator("a")).to_be_focused()
    if results.count() > 1:
        page.keyboard.press("ArrowDown")
        expect(results.nth(1).locator("a")).to_be_focused()
        page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("s")  # Material's other key
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    site_page.wait_for_path(ServedSite.term_path("learning-rate"))
    expect(page.locator("article h1").first).to_contain_text("Learning rate")
    expect(page.locator("#__search")).not_to_be_checked()


def test_the_kind_filter_narrows_to_terms_or_lessons(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("")
    results = search(site_page, "learning rate")
    kinds = lambda: set(results.locator("a").evaluate_all("ls => ls.map(a => a.dataset.twKind)"))  # noqa: E731
    assert {"term", "lesson"} <= kinds()
    for label, wanted in (("Lessons", {"lesson", "level"}), ("Glossary terms", {"term"})):
        page.get_by_label(label, exact=True).check()
        expect(page.locator(".tw-search-status")).to_have_text(re.compile("^Results"))
        page.wait_for_function(
            "w => [...document.querySelectorAll('#tw-search-results a')].every(a => w.includes(a.dataset.twKind))",
            arg=sorted(wanted),
        )
        assert kinds() and kinds() <= wanted, (label, kinds())


def test_early_access_results_carry_the_mark(site_page: SitePage) -> None:
    site_page.visit("")
    results = search(site_page, "LoRA")
    assert first_link(results) == site_page.url(ServedSite.term_path("lora"))
    expect(results.first.locator(".tw-badge--early")).to_have_text("Early access")
    results = search(site_page, "learning rate")
    public = results.filter(has_text="Learning rate").first
    expect(public.locator(".tw-badge--early")).to_have_count(0)


def test_dark_palette(open_page: Callable[..., SitePage]) -> None:
    site_page = open_page(color_scheme="dark")
    site_page.visit("")
    expect(site_page.page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    results = search(site_page, "epoch")
    colour = results.first.locator(".tw-result__title").evaluate("e => getComputedStyle(e).color")
    background = site_page.page.locator(".md-search__output").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )

    def luminance(css: str) -> float:
        r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert luminance(colour) > 150 > luminance(background), (colour, background)


def test_a_query_after_an_instant_navigation_page_change(site_page: SitePage) -> None:
    page = site_page.page
    enable_instant_navigation(site_page, site_page.site)
    site_page.visit("")
    page.evaluate("window.__kept = 1")  # gone if the page loaded again instead
    page.locator("nav.md-tabs a, nav.md-nav--primary a").filter(has_text="Glossary").first.click()
    site_page.wait_for_path("glossary/")
    expect(page.locator("article h1")).to_have_text(re.compile("^Glossary"))
    assert page.evaluate("window.__kept") == 1
    results = search(site_page, "LR", key=False)
    results.first.locator("a").click()
    site_page.wait_for_path(ServedSite.term_path("learning-rate"))
    expect(page.locator("article h1")).to_have_text(re.compile("^Learning rate"))
    assert page.evaluate("window.__kept") == 1
    results = search(site_page, "epochs", key=False)
    assert first_link(results) == site_page.url(ServedSite.term_path("epoch"))


def test_search_on_a_phone(phone_page: SitePage) -> None:
    page = phone_page.page
    phone_page.visit("")
    page.locator("label.md-header__button[for=__search]").tap()
    query = page.locator("input.md-search__input")
    expect(query).to_be_visible()
    expect(query).to_be_focused()
    query.fill("LR")
    expect(page.locator(RESULTS).first).to_be_visible()
    assert first_link(page.locator(RESULTS)) == phone_page.url(
        ServedSite.term_path("learning-rate")
    )


def test_the_az_filter_narrows_across_letters(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("glossary/")
    box = page.locator("[data-tw-az-filter]")
    expect(box).to_be_visible()
    box.locator("input").fill("optimization")  # an alias, of a term under B
    items = box.locator(".tw-az-filter__list > li")
    expect(items.first).to_be_visible()
    names = items.locator("a").all_inner_texts()
    assert "Bayesian optimisation" in names
    box.locator("input").fill("step size")  # in a summary or alias, across letters
    expect(items.filter(has_text="Learning rate")).to_have_count(1)
    box.locator("input").fill("")
    expect(items).to_have_count(0)


def test_without_javascript_the_letters_list_every_term(open_page: Callable[..., SitePage]) -> None:
    site_page = open_page(java_script_enabled=False)
    page = site_page.page
    site_page.visit("glossary/")
    expect(page.locator("[data-tw-az-filter]")).to_be_hidden()
    letters = page.locator(".tw-az a.tw-az__letter").evaluate_all("ls => ls.map(a => a.href)")
    listed: set[str] = set()
    for url in letters:
        page.goto(url)
        hrefs = page.locator("article ul > li > a:first-child").evaluate_all(
            "ls => ls.map(a => a.href)"
        )
        listed |= {h.removeprefix(site_page.url("")) for h in hrefs}
    expected = {ServedSite.term_path(slug) for slug in site_page.site.registry.terms}
    assert listed == expected
    site_page.visit("foundations/")  # the header's search leads to the A–Z index
    page.locator("header a.tw-search-nojs").click()
    site_page.wait_for_path("glossary/")


def test_without_javascript_on_a_phone_the_search_button_leads_to_the_az_index(
    open_page: Callable[..., SitePage],
) -> None:
    site_page = open_page(device="phone", java_script_enabled=False)
    site_page.visit("foundations/")
    site_page.page.locator("header a.tw-search-nojs").tap()
    site_page.wait_for_path("glossary/")


def test_with_javascript_the_stand_in_link_is_hidden(site_page: SitePage) -> None:
    site_page.visit("")
    expect(site_page.page.locator("header a.tw-search-nojs")).to_be_hidden()


def test_the_browser_normalises_queries_as_the_names_files_do(site_page: SitePage) -> None:
    from termweave.search.names import normalise

    samples = [
        "Époque-2",
        "  Learning   RATE ",
        "Top-k / top_p",
        "R&D",
        "Naïve Bayes",
        "ÆON",
        "x²",
        "日本語 モデル",
        "!!!",
    ]
    site_page.visit("")
    found = site_page.page.evaluate(
        """async ([url, samples]) => {
            const module = await import(url);
            return samples.map(module.normalise);
        }""",
        [site_page.url("assets/termweave/search.mjs"), samples],
    )
    assert found == [normalise(s) for s in samples]


def test_common_words_in_a_query_are_left_out_as_the_index_leaves_them(
    site_page: SitePage,
) -> None:
    """ "the", "of", "a": the index leaves them out of page text, so the box leaves them out of
    the query (a query of nothing else is searched as typed), and a name is still matched."""
    site_page.visit("")
    found = site_page.page.evaluate(
        """async (url) => {
            const module = await import(url);
            return Promise.all(["the size of a batch", "What is an epoch?", "it is", "LR"].map(
              module.indexedWords));
        }""",
        site_page.url("assets/termweave/search.mjs"),
    )
    assert found == ["size batch", "epoch?", "it is", "LR"]
    results = search(site_page, "the learning rate")
    assert first_link(results) == site_page.url(ServedSite.term_path("learning-rate"))
    assert results.first.locator("mark").all_inner_texts()  # its query words marked


def test_a_result_shows_its_page_summary_or_description_whole(site_page: SitePage) -> None:
    """Not an excerpt of the index's text, which lacks the commonest words."""
    site_page.visit("")
    results = search(site_page, "warm-up schedule")
    links = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    texts = results.locator(".tw-result__text").all_inner_texts()
    assert len(links) >= 3
    for link, text in zip(links, texts, strict=True):
        page = site_page.site.html(site_page.site.path_of(link.split("#")[0]))
        described = re.search(r'<meta name="description" content="([^"]*)"', page)
        assert described is not None, link
        assert text == html.unescape(described.group(1)), link
