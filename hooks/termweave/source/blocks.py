"""Finding the learning blocks in author Markdown: ```quiz fences and `::term[slug]` lines, at
any indentation (inside admonitions and lists too), never inside other fenced code. Line
numbers are 1-based within the text scanned; callers add where that text starts in its file."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from termweave.source.model import Term
from termweave.source.problems import Problem, did_you_mean
from termweave.source.quiz import Quiz, parse_quiz

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_QUIZ_INFO = re.compile(r"^[ \t]*\{?[ \t]*\.?quiz[ \t]*\}?[ \t]*$")
TERM_LINE = re.compile(r"^(?P<indent>[ \t]*)::term\[(?P<slug>[^\]\n]*)\][ \t]*$")
_LOOKS_LIKE_TERM = re.compile(r"^[ \t]*::term\b")
MARKERS = ("```quiz", "~~~quiz", "::term")  # every block has one: most texts have none


@dataclass(frozen=True)
class QuizBlock:
    start: int  # line of the opening fence
    stop: int  # line of the closing fence
    indent: str
    text: str  # the YAML, its indentation removed


@dataclass(frozen=True)
class TermLine:
    start: int
    indent: str
    slug: str

    @property
    def stop(self) -> int:
        return self.start


Block = QuizBlock | TermLine


def has_blocks(markdown: str) -> bool:
    return any(marker in markdown for marker in MARKERS)


def scan(markdown: str) -> tuple[list[Block], list[tuple[int, int, str]]]:
    """The blocks of `markdown` in order, and (line, column, message) of malformed ones."""
    lines = markdown.split("\n")
    blocks: list[Block] = []
    problems: list[tuple[int, int, str]] = []
    fence: tuple[str, int] | None = None  # (character, length) of the code fence we are in
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        opened = _FENCE.match(line)
        if fence is not None:
            if _closes(opened, fence):
                fence = None
            continue
        if opened is None:
            term = TERM_LINE.match(line)
            if term is not None:
                blocks.append(TermLine(number, term.group("indent"), term.group("slug").strip()))
            elif _LOOKS_LIKE_TERM.match(line):
                problems.append(
                    (number, 1, "malformed term card line; write it alone as ::term[<slug>]")
                )
            continue
        mark, info = opened.group("fence"), opened.group("info")
        if mark[0] == "`" and "`" in info:
            continue  # inline code such as ```x```, no fence
        if not _QUIZ_INFO.match(info):
            fence = (mark[0], len(mark))
            continue
        indent = opened.group("indent")
        body: list[str] = []
        start = number
        while number < len(lines) and not _closes(
            _FENCE.match(lines[number]), (mark[0], len(mark))
        ):
            body.append(_dedent(lines[number], indent))
            number += 1
        if number == len(lines):
            problems.append((start, len(indent) + 1, "the quiz block is never closed"))
            break
        number += 1
        blocks.append(QuizBlock(start, number, indent, "\n".join(body)))
    return blocks, problems


def _closes(opened: re.Match[str] | None, fence: tuple[str, int]) -> bool:
    if opened is None or opened.group("info").strip():
        return False
    mark = opened.group("fence")
    return mark[0] == fence[0] and len(mark) >= fence[1]


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def check_blocks(
    markdown: str,
    display_path: str,
    term_slugs: Collection[str] | None,
    *,
    first_line: int = 1,
    column: int = 0,
) -> tuple[list[tuple[Block, Quiz | None]], list[Problem]]:
    """Every block of `markdown` (its quiz parsed) and every problem, located in the file whose
    line `first_line` is the text's first, indented there by `column` characters. Term slugs
    are checked against `term_slugs` unless it is None."""
    blocks, malformed = scan(markdown)
    offset = first_line - 1
    problems = [Problem(display_path, line + offset, col + column, m) for line, col, m in malformed]
    found: list[tuple[Block, Quiz | None]] = []
    for block in blocks:
        if isinstance(block, TermLine):
            if term_slugs is not None and block.slug not in term_slugs:
                hint = did_you_mean(block.slug, term_slugs)
                problems.append(
                    Problem(
                        display_path,
                        block.start + offset,
                        len(block.indent) + column + 1,
                        f"unknown term '{block.slug}' in a term card{hint}",
                    )
                )
            found.append((block, None))
            continue
        quiz, quiz_problems = parse_quiz(
            block.text, display_path, block.start + 1 + offset, len(block.indent) + column
        )
        problems += quiz_problems
        found.append((block, quiz))
    return found, sorted(problems)


def check_content(content_dir: Path, display_root: str, slugs: Collection[str]) -> list[Problem]:
    """Problems of the blocks in every Markdown page under content/ (lines as in the file)."""
    problems: list[Problem] = []
    for path in sorted(content_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if has_blocks(text):
            display = f"{display_root}/{path.relative_to(content_dir).as_posix()}"
            problems += check_blocks(text, display, slugs)[1]
    return problems


def check_entries(
    terms: Collection[Term], glossary_dir: Path, slugs: Collection[str]
) -> list[Problem]:
    """Problems of the blocks in entries' Markdown, at the entry file's lines where the value is
    a block scalar (`body: |`, the usual form); at the key's line otherwise."""
    problems: list[Problem] = []
    for term in terms:
        for key in ("body", "why_it_matters"):
            value: str = getattr(term, key)
            if has_blocks(value):
                line, column = _value_start(glossary_dir / f"{term.slug}.yml", term, key)
                found = check_blocks(value, term.source, slugs, first_line=line, column=column)
                problems += found[1]
    return problems


def _value_start(path: Path, term: Term, key: str) -> tuple[int, int]:
    """(first line, indentation) of a Markdown value's text in its entry file."""
    line, column = term.position(key)
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if line > len(lines) or not lines[line - 1][column - 1 :].startswith(("|", ">")):
        return line, column - 1
    following = [text for text in lines[line:] if text.strip()]
    indent = len(following[0]) - len(following[0].lstrip(" ")) if following else 0
    return line + 1, indent
