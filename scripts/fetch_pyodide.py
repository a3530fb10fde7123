"""Fetch the pinned Pyodide runtime into a cache outside git (`make pyodide`).

`npm pack` downloads the exact tarball named in scripts/pyodide.lock.json; we check its sha512
against the integrity hash checked into git ourselves (not trusting npm's report), then unpack only
the files the demos need. A second run finds the complete cache and returns at once.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from termweave.demos.runtime import (
    MARKER,
    PyodideLock,
    cache_dir,
    cache_problem,
    file_digest,
    read_lock,
)


class FetchError(Exception):
    """A failure the user can act on; printed without a traceback."""


def sri_digest(path: Path, algorithm: str) -> str:
    """Subresource-integrity style digest (`sha512-<base64>`) of a file."""
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return f"{algorithm}-{base64.b64encode(digest.digest()).decode('ascii')}"


def verify_integrity(tarball: Path, integrity: str) -> None:
    algorithm = integrity.split("-", 1)[0]
    if algorithm not in {"sha256", "sha384", "sha512"}:
        raise FetchError(f"unsupported integrity algorithm in lock file: {algorithm!r}")
    actual = sri_digest(tarball, algorithm)
    if actual != integrity:
        raise FetchError(
            f"integrity mismatch for {tarball.name}: expected {integrity}, got {actual}. "
            "The download was corrupted or the package changed; nothing was installed."
        )


def npm_pack(spec: str, destination: Path) -> Path:
    """Download the package tarball with npm (uses npm's own cache and registry settings)."""
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError(
            "npm was not found on PATH. Install Node.js and npm (e.g. `apt-get install npm`), "
            "or download the tarball yourself and pass it with --tarball PATH."
        )
    result = subprocess.run(
        [npm, "pack", spec, "--json", "--silent", "--pack-destination", str(destination)],
        cwd=destination,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise FetchError(f"`npm pack {spec}` failed (exit {result.returncode}):\n{detail}")
    tarballs = sorted(destination.glob("*.tgz"))
    if len(tarballs) != 1:
        raise FetchError(f"`npm pack {spec}` did not produce one tarball in {destination}")
    return tarballs[0]


def unpack(tarball: Path, lock: PyodideLock, target: Path) -> None:
    """Write only the runtime files, read member by member (no path from the archive is used)."""
    wanted = {f"package/{name}": name for name in lock.files}
    found: dict[str, str] = {}
    staging = target.parent / f".{target.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive:
                name = wanted.get(member.name)
                if name is None or not member.isfile():
                    continue
                source = archive.extractfile(member)
                if source is None:
                    continue
                with source, (staging / name).open("wb") as out:
                    shutil.copyfileobj(source, out)
                found[name] = file_digest(staging / name)
        missing = sorted(set(lock.files) - set(found))
        if missing:
            raise FetchError(f"{tarball.name} lacks expected files: {', '.join(missing)}")
        record = {"spec": lock.spec, "integrity": lock.integrity, "sha256": found}
        (staging / MARKER).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fetch(lock: PyodideLock, target: Path, *, tarball: Path | None = None, force: bool) -> bool:
    """Make `target` hold the verified runtime; returns False when it already did."""
    if not force and cache_problem(target, lock, verify=False) is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pyodide-pack-", dir=target.parent) as tmp:
        source = tarball if tarball is not None else npm_pack(lock.spec, Path(tmp))
        verify_integrity(source, lock.integrity)
        unpack(source, lock, target)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tarball", type=Path, help="use this downloaded tarball, not npm")
    parser.add_argument("--force", action="store_true", help="fetch again even when cached")
    parser.add_argument("--verify", action="store_true", help="re-hash the cached files")
    parser.add_argument("--print-dir", action="store_true", help="print the cache folder")
    args = parser.parse_args(argv)
    lock = read_lock()
    target = cache_dir(lock)
    if args.print_dir:
        print(target)
        return 0
    started = time.perf_counter()
    try:
        if args.verify and not args.force:
            problem = cache_problem(target, lock, verify=True)
            if problem is not None:
                print(f"Cache check failed: {problem}; fetching again.", file=sys.stderr)
                args.force = True
        fetched = fetch(lock, target, tarball=args.tarball, force=args.force)
    except FetchError as error:
        print(f"fetch_pyodide: error: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    state = "fetched and verified" if fetched else "already cached"
    print(f"Pyodide {lock.version}: {state} in {target} ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
