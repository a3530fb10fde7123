"""The browser harness's parts: building a site into a temporary folder, serving it on 127.0.0.1,
and a watched Playwright page. Fixtures that use them are in conftest.py beside this file; tests
import the types from here (`from harness import SitePage, ServedSite`)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from sitekit import HOOK, ROOT, copy_fixture
from termweave.source.registry import Registry, load_registry
from termweave.source.settings import HIDE_ENV, load_settings

CHROMIUM = Path(os.environ.get("TERMWEAVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = ROOT / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"

DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
DEFAULT_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 20_000


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"Chromium not found at {CHROMIUM}, so the browser tests cannot run (install Debian's `chromium` "
        "package, e.g. `make browser` as root; never `playwright install`)"
    )


# --------------------------------------------------------------------------------------------
# Building


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name or !ENV tags; only plain keys are read from it."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def registry_for(config_file: Path, env: dict[str, str] | None = None) -> Registry:
    """What a build of config_file publishes (early access removed when the build hides it)."""
    config = read_config(config_file)
    root = config_file.parent
    environ = {k: v for k, v in os.environ.items() if k != HIDE_ENV}
    settings = load_settings(config.get("extra") or {}, {**environ, **(env or {})})
    registry = load_registry(root / settings.glossary_dir, root / config.get("docs_dir", "docs"))
    return registry.without_early_access() if settings.hide_early_access else registry


def mkdocs_build_into(
    config_file: Path, site_dir: Path, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """`mkdocs build --strict` of config_file into site_dir (never the project's own site/, which
    people and other tests use). TERMWEAVE_HIDE_EARLY_ACCESS from the caller's shell is ignored;
    pass it in env."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    full_env.pop(HIDE_ENV, None)
    full_env.update(env or {})
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"]
    command += ["-f", str(config_file), "-d", str(site_dir)]
    done = subprocess.run(
        command, capture_output=True, text=True, env=full_env, timeout=600, cwd=config_file.parent
    )
    return done.returncode, done.stdout + done.stderr


def shipped_config_project(tmp: Path, name: str = "mini") -> Path:
    """A copy of tests/fixtures/<name> configured like the shipped site: the repo mkdocs.yml's
    theme (features, palette, overrides), Markdown extensions and termweave settings, with the
    fixture's own content, glossary, names and URLs."""
    project = copy_fixture(tmp, name)
    own = read_config(project / "mkdocs.yml")
    config = read_config(ROOT / "mkdocs.yml")
    config.pop("watch", None)
    config.pop("site_dir", None)
    config["hooks"] = [str(HOOK)]
    for key in ("site_name", "site_url", "repo_url", "edit_uri", "docs_dir"):
        if key in own:
            config[key] = own[key]
    theme = dict(config["theme"])
    custom = theme.get("custom_dir")
    if custom and (ROOT / custom).is_dir():
        theme["custom_dir"] = str(ROOT / custom)
    else:
        theme.pop("custom_dir", None)
    config["theme"] = theme
    extra = dict(config.get("extra") or {})
    own_settings = (own.get("extra") or {}).get("termweave") or {}
    extra["termweave"] = {
        **(extra.get("termweave") or {}),
        "glossary_dir": own_settings.get("glossary_dir", "glossary"),
    }
    config["extra"] = extra
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


# --------------------------------------------------------------------------------------------
# Serving


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the stdlib's own class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".map": "application/json",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):  # the browser hung up
            super().handle()


class SiteServer:
    """A threaded http.server for one folder on 127.0.0.1 on a free port, in a daemon thread."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.base_url = f"http://{host!s}:{port}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, name=f"site-server-{port}", daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@dataclass
class ServedSite:
    """A built site served over HTTP. `registry` is what the build published."""

    name: str
    project: Path
    root: Path
    base_url: str
    registry: Registry
    build_output: str = ""

    def url(self, path: str = "") -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    def path_of(self, url: str) -> str:
        """The site-relative path of one of its URLs ('' for home), without query or fragment."""
        if not url.startswith(self.base_url):
            raise AssertionError(f"{url} is not on {self.base_url}")
        return urlsplit(url).path.lstrip("/")

    def page_paths(self) -> list[str]:
        """The path of every page the build wrote (an index.html outside assets/)."""
        paths = []
        for file in sorted(self.root.rglob("index.html")):
            relative = file.parent.relative_to(self.root).as_posix()
            if relative.split("/")[0] != "assets":
                paths.append("" if relative == "." else relative + "/")
        return paths

    def html(self, path: str) -> str:
        """The built HTML of a page by its path."""
        return (self.root / path / "index.html").read_text(encoding="utf-8")

    @staticmethod
    def term_path(slug: str) -> str:
        return f"glossary/{slug}/"

    @staticmethod
    def page_path(src: str) -> str:
        """A page's path from its source under docs_dir: 'practitioner/first-ai-workflow.md' ->
        'practitioner/first-ai-workflow/', 'basics/index.md' -> 'basics/', 'index.md' -> ''."""
        stem = src.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


# --------------------------------------------------------------------------------------------
# Watched pages


@dataclass
class Watch:
    """What a context's pages did that a test must not allow: console errors, uncaught
    exceptions, failed or erroring local requests, and any request to a host other than the local
    server (those are also aborted before they leave)."""

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    allowed_console: list[re.Pattern[str]] = field(default_factory=list)
    allowed_failures: list[re.Pattern[str]] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        if urlsplit(url).scheme in ("data", "blob", "about"):
            return True
        return url.startswith(self.origin + "/") or url == self.origin

    def on_request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        if not self.is_local(url) and url not in self.foreign:
            self.foreign.append(url)

    def on_websocket(self, socket: Any) -> None:
        self.on_request(socket)

    def on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        if any(p.search(message.text) for p in self.allowed_console):
            return
        location = message.location or {}
        where = location.get("url", "")
        line = location.get("lineNumber", "?")
        self.console_errors.append(f"{message.text} ({where}:{line})" if where else message.text)

    def on_page_error(self, error: Any) -> None:
        self.page_errors.append(str(error))

    def on_request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        # The browser cancelling its own request (one navigation superseding another) is normal;
        # requests to other hosts are already reported as such.
        if "net::ERR_ABORTED" in failure or not self.is_local(request.url):
            return
        entry = f"{request.method} {request.url}: {failure}"
        if not any(p.search(entry) for p in self.allowed_failures):
            self.failed.append(entry)

    def on_response(self, response: Any) -> None:
        if response.status < 400 or not self.is_local(response.url):
            return
        entry = f"{response.request.method} {response.url}: HTTP {response.status}"
        if not any(p.search(entry) for p in self.allowed_failures):
            self.failed.append(entry)

    def problems(self) -> list[str]:
        found = [f"request to another host: {url}" for url in self.foreign]
        found += [f"console error: {text}" for text in self.console_errors]
        found += [f"uncaught exception: {text}" for text in self.page_errors]
        found += [f"failed request: {text}" for text in self.failed]
        return found


def new_watched_context(
    browser: Any, site: ServedSite, device: str = "desktop", **options: Any
) -> tuple[Any, Watch]:
    """A browser context for `site` whose every page, worker request and console is watched.
    Defaults: light colour scheme, reduced motion, service workers blocked, en-GB."""
    settings = {
        **DEVICES[device],
        "color_scheme": "light",
        "reduced_motion": "reduce",
        "service_workers": "block",
        "locale": "en-GB",
        **options,
    }
    context = browser.new_context(**settings)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    watch = Watch(site.base_url.rstrip("/"))

    def block_foreign(route: Any) -> None:
        watch.on_request(route.request)
        route.abort("blockedbyclient")

    local = re.escape(site.base_url)
    context.route(re.compile(rf"^(?!{local})(?!data:)(?!blob:)"), block_foreign)
    context.on("request", watch.on_request)
    context.on("requestfailed", watch.on_request_failed)
    context.on("response", watch.on_response)
    context.on("console", watch.on_console)
    context.on("weberror", lambda web_error: watch.on_page_error(web_error.error))
    context.on("page", lambda page: page.on("websocket", watch.on_websocket))
    return context, watch


class SitePage:
    """A Playwright page on a served site, watched from creation to the end of the test.

    `page` is the Playwright Page (use it and `playwright.sync_api.expect` freely); `visit(path)`
    loads a site path and checks it answered 200; `wait_for_path(path)` waits for a page reached by
    clicking (Material's instant navigation changes the URL without a page load)."""

    def __init__(self, page: Any, context: Any, site: ServedSite, watch: Watch, device: str):
        self.page = page
        self.context = context
        self.site = site
        self.watch = watch
        self.device = device

    def url(self, path: str = "") -> str:
        return self.site.url(path)

    @property
    def path(self) -> str:
        """The current page's site-relative path ('' for home)."""
        return self.site.path_of(self.page.url)

    def visit(self, path: str = "") -> Any:
        """Load a page of the site by its path ('glossary/epoch/'); it must answer 200."""
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None, f"no response for {path!r}"
        assert response.status == 200, f"{path!r} answered HTTP {response.status}"
        return self.page

    def wait_for_path(self, path: str) -> None:
        """Wait until the page shows the site path `path` (query and fragment ignored)."""
        target = self.url(path)
        self.page.wait_for_url(lambda url: url.split("#")[0].split("?")[0] == target)

    def link_to(self, path: str, within: Any = None) -> Any:
        """The first visible link inside `within` (default: the whole page) that leads to the site
        path `path` (however its href is written); fails when there is none."""
        scope = within if within is not None else self.page.locator("body")
        target = self.url(path)
        links = scope.locator("a[href]")
        hrefs = links.evaluate_all("links => links.map(a => a.href.split('#')[0].split('?')[0])")
        matching = [links.nth(i) for i, href in enumerate(hrefs) if href == target]
        assert matching, f"no link to {path or 'home'} on {self.path or 'home'}"
        visible = next((link for link in matching if link.is_visible()), None)
        assert visible is not None, f"every link to {path} on {self.path or 'home'} is hidden"
        return visible

    def follow_link_to(self, path: str, within: Any = None) -> None:
        """Click the link `link_to(path, within)` and wait until the page shows `path`."""
        self.link_to(path, within).click()
        self.wait_for_path(path)

    def allow_console_error(self, pattern: str) -> None:
        """Let an expected console error through (regex on its text). Say why in the test."""
        self.watch.allowed_console.append(re.compile(pattern))

    def allow_failed_request(self, pattern: str) -> None:
        """Let an expected local request failure through (regex on 'METHOD URL: reason'). Say
        why in the test. Requests to other hosts can never be allowed."""
        self.watch.allowed_failures.append(re.compile(pattern))

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        """Save test-output/screenshots/<name>.png for people to look at (never compared)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page, animations="disabled")
        return target

    def stray_text(self) -> list[str]:
        """Text sitting directly in <body> outside every element: the sign of markup broken by
        unescaped text (e.g. a quote ending an attribute in <head> early)."""
        found: list[str] = self.page.evaluate(
            "[...document.body.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)"
            ".map(n => n.textContent.trim()).filter(Boolean)"
        )
        return found

    def problems(self) -> list[str]:
        return self.watch.problems()

    def assert_clean(self) -> None:
        """Fail now (rather than at teardown) if anything went wrong so far."""
        problems = self.problems()
        assert not problems, "the page misbehaved:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------------------------
# Which pages to look at


DEMO_LINE = re.compile(r"^\s*::demo\[[a-z0-9-]+\]\s*$", re.MULTILINE)


def demo_pages(site: ServedSite) -> list[str]:
    """Paths of the pages that embed a demo: term pages of entries with `demos:`, then content
    pages with a `::demo[id]` line."""
    registry = site.registry
    paths = [ServedSite.term_path(t.slug) for t in registry.terms_sorted() if t.demos]
    docs_dir = site.project / str(read_config(site.project / "mkdocs.yml").get("docs_dir", "docs"))
    for source in sorted(docs_dir.rglob("*.md")):
        if DEMO_LINE.search(source.read_text(encoding="utf-8")):
            path = ServedSite.page_path(source.relative_to(docs_dir).as_posix())
            if (site.root / path / "index.html").is_file():
                paths.append(path)
    return paths


def main_pages(site: ServedSite) -> dict[str, str | None]:
    """One page of each main type: {kind: path}, None when the site has no such page.
    The term page is the richest entry (most related terms, lessons and aliases); the lesson page
    is the lesson listing the most terms."""
    registry = site.registry
    terms = registry.terms_sorted()
    term = max(
        terms,
        key=lambda t: (len(t.related) + len(t.lessons) + len(t.aliases), -terms.index(t)),
        default=None,
    )
    lessons = [lesson for level in registry.levels for lesson in level.lessons]
    lesson = max(
        lessons,
        key=lambda x: (len(registry.terms_for_lesson(x.path)), -lessons.index(x)),
        default=None,
    )
    demos = demo_pages(site)
    return {
        "home": "",
        "glossary-index": "glossary/",
        "term": ServedSite.term_path(term.slug) if term else None,
        "lesson": ServedSite.page_path(lesson.path) if lesson else None,
        "demo": demos[0] if demos else None,
    }


def enable_instant_navigation(site_page: SitePage, site: ServedSite) -> None:
    """Material navigates instantly only to URLs in sitemap.xml, which name the configured
    site_url; served here from another origin and path, the page gets a sitemap naming this one."""
    site_url = str(read_config(site.project / "mkdocs.yml").get("site_url") or "")
    assert site_url, "instant navigation needs a site_url"
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    body = sitemap.replace(site_url.rstrip("/") + "/", site.base_url)
    site_page.page.route(
        site.url("sitemap.xml"),
        lambda route: route.fulfill(body=body, content_type="application/xml"),
    )
