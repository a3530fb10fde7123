"""Ready-made HTML in a generated page's Markdown (the review-status table: a row per entry)
is set aside before Markdown converts the page and put back after; a template marks it with
`OPEN` and `CLOSE`. Python-Markdown would parse
every tag of an HTML block only to pass it through: at 10,000 rows, two seconds of each build,
and of each preview rebuild that adds a term."""

from __future__ import annotations

import re

OPEN, CLOSE = "<!-- termweave:html -->", "<!-- /termweave:html -->"
_BLOCK = re.compile(re.escape(OPEN) + r"\n?(.*?)\n?" + re.escape(CLOSE), re.DOTALL)
_MARK = "<!-- termweave:html {} -->"
_MARKS = re.compile(r"<!-- termweave:html (\d+) -->")


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a short comment, and the blocks."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return _MARK.format(len(blocks) - 1)

    return _BLOCK.sub(keep, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each block where its comment is."""
    if not blocks:
        return html
    return _MARKS.sub(lambda match: blocks[int(match.group(1))], html)
