"""What every page shows of the others: the navigation (titles, URLs, nesting and so the
previous and next pages, and the icon, status and subtitle of each). When it changes, every
page is written again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

Outline = tuple[Any, ...]
NAV_META = ("icon", "status", "subtitle")  # what Material's navigation shows of a page's meta


def nav_outline(nav: Navigation) -> Outline:
    return _items(nav.items)


def _items(items: Iterable[Any]) -> Outline:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append(("section", item.title, _items(item.children)))
        elif isinstance(item, Page):
            shown = tuple(repr(item.meta.get(key)) for key in NAV_META)
            out.append(("page", item.title, item.url, item.is_homepage, shown))
        elif isinstance(item, Link):
            out.append(("link", item.title, item.url))
        else:
            out.append(("other", repr(item)))
    return tuple(out)
