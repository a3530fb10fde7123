"""Write schema/glossary-entry.schema.json from the model (never edited by hand).

Usage: python scripts/gen_schema.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from termweave.source.registry import load_categories  # noqa: E402
from termweave.source.schema import schema_text  # noqa: E402

SCHEMA_PATH = ROOT / "schema" / "glossary-entry.schema.json"
DEMO_IDS = ["learning-rate", "search-methods"]


def expected_schema(root: Path = ROOT) -> str:
    categories, _ = load_categories(root / "glossary", "glossary")
    return schema_text(sorted(categories), DEMO_IDS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = expected_schema()
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(
                f"{SCHEMA_PATH.relative_to(ROOT)} is out of date: run python scripts/gen_schema.py"
            )
            return 1
        return 0
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(SCHEMA_PATH.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
