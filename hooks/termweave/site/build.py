"""Per-build state and the work behind each MkDocs event. A new BuildState is made by every
`on_config`, so nothing survives between `mkdocs serve` rebuilds."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from termweave.links.autolink import Linker
from termweave.demos import DEMO_IDS
from termweave.pages.earlyaccess import STATUS, STATUS_TITLE, insert_note
from termweave.pages.export import GLOSSARY_JSON, glossary_json, page_jsonld
from termweave.pages.learning import PendingPage
from termweave.links.linking import Mentions
from termweave.pages.generated import (
    EARLY_ACCESS_SRC,
    INDEX_SRC,
    category_page,
    category_src,
    early_access_page,
    glossary_index,
    lesson_terms_section,
    letter_groups,
    letter_page,
    letter_src,
    level_lessons_section,
    term_page,
    term_src,
)
from termweave.links.planning import PlannedPage
from termweave.source.problems import Problem, Severity, format_report
from termweave.source.registry import Registry, load_registry
from termweave.pages.render import make_environment
from termweave.pages.review import REVIEW_STATUS_SRC, review_status_markdown
from termweave.search.build import SearchBuild
from termweave.source.settings import Settings, load_settings
from termweave.site.timing import PhaseTimer

ASSETS = Path(__file__).parent / "assets"
THEME_OVERRIDES = Path(__file__).parent / "overrides"
ASSET_URI = "assets/termweave"


class ContentError(Exception):
    """The glossary or content has mistakes; the message lists every one with file:line."""


@dataclass
class BuildState:
    settings: Settings
    full_registry: Registry
    registry: Registry  # what this build publishes (early access removed when hidden)
    docs_dir: Path
    glossary_dir: Path
    env: Environment
    warnings: list[Problem] = field(default_factory=list)
    early_urls: set[str] = field(default_factory=set)
    hidden_urls: set[str] = field(default_factory=set)
    timer: PhaseTimer = field(default_factory=PhaseTimer)
    linker: Linker = field(default_factory=lambda: Linker(()))
    mentions: Mentions = field(default_factory=Mentions)
    # page URL -> its plan, previews and the HTML it was made from: on_page_content to
    # on_page_context
    link_plans: dict[str, PlannedPage] = field(default_factory=dict)
    docs_display: str = "content"
    demo_pages: set[str] = field(default_factory=set)
    demo_problems: list[str] = field(default_factory=list)
    learning_pages: dict[str, PendingPage] = field(default_factory=dict)  # URL -> its blocks
    page_urls: dict[str, str] = field(default_factory=dict)  # src_uri -> URL, from on_files
    site_url: str = ""  # mkdocs.yml's (or TERMWEAVE_SITE_URL's), from on_files
    site_name: str = ""
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # src_uri -> page
    # src_uri -> a generated page's Markdown that the preview kept from its last build and
    # knows to be unchanged: used instead of rendering the page again
    kept_markdown: dict[str, str] = field(default_factory=dict)
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls, from on_config
    html_blocks: dict[str, list[str]] = field(default_factory=dict)  # URL -> HTML set aside
    search: SearchBuild = field(default_factory=lambda: SearchBuild("en", serving=False))

    @property
    def hidden_paths(self) -> set[str]:
        """Source paths under docs_dir that this build leaves out."""
        if not self.settings.hide_early_access:
            return set()
        lessons = self.full_registry.lessons.values()
        hidden = {lesson.path for lesson in lessons if lesson.early_access}
        hidden |= {level.path for level in self.full_registry.levels if level.early_access}
        hidden |= {term_src(slug) for slug, t in self.full_registry.terms.items() if t.early_access}
        return hidden

    def term_for_src(self, src_uri: str) -> str | None:
        if not src_uri.startswith("glossary/") or src_uri.count("/") != 1:
            return None
        slug = posixpath.splitext(posixpath.basename(src_uri))[0]
        return slug if slug in self.registry.terms else None


def create_state(
    config_file: Path,
    docs_dir: Path,
    extra: dict[str, Any],
    environ: dict[str, str] | None = None,
    today: date | None = None,
) -> BuildState:
    """Load settings and registry; raise ContentError listing every problem at once."""
    settings = load_settings(extra, environ)
    root = config_file.parent
    glossary_dir = (root / settings.glossary_dir).resolve()
    if not glossary_dir.is_dir():
        raise ContentError(
            f"glossary folder not found: {glossary_dir} (extra.termweave.glossary_dir)"
        )
    timer = PhaseTimer()
    with timer.phase("load_validate"):
        registry = _load(config_file, docs_dir, glossary_dir, today)
    errors = [p for p in registry.problems if p.severity is Severity.ERROR]
    if errors:
        raise ContentError(format_report(errors))
    public = registry.without_early_access() if settings.hide_early_access else registry
    return BuildState(
        settings=settings,
        full_registry=registry,
        registry=public,
        docs_dir=docs_dir,
        glossary_dir=glossary_dir,
        env=make_environment(),
        warnings=[p for p in registry.problems if p.severity is Severity.WARNING],
        timer=timer,
        docs_display=_display(docs_dir, config_file.parent),
    )


def _load(
    config_file: Path, docs_dir: Path, glossary_dir: Path, today: date | None
) -> Registry:
    root = config_file.parent
    return load_registry(
        glossary_dir,
        docs_dir,
        today=today,
        glossary_display=_display(glossary_dir, root),
        content_display=_display(docs_dir, root),
        demo_ids=DEMO_IDS,
    )


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def derived_nav(state: BuildState, top_level_pages: list[str]) -> list[Any]:
    """Home, each level with its lessons in order (a module's lessons nested under its name),
    the glossary index and categories; never the term pages. Material renders every visible nav
    item on every page, so a flat list of all terms, or of a long level's lessons, would make
    the build quadratic; with `navigation.prune` a nested module shows only on its own pages."""
    registry = state.registry
    nav: list[Any] = []
    if "index.md" in top_level_pages:
        nav.append({"Home": "index.md"})
    for level in registry.levels:
        items: list[Any] = [level.path]
        for module, lessons in level.grouped_lessons():
            paths = [lesson.path for lesson in lessons]
            items.extend(paths if not module else [{module: paths}])
        nav.append({level.title: items})
    categories = sorted(registry.categories.values(), key=lambda c: c.name.casefold())
    used = {t.category for t in registry.terms.values()}
    nav.append({"Glossary": [INDEX_SRC, *(category_src(c) for c in categories if c.name in used)]})
    if has_early_access(registry):
        nav.append({"Early access": EARLY_ACCESS_SRC})
    nav.extend(p for p in sorted(top_level_pages) if p not in ("index.md", EARLY_ACCESS_SRC))
    return nav


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    inclusion: str  # "nav", "not_in_nav" or "excluded" (left out of this build)
    render: Callable[[], str] = field(repr=False, compare=False)  # its Markdown


def generated_markdown(state: BuildState, page: GeneratedPage) -> str:
    """The page's Markdown, set in its `File` at on_files (so every plugin sees it): as the
    preview kept it when unchanged, else rendered."""
    kept = state.kept_markdown.get(page.src_uri)
    return page.render() if kept is None else kept


def generated_pages(state: BuildState) -> list[GeneratedPage]:
    """Every page made from the registry, in the order MkDocs will read them, each with what
    renders it (`generated_markdown`). Early-access terms of a hiding build are still made, as
    empty excluded files, so that links to them resolve quietly and can be unwrapped."""
    registry, env = state.registry, state.env
    pages = [
        GeneratedPage(
            term_src(t.slug),
            "not_in_nav",
            partial(term_page, env, registry, t, state.directory_urls),
        )
        for t in registry.terms.values()
    ]
    hidden_terms = set(state.full_registry.terms) - set(registry.terms)
    empty: Callable[[], str] = str  # an excluded page's Markdown: ''
    pages.extend(GeneratedPage(term_src(s), "excluded", empty) for s in sorted(hidden_terms))
    groups = letter_groups(registry)
    pages.append(GeneratedPage(INDEX_SRC, "nav", partial(glossary_index, env, registry, groups)))
    pages.extend(
        GeneratedPage(letter_src(label), "not_in_nav", partial(letter_page, env, groups, label))
        for label, terms in groups.items()
        if terms
    )
    used = {t.category for t in registry.terms.values()}
    for category in registry.categories.values():
        if category.name in used:
            render = partial(category_page, env, registry, category)
            pages.append(GeneratedPage(category_src(category), "nav", render))
    if has_early_access(registry):
        render = partial(early_access_page, env, registry)
        pages.append(GeneratedPage(EARLY_ACCESS_SRC, "nav", render))
    period = state.settings.review_period_months
    render = partial(
        review_status_markdown, env, registry, date.today(), period, state.directory_urls
    )
    pages.append(GeneratedPage(REVIEW_STATUS_SRC, "not_in_nav", render))
    return pages


def keep_plan(state: BuildState, planned: PlannedPage) -> None:
    """A page's plan, kept until the page is written; its mentions noted for the back-links in
    the order the pages are read."""
    state.mentions.record(planned.plan, planned.link)
    state.link_plans[planned.link.url] = planned


def export_text(state: BuildState, key: str) -> str:
    """The JSON-LD of the page at source path `key` ('' for most pages), or for the key
    GLOSSARY_JSON the text of glossary.json."""
    url_of = state.page_urls.__getitem__
    if key == GLOSSARY_JSON:
        return glossary_json(state.registry, state.site_url, url_of)
    return page_jsonld(key, state.registry, state.site_url, state.site_name, url_of)


def has_early_access(registry: Registry) -> bool:
    return any(t.early_access for t in registry.terms.values()) or any(
        lesson.early_access for lesson in registry.lessons.values()
    )


def term_edit_uri(state: BuildState, slug: str) -> str:
    """The YAML file's path relative to docs_dir, so the edit button opens the entry."""
    folder = _relative_folder(state.glossary_dir, state.docs_dir)
    return f"{slug}.yml" if folder == "." else f"{folder}/{slug}.yml"


@lru_cache(maxsize=8)
def _relative_folder(folder: Path, docs_dir: Path) -> str:
    """Worked out once per build, not per entry (5,000 paths made and compared cost 0.1 s)."""
    return posixpath.relpath(folder.as_posix(), docs_dir.as_posix())


def page_markdown(
    state: BuildState, src_uri: str, markdown: str, meta: MutableMapping[str, Any]
) -> str:
    """Authored pages get their extras: a level's lessons, a lesson's terms, early-access marks."""
    registry = state.registry
    level = next((lv for lv in registry.levels if lv.path == src_uri), None)
    lesson = registry.lessons.get(src_uri)
    if level is not None:
        markdown += level_lessons_section(state.env, level)
    elif lesson is not None:
        markdown += lesson_terms_section(state.env, registry, src_uri)
    early = (level is not None and level.early_access) or (
        lesson is not None and lesson.early_access
    )
    slug = state.term_for_src(src_uri)
    if early or (slug is not None and registry.terms[slug].early_access):
        meta.setdefault("status", STATUS)
    if early:
        markdown = insert_note(markdown, "level" if level is not None else "lesson")
    return markdown


def _early_slugs(registry: Registry) -> set[str]:
    return {slug for slug, term in registry.terms.items() if term.early_access}


def early_access_urls(state: BuildState, url_of: dict[str, str]) -> set[str]:
    """URLs of this build's early-access pages (for the search-result marks)."""
    registry = state.registry
    srcs = {term_src(slug) for slug in _early_slugs(registry)}
    srcs |= {lesson.path for lesson in registry.lessons.values() if lesson.early_access}
    srcs |= {level.path for level in registry.levels if level.early_access}
    return {url_of[src] for src in srcs if src in url_of}


def announcement_context(state: BuildState, page_exists: Callable[[str], bool]) -> dict[str, str]:
    """The announcement bar's text and link; a relative link to a page this build left out is
    dropped rather than left dangling."""
    announcement = state.settings.announcement
    href = announcement.link
    if href and "://" not in href and not page_exists(href):
        href = ""
    return {"text": announcement.text, "href": href, "link_text": announcement.link_text}


def asset_files() -> list[tuple[str, Path]]:
    """(site URI, source file) of the CSS and JS every page loads (.mjs: an ES module)."""
    return [
        (f"{ASSET_URI}/{p.name}", p)
        for p in sorted(ASSETS.glob("*"))
        if p.suffix in (".css", ".js", ".mjs")
    ]


def add_assets(extra_css: list[Any], extra_javascript: list[Any]) -> None:
    """Our CSS and scripts in the theme's lists, modules as `type="module"`."""
    scripts = {str(script) for script in extra_javascript}
    for uri, _ in asset_files():
        if uri.endswith(".css"):
            if uri not in extra_css:
                extra_css.append(uri)
        elif uri not in scripts:
            extra_javascript.append(_script(uri))


def _script(uri: str) -> Any:
    if not uri.endswith(".mjs"):
        return uri
    from mkdocs.config.config_options import ExtraScriptValue

    script = ExtraScriptValue()
    script.path, script.type = uri, "module"
    return script


SEARCH_PLUGINS = ("material/search", "search")


def disable_search_plugin(plugins: MutableMapping[str, Any]) -> list[str]:
    """Material's search plugin (on by default in MkDocs) turned off with its own `enabled`
    option: our search (Pagefind) replaces it, and it would parse every page again for an index
    no page loads. Returns the names turned off."""
    off = []
    for name in SEARCH_PLUGINS:
        plugin = plugins.get(name)
        settings = getattr(plugin, "config", None)
        if settings is not None and getattr(settings, "enabled", False):
            settings.enabled = False
            off.append(name)
    return off


def search_build(theme: Any, serving: bool) -> SearchBuild:
    """This build's search: the site's language for Pagefind's word rules."""
    language = theme.get("language") if hasattr(theme, "get") else None
    return SearchBuild(str(language or "en"), serving=serving)


def configure_theme(theme: Any, extra: MutableMapping[str, Any], state: BuildState) -> None:
    """Material settings the features rely on: our template overrides after the project's own
    custom_dir, the 'early' page status, and a dismissible announcement bar."""
    dirs: list[str] = theme.dirs
    override = str(THEME_OVERRIDES)
    if override not in dirs:
        dirs.insert(1 if theme.custom_dir else 0, override)
    extra.setdefault("status", {}).setdefault(STATUS, STATUS_TITLE)
    features: list[str] = theme.setdefault("features", [])
    if state.settings.announcement.text and "announce.dismiss" not in features:
        features.append("announce.dismiss")
