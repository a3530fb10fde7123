"""MkDocs hooks: events only. Each hands its work to the `termweave` package beside this file.

Order within a build: on_config (load and validate everything, once) → on_files (generated pages
with their Markdown, the linker) → per page: on_page_markdown (extras, demos) → on_page_content
(where cross-links go, mentions) → on_env (all pages seen) → per page: on_page_context (the
anchors; back-links; previews) → on_post_page (JSON-LD in <head>; the article to the search
index, which Pagefind builds on another core meanwhile) → on_post_build (the search index and
names files, glossary.json, demo runtime, timings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from termweave import demos
from termweave.links import linking, planning
from termweave.pages import earlyaccess, export, generated, learning, rawhtml, render
from termweave.search import serve as searchserve
from termweave.search.indexer import IndexerError
from termweave.search.records import page_record
from termweave.site import build
from termweave.site.timing import EVENTS
from termweave.source.settings import SettingsError

log = get_plugin_logger("termweave")
_state: build.BuildState | None = None  # replaced by every on_config: nothing outlives a build
_INCLUSION = {
    "nav": InclusionLevel.INCLUDED,
    "not_in_nav": InclusionLevel.NOT_IN_NAV,
    "excluded": InclusionLevel.EXCLUDED,
}


def _current() -> build.BuildState:
    if _state is None:
        raise PluginError("termweave: on_config did not run")
    return _state


def on_startup(command: str, dirty: bool) -> None:
    """Once per process: under `mkdocs serve`, rebuilds index search in the background."""
    searchserve.set_serving(command == "serve")


def on_shutdown() -> None:
    searchserve.stop()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    docs_dir = Path(config.docs_dir)
    try:
        _state = build.create_state(Path(config.config_file_path), docs_dir, dict(config.extra))
        config.site_url = export.site_url_from_env(config.site_url)
    except (build.ContentError, SettingsError) as error:
        _state = None
        raise PluginError(str(error)) from None
    _state.directory_urls = config.use_directory_urls
    build.disable_search_plugin(config.plugins)
    _state.search = build.search_build(config.theme, searchserve.serving())
    for problem in _state.warnings:
        log.warning(str(problem))
    for text in _state.settings.warnings():
        log.warning(text)
    with _state.timer.phase(EVENTS):
        if not config.nav:
            top = sorted(p.name for p in docs_dir.glob("*.md"))
            config.nav = build.derived_nav(_state, top)
        build.add_assets(config.extra_css, config.extra_javascript)
        build.configure_theme(config.theme, config.extra, _state)
        glossary = str(_state.glossary_dir)
        if glossary not in config.watch:  # outside docs_dir: `mkdocs serve` must watch it too
            config.watch.append(glossary)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _current().search.serving:  # no index laid over the site while MkDocs empties it
        searchserve.reindexer().build_started()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _current()
    with state.timer.phase("render_pages"):
        pages = [(p, build.generated_markdown(state, p)) for p in build.generated_pages(state)]
    with state.timer.phase(EVENTS):
        _add_generated(files, config, state, pages)
    with state.timer.phase("crosslink"):
        state.linker = linking.make_linker(
            state.registry, _url_of(files), link_all=state.settings.link_all_mentions
        )
    return files


def _add_generated(
    files: Files,
    config: MkDocsConfig,
    state: build.BuildState,
    pages: list[tuple[build.GeneratedPage, str]],
) -> None:
    """Hidden pages excluded, generated pages (each with its Markdown) and our assets added,
    and the URLs noted."""
    hidden = state.hidden_paths
    for file in list(files):
        if file.src_uri in hidden:
            file.inclusion = InclusionLevel.EXCLUDED
    state.generated = {}
    for page, markdown in pages:
        state.generated[page.src_uri] = page
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        file = File.generated(
            config, page.src_uri, content=markdown, inclusion=_INCLUSION[page.inclusion]
        )
        slug = state.term_for_src(page.src_uri)
        if slug is not None:
            file.edit_uri = build.term_edit_uri(state, slug)
        files.append(file)
    for uri, path in build.asset_files():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    state.hidden_urls = {f.url for f in files if f.src_uri in hidden}
    state.page_urls = {f.src_uri: f.url for f in files}
    state.site_url, state.site_name = config.site_url or "", config.site_name


def _url_of(files: Files) -> Callable[[str], str | None]:
    excluded = (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT)

    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return None if file is None or file.inclusion in excluded else file.url

    return url_of


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _current()
    src_uri = page.file.src_uri
    with state.timer.phase("learning"):  # quizzes and term cards
        markdown, blocks = learning.expand(
            markdown,
            env=state.env,
            page_url=page.url,
            cards=generated.card_terms(state.registry, state.page_urls),
        )
    if blocks is not None:
        state.learning_pages[page.url] = blocks
    markdown, state.html_blocks[page.url] = rawhtml.set_aside(markdown)
    render.escape_page_meta(page.meta)  # before the search plugin and the theme print them
    with state.timer.phase("page_markdown"):
        markdown = build.page_markdown(state, src_uri, markdown, page.meta)
    with state.timer.phase("demos"):
        markdown, used, problems = demos.expand_demo_directives(
            markdown,
            source=f"{state.docs_display}/{src_uri}",
            pyodide_url=state.settings.pyodide_url,
            base_url=get_relative_url(".", page.url),
        )
    state.demo_problems.extend(problems)
    if used:
        state.demo_pages.add(page.url)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _current()
    src_uri = page.file.src_uri
    html = rawhtml.put_back(html, state.html_blocks.pop(page.url, []))
    blocks = state.learning_pages.pop(page.url, None)
    if blocks is not None:
        with state.timer.phase("learning"):
            try:
                html = learning.fill(html, blocks)
            except learning.FillError as error:
                raise PluginError(f"{state.docs_display}/{src_uri}: {error}") from None
    with state.timer.phase("early_access"):
        html = earlyaccess.unwrap_links(html, page.url, state.hidden_urls)
    slug = state.term_for_src(src_uri)
    if page.meta.get("autolink") is False:  # the page opts out: no links, no back-links
        return html
    link = linking.page_backlink(
        state.registry,
        src_uri,
        slug,
        url=page.url,
        title=render.plain_text(page.title or src_uri),
        early_access=page.meta.get("status") == earlyaccess.STATUS,
    )
    with state.timer.phase("crosslink"):  # its anchors go in at on_page_context
        planned = planning.plan_page(state.linker, link, html, page_url=page.url, self_slug=slug)
    with state.timer.phase("backlinks"):
        build.keep_plan(state, planned)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    state = _current()
    if state.demo_problems:
        raise PluginError("\n".join(["Demo problems:", *state.demo_problems]))
    with state.timer.phase(EVENTS):
        built = {f.url for f in files.documentation_pages()}
        state.early_urls = build.early_access_urls(state, state.page_urls)
        env.globals["termweave_announcement"] = build.announcement_context(
            state, lambda url: url.split("#")[0] in built
        )
    with state.timer.phase("search"):
        try:
            state.search.start()  # indexes on another core while the pages are written
        except IndexerError as error:
            raise PluginError(str(error)) from None
    return env


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    state = _current()
    slug = state.term_for_src(page.file.src_uri)
    if page.content is not None:
        with state.timer.phase("crosslink"):
            planned = state.link_plans.pop(page.url, None)
            page.content = linking.insert_anchors(
                state.linker,
                None if planned is None else (planned.html, planned.plan),
                page.content,
                page.url,
                slug,
            )
        with state.timer.phase("backlinks"):
            if slug is not None:
                page.content = linking.fill_backlinks(
                    page.content, lambda: state.mentions.section(slug, page.url)
                )
            if planned is not None:  # in the content: instant navigation swaps it with the page
                page.content += planned.previews
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Structured data goes in <head>: Material's instant navigation re-creates the scripts of
    the content as JavaScript, which a JSON-LD script there would break."""
    state = _current()
    with state.timer.phase("export"):
        extras = build.export_text(state, page.file.src_uri)
    end = output.find("</head>")
    if extras and end >= 0:
        output = f"{output[:end]}{extras}\n{output[end:]}"
    with state.timer.phase("search"):
        src_uri = page.file.src_uri
        early = page.url in state.early_urls
        record = page_record(state.registry, src_uri, state.term_for_src(src_uri), early)
        return state.search.page(output, page.url, record)


def on_build_error(error: Exception, **kwargs: Any) -> None:
    if _state is not None:
        _state.search.abort()
        if _state.search.serving:
            searchserve.reindexer().build_ended()


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    global _state
    state = _current()
    site_dir = Path(config.site_dir)
    with state.timer.phase("search"):  # Pagefind writes while the rest is done
        state.search.start_writing(site_dir)
    with state.timer.phase("export"):
        glossary_json = build.export_text(state, export.GLOSSARY_JSON)
        (site_dir / export.GLOSSARY_JSON).write_text(glossary_json, encoding="utf-8")
    if state.demo_pages:
        with state.timer.phase("demos"):
            try:
                demos.copy_runtime(config.site_dir, pyodide_url=state.settings.pyodide_url)
            except (demos.DemoRuntimeMissing, OSError) as error:
                raise PluginError(str(error)) from None
    with state.timer.phase("search_write"):  # what Pagefind still had to do: the floor
        try:
            peak = state.search.finish(site_dir, state.registry, state.page_urls.__getitem__)
        except IndexerError as error:
            raise PluginError(str(error)) from None
        finally:
            if state.search.serving:
                searchserve.reindexer().build_ended()
        state.timer.sizes["indexer_peak"] = peak
    state.timer.write()
    _state = None


def termweave_state() -> build.BuildState:
    """This build's state, for the preview (`termweave.preview`), which runs the events itself."""
    return _current()
