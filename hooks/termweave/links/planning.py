"""Planning each page's cross-links on a second core while MkDocs renders the next pages.

Why: planning a page (its prose scanned with the automaton, `Linker.plan`) is the largest part of
our per-page work, and its results are needed late: the mentions when every page has been seen
(`on_env`), the anchors when the page is written (`on_page_context`). So `on_page_content` hands
the page's HTML to a worker process and returns at once. The worker is forked once the linker
exists and inherits it (it builds the automaton there, on first use, off the build's path); each
page costs the main process one pickled string. Results come back in the order pages were
submitted: the build's output is the same with or without the worker (tested), and so is the order
back-links are recorded in.

The worker makes what follows from a plan as well: each page's previews payload, and,
recording every page's mentions as the main process does, the term pages' "Mentioned in"
sections once every page has been seen (`sections`). And it makes texts ahead with the makers
it inherits (`make_ahead`: the generated pages' Markdown, JSON-LD), in the order they will be
asked for. Whatever it did not make, the caller makes: the same text.

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
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from termweave.links.autolink import Linker, LinkPlan
from termweave.links.backlinks import BackLink
from termweave.links.linking import Mentions

BATCH = 24  # pages per message: fewer round trips, yet the worker starts early
# Texts per message when the worker makes them ahead (sections, generated pages): the first
# message is small, since whoever asks for its first text waits for it
AHEAD_BATCH, AHEAD_FIRST = 200, 16
AHEAD_WINDOW = 3  # batches of a kind sent ahead of what has been asked for
_Work = tuple[BackLink, str, str, str | None]  # (back-link entry, html, page_url, self_slug)
_Planned = tuple[list[LinkPlan], list[str], float]  # plans, previews, seconds
_TermPage = tuple[str, str]  # (slug, page_url)
_Made = tuple[dict[str, str], float]  # key -> text, seconds
_Job = Callable[[list[tuple[str, str]]], _Made]  # runs in the worker
# Set in the worker process only, by `_install`: the inherited linker and the mentions it records
_worker_linker: Linker | None = None
_worker_mentions: Mentions | None = None
_worker_makers: Mapping[str, Callable[[str], str]] = {}


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One page's plan and what follows from it, kept from on_env until the page is written."""

    link: BackLink  # the page's entry in the back-links of the terms it mentions
    slug: str | None  # the term the page is about, if it is a term page
    html: str  # the HTML the plan was made from
    plan: LinkPlan
    previews: str  # `Linker.previews_html` of the terms the plan links


@dataclass(frozen=True, slots=True)
class _Batch:
    work: list[_Work]
    future: Future[_Planned] | None  # None: planned inline already
    plans: list[LinkPlan]
    previews: list[str]


def background_possible() -> bool:
    """Linux, where forking is the default and safe for this (macOS offers fork but it can
    crash system libraries there), with a second usable core. The worker must be forked: it
    inherits the linker instead of building it again."""
    if not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


class Planner:
    """Plans pages with `linker`, in a forked worker when `background`, else inline."""

    def __init__(
        self,
        linker: Linker,
        *,
        background: bool,
        makers: Mapping[str, Callable[[str], str]] | None = None,
    ) -> None:
        """`makers`: kind -> what makes a text of that kind from its key, for `make_ahead`
        (e.g. "render_pages": a generated page's Markdown from its path)."""
        self.linker = linker
        self._makers = makers or {}
        # the worker's own time per kind of work (not on the build's path), e.g. "crosslink"
        self.worker_seconds: dict[str, float] = {}
        self._batches: list[_Batch] = []
        self._work: list[_Work] = []
        self._made: dict[tuple[str, str], _Ahead] = {}  # (kind, key) -> the batch making it
        self._queued: dict[str, deque[_Ahead]] = {}  # per kind, batches not yet sent
        self._in_flight: dict[str, int] = {}  # per kind, batches sent and not yet taken
        self._pool: ProcessPoolExecutor | None = None
        self._collected = False
        if background:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_install,
                initargs=(linker, self._makers),  # inherited by the fork, not pickled
            )

    @property
    def in_background(self) -> bool:
        return self._pool is not None

    @property
    def collected(self) -> bool:
        """The plans were taken (`results`): no more pages; what follows them still comes."""
        return self._collected

    def submit(self, link: BackLink, html: str, *, page_url: str, self_slug: str | None) -> None:
        """Queue one page; `link` is its entry in the back-links of the terms it mentions."""
        self._work.append((link, html, page_url, self_slug))
        if self._pool is None or len(self._work) >= BATCH:
            self._send()

    def planned(self, page: PlannedPage) -> None:
        """A page planned by an earlier build and still valid (the preview keeps plans between
        rebuilds), taken in its place among the submitted pages."""
        self._send()
        work = (page.link, page.html, page.link.url, page.slug)
        self._batches.append(_Batch([work], None, [page.plan], [page.previews]))

    def results(self) -> Iterator[PlannedPage]:
        """Every submitted page's plan, in submission order. Call once, after the last page;
        the worker stays for `sections` until `close`."""
        self._collected = True
        self._send()
        batches, self._batches = self._batches, []
        for batch in batches:
            plans, previews = (
                (batch.plans, batch.previews) if batch.future is None else self._wait(batch)
            )
            for (link, html, _, slug), plan, preview in zip(
                batch.work, plans, previews, strict=True
            ):
                yield PlannedPage(link, slug, html, plan, preview)

    def sections(self, term_pages: list[_TermPage]) -> None:
        """Have the worker write these term pages' "Mentioned in" sections, in this order (the
        order they are asked for): after `results`, when every page's mentions are known."""
        self._ahead("backlinks", _write_sections, [(url, slug) for slug, url in term_pages])

    def section(self, page_url: str) -> str | None:
        """The term page's section as the worker wrote it; None when it did not (the caller
        then writes it from the mentions it recorded itself: the same text)."""
        return self._take("backlinks", page_url)

    def make_ahead(self, kind: str, keys: list[str]) -> None:
        """Have the worker make these texts with `makers[kind]`, in this order (the order they
        are asked for), while the build goes on."""
        if kind in self._makers:
            self._ahead(kind, _make, [(key, kind) for key in keys])

    def made(self, kind: str, key: str) -> str | None:
        """The text as the worker made it; None when it did not (the caller makes it: the
        same text)."""
        return self._take(kind, key)

    def _ahead(self, kind: str, job: _Job, items: list[tuple[str, str]]) -> None:
        """Queue `job` over (key, argument) items in batches, the first one small (whoever asks
        for the first key waits for it). At most AHEAD_WINDOW batches of a kind are sent ahead
        of what has been asked for: the texts made ahead never pile up in memory."""
        start = 0
        while start < len(items):
            size = AHEAD_BATCH if start else AHEAD_FIRST
            chunk = items[start : start + size]
            start += size
            batch = _Ahead(kind, job, chunk)
            self._made.update(((kind, key), batch) for key, _ in chunk)
            self._queued.setdefault(kind, deque()).append(batch)
        self._send_ahead(kind)

    def _send_ahead(self, kind: str) -> None:
        queued = self._queued.get(kind, deque())
        while queued and self._pool is not None and self._in_flight.get(kind, 0) < AHEAD_WINDOW:
            batch = queued.popleft()
            try:
                batch.future = self._pool.submit(batch.job, batch.items)
            except BrokenProcessPool:
                self._pool = None
                return
            self._in_flight[kind] = self._in_flight.get(kind, 0) + 1

    def _take(self, kind: str, key: str) -> str | None:
        """What the worker made for `key`, once; None if it made nothing for it (not asked,
        asked out of the expected order, or the worker died)."""
        batch = self._made.pop((kind, key), None)
        if batch is None or batch.future is None:
            return None
        if batch.made is None:
            try:
                batch.made, seconds = batch.future.result()
            except BrokenProcessPool:  # the worker died: the caller makes this batch too
                return None
            self.worker_seconds[kind] = self.worker_seconds.get(kind, 0.0) + seconds
            self._in_flight[kind] -= 1
            self._send_ahead(kind)
        return batch.made.pop(key, None)

    def worker_private_memory(self) -> int:
        """The memory the worker holds now that the build's process does not share (0: no
        worker). Asked once, at the end of a build whose timings are written: what a worker
        holds only grows (its own records, and each page either process writes after the fork
        stops being shared), so its last reading is its peak. Not after every batch: reading
        /proc/self/smaps_rollup walks the worker's page tables, 0.6 s of its time at 5,000
        terms when it did."""
        if self._pool is None:
            return 0
        try:
            return self._pool.submit(private_bytes).result()
        except BrokenProcessPool:
            return 0

    def close(self) -> None:
        """Stop the worker (a build that failed half-way calls this too); idempotent."""
        pool, self._pool = self._pool, None
        self._made.clear()
        self._queued.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _send(self) -> None:
        if not self._work:
            return
        work, self._work = self._work, []
        future = None
        if self._pool is not None:
            try:
                future = self._pool.submit(_plan_batch, work)
            except BrokenProcessPool:
                self._pool = None
        if future is None:
            plans, previews = self._plan_here(work)
            self._batches.append(_Batch(work, None, plans, previews))
        else:
            self._batches.append(_Batch(work, future, [], []))

    def _wait(self, batch: _Batch) -> tuple[list[LinkPlan], list[str]]:
        assert batch.future is not None
        try:
            plans, previews, seconds = batch.future.result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): do it here
            self._pool = None  # and the sections too
            return self._plan_here(batch.work)
        self.worker_seconds["crosslink"] = self.worker_seconds.get("crosslink", 0.0) + seconds
        return plans, previews

    def _plan_here(self, work: list[_Work]) -> tuple[list[LinkPlan], list[str]]:
        plans, previews, _ = _plan(self.linker, None, work)
        return plans, previews


@dataclass(slots=True)
class _Ahead:
    """A batch of texts for the worker to make: key -> text, once done."""

    kind: str
    job: _Job
    items: list[tuple[str, str]]  # (key, argument)
    future: Future[_Made] | None = None  # None: not sent yet
    made: dict[str, str] | None = None


def _install(linker: Linker, makers: Mapping[str, Callable[[str], str]]) -> None:
    """Worker start: keep the inherited linker and makers; freeze what was inherited, so the
    worker's collector never walks (and so never copies) the parent's objects."""
    global _worker_linker, _worker_mentions, _worker_makers
    _worker_linker = linker
    _worker_mentions = Mentions()
    _worker_makers = makers
    gc.freeze()


def _plan(
    linker: Linker, mentions: Mentions | None, work: list[_Work]
) -> tuple[list[LinkPlan], list[str], float]:
    """Each page's plan and previews, and the seconds they took; mentions recorded if given."""
    start = time.perf_counter()
    plans: list[LinkPlan] = []
    previews: list[str] = []
    for link, html, page_url, self_slug in work:
        plan = linker.plan(html, page_url=page_url, self_slug=self_slug)
        if mentions is not None:
            mentions.record(plan, link)
        plans.append(plan)
        previews.append(linker.previews_html(plan.linked))
    return plans, previews, time.perf_counter() - start


def _plan_batch(work: list[_Work]) -> _Planned:
    """In the worker: plans, previews and the seconds they took."""
    assert _worker_linker is not None
    return _plan(_worker_linker, _worker_mentions, work)


def _write_sections(pages: list[tuple[str, str]]) -> _Made:
    """In the worker: (page URL, slug) -> the "Mentioned in" section."""
    assert _worker_mentions is not None
    start = time.perf_counter()
    written = {url: _worker_mentions.section(slug, url) for url, slug in pages}
    return written, time.perf_counter() - start


def _make(items: list[tuple[str, str]]) -> _Made:
    """In the worker: (key, kind) -> the text `makers[kind]` makes of key."""
    start = time.perf_counter()
    made = {key: _worker_makers[kind](key) for key, kind in items}
    return made, time.perf_counter() - start


def private_bytes(rollup: Path = Path("/proc/self/smaps_rollup")) -> int:
    """Memory of this process that no other process shares (Linux; 0 elsewhere). A forked
    worker's resident size counts every page it shares with its parent: this does not."""
    try:
        lines = rollup.read_text(encoding="ascii").splitlines()
    except OSError:
        return 0
    kib = sum(int(line.split()[1]) for line in lines if line.startswith("Private_"))
    return kib * 1024
