"""Unit tests of the early-access helpers, with inline Markdown and HTML."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termweave.pages.earlyaccess import BADGE, insert_note, mark_search_index, resolve, unwrap_links


def test_note_goes_under_the_h1() -> None:
    result = insert_note("Intro\n\n# Title\n\nBody", "lesson")
    assert result.startswith('Intro\n\n# Title\n\n<p class="tw-early-access-note" role="note">')
    assert BADGE in result and "This lesson is in early access" in result
    assert result.endswith("\nBody")


def test_note_at_top_without_h1_or_h1_only_in_code() -> None:
    markdown = "Body\n\n```\n# not a heading\n```\n"
    assert insert_note(markdown, "level").startswith('<p class="tw-early-access-note"')


def test_resolve_relative_urls() -> None:
    assert resolve("tuning/a/", "../b/") == "tuning/b/"
    assert resolve("", "glossary/x/") == "glossary/x/"
    assert resolve("tuning/a/", "../../glossary/x/#top") == "glossary/x/"
    assert resolve("a/", "https://example.org/x/") is None
    assert resolve("a/", "#here") is None


def test_unwrap_links_to_hidden_pages_keeps_text() -> None:
    html = (
        '<p>See <a href="../b/">B <em>now</em></a>, <a class="x" href="../c/">C</a> '
        "and <a href='../../glossary/t/index.html'>T</a>.</p>"
    )
    result = unwrap_links(html, "tuning/a/", {"tuning/b/", "glossary/t/"})
    assert result == '<p>See B <em>now</em>, <a class="x" href="../c/">C</a> and T.</p>'


def test_unwrap_nothing_when_nothing_hidden() -> None:
    html = '<a href="../b/">B</a>'
    assert unwrap_links(html, "a/", set()) == html


def _index(docs: list[dict[str, str]], **dumps: Any) -> str:
    return json.dumps({"config": {"lang": ["en"]}, "docs": docs}, **dumps)


def _titles(index: Path) -> list[str]:
    return [doc["title"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]


def test_search_marks_page_level_results(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    docs = [
        {"location": "t/", "title": "T", "text": ""},
        {"location": "t/#a", "title": "A", "text": ""},
        {"location": "u/", "title": "U", "text": ""},
    ]
    index.write_text(_index(docs), encoding="utf-8")
    assert mark_search_index(index, {"t/"}) == 1
    assert _titles(index) == ["T (early access)", "A", "U"]


def test_search_marks_in_place_when_laid_out_as_material_writes_it(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    docs = [
        {"location": "t/", "title": 'Say "hi" \\ é', "text": '{"location":"t/","title":"x"}'},
        {"location": "t/#a", "title": "A", "text": ""},
        {"location": "u/", "title": "U (early access)", "text": ""},
    ]
    index.write_text(_index(docs, separators=(",", ":")), encoding="utf-8")
    assert mark_search_index(index, {"t/", "u/"}) == 1
    assert _titles(index) == ['Say "hi" \\ é (early access)', "A", "U (early access)"]
    assert json.loads(index.read_text(encoding="utf-8"))["docs"][0]["text"] == docs[0]["text"]


def test_search_marks_without_a_copy_of_the_index(tmp_path: Path) -> None:
    """The index is the build's largest file and is marked at the build's peak of memory: the
    marks are written from the bytes read, with no second copy (before, the text was joined
    again whole); no partial file is left behind."""
    index = tmp_path / "search_index.json"
    docs = [{"location": "t/", "title": "T", "text": ""}]
    docs += [{"location": f"p{i}/", "title": "P", "text": "word " * 200} for i in range(2000)]
    index.write_text(_index(docs, separators=(",", ":")), encoding="utf-8")
    size = index.stat().st_size
    tracemalloc.start()
    try:
        assert mark_search_index(index, {"t/"}) == 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.2 * size
    assert _titles(index)[:2] == ["T (early access)", "P"]
    assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]


_TEXT = st.text(alphabet=st.sampled_from(['"', "\\", "/", "a", " ", "é", "{", ":", ",", "\n"]))


@given(
    docs=st.lists(
        st.fixed_dictionaries(
            {"location": st.sampled_from(["", "t/", "t/#a", 'q"/', "é/", "u/"]), "title": _TEXT}
        ).map(lambda d: {**d, "text": d["title"]}),
        max_size=6,
    ),
    early=st.sets(st.sampled_from(["", "t/", 'q"/', "é/", "x/"]), min_size=1),
)
def test_search_marks_in_place_as_a_full_decode_would(
    tmp_path_factory: pytest.TempPathFactory, docs: list[dict[str, str]], early: set[str]
) -> None:
    """Inserted into Material's compact layout or made by decoding and encoding the whole
    index (any other layout), the marked index is the same."""
    folder = tmp_path_factory.mktemp("index")
    compact, spaced = folder / "compact.json", folder / "spaced.json"
    compact.write_text(_index(docs, separators=(",", ":")), encoding="utf-8")
    spaced.write_text(_index(docs, indent=1), encoding="utf-8")
    assert mark_search_index(compact, early) == mark_search_index(spaced, early)
    assert json.loads(compact.read_text(encoding="utf-8")) == json.loads(
        spaced.read_text(encoding="utf-8")
    )
