"""Where a build's time goes: one profiled build of each variant, summed by package, and how
its function calls grow between the sizes profiled (`scripts/bench.py --profile N`).

Calls, unlike seconds, are the same from one run to the next and on any machine: a full build
whose calls grow as plain MkDocs' do between N and 2N does no superlinear work of its own, even
when its time grows faster on a noisy machine."""

from __future__ import annotations

import itertools
import pstats
import re
from pathlib import Path
from typing import Any

from benchmarks.gen import Project
from benchmarks.run import build_once

OURS = "termweave (ours)"
Calls = dict[str, dict[str, int]]  # variant ("full", "plain") -> {"all": calls, "ours": calls}


_Stats = dict[tuple[str, int, str], tuple[Any, ...]]  # (file, line, name) -> pstats' row


def _stats(path: Path) -> _Stats:
    """A profile's rows, as pstats keeps them (typed: pstats does not say)."""
    raw: _Stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return raw


def _package(filename: str) -> str:
    """Where a profiled function lives: our package, a third-party package, or the stdlib."""
    if "termweave" in filename or filename.endswith("site_hooks.py"):
        return OURS
    match = re.search(r"site-packages/([A-Za-z0-9_]+)", filename)
    if match:
        return match.group(1)
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    match = re.search(r"python3\.\d+/([A-Za-z0-9_]+)", filename)
    return f"stdlib {match.group(1)}" if match else "other"


def profile_summary(path: Path, top: int = 25) -> tuple[list[tuple[str, float]], list[str]]:
    """Own time by package, and the top functions by own time."""
    raw = _stats(path)
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


def call_counts(path: Path) -> dict[str, int]:
    """Function calls in a profile: all of them, and those in our code."""
    counts = {"all": 0, "ours": 0}
    for (filename, _line, _name), (_cc, calls, *_rest) in _stats(path).items():
        counts["all"] += calls
        if _package(filename) == OURS:
            counts["ours"] += calls
    return counts


def call_growth(calls: dict[int, Calls]) -> list[str]:
    """The profiled sizes' function calls, full over plain at each size and growth between
    them: where the full build's calls grow as plain's, its extra time is not extra work."""
    if not calls:
        return []
    lines = [
        "Function calls counted by the profiler (the same from run to run, unlike seconds):",
        "",
    ]
    for size, counts in sorted(calls.items()):
        full, plain = counts["full"], counts["plain"]
        lines.append(
            f"- N={size:,}: full {full['all'] / 1e6:.1f} million ({full['ours'] / 1e6:.2f} "
            f"in our code), plain {plain['all'] / 1e6:.1f} million: full/plain "
            f"×{full['all'] / plain['all']:.3f}"
        )
    for small, large in itertools.pairwise(sorted(calls)):
        a, b = calls[small], calls[large]
        outside = (b["full"]["all"] - b["full"]["ours"]) / (a["full"]["all"] - a["full"]["ours"])
        lines.append(
            f"- N {small:,}→{large:,} (×{large / small:g}): full ×"
            f"{b['full']['all'] / a['full']['all']:.3f} (outside our code ×{outside:.3f}, in it "
            f"×{b['full']['ours'] / max(a['full']['ours'], 1):.3f}), plain "
            f"×{b['plain']['all'] / a['plain']['all']:.3f}"
        )
    return [*lines, ""]


def profile_section(
    size: int, project: Project, plain: Path, work: Path, sites: Path
) -> tuple[list[str], Calls]:
    """One profiled build of each variant at `size`: the report's lines, and their calls."""
    out: list[str] = []
    calls: Calls = {}
    for name, config in (("full", project.config), ("plain", plain)):
        stats = work / f"profile-{name}-{size}.prof"
        run = build_once(config, sites / f"site-{name}", work, profile=stats)
        calls[name] = call_counts(stats)
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
    return out, calls
