"""Check built pages with the W3C Nu HTML checker (vnu.jar) and report the errors in our markup.

One JVM checks every HTML file under the folders given (`--skip-non-html`, `--errors-only`). An
error counts as Material for MkDocs' own, and is left out, only when the markup the checker points
at is a single start tag with a class of Material's page furniture: a class starting with `md-`
other than those Material offers authors to use in their own markup (`md-button`, ...). Everything
else is ours, including every error whose position is not such a tag and every message that is not
an ordinary error (a file the checker could not read, say).

Usage: python scripts/validate_html.py [SITE ...]   # default: site/ (build it first: make build)
Exit status: 0 no error of ours, 1 errors of ours (listed as file:line:column: message),
2 the checker could not run (no Java, no vnu.jar: `python scripts/fetch_vnu.py`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from fetch_vnu import ensure
from npmpack import PackageError

# Material's classes for authors' own markup (buttons in Markdown): ours when we use them.
AUTHOR_CLASSES = frozenset({"md-button", "md-button--primary"})


class CheckerError(Exception):
    """The checker could not run or did not answer in its JSON format."""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    message: str
    markup: str  # what the checker points at

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message} [{self.markup[:160]}]"


class _StartTag(HTMLParser):
    """Reads a snippet that should be one start tag; `other` notes anything else in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] | None = None
        self.other = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attributes is not None:
            self.other = True
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.other = True

    def handle_data(self, data: str) -> None:
        self.other = self.other or bool(data.strip())


def start_tag_classes(markup: str) -> set[str] | None:
    """The classes of `markup` when it is one start tag (surrounding blanks allowed), else None."""
    parser = _StartTag()
    parser.feed(markup)
    parser.close()
    if parser.attributes is None or parser.other:
        return None
    return set(parser.attributes.get("class", "").split())


def pointed_at(message: dict[str, Any]) -> str:
    """The part of the message's extract the checker highlights."""
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if not isinstance(start, int) or not isinstance(length, int):
        return ""
    return extract[start : start + length]


def is_materials(message: dict[str, Any]) -> bool:
    """An error on one start tag of Material's furniture (see the module's docstring)."""
    if message.get("type") != "error" or message.get("subType"):
        return False
    classes = start_tag_classes(pointed_at(message))
    return classes is not None and any(
        name.startswith("md-") and name not in AUTHOR_CLASSES for name in classes
    )


def _display_path(url: str, roots: Sequence[Path]) -> str:
    path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else Path(url)
    for root in roots:
        if path.is_relative_to(root):
            return str(path.relative_to(root.parent))
    return str(path)


def findings(messages: Iterable[dict[str, Any]], roots: Sequence[Path]) -> list[Finding]:
    """The messages that are ours (not Material's), with their place."""
    resolved = [root.resolve() for root in roots]
    return [
        Finding(
            _display_path(str(m.get("url", "")), resolved),
            int(m.get("firstLine", m.get("lastLine", 0)) or 0),
            int(m.get("firstColumn", m.get("lastColumn", 0)) or 0),
            f"{m.get('type')}{'/' + str(m['subType']) if m.get('subType') else ''}: "
            f"{m.get('message', '')}",
            pointed_at(m) or str(m.get("extract", "")),
        )
        for m in messages
        if not is_materials(m)
    ]


def run_checker(jar: Path, paths: Sequence[Path], java: str | None = None) -> list[dict[str, Any]]:
    """Every message of one vnu run over `paths` (folders are walked), errors only."""
    java = java or shutil.which("java")
    if java is None:
        raise CheckerError("Java 11 or later is needed to run the HTML checker (`java` on PATH)")
    done = subprocess.run(
        [
            *(java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--exit-zero-always"),
            *("--format", "json", *map(str, paths)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stderr)  # vnu writes its JSON report to stderr
    except json.JSONDecodeError as error:
        raise CheckerError(
            f"vnu.jar exited {done.returncode} without a JSON report:\n{done.stdout}{done.stderr}"
        ) from error
    messages = report.get("messages") if isinstance(report, dict) else None
    if not isinstance(messages, list):
        raise CheckerError(f"vnu.jar's report has no message list: {done.stderr[:300]}")
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="validate_html", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("sites", nargs="*", type=Path, default=[Path("site")])
    args = parser.parse_args(argv)
    missing = [str(site) for site in args.sites if not site.exists()]
    if missing:
        print(f"validate_html: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        messages = run_checker(ensure(), args.sites)
    except (CheckerError, PackageError) as error:
        print(f"validate_html: {error}", file=sys.stderr)
        return 2
    ours = findings(messages, args.sites)
    for finding in ours:
        print(finding)
    excused = len(messages) - len(ours)
    print(f"{len(ours)} error(s) in our markup; {excused} in Material's md- markup left out")
    return 1 if ours else 0


if __name__ == "__main__":
    raise SystemExit(main())
