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
    assert bench.main([*args, "--out", str(out)]) == 0

    work = tmp_path / "w" / "n30"
    glossary = work / "project" / "glossary"
    assert len(list(glossary.glob("[!_]*.yml"))) == 30
    lessons = sorted((work / "project" / "content").rglob("lesson-*.md"))
    assert len(lessons) == 3
    assert all("\nmodule: Module 1\n" in p.read_text(encoding="utf-8") for p in lessons)
    hooks, plain = _titles(work / "site-hooks"), _titles(work / "site-plain")
    assert hooks == plain  # the same pages with the same titles: a like-for-like baseline
    assert len(hooks) > 40
    report = out.read_text(encoding="utf-8")
    assert re.search(r"^\| 30 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", report, re.MULTILINE)
    assert "load_validate s" in report  # the hooks' phase timings reached the table
    # MkDocs' own steps, timed inside both variants' builds
    assert re.search(r"^\| 30 \| [0-9.]+ / [0-9.]+ \| [0-9.]+ / [0-9.]+ \|", report, re.MULTILINE)
    raw = json.loads((tmp_path / "w" / "results.json").read_text(encoding="utf-8"))
    for variant in ("hooks", "plain"):
        (run,) = raw["builds"][0][variant]
        assert run["stages"]["read and convert"] > 0 and run["stages"]["render and write"] > 0
        assert sum(run["stages"][s] for s in bench.STAGES.values()) < run["seconds"]
    assert bench.NOTES_MARKER in report
    lesson_nav, term_nav = bench.nav_items(work / "site-plain")
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


def _without_remade(report: str) -> str:
    remade = "- Report made again from the run's results.json"
    return "".join(line for line in report.splitlines(keepends=True) if not line.startswith(remade))


@pytest.mark.parametrize(
    ("growth", "plain", "faster", "expected"),
    [
        (1.95, 2.30, None, bench.PASS),  # ours grows as N does
        (1.95, 2.30, True, bench.PASS),
        (2.20, 2.30, None, bench.OUT_OF_REACH),  # plain itself grows faster, ours no faster
        (2.40, 2.30, None, bench.FAIL),  # too few rounds to test: the bare numbers decide
        (2.40, 2.30, False, bench.OUT_OF_REACH),  # ahead of plain, but within the noise
        (2.20, 2.30, True, bench.FAIL),  # the rounds show ours growing faster: ours
        (2.10, 1.95, False, bench.FAIL),  # plain is linear, ours is not
        (2.10, 1.95, None, bench.FAIL),
    ],
)
def test_growth_target_names_whose_superlinear_term_it_is(
    growth: float, plain: float, faster: bool | None, expected: str
) -> None:
    assert bench.growth_status(growth, plain, 2.0, faster) == expected


def test_paired_ratio_compares_each_full_build_with_the_plain_build_beside_it() -> None:
    """A slow spell that hits one pair (3rd: both slow) moves the ratio of medians, not the
    median of the pairs' ratios."""
    hooks = [bench.Run(s, 0) for s in (60.0, 55.0, 66.0)]
    plain = [bench.Run(s, 0) for s in (50.0, 50.0, 60.0)]
    result = bench.SizeResult(5000, 1, hooks, plain)
    assert result.ratio == pytest.approx(60.0 / 50.0)
    assert result.paired_ratio == pytest.approx(1.1)  # median of 1.2, 1.1, 1.1


@pytest.mark.parametrize(
    ("full", "verdict"),
    [
        ((57.0, 56.0, 55.0, 58.0, 54.0, 56.0, 60.0), "all of it within 1.2×"),
        ((57.0, 56.0, 55.0, 58.0, 54.0, 62.0, 61.0), "it reaches past 1.2×"),
    ],
)
def test_ratio_target_says_whether_the_rounds_are_sure_of_it(
    full: tuple[float, ...], verdict: str
) -> None:
    hooks = [bench.Run(s, 0) for s in full]
    result = bench.SizeResult(5000, 1, hooks, [bench.Run(50.0, 0) for _ in full])
    (line,) = [text for _, text in bench.targets([result], None) if "≤ 1.2× plain" in text]
    # 2nd smallest and 2nd largest of 7 ratios: 87.5% sure that they hold the median between
    low, high = sorted(full)[1] / 50, sorted(full)[-2] / 50
    assert f"87.5% interval {low:.2f}–{high:.2f}×: {verdict}" in line


def test_worker_time_is_shown_but_not_on_the_builds_path() -> None:
    phases = {"crosslink": 0.3, "backlinks": 0.7, "crosslink_worker": 2.3}
    phases |= {"backlinks_worker": 0.5, "render_pages_worker": 0.9}  # the last is no linking
    hooks = [bench.Run(44.0, 0, phases), bench.Run(46.0, 0, phases)]
    result = bench.SizeResult(5000, 1, hooks, [bench.Run(40.0, 0), bench.Run(40.0, 0)])
    assert result.hooks_total == pytest.approx(1.0)
    (share,) = [text for _, text in bench.targets([result], None) if "cross-linking" in text]
    assert "1.0 s on the build's path + 2.8 s on a second core" in share
    assert "= 8.6%" in share  # (1.0 + 2.8) / (45.0 - 1.0): the worker counted as if on the path


def test_timings_line_sizes_are_not_phases(tmp_path: Path) -> None:
    from termweave.timing import BYTES_SUFFIX, TIMINGS_ENV, PhaseTimer

    assert bench.BYTES_SUFFIX == BYTES_SUFFIX
    timer = PhaseTimer()
    timer.add("crosslink", 1.5)
    timer.sizes["worker_private"] = 123
    written = timer.write({TIMINGS_ENV: str(tmp_path / "t.jsonl")})
    assert written is not None
    assert written.read_text() == '{"crosslink": 1.5, "worker_private_bytes": 123}\n'


def test_warm_inputs_reads_every_file_of_the_project(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "a.yml").write_text("term: A\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "empty.md").write_text("")
    assert bench.warm_inputs(tmp_path) == len("term: A\n") + len("site_name: x\n")


def test_rounds_interleave_sizes_and_alternate_variants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every round builds every size: a slow spell then hits both sides of a growth ratio."""
    built: list[tuple[str, str]] = []

    def build_once(config: Path, site: Path, work: Path) -> bench.Run:
        built.append((work.name, site.name))
        site.mkdir(parents=True, exist_ok=True)
        return bench.Run(float(len(built)), 0)

    monkeypatch.setattr(bench, "build_once", build_once)
    counted: list[Path] = []
    monkeypatch.setattr(bench, "count_pages", lambda site: counted.append(site) or 7)
    monkeypatch.setattr(bench, "nav_items", lambda site: (3, 2))
    subjects = []
    for size in (10, 20):
        root = tmp_path / f"n{size}" / "project"
        project = bench.Project(root, root / "mkdocs.yml", size, size // 10)
        subjects.append(bench.Subject(size, project, tmp_path / "plain.yml", tmp_path / f"n{size}"))
    results = bench.measure_rounds(subjects, 2, lambda text: None)
    assert built == [
        ("n10", "site-hooks"), ("n10", "site-plain"), ("n20", "site-hooks"), ("n20", "site-plain"),
        ("n10", "site-plain"), ("n10", "site-hooks"), ("n20", "site-plain"), ("n20", "site-hooks"),
    ]  # fmt: skip
    small, large = results
    assert [r.seconds for r in small.hooks] == [1.0, 6.0]
    assert [r.seconds for r in large.hooks] == [3.0, 8.0]
    assert (large.pages, large.nav_lesson, large.nav_term) == (7, 3, 2)
    assert len(counted) == 2  # each size's site is counted once, not after every build
    assert bench.paired_growth(small, large) == pytest.approx((3.0 + 8.0 / 6.0) / 2)


def _sized(size: int, full: list[float], plain: list[float]) -> bench.SizeResult:
    return bench.SizeResult(
        size, 1, [bench.Run(s, 0) for s in full], [bench.Run(s, 0) for s in plain]
    )


def test_growth_check_shows_the_ratio_within_rounds() -> None:
    small = _sized(5000, [50.0, 60.0], [45.0, 45.0])
    large = _sized(10000, [95.0, 126.0], [90.0, 90.0])
    (growth,) = [text for _, text in bench.targets([small, large], None) if "superlinear" in text]
    assert "took ×2.01 the time (within a round: ×2.00;" in growth  # 110.5/55; (1.9 + 2.1)/2


def test_peak_memory_is_the_childs_own_high_water_mark(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tpython\nVmPeak:\t 900000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n")
    assert bench.peak_rss_bytes(status) == 123456 * 1024
    assert bench.peak_rss_bytes(tmp_path / "missing") > 0  # elsewhere: ru_maxrss


def test_each_build_starts_on_a_settled_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old site goes, the inputs are read, and what earlier builds wrote is flushed, in that
    order, before the build is timed."""
    steps: list[str] = []
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    monkeypatch.setattr(bench, "warm_inputs", lambda project: steps.append(f"warm {project.name}"))
    monkeypatch.setattr(bench.os, "sync", lambda: steps.append("sync"))
    bench.settle_disk(site, tmp_path / "project")
    assert not site.exists()
    assert steps == ["warm project", "sync"]


def test_everything_else_is_what_mkdocs_steps_leave_of_the_build() -> None:
    runs = [
        bench.Run(10.0, 0, stages={"read and convert": 5.0, "render and write": 3.0}),
        bench.Run(
            12.0, 0, stages={"read and convert": 6.0, "render and write": 3.0, "collector": 1.0}
        ),
        bench.Run(11.0, 0, stages={"read and convert": 5.5, "render and write": 4.5}),
    ]
    result = bench.SizeResult(5000, 1, runs, runs)
    assert bench.stage_median(runs, bench.OTHER_STAGE) == pytest.approx(2.0)  # median of 2, 3, 1
    assert bench.stage_median(runs, bench.GC_STAGE) == 0.0  # median of 0, 1, 0
    (row,) = bench.stage_table([result])[2:]
    assert row == "| 5,000 | 5.5 / 5.5 | 3.0 / 3.0 | 0.0 / 0.0 | 2.0 / 2.0 |"


def test_a_timed_step_adds_up_its_calls_and_still_returns_and_raises() -> None:
    totals: dict[str, float] = {}

    def step(value: int) -> int:
        if value < 0:
            raise ValueError(value)
        return value * 2

    timed = bench._timed(step, "step", totals)
    assert timed(21) == 42
    with pytest.raises(ValueError):
        timed(-1)
    assert totals["step"] > 0 and set(totals) == {"step"}


def test_growth_is_judged_round_by_round_not_by_the_bare_medians() -> None:
    """Plain grows ×5.18 and ours ×5.15 by the medians, yet in 6 of 7 rounds ours grew faster
    than the plain builds beside it: the rounds show a superlinear term of ours."""
    small = _sized(1000, [9.5, 10, 9, 11, 9.4, 9.9, 10.2], [8.4, 8.9, 8, 9.6, 8.2, 8.5, 8.8])
    large = _sized(5000, [50, 52, 47, 56, 49, 51, 53], [43, 45, 41, 48, 42, 44, 44])
    ((status, text),) = [c for c in bench.targets([small, large], None) if "superlinear" in c[1]]
    assert status == bench.FAIL
    assert "took ×5.15 the time" in text and "plain: ×5.18" in text
    assert "round by round: above 1 in 6 of 7, median ×1.019: ours faster beyond the noise" in text


def test_growth_ahead_of_plain_within_the_noise_is_out_of_reach() -> None:
    """Ours ×5.34 against plain's ×5.13, but ahead in 4 of 7 rounds and behind in the others
    (signed ranks: 20 of 28, p = 24/128): not shown to be ours."""
    excess = [1.08, 0.95, 1.06, 0.97, 1.05, 0.99, 1.04]
    small = _sized(1000, [9.5] * 7, [8.4] * 7)
    large = _sized(5000, [9.5 * 5.13 * e for e in excess], [8.4 * 5.13] * 7)
    ((status, text),) = [c for c in bench.targets([small, large], None) if "superlinear" in c[1]]
    assert status == bench.OUT_OF_REACH
    assert "took ×5.34 the time" in text and "plain: ×5.13" in text
    assert "above 1 in 4 of 7, median ×1.040: not beyond the noise (signed-rank p = 0.19" in text


def test_a_report_cannot_be_made_again_from_results_without_metadata(tmp_path: Path) -> None:
    raw = tmp_path / "results.json"
    raw.write_text(json.dumps({"builds": [], "serve": None}), encoding="utf-8")
    with pytest.raises(SystemExit, match="without the run's metadata"):
        bench.main(["--report-from", str(raw), "--out", str(tmp_path / "b.md")])
