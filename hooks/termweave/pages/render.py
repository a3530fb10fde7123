"""Jinja rendering of the generated Markdown pages (autoescape on, StrictUndefined)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from termweave.pages.earlyaccess import BADGE

TEMPLATES = Path(__file__).parent / "templates"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!-])")


def markdown_text(value: object) -> Markup:
    """Plain text made safe in Markdown: Markdown syntax backslash-escaped, then HTML-escaped."""
    return Markup(str(escape(_MARKDOWN_SPECIALS.sub(r"\\\1", str(value)))))


def _cached_markdown_text() -> Callable[[object], Markup]:
    """`markdown_text` remembering its answers for one environment (one build): the same titles
    and summaries are written on many pages (related terms, lists)."""
    cache: dict[str, str] = {}  # plain strings: the garbage collector need not track them

    def cached(value: object) -> Markup:
        text = str(value)
        found = cache.get(text)
        if found is None:
            found = cache[text] = str(markdown_text(text))
        return Markup(found)

    return cached


def markdown_source(value: object) -> Markup:
    """Author Markdown passed through unchanged (it is the content, not data)."""
    return Markup(str(value))


def escape_page_meta(meta: MutableMapping[str, Any]) -> None:
    """MkDocs and Material print a page's title (in <title>, the header, the navigation, the
    search index) and description as they are, markup and all. Escaped here, once, as Markup:
    templates that escape again (`| e`) leave it alone, and a reader sees the text as written."""
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)


def plain_text(value: str) -> str:
    """The text of a title that may have been escaped by `escape_page_meta`."""
    return value.unescape() if isinstance(value, Markup) else value


def relative_src(from_src: str, to_src: str) -> str:
    """Link from one page's source path to another's, as MkDocs resolves Markdown links.
    Pure string work: `posixpath.relpath` asks the OS for the working directory on every call,
    and a build makes tens of thousands of these links, most from the same few folders to the
    same few pages (a cache by folder: a pure function of its arguments)."""
    return _relative_from_folder(posixpath.dirname(from_src), to_src)


@lru_cache(maxsize=16384)
def _relative_from_folder(folder: str, to_src: str) -> str:
    start = posixpath.normpath(folder or ".")
    target = posixpath.normpath(to_src)
    if start.startswith(("/", "..")) or target.startswith(("/", "..")):
        return posixpath.relpath(to_src, folder or ".")
    base = [] if start == "." else start.split("/")
    parts = [] if target == "." else target.split("/")
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def month_year(value: Any) -> str:
    return f"{value:%B %Y}"


def make_environment(
    templates: Path = TEMPLATES, *, keep_trailing_newline: bool = True
) -> Environment:
    """Every template of the project renders with autoescape on and StrictUndefined."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=keep_trailing_newline,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["mdtext"] = _cached_markdown_text()
    env.filters["markdown"] = markdown_source
    env.filters["month_year"] = month_year
    env.filters["attr"] = lambda value: escape(str(value))
    # after an item of a list: a global and an `if`, because a macro call per item cost more
    # than the rest of a term page
    env.globals["early_badge"] = Markup(f" {BADGE}")
    return env


def render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
