"""The "Mentioned in" section of term pages (termweave.links.backlinks)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from termweave.links.autolink import LinkPlan
from termweave.links.backlinks import HEADING_ID, BackLink, backlinks_html
from termweave.links.linking import Mentions

PAGE = "glossary/learning-rate/"


def _groups(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group name or '', [(title, href), ...]), ...] in document order."""
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section")
    assert section is not None
    found: list[tuple[str, list[tuple[str, str]]]] = []
    name = ""
    for element in section.find_all(["p", "ul"], recursive=False):
        if element.name == "p":
            name = element.get_text()
        else:
            found.append((name, [(a.get_text(), str(a["href"])) for a in element.find_all("a")]))
            name = ""
    return found


def test_grouped_by_level_order_then_sorted_by_title() -> None:
    links = [
        BackLink("Tuning in practice", "practitioner/tuning/", "Practitioner", 2),
        BackLink("What is training", "basics/what-is-training/", "Basics", 1),
        BackLink("A first workflow", "practitioner/first-ai-workflow/", "Practitioner", 2),
        BackLink("Batch", "glossary/batch/", "Glossary", 99),
        BackLink("Home", "", "", 0),
    ]
    assert _groups(backlinks_html(links, page_url=PAGE)) == [
        ("", [("Home", "../../")]),
        ("Basics", [("What is training", "../../basics/what-is-training/")]),
        (
            "Practitioner",
            [
                ("A first workflow", "../../practitioner/first-ai-workflow/"),
                ("Tuning in practice", "../../practitioner/tuning/"),
            ],
        ),
        ("Glossary", [("Batch", "../batch/")]),
    ]


def test_deduplicated_and_never_the_page_itself() -> None:
    links = [
        BackLink("Batch", "glossary/batch/", "Glossary", 9),
        BackLink("Batch", "glossary/batch/", "Glossary", 9),
        BackLink("Learning rate", PAGE, "Glossary", 9),
    ]
    assert _groups(backlinks_html(links, page_url=PAGE)) == [("Glossary", [("Batch", "../batch/")])]


def test_a_page_in_two_groups_is_listed_once_in_the_first() -> None:
    links = [
        BackLink("Lesson", "l/one/", "Later", 5),
        BackLink("Lesson", "l/one/", "Earlier", 1),
    ]
    assert _groups(backlinks_html(links, page_url=PAGE)) == [
        ("Earlier", [("Lesson", "../../l/one/")])
    ]


def test_empty_when_nothing_mentions_the_term() -> None:
    assert backlinks_html([], page_url=PAGE) == ""
    assert backlinks_html([BackLink("Self", PAGE, "", 0)], page_url=PAGE) == ""


def test_heading_and_escaping() -> None:
    links = [BackLink('<b>"Tricky" & co</b>', "a/b/", "Level <1>", 1)]
    html = backlinks_html(links, page_url=PAGE)
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2")
    assert heading is not None and heading.get("id") == HEADING_ID
    assert heading.get_text().startswith("Mentioned in")
    assert soup.find("b") is None
    assert _groups(html) == [("Level <1>", [('<b>"Tricky" & co</b>', "../../a/b/")])]


def test_custom_heading() -> None:
    html = backlinks_html(
        [BackLink("A", "a/", "", 0)], page_url="", heading="Used in", heading_id="used"
    )
    assert '<h2 id="used">Used in' in html and 'href="a/"' in html


def _plan(*mentioned: str) -> LinkPlan:
    return LinkPlan(anchors=(), mentioned=mentioned, linked=())


def test_mentions_are_filed_only_when_a_section_is_asked_for() -> None:
    mentions = Mentions()
    lesson = BackLink("Tuning", "practitioner/tuning/", "Practitioner", 2)
    mentions.record(_plan("learning-rate", "batch"), lesson)
    mentions.record(_plan("learning-rate"), BackLink("Batch", "glossary/batch/", "Glossary", 99))
    assert mentions.by_term == {}  # filed once, when the first section is asked for
    section = mentions.section("learning-rate", PAGE)
    assert [t for _, pages in _groups(section) for t, _ in pages] == ["Tuning", "Batch"]
    assert set(mentions.by_term) == {"learning-rate", "batch"}
    # recorded after a section was written: filed at the next one, later entries win
    mentions.record(_plan("batch"), BackLink("Tuning again", lesson.url, "Practitioner", 2))
    assert _groups(mentions.section("batch", "glossary/batch/")) == [
        ("Practitioner", [("Tuning again", "../../practitioner/tuning/")])
    ]
