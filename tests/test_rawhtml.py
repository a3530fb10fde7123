"""Ready-made HTML passes through Markdown untouched (termweave.pages.rawhtml)."""

from __future__ import annotations

import markdown

from termweave.pages import rawhtml

TABLE = '<table>\n<tr><td><a href="../x/">*x* [y](z.md)</a></td></tr>\n</table>'


def test_a_marked_block_is_set_aside_and_put_back_whole() -> None:
    source = f"# T\n\nBefore *it*.\n\n{rawhtml.OPEN}\n{TABLE}\n{rawhtml.CLOSE}\n\nAfter.\n"
    aside, blocks = rawhtml.set_aside(source)
    assert blocks == [TABLE]
    assert "<table>" not in aside
    html = rawhtml.put_back(markdown.markdown(aside), blocks)
    assert html == f"<h1>T</h1>\n<p>Before <em>it</em>.</p>\n{TABLE}\n\n<p>After.</p>"


def test_pages_without_blocks_are_left_as_they_are() -> None:
    assert rawhtml.set_aside("# T\n\n<!-- a comment -->\n") == ("# T\n\n<!-- a comment -->\n", [])
    assert rawhtml.put_back("<p>x</p>", []) == "<p>x</p>"
