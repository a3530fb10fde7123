"""The serve measurement of the benchmark keeps working: real `mkdocs serve` sessions, one YAML
entry edited under our hooks and the same term's Markdown page edited plainly, each rebuild read
from MkDocs' own log. No time is asserted; only that every edit was rebuilt and counted."""

from __future__ import annotations

from pathlib import Path

import pytest

import benchmarks.baseline
import benchmarks.gen
import benchmarks.serve

pytestmark = pytest.mark.slow


def test_each_edit_is_rebuilt_and_timed_in_both_variants(tmp_path: Path) -> None:
    project = benchmarks.gen.generate(tmp_path / "project", 30)
    plain = benchmarks.baseline.write_baseline(project, tmp_path / "plain")
    result = benchmarks.serve.measure_serve(project, plain, 1, tmp_path)
    assert result.size == 30
    # two sessions of each variant, one edit each; the first build of a session not counted
    assert len(result.hooks) == 2 and len(result.plain) == 2
    assert all(seconds > 0 for seconds in [*result.hooks, *result.plain])
    assert result.ratio > 0
    entry = sorted((project.root / "glossary").glob("[!_]*.yml"))[0]
    assert 'summary: "Edited summary, take 2."' in entry.read_text(encoding="utf-8")
    page = plain.parent / "content" / "glossary" / f"{entry.stem}.md"
    assert page.read_text(encoding="utf-8").count("Edited, take ") == 2
    logs = sorted(p.name for p in tmp_path.glob("serve-*.log"))
    assert logs == [
        "serve-hooks-1.log",
        "serve-hooks-2.log",
        "serve-plain-1.log",
        "serve-plain-2.log",
    ]


def test_a_rebuild_that_fails_is_reported_not_waited_for(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    log.write_text(
        "INFO - Building documentation...\nERROR - An error happened during the rebuild\n"
    )
    with pytest.raises(SystemExit, match="a rebuild failed"):
        benchmarks.serve.rebuild_times(log)


def test_the_served_site_is_written_where_the_benchmark_says(tmp_path: Path) -> None:
    """`sites` (the RAM disk in a real run) holds the site `mkdocs serve` writes."""
    project = benchmarks.gen.generate(tmp_path / "project", 10)
    plain = benchmarks.baseline.write_baseline(project, tmp_path / "plain")
    page = sorted((plain.parent / "content").rglob("*.md"))[0]
    sites = tmp_path / "sites"
    sites.mkdir()
    seen: list[list[Path]] = []

    def edit(number: int) -> None:
        seen.append(sorted(sites.glob("mkdocs_*/index.html")))
        page.write_text(page.read_text(encoding="utf-8") + f"\nEdit {number}.\n", "utf-8")

    times = benchmarks.serve.serve_rebuilds(plain, edit, 1, tmp_path / "serve.log", sites)
    assert len(times) == 1
    assert len(seen) == 1 and len(seen[0]) == 1  # the site being served lives in `sites`
