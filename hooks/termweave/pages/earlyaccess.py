"""Early access: the badge and note on its own pages, and removing every trace when hidden."""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from urllib.parse import urljoin, urlsplit

BADGE = '<span class="tw-badge tw-badge--early">Early access</span>'
NOTE = (
    f'<p class="tw-early-access-note" role="note">{BADGE} This {{what}} is in early access: '
    "its content may still change.</p>"
)
STATUS = "early"
STATUS_TITLE = "Early access"
_H1 = re.compile(r"^# .*$|^.+\n=+[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def note_html(what: str) -> str:
    return NOTE.format(what=html.escape(what))


def insert_note(markdown: str, what: str) -> str:
    """Put the early-access note right under the page's H1 (or at the top when the theme
    renders the title from front matter)."""
    note = note_html(what)
    first_fence = _FENCE.search(markdown)
    heading = _H1.search(markdown)
    if heading and (first_fence is None or heading.start() < first_fence.start()):
        end = heading.end()
        return f"{markdown[:end]}\n\n{note}\n{markdown[end:]}"
    return f"{note}\n\n{markdown}"


def resolve(page_url: str, href: str) -> str | None:
    """The site-root-relative path an href points to, or None for other hosts and schemes."""
    if href.startswith(("#", "mailto:", "javascript:")):
        return None
    parts = urlsplit(urljoin(f"http://site.invalid/{page_url}", href))
    if parts.netloc != "site.invalid":
        return None
    return parts.path.lstrip("/")


def unwrap_links(page_html: str, page_url: str, hidden_urls: Collection[str]) -> str:
    """Remove anchors that point to pages left out of this build, keeping their text."""
    if not hidden_urls:
        return page_html

    def replace(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href is None:
            return match.group(0)
        target = resolve(page_url, html.unescape(href.group(1) or href.group(2) or ""))
        if target is not None and _strip_index(target) in hidden_urls:
            return match.group(2)
        return match.group(0)

    return _ANCHOR.sub(replace, page_html)


def _strip_index(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path
