"""The names files: every name, alias and plural, normalised, in the shard its first characters
choose, pointing at its term; and the whole list for the A–Z filter."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitekit import FIXTURES
from termweave.pages.generated import term_src
from termweave.search.names import (
    INDEX_FILE,
    NAMES_DIR,
    SHARD_DEPTH,
    TERMS_FILE,
    name_shards,
    normalise,
    shard_of,
    term_keys,
    write_names,
)
from termweave.search.stopwords import STOP_WORDS
from termweave.source.registry import load_registry


def registry():  # type: ignore[no-untyped-def]
    return load_registry(FIXTURES / "mini" / "glossary", FIXTURES / "mini" / "content")


def url_of(src: str) -> str:
    return src[: -len(".md")] + "/"


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("Époque-2") == "epoque 2"
    assert normalise("  Learning   RATE ") == "learning rate"
    assert normalise("Top-k / top_p") == "top k top p"
    assert normalise("R&D") == "r d"
    assert normalise("!!!") == ""


@given(st.text())
def test_normalise_is_idempotent_and_shards_are_safe_file_names(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once
    shard = shard_of(once)
    assert len(shard) <= SHARD_DEPTH and all(
        c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in shard
    )


def test_term_keys_are_name_aliases_and_their_plurals() -> None:
    term = registry().terms["learning-rate"]
    assert term_keys(term) == [
        "learning rate",
        "learning rates",
        "lr",
        "lrs",
        "step size",
        "step sizes",
    ]


def test_each_key_is_in_its_shard_pointing_at_its_term() -> None:
    reg = registry()
    shards = name_shards(reg, url_of)
    for slug, term in reg.terms.items():
        for key in term_keys(term):
            shard = shards[shard_of(key)]
            records = [shard["terms"][i] for i in shard["keys"][key]]
            assert [r[1] for r in records] == [url_of(term_src(slug))], key
            name, _, category, summary, early = records[0]
            assert (name, category, summary, early) == (
                term.term,
                term.category,
                term.summary,
                int(term.early_access),
            )
    assert all(shard == shard_of(k) for shard, data in shards.items() for k in data["keys"])


def test_written_files(tmp_path: Path) -> None:
    reg = registry()
    write_names(tmp_path, reg, url_of)
    index = json.loads((tmp_path / NAMES_DIR / INDEX_FILE).read_text(encoding="utf-8"))
    assert index["depth"] == SHARD_DEPTH
    assert index["stop"] == sorted(STOP_WORDS)  # what the search box leaves out of queries
    assert (
        sorted(p.stem for p in (tmp_path / NAMES_DIR).glob("*.json") if p.name != INDEX_FILE)
        == index["shards"]
    )
    terms = json.loads((tmp_path / TERMS_FILE).read_text(encoding="utf-8"))["terms"]
    assert [t[0] for t in terms] == [t.term for t in reg.terms_sorted()]
    lr = next(t for t in terms if t[0] == "Learning rate")
    assert lr[1:3] == ["glossary/learning-rate/", "LR, step size"]
    assert not list(tmp_path.rglob("*.part"))
