"""The plain baseline of a benchmark project: the exact pages our hooks hand to MkDocs, written
out as Markdown, with the same theme settings, nav, CSS and announcement bar, and no hooks; its
search is Material's own plugin (on by default), where ours builds a Pagefind index. The
benchmark's ratio is only fair if the two builds render the same pages (`scripts/bench.py`)."""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.gen import HOOKS_DIR, Project


def _url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def _with_front_matter(meta: dict[str, Any], markdown: str) -> str:
    if not meta:
        return markdown
    return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n{markdown}"


def write_baseline(project: Project, dest: Path) -> Path:
    """The same pages as plain Markdown (exactly what our hooks hand to MkDocs, extras
    included), with the same theme settings, nav, CSS and announcement bar, and no hooks.
    Returns the baseline's mkdocs.yml."""
    if str(HOOKS_DIR) not in sys.path:
        sys.path.insert(0, str(HOOKS_DIR))
    from mkdocs.utils import get_relative_url
    from mkdocs.utils.meta import get_data

    from termweave import demos
    from termweave.site import build

    config = yaml.safe_load(project.config.read_text(encoding="utf-8"))
    docs = project.root / config["docs_dir"]
    state = build.create_state(project.config, docs, dict(config.get("extra") or {}), environ={})
    content = dest / "content"
    shutil.copytree(docs, content)
    generated = [p for p in build.generated_pages(state) if p.inclusion != "excluded"]
    for page in generated:
        (content / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (content / page.src_uri).write_text(build.generated_markdown(state, page), encoding="utf-8")
    for path in sorted(content.rglob("*.md")):
        src_uri = path.relative_to(content).as_posix()
        markdown, meta = get_data(path.read_text(encoding="utf-8"))
        markdown = build.page_markdown(state, src_uri, markdown, meta)
        markdown, _, _ = demos.expand_demo_directives(  # a demo's block is part of its page
            markdown,
            source=src_uri,
            pyodide_url=state.settings.pyodide_url,
            base_url=get_relative_url(".", _url(src_uri)),
        )
        path.write_text(_with_front_matter(meta, markdown), encoding="utf-8")
    for uri, source in build.asset_files():
        if uri.endswith(".mjs"):  # our search's module: the baseline keeps Material's search
            continue
        (content / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, content / uri)
        key = "extra_css" if uri.endswith(".css") else "extra_javascript"
        config.setdefault(key, []).append(uri)
    urls = {_url(p.relative_to(content).as_posix()) for p in content.rglob("*.md")}
    announcement = build.announcement_context(state, lambda url: url.split("#")[0] in urls)
    overrides = dest / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(_static_announcement(announcement), encoding="utf-8")
    if (project.root / "overrides").is_dir():
        shutil.copytree(project.root / "overrides", overrides, dirs_exist_ok=True)
    top = sorted(p.name for p in content.glob("*.md"))
    config["nav"] = build.derived_nav(state, top)
    config["not_in_nav"] = "/glossary/*.md\n!/glossary/index.md\n"
    config.setdefault("extra", {}).setdefault("status", {}).setdefault("early", "Early access")
    features = config["theme"].setdefault("features", [])
    if announcement["text"] and "announce.dismiss" not in features:
        features.append("announce.dismiss")
    config["theme"]["custom_dir"] = "overrides"
    for key in ("hooks", "watch"):
        config.pop(key, None)
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _static_announcement(announcement: dict[str, str]) -> str:
    """Our theme override's announcement bar, rendered once: the baseline shows the same bar."""
    if not announcement["text"]:
        return '{% extends "base.html" %}\n'
    link = ""
    if announcement["href"]:
        href = announcement["href"]
        url = html.escape(href) if "://" in href else "{{ base_url }}/" + html.escape(href)
        text = html.escape(announcement["link_text"] or "Learn more")
        link = f'\n  <a class="tw-announce__link" href="{url}">{text}</a>'
    body = f'<p class="tw-announce">\n  {html.escape(announcement["text"])}{link}\n</p>'
    return '{% extends "base.html" %}\n{% block announce %}\n' + body + "\n{% endblock %}\n"
