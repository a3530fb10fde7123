"""The profile's call counts: ours told apart from the rest, and their growth between sizes
(calls, unlike seconds, are the same from run to run: the check on superlinear work)."""

from __future__ import annotations

import cProfile
import importlib.util
from pathlib import Path

import benchmarks.profiling


def test_calls_in_our_code_are_counted_apart(tmp_path: Path) -> None:
    source = tmp_path / "termweave_probe.py"  # a file of ours, by its name
    source.write_text(
        "def step(x):\n    return x + 1\n\ndef run(n):\n    return [step(i) for i in range(n)]\n"
    )
    spec = importlib.util.spec_from_file_location("termweave_probe", source)
    assert spec is not None and spec.loader is not None
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    profiler = cProfile.Profile()
    profiler.enable()
    probe.run(250)
    sorted(range(10))
    profiler.disable()
    stats = tmp_path / "probe.prof"
    profiler.dump_stats(str(stats))
    counts = benchmarks.profiling.call_counts(stats)
    assert counts["ours"] == 250 + 1 + 1  # step 250 times, run once, its comprehension once
    assert counts["all"] > counts["ours"]  # sorted, range and the profiler's own disable


def test_call_growth_compares_the_variants_between_sizes() -> None:
    calls = {
        10000: {
            "full": {"all": 428_800_000, "ours": 6_930_000},
            "plain": {"all": 415_200_000, "ours": 0},
        },
        5000: {
            "full": {"all": 211_100_000, "ours": 3_470_000},
            "plain": {"all": 203_900_000, "ours": 0},
        },
    }
    assert benchmarks.profiling.call_growth(calls) == [
        "Function calls counted by the profiler (the same from run to run, unlike seconds):",
        "",
        "- N=5,000: full 211.1 million (3.47 in our code), plain 203.9 million: full/plain ×1.035",
        "- N=10,000: full 428.8 million (6.93 in our code), plain 415.2 million: full/plain ×1.033",
        "- N 5,000→10,000 (×2): full ×2.031 (outside our code ×2.032, in it ×1.997), plain ×2.036",
        "",
    ]
    assert benchmarks.profiling.call_growth({}) == []
