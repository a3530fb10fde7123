"""The benchmark's synthetic project: the same files for the same seed, and as realistic as
issue 9 asks (300-word bodies mentioning about ten other terms, aliases, related terms, lesson
links, N/10 lessons of about 1,000 words). A benchmark is only as honest as its input."""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

import yaml

import benchmarks.gen


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _entries(root: Path) -> dict[str, dict[str, Any]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "glossary").glob("[!_]*.yml"))
    }


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", text))


def test_the_same_seed_writes_the_same_project(tmp_path: Path) -> None:
    first = benchmarks.gen.generate(tmp_path / "a", 120, seed=3)
    again = benchmarks.gen.generate(tmp_path / "b", 120, seed=3)
    other = benchmarks.gen.generate(tmp_path / "c", 120, seed=4)
    assert (first.terms, first.lessons) == (120, 12)
    tree = _tree(first.root)
    assert len(tree) > 120 and tree == _tree(again.root)
    changed = {k for k, v in _tree(other.root).items() if tree.get(k) != v}
    assert sum(k.startswith("glossary/") for k in changed) > 100  # a seed really changes it


def test_entries_are_as_realistic_as_the_issue_asks(tmp_path: Path) -> None:
    project = benchmarks.gen.generate(tmp_path / "p", 300)
    entries = _entries(project.root)
    assert len(entries) == 300
    names: dict[str, str] = {}  # every way an entry is written in running text -> its slug
    for slug, entry in entries.items():
        for form in [entry["term"], *entry["aliases"]]:
            for spelled in (form, benchmarks.gen.plural(form)):
                names[spelled.casefold()] = slug
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    bodies = [entry["body"] for entry in entries.values()]
    assert 250 <= statistics.median(_words(body) for body in bodies) <= 400
    mentioned = [
        len({names[m.casefold()] for m in pattern.findall(entry["body"])} - {slug})
        for slug, entry in entries.items()
    ]
    assert 8 <= statistics.median(mentioned) <= 14  # about ten other terms per body
    assert all(3 <= len(entry["related"]) <= 5 for entry in entries.values())
    assert all(set(entry["related"]) <= set(entries) for entry in entries.values())
    assert sum(bool(entry["aliases"]) for entry in entries.values()) > 100
    lessons = {
        p.relative_to(project.root / "content").as_posix()
        for p in (project.root / "content").rglob("lesson-*.md")
    }
    assert len(lessons) == 30  # N/10
    linked = [path for entry in entries.values() for path in entry["lessons"]]
    assert len(linked) > 150 and set(linked) <= lessons
    assert all(entry["summary"] and entry["why_it_matters"] for entry in entries.values())


def test_lessons_are_about_a_thousand_words_in_modules(tmp_path: Path) -> None:
    project = benchmarks.gen.generate(tmp_path / "p", 200)
    lessons = sorted((project.root / "content").rglob("lesson-*.md"))
    assert len(lessons) == 20
    texts = [p.read_text(encoding="utf-8") for p in lessons]
    assert 800 <= statistics.median(_words(t.split("---", 2)[2]) for t in texts) <= 1300
    assert all("\nmodule: Module " in t for t in texts)
