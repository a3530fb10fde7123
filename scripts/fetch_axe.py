"""Fetch axe-core (the accessibility engine the browser tests inject) into a cache outside git.

It comes from its npm package through `npm pack`, pinned to one version; the tarball's sha512 must
equal the pinned npm integrity and the extracted `axe.min.js` its pinned sha256, or nothing is
written. Nothing is committed: the cache is ~/.cache/termweave/axe-core-<version>/ (or
$TERMWEAVE_CACHE/axe-core-<version>/).

Usage: python scripts/fetch_axe.py          # fetch when missing, verify, print the script's path
       python scripts/fetch_axe.py --check  # verify the cache only; exit 1 when missing or wrong
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "4.14.1"
PACKAGE = f"axe-core@{VERSION}"
# `npm view axe-core@4.14.1 dist.integrity`: the sha512 of the published tarball.
INTEGRITY = (
    "sha512-"
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
# sha256 of package/axe.min.js inside that tarball (checked again every time the tests load it).
SCRIPT_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
# The files taken from the tarball: the script and its licences (MPL-2.0, third parties).
MEMBERS = {
    "package/axe.min.js": "axe.min.js",
    "package/LICENSE": "LICENSE",
    "package/LICENSE-3RD-PARTY.txt": "LICENSE-3RD-PARTY.txt",
}


class AxeError(Exception):
    """axe-core is missing from the cache, cannot be fetched, or fails its integrity check."""


def cache_dir() -> Path:
    base = os.environ.get("TERMWEAVE_CACHE") or str(Path.home() / ".cache" / "termweave")
    return Path(base) / f"axe-core-{VERSION}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified_script() -> Path:
    """The cached axe.min.js after checking its hash; AxeError when missing or altered."""
    script = cache_dir() / "axe.min.js"
    if not script.is_file():
        raise AxeError(
            f"axe-core {VERSION} is not in {script.parent}: run `python scripts/fetch_axe.py` "
            "(or `make axe`; needs npm and the npm registry)"
        )
    digest = _sha256(script)
    if digest != SCRIPT_SHA256:
        raise AxeError(
            f"{script} has sha256 {digest}, expected {SCRIPT_SHA256}: delete {script.parent} "
            "and fetch it again"
        )
    return script


def _integrity(tarball: Path) -> str:
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch() -> Path:
    """`npm pack` the pinned package, check it, and unpack the two files into the cache."""
    npm = shutil.which("npm")
    if npm is None:
        raise AxeError(f"npm is needed to fetch {PACKAGE} (install Node.js and npm)")
    target = cache_dir()
    with tempfile.TemporaryDirectory(prefix="termweave-axe-") as tmp:
        work = Path(tmp)
        done = subprocess.run(
            [npm, "pack", PACKAGE, "--pack-destination", str(work), "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=work,
        )
        tarballs = sorted(work.glob("axe-core-*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            raise AxeError(f"`npm pack {PACKAGE}` failed:\n{done.stdout}{done.stderr}".rstrip())
        tarball = tarballs[0]
        actual = _integrity(tarball)
        if actual != INTEGRITY:
            raise AxeError(f"{tarball.name}: integrity {actual}, expected {INTEGRITY}")
        staging = work / "out"
        staging.mkdir()
        with tarfile.open(tarball, "r:gz") as archive:
            for member, name in MEMBERS.items():
                info = archive.getmember(member)
                source = archive.extractfile(info) if info.isfile() else None
                if source is None:
                    raise AxeError(f"{tarball.name}: {member} is not a regular file")
                (staging / name).write_bytes(source.read())
        digest = _sha256(staging / "axe.min.js")
        if digest != SCRIPT_SHA256:
            raise AxeError(
                f"axe.min.js in {tarball.name}: sha256 {digest}, expected {SCRIPT_SHA256}"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), str(target))
    return verified_script()


def ensure() -> Path:
    """The verified cached script, fetching it first when it is not there."""
    try:
        return verified_script()
    except AxeError:
        return fetch()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="verify the cache, fetch nothing")
    args = parser.parse_args(argv)
    try:
        path = verified_script() if args.check else ensure()
    except AxeError as error:
        print(f"fetch_axe: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
