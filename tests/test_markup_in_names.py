"""Markup in a term's name or summary (or a lesson's title) is shown as text everywhere, never
parsed: `<title>`, the header, headings, the navigation, every list, the preview payload, JSON-LD,
glossary.json and the search index. Names like "Q&A" are legitimate, so they are escaped, not
rejected. A real build of the mini fixture with such entries added; every page parsed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from markupsite import (
    ALIAS,
    EARLY_NAME,
    EARLY_SUMMARY,
    LESSON_TITLE,
    PLAIN,
    SCRIPT_BREAKER,
    SITE,
    TITLE_BREAKER,
    make_markup_project,
)

from sitekit import Built, html_pages, mkdocs_build, search_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(make_markup_project(tmp_path_factory.mktemp("markup")))
    assert result.returncode == 0, result.output
    return result


def soup_of(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.page(url), "html.parser")


def injected(soup: BeautifulSoup | Tag) -> list[str]:
    """Elements that only markup inside a name or summary could have made."""
    found = [str(tag)[:120] for tag in soup.find_all(True) if tag.has_attr("onerror")]
    found += [str(tag)[:120] for tag in soup.find_all(["img", "b", "i"])]
    scripts = soup.find_all("script", type=lambda kind: kind != "application/ld+json")
    found += [str(s)[:120] for s in scripts if "alert(" in (s.string or "")]
    return found


def test_no_page_gets_an_element_from_a_name_or_summary(built: Built) -> None:
    pages = html_pages(built.site)
    assert len(pages) > 10
    problems = {
        str(page.relative_to(built.site)): found
        for page in pages
        if (found := injected(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")))
    }
    assert not problems


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("glossary/x-title/", TITLE_BREAKER),
        ("glossary/early-x/", EARLY_NAME),
        ("glossary/q-and-a/", PLAIN),
        ("basics/markup-title/", LESSON_TITLE),
    ],
)
def test_title_header_and_heading_show_the_name_as_written(
    built: Built, url: str, title: str
) -> None:
    soup = soup_of(built, url)
    assert soup.title is not None and soup.title.get_text() == f"{title} - {SITE}"
    topic = soup.select_one(".md-header__topic[data-md-component='header-topic']")
    assert topic is not None and topic.get_text(strip=True) == title
    if url.startswith("glossary/"):
        heading = soup.select_one("article h1")
        assert heading is not None and heading.get_text().rstrip("¶") == title


def test_the_raw_title_is_escaped_not_dropped(built: Built) -> None:
    html = built.page("glossary/x-title/")
    assert (
        "<title>X &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt; - Mini glossary</title>" in html
    )
    assert "<title>Q&amp;A - Mini glossary</title>" in built.page("glossary/q-and-a/")


def test_navigation_and_neighbours_show_a_lesson_title_as_written(built: Built) -> None:
    soup = soup_of(built, "basics/what-is-training/")
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert LESSON_TITLE in nav
    level = built.article("basics/")
    assert LESSON_TITLE in link_texts(level, "markup-title/")
    heading = soup_of(built, "basics/markup-title/").select_one("article h1")
    assert heading is not None and heading.get_text() == LESSON_TITLE  # Material's, from the title
    neighbours = [
        link
        for page in html_pages(built.site)
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "a.md-footer__link"
        )
        if str(link["href"]).rstrip("/").endswith("markup-title")
    ]
    assert neighbours, "no page's footer leads to the lesson"
    for link in neighbours:
        assert link.select_one(".md-ellipsis").get_text(strip=True) == LESSON_TITLE  # type: ignore[union-attr]
        assert str(link["aria-label"]).endswith(f": {LESSON_TITLE}")


def test_term_page_lede_aliases_and_description(built: Built) -> None:
    soup = soup_of(built, "glossary/x-title/")
    lede = soup.select_one("article .tw-lede")
    assert lede is not None and lede.get_text() == SCRIPT_BREAKER
    aliases = soup.select_one("article .tw-aliases")
    assert aliases is not None and aliases.get_text() == f"Also known as: {ALIAS}"
    description = soup.find("meta", attrs={"name": "description"})
    assert isinstance(description, Tag) and description["content"] == SCRIPT_BREAKER


def link_texts(root: Tag, href_end: str) -> list[str]:
    return [a.get_text(strip=True) for a in root.select("a") if str(a["href"]).endswith(href_end)]


@pytest.mark.parametrize(
    "url",
    [
        "glossary/letters/x/",  # A-Z index, the letter's page
        "glossary/category/core-ai/",
        "glossary/review-status/",
        "glossary/epoch/",  # related terms
        "glossary/q-and-a/",  # related terms
        "basics/what-is-training/",  # terms in this lesson, and a mention
        "basics/markup-title/",  # a mention
    ],
)
def test_lists_and_links_show_the_name_as_written(built: Built, url: str) -> None:
    article = built.article(url)
    assert TITLE_BREAKER in link_texts(article, "x-title/")
    assert not injected(article)
    text = article.get_text()
    if url != "glossary/review-status/" and url != "basics/markup-title/":
        assert SCRIPT_BREAKER in text  # the summary beside the name


def test_early_access_lists_show_the_name_as_written(built: Built) -> None:
    early = built.article("early-access/")
    assert EARLY_NAME in link_texts(early, "early-x/")
    assert LESSON_TITLE not in early.get_text()  # not early access
    category = built.article("glossary/category/tuning/")
    assert EARLY_NAME in link_texts(category, "early-x/")
    assert EARLY_SUMMARY in category.get_text()


def test_learn_more_and_mentioned_in_show_lesson_titles_as_written(built: Built) -> None:
    article = built.article("glossary/x-title/")
    assert LESSON_TITLE in link_texts(article, "markup-title/")
    mentioned = built.article("glossary/q-and-a/").select_one(".tw-backlinks")
    assert mentioned is not None, "the lesson mentions Q&A"
    assert LESSON_TITLE in link_texts(mentioned, "markup-title/")


def test_a_term_card_shows_the_name_and_summary_as_written(built: Built) -> None:
    card = built.article("basics/markup-title/").select_one(".tw-termcard")
    assert card is not None
    assert TITLE_BREAKER in link_texts(card, "x-title/")
    summary = card.select_one(".tw-termcard__summary")
    assert summary is not None and summary.get_text() == SCRIPT_BREAKER
    assert not injected(card)


def test_preview_payload_carries_the_text_as_written(built: Built) -> None:
    soup = soup_of(built, "basics/markup-title/")
    holder = soup.select_one("#tw-previews")
    assert holder is not None
    payload = json.loads(str(holder["data-previews"]))
    assert payload["x-title"]["title"] == TITLE_BREAKER
    assert payload["x-title"]["summary"] == SCRIPT_BREAKER
    assert payload["q-and-a"]["title"] == PLAIN
    raw = built.page("basics/markup-title/")
    start = raw.index('data-previews="')
    attribute = raw[start : raw.index('"', start + len('data-previews="'))]
    assert "<" not in attribute and ">" not in attribute


def json_ld(built: Built, url: str) -> list[Any]:
    html = built.page(url)
    scripts = BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]')
    assert scripts, f"no JSON-LD on {url}"
    for script in scripts:
        assert "</" not in (script.string or "") and "<" not in (script.string or "")
    return [json.loads(script.string or "") for script in scripts]


def test_json_ld_carries_the_text_as_written_and_cannot_end_its_script(built: Built) -> None:
    (term,) = json_ld(built, "glossary/x-title/")
    assert term["name"] == TITLE_BREAKER
    assert term["description"] == SCRIPT_BREAKER
    assert term["alternateName"] == [ALIAS]
    (early,) = json_ld(built, "glossary/early-x/")
    assert (early["name"], early["description"]) == (EARLY_NAME, EARLY_SUMMARY)
    names = {
        t["termCode"]: t["name"]
        for letter in ("x", "q")
        for (glossary,) in [json_ld(built, f"glossary/letters/{letter}/")]
        for t in glossary["hasDefinedTerm"]
    }
    assert names["x-title"] == TITLE_BREAKER and names["q-and-a"] == PLAIN


def test_glossary_json_holds_the_text_as_written(built: Built) -> None:
    data = json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))
    terms = {t["slug"]: t for t in data["terms"]}
    assert (terms["x-title"]["term"], terms["x-title"]["summary"]) == (
        TITLE_BREAKER,
        SCRIPT_BREAKER,
    )
    assert terms["x-title"]["aliases"] == [ALIAS]
    assert (terms["early-x"]["term"], terms["q-and-a"]["term"]) == (EARLY_NAME, PLAIN)
    lessons = {lesson["path"]: lesson["title"] for lesson in terms["q-and-a"]["lessons"]}
    assert lessons["basics/markup-title.md"] == LESSON_TITLE


def test_search_records_hold_the_names_as_text(built: Built) -> None:
    """Pagefind keeps a page's title and text as text; the search box writes titles with
    textContent and keeps only the <mark> tags of an excerpt (tests/browser/test_pages.py)."""
    records = search_records(built.site)
    titles = {url: str(record["meta"]["title"]) for url, record in records.items()}  # type: ignore[index]
    assert titles["glossary/x-title/"] == TITLE_BREAKER
    assert titles["glossary/q-and-a/"] == PLAIN
    assert titles["glossary/early-x/"] == EARLY_NAME
    assert records["glossary/early-x/"]["meta"]["early"] == "1"  # type: ignore[index]
    assert titles["basics/markup-title/"] == LESSON_TITLE
    assert SCRIPT_BREAKER in str(records["glossary/x-title/"]["content"])
