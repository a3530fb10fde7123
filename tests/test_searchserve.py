"""`mkdocs serve`'s search: made again in the background once edits pause, laid over the served
index without ever removing the files a reader's page may still fetch."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from termweave.search.serve import ENTRY, Reindexer, overlay

PAGE = (
    '<html lang="en"><head></head><body><article data-pagefind-body><h1>{title}</h1>'
    "<p>{title} text</p></article></body></html>"
)


def bundle(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_overlay_adds_new_replaces_fixed_and_keeps_the_served_generation(tmp_path: Path) -> None:
    served = bundle(tmp_path / "served", {ENTRY: "1", "pagefind.js": "js", "index/a1": "a1"})
    old = {ENTRY, "pagefind.js", "index/a1", "index/gone0"}
    bundle(served, {"index/gone0": "two generations ago"})
    new = bundle(tmp_path / "new", {ENTRY: "2", "pagefind.js": "js2", "index/b2": "b2"})
    overlay(new, served, keep={ENTRY, "pagefind.js", "index/a1"})
    assert names(served) == {ENTRY, "pagefind.js", "index/a1", "index/b2"}
    assert (served / ENTRY).read_text() == "2" and (served / "pagefind.js").read_text() == "js2"
    assert old - names(served) == {"index/gone0"}
    assert not [n for n in names(served) if n.endswith(".part")]


def test_overlay_into_an_emptied_site_puts_the_whole_index_back(tmp_path: Path) -> None:
    new = bundle(tmp_path / "new", {ENTRY: "1", "index/a": "a"})
    overlay(new, tmp_path / "site" / "search" / "pagefind", keep=set())
    assert names(tmp_path / "site" / "search" / "pagefind") == {ENTRY, "index/a"}


def test_edits_in_a_row_make_one_index_of_the_last(tmp_path: Path) -> None:
    reindexer = Reindexer(debounce=0.3, home=tmp_path / "home")
    target = tmp_path / "site" / "search" / "pagefind"
    try:
        for n in range(3):  # three rebuilds within the debounce: only the last is indexed
            reindexer.submit(target, [("/a/", PAGE.format(title=f"Version {n}"))], "en")
        assert reindexer.idle(timeout=60)
        assert reindexer.generation == 1 and reindexer.errors == []
        assert (target / ENTRY).is_file()
        first = names(target)
        # the next rebuild empties the site: the last index is back at once, then replaced
        import shutil

        shutil.rmtree(tmp_path / "site")
        reindexer.build_started()
        reindexer.submit(target, [("/b/", PAGE.format(title="Other"))], "en")
        assert names(target) == first  # back before the rebuild ends
        reindexer.build_ended()
        assert reindexer.idle(timeout=60) and reindexer.generation == 2
        assert first & names(target)  # the generation a reader may have loaded is kept
    finally:
        reindexer.stop()
    assert not (tmp_path / "home").exists()


def test_no_overlay_while_a_rebuild_runs(tmp_path: Path) -> None:
    reindexer = Reindexer(debounce=0.0, home=tmp_path / "home")
    target = tmp_path / "site" / "search" / "pagefind"
    try:
        reindexer.build_started()
        reindexer.submit(target, [("/a/", PAGE.format(title="A"))], "en")
        time.sleep(3)  # indexed meanwhile, but not laid over the site being rebuilt
        assert not target.exists()
        done = threading.Event()
        threading.Thread(target=lambda: reindexer.idle(60) and done.set()).start()
        reindexer.build_ended()
        assert done.wait(60) and (target / ENTRY).is_file()
    finally:
        reindexer.stop()
