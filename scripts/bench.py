"""Build cost of our hooks at 1,000 to 10,000 terms, against plain MkDocs on the same pages.

    python scripts/bench.py                 # N = 1,000, 5,000 and 10,000 (slow: tens of minutes)
    python scripts/bench.py --quick         # N = 1,000 only
    python scripts/bench.py --sizes 300 --runs 1 --serve-runs 1 --out /tmp/b.md
    python scripts/bench.py --preview --sizes 5000,10000 --no-serve   # make serve's preview
    python scripts/bench.py --report-from /tmp/w/results.json   # an earlier --workdir run's report

Each build runs in a child process that times itself and reports its own peak memory, so
numbers of one build never include another's. The two variants alternate, so that a burst of
load from another process on a shared machine hits both. The table goes to stdout and to
BENCHMARKS.md; the targets of issue 9 are checked and printed as PASS/FAIL (exit status 1 on a
FAIL). BENCHMARKS.md is written whole.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.baseline import write_baseline
from benchmarks.gen import ROOT, generate
from benchmarks.model import BytesResult, QueryBytes, Run, ServeResult, SizeResult
from benchmarks.preview import EditTiming, measure_preview
from benchmarks.preview import table as preview_table
from benchmarks.profiling import Calls, call_growth, profile_section
from benchmarks.report import (
    RESULTS_JSON,
    load_average,
    machine_versions,
    report,
    sites_note,
)
from benchmarks.run import RAM_DISK, Subject, measure_rounds, sites_home
from benchmarks.searchbytes import measure_both
from benchmarks.serve import measure_serve
from benchmarks.targets import FAIL, targets

DEFAULT_SIZES = (1000, 5000, 10000)


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
    parser.add_argument(
        "--no-bytes", action="store_true", help="skip what search costs a reader (Chromium)"
    )
    parser.add_argument(
        "--profile",
        type=int,
        action="append",
        default=[],
        metavar="N",
        help="also profile one build of each at N (repeatable: calls compared between sizes)",
    )
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--feature",
        action="append",
        default=[],
        metavar="NAME",
        help="add a Material feature to both variants, e.g. navigation.prune (repeatable)",
    )
    parser.add_argument(
        "--preview",
        action="store_true",
        help="only measure make serve's preview: save to served page per kind of edit",
    )
    parser.add_argument("--preview-rounds", type=int, default=3, help="edits of each kind")
    parser.add_argument(
        "--preview-sizes",
        type=lambda s: [int(x) for x in s.split(",") if x],
        default=[5000, 10000],
        help="sizes (among --sizes) whose preview a full run measures too ('' for none)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="kept when given")
    parser.add_argument(
        "--sites",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"where built sites are written, kept (default: a folder in {RAM_DISK}, removed)",
    )
    parser.add_argument(
        "--report-from",
        type=Path,
        metavar="RESULTS_JSON",
        help=f"no builds: the report of an earlier --workdir run, from its {RESULTS_JSON}",
    )
    args = parser.parse_args(argv)
    if args.report_from:
        return report_again(args.report_from, args.out)

    sizes: list[int] = [1000] if args.quick else (args.sizes or list(DEFAULT_SIZES))
    work_root = args.workdir or Path(tempfile.mkdtemp(prefix="termweave-bench-"))
    work_root.mkdir(parents=True, exist_ok=True)
    sites_root: Path = args.sites or Path(
        tempfile.mkdtemp(prefix="termweave-bench-sites-", dir=sites_home(work_root))
    )
    sites_root.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load = load_average()
    results: list[SizeResult] = []
    searched: list[BytesResult] = []
    serve: ServeResult | None = None
    previews: dict[int, list[EditTiming]] = {}
    profiles: list[str] = []
    calls: dict[int, Calls] = {}
    try:
        wanted = sorted({*sizes, *([args.serve_size] if not args.no_serve else [])})
        subjects: list[Subject] = []
        for size in wanted:
            work = work_root / f"n{size}"
            shutil.rmtree(work, ignore_errors=True)
            say(f"N={size}: generating the project and the plain baseline in {work}")
            project = generate(work / "project", size, seed=args.seed, features=args.feature)
            plain = write_baseline(project, work / "plain")
            subjects.append(Subject(size, project, plain, work, sites_root / f"n{size}"))
        measured = [s for s in subjects if s.size in sizes]
        if args.preview:
            for subject in measured:
                say(f"N={subject.size}: preview edits ({args.preview_rounds} of each kind)")
                timings = measure_preview(subject.project, subject.work, args.preview_rounds)
                print("\n".join(preview_table(subject.size, timings)), flush=True)
            return 0
        results = measure_rounds(measured, args.runs, say)
        for subject in [] if args.no_bytes else measured:  # the last round's sites
            say(f"N={subject.size}: what search costs a reader (Chromium)")
            sites = subject.sites
            searched.append(measure_both(subject.size, sites / "site-hooks", sites / "site-plain"))
        for subject in subjects:
            if subject.size in args.profile:
                say(f"N={subject.size}: profiling one build of each")
                lines, calls[subject.size] = profile_section(
                    subject.size, subject.project, subject.plain, subject.work, subject.sites
                )
                profiles += lines
            if subject.size == args.serve_size and not args.no_serve:
                say(f"N={subject.size}: serve rebuilds ({args.serve_runs} edits each)")
                serve = measure_serve(
                    subject.project, subject.plain, args.serve_runs, subject.work, subject.sites
                )
        for subject in measured:  # last: the edits change the project
            if subject.size in args.preview_sizes:
                say(f"N={subject.size}: preview edits ({args.preview_rounds} of each kind)")
                previews[subject.size] = measure_preview(
                    subject.project, subject.work, args.preview_rounds
                )
        for size in sorted(set(args.profile) - set(wanted)):
            say(f"--profile {size} is not among the sizes measured; skipped")
    finally:
        if args.sites is None:
            shutil.rmtree(sites_root, ignore_errors=True)
        if args.workdir is None:
            shutil.rmtree(work_root, ignore_errors=True)

    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_versions(),
        "load": f"{load} at the start, {load_average()} at the end",
        "command": "python scripts/bench.py " + shlex.join(sys.argv[1:] if argv is None else argv),
        "runs": str(args.runs),
        "sites": sites_note(sites_root.parent if args.sites is None else sites_root),
    }
    if args.workdir is not None:  # the raw numbers, for a closer look or a report made again
        raw = {
            "builds": [asdict(r) for r in results],
            "bytes": [asdict(b) for b in searched],
            "serve": serve and asdict(serve),
            "preview": {str(size): [asdict(t) for t in found] for size, found in previews.items()},
            "profiles": profiles,
            "profile_calls": {str(size): counts for size, counts in calls.items()},
            "meta": meta,
        }
        (work_root / RESULTS_JSON).write_text(json.dumps(raw, indent=1), encoding="utf-8")
    profiled = [*call_growth(calls), *profiles]
    return write_report(results, serve, profiled, meta, args.out, searched, previews)


def write_report(
    results: list[SizeResult],
    serve: ServeResult | None,
    profiles: list[str],
    meta: dict[str, str],
    out: Path,
    searched: list[BytesResult] | None = None,
    previews: dict[int, list[EditTiming]] | None = None,
) -> int:
    """Check the targets, print the report and write it to `out`; 1 on a FAIL."""
    checks = targets(results, serve, searched or [], previews)
    text = report(results, serve, checks, profiles, meta, searched or [], previews)
    print(text)
    out.write_text(text, encoding="utf-8")
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
    calls = {int(size): counts for size, counts in raw.get("profile_calls", {}).items()}
    profiles = [*call_growth(calls), *raw.get("profiles", [])]
    searched = [
        BytesResult(
            found["size"],
            [QueryBytes(**q) for q in found["ours"]],
            [QueryBytes(**q) for q in found["plain"]],
            found.get("az_page", 0),
        )
        for found in raw.get("bytes", [])
    ]
    previews = {
        int(size): [EditTiming(**timing) for timing in found]
        for size, found in raw.get("preview", {}).items()
    }
    return write_report(results, serve, profiles, meta, out, searched, previews)


if __name__ == "__main__":
    sys.exit(main())
