"""The mathematics of the search-methods demo, checked under CPython on the file the browser runs:
the surface, a fair grid, random search's coverage of the axis that matters, the Gaussian process
behind Bayesian optimisation."""

from __future__ import annotations

import itertools
import math
import random
import sys
from statistics import mean

import pytest

from termweave.demos.buildrun import check_result
from termweave.demos.runtime import PYTHON_DIR

sys.path.insert(0, str(PYTHON_DIR))
import search_methods as sm


def test_averaged_over_20_seeds_at_budget_16_random_beats_grid_and_bayesian_beats_random() -> None:
    best = {m: mean(sm.search(m, 16, seed)["best"] for seed in range(20)) for m in sm.METHODS}
    assert best["random"] < best["grid"]
    assert best["bayesian"] < best["random"]


def test_the_learning_rate_matters_far_more_than_dropout() -> None:
    samples = [(random.random(), random.random()) for _ in range(200)]
    along_u = max(sm.validation_loss(u, 0.3) for u, _ in samples) - min(
        sm.validation_loss(u, 0.3) for u, _ in samples
    )
    along_v = max(sm.validation_loss(0.55, v) for _, v in samples) - min(
        sm.validation_loss(0.55, v) for _, v in samples
    )
    assert along_u > 10 * along_v


def test_grid_uses_the_budget_and_only_a_few_distinct_learning_rates() -> None:
    points = sm.grid_search(16, random.Random(0))
    assert len(points) == 16
    assert sorted({u for u, _ in points}) == pytest.approx([0.125, 0.375, 0.625, 0.875])
    assert len(sm.grid_search(10, random.Random(0))) == 9


def test_at_budget_8_the_grid_tries_four_learning_rates_at_the_centres_of_log_cells() -> None:
    points = sm.grid_search(8, random.Random(0))
    assert len(points) == 8
    rates = sorted({sm.hyperparameters(p)[0] for p in points})
    dropouts = sorted({sm.hyperparameters(p)[1] for p in points})
    assert len(rates) >= 4
    low, high = sm.LR_RANGE
    edges = [low + (high - low) * i / len(rates) for i in range(len(rates) + 1)]
    centres = [10 ** ((a + b) / 2) for a, b in itertools.pairwise(edges)]  # geometric means
    assert rates == pytest.approx(centres)
    assert rates[0] == pytest.approx(10**-4.5) and rates[-1] == pytest.approx(10**-1.5)
    assert dropouts == pytest.approx([0.125, 0.375])  # centres of the dropout cells


@pytest.mark.parametrize("budget", range(4, 31))
def test_the_grid_gives_its_extra_values_to_the_learning_rate_and_never_an_edge(
    budget: int,
) -> None:
    points = sm.grid_search(budget, random.Random(0))
    rates, dropouts = {u for u, _ in points}, {v for _, v in points}
    assert len(points) == len(rates) * len(dropouts) <= budget
    assert len(rates) >= len(dropouts)
    assert len(points) > budget - len(dropouts)  # no room for another row of learning rates
    assert all(0 < x < 1 for x in rates | dropouts)


def test_grid_results_are_deterministic() -> None:
    first = sm.search("grid", 16, 0)
    assert all(sm.search("grid", 16, seed) == first for seed in range(1, 6))
    assert sm.grid_search(8, random.Random(1)) == sm.grid_search(8, random.Random(2))


def expected_miss(rates: list[float]) -> float:
    """How far, on average, the best learning rate is from the nearest one tried, when the best
    could be anywhere on the (scaled, log) axis: the integral of the distance over [0, 1]."""
    us = sorted(set(rates))
    inner = sum((b - a) ** 2 / 4 for a, b in itertools.pairwise(us))
    return us[0] ** 2 / 2 + (1 - us[-1]) ** 2 / 2 + inner


def test_expected_miss() -> None:
    assert expected_miss([0.5]) == pytest.approx(0.25)
    assert expected_miss([0.25, 0.75]) == pytest.approx(0.125)
    assert expected_miss([0.0, 1.0]) == pytest.approx(0.25)


def learning_rates(method: str, budget: int, seed: int) -> list[float]:
    return [u for u, _ in sm.search(method, budget, seed)["points"]]


@pytest.mark.parametrize("budget", [12, 16, 24, 30])
def test_random_search_covers_the_learning_rate_axis_better_on_average(budget: int) -> None:
    """Averaged over seeds 0-49, the learning rates random search tries lie closer to wherever
    the best one might be (and to this surface's best, u = 0.55) than the grid's do."""
    seeds = range(50)
    grid = learning_rates("grid", budget, 0)
    randoms = [learning_rates("random", budget, seed) for seed in seeds]
    assert mean(expected_miss(rates) for rates in randoms) < expected_miss(grid)
    best = 0.55
    grid_gap = min(abs(u - best) for u in grid)
    assert mean(min(abs(u - best) for u in rates) for rates in randoms) < grid_gap
    assert all(len(set(rates)) == budget for rates in randoms) and len(set(grid)) < budget


def test_random_search_is_repeatable_per_seed() -> None:
    assert sm.search("random", 12, 3)["points"] == sm.search("random", 12, 3)["points"]
    assert sm.search("random", 12, 3)["points"] != sm.search("random", 12, 4)["points"]
    assert len({u for u, _ in sm.search("random", 16, 0)["points"]}) == 16


def test_bayesian_search_spends_exactly_the_budget_inside_the_box() -> None:
    points = sm.search("bayesian", 12, 5)["points"]
    assert len(points) == 12
    assert all(0 <= u <= 1 and 0 <= v <= 1 for u, v in points)


def test_cholesky_and_triangular_solves() -> None:
    rng = random.Random(1)
    points = [(rng.random(), rng.random()) for _ in range(6)]
    kernel = [[sm.rbf(a, b, 0.3) + (1e-6 if a == b else 0) for b in points] for a in points]
    lower = sm.cholesky(kernel)
    for i in range(6):
        for j in range(6):
            product = sum(lower[i][k] * lower[j][k] for k in range(6))
            assert product == pytest.approx(kernel[i][j], abs=1e-9)
    b = [rng.random() for _ in range(6)]
    x = sm.solve_upper_t(lower, sm.solve_lower(lower, b))
    assert [sum(kernel[i][k] * x[k] for k in range(6)) for i in range(6)] == pytest.approx(b)


def test_gaussian_process_interpolates_and_is_unsure_far_from_data() -> None:
    points = [(0.1, 0.1), (0.5, 0.5), (0.9, 0.2), (0.3, 0.8)]
    values = [sm.validation_loss(*p) for p in points]
    gp = sm.GaussianProcess(points, values)
    for point, value in zip(points, values, strict=True):
        mean_, sd = gp.predict(point)
        assert mean_ * gp.spread + gp.mean == pytest.approx(value, abs=1e-3)
        assert sd < 0.01
    assert gp.predict((0.95, 0.95))[1] > 0.3


def test_expected_improvement() -> None:
    assert sm.expected_improvement(0.0, 1e-9, best=-1.0) == pytest.approx(0.0, abs=1e-12)
    assert sm.expected_improvement(-1.0, 0.1, best=0.0) > sm.expected_improvement(0.0, 0.1, 0.0)
    assert sm.expected_improvement(0.0, 1.0, 0.0) > sm.expected_improvement(0.0, 0.1, 0.0)
    assert all(sm.expected_improvement(m, s, 0.0) >= 0 for m in (-1, 0, 1) for s in (0.01, 1))


def test_best_so_far_never_rises() -> None:
    assert sm.best_so_far([3.0, 1.0, 2.0, 0.5]) == [3.0, 1.0, 1.0, 0.5]


def test_search_main_returns_what_the_page_shows(capsys: pytest.CaptureFixture[str]) -> None:
    result = check_result(sm.main({"budget": 16, "seed": 1, "methods": ["grid", "bayesian"]}))
    assert [row[0] for row in result["table"]["rows"]] == ["grid", "Bayesian"]
    assert len(result["figures"]) == 3  # two heat maps and the best-so-far chart
    out = capsys.readouterr().out
    assert "budget 16 trials, seed 1" in out
    assert "distinct learning rates tried: grid 4, Bayesian 16" in out
    assert ["Distinct learning rates tried", "grid 4, Bayesian 16"] in result["facts"]
    assert math.isfinite(float(result["table"]["rows"][0][1]))
