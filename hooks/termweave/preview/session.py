"""The preview: one object holding all that outlives a `make serve` rebuild, and the rebuild.

A rebuild is MkDocs' own build, step by step (`mkdocs.commands.build`): configuration, files,
navigation, every page read, `on_env`, every page written, with every plugin event. What the
preview changes: a page whose source is the same as last time is given what the last build
read of it (`kept`) instead of being read again, and a page whose output cannot have changed is
not written again. The rules (`changes`) say which pages can have changed; the equality test
against clean builds is their judge. The first build of a Preview reads and writes everything.

The Preview is made by the serve command and dropped (a new one makes a full build) whenever
something it does not track changes: `mkdocs.yml`, the environment, today's date (`Fingerprint`).
A failed rebuild changes nothing that is kept, and leaves the last good site in place."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from termweave.links.autolink import Linker, LinkTarget
from termweave.links.backlinks import BackLink
from termweave.links.linking import page_backlink
from termweave.links.planning import PlannedPage, plan_page
from termweave.pages.earlyaccess import STATUS
from termweave.pages.generated import INDEX_SRC
from termweave.preview import outputs
from termweave.preview.changes import registry_changes, target_changes
from termweave.preview.kept import KeptPage, capture, restore
from termweave.preview.outline import Outline, page_views, shows_pruned_navigation
from termweave.search.names import NAMES_DIR, SEARCH_DIR
from termweave.site.build import BuildState, keep_plan, page_markdown
from termweave.source.registry import ENTRY_CACHE, EntryCache, Registry

log = logging.getLogger("mkdocs.termweave.preview")
StateOf = Callable[[MkDocsConfig], BuildState]


@dataclass
class Timings:
    """Seconds per phase of the last rebuild, and how many pages were read and written."""

    phases: dict[str, float] = field(default_factory=dict)
    read: int = 0
    written: int = 0
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self._start
        self._start = now

    def summary(self) -> str:
        parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.phases.items())
        total = sum(self.phases.values())
        return f"{self.read} read, {self.written} written in {total:.2f} s ({parts})"


@dataclass
class _Last:
    """What the last good build left: its products and what they were made from."""

    registry: Registry
    targets: dict[str, LinkTarget]
    linker: Linker
    pages: dict[str, KeptPage]  # src_uri -> the page as read
    destinations: dict[str, str]  # src_uri -> the file written for it
    by_term: dict[str, dict[str, BackLink]]
    shared: object  # what every page shows: the announcement, the pages left out
    views: dict[str, Outline]  # src_uri -> what the page shows of the navigation
    index_jsonld: str
    documents: dict[str, str]  # URL -> the page as the search index reads it
    names: tuple[object, ...]  # what the search's names files are made of
    generated: frozenset[str]  # source paths of the generated pages


class Preview:
    """All that the preview keeps between rebuilds, for one site folder."""

    def __init__(self, site_dir: Path, state_of: StateOf) -> None:
        self.site_dir = site_dir
        self.state_of = state_of  # this build's BuildState (the hooks own it)
        self._last: _Last | None = None
        self._env: jinja2.Environment | None = None
        self._entries: EntryCache = {}  # each entry file as last loaded
        self._writing = False  # the build has started writing the site
        self.timings = Timings()

    @property
    def built(self) -> bool:
        return self._last is not None

    def documents(self) -> list[tuple[str, str]]:
        """What the search index of the last good build is made from: (URL, document)."""
        return [] if self._last is None else list(self._last.documents.items())

    def build(self, config: MkDocsConfig) -> Timings:
        """Build into `site_dir` (the first time everything); raise on any error, keeping what
        the last good build left."""
        self.timings = timings = Timings()
        last = self._last
        config.site_dir = str(self.site_dir)
        token = ENTRY_CACHE.set(self._entries)  # unchanged entries are not parsed again
        try:
            self._last = self._build(config, last, timings)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            if self._writing:  # the site is part old, part new: the next build is a full one
                self._last = None
            raise
        finally:
            self._writing = False
            ENTRY_CACHE.reset(token)
        return timings

    def _build(self, config: MkDocsConfig, last: _Last | None, timings: Timings) -> _Last:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        state = self.state_of(config)
        if last is None:
            clean_directory(config.site_dir)
        else:
            state.kept_markdown = _kept_markdown(state, last)
        timings.lap("config")
        files = get_files(config)
        # The theme's templates, compiled once: the settings they depend on are the Preview's
        env = self._env = self._env or config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        timings.lap("files")
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages, read = self._read(config, files, doc_files, state, last, timings)
        env = config.plugins.on_env(env, config=config, files=files)
        timings.lap("plans")
        for src_uri, planned in outputs.plans(state, doc_files).items():
            pages[src_uri] = pages[src_uri].with_plan(planned)
        by_term = outputs.by_term(pages.values())
        shared = (env.globals.get("termweave_announcement"), state.hidden_urls)
        pruned = shows_pruned_navigation(config)
        views = page_views(nav, ((f.src_uri, f.page) for f in doc_files), pruned)
        index_jsonld = outputs.index_jsonld(state)
        if last is None or shared != last.shared:
            write = {f.src_uri for f in doc_files}
        else:
            write = read | _changed_output(state, pages, last, by_term)
            write |= {src for src, view in views.items() if view != last.views.get(src)}
            if index_jsonld != last.index_jsonld:
                write.add(INDEX_SRC)
        timings.lap("changes")
        self._writing = True
        files.copy_static_files(dirty=last is not None, inclusion=InclusionLevel.is_included)
        self._write(config, files, doc_files, nav, env, write, read)
        before = {} if last is None else last.documents
        documents = outputs.documents(state, doc_files, write, before)
        state.search.documents = list(documents.items())  # the index is made of every page
        names = outputs.names_key(state.registry)
        state.search.names_kept = last is not None and names == last.names
        destinations = {f.src_uri: f.abs_dest_path for f in doc_files}
        if last is not None:
            outputs.remove_gone(last.destinations, destinations, self.site_dir)
        timings.written = len(write)
        timings.lap("write")
        config.plugins.on_post_build(config=config)
        outputs.remove_stale_shards(self.site_dir / SEARCH_DIR / NAMES_DIR)
        timings.lap("post_build")
        targets = dict(state.linker.targets)
        return _Last(
            state.registry,
            targets,
            state.linker,
            pages,
            destinations,
            by_term,
            shared,
            views,
            index_jsonld,
            documents,
            names,
            frozenset(state.generated),
        )

    def _read(
        self,
        config: MkDocsConfig,
        files: Files,
        doc_files: Sequence[File],
        state: BuildState,
        last: _Last | None,
        timings: Timings,
    ) -> tuple[dict[str, KeptPage], set[str]]:
        """Every page read, or given what the last build read of it; returns the pages and the
        source paths of those read."""
        targets = None if last is None else target_changes(last.targets, state.linker.targets)
        if last is not None and targets is not None and not targets.matching:
            if targets.cards:  # the same names: the automaton is the last one's
                state.linker.share_matcher(last.linker)
            else:  # the same targets: the last linker, its automaton built already
                state.linker = last.linker
        reread = set() if last is None else _touched_by_files(last, doc_files)
        timings.lap("changes")
        pages: dict[str, KeptPage] = {}
        read: set[str] = set()
        for file in doc_files:
            page = file.page if file.page is not None else Page(None, file, config)
            src_uri = file.src_uri
            old = None if last is None else last.pages.get(src_uri)
            source = file.content_string  # a generated page's: as on_files rendered or kept it
            if src_uri not in state.generated:
                source += "\0" + page_markdown(state, src_uri, "", {})
            if old is None or source != old.source or src_uri in reread:
                _populate_page(page, config, files)
                pages[src_uri] = capture(page, source, page.url in state.demo_pages)
                read.add(src_uri)
                continue
            restore(page, old)
            pages[src_uri] = old
            if old.uses_demos:
                state.demo_pages.add(page.url)
            if old.planned is None:
                continue
            link = _backlink(state, page, src_uri)
            slug = old.planned.slug
            assert targets is not None
            if targets.matching.intersection(old.planned.plan.mentioned) or targets.may_mention(
                old.content
            ):
                planned = plan_page(
                    state.linker, link, old.content, page_url=page.url, self_slug=slug
                )
            else:
                previews = old.planned.previews
                if targets.cards.intersection(old.planned.plan.linked):
                    previews = state.linker.previews_html(old.planned.plan.linked)
                planned = PlannedPage(link, slug, old.content, old.planned.plan, previews)
            keep_plan(state, planned)
        timings.read = len(read)
        timings.lap("read")
        return pages, read

    def _write(
        self,
        config: MkDocsConfig,
        files: Files,
        doc_files: Sequence[File],
        nav: Navigation,
        env: Any,
        write: set[str],
        read: set[str],
    ) -> None:
        """The theme's templates (sitemap, 404) always; the pages in `write`."""
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        for file in doc_files:
            if file.src_uri in write:
                assert file.page is not None
                _build_page(file.page, config, doc_files, nav, env)
        log_level = config.validation.links.anchors
        for file in doc_files:
            if file.src_uri in read and file.page is not None:
                file.page.validate_anchor_links(files=files, log_level=log_level)


def _is_term(state: BuildState, src_uri: str) -> bool:
    return state.term_for_src(src_uri) is not None


def _kept_markdown(state: BuildState, last: _Last) -> dict[str, str]:
    """The last build's generated pages whose Markdown the registry's changes cannot reach:
    on_files takes them as they are instead of rendering them again."""
    changes = registry_changes(last.registry, state.registry)
    return {
        uri: last.pages[uri].source
        for uri in last.generated
        if uri in last.pages and not changes.remade(uri, _is_term(state, uri))
    }


def _touched_by_files(last: _Last, doc_files: Sequence[File]) -> set[str]:
    """Pages that may link to a page added or removed since: MkDocs converts a link to an
    existing page, and warns about (and keeps) one to a missing page."""
    now = {f.src_uri for f in doc_files}
    before = set(last.pages)
    stems = {uri.rsplit("/", 1)[-1].removesuffix(".md") for uri in now ^ before}
    if not stems:
        return set()
    return {uri for uri, kept in last.pages.items() if any(s in kept.markdown for s in stems)}


def _backlink(state: BuildState, page: Page, src_uri: str) -> BackLink:
    return page_backlink(
        state.registry,
        src_uri,
        state.term_for_src(src_uri),
        url=page.url,
        title=page.title or src_uri,
        early_access=page.meta.get("status") == STATUS,
    )


def _changed_output(
    state: BuildState, pages: dict[str, KeptPage], last: _Last, by_term: dict[str, Any]
) -> set[str]:
    """Pages not read again whose anchors, previews or back-links changed."""
    changed: set[str] = set()
    for src_uri, kept in pages.items():
        before = last.pages.get(src_uri)
        if before is None or before.planned != kept.planned:
            changed.add(src_uri)
        slug = state.term_for_src(src_uri)
        if slug is not None and by_term.get(slug) != last.by_term.get(slug):
            changed.add(src_uri)
    return changed
