"""Grid search, random search and Bayesian optimisation with the same budget of trials.

Each trial "trains a model" with two hyperparameters and reports its validation loss. Here the
loss is a made-up surface: the learning rate matters a lot, dropout hardly at all. A grid, even
one that gives its spare values to the learning rate, tries only a few distinct learning rates
(every row repeats them); random search tries a new one every trial; Bayesian
optimisation fits a Gaussian process to the trials so far and picks the point with the largest
expected improvement. Everything is plain Python (no numpy), so it also runs in the browser.

Change the code and press Run. SETTINGS holds the values of the controls above.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from svgplot import Marker, Series, heat_map, line_chart

Point = tuple[float, float]  # both hyperparameters scaled to [0, 1]
LR_RANGE = (-5.0, -1.0)  # log10 of the learning rate
DROPOUT_RANGE = (0.0, 0.5)
METHODS = ("grid", "random", "bayesian")
LABELS = {"grid": "grid", "random": "random", "bayesian": "Bayesian"}
DEFAULTS: dict[str, Any] = {"budget": 16, "seed": 1, "methods": list(METHODS)}


def validation_loss(u: float, v: float) -> float:
    """The synthetic surface: a narrow valley in learning rate u, a gentle tilt in dropout v."""
    lr_term = 0.6 * (1 - math.exp(-((u - 0.55) ** 2) / (2 * 0.09**2)))
    dropout_term = 0.05 * (v - 0.3) ** 2
    return 0.2 + lr_term + dropout_term + 0.02 * math.sin(7 * u + 2 * v)


def hyperparameters(point: Point) -> tuple[float, float]:
    """Scaled point -> (learning rate, dropout)."""
    u, v = point
    log_lr = LR_RANGE[0] + u * (LR_RANGE[1] - LR_RANGE[0])
    return 10**log_lr, DROPOUT_RANGE[0] + v * (DROPOUT_RANGE[1] - DROPOUT_RANGE[0])


def grid_search(budget: int, rng: random.Random) -> list[Point]:
    """A k x m grid within budget: m = isqrt(budget) dropout values, k = budget // m >= m
    learning rates, so any values left over go to the learning rate, the setting a practitioner
    expects to matter most. Each value is the centre of its cell (in log space for the learning
    rate), so it stands for an equal slice of the range and no trial is spent on an edge of it.
    A grid uses no randomness: `rng` is ignored and every seed gives the same trials."""
    m = max(1, math.isqrt(budget))
    k = max(1, budget // m)
    return [(u, v) for u in cell_centres(k) for v in cell_centres(m)]


def cell_centres(n: int) -> list[float]:
    """The middles of n equal cells of [0, 1]."""
    return [(i + 0.5) / n for i in range(n)]


def random_search(budget: int, rng: random.Random) -> list[Point]:
    return [(rng.random(), rng.random()) for _ in range(budget)]


def rbf(a: Point, b: Point, length: float) -> float:
    return math.exp(-((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) / (2 * length * length))


def cholesky(matrix: list[list[float]]) -> list[list[float]]:
    n = len(matrix)
    lower = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            total = matrix[i][j] - sum(lower[i][k] * lower[j][k] for k in range(j))
            lower[i][j] = math.sqrt(max(total, 1e-12)) if i == j else total / lower[j][j]
    return lower


def solve_lower(lower: list[list[float]], b: list[float]) -> list[float]:
    x: list[float] = []
    for i, row in enumerate(lower):
        x.append((b[i] - sum(row[k] * x[k] for k in range(i))) / row[i])
    return x


def solve_upper_t(lower: list[list[float]], b: list[float]) -> list[float]:
    """Solve L^T x = b for the lower-triangular L."""
    n = len(lower)
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (b[i] - sum(lower[k][i] * x[k] for k in range(i + 1, n))) / lower[i][i]
    return x


class GaussianProcess:
    """GP regression with an RBF kernel on standardised losses; length scale by max likelihood."""

    NOISE = 1e-6

    def __init__(self, points: list[Point], values: list[float]) -> None:
        self.points = points
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((y - mean) ** 2 for y in values) / len(values)) or 1.0
        self.mean, self.spread = mean, spread
        self.ys = [(y - mean) / spread for y in values]
        fits = [self._fit(length) for length in (0.05, 0.1, 0.2, 0.3, 0.5)]
        _, self.length, self.lower, self.alpha = max(fits, key=lambda fit: fit[0])

    def _fit(self, length: float) -> tuple[float, float, list[list[float]], list[float]]:
        n = len(self.points)
        kernel = [
            [rbf(a, b, length) + (self.NOISE if i == j else 0.0) for j, b in enumerate(self.points)]
            for i, a in enumerate(self.points)
        ]
        lower = cholesky(kernel)
        alpha = solve_upper_t(lower, solve_lower(lower, self.ys))
        fit = -0.5 * sum(y * a for y, a in zip(self.ys, alpha, strict=True))
        fit -= sum(math.log(lower[i][i]) for i in range(n))
        return fit, length, lower, alpha

    def predict(self, x: Point) -> tuple[float, float]:
        """Mean and standard deviation (in standardised units) at x."""
        k = [rbf(x, p, self.length) for p in self.points]
        mean = sum(a * b for a, b in zip(k, self.alpha, strict=True))
        v = solve_lower(self.lower, k)
        variance = max(1.0 - sum(t * t for t in v), 1e-12)
        return mean, math.sqrt(variance)


def expected_improvement(mean: float, sd: float, best: float, xi: float = 0.01) -> float:
    """How much below `best` we expect the loss at a point to be (we minimise)."""
    z = (best - mean - xi) / sd
    cdf = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    pdf = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    return (best - mean - xi) * cdf + sd * pdf


def bayesian_search(budget: int, rng: random.Random, initial: int = 4) -> list[Point]:
    points = [(rng.random(), rng.random()) for _ in range(min(initial, budget))]
    values = [validation_loss(*p) for p in points]
    while len(points) < budget:
        gp = GaussianProcess(points, values)
        best_index = min(range(len(values)), key=values.__getitem__)
        best = gp.ys[best_index]
        bu, bv = points[best_index]
        candidates = [(rng.random(), rng.random()) for _ in range(250)]
        candidates += [
            (min(1.0, max(0.0, rng.gauss(bu, 0.05))), min(1.0, max(0.0, rng.gauss(bv, 0.05))))
            for _ in range(50)
        ]
        chosen = max(candidates, key=lambda c: expected_improvement(*gp.predict(c), best))
        points.append(chosen)
        values.append(validation_loss(*chosen))
    return points


SEARCHES: dict[str, Callable[[int, random.Random], list[Point]]] = {
    "grid": grid_search,
    "random": random_search,
    "bayesian": bayesian_search,
}


def best_so_far(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        out.append(min(value, out[-1]) if out else value)
    return out


def search(method: str, budget: int, seed: int) -> dict[str, Any]:
    """Run one method; the seed makes random and Bayesian runs repeatable."""
    points = SEARCHES[method](budget, random.Random(seed * 7919 + METHODS.index(method)))
    values = [validation_loss(*p) for p in points]
    best = min(range(len(values)), key=values.__getitem__)
    return {"points": points, "values": values, "best_index": best, "best": values[best]}


def main(settings: dict[str, Any]) -> dict[str, Any]:
    """Run the chosen methods, print a table and return what the page shows."""
    budget = max(4, min(30, int(settings["budget"])))
    seed = int(settings["seed"])
    methods = [m for m in METHODS if m in settings["methods"]] or ["random"]
    runs = {m: search(m, budget, seed) for m in methods}

    print(f"budget {budget} trials, seed {seed}")
    print(f"{'method':<10} {'best loss':>9}  {'trial':>5}  {'learning rate':>13}  {'dropout':>7}")
    rows = []
    for method, run in runs.items():
        lr, dropout = hyperparameters(run["points"][run["best_index"]])
        row = [
            LABELS[method],
            f"{run['best']:.4f}",
            str(run["best_index"] + 1),
            f"{lr:.2e}",
            f"{dropout:.2f}",
        ]
        rows.append(row)
        print(f"{row[0]:<10} {row[1]:>9}  {row[2]:>5}  {row[3]:>13}  {row[4]:>7}")
    winner = min(runs, key=lambda m: runs[m]["best"])
    best = runs[winner]["best"]
    label = LABELS[winner]
    headline = f"Lowest validation loss with {budget} trials: {label} search ({best:.4f})."
    distinct = ", ".join(f"{LABELS[m]} {len({u for u, _ in runs[m]['points']})}" for m in runs)
    print(f"distinct learning rates tried: {distinct}")
    print(headline)

    size = 36
    surface = [
        [validation_loss((c + 0.5) / size, (r + 0.5) / size) for c in range(size)]
        for r in range(size)
    ]
    lr_ticks = [(i / 4, f"1e{int(LR_RANGE[0]) + i}") for i in range(5)]
    dropout_ticks = [(i / 5, f"{DROPOUT_RANGE[1] * i / 5:g}") for i in range(6)]
    figures = []
    for method, run in runs.items():
        marks = [
            Marker(u, v, label=f"trial {i + 1}: loss {val:.3f}", highlight=i == run["best_index"])
            for i, ((u, v), val) in enumerate(zip(run["points"], run["values"], strict=True))
        ]
        figures.append(
            heat_map(
                surface,
                x_range=(0, 1),
                y_range=(0, 1),
                title=f"{LABELS[method].capitalize()} search: {budget} trials",
                x_label="learning rate (log scale)",
                y_label="dropout",
                markers=marks,
                x_ticks=lr_ticks,
                y_ticks=dropout_ticks,
            )
        )
    figures.append(
        line_chart(
            [
                Series(
                    LABELS[m],
                    [(i + 1.0, b) for i, b in enumerate(best_so_far(runs[m]["values"]))],
                    s,
                )
                for s, m in enumerate(METHODS)
                if m in runs
            ],
            title="Best validation loss so far, by trial",
            x_label="trial",
            y_label="best loss so far",
        )
    )
    return {
        "verdict": winner,
        "headline": headline,
        "facts": [
            ["Budget", f"{budget} trials"],
            ["Seed", str(seed)],
            ["Distinct learning rates tried", distinct],
        ],
        "table": {
            "caption": "Best trial found by each method",
            "columns": ["Method", "Best loss", "Trial", "Learning rate", "Dropout"],
            "rows": rows,
        },
        "figures": figures,
    }


if __name__ == "__main__":
    RESULT = main({**DEFAULTS, **globals().get("SETTINGS", {})})
