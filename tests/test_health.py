"""The pure health checks: each finding on the health fixture, review dates, mention and link
scanning, and the Review-status page's Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from termweave.authoring import health, mdscan
from termweave.authoring.health import Finding, Sources
from termweave.pages import review
from termweave.pages.render import make_environment
from termweave.pages.review import add_months, age_text
from termweave.source.model import Term
from termweave.source.problems import Severity
from termweave.source.registry import Registry, load_registry

FIXTURE = Path(__file__).parent / "fixtures" / "health"
TODAY = date(2026, 6, 1)


def load(project: Path = FIXTURE, today: date = TODAY) -> Registry:
    registry = load_registry(project / "glossary", project / "content", today=today)
    assert registry.problems == []
    return registry


def findings(project: Path = FIXTURE, months: int = 6) -> list[Finding]:
    sources = Sources(project / "glossary", project / "content")
    return health.check_content(load(project), sources, TODAY, months)


def by_code(found: list[Finding], code: str) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.subject) for f in found if f.code == code]


def term(slug: str, name: str, *aliases: str, **extra: object) -> Term:
    values: dict[str, object] = {
        "summary": "s",
        "body": "b",
        "category": "C",
        "last_reviewed": TODAY,
        "source": f"glossary/{slug}.yml",
        **extra,
    }
    return Term(slug=slug, term=name, aliases=aliases, **values)  # type: ignore[arg-type]


def test_each_finding_on_the_fixture() -> None:
    found = findings()
    assert by_code(found, "due_for_review") == [("glossary/alpha.yml", 14, "alpha")]
    assert by_code(found, "related_not_mutual") == [("glossary/alpha.yml", 12, "alpha")]
    assert by_code(found, "unmentioned_term") == [("glossary/gamma.yml", 1, "gamma")]
    assert by_code(found, "lesson_without_terms") == [
        ("content/intro/second.md", 1, "intro/second.md")
    ]
    assert by_code(found, "summary_too_long") == [("glossary/beta.yml", 2, "beta")]
    assert by_code(found, "broken_link") == [
        ("glossary/alpha.yml", 8, "alpha"),
        ("glossary/alpha.yml", 10, "alpha"),
        ("content/intro/first.md", 11, "intro/first.md"),
    ]
    assert by_code(found, "placeholder") == []
    severities = {f.code: f.severity for f in found}
    assert severities["broken_link"] is Severity.ERROR
    assert {severities[c] for c in severities if c != "broken_link"} == {Severity.WARNING}
    assert [f.code for f in found] == sorted((f.code for f in found), key=list(health.CODES).index)


def test_messages_say_what_to_fix() -> None:
    text = {f.code: f.message for f in findings()}
    assert (
        "last reviewed 2025-01-15, 1 year 4 months ago (due since 2025-07-15)"
        in text["due_for_review"]
    )
    assert "does not list 'alpha'" in text["related_not_mutual"]
    assert "325 characters" in text["summary_too_long"]
    broken = [f.message for f in findings() if f.code == "broken_link"]
    assert "no content/intro/missing.md" in broken[0]
    assert "no glossary entry 'nowhere'" in broken[1]


def test_a_shorter_period_makes_more_entries_due_oldest_first() -> None:
    due = by_code(findings(months=3), "due_for_review")
    assert [subject for _, _, subject in due] == ["alpha", "beta", "gamma"]


def test_code_blocks_are_neither_mentions_nor_links() -> None:
    found = findings()
    assert not [f for f in found if "code-only.md" in f.message]
    assert ("glossary/gamma.yml", 1, "gamma") in by_code(found, "unmentioned_term")


def test_placeholders_and_reserved_slugs(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "health"
    shutil.copytree(FIXTURE, project)
    gamma = project / "glossary" / "gamma.yml"
    gamma.write_text(gamma.read_text().replace("Nothing points here.", "TODO: write it."))
    (project / "glossary" / "index.yml").write_text(
        "term: Index\nsummary: An index.\nbody: Alpha.\ncategory: Basics\nlast_reviewed: 2026-01-01\n"
    )
    lesson = project / "content" / "intro" / "second.md"
    lesson.write_text(lesson.read_text().replace("This lesson talks", "TODO: this lesson talks"))
    found = findings(project)
    assert by_code(found, "placeholder") == [
        ("glossary/gamma.yml", 4, "gamma"),
        ("content/intro/second.md", 9, "intro/second.md"),
    ]
    assert by_code(found, "reserved_slug") == [("glossary/index.yml", 1, "index")]
    assert all(f.severity is Severity.ERROR for f in found if f.code in ("placeholder",))


def test_a_page_linking_an_entry_by_hand_counts(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "health"
    shutil.copytree(FIXTURE, project)
    lesson = project / "content" / "intro" / "second.md"
    lesson.write_text(lesson.read_text() + "\nSee [the third](../glossary/gamma.md).\n")
    found = findings(project)
    assert by_code(found, "unmentioned_term") == []
    assert by_code(found, "lesson_without_terms") == []
    assert by_code(found, "broken_link") == by_code(findings(), "broken_link")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),
        (date(2025, 3, 31), 12, date(2026, 3, 31)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@given(
    since=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
)
def test_age_in_whole_months_is_the_last_anniversary_passed(since: date, today: date) -> None:
    """The month count (computed directly) is the largest n with since + n months <= today."""
    months = 0
    while add_months(since, months + 1) <= today:
        months += 1
    text = age_text(since, today)
    if months == 0:
        assert text.endswith(("day", "days"))
    else:
        years, rest = divmod(months, 12)
        assert (f"{years} year" in text) == bool(years)
        assert text.split()[-2:] == (
            [str(rest), "month" if rest == 1 else "months"]
            if rest
            else [str(years), "year" if years == 1 else "years"]
        )


def test_age_text() -> None:
    assert age_text(date(2026, 5, 31), TODAY) == "1 day"
    assert age_text(date(2026, 5, 2), TODAY) == "30 days"
    assert age_text(date(2026, 4, 1), TODAY) == "2 months"
    assert age_text(date(2025, 5, 1), TODAY) == "1 year 1 month"
    assert age_text(date(2024, 6, 1), TODAY) == "2 years"


def test_review_schedule_is_oldest_first_with_due_dates() -> None:
    items = review.review_schedule(load(), TODAY, 6)
    assert [(i.term.slug, i.due, i.due_on) for i in items] == [
        ("alpha", True, date(2025, 7, 15)),
        ("beta", False, date(2026, 7, 10)),
        ("gamma", False, date(2026, 9, 1)),
    ]
    assert items[0].age_days == (TODAY - date(2025, 1, 15)).days


def test_mentions_whole_words_plurals_acronyms_longest_first() -> None:
    index = mdscan.name_index(
        [
            term("learning-rate", "Learning rate", "LR"),
            term("rate", "Rate"),
            term("batch", "Batch"),
            term("bo", "Bayesian optimisation"),
            term("optimisation", "Optimisation"),
            term("gpu", "GPU"),
        ]
    )
    text = mdscan.prose(
        "Learning\nrates, LR and GPUs; lr and gpu stay plain.\n"
        "Batches. Bayesian optimisation beats optimisation. Ratey `rate`\n"
        "```\nbatch\n```\n<!-- batch -->"
    )
    assert list(mdscan.mentions(index, text)) == [
        ("learning-rate", 1),
        ("learning-rate", 2),
        ("gpu", 2),
        ("batch", 3),
        ("bo", 3),
        ("optimisation", 3),
    ]


def test_links_outside_code_with_their_lines() -> None:
    text = (
        "---\ntitle: x\n---\n[a](one.md#part) ![img](pic.png)\n"
        '`[b](code.md)`\n[c](<two words.md> "title")\n\n[ref]: ../three.md\n'
        "[web](https://example.org/x.md) [top](#here) [abs](/root.md)\n"
    )
    found = mdscan.links(text)
    assert [(link.target, link.line) for link in found] == [
        ("one.md#part", 4),
        ("two words.md", 6),
        ("../three.md", 8),
        ("https://example.org/x.md", 9),
        ("#here", 9),
        ("/root.md", 9),
    ]
    assert [mdscan.page_path(link.target) for link in found] == [
        "one.md",
        "two words.md",
        "../three.md",
        None,
        None,
        None,
    ]


def test_review_status_markdown_renders_a_table_in_review_order() -> None:
    registry = load()
    source = review.review_status_markdown(make_environment(), registry, TODAY, 6, True)
    assert source.startswith("---\ntitle: Review status\n")
    html = markdown.markdown(source.split("---\n", 2)[2], extensions=["tables"])
    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    cells = [[td.get_text() for td in row.select("td")] for row in rows]
    assert [c[0] for c in cells] == ["Alpha", "Beta", "Gamma"]
    assert cells[0][2:] == ["2025-01-15", "1 year 4 months", "Due since 2025-07-15"]
    assert cells[1][4] == "Next review by 2026-07-10"
    links = [a["href"] for row in rows for a in row.select("a")]
    assert links == ["../alpha/", "../beta/", "../gamma/"]  # MkDocs' URLs, as it links pages
    flat = review.review_status_markdown(make_environment(), registry, TODAY, 6, False)
    assert 'href="alpha.html"' in flat  # use_directory_urls: false
    assert "1 of 3 entries are due" in source


def test_review_status_cells_survive_pipes_and_markup() -> None:
    registry = load()
    alpha = registry.terms["alpha"]
    fields = {k: getattr(alpha, k) for k in alpha.__dataclass_fields__}
    registry.terms["alpha"] = Term(**{**fields, "term": "A|B <i>x</i> *y*"})
    source = review.review_status_markdown(make_environment(), registry, TODAY, 6, True)
    html = markdown.markdown(source.split("---\n", 2)[2], extensions=["tables"])
    first = BeautifulSoup(html, "html.parser").select("tbody tr")[0]
    assert len(first.select("td")) == 5
    assert first.select("td")[0].get_text() == "A|B <i>x</i> *y*"


def test_an_own_name_wins_over_a_derived_plural() -> None:
    index = mdscan.name_index(
        [term("batch", "Batch"), term("batches", "Batches"), term("gpu", "GPU")]
    )
    text = "Batches of GPUs, one batch."
    assert list(mdscan.mentions(index, text)) == [("batches", 1), ("gpu", 1), ("batch", 1)]
