"""Keeping the garbage collector off what lives to the end of the build.

Why: from on_files on, the build holds objects that live until it ends (the registry, MkDocs'
files and navigation; from on_env on, every page with its HTML, table of contents and metadata).
Each of the collector's full passes walks all of them again, so the passes cost more as the
glossary grows, and walking them writes to memory the forked worker (`planning`) shares with
the build, which then has to be copied. `gc.freeze` moves what is alive into a generation the
collector leaves alone (the way Python's documentation advises before a fork); objects are
still freed as soon as nothing refers to them. `release` undoes it when the build ends, or
stops half-way, so nothing stays frozen between `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import gc


def keep_from_collector() -> None:
    """Freeze every object alive now (cheap: the collector's lists are moved, not walked)."""
    gc.freeze()


def release() -> None:
    """Hand the frozen objects back to the collector (idempotent), which then frees any of
    them that became unreachable in the meantime."""
    gc.unfreeze()
