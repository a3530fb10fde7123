"""axe-core (from its npm package, fetched by scripts/fetch_axe.py and checked against a pinned
hash) finds no serious or critical violation on the main page types, in light and dark mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness import ServedSite, SitePage, main_pages

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
KINDS = ["home", "glossary-index", "term", "lesson", "demo"]

# Known violations in Material for MkDocs' own page furniture (not in anything this project's
# templates, CSS or content make), each excused for one rule on the elements matching one selector
# (or inside them) and nowhere else. Everything in the article, and everything of ours, stays
# checked. (rule id, CSS selector, why)
MATERIAL_KNOWN: list[tuple[str, str, str]] = [
    (
        "aria-dialog-name",
        ".md-search[role='dialog']",
        "Material's search partial declares role=dialog on the search box without a name",
    ),
    (
        "color-contrast",
        ".md-tabs__link",
        "Material draws inactive navigation tabs at opacity 0.7 on the primary colour "
        "(4.28:1 with indigo)",
    ),
    (
        "color-contrast",
        ".md-copyright",
        "Material's 'Made with Material for MkDocs' footer line: #7f7f7f on #171717 (4.47:1)",
    ),
]

RUN_AXE = """async (known) => {
  const result = await axe.run(document, { resultTypes: ["violations"], elementRef: true });
  const excused = (rule, element) =>
    element instanceof Element &&
    known.some(([id, selector]) => id === rule && element.closest(selector) !== null);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.filter((n) => !excused(v.id, n.element)).map((n) => ({
      impact: n.impact, target: n.target.join(" "), html: n.html, summary: n.failureSummary,
    })),
  })).filter((v) => v.nodes.length > 0);
}"""


def page_for(site: ServedSite, kind: str) -> str:
    path = main_pages(site)[kind]
    if path is None:
        raise AssertionError(f"{site.name}: no {kind} page to check")
    return path


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            snippet = " ".join(node["html"].split())
            lines.append(f"    at {node['target']}: {snippet[:200]}")
            summary = (node["summary"] or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_violations(
    open_page: Callable[..., SitePage], axe_script: Path, kind: str, scheme: str
) -> None:
    site_page = open_page(color_scheme=scheme)
    page = site_page.page
    site_page.visit(page_for(site_page.site, kind))
    if kind == "demo":  # let the demo's own script finish setting up its controls
        page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(RUN_AXE, [[rule, selector] for rule, selector, _ in MATERIAL_KNOWN])
    blocking = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if (n["impact"] or violation["impact"]) in BLOCKING]
        if nodes:
            blocking.append({**violation, "nodes": nodes})
    assert not blocking, (
        f"axe-core: serious/critical violations on {site_page.path or 'home'} ({scheme}):\n"
        + describe(blocking)
    )
