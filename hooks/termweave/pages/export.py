"""Machine-readable glossary: `glossary.json` for other tools, and schema.org JSON-LD
(`DefinedTerm` inside a `DefinedTermSet`) so search engines understand term pages.
Pure functions: the hooks pass the registry this build publishes and how pages map to URLs."""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urljoin

from termweave.pages.generated import INDEX_SRC, category_src, index_letter, letter_of_src, term_src
from termweave.source.model import Term
from termweave.source.registry import Registry
from termweave.source.settings import SettingsError

SITE_URL_ENV = "TERMWEAVE_SITE_URL"
GLOSSARY_JSON = "glossary.json"
GLOSSARY_JSON_VERSION = 1
UrlOf = Callable[[str], str]  # a page's source path under docs_dir -> its URL in the site
# A relative path of plain segments (no scheme, query, fragment, parameters, '.' or '..'), as
# MkDocs' page URLs are: joined by concatenation, because urljoin, called for every URL of
# thousands of terms, cost more than the rest of the export.
_PLAIN_PATH = re.compile(r"(?:[\w~%-][\w.~%-]*/)*(?:[\w~%-][\w.~%-]*)?")


def absolute_url(site_url: str, url: str) -> str:
    """`url` (relative to the site root) under `site_url`; unchanged when no site_url is set."""
    if not site_url:
        return url
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    if _PLAIN_PATH.fullmatch(url):  # what MkDocs' page URLs look like: urljoin would append it
        return base + url
    return urljoin(base, url)


def site_url_from_env(site_url: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """TERMWEAVE_SITE_URL, when set and not empty, replaces mkdocs.yml's site_url: a deployment
    (CI, a staging host) knows the public address, the file does not."""
    value = (os.environ if environ is None else environ).get(SITE_URL_ENV, "").strip()
    if not value:
        return site_url
    if not value.startswith(("https://", "http://")):
        raise SettingsError(f"{SITE_URL_ENV} must be an http(s) URL, got {value!r}")
    return value if value.endswith("/") else f"{value}/"


def glossary_data(registry: Registry, site_url: str, url_of: UrlOf) -> dict[str, Any]:
    """Format version 1 of glossary.json: every term of `registry`, ordered by slug."""

    def url(src: str) -> str:
        return absolute_url(site_url, url_of(src))

    lessons = registry.lessons
    used = {term.category for term in registry.terms.values()}
    return {
        "version": GLOSSARY_JSON_VERSION,
        "site_url": site_url or None,
        "glossary_url": url(INDEX_SRC),
        "categories": [
            {
                "name": category.name,
                "slug": category.slug,
                "description": category.description,
                "url": url(category_src(category)),
            }
            for category in sorted(registry.categories.values(), key=lambda c: c.slug)
            if category.name in used
        ],
        "terms": [
            {
                "slug": term.slug,
                "term": term.term,
                "url": url(term_src(term.slug)),
                "summary": term.summary,
                "category": term.category,
                "aliases": list(term.aliases),
                "related": [slug for slug in term.related if slug in registry.terms],
                "lessons": [
                    {
                        "path": path,
                        "title": lessons[path].title,
                        "level": lessons[path].level,
                        "url": url(path),
                    }
                    for path in term.lessons
                    if path in lessons
                ],
                "last_reviewed": term.last_reviewed.isoformat(),
                "early_access": term.early_access,
            }
            for term in sorted(registry.terms.values(), key=lambda t: t.slug)
        ],
    }


def glossary_json(registry: Registry, site_url: str, url_of: UrlOf) -> str:
    """The text of site/glossary.json (UTF-8, stable order, no timestamp: same input, same file),
    one term per line: easy to diff and grep, and written by the C encoder (asking it to indent
    falls back to the pure-Python one, which cost three times as much at thousands of terms)."""
    data = glossary_data(registry, site_url, url_of)
    terms = [_compact(term) for term in data.pop("terms")]
    head = _compact(data)[:-1]  # every other member, then the terms
    return f'{head},"terms":[\n' + ",\n".join(terms) + "\n]}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def term_jsonld(
    term: Term, *, page_url: str, glossary_url: str, glossary_name: str
) -> dict[str, Any]:
    """schema.org DefinedTerm for one term page (URLs absolute when site_url is set)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": page_url,
        "url": page_url,
        "name": term.term,
        "description": term.summary,
        "termCode": term.slug,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": glossary_url,
            "url": glossary_url,
            "name": glossary_name,
        },
    }
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return data


def glossary_jsonld(
    registry: Registry,
    *,
    glossary_url: str,
    glossary_name: str,
    term_url: Callable[[str], str],
    letter: str | None = None,
) -> dict[str, Any]:
    """schema.org DefinedTermSet for the A–Z pages; `term_url(slug)` gives each page's URL.
    The index page names the set; each letter's page declares the same set (one @id, which
    JSON-LD merges) with that letter's terms, so no page carries all of them. Each member
    carries its name and URL only."""
    terms = [] if letter is None else registry.terms_sorted()
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": glossary_url,
        "url": glossary_url,
        "name": glossary_name,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": term_url(term.slug),
                "url": term_url(term.slug),
                "name": term.term,
                "termCode": term.slug,
            }
            for term in terms
            if index_letter(term.term) == letter
        ],
    }


def jsonld_script(data: dict[str, Any]) -> str:
    """A `<script type="application/ld+json">` element. '<', '>' and '&' are written as JSON
    escapes, so no text of an entry can close the element or open a comment."""
    text = _compact(data)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def page_jsonld(
    src_uri: str, registry: Registry, site_url: str, site_name: str, url_of: UrlOf
) -> str:
    """The JSON-LD script for a term page or an A–Z page, '' for any other page: one call
    from `on_page_content` for every page."""

    def url(src: str) -> str:
        return absolute_url(site_url, url_of(src))

    name = site_name if "glossary" in site_name.casefold() else f"Glossary – {site_name}"
    folder, file_name = posixpath.split(src_uri)
    slug = file_name[: -len(".md")] if file_name.endswith(".md") else ""
    letter = letter_of_src(src_uri)
    if src_uri == INDEX_SRC or letter is not None:
        data = glossary_jsonld(
            registry,
            glossary_url=url(INDEX_SRC),
            glossary_name=name,
            term_url=lambda s: url(term_src(s)),
            letter=letter,
        )
    elif folder == "glossary" and slug in registry.terms:
        data = term_jsonld(
            registry.terms[slug],
            page_url=url(src_uri),
            glossary_url=url(INDEX_SRC),
            glossary_name=name,
        )
    else:
        return ""
    return jsonld_script(data)
