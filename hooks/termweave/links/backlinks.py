"""The "Mentioned in" section of a term page: the pages whose prose mentions the term, grouped by
level in the levels' order, each page once, with links relative to the term page.

Mentions are collected while pages are linked (`LinkPlan.mentioned`), and the section can only
be written once every page has been seen: the caller fills the term page's placeholder late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from operator import attrgetter

from termweave.pages.earlyaccess import BADGE
from termweave.pages.relurls import RelativeUrls

HEADING = "Mentioned in"
EARLY_BADGE = f" {BADGE}"
HEADING_ID = "mentioned-in"


@dataclass(frozen=True, slots=True)
class BackLink:
    title: str  # the mentioning page's title
    url: str  # its site-root-relative URL (MkDocs page.url)
    group: str  # the level it belongs to, e.g. "Practitioner"; "" for pages outside levels
    order: float  # the level's order: groups are listed by it, then by name
    early_access: bool = False  # marked with the early-access badge
    # Worked out once per page, which is listed on the page of every term it mentions:
    sort_key: tuple[float, str, str, str] = field(init=False, compare=False, repr=False)
    item_end: str = field(init=False, compare=False, repr=False)  # its <li> after the href

    def __post_init__(self) -> None:
        key = (self.order, self.group.casefold(), self.title.casefold(), self.url)
        object.__setattr__(self, "sort_key", key)
        badge = EARLY_BADGE if self.early_access else ""
        object.__setattr__(self, "item_end", f'">{escape(self.title)}</a>{badge}</li>')


def backlinks_html(
    links: Iterable[BackLink],
    *,
    page_url: str,
    heading: str = HEADING,
    heading_id: str = HEADING_ID,
) -> str:
    """The section as HTML ('' when no other page mentions the term). A page listed twice
    keeps its first-sorting group; the page itself is never listed. Sorted once: by level
    order, level name, title and URL, so the groups and the pages within each come in order."""
    page = page_url.split("#")[0]
    unique: dict[str, BackLink] = {}
    for link in sorted(links, key=_SORT_KEY):
        if link.url.split("#")[0] != page:
            unique.setdefault(link.url, link)
    if not unique:
        return ""
    safe_id = escape(heading_id)
    lines = [
        f'<section class="tw-backlinks" data-pagefind-ignore aria-labelledby="{safe_id}">',
        f'<h2 id="{safe_id}">{escape(heading)}<a class="headerlink" href="#{safe_id}" '
        'title="Permanent link">¶</a></h2>',
    ]
    relative = RelativeUrls(page_url)
    group: tuple[float, str] | None = None
    for link in unique.values():
        if link.sort_key[:2] != group:
            if group is not None:
                lines.append("</ul>")
            group = link.sort_key[:2]
            if link.group:
                lines.append(f'<p class="tw-backlinks__group">{escape(link.group)}</p>')
            lines.append('<ul class="tw-backlinks__pages">')
        # the home page's URL is '': '../../', not '../..'
        lines.append(f'<li><a href="{escape(relative(link.url or "./"))}{link.item_end}')
    lines += ("</ul>", "</section>")
    return "\n".join(lines)


_SORT_KEY = attrgetter("sort_key")
