"""Fetch the W3C Nu HTML checker (vnu.jar, npm `vnu-jar`) that the markup tests run, outside git.

Pinned like axe-core (scripts/npmpack.py): the tarball's sha512 must equal the pinned npm
integrity and vnu.jar its pinned sha256. The cache is ~/.cache/termweave/vnu-jar-<version>/ (or
$TERMWEAVE_CACHE/vnu-jar-<version>/). Running it needs Java 11 or later (`java` on PATH).

Usage: python scripts/fetch_vnu.py          # fetch when missing, verify, print the jar's path
       python scripts/fetch_vnu.py --check  # verify the cache only; exit 1 when missing or wrong
"""

from __future__ import annotations

from pathlib import Path

import npmpack

VNU = npmpack.PinnedPackage(
    name="vnu-jar",
    version="26.9.27",
    # `npm view vnu-jar@26.9.27 dist.integrity`
    integrity=(
        "sha512-"
        "TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
    ),
    members={"package/build/dist/vnu.jar": "vnu.jar", "package/LICENSE": "LICENSE"},
    main="vnu.jar",
    main_sha256="22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47",
    fetch_command="python scripts/fetch_vnu.py",
)


def ensure() -> Path:
    """The verified cached vnu.jar, fetching it first when it is not there."""
    return npmpack.ensure(VNU)


def main(argv: list[str] | None = None) -> int:
    return npmpack.main(VNU, "fetch_vnu", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
