"""Planning pages' links on a second core (termweave.planning): the same plans, in the same
order, whether inline or in the forked worker; a dead worker costs nothing but time; a build
with the worker writes the very same site as one without."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from test_autolink import TARGETS

from sitekit import copy_fixture, mkdocs_build, set_termweave
from termweave import build, planning
from termweave.autolink import Linker
from termweave.backlinks import BackLink
from termweave.planning import Planner
from termweave.timing import TIMINGS_ENV

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


def expected(linker: Linker) -> list[tuple[int, str, object]]:
    return [
        (i, html, linker.plan(html, page_url=url, self_slug=slug))
        for i, (html, url, slug) in enumerate(PAGES)
    ]


def run(planner: Planner[int]) -> list[tuple[int, str, object]]:
    for i, (html, url, slug) in enumerate(PAGES):
        planner.submit(i, html, page_url=url, self_slug=slug)
    return list(planner.results())


def test_inline_plans_in_submission_order() -> None:
    linker = Linker(TARGETS)
    planner: Planner[int] = Planner(linker, background=False)
    assert not planner.in_background
    assert run(planner) == expected(linker)
    assert planner.worker_seconds == 0.0


@needs_fork
def test_worker_gives_the_same_plans_in_the_same_order() -> None:
    linker = Linker(TARGETS)
    planner: Planner[int] = Planner(linker, background=True)
    assert planner.in_background
    results = run(planner)
    assert results == expected(linker)
    assert any(plan.anchors for _, _, plan in results)  # type: ignore[attr-defined]
    assert planner.worker_seconds > 0.0  # timed by the worker: the plans were made there
    assert planner.worker_private_bytes > 0  # measured there too (Linux)
    assert not planner.in_background  # results() stops the worker
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_dead_worker_leaves_the_pages_to_the_main_process() -> None:
    linker = Linker(TARGETS)
    planner: Planner[int] = Planner(linker, background=True)
    planner.submit(-1, PAGES[0][0], page_url=PAGES[0][1], self_slug=None)
    planner.submit(-2, PAGES[1][0], page_url=PAGES[1][1], self_slug=None)
    planner._send()  # start the worker with a first batch
    workers = multiprocessing.active_children()
    assert workers
    for worker in workers:
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(timeout=10)
    results = run(planner)
    first = [(-1, PAGES[0][0]), (-2, PAGES[1][0])]
    assert [(key, html) for key, html, _ in results[:2]] == first
    assert results[2:] == expected(linker)


@needs_fork
def test_close_stops_the_worker_and_can_be_repeated() -> None:
    planner: Planner[int] = Planner(Linker(TARGETS), background=True)
    planner.submit(0, PAGES[0][0], page_url=PAGES[0][1], self_slug=None)
    planner._send()
    planner.close()
    planner.close()
    assert multiprocessing.active_children() == []


def site_files(site: Path) -> dict[str, bytes]:
    skip = ("sitemap.xml.gz",)
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in skip
    }


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
        assert (line["crosslink_worker"] > 0) is worker
        assert (line["worker_private_bytes"] > 0) is worker
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
def test_stop_planning_ends_the_worker_of_a_build_that_failed(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    extra = {"termweave": {"glossary_dir": "glossary"}}
    state = build.create_state(project / "mkdocs.yml", project / "content", extra)
    state.linker = Linker(TARGETS)
    state.planner = Planner(state.linker, background=True)
    state.planner.submit(BackLink("A", "a/", "", 0.0), PAGES[0][0], page_url="a/", self_slug=None)
    state.planner._send()
    assert multiprocessing.active_children()
    build.stop_planning(state)  # what on_build_error and the next on_config do
    assert state.planner is None
    assert multiprocessing.active_children() == []
    build.stop_planning(state)
    build.stop_planning(None)
