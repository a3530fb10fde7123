"""Run a demo file once under CPython at build time, exactly as the browser worker runs it.

The page ships this result, so a reader without JavaScript (or before the runtime loads) sees a
real plot and summary. Results are cached per file content, so `mkdocs serve` rebuilds stay fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import runpy
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termweave.demos.runtime import PYTHON_DIR


class DemoFailed(Exception):
    """The demo raised or returned something the page cannot show; the message says which."""


@dataclass(frozen=True)
class BuildRun:
    stdout: str
    result: dict[str, Any]
    seconds: float


_CACHE: dict[str, BuildRun] = {}
_DEFAULTS: dict[str, dict[str, Any]] = {}


def source_path(filename: str) -> Path:
    return PYTHON_DIR / filename


def read_source(filename: str) -> str:
    return source_path(filename).read_text(encoding="utf-8")


def _fingerprint(filename: str, settings: dict[str, Any] | None) -> str:
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    for path in sorted(PYTHON_DIR.glob("*.py")):  # the demo and the helpers it imports
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{filename}:{digest.hexdigest()}"


def load_defaults(filename: str) -> dict[str, Any]:
    """The demo's DEFAULTS, read by running the file as a module (its main block is skipped)."""
    key = "defaults:" + _fingerprint(filename, None)
    if key not in _DEFAULTS:
        try:
            with _importable():
                namespace = runpy.run_path(str(source_path(filename)), run_name="termweave_demo")
        except Exception as error:
            detail = "".join(traceback.format_exception_only(error)).strip()
            raise DemoFailed(f"{filename} raised {detail}") from error
        defaults = namespace.get("DEFAULTS")
        if not isinstance(defaults, dict):
            raise DemoFailed(f"{filename} has no DEFAULTS dict")
        _DEFAULTS[key] = defaults
    return dict(_DEFAULTS[key])


def run_demo(filename: str, settings: dict[str, Any] | None = None) -> BuildRun:
    """Execute the file as __main__ with SETTINGS, capture stdout and validate RESULT."""
    key = _fingerprint(filename, settings)
    if key in _CACHE:
        return _CACHE[key]
    out = io.StringIO()
    started = time.perf_counter()
    try:
        with _importable(), contextlib.redirect_stdout(out):
            namespace = runpy.run_path(
                str(source_path(filename)),
                init_globals={"SETTINGS": dict(settings or {})},
                run_name="__main__",
            )
    except Exception as error:
        detail = "".join(traceback.format_exception_only(error)).strip()
        raise DemoFailed(f"{filename} raised {detail}") from error
    run = BuildRun(
        out.getvalue(), check_result(namespace.get("RESULT")), time.perf_counter() - started
    )
    _CACHE[key] = run
    return run


def check_result(result: object) -> dict[str, Any]:
    """The page contract: headline text, SVG figures, fact pairs and an optional table."""
    if not isinstance(result, dict):
        raise DemoFailed("RESULT must be a dict")
    if not isinstance(result.get("headline"), str):
        raise DemoFailed("RESULT['headline'] must be text")
    figures = result.get("figures", [])
    if not (isinstance(figures, list) and all(isinstance(f, str) for f in figures)):
        raise DemoFailed("RESULT['figures'] must be a list of SVG strings")
    if not all(f.lstrip().startswith("<svg") for f in figures):
        raise DemoFailed("each figure must be an <svg> element")
    facts = result.get("facts", [])
    if not (isinstance(facts, list) and all(_pair(item) for item in facts)):
        raise DemoFailed("RESULT['facts'] must be a list of [name, value] text pairs")
    table = result.get("table")
    if table is not None and not (
        isinstance(table, dict)
        and isinstance(table.get("columns"), list)
        and isinstance(table.get("rows"), list)
    ):
        raise DemoFailed("RESULT['table'] must have 'columns' and 'rows' lists")
    return result


def _pair(item: object) -> bool:
    return (
        isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(x, str) for x in item)
    )


@contextlib.contextmanager
def _importable() -> Iterator[None]:
    """Let the demo import its helpers (svgplot) from beside it, as in the browser.

    Helper modules are forgotten afterwards, so an edited helper is re-read on the next build.
    """
    entry = str(PYTHON_DIR)
    sys.path.insert(0, entry)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(entry)
        for name, module in list(sys.modules.items()):
            if Path(getattr(module, "__file__", None) or "/").parent == PYTHON_DIR:
                del sys.modules[name]
