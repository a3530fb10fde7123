"""The preview's parts: which pages an edit can change, what forces a full build or a restart,
and that `make build` never loads the preview."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import previewkit as kit
import pytest

from sitekit import ROOT, copy_fixture
from termweave.links.autolink import LinkTarget
from termweave.preview.changes import registry_changes, target_changes
from termweave.preview.fingerprint import code_fingerprint, settings_fingerprint
from termweave.preview.serve import Builder
from termweave.source.registry import Registry, load_registry

MINI = ROOT / "tests" / "fixtures" / "mini"


def mini_registry() -> Registry:
    return load_registry(MINI / "glossary", MINI / "content", today=date(2026, 6, 1))


def with_term(registry: Registry, slug: str, **fields: object) -> Registry:
    terms = dict(registry.terms)
    terms[slug] = replace(terms[slug], **fields)  # type: ignore[arg-type]
    return Registry(terms, registry.categories, registry.levels)


def test_a_body_edit_makes_only_its_own_page_again() -> None:
    old = mini_registry()
    changes = registry_changes(old, with_term(old, "epoch", body="New body."))
    assert changes.term_pages == {"glossary/epoch.md"}
    assert not changes.lists and not changes.other_lists


def test_a_summary_edit_makes_related_pages_and_its_lists_again() -> None:
    old = mini_registry()
    changes = registry_changes(old, with_term(old, "epoch", summary="Changed."))
    related = {f"glossary/{t.slug}.md" for t in old.terms.values() if "epoch" in t.related}
    assert related and changes.term_pages == {"glossary/epoch.md", *related}
    assert changes.lists == {"glossary/category/core-ai.md", "glossary/letters/e.md"}
    assert changes.remade("glossary/category/core-ai.md", is_term_page=False)
    assert not changes.remade("glossary/category/tuning.md", is_term_page=False)
    assert not changes.remade("glossary/index.md", is_term_page=False)
    assert not changes.remade("glossary/review-status.md", is_term_page=False)


def test_a_new_term_changes_the_index_and_its_letter() -> None:
    old = mini_registry()
    epoch = old.terms["epoch"]
    terms = {**old.terms, "zeta": replace(epoch, slug="zeta", term="Zeta", aliases=())}
    changes = registry_changes(old, Registry(terms, old.categories, old.levels))
    assert {"glossary/index.md", "glossary/letters/z.md"} <= changes.lists
    assert "glossary/review-status.md" in changes.lists


def target(slug: str, *names: str, summary: str = "s") -> LinkTarget:
    return LinkTarget(slug, names, f"glossary/{slug}/", names[0], summary)


def test_a_new_name_is_looked_for_by_its_longest_word_in_every_form() -> None:
    old = {"epoch": target("epoch", "Epoch")}
    new = {**old, "batch": target("batch", "Mini batch")}
    changes = target_changes(old, new)
    assert changes.matching == {"batch"} and not changes.cards
    assert changes.may_mention("<p>two MINI BATCHES</p>")
    assert not changes.may_mention("<p>an epoch</p>")
    assert not changes.may_mention("<h2>Two<a href='#t'>&para;</a></h2>")
    cafe = target_changes(old, {**old, "cafe": target("cafe", "Café")})
    assert cafe.may_mention("<p>caf&eacute;</p>") and cafe.may_mention("<p>caf&#233;</p>")


def test_a_summary_changes_only_the_cards() -> None:
    old = {"epoch": target("epoch", "Epoch")}
    changes = target_changes(old, {"epoch": target("epoch", "Epoch", summary="new")})
    assert changes.cards == {"epoch"} and not changes.matching
    assert not changes.may_mention("<p>an epoch &amp; more</p>")


def test_fingerprints_see_settings_and_code(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    builder = Builder(str(project / "mkdocs.yml"), tmp_path / "site")
    config = builder.load()
    before = settings_fingerprint(config, date(2026, 6, 1))
    assert settings_fingerprint(config, date(2026, 6, 2)) != before
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert settings_fingerprint(config, date(2026, 6, 1)) != before
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "a.py").write_text("x = 1\n", encoding="utf-8")
    code = code_fingerprint([hooks])
    (hooks / "a.py").write_text("x = 22\n", encoding="utf-8")
    assert code_fingerprint([hooks]) != code


@pytest.mark.slow
def test_a_settings_change_builds_everything_again(tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        project = copy_fixture(tmp_path)
        builder = Builder(str(project / "mkdocs.yml"), tmp_path / "preview")
        builder()
        first = builder.preview
        assert first is not None
        full = first.timings.read  # every page
        kit.set_field(project, "epoch", "summary", "Edited.")
        builder()
        assert builder.preview is first and builder.preview is not None
        assert 0 < builder.preview.timings.read < full
        config_file = project / "mkdocs.yml"
        text = config_file.read_text(encoding="utf-8")
        config_file.write_text(text.replace("Mini glossary", "Mini glossary two"), "utf-8")
        builder()
        assert builder.ok and builder.preview is not first and builder.preview is not None
        assert builder.preview.timings.read == full
        assert kit.clean_build(project, tmp_path / "clean")
        assert kit.differences(tmp_path / "preview", tmp_path / "clean") == []
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def test_make_build_never_loads_the_preview(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    code = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"build(load_config(config_file={str(project / 'mkdocs.yml')!r}, "
        f"site_dir={str(tmp_path / 'site')!r}))\n"
        "print(sorted(m for m in sys.modules if m.startswith('termweave.preview')))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_a_rebuild_failing_while_writing_makes_the_next_build_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.exceptions import PluginError

    from termweave.preview import session

    project = copy_fixture(tmp_path)
    builder = Builder(str(project / "mkdocs.yml"), tmp_path / "preview")
    builder()
    assert builder.preview is not None
    full = builder.preview.timings.read
    written = session._build_page

    def fail_on_epoch(page: object, *args: object, **kwargs: object) -> None:
        if getattr(page, "url", "") == "glossary/epoch/":
            raise PluginError("a plugin failed on this page")
        written(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "_build_page", fail_on_epoch)
    kit.set_field(project, "epoch", "summary", "Failing.")
    builder()
    assert not builder.ok and builder.preview is not None and not builder.preview.built
    monkeypatch.setattr(session, "_build_page", written)
    builder()
    assert builder.ok and builder.preview.timings.read == full
