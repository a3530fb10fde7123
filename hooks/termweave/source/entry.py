"""Validation of one glossary entry file against the model; cross-entry checks live in registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from termweave.source.model import DATE_RE, ENTRY_FIELDS, FIELDS_BY_NAME, Kind, Term, is_slug
from termweave.source.problems import Problem, did_you_mean
from termweave.source.yamlsource import (
    BOOL_TAG,
    NULL_TAG,
    line_column,
    mapping_items,
    position,
    read_document,
)

_DEFAULTS: dict[Kind, Any] = {
    Kind.MARKDOWN: "",
    Kind.BOOL: False,
    Kind.TEXT_LIST: (),
    Kind.SLUG_LIST: (),
    Kind.LESSON_LIST: (),
    Kind.DEMO_LIST: (),
}


class Checker:
    """Collects problems for one file while converting nodes to Python values."""

    def __init__(self, display_path: str) -> None:
        self.path = display_path
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, message: str) -> None:
        where = position(node)
        self.problems.append(Problem(self.path, where.line, where.column, message))

    def text(self, node: yaml.Node, key: str, *, multiline: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            shape = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.fail(node, f"'{key}' must be text, not a {shape}")
            return None
        if node.tag == NULL_TAG or not node.value.strip():
            self.fail(node, f"'{key}' is empty")
            return None
        if node.tag == BOOL_TAG and not node.style:
            self.fail(
                node,
                f"'{key}' must be text, but YAML reads {node.value!r} as a boolean; "
                f'quote it ("{node.value}") if you mean the word',
            )
            return None
        value: str = node.value
        if not multiline and "\n" in value.strip():
            self.fail(node, f"'{key}' must be a single line of text")
            return None
        return value.strip() if not multiline else value.rstrip() + "\n"

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG and not node.style:
            lowered = node.value.lower()
            if lowered in ("true", "false"):
                return bool(lowered == "true")
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a collection"
        self.fail(node, f"'{key}' must be true or false, got {shown!r}")
        return None

    def day(self, node: yaml.Node, key: str, today: date) -> date | None:
        raw = node.value if isinstance(node, yaml.ScalarNode) else ""
        if not isinstance(node, yaml.ScalarNode) or not DATE_RE.match(raw):
            self.fail(
                node, f"'{key}' must be a date written YYYY-MM-DD, got {raw or 'a collection'!r}"
            )
            return None
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            self.fail(node, f"'{key}' is not a real date: {raw!r}")
            return None
        if value > today:
            self.fail(node, f"'{key}' {raw} is in the future (today is {today.isoformat()})")
            return None
        return value

    def items(
        self, node: yaml.Node, key: str, kind: Kind, positions: dict[str, tuple[int, int]]
    ) -> tuple[str, ...] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"'{key}' must be a list, e.g. [first, second]")
            return None
        values: list[str] = []
        for index, item in enumerate(node.value):
            value = self.text(item, f"{key}[{index + 1}]")
            if value is None:
                continue
            positions[f"{key}[{index}]"] = line_column(item)
            if kind is Kind.SLUG_LIST and not is_slug(value):
                self.fail(
                    item, f"'{value}' in '{key}' is not a slug (lowercase letters, digits, hyphens)"
                )
                continue
            if kind is Kind.LESSON_LIST and not value.endswith(".md"):
                self.fail(item, f"lesson '{value}' must be a path under content/ ending in .md")
                continue
            if value in values:
                self.fail(item, f"'{value}' is listed twice in '{key}'")
                continue
            values.append(value)
        return tuple(values)


def load_entry(path: Path, display_path: str, today: date) -> tuple[Term | None, list[Problem]]:
    """Read one `glossary/<slug>.yml`: the term (None if unusable) and every problem found."""
    slug = path.stem
    document, problems = read_document(path, display_path)
    if document is None or document.root is None:
        return None, problems
    check = Checker(display_path)
    if not is_slug(slug):
        check.problems.append(
            Problem(
                display_path,
                1,
                0,
                f"file name '{path.name}' must be a slug: "
                "lowercase letters, digits and hyphens, e.g. learning-rate.yml",
            )
        )
    pairs, mapping_problems = mapping_items(document.root, display_path, "an entry")
    check.problems.extend(mapping_problems)
    values: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    for key_node, value_node in pairs:
        key = key_node.value
        spec = FIELDS_BY_NAME.get(key)
        if spec is None:
            check.fail(key_node, f"unknown key '{key}'{did_you_mean(key, FIELDS_BY_NAME)}")
            continue
        positions[key] = line_column(value_node)
        value: Any
        if spec.kind is Kind.TEXT:
            value = check.text(value_node, key)
        elif spec.kind is Kind.MARKDOWN:
            value = check.text(value_node, key, multiline=True)
        elif spec.kind is Kind.BOOL:
            value = check.boolean(value_node, key)
        elif spec.kind is Kind.DATE:
            value = check.day(value_node, key, today)
        else:
            value = check.items(value_node, key, spec.kind, positions)
        if value is not None:
            values[key] = value
    if isinstance(document.root, yaml.MappingNode):
        present = {key.value for key, _ in pairs}
        for spec in ENTRY_FIELDS:
            if spec.required and spec.name not in present:
                check.fail(document.root, f"missing required key '{spec.name}'")
    if check.problems or problems:
        return None, problems + check.problems
    for spec in ENTRY_FIELDS:
        if spec.name not in values and not spec.required:
            values[spec.name] = True if spec.name == "autolink" else _DEFAULTS[spec.kind]
    return Term(slug=slug, source=display_path, positions=positions, **values), []
