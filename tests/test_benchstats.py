"""The growth comparison of the benchmark: exact on small cases, and calibrated on simulated runs
as noisy as this machine's (a build's time varies by about 10% from one minute to the next)."""

from __future__ import annotations

import random
import statistics

import pytest

import benchmarks.stats


def test_growth_excess_is_the_full_growth_over_the_plain_growth_within_each_round() -> None:
    excess = benchmarks.stats.growth_excess([10.0, 20.0], [52.0, 100.0], [8.0, 10.0], [40.0, 50.0])
    assert excess == pytest.approx([5.2 / 5.0, 5.0 / 5.0])


def test_growth_excess_needs_every_round_of_every_list() -> None:
    with pytest.raises(ValueError):
        benchmarks.stats.growth_excess([1.0, 1.0], [5.0], [1.0, 1.0], [5.0, 5.0])


def test_signed_rank_p_counts_the_sign_patterns_that_reach_the_observed_sum() -> None:
    assert benchmarks.stats.signed_rank_p([1.1] * 7) == pytest.approx(
        1 / 128
    )  # all above: rank sum 28
    # ranks 1..4 by distance; above: 1.01 (1) and 1.3 (4): sum 5, reached by 9 of 16 patterns
    assert benchmarks.stats.signed_rank_p([1.01, 0.95, 1 / 1.2, 1.3]) == pytest.approx(9 / 16)
    assert benchmarks.stats.signed_rank_p([0.9] * 5) == 1.0
    assert benchmarks.stats.signed_rank_p([1.0, 1.0]) == 1.0  # nothing but ties with 1


def test_many_rounds_are_counted_exactly_and_quickly() -> None:
    assert benchmarks.stats.signed_rank_p([1.1] * 40) == pytest.approx(0.5**40)
    assert benchmarks.stats.signed_rank_p([2.0, 0.5] * 20) == pytest.approx(
        0.5, abs=0.07
    )  # all tied
    assert benchmarks.stats.signed_rank_p([1.1, 0.9] * 20) > 0.99  # every reading above is nearer 1


def test_tied_distances_share_their_mean_rank() -> None:
    # both at the same distance: ranks 1.5 each; one above: sum 1.5, reached by 3 of 4 patterns
    assert benchmarks.stats.signed_rank_p([2.0, 0.5]) == pytest.approx(3 / 4)


def test_seven_rounds_all_above_are_faster_and_a_mixed_seven_are_not() -> None:
    assert benchmarks.stats.faster_than_plain([1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07]) is True
    assert benchmarks.stats.faster_than_plain([1.07, 0.93, 1.02, 0.98, 1.05, 0.95, 1.01]) is False


@pytest.mark.parametrize("rounds", [0, 1, 2, 3])
def test_too_few_rounds_cannot_tell(rounds: int) -> None:
    assert benchmarks.stats.faster_than_plain([1.5] * rounds) is None


def test_four_rounds_all_well_above_are_enough() -> None:
    assert benchmarks.stats.faster_than_plain([1.5] * 4) is True  # p = 1/16 <= 10%


def _simulated_run(
    rng: random.Random, excess: float, rounds: int = 7, noise: float = 0.10
) -> tuple[float, float, bool | None]:
    """Plain grows ×5.15 from 1,000 to 5,000 (as measured here); ours ×5.15·excess; every
    build varies by a log-normal factor of `noise`. Returns (full growth, plain growth, test)."""
    times: list[list[float]] = [[], [], [], []]
    for _ in range(rounds):
        for index, base in enumerate((10.0 * 1.15, 51.5 * 1.15 * excess, 10.0, 51.5)):
            times[index].append(base * rng.lognormvariate(0.0, noise))
    full_small, full_large, plain_small, plain_large = times
    full = statistics.median(full_large) / statistics.median(full_small)
    plain = statistics.median(plain_large) / statistics.median(plain_small)
    verdict = benchmarks.stats.faster_than_plain(
        benchmarks.stats.growth_excess(full_small, full_large, plain_small, plain_large)
    )
    return full, plain, verdict


def test_an_overhead_growing_as_mkdocs_does_is_rarely_called_faster() -> None:
    """The bare comparison of the two growths calls it faster in about half of all runs."""
    rng = random.Random(9)
    runs = [_simulated_run(rng, excess=1.0) for _ in range(2000)]
    bare = sum(full > plain for full, plain, _ in runs) / len(runs)
    tested = sum(verdict is True for _, _, verdict in runs) / len(runs)
    assert 0.4 < bare < 0.6
    assert tested <= benchmarks.stats.TEST_LEVEL


def test_an_overhead_growing_clearly_faster_than_mkdocs_is_caught() -> None:
    """Ours growing 15% faster than plain from 1,000 to 5,000 is reported in most runs when
    builds vary by 5%, and in about half when they vary by 10%."""
    for noise, share in ((0.05, 0.9), (0.10, 0.5)):
        rng = random.Random(9)
        runs = [_simulated_run(rng, excess=1.15, noise=noise) for _ in range(2000)]
        assert sum(verdict is True for _, _, verdict in runs) / len(runs) > share


def test_median_interval_takes_order_statistics_by_the_binomial() -> None:
    readings = [1.21, 1.13, 1.16, 1.19, 1.03, 1.11, 1.31]  # run 21's paired ratios at 5,000
    low, high, coverage = benchmarks.stats.median_interval(readings, level=0.8)
    assert (low, high) == (1.11, 1.21)  # 2nd smallest and 2nd largest of 7
    assert coverage == pytest.approx(1 - 2 * 8 / 128)  # P(at least 2 of 7 on each side)
    low, high, coverage = benchmarks.stats.median_interval(readings, level=0.95)
    assert (low, high, coverage) == (1.03, 1.31, pytest.approx(1 - 2 / 128))
    assert benchmarks.stats.median_interval([1.0, 2.0, 3.0]) == (1.0, 3.0, 0.75)  # too few for 80%
    assert benchmarks.stats.median_interval([1.5]) == (1.5, 1.5, 0.0)
    with pytest.raises(ValueError):
        benchmarks.stats.median_interval([])


def test_median_interval_holds_the_median_as_often_as_it_says() -> None:
    """Simulated rounds as noisy as this machine's (skewed: slow builds are slower by more)."""
    rng = random.Random(5)
    for rounds in (7, 12):
        held, trials = 0, 4000
        for _ in range(trials):
            readings = [1.15 * rng.lognormvariate(0, 0.08) for _ in range(rounds)]
            low, high, coverage = benchmarks.stats.median_interval(readings)
            held += low <= 1.15 <= high
        assert coverage >= 0.8
        assert abs(held / trials - coverage) < 0.03
