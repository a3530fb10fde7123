"""The numbers of a benchmark run: one build, one size's builds, the serve rebuilds, and the
ratios that compare builds made next to each other (`scripts/bench.py`)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

GB = 1_000_000_000
BYTES_SUFFIX = (
    "_bytes"  # a size in the timings line (termweave.site.timing.BYTES_SUFFIX), not a phase
)

# MkDocs' own steps, timed in both variants: a full build slower than plain by more than our
# phases can then be traced to the step that slowed (reading and converting pages includes our
# on_page_markdown/on_page_content work, rendering and writing our on_page_context/on_post_page)
STAGES = {"_populate_page": "read and convert", "_build_page": "render and write"}
GC_STAGE = "collector"  # the garbage collector, within the steps above and outside them
OTHER_STAGE = "everything else"


@dataclass
class Run:
    """One child build: wall seconds of the build, peak RSS in bytes, our phases' seconds."""

    seconds: float
    peak_bytes: int
    phases: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)  # MkDocs' own steps (`STAGES`)
    indexer_peak_bytes: int = 0  # our search indexer's own peak (Pagefind, another process)

    @property
    def total_peak_bytes(self) -> int:
        """The build's peak and the indexer's added: at most what both held at once."""
        return self.peak_bytes + self.indexer_peak_bytes


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
        """Our hooks' own timers (medians), all on the build's path."""
        names = {p for run in self.hooks for p in run.phases}
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


def megabytes(run: Run) -> int:
    return round(run.peak_bytes / 1_000_000)


@dataclass
class QueryBytes:
    """What one query cost a reader (`searchbytes`): files fetched, bytes stored and sent."""

    query: str
    files: int
    raw: int
    sent: int  # text gzip-compressed
    results: int


@dataclass
class BytesResult:
    """Search's bytes at one size: ours and the plain build's Material search, same queries."""

    size: int
    ours: list[QueryBytes]
    plain: list[QueryBytes]
    az_page: int = 0  # the largest A–Z page (index or a letter's), gzip-compressed

    @property
    def worst(self) -> int:
        return max((q.sent for q in self.ours), default=0)
