"""The shipped starter content: valid, linked both ways, and within the limits authors rely on."""

from __future__ import annotations

import re
import shutil
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import ROOT, Built, mkdocs_build
from termweave.source.problems import Severity
from termweave.source.registry import Registry, load_registry

pytestmark = pytest.mark.slow
REQUIRED = [
    "hyperparameter",
    "parameter",
    "learning-rate",
    "learning-rate-scheduler",
    "batch-size",
    "epoch",
    "gradient-descent",
    "stochastic-gradient-descent",
    "loss-function",
    "neural-network",
    "layer",
    "neuron",
    "activation-function",
    "dropout",
    "regularisation",
    "overfitting",
    "underfitting",
    "training-set",
    "validation-set",
    "test-set",
    "cross-validation",
    "grid-search",
    "random-search",
    "bayesian-optimisation",
    "early-stopping",
    "temperature",
    "top-p",
    "top-k",
    "max-tokens",
    "system-prompt",
    "prompt",
    "token",
    "large-language-model",
    "fine-tuning",
    "transfer-learning",
    "model",
    "training",
    "inference",
    "optimiser",
    "momentum",
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT / "glossary", ROOT / "content", today=date.today())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("shipped")
    for name in ("mkdocs.yml", "content", "glossary", "hooks", "overrides", "scripts"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, project / name)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    return result


def test_every_entry_is_valid(registry: Registry) -> None:
    assert [str(p) for p in registry.problems if p.severity is Severity.ERROR] == []
    assert len(registry.terms) >= 40
    assert set(REQUIRED) <= set(registry.terms), set(REQUIRED) - set(registry.terms)


def test_levels_lessons_and_early_access(registry: Registry) -> None:
    assert [level.title for level in registry.levels] == ["Foundations", "Practitioner", "Advanced"]
    assert all(level.description for level in registry.levels)
    assert len(registry.lessons) >= 12
    assert "practitioner/first-ai-workflow.md" in registry.lessons
    assert any(t.early_access for t in registry.terms.values())
    assert sum(lesson.early_access for lesson in registry.lessons.values()) == 1


def test_entries_meet_the_editorial_bar(registry: Registry) -> None:
    for term in registry.terms.values():
        assert len(term.summary) <= 300, term.slug
        assert term.why_it_matters.strip(), term.slug
        assert 3 <= len(term.related) <= 9, term.slug
        assert term.lessons, term.slug
        assert term.body.count("\n## ") + term.body.startswith("## ") >= 2, term.slug


def _prose(path: Path) -> str:
    """A lesson's words: no front matter, no fenced blocks (quizzes and code)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def test_the_course_is_as_large_and_deep_as_promised(registry: Registry) -> None:
    assert len(registry.terms) >= 80
    assert len(registry.lessons) >= 25
    words = {p: len(_prose(ROOT / "content" / p).split()) for p in registry.lessons}
    short = {p: n for p, n in words.items() if n < 700}
    assert not short, short
    assert statistics.median(words.values()) >= 900


def test_every_lesson_ends_with_three_to_five_self_check_questions(registry: Registry) -> None:
    for path in registry.lessons:
        text = (ROOT / "content" / path).read_text(encoding="utf-8")
        heading = text.rfind("\n## Check your understanding")
        assert heading > 0, path
        assert "\n## " not in text[heading + 1 :], f"{path}: not the last section"
        assert 3 <= text[heading:].count("```quiz") <= 5, path


def test_prose_spells_one_way(registry: Registry) -> None:
    """British spellings and one "warm-up"; US spellings stay welcome as aliases."""
    pattern = re.compile(r"\bwarmup\b|tokeniz|optimiz|regulariz|normaliz|initializ", re.I)
    for term in registry.terms.values():
        for text in (term.term, term.summary, term.body, term.why_it_matters):
            assert not pattern.search(text), (term.slug, pattern.search(text))
    for path in registry.lessons:
        found = pattern.search(_prose(ROOT / "content" / path))
        assert not found, (path, found)


def test_demos_are_where_the_issue_puts_them(registry: Registry) -> None:
    for slug in ("learning-rate", "gradient-descent", "learning-rate-scheduler"):
        assert "learning-rate" in registry.terms[slug].demos
    for slug in ("hyperparameter", "grid-search", "random-search", "bayesian-optimisation"):
        assert "search-methods" in registry.terms[slug].demos
    lessons = {p: (ROOT / "content" / p).read_text(encoding="utf-8") for p in registry.lessons}
    assert any(
        "::demo[learning-rate]" in text and path.startswith("practitioner/")
        for path, text in lessons.items()
    )
    assert any("::demo[search-methods]" in text for text in lessons.values())


def test_terms_and_lessons_point_to_each_other(built: Built, registry: Registry) -> None:
    linked_from: dict[str, set[str]] = defaultdict(set)
    lesson_links: dict[str, set[str]] = {}
    for path in registry.lessons:
        url = path.removesuffix(".md") + "/"
        article = BeautifulSoup(built.page(url), "html.parser").select_one("article")
        assert article is not None
        slugs = {str(a["data-term"]) for a in article.select("a.tw-term")}
        lesson_links[path] = slugs
        for slug in slugs:
            linked_from[slug].add(url)
    for slug in registry.terms:
        article = BeautifulSoup(built.page(f"glossary/{slug}/"), "html.parser").select_one(
            "article"
        )
        assert article is not None
        for anchor in article.select("a[href]"):
            href = str(anchor["href"])
            if href.startswith("../") and href.count("/") == 2 and href != f"../{slug}/":
                linked_from[href.strip("./").strip("/")].add(slug)
    too_few = {path: sorted(s) for path, s in lesson_links.items() if len(s) < 3}
    assert not too_few, too_few
    unlinked = sorted(set(registry.terms) - set(linked_from))
    assert not unlinked, unlinked
