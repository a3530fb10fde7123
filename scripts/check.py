"""Content health report: python scripts/check.py [--months N] [--json] [--strict]

First validates every entry and page with the build's own validator; then reports entries due
for review (oldest first), related links that are not mutual, terms no page mentions or links,
lessons that link no term, summaries too long for a tooltip, links that point nowhere and
placeholder text left by the new_term/new_lesson scripts.

Exit status: 0 when there is no error (warnings are printed), 1 on any error (or on any
warning with --strict), 2 when the project itself cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from siteproject import ROOT, Project, ProjectError, load_project

from termweave.authoring.health import CODES, Finding, Sources, check_content
from termweave.pages.review import review_schedule
from termweave.source.problems import Problem, Severity
from termweave.source.registry import Registry

REPORT_VERSION = 1


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of months, 1 or more: {text!r}")
    return int(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date written YYYY-MM-DD: {text!r}") from None


def _validation(problems: list[Problem]) -> list[Finding]:
    return [
        Finding("validation", p.severity, p.path, p.line, p.message, p.path)
        for p in sorted(problems)
    ]


def collect(
    project: Project, registry: Registry, today: date, months: int, validate_only: bool
) -> list[Finding]:
    """Validation first; the content checks only run on content that validates, as their
    findings would otherwise be echoes of the same mistakes."""
    findings = _validation(registry.problems)
    if validate_only or any(f.severity is Severity.ERROR for f in findings):
        return findings
    sources = Sources(project.glossary_dir, project.docs_dir, project.display(project.docs_dir))
    return findings + check_content(registry, sources, today, months)


def human_report(findings: list[Finding], header: str, strict: bool) -> str:
    lines = [header, ""]
    for code, title in CODES.items():
        group = [f for f in findings if f.code == code]
        if group:
            lines.append(f"{title}: {len(group)}")
            for finding in group:
                mark = "warning: " if finding.severity is Severity.WARNING else ""
                lines.append(f"  {finding.path}:{finding.line}: {mark}{finding.message}")
            lines.append("")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        lines.append("No problems found.")
    else:
        lines.append(f"{errors} error(s), {warnings} warning(s).")
        if strict and warnings and not errors:
            lines.append("Failing: --strict counts warnings as errors.")
    return "\n".join(lines)


def json_report(
    findings: list[Finding], registry: Registry, today: date, months: int, ok: bool
) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    data = {
        "version": REPORT_VERSION,
        "ok": ok,
        "today": today.isoformat(),
        "review_period_months": months,
        "counts": {
            "terms": len(registry.terms),
            "lessons": len(registry.lessons),
            "errors": errors,
            "warnings": len(findings) - errors,
        },
        "findings": [f.as_json() for f in findings],
        "review": [
            {
                "slug": item.term.slug,
                "term": item.term.term,
                "path": item.term.source,
                "last_reviewed": item.term.last_reviewed.isoformat(),
                "age_days": item.age_days,
                "age": item.age,
                "due": item.due,
                "due_on": item.due_on.isoformat(),
            }
            for item in review_schedule(registry, today, months)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--months",
        type=_positive,
        help="review period (default: extra.termweave.review_period_months, else 12)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--validate-only",
        action="store_true",
        help="only run the build's validation of entries and front matter (for pre-commit)",
    )
    parser.add_argument("--today", type=_day, help="check as of this date (YYYY-MM-DD)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.root)
    except ProjectError as error:
        print(f"check: error: {error}", file=sys.stderr)
        return 2
    today = args.today or date.today()
    months = args.months or project.settings.review_period_months
    registry = project.registry(today)
    findings = collect(project, registry, today, months, args.validate_only)
    errors = any(f.severity is Severity.ERROR for f in findings)
    ok = not errors and not (args.strict and findings)
    if args.json:
        print(json_report(findings, registry, today, months, ok))
    else:
        header = (
            f"Content health of {project.display(project.glossary_dir)}/ "
            f"({len(registry.terms)} entries) and {project.display(project.docs_dir)}/ "
            f"({len(registry.lessons)} lessons)"
        )
        if not args.validate_only:
            header += f"; review period {months} months, as of {today.isoformat()}"
        print(human_report(findings, header, args.strict))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
