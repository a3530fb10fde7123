"""Gradient descent on a stretched bowl: the learning rate decides crawl, glide, zig-zag or blow-up.

The loss is f(w1, w2) = (STEEP * w1**2 + GENTLE * w2**2) / 2: curvature 4 along w1,
0.25 along w2, a bowl 16 times steeper one way than the other. Each step moves against the gradient,
w <- w - rate * grad f(w), which multiplies w1 by (1 - rate * STEEP) and w2 by (1 - rate * GENTLE):
  rate up to 1 / STEEP = 0.25: both factors are >= 0, the path glides down without overshooting;
  between 0.25 and 2 / STEEP = 0.5: the w1 factor is negative, so w1 changes sign every step
    (a zig-zag across the valley) while it still shrinks: the run converges;
  above 0.5: the w1 factor is below -1, every overshoot is bigger than the last: it diverges.
A rate far below all that is stable but crawls: the gentle direction barely moves.

Change the code and press Run. SETTINGS holds the values of the controls above.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from svgplot import Marker, Series, heat_map, line_chart

STEEP = 4.0  # curvature along w1
GENTLE = 0.25  # curvature along w2
START = (1.5, -4.0)
DEFAULTS: dict[str, Any] = {"learning_rate": 0.2, "steps": 100, "schedule": "constant"}
SCHEDULES = ("constant", "step", "cosine")
BLOW_UP = 1e12  # stop once the loss is this large: the run has clearly diverged
CLOSE = 1e-4  # "got close to the bottom": the loss fell below this fraction of where it started


def loss(w1: float, w2: float) -> float:
    return (STEEP * w1 * w1 + GENTLE * w2 * w2) / 2


def gradient(w1: float, w2: float) -> tuple[float, float]:
    return STEEP * w1, GENTLE * w2


def largest_stable_rate() -> float:
    """Gradient descent on a quadratic is stable while rate < 2 / (largest curvature)."""
    return 2 / max(STEEP, GENTLE)


def largest_smooth_rate() -> float:
    """Up to 1 / (largest curvature) no step overshoots the valley floor: no zig-zag."""
    return 1 / max(STEEP, GENTLE)


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


def crossings(run: dict[str, Any]) -> int:
    """How often the steep coordinate w1 changed sign: each one is an overshoot of the floor."""
    return sum(1 for (a, _), (b, _) in pairwise(run["path"]) if a < 0 < b or b < 0 < a)


def verdict(run: dict[str, Any]) -> str:
    """diverged, zigzag (crosses the floor back and forth), smooth, or too slow (not close yet)."""
    losses: list[float] = run["losses"]
    first, last = losses[0], losses[-1]
    if not last < first:
        return "diverged"
    if crossings(run) >= 2:
        return "zigzag"
    return "smooth" if last <= first * CLOSE else "too slow"


VERDICT_TEXT = {
    "smooth": "Smooth: no step overshoots, and the loss fell to {last:.2g} in {steps} steps.",
    "zigzag": (
        "Zig-zag: w1 overshoots the valley floor {crossings} times; the loss is {last:.2g} "
        "after {steps} steps."
    ),
    "diverged": "Diverged: every step overshoots the valley more; the loss reached {last:.2g}.",
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
    stable, smooth = largest_stable_rate(), largest_smooth_rate()
    steepest = max(STEEP, GENTLE)
    headline = VERDICT_TEXT[outcome].format(
        last=losses[-1], steps=len(losses) - 1, crossings=crossings(run)
    )

    print(f"learning rate {rate:g}, {steps} steps, schedule {schedule}")
    for step in range(0, len(losses), max(1, len(losses) // 6)):
        print(f"  step {step:3d}: loss {losses[step]:.4g}")
    print(headline)
    print(f"No zig-zag up to 1 / {steepest:g} = {smooth:g}")
    print(f"Largest stable rate for this bowl: 2 / {steepest:g} = {stable:g}")

    curve = line_chart(
        [Series("loss", [(float(i), v) for i, v in enumerate(losses)])],
        title="Loss at each step (log scale)",
        x_label="step",
        y_label="loss (log scale)",
        log_y=True,
    )
    # The gentle direction w2 runs across the wide axis of the picture, the steep w1 up it.
    grid = [
        [math.log10(loss(-3 + 6 * (r + 0.5) / 30, -5 + 10 * (c + 0.5) / 48)) for c in range(48)]
        for r in range(30)
    ]
    marks = [Marker(w2, w1) for w1, w2 in run["path"]]
    marks[0] = Marker(START[1], START[0], label="start", highlight=True)
    path = heat_map(
        grid,
        x_range=(-5, 5),
        y_range=(-3, 3),
        title="Path of the parameters over the loss surface",
        x_label="w2 (gentle direction)",
        y_label="w1 (steep)",
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
            ["No zig-zag up to", f"{smooth:g} (= 1 / {steepest:g})"],
            ["Largest stable rate", f"{stable:g} (= 2 / {steepest:g}, the steepest curvature)"],
        ],
        "figures": [curve, path],
        "series": {"loss": losses, "rates": run["rates"]},
    }


if __name__ == "__main__":
    RESULT = main({**DEFAULTS, **globals().get("SETTINGS", {})})
