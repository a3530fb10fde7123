"""Helpers for the preview's tests: edits an author makes to a fixture project, clean builds
in this process, and the comparison of two built sites."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

TERMS = ("epoch", "hyperparameter", "learning-rate", "transformer")
LESSONS = (
    "basics/what-is-training.md",
    "basics/quiet-page.md",
    "tuning/choosing-a-learning-rate.md",
    "tuning/advanced-schedules.md",
)


def clean_build(project: Path, site: Path) -> bool:
    """A clean strict build of `project` into `site`, in this process; False when it fails."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    try:
        build(config)
    except (SystemExit, Exception):  # MkDocs' Abort is a SystemExit
        return False
    return True


def site_files(site: Path) -> dict[str, str]:
    """Relative path -> digest of every file of a built site but Pagefind's bundle, which the
    preview makes in the background (its input is compared instead: `test_preview_property`)."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith("search/pagefind/")
    }


def differences(preview: Path, clean: Path) -> list[str]:
    """What differs between the preview's site and a clean build's, path by path."""
    ours, theirs = site_files(preview), site_files(clean)
    found = [f"only in the preview: {p}" for p in sorted(ours.keys() - theirs.keys())]
    found += [f"missing from the preview: {p}" for p in sorted(theirs.keys() - ours.keys())]
    found += [f"differs: {p}" for p in sorted(ours.keys() & theirs.keys()) if ours[p] != theirs[p]]
    return found


def entry_path(project: Path, slug: str) -> Path:
    return project / "glossary" / f"{slug}.yml"


def read_entry(project: Path, slug: str) -> dict[str, object]:
    data = yaml.safe_load(entry_path(project, slug).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_entry(project: Path, slug: str, data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    entry_path(project, slug).write_text(text, encoding="utf-8")


def slugs(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "glossary").glob("[!_]*.yml"))


def names_in_use(project: Path) -> set[str]:
    """Every name and alias of every entry, casefolded."""
    names: set[str] = set()
    for slug in slugs(project):
        data = read_entry(project, slug)
        names.add(str(data["term"]).casefold())
        names.update(str(a).casefold() for a in data.get("aliases") or [])  # type: ignore[attr-defined]
    return names


def add_term(project: Path, name: str, summary: str, body: str) -> str | None:
    """A new entry named `name` (None when the name is taken)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug or name.casefold() in names_in_use(project) or entry_path(project, slug).exists():
        return None
    data: dict[str, object] = {
        "term": name,
        "summary": summary,
        "body": body,
        "category": "Core AI",
        "related": [],
        "lessons": [LESSONS[0]],
        "last_reviewed": "2026-01-15",
    }
    write_entry(project, slug, data)
    return slug


def delete_term(project: Path, slug: str) -> None:
    """The entry removed, and every other entry's related list without it."""
    entry_path(project, slug).unlink()
    for other in slugs(project):
        data = read_entry(project, other)
        related = list(data.get("related") or [])  # type: ignore[call-overload]
        if slug in related:
            data["related"] = [r for r in related if r != slug]
            write_entry(project, other, data)


def set_field(project: Path, slug: str, key: str, value: object) -> None:
    data = read_entry(project, slug)
    data[key] = value
    write_entry(project, slug, data)


def add_alias(project: Path, slug: str, alias: str) -> bool:
    if alias.casefold() in names_in_use(project):
        return False
    data = read_entry(project, slug)
    data["aliases"] = [*(data.get("aliases") or []), alias]  # type: ignore[misc]
    write_entry(project, slug, data)
    return True


def append_to_lesson(project: Path, lesson: str, text: str) -> None:
    path = project / "content" / lesson
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def retitle_lesson(project: Path, lesson: str, title: str) -> None:
    path = project / "content" / lesson
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), "utf-8")


def set_lesson_field(project: Path, lesson: str, key: str, value: str | None) -> None:
    """Set (or, with None, remove) one front-matter field of a lesson."""
    path = project / "content" / lesson
    head, body = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
    if value is not None:
        lines.append(f"{key}: {value}")
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


# The shipped site's navigation features: each page shows only its part of the navigation
SHIPPED_THEME = {
    "name": "material",
    "font": False,
    "features": [
        "content.action.edit",
        "navigation.tabs",
        "navigation.indexes",
        "navigation.prune",
        "navigation.instant",
        "navigation.footer",
    ],
}
