"""scripts/new_term.py and scripts/new_lesson.py on temporary copies of the mini fixture."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import check
import new_lesson
import new_term
import pytest

from sitekit import ROOT, copy_fixture, mkdocs_build
from termweave.source.registry import Registry, load_registry


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def make_term(project: Path, *argv: str) -> int:
    return new_term.main([*argv, "--root", str(project)])


def registry_of(project: Path) -> Registry:
    return load_registry(project / "glossary", project / "content")


def test_new_entry_is_valid_and_complete(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = make_term(project, "Gradient clipping", "--category", "Tuning", "--alias", "GC")
    out, err = capsys.readouterr()
    assert code == 0, err
    path = project / "glossary" / "gradient-clipping.yml"
    assert out.strip() == path.as_posix()
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/glossary-entry.schema.json"
    registry = registry_of(project)
    assert registry.problems == []
    term = registry.terms["gradient-clipping"]
    assert (term.term, term.category, term.aliases) == ("Gradient clipping", "Tuning", ("GC",))
    assert term.last_reviewed == date.today()
    assert (term.related, term.lessons, term.demos) == ((), (), ())
    assert (term.early_access, term.autolink) == (False, True)
    keys = re.findall(r"^([a-z_]+):", text, re.MULTILINE)
    assert keys == [
        "term",
        "summary",
        "body",
        "why_it_matters",
        "category",
        "aliases",
        "related",
        "lessons",
        "last_reviewed",
        "early_access",
        "demos",
        "autolink",
    ]
    assert "TODO:" in term.summary and "TODO:" in term.body and "TODO:" in term.why_it_matters


def test_modeline_points_at_the_schema_from_the_glossary_folder() -> None:
    text = new_term.entry_text("X", "Tuning", [], date(2026, 1, 1), "../schema/x.json")
    assert text.startswith("# yaml-language-server: $schema=../schema/x.json\n")
    assert (ROOT / "schema" / "glossary-entry.schema.json").is_file()


def test_check_reports_the_placeholders_until_replaced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert make_term(project, "Gradient clipping", "--category", "Tuning") == 0
    capsys.readouterr()
    assert check.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "Placeholder text still to replace: 3" in out
    assert "glossary/gradient-clipping.yml:3: 'summary' still holds the TODO: text" in out


def test_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "glossary" / "epoch.yml"
    before = path.read_text()
    assert make_term(project, "Epoch", "--category", "Core AI") == 1
    assert "glossary/epoch.yml already exists; edit it instead" in capsys.readouterr().err
    assert path.read_text() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["EPOCH", "--slug", "epoch-2"],
            "'EPOCH' is already a name of 'Epoch' (glossary/epoch.yml)",
        ),
        (
            ["Step length", "--alias", "step SIZE"],
            "'step SIZE' is already a name of 'Learning rate' (glossary/learning-rate.yml)",
        ),
        (["Log rate", "--alias", "lr"], "'lr' is already a name of 'Learning rate'"),
        (["Warm-up", "--alias", "warm-UP"], "'warm-UP' is given twice"),
    ],
)
def test_refuses_colliding_names(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sorted(p.name for p in (project / "glossary").iterdir())
    assert make_term(project, *argv, "--category", "Tuning") == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert sorted(p.name for p in (project / "glossary").iterdir()) == before


def test_refuses_unknown_category(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_term(project, "Warm-up", "--category", "tuning") == 1
    err = capsys.readouterr().err
    assert "unknown category 'tuning' (did you mean 'Tuning'?)" in err
    assert "declared in _categories.yml: Core AI, Tuning" in err
    assert not (project / "glossary" / "warm-up.yml").exists()


def test_yaml_special_names_are_quoted(project: Path) -> None:
    assert make_term(project, "Yes", "--category", "Tuning", "--alias", "C++: a, b") == 0
    term = registry_of(project).terms["yes"]
    assert (term.term, term.aliases) == ("Yes", ("C++: a, b",))


def test_names_without_a_slug(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_term(project, "注意", "--category", "Tuning") == 1
    assert "pass --slug" in capsys.readouterr().err
    assert make_term(project, "注意", "--category", "Tuning", "--slug", "attention") == 0
    assert registry_of(project).terms["attention"].term == "注意"
    assert make_term(project, "Index", "--category", "Tuning") == 1
    assert "generated page" in capsys.readouterr().err


def test_missing_project_is_a_message(tmp_path: Path) -> None:
    script = str(ROOT / "scripts" / "new_term.py")
    done = subprocess.run(
        [sys.executable, script, "X", "--category", "Y", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "new_term: error: no mkdocs.yml in" in done.stderr
    assert "Traceback" not in done.stderr


def test_new_lesson_skeleton_and_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = new_lesson.main(["tuning", "Warm-up: why & how", "--root", str(project)])
    out, err = capsys.readouterr()
    assert code == 0, err
    path = project / "content" / "tuning" / "warm-up-why-how.md"
    assert out.strip() == path.as_posix()
    registry = registry_of(project)
    assert registry.problems == []
    level = registry.level("tuning")
    assert level is not None
    lesson = level.lessons[-1]
    assert (lesson.path, lesson.title) == ("tuning/warm-up-why-how.md", "Warm-up: why & how")
    assert lesson.order == max(x.order for x in level.lessons[:-1]) + 1
    assert lesson.description.startswith("TODO:")
    text = path.read_text()
    headings = re.findall(r"^#+ .*$", text, re.MULTILINE)
    assert headings == [
        "# Warm-up: why & how",
        "## What you will learn",
        "## Explanation",
        "## Worked example",
        "## Recap",
        "## Check your understanding",
    ]
    assert text.count("```quiz") == 1  # a valid quiz (registry.problems is empty) to write


def test_a_new_lessons_quiz_skeleton_is_a_placeholder_until_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        new_lesson.main(
            ["tuning", "Warm-up", "--description", "Warming up.", "--root", str(project)]
        )
        == 0
    )
    path = project / "content" / "tuning" / "warm-up.md"
    capsys.readouterr()
    lines = path.read_text().split("\n")
    quiz_start = lines.index("```quiz")
    written = [
        line.replace("TODO:", "Done:") if n < quiz_start else line for n, line in enumerate(lines)
    ]
    path.write_text("\n".join(written))
    assert check.main(["--root", str(project), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    placeholders = [f for f in findings if f["code"] == "placeholder"]
    assert [(f["path"], f["line"]) for f in placeholders] == [
        ("content/tuning/warm-up.md", quiz_start + 2)
    ]


def test_new_lesson_description_and_refusals(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["basics", "Loss", "--description", "What a loss measures.", "--root", str(project)]
    assert new_lesson.main(argv) == 0
    capsys.readouterr()
    lesson = registry_of(project).lessons["basics/loss.md"]
    assert (lesson.description, lesson.order) == (
        "What a loss measures.",
        3,
    )  # after the two basics lessons
    before = (project / "content" / "basics" / "loss.md").read_text()
    assert new_lesson.main(argv) == 1
    assert "content/basics/loss.md already exists" in capsys.readouterr().err
    assert (project / "content" / "basics" / "loss.md").read_text() == before
    assert new_lesson.main(["basic", "Loss", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "unknown level 'basic' (did you mean 'basics'?)" in err
    assert "basics, tuning" in err


def test_new_lesson_module(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["tuning", "Grid search", "--module", " Search   methods: a tour ", "--root"]
    assert new_lesson.main([*argv, str(project)]) == 0
    capsys.readouterr()
    registry = registry_of(project)
    assert registry.problems == []
    assert registry.lessons["tuning/grid-search.md"].module == "Search methods: a tour"
    level = registry.level("tuning")
    assert level is not None
    assert level.grouped_lessons()[-1] == ("Search methods: a tour", level.lessons[-1:])
    assert new_lesson.main(["tuning", "Random search", "--root", str(project)]) == 0
    assert registry_of(project).lessons["tuning/random-search.md"].module == ""


@pytest.mark.slow
def test_site_builds_with_a_fresh_entry_and_lesson(project: Path) -> None:
    """The decision behind the TODO text: a fresh file never breaks `make serve` or the build."""
    assert make_term(project, "Gradient clipping", "--category", "Tuning") == 0
    assert new_lesson.main(["tuning", "Clipping", "--root", str(project)]) == 0
    built = mkdocs_build(project)
    assert built.returncode == 0, built.output
    assert "Gradient clipping" in built.page("glossary/gradient-clipping/")
    assert "What you will learn" in built.page("tuning/clipping/")
