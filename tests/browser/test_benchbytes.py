"""The benchmark's measure of what search costs a reader (`benchmarks/searchbytes.py`), at a tiny N:
real builds of both variants, Chromium fetching the search files of real queries."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import bench
import pytest

import benchmarks.searchbytes

pytestmark = pytest.mark.slow


def test_bytes_of_both_searches_at_a_tiny_n(tmp_path: Path) -> None:
    """In a process of its own, as `make bench` runs it (Playwright's sync API cannot start
    inside this session's running one)."""
    out = tmp_path / "BENCHMARKS.md"
    args = ["--sizes", "30", "--runs", "1", "--no-serve", "--workdir", str(tmp_path / "w")]
    args += ["--sites", str(tmp_path / "sites"), "--out", str(out)]
    done = subprocess.run(
        [sys.executable, str(Path(bench.__file__)), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if not k.startswith("TERMWEAVE_")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    raw = json.loads((tmp_path / "w" / "results.json").read_text(encoding="utf-8"))
    (found,) = raw["bytes"]
    assert found["size"] == 30 and len(found["ours"]) == len(found["plain"]) >= 2
    site = tmp_path / "sites" / "n30" / "site-hooks"
    fixed = sum(
        benchmarks.searchbytes.sent_size(site / "search" / "pagefind" / name)
        for name in ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")
    )
    for ours, plain in zip(found["ours"], found["plain"], strict=True):
        assert ours["results"] >= 1 and plain["results"] >= 1, (ours, plain)
        # at least Pagefind's fixed files, each counted once, text compressed
        assert fixed < ours["sent"] < ours["raw"]
        index = tmp_path / "sites" / "n30" / "site-plain" / "search" / "search_index.json"
        assert plain["sent"] > benchmarks.searchbytes.sent_size(
            index
        )  # Material's whole index, and more
    report = out.read_text(encoding="utf-8")
    query = re.escape(found["ours"][0]["query"])
    assert re.search(
        rf"^\| 30 \| `{query}` \| \d+, \d+ \(\d+\) \| \d+, \d+ \(\d+\) \|$", report, re.M
    )


def test_sent_size_compresses_text_only(tmp_path: Path) -> None:
    text, binary = tmp_path / "a.json", tmp_path / "b.pf_index"
    text.write_text("x" * 10_000)
    binary.write_bytes(b"x" * 10_000)
    assert (
        benchmarks.searchbytes.sent_size(text) < 200
        and benchmarks.searchbytes.sent_size(binary) == 10_000
    )
