"""The child's side of a timed build: its own peak memory, MkDocs' steps timed, the timings line."""

from __future__ import annotations

from pathlib import Path

import pytest

import benchmarks.child
import benchmarks.model


def test_timings_line_sizes_are_not_phases(tmp_path: Path) -> None:
    from termweave.site.timing import BYTES_SUFFIX, TIMINGS_ENV, PhaseTimer

    assert benchmarks.model.BYTES_SUFFIX == BYTES_SUFFIX
    timer = PhaseTimer()
    timer.seconds["crosslink"] = 1.5
    timer.sizes["indexer_peak"] = 123
    written = timer.write({TIMINGS_ENV: str(tmp_path / "t.jsonl")})
    assert written is not None
    assert written.read_text() == '{"crosslink": 1.5, "indexer_peak_bytes": 123}\n'


def test_peak_memory_is_the_childs_own_high_water_mark(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tpython\nVmPeak:\t 900000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n")
    assert benchmarks.child.peak_rss_bytes(status) == 123456 * 1024
    assert benchmarks.child.peak_rss_bytes(tmp_path / "missing") > 0  # elsewhere: ru_maxrss


def test_a_timed_step_adds_up_its_calls_and_still_returns_and_raises() -> None:
    totals: dict[str, float] = {}

    def step(value: int) -> int:
        if value < 0:
            raise ValueError(value)
        return value * 2

    timed = benchmarks.child._timed(step, "step", totals)
    assert timed(21) == 42
    with pytest.raises(ValueError):
        timed(-1)
    assert totals["step"] > 0 and set(totals) == {"step"}
