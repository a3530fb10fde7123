"""What search costs a reader, in bytes, measured in Chromium (`scripts/bench.py`): every search
file the browser fetched from the page's load until the first 10 results of a query typed at
once were shown, text files counted gzip-compressed as static hosts serve them.

    python -m benchmarks.searchbytes SITE [--engine ours|material] [--query TEXT ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.model import BytesResult, QueryBytes

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TEXT_SUFFIXES = (".js", ".mjs", ".json", ".css", ".html", ".txt")
FIRST_RESULTS = 10
# Which fetched files are search's: ours (names files, Pagefind's bundle, our module) and
# Material's (its index, its worker)
SEARCH_FILES = {
    "ours": ("search/", "assets/termweave/search.mjs"),
    "material": ("search/", "assets/javascripts/workers/search."),
}


def sent_size(path: Path) -> int:
    """A file's size over the wire: gzip-compressed when it is text (Pagefind's own files
    are compressed already and count as stored)."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in TEXT_SUFFIXES else len(data)


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the stdlib's own class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def default_queries(site: Path) -> list[str]:
    """Queries a reader would type, from the site's own terms: an acronym alias, a two-word
    name, its plural, and the last word of that name (a word many pages share)."""
    data = json.loads((site / "search" / "terms.json").read_text(encoding="utf-8"))
    for name, _, aliases, _, _ in data["terms"]:
        acronyms = [a for a in aliases.split(", ") if a.isupper() and len(a) > 1]
        if " " in name and acronyms:
            last = name.rsplit(" ", 1)[-1].lower()
            return [acronyms[0], name, f"{name}s", last]
    first = data["terms"][0][0]
    return [first, first.split(" ")[0].lower()]


def _wait_for_results(page: object, engine: str) -> int:
    if engine == "ours":
        page.wait_for_function(  # type: ignore[attr-defined]
            """() => /^(Results|No results)/.test(
                document.querySelector('.tw-search-status').textContent)""",
            timeout=60_000,
        )
        return int(page.locator("#tw-search-results > li").count())  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => /matching|No matching/i.test(
            (document.querySelector('.md-search-result__meta') || {}).textContent || '')""",
        timeout=120_000,
    )
    return int(page.locator(".md-search-result__item").count())  # type: ignore[attr-defined]


def measure(site: Path, queries: list[str], engine: str = "ours") -> list[QueryBytes]:
    """One fresh browser context per query (nothing cached): load the home page, type the
    query at once, wait for the first results, add up the search files fetched."""
    from playwright.sync_api import sync_playwright

    prefixes = SEARCH_FILES[engine]
    found: list[QueryBytes] = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched: list[str] = []
                page.on("requestfinished", lambda request: fetched.append(request.url))  # noqa: B023
                page.goto(base, wait_until="load")
                field = page.locator("input.md-search__input")
                field.click()
                if engine == "ours":
                    field.fill(query)  # typed at once
                else:
                    field.press_sequentially(query)  # Material reacts to keys
                shown = _wait_for_results(page, engine)
                paths = {unquote(urlsplit(url).path).lstrip("/") for url in fetched}
                files = [site / p for p in sorted(paths) if p.startswith(prefixes)]
                files = [f for f in files if f.is_file()]
                found.append(
                    QueryBytes(
                        query,
                        len(files),
                        sum(f.stat().st_size for f in files),
                        sum(sent_size(f) for f in files),
                        min(shown, FIRST_RESULTS),
                    )
                )
                context.close()
        finally:
            browser.close()
    return found


def largest_az_page(site: Path) -> int:
    """The gzip-compressed size of the largest A–Z page: the index or a letter's."""
    pages = [
        site / "glossary" / "index.html",
        *(site / "glossary" / "letters").glob("*/index.html"),
    ]
    return max(sent_size(page) for page in pages if page.is_file())


def measure_both(size: int, ours: Path, plain: Path) -> BytesResult:
    """The same queries (chosen from our site's terms) on our site and on the plain one."""
    queries = default_queries(ours)
    return BytesResult(
        size,
        measure(ours, queries, "ours"),
        measure(plain, queries, "material"),
        largest_az_page(ours),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", choices=sorted(SEARCH_FILES), default="ours")
    parser.add_argument("--query", action="append", default=[])
    args = parser.parse_args(argv)
    queries = args.query or default_queries(args.site)
    for result in measure(args.site, queries, args.engine):
        print(json.dumps(result.__dict__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
