"""What each page shows of the others: the navigation (titles, URLs, nesting, the previous and
next pages, and the icon, status and subtitle of each). A page whose view of it changed is
written again.

Under Material's `navigation.prune` a page shows the top level, the sections that lead to it
(with everything they hold) and, for every other section, its title and the first page it
leads to; a lesson retitled or moved then changes the pages of its own section and its
neighbours, not all 5,000. With any other theme or navigation features every page is taken to
show all of the navigation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

Outline = tuple[Any, ...]
NAV_META = ("icon", "status", "subtitle")  # what Material's navigation shows of a page's meta
# Features that render sections that do not lead to the page: then every page shows them all
EXPANDING = ("navigation.expand", "navigation.sections")


def nav_outline(nav: Navigation) -> Outline:
    return _items(nav.items)


def shows_pruned_navigation(config: MkDocsConfig) -> bool:
    """Whether each page shows only its own part of the navigation (Material's prune)."""
    features = config.theme.get("features") or []
    return (
        config.theme.name == "material"
        and "navigation.prune" in features
        and not any(feature in features for feature in EXPANDING)
    )


def page_views(
    nav: Navigation, pages: Iterable[tuple[str, Page | None]], pruned: bool
) -> dict[str, Outline]:
    """src_uri -> what that page shows of the navigation (`pruned`: Material's prune)."""
    if not pruned:
        whole = (nav_outline(nav),)
        return {src_uri: whole for src_uri, _ in pages}
    by_chain: dict[tuple[int, ...], Outline] = {}
    views: dict[str, Outline] = {}
    for src_uri, page in pages:
        sections = page.ancestors if page is not None else []
        chain = tuple(id(section) for section in sections)
        shown = by_chain.get(chain)
        if shown is None:
            shown = by_chain[chain] = _pruned(nav.items, set(chain))
        neighbours = (_entry(page.previous_page), _entry(page.next_page)) if page else ()
        views[src_uri] = (shown, neighbours)
    return views


def _pruned(items: Sequence[Any], open_sections: set[int]) -> Outline:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section) and id(item) in open_sections:
            out.append(("section", item.title, _pruned(item.children, open_sections)))
        elif isinstance(item, Section):  # its title, linking to the first page it leads to
            out.append(("closed", item.title, _leads_to(_first(item))))
        else:
            out.append(_entry(item))
    return tuple(out)


def _first(section: Section) -> Any:
    """The first page or link a closed section leads to."""
    item: Any = section
    while isinstance(item, Section):
        if not item.children:
            return None
        item = item.children[0]
    return item


def _leads_to(item: Any) -> Any:
    """What a closed section or a tab shows of its first page: its URL and, as an index page,
    its icon (Material's `render_pruned` and tabs), not its title."""
    if isinstance(item, Page):
        return ("page", item.url, item.is_index, repr(item.meta.get("icon")))
    return _entry(item)


def _entry(item: Any) -> Any:
    if item is None:
        return None
    if isinstance(item, Page):
        shown = tuple(repr(item.meta.get(key)) for key in NAV_META)
        return ("page", item.title, item.url, item.is_homepage, shown)
    if isinstance(item, Link):
        return ("link", item.title, item.url)
    return ("other", repr(item))


def _items(items: Iterable[Any]) -> Outline:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append(("section", item.title, _items(item.children)))
        else:
            out.append(_entry(item))
    return tuple(out)
