"""What each speed mechanism of the build buys: the full build against the same build with one
mechanism switched off, in paired rounds (`scripts/bench.py --mechanisms`).

A mechanism is switched off in the timed child process only (`switch_off`, read from
`TERMWEAVE_BENCH_WITHOUT`), by replacing the one function that decides it: the build's code has
no switch of its own for a measurement.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

ENV = "TERMWEAVE_BENCH_WITHOUT"
MECHANISMS: dict[str, str] = {
    "worker": "the worker process forked per build (links.planning, site.offpath)",
}


def switch_off(names: Iterable[str]) -> None:
    """In a timed child, before the build: each named mechanism behaves as if it did not exist."""
    for name in names:
        if name not in MECHANISMS:
            raise SystemExit(f"{ENV}: unknown mechanism {name!r} (one of {', '.join(MECHANISMS)})")
        _SWITCHES[name]()


def _no_worker() -> None:
    from termweave.site import offpath

    offpath.background_possible = lambda: False  # type: ignore[attr-defined]


_SWITCHES: dict[str, Callable[[], None]] = {
    "worker": _no_worker,
}


@dataclass(frozen=True)
class Bought:
    """One mechanism at one size: the paired ratios (without it / full) of time and peak memory."""

    mechanism: str
    size: int
    time_ratios: list[float]
    memory_ratios: list[float]

    @property
    def time_bought(self) -> float:
        """The share of the full build's time the mechanism saves (median of paired rounds)."""
        return statistics.median(self.time_ratios) - 1.0

    @property
    def memory_bought(self) -> float:
        return statistics.median(self.memory_ratios) - 1.0

    def kept(self, time_share: float = 0.05, memory_share: float = 0.10) -> bool:
        """The rule of the layout issue: at least 5% of the time, or 10% of peak memory."""
        return self.time_bought >= time_share or self.memory_bought >= memory_share


def table(rows: list[Bought]) -> list[str]:
    lines = [
        "| mechanism | N | rounds | time it saves | peak memory it saves | kept |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.mechanism} | {row.size:,} | {len(row.time_ratios)} | "
            f"{row.time_bought:+.1%} | {row.memory_bought:+.1%} | "
            f"{'yes' if row.kept() else 'no'} |"
        )
    return lines


def measure(
    subjects: list[Any], runs: int, build_once: Callable[..., Any], say: Callable[[str], None]
) -> list[Bought]:
    """`runs` rounds; in each, every size is built once in full and once without each mechanism
    (`build_once(config, site, work, without=name)`), back to back in an order that rotates from
    round to round, so each ratio compares builds made minutes apart."""
    rows: list[Bought] = []
    for subject in subjects:
        variants = ["", *MECHANISMS]
        found: dict[str, list[Any]] = {v: [] for v in variants}
        for index in range(runs):
            shift = index % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                site = subject.sites / f"site-{variant or 'full'}"
                run = build_once(subject.project.config, site, subject.work, without=variant)
                found[variant].append(run)
                say(
                    f"  round {index + 1}/{runs} N={subject.size} without {variant or 'nothing'}:"
                    f" {run.seconds:.1f} s, {run.peak_bytes / 1e6:.0f} MB"
                )
        full = found[""]
        for name in MECHANISMS:
            rows.append(
                Bought(
                    name,
                    subject.size,
                    [o.seconds / f.seconds for o, f in zip(found[name], full, strict=True)],
                    [o.peak_bytes / f.peak_bytes for o, f in zip(found[name], full, strict=True)],
                )
            )
    return rows
