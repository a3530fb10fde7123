"""The "Mentioned in" section of a term page: the pages whose prose mentions the term, grouped by
level in the levels' order, each page once, with links relative to the term page.

Mentions are collected while pages are linked (`LinkPlan.mentioned`), and the section can only
be written once every page has been seen: the caller fills the term page's placeholder late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .earlyaccess import BADGE
from .relurls import RelativeUrls

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


def backlinks_html(
    links: Iterable[BackLink],
    *,
    page_url: str,
    heading: str = HEADING,
    heading_id: str = HEADING_ID,
) -> str:
    """The section as HTML ('' when no other page mentions the term). A page listed twice
    keeps its first-sorting group; the page itself is never listed."""
    unique: dict[str, BackLink] = {}
    for link in sorted(links, key=_sort_key):
        if _same_page(link.url, page_url):
            continue
        unique.setdefault(link.url, link)
    if not unique:
        return ""
    groups: dict[tuple[float, str, str], list[BackLink]] = {}
    for link in unique.values():
        groups.setdefault((link.order, link.group.casefold(), link.group), []).append(link)
    safe_id = escape(heading_id)
    lines = [
        f'<section class="tw-backlinks" aria-labelledby="{safe_id}">',
        f'<h2 id="{safe_id}">{escape(heading)}<a class="headerlink" href="#{safe_id}" '
        'title="Permanent link">¶</a></h2>',
    ]
    relative = RelativeUrls(page_url)
    for (_, _, name), members in sorted(groups.items(), key=lambda item: item[0][:2]):
        if name:
            lines.append(f'<p class="tw-backlinks__group">{escape(name)}</p>')
        lines.append('<ul class="tw-backlinks__pages">')
        for link in sorted(members, key=lambda x: (x.title.casefold(), x.url)):
            href = escape(relative(link.url or "./"))  # home: '../../', not '../..'
            badge = EARLY_BADGE if link.early_access else ""
            lines.append(f'<li><a href="{href}">{escape(link.title)}</a>{badge}</li>')
        lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _sort_key(link: BackLink) -> tuple[float, str, str, str]:
    return (link.order, link.group.casefold(), link.title.casefold(), link.url)


def _same_page(url: str, page_url: str) -> bool:
    return url.split("#")[0] == page_url.split("#")[0]
