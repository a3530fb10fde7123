"""The preview server of `make serve`: python scripts/serve.py [--addr HOST:PORT] [-f mkdocs.yml]

After the first full build, an edit rebuilds and rewrites only the pages whose output it
changes (`termweave.preview`); a change to mkdocs.yml builds everything again, and a change to
the hooks restarts this process."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))

from termweave.preview.serve import serve  # noqa: E402

DEFAULT_ADDRESS = "127.0.0.1:8000"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default=DEFAULT_ADDRESS, help="HOST:PORT to serve on")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    host, colon, port = args.addr.rpartition(":")
    if not colon or not host or not port.isdigit():
        parser.error(f"--addr: expected HOST:PORT, got {args.addr!r}")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    serve(args.config_file, args.addr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
