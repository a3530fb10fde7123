"""Author-facing problems: every mistake carries the file and line, and all are reported at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located as precisely as the source allows (1-based)."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        location = (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{location}: {prefix}{self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(p for p in problems if p.severity is Severity.ERROR)


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(p for p in problems if p.severity is Severity.WARNING)


def format_report(problems: Iterable[Problem]) -> str:
    """The text shown when a build stops: a count, then one problem per line, sorted by file."""
    found = sorted(problems)
    noun = "problem" if len(found) == 1 else "problems"
    lines = [f"{len(found)} {noun} in the glossary and content:"]
    lines.extend(f"  {p}" for p in found)
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close match exists, else ''."""
    import difflib

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
