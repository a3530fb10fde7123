"""Keeping the garbage collector off what lives to the end of the build.

Why: from on_files on, the build holds objects that live until it ends (the registry, MkDocs'
files and navigation; from on_env on, every page with its HTML, table of contents and metadata).
Each of the collector's full passes walks all of them again, so the passes cost more as the
glossary grows, and walking them writes to memory the forked worker (`planning`) shares with
the build, which then has to be copied. `gc.freeze` moves what is alive into a generation the
collector leaves alone (the way Python's documentation advises before a fork); objects are
still freed as soon as nothing refers to them. `release` undoes it when the build ends, or
stops half-way, so nothing stays frozen between `mkdocs serve` rebuilds.

While MkDocs reads the pages, each one it has read lives on too, and the collector's full
passes walk every page read so far: the larger the glossary, the more they cost per page (at
10,000 terms, 2.0–2.5 s of full passes in a build). `ReadPages` settles the heap every few
hundred pages instead: one full pass over what is new since the last one (the garbage a page's
conversion leaves in reference cycles is freed, not frozen), then a freeze, so the collector's
passes only ever walk the last few hundred pages.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

# Pages read between two settlings: enough that a settling's pass costs little next to reading
# them (0.01–0.02 s against about 1.5 s for 500 pages), few enough that the pages not yet
# frozen stay a small heap
PAGES_PER_SETTLING = 500


def keep_from_collector() -> None:
    """Freeze every object alive now (cheap: the collector's lists are moved, not walked)."""
    gc.freeze()


def release() -> None:
    """Hand the frozen objects back to the collector (idempotent), which then frees any of
    them that became unreachable in the meantime."""
    gc.unfreeze()


@dataclass
class ReadPages:
    """Counts the pages MkDocs has read in one build; every `every` pages, the heap is settled."""

    every: int = field(default_factory=lambda: PAGES_PER_SETTLING)
    read: int = 0

    def page_read(self) -> bool:
        """Note one more page read; True when this one settled the heap."""
        self.read += 1
        if self.read % self.every:
            return False
        gc.collect()  # over what is not frozen only: the pages read since the last settling
        keep_from_collector()
        return True
