"""Create a glossary entry: python scripts/new_term.py "Term name" --category NAME [--alias A]...

The new glossary/<slug>.yml is already a valid entry, so the site keeps building while you
write; its summary, body and why_it_matters hold "TODO:" text that scripts/check.py reports as
an error until it is replaced. Never overwrites a file; refuses a name or alias that another
entry already uses (case-insensitively) and a category that _categories.yml does not declare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from siteproject import (
    ROOT,
    SCHEMA_FILE,
    ProjectError,
    fail,
    load_project,
    shown_path,
    yaml_scalar,
)

from termweave.authoring.health import PLACEHOLDER, RESERVED_SLUGS
from termweave.source.entry import load_entry
from termweave.source.model import is_slug, slugify
from termweave.source.problems import Severity, did_you_mean
from termweave.source.registry import Registry

SCRIPT = "new_term"


def entry_text(name: str, category: str, aliases: list[str], today: date, schema_ref: str) -> str:
    """The YAML of a fresh entry: every key present, the optional ones empty or default."""
    alias_list = ", ".join(yaml_scalar(alias, in_list=True) for alias in aliases)
    todo = PLACEHOLDER
    summary = f"{todo} one or two plain sentences a newcomer understands (300 characters at most)."
    return f"""# yaml-language-server: $schema={schema_ref}
term: {yaml_scalar(name)}
summary: {yaml_scalar(summary)}
body: |
  {todo} the full explanation, in Markdown, with "## " subsections where the topic has them.
why_it_matters: |
  {todo} why this matters, for someone who does not build models.
category: {yaml_scalar(category)}
aliases: [{alias_list}]  # other names; plurals are derived, do not list them
related: []  # slugs of related entries, e.g. [learning-rate, epoch]
lessons: []  # lessons that teach it, by path under content/, e.g. [basics/what-is-training.md]
last_reviewed: {today.isoformat()}
early_access: false
demos: []  # ids of in-browser demos, e.g. [learning-rate]
autolink: true  # false for ambiguous words that should not be linked automatically
"""


def _collisions(registry: Registry, names: list[str]) -> list[str]:
    owners = {name.casefold(): term for term in registry.terms.values() for name in term.names}
    problems: list[str] = []
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            problems.append(f"'{name}' is given twice")
        elif key in owners:
            other = owners[key]
            problems.append(
                f"'{name}' is already a name of '{other.term}' ({other.source}); "
                "a name may belong to one entry only"
            )
        seen.add(key)
    return problems


def _category_problem(registry: Registry, category: str) -> str | None:
    if category in registry.categories:
        return None
    same = [name for name in registry.categories if name.casefold() == category.casefold()]
    hint = f" (did you mean '{same[0]}'?)" if same else did_you_mean(category, registry.categories)
    declared = ", ".join(sorted(registry.categories)) or "none"
    return f"unknown category '{category}'{hint}; declared in _categories.yml: {declared}"


def _validate(text: str, display: str, today: date) -> list[str]:
    """Run the build's own validator on the text before it is written."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(display).name
        path.write_text(text, encoding="utf-8")
        _, problems = load_entry(path, display, today)
    return [str(problem) for problem in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("name", help='the display name, e.g. "Learning rate"')
    parser.add_argument("--category", required=True, help="a category from _categories.yml")
    parser.add_argument(
        "--alias", action="append", default=[], help="another name (repeat for more)"
    )
    parser.add_argument("--slug", help="file name without .yml (default: made from the name)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.root)
    except ProjectError as error:
        return fail(SCRIPT, [str(error)])
    name = " ".join(args.name.split())
    aliases = [" ".join(alias.split()) for alias in args.alias]
    if not name or not all(aliases):
        return fail(SCRIPT, ["the name and each alias need some text"])
    slug = args.slug or slugify(name)
    if not is_slug(slug) or (
        args.slug is None and not any(c.isascii() and c.isalnum() for c in name)
    ):
        return fail(SCRIPT, [f"'{slug}' is not a usable file name; pass --slug some-slug"])
    if slug in RESERVED_SLUGS:
        return fail(SCRIPT, [f"'{slug}' is the name of a generated page; pass another --slug"])
    target = project.glossary_dir / f"{slug}.yml"
    display = project.display(target)
    if target.exists():
        return fail(SCRIPT, [f"{display} already exists; edit it instead (nothing was written)"])
    today = date.today()
    registry = project.registry(today)
    problems = _collisions(registry, [name, *aliases])
    category_problem = _category_problem(registry, args.category)
    problems += [category_problem] if category_problem else []
    if problems:
        return fail(SCRIPT, [*problems, "nothing was written"])
    schema_ref = os.path.relpath(project.root / SCHEMA_FILE, project.glossary_dir)
    text = entry_text(name, args.category, aliases, today, Path(schema_ref).as_posix())
    invalid = _validate(text, display, today)
    if invalid:
        return fail(SCRIPT, [*invalid, "nothing was written"])
    with target.open("x", encoding="utf-8") as stream:
        stream.write(text)
    broken = sum(1 for p in registry.problems if p.severity is Severity.ERROR)
    if broken:
        print(
            f"note: the glossary has {broken} other problem(s); entries with problems were not "
            "checked for name collisions. Run: python scripts/check.py",
            file=sys.stderr,
        )
    print(shown_path(target))
    print(f"next: replace every '{PLACEHOLDER}' in {display}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
