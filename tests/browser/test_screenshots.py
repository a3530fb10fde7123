"""Screenshots of the main page types for people to look at, in test-output/screenshots/
(<device>-<scheme>-<kind>.png). Never compared pixel by pixel; the test only checks each page
loaded cleanly and the file was written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from harness import SitePage, main_pages
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("device", "scheme"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")]
)
def test_screenshots(open_page: Callable[..., SitePage], device: str, scheme: str) -> None:
    site_page = open_page(device=device, color_scheme=scheme)
    pages = main_pages(site_page.site)
    missing = [kind for kind, path in pages.items() if path is None and kind != "demo"]
    assert not missing, f"no page of kind {missing} to photograph"
    for kind, path in pages.items():
        if path is None:  # a site without demos has no demo page to show
            continue
        site_page.visit(path)
        expect(site_page.page.locator("article h1").first).to_be_visible()
        if kind == "demo":  # let the demo's own script finish drawing
            site_page.page.wait_for_load_state("networkidle")
        shot = site_page.screenshot(f"{device}-{scheme}-{kind}")
        assert shot.stat().st_size > 10_000, f"{shot} looks empty"
