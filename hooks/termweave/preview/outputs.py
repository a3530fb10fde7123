"""What a rebuild hands on from the pages it read and wrote: their plans, the back-links by
term, the search documents, and the site's files that no longer belong to it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from mkdocs.structure.files import File

from termweave.links.backlinks import BackLink
from termweave.links.planning import PlannedPage
from termweave.pages.generated import INDEX_SRC
from termweave.preview.kept import KeptPage
from termweave.search.names import INDEX_FILE
from termweave.site.build import BuildState, export_text
from termweave.source.registry import Registry


def plans(state: BuildState, doc_files: Sequence[File]) -> dict[str, PlannedPage | None]:
    """Each page's plan as on_env left it (before the pages are written take them)."""
    plans = state.link_plans
    return {f.src_uri: plans.get(f.page.url) if f.page else None for f in doc_files}


def by_term(pages: Iterable[KeptPage]) -> dict[str, dict[str, BackLink]]:
    by_term: dict[str, dict[str, BackLink]] = {}
    for kept in pages:
        if kept.planned is not None:
            for slug in kept.planned.plan.mentioned:
                by_term.setdefault(slug, {})[kept.planned.link.url] = kept.planned.link
    return by_term


def index_jsonld(state: BuildState) -> str:
    return export_text(state, INDEX_SRC) if INDEX_SRC in state.page_urls else ""


def names_key(registry: Registry) -> tuple[object, ...]:
    """What `search.names` writes of each term (its URL follows from its slug)."""
    return tuple(
        (slug, t.term, t.aliases, t.summary, t.early_access, t.category)
        for slug, t in sorted(registry.terms.items())
    )


def documents(
    state: BuildState, doc_files: Sequence[File], write: set[str], before: dict[str, str]
) -> dict[str, str]:
    """Every indexed page's search document, in the order a full build hands them over: those
    of the pages just written, the others' as the last build left them."""
    written = dict(state.search.documents)
    documents: dict[str, str] = {}
    for file in doc_files:
        if file.page is None:
            continue
        url = f"/{file.page.url}"
        document = written.get(url) if file.src_uri in write else before.get(url)
        if document is not None:
            documents[url] = document
    return documents


def remove_stale_shards(folder: Path) -> None:
    """The names files of shards no name falls in any more (the build writes the others)."""
    index = folder / INDEX_FILE
    if not index.is_file():
        return
    shards = {f"{name}.json" for name in json.loads(index.read_text(encoding="utf-8"))["shards"]}
    for path in folder.glob("*.json"):
        if path.name != INDEX_FILE and path.name not in shards:
            path.unlink()


def remove_gone(before: dict[str, str], now: dict[str, str], site_dir: Path) -> None:
    """Output files of pages that no longer exist, and their emptied folders."""
    for src_uri in before.keys() - now.keys():
        path = Path(before[src_uri])
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
