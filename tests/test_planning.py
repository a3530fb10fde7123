"""Each page's link plan (termweave.links.planning), kept until the page is written
(`build.keep_plan`): its anchors, previews and mentions for the back-links; and what a generated page's File is given at on_files (`build.generated_markdown`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_autolink import TARGETS

from sitekit import copy_fixture
from termweave.links.autolink import PREVIEWS_START, Linker
from termweave.links.backlinks import BackLink
from termweave.links.linking import Mentions
from termweave.links.planning import PlannedPage, plan_page
from termweave.site import build

PAGES = [
    (
        f"<h2>Step {i}</h2><p>The learning rate and the batch, then Bayesian optimisation "
        f"on a GPU{' and tuning' * (i % 3)}.</p><p><code>LR</code> LR lr</p>",
        f"level/lesson-{i}/",
        "batch" if i % 7 == 0 else None,
    )
    for i in range(30)
]
TERM_PAGES = [(slug, url) for _, url, slug in PAGES if slug]  # (slug, URL) of "term pages"


def link(i: int) -> BackLink:
    return BackLink(f"Lesson {i}", PAGES[i][1], "Level", 1.0, early_access=i % 5 == 0)


def state_of(tmp_path: Path) -> build.BuildState:
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    return build.create_state(project / "mkdocs.yml", project / "content", extra)


def test_a_page_is_planned_with_its_previews() -> None:
    linker = Linker(TARGETS)
    html, url, slug = PAGES[1]
    planned = plan_page(linker, link(1), html, page_url=url, self_slug=slug)
    plan = linker.plan(html, page_url=url, self_slug=slug)
    assert planned == PlannedPage(link(1), slug, html, plan, linker.previews_html(plan.linked))
    assert planned.plan.anchors and planned.plan.linked
    assert planned.previews.startswith(PREVIEWS_START)
    nothing = plan_page(linker, link(2), "<p>No term here.</p>", page_url="x/", self_slug=None)
    assert nothing.plan.linked == () and nothing.previews == ""


def test_kept_plans_give_each_page_its_plan_and_the_sections_in_reading_order(
    tmp_path: Path,
) -> None:
    state = state_of(tmp_path)
    linker = state.linker = Linker(TARGETS)
    planned = [
        plan_page(linker, link(i), html, page_url=url, self_slug=slug)
        for i, (html, url, slug) in enumerate(PAGES)
    ]
    for page in planned:
        build.keep_plan(state, page)
    assert state.link_plans == {page.link.url: page for page in planned}
    mentions = Mentions()  # what the back-links should say: every page in reading order
    for page in planned:
        mentions.record(page.plan, page.link)
    slug, url = TERM_PAGES[0]
    section = state.mentions.section(slug, url)
    assert section == mentions.section(slug, url)
    others = [u for _, u, s in PAGES if s != "batch"]  # a page never lists itself
    assert section.count("<li>") == len(others)


@pytest.mark.slow
def test_a_generated_page_is_rendered_unless_the_preview_kept_it(tmp_path: Path) -> None:
    state = state_of(tmp_path)
    pages = build.generated_pages(state)
    index = next(page for page in pages if page.src_uri == "glossary/index.md")
    markdown = build.generated_markdown(state, index)
    assert markdown == index.render() and "# " in markdown
    state.kept_markdown = {index.src_uri: "kept"}  # the preview knows it unchanged
    assert build.generated_markdown(state, index) == "kept"
    other = next(page for page in pages if page is not index)
    assert build.generated_markdown(state, other) == other.render()
