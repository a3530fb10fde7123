"""Planning each page's cross-links on a second core while MkDocs renders the next pages.

Why: planning a page (its prose scanned with the automaton, `Linker.plan`) is the largest part of
our per-page work, and its results are needed late: the mentions when every page has been seen
(`on_env`), the anchors when the page is written (`on_page_context`). So `on_page_content` hands
the page's HTML to a worker process and returns at once. The worker is forked once the linker
exists and inherits it (it builds the automaton there, on first use, off the build's path); each
page costs the main process one pickled string. Results come back in the order pages were
submitted: the build's output is the same with or without the worker (tested), and so is the order
back-links are recorded in.

Without a second usable core, off Linux (no safe `fork` on Windows and macOS), or when turned off
(`extra.termweave.link_in_background: false`), pages are planned inline, one by one. Should the
worker die, the pages it held are planned inline; its own errors are raised where they happen.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .autolink import Linker, LinkPlan

Key = TypeVar("Key")
BATCH = 24  # pages per message: fewer round trips, yet the worker starts early
_Work = tuple[str, str, str | None]  # (html, page_url, self_slug)
_worker_linker: Linker | None = None  # set in the worker process only, by `_install`


@dataclass(frozen=True, slots=True)
class _Batch(Generic[Key]):
    keys: list[Key]
    work: list[_Work]
    future: Future[tuple[list[LinkPlan], float, int]] | None  # None: planned inline already
    plans: list[LinkPlan]


def background_possible() -> bool:
    """Linux, where forking is the default and safe for this (macOS offers fork but it can
    crash system libraries there), with a second usable core. The worker must be forked: it
    inherits the linker instead of building it again."""
    if not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


class Planner(Generic[Key]):
    """Plans pages with `linker`, in a forked worker when `background`, else inline."""

    def __init__(self, linker: Linker, *, background: bool) -> None:
        self.linker = linker
        self.worker_seconds = 0.0  # the worker's own time planning (not on the build's path)
        # the most memory the worker held that the build process does not share (0: unknown)
        self.worker_private_bytes = 0
        self._batches: list[_Batch[Key]] = []
        self._keys: list[Key] = []
        self._work: list[_Work] = []
        self._pool: ProcessPoolExecutor | None = None
        if background:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_install,
                initargs=(linker,),  # inherited by the fork, not pickled
            )

    @property
    def in_background(self) -> bool:
        return self._pool is not None

    def submit(self, key: Key, html: str, *, page_url: str, self_slug: str | None) -> None:
        """Queue one page; `key` comes back with its plan from `results`."""
        self._keys.append(key)
        self._work.append((html, page_url, self_slug))
        if self._pool is None or len(self._work) >= BATCH:
            self._send()

    def results(self) -> Iterator[tuple[Key, str, LinkPlan]]:
        """(key, html, plan) of every submitted page, in submission order; then the worker
        stops. Call once, after the last page."""
        self._send()
        try:
            for batch in self._batches:
                plans = batch.plans if batch.future is None else self._wait(batch)
                for key, (html, _, _), plan in zip(batch.keys, batch.work, plans, strict=True):
                    yield key, html, plan
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker (a build that failed half-way calls this too); idempotent."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _send(self) -> None:
        if not self._work:
            return
        keys, work = self._keys, self._work
        self._keys, self._work = [], []
        future = None
        plans: list[LinkPlan] = []
        if self._pool is not None:
            try:
                future = self._pool.submit(_plan_batch, work)
            except BrokenProcessPool:
                self._pool = None
        if future is None:
            plans = [self._plan(item) for item in work]
        self._batches.append(_Batch(keys, work, future, plans))

    def _wait(self, batch: _Batch[Key]) -> list[LinkPlan]:
        assert batch.future is not None
        try:
            plans, seconds, private = batch.future.result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): do it here
            return [self._plan(item) for item in batch.work]
        self.worker_seconds += seconds
        self.worker_private_bytes = max(self.worker_private_bytes, private)
        return plans

    def _plan(self, item: _Work) -> LinkPlan:
        html, page_url, self_slug = item
        return self.linker.plan(html, page_url=page_url, self_slug=self_slug)


def _install(linker: Linker) -> None:
    """Worker start: keep the inherited linker; freeze what was inherited, so the worker's
    collector never walks (and so never copies) the parent's objects."""
    global _worker_linker
    _worker_linker = linker
    gc.freeze()


def _plan_batch(work: list[_Work]) -> tuple[list[LinkPlan], float, int]:
    """The plans, the seconds they took and the worker's private memory after them."""
    assert _worker_linker is not None
    start = time.perf_counter()
    plans = [
        _worker_linker.plan(html, page_url=page_url, self_slug=self_slug)
        for html, page_url, self_slug in work
    ]
    return plans, time.perf_counter() - start, private_bytes()


def private_bytes(rollup: Path = Path("/proc/self/smaps_rollup")) -> int:
    """Memory of this process that no other process shares (Linux; 0 elsewhere). A forked
    worker's resident size counts every page it shares with its parent: this does not."""
    try:
        lines = rollup.read_text(encoding="ascii").splitlines()
    except OSError:
        return 0
    kib = sum(int(line.split()[1]) for line in lines if line.startswith("Private_"))
    return kib * 1024
