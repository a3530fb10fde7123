"""MkDocs hooks: events only. Each hands its work to the `termweave` package beside this file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from termweave import build
from termweave.settings import SettingsError

log = get_plugin_logger("termweave")
_state: build.BuildState | None = None


def _current() -> build.BuildState:
    if _state is None:
        raise PluginError("termweave: on_config did not run")
    return _state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    docs_dir = Path(config.docs_dir)
    try:
        _state = build.create_state(Path(config.config_file_path), docs_dir, dict(config.extra))
    except (build.ContentError, SettingsError) as error:
        _state = None
        raise PluginError(str(error)) from None
    for problem in _state.warnings:
        log.warning(str(problem))
    if not config.nav:
        top = sorted(p.name for p in docs_dir.glob("*.md"))
        config.nav = build.derived_nav(_state, top)
    for uri, _ in build.asset_files():
        target = config.extra_css if uri.endswith(".css") else config.extra_javascript
        if uri not in target:
            target.append(uri)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _current()
    for src_uri in state.hidden_paths:
        hidden = files.get_file_from_path(src_uri)
        if hidden is not None:
            files.remove(hidden)
    for src_uri, (markdown, in_nav) in build.generated_pages(state).items():
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=markdown, inclusion=inclusion)
        slug = state.term_for_src(src_uri)
        if slug is not None:
            file.edit_uri = build.term_edit_uri(state, slug)
        files.append(file)
    for uri, path in build.asset_files():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown + build.page_markdown_extras(_current(), page.file.src_uri)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    global _state
    _state = None
