"""Browser test fixtures: build a site once per session, serve it on 127.0.0.1, drive Debian's
Chromium through Playwright, and fail any test whose pages log a console error, throw, fail to
load a local resource, or request anything from another host. Usage: tests/browser/README.md.

* `site` (session): the site the page checks run against, the shipped one (`shipped_site`: the
  repo's mkdocs.yml, glossary/ and content/). `mini_site`: tests/fixtures/mini configured like
  the shipped site.
* `build_site` (session): `build_site(project_dir, env=None, name=None) -> ServedSite` builds a
  fixture project (see `sitekit.copy_fixture`) once per session and serves it.
* `open_page` (function): `open_page(site=None, device="desktop", **context_options) -> SitePage`
  opens a watched page in a new browser context; checked when the test ends.
* `site_page`, `phone_page` (function): `open_page()` and `open_page(device="phone")`.
* `browser` (session): the one Chromium of the session.

Every test in this folder is marked `browser`. Without Chromium they are all skipped for one
stated reason, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fetch_axe import AxeError, ensure
from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ServedSite,
    SitePage,
    SiteServer,
    chromium_problem,
    mkdocs_build_into,
    new_watched_context,
    registry_for,
    shipped_config_project,
)

from sitekit import ROOT

HERE = Path(__file__).resolve().parent
# TERMWEAVE_BROWSER_SITE=mini points the page checks at the mini fixture instead of the shipped
# content, for working on the harness itself; the default (and `make test`) is the shipped site.
SITE_CHOICE = os.environ.get("TERMWEAVE_BROWSER_SITE", "shipped")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in tests/browser is a browser test, so `-m "not browser"` never starts one."""
    for item in items:
        if HERE in item.path.parents and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before each test in this folder: without Chromium, skip (raised here, so that the summary
    folds every skip into one line with the reason); in CI (CI=true), fail instead."""
    problem = chromium_problem()
    if problem is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{problem}. CI=true: a missing browser is a failure.", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def build_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., ServedSite]]:
    """build_site(project_dir, env=None, name=None) -> ServedSite: `mkdocs build --strict` of
    project_dir/mkdocs.yml into a temporary folder, served on 127.0.0.1 until the session ends.
    Cached by (project_dir, env), so each distinct site is built once per session. A failed build
    fails the test with mkdocs' output."""
    cache: dict[tuple[Path, tuple[tuple[str, str], ...]], ServedSite] = {}
    servers: list[SiteServer] = []

    def build(
        project: Path, env: dict[str, str] | None = None, name: str | None = None
    ) -> ServedSite:
        project = Path(project).resolve()
        key = (project, tuple(sorted((env or {}).items())))
        if key not in cache:
            label = name or project.name
            site_dir = tmp_path_factory.mktemp(f"built-{label}") / "site"
            code, output = mkdocs_build_into(project / "mkdocs.yml", site_dir, env)
            if code != 0:
                pytest.fail(
                    f"mkdocs build --strict of {project / 'mkdocs.yml'} failed ({code}):\n{output}",
                    pytrace=False,
                )
            server = SiteServer(site_dir)
            servers.append(server)
            cache[key] = ServedSite(
                name=label,
                project=project,
                root=site_dir,
                base_url=server.base_url,
                registry=registry_for(project / "mkdocs.yml", env),
                build_output=output,
            )
        return cache[key]

    yield build
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def shipped_site(build_site: Callable[..., ServedSite]) -> ServedSite:
    """The product: the repo's own mkdocs.yml, glossary/ and content/, default (early access
    shown) build."""
    return build_site(ROOT, name="shipped")


@pytest.fixture(scope="session")
def mini_site(
    build_site: Callable[..., ServedSite], tmp_path_factory: pytest.TempPathFactory
) -> ServedSite:
    """tests/fixtures/mini with the shipped theme configuration (palette, tabs, instant nav)."""
    return build_site(shipped_config_project(tmp_path_factory.mktemp("mini-project")), name="mini")


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> ServedSite:
    """The site the page-quality checks run against: the shipped site."""
    if SITE_CHOICE not in ("shipped", "mini"):
        pytest.fail(f"TERMWEAVE_BROWSER_SITE must be 'shipped' or 'mini', not {SITE_CHOICE!r}")
    served: ServedSite = request.getfixturevalue(f"{SITE_CHOICE}_site")
    return served


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., SitePage]]:
    """open_page(site=None, device="desktop", **context_options) -> SitePage.

    Each call opens one page in a new browser context (fresh storage) on `site` (default: the
    `site` fixture). device is "desktop" (1280x800) or "phone" (390x844, mobile, touch);
    context_options go to Playwright's browser.new_context (e.g. color_scheme="dark").
    Requests to other hosts are aborted. When the test ends, every page opened this way must have
    had no console error, no uncaught exception, no failed local request and no request to another
    host; otherwise the test errors at teardown with the list."""
    opened: list[SitePage] = []

    def open_(site: ServedSite | None = None, device: str = "desktop", **options: Any) -> SitePage:
        served: ServedSite = site if site is not None else request.getfixturevalue("site")
        context, watch = new_watched_context(browser, served, device, **options)
        site_page = SitePage(context.new_page(), context, served, watch, device)
        opened.append(site_page)
        return site_page

    yield open_
    problems: list[str] = []
    for site_page in opened:
        site_page.context.close()  # first, so that late events are counted too
        problems += [f"[{site_page.device}] {p}" for p in site_page.problems()]
    if problems:
        pytest.fail("pages misbehaved during the test:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def site_page(open_page: Callable[..., SitePage]) -> SitePage:
    """A watched desktop page on the `site` fixture's site."""
    return open_page()


@pytest.fixture
def phone_page(open_page: Callable[..., SitePage]) -> SitePage:
    """A watched phone-sized touch page on the `site` fixture's site."""
    return open_page(device="phone")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    try:
        return ensure()
    except AxeError as error:
        pytest.fail(f"axe-core is needed for the accessibility checks: {error}", pytrace=False)
