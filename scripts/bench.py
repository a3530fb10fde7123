"""Build cost of our hooks at 1,000 to 10,000 terms, against plain MkDocs on the same pages.

    python scripts/bench.py                 # N = 1,000, 5,000 and 10,000 (slow: tens of minutes)
    python scripts/bench.py --quick         # N = 1,000 only
    python scripts/bench.py --sizes 300 --runs 1 --serve-runs 1 --out /tmp/b.md
    python scripts/bench.py --report-from /tmp/w/results.json   # an earlier --workdir run's report

Each build runs in a child process that times itself and reports its own peak memory, so
numbers of one build never include another's. The two variants alternate, so that a burst of
load from another process on a shared machine hits both. The table goes to stdout and to
BENCHMARKS.md; the targets of issue 9 are checked and printed as PASS/FAIL (exit status 1 on a
FAIL). Text below the notes marker in BENCHMARKS.md is kept between runs.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import itertools
import json
import os
import platform
import pstats
import re
import resource
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchgen import HOOKS_DIR, LEVELS, ROOT, Project, generate, write_baseline
from benchstats import (
    TEST_LEVEL,
    faster_than_plain,
    growth_excess,
    median_interval,
    signed_rank_p,
)

DEFAULT_SIZES = (1000, 5000, 10000)
NOTES_MARKER = "<!-- bench:notes (kept between runs) -->"
BUILT_RE = re.compile(r"Documentation built in ([0-9.]+) seconds")
GB = 1_000_000_000
RESULTS_JSON = "results.json"  # in --workdir: every build's numbers, the profiles, the metadata
WORKER_SUFFIX = "_worker"  # a phase timed in our worker process, on a second core
BYTES_SUFFIX = "_bytes"  # a size in the timings line (termweave.timing.BYTES_SUFFIX), not a phase


@dataclass
class Run:
    """One child build: wall seconds of the build, peak RSS in bytes, our phases' seconds."""

    seconds: float
    peak_bytes: int
    phases: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)  # MkDocs' own steps (`STAGES`)


@dataclass
class SizeResult:
    size: int
    pages: int
    hooks: list[Run]
    plain: list[Run]
    # navigation items Material renders on one lesson page and one term page (plain build):
    # what grows with N on every page is a superlinear term of MkDocs/Material themselves
    nav_lesson: int = 0
    nav_term: int = 0

    @property
    def hooks_s(self) -> float:
        return statistics.median(r.seconds for r in self.hooks)

    @property
    def plain_s(self) -> float:
        return statistics.median(r.seconds for r in self.plain)

    @property
    def ratio(self) -> float:
        return self.hooks_s / self.plain_s

    @property
    def paired_ratio(self) -> float:
        """Median of each full build over the plain build next to it (ABBA order): on a machine
        whose speed drifts over minutes, a check on the ratio of medians above."""
        return median_ratio(self.hooks, self.plain)

    @property
    def hooks_total(self) -> float:
        """Our hooks' own timers on the build's path (medians): every phase but the worker's,
        which runs on a second core meanwhile (shown in its own column)."""
        names = {p for run in self.hooks for p in run.phases if not p.endswith(WORKER_SUFFIX)}
        return sum(self.phase(p) for p in names)

    def phase(self, name: str) -> float:
        return statistics.median(r.phases.get(name, 0.0) for r in self.hooks)


def paired_ratios(numerators: Sequence[Run], denominators: Sequence[Run]) -> list[float]:
    """The builds' time ratios, pair by pair (builds made next to each other)."""
    return [a.seconds / b.seconds for a, b in zip(numerators, denominators, strict=True)]


def median_ratio(numerators: Sequence[Run], denominators: Sequence[Run]) -> float:
    return statistics.median(paired_ratios(numerators, denominators))


def paired_growth(small: SizeResult, large: SizeResult) -> float:
    """Median over rounds of the larger size's full build over the smaller one's in the same
    round: a check on the ratio of medians that the target reads."""
    return median_ratio(large.hooks, small.hooks)


def stage_median(runs: Sequence[Run], name: str) -> float:
    """Median seconds of one of MkDocs' steps; OTHER_STAGE is what the steps leave."""
    if name == OTHER_STAGE:
        return statistics.median(
            r.seconds - sum(r.stages.get(n, 0.0) for n in STAGES.values()) for r in runs
        )
    return statistics.median(r.stages.get(name, 0.0) for r in runs)


@dataclass
class ServeResult:
    size: int
    hooks: list[float]
    plain: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.hooks) / statistics.median(self.plain)


# --- the child: one build, timed from inside ------------------------------------------------


def child_build(config: Path, site: Path, phases: bool, profile: Path | None) -> dict[str, Any]:
    """Run `mkdocs build` in this process; report seconds, peak RSS and our hook phases."""
    timers: list[Any] = []
    if phases:  # the hook imports `termweave` from here: the same module, so we see its timers
        sys.path.insert(0, str(HOOKS_DIR))
        from termweave import timing

        original = timing.PhaseTimer.__init__

        def record(self: timing.PhaseTimer) -> None:
            original(self)
            timers.append(self)

        timing.PhaseTimer.__init__ = record  # type: ignore[method-assign]
    from mkdocs.__main__ import cli

    stages = _time_stages()
    args = ["build", "-q", "-f", str(config), "-d", str(site)]
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    cli.main(args, standalone_mode=False)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler and profile:
        profiler.dump_stats(str(profile))
    written = _phases_written() or (dict(timers[-1].seconds) if timers else {})
    # Our worker process (a fork) adds the memory it does not share with the build; its own
    # resident size would count the build's pages a second time.
    worker = written.get(f"worker_private{BYTES_SUFFIX}", 0.0)
    measured = {k: v for k, v in written.items() if not k.endswith(BYTES_SUFFIX)}
    peak = peak_rss_bytes() + int(worker)
    return {"seconds": seconds, "peak_bytes": peak, "phases": measured, "stages": stages}


# MkDocs' own steps, timed in both variants: a full build slower than plain by more than our
# phases can then be traced to the step that slowed (reading and converting pages includes our
# on_page_markdown/on_page_content work, rendering and writing our on_page_context/on_post_page)
STAGES = {"_populate_page": "read and convert", "_build_page": "render and write"}
GC_STAGE = "collector"  # the garbage collector, within the steps above and outside them
OTHER_STAGE = "everything else"


def _time_stages() -> dict[str, float]:
    from mkdocs.commands import build as mkdocs_build

    stages: dict[str, float] = {}
    for name, label in STAGES.items():
        setattr(mkdocs_build, name, _timed(getattr(mkdocs_build, name), label, stages))
    started = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            stages[GC_STAGE] = stages.get(GC_STAGE, 0.0) + time.perf_counter() - started[0]

    gc.callbacks.append(collector)
    return stages


def _timed(
    original: Callable[..., Any], label: str, totals: dict[str, float]
) -> Callable[..., Any]:
    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.perf_counter() - start

    return timed


def peak_rss_bytes(status: Path = Path("/proc/self/status")) -> int:
    """This process's own peak resident size: VmHWM, the high-water mark of its memory, where
    Linux has it. Not `ru_maxrss`, which Linux carries over from the parent through fork and exec:
    a child started by a bench process holding the 10,000-term project would report that."""
    try:
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _phases_written() -> dict[str, float]:
    """The line termweave.timing wrote for this build, if the hooks write one."""
    target = os.environ.get("TERMWEAVE_TIMINGS")
    if not target or not Path(target).is_file():
        return {}
    lines = Path(target).read_text(encoding="utf-8").splitlines()
    return {k: float(v) for k, v in json.loads(lines[-1]).items()} if lines else {}


# --- the parent ------------------------------------------------------------------------------


def _child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMWEAVE_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def warm_inputs(project: Path) -> int:
    """Read every input file of a project once, untimed, and return the bytes read: a build
    then measures its work, not whether the disk cache still held its files (on this machine
    it sometimes does not between builds, and cold reads of 10,000 small files take seconds)."""
    return sum(len(p.read_bytes()) for p in project.rglob("*") if p.is_file())


def settle_disk(site: Path, project: Path) -> None:
    """Before a timed build, untimed: remove the old site, read the project's files once, and
    flush every written file to disk. Each build writes hundreds of MB; without the flush the
    kernel writes (and, on this `discard`-mounted disk, trims) the previous build's files during
    the next one, which then pays for work that is not its own."""
    shutil.rmtree(site, ignore_errors=True)
    warm_inputs(project)
    os.sync()


def build_once(config: Path, site: Path, work: Path, profile: Path | None = None) -> Run:
    """One clean build in a fresh child process, on a settled disk (`settle_disk`)."""
    settle_disk(site, config.parent)
    timings = work / "timings.jsonl"
    timings.unlink(missing_ok=True)
    hooks = "hooks:" in config.read_text(encoding="utf-8")
    command = [sys.executable, __file__, "--child", str(config), "--child-site", str(site)]
    if hooks:
        command.append("--child-phases")
    if profile:
        command += ["--child-profile", str(profile)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=_child_env(TERMWEAVE_TIMINGS=str(timings)),
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{done.stdout}\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(report["seconds"], report["peak_bytes"], report["phases"], report["stages"])


def count_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


NAV_ITEM = 'class="md-nav__item'


def nav_items(site: Path) -> tuple[int, int]:
    """Navigation items in the HTML of the first lesson page and the first term page."""
    lessons = sorted(site.glob(f"{LEVELS[0][0]}/lesson-*/index.html"))
    terms = sorted(
        p
        for p in (site / "glossary").glob("*/index.html")
        if p.parent.name not in ("category", "review-status", "early-access")
    )

    def count(pages: list[Path]) -> int:
        return pages[0].read_text(encoding="utf-8").count(NAV_ITEM) if pages else 0

    return count(lessons), count(terms)


@dataclass
class Subject:
    """One size to measure: its project (with our hooks) and its plain baseline's config."""

    size: int
    project: Project
    plain: Path
    work: Path


def measure_rounds(
    subjects: Sequence[Subject], runs: int, say: Callable[[str], None]
) -> list[SizeResult]:
    """`runs` rounds, each building every size once with hooks and once plain (ABBA order from
    round to round). The sizes are interleaved, not measured one after the other: this machine's
    speed drifts over the half hour a run takes, and a growth ratio N→2N should compare builds made
    minutes apart, under the same conditions, as the full/plain ratio does."""
    found: dict[int, tuple[list[Run], list[Run]]] = {s.size: ([], []) for s in subjects}
    pages: dict[int, int] = {}
    nav: dict[int, tuple[int, int]] = {}
    for index in range(runs):
        for subject in subjects:
            order = [("hooks", subject.project.config), ("plain", subject.plain)]
            for name, config in order if index % 2 == 0 else order[::-1]:
                site = subject.work / f"site-{name}"
                run = build_once(config, site, subject.work)
                found[subject.size][0 if name == "hooks" else 1].append(run)
                if subject.size not in pages:
                    pages[subject.size] = count_pages(site)
                if name == "plain" and subject.size not in nav:
                    nav[subject.size] = nav_items(site)
                say(
                    f"  round {index + 1}/{runs} N={subject.size} {name}: "
                    f"{run.seconds:.1f} s, {_mb(run)} MB"
                )
    return [SizeResult(s.size, pages[s.size], *found[s.size], *nav[s.size]) for s in subjects]


def _mb(run: Run) -> int:
    return round(run.peak_bytes / 1_000_000)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.2)


def _more(count: Callable[[], list[float]], before: int) -> bool:
    return len(count()) > before


def serve_rebuilds(
    config: Path, edit: Callable[[int], None], edits: int, log: Path, timeout: float = 900
) -> list[float]:
    """Start `mkdocs serve` (as `make serve` does), edit one file `edits` times, and read the
    rebuild times MkDocs logs ('Documentation built in X seconds'), the first build excluded."""
    port = free_port()
    # Any -W option stops MkDocs from adding its DuplicateFilter, which would swallow a second
    # "Documentation built in 0.82 seconds" line identical to an earlier one.
    command = [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "mkdocs", "serve"]
    command += ["--livereload"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(config)]
    with log.open("w", encoding="utf-8") as stream:
        server = subprocess.Popen(
            command, cwd=config.parent, env=_child_env(), stdout=stream, stderr=subprocess.STDOUT
        )

    def built() -> list[float]:
        text = log.read_text(encoding="utf-8")
        if "An error happened during the rebuild" in text:
            raise SystemExit(f"a rebuild failed; see {log}")
        return [float(x) for x in BUILT_RE.findall(text)]

    try:
        _wait(lambda: "Serving on" in log.read_text(encoding="utf-8"), timeout, "mkdocs serve")
        time.sleep(2)  # the file watcher starts just after the server
        for number in range(edits):
            before = len(built())
            edit(number)
            _wait(functools.partial(_more, built, before), timeout, "a rebuild")
            time.sleep(2)  # let a second change event (if any) settle before the next edit
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped; see {log}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return built()[1:]


def _shifted(edit: Callable[[int], None], first: int, number: int) -> None:
    edit(first + number)


def measure_serve(project: Project, plain: Path, edits: int, work: Path) -> ServeResult:
    """A YAML entry edited under our hooks vs the same term's Markdown page edited plainly; two
    sessions of each, alternating."""
    entry = sorted((project.root / "glossary").glob("[!_]*.yml"))[0]
    page = plain.parent / "content" / "glossary" / f"{entry.stem}.md"

    def edit_yaml(number: int) -> None:
        lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
        text = json.dumps(f"Edited summary, take {number + 1}.")
        lines = [f"summary: {text}\n" if x.startswith("summary:") else x for x in lines]
        entry.write_text("".join(lines), encoding="utf-8")

    def edit_markdown(number: int) -> None:
        with page.open("a", encoding="utf-8") as stream:
            stream.write(f"\nEdited, take {number + 1}.\n")

    hooks: list[float] = []
    plain_times: list[float] = []
    sessions = [("hooks", project.config, edit_yaml), ("plain", plain, edit_markdown)]
    for index in range(2):  # ABBA, as for the builds; edits are numbered on across sessions
        for name, config, edit in sessions if index == 0 else sessions[::-1]:
            log = work / f"serve-{name}-{index + 1}.log"
            first = index * edits
            times = serve_rebuilds(config, functools.partial(_shifted, edit, first), edits, log)
            (hooks if name == "hooks" else plain_times).extend(times)
    return ServeResult(project.terms, hooks, plain_times)


# --- profile ---------------------------------------------------------------------------------


def _package(filename: str) -> str:
    """Where a profiled function lives: our package, a third-party package, or the stdlib."""
    if "termweave" in filename or filename.endswith("site_hooks.py"):
        return "termweave (ours)"
    match = re.search(r"site-packages/([A-Za-z0-9_]+)", filename)
    if match:
        return match.group(1)
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    match = re.search(r"python3\.\d+/([A-Za-z0-9_]+)", filename)
    return f"stdlib {match.group(1)}" if match else "other"


def profile_summary(path: Path, top: int = 25) -> tuple[list[tuple[str, float]], list[str]]:
    """Own time by package, and the top functions by own time."""
    stats = pstats.Stats(str(path))
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    by_package: dict[str, float] = {}
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in raw.items():
        package = _package(filename)
        by_package[package] = by_package.get(package, 0.0) + tottime
        short = re.sub(r".*site-packages/", "", filename)
        short = re.sub(r".*/hooks/", "hooks/", short)
        rows.append((tottime, cumtime, calls, f"{short}:{line}({name})"))
    rows.sort(reverse=True)
    lines = [
        f"| {tot:.2f} | {cum:.2f} | {calls} | `{where}` |" for tot, cum, calls, where in rows[:top]
    ]
    return sorted(by_package.items(), key=lambda kv: -kv[1]), lines


# --- report ----------------------------------------------------------------------------------


def _spread(values: Sequence[float]) -> str:
    """The median, and the range when there is one: on a shared machine the noise matters."""
    median = f"{statistics.median(values):.1f}"
    return median if len(values) < 2 else f"{median} ({min(values):.1f}–{max(values):.1f})"


def stage_table(results: list[SizeResult]) -> list[str]:
    """MkDocs' own steps in both variants (medians): where a full build's extra time sits."""
    names = [*STAGES.values(), GC_STAGE, OTHER_STAGE]
    head = ["N terms", *(f"{name} s (full / plain)" for name in names)]
    rows = [
        [
            f"{r.size:,}",
            *(f"{stage_median(r.hooks, n):.1f} / {stage_median(r.plain, n):.1f}" for n in names),
        ]
        for r in results
        if r.hooks and r.plain and all(run.stages for run in [*r.hooks, *r.plain])
    ]
    if not rows:
        return []
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in rows]


def table(results: list[SizeResult]) -> list[str]:
    phases = sorted({p for r in results for run in r.hooks for p in run.phases}, key=_phase_order)
    head = ["N terms", "pages", "full build s", "plain s", "ratio", "paired ratio"]
    head += ["peak MB full", "peak MB plain"]
    head += [f"{p} s" for p in phases] + ["hooks total s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [
            f"{r.size:,}",
            f"{r.pages:,}",
            _spread([x.seconds for x in r.hooks]),
            _spread([x.seconds for x in r.plain]),
            f"{r.ratio:.2f}×",
            f"{r.paired_ratio:.2f}×",
            f"{max(_mb(x) for x in r.hooks):,}",
            f"{max(_mb(x) for x in r.plain):,}",
        ]
        cells += [f"{r.phase(p):.2f}" for p in phases]
        cells.append(f"{r.hooks_total:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


_KNOWN_PHASES = ("load_validate", "render_pages", "page_markdown", "crosslink", "backlinks")


def _phase_order(name: str) -> tuple[int, str]:
    return (_KNOWN_PHASES.index(name) if name in _KNOWN_PHASES else len(_KNOWN_PHASES), name)


PASS, FAIL = "PASS", "FAIL"
# A target missed by plain MkDocs + Material themselves, on the same pages, with our build no
# worse than theirs: issue 9 then asks where the time goes and what would fix it.
OUT_OF_REACH = "OUT OF REACH (MkDocs/Material)"


def _status(ok: bool) -> str:
    return PASS if ok else FAIL


def growth_status(growth: float, plain: float, allowed: float, faster: bool | None) -> str:
    """'No superlinear term': met when the full build grows at most as N does; out of reach
    (not ours) when plain MkDocs grows faster than N and the rounds do not show the full build
    growing faster than plain (`faster`, from `benchstats.faster_than_plain`; None, too few
    rounds to tell: then the two growths are compared as they are)."""
    if growth <= allowed:
        return PASS
    if plain <= allowed:
        return FAIL
    if faster is None:
        return OUT_OF_REACH if growth <= plain else FAIL
    return FAIL if faster else OUT_OF_REACH


def _excess_note(excess: list[float], faster: bool | None) -> str:
    above = sum(e > 1 for e in excess)
    text = f"ours over plain's growth, round by round: above 1 in {above} of {len(excess)}"
    if faster is None:
        return f"{text}, too few rounds to test"
    verdict = "ours faster beyond the noise" if faster else "not beyond the noise"
    return (
        f"{text}, median ×{statistics.median(excess):.3f}: {verdict} (signed-rank "
        f"p = {signed_rank_p(excess):.2f}, {TEST_LEVEL:.0%} level)"
    )


def _seconds(runs: Sequence[Run]) -> list[float]:
    return [run.seconds for run in runs]


def _ratio_note(result: SizeResult, limit: float = 1.2) -> str:
    """Round by round, how sure the run is of the ratio: the paired ratios' median and the
    interval that holds it (`benchstats.median_interval`), and whether all of it is in limit."""
    low, high, coverage = median_interval(paired_ratios(result.hooks, result.plain))
    verdict = f"all of it within {limit:g}×" if high <= limit else f"it reaches past {limit:g}×"
    return (
        f"round by round: median {result.paired_ratio:.2f}×, {coverage:.1%} interval "
        f"{low:.2f}–{high:.2f}×: {verdict}"
    )


def targets(results: list[SizeResult], serve: ServeResult | None) -> list[tuple[str, str]]:
    """Issue 9's targets; a target whose size was not measured is left out."""
    checks: list[tuple[str, str]] = []
    by_size = {r.size: r for r in results}
    if 5000 in by_size:
        ratio = by_size[5000].ratio
        text = f"full build ≤ 1.2× plain at N=5,000: {ratio:.2f}× ({_ratio_note(by_size[5000])})"
        checks.append((_status(ratio <= 1.2), text))
    ordered = sorted(by_size)
    for small, large in itertools.pairwise(ordered):
        a, b = by_size[small], by_size[large]
        growth, plain = b.hooks_s / a.hooks_s, b.plain_s / a.plain_s
        allowed = large / small
        ours = b.hooks_total / a.hooks_total if a.hooks_total else 0.0
        excess = growth_excess(*(_seconds(runs) for runs in (a.hooks, b.hooks, a.plain, b.plain)))
        faster = faster_than_plain(excess)
        checks.append(
            (
                growth_status(growth, plain, allowed, faster),
                f"no superlinear term: N {small:,}→{large:,} (×{allowed:g}) took "
                f"×{growth:.2f} the time (within a round: ×{paired_growth(a, b):.2f}; "
                f"plain: ×{plain:.2f}; {_excess_note(excess, faster)}; "
                f"our hooks' own time ×{ours:.2f}; "
                f"navigation items on a lesson page {a.nav_lesson:,}→{b.nav_lesson:,}, on a "
                f"term page {a.nav_term:,}→{b.nav_term:,})",
            )
        )
    if 5000 in by_size and any("crosslink" in run.phases for run in by_size[5000].hooks):
        result = by_size[5000]
        path = result.phase("crosslink") + result.phase("backlinks")
        worker = result.phase("crosslink_worker") + result.phase("backlinks_worker")
        linking = path + worker  # counted as if it all ran on the build's path: an upper bound
        share = linking / (result.hooks_s - path)
        checks.append(
            (
                _status(share <= 0.10),
                f"cross-linking and back-links add ≤ 10% to the build at N=5,000 (issue 3): "
                f"{path:.1f} s on the build's path + {worker:.1f} s on a second core, on top "
                f"of {result.hooks_s - path:.1f} s = {share:.1%} even if it were all on the path",
            )
        )
    if 10000 in by_size:
        peak = max(run.peak_bytes for run in by_size[10000].hooks)
        checks.append((_status(peak < GB), f"peak memory < 1 GB at N=10,000: {peak / 1e6:,.0f} MB"))
    if serve is not None:
        checks.append(
            (
                _status(serve.ratio <= 1.5),
                f"serve rebuild after one YAML edit ≤ 1.5× a plain rebuild at N={serve.size:,}: "
                f"{statistics.median(serve.hooks):.1f} s vs {statistics.median(serve.plain):.1f} s "
                f"= {serve.ratio:.2f}×",
            )
        )
    return checks


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _versions() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return (
        f"{usable} usable cores of {cores} ({platform.machine()}), Python "
        f"{platform.python_version()}, MkDocs {version('mkdocs')}, Material "
        f"{version('mkdocs-material')}, Markdown {version('markdown')}, PyYAML "
        f"{version('pyyaml')}"
    )


def report(
    results: list[SizeResult],
    serve: ServeResult | None,
    checks: list[tuple[str, str]],
    profiles: list[str],
    meta: dict[str, str],
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.py` (issue 9): a seeded synthetic project of N glossary "
        "entries (about 300-word bodies, about 12 mentions of other terms by name, alias or "
        "plural, 3–5 related terms, lesson links) and N/10 lessons of about 1,000 words in "
        "modules of 10 within 4 levels, built "
        "by `mkdocs build` with our hooks (*full*) and, as the baseline (*plain*), the exact "
        "pages our hooks produce written out as Markdown and built by plain MkDocs with the same "
        "theme settings, nav, CSS and announcement bar, and no hooks. Times are the build inside "
        "a fresh process (imports of MkDocs itself excluded, the same for both), median of "
        f"{meta['runs']} runs each with min–max, made in rounds: each round builds every size, "
        "full and plain next to each other in alternating order, so that ratios between "
        "variants and between sizes compare builds made minutes apart; peak memory is the "
        "child's own high-water mark (VmHWM) plus the most memory our worker process held that "
        "it did not share with the build (`Private_*` in /proc/self/smaps_rollup). Hook phases "
        "are medians of the full builds' own timers (`termweave.timing`); "
        "*hooks total* is their sum on the build's path, the rest is MkDocs and Material; "
        "a phase ending in *_worker* is time our worker process spends on a second core "
        "meanwhile (`termweave.planning`: rendering the generated pages, planning links, "
        "writing back-links and JSON-LD), not part of the total (on a machine whose two "
        "cores slow each other down it still lengthens the build: see the notes). A growth "
        "target plain MkDocs misses too is ours only when the rounds show the full build "
        "growing faster than plain beyond the noise (each round's full growth over its plain "
        "growth, one-sided Wilcoxon signed-rank test at 10%: `scripts/benchstats.py`). "
        f"`--report-from {RESULTS_JSON}` makes a report again from a `--workdir` run.",
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {meta['machine']}; load average {meta['load']} (a shared machine: "
        "treat differences under about 10% as noise)",
        f"- Command: `{meta['command']}`",
        *(
            [f"- Report made again from the run's {RESULTS_JSON} by `--report-from`: {remade}"]
            if (remade := meta.get("remade"))
            else []
        ),
        "",
        *table(results),
    ]
    steps = stage_table(results)
    if steps:
        lines += [
            "",
            "MkDocs' own steps in the same builds (medians): reading and converting the pages "
            "(with our on_page_markdown and on_page_content work), rendering and writing them "
            "(with our on_page_context and on_post_page work), the garbage collector's time "
            "within and outside them, and everything else (configuration, files, navigation, "
            "our on_config, on_files and on_env, the search index, on_post_build).",
            "",
            *steps,
        ]
    if serve is not None:
        lines += [
            "",
            f"Serve rebuild at N={serve.size:,} (`mkdocs serve --livereload`, the time MkDocs "
            "logs for each rebuild, first build excluded): after one YAML entry is edited "
            f"(hooks) {_spread(serve.hooks)} s; after one Markdown page is edited (plain) "
            f"{_spread(serve.plain)} s; ratio {serve.ratio:.2f}×.",
        ]
    lines += ["", "## Targets", ""]
    lines += [f"- **{status}** {text}" for status, text in checks]
    if profiles:
        lines += ["", "## Where the time goes (cProfile, one build each)", "", *profiles]
    return "\n".join(lines) + "\n"


def profile_section(size: int, project: Project, plain: Path, work: Path) -> list[str]:
    out: list[str] = []
    for name, config in (("full", project.config), ("plain", plain)):
        stats = work / f"profile-{name}-{size}.prof"
        run = build_once(config, work / f"site-{name}", work, profile=stats)
        packages, top = profile_summary(stats)
        total = sum(t for _, t in packages)
        out += [
            f"### {name} build, N={size:,} ({run.seconds:.1f} s under the profiler)",
            "",
            "Own time by package: "
            + ", ".join(f"{p} {t:.1f} s ({t / total:.0%})" for p, t in packages[:8]),
            "",
            "| own s | cumulative s | calls | function |",
            "|---|---|---|---|",
            *top,
            "",
        ]
    return out


def _kept_notes(path: Path) -> str:
    if not path.is_file():
        return f"\n{NOTES_MARKER}\n"
    text = path.read_text(encoding="utf-8")
    if NOTES_MARKER not in text:
        return f"\n{NOTES_MARKER}\n"
    return "\n" + text[text.index(NOTES_MARKER) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="N = 1,000 only")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None)
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant per N")
    parser.add_argument(
        "--serve-runs", type=int, default=3, help="edits per serve session (2 sessions each)"
    )
    parser.add_argument("--serve-size", type=int, default=1000)
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile at N")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--feature",
        action="append",
        default=[],
        metavar="NAME",
        help="add a Material feature to both variants, e.g. navigation.prune (repeatable)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="kept when given")
    parser.add_argument(
        "--report-from",
        type=Path,
        metavar="RESULTS_JSON",
        help=f"no builds: the report of an earlier --workdir run, from its {RESULTS_JSON}",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-phases", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-profile", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.report_from:
        return report_again(args.report_from, args.out)
    if args.child:
        result = child_build(args.child, args.child_site, args.child_phases, args.child_profile)
        print(json.dumps(result))
        return 0

    sizes: list[int] = [1000] if args.quick else (args.sizes or list(DEFAULT_SIZES))
    work_root = args.workdir or Path(tempfile.mkdtemp(prefix="termweave-bench-"))
    work_root.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load = _load()
    results: list[SizeResult] = []
    serve: ServeResult | None = None
    profiles: list[str] = []
    try:
        wanted = sorted({*sizes, *([args.serve_size] if not args.no_serve else [])})
        subjects: list[Subject] = []
        for size in wanted:
            work = work_root / f"n{size}"
            shutil.rmtree(work, ignore_errors=True)
            say(f"N={size}: generating the project and the plain baseline in {work}")
            project = generate(work / "project", size, seed=args.seed, features=args.feature)
            subjects.append(Subject(size, project, write_baseline(project, work / "plain"), work))
        measured = [s for s in subjects if s.size in sizes]
        results = measure_rounds(measured, args.runs, say)
        for subject in subjects:
            if subject.size == args.profile:
                say(f"N={subject.size}: profiling one build of each")
                profiles += profile_section(
                    subject.size, subject.project, subject.plain, subject.work
                )
            if subject.size == args.serve_size and not args.no_serve:
                say(f"N={subject.size}: serve rebuilds ({args.serve_runs} edits each)")
                serve = measure_serve(subject.project, subject.plain, args.serve_runs, subject.work)
        if args.profile and args.profile not in wanted:
            say(f"--profile {args.profile} is not among the sizes measured; skipped")
    finally:
        if args.workdir is None:
            shutil.rmtree(work_root, ignore_errors=True)

    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _versions(),
        "load": f"{load} at the start, {_load()} at the end",
        "command": "python scripts/bench.py " + shlex.join(sys.argv[1:] if argv is None else argv),
        "runs": str(args.runs),
    }
    if args.workdir is not None:  # the raw numbers, for a closer look or a report made again
        raw = {
            "builds": [asdict(r) for r in results],
            "serve": serve and asdict(serve),
            "profiles": profiles,
            "meta": meta,
        }
        (work_root / RESULTS_JSON).write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return write_report(results, serve, profiles, meta, args.out)


def write_report(
    results: list[SizeResult],
    serve: ServeResult | None,
    profiles: list[str],
    meta: dict[str, str],
    out: Path,
) -> int:
    """Check the targets, print the report and write it to `out` (its notes kept); 1 on a FAIL."""
    checks = targets(results, serve)
    text = report(results, serve, checks, profiles, meta)
    print(text)
    out.write_text(text + _kept_notes(out), encoding="utf-8")
    return 0 if all(status != FAIL for status, _ in checks) else 1


def report_again(raw_path: Path, out: Path) -> int:
    """The report of an earlier run, from its results.json, with today's rules: no build."""
    raw = json.loads(raw_path.read_text(encoding="utf-8"))
    if "meta" not in raw:
        raise SystemExit(f"{raw_path}: written by an older bench.py, without the run's metadata")
    results = [
        SizeResult(
            **{
                **size,
                "hooks": [Run(**run) for run in size["hooks"]],
                "plain": [Run(**run) for run in size["plain"]],
            }
        )
        for size in raw["builds"]
    ]
    serve = ServeResult(**raw["serve"]) if raw.get("serve") else None
    meta = dict(raw["meta"])
    meta["remade"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return write_report(results, serve, raw.get("profiles", []), meta, out)


if __name__ == "__main__":
    sys.exit(main())
