"""A fixture site whose entries and a lesson carry markup in their names, summaries and title:
the mini fixture with three entries and a lesson added. Names like "Q&A" are legitimate; the
others would inject elements if printed unescaped (tests/test_markup_in_names.py, the HTML checker
in tests/test_html_valid.py and the browser's preview cards in tests/browser/test_pages.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitekit import copy_fixture

SITE = "Mini glossary"
TITLE_BREAKER = "X </title><img src=x onerror=alert(1)>"
SCRIPT_BREAKER = "Q&A </script><img src=x onerror=alert(2)> \"quoted\" 'single' <b>bold</b>"
EARLY_NAME = "Early <img src=x onerror=alert(3)>"
EARLY_SUMMARY = "</script><script>alert(4)</script> & more"
LESSON_TITLE = "Lesson <img src=x onerror=alert(5)> & co"
ALIAS = "<i>alias</i> & co"
PLAIN = "Q&A"
PLAIN_SUMMARY = "Questions & answers, <not a tag>."

ENTRIES: dict[str, dict[str, Any]] = {
    "x-title": {
        "term": TITLE_BREAKER,
        "summary": SCRIPT_BREAKER,
        "body": "## About\n\nPlain body.\n",
        "category": "Core AI",
        "aliases": [ALIAS],
        "related": ["epoch", "q-and-a"],
        "lessons": ["basics/what-is-training.md", "basics/markup-title.md"],
        "last_reviewed": "2026-02-01",
    },
    "early-x": {
        "term": EARLY_NAME,
        "summary": EARLY_SUMMARY,
        "body": "Body.\n",
        "category": "Tuning",
        "related": ["epoch"],
        "lessons": ["basics/what-is-training.md"],
        "last_reviewed": "2026-02-01",
        "early_access": True,
    },
    "q-and-a": {
        "term": PLAIN,
        "summary": PLAIN_SUMMARY,
        "body": "Body.\n",
        "category": "Core AI",
        "related": ["x-title"],
        "lessons": ["basics/markup-title.md"],
        "last_reviewed": "2026-02-01",
    },
}
LESSON = f"""---
{yaml.safe_dump({"title": LESSON_TITLE, "order": 5, "description": "Markup in names."})}---

Mentions, written as text: X &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt; and Q&amp;A, and
Early &lt;img src=x onerror=alert(3)&gt;.

::term[x-title]
"""


def make_markup_project(folder: Path) -> Path:
    """The mini fixture copied into `folder` with the entries and lesson above added."""
    # the footer names a page's neighbours, the tabs the levels
    features = ["content.action.edit", "navigation.footer", "navigation.tabs"]
    theme = {"name": "material", "font": False, "features": features}
    return add_markup_content(copy_fixture(folder, theme=theme))


def add_markup_content(project: Path) -> Path:
    """Add the entries and lesson above to a copy of the mini fixture."""
    for slug, entry in ENTRIES.items():
        text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True)
        (project / "glossary" / f"{slug}.yml").write_text(text, encoding="utf-8")
    (project / "content" / "basics" / "markup-title.md").write_text(LESSON, encoding="utf-8")
    epoch = project / "glossary" / "epoch.yml"
    entry = yaml.safe_load(epoch.read_text(encoding="utf-8"))
    entry["related"] = [*entry["related"], "x-title", "early-x"]
    epoch.write_text(yaml.safe_dump(entry, sort_keys=False), encoding="utf-8")
    return project
