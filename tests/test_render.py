"""Rendering helpers of the generated pages (termweave.pages.render)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from termweave.pages.earlyaccess import BADGE
from termweave.pages.render import (
    escape_page_meta,
    make_environment,
    markdown_text,
    plain_text,
    relative_src,
)

_SEGMENT = st.sampled_from(["a", "b", "glossary", "practitioner", "x.md", "index.md", ".."])
_SRC = st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join)


@given(from_src=_SRC, to_src=_SRC)
def test_relative_src_agrees_with_relpath(from_src: str, to_src: str) -> None:
    """The string-only version (cached by folder) gives what posixpath.relpath gives, asked
    twice so the cached answer is checked too."""
    expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    assert relative_src(from_src, to_src) == expected
    assert relative_src(from_src, to_src) == expected


def test_early_badge_follows_an_item_without_eating_the_line_break() -> None:
    env = make_environment()
    template = env.from_string(
        "{% for x in items %}\n- {{ x.name }}{{ early_badge if x.early else '' }}\n{% endfor %}"
    )
    items = [{"name": "A", "early": True}, {"name": "B <b>", "early": False}]
    assert template.render(items=items) == f"- A {BADGE}\n- B &lt;b&gt;\n"


def test_markdown_text_escapes_markdown_then_html() -> None:
    assert str(markdown_text("a_b [c] <d> & *e*")) == r"a\_b \[c\] &lt;d&gt; &amp; \*e\*"


def test_page_titles_and_descriptions_are_escaped_once() -> None:
    meta: dict[str, object] = {
        "title": "X </title><img src=x onerror=alert(1)>",
        "description": 'Q&A "quoted"',
        "order": 3,
    }
    escape_page_meta(meta)
    assert meta["title"] == "X &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert meta["description"] == "Q&amp;A &#34;quoted&#34;"
    assert isinstance(meta["title"], Markup) and meta["order"] == 3
    escape_page_meta(meta)  # a second call (mkdocs serve, another hook) changes nothing
    assert meta["title"] == "X &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escape(meta["title"]) == meta["title"]  # templates that escape again leave it alone
    assert plain_text(str(meta["title"])) == str(meta["title"])  # a plain str is plain text
    assert plain_text(meta["title"]) == "X </title><img src=x onerror=alert(1)>"  # type: ignore[arg-type]
    empty: dict[str, object] = {}
    escape_page_meta(empty)
    assert empty == {}
