"""Where the pinned Pyodide runtime lives and how it is copied into a built site.

The runtime is fetched once by `scripts/fetch_pyodide.py` (`make pyodide`) into a cache outside
git; the build only copies from that cache, so no runtime file is ever committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

LOCK_FILE = Path(__file__).resolve().parents[3] / "scripts" / "pyodide.lock.json"
CACHE_ENV = "TERMWEAVE_CACHE"
MARKER = ".termweave-complete.json"
ASSETS_DIR = Path(__file__).parent / "assets"
PYTHON_DIR = Path(__file__).parent / "python"
SITE_DEMO_DIR = "assets/termweave/demos"
SITE_PYODIDE_DIR = "assets/pyodide"


class DemoRuntimeMissing(Exception):
    """The Pyodide cache is absent or incomplete; the message says to run `make pyodide`."""


@dataclass(frozen=True)
class PyodideLock:
    package: str
    version: str
    integrity: str
    files: tuple[str, ...]

    @property
    def spec(self) -> str:
        return f"{self.package}@{self.version}"


def read_lock(path: Path = LOCK_FILE) -> PyodideLock:
    """The pinned package, version, integrity hash and runtime file list checked into git."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return PyodideLock(
        package=str(data["package"]),
        version=str(data["version"]),
        integrity=str(data["integrity"]),
        files=tuple(str(name) for name in data["files"]),
    )


def cache_root(environ: dict[str, str] | None = None) -> Path:
    """`$TERMWEAVE_CACHE`, else `~/.cache/termweave`: outside the work tree on purpose."""
    env = os.environ if environ is None else environ
    value = env.get(CACHE_ENV)
    return Path(value).expanduser() if value else Path.home() / ".cache" / "termweave"


def cache_dir(lock: PyodideLock, environ: dict[str, str] | None = None) -> Path:
    return cache_root(environ) / f"{lock.package}-{lock.version}"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_problem(directory: Path, lock: PyodideLock, *, verify: bool = True) -> str | None:
    """Why the cache cannot be used (None when complete); `verify` re-hashes every file."""
    marker = directory / MARKER
    if not marker.is_file():
        return f"no complete Pyodide {lock.version} in {directory}"
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"unreadable marker {marker}"
    if recorded.get("integrity") != lock.integrity:
        return f"{directory} holds a different Pyodide build than scripts/pyodide.lock.json"
    hashes: dict[str, str] = recorded.get("sha256", {})
    for name in lock.files:
        path = directory / name
        if not path.is_file() or name not in hashes:
            return f"{path} is missing"
        if verify and file_digest(path) != hashes[name]:
            return f"{path} has changed since it was unpacked"
    return None


def require_cache(lock: PyodideLock | None = None, *, verify: bool = False) -> Path:
    """The cache folder holding the runtime files, or DemoRuntimeMissing naming `make pyodide`."""
    lock = lock or read_lock()
    directory = cache_dir(lock)
    problem = cache_problem(directory, lock, verify=verify)
    if problem is not None:
        raise DemoRuntimeMissing(
            f"Pyodide runtime not available: {problem}. Run `make pyodide` to fetch it "
            f"(or set extra.termweave.pyodide_url to load it from a CDN)."
        )
    return directory


def copy_tree_files(sources: list[Path], target: Path) -> None:
    """Copy files flat into target, skipping ones already identical (fast `mkdocs serve`)."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        destination = target / source.name
        stat = source.stat()
        if destination.is_file():
            current = destination.stat()
            if current.st_size == stat.st_size and current.st_mtime >= stat.st_mtime:
                continue
        shutil.copy2(source, destination)


def copy_runtime(site_dir: str, *, pyodide_url: str | None) -> None:
    """Copy the demo assets and Python sources, plus Pyodide itself when self-hosted."""
    root = Path(site_dir)
    assets = sorted(p for p in ASSETS_DIR.iterdir() if p.is_file())
    sources = sorted(PYTHON_DIR.glob("*.py"))
    copy_tree_files(assets + sources, root / SITE_DEMO_DIR)
    if pyodide_url is None:
        lock = read_lock()
        cache = require_cache(lock)
        copy_tree_files([cache / name for name in lock.files], root / SITE_PYODIDE_DIR)
