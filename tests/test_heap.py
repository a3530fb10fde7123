"""termweave.site.heap: what lives to the end of a build is kept from the collector while it runs,
and handed back when it ends or fails, so nothing stays frozen between serve rebuilds."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitekit import HOOK, copy_fixture
from termweave.site import heap


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_keep_from_collector_freezes_what_is_alive_and_release_undoes_it() -> None:
    kept = [object() for _ in range(100)]
    heap.keep_from_collector()
    assert gc.get_freeze_count() >= len(kept)
    heap.release()
    assert gc.get_freeze_count() == 0
    heap.release()  # idempotent
    assert gc.get_freeze_count() == 0


def test_released_objects_that_became_garbage_are_collected() -> None:
    class Node:
        other: Node | None = None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    alive = weakref.ref(a)
    heap.keep_from_collector()
    del a, b
    gc.collect()
    assert alive() is not None  # frozen: the collector leaves it alone
    heap.release()
    gc.collect()
    assert alive() is None


def test_read_pages_settle_the_heap_every_few_pages_freeing_garbage_then_freezing() -> None:
    class Node:
        other: Node | None = None

    pages = heap.ReadPages(every=3)
    assert [pages.page_read(), pages.page_read()] == [False, False]
    assert gc.get_freeze_count() == 0  # not yet: nothing walked or frozen between settlings
    a, b = Node(), Node()
    a.other, b.other = b, a
    garbage, kept = weakref.ref(a), Node()
    del a, b  # a cycle left behind, as a page's conversion leaves some
    assert pages.page_read() is True
    assert garbage() is None  # collected, not frozen with the rest
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.is_tracked(kept)
    assert all(obj is not kept for obj in gc.get_objects())  # frozen: out of every generation
    assert [pages.page_read() for _ in range(3)] == [False, False, True]
    assert gc.get_freeze_count() >= frozen


def test_read_pages_take_their_cadence_from_the_module_when_made() -> None:
    assert heap.ReadPages().every == heap.PAGES_PER_SETTLING > 1


# A build in one process, as `mkdocs serve` runs its rebuilds: a diagnostic hook after ours
# records how many objects are frozen at on_env and while pages are written; the script
# prints the count after each build. The second build fails in on_page_context.
_PROBE = textwrap.dedent(
    """
    import gc, json, os, sys

    offpath = sys.modules["termweave.site.offpath"]
    sys.modules["termweave.site.heap"].PAGES_PER_SETTLING = 2  # settle while this small site is read
    finish_planning = offpath.finish_planning
    planning_frozen = []
    read_frozen = []  # after each page is read

    def _finish_planning(state):
        planning_frozen.append(gc.get_freeze_count())
        finish_planning(state)

    offpath.finish_planning = _finish_planning

    def on_env(env, config, files):
        with open(os.environ["PROBE_OUT"], "a") as out:
            line = {"on_env": gc.get_freeze_count(), "planning": planning_frozen.pop()}
            line["read"] = read_frozen[-1]
            line["reading"] = sorted(set(read_frozen))
            read_frozen.clear()
            out.write(json.dumps(line) + "\\n")
        return env

    def on_page_content(html, page, config, files):
        read_frozen.append(gc.get_freeze_count())
        return html

    def on_page_context(context, page, config, nav):
        if os.environ.get("PROBE_FAIL"):
            raise RuntimeError("probe: this build fails half-way")
        return context
    """
)
_DRIVER = textwrap.dedent(
    """
    import gc, json, os, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counts = []
    for fail in ("", "1"):
        os.environ["PROBE_FAIL"] = fail
        config = load_config(sys.argv[1])
        try:
            build(config)
        except Exception:
            pass
        counts.append(gc.get_freeze_count())
    print(json.dumps(counts))
    """
)


def test_a_build_freezes_while_it_runs_and_leaves_nothing_frozen(tmp_path: Path) -> None:
    probe, out = tmp_path / "probe_hook.py", tmp_path / "probe.jsonl"
    probe.write_text(_PROBE, encoding="utf-8")
    project = copy_fixture(tmp_path, hooks=[str(HOOK), str(probe)], site_dir=str(tmp_path / "site"))
    config_path = project / "mkdocs.yml"
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(driver), str(config_path)],
        capture_output=True,
        text=True,
        cwd=project,
        env={"NO_MKDOCS_2_WARNING": "1", "PROBE_OUT": str(out), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    after_each = json.loads(done.stdout.strip().splitlines()[-1])
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    during = [line["on_env"] for line in lines]
    assert len(during) == 2 and all(count > 1000 for count in during), during
    # the pages read were frozen before the plans were taken, not after
    assert all(line["planning"] > line["read"] for line in lines), lines
    # and settled every two pages while they were read, each settling freezing more
    assert all(len(line["reading"]) > 2 for line in lines), lines
    assert after_each == [0, 0], "objects left frozen after a build (or a failed one)"
