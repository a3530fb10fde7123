"""What the preview keeps of each page between rebuilds: what MkDocs read and converted (with
our on_page_markdown and on_page_content work done), and its link plan. A page whose source is
unchanged is given these instead of being read again."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mkdocs.structure.pages import Page

from termweave.links.planning import PlannedPage


@dataclass(slots=True)
class KeptPage:
    source: str  # what the page was made from: its file's text and our extras, or its Markdown
    markdown: str
    meta: dict[str, Any]
    content: str  # the HTML after on_page_content: what its links are planned on
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    uses_demos: bool
    planned: PlannedPage | None = None  # None: the page opts out of links

    def with_plan(self, planned: PlannedPage | None) -> KeptPage:
        return replace(self, planned=planned)


def capture(page: Page, source: str, uses_demos: bool) -> KeptPage:
    """A page just read and converted (before on_page_context changes its content or meta)."""
    assert page.markdown is not None and page.content is not None
    return KeptPage(
        source=source,
        markdown=page.markdown,
        meta=dict(page.meta),
        content=page.content,
        toc=page.toc,
        title_from_render=page._title_from_render,
        present_anchor_ids=page.present_anchor_ids,
        uses_demos=uses_demos,
    )


def restore(page: Page, kept: KeptPage) -> None:
    """A fresh page of this rebuild given what an earlier build read, as if read again."""
    page.markdown = kept.markdown
    page.meta = dict(kept.meta)
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title_from_render
    page.present_anchor_ids = kept.present_anchor_ids
