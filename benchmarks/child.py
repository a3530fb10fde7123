"""One timed build, in a child process of `scripts/bench.py`: it times itself and reports its
own peak memory, so the numbers of one build never include another's.

    python -m benchmarks.child CONFIG SITE [--phases] [--profile FILE]   # prints one JSON line
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.gen import HOOKS_DIR
from benchmarks.model import BYTES_SUFFIX, GC_STAGE, STAGES


def child_build(config: Path, site: Path, phases: bool, profile: Path | None) -> dict[str, Any]:
    """Run `mkdocs build` in this process; report seconds, peak RSS and our hook phases."""
    timers: list[Any] = []
    if phases:  # the hook imports `termweave` from here: the same module, so we see its timers
        sys.path.insert(0, str(HOOKS_DIR))
        from termweave.site import timing

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
    measured = {k: v for k, v in written.items() if not k.endswith(BYTES_SUFFIX)}
    peak = peak_rss_bytes()
    indexer = int(written.get(f"indexer_peak{BYTES_SUFFIX}", 0.0))  # Pagefind's own process
    return {
        "seconds": seconds,
        "peak_bytes": peak,
        "phases": measured,
        "stages": stages,
        "indexer_peak_bytes": indexer,
    }


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
    """The line termweave.site.timing wrote for this build, if the hooks write one."""
    target = os.environ.get("TERMWEAVE_TIMINGS")
    if not target or not Path(target).is_file():
        return {}
    lines = Path(target).read_text(encoding="utf-8").splitlines()
    return {k: float(v) for k, v in json.loads(lines[-1]).items()} if lines else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("config", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--phases", action="store_true", help="read our hooks' phase timers")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the build here")
    args = parser.parse_args(argv)
    print(json.dumps(child_build(args.config, args.site, args.phases, args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
