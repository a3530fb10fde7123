"""Rebuild times of `mkdocs serve` after one edit, with our hooks and plain (`scripts/bench.py`)."""

from __future__ import annotations

import functools
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.gen import Project
from benchmarks.model import ServeResult
from benchmarks.run import child_env

BUILT_RE = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(predicate: Callable[[], bool], timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(every)


def _more(count: Callable[[], list[float]], before: int) -> bool:
    return len(count()) > before


def rebuild_times(log: Path) -> list[float]:
    """The build times a `mkdocs serve` log holds so far; a failed rebuild ends the run (it
    would otherwise be waited for until the timeout)."""
    text = log.read_text(encoding="utf-8")
    if "An error happened during the rebuild" in text:
        raise SystemExit(f"a rebuild failed; see {log}")
    return [float(x) for x in BUILT_RE.findall(text)]


def serve_rebuilds(
    config: Path,
    edit: Callable[[int], None],
    edits: int,
    log: Path,
    sites: Path | None = None,
    timeout: float = 900,
) -> list[float]:
    """Start `mkdocs serve` (as `make serve` does), edit one file `edits` times, and read the
    rebuild times MkDocs logs ('Documentation built in X seconds'), the first build excluded.
    MkDocs writes the served site to a temporary folder: in `sites` when given (`TMPDIR`)."""
    if sites is not None:
        sites.mkdir(parents=True, exist_ok=True)
    port = free_port()
    # Any -W option stops MkDocs from adding its DuplicateFilter, which would swallow a second
    # "Documentation built in 0.82 seconds" line identical to an earlier one.
    command = [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "mkdocs", "serve"]
    command += ["--livereload"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(config)]
    with log.open("w", encoding="utf-8") as stream:
        server = subprocess.Popen(
            command,
            cwd=config.parent,
            env=child_env(**({"TMPDIR": str(sites)} if sites else {})),
            stdout=stream,
            stderr=subprocess.STDOUT,
        )

    built = functools.partial(rebuild_times, log)

    try:
        wait(lambda: "Serving on" in log.read_text(encoding="utf-8"), timeout, "mkdocs serve")
        time.sleep(2)  # the file watcher starts just after the server
        for number in range(edits):
            before = len(built())
            edit(number)
            wait(functools.partial(_more, built, before), timeout, "a rebuild")
            time.sleep(2)  # let a second change event (if any) settle before the next edit
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped; see {log}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return built()[1:]


def _shifted(edit: Callable[[int], None], first: int, number: int) -> None:
    edit(first + number)


def measure_serve(
    project: Project, plain: Path, edits: int, work: Path, sites: Path | None = None
) -> ServeResult:
    """A YAML entry edited under our hooks vs the same term's Markdown page edited plainly; two
    sessions of each, alternating; the served sites written in `sites` when given."""
    entry = sorted((project.root / "glossary").glob("[!_]*.yml"))[0]
    page = plain.parent / "content" / "glossary" / f"{entry.stem}.md"

    def edit_yaml(number: int) -> None:
        lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
        text = json.dumps(f"Edited summary, take {number + 1}.")
        lines = [f"summary: {text}\n" if x.startswith("summary:") else x for x in lines]
        entry.write_text("".join(lines), encoding="utf-8")

    def edit_markdown(number: int) -> None:
        with page.open("a", encoding="utf-8") as stream:
            stream.write(f"\nEdited, take {number + 1}.\n")

    hooks: list[float] = []
    plain_times: list[float] = []
    sessions = [("hooks", project.config, edit_yaml), ("plain", plain, edit_markdown)]
    for index in range(2):  # ABBA, as for the builds; edits are numbered on across sessions
        for name, config, edit in sessions if index == 0 else sessions[::-1]:
            log = work / f"serve-{name}-{index + 1}.log"
            first = index * edits
            shifted = functools.partial(_shifted, edit, first)
            times = serve_rebuilds(config, shifted, edits, log, sites)
            (hooks if name == "hooks" else plain_times).extend(times)
    return ServeResult(project.terms, hooks, plain_times)
