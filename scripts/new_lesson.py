"""Create a lesson: python scripts/new_lesson.py LEVEL "Title" [--description TEXT] [--module NAME]

Writes content/<level>/<slug>.md with front matter (title, order after the level's last lesson,
description, and the module it belongs to when given) and the lesson skeleton: what you will learn,
the explanation, a worked example, a recap and "Check your understanding" with a quiz skeleton.
Its "TODO:" text is reported by scripts/check.py as an error until it is replaced. Never
overwrites a file; the level must exist (a folder of content/ with an index.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from siteproject import ROOT, ProjectError, fail, load_project, shown_path, yaml_scalar

from termweave.authoring.health import PLACEHOLDER
from termweave.source.content import Level
from termweave.source.model import is_slug, slugify
from termweave.source.problems import did_you_mean

SCRIPT = "new_lesson"


def lesson_text(title: str, order: int, description: str, module: str = "") -> str:
    todo = PLACEHOLDER
    module_line = f"module: {yaml_scalar(module)}\n" if module else ""
    return f"""---
title: {yaml_scalar(title)}
order: {order}
description: {yaml_scalar(description)}
{module_line}---

# {title}

## What you will learn

- {todo} the first thing a reader will be able to do or explain.
- {todo} the second.

## Explanation

{todo} explain the idea in plain words. Name glossary terms as you go: each mention becomes a
link to its entry, so there is no need to add those links by hand.

## Worked example

{todo} walk through one concrete example, step by step.

## Recap

- {todo} the key point to remember.

## Check your understanding

{todo} write 3 to 5 questions that test what this lesson taught, at least one of them about
the worked example's numbers. Each is a quiz block; mark every right choice `correct: true`.

```quiz
question: "{todo} the question"
choices:
  - text: "{todo} a right answer"
    correct: true
    why: "{todo} why it is right."
  - text: "{todo} a wrong answer"
    why: "{todo} why it is wrong."
explain: "{todo} the idea the question checks."
```
"""


def next_order(level: Level) -> int:
    """One more than the level's last lesson, so the new lesson comes last."""
    return max((lesson.order for lesson in level.lessons), default=0) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("level", help="the level's folder under content/, e.g. basics")
    parser.add_argument("title", help='the lesson title, e.g. "Choosing a learning rate"')
    parser.add_argument("--description", help="one sentence for the level page and search")
    parser.add_argument(
        "--module", help="the module of the level it belongs to (see the level's other lessons)"
    )
    parser.add_argument("--slug", help="file name without .md (default: made from the title)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.root)
    except ProjectError as error:
        return fail(SCRIPT, [str(error)])
    title = " ".join(args.title.split())
    if not title:
        return fail(SCRIPT, ["the title needs some text"])
    registry = project.registry()
    level = registry.level(args.level)
    if level is None:
        known = [lv.slug for lv in registry.levels]
        return fail(
            SCRIPT,
            [
                f"unknown level '{args.level}'{did_you_mean(args.level, known)}; "
                f"levels (folders of {project.display(project.docs_dir)}/ with an index.md): "
                f"{', '.join(known) or 'none'}"
            ],
        )
    slug = args.slug or slugify(title)
    if not is_slug(slug) or slug == "index":
        return fail(SCRIPT, [f"'{slug}' is not a usable file name; pass --slug some-slug"])
    target = project.docs_dir / level.slug / f"{slug}.md"
    display = project.display(target)
    if target.exists():
        return fail(SCRIPT, [f"{display} already exists; edit it instead (nothing was written)"])
    description = " ".join((args.description or "").split()) or (
        f"{PLACEHOLDER} one sentence saying what this lesson teaches."
    )
    with target.open("x", encoding="utf-8") as stream:
        module = " ".join((args.module or "").split())
        stream.write(lesson_text(title, next_order(level), description, module))
    problems = [p for p in project.registry().problems if p.path == display]
    if problems:  # the build's own front-matter reader disagrees: leave nothing half-made
        target.unlink()
        return fail(SCRIPT, [*map(str, problems), "nothing was written"])
    print(shown_path(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
