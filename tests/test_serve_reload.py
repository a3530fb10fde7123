"""`mkdocs serve` rebuilds when a YAML entry changes (glossary/ lies outside docs_dir)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
