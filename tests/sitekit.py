"""Helpers to build small fixture sites with the real `mkdocs build` in a temporary folder."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOOK = ROOT / "hooks" / "site_hooks.py"


@dataclass
class Built:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """The HTML of a built page by its URL, e.g. 'glossary/epoch/'."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")

    def article(self, url: str) -> Tag:
        """The page's content (Material's article), without header, nav and footer."""
        found = BeautifulSoup(self.page(url), "html.parser").select_one("article.md-content__inner")
        assert found is not None, f"no content article in {url}"
        return found


def copy_fixture(tmp_path: Path, name: str = "mini", **extra_config: object) -> Path:
    """Copy tests/fixtures/<name> to tmp_path and point its hooks at this checkout."""
    project = tmp_path / name
    shutil.copytree(FIXTURES / name, project)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [str(HOOK)]
    for key, value in extra_config.items():
        config[key] = value
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def set_termweave(project: Path, **settings: object) -> None:
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("extra", {}).setdefault("termweave", {}).update(settings)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def mkdocs_build(
    project: Path,
    *,
    strict: bool = True,
    env: dict[str, str] | None = None,
    config_file: str = "mkdocs.yml",
    quiet: bool = True,
) -> Built:
    """`quiet`: MkDocs' `-q`, which hides warnings, and so also keeps `strict` from counting them."""
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config_file)]
    command += ["-d", str(site), *(["-q"] if quiet else [])]
    if strict:
        command.append("--strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("TERMWEAVE_HIDE_EARLY_ACCESS", None) if env is None else None
    done = subprocess.run(
        command, capture_output=True, text=True, env=full_env, timeout=600, cwd=project
    )
    return Built(done.returncode, done.stdout + done.stderr, site)


def build_shipped(destination: Path, *, hide_early_access: bool = False) -> Path:
    """`mkdocs build --strict` of the repository's own site into `destination`; fails the test
    with mkdocs' output when it does not build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TERMWEAVE_HIDE_EARLY_ACCESS", None)
    if hide_early_access:
        env["TERMWEAVE_HIDE_EARLY_ACCESS"] = "1"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "-q", "--strict"),
            *("-f", str(ROOT / "mkdocs.yml"), "-d", str(destination)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, f"the shipped site does not build:\n{done.stdout}{done.stderr}"
    return destination


def write_tarball(path: Path, members: dict[str, bytes]) -> Path:
    """A gzipped tarball holding `members` (name -> content), like the ones npm publishes."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def dangling_links(site: Path) -> list[str]:
    """Every internal href on every built page whose target file does not exist."""
    from urllib.parse import unquote, urljoin, urlsplit

    from bs4 import BeautifulSoup

    broken: list[str] = []
    for page in html_pages(site):
        if page.name == "404.html":  # uses site_url-absolute links by design
            continue
        base = "http://site.invalid/" + page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            parts = urlsplit(urljoin(base, str(anchor["href"])))
            if parts.netloc != "site.invalid":
                continue
            target = site / unquote(parts.path.lstrip("/"))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {anchor['href']}")
    return broken


PAGEFIND_MARK = b"pagefind_dcd"  # what each of Pagefind's fragments starts with, once unzipped


def search_records(site: Path) -> dict[str, dict[str, object]]:
    """The search index of a built site, page by page: URL without the leading '/' -> the
    record Pagefind keeps (content, meta, filters, anchors), read from its fragments."""
    import gzip
    import json

    records: dict[str, dict[str, object]] = {}
    for fragment in sorted((site / "search" / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(PAGEFIND_MARK), fragment
        record = json.loads(data[len(PAGEFIND_MARK) :])
        records[str(record["url"]).lstrip("/")] = record
    return records


def until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether `condition` holds within `seconds` (asked every 10 ms): for work that another
    thread finishes."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
