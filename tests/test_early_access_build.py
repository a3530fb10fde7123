"""Early access built both ways: marked everywhere by default, gone without a trace when hidden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import (
    Built,
    copy_fixture,
    dangling_links,
    html_pages,
    mkdocs_build,
    search_records,
    set_termweave,
)

pytestmark = pytest.mark.slow
BADGE = "span.tw-badge--early"


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_fixture(tmp_path_factory.mktemp("shown"))
    set_termweave(
        project,
        announcement={
            "text": "New & improved <soon>",
            "link": "early-access/",
            "link_text": "What is new",
        },
    )
    built = mkdocs_build(project)
    assert built.returncode == 0, built.output
    return built


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_fixture(tmp_path_factory.mktemp("hidden"))
    set_termweave(project, announcement={"text": "Welcome", "link": "early-access/"})
    built = mkdocs_build(project, env={"TERMWEAVE_HIDE_EARLY_ACCESS": "1"})
    assert built.returncode == 0, built.output
    return built


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.page(url), "html.parser")


def item_with(built: Built, url: str, text: str) -> str:
    """The HTML of the list item on `url` whose link text is `text`."""
    page = soup(built, url).select_one("article")
    assert page is not None
    for item in page.select("li"):
        link = item.find("a")
        if link is not None and link.get_text() == text:
            return str(item)
    raise AssertionError(f"no item {text!r} on {url}")


def test_own_pages_have_badge_and_note(shown: Built) -> None:
    for url, what in (("glossary/transformer/", "entry"), ("tuning/advanced-schedules/", "lesson")):
        note = soup(shown, url).select_one("article .tw-early-access-note")
        assert note is not None, url
        assert note.select_one(BADGE) is not None
        assert f"This {what} is in early access" in note.get_text()
    title = soup(shown, "glossary/transformer/").select_one("article h1")
    assert title is not None and title.find_next_sibling("p") == soup(
        shown, "glossary/transformer/"
    ).select_one(".tw-early-access-note")


def test_public_pages_have_no_note(shown: Built) -> None:
    assert soup(shown, "glossary/epoch/").select_one(".tw-early-access-note") is None


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("glossary/letters/t/", "Transformer"),  # A–Z index
        ("glossary/category/core-ai/", "Transformer"),  # category page
        ("glossary/hyperparameter/", "Transformer"),  # related terms
        ("glossary/learning-rate/", "Advanced schedules"),  # learn more
        ("basics/what-is-training/", "Transformer"),  # terms in this lesson
        ("tuning/", "Advanced schedules"),  # level's lesson list
        ("early-access/", "Transformer"),
    ],
)
def test_lists_mark_early_access_items(shown: Built, url: str, text: str) -> None:
    item = item_with(shown, url, text)
    if url != "early-access/":
        assert "tw-badge--early" in item


def test_public_items_are_not_marked(shown: Built) -> None:
    assert "tw-badge--early" not in item_with(shown, "glossary/letters/e/", "Epoch")


def test_navigation_status_and_search_marks(shown: Built) -> None:
    nav = soup(shown, "index.html").select_one("nav.md-nav--primary")
    assert nav is not None
    status = nav.select("span.md-status--early")
    assert len(status) == 1 and status[0]["title"] == "Early access"
    assert "Advanced schedules" in status[0].find_parent("a").get_text()  # type: ignore[union-attr]
    records = search_records(shown.site)  # the results show the mark (search.mjs)
    early = {url for url, record in records.items() if record["meta"].get("early") == "1"}  # type: ignore[attr-defined]
    assert early == {"glossary/transformer/", "tuning/advanced-schedules/"}
    assert records["glossary/transformer/"]["meta"]["title"] == "Transformer"  # type: ignore[index]
    shards = (shown.site / "search" / "names").glob("[!i]*.json")  # not index.json
    transformer = [
        t for s in shards for t in json.loads(s.read_text())["terms"] or [] if t[0] == "Transformer"
    ]
    assert transformer and all(t[4] == 1 for t in transformer)


def test_announcement_bar_with_link_on_every_page(shown: Built) -> None:
    for page in html_pages(shown.site):
        if page.name == "404.html":
            continue
        bar = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            ".tw-announce"
        )
        assert bar is not None, page
        assert bar.get_text(" ", strip=True) == "New & improved <soon> What is new"
        link = bar.find("a")
        assert link is not None
        depth = len(page.relative_to(shown.site).parts) - 1
        expected = ("/".join([".."] * depth) or ".") + "/early-access/"
        assert link["href"] == expected, page
    bar_html = shown.page("index.html")
    assert "&lt;soon&gt;" in bar_html and 'data-md-component="announce"' in bar_html


def test_announcement_is_dismissible(shown: Built) -> None:
    config = soup(shown, "index.html").select_one("script#__config")
    assert config is not None and "announce.dismiss" in json.loads(config.get_text())["features"]


def test_hidden_pages_are_not_built(hidden: Built) -> None:
    assert not (hidden.site / "glossary/transformer").exists()
    assert not (hidden.site / "tuning/advanced-schedules").exists()
    assert not (hidden.site / "early-access").exists()
    assert (hidden.site / "glossary/epoch/index.html").exists()


def test_hidden_build_leaves_no_dangling_link_or_trace(hidden: Built) -> None:
    assert dangling_links(hidden.site) == []
    for page in html_pages(hidden.site):
        text = page.read_text(encoding="utf-8")
        assert "transformer/" not in text and "advanced-schedules/" not in text, page
        assert "tw-badge--early" not in text, page
    lesson = soup(hidden, "tuning/choosing-a-learning-rate/").select_one("article")
    assert (
        lesson is not None
        and "Next, read Advanced schedules or the transformer entry." in lesson.get_text()
    )


def test_hidden_build_sitemap_and_search_omit_them(hidden: Built) -> None:
    sitemap = (hidden.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "glossary/epoch/" in sitemap
    assert "transformer" not in sitemap and "advanced-schedules" not in sitemap
    records = search_records(hidden.site)
    assert "glossary/epoch/" in records
    assert not [url for url in records if "transformer" in url or "advanced-schedules" in url]
    names = [p.read_text(encoding="utf-8") for p in (hidden.site / "search").rglob("*.json")]
    assert names and not [text for text in names if "Transformer" in text]


def test_hidden_build_drops_a_link_to_a_hidden_page_from_the_announcement(hidden: Built) -> None:
    bar = soup(hidden, "index.html").select_one(".tw-announce")
    assert bar is not None and bar.get_text(strip=True) == "Welcome" and bar.find("a") is None


def test_no_announcement_when_text_is_empty(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    set_termweave(project, announcement={"text": ""})
    built = mkdocs_build(project)
    assert built.returncode == 0, built.output
    assert soup(built, "index.html").select_one(".tw-announce") is None
    assert soup(built, "index.html").select_one("aside.md-banner") is None


def test_dangling_checker_catches_a_broken_link(shown: Built, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="missing/">x</a><a href="https://example.org/">y</a>', encoding="utf-8"
    )
    assert dangling_links(tmp_path) == ["index.html -> missing/"]
