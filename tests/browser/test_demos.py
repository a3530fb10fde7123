"""The runnable demos in real Chromium: Run, edit, errors, Stop, loading only on demand, offline.

Each test gets a fresh browser context, so each Run below downloads and starts Python anew (a few
seconds; more on a busy machine). The harness fails any test whose pages log a console error or
ask another host for anything.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from harness import ServedSite, SitePage, demo_pages, enable_instant_navigation
from playwright.sync_api import Locator, expect

from termweave.demos import DEMO_IDS

pytestmark = pytest.mark.browser

RUN_TIMEOUT_MS = 120_000  # the first Run fetches ~13 MB and compiles Python's WebAssembly
RUNTIME = "/assets/pyodide/"
DEMO_ASSETS = "/assets/termweave/demos/"


@pytest.fixture(scope="module")
def demo_paths(site: ServedSite) -> dict[str, str]:
    """The first page embedding each demo, read from the built HTML."""
    found: dict[str, str] = {}
    for path in demo_pages(site):
        for demo_id in sorted(DEMO_IDS):
            if f'data-tw-demo="{demo_id}"' in site.html(path):
                found.setdefault(demo_id, path)
    missing = sorted(DEMO_IDS - set(found))
    assert not missing, f"no built page embeds {missing}"
    return found


def open_demo(site_page: SitePage, path: str, demo_id: str) -> Locator:
    site_page.visit(path)
    block = site_page.page.locator(f'[data-tw-demo="{demo_id}"]').first
    expect(block).to_have_attribute("data-tw-ready", "")  # demo.js has enhanced it
    return block


def runtime_requests(site_page: SitePage) -> list[str]:
    return [url for url in site_page.watch.requests if RUNTIME in url]


def run(block: Locator, state: str = "done") -> None:
    block.locator("[data-tw-run]").click()
    expect(block).to_have_attribute("data-tw-state", state, timeout=RUN_TIMEOUT_MS)


def set_code(block: Locator, code: str) -> None:
    details = block.locator("details.tw-demo__source")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    block.locator("[data-tw-code]").fill(code)


def test_learning_rate_runs_on_demand_and_shows_plot_and_summary(
    site_page: SitePage, demo_paths: dict[str, str]
) -> None:
    block = open_demo(site_page, demo_paths["learning-rate"], "learning-rate")
    expect(block.locator(".tw-demo__headline")).to_contain_text("Smooth")  # the build's run
    assert runtime_requests(site_page) == [], "the runtime must wait for Run"
    assert not [u for u in site_page.watch.requests if u.endswith("worker.mjs")]

    block.get_by_role("button", name="Diverge (0.6)").click()
    expect(block).to_have_attribute("data-tw-state", "done", timeout=RUN_TIMEOUT_MS)
    expect(block.locator(".tw-demo__headline")).to_contain_text("Diverged")
    expect(block.locator(".tw-demo__figures svg")).to_have_count(2)
    expect(block.locator(".tw-demo__figures path.tw-line")).to_have_count(1)
    expect(block.locator(".tw-demo__facts")).to_contain_text("0.6 (constant)")
    expect(block.locator("[data-tw-output]")).to_contain_text("learning rate 0.6, 100 steps")
    expect(block.locator("[data-tw-status]")).to_contain_text("Done in")
    assert any(u.endswith("pyodide.asm.wasm") for u in runtime_requests(site_page))
    for preset, headline in (("Crawl (0.01)", "Too slow"), ("Zig-zag (0.4)", "Zig-zag")):
        block.get_by_role("button", name=preset).click()
        expect(block.locator(".tw-demo__headline")).to_contain_text(headline)
        expect(block).to_have_attribute("data-tw-state", "done", timeout=RUN_TIMEOUT_MS)
    block.get_by_role("button", name="Good (0.2)").click()
    expect(block.locator(".tw-demo__headline")).to_contain_text("Smooth")
    expect(block.locator(".tw-demo__facts")).to_contain_text("0.2 (constant)")
    site_page.assert_clean()


def test_search_methods_runs_with_new_settings(
    site_page: SitePage, demo_paths: dict[str, str]
) -> None:
    block = open_demo(site_page, demo_paths["search-methods"], "search-methods")
    expect(block.locator("[data-tw-output]")).to_contain_text("seed 1")
    block.get_by_label("Seed").fill("7")
    block.get_by_label("Budget (trials)").fill("12")
    run(block)
    expect(block.locator("[data-tw-output]")).to_contain_text("budget 12 trials, seed 7")
    expect(block.locator(".tw-demo__headline")).to_contain_text("Lowest validation loss with 12")
    expect(block.locator(".tw-demo__figures svg")).to_have_count(4)  # 3 heat maps + curves
    expect(block.locator(".tw-demo__figures svg").first.locator("circle")).to_have_count(12)
    rows = block.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td").first).to_have_text("grid")


def test_editing_the_code_changes_the_output_and_errors_show_their_traceback(
    site_page: SitePage, demo_paths: dict[str, str]
) -> None:
    block = open_demo(site_page, demo_paths["learning-rate"], "learning-rate")
    source = block.locator("[data-tw-code]").input_value()
    edited = source.replace("STEEP = 4.0", "STEEP = 16.0")
    assert edited != source
    set_code(block, edited + '\nprint("edited by the reader")\n')
    run(block)
    output = block.locator("[data-tw-output]")
    expect(output).to_contain_text("Largest stable rate for this bowl: 2 / 16 = 0.125")
    expect(output).to_contain_text("edited by the reader")
    expect(block.locator(".tw-demo__headline")).to_contain_text("Diverged")  # 0.2 > 0.125

    set_code(block, 'def score():\n    return {}["missing"]\n\nscore()\n')
    run(block, "error")
    expect(output).to_contain_text("Traceback (most recent call last):")
    expect(output).to_contain_text('File "learning_rate.py", line 4, in <module>')
    expect(output).to_contain_text("KeyError: 'missing'")
    expect(block.locator("[data-tw-status]")).to_contain_text("Python raised an error")
    expect(block.locator(".tw-demo__headline")).to_contain_text("Diverged")  # last good result

    block.locator("[data-tw-reset]").click()
    assert block.locator("[data-tw-code]").input_value() == source


def test_stop_ends_an_infinite_loop_within_a_second_and_the_next_run_works(
    site_page: SitePage, demo_paths: dict[str, str]
) -> None:
    block = open_demo(site_page, demo_paths["learning-rate"], "learning-rate")
    set_code(block, "while True:\n    pass\n")
    run(block, "running")
    page = site_page.page
    page.wait_for_timeout(300)  # let the loop spin inside Python
    assert page.evaluate("() => 6 * 7") == 42  # the page itself stays responsive
    elapsed_ms = block.evaluate(
        """(block) => new Promise((resolve) => {
          const started = performance.now();
          const watcher = new MutationObserver(() => {
            if (block.dataset.twState === "stopped") {
              watcher.disconnect();
              resolve(performance.now() - started);
            }
          });
          watcher.observe(block, { attributes: true, attributeFilter: ["data-tw-state"] });
          block.querySelector("[data-tw-stop]").click();
        })"""
    )
    assert elapsed_ms < 1000, f"Stop took {elapsed_ms:.0f} ms"
    expect(block.locator("[data-tw-status]")).to_contain_text("Stopped")
    block.locator("[data-tw-reset]").click()
    run(block)
    expect(block.locator(".tw-demo__headline")).to_contain_text("Smooth")


def test_pages_without_demos_load_nothing_and_instant_navigation_enhances_demos(
    site_page: SitePage, demo_paths: dict[str, str], site: ServedSite
) -> None:
    enable_instant_navigation(site_page, site)
    path = demo_paths["search-methods"]
    parent = path.rstrip("/").rpartition("/")[0]
    parent = f"{parent}/" if parent else ""
    if parent == "glossary/":  # a term page is listed on its letter's page
        parent = f"glossary/letters/{path.removeprefix('glossary/')[0]}/"
    assert "data-tw-demo" not in site.html(parent), "the parent page should have no demo"
    site_page.visit(parent)
    site_page.visit("glossary/")
    assert not [u for u in site_page.watch.requests if DEMO_ASSETS in u or RUNTIME in u]
    site_page.visit(parent)
    site_page.page.evaluate("window.__sameDocument = true")
    site_page.follow_link_to(path, within=site_page.page.locator("article"))
    block = site_page.page.locator('[data-tw-demo="search-methods"]')
    expect(block).to_have_attribute("data-tw-ready", "")
    assert site_page.page.evaluate("window.__sameDocument === true"), "expected instant navigation"
    expect(block.locator("[data-tw-run]")).to_be_visible()
    assert runtime_requests(site_page) == []


def test_without_javascript_the_build_time_result_is_shown(
    open_page: Any, demo_paths: dict[str, str]
) -> None:
    site_page: SitePage = open_page(java_script_enabled=False)
    site_page.visit(demo_paths["learning-rate"])
    block = site_page.page.locator('[data-tw-demo="learning-rate"]')
    expect(block.locator(".tw-demo__headline")).to_contain_text("Smooth")
    expect(block.locator(".tw-demo__figures svg")).to_have_count(2)
    expect(block.locator("[data-tw-output]")).to_contain_text("Largest stable rate")
    expect(block.locator("[data-tw-status]")).to_contain_text("needs JavaScript")
    expect(block.locator("[data-tw-run]")).to_be_hidden()


def test_a_failed_runtime_load_says_so_and_keeps_the_built_result(
    site_page: SitePage, demo_paths: dict[str, str]
) -> None:
    block = open_demo(site_page, demo_paths["learning-rate"], "learning-rate")
    # Point this block at a folder with no runtime, as a broken deployment would.
    block.evaluate(
        "(block) => { block.dataset.twPyodide = new URL('/no-runtime/', location).href }"
    )
    site_page.allow_failed_request(r"/no-runtime/pyodide\.mjs: HTTP 404")
    run(block, "failed")
    expect(block.locator("[data-tw-status]")).to_contain_text(
        re.compile(r"Could not load the Python runtime .*computed when this site was built")
    )
    expect(block.locator(".tw-demo__figures svg")).to_have_count(2)
    expect(block.locator("[data-tw-run]")).to_be_enabled()


def test_plots_follow_the_light_and_dark_palette(
    open_page: Any, demo_paths: dict[str, str]
) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        site_page: SitePage = open_page(color_scheme=scheme)
        site_page.visit(demo_paths["learning-rate"])
        label = site_page.page.locator(".tw-demo .tw-chart .tw-label").first
        fills[scheme] = label.evaluate("(el) => getComputedStyle(el).fill")
        background = site_page.page.evaluate(
            "() => getComputedStyle(document.body).backgroundColor"
        )
        assert fills[scheme] != background
    assert fills["light"] != fills["dark"]
