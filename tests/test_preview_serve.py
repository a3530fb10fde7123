"""`make serve` end to end: the pages it serves after edits are a clean build's; a broken YAML
edit prints file:line, keeps the last good site and the next good edit recovers; a change to
the hooks restarts the server by itself."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import previewkit as kit
import pytest
import yaml
from test_serve_reload import free_port

from sitekit import ROOT, copy_fixture

pytestmark = pytest.mark.slow
LIVERELOAD = re.compile(rb"<script>\s*var livereload.*?</script>", re.S)
REBUILT = "termweave: "


class Served:
    def __init__(self, project: Path, log: Path) -> None:
        self.project, self.log = project, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/mini/"
        command = ["make", "-C", str(ROOT), "--no-print-directory", "serve"]
        command += [f"ADDR=127.0.0.1:{self.port}", f"CONFIG={project / 'mkdocs.yml'}"]
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
        with log.open("w", encoding="utf-8") as stream:
            self.process = subprocess.Popen(
                command, stdout=stream, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def builds(self) -> int:
        return self.text().count(REBUILT) - self.text().count("restarting")

    def fetch(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return bytes(response.read())

    def after(self, edit: Callable[[], None], timeout: float = 90) -> None:
        """Make the edit and wait until the server has rebuilt (or failed to)."""
        before = self.builds()
        time.sleep(0.2)
        edit()
        assert wait(lambda: self.builds() > before, timeout), self.text()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def start(tmp_path: Path, prepare: Callable[[Path], None] | None = None) -> Served:
    """`make serve` on a copy of the mini fixture whose hooks are a copy too (a test changes
    them); `prepare` changes the project first."""
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT / "hooks", hooks, ignore=shutil.ignore_patterns("__pycache__"))
    project = copy_fixture(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(hooks / "site_hooks.py")]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    if prepare is not None:
        prepare(project)
    server = Served(project, tmp_path / "serve.log")
    if not wait(lambda: "Serving on" in server.text(), 120):
        server.stop()
        raise AssertionError(server.text())
    return server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def assert_same_as_clean_build(server: Served, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        assert kit.clean_build(server.project, clean)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    for page in sorted(clean.rglob("*.html")):
        path = page.relative_to(clean).as_posix()
        served = LIVERELOAD.sub(b"", server.fetch(path))
        assert served == page.read_bytes(), path


def test_serve_shows_what_a_clean_build_writes(served: Served, tmp_path: Path) -> None:
    project = served.project
    served.after(lambda: kit.set_field(project, "epoch", "summary", "A pass over the data."))
    served.after(lambda: kit.add_term(project, "Training", "Fitting a model.", "Fit it.\n"))
    served.after(lambda: kit.append_to_lesson(project, kit.LESSONS[2], "Mind each epoch."))
    assert "read" in served.text()
    assert_same_as_clean_build(served, tmp_path)


def test_bad_yaml_keeps_the_last_good_site(served: Served, tmp_path: Path) -> None:
    entry = kit.entry_path(served.project, "epoch")
    good = entry.read_text(encoding="utf-8")
    served.after(lambda: entry.write_text(good + "summary: [unclosed\n", encoding="utf-8"))
    assert re.search(r"glossary/epoch\.yml:\d+", served.text()), served.text()
    assert "the last good site is still served" in served.text()
    assert b"One full pass" in served.fetch("glossary/epoch/")
    served.after(lambda: entry.write_text(good.replace("One full", "A whole"), encoding="utf-8"))
    assert b"A whole pass" in served.fetch("glossary/epoch/")
    assert_same_as_clean_build(served, tmp_path)


def test_a_change_to_the_hooks_restarts_the_server(served: Served, tmp_path: Path) -> None:
    hook = tmp_path / "hooks" / "termweave" / "pages" / "render.py"
    served.after(lambda: hook.write_text(hook.read_text(encoding="utf-8") + "\n", "utf-8"))
    assert "restarting the preview" in served.text()
    assert wait(lambda: served.text().count("Serving on") >= 2, 120), served.text()
    served.after(lambda: kit.set_field(served.project, "epoch", "summary", "After restart."))
    assert b"After restart." in served.fetch("glossary/epoch/")


def test_an_entry_broken_at_start_up_is_fixed_by_the_next_save(tmp_path: Path) -> None:
    def corrupt(project: Path) -> None:
        entry = kit.entry_path(project, "epoch")
        entry.write_text(entry.read_text(encoding="utf-8") + "term: [\n", encoding="utf-8")

    server = start(tmp_path, corrupt)
    try:
        assert re.search(r"glossary/epoch\.yml:\d+", server.text()), server.text()
        entry = kit.entry_path(server.project, "epoch")
        fixed = entry.read_text(encoding="utf-8").replace("term: [\n", "")
        server.after(lambda: entry.write_text(fixed, encoding="utf-8"))
        assert b"One full pass" in server.fetch("glossary/epoch/")
    finally:
        server.stop()
