"""Search for one build: each indexed page's article goes to Pagefind as the build writes it
(`indexer.Indexer`, on another core), and at the end the bundle and the names files are
written under `site/search/`. Under `mkdocs serve` the pages are kept instead and indexed in
the background after the build (`searchserve`), so a reload never waits for the index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from termweave.search import serve as searchserve
from termweave.search.indexer import Indexer
from termweave.search.names import SEARCH_DIR, write_names
from termweave.search.records import SearchRecord, article_document, mark_article, tidy_bundle
from termweave.source.registry import Registry

BUNDLE_DIR = "pagefind"  # under SEARCH_DIR


def bundle_path(site_dir: Path) -> Path:
    return site_dir / SEARCH_DIR / BUNDLE_DIR


@dataclass
class SearchBuild:
    """The pages of one build on their way to the index."""

    language: str
    serving: bool  # under `mkdocs serve`: index after the build, in the background
    indexer: Indexer | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)  # serving: (URL, HTML)
    names_kept: bool = False  # the names files in the site are this build's already (preview)

    def start(self) -> None:
        """Start Pagefind (not when serving): it indexes while the pages are rendered."""
        if not self.serving and self.indexer is None:
            self.indexer = Indexer(self.language)

    def page(self, output: str, url: str, record: SearchRecord | None) -> str:
        """An indexed page's HTML with its article marked, and the article sent to the index."""
        if record is None:
            return output
        marked = mark_article(output, record)
        document = article_document(marked, self.language)
        if document is not None:
            site_url = f"/{url}"
            if self.indexer is not None:
                self.indexer.add(site_url, document)
            else:
                self.documents.append((site_url, document))
        return marked

    def start_writing(self, site_dir: Path) -> None:
        """Every page is written: Pagefind may write the bundle while the build ends."""
        if self.indexer is not None:
            self.indexer.start_write(bundle_path(site_dir).resolve())

    def finish(self, site_dir: Path, registry: Registry, url_of: Callable[[str], str]) -> int:
        """Write the names files and the index (or, serving, hand the pages to the background
        indexer and put the last index back in place); returns Pagefind's peak memory."""
        if not self.names_kept:
            write_names(site_dir / SEARCH_DIR, registry, url_of)
        if self.serving:
            searchserve.reindexer().submit(bundle_path(site_dir), self.documents, self.language)
            self.documents = []
            return 0
        if self.indexer is None:
            self.start()
        assert self.indexer is not None
        indexer, self.indexer = self.indexer, None
        peak = indexer.write(bundle_path(site_dir).resolve())
        tidy_bundle(bundle_path(site_dir))
        return peak

    def abort(self) -> None:
        """The build failed: end Pagefind, write nothing."""
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None
