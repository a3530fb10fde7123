"""Where a build's time goes: one profiled build of each variant, summed by package
(`scripts/bench.py --profile N`)."""

from __future__ import annotations

import pstats
import re
from pathlib import Path
from typing import Any

from benchgen import Project
from benchrun import build_once


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
