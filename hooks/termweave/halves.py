"""One function over many independent items, on two cores: the second half in a forked process.

Why: loading and validating the entries (`entry.load_entry`, one YAML file each) is the largest
part of our work left on the build's path at thousands of terms, and the files do not depend on
each other until the registry checks them together. A process forked for the second half
inherits everything it needs; its results come back pickled, in order. The output is the same
list as `[function(item) for item in items]`, so callers need not care where it ran.

Only worth it for many items (forking and sending results back cost about 20 ms), on Linux with
a second core (`planning.background_possible`). Should the forked process die, its half is done
here; an exception raised by `function` is raised here either way, as if inline.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, one core is done before a second has started
# The forked half is a little smaller: its results must also be pickled there and read here
FORKED_SHARE = 0.45


def map_in_halves(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    background: bool,
    min_items: int | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, the tail computed in a forked process when
    `background` and there are at least `min_items` (`MIN_ITEMS`). `function` must be picklable
    (a module-level function, or a `functools.partial` of one)."""
    least = MIN_ITEMS if min_items is None else min_items
    if not background or len(items) < max(least, 2):
        return _map(function, items)
    cut = len(items) - max(1, int(len(items) * FORKED_SHARE))
    head, tail = items[:cut], items[cut:]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        future = pool.submit(_map, function, tail)
        first = _map(function, head)
        try:
            second = future.result()
        except BrokenProcessPool:  # the process died (killed, out of memory): do its half here
            second = _map(function, tail)
    return first + second


def _map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [function(item) for item in items]
