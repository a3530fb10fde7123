"""Whether the full build grows faster than plain MkDocs, judged against the run's own noise.

Why: on a shared machine one build of the same pages takes ±10-20% from one minute to the next,
so the growth of each variant (a ratio of two medians) is itself uncertain by a few per cent.
Comparing the two growths as bare numbers then calls a build whose extra cost grows exactly as
MkDocs' own does "faster" in about half of all runs. Each round of the benchmark builds every
size and both variants minutes apart, so a round gives one paired reading of how much faster
ours grew than plain (`growth_excess`); a one-sided test over the rounds says whether they
show it beyond the noise (`faster_than_plain`).

The test is Wilcoxon's signed-rank test on the logarithms of those readings, one-sided and exact
(the rank sums of every sign pattern counted). Calibrated in
tests/test_benchstats.py on simulated runs as noisy as this machine's: it calls an overhead that
grows as MkDocs' own does "faster" in under 10% of runs (the bare comparison: about half), and
catches one that grows 15% faster than MkDocs in most runs when builds vary by 5%; with 10%
variation it catches it in about half. Smaller differences are below what a run here can see.

The same noise makes a ratio of two medians (the full build over plain) uncertain too. The
rounds give one paired ratio each; `median_interval` is the interval that holds their median
with a stated confidence, from order statistics alone (no assumption about the noise's shape):
a target holds beyond the noise when the whole interval meets it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

TEST_LEVEL = 0.1  # one-sided: "ours grows faster" is said of equal growths in at most 10% of runs


def growth_excess(
    full_small: Sequence[float],
    full_large: Sequence[float],
    plain_small: Sequence[float],
    plain_large: Sequence[float],
) -> list[float]:
    """Per round, (full growth) / (plain growth) between two sizes: 1 when our additions grow
    as MkDocs' own work does, above 1 when ours grows faster. The four lists are seconds by
    round, in the same round order."""
    rounds = zip(full_small, full_large, plain_small, plain_large, strict=True)
    return [(fl / fs) / (pl / ps) for fs, fl, ps, pl in rounds]


def signed_rank_p(excess: Sequence[float]) -> float:
    """One-sided p-value of Wilcoxon's signed-rank test that the readings lie above 1: the share
    of all sign patterns of their log-distances from 1 whose positive rank sum reaches the one
    observed. Readings of exactly 1 are dropped; tied distances share their mean rank."""
    logs = [math.log(e) for e in excess if e != 1.0]
    if not logs:
        return 1.0
    doubled = [round(2 * r) for r in _ranks([abs(x) for x in logs])]  # mean ranks: halves
    observed = sum(r for r, x in zip(doubled, logs, strict=True) if x > 0)
    patterns = Counter({0: 1})  # rank sum -> how many sign patterns give it
    for rank in doubled:
        with_it = Counter({total + rank: count for total, count in patterns.items()})
        patterns.update(with_it)
    reaching = sum(count for total, count in patterns.items() if total >= observed)
    return reaching / 2.0 ** len(logs)


def median_interval(values: Sequence[float], level: float = 0.8) -> tuple[float, float, float]:
    """(low, high, coverage): the k-th smallest and k-th largest reading, for the largest k
    whose interval holds the median of what is measured with probability `coverage` >= `level`
    (each reading falls below that median with probability 1/2, so the count below it is
    binomial). Too few readings for `level`: the smallest and largest, and their coverage."""
    if not values:
        raise ValueError("no readings")
    ordered, n = sorted(values), len(values)
    k = 1
    while k < (n + 1) // 2 and _median_coverage(n, k + 1) >= level:
        k += 1
    return ordered[k - 1], ordered[n - k], _median_coverage(n, k)


def _median_coverage(n: int, k: int) -> float:
    """P(k-th smallest <= median <= k-th largest) for n readings: 1 - 2 P(Binomial(n, 1/2) < k)."""
    return 1.0 - 2.0 * sum(math.comb(n, i) for i in range(k)) / 2.0**n


def _ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        stop = start
        while stop + 1 < len(order) and values[order[stop + 1]] == values[order[start]]:
            stop += 1
        for position in range(start, stop + 1):
            ranks[order[position]] = (start + stop) / 2 + 1
        start = stop + 1
    return ranks


def faster_than_plain(excess: Sequence[float], level: float = TEST_LEVEL) -> bool | None:
    """Whether the rounds show the full build growing faster than plain beyond the noise;
    None when there are too few rounds for the test ever to say so (fewer than 4 at 10%)."""
    if 0.5 ** len(excess) > level:  # even every round above 1 would not be enough
        return None
    return signed_rank_p(excess) <= level
