"""Relative links between pages (termweave.pages.relurls) agree with MkDocs' own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from termweave.pages.relurls import RelativeUrls, page_url, relative_url


@pytest.mark.parametrize("page_url", ["", "a/", "a/b/", "a/b/c.html", "glossary/x/", "a/../b/"])
@pytest.mark.parametrize("url", ["glossary/batch/", "a/b/", "", "index.html", "a/b/c.html"])
def test_relative_url_agrees_with_mkdocs(url: str, page_url: str) -> None:
    assert relative_url(url, page_url) == get_relative_url(url, page_url)
    assert RelativeUrls(page_url)(url) == get_relative_url(url, page_url)


_SEGMENT = st.sampled_from(["a", "b", "glossary", "x", "..", ".", "c.html", "index.html"])
_PATH = st.builds(
    lambda parts, slash: "/".join(parts) + ("/" if slash and parts else ""),
    st.lists(_SEGMENT, max_size=4),
    st.booleans(),
)


@given(page_url=_PATH, urls=st.lists(_PATH, min_size=1, max_size=6))
def test_relative_urls_of_one_page_agree_with_mkdocs(page_url: str, urls: list[str]) -> None:
    """The per-page shortcut (one '../' prefix per target folder, reused) never differs from
    MkDocs' own answer, whatever order the targets come in and whichever share a folder."""
    relative = RelativeUrls(page_url)
    for url in urls + urls:
        assert relative(url) == get_relative_url(url, page_url), (url, page_url)


@pytest.mark.parametrize(
    "src_uri", ["glossary/x.md", "glossary/index.md", "index.md", "a/b/README.md", "a/b/c.md"]
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_url_agrees_with_mkdocs_files(src_uri: str, directory_urls: bool) -> None:
    from mkdocs.structure.files import File

    expected = File(src_uri, "/docs", "/site", directory_urls).url
    assert page_url(src_uri, directory_urls) == expected
