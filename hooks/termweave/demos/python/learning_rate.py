"""Gradient descent on a stretched bowl: the learning rate decides crawl, converge or blow-up.

The loss is f(w1, w2) = (A * w1**2 + B * w2**2) / 2: gentle along w1, steep along w2. Each step
moves against the gradient: w <- w - rate * grad f(w). Along w2 that multiplies w2 by (1 - rate*B),
so once rate > 2 / B the steps overshoot further every time and the run diverges.

Change the code and press Run. SETTINGS holds the values of the controls above.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from svgplot import Marker, Series, heat_map, line_chart

A = 1.0  # curvature along w1 (gentle)
B = 20.0  # curvature along w2 (steep)
START = (-4.0, 1.5)
DEFAULTS: dict[str, Any] = {"learning_rate": 0.09, "steps": 60, "schedule": "constant"}
SCHEDULES = ("constant", "step", "cosine")
BLOW_UP = 1e12  # stop once the loss is this large: the run has clearly diverged


def loss(w1: float, w2: float) -> float:
    return (A * w1 * w1 + B * w2 * w2) / 2


def gradient(w1: float, w2: float) -> tuple[float, float]:
    return A * w1, B * w2


def largest_stable_rate() -> float:
    """Gradient descent on a quadratic is stable while rate < 2 / (largest curvature)."""
    return 2 / max(A, B)


def rate_at(step: int, steps: int, base: float, schedule: str) -> float:
    """The learning rate for one step under a schedule."""
    if schedule == "step":  # halve every third of the run
        return base * 0.5 ** (step // max(1, steps // 3))
    if schedule == "cosine":  # glide from base down to zero
        return base * 0.5 * (1 + math.cos(math.pi * step / steps))
    return base


def descend(base: float, steps: int, schedule: str = "constant") -> dict[str, Any]:
    """Run gradient descent; returns the path, losses and the rates used."""
    w1, w2 = START
    path, losses, rates = [(w1, w2)], [loss(w1, w2)], []
    for step in range(steps):
        rate = rate_at(step, steps, base, schedule)
        g1, g2 = gradient(w1, w2)
        w1, w2 = w1 - rate * g1, w2 - rate * g2
        path.append((w1, w2))
        losses.append(loss(w1, w2))
        rates.append(rate)
        if not losses[-1] < BLOW_UP:  # also catches inf and nan
            break
    return {"path": path, "losses": losses, "rates": rates}


def verdict(run: dict[str, Any]) -> str:
    """converged, diverged, oscillating (bouncing without settling) or too slow."""
    losses: list[float] = run["losses"]
    first, last = losses[0], losses[-1]
    if not last < first:
        return "diverged"
    if last <= first * 1e-4:
        return "converged"
    tail = [w2 for _, w2 in run["path"][-11:]]
    flips = sum(1 for a, b in pairwise(tail) if a * b < 0)
    return "oscillating" if flips >= 8 else "too slow"


VERDICT_TEXT = {
    "converged": "Converged: the loss fell to {last:.2g} in {steps} steps.",
    "diverged": "Diverged: every step overshoots the valley more; the loss reached {last:.2g}.",
    "oscillating": "Oscillating: w2 bounces across the valley and the loss is still {last:.2g}.",
    "too slow": "Too slow: after {steps} steps the loss is still {last:.2g}.",
}


def main(settings: dict[str, Any]) -> dict[str, Any]:
    """Run with the given settings, print a report and return what the page shows."""
    rate = float(settings["learning_rate"])
    steps = max(1, min(500, int(settings["steps"])))
    schedule = settings["schedule"] if settings["schedule"] in SCHEDULES else "constant"
    run = descend(rate, steps, schedule)
    outcome = verdict(run)
    losses = run["losses"]
    stable = largest_stable_rate()
    headline = VERDICT_TEXT[outcome].format(last=losses[-1], steps=len(losses) - 1)

    print(f"learning rate {rate:g}, {steps} steps, schedule {schedule}")
    for step in range(0, len(losses), max(1, len(losses) // 6)):
        print(f"  step {step:3d}: loss {losses[step]:.4g}")
    print(headline)
    print(f"Largest stable rate for this bowl: 2 / {max(A, B):g} = {stable:g}")

    curve = line_chart(
        [Series("loss", [(float(i), v) for i, v in enumerate(losses)])],
        title="Loss at each step (log scale)",
        x_label="step",
        y_label="loss (log scale)",
        log_y=True,
    )
    grid = [
        [math.log10(loss(-5 + 10 * (c + 0.5) / 48, -3 + 6 * (r + 0.5) / 30)) for c in range(48)]
        for r in range(30)
    ]
    marks = [Marker(w1, w2) for w1, w2 in run["path"]]
    marks[0] = Marker(*START, label="start", highlight=True)
    path = heat_map(
        grid,
        x_range=(-5, 5),
        y_range=(-3, 3),
        title="Path of the parameters over the loss surface",
        x_label="w1 (gentle direction)",
        y_label="w2 (steep)",
        markers=marks,
        connect=True,
    )
    return {
        "verdict": outcome,
        "headline": headline,
        "facts": [
            ["Learning rate", f"{rate:g} ({schedule})"],
            ["Steps", str(len(losses) - 1)],
            ["Final loss", f"{losses[-1]:.3g}"],
            ["Largest stable rate", f"{stable:g} (= 2 / {max(A, B):g}, the steepest curvature)"],
        ],
        "figures": [curve, path],
        "series": {"loss": losses, "rates": run["rates"]},
    }


if __name__ == "__main__":
    RESULT = main({**DEFAULTS, **globals().get("SETTINGS", {})})
