"""Planning pages' links on a second core (termweave.links.planning): the same plans, previews and
"Mentioned in" sections, in the same order, whether inline or in the forked worker; a dead
worker costs nothing but time; a build with the worker writes the very same site as one
without."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from test_autolink import TARGETS

from sitekit import copy_fixture, mkdocs_build, search_records, set_termweave
from termweave.links import planning
from termweave.links.autolink import PREVIEWS_START, Linker
from termweave.links.backlinks import BackLink
from termweave.links.linking import Mentions
from termweave.links.planning import PlannedPage, Planner
from termweave.site import build, offpath
from termweave.site.timing import TIMINGS_ENV

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the worker is forked"
)
PAGES = [
    (
        f"<h2>Step {i}</h2><p>The learning rate and the batch, then Bayesian optimisation "
        f"on a GPU{' and tuning' * (i % 3)}.</p><p><code>LR</code> LR lr</p>",
        f"level/lesson-{i}/",
        "batch" if i % 7 == 0 else None,
    )
    for i in range(3 * planning.BATCH + 5)  # several batches and a partial one
]


TERM_PAGES = [(slug, url) for _, url, slug in PAGES if slug]  # (slug, URL) of "term pages"


def link(i: int) -> BackLink:
    return BackLink(f"Lesson {i}", PAGES[i][1], "Level", 1.0, early_access=i % 5 == 0)


def expected(linker: Linker) -> list[PlannedPage]:
    pages = []
    for i, (html, url, slug) in enumerate(PAGES):
        plan = linker.plan(html, page_url=url, self_slug=slug)
        pages.append(PlannedPage(link(i), slug, html, plan, linker.previews_html(plan.linked)))
    return pages


def expected_sections(linker: Linker) -> dict[str, str]:
    mentions = Mentions()
    for page in expected(linker):
        mentions.record(page.plan, page.link)
    return {url: mentions.section(slug, url) for slug, url in TERM_PAGES}


def run(planner: Planner) -> list[PlannedPage]:
    for i, (html, url, slug) in enumerate(PAGES):
        planner.submit(link(i), html, page_url=url, self_slug=slug)
    return list(planner.results())


def test_inline_plans_in_submission_order() -> None:
    linker = Linker(TARGETS)
    planner = Planner(linker, background=False)
    assert not planner.in_background
    results = run(planner)
    assert results == expected(linker)
    assert any(page.previews for page in results)
    planner.sections(TERM_PAGES)  # nothing to do: the caller writes them
    assert planner.section(TERM_PAGES[0][1]) is None
    planner.make_ahead("render_pages", ["a.md"])  # no maker, no worker: nothing
    assert planner.made("render_pages", "a.md") is None
    assert planner.worker_seconds == {}
    assert planner.worker_private_memory() == 0  # no worker, nothing held apart


@needs_fork
def test_worker_gives_the_same_plans_and_sections_in_the_same_order() -> None:
    linker = Linker(TARGETS)
    planner = Planner(linker, background=True)
    assert planner.in_background
    results = run(planner)
    assert results == expected(linker)
    assert any(page.plan.anchors for page in results)
    assert all(page.previews.startswith("<div") for page in results if page.plan.linked)
    assert planner.worker_seconds["crosslink"] > 0.0  # timed by the worker: planned there
    assert planner.worker_private_memory() > 0  # asked of the worker itself (Linux)
    assert planner.in_background  # the worker stays for the sections
    planner.sections(TERM_PAGES)
    sections = expected_sections(linker)
    others = [url for _, url, slug in PAGES if slug != "batch"]  # a page never lists itself
    assert sections[TERM_PAGES[0][1]].count("<li>") == len(others)
    assert {url: planner.section(url) for _, url in TERM_PAGES} == sections
    assert planner.worker_seconds["backlinks"] > 0.0  # the sections were written there
    assert planner.section(TERM_PAGES[0][1]) is None  # each is handed over once
    planner.close()
    assert multiprocessing.active_children() == []


def kill_workers() -> None:
    workers = multiprocessing.active_children()
    assert workers
    for worker in workers:
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(timeout=10)


@needs_fork
def test_a_dead_worker_leaves_the_pages_to_the_main_process() -> None:
    linker = Linker(TARGETS)
    planner = Planner(linker, background=True)
    planner.submit(link(0), PAGES[0][0], page_url=PAGES[0][1], self_slug=PAGES[0][2])
    planner.submit(link(1), PAGES[1][0], page_url=PAGES[1][1], self_slug=PAGES[1][2])
    planner._send()  # start the worker with a first batch
    kill_workers()
    results = run(planner)
    assert results[:2] == expected(linker)[:2]
    assert results[2:] == expected(linker)
    planner.sections(TERM_PAGES)  # the worker is gone: the caller writes the sections
    assert planner.section(TERM_PAGES[0][1]) is None
    planner.close()


@needs_fork
def test_a_worker_dead_after_planning_leaves_the_sections_to_the_main_process() -> None:
    planner = Planner(Linker(TARGETS), background=True)
    run(planner)
    kill_workers()
    planner.sections(TERM_PAGES)
    assert [planner.section(url) for _, url in TERM_PAGES] == [None] * len(TERM_PAGES)
    planner.close()


@needs_fork
def test_close_stops_the_worker_and_can_be_repeated() -> None:
    planner = Planner(Linker(TARGETS), background=True)
    planner.submit(link(0), PAGES[0][0], page_url=PAGES[0][1], self_slug=None)
    planner._send()
    planner.close()
    planner.close()
    assert multiprocessing.active_children() == []


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, byte for byte; the search bundle as the records it holds
    (Pagefind's filter file, and the metadata file naming it, differ from build to build for
    the same pages: it writes a hash map in no fixed order)."""
    skip = ("sitemap.xml.gz",)
    files = {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in skip and "pagefind" not in p.relative_to(site).parts
    }
    files["search records"] = json.dumps(search_records(site), sort_keys=True).encode()
    return files


@pytest.mark.slow
@needs_fork
def test_build_with_the_worker_writes_the_same_site(tmp_path: Path) -> None:
    sites = []
    for background in (True, False):
        project = copy_fixture(tmp_path / str(background))
        set_termweave(project, link_in_background=background)
        timings = tmp_path / f"timings-{background}.jsonl"
        result = mkdocs_build(project, env={TIMINGS_ENV: str(timings)})
        assert result.returncode == 0, result.output
        sites.append(site_files(result.site))
        line = json.loads(timings.read_text())
        worker = background and planning.background_possible()
        for kind in ("crosslink", "backlinks", "render_pages", "export"):  # made in the worker
            assert (line.get(f"{kind}_worker", 0.0) > 0) is worker, kind
        assert (line["worker_private_bytes"] > 0) is worker
        assert line["events"] > 0  # the rest of our events' work is timed too
    with_worker, inline = sites
    assert with_worker.keys() == inline.keys()
    assert [name for name in with_worker if with_worker[name] != inline[name]] == []
    assert b'class="tw-term"' in with_worker["tuning/choosing-a-learning-rate/index.html"]


def test_private_bytes_counts_only_private_pages(tmp_path: Path) -> None:
    rollup = tmp_path / "smaps_rollup"
    rollup.write_text(
        "Rss: 900 kB\nShared_Clean: 500 kB\nPrivate_Clean: 100 kB\nPrivate_Dirty: 300 kB\n"
    )
    assert planning.private_bytes(rollup) == 400 * 1024
    assert planning.private_bytes(tmp_path / "missing") == 0


@needs_fork
def test_stop_planning_ends_the_worker_of_a_build_that_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMINGS_ENV, str(tmp_path / "timings.jsonl"))
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    state = build.create_state(project / "mkdocs.yml", project / "content", extra)
    state.linker = Linker(TARGETS)
    state.planner = Planner(state.linker, background=True)
    state.planner.submit(BackLink("A", "a/", "", 0.0), PAGES[0][0], page_url="a/", self_slug=None)
    state.planner._send()
    assert multiprocessing.active_children()
    offpath.stop_planning(state)  # what on_build_error and the next on_config do
    assert state.planner is None
    assert multiprocessing.active_children() == []
    assert state.timer.sizes["worker_private"] > 0  # timings asked: the worker was measured
    offpath.stop_planning(state)
    offpath.stop_planning(None)


@needs_fork
def test_the_worker_writes_the_sections_after_on_env_and_stops_with_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TIMINGS_ENV, raising=False)
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    state = build.create_state(project / "mkdocs.yml", project / "content", extra)
    state.linker = Linker(TARGETS)
    offpath.start_planning(state)
    for i, (html, url, slug) in enumerate(PAGES):
        offpath.planner_of(state).submit(link(i), html, page_url=url, self_slug=slug)
    offpath.finish_planning(state)  # on_env
    assert state.planner is not None and state.planner.collected  # it stays for the sections
    assert state.planner.worker_seconds["crosslink"] > 0.0
    with pytest.raises(RuntimeError):  # no page is read after on_env
        offpath.planner_of(state)
    slug, url = TERM_PAGES[0]
    section = expected_sections(state.linker)[url]
    assert section.count("<li>") > 10
    assert offpath.backlinks_section(state, slug, url) == section  # written by the worker
    assert state.mentions.by_term == {}  # so the main process never filed the mentions
    # handed over once; asked again, it is written here from the mentions noted here: the same
    assert offpath.backlinks_section(state, slug, url) == section
    assert state.mentions.by_term != {}
    offpath.stop_planning(state)  # on_post_build
    assert state.planner is None
    assert multiprocessing.active_children() == []
    assert state.timer.seconds["crosslink_worker"] > 0.0
    assert state.timer.seconds["backlinks_worker"] > 0.0
    assert "worker_private" not in state.timer.sizes  # no timings asked: not measured


def render_in(log: list[str]) -> Callable[[str], str]:
    def render(uri: str) -> str:
        log.append(uri)
        return f"# {uri} in process {os.getpid()}"

    return render


@needs_fork
def test_the_worker_renders_generated_pages_ahead_in_the_order_asked() -> None:
    log: list[str] = []
    batches = planning.AHEAD_WINDOW + 2
    count = planning.AHEAD_FIRST + (batches - 2) * planning.AHEAD_BATCH + 3
    uris = [f"glossary/t{i}.md" for i in range(count)]
    makers = {"render_pages": render_in(log)}
    planner = Planner(Linker(TARGETS), background=True, makers=makers)
    planner.make_ahead("render_pages", uris)
    # sent ahead: a window of batches; the rest waits until texts are taken
    assert len(planner._queued["render_pages"]) == batches - planning.AHEAD_WINDOW
    planner.make_ahead("unknown", uris)  # no maker of that kind: nothing
    made = [planner.made("render_pages", uri) for uri in uris]
    assert all(
        m is not None and m.startswith(f"# {u} in process ")
        for m, u in zip(made, uris, strict=True)
    )
    workers = {str(worker.pid) for worker in multiprocessing.active_children()}
    assert {m.rsplit(" ", 1)[1] for m in made if m} <= workers  # made in the worker process
    assert log == []  # nothing was rendered here
    assert planner.made("render_pages", uris[0]) is None  # handed over once
    assert planner.made("render_pages", "not/asked.md") is None
    assert planner.made("unknown", uris[1]) is None
    assert planner.worker_seconds["render_pages"] > 0.0
    assert planner.worker_private_memory() > 0
    assert not planner._queued["render_pages"]
    planner.close()


@needs_fork
def test_a_text_asked_for_before_its_batch_is_sent_is_made_by_the_caller() -> None:
    log: list[str] = []
    uris = [f"t{i}.md" for i in range(planning.AHEAD_FIRST + 4 * planning.AHEAD_BATCH)]
    planner = Planner(Linker(TARGETS), background=True, makers={"render_pages": render_in(log)})
    planner.make_ahead("render_pages", uris)
    assert planner.made("render_pages", uris[-1]) is None  # its batch is not sent yet
    assert all(planner.made("render_pages", uri) for uri in uris[:-1])  # the rest as usual
    assert log == []
    planner.close()


def test_without_the_worker_nothing_is_rendered_ahead() -> None:
    log: list[str] = []
    planner = Planner(Linker(TARGETS), background=False, makers={"render_pages": render_in(log)})
    planner.make_ahead("render_pages", ["a.md"])
    assert planner.made("render_pages", "a.md") is None and log == []  # the caller renders it


@needs_fork
def test_a_dead_worker_leaves_the_rendering_to_the_main_process() -> None:
    planner = Planner(Linker(TARGETS), background=True, makers={"render_pages": render_in([])})
    planner.make_ahead("render_pages", ["warm.md"])
    assert planner.made("render_pages", "warm.md") is not None
    kill_workers()
    planner.make_ahead("render_pages", ["a.md", "b.md"])
    assert [planner.made("render_pages", u) for u in ("a.md", "b.md")] == [None, None]
    planner.close()


@pytest.mark.slow
def test_a_generated_page_gets_its_markdown_when_read(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    state = build.create_state(project / "mkdocs.yml", project / "content", extra)
    pages = build.generated_pages(state)
    state.generated = {page.src_uri: page for page in pages}
    index = next(page for page in pages if page.src_uri == "glossary/index.md")
    assert offpath.generated_markdown(state, "lessons/not-generated.md") is None
    assert offpath.generated_markdown(state, index.src_uri) == index.markdown  # rendered here
    assert state.timer.seconds["render_pages"] > 0.0


def test_the_previews_payload_ends_the_content(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    state = build.create_state(project / "mkdocs.yml", project / "content", extra)
    linker = Linker(TARGETS)
    html, url, slug = PAGES[1]
    plan = linker.plan(html, page_url=url, self_slug=slug)
    planned = PlannedPage(link(1), slug, html, plan, linker.previews_html(plan.linked))
    assert planned.previews.startswith(PREVIEWS_START)
    linked = plan.apply(html)
    assert offpath.with_previews(state, url, linked, planned) == linked + planned.previews
    nothing = PlannedPage(link(1), slug, html, plan, "")
    assert offpath.with_previews(state, url, "<p>y</p>", nothing) == "<p>y</p>"
