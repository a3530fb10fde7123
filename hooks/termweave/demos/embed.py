"""Expand `::demo[<id>]` lines in Markdown into the demo's HTML block.

The block carries everything a reader sees without JavaScript: the code, and the plot, summary and
output of one run under CPython at build time. demo.js enhances it in place.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from termweave.demos.buildrun import DemoFailed, load_defaults, read_source, run_demo
from termweave.demos.catalog import DEMOS, Demo
from termweave.demos.runtime import SITE_DEMO_DIR
from termweave.pages.render import make_environment

DIRECTIVE = re.compile(r"^[ \t]*::demo\[([^\]\n]*)\][ \t]*$")
LOOKS_LIKE = re.compile(r"^[ \t]*::demo\b")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Expansion:
    markdown: str
    ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _num(value: float) -> str:
    """Numbers for HTML attributes: no trailing .0, no float noise."""
    return f"{value:.6g}"


@cache
def _environment() -> Environment:
    env = make_environment(TEMPLATES, keep_trailing_newline=False)
    env.filters["num"] = _num
    env.filters["log10"] = math.log10
    return env


def asset_url(base_url: str, name: str) -> str:
    """URL of a demo asset relative to the page, from MkDocs' page-relative base_url."""
    base = base_url.rstrip("/")
    return f"{base}/{SITE_DEMO_DIR}/{name}" if base else f"{SITE_DEMO_DIR}/{name}"


def loader_tags(base_url: str) -> str:
    """The stylesheet and the module script; valid in <head> and in the page body alike."""
    css = Markup.escape(asset_url(base_url, "demo.css"))
    js = Markup.escape(asset_url(base_url, "demo.js"))
    return f'<link rel="stylesheet" href="{css}"><script type="module" src="{js}"></script>'


def render_block(demo: Demo, *, uid: str, pyodide_url: str | None = None, loader: str = "") -> str:
    """The block's HTML, with the build-time run of the demo's default settings inside."""
    defaults = load_defaults(demo.filename)
    run = run_demo(demo.filename, defaults)
    html = (
        _environment()
        .get_template("demo.html.j2")
        .render(
            demo=demo,
            uid=uid,
            pyodide_url=pyodide_url,
            loader=Markup(loader),
            defaults=defaults,
            result=run.result,
            stdout=run.stdout,
            code=read_source(demo.filename),
        )
    )
    return html.strip("\n")


def expand(
    markdown: str,
    *,
    source: str,
    pyodide_url: str | None = None,
    base_url: str | None = None,
) -> Expansion:
    """Replace directive lines outside fenced code; collect ids used and problems with lines."""
    if "::demo" not in markdown:  # every directive, well-formed or not, has it: most pages don't
        return Expansion(markdown)
    out: list[str] = []
    result = Expansion("")
    fence: tuple[str, int] | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= fence[1]:
                fence = None if not opened.group(2).strip() else fence
            out.append(line)
            continue
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = (opened.group(1)[0], len(opened.group(1)))
            out.append(line)
            continue
        match = DIRECTIVE.match(line)
        if match is None:
            if LOOKS_LIKE.match(line):
                result.problems.append(
                    f"{source}:{number}: malformed demo line {line.strip()!r} "
                    "(write it alone on its line as ::demo[<id>])"
                )
            out.append(line)
            continue
        demo_id = match.group(1).strip()
        demo = DEMOS.get(demo_id)
        if demo is None:
            known = ", ".join(sorted(DEMOS))
            result.problems.append(f"{source}:{number}: unknown demo {demo_id!r} (known: {known})")
            out.append(line)
            continue
        loader = loader_tags(base_url) if base_url is not None and not result.ids else ""
        uid = f"tw-{demo_id}-{len(result.ids) + 1}"
        try:
            block = render_block(demo, uid=uid, pyodide_url=pyodide_url, loader=loader)
        except DemoFailed as error:
            result.problems.append(f"{source}:{number}: demo {demo_id!r} failed to run: {error}")
            out.append(line)
            continue
        result.ids.append(demo_id)
        out.extend(["", block, ""])
    result.markdown = "\n".join(out)
    return result
