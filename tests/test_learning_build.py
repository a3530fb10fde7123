"""Quizzes and term cards in real `mkdocs build --strict` builds of tests/fixtures/learning:
the markup, where blocks may stand (two on a page, inside an admonition, in an entry's body),
the links around them, search, back-links, early access, and the build's problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from sitekit import Built, copy_fixture, dangling_links, mkdocs_build, search_records

pytestmark = pytest.mark.slow
LESSON = "basics/check/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_fixture(tmp_path_factory.mktemp("shown"), "learning"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_fixture(tmp_path_factory.mktemp("hidden"), "learning")
    result = mkdocs_build(project, env={"TERMWEAVE_HIDE_EARLY_ACCESS": "1"})
    assert result.returncode == 0, result.output
    return result


def quizzes(built: Built, url: str = LESSON) -> list[Tag]:
    return built.article(url).select("div.tw-quiz")


def test_each_question_is_a_fieldset_with_labelled_inputs(built: Built) -> None:
    first, second = quizzes(built)
    for quiz, kind, count in ((first, "radio", 3), (second, "checkbox", 3)):
        fieldset = quiz.select_one("fieldset")
        assert fieldset is not None
        legend = fieldset.find("legend")
        assert isinstance(legend, Tag) and fieldset.contents.index(legend) <= 1
        inputs = fieldset.select("input")
        assert [i["type"] for i in inputs] == [kind] * count
        assert len({i["name"] for i in inputs}) == 1
        for field in inputs:
            label = quiz.select_one(f'label[for="{field["id"]}"]')
            assert label is not None and label.get_text(strip=True)
        assert [b.get_text() for b in fieldset.select("button")] == ["Check", "Try again"]
        assert all(b["type"] == "button" for b in fieldset.select("button"))
        feedback = fieldset.select_one("[data-tw-feedback]")
        assert feedback is not None and feedback["aria-live"] == "polite"
        assert feedback["role"] == "status"
    assert first["id"] != second["id"]
    assert "choose all that apply" in second.select_one("legend").get_text()  # type: ignore[union-attr]
    assert "choose all that apply" not in first.select_one("legend").get_text()  # type: ignore[union-attr]


def test_a_quiz_stays_inside_its_admonition(built: Built) -> None:
    admonition = built.article(LESSON).select_one(".admonition.question")
    assert admonition is not None
    assert admonition.select_one("div.tw-quiz[data-tw-quiz=multiple]") is not None
    assert "Inside an admonition" in admonition.get_text()
    text = built.article(LESSON).get_text()
    assert "(a < b & c)" in text
    assert "```" not in text and "question:" not in text and "twq" not in built.page(LESSON)


def test_no_js_details_hold_answer_whys_and_explanation(built: Built) -> None:
    first = quizzes(built)[0]
    details = first.select_one("details.tw-quiz__answer")
    assert details is not None and details.has_attr("data-pagefind-ignore")
    assert details.select_one("summary").get_text() == "Show the answer"  # type: ignore[union-attr]
    items = details.select("[data-tw-key]")
    assert [i["data-tw-correct"] for i in items] == ["false", "true", "false"]
    assert "Right: The weights" in items[1].get_text()
    assert "learned from the data" in items[1].get_text()
    explain = details.select_one("[data-tw-explain]")
    assert explain is not None and "hyperparameters" not in explain.get_text()
    assert explain.select_one('a[href="../other/"]') is not None  # a Markdown link, resolved
    second = quizzes(built)[1].select_one("[data-tw-explain]")
    assert second is not None and len(second.select("p")) == 2  # block Markdown: two paragraphs


def test_questions_and_explanations_are_linked_and_labels_are_not(built: Built) -> None:
    first = quizzes(built)[0]
    assert first.select_one("legend a.tw-term[data-term=optimiser]") is not None
    assert first.select("label a") == []
    assert first.select_one("details a.tw-term") is not None


def test_pagefind_and_material_search_skip_answers(built: Built) -> None:
    for quiz in quizzes(built):
        for selector in ("details", "[data-tw-feedback]", "[data-tw-actions]"):
            found = quiz.select_one(selector)
            assert found is not None and found.has_attr("data-pagefind-ignore"), selector
    for card in built.article(LESSON).select(".tw-termcard"):
        assert card.has_attr("data-pagefind-ignore")
    text = str(search_records(built.site)[LESSON]["content"])
    assert "optimiser change training?" in text  # the question (without the commonest words)
    for answer in ("learned from the data", "Parameters are learned", "Weights are learned"):
        assert answer not in text
    assert "changes the weights to lower the loss" not in text  # the card's summary


def test_term_cards_show_name_category_summary_and_early_access(built: Built) -> None:
    cards = built.article(LESSON).select(".tw-termcard")
    assert [c["data-tw-card"] for c in cards] == ["optimiser", "warm-restart"]
    optimiser, warm = cards
    link = optimiser.select_one(".tw-termcard__name a")
    assert link is not None and link["href"] == "../../glossary/optimiser/"
    assert optimiser.select_one(".tw-termcard__category").get_text() == "Training"  # type: ignore[union-attr]
    assert "lower the loss" in optimiser.get_text()
    assert optimiser.select_one(".tw-badge--early") is None
    assert warm.select_one(".tw-badge--early") is not None
    assert optimiser.select("a.tw-term") == []  # the card's own text is not linked


def test_a_card_is_a_mention_for_back_links(built: Built) -> None:
    section = built.article("glossary/warm-restart/").find(id="mentioned-in")
    assert section is not None
    page = built.article("glossary/warm-restart/").get_text()
    assert "Check your understanding" in page.split("Mentioned in", 1)[1]


def test_a_quiz_in_an_entry_body(built: Built) -> None:
    found = quizzes(built, "glossary/learning-rate/")
    assert len(found) == 1
    assert "larger learning rate" in found[0].select_one("legend").get_text()  # type: ignore[union-attr]


def test_hidden_early_access_leaves_its_cards_out(hidden: Built) -> None:
    cards = hidden.article(LESSON).select(".tw-termcard")
    assert [c["data-tw-card"] for c in cards] == ["optimiser"]
    assert "Warm restart" not in hidden.page(LESSON)
    assert dangling_links(hidden.site) == []


BROKEN_LESSON = """\
---
title: Broken
order: 9
---

# Broken

::term[optimizer]

!!! note

    ```quiz
    question: Q
    choices:
      - text: a
      - text: ""
    explian: x
    ```
"""


def test_problems_stop_the_build_with_file_lines_all_at_once(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path, "learning")
    (project / "content" / "basics" / "broken.md").write_text(BROKEN_LESSON, encoding="utf-8")
    entry = project / "glossary" / "epoch.yml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace(
            "  An epoch sees each example once.\n",
            "  An epoch sees each example once.\n\n  ```quiz\n  question: Q\n  choices: []\n  ```\n",
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    for expected in (
        "content/basics/broken.md:8:1: unknown term 'optimizer' in a term card (did you mean 'optimiser'?)",
        "content/basics/broken.md:15:7: no choice is marked 'correct: true'",
        "content/basics/broken.md:17:5: unknown key 'explian' in a quiz (did you mean 'explain'?)",
        "content/basics/broken.md:16:15: 'choices[2].text' is empty",
        "glossary/epoch.yml:8:12: a quiz needs 2 to 8 choices; this one has 0",
    ):
        assert expected in result.output, result.output
    assert "5 problems" in result.output
