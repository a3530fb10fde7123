"""What each page shows of the navigation (termweave.preview.outline): under Material's
prune, a retitled lesson changes the views of its own section's pages and its neighbours only;
otherwise every page's."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.nav import get_navigation

from termweave.preview.outline import Outline, page_views, shows_pruned_navigation

PAGES = ["index.md", "a/index.md", "a/one.md", "a/two.md", "b/index.md", "b/three.md", "t.md"]
NAV = [
    {"Home": "index.md"},
    {"A": ["a/index.md", {"One": "a/one.md"}, {"Two": "a/two.md"}]},
    {"B": ["b/index.md", {"Three": "b/three.md"}]},
]


def _config(tmp_path: Path, features: list[str], nav: list[object]) -> MkDocsConfig:
    docs = tmp_path / "docs"
    for page in PAGES:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f"# {page}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(
        config_file=str(tmp_path / "mkdocs.yml"),
        theme={"name": "material", "features": features},
        nav=nav,
    )
    return config


def _views(config: MkDocsConfig) -> dict[str, Outline]:
    files: Files = get_files(config)
    nav = get_navigation(files, config)
    pages = [(f.src_uri, f.page) for f in files.documentation_pages()]
    return page_views(nav, pages, shows_pruned_navigation(config))


def _retitled(title: str) -> list[object]:
    return [
        {"Home": "index.md"},
        {"A": ["a/index.md", {"One": "a/one.md"}, {title: "a/two.md"}]},
        {"B": ["b/index.md", {"Three": "b/three.md"}]},
    ]


def _changed(before: dict[str, Outline], after: dict[str, Outline]) -> set[str]:
    return {src for src, view in after.items() if before.get(src) != view}


PRUNE = ["navigation.tabs", "navigation.indexes", "navigation.prune", "navigation.footer"]


def test_under_prune_a_retitle_changes_its_section_and_neighbours_only(tmp_path: Path) -> None:
    before = _views(_config(tmp_path, PRUNE, NAV))
    after = _views(_config(tmp_path, PRUNE, _retitled("Second")))
    # its section's pages, and b/index.md whose 'previous' it is; not B's other page, not t.md
    assert _changed(before, after) == {"a/index.md", "a/one.md", "a/two.md", "b/index.md"}


def test_without_prune_every_page_shows_all_of_it(tmp_path: Path) -> None:
    config = _config(tmp_path, ["navigation.tabs"], NAV)
    assert not shows_pruned_navigation(config)
    before = _views(config)
    after = _views(_config(tmp_path, ["navigation.tabs"], _retitled("Second")))
    assert _changed(before, after) == set(PAGES)


def test_expanding_features_show_closed_sections_too(tmp_path: Path) -> None:
    for feature in ("navigation.expand", "navigation.sections"):
        assert not shows_pruned_navigation(_config(tmp_path, [*PRUNE, feature], NAV))
    assert shows_pruned_navigation(_config(tmp_path, PRUNE, NAV))


def test_a_closed_section_shows_where_it_leads(tmp_path: Path) -> None:
    before = _views(_config(tmp_path, PRUNE, NAV))
    moved = [NAV[0], {"A": ["a/one.md", "a/index.md", {"Two": "a/two.md"}]}, NAV[2]]
    after = _views(_config(tmp_path, PRUNE, moved))
    assert "b/three.md" in _changed(before, after)  # A's tab and closed entry lead elsewhere


def test_a_closed_section_does_not_show_its_first_page_title(tmp_path: Path) -> None:
    """Material links a closed section (and a tab) to its first page by the section's own
    title: retitling that page changes its own section's pages and neighbours only."""
    nav = [NAV[0], {"A": [{"One": "a/one.md"}, {"Two": "a/two.md"}]}, NAV[2]]
    before = _views(_config(tmp_path, PRUNE, nav))
    retitled = [NAV[0], {"A": [{"First": "a/one.md"}, {"Two": "a/two.md"}]}, NAV[2]]
    after = _views(_config(tmp_path, PRUNE, retitled))
    assert _changed(before, after) == {"a/one.md", "a/two.md", "index.md"}  # index: its 'next'
