"""Our client of `pagefind --service`: pages in, a bundle out, errors reported."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from termweave.search.indexer import Indexer, IndexerError, decode, encode

ARTICLE = (
    '<html lang="en"><head></head><body><article data-pagefind-body '
    'data-pagefind-meta="kind[data-tw-kind]" data-tw-kind="term">'
    "<h1>Learning rate</h1><p>How big a step. <span data-pagefind-ignore>hidden words</span></p>"
    '<h2 id="why">Why</h2><p>Because.</p></article></body></html>'
)


def fragments(bundle: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        found[record["url"]] = record
    return found


def test_encode_decode_round_trip() -> None:
    message = encode(7, {"type": "NewIndex"})
    assert message.endswith(b",") and b"," not in message[:-1]
    assert decode(message[:-1]) == {"message_id": 7, "payload": {"type": "NewIndex"}}


def test_pages_in_bundle_out(tmp_path: Path) -> None:
    indexer = Indexer("en")
    for n in range(30):
        indexer.add(f"/glossary/t{n}/", ARTICLE.replace("Learning rate", f"Term {n}"))
    peak = indexer.write(tmp_path / "bundle")
    assert peak > 0
    records = fragments(tmp_path / "bundle")
    assert len(records) == 30
    record = records["/glossary/t3/"]
    assert record["meta"] == {"kind": "term", "title": "Term 3"}
    assert "hidden words" not in str(record["content"]) and "Because." in str(record["content"])
    assert (tmp_path / "bundle" / "pagefind.js").is_file()
    assert indexer.process.poll() is not None  # ended


def test_a_failed_write_is_an_error_with_pagefind_s_words(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    indexer = Indexer("en")
    indexer.add("/a/", ARTICLE)
    with pytest.raises(IndexerError, match="Pagefind failed"):
        indexer.write(blocker / "bundle")


def test_close_ends_the_process_without_writing(tmp_path: Path) -> None:
    indexer = Indexer("en")
    indexer.add("/a/", ARTICLE)
    indexer.close()
    assert indexer.process.poll() is not None


def test_what_authors_write_to_leave_a_passage_out(tmp_path: Path) -> None:
    """The two forms the README gives: attr_list under a paragraph, a raw HTML block."""
    import markdown

    text = (
        'Keep alpha.\n\nDrop beta.\n{ data-pagefind-ignore="" }\n\n'
        "<div data-pagefind-ignore markdown>\nDrop *gamma*.\n</div>\n\nKeep delta.\n"
    )
    body = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    indexer = Indexer("en")
    indexer.add(
        "/a/", f'<html lang="en"><body><article data-pagefind-body>{body}</article></body></html>'
    )
    indexer.write(tmp_path / "bundle")
    assert fragments(tmp_path / "bundle")["/a/"]["content"] == "Keep alpha. Keep delta."
