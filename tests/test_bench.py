"""The benchmark keeps working: its generator, both builds and its report, at a tiny N.

No timings are asserted (a shared CI machine makes them meaningless); `scripts/bench.py` checks
the targets when it is run for real.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bench
import pytest

import benchmarks.baseline
import benchmarks.gen
import benchmarks.model
import benchmarks.report
import benchmarks.run

pytestmark = pytest.mark.slow


def _titles(site: Path) -> dict[str, str]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        match = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL)
        found[page.relative_to(site).as_posix()] = match.group(1) if match else ""
    return found


def test_generator_hooks_build_and_plain_baseline(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    args = ["--sizes", "30", "--runs", "1", "--no-serve", "--workdir", str(tmp_path / "w")]
    args += ["--profile", "30", "--sites", str(tmp_path / "sites"), "--no-bytes"]
    args += ["--preview-sizes", "30", "--preview-rounds", "1"]
    assert bench.main([*args, "--out", str(out)]) == 0

    work = tmp_path / "w" / "n30"
    glossary = work / "project" / "glossary"
    made = [p for p in glossary.glob("[!_]*.yml") if not p.name.startswith("newmark-")]
    assert len(made) == 30  # and the preview's edits added one per round
    lessons = sorted((work / "project" / "content").rglob("lesson-*.md"))
    assert len(lessons) == 3
    assert all("\nmodule: Module 1\n" in p.read_text(encoding="utf-8") for p in lessons)
    sites = tmp_path / "sites" / "n30"
    hooks, plain = _titles(sites / "site-hooks"), _titles(sites / "site-plain")
    assert hooks == plain  # the same pages with the same titles: a like-for-like baseline
    assert len(hooks) > 40
    report = out.read_text(encoding="utf-8")
    # N, pages, both builds' medians, the ratio, the paired ratio, the peaks of memory (full,
    # our search indexer's, plain)
    row = r"^\| 30 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \| [0-9.]+× \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \|"
    assert re.search(row, report, re.MULTILINE)
    assert re.search(r"^- Machine: \d+ usable cores of \d+ .*Python 3\.\d+", report, re.MULTILINE)
    assert f"- Built sites: written on disk in {tmp_path / 'sites'} (" in report
    assert "load_validate s" in report  # the hooks' phase timings reached the table
    # MkDocs' own steps, timed inside both variants' builds
    assert re.search(r"^\| 30 \| [0-9.]+ / [0-9.]+ \| [0-9.]+ / [0-9.]+ \|", report, re.MULTILINE)
    raw = json.loads((tmp_path / "w" / "results.json").read_text(encoding="utf-8"))
    for variant in ("hooks", "plain"):
        (run,) = raw["builds"][0][variant]
        assert run["stages"]["read and convert"] > 0 and run["stages"]["render and write"] > 0
        assert sum(run["stages"][s] for s in benchmarks.model.STAGES.values()) < run["seconds"]
    assert raw["builds"][0]["hooks"][0]["indexer_peak_bytes"] > 0  # Pagefind's own memory
    assert raw["builds"][0]["plain"][0]["indexer_peak_bytes"] == 0
    assert (sites / "site-plain" / "search" / "search_index.json").is_file()  # Material's search
    assert (sites / "site-hooks" / "search" / "pagefind" / "pagefind.js").is_file()
    assert "## Method" in report and "## Targets" in report
    # one profiled build of each variant, with their calls (kept in results.json)
    assert "### full build, N=30 (" in report and "### plain build, N=30 (" in report
    assert re.search(r"^- N=30: full [0-9.]+ million .* full/plain ×[0-9.]+$", report, re.MULTILINE)
    calls = raw["profile_calls"]["30"]
    assert calls["full"]["ours"] > 0 and calls["plain"]["ours"] == 0
    # make serve's preview: each kind of edit, saved to served, with its rebuild's phases
    assert "## Edit to preview (`make serve`)" in report
    for kind in ("body", "summary", "lesson", "lesson title", "new term", "alias", "categories"):
        cells = r"\| [0-9.]+ \| [0-9.]+ \| \d+ \| \d+ \| [0-9.]+ \|"
        assert re.search(rf"^\| 30 \| {kind} {cells}", report, re.MULTILINE), kind
    assert {t["kind"] for t in raw["preview"]["30"]} >= {"body", "new term", "lesson title"}
    lesson_nav, term_nav = benchmarks.run.nav_items(sites / "site-plain")
    assert lesson_nav > 0 and term_nav > 0  # the evidence for a superlinear nav can be read

    # the same report again from the run's raw numbers, without building
    again = tmp_path / "again.md"
    assert (
        bench.main(["--report-from", str(tmp_path / "w" / "results.json"), "--out", str(again)])
        == 0
    )
    made_again = again.read_text(encoding="utf-8")
    remade = "- Report made again from the run's results.json by `--report-from`: "
    assert made_again.count(remade) == 1 and remade not in report
    assert _without_remade(made_again) == report


def test_the_baseline_pages_hold_the_demo_blocks_our_hooks_put_in(tmp_path: Path) -> None:
    """Like for like: a page with a demo is built plainly with the demo's HTML block in it,
    not with the `::demo[...]` line our hooks replace."""
    project = benchmarks.gen.generate(tmp_path / "project", 30)
    entry = sorted((project.root / "glossary").glob("[!_]*.yml"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "demos: [learning-rate]\n", "utf-8")
    plain = benchmarks.baseline.write_baseline(project, tmp_path / "plain")
    page = (plain.parent / "content" / "glossary" / f"{entry.stem}.md").read_text("utf-8")
    assert page.count('<div class="tw-demo" id="tw-learning-rate-1"') == 1
    assert "::demo[" not in page
    assert 'src="../../assets/termweave/demos/demo.js"' in page  # relative to the term's URL


def _without_remade(report: str) -> str:
    remade = "- Report made again from the run's results.json"
    return "".join(line for line in report.splitlines(keepends=True) if not line.startswith(remade))


def test_a_report_cannot_be_made_again_from_results_without_metadata(tmp_path: Path) -> None:
    raw = tmp_path / "results.json"
    raw.write_text(json.dumps({"builds": [], "serve": None}), encoding="utf-8")
    with pytest.raises(SystemExit, match="without the run's metadata"):
        bench.main(["--report-from", str(raw), "--out", str(tmp_path / "b.md")])
