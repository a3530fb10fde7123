"""Python's cyclic garbage collector, paused while the preview rebuilds.

The preview keeps the last site in memory: at 5,000 entries, millions of objects that every
full collection walks. A rebuild allocates enough to set off several, about a quarter of its
time (`scripts/bench.py --preview`). So the collector is off from a rebuild's start until a
moment after it ends, when one collection runs, after the browser has reloaded. Objects are
still freed as soon as nothing refers to them; only cycles wait for that collection."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

QUIET_SECONDS = 0.3  # after a rebuild: the browser has asked for the page again by then


class PausedCollector:
    """Pauses the collector around rebuilds; one collection runs `quiet` seconds after each."""

    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self._lock = threading.Lock()
        self._pending: threading.Timer | None = None
        self._restore = gc.isenabled()

    @contextmanager
    def paused(self) -> Iterator[None]:
        with self._lock:
            if self._pending is not None:  # a rebuild before the last one's collection ran
                self._pending.cancel()
                self._pending = None
            else:
                self._restore = gc.isenabled()
            gc.disable()
        try:
            yield
        finally:
            with self._lock:
                self._pending = threading.Timer(self.quiet, self._collect)
                self._pending.daemon = True
                self._pending.start()

    def _collect(self) -> None:
        with self._lock:
            if self._pending is None or self._pending is not threading.current_thread():
                return  # cancelled: a rebuild started meanwhile
            self._pending = None
            self._collect_now()

    def close(self) -> None:
        """Run the pending collection now (the server stops)."""
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            pending.cancel()
            self._collect_now()

    def _collect_now(self) -> None:
        gc.collect()
        if self._restore:
            gc.enable()
