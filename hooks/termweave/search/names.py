"""The glossary's names for the browser: small files that let search answer a term's name,
alias or plural with its page first, and let the A–Z filter box narrow the terms at once.

* `search/names/<shard>.json`: every name, alias and plural (normalised) whose first characters
  are the shard's, mapped to its terms (name, URL, category, summary, early access). The search
  box fetches the one shard a query needs, never the whole list.
* `search/terms.json`: every term once (name, URL, aliases, summary, early access), for the A–Z
  filter box, fetched only when a reader uses it.

`normalise` here and `normalise` in assets/search.mjs must agree (tested)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from termweave.links.inflect import plurals
from termweave.pages.generated import term_src
from termweave.search.stopwords import STOP_WORDS
from termweave.source.model import Term
from termweave.source.registry import Registry

SEARCH_DIR = "search"
NAMES_DIR = "names"
TERMS_FILE = "terms.json"
INDEX_FILE = "index.json"  # under NAMES_DIR: the depth and the shards there are
SHARD_DEPTH = 2  # characters of a normalised name that choose its shard
_SEPARATORS = re.compile(r"[\W_]+")
_SHARD_UNSAFE = re.compile(r"[^a-z0-9]")


def normalise(text: str) -> str:
    """Lowercase, accents dropped, every run of non-letters one space: 'Époque-2' -> 'epoque 2'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _SEPARATORS.sub(" ", plain).strip()


def shard_of(key: str) -> str:
    """The shard file (without .json) holding a normalised name: its first SHARD_DEPTH
    characters, anything but a-z and 0-9 spelled '_'."""
    return _SHARD_UNSAFE.sub("_", key[:SHARD_DEPTH])


def term_keys(term: Term) -> list[str]:
    """Every normalised name a reader may type for the term: name, aliases, their plurals."""
    keys: list[str] = []
    for name in term.names:
        for form in (name, *plurals(name)):
            key = normalise(form)
            if key and key not in keys:
                keys.append(key)
    return keys


def _record(term: Term, url: str) -> list[Any]:
    return [term.term, url, term.category, term.summary, 1 if term.early_access else 0]


def name_shards(registry: Registry, url_of: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """shard -> {"terms": [record, ...], "keys": {normalised name: [index in terms, ...]}}."""
    shards: dict[str, dict[str, Any]] = {}
    for term in registry.terms_sorted():
        record = _record(term, url_of(term_src(term.slug)))
        for key in term_keys(term):
            shard = shards.setdefault(shard_of(key), {"terms": [], "keys": {}, "_at": {}})
            at: dict[str, int] = shard["_at"]
            if term.slug not in at:
                at[term.slug] = len(shard["terms"])
                shard["terms"].append(record)
            found: list[int] = shard["keys"].setdefault(key, [])
            if at[term.slug] not in found:
                found.append(at[term.slug])
    for shard in shards.values():
        del shard["_at"]
    return shards


def terms_list(registry: Registry, url_of: Callable[[str], str]) -> list[list[Any]]:
    """Every term once, A–Z: [name, URL, aliases, summary, early access]."""
    return [
        [t.term, url_of(term_src(t.slug)), ", ".join(t.aliases), t.summary, int(t.early_access)]
        for t in registry.terms_sorted()
    ]


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_names(folder: Path, registry: Registry, url_of: Callable[[str], str]) -> list[Path]:
    """Write the shards and the terms list under `folder` (the site's search folder), each file
    replaced whole (written aside, then renamed), so a reader never fetches half of one."""
    written: list[Path] = []
    shards = name_shards(registry, url_of)
    (folder / NAMES_DIR).mkdir(parents=True, exist_ok=True)
    # the words the index leaves out of page text, which the search box leaves out of queries
    index = {"depth": SHARD_DEPTH, "shards": sorted(shards), "stop": sorted(STOP_WORDS)}
    files: Iterable[tuple[Path, Any]] = [
        *((folder / NAMES_DIR / f"{name}.json", data) for name, data in shards.items()),
        (folder / NAMES_DIR / INDEX_FILE, index),
        (folder / TERMS_FILE, {"terms": terms_list(registry, url_of)}),
    ]
    for path, data in files:
        partial = path.with_name(path.name + ".part")
        partial.write_text(_dump(data), encoding="utf-8")
        partial.replace(path)
        written.append(path)
    return written
