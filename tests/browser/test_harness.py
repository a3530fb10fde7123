"""The harness itself: a watched page notices console errors, uncaught exceptions, missing local
files and requests to other hosts (and stops those before they leave)."""

from __future__ import annotations

import pytest
from harness import SitePage

pytestmark = pytest.mark.browser


def test_watch_reports_every_kind_of_problem(site_page: SitePage) -> None:
    page = site_page.page
    site_page.visit("")
    assert site_page.problems() == []
    with page.expect_console_message(lambda m: "a console error" in m.text):
        page.evaluate("console.error('harness self-test: a console error')")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('harness self-test: uncaught'); }, 0)")
    status = page.evaluate("fetch('harness-self-test-missing.txt').then(r => r.status)")
    assert status == 404
    outcome = page.evaluate(
        "fetch('https://example.com/harness-self-test').then(() => 'reached', () => 'blocked')"
    )
    assert outcome == "blocked", "a request to another host was not stopped"

    problems = "\n".join(site_page.problems())
    assert "request to another host: https://example.com/harness-self-test" in problems
    assert "console error: harness self-test: a console error" in problems
    assert "uncaught exception: " in problems and "harness self-test: uncaught" in problems
    assert "harness-self-test-missing.txt: HTTP 404" in problems
    # All of that was on purpose: clear it so that the fixture's end-of-test check passes.
    watch = site_page.watch
    for found in (watch.foreign, watch.console_errors, watch.page_errors, watch.failed):
        found.clear()


def test_allowances_are_narrow(site_page: SitePage) -> None:
    site_page.visit("")
    site_page.allow_console_error(r"^expected by this test$")
    with site_page.page.expect_console_message(lambda m: m.text == "not expected"):
        site_page.page.evaluate("console.error('expected by this test')")
        site_page.page.evaluate("console.error('not expected')")
    assert site_page.watch.console_errors and all(
        "not expected" in e for e in site_page.watch.console_errors
    )
    site_page.watch.console_errors.clear()
