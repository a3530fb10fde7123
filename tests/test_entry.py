"""Each bad input an author can write is reported with its file, line and a helpful message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from termweave.source.entry import load_entry
from termweave.source.problems import Problem

TODAY = date(2026, 11, 27)
GOOD = """\
term: Learning rate
summary: How big a step the optimiser takes.
body: |
  ## Section

  Text.
category: Tuning
last_reviewed: 2026-04-10
"""


def load(
    tmp_path: Path, text: str | bytes, name: str = "learning-rate.yml"
) -> tuple[object, list[Problem]]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_entry(path, f"glossary/{name}", TODAY)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_good_entry_loads_with_defaults(tmp_path: Path) -> None:
    term, problems = load(tmp_path, GOOD)
    assert problems == []
    assert term is not None
    assert term.slug == "learning-rate"  # type: ignore[attr-defined]
    assert term.autolink is True and term.early_access is False  # type: ignore[attr-defined]
    assert term.aliases == () and term.last_reviewed == date(2026, 4, 10)  # type: ignore[attr-defined]


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, GOOD + "aliases: [LR, step size\n")
    problem = only(problems)
    assert problem.path == "glossary/learning-rate.yml"
    assert problem.line in (9, 10) and "YAML syntax error" in problem.message


def test_tab_indentation_is_reported_on_its_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, GOOD.replace("  Text.", "\tText."))
    problem = only(problems)
    assert (problem.line, problem.column) == (6, 1)
    assert "tab" in problem.message


def test_duplicate_key_is_rejected_not_overwritten(tmp_path: Path) -> None:
    _, problems = load(tmp_path, GOOD + "term: Learning rates\n")
    problem = only(problems)
    assert problem.line == 9
    assert "duplicate key 'term'" in problem.message and "line 1" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    for text in ("", "# only a comment\n", "~\n"):
        problem = only(load(tmp_path, text)[1])
        assert problem.line == 1 and "empty" in problem.message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, GOOD.encode() + b"aliases: [caf\xe9]\n")
    problem = only(problems)
    assert problem.line == 9 and "UTF-8" in problem.message


def test_missing_required_keys_all_reported(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "term: Epoch\ncategory: Core AI\n")
    messages = sorted(p.message for p in problems)
    assert messages == [
        "missing required key 'body'",
        "missing required key 'last_reviewed'",
        "missing required key 'summary'",
    ]
    assert all(p.line == 1 for p in problems)


def test_no_yaml11_boolean_surprise_in_text(tmp_path: Path) -> None:
    problem = only(
        load(tmp_path, GOOD.replace("summary: How big a step the optimiser takes.", "summary: no"))[
            1
        ]
    )
    assert problem.line == 2 and "boolean" in problem.message and "'summary'" in problem.message


def test_quoted_no_is_text(tmp_path: Path) -> None:
    term, problems = load(tmp_path, GOOD.replace("term: Learning rate", 'term: "No"'))
    assert problems == [] and term is not None and term.term == "No"  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["2026-13-01", "April 2026", "2026-02-30", "26-01-01"])
def test_bad_dates(tmp_path: Path, value: str) -> None:
    problem = only(load(tmp_path, GOOD.replace("2026-04-10", value))[1])
    assert problem.line == 8 and "last_reviewed" in problem.message and value in problem.message


def test_future_date(tmp_path: Path) -> None:
    problem = only(load(tmp_path, GOOD.replace("2026-04-10", "2026-12-01"))[1])
    assert problem.line == 8 and "future" in problem.message


def test_yes_is_not_a_boolean(tmp_path: Path) -> None:
    problem = only(load(tmp_path, GOOD + "early_access: yes\n")[1])
    assert problem.line == 9 and "true or false" in problem.message


def test_unknown_key_suggests(tmp_path: Path) -> None:
    problem = only(load(tmp_path, GOOD + "early_acces: true\n")[1])
    assert (problem.line, problem.column) == (9, 1)
    assert (
        "unknown key 'early_acces'" in problem.message
        and "did you mean 'early_access'" in problem.message
    )


def test_wrong_types(tmp_path: Path) -> None:
    _, problems = load(tmp_path, GOOD + "aliases: LR\nrelated: [Not A Slug]\nterm_extra: 1\n")
    by_line = {p.line: p.message for p in problems}
    assert "'aliases' must be a list" in by_line[9]
    assert "not a slug" in by_line[10]
    assert "unknown key" in by_line[11]


def test_file_name_must_be_a_slug(tmp_path: Path) -> None:
    problem = only(load(tmp_path, GOOD, name="Learning_Rate.yml")[1])
    assert "must be a slug" in problem.message


def test_all_problems_of_a_file_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("2026-04-10", "someday") + "early_access: maybe\nunknown: 1\n"
    _, problems = load(tmp_path, text)
    assert [p.line for p in sorted(problems)] == [8, 9, 10]
