"""Per-build state and the work behind each MkDocs event. A new BuildState is made by every
`on_config`, so nothing survives between `mkdocs serve` rebuilds."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .pages import (
    INDEX_SRC,
    category_page,
    category_src,
    glossary_index,
    lesson_terms_section,
    level_lessons_section,
    term_page,
    term_src,
)
from .problems import Problem, Severity, format_report
from .registry import Registry, load_registry
from .render import make_environment
from .settings import Settings, load_settings

ASSETS = Path(__file__).parent / "assets"
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
    mentions: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def hidden_paths(self) -> set[str]:
        """Source paths under docs_dir that this build leaves out."""
        if not self.settings.hide_early_access:
            return set()
        lessons = self.full_registry.lessons.values()
        hidden = {lesson.path for lesson in lessons if lesson.early_access}
        hidden |= {level.path for level in self.full_registry.levels if level.early_access}
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
    registry = load_registry(
        glossary_dir,
        docs_dir,
        today=today,
        glossary_display=_display(glossary_dir, root),
        content_display=_display(docs_dir, root),
    )
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
    )


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def derived_nav(state: BuildState, top_level_pages: list[str]) -> list[Any]:
    """Home, each level with its lessons in order, the glossary index and categories; never
    the term pages (Material renders the whole nav on every page: quadratic)."""
    registry = state.registry
    nav: list[Any] = []
    if "index.md" in top_level_pages:
        nav.append({"Home": "index.md"})
    for level in registry.levels:
        nav.append({level.title: [level.path, *(lesson.path for lesson in level.lessons)]})
    categories = sorted(registry.categories.values(), key=lambda c: c.name.casefold())
    used = {t.category for t in registry.terms.values()}
    nav.append({"Glossary": [INDEX_SRC, *(category_src(c) for c in categories if c.name in used)]})
    nav.extend(p for p in sorted(top_level_pages) if p != "index.md")
    return nav


def generated_pages(state: BuildState) -> dict[str, tuple[str, bool]]:
    """src_uri -> (Markdown, in_nav) for every page made from the registry."""
    registry, env = state.registry, state.env
    pages: dict[str, tuple[str, bool]] = {
        term_src(t.slug): (term_page(env, registry, t), False) for t in registry.terms.values()
    }
    pages[INDEX_SRC] = (glossary_index(env, registry), True)
    used = {t.category for t in registry.terms.values()}
    for category in registry.categories.values():
        if category.name in used:
            pages[category_src(category)] = (category_page(env, registry, category), True)
    return pages


def term_edit_uri(state: BuildState, slug: str) -> str:
    """The YAML file's path relative to docs_dir, so the edit button opens the entry."""
    return posixpath.relpath(
        (state.glossary_dir / f"{slug}.yml").as_posix(), state.docs_dir.as_posix()
    )


def page_markdown_extras(state: BuildState, src_uri: str) -> str:
    """Sections appended to authored pages: a level's lessons, a lesson's terms."""
    registry = state.registry
    for level in registry.levels:
        if src_uri == level.path:
            return level_lessons_section(state.env, level)
    if src_uri in registry.lessons:
        return lesson_terms_section(state.env, registry, src_uri)
    return ""


def asset_files() -> list[tuple[str, Path]]:
    """(site URI, source file) of the CSS and JS every page loads."""
    return [
        (f"{ASSET_URI}/{p.name}", p)
        for p in sorted(ASSETS.glob("*"))
        if p.suffix in (".css", ".js")
    ]
