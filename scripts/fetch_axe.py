"""Fetch axe-core (the accessibility engine the browser tests inject) into a cache outside git.

It comes from its npm package through `npm pack`, pinned to one version; the tarball's sha512 must
equal the pinned npm integrity and the extracted `axe.min.js` its pinned sha256, or nothing is
written (scripts/npmpack.py). Nothing is committed: the cache is
~/.cache/termweave/axe-core-<version>/ (or $TERMWEAVE_CACHE/axe-core-<version>/).

Usage: python scripts/fetch_axe.py          # fetch when missing, verify, print the script's path
       python scripts/fetch_axe.py --check  # verify the cache only; exit 1 when missing or wrong
"""

from __future__ import annotations

from pathlib import Path

import npmpack
from npmpack import PackageError as AxeError

VERSION = "4.14.1"
AXE = npmpack.PinnedPackage(
    name="axe-core",
    version=VERSION,
    # `npm view axe-core@4.14.1 dist.integrity`: the sha512 of the published tarball.
    integrity=(
        "sha512-"
        "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
    ),
    # The script and its licences (MPL-2.0, third parties).
    members={
        "package/axe.min.js": "axe.min.js",
        "package/LICENSE": "LICENSE",
        "package/LICENSE-3RD-PARTY.txt": "LICENSE-3RD-PARTY.txt",
    },
    main="axe.min.js",
    # sha256 of package/axe.min.js inside that tarball (checked again every time the tests load it).
    main_sha256="29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c",
    fetch_command="python scripts/fetch_axe.py",
)

__all__ = ["AXE", "VERSION", "AxeError", "ensure", "verified_script"]


def verified_script() -> Path:
    """The cached axe.min.js after checking its hash; AxeError when missing or altered."""
    return npmpack.verified(AXE)


def ensure() -> Path:
    """The verified cached script, fetching it first when it is not there."""
    return npmpack.ensure(AXE)


def main(argv: list[str] | None = None) -> int:
    return npmpack.main(AXE, "fetch_axe", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
