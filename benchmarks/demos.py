"""How fast the in-browser demos answer, and what a demo page costs before anyone presses Run.

    python -m benchmarks.demos                     # builds the repo's site into a temp folder
    python -m benchmarks.demos --site site --runs 5
    python -m benchmarks.demos --json results.json

For each demo: the bytes a page embedding it loads before Run (and how many of them are the demo's
own assets), then the time from the click on Run to the result on screen, measured in the page:
cold (empty browser cache: download, compile and start Python, then run), cold from the browser's
HTTP cache (a fresh page, runtime files already cached) and warm (a second Run on the same page).
Medians of --runs fresh browser contexts. Uses Debian's Chromium; never downloads a browser.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("TERMWEAVE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
DEMO_ASSETS = "/assets/termweave/demos/"
RUNTIME = "/assets/pyodide/"
CLICK_TO_RESULT = """(block) => new Promise((resolve) => {
  const started = performance.now();
  const watcher = new MutationObserver(() => {
    const state = block.dataset.twState;
    if (state === "done" || state === "error" || state === "failed") {
      watcher.disconnect();
      resolve([state, performance.now() - started]);
    }
  });
  watcher.observe(block, { attributes: true, attributeFilter: ["data-tw-state"] });
  block.querySelector("[data-tw-run]").click();
})"""


@dataclass
class DemoBench:
    demo: str
    page: str
    bytes_before_run: int
    demo_asset_bytes: int
    requests_before_run: int
    runtime_bytes: int
    cold_ms: list[float]
    cached_ms: list[float]
    warm_ms: list[float]


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",  # noqa: RUF012
                      ".mjs": "text/javascript"}  # fmt: skip

    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_site(target: Path) -> Path:
    """`mkdocs build --strict` of the repo into target (never the project's own site/)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(target)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return target


def demo_pages(site: Path) -> dict[str, str]:
    """The first built page embedding each demo, by demo id."""
    found: dict[str, str] = {}
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        for demo in ("learning-rate", "search-methods"):
            if f'data-tw-demo="{demo}"' in text and demo not in found:
                relative = html.parent.relative_to(site).as_posix()
                found[demo] = "" if relative == "." else relative + "/"
    return found


def _collect(into: list[Any], response: Any) -> None:
    into.append(response)


def body_size(response: Any) -> int:
    """Bytes of the response body as sent (what a reader downloads)."""
    try:
        return int(response.request.sizes()["responseBodySize"])
    except Exception:  # an aborted request has no sizes
        return 0


def measure(browser: Any, base: str, demo: str, page_path: str, runs: int) -> DemoBench:
    cold: list[float] = []
    cached: list[float] = []
    warm: list[float] = []
    sizes: dict[str, int] = {}
    sizes_after: dict[str, int] = {}
    for index in range(runs):
        context = browser.new_context(service_workers="block")
        responses: list[Any] = []
        context.on("response", functools.partial(_collect, responses))
        page = context.new_page()
        page.goto(base + page_path, wait_until="networkidle")
        block = page.locator(f'[data-tw-demo="{demo}"]').first
        block.wait_for(state="attached")
        page.wait_for_selector(f'[data-tw-demo="{demo}"][data-tw-ready]')
        if index == 0:
            sizes = {r.url: body_size(r) for r in responses}
        before = len(responses)
        state, ms = block.evaluate(CLICK_TO_RESULT)
        if state != "done":
            raise SystemExit(f"{demo}: Run ended in state {state!r} on {page_path}")
        cold.append(ms)
        warm.append(block.evaluate(CLICK_TO_RESULT)[1])
        if index == 0:
            sizes_after = {r.url: body_size(r) for r in responses[before:] if RUNTIME in r.url}
        page.close()
        second = context.new_page()
        second.goto(base + page_path, wait_until="networkidle")
        again = second.locator(f'[data-tw-demo="{demo}"]').first
        second.wait_for_selector(f'[data-tw-demo="{demo}"][data-tw-ready]')
        cached.append(again.evaluate(CLICK_TO_RESULT)[1])
        context.close()
    return DemoBench(
        demo=demo,
        page=page_path,
        bytes_before_run=sum(sizes.values()),
        demo_asset_bytes=sum(v for k, v in sizes.items() if DEMO_ASSETS in k),
        requests_before_run=len(sizes),
        runtime_bytes=sum(sizes_after.values()),
        cold_ms=cold,
        cached_ms=cached,
        warm_ms=warm,
    )


def page_bytes(browser: Any, base: str, path: str) -> int:
    """Bytes a fresh context loads for one page until the network is idle."""
    context = browser.new_context(service_workers="block")
    responses: list[Any] = []
    context.on("response", functools.partial(_collect, responses))
    context.new_page().goto(base + path, wait_until="networkidle")
    total = sum(body_size(r) for r in responses)
    context.close()
    return total


def kb(n: int) -> str:
    return f"{n / 1000:,.0f} kB"


def ms(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ms"


def report(results: list[DemoBench]) -> str:
    lines = [
        "| demo | page | before Run (requests) | of which demo assets | runtime on Run "
        "| cold Run | cold, HTTP-cached | warm Run |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.demo} | /{r.page} | {kb(r.bytes_before_run)} ({r.requests_before_run}) "
            f"| {kb(r.demo_asset_bytes)} | {kb(r.runtime_bytes)} | {ms(r.cold_ms)} "
            f"| {ms(r.cached_ms)} | {ms(r.warm_ms)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, help="a built site (default: build the repo)")
    parser.add_argument("--runs", type=int, default=3, help="fresh contexts per demo (median)")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-demos-") as tmp:
        site = args.site.resolve() if args.site else build_site(Path(tmp) / "site")
        pages = demo_pages(site)
        if not pages:
            print(f"no page in {site} embeds a demo", file=sys.stderr)
            return 1
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                results = [measure(browser, base, d, p, args.runs) for d, p in pages.items()]
                baseline = page_bytes(browser, base, "")
                browser.close()
        finally:
            server.shutdown()
    print(report(results))
    print(f"\nfor comparison, the home page (no demo) loads {kb(baseline)}")
    print(f"\nmedians of {args.runs} fresh browser contexts; cpu count {os.cpu_count()}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
