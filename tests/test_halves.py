"""`termweave.source.halves`: the same list as a plain map, with the tail computed in a forked process."""

from __future__ import annotations

import os
import signal
import threading
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from termweave.links.planning import background_possible
from termweave.site import build
from termweave.source import halves, registry
from termweave.source.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
needs_two_cores = pytest.mark.skipif(not background_possible(), reason="needs Linux, 2 cores")


def square_and_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def fail_on(bad: int, item: int) -> int:
    if item == bad:
        raise ValueError(f"bad item {item}")
    return item


def die_outside(parent: int, item: int) -> int:
    if os.getpid() != parent:  # in the forked process: die as an out-of-memory kill would
        os.kill(os.getpid(), signal.SIGKILL)
    return item


@needs_two_cores
def test_tail_runs_in_a_forked_process_and_order_is_kept() -> None:
    results = halves.map_in_halves(square_and_pid, range(10), background=True, min_items=4)
    assert [value for value, _ in results] == [i * i for i in range(10)]
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid()
    assert pids[-1] != os.getpid()  # the tail came back from the forked process
    cut = pids.index(pids[-1])
    assert set(pids[:cut]) == {os.getpid()} and set(pids[cut:]) == {pids[-1]}
    assert 0 < len(pids) - cut < len(pids) / 2  # the forked share is the smaller one


def test_inline_when_not_in_background_or_too_few_items() -> None:
    for background, least in [(False, 1), (True, 11)]:
        results = halves.map_in_halves(
            square_and_pid, range(10), background=background, min_items=least
        )
        assert results == [(i * i, os.getpid()) for i in range(10)]


def test_min_items_defaults_to_the_module_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves, "MIN_ITEMS", 100)
    results = halves.map_in_halves(square_and_pid, range(10), background=True)
    assert {pid for _, pid in results} == {os.getpid()}


@needs_two_cores
def test_an_error_in_the_forked_half_is_raised_here() -> None:
    with pytest.raises(ValueError, match="bad item 9"):
        halves.map_in_halves(partial(fail_on, 9), range(10), background=True, min_items=2)


@needs_two_cores
def test_a_dead_forked_process_leaves_its_half_to_this_one() -> None:
    work = partial(die_outside, os.getpid())
    assert halves.map_in_halves(work, range(10), background=True, min_items=2) == list(range(10))


@needs_two_cores
def test_registry_is_the_same_loaded_on_two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's own glossary, its entries split between two processes."""
    monkeypatch.setattr(halves, "MIN_ITEMS", 2)
    forked = spy_on_halves(monkeypatch)
    args = (ROOT / "glossary", ROOT / "content")
    one_core = load_registry(*args, today=date(2026, 11, 1))
    two_cores = load_registry(*args, today=date(2026, 11, 1), background=True)
    assert forked == [False, True]
    assert len(one_core.terms) > 10
    assert two_cores == one_core
    assert list(two_cores.terms) == list(one_core.terms)


def spy_on_halves(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `background` of each call the registry makes to `map_in_halves`."""
    calls: list[bool] = []
    real = halves.map_in_halves

    def spy(*args: Any, background: bool, **kwargs: Any) -> Any:
        calls.append(background)
        return real(*args, background=background, **kwargs)

    monkeypatch.setattr(registry, "map_in_halves", spy)
    return calls


@pytest.mark.parametrize("setting", [True, False])
def test_the_build_loads_on_two_cores_as_link_in_background_says(
    monkeypatch: pytest.MonkeyPatch, setting: bool
) -> None:
    forked = spy_on_halves(monkeypatch)
    extra = {"termweave": {"link_in_background": setting}}
    build.create_state(ROOT / "mkdocs.yml", ROOT / "content", extra, environ={})
    assert forked == [setting and background_possible()]


class Unpicklable(Exception):
    def __reduce__(self) -> Any:
        raise TypeError("cannot pickle this")


def raise_unpicklable(item: int) -> int:
    if item == 9:
        raise Unpicklable("bad item 9")
    return item


@needs_two_cores
def test_an_error_that_cannot_be_pickled_still_reaches_here() -> None:
    with pytest.raises(RuntimeError, match="Unpicklable: bad item 9"):
        halves.map_in_halves(raise_unpicklable, range(10), background=True, min_items=2)


@needs_two_cores
def test_no_thread_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results are read on the caller's thread: objects another thread unpickled would sit in
    that thread's own malloc arena for the whole build (memory the build never gives back)."""

    def refuse(self: threading.Thread) -> None:
        raise AssertionError(f"a thread was started: {self.name}")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    results = halves.map_in_halves(square_and_pid, range(10), background=True, min_items=2)
    assert [value for value, _ in results] == [i * i for i in range(10)]
    assert results[-1][1] != os.getpid()
