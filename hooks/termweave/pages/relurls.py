"""Relative links between site pages, as MkDocs computes them (`mkdocs.utils.get_relative_url`),
without importing MkDocs, and fast for the many links one page makes."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import lru_cache


def relative_url(url: str, page_url: str) -> str:
    """`url` (site-root-relative) as seen from the page at `page_url`; same result as
    mkdocs.utils.get_relative_url, without importing MkDocs."""
    dirname, _, basename = page_url.rpartition("/")
    base = dirname if "." in basename else page_url
    base_parts, dest_parts = _norm_parts(base), _norm_parts(url)
    common = _common_length(base_parts, dest_parts)
    relative = "/".join(("..",) * (len(base_parts) - common) + dest_parts[common:]) or "."
    return f"{relative}/" if url.endswith("/") else relative


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the Markdown page `src_uri` (`File.url`), for pages whose links
    are written before MkDocs has made their `File`s."""
    stem = src_uri.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    if name not in ("index", "README"):
        return f"{stem}/" if directory_urls else f"{stem}.html"
    if directory_urls:
        return f"{folder}/" if folder else "./"
    return f"{folder}/index.html" if folder else "index.html"


def src_linker(from_src: str, directory_urls: bool) -> Callable[[str], str]:
    """Links from the page `from_src` to other pages by their source paths, as MkDocs would
    make them: for HTML written into a page's Markdown ready-made."""
    urls = RelativeUrls(page_url(from_src, directory_urls))
    return lambda to_src: urls(page_url(to_src, directory_urls))


def _common_length(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many leading path segments `a` and `b` share."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common


@lru_cache(maxsize=4096)
def _norm_parts(path: str) -> tuple[str, ...]:
    return split_path(path)


def split_path(path: str) -> tuple[str, ...]:
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return tuple(normal.split("/")) if normal else ()


class RelativeUrls:
    """`relative_url(url, page_url)` for the many targets one page links to: the page's path is
    split once and each target folder's '../' prefix is worked out once, since most targets
    share a folder ('glossary/'). Same results as `relative_url`."""

    def __init__(self, page_url: str) -> None:
        dirname, _, basename = page_url.rpartition("/")
        self._page_url = page_url
        self._base = split_path(dirname if "." in basename else page_url)
        self._prefixes: dict[tuple[str, ...], str] = {}

    def __call__(self, url: str, parts: tuple[str, ...] | None = None) -> str:
        """`parts`: `url` already split (see `split_path`), when the caller keeps it."""
        parts = split_path(url) if parts is None else parts
        base, depth = self._base, len(parts) - 1
        if depth < 0 or (base[:depth] == parts[:depth] and base[depth : depth + 1] == parts[-1:]):
            return relative_url(url, self._page_url)  # the page itself or inside the target
        folder = parts[:depth]
        prefix = self._prefixes.get(folder)
        if prefix is None:
            common = _common_length(base, folder)
            prefix = "../" * (len(base) - common) + "".join(f"{p}/" for p in folder[common:])
            self._prefixes[folder] = prefix
        return f"{prefix}{parts[-1]}/" if url.endswith("/") else f"{prefix}{parts[-1]}"
