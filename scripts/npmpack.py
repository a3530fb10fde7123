"""Fetch a tool the tests need from its npm package, pinned and verified, into a cache outside git.

`npm pack` downloads the pinned version (or `--tarball` names one downloaded by hand); the
tarball's sha512 must equal the pinned npm integrity and the file the tests use its pinned sha256,
or nothing is written. The cache is ~/.cache/termweave/<name>-<version>/ (or
$TERMWEAVE_CACHE/<name>-<version>/). Used by scripts/fetch_axe.py (axe-core) and
scripts/fetch_vnu.py (the W3C HTML checker); the download and integrity check are Pyodide's
(scripts/fetch_pyodide.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fetch_pyodide import FetchError as PackageError
from fetch_pyodide import npm_pack, verify_integrity

from termweave.demos.runtime import cache_root, file_digest

__all__ = ["PackageError", "PinnedPackage", "ensure", "fetch", "main", "verified"]


@dataclass(frozen=True)
class PinnedPackage:
    name: str  # the npm package
    version: str
    integrity: str  # `npm view <name>@<version> dist.integrity`
    members: dict[str, str]  # path inside the tarball -> file name in the cache
    main: str  # the cached file the tests use, checked against main_sha256 on every use
    main_sha256: str
    fetch_command: str  # what to run to fetch it, for messages

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    def cache_dir(self) -> Path:
        return cache_root() / f"{self.name}-{self.version}"


def verified(package: PinnedPackage) -> Path:
    """The cached main file after checking its hash; PackageError when missing or altered."""
    path = package.cache_dir() / package.main
    if not path.is_file():
        raise PackageError(
            f"{package.spec} is not in {path.parent}: run `{package.fetch_command}` "
            "(needs npm and the npm registry)"
        )
    digest = file_digest(path)
    if digest != package.main_sha256:
        raise PackageError(
            f"{path} has sha256 {digest}, expected {package.main_sha256}: delete {path.parent} "
            "and fetch it again"
        )
    return path


def fetch(package: PinnedPackage, tarball: Path | None = None) -> Path:
    """Check the pinned package's tarball (`npm pack`ed unless given) and unpack its members."""
    target = package.cache_dir()
    with tempfile.TemporaryDirectory(prefix=f"termweave-{package.name}-") as tmp:
        work = Path(tmp)
        source = tarball or npm_pack(package.spec, work)
        verify_integrity(source, package.integrity)
        staging = work / "out"
        staging.mkdir()
        with tarfile.open(source, "r:gz") as archive:
            for member, name in package.members.items():
                info = archive.getmember(member)
                stream = archive.extractfile(info) if info.isfile() else None
                if stream is None:
                    raise PackageError(f"{source.name}: {member} is not a regular file")
                with (staging / name).open("wb") as out:
                    shutil.copyfileobj(stream, out)
        digest = file_digest(staging / package.main)
        if digest != package.main_sha256:
            raise PackageError(
                f"{package.main} in {source.name}: sha256 {digest}, expected {package.main_sha256}"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), str(target))
    return verified(package)


def ensure(package: PinnedPackage) -> Path:
    """The verified cached main file, fetching the package first when it is not there."""
    try:
        return verified(package)
    except PackageError:
        return fetch(package)


def main(package: PinnedPackage, prog: str, description: str | None, argv: list[str] | None) -> int:
    """The command line shared by the fetch scripts: fetch or --check, print the file's path."""
    parser = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="verify the cache, fetch nothing")
    parser.add_argument("--tarball", type=Path, help="use this downloaded tarball, not npm pack")
    args = parser.parse_args(argv)
    try:
        if args.check:
            path = verified(package)
        elif args.tarball:
            path = fetch(package, args.tarball)
        else:
            path = ensure(package)
    except (PackageError, KeyError, tarfile.TarError, OSError) as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0
