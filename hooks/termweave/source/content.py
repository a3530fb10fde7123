"""Levels and lessons: `content/<level>/index.md` and `content/<level>/<lesson>.md` front matter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from termweave.source.problems import Problem, did_you_mean
from termweave.source.yamlsource import BOOL_TAG, LOADER, mapping_items, position

LEVEL_KEYS = {"title", "order", "description", "early_access"}
LESSON_KEYS = LEVEL_KEYS | {
    "autolink",
    "hide",
    "search",
    "tags",
    "template",
    "status",
    "icon",
    "subtitle",
    "module",
}


@dataclass(frozen=True)
class Lesson:
    path: str  # under content/, e.g. 'practitioner/first-ai-workflow.md'
    level: str  # the level's folder name
    title: str
    order: int
    description: str
    early_access: bool
    module: str = ""  # the group it belongs to within its level ('' for none)


@dataclass(frozen=True)
class Level:
    slug: str
    path: str  # '<slug>/index.md'
    title: str
    order: int
    description: str
    early_access: bool
    lessons: tuple[Lesson, ...]

    def grouped_lessons(self) -> list[tuple[str, tuple[Lesson, ...]]]:
        """(module, its lessons) in reading order: a module sits where its first lesson is and
        gathers all of its lessons; lessons without one form groups named ''. The navigation
        nests modules, so a long level shows one module's lessons at a time, not all of them."""
        groups: dict[str, list[Lesson]] = {}
        order: list[tuple[str, list[Lesson]]] = []
        for lesson in self.lessons:
            if not lesson.module:
                order.append(("", [lesson]))
            elif lesson.module in groups:
                groups[lesson.module].append(lesson)
            else:
                groups[lesson.module] = [lesson]
                order.append((lesson.module, groups[lesson.module]))
        merged: list[tuple[str, list[Lesson]]] = []
        for name, lessons in order:  # neighbouring lessons without a module: one group
            if not name and merged and not merged[-1][0]:
                merged[-1][1].extend(lessons)
            else:
                merged.append((name, lessons))
        return [(name, tuple(lessons)) for name, lessons in merged]


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The YAML front matter text and the file line it starts on, or (None, 0)."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), 2
    return None, 0


_NOT_TEXT = {BOOL_TAG, "tag:yaml.org,2002:null"}


class _FrontMatter:
    """Reads one page's front matter, collecting problems with file lines."""

    def __init__(self, path: Path, display: str, allowed: set[str]) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.values: dict[str, object] = {}
        self.broken = False  # unreadable front matter: report that alone, not its echoes
        text = path.read_text(encoding="utf-8", errors="replace")
        meta, first_line = split_front_matter(text)
        if meta is None:
            return
        offset = first_line - 1
        try:
            root = yaml.compose(meta, Loader=LOADER)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line = mark.line + 1 + offset if mark else first_line
            self.problems.append(Problem(display, line, 0, f"front matter: {error.problem}"))
            self.broken = True
            return
        if root is None:
            return
        pairs, problems = mapping_items(root, display, "front matter")
        self.problems.extend(
            Problem(p.path, p.line + offset, p.column, p.message) for p in problems
        )
        for key, value in pairs:
            line = position(key).line + offset
            if key.value not in allowed:
                hint = did_you_mean(key.value, allowed)
                self.problems.append(
                    Problem(display, line, 0, f"unknown front matter key '{key.value}'{hint}")
                )
                continue
            self.values[key.value] = (value, line)

    def _get(self, key: str) -> tuple[yaml.Node, int] | None:
        found = self.values.get(key)
        return found if isinstance(found, tuple) else None

    def text(self, key: str, default: str | None = None) -> str:
        found = self._get(key)
        if found is None or not isinstance(found[0], yaml.ScalarNode) or not found[0].value.strip():
            if default is None and not self.broken:
                line = found[1] if found else 1
                self.problems.append(
                    Problem(self.display, line, 0, f"front matter needs a '{key}'")
                )
            return default or ""
        return str(found[0].value).strip()

    def optional_text(self, key: str) -> str:
        """The key's text, '' when absent; present but empty or not text is a problem."""
        found = self._get(key)
        if found is None:
            return ""
        node, line = found
        if isinstance(node, yaml.ScalarNode) and node.tag not in _NOT_TEXT and node.value.strip():
            return " ".join(node.value.split())
        self.problems.append(Problem(self.display, line, 0, f"'{key}' must be a non-empty text"))
        return ""

    def integer(self, key: str, default: int) -> int:
        found = self._get(key)
        if found is None:
            return default
        node, line = found
        if isinstance(node, yaml.ScalarNode) and node.value.lstrip("-").isdigit():
            return int(node.value)
        self.problems.append(Problem(self.display, line, 0, f"'{key}' must be a whole number"))
        return default

    def flag(self, key: str) -> bool:
        found = self._get(key)
        if found is None:
            return False
        node, line = found
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == BOOL_TAG
            and node.value.lower() in ("true", "false")
        ):
            return bool(node.value.lower() == "true")
        self.problems.append(Problem(self.display, line, 0, f"'{key}' must be true or false"))
        return False


def load_levels(
    content_dir: Path, display_root: str = "content"
) -> tuple[list[Level], list[Problem]]:
    """Every folder of content_dir with an index.md is a level; its other .md files are lessons."""
    levels: list[Level] = []
    problems: list[Problem] = []
    for folder in sorted(
        p for p in content_dir.iterdir() if p.is_dir() and (p / "index.md").is_file()
    ):
        index = _FrontMatter(
            folder / "index.md", f"{display_root}/{folder.name}/index.md", LEVEL_KEYS
        )
        level_title = index.text("title")
        level_flag = index.flag("early_access")
        lessons: list[Lesson] = []
        for page in sorted(folder.glob("*.md")):
            if page.name == "index.md":
                continue
            meta = _FrontMatter(page, f"{display_root}/{folder.name}/{page.name}", LESSON_KEYS)
            lessons.append(
                Lesson(
                    path=f"{folder.name}/{page.name}",
                    level=folder.name,
                    title=meta.text("title"),
                    order=meta.integer("order", 1000),
                    description=meta.text("description", ""),
                    early_access=level_flag or meta.flag("early_access"),
                    module=meta.optional_text("module"),
                )
            )
            problems.extend(meta.problems)
        lessons.sort(key=lambda lesson: (lesson.order, lesson.path))
        levels.append(
            Level(
                slug=folder.name,
                path=f"{folder.name}/index.md",
                title=level_title,
                order=index.integer("order", 1000),
                description=index.text("description", ""),
                early_access=level_flag,
                lessons=tuple(lessons),
            )
        )
        problems.extend(index.problems)
    levels.sort(key=lambda level: (level.order, level.slug))
    return levels, problems
