"""Where a build's time goes, per phase of our hooks; written out only when asked
(TERMWEAVE_TIMINGS=<file.json>), so scripts/bench.py can point a regression at its cause."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMINGS_ENV = "TERMWEAVE_TIMINGS"
BYTES_SUFFIX = "_bytes"  # a size in the timings line, not a phase
# The rest of our events' work, so that the phases add up to all of it: adding the generated
# files, the nav and theme settings.
EVENTS = "events"


def _target(environ: dict[str, str] | None) -> str | None:
    """The file TERMWEAVE_TIMINGS names, None when it names none."""
    return (os.environ if environ is None else environ).get(TIMINGS_ENV) or None


class PhaseTimer:
    """Accumulates seconds per named phase for one build."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.sizes: dict[str, int] = {}  # bytes, e.g. the search indexer's peak memory

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def write(self, environ: dict[str, str] | None = None) -> Path | None:
        """Append this build's phases as one JSON line to the file TERMWEAVE_TIMINGS names."""
        target = _target(environ)
        if target is None:
            return None
        path = Path(target)
        line = {k: round(v, 6) for k, v in self.seconds.items()}
        line.update({f"{k}{BYTES_SUFFIX}": v for k, v in self.sizes.items()})
        with path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(line) + "\n")
        return path
