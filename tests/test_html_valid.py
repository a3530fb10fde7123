"""The W3C HTML checker (vnu.jar, scripts/fetch_vnu.py) finds no error in our markup on the
shipped site: one JVM over every page. Errors in Material's own `md-` furniture are left out by
scripts/validate_html.py's rule, which is tested here on the checker's real messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import validate_html
from fetch_vnu import ensure
from markupsite import make_markup_project
from npmpack import PackageError
from validate_html import findings, is_materials, start_tag_classes

from sitekit import ROOT, build_shipped, mkdocs_build

# Messages as vnu 26 reports them on the shipped site (JSON format), trimmed to what is read.
MATERIAL_TOGGLE = {
    "type": "error",
    "url": "file:/tmp/site/404.html",
    "lastLine": 67,
    "firstColumn": 5,
    "message": "Attribute “autocomplete” is only allowed when the input type is “color”, …",
    "extract": '\n    \n    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
    'id="__drawer" autocomplete="off">\n    <',
    "hiliteStart": 10,
    "hiliteLength": 98,
}
MATERIAL_NAV_LABEL = {
    "type": "error",
    "url": "file:/tmp/site/advanced/index.html",
    "lastLine": 615,
    "firstColumn": 15,
    "message": "Bad value “” for attribute “tabindex” on element “label”: …",
    "extract": '          <label class="md-nav__link " for="__nav_4" id="__nav_4_label" '
    'tabindex="">\n     ',
    "hiliteStart": 10,
    "hiliteLength": 74,
}
OURS_OUTPUT = {
    "type": "error",
    "url": "file:/tmp/site/glossary/gradient-descent/index.html",
    "lastLine": 898,
    "firstColumn": 102,
    "message": "Any “output” descendant of a “label” element with a “for” attribute must …",
    "extract": 'g scale): <output for="tw-learning-rate-1-learning_rate" data-tw-show>0.2</o',
    "hiliteStart": 10,
    "hiliteLength": 60,
}


def test_materials_furniture_is_recognised_by_its_md_class() -> None:
    assert is_materials(MATERIAL_TOGGLE)
    assert is_materials(MATERIAL_NAV_LABEL)
    assert not is_materials(OURS_OUTPUT)


def with_markup(message: dict[str, Any], markup: str, **changes: Any) -> dict[str, Any]:
    extract = "..." + markup + "..."
    return {**message, "extract": extract, "hiliteStart": 3, "hiliteLength": len(markup), **changes}


@pytest.mark.parametrize(
    ("markup", "materials"),
    [
        ('<label class="md-nav__title" for="__toc">', True),
        ("<div class='tw-x md-sidebar'>", True),
        ('<nav class="md-nav md-nav--primary" aria-label="x" data-md-level="0">', True),
        # Material's button classes are for authors: our demo buttons carry them.
        ('<button type="button" class="md-button" data-tw-run>', False),
        ('<button class="md-button md-button--primary">', False),
        ('<pre class="tw-demo__output" aria-labelledby="x">', False),
        ('<input id="__drawer" autocomplete="off">', False),  # Material's id, but no md- class
        ('<input class="md-toggle">x</label>', False),  # more than one tag: not attributable
        ('<label class="md-nav__link"></label>', False),
        ("</label>", False),
        ('text <span class="md-ellipsis">', False),
        ("", False),
    ],
)
def test_only_a_single_start_tag_with_a_furniture_class_is_materials(
    markup: str, materials: bool
) -> None:
    assert is_materials(with_markup(MATERIAL_NAV_LABEL, markup)) is materials


def test_messages_that_are_not_plain_errors_are_ours() -> None:
    markup = '<label class="md-nav__title" for="__toc">'
    assert not is_materials(with_markup(MATERIAL_NAV_LABEL, markup, type="non-document-error"))
    assert not is_materials(with_markup(MATERIAL_NAV_LABEL, markup, subType="fatal"))
    assert not is_materials({**MATERIAL_NAV_LABEL, "hiliteStart": None})


def test_start_tag_classes() -> None:
    assert start_tag_classes(' <a class="md-a  b" href="x"> ') == {"md-a", "b"}
    assert start_tag_classes("<br/>") == set()
    assert start_tag_classes("<a><b>") is None
    assert start_tag_classes("plain text") is None


def test_findings_keep_ours_with_file_line_and_column(tmp_path: Path) -> None:
    site = Path("/tmp/site")
    found = findings([MATERIAL_TOGGLE, OURS_OUTPUT, MATERIAL_NAV_LABEL], [site])
    assert [str(f).split(" [")[0] for f in found] == [
        "site/glossary/gradient-descent/index.html:898:102: error: Any “output” descendant of a "
        "“label” element with a “for” attribute must …"
    ]
    assert found[0].markup == '<output for="tw-learning-rate-1-learning_rate" data-tw-show>'


# --- the checker on real pages ------------------------------------------------------------------

CANARY = """<!doctype html>
<html lang="en"><head><title>canary</title></head><body>
<p id="t">Output</p>
<pre class="tw-demo__output" aria-labelledby="t">x</pre>
<nav class="md-nav"><textarea wrap="off"></textarea></nav>
<button class="md-button" type="bogus">Run</button>
<label class="md-nav__link" for="nothing">Material's kind of mistake</label>
</body></html>
"""


@pytest.fixture(scope="module")
def vnu() -> Path:
    if shutil.which("java") is None:
        reason = "Java is needed to run the W3C HTML checker (make vnu installs it on Debian)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}. CI=true: a missing Java is a failure.", pytrace=False)
        pytest.skip(reason)
    try:
        return ensure()
    except PackageError as error:
        pytest.fail(f"the HTML checker is needed: {error}", pytrace=False)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_shipped(tmp_path_factory.mktemp("valid") / "site")


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = mkdocs_build(make_markup_project(tmp_path_factory.mktemp("valid-markup")))
    assert built.returncode == 0, built.output
    return built.site


@pytest.mark.slow
def test_no_page_of_the_shipped_site_has_an_error_in_our_markup(
    vnu: Path, shipped_site: Path, markup_site: Path, tmp_path: Path
) -> None:
    """One run over every page of the shipped site and of the fixture whose names carry markup,
    with a canary page of known mistakes that must be reported (so a checker that checks
    nothing, or a filter that excuses too much, fails here)."""
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "index.html").write_text(CANARY, encoding="utf-8")
    assert len(sorted(shipped_site.rglob("*.html"))) > 50
    assert (markup_site / "glossary" / "x-title" / "index.html").is_file()
    sites = [shipped_site, markup_site, canary]
    messages = validate_html.run_checker(vnu, sites)
    ours = findings(messages, sites)
    from_canary = [f for f in ours if f.path.startswith("canary/")]
    assert [f.line for f in from_canary] == [4, 5, 6], "\n".join(map(str, ours))
    assert "aria-labelledby" in from_canary[0].message and "wrap" in from_canary[1].message
    assert "type" in from_canary[2].message  # ours, although it wears Material's button class
    excused = [m for m in messages if is_materials(m) and "canary" in str(m["url"])]
    assert [m["lastLine"] for m in excused] == [7]
    site_errors = [str(f) for f in ours if not f.path.startswith("canary/")]
    assert not site_errors, "\n".join(site_errors)


def validate_cli(site: Path) -> subprocess.CompletedProcess[str]:
    script = ROOT / "scripts" / "validate_html.py"
    return subprocess.run(
        [sys.executable, str(script), str(site)], capture_output=True, text=True, timeout=300
    )


def test_the_command_line_reports_file_line_and_exit_status(vnu: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(CANARY, encoding="utf-8")
    (site / "style.css").write_text("p { color: red }", encoding="utf-8")  # not HTML: skipped
    done = validate_cli(site)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[:2] for line in lines[:-1]] == [["site/index.html", n] for n in "456"]
    assert lines[-1] == "3 error(s) in our markup; 1 in Material's md- markup left out"
    fixed = CANARY.replace(' aria-labelledby="t"', "").replace(' wrap="off"', "")
    (site / "index.html").write_text(fixed.replace("bogus", "button"), encoding="utf-8")
    again = validate_cli(site)
    assert again.returncode == 0 and again.stdout.startswith("0 error(s)"), again.stdout
    assert validate_cli(tmp_path / "missing").returncode == 2
