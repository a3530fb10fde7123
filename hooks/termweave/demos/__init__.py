"""Runnable in-browser Python demos (Pyodide in a module Web Worker) with a build-time result.

The hooks call four things: DEMO_IDS, expand_demo_directives (Markdown), demo_head_html (the
tags a demo page needs) and copy_runtime (assets and the self-hosted runtime into the site).
"""

from __future__ import annotations

from termweave.demos.catalog import DEMOS
from termweave.demos.embed import expand, loader_tags
from termweave.demos.runtime import DemoRuntimeMissing, copy_runtime

__all__ = [
    "DEMO_IDS",
    "DemoRuntimeMissing",
    "copy_runtime",
    "demo_head_html",
    "expand_demo_directives",
]

DEMO_IDS: frozenset[str] = frozenset(DEMOS)


def expand_demo_directives(
    markdown: str,
    *,
    source: str,
    pyodide_url: str | None = None,
    base_url: str | None = None,
) -> tuple[str, list[str], list[str]]:
    """Replace each `::demo[<id>]` line (outside fenced code) with the demo's HTML block.

    Returns (new_markdown, ids_used_in_order, problems); problems read "<source>:LINE: ...".
    `pyodide_url` (a CDN folder) is stored on each block; None means the self-hosted copy.
    With `base_url` (MkDocs' page-relative base_url) the first block also carries the loader
    tags, which Material's instant navigation needs (it runs scripts in the content only).
    """
    expansion = expand(markdown, source=source, pyodide_url=pyodide_url, base_url=base_url)
    return expansion.markdown, expansion.ids, expansion.problems


def demo_head_html(base_url: str) -> str:
    """The stylesheet and the small module loader, for pages that use demos (and only those)."""
    return loader_tags(base_url)
