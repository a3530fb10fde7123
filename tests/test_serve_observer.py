"""The preview's file watcher: a save is a change, a read is not (the build reads every watched
file, so a watcher that counted reads would rebuild for ever)."""

from __future__ import annotations

import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from sitekit import until
from termweave.preview.serve import ChangesObserver


def test_reads_are_not_changes_and_saves_creations_deletions_are(tmp_path: Path) -> None:
    entry = tmp_path / "entry.yml"
    entry.write_text("term: A\n", encoding="utf-8")
    seen: list[FileSystemEvent] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append  # type: ignore[method-assign]
    observer = ChangesObserver(timeout=0.05)
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        for _ in range(3):
            entry.read_text(encoding="utf-8")
        time.sleep(0.3)
        assert seen == []
        entry.write_text("term: B\n", encoding="utf-8")
        assert until(lambda: any(e.src_path == str(entry) for e in seen))
        seen.clear()
        (tmp_path / "new.yml").write_text("term: C\n", encoding="utf-8")
        assert until(lambda: any(e.event_type == "created" for e in seen))
        seen.clear()
        entry.unlink()
        assert until(lambda: any(e.event_type == "deleted" for e in seen))
    finally:
        observer.stop()
        observer.join()
