"""A real build's search index: which pages and which parts of them are in it, the names files,
and Material's own search turned off (`mkdocs build --strict` of the mini fixture)."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from sitekit import Built, copy_fixture, mkdocs_build, search_records

pytestmark = pytest.mark.slow

# A lesson with what other features put in pages and mark data-pagefind-ignore (term cards,
# self-check answers), and a demo (its code and controls are ours to leave out)
LESSON = """---
title: Search fixture
order: 9
description: Parts of a page the index leaves out.
---

# Search fixture

Visible words about zebrafinch.

<aside class="tw-term-card" data-pagefind-ignore><p>Card text about quokkacard.</p></aside>

<div class="tw-quiz"><p>Which is right? quizquestion</p>
<details data-pagefind-ignore><summary>Answer</summary><p>Explained: quizanswer.</p></details>
</div>

::demo[learning-rate]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_fixture(tmp_path_factory.mktemp("search"))
    (project / "content" / "basics" / "search-fixture.md").write_text(LESSON, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    return result


def test_term_pages_lessons_levels_and_home_are_indexed_lists_are_not(built: Built) -> None:
    urls = set(search_records(built.site))
    assert urls == {
        "",
        "basics/",
        "basics/what-is-training/",
        "basics/quiet-page/",
        "basics/search-fixture/",
        "tuning/",
        "tuning/choosing-a-learning-rate/",
        "tuning/advanced-schedules/",
        "glossary/epoch/",
        "glossary/hyperparameter/",
        "glossary/learning-rate/",
        "glossary/transformer/",
    }
    for left_out in ("glossary/", "glossary/letters/e/", "glossary/category/core-ai/"):
        assert (built.site / left_out / "index.html").is_file(), left_out
        assert "data-pagefind-body" not in built.page(left_out), left_out
    for left_out in ("early-access/", "glossary/review-status/", "404.html"):
        assert "data-pagefind-body" not in built.page(left_out), left_out


def test_kind_group_and_early_access_are_recorded(built: Built) -> None:
    records = search_records(built.site)
    term = records["glossary/learning-rate/"]
    assert term["meta"] == {
        "kind": "term",
        "group": "Tuning",
        "title": "Learning rate",
        "summary": 'How big a step the optimiser takes on each update; "too big" & <too small> '
        "both hurt.",  # what the result shows, in full: the index's text lacks common words
    }
    assert term["filters"] == {"kind": ["term"]}
    lesson = records["tuning/advanced-schedules/"]
    assert lesson["meta"] == {
        "kind": "lesson",
        "group": "Tuning",
        "early": "1",
        "title": "Advanced schedules",
        "summary": "Warm-up and decay.",
    }
    assert records["tuning/"]["filters"] == {"kind": ["level"]}


def test_left_out_parts_of_pages(built: Built) -> None:
    records = search_records(built.site)
    fixture = str(records["basics/search-fixture/"]["content"])
    assert "zebrafinch" in fixture and "quizquestion" in fixture
    assert "learning rate changes gradient descent" in fixture  # the demo's title
    for hidden in ("quokkacard", "quizanswer", "def descend", "Largest stable rate", "Run Stop"):
        assert hidden not in fixture, hidden
    term = str(records["glossary/learning-rate/"]["content"])
    assert "big step optimiser takes" in term and "step size" in term
    words = set(term.lower().split())
    assert not words & {"a", "the", "is", "of", "on"}  # the commonest words: left out
    assert "What it controls" in term  # headings stay whole (results name sections by them)
    # the lists of other pages: related terms (their summaries) and lessons to continue with
    assert "full pass" not in term and "setting chosen before training" not in term
    assert "Continue learning" not in term
    page = BeautifulSoup(built.page("glossary/learning-rate/"), "html.parser")
    related = page.select("ul.tw-related[data-pagefind-ignore] li")
    assert [li.get_text() for li in related] == [
        "Hyperparameter: A setting chosen before training that controls how a model learns.",
        "Epoch: One full pass of the training data through the model.",
    ]
    assert [a["href"] for li in related for a in li.select("a")][:2] == [
        "../hyperparameter/",
        "../epoch/",
    ]  # MkDocs' own URLs, relative to the page
    lessons = page.select(".tw-learn-more[data-pagefind-ignore] li a")
    assert [a["href"] for a in lessons] == [
        "../../tuning/choosing-a-learning-rate/",
        "../../tuning/advanced-schedules/",
    ]
    assert "Mentioned in" in built.page("glossary/learning-rate/")  # on the page, not indexed
    assert "Mentioned in" not in term and "Last reviewed" not in term
    assert "¶" not in term and not term.startswith("Tuning")  # permalinks, category link
    lesson = built.page("basics/what-is-training/")
    assert 'id="tw-previews" hidden data-pagefind-ignore data-previews=' in lesson


def test_bundle_holds_only_what_readers_fetch_and_material_search_is_off(built: Built) -> None:
    bundle = built.site / "search" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert (
        not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    )
    assert not (built.site / "search" / "search_index.json").exists()
    names = json.loads((built.site / "search" / "names" / "index.json").read_text())
    assert "lr" in names["shards"]


def test_header_search_box_keeps_materials_toggle_and_leads_to_the_az_index(built: Built) -> None:
    page = BeautifulSoup(built.page("basics/"), "html.parser")
    assert page.select_one("input#__search[data-md-toggle=search]") is not None
    box = page.select_one("header .md-search[data-tw-search]")
    assert box is not None and box.select_one("input.md-search__input") is not None
    assert box.select_one("form")["action"] == "../glossary/"  # type: ignore[index]
    assert box.select_one("a.tw-search-az")["href"] == "../glossary/"  # type: ignore[index]
    assert page.select_one("label.md-header__button[for=__search]") is not None
    assert page.select_one('[data-md-component="search"]') is None  # Material's would need lunr
    module = page.select_one('script[type=module][src$="assets/termweave/search.mjs"]')
    assert module is not None
