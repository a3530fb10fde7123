"""Rendering helpers of the generated pages (termweave.pages.render)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from termweave.pages.earlyaccess import BADGE
from termweave.pages.render import make_environment, markdown_text, relative_src

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
