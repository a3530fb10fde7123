"""Checks across entries: references, collisions, categories, lessons, early-access warnings."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sitekit import FIXTURES
from termweave.source.problems import Severity
from termweave.source.registry import load_registry

TODAY = date(2026, 11, 27)


def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    return tmp_path / "mini"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(root: Path) -> list[str]:
    registry = load_registry(root / "glossary", root / "content", today=TODAY)
    return [str(p) for p in sorted(registry.problems)]


def test_fixture_is_clean(tmp_path: Path) -> None:
    registry = load_registry(
        project(tmp_path) / "glossary", project(tmp_path / "b") / "content", today=TODAY
    )
    assert [p for p in registry.problems if p.severity is Severity.ERROR] == []
    assert set(registry.terms) == {"learning-rate", "hyperparameter", "epoch", "transformer"}
    assert [level.slug for level in registry.levels] == ["basics", "tuning"]


def test_unknown_related_slug_suggests(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "glossary/epoch.yml", "related: [hyperparameter]", "related: [hyperparametr]")
    assert messages(root) == [
        "glossary/epoch.yml:8:11: unknown related entry 'hyperparametr' (did you mean 'hyperparameter'?)"
    ]


def test_related_to_itself(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root / "glossary/epoch.yml", "related: [hyperparameter]", "related: [hyperparameter, epoch]"
    )
    assert messages(root) == ["glossary/epoch.yml:8:27: an entry cannot be related to itself"]


def test_unknown_lesson_path(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root / "glossary/epoch.yml",
        "lessons: [basics/what-is-training.md]",
        "lessons: [basics/what-is-trainin.md]",
    )
    [message] = messages(root)
    assert message.startswith("glossary/epoch.yml:9:11: unknown lesson 'basics/what-is-trainin.md'")
    assert "did you mean 'basics/what-is-training.md'" in message


def test_unknown_category(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "glossary/epoch.yml", "category: Core AI", "category: Core")
    [message] = messages(root)
    assert message.startswith(
        "glossary/epoch.yml:7:11: unknown category 'Core' (did you mean 'Core AI'?)"
    )


def test_names_collide_case_insensitively(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "glossary/learning-rate.yml", "aliases: [LR, step size]", "aliases: [LR, EPOCH]")
    [message] = messages(root)
    assert message.startswith(
        "glossary/learning-rate.yml:15:15: 'EPOCH' collides with 'Epoch' in glossary/epoch.yml:1"
    )


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "glossary/epoch.yml", "category: Core AI", "category: Nope")
    edit(
        root / "glossary/hyperparameter.yml",
        "term: Hyperparameter",
        "term: Hyperparameter\nterm: x",
    )
    (root / "glossary/empty.yml").write_text("", encoding="utf-8")
    found = messages(root)
    assert len(found) == 3
    assert {m.split(":")[0] for m in found} == {
        "glossary/epoch.yml",
        "glossary/hyperparameter.yml",
        "glossary/empty.yml",
    }


def test_public_entry_with_only_early_access_lessons_warns(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "glossary/transformer.yml", "early_access: true", "early_access: false")
    edit(root / "glossary/transformer.yml", ", basics/what-is-training.md]", "]")
    registry = load_registry(root / "glossary", root / "content", today=TODAY)
    [warning] = registry.problems
    assert warning.severity is Severity.WARNING
    assert str(warning).startswith(
        "glossary/transformer.yml:8:10: warning: entry is public but all "
        "its lessons are early access"
    )


def test_lesson_front_matter_problems(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "content/basics/what-is-training.md", "order: 1", "order: first\ntitel: x")
    assert messages(root) == [
        "content/basics/what-is-training.md:3: 'order' must be a whole number",
        "content/basics/what-is-training.md:4: unknown front matter key 'titel' (did you mean 'title'?)",
    ]


def test_missing_categories_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "glossary/_categories.yml").unlink()
    found = messages(root)
    assert found[0].startswith("glossary/_categories.yml:1: file is missing")


def test_without_early_access_drops_references(tmp_path: Path) -> None:
    root = project(tmp_path)
    registry = load_registry(
        root / "glossary", root / "content", today=TODAY
    ).without_early_access()
    assert "transformer" not in registry.terms
    assert "tuning/advanced-schedules.md" not in registry.lessons


def test_unknown_demo_id(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(
        root / "glossary/epoch.yml", "category: Core AI", "category: Core AI\ndemos: [learning-rat]"
    )
    registry = load_registry(
        root / "glossary",
        root / "content",
        today=TODAY,
        demo_ids={"learning-rate", "search-methods"},
    )
    assert [str(p) for p in registry.problems] == [
        "glossary/epoch.yml:8:9: unknown demo 'learning-rat' (did you mean 'learning-rate'?); "
        "known: learning-rate, search-methods"
    ]


def test_broken_front_matter_is_one_problem(tmp_path: Path) -> None:
    root = project(tmp_path)
    edit(root / "content/tuning/index.md", "order: 2", "order: [2")
    assert messages(root) == [
        "content/tuning/index.md:4: front matter: did not find expected ',' or ']'"
    ]
