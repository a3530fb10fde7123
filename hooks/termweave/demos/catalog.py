"""The demos a page can embed: their title, source file, controls and presets.

Default values are not repeated here: they come from each demo file's DEFAULTS, so the controls,
the build-time result and a reader's first Run always agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

ControlKind = Literal["log-range", "range", "number", "select", "checkboxes"]


@dataclass(frozen=True)
class Control:
    """One input bound to SETTINGS[key]; `log-range` slides over log10 of the value."""

    key: str
    label: str
    kind: ControlKind
    minimum: float = 0
    maximum: float = 0
    step: float = 1
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for select and checkboxes
    marks: tuple[tuple[float, str], ...] = ()  # labelled ticks on a slider
    hint: str = ""


@dataclass(frozen=True)
class Preset:
    label: str
    settings: dict[str, Any]

    @property
    def json(self) -> str:
        return json.dumps(self.settings, sort_keys=True)


@dataclass(frozen=True)
class Demo:
    id: str
    title: str
    lede: str
    filename: str
    controls: tuple[Control, ...]
    presets: tuple[Preset, ...] = field(default=())


LEARNING_RATE = Demo(
    id="learning-rate",
    title="Try it: how the learning rate changes gradient descent",
    lede=(
        "Gradient descent on a bowl 16 times steeper in one direction than the other (curvatures "
        "4 and 0.25). Move the learning rate and press Run: far too small crawls, up to 0.25 it "
        "glides down smoothly, between 0.25 and 0.5 it zig-zags across the valley but still "
        "converges, and above 0.5 it blows up."
    ),
    filename="learning_rate.py",
    controls=(
        Control(
            "learning_rate",
            "Learning rate",
            "log-range",
            minimum=-3,
            maximum=0,
            step=0.01,
            marks=((0.25, "zig-zag from here"), (0.5, "largest stable rate")),
            hint="log scale",
        ),
        Control("steps", "Steps", "range", minimum=10, maximum=200, step=10),
        Control(
            "schedule",
            "Schedule",
            "select",
            options=(("constant", "constant"), ("step", "step decay"), ("cosine", "cosine")),
        ),
    ),
    presets=(
        Preset("Crawl (0.01)", {"learning_rate": 0.01, "schedule": "constant"}),
        Preset("Good (0.2)", {"learning_rate": 0.2, "schedule": "constant"}),
        Preset("Zig-zag (0.4)", {"learning_rate": 0.4, "schedule": "constant"}),
        Preset("Diverge (0.6)", {"learning_rate": 0.6, "schedule": "constant"}),
    ),
)

SEARCH_METHODS = Demo(
    id="search-methods",
    title="Try it: grid search, random search and Bayesian optimisation",
    lede=(
        "Three ways to spend the same budget of training runs on two hyperparameters, one of "
        "which matters far more than the other. Change the budget or the seed and press Run."
    ),
    filename="search_methods.py",
    controls=(
        Control("budget", "Budget (trials)", "number", minimum=4, maximum=30, step=1),
        Control("seed", "Seed", "number", minimum=0, maximum=9999, step=1),
        Control(
            "methods",
            "Methods",
            "checkboxes",
            options=(("grid", "grid"), ("random", "random"), ("bayesian", "Bayesian")),
        ),
    ),
)

DEMOS: dict[str, Demo] = {demo.id: demo for demo in (LEARNING_RATE, SEARCH_METHODS)}
