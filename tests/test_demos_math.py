"""The mathematics of the learning-rate demo, checked under CPython on the very file the browser
runs: where the bowl stops descending smoothly, starts to zig-zag and diverges, and the presets."""

from __future__ import annotations

import itertools
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termweave.demos.buildrun import check_result, load_defaults
from termweave.demos.catalog import LEARNING_RATE
from termweave.demos.runtime import PYTHON_DIR

sys.path.insert(0, str(PYTHON_DIR))
import learning_rate as lr

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
