"""Early access: the badge and note on its own pages, and removing every trace when hidden."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection
from pathlib import Path
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
MARK = "(early access)"  # after the title of an early-access page in search results
_MARK_BYTES = MARK.encode()
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # unrolled: a run of plain characters per step
_DOC_START = re.compile(  # over the index's bytes: UTF-8 never hides a quote in a character
    rf'\{{"location":(?P<location>{_JSON_STRING}),"title":(?P<title>{_JSON_STRING})'.encode()
)


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


def mark_search_index(index_path: Path, early_urls: Collection[str]) -> int:
    """Add ' (early access)' to the page-level search results of early-access pages (their
    sections are grouped under it); returns how many were marked."""
    if not index_path.is_file() or not early_urls:
        return 0
    data = index_path.read_bytes()
    marks = _mark_positions(data, early_urls)
    if marks is not None:
        if marks:
            _write_marked(index_path, data, marks)
        return len(marks)
    # not laid out as Material writes it: decode and encode it all
    index = json.loads(data)
    marked = 0
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        if location in early_urls and MARK not in doc.get("title", ""):
            doc["title"] = f"{doc['title']} {MARK}"
            marked += 1
    if marked:
        index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return marked


def _mark_positions(data: bytes, early_urls: Collection[str]) -> list[int] | None:
    """Where in the index a mark goes (before the closing quote of each early-access page's
    title), when every document starts with its location and title, as Material writes
    them: decoding and encoding the whole index again cost more than the rest of our work at
    the end of a build. None when the index is laid out otherwise."""
    marks: list[int] = []
    found = 0
    for doc in _DOC_START.finditer(data):
        found += 1
        spelled = doc.group("location")  # decoded only when escaped: most locations are not
        location = json.loads(spelled) if b"\\" in spelled else spelled[1:-1].decode()
        if location in early_urls and _MARK_BYTES not in doc.group("title"):
            marks.append(doc.end("title") - 1)
    if found != data.count(b'"location":'):  # a key: in a value its quotes are escaped
        return None
    return marks


def _write_marked(index_path: Path, data: bytes, marks: list[int]) -> None:
    """The index written again with the marks, from views of the bytes read: no copy of the
    index is made. The search index is the largest file of a build (about 40 MB at 10,000
    terms), and this step came at the build's peak of memory when it made two."""
    partial = index_path.with_name(index_path.name + ".part")
    view = memoryview(data)
    with partial.open("wb") as out:
        cursor = 0
        for mark in marks:
            out.write(view[cursor:mark])
            out.write(b" " + _MARK_BYTES)
            cursor = mark
        out.write(view[cursor:])
    partial.replace(index_path)
