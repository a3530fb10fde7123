"""A self-check question: the YAML of a ```quiz block, validated like an entry.

Problems carry the line and column in the file the block sits in (the caller says where the
block's text starts), and every problem of a block is reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from termweave.source.entry import Checker
from termweave.source.problems import Problem, did_you_mean
from termweave.source.yamlsource import compose_text, mapping_items

QUIZ_KEYS = ("question", "choices", "explain")
CHOICE_KEYS = ("text", "correct", "why")
MIN_CHOICES, MAX_CHOICES = 2, 8


@dataclass(frozen=True)
class Choice:
    text: str  # inline Markdown: the label of its input
    correct: bool = False
    why: str = ""  # Markdown: shown when the reader picks it


@dataclass(frozen=True)
class Quiz:
    question: str  # inline Markdown: the fieldset's legend
    choices: tuple[Choice, ...]
    explain: str = ""  # Markdown: shown once answered right, and in the no-JS answer

    @property
    def multiple(self) -> bool:
        """More than one right choice: checkboxes and 'choose all that apply'."""
        return sum(choice.correct for choice in self.choices) > 1


def parse_quiz(
    text: str, display_path: str, first_line: int = 1, column: int = 0
) -> tuple[Quiz | None, list[Problem]]:
    """The quiz in a block's YAML `text`, whose first line is line `first_line` of the file and
    whose lines were indented by `column` characters there. (None, problems) when invalid."""
    if not text.strip():
        return None, [Problem(display_path, first_line, column + 1, "the quiz block is empty")]
    document, problems = compose_text(text, display_path)
    check = Checker(display_path)
    quiz = None
    if document is not None and document.root is not None:
        quiz = _quiz(check, document.root)
    found = sorted(_shifted(p, first_line, column) for p in problems + check.problems)
    return (quiz if not found else None), found


def _shifted(problem: Problem, first_line: int, column: int) -> Problem:
    moved = problem.column + column if problem.column else 0
    return Problem(problem.path, problem.line + first_line - 1, moved, problem.message)


def _pairs(
    check: Checker, node: yaml.Node, what: str, known: tuple[str, ...]
) -> dict[str, yaml.Node]:
    """A mapping's values by key; unknown keys are problems with a did-you-mean."""
    items, problems = mapping_items(node, check.path, what)
    check.problems.extend(problems)
    values: dict[str, yaml.Node] = {}
    for key, value in items:
        if key.value not in known:
            hint = did_you_mean(key.value, known)
            check.fail(key, f"unknown key '{key.value}' in {what}{hint}; known: {', '.join(known)}")
            continue
        values[key.value] = value
    return values


def _inline(check: Checker, node: yaml.Node, key: str) -> str | None:
    """Inline Markdown: its lines joined into one."""
    value = check.text(node, key, multiline=True)
    return " ".join(value.split()) if value is not None else None


def _quiz(check: Checker, root: yaml.Node) -> Quiz | None:
    values = _pairs(check, root, "a quiz", QUIZ_KEYS)
    for key in ("question", "choices"):
        if key not in values and isinstance(root, yaml.MappingNode):
            check.fail(root, f"the quiz needs a '{key}'")
    question = _inline(check, values["question"], "question") if "question" in values else None
    explain = ""
    if "explain" in values:
        explain = check.text(values["explain"], "explain", multiline=True) or ""
    choices = _choices(check, values["choices"]) if "choices" in values else None
    if question is None or choices is None or check.problems:
        return None
    return Quiz(question, choices, explain)


def _choices(check: Checker, node: yaml.Node) -> tuple[Choice, ...] | None:
    if not isinstance(node, yaml.SequenceNode):
        check.fail(node, "'choices' must be a list of choices, each starting with '- text:'")
        return None
    count = len(node.value)
    if not MIN_CHOICES <= count <= MAX_CHOICES:
        check.fail(
            node, f"a quiz needs {MIN_CHOICES} to {MAX_CHOICES} choices; this one has {count}"
        )
    choices: list[Choice] = []
    for index, item in enumerate(node.value, start=1):
        values = _pairs(check, item, f"choice {index}", CHOICE_KEYS)
        if "text" not in values and isinstance(item, yaml.MappingNode):
            check.fail(item, f"choice {index} needs a 'text'")
        text = (
            _inline(check, values["text"], f"choices[{index}].text") if "text" in values else None
        )
        correct = check.boolean(values["correct"], "correct") if "correct" in values else False
        why = ""
        if "why" in values:
            why = check.text(values["why"], f"choices[{index}].why", multiline=True) or ""
        if text is not None and correct is not None:
            choices.append(Choice(text, correct, why))
    if count and not any(
        isinstance(item, yaml.MappingNode)
        and any(
            k.value == "correct" and isinstance(v, yaml.ScalarNode) and v.value.lower() == "true"
            for k, v in item.value
        )
        for item in node.value
    ):
        check.fail(node, "no choice is marked 'correct: true'; mark the right one(s)")
    return tuple(choices)
