"""Review dates: when each entry falls due (`review_period_months` after `last_reviewed`), for
`scripts/check.py` and the Review-status page the build adds outside the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from termweave.pages.generated import INDEX_SRC, term_src
from termweave.pages.relurls import src_linker
from termweave.pages.render import relative_src, render
from termweave.source.model import Term
from termweave.source.registry import Registry

REVIEW_STATUS_SRC = "glossary/review-status.md"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def age_text(since: date, today: date) -> str:
    """'1 year 3 months', '5 months', '12 days': how long ago, for people."""
    # whole months elapsed: the calendar difference, less one if its anniversary is still ahead
    months = max((today.year - since.year) * 12 + today.month - since.month, 0)
    if months and add_months(since, months) > today:
        months -= 1
    if months == 0:
        days = (today - since).days
        return f"{days} day{'' if days == 1 else 's'}"
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'' if years == 1 else 's'}"] if years else []
    if rest:
        parts.append(f"{rest} month{'' if rest == 1 else 's'}")
    return " ".join(parts)


@dataclass(frozen=True)
class ReviewItem:
    term: Term
    due_on: date
    due: bool
    age: str
    age_days: int


def review_schedule(registry: Registry, today: date, period_months: int) -> list[ReviewItem]:
    """Every entry with its next review date, oldest review first."""
    items = []
    for term in sorted(registry.terms.values(), key=lambda t: (t.last_reviewed, t.slug)):
        due_on = add_months(term.last_reviewed, period_months)
        items.append(
            ReviewItem(
                term=term,
                due_on=due_on,
                due=due_on <= today,
                age=age_text(term.last_reviewed, today),
                age_days=(today - term.last_reviewed).days,
            )
        )
    return items


def review_status_markdown(
    env: Environment, registry: Registry, today: date, period_months: int, directory_urls: bool
) -> str:
    """The Markdown of the Review-status page (`REVIEW_STATUS_SRC`, not in the navigation).

    Its table, a row per entry, is an HTML block with the entries' URLs (MkDocs' own, as
    `use_directory_urls` makes them): Markdown passes an HTML block through whole, while a
    Markdown table of 5,000 rows costs a second to convert, on every build and on every preview
    rebuild that adds a term."""
    link = src_linker(REVIEW_STATUS_SRC, directory_urls)
    rows = [
        {
            "name": item.term.term,
            "link": link(term_src(item.term.slug)),
            "category": item.term.category,
            "reviewed": item.term.last_reviewed.isoformat(),
            "age": item.age,
            "due": item.due,
            "due_on": item.due_on,
        }
        for item in review_schedule(registry, today, period_months)
    ]
    return render(
        env,
        "review_status.md.j2",
        rows=rows,
        due_count=sum(1 for row in rows if row["due"]),
        period=f"{period_months} month{'' if period_months == 1 else 's'}",
        today=today,
        index_link=relative_src(REVIEW_STATUS_SRC, INDEX_SRC),
    )
