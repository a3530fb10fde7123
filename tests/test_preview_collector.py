"""The collector paused around preview rebuilds (termweave.preview.collector): off during a
rebuild, one collection after it, none lost when rebuilds follow each other."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from sitekit import until
from termweave.preview.collector import PausedCollector


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_off_during_a_rebuild_then_one_collection_frees_its_cycles() -> None:
    collector = PausedCollector(quiet=0.2)
    with collector.paused():
        assert not gc.isenabled()
        ref = weakref.ref(_Cycle())  # unreachable at once, but a cycle: only a collection frees it
    assert not gc.isenabled()  # still off while the reload is served
    assert ref() is not None
    assert until(gc.isenabled)
    assert ref() is None


def test_a_rebuild_before_the_collection_postpones_it() -> None:
    collector = PausedCollector(quiet=0.3)
    with collector.paused():
        pass
    with collector.paused():  # within the quiet time: the first collection is dropped
        assert not gc.isenabled()
        time.sleep(0.4)
        assert not gc.isenabled()  # the cancelled timer did not switch it back on mid-rebuild
    assert until(gc.isenabled)


def test_close_collects_at_once_and_leaves_the_collector_as_it_found_it() -> None:
    collector = PausedCollector(quiet=60)
    with collector.paused():
        pass
    assert not gc.isenabled()
    collector.close()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    collector = PausedCollector(quiet=0.01)
    with collector.paused():
        pass
    time.sleep(0.1)
    assert not gc.isenabled()
