"""Cross-links in a real build: relative URLs from nested pages, first mention only, headings and
the table of contents untouched, opt-outs, previews and the "Mentioned in" back-links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import HOOK, Built, copy_fixture, mkdocs_build, set_termweave

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_fixture(tmp_path_factory.mktemp("links")))
    assert result.returncode == 0, result.output
    return result


def term_links(built: Built, url: str) -> list[tuple[str, str, str]]:
    return [
        (a.get_text(), str(a["href"]), str(a["data-term"]))
        for a in built.article(url).select("a.tw-term")
    ]


def test_lesson_links_first_mentions_with_relative_urls(built: Built) -> None:
    assert term_links(built, "tuning/choosing-a-learning-rate/")[:3] == [
        ("learning rate", "../../glossary/learning-rate/", "learning-rate"),
        ("hyperparameter", "../../glossary/hyperparameter/", "hyperparameter"),
        ("epoch", "../../glossary/epoch/", "epoch"),
    ]
    page = built.article("tuning/choosing-a-learning-rate/")
    assert [a["data-term"] for a in page.select("a.tw-term")].count("learning-rate") == 1
    assert page.select_one("code").get_text() == "lr"  # type: ignore[union-attr]


def test_home_page_links_from_the_root(built: Built) -> None:
    links = term_links(built, "index.html")
    assert ("hyperparameter", "glossary/hyperparameter/", "hyperparameter") in links
    assert ("learning rate", "glossary/learning-rate/", "learning-rate") in links


def test_headings_and_toc_are_untouched(built: Built) -> None:
    soup = BeautifulSoup(built.page("tuning/choosing-a-learning-rate/"), "html.parser")
    heading = soup.find("h2", id="why-the-learning-rate-matters")
    assert heading is not None and heading.select("a.tw-term") == []
    toc = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a")]
    assert "Why the learning rate matters" in toc


def test_opt_outs(built: Built) -> None:
    page = built.article("tuning/choosing-a-learning-rate/")
    quiet = page.find("p", class_="no-autolink")
    assert quiet is not None and quiet.select("a") == []
    assert term_links(built, "basics/quiet-page/") == []
    for url in ("glossary/", "glossary/category/core-ai/"):
        assert term_links(built, url) == [], url


def test_term_page_never_links_itself(built: Built) -> None:
    slugs = {slug for _, _, slug in term_links(built, "glossary/learning-rate/")}
    assert "learning-rate" not in slugs


def test_previews_payload_escapes_summaries(built: Built) -> None:
    payload = built.article("tuning/choosing-a-learning-rate/").find(id="tw-previews")
    assert payload is not None and payload.has_attr("hidden")
    data = json.loads(str(payload["data-previews"]))
    assert data["learning-rate"]["summary"].endswith('"too big" & <too small> both hurt.')


def test_backlinks_grouped_by_level(built: Built) -> None:
    section = built.article("glossary/learning-rate/").select_one("section.tw-backlinks")
    assert section is not None
    groups = [p.get_text() for p in section.select(".tw-backlinks__group")]
    assert groups == ["Tuning", "Glossary", "Other pages"]
    items = [(li.a.get_text(), li.a["href"]) for li in section.select("li")]  # type: ignore[union-attr]
    assert ("Choosing a learning rate", "../../tuning/choosing-a-learning-rate/") in items
    assert ("Home", "../../") in items
    assert ("Hyperparameter", "../hyperparameter/") in items
    assert not [i for i in items if i[0] == "Learning rate"]  # never itself
    assert not [i for i in items if i[0] in ("A quiet page", "Glossary")]  # opted out
    early = [li for li in section.select("li") if "Advanced schedules" in li.get_text()]
    assert early and early[0].select_one(".tw-badge--early") is not None


def test_link_all_mentions_setting(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    set_termweave(project, link_all_mentions=True)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.output
    slugs = [s for _, _, s in term_links(result, "tuning/choosing-a-learning-rate/")]
    assert slugs.count("learning-rate") >= 3


# A hook after ours: the pages' content as it is left to the end of the build
_CONTENT_PROBE = """
import json, os

seen = []
at_files = []

def on_files(files, config):
    at_files.extend(f.content_string for f in files if f.is_documentation_page() and not f.abs_src_path)
    return files

def on_page_context(context, page, config, nav):
    seen.append(page)
    return context

def on_post_build(config, **kwargs):
    kept = {p.url: p.content for p in seen}
    kept["generated sources"] = [p.file.content_string for p in seen if not p.file.abs_src_path]
    kept["generated at on_files"] = at_files
    with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as out:
        json.dump(kept, out)
"""


def test_another_plugin_sees_generated_pages_markdown_and_previews(tmp_path: Path) -> None:
    """A generated page's File holds its Markdown from on_files on, and keeps it to the end of
    the build; a page's content keeps its previews."""
    probe, out = tmp_path / "probe_hook.py", tmp_path / "kept.json"
    probe.write_text(_CONTENT_PROBE, encoding="utf-8")
    project = copy_fixture(tmp_path, hooks=[str(HOOK), str(probe)])  # the probe after ours
    result = mkdocs_build(project, env={"PROBE_OUT": str(out)})
    assert result.returncode == 0, result.output
    kept = json.loads(out.read_text(encoding="utf-8"))
    sources = kept.pop("generated sources")
    assert len(sources) > 5 and all(source.strip() for source in sources)
    at_files = kept.pop("generated at on_files")
    assert sorted(source for source in at_files if source) == sorted(sources)
    assert any("termweave_term: learning-rate" in source for source in at_files)
    url = "tuning/choosing-a-learning-rate/"
    assert 'class="tw-term"' in kept[url]  # the content keeps its anchors
    assert 'id="tw-previews"' in kept[url]  # and its previews
