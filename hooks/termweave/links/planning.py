"""Each page's link plan: made when MkDocs has converted the page (`on_page_content`), kept
until the page is written (`on_page_context`). The plan says where the page's anchors go and
which terms it mentions (for the back-links); the previews payload follows from the terms it
links. The preview (`make serve`) keeps plans between rebuilds and hands a still valid one back
instead of planning the page again."""

from __future__ import annotations

from dataclasses import dataclass

from termweave.links.autolink import Linker, LinkPlan
from termweave.links.backlinks import BackLink


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One page's plan and what follows from it, kept until the page is written."""

    link: BackLink  # the page's entry in the back-links of the terms it mentions
    slug: str | None  # the term the page is about, if it is a term page
    html: str  # the HTML the plan was made from
    plan: LinkPlan
    previews: str  # `Linker.previews_html` of the terms the plan links


def plan_page(
    linker: Linker, link: BackLink, html: str, *, page_url: str, self_slug: str | None
) -> PlannedPage:
    """The page's plan and previews; `link` is its entry in the back-links of the terms it
    mentions."""
    plan = linker.plan(html, page_url=page_url, self_slug=self_slug)
    return PlannedPage(link, self_slug, html, plan, linker.previews_html(plan.linked))
