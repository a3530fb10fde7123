"""Fetching the pinned Pyodide (integrity checked) and copying the demo runtime into a site."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import stat
import tarfile
import time
from pathlib import Path

import fetch_pyodide
import pytest

from sitekit import write_tarball
from termweave.demos import DemoRuntimeMissing, copy_runtime
from termweave.demos.runtime import (
    MARKER,
    PyodideLock,
    cache_dir,
    cache_problem,
    read_lock,
    require_cache,
)

FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
         "pyodide-lock.json")  # fmt: skip


def fake_tarball(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    """An npm-style tarball (everything under package/) with small stand-in runtime files."""
    members = {f"package/{name}": f"fake {name}".encode() for name in FILES}
    members["package/package.json"] = b'{"name": "pyodide"}'
    members.update(extra or {})
    return write_tarball(path, members)


def integrity_of(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("TERMWEAVE_CACHE", str(root))
    return root


def test_the_checked_in_lock_pins_the_issue_version_and_hash() -> None:
    lock = read_lock()
    assert lock.spec == "pyodide@314.0.7"
    assert lock.integrity == (
        "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOl"
        "D2R1A=="
    )
    assert lock.files == FILES


def test_cache_location(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_dir(read_lock()) == cache / "pyodide-314.0.7"
    monkeypatch.delenv("TERMWEAVE_CACHE")
    assert cache_dir(read_lock()) == Path.home() / ".cache/termweave/pyodide-314.0.7"


def test_a_tarball_whose_hash_does_not_match_is_rejected(cache: Path, tmp_path: Path) -> None:
    tarball = fake_tarball(tmp_path / "pyodide-314.0.7.tgz")
    lock = read_lock()  # the real hash: the fake cannot match it
    target = cache_dir(lock)
    with pytest.raises(fetch_pyodide.FetchError, match="integrity mismatch"):
        fetch_pyodide.fetch(lock, target, tarball=tarball, force=False)
    assert not target.exists()


def test_main_reports_a_mismatch_without_a_traceback(
    cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tarball = fake_tarball(tmp_path / "bad.tgz")
    assert fetch_pyodide.main(["--tarball", str(tarball)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "fetch_pyodide: error: integrity mismatch for bad.tgz: expected sha512-0Yv"
    )
    assert "Traceback" not in err


def test_a_verified_tarball_is_unpacked_once_and_only_the_runtime_files(
    cache: Path, tmp_path: Path
) -> None:
    tarball = fake_tarball(
        tmp_path / "good.tgz",
        {"package/../../escape.txt": b"no", "package/pyodide.js": b"not needed"},
    )
    lock = PyodideLock("pyodide", "314.0.7", integrity_of(tarball), FILES)
    target = cache_dir(lock)
    assert fetch_pyodide.fetch(lock, target, tarball=tarball, force=False) is True
    assert sorted(p.name for p in target.iterdir()) == sorted([*FILES, MARKER])
    assert (target / "pyodide.asm.wasm").read_bytes() == b"fake pyodide.asm.wasm"
    assert not (tmp_path / "escape.txt").exists() and not (cache / "escape.txt").exists()
    assert cache_problem(target, lock, verify=True) is None
    started = time.perf_counter()
    assert fetch_pyodide.fetch(lock, target, tarball=None, force=False) is False  # no npm call
    assert time.perf_counter() - started < 0.5


def test_a_changed_cached_file_is_noticed_by_verify(cache: Path, tmp_path: Path) -> None:
    tarball = fake_tarball(tmp_path / "good.tgz")
    lock = PyodideLock("pyodide", "314.0.7", integrity_of(tarball), FILES)
    target = cache_dir(lock)
    fetch_pyodide.fetch(lock, target, tarball=tarball, force=False)
    (target / "python_stdlib.zip").write_bytes(b"tampered")
    assert cache_problem(target, lock, verify=False) is None
    assert "has changed" in (cache_problem(target, lock, verify=True) or "")


def test_a_tarball_without_the_runtime_files_is_rejected(cache: Path, tmp_path: Path) -> None:
    tarball = tmp_path / "empty.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        info = tarfile.TarInfo("package/package.json")
        archive.addfile(info, io.BytesIO(b""))
    lock = PyodideLock("pyodide", "314.0.7", integrity_of(tarball), FILES)
    with pytest.raises(fetch_pyodide.FetchError, match=r"lacks expected files: pyodide-lock\.json"):
        fetch_pyodide.fetch(lock, cache_dir(lock), tarball=tarball, force=False)
    assert not cache_dir(lock).exists()


def test_missing_npm_is_a_clear_error(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert fetch_pyodide.main([]) == 1
    assert "npm was not found on PATH" in capsys.readouterr().err


def test_npm_pack_is_used_and_its_tarball_checked(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in `npm` on PATH proves the command line and that its output is verified."""
    source = fake_tarball(tmp_path / "source.tgz")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{tmp_path}/args"\n'
        'while [ "$1" != "--pack-destination" ]; do shift; done\n'
        f'cp "{source}" "$2/pyodide-314.0.7.tgz"\n'
    )
    npm.chmod(npm.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    lock = PyodideLock("pyodide", "314.0.7", integrity_of(source), FILES)
    assert fetch_pyodide.fetch(lock, cache_dir(lock), force=False) is True
    assert (tmp_path / "args").read_text().startswith("pack pyodide@314.0.7 --json")
    bad = PyodideLock("pyodide", "314.0.7", "sha512-" + "A" * 86 + "==", FILES)
    with pytest.raises(fetch_pyodide.FetchError, match="integrity mismatch"):
        fetch_pyodide.fetch(bad, tmp_path / "other", force=True)


def test_copy_runtime_self_hosted(cache: Path, tmp_path: Path) -> None:
    tarball = fake_tarball(tmp_path / "good.tgz")
    lock = read_lock()
    fetch_pyodide.unpack(tarball, lock, cache_dir(lock))  # as if fetched: unpack, no hash check
    record = (cache_dir(lock) / MARKER).read_text()
    assert lock.integrity in record
    site = tmp_path / "site"
    copy_runtime(str(site), pyodide_url=None)
    assert sorted(p.name for p in (site / "assets/pyodide").iterdir()) == sorted(FILES)
    demos = sorted(p.name for p in (site / "assets/termweave/demos").iterdir())
    assert demos == [
        "demo.css",
        "demo.js",
        "learning_rate.py",
        "render.mjs",
        "runtime.mjs",
        "search_methods.py",
        "svgplot.py",
        "worker.mjs",
    ]


def test_copy_runtime_with_a_cdn_needs_no_cache(cache: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    copy_runtime(str(site), pyodide_url="https://cdn.example/pyodide/v314.0.7/full/")
    assert not (site / "assets/pyodide").exists()
    assert (site / "assets/termweave/demos/worker.mjs").is_file()


def test_copy_runtime_without_the_cache_names_make_pyodide(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(DemoRuntimeMissing, match=r"Run `make pyodide` to fetch it"):
        copy_runtime(str(tmp_path / "site"), pyodide_url=None)
    with pytest.raises(DemoRuntimeMissing):
        require_cache()
