"""`::demo[id]` expansion: what replaces the line, what is left alone, and the problems reported."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from termweave.demos import DEMO_IDS, demo_head_html, expand_demo_directives
from termweave.demos.buildrun import load_defaults, read_source
from termweave.demos.catalog import DEMOS

EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]


def expand(text: str, **options: str | None) -> tuple[str, list[str], list[str]]:
    return expand_demo_directives(text, source="content/a/b.md", **options)


def blocks(text: str) -> list[str]:
    return re.findall(r'<div class="tw-demo".*?\n</tw-workbench>\n</div>', text, flags=re.S)


def test_demo_ids() -> None:
    assert frozenset({"learning-rate", "search-methods"}) == DEMO_IDS


def test_head_html_is_the_stylesheet_and_module_script_relative_to_the_page() -> None:
    assert demo_head_html("../..") == (
        '<link rel="stylesheet" href="../../assets/termweave/demos/demo.css">'
        '<script type="module" src="../../assets/termweave/demos/demo.js"></script>'
    )
    assert demo_head_html(".") == (
        '<link rel="stylesheet" href="./assets/termweave/demos/demo.css">'
        '<script type="module" src="./assets/termweave/demos/demo.js"></script>'
    )


def test_a_directive_line_becomes_a_raw_html_block_between_blank_lines() -> None:
    text = "# Title\n\nBefore.\n::demo[learning-rate]\nAfter.\n"
    new, ids, problems = expand(text)
    assert ids == ["learning-rate"] and problems == []
    before, block_and_after = new.split("\n\n<div", 1)
    assert before == "# Title\n\nBefore."
    assert block_and_after.endswith("</div>\n\nAfter.\n")
    assert new.count('<div class="tw-demo"') == 1


def test_the_block_opens_with_its_id_source_and_no_pyodide_url_when_self_hosted() -> None:
    new, _, _ = expand("::demo[learning-rate]")
    first_line = blocks(new)[0].split("\n", 1)[0]
    assert first_line == (
        '<div class="tw-demo" id="tw-learning-rate-1" data-tw-demo="learning-rate" '
        'data-tw-source="learning_rate.py">'
    )


def test_a_cdn_url_is_carried_on_the_block_and_escaped() -> None:
    new, _, _ = expand("::demo[search-methods]", pyodide_url='https://cdn.example/py/"x"/')
    assert blocks(new)[0].startswith(
        '<div class="tw-demo" id="tw-search-methods-1" data-tw-demo="search-methods" '
        'data-tw-source="search_methods.py" data-tw-pyodide="https://cdn.example/py/&#34;x&#34;/">'
    )


def test_with_base_url_only_the_first_block_carries_the_loader() -> None:
    new, ids, _ = expand("::demo[learning-rate]\n\n::demo[learning-rate]\n", base_url="..")
    first, second = blocks(new)
    assert ids == ["learning-rate", "learning-rate"]
    assert first.split("\n", 1)[0].endswith(
        'data-tw-source="learning_rate.py"><link rel="stylesheet" '
        'href="../assets/termweave/demos/demo.css"><script type="module" '
        'src="../assets/termweave/demos/demo.js"></script>'
    )
    assert "<script" not in second
    assert 'id="tw-learning-rate-2"' in second  # ids stay unique on the page


def test_controls_buttons_and_presets_are_rendered_hidden_until_the_script_runs() -> None:
    block = blocks(expand("::demo[learning-rate]")[0])[0]
    assert (
        '<input type="range" id="tw-learning-rate-1-learning_rate" min="-3" max="0" '
        'step="0.01" value="-0.69897" aria-valuetext="0.2" data-tw-setting="learning_rate" '
        'data-tw-kind="log-range" data-tw-value="0.2" list="tw-learning-rate-1-learning_rate-marks">'
    ) in block
    assert (
        '<datalist id="tw-learning-rate-1-learning_rate-marks">'
        '<option value="-0.60206" label="zig-zag from here"></option>'
        '<option value="-0.30103" label="largest stable rate"></option></datalist>'
    ) in block
    assert (
        '<div class="tw-demo__buttons" data-tw-buttons hidden>\n'
        '<button type="button" class="md-button md-button--primary" data-tw-run>Run</button>\n'
        '<button type="button" class="md-button" data-tw-stop disabled>Stop</button>\n'
        '<button type="button" class="md-button" data-tw-reset>Reset</button>\n'
        "</div>"
    ) in block
    assert (
        '<button type="button" class="md-button" data-tw-preset="{&#34;learning_rate&#34;: 0.6, '
        '&#34;schedule&#34;: &#34;constant&#34;}">Diverge (0.6)</button>'
    ) in block
    assert '<form class="tw-demo__controls" data-tw-controls hidden' in block


def test_search_demo_controls() -> None:
    block = blocks(expand("::demo[search-methods]")[0])[0]
    assert (
        '<input type="number" id="tw-search-methods-1-budget" min="4" max="30" step="1" '
        'value="16" data-tw-setting="budget" data-tw-kind="number" required>'
    ) in block
    assert (
        '<label class="tw-demo__check"><input type="checkbox" name="methods" value="bayesian" '
        'data-tw-setting="methods" data-tw-kind="checkboxes" checked>Bayesian</label>'
    ) in block


def test_the_block_ships_the_build_time_result_and_the_exact_source() -> None:
    block = blocks(expand("::demo[learning-rate]")[0])[0]
    assert (
        '<p class="tw-demo__headline" data-verdict="smooth">'
        "Smooth: no step overshoots, and the loss fell to 7e-05 in 100 steps.</p>"
    ) in block
    assert block.count("<svg") == 2
    assert "<dt>Largest stable rate</dt><dd>0.5 (= 2 / 4, the steepest curvature)</dd>" in block
    assert "Largest stable rate for this bowl: 2 / 4 = 0.5\n</code></pre>" in block
    code = re.search(r"<textarea[^>]*>\n(.*)</textarea>", block, flags=re.S)
    assert code is not None
    assert html.unescape(code.group(1)) == read_source("learning_rate.py")
    # code, plots and output stay out of search: ours, and Material's (the benchmark's baseline)
    assert "data-pagefind-ignore data-search-exclude" in block


def test_markdown_passes_the_block_through_untouched() -> None:
    new, _, _ = expand("Intro\n\n::demo[search-methods]\n\nOutro\n")
    rendered = markdown.markdown(new, extensions=EXTENSIONS)
    assert blocks(new)[0] in rendered
    assert rendered.startswith("<p>Intro</p>") and rendered.endswith("<p>Outro</p>")


@pytest.mark.parametrize(
    "text",
    [
        "```\n::demo[learning-rate]\n```\n",
        "~~~markdown\n::demo[learning-rate]\n~~~\n",
        "````\n```\n::demo[learning-rate]\n```\n````\n",
        "- item\n\n    ```text\n    ::demo[learning-rate]\n    ```\n",
    ],
)
def test_lines_inside_fenced_code_are_left_alone(text: str) -> None:
    assert expand(text) == (text, [], [])


def test_the_directive_after_a_closed_fence_is_expanded() -> None:
    new, ids, _ = expand("```\ncode\n```\n\n::demo[learning-rate]\n")
    assert ids == ["learning-rate"] and new.startswith("```\ncode\n```\n\n\n<div")


def test_surrounding_spaces_are_allowed() -> None:
    assert expand("   ::demo[learning-rate]  \t")[1] == ["learning-rate"]


def test_unknown_demo_is_a_problem_with_its_line() -> None:
    text = "a\n\n::demo[gradient]\n"
    new, ids, problems = expand(text)
    assert (new, ids) == (text, [])
    assert problems == [
        "content/a/b.md:3: unknown demo 'gradient' (known: learning-rate, search-methods)"
    ]


def test_malformed_directive_is_a_problem() -> None:
    _new, ids, problems = expand("x\n::demo[learning-rate] please\n::demo learning-rate\n")
    assert ids == []
    assert problems == [
        "content/a/b.md:2: malformed demo line '::demo[learning-rate] please' "
        "(write it alone on its line as ::demo[<id>])",
        "content/a/b.md:3: malformed demo line '::demo learning-rate' "
        "(write it alone on its line as ::demo[<id>])",
    ]


def test_inline_mentions_are_not_directives() -> None:
    text = "Write `::demo[learning-rate]` on a line of its own.\n"
    assert expand(text) == (text, [], [])


def test_every_control_is_a_setting_of_its_demo() -> None:
    for demo in DEMOS.values():
        defaults = load_defaults(demo.filename)
        assert {c.key for c in demo.controls} == set(defaults)
        for preset in demo.presets:
            assert set(preset.settings) <= set(defaults)


def test_materials_search_indexes_the_title_and_lede_but_not_code_plots_or_output() -> None:
    from material.plugins.search.plugin import Parser

    new, _, _ = expand("# Page\n\n::demo[learning-rate]\n\nAfter the demo.\n")
    parser = Parser()
    parser.feed(markdown.markdown(new, extensions=EXTENSIONS))
    text = " ".join("".join(s.text) for s in parser.data)
    assert "how the learning rate changes gradient descent" in text
    assert "After the demo." in text
    for excluded in ("def descend", "Largest stable rate", "Loss at each step", "Diverge (0.6)"):
        assert excluded not in text


def test_a_demo_that_fails_at_build_time_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from termweave.demos import buildrun

    for source in buildrun.PYTHON_DIR.glob("*.py"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    broken = (tmp_path / "learning_rate.py").read_text(encoding="utf-8")
    broken = broken.replace("def main(settings", "def main(settings, missing")
    (tmp_path / "learning_rate.py").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(buildrun, "PYTHON_DIR", tmp_path)
    new, ids, problems = expand("x\n\n::demo[learning-rate]\n")
    assert (new, ids) == ("x\n\n::demo[learning-rate]\n", [])
    assert problems == [
        "content/a/b.md:3: demo 'learning-rate' failed to run: learning_rate.py raised "
        "TypeError: main() missing 1 required positional argument: 'missing'"
    ]
