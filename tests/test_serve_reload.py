"""`mkdocs serve` rebuilds when a YAML entry changes (glossary/ lies outside docs_dir)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitekit import copy_fixture

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_serve_rebuilds_after_yaml_edit(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project / "mkdocs.yml"),
        ],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/mini/glossary/epoch/"
    try:
        assert wait_for(lambda: "One full pass" in fetch(url), 60), "serve did not start"
        entry = project / "glossary" / "epoch.yml"
        entry.write_text(entry.read_text().replace("One full pass", "A complete pass"))
        assert wait_for(lambda: "A complete pass" in fetch(url), 30), "no rebuild after YAML edit"
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch_bytes(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), b""
    except OSError:
        return 0, b""


def test_serve_search_follows_edits_in_the_background_and_is_never_missing(
    tmp_path: Path,
) -> None:
    """The names files are rebuilt with the pages; the Pagefind index follows after the reload
    (debounced, in the background), and its entry file answers 200 all the while."""
    project = copy_fixture(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}/mini/"
    entry_url = f"{base}search/pagefind/pagefind-entry.json"
    try:
        assert wait_for(lambda: fetch_bytes(entry_url)[0] == 200, 90), "no index while serving"
        first = fetch_bytes(entry_url)[1]
        source = project / "glossary" / "epoch.yml"
        source.write_text(source.read_text() + "aliases: [Zyzzyva]\n")
        # the names files come with the rebuild itself
        assert wait_for(lambda: fetch_bytes(f"{base}search/names/zy.json")[0] == 200, 60)
        statuses: list[int] = []

        def index_changed() -> bool:
            status, body = fetch_bytes(entry_url)
            statuses.append(status)
            return status == 200 and body != first

        assert wait_for(index_changed, 90), "the index was not made again after the edit"
        assert set(statuses) == {200}, statuses  # never missing, not even mid-rebuild
        shard = json.loads(fetch_bytes(f"{base}search/names/zy.json")[1])
        assert shard["keys"]["zyzzyva"] == [0] and shard["terms"][0][0] == "Epoch"
    finally:
        server.terminate()
        server.wait(timeout=10)
