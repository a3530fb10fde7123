"""termweave.pages.learning on its own: placeholders and fragments through Python-Markdown, the
entry line of a block, and a page whose Markdown swallowed a marker."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import markdown
import pytest

from termweave.links.htmltext import card_slugs
from termweave.pages.learning import CardTerm, FillError, expand, fill
from termweave.pages.render import make_environment
from termweave.source.blocks import _value_start
from termweave.source.model import Term

TERM = Term(
    "weight",
    "Weight",
    "A number <learned>.",
    "b",
    "Training",
    date(2026, 1, 1),
    "glossary/weight.yml",
)
PAGE = """\
# Page

- a list item, then a card in it:

    ::term[weight]

!!! note

    ```quiz
    question: Is a *weight* learned?
    choices:
      - text: "Yes, see [it](x.md)"
        correct: true
      - text: "No"
        why: |
          It is.

          Really.
    ```
"""


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition"])


def test_blocks_go_back_where_they_were() -> None:
    source, pending = expand(
        PAGE,
        env=make_environment(),
        page_url="a/b/",
        cards=lambda s: CardTerm(TERM, "glossary/weight/"),
    )
    assert pending is not None and "```quiz" not in source
    html = fill(rendered(source), pending)
    assert pending.nonce not in html
    assert card_slugs(html) == ["weight"]
    assert 'href="../../glossary/weight/"' in html and "A number &lt;learned&gt;." in html
    note = html.split('<div class="admonition note">', 1)[1]
    assert note.index('class="tw-quiz"') < note.index("</fieldset>")
    assert '<legend class="tw-quiz__question">Is a <em>weight</em> learned?</legend>' in html
    assert '<label for="tw-quiz-1-1">Yes, see it</label>' in html  # no link inside a label
    assert "<p>It is.</p>\n<p>Really.</p>" in html


def test_a_card_left_out_and_a_lost_marker() -> None:
    source, pending = expand(
        "::term[weight]\n", env=make_environment(), page_url="", cards=lambda s: None
    )
    assert pending is not None
    assert fill(rendered(source), pending).strip() == ""
    with pytest.raises(FillError):
        fill("<p>nothing here</p>", pending)


def test_a_page_without_blocks_is_untouched() -> None:
    assert expand("# Plain\n", env=make_environment(), page_url="", cards=lambda s: None) == (
        "# Plain\n",
        None,
    )


def test_where_an_entrys_markdown_starts(tmp_path: Path) -> None:
    path = tmp_path / "weight.yml"
    path.write_text("term: Weight\nbody: |\n    First line.\nwhy_it_matters: Plain text\n")
    block = replace(TERM, positions={"body": (2, 7), "why_it_matters": (4, 17)})
    assert _value_start(path, block, "body") == (3, 4)
    assert _value_start(path, block, "why_it_matters") == (4, 16)
