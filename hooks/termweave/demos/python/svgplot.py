"""Tiny SVG charts for the demos: no plotting library, standard library only.

The same code draws the plots at build time (CPython) and in the browser (Pyodide). Shapes carry
CSS classes, never colours, so the site's stylesheet themes them for light and dark mode.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

WIDTH, HEIGHT = 360, 280
TOP, RIGHT, BOTTOM, LEFT = 28, 350, 238, 54  # the plotting area inside the chart
Tick = tuple[float, str]
XY = tuple[float, float]


@dataclass
class Series:
    """One line in a line chart; `style` picks the CSS class tw-s<style>."""

    name: str
    points: list[XY]
    style: int = 0


@dataclass
class Marker:
    """A sampled point or path vertex drawn over a heat map."""

    x: float
    y: float
    label: str = ""
    highlight: bool = False


@dataclass
class Frame:
    """Maps data coordinates to pixels inside the plotting area and collects the shapes."""

    x_range: XY
    y_range: XY
    log_y: bool = False
    parts: list[str] = field(default_factory=list)

    def px(self, x: float) -> float:
        low, high = self.x_range
        return LEFT + (x - low) / (high - low) * (RIGHT - LEFT)

    def py(self, y: float) -> float:
        low, high = self.y_range
        if self.log_y:
            y, low, high = (math.log10(max(v, 1e-300)) for v in (y, low, high))
        return BOTTOM - (y - low) / (high - low) * (BOTTOM - TOP)

    def add(self, tag: str, css: str, text: str = "", **attributes: float | str) -> None:
        """Append one element; numbers are written with one decimal to keep the SVG small."""
        attrs = "".join(
            f' {name.replace("_", "-")}="{fmt(value) if isinstance(value, float | int) else value}"'
            for name, value in attributes.items()
        )
        self.parts.append(f'<{tag} class="{css}"{attrs}>{text}</{tag}>')


def fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[Tick]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    raw = ((high - low) or 1.0) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks: list[Tick] = []
    value = math.ceil(low / step - 1e-9) * step
    while value <= high + step * 1e-9:
        ticks.append((value, f"{value:g}" if abs(value) > step * 1e-6 else "0"))
        value += step
    return ticks


def nice_range(low: float, high: float) -> tuple[float, float, list[Tick]]:
    """Widen [low, high] to the nearest round ticks, so both ends are labelled."""
    if high <= low:
        low, high = low - 1, high + 1
    ticks = nice_ticks(low, high)
    step = ticks[1][0] - ticks[0][0] if len(ticks) > 1 else 1.0
    start, stop = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    return start, stop, nice_ticks(start, stop)


def log_ticks(low: float, high: float) -> list[Tick]:
    """Powers of ten between low and high, thinned to at most six labels."""
    exponents = list(range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1))
    stride = max(1, math.ceil(len(exponents) / 6))
    return [(10.0**e, f"1e{e}") for e in exponents[::stride] if low <= 10.0**e <= high * 1.0001]


def _axes(
    frame: Frame, x_ticks: Sequence[Tick], y_ticks: Sequence[Tick], labels: tuple[str, str]
) -> None:
    frame.add("rect", "tw-frame", x=LEFT, y=TOP, width=RIGHT - LEFT, height=BOTTOM - TOP)
    for value, text in x_ticks:
        x = frame.px(value)
        frame.add("line", "tw-grid", x1=x, x2=x, y1=TOP, y2=BOTTOM)
        frame.add("text", "tw-tick", escape(text), x=x, y=BOTTOM + 16, text_anchor="middle")
    for value, text in y_ticks:
        y = frame.py(value)
        frame.add("line", "tw-grid", x1=LEFT, x2=RIGHT, y1=y, y2=y)
        frame.add(
            "text", "tw-tick", escape(text), x=LEFT - 6, y=y, text_anchor="end",
            dominant_baseline="middle",
        )  # fmt: skip
    x_label, y_label = (escape(label) for label in labels)
    middle = (TOP + BOTTOM) / 2
    frame.add("text", "tw-label", x_label, x=(LEFT + RIGHT) / 2, y=HEIGHT - 8, text_anchor="middle")
    frame.add(
        "text", "tw-label", y_label, x=14, y=middle, text_anchor="middle",
        transform=f"rotate(-90 14 {fmt(middle)})",
    )  # fmt: skip


def _svg(frame: Frame, title: str) -> str:
    return (
        f'<svg class="tw-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title><text class="tw-caption" x="{LEFT}" y="18">'
        f"{escape(title)}</text>{''.join(frame.parts)}</svg>"
    )


def _clip_segment(a: XY, b: XY) -> tuple[XY, XY] | None:
    """Liang-Barsky: the part of segment a-b inside the plotting area, if any."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - LEFT), (dx, RIGHT - x0), (-dy, y0 - TOP), (dy, BOTTOM - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t0, t1 = (max(t0, q / p), t1) if p < 0 else (t0, min(t1, q / p))
        if t0 > t1:
            return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def trace(frame: Frame, points: Sequence[XY], css: str) -> None:
    """A line through the points, cut exactly at the plot's edges; stops at a non-finite value.

    Diverging runs leave the plot: the visible part keeps its true direction.
    """
    pixels: list[XY] = []
    for x, y in points:
        if not (math.isfinite(x) and math.isfinite(y)) or (frame.log_y and y <= 0):
            break
        pixels.append((frame.px(x), frame.py(y)))
    commands: list[str] = []
    pen: XY | None = None
    for a, b in pairwise(pixels[:1] + pixels if len(pixels) == 1 else pixels):
        clipped = _clip_segment(a, b)
        if clipped is None:
            pen = None
            continue
        start, end = clipped
        if pen != start:
            commands.append(f"M{fmt(start[0])} {fmt(start[1])}")
        commands.append(f"L{fmt(end[0])} {fmt(end[1])}")
        pen = end if end == b else None
    if commands:
        frame.add("path", css, d="".join(commands))


def line_chart(
    series: Sequence[Series], *, title: str, x_label: str, y_label: str, log_y: bool = False
) -> str:
    """Lines over a shared x axis; `log_y` for losses spanning many orders of magnitude."""
    xs = [x for s in series for x, _ in s.points] or [0.0, 1.0]
    ys = [y for s in series for _, y in s.points if math.isfinite(y) and (y > 0 or not log_y)]
    ys = ys or [1.0]
    if log_y:
        y_low, y_high = 10 ** math.floor(math.log10(min(ys))), 10 ** math.ceil(math.log10(max(ys)))
        y_high = max(y_high, y_low * 10)
        y_ticks = log_ticks(y_low, y_high)
    else:
        y_low, y_high, y_ticks = nice_range(min(ys), max(ys))
    x_low, x_high = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    frame = Frame((x_low, x_high), (y_low, y_high), log_y=log_y)
    _axes(frame, nice_ticks(x_low, x_high), y_ticks, (x_label, y_label))
    for item in series:
        trace(frame, item.points, f"tw-line tw-s{item.style}")
    for index, item in enumerate(series if len(series) > 1 else ()):
        x, y = RIGHT - 110, TOP + 12 + 15 * index
        frame.add("line", f"tw-line tw-s{item.style}", x1=x, x2=x + 18, y1=y, y2=y)
        frame.add("text", "tw-legend", escape(item.name), x=x + 24, y=y, dominant_baseline="middle")
    return _svg(frame, title)


def _levels(values: list[list[float]], levels: int) -> list[list[int]]:
    flat = [v for row in values for v in row if math.isfinite(v)]
    low, span = min(flat), (max(flat) - min(flat)) or 1.0
    top = levels - 1
    return [[min(top, int((v - low) / span * levels)) if math.isfinite(v) else top for v in row]
            for row in values]  # fmt: skip


def _rectangles(bins: list[list[int]]) -> dict[tuple[int, int, int, int], int]:
    """Merge equal cells: runs along each row, then identical runs in consecutive rows.

    Keys are (first column, end column, first row, end row), ends exclusive; values are levels.
    """
    done: dict[tuple[int, int, int, int], int] = {}
    open_runs: dict[tuple[int, int, int], int] = {}  # (c0, c1, level) -> first row
    for r, row in enumerate([*bins, []]):
        runs: set[tuple[int, int, int]] = set()
        c = 0
        while c < len(row):
            start = c
            while c < len(row) and row[c] == row[start]:
                c += 1
            runs.add((start, c, row[start]))
        for key in [k for k in open_runs if k not in runs]:
            done[(key[0], key[1], open_runs.pop(key), r)] = key[2]
        for key in runs:
            open_runs.setdefault(key, r)
    return done


def heat_map(
    values: list[list[float]],
    *,
    x_range: XY,
    y_range: XY,
    title: str,
    x_label: str,
    y_label: str,
    markers: Sequence[Marker] = (),
    connect: bool = False,
    x_ticks: Sequence[Tick] | None = None,
    y_ticks: Sequence[Tick] | None = None,
    levels: int = 8,
) -> str:
    """values[row][col] over a regular grid (row 0 at the bottom), darker where lower.

    Equal cells merge into rectangles, one path per level: a 40x40 map stays a few kilobytes.
    """
    frame = Frame(x_range, y_range)
    cell_w = (RIGHT - LEFT) / len(values[0])
    cell_h = (BOTTOM - TOP) / len(values)
    paths: dict[int, list[str]] = {}
    for (c0, c1, r0, r1), level in _rectangles(_levels(values, levels)).items():
        x, y = LEFT + c0 * cell_w, BOTTOM - r1 * cell_h
        w, h = (c1 - c0) * cell_w, (r1 - r0) * cell_h
        paths.setdefault(level, []).append(f"M{fmt(x)} {fmt(y)}h{fmt(w)}v{fmt(h)}h{fmt(-w)}z")
    for level, d in sorted(paths.items()):
        frame.add("path", f"tw-heat tw-h{levels - 1 - level}", d="".join(d))
    x_ticks = nice_ticks(*x_range) if x_ticks is None else x_ticks
    _axes(frame, x_ticks, nice_ticks(*y_range) if y_ticks is None else y_ticks, (x_label, y_label))
    if connect:
        trace(frame, [(m.x, m.y) for m in markers], "tw-path")
    for m in markers:
        if x_range[0] <= m.x <= x_range[1] and y_range[0] <= m.y <= y_range[1]:
            tip = f"<title>{escape(m.label)}</title>" if m.label else ""
            css, radius = ("tw-point tw-best", 5) if m.highlight else ("tw-point", 3)
            frame.add("circle", css, tip, cx=frame.px(m.x), cy=frame.py(m.y), r=radius)
    return _svg(frame, title)
