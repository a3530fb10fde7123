"""The mathematics of the two demos, checked under CPython on the very files the browser runs."""

from __future__ import annotations

import math
import random
import sys
from statistics import mean

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termweave.demos.buildrun import check_result, load_defaults
from termweave.demos.catalog import LEARNING_RATE
from termweave.demos.runtime import PYTHON_DIR

sys.path.insert(0, str(PYTHON_DIR))
import itertools

import learning_rate as lr
import search_methods as sm

CRITICAL = lr.largest_stable_rate()
SMOOTH = lr.largest_smooth_rate()
LONG = 3000  # steps: long enough for every stable rate tested below to settle


def test_the_bowl_has_the_critical_rate_of_the_lesson() -> None:
    assert max(lr.STEEP, lr.GENTLE) == 4
    assert pytest.approx(0.5) == CRITICAL == 2 / max(lr.STEEP, lr.GENTLE)
    assert pytest.approx(0.25) == SMOOTH == CRITICAL / 2


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=1e-3, max_value=1.0))
def test_up_to_half_the_critical_rate_no_step_overshoots(fraction: float) -> None:
    """Both factors 1 - rate * curvature are >= 0: no coordinate ever changes sign."""
    run = lr.descend(fraction * SMOOTH, 400)
    assert lr.crossings(run) == 0
    assert all(w1 * lr.START[0] >= 0 and w2 * lr.START[1] >= 0 for w1, w2 in run["path"])
    assert lr.verdict(run) in {"smooth", "too slow"}


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9, 1.0])
def test_below_half_the_critical_rate_it_converges_smoothly(fraction: float) -> None:
    run = lr.descend(fraction * SMOOTH, LONG)
    assert run["losses"][-1] < 1e-12
    assert lr.verdict(run) == "smooth"


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.26, max_value=0.49))
def test_between_half_and_the_critical_rate_it_zigzags_but_converges(rate: float) -> None:
    """The w1 factor lies in (-1, 0): w1 changes sign on every step and still shrinks."""
    run = lr.descend(rate, LONG)
    firsts = [w1 for w1, _ in run["path"] if abs(w1) > 1e-300]
    assert all((a < 0) != (b < 0) and abs(b) < abs(a) for a, b in itertools.pairwise(firsts))
    assert run["losses"][-1] < 1e-12
    assert lr.verdict(run) == "zigzag"


@pytest.mark.parametrize("fraction", [1.01, 1.1, 1.5, 3.0])
def test_diverges_above_the_critical_rate(fraction: float) -> None:
    run = lr.descend(fraction * CRITICAL, LONG)
    assert run["losses"][-1] > run["losses"][0]
    assert lr.verdict(run) == "diverged"


def test_the_stated_largest_stable_rate_matches_experiment() -> None:
    """Bisect on long runs: the boundary between shrinking and growing is where we say it is."""
    low, high = 0.5 * CRITICAL, 2 * CRITICAL
    for _ in range(30):
        middle = (low + high) / 2
        run = lr.descend(middle, 4000)
        low, high = (middle, high) if run["losses"][-1] < run["losses"][0] else (low, middle)
    assert low == pytest.approx(CRITICAL, rel=2e-3)


def test_the_stated_largest_smooth_rate_matches_experiment() -> None:
    """Bisect on the first step: the largest rate whose step does not cross the floor."""
    low, high = 0.01, CRITICAL
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if lr.crossings(lr.descend(middle, 1)) == 0 else (low, middle)
    assert low == pytest.approx(SMOOTH, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=1e-3, max_value=0.999))
def test_below_the_critical_rate_every_step_lowers_the_loss(fraction: float) -> None:
    losses = lr.descend(fraction * CRITICAL, 200)["losses"]
    assert all(b < a for a, b in itertools.pairwise(losses) if a > 1e-300)


def test_too_slow_only_when_the_run_does_not_get_close() -> None:
    crawl = lr.descend(0.01, 100)
    assert crawl["losses"][-1] > crawl["losses"][0] * lr.CLOSE
    assert lr.verdict(crawl) == "too slow"
    assert lr.verdict(lr.descend(0.01, 3000)) == "smooth"  # the same rate, given time
    assert lr.verdict(lr.descend(0.2, 100)) == "smooth"


def test_a_zigzag_that_has_not_settled_yet_is_still_a_zigzag() -> None:
    run = lr.descend(0.49, 100)
    assert run["losses"][-1] > run["losses"][0] * lr.CLOSE
    assert lr.verdict(run) == "zigzag"


PRESET_BEHAVIOUR = {
    "Crawl (0.01)": "too slow",
    "Good (0.2)": "smooth",
    "Zig-zag (0.4)": "zigzag",
    "Diverge (0.6)": "diverged",
}


def test_each_preset_shows_its_behaviour_with_the_default_steps() -> None:
    defaults = load_defaults(LEARNING_RATE.filename)
    verdicts = {}
    for preset in LEARNING_RATE.presets:
        settings_ = {**defaults, **preset.settings}
        run = lr.descend(settings_["learning_rate"], settings_["steps"], settings_["schedule"])
        verdicts[preset.label] = lr.verdict(run)
    assert verdicts == PRESET_BEHAVIOUR


def test_preset_rates_sit_in_their_bands() -> None:
    rates = {p.label: p.settings["learning_rate"] for p in LEARNING_RATE.presets}
    assert rates["Good (0.2)"] < SMOOTH < rates["Zig-zag (0.4)"] < CRITICAL
    assert rates["Diverge (0.6)"] > CRITICAL
    assert rates["Crawl (0.01)"] < SMOOTH / 10


def test_the_good_preset_is_the_default() -> None:
    good = next(p for p in LEARNING_RATE.presets if p.label.startswith("Good"))
    assert load_defaults(LEARNING_RATE.filename)["learning_rate"] == good.settings["learning_rate"]


def test_schedules() -> None:
    assert [lr.rate_at(s, 60, 0.1, "constant") for s in (0, 59)] == [0.1, 0.1]
    assert [lr.rate_at(s, 60, 0.1, "step") for s in (0, 19, 20, 40)] == [0.1, 0.1, 0.05, 0.025]
    assert lr.rate_at(0, 60, 0.1, "cosine") == pytest.approx(0.1)
    assert lr.rate_at(30, 60, 0.1, "cosine") == pytest.approx(0.05)
    assert lr.rate_at(59, 60, 0.1, "cosine") < 0.001


def test_a_decaying_schedule_rescues_a_rate_that_diverges_when_constant() -> None:
    assert lr.verdict(lr.descend(0.6, 100, "constant")) == "diverged"
    rescued = lr.descend(0.6, 100, "cosine")
    assert rescued["losses"][-1] < rescued["losses"][0] * lr.CLOSE
    assert lr.verdict(rescued) == "zigzag"  # it overshot while the rate was still high


def test_a_blown_up_run_stops_early_instead_of_overflowing() -> None:
    run = lr.descend(1.0, 500)
    assert len(run["losses"]) < 501
    assert not run["losses"][-1] < lr.BLOW_UP


def test_learning_rate_main_returns_what_the_page_shows(capsys: pytest.CaptureFixture[str]) -> None:
    result = check_result(lr.main(dict(lr.DEFAULTS)))
    assert result["verdict"] == "smooth"
    assert result["headline"].startswith("Smooth: no step overshoots")
    assert len(result["figures"]) == 2
    out = capsys.readouterr().out
    assert "No zig-zag up to 1 / 4 = 0.25" in out
    assert "Largest stable rate for this bowl: 2 / 4 = 0.5" in out


def test_the_zigzag_headline_counts_the_overshoots() -> None:
    result = lr.main({**lr.DEFAULTS, "learning_rate": 0.4})
    assert result["verdict"] == "zigzag"
    assert result["headline"].startswith("Zig-zag: w1 overshoots the valley floor 100 times;")


# --- search methods -------------------------------------------------------------------------


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
