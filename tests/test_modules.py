"""Lesson modules: the `module` front-matter key groups a level's lessons, nested in the derived
navigation and headed on the level page, so a long level shows one module's lessons at a time."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitekit import copy_fixture, mkdocs_build
from termweave.site import build
from termweave.source.content import Lesson, Level, load_levels


def lesson(name: str, module: str = "", order: int = 1) -> Lesson:
    return Lesson(f"lv/{name}.md", "lv", name.title(), order, "", False, module)


def level(*lessons: Lesson) -> Level:
    return Level("lv", "lv/index.md", "Level", 1, "", False, tuple(lessons))


def names(groups: list[tuple[str, tuple[Lesson, ...]]]) -> list[tuple[str, list[str]]]:
    return [(module, [x.title for x in members]) for module, members in groups]


def test_a_module_sits_where_its_first_lesson_is_and_gathers_the_rest() -> None:
    groups = level(
        lesson("a"),
        lesson("b", "Basics"),
        lesson("c"),
        lesson("d", "Search"),
        lesson("e", "Basics"),
        lesson("f"),
        lesson("g"),
    ).grouped_lessons()
    assert names(groups) == [
        ("", ["A"]),
        ("Basics", ["B", "E"]),
        ("", ["C"]),
        ("Search", ["D"]),
        ("", ["F", "G"]),
    ]


def test_without_modules_the_level_is_one_group() -> None:
    assert names(level(lesson("a"), lesson("b")).grouped_lessons()) == [("", ["A", "B"])]
    assert level().grouped_lessons() == []


@given(st.lists(st.sampled_from(["", "", "M1", "M2", "M3"]), max_size=30))
def test_grouping_keeps_every_lesson_once_and_each_module_once(modules: list[str]) -> None:
    lessons = [lesson(f"l{i}", module) for i, module in enumerate(modules)]
    groups = level(*lessons).grouped_lessons()
    flat = [x for _, members in groups for x in members]
    assert sorted(x.path for x in flat) == sorted(x.path for x in lessons)
    named = [module for module, _ in groups if module]
    assert len(named) == len(set(named)) == len({m for m in modules if m})
    for module, members in groups:
        assert all(x.module == module for x in members)
        assert [x for x in lessons if x in members] == list(members)  # reading order kept
    assert all(a[0] or b[0] for a, b in pairwise(groups))  # neighbouring "" groups merged


def write_lesson(folder: Path, name: str, order: int, extra: str = "") -> Path:
    path = folder / f"{name}.md"
    path.write_text(
        f"---\ntitle: {name.title()}\norder: {order}\ndescription: About {name}.\n{extra}---\n\n"
        f"# {name.title()}\n\nThe learning rate again.\n",
        encoding="utf-8",
    )
    return path


def with_modules(tmp_path: Path) -> Path:
    """The mini fixture with a third level of two modules and a lesson outside them."""
    project = copy_fixture(
        tmp_path, theme={"name": "material", "font": False, "features": ["navigation.prune"]}
    )
    folder = project / "content" / "course"
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ntitle: Course\norder: 3\ndescription: A long level.\n---\n\n# Course\n",
        encoding="utf-8",
    )
    write_lesson(folder, "warm-up", 1, "module: Schedules\n")
    write_lesson(folder, "decay", 2, "module: Schedules\n")
    write_lesson(folder, "grid", 3, "module: Search\n")
    write_lesson(folder, "random", 4, "module: Search\n")
    write_lesson(folder, "wrap-up", 5)
    return project


def test_module_front_matter_is_read_and_checked(tmp_path: Path) -> None:
    project = with_modules(tmp_path)
    folder = project / "content" / "course"
    write_lesson(folder, "flagged", 6, "module: true\n")
    write_lesson(folder, "blank", 7, "module: ''\n")
    write_lesson(folder, "listed", 8, "module: [a, b]\n")
    write_lesson(folder, "numbered", 9, "module: 3\n")
    levels, problems = load_levels(project / "content")
    course = next(lv for lv in levels if lv.slug == "course")
    assert {x.title: x.module for x in course.lessons} == {
        "Warm-Up": "Schedules",
        "Decay": "Schedules",
        "Grid": "Search",
        "Random": "Search",
        "Wrap-Up": "",
        "Flagged": "",
        "Blank": "",
        "Listed": "",
        "Numbered": "3",
    }
    assert sorted(str(p) for p in problems) == [
        "content/course/blank.md:5: 'module' must be a non-empty text",
        "content/course/flagged.md:5: 'module' must be a non-empty text",
        "content/course/listed.md:5: 'module' must be a non-empty text",
    ]


def test_derived_nav_nests_modules(tmp_path: Path) -> None:
    project = with_modules(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    state = build.create_state(project / "mkdocs.yml", project / "content", config["extra"])
    nav = build.derived_nav(state, ["index.md"])
    assert {"Course": [
        "course/index.md",
        {"Schedules": ["course/warm-up.md", "course/decay.md"]},
        {"Search": ["course/grid.md", "course/random.md"]},
        "course/wrap-up.md",
    ]} in nav  # fmt: skip


def test_built_site_shows_one_module_at_a_time(tmp_path: Path) -> None:
    built = mkdocs_build(with_modules(tmp_path))
    assert built.returncode == 0, built.output
    soup = BeautifulSoup(built.page("course/grid/"), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    labels = [
        " ".join(x.get_text(" ", strip=True).split())
        for x in nav.select("a.md-nav__link, label.md-nav__link")
    ]
    assert "Schedules" in labels and "Search" in labels
    assert "Grid" in labels and "Random" in labels and "Wrap-Up" in labels
    assert "Warm-Up" not in labels and "Decay" not in labels  # the other module is folded away
    level_page = built.article("course/")
    headings = [h.get_text(" ", strip=True).rstrip("¶ ") for h in level_page.select("h3")]
    assert headings == ["Schedules", "Search", "More lessons"]  # not under 'Search'
    items = [li.get_text(" ", strip=True) for li in level_page.select("ol > li")]
    assert [item.split(":")[0].strip() for item in items] == [
        "Warm-Up",
        "Decay",
        "Grid",
        "Random",
        "Wrap-Up",
    ]


def test_the_edit_button_of_a_term_opens_its_yaml_file(tmp_path: Path) -> None:
    project = with_modules(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    state = build.create_state(project / "mkdocs.yml", project / "content", config["extra"])
    assert build.term_edit_uri(state, "learning-rate") == "../glossary/learning-rate.yml"
    state.glossary_dir = project / "content" / "terms"  # a glossary inside docs_dir
    assert build.term_edit_uri(state, "learning-rate") == "terms/learning-rate.yml"
    state.glossary_dir = project / "content"
    assert build.term_edit_uri(state, "learning-rate") == "learning-rate.yml"
