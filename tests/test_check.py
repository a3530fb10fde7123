"""scripts/check.py: the report, --json, --strict, --validate-only and exit codes, on the health
fixture, on broken projects, and on the content this project ships."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import check
import pytest

from sitekit import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "health"
TODAY = ["--today", "2026-06-01"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = check.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, *argv, "--json")
    return code, json.loads(out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "health"
    shutil.copytree(FIXTURE, copy)
    return copy


def fix_broken_links(project: Path) -> None:
    alpha = project / "glossary" / "alpha.yml"
    alpha.write_text(
        alpha.read_text()
        .replace("Read more in [the missing lesson](../intro/missing.md).", "")
        .replace("It has a [dead link](nowhere.md) too.", "It matters.")
    )
    first = project / "content" / "intro" / "first.md"
    first.write_text(first.read_text().replace("../outro/nothing.md", "../index.md"))


def test_human_report_groups_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(FIXTURE), *TODAY)
    assert code == 1
    assert "review period 6 months, as of 2026-06-01" in out
    assert "Links that point nowhere: 3\n" in out
    assert (
        "  glossary/alpha.yml:14: warning: Alpha: last reviewed 2025-01-15, 1 year 4 months ago"
        in out
    )
    for title in (
        "Due for review (oldest first): 1",
        "Related links that are not mutual: 1",
        "Terms that no page mentions or links: 1",
        "Lessons that link no term: 1",
        "Lessons without self-check questions: 1",
        "Summaries too long for a tooltip (over 300 characters): 1",
    ):
        assert title in out
    assert out.rstrip().endswith("3 error(s), 6 warning(s).")
    assert out.index("Links that point nowhere") < out.index("Due for review")


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = report(capsys, "--root", str(FIXTURE), *TODAY)
    assert code == 1
    assert data["version"] == 1 and data["ok"] is False
    assert data["today"] == "2026-06-01" and data["review_period_months"] == 6
    assert data["counts"] == {"terms": 3, "lessons": 2, "errors": 3, "warnings": 6}
    assert set(data["findings"][0]) == {"code", "severity", "path", "line", "message", "subject"}
    codes = {f["code"]: f["severity"] for f in data["findings"]}
    assert codes == {
        "broken_link": "error",
        "due_for_review": "warning",
        "related_not_mutual": "warning",
        "unmentioned_term": "warning",
        "lesson_without_terms": "warning",
        "lesson_without_questions": "warning",
        "summary_too_long": "warning",
    }
    questions = [f for f in data["findings"] if f["code"] == "lesson_without_questions"]
    assert [(f["path"], f["line"], f["subject"]) for f in questions] == [
        ("content/intro/second.md", 1, "intro/second.md")
    ]
    review = data["review"]
    assert [r["slug"] for r in review] == ["alpha", "beta", "gamma"]
    assert review[0] == {
        "slug": "alpha",
        "term": "Alpha",
        "path": "glossary/alpha.yml",
        "last_reviewed": "2025-01-15",
        "age_days": 502,
        "age": "1 year 4 months",
        "due": True,
        "due_on": "2025-07-15",
    }


def test_months_option_overrides_the_setting(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = report(capsys, "--root", str(FIXTURE), *TODAY, "--months", "3")
    assert data["review_period_months"] == 3
    due = [f["subject"] for f in data["findings"] if f["code"] == "due_for_review"]
    assert due == ["alpha", "beta", "gamma"]


def test_default_period_is_twelve_months(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("    review_period_months: 6\n", ""))
    _, data = report(capsys, "--root", str(project), *TODAY)
    assert data["review_period_months"] == 12
    assert [r["due"] for r in data["review"]] == [True, False, False]


def test_warnings_pass_unless_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fix_broken_links(project)
    code, out, _ = run(capsys, "--root", str(project), *TODAY)
    assert code == 0, out
    assert out.rstrip().endswith("0 error(s), 6 warning(s).")
    code, out, _ = run(capsys, "--root", str(project), *TODAY, "--strict")
    assert code == 1
    assert "Failing: --strict counts warnings as errors." in out
    code, data = report(capsys, "--root", str(project), *TODAY, "--strict")
    assert code == 1 and data["ok"] is False


def test_clean_project_passes_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fix_broken_links(project)
    glossary = project / "glossary"
    beta = glossary / "beta.yml"
    beta.write_text(
        "term: Beta\nsummary: The second letter.\nbody: |\n  Beta follows alpha and gamma.\n"
        "category: Basics\nrelated: [alpha]\nlast_reviewed: 2026-01-10\n"
    )
    alpha = glossary / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("2025-01-15", "2026-05-01"))
    lesson = project / "content" / "intro" / "second.md"
    lesson.write_text(lesson.read_text().replace("nothing in the glossary", "Gamma"))
    code, out, _ = run(capsys, "--root", str(project), *TODAY, "--strict")
    assert code == 1 and "content/intro/second.md:1: warning: the lesson has no self-check" in out
    quiz = "\n```quiz\nquestion: Q\nchoices:\n  - text: a\n    correct: true\n  - text: b\n```\n"
    lesson.write_text(lesson.read_text() + quiz)
    code, out, _ = run(capsys, "--root", str(project), *TODAY, "--strict")
    assert code == 0, out
    assert out.rstrip().endswith("No problems found.")


def test_validation_errors_stop_before_the_content_checks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beta = project / "glossary" / "beta.yml"
    beta.write_text(beta.read_text().replace("category: Basics", "category: Basic"))
    code, out, _ = run(capsys, "--root", str(project), *TODAY)
    assert code == 1
    assert "Validation problems: 1" in out
    assert "glossary/beta.yml:9: unknown category 'Basic' (did you mean 'Basics'?)" in out
    assert "Due for review" not in out


def test_validate_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(project), *TODAY, "--validate-only")
    assert (code, out.rstrip().splitlines()[-1]) == (0, "No problems found.")
    (project / "glossary" / "bad.yml").write_text("term: Bad\nsummary: no\n")
    code, data = report(capsys, "--root", str(project), *TODAY, "--validate-only")
    assert code == 1
    messages = [(f["path"], f["line"], f["message"]) for f in data["findings"]]
    assert ("glossary/bad.yml", 1, "missing required key 'body'") in messages
    assert all(f["code"] == "validation" for f in data["findings"])


def test_unreadable_project_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "check: error: no mkdocs.yml in" in done.stderr
    assert "Traceback" not in done.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  termweave:\n    colour: red\n")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "unknown setting 'colour'" in done.stderr


def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        check.main(["--months", "0"])
    assert stop.value.code == 2
    assert "1 or more" in capsys.readouterr().err


def test_shipped_content_is_healthy(capsys: pytest.CaptureFixture[str]) -> None:
    """The content in glossary/ and content/ has no error (broken link, placeholder, invalid
    entry) and every term and lesson is connected; entries falling due for review, summaries
    and one-way related links are warnings that do not fail this test."""
    code, data = report(capsys, "--root", str(ROOT))
    errors = [f"{f['path']}:{f['line']}: {f['message']}" for f in data["findings"]]
    assert code == 0, "\n".join(errors)
    disconnected = [
        f"{f['path']}:{f['line']}: {f['message']}"
        for f in data["findings"]
        if f["code"] in ("unmentioned_term", "lesson_without_terms", "summary_too_long")
    ]
    assert disconnected == []
