"""What every page shows of the others: the navigation (titles, URLs, nesting and so the
previous and next pages, each page's front matter). When it changes, every page is written again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

Outline = tuple[Any, ...]


def nav_outline(nav: Navigation) -> Outline:
    return _items(nav.items)


def _items(items: Iterable[Any]) -> Outline:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append(("section", item.title, _items(item.children)))
        elif isinstance(item, Page):
            meta = repr(sorted(item.meta.items()))  # the theme shows a page's status, icon...
            out.append(("page", item.title, item.url, item.is_homepage, meta))
        elif isinstance(item, Link):
            out.append(("link", item.title, item.url))
        else:
            out.append(("other", repr(item)))
    return tuple(out)
