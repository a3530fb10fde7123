"""Real `mkdocs build --strict` of the mini fixture: pages, order of sections, index, nav, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import Built, copy_fixture, mkdocs_build, search_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_fixture(tmp_path_factory.mktemp("site")))
    assert result.returncode == 0, result.output
    return result


def test_term_page_sections_in_order(built: Built) -> None:
    page = built.article("glossary/learning-rate/")
    order = [
        page.select_one(".tw-category"),
        page.select_one("h1"),
        page.select_one(".tw-reviewed"),
        page.select_one(".tw-lede"),
        page.find("h2", id="what-it-controls"),
        page.find("p", class_="admonition-title", string="Learn it step by step"),
        page.find("h2", id="why-this-matters"),
        page.find("h2", id="related-terms"),
        page.find("h2", id="learn-more"),
    ]
    assert all(node is not None for node in order), order
    text = str(page)
    positions = [text.index(str(node)) for node in order]
    assert positions == sorted(positions)
    assert page.select_one(".tw-category").get_text() == "Tuning"  # type: ignore[union-attr]
    assert page.select_one(".tw-category")["href"] == "../category/tuning/"  # type: ignore[index]
    assert page.select_one(".tw-reviewed").get_text() == "Last reviewed: April 2026"  # type: ignore[union-attr]
    lede = page.select_one(".tw-lede")
    assert lede is not None
    assert (
        lede.get_text()
        == 'How big a step the optimiser takes on each update; "too big" & <too small> both hurt.'
    )
    deeper = page.find("div", class_="admonition")
    assert deeper is not None
    assert deeper.get_text(" ", strip=True) == (
        "Learn it step by step The Tuning level builds up to this idea over 2 lessons: "
        "start there to see it at work in context."
    )
    assert deeper.select_one("a")["href"] == "../../tuning/"  # type: ignore[index]


def test_term_page_related_and_learn_more(built: Built) -> None:
    page = built.article("glossary/learning-rate/")
    related = page.find("h2", id="related-terms").find_next("ul")  # type: ignore[union-attr]
    links = [(a.get_text(), a["href"]) for a in related.select("a")]  # type: ignore[union-attr]
    assert links == [("Hyperparameter", "../hyperparameter/"), ("Epoch", "../epoch/")]
    assert "A setting chosen before training" in related.get_text()  # type: ignore[union-attr]
    learn = page.find("h2", id="learn-more").find_next("p")  # type: ignore[union-attr]
    assert learn.get_text() == "Continue learning in Tuning:"  # type: ignore[union-attr]
    lesson = learn.find_next("ul").select_one("a")  # type: ignore[union-attr]
    assert (lesson.get_text(), lesson["href"]) == (  # type: ignore[union-attr,index]
        "Choosing a learning rate",
        "../../tuning/choosing-a-learning-rate/",
    )


def test_term_page_meta_edit_link_and_aliases(built: Built) -> None:
    soup = BeautifulSoup(built.page("glossary/learning-rate/"), "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("How big a step")  # type: ignore[index]
    edit = soup.find("a", rel="edit")
    assert edit is not None
    assert edit["href"] == "https://git.example.org/team/mini/edit/main/glossary/learning-rate.yml"
    assert soup.select_one(".tw-aliases").get_text() == "Also known as: LR, step size"  # type: ignore[union-attr]


def test_search_finds_term_by_alias(built: Built) -> None:
    record = search_records(built.site)["glossary/learning-rate/"]
    assert "step size" in str(record["content"]) and "LR" in str(record["content"])
    shard = json.loads((built.site / "search/names/lr.json").read_text(encoding="utf-8"))
    (term,) = [shard["terms"][i] for i in shard["keys"]["lr"]]
    assert term[:2] == ["Learning rate", "glossary/learning-rate/"]


def test_glossary_index_links_the_letters_and_holds_the_filter(built: Built) -> None:
    page = built.article("glossary/")
    active = [(a.get_text(), a["href"]) for a in page.select(".tw-az a.tw-az__letter")]
    inactive = [s.get_text() for s in page.select(".tw-az .tw-az__letter--empty")]
    assert active == [
        ("E", "letters/e/"),
        ("H", "letters/h/"),
        ("L", "letters/l/"),
        ("T", "letters/t/"),
    ]
    assert len(active) + len(inactive) == 26 and "A" in inactive
    assert all(s.get("aria-disabled") == "true" for s in page.select(".tw-az__letter--empty"))
    box = page.select_one("[data-tw-az-filter]")
    assert box is not None and box.has_attr("hidden")  # shown by search.mjs
    assert not page.select("li a[href='../learning-rate/']")  # the terms are on the letters


def test_letter_page_lists_every_term_of_its_letter(built: Built) -> None:
    page = built.article("glossary/letters/l/")
    current = page.select_one(".tw-az a[aria-current=page]")
    assert current is not None and current.get_text() == "L"
    items = page.select("ul > li")
    assert [li.a.get_text() for li in items if li.a] == ["Learning rate"]
    item = items[0]
    assert item.a is not None and item.a["href"] == "../../learning-rate/"
    assert "Tuning" in item.get_text() and "How big a step" in item.get_text()
    assert not (built.site / "glossary" / "letters" / "a").exists()  # no term under A


def test_category_page(built: Built) -> None:
    page = built.article("glossary/category/core-ai/")
    assert page.h1 is not None and page.h1.get_text().startswith("Core AI")
    assert [a.get_text() for a in page.select("li a")] == ["Epoch", "Hyperparameter", "Transformer"]


def test_level_lists_lessons_in_order(built: Built) -> None:
    page = built.article("tuning/")
    items = [
        a.get_text()
        for a in page.find("h2", id="lessons-in-this-level")
        .find_next("ol")
        .select("a:not(.tw-term)")
    ]  # type: ignore[union-attr]
    assert items == ["Choosing a learning rate", "Advanced schedules"]


def test_lesson_lists_its_terms(built: Built) -> None:
    page = built.article("tuning/choosing-a-learning-rate/")
    section = page.find("h2", id="terms-in-this-lesson")
    assert section is not None
    links = [(a.get_text(), a["href"]) for a in section.find_next("ul").select("a")]  # type: ignore[union-attr]
    assert links == [
        ("Hyperparameter", "../../glossary/hyperparameter/"),
        ("Learning rate", "../../glossary/learning-rate/"),
    ]


def test_nav_has_levels_and_glossary_but_no_term_pages(built: Built) -> None:
    soup = BeautifulSoup(built.page("basics/"), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert not [h for h in hrefs if re.search(r"glossary/(?!category/)[a-z0-9-]+/$", str(h))]
    assert any(str(h).endswith("glossary/") for h in hrefs)
    labels = [
        label.get_text(" ", strip=True)
        for label in nav.select("a.md-nav__link, label.md-nav__link")
    ]
    joined = " | ".join(labels)
    assert joined.index("Basics") < joined.index("Tuning") < joined.index("Glossary")


def test_broken_entries_fail_with_every_problem(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    glossary = project / "glossary"
    (glossary / "epoch.yml").write_text(
        (glossary / "epoch.yml").read_text().replace("category: Core AI", "category: Core")
    )
    (glossary / "dropout.yml").write_text("term: Dropout\nsummary: no\n")
    (glossary / "bad.yml").write_text("term: [unclosed\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    for expected in (
        "glossary/epoch.yml:7:11: unknown category 'Core'",
        "glossary/dropout.yml:2:10: 'summary' must be text, but YAML reads 'no' as a boolean",
        "glossary/dropout.yml:1:1: missing required key 'body'",
        "glossary/bad.yml:2:1: YAML syntax error",
    ):
        assert expected in result.output, result.output
