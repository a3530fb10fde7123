"""Cross-linking for one build: the linker built once from the public registry, and the
mentions collected on every page for the term pages' "Mentioned in" sections."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from termweave.links.autolink import Linker, LinkPlan, LinkTarget
from termweave.links.backlinks import BackLink, backlinks_html
from termweave.pages.generated import BACKLINKS_PLACEHOLDER, term_src
from termweave.source.registry import Registry

GLOSSARY_GROUP = ("Glossary", 10_000.0)
OTHER_GROUP = ("Other pages", 20_000.0)


def make_linker(
    registry: Registry, url_of: Callable[[str], str | None], *, link_all: bool
) -> Linker:
    """One matcher for every public, auto-linkable term (built once per build)."""
    targets = []
    for term in registry.terms_sorted():
        url = url_of(term_src(term.slug))
        if term.autolink and url is not None:
            targets.append(LinkTarget(term.slug, term.names, url, term.term, term.summary))
    return Linker(targets, link_all=link_all)


def insert_anchors(
    linker: Linker,
    planned: tuple[str, LinkPlan] | None,
    content: str,
    page_url: str,
    self_slug: str | None,
) -> str:
    """The page's content with the anchors planned in `on_page_content` (`planned`: the HTML
    the plan was made from, and the plan). Material's search plugin has read the page by now,
    without our anchors. Should anything have changed the content since, the page is linked
    again from scratch rather than with stale offsets."""
    if planned is None:
        return content
    source, plan = planned
    if content == source:
        return plan.apply(content)
    return linker.link_html(content, page_url=page_url, self_slug=self_slug).html


def page_backlink(
    registry: Registry,
    src_uri: str,
    term_slug: str | None,
    *,
    url: str,
    title: str,
    early_access: bool,
) -> BackLink:
    """The entry a page gets in the back-links of the terms it mentions."""
    group, order = page_group(registry, src_uri, term_slug)
    return BackLink(title=title, url=url, group=group, order=order, early_access=early_access)


def page_group(registry: Registry, src_uri: str, term_slug: str | None) -> tuple[str, float]:
    """Back-links are grouped by level in the levels' order; term pages and others follow."""
    lesson = registry.lessons.get(src_uri)
    level_slug = lesson.level if lesson else None
    level = next((lv for lv in registry.levels if lv.path == src_uri), None)
    if level is None and level_slug is not None:
        level = registry.level(level_slug)
    if level is not None:
        return level.title, float(level.order)
    return GLOSSARY_GROUP if term_slug else OTHER_GROUP


@dataclass
class Mentions:
    """Which pages mention which terms; filled in one pass, read when term pages are written.
    Each page's mentions are noted as they come and filed by term when a section is first
    asked for, once every page has been read."""

    by_term: dict[str, dict[str, BackLink]] = field(default_factory=dict)
    _unfiled: list[tuple[tuple[str, ...], BackLink]] = field(default_factory=list)

    def record(self, result: LinkPlan, link: BackLink) -> None:
        """The page `link` points to mentions `result.mentioned`."""
        self._unfiled.append((result.mentioned, link))

    def section(self, slug: str, page_url: str) -> str:
        """The term page's "Mentioned in" section ('' when no other page mentions it)."""
        self._file()
        links: Mapping[str, BackLink] = self.by_term.get(slug, {})
        return backlinks_html(links.values(), page_url=page_url)

    def _file(self) -> None:
        """The noted mentions filed by term, in the order they were recorded."""
        by_term = self.by_term
        for mentioned, link in self._unfiled:
            for slug in mentioned:
                by_term.setdefault(slug, {})[link.url] = link
        self._unfiled.clear()


def fill_backlinks(content: str, section: Callable[[], str]) -> str:
    """The term page's content with its placeholder replaced by `section()` (maybe '')."""
    if BACKLINKS_PLACEHOLDER not in content:
        return content
    return content.replace(BACKLINKS_PLACEHOLDER, section())
