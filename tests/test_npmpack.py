"""Pinned npm tools for the tests (axe-core, vnu.jar): the tarball's integrity and the used
file's hash are checked, and nothing is written to the cache unless both match."""

from __future__ import annotations

import hashlib
from pathlib import Path

import fetch_axe
import fetch_vnu
import npmpack
import pytest
from fetch_pyodide import sri_digest

from sitekit import write_tarball
from termweave.demos.runtime import cache_root

TOOL = b"the tool itself"


def pinned(
    source: Path, main_sha256: str = hashlib.sha256(TOOL).hexdigest()
) -> npmpack.PinnedPackage:
    return npmpack.PinnedPackage(
        name="some-tool",
        version="1.2.3",
        integrity=sri_digest(source, "sha512"),
        members={"package/dist/tool.jar": "tool.jar", "package/LICENSE": "LICENSE"},
        main="tool.jar",
        main_sha256=main_sha256,
        fetch_command="python scripts/fetch_tool.py",
    )


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERMWEAVE_CACHE", str(tmp_path / "cache"))
    return cache_root()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    members = {"package/dist/tool.jar": TOOL, "package/LICENSE": b"MIT", "package/x.js": b""}
    return write_tarball(tmp_path / "some-tool-1.2.3.tgz", members)


def test_a_good_tarball_is_unpacked_into_the_cache_and_verified(cache: Path, good: Path) -> None:
    package = pinned(good)
    with pytest.raises(npmpack.PackageError, match=r"run `python scripts/fetch_tool.py`"):
        npmpack.verified(package)
    path = npmpack.fetch(package, good)
    assert path == cache / "some-tool-1.2.3" / "tool.jar"
    assert sorted(p.name for p in path.parent.iterdir()) == ["LICENSE", "tool.jar"]
    assert npmpack.verified(package) == path == npmpack.ensure(package)
    path.write_bytes(b"altered")
    with pytest.raises(npmpack.PackageError, match=r"has sha256 .*delete"):
        npmpack.verified(package)


def test_a_tarball_that_is_not_the_pinned_one_writes_nothing(
    cache: Path, good: Path, tmp_path: Path
) -> None:
    other = write_tarball(tmp_path / "other.tgz", {"package/dist/tool.jar": TOOL})
    with pytest.raises(npmpack.PackageError, match="integrity mismatch"):
        npmpack.fetch(pinned(good), other)
    with pytest.raises(npmpack.PackageError, match=r"tool\.jar in some-tool-1\.2\.3\.tgz: sha256"):
        npmpack.fetch(pinned(good, main_sha256="0" * 64), good)
    assert not cache.exists()


def test_the_command_line(cache: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = pinned(good)
    assert npmpack.main(package, "fetch_tool", None, ["--check"]) == 1
    assert capsys.readouterr().err.startswith("fetch_tool: some-tool@1.2.3 is not in ")
    assert npmpack.main(package, "fetch_tool", None, ["--tarball", str(good)]) == 0
    assert capsys.readouterr().out.strip().endswith("some-tool-1.2.3/tool.jar")
    assert npmpack.main(package, "fetch_tool", None, ["--check"]) == 0


def test_the_pinned_tools() -> None:
    assert fetch_axe.AXE.spec == "axe-core@4.14.1" and fetch_axe.AXE.main == "axe.min.js"
    assert fetch_vnu.VNU.spec == "vnu-jar@26.9.27"
    assert fetch_vnu.VNU.members["package/build/dist/vnu.jar"] == fetch_vnu.VNU.main == "vnu.jar"
    for package in (fetch_axe.AXE, fetch_vnu.VNU):
        assert package.integrity.startswith("sha512-") and len(package.main_sha256) == 64
