"""glossary.json and schema.org JSON-LD: the pure builders, then the built mini fixture site
(glossary.json, JSON-LD on term pages and the index, the Review-status page, the sitemap)."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitekit import FIXTURES, Built, copy_fixture, mkdocs_build, search_records
from termweave.pages import export
from termweave.source.model import Term
from termweave.source.registry import Registry, load_registry
from termweave.source.settings import SettingsError

SITE_URL = "https://example.org/mini/"


def directory_url(src: str) -> str:
    """What MkDocs makes of a source path with use_directory_urls (the default)."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    mini = FIXTURES / "mini"
    found = load_registry(mini / "glossary", mini / "content", today=date(2026, 11, 1))
    assert [p for p in found.problems if p.severity.value == "error"] == []
    return found


def test_glossary_data_version_1(registry: Registry) -> None:
    data = export.glossary_data(registry, SITE_URL, directory_url)
    assert data["version"] == 1
    assert data["site_url"] == SITE_URL
    assert data["glossary_url"] == f"{SITE_URL}glossary/"
    slugs = [t["slug"] for t in data["terms"]]
    assert slugs == sorted(registry.terms)
    lr = next(t for t in data["terms"] if t["slug"] == "learning-rate")
    assert lr == {
        "slug": "learning-rate",
        "term": "Learning rate",
        "url": f"{SITE_URL}glossary/learning-rate/",
        "summary": registry.terms["learning-rate"].summary,
        "category": "Tuning",
        "aliases": ["LR", "step size"],
        "related": list(registry.terms["learning-rate"].related),
        "lessons": [
            {
                "path": lesson.path,
                "title": lesson.title,
                "level": lesson.level,
                "url": f"{SITE_URL}{directory_url(lesson.path)}",
            }
            for lesson in registry.lessons_for_term(registry.terms["learning-rate"])
        ],
        "last_reviewed": registry.terms["learning-rate"].last_reviewed.isoformat(),
        "early_access": False,
    }
    assert lr["lessons"][0]["url"] == f"{SITE_URL}tuning/choosing-a-learning-rate/"
    categories = {c["name"]: c["url"] for c in data["categories"]}
    assert categories == {
        "Core AI": f"{SITE_URL}glossary/category/core-ai/",
        "Tuning": f"{SITE_URL}glossary/category/tuning/",
    }


def test_public_registry_exports_no_early_access(registry: Registry) -> None:
    data = export.glossary_data(registry.without_early_access(), SITE_URL, directory_url)
    assert "transformer" not in [t["slug"] for t in data["terms"]]
    assert not any("transformer" in t["related"] for t in data["terms"])
    assert not any(t["early_access"] for t in data["terms"])


def test_glossary_json_is_stable_text(registry: Registry) -> None:
    text = export.glossary_json(registry, SITE_URL, directory_url)
    assert text == export.glossary_json(registry, SITE_URL, directory_url)
    assert text.endswith("\n") and json.loads(text)["version"] == 1


def test_glossary_json_has_one_term_per_line(registry: Registry) -> None:
    text = export.glossary_json(registry, SITE_URL, directory_url)
    data = export.glossary_data(registry, SITE_URL, directory_url)
    lines = text.splitlines()
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == data["terms"]
    assert json.loads(text) == data and len(data["terms"]) > 1


def test_glossary_json_without_terms(registry: Registry) -> None:
    empty = Registry(terms={}, categories={}, levels=[])
    assert json.loads(export.glossary_json(empty, "", directory_url))["terms"] == []


def test_urls_stay_relative_without_site_url(registry: Registry) -> None:
    data = export.glossary_data(registry, "", directory_url)
    assert data["site_url"] is None
    assert data["terms"][0]["url"] == f"glossary/{data['terms'][0]['slug']}/"
    assert export.absolute_url("https://h.example/sub", "a/") == "https://h.example/sub/a/"


@given(
    url=st.text(alphabet="ab.-_/:?#;%~ é", max_size=12),
    site_url=st.sampled_from(["https://h.example/sub", "https://h.example/sub/", "http://h/"]),
)
def test_absolute_urls_are_what_urljoin_makes(url: str, site_url: str) -> None:
    """Plain page paths are joined by concatenation, for speed; no URL may come out different
    from urljoin's."""
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    assert export.absolute_url(site_url, url) == urljoin(base, url)


def test_site_url_from_the_environment() -> None:
    env = export.SITE_URL_ENV
    assert export.site_url_from_env(SITE_URL, {}) == SITE_URL
    assert export.site_url_from_env(SITE_URL, {env: " "}) == SITE_URL
    assert export.site_url_from_env(None, {env: "https://u.example/r"}) == "https://u.example/r/"
    with pytest.raises(SettingsError, match="must be an http"):
        export.site_url_from_env(SITE_URL, {env: "u.example/r"})


def test_jsonld_script_cannot_be_broken_by_entry_text() -> None:
    nasty = Term(
        slug="x",
        term="</script><script>alert(1)</script>",
        summary="a <!-- b --> & \u2028 c",
        body="b",
        category="C",
        last_reviewed=date(2026, 1, 1),
        source="glossary/x.yml",
        aliases=("A&B",),
    )
    data = export.term_jsonld(
        nasty, page_url="https://e.org/g/x/", glossary_url="https://e.org/g/", glossary_name="G"
    )
    script = export.jsonld_script(data)
    inner = script[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == data
    assert data["@type"] == "DefinedTerm" and data["alternateName"] == ["A&B"]
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"


def test_glossary_jsonld_lists_each_letter_s_terms_on_its_page(registry: Registry) -> None:
    def term_set(letter: str | None) -> dict[str, Any]:
        return export.glossary_jsonld(
            registry,
            glossary_url=f"{SITE_URL}glossary/",
            glossary_name="Mini glossary",
            term_url=lambda slug: f"{SITE_URL}glossary/{slug}/",
            letter=letter,
        )

    index = term_set(None)
    assert index["@type"] == "DefinedTermSet" and index["hasDefinedTerm"] == []
    letters = [term_set(label) for label in "ABCDEFGHIJKLMNOPQRSTUVWXYZ#"]
    assert {d["@id"] for d in letters} == {index["@id"]}  # one set, declared on each page
    assert [t["termCode"] for d in letters for t in d["hasDefinedTerm"]] == [
        t.slug for t in registry.terms_sorted()
    ]


# --- the built site: these need the hook wiring listed in docs-dev/README-tooling.md ---------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_fixture(tmp_path_factory.mktemp("export")))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def built_public(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_fixture(tmp_path_factory.mktemp("export-public"))
    result = mkdocs_build(project, env={"TERMWEAVE_HIDE_EARLY_ACCESS": "1"})
    assert result.returncode == 0, result.output
    return result


def site_file(built: Built, url: str) -> Path:
    """The built file behind an absolute URL of the site."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path) :]
    return built.site / (
        posixpath.join(path, "index.html") if path.endswith("/") or not path else path
    )


def jsonld(built: Built, url: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup(built.page(url), "html.parser")
    return [json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')]


@pytest.mark.slow
def test_built_glossary_json(built: Built) -> None:
    data = json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["site_url"] == SITE_URL
    assert {t["slug"] for t in data["terms"]} == {
        p.stem for p in (FIXTURES / "mini" / "glossary").glob("[!_]*.yml")
    }
    for term in data["terms"]:
        assert site_file(built, term["url"]).is_file(), term["url"]
        assert all(site_file(built, lesson["url"]).is_file() for lesson in term["lessons"])
    assert next(t for t in data["terms"] if t["slug"] == "transformer")["early_access"] is True


@pytest.mark.slow
def test_built_glossary_json_hides_early_access(built_public: Built) -> None:
    data = json.loads((built_public.site / "glossary.json").read_text(encoding="utf-8"))
    assert "transformer" not in {t["slug"] for t in data["terms"]}
    for term in data["terms"]:
        assert site_file(built_public, term["url"]).is_file(), term["url"]
        assert all(site_file(built_public, x["url"]).is_file() for x in term["lessons"])
        assert "transformer" not in term["related"]


@pytest.mark.slow
def test_term_page_has_defined_term_jsonld(built: Built) -> None:
    html = built.page("glossary/learning-rate/")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert scripts and not any("<too small>" in s for s in scripts)
    [term] = [d for d in jsonld(built, "glossary/learning-rate/") if d["@type"] == "DefinedTerm"]
    assert term["@context"] == "https://schema.org"
    assert term["name"] == "Learning rate"
    assert term["url"] == f"{SITE_URL}glossary/learning-rate/"
    assert term["description"].endswith('"too big" & <too small> both hurt.')
    assert term["alternateName"] == ["LR", "step size"]
    in_set = term["inDefinedTermSet"]
    assert in_set["@type"] == "DefinedTermSet" and in_set["url"] == f"{SITE_URL}glossary/"
    assert in_set["name"]


@pytest.mark.slow
def test_glossary_index_has_defined_term_set(built: Built) -> None:
    [term_set] = [d for d in jsonld(built, "glossary/") if d["@type"] == "DefinedTermSet"]
    members: set[str] = set()
    for letter in (built.site / "glossary" / "letters").iterdir():
        [part] = [
            d
            for d in jsonld(built, f"glossary/letters/{letter.name}/")
            if d["@type"] == "DefinedTermSet"
        ]
        assert part["@id"] == term_set["@id"]
        members |= {t["url"] for t in part["hasDefinedTerm"]}
    assert f"{SITE_URL}glossary/learning-rate/" in members
    assert len(members) == len(list((FIXTURES / "mini" / "glossary").glob("[!_]*.yml")))
    assert all(site_file(built, url).is_file() for url in members)
    [term] = [d for d in jsonld(built, "glossary/epoch/") if d["@type"] == "DefinedTerm"]
    assert term["inDefinedTermSet"]["@id"] == term_set["@id"]
    assert term["inDefinedTermSet"]["name"] == term_set["name"]


@pytest.mark.slow
def test_review_status_page_is_built_outside_the_nav(built: Built) -> None:
    soup = BeautifulSoup(built.page("glossary/review-status/"), "html.parser")
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(list((FIXTURES / "mini" / "glossary").glob("[!_]*.yml")))
    reviewed = [row.select("td")[2].get_text() for row in rows]
    assert reviewed == sorted(reviewed)
    first_link = rows[0].select_one("a")
    assert first_link is not None and str(first_link["href"]).startswith("../")
    term_url = str(first_link["href"]).removeprefix("../")
    assert (built.site / "glossary" / term_url / "index.html").is_file()  # MkDocs' own URL
    assert "termweave:html" not in built.page("glossary/review-status/")  # put back whole
    nav = BeautifulSoup(built.page("glossary/"), "html.parser").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not [a for a in nav.select("a[href]") if "review-status" in str(a["href"])]
    assert "glossary/review-status/" not in search_records(built.site)
    assert "data-pagefind-body" not in built.page("glossary/review-status/")


@pytest.mark.slow
def test_sitemap_lists_term_pages_with_absolute_urls(built: Built, built_public: Built) -> None:
    def locations(site: Built) -> set[str]:
        tree = ET.parse(site.site / "sitemap.xml")
        name = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        return {node.text or "" for node in tree.iter(name)}

    found = locations(built)
    assert all(url.startswith(SITE_URL) for url in found)
    for slug in ("learning-rate", "epoch", "hyperparameter", "transformer"):
        assert f"{SITE_URL}glossary/{slug}/" in found
    assert f"{SITE_URL}tuning/choosing-a-learning-rate/" in found
    assert f"{SITE_URL}glossary/transformer/" not in locations(built_public)


@pytest.mark.slow
def test_deployment_sets_the_site_url(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    env = {export.SITE_URL_ENV: "https://learn.example/ai"}
    built = mkdocs_build(project, env=env)
    assert built.returncode == 0, built.output
    data = json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))
    assert data["site_url"] == "https://learn.example/ai/"
    assert "<loc>https://learn.example/ai/glossary/epoch/</loc>" in (
        built.site / "sitemap.xml"
    ).read_text(encoding="utf-8")
    bad = mkdocs_build(project, env={export.SITE_URL_ENV: "learn.example"})
    assert bad.returncode != 0 and "Traceback" not in bad.output
    assert "TERMWEAVE_SITE_URL must be an http(s) URL" in bad.output
