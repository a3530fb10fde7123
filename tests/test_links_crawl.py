"""Every internal link and anchor of the built shipped site resolves: a crawl of the built files
(no browser, no server). Each href/src/srcset of every page, resolved like a browser would from the
page's published URL: the target file must exist (a directory URL means its index.html) and a
#fragment must be an id (or <a name>) in the target page. The search index's and the sitemap's
locations are checked the same way. Built twice: the default build and the production build
(early access hidden), where links to hidden pages must have been removed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from sitekit import ROOT, build_shipped, search_records

pytestmark = pytest.mark.slow

# Attributes that point at something the page loads or links to.
URL_ATTRIBUTES = {
    "a": ["href"],
    "area": ["href"],
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name or !ENV tags; only site_url is read from it."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    url = str((config or {}).get("site_url") or "https://site.invalid/")
    return url if url.endswith("/") else url + "/"


@dataclass
class Site:
    root: Path
    url: str  # the published address of root, e.g. https://example.org/learn-ai/
    _ids: dict[Path, set[str]] = field(default_factory=dict)

    def pages(self) -> list[Path]:
        return sorted(
            p for p in self.root.rglob("*.html") if p.relative_to(self.root).parts[0] != "assets"
        )

    def page_url(self, page: Path) -> str:
        return urljoin(self.url, page.relative_to(self.root).as_posix())

    def ids(self, page: Path) -> set[str]:
        if page not in self._ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            found = {str(tag["id"]) for tag in soup.find_all(id=True)}
            found |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
            self._ids[page] = found
        return self._ids[page]

    def check(self, url: str) -> str | None:
        """None when an absolute URL is external or resolves; otherwise what is wrong."""
        parts = urlsplit(url)
        base = urlsplit(self.url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None  # another site (or mailto:, data:, ...): not ours to check
        if not parts.path.startswith(base.path):
            return f"outside the site ({base.path})"
        relative = unquote(parts.path[len(base.path) :])
        if "//" in parts.path or relative.startswith("/"):
            return "empty path segment ('//'): many static hosts answer 404"
        target = self.root / relative
        if relative == "" or relative.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return "no such file"
        fragment = unquote(parts.fragment)
        if fragment and fragment.lower() != "top":  # '#top' means the top of any HTML page
            if target.suffix != ".html":
                return f"#{fragment} on a file that is not a page"
            if fragment not in self.ids(target):
                return f"no id '{fragment}' in {target.relative_to(self.root)}"
        return None


def urls_of(html: str) -> Iterator[str]:
    soup = BeautifulSoup(html, "html.parser")
    base = soup.find("base", href=True)
    if base is not None:
        raise AssertionError("pages with <base href> are not supported by this crawl")
    for tag, attributes in URL_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if value is None:
                    continue
                if attribute == "srcset":
                    yield from (part.split()[0] for part in str(value).split(",") if part.strip())
                else:
                    yield str(value)


def broken_links(site: Site) -> list[str]:
    broken: list[str] = []
    for page in site.pages():
        page_url = site.page_url(page)
        where = page.relative_to(site.root).as_posix()
        for raw in urls_of(page.read_text(encoding="utf-8")):
            if raw.strip() in ("", "#"):  # the page itself
                continue
            problem = site.check(urljoin(page_url, raw.strip()))
            if problem:
                broken.append(f"{where}: {raw} ({problem})")
    return broken


def listed(problems: Iterable[str]) -> str:
    items = sorted(set(problems))
    return f"{len(items)} broken:\n  " + "\n  ".join(items)


@pytest.fixture(scope="module", params=["default", "production"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The shipped site built once per module and kind (production hides early access)."""
    destination = tmp_path_factory.mktemp(f"crawl-{request.param}") / "site"
    build_shipped(destination, hide_early_access=request.param == "production")
    return Site(destination, site_url())


def test_every_internal_link_and_anchor_resolves(built: Site) -> None:
    assert built.pages(), "the build wrote no pages"
    broken = broken_links(built)
    assert not broken, listed(broken)


def test_search_locations_resolve(built: Site) -> None:
    """Every page and section a search result links to, and every term of the names files."""
    locations = []
    for url, record in search_records(built.root).items():
        locations.append(url)
        locations += [f"{url}#{anchor['id']}" for anchor in record["anchors"] if anchor.get("id")]  # type: ignore[attr-defined]
    for shard in (built.root / "search" / "names").glob("*.json"):
        locations += [term[1] for term in json.loads(shard.read_text()).get("terms", [])]
    terms = json.loads((built.root / "search" / "terms.json").read_text(encoding="utf-8"))
    locations += [term[1] for term in terms["terms"]]
    assert len(locations) > 100
    broken = [
        f"search: {location} ({problem})"
        for location in locations
        if (problem := built.check(urljoin(built.url, location)))
    ]
    assert not broken, listed(broken)


def test_sitemap_locations_resolve(built: Site) -> None:
    sitemap = built.root / "sitemap.xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        str(loc.text).strip()
        for loc in ElementTree.parse(sitemap).getroot().findall("s:url/s:loc", namespace)
    ]
    assert locations, "the sitemap lists no page"
    broken = [f"sitemap.xml: {url} ({p})" for url in locations if (p := built.check(url))]
    assert not broken, listed(broken)


def test_crawl_notices_what_is_broken(tmp_path: Path) -> None:
    """The crawl itself: a missing page, a missing anchor, a path outside the site, an anchor on a
    directory URL and a relative link from a nested page."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="here">A</h1><a href="../">home</a><a href="#here">self</a>'
        '<a href="../b/#nope">bad anchor</a><a href="../missing/">gone</a>'
        '<a href="/elsewhere/">outside</a><img srcset="../img.png 1x, ../none.png 2x">'
        '<a href="https://other.example/x">external</a><a href="#top">top</a>'
        '<a href="/site//b/">double slash</a>',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="yes"><a href="../a/#here">a</a></p>')
    (tmp_path / "index.html").write_text('<a href="a/">a</a><a href="b/#yes">b</a>')
    (tmp_path / "img.png").write_bytes(b"png")
    broken = broken_links(Site(tmp_path, "https://example.org/site/"))
    assert broken == [
        "a/index.html: ../b/#nope (no id 'nope' in b/index.html)",
        "a/index.html: ../missing/ (no such file)",
        "a/index.html: /elsewhere/ (outside the site (/site/))",
        "a/index.html: /site//b/ (empty path segment ('//'): many static hosts answer 404)",
        "a/index.html: ../none.png (no such file)",
    ]
