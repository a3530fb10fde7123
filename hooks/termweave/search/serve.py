"""Search under `mkdocs serve`: Pagefind cannot update one page, so after each rebuild the
whole index is made again in the background, at low priority, once edits pause (debounced),
into a folder of its own outside the site; it is then laid over the served one.

MkDocs empties the site folder at the start of each rebuild (and answers no request until the
rebuild is done), so each rebuild's end puts the last finished index back (hard links, fast) and
the index a reader sees may lag behind the pages but is never missing. The overlay adds the new
generation's files, then replaces the fixed-name ones (`pagefind-entry.json` last), and removes
only files of neither the new nor the previous generation: a reader whose page loaded the
previous one can still fetch its chunks."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from termweave.search.indexer import Indexer, IndexerError
from termweave.search.records import tidy_bundle

DEBOUNCE_SECONDS = 0.8
NICENESS = 10
ENTRY = "pagefind-entry.json"

_serving = False
_reindexer: Reindexer | None = None


def set_serving(serving: bool) -> None:
    """Told once per process by `on_startup`: rebuilds of `mkdocs serve` index in background."""
    global _serving
    _serving = serving


def serving() -> bool:
    return _serving


def reindexer() -> Reindexer:
    global _reindexer
    if _reindexer is None:
        _reindexer = Reindexer()
        atexit.register(_reindexer.stop)
    return _reindexer


def stop() -> None:
    """`on_shutdown`: the background indexer ends and its folder is removed."""
    global _reindexer
    if _reindexer is not None:
        _reindexer.stop()
        _reindexer = None


@dataclass
class _Job:
    target: Path
    documents: list[tuple[str, str]]
    language: str
    due: float


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _link(source: Path, target: Path) -> None:
    """`target` made a copy of `source` without a window where it is half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)
    partial.replace(target)


def overlay(new: Path, served: Path, keep: set[str]) -> None:
    """Lay the bundle in `new` over `served`: new names first, fixed names replaced, the entry
    last; then remove what is in neither `new` nor `keep` (the previous generation's files)."""
    fresh = _files(new)
    fixed = {name for name in fresh if (served / name).exists()}
    for name in sorted(fresh - fixed):
        _link(new / name, served / name)
    for name in sorted(fixed - {ENTRY}, key=lambda n: n.count("/")):
        _link(new / name, served / name)
    if ENTRY in fresh:
        _link(new / ENTRY, served / ENTRY)
    if served.is_dir():
        for name in _files(served) - fresh - keep:
            (served / name).unlink(missing_ok=True)


class Reindexer:
    """One background thread making the index of the latest rebuild, one job at a time."""

    def __init__(
        self, debounce: float = DEBOUNCE_SECONDS, niceness: int = NICENESS, home: Path | None = None
    ) -> None:
        self.debounce = debounce
        self.niceness = niceness
        self.home = home or Path(tempfile.mkdtemp(prefix="termweave-search-"))
        self.building = threading.Lock()  # held from a rebuild's start to its end
        self._job: _Job | None = None
        self._wake = threading.Condition()
        self._stopped = False
        self.generation = 0
        self.current: Path | None = None  # the last finished index, outside the site
        self.busy = False
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._run, daemon=True, name="termweave-search")
        self._thread.start()

    def build_started(self) -> None:
        self.building.acquire()

    def build_ended(self) -> None:
        if self.building.locked():
            self.building.release()

    def submit(self, target: Path, documents: list[tuple[str, str]], language: str) -> None:
        """At a rebuild's end: put the last finished index back at `target` (the rebuild
        emptied the site), and queue this rebuild's pages; an older queued job is dropped."""
        if self.current is not None and not target.exists():
            overlay(self.current, target, set())
        with self._wake:
            self._job = _Job(target, documents, language, time.monotonic() + self.debounce)
            self._wake.notify_all()

    def _next_job(self) -> _Job | None:
        with self._wake:
            while not self._stopped:
                job = self._job
                if job is not None and time.monotonic() >= job.due:
                    self._job = None
                    self.busy = True
                    return job
                self._wake.wait(None if job is None else job.due - time.monotonic())
            return None

    def _run(self) -> None:
        while (job := self._next_job()) is not None:
            try:
                self._index(job)
            except (IndexerError, OSError) as error:
                self.errors.append(str(error))
            finally:
                self.busy = False

    def _index(self, job: _Job) -> None:
        self.generation += 1
        folder = self.home / f"index-{self.generation}"
        indexer = Indexer(job.language, niceness=self.niceness)
        for url, html in job.documents:
            indexer.add(url, html)
        indexer.write(folder)
        tidy_bundle(folder)
        served = _files(self.current) if self.current is not None else set()
        with self.building:  # never while a rebuild empties or fills the site folder
            overlay(folder, job.target, served)
        if self.current is not None:
            shutil.rmtree(self.current, ignore_errors=True)
        self.current = folder

    def idle(self, timeout: float) -> bool:
        """Wait until no job is queued or running (tests, and the benchmark)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._wake:
                queued = self._job is not None
            if not queued and not self.busy:
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        self._thread.join(timeout=10)
        shutil.rmtree(self.home, ignore_errors=True)
