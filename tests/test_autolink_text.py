"""The HTML text walker under the linker (termweave.links.htmltext)."""

from __future__ import annotations

import html as html_lib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termweave.links.htmltext import decode, opts_out, prose_pieces


def pieces(page: str) -> list[str]:
    texts, starts = prose_pieces(page)
    for text, start in zip(texts, starts, strict=True):
        assert page[start : start + len(text)] == text  # each piece is where it says it is
    return [text for text in texts if text]


def test_spans_are_the_text_between_tags() -> None:
    page = '<p>One <em class="x">two</em> three<br>four &amp; five</p>\n'
    assert pieces(page) == ["One ", "two", " three", "four &amp; five", "\n"]


def test_spans_skip_excluded_elements_and_nesting_of_the_same_name() -> None:
    page = '<div class="no-autolink"><div>a</div>b</div>c<pre><code>d</code></pre>e'
    assert pieces(page) == ["c", "e"]


def test_attributes_with_angle_brackets_and_quotes() -> None:
    page = """<p title="a > b" data-x = 'c > d'>text</p><span title=">">more</span>"""
    assert pieces(page) == ["text", "more"]
    # a quote only opens a value after '=': elsewhere it is part of a name, as in browsers
    assert pieces("""<p don't>one</p><p x=a"b>two</p>""") == ["one", "two"]


def test_comments_cdata_doctype_and_processing_instructions_are_markup() -> None:
    page = "<!DOCTYPE html><?php x ?><!-- a <p> -->one<![CDATA[ b ]]>two"
    assert pieces(page) == ["one", "two"]


def test_a_lone_less_than_is_text() -> None:
    assert pieces("a < b <3 c") == ["a < b <3 c"]


def test_unterminated_markup_ends_linking_safely() -> None:
    assert pieces("x<!-- never closed") == ["x"]
    assert pieces("x<script>never closed") == ["x"]
    assert pieces('x<p title="never closed>y') == ["x"]
    assert pieces("x<code>never closed") == ["x"]
    assert pieces("x<code>a<code>b</code>still code") == ["x"]
    assert pieces("<A HREF='#'>link</a>text<CODE/>more") == ["text", "more"]


@pytest.mark.parametrize(
    ("tag", "out"),
    [
        ('<p class="no-autolink">', True),
        ("<p class='a no-autolink b'>", True),
        ("<p class=no-autolink>", True),
        ('<p data-autolink="off">', True),
        ('<p DATA-AUTOLINK="False">', True),
        ('<p data-autolink="on">', False),
        ('<p class="no-autolinks">', False),
        ('<p title="no-autolink">', False),
        ("<p>", False),
    ],
)
def test_opt_out_marker(tag: str, out: bool) -> None:
    assert opts_out(tag) is out


def test_decode_maps_back_to_the_source() -> None:
    raw = "R&amp;D\n  and&nbsp;x &bogus; &#233;"
    text, offsets = decode(raw)
    assert text == "R&D and x &bogus; é"
    assert offsets is not None and len(offsets) == len(text) + 1
    assert raw[offsets[1] : offsets[2]] == "&amp;"
    assert raw[offsets[3] : offsets[4]] == "\n  "


def test_decode_fast_path() -> None:
    assert decode("plain words here") == ("plain words here", None)


@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                " ",
                "  ",
                "\n",
                "&amp;",
                "&lt;",
                "&nbsp;",
                "&#233;",
                "&x;",
                "&",
                "\t",
                "\u00a0",
                "é",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_decode_offsets_cover_the_source_in_order(raw: str) -> None:
    text, offsets = decode(raw)
    if offsets is None:
        assert text == raw
        return
    assert offsets[0] == 0 or raw[: offsets[0]] == " " or raw[: offsets[0]].isspace()
    assert offsets == sorted(offsets) and offsets[-1] == len(raw)
    for index, char in enumerate(text):
        source = raw[offsets[index] : offsets[index + 1]]
        if char == " ":
            assert source.replace("&nbsp;", " ").isspace() or source.startswith("&nbsp;")
        else:
            assert html_lib.unescape(source) == char or source == char
