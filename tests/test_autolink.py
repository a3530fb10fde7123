"""Cross-linking rules (termweave.links.autolink), one inline-HTML case or more per rule."""

from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from termweave.links.autolink import (
    LINK_CLASS,
    PREVIEWS_ID,
    Linker,
    LinkTarget,
)
from termweave.links.linking import insert_anchors
from termweave.links.wordchars import SEPARATOR as _SEPARATOR

TARGETS = [
    LinkTarget(
        "learning-rate",
        ("Learning rate", "LR"),
        "glossary/learning-rate/",
        "Learning rate",
        'How big a step is: "too small" & <slow>.',
    ),
    LinkTarget("batch", ("Batch",), "glossary/batch/", "Batch", "Examples seen together."),
    LinkTarget(
        "hyperparameter-search",
        ("Hyperparameter search",),
        "glossary/hyperparameter-search/",
        "Hyperparameter search",
        "Trying settings.",
    ),
    LinkTarget(
        "bayesian-optimisation",
        ("Bayesian optimisation",),
        "glossary/bayesian-optimisation/",
        "Bayesian optimisation",
        "Search guided by a model.",
    ),
    LinkTarget(
        "optimisation",
        ("Optimisation", "optimization"),
        "glossary/optimisation/",
        "Optimisation",
        "Finding good parameters.",
    ),
    LinkTarget("gpu", ("GPU",), "glossary/gpu/", "GPU", "A graphics processor."),
    LinkTarget("tuning", ("Tuning",), "glossary/tuning/", "Tuning", "Adjusting."),
    LinkTarget("r-and-d", ("R&D",), "glossary/r-and-d/", "R&D", "Research."),
]
LINKER = Linker(TARGETS)


def link(html: str, page_url: str = "practitioner/first-ai-workflow/", **options: object) -> str:
    return LINKER.link_html(html, page_url=page_url, **options).html  # type: ignore[arg-type]


def anchor(slug: str, text: str, prefix: str = "../../") -> str:
    return f'<a class="tw-term" href="{prefix}glossary/{slug}/" data-term="{slug}">{text}</a>'


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def anchor_at(slug: str, href: str) -> str:
    return f'<a class="tw-term" href="{href}" data-term="{slug}">{slug}</a>'


def linked_slugs(html: str) -> list[str]:
    return re.findall(r'data-term="([^"]+)"', html)


# --- what a mention is ------------------------------------------------------------------------


def test_term_alias_and_plural_forms_are_mentions() -> None:
    html = "<p>Learning rates matter; batches too; two hyperparameter searches.</p>"
    assert link(html) == (
        f"<p>{anchor('learning-rate', 'Learning rates')} matter; {anchor('batch', 'batches')} "
        f"too; two {anchor('hyperparameter-search', 'hyperparameter searches')}.</p>"
    )


def test_alias_spelling_links_to_its_entry() -> None:
    assert link("<p>Some optimization here</p>") == (
        f"<p>Some {anchor('optimisation', 'optimization')} here</p>"
    )


def test_whole_words_only() -> None:
    html = "<p>Batching, subbatch, batch_size, tunings2 and detuning are not mentions.</p>"
    assert link(html) == html


def test_hyphen_joins_words() -> None:
    html = "<p>Fine-tuning and tuning-free, learning-rate.</p>"
    assert link(html) == html


def test_punctuation_and_possessive_are_boundaries() -> None:
    result = Linker(TARGETS, link_all=True).link_html(
        "<p>(batch), the batch's size</p>", page_url=""
    )
    assert linked_slugs(result.html) == ["batch", "batch"]


def test_ordinary_words_match_in_any_case() -> None:
    assert link("<p>LEARNING RATE</p>") == f"<p>{anchor('learning-rate', 'LEARNING RATE')}</p>"
    assert link("<p>learning Rate</p>") == f"<p>{anchor('learning-rate', 'learning Rate')}</p>"


@pytest.mark.parametrize("text", ["lr", "Lr", "gpu", "Gpu", "gpus", "GPUS"])
def test_names_in_capitals_match_only_in_capitals(text: str) -> None:
    html = f"<p>set {text} = 0.1 in /usr/{text}/</p>"
    assert link(html) == html


def test_capitals_and_their_plural() -> None:
    assert link("<p>The LR on two GPUs</p>") == (
        f"<p>The {anchor('learning-rate', 'LR')} on two {anchor('gpu', 'GPUs')}</p>"
    )


def test_whitespace_runs_and_entities_inside_a_mention() -> None:
    html = "<p>the learning\n   rate and learning&nbsp;rate</p>"
    everything = Linker(TARGETS, link_all=True).link_html(html, page_url="").html
    assert everything == (
        f"<p>the {anchor('learning-rate', 'learning' + chr(10) + '   rate', '')} and "
        f"{anchor('learning-rate', 'learning&nbsp;rate', '')}</p>"
    )


def test_entities_match_as_text_and_stay_as_written() -> None:
    html = "<p>Our R&amp;D team and R&#38;D.</p>"
    result = Linker(TARGETS, link_all=True).link_html(html, page_url="").html
    assert result == (
        f"<p>Our {anchor('r-and-d', 'R&amp;D', '')} team and {anchor('r-and-d', 'R&#38;D', '')}.</p>"
    )


def test_no_anchor_right_after_a_bare_ampersand() -> None:
    # '&batch' is no entity, but an anchor after a bare '&' must never change how text decodes.
    html = "<p>x &batch y</p>"
    assert link(html) == html


# --- which mention wins -----------------------------------------------------------------------


def test_longest_match_wins() -> None:
    html = "<p>Bayesian optimisation beats optimisation.</p>"
    assert link(html) == (
        f"<p>{anchor('bayesian-optimisation', 'Bayesian optimisation')} beats "
        f"{anchor('optimisation', 'optimisation')}.</p>"
    )


def test_longer_name_hides_shorter_inside_it_even_when_not_linked() -> None:
    html = "<p>Bayesian optimisation, then Bayesian optimisation again.</p>"
    result = LINKER.link_html(html, page_url="")
    assert linked_slugs(result.html) == ["bayesian-optimisation"]
    assert result.mentioned == {"bayesian-optimisation"}


def test_only_the_first_mention_is_linked_by_default() -> None:
    html = "<p>batch one</p><p>batch two and batches</p>"
    result = LINKER.link_html(html, page_url="")
    assert linked_slugs(result.html) == ["batch"]
    assert result.html.startswith(f"<p>{anchor('batch', 'batch', '')} one</p>")
    assert result.mentioned == {"batch"} and result.linked == {"batch"}


def test_link_all_links_every_mention() -> None:
    html = "<p>batch one</p><p>batch two and batches</p>"
    result = Linker(TARGETS, link_all=True).link_html(html, page_url="")
    assert linked_slugs(result.html) == ["batch", "batch", "batch"]


def test_never_links_a_term_on_its_own_page() -> None:
    html = "<p>The learning rate, its LR, and a batch.</p>"
    result = LINKER.link_html(html, page_url="glossary/learning-rate/", self_slug="learning-rate")
    assert (
        result.html == f"<p>The learning rate, its LR, and a {anchor_at('batch', '../batch/')}.</p>"
    )
    assert result.mentioned == {"batch"}


def test_own_name_hides_shorter_names_inside_it() -> None:
    html = "<p>Bayesian optimisation</p>"
    result = LINKER.link_html(
        html, page_url="glossary/bayesian-optimisation/", self_slug="bayesian-optimisation"
    )
    assert result.html == html and result.mentioned == frozenset()


def test_page_opt_out_adds_no_link_but_reports_mentions() -> None:
    html = "<p>batch and learning rate</p>"
    result = LINKER.link_html(html, page_url="", opt_out=True)
    assert result.html == html
    assert result.mentioned == {"batch", "learning-rate"}
    assert result.linked == frozenset()


# --- where links never go ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://example.org/">batch</a></p>',
        '<p><a href="x/"><em>the batch</em></a></p>',
        *(f'<h{n} id="batch">Batch</h{n}>' for n in range(1, 7)),
        '<h2 id="batch-size">Batch size<a class="headerlink" href="#batch-size">¶</a></h2>',
        "<p><code>batch</code></p>",
        "<pre><code>batch = 32\nlearning rate</code></pre>",
        "<p><kbd>batch</kbd></p>",
        "<script>var batch = '<p>batch</p>';</script>",
        "<style>.batch::after { content: 'batch'; }</style>",
        "<textarea>batch <p>batch</p></textarea>",
        "<button>batch</button>",
        "<svg><text>batch</text><svg><text>batch</text></svg><text>batch</text></svg>",
        "<math><mi>batch</mi></math>",
        "<select><option>batch</option></select>",
        "<p><abbr title='x'>GPU</abbr></p>",
        "<details><summary>batch</summary></details>",
        '<p title="batch" data-x="learning rate">x</p>',
        "<p><!-- batch --></p>",
        '<img alt="batch"><input value="batch">',
        '<p class="no-autolink">batch</p>',
        '<div class="note no-autolink"><div><p>batch</p></div><p>batch</p></div>',
        '<div data-autolink="off"><p>batch</p></div>',
        "<div data-autolink='false'><p>batch</p></div>",
        '<span class="x NO-AUTOLINK-not">batch</span>'.replace("NO-AUTOLINK-not", "no-autolink"),
    ],
)
def test_never_inside_excluded_contexts(html: str) -> None:
    assert link(html) == html


def test_raw_text_elements_hide_their_markup_like_text() -> None:
    html = "<script>let s = '<script><div>';</script><style>/*<a>*/</style><p>batch</p>"
    assert linked_slugs(link(html)) == ["batch"]


def test_text_after_an_excluded_element_is_linked_again() -> None:
    html = '<div class="no-autolink"><div>batch</div></div><p>batch</p>'
    assert (
        link(html)
        == f'<div class="no-autolink"><div>batch</div></div><p>{anchor("batch", "batch")}</p>'
    )


def test_self_closing_and_void_opt_out_do_not_swallow_the_page() -> None:
    html = '<hr class="no-autolink"><span class="no-autolink"/><p>batch</p>'
    assert linked_slugs(link(html)) == ["batch"]


def test_opt_out_from_markdown_with_attr_list() -> None:
    source = "A batch here.\n\nA batch there.\n{ .no-autolink }\n\nOnly *this GPU*{ .no-autolink } not.\n"
    html = markdown.markdown(source, extensions=["attr_list"])
    assert '<p class="no-autolink">A batch there.</p>' in html
    assert '<em class="no-autolink">this GPU</em>' in html
    result = Linker(TARGETS, link_all=True).link_html(html, page_url="")
    assert linked_slugs(result.html) == ["batch"]
    assert visible(result.html) == visible(html)


def test_headings_ids_and_toc_are_unchanged() -> None:
    source = "# Learning rate\n\n## Batch size and the learning rate\n\nThe batch and the learning rate.\n"
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    html = md.convert(source)
    result = link(html)
    assert result.split("<p>")[0] == html.split("<p>")[0]
    assert linked_slugs(result) == ["batch", "learning-rate"]


# --- the anchors ------------------------------------------------------------------------------


def test_anchor_carries_class_and_slug_but_no_title() -> None:
    result = link("<p>batch</p>")
    assert f'class="{LINK_CLASS}"' in result and 'data-term="batch"' in result
    assert "title=" not in result


@pytest.mark.parametrize(
    ("page_url", "href"),
    [
        ("", "glossary/batch/"),
        ("practitioner/", "../glossary/batch/"),
        ("practitioner/first-ai-workflow/", "../../glossary/batch/"),
        ("glossary/", "batch/"),
        ("glossary/epoch/", "../batch/"),
        ("glossary/category/optimisation/", "../../batch/"),
        ("practitioner/lesson.html", "../glossary/batch/"),
    ],
)
def test_hrefs_are_relative_to_the_page(page_url: str, href: str) -> None:
    assert f'href="{href}"' in link("<p>batch</p>", page_url=page_url)


def test_visible_text_is_unchanged() -> None:
    html = (
        "<p>The <em>learning rate</em> &amp; the batch&#8217;s size, R&amp;D &lt;3 GPUs.</p>\n"
        "<ul>\n<li>batch</li>\n<li>Bayesian optimisation</li>\n</ul>"
    )
    result = Linker(TARGETS, link_all=True).link_html(html, page_url="a/")
    assert len(linked_slugs(result.html)) == 6
    assert visible(result.html) == visible(html)


# --- no targets, odd input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "targets",
    [[], [LinkTarget("empty", ("", "  "), "glossary/empty/", "Empty", "")]],
)
def test_nothing_to_link_leaves_html_alone(targets: list[LinkTarget]) -> None:
    html = "<p>batch</p>"
    result = Linker(targets).link_html(html, page_url="")
    assert result.html == html and result.mentioned == frozenset() == result.linked


@pytest.mark.parametrize(
    "html",
    ["", "batch", "<p>batch", "<p title='x>batch", "<!-- batch", "<script>batch", "a < batch > b"],
)
def test_broken_html_never_breaks(html: str) -> None:
    result = link(html)
    assert visible(result) == visible(html)


def test_plural_never_steals_another_entrys_name() -> None:
    targets = [
        LinkTarget("bias", ("Bias",), "glossary/bias/", "Bias", ""),
        LinkTarget("biases", ("Biases",), "glossary/biases/", "Biases", ""),
    ]
    result = Linker(targets).link_html("<p>bias and biases</p>", page_url="")
    assert linked_slugs(result.html) == ["bias", "biases"]


# --- previews ---------------------------------------------------------------------------------


def _payload(html: str) -> dict[str, dict[str, str]]:
    match = re.fullmatch(
        rf'<div id="{PREVIEWS_ID}" hidden data-pagefind-ignore data-previews="([^"]*)"></div>', html
    )
    assert match, html
    data: dict[str, dict[str, str]] = json.loads(html_lib.unescape(match.group(1)))
    return data


def test_preview_payload_holds_only_linked_terms() -> None:
    result = LINKER.link_html("<p>batch and learning rate, not <code>GPU</code></p>", page_url="")
    data = _payload(LINKER.previews_html(result.linked))
    assert set(data) == {"batch", "learning-rate"}
    assert data["learning-rate"] == {
        "title": "Learning rate",
        "summary": 'How big a step is: "too small" & <slow>.',
    }


def test_preview_payload_cannot_break_out_of_its_attribute() -> None:
    nasty = '"></div><script>alert("x")</script> <!-- & \' \u2028'
    targets = {"x": LinkTarget("x", ("x",), "glossary/x/", "</SCRIPT>", nasty)}
    html = Linker(targets.values()).previews_html(["x", "unknown"])
    inner = html[html.index('data-previews="') + len('data-previews="') : -len('"></div>')]
    assert not set(inner) & {"<", ">", '"', "'", "\u2028"}
    assert _payload(html) == {"x": {"title": "</SCRIPT>", "summary": nasty}}


def test_no_payload_without_links() -> None:
    assert LINKER.previews_html([]) == ""
    assert LINKER.previews_html(["unknown"]) == ""


def _word(char: str) -> bool:
    return re.fullmatch(r"\w", char) is not None


@given(st.text(alphabet="ab_1é-- \0.,İß\u2028\xa0\t'&", max_size=20))
def test_word_separators_are_every_non_word_character_and_outer_hyphens(text: str) -> None:
    """The pattern skips plain spaces and tests hyphens from behind, for speed; it must still
    mean: every character that is not a letter, digit or '_' separates words, except a hyphen
    with a word character on both sides."""
    expected = "".join(
        char
        if _word(char)
        or (char == "-" and 0 < i < len(text) - 1 and _word(text[i - 1]) and _word(text[i + 1]))
        else " "
        for i, char in enumerate(text)
    )
    assert _SEPARATOR.sub(" ", text) == expected


def test_a_plan_is_applied_later_to_the_same_html() -> None:
    html = "<p>The batch and the learning rate.</p><h2>Batch</h2>"
    plan = LINKER.plan(html, page_url="practitioner/first-ai-workflow/")
    assert set(plan.mentioned) == set(plan.linked) == {"batch", "learning-rate"}
    assert [html[start:stop] for start, stop, _ in plan.anchors] == ["batch", "learning rate"]
    assert plan.apply(html) == (
        f"<p>The {anchor('batch', 'batch')} and the {anchor('learning-rate', 'learning rate')}."
        "</p><h2>Batch</h2>"
    )
    assert plan.apply(html) == link(html)


def test_insert_anchors_uses_the_plan_only_for_the_html_it_was_made_from() -> None:
    page_url = "practitioner/first-ai-workflow/"
    html = "<p>The batch.</p>"
    plan = LINKER.plan(html, page_url=page_url)
    assert insert_anchors(LINKER, (html, plan), html, page_url, None) == link(html)
    # another plugin changed the page in between: its offsets would be wrong, so link afresh
    changed = '<p class="x">A learning rate and a batch.</p>'
    assert insert_anchors(LINKER, (html, plan), changed, page_url, None) == link(changed)
    assert insert_anchors(LINKER, None, changed, page_url, None) == changed  # opted out


# --- forms, combining marks, Unicode spellings, -f/-fe plurals ---------------------------------


def test_text_inside_a_form_is_not_linked_but_a_fieldset_outside_one_is() -> None:
    in_form = "<form><p>Batch</p><fieldset><legend>Batch</legend></fieldset></form>"
    assert link(in_form) == in_form
    quiz = "<div><fieldset><legend>Batch?</legend><label>batch</label></fieldset></div>"
    assert link(quiz) == (
        f"<div><fieldset><legend>{anchor('batch', 'Batch')}?</legend>"
        "<label>batch</label></fieldset></div>"
    )


def test_a_combining_mark_belongs_to_its_word() -> None:
    api = Linker([LinkTarget("api", ("API",), "glossary/api/", "API", "An interface.")])
    marked = "<p>API\u0301 is another word; API is the term.</p>"
    result = api.link_html(marked, page_url="x/")
    assert linked_slugs(result.html) == ["api"]
    assert "API\u0301 is another" in result.html
    assert result.html.index('data-term="api"') > result.html.index("another")


@pytest.mark.parametrize("written", ["Caf\u00e9 latte", "Cafe\u0301 latte"])
@pytest.mark.parametrize("named", ["Caf\u00e9 latte", "Cafe\u0301 latte"])
def test_nfc_and_nfd_spellings_are_one_name(named: str, written: str) -> None:
    linker = Linker([LinkTarget("cafe", (named,), "glossary/cafe/", "Café", "Coffee.")])
    html = f"<p>A {written} here.</p>"
    assert linker.link_html(html, page_url="x/").html == (
        f'<p>A <a class="tw-term" href="../glossary/cafe/" data-term="cafe">{written}</a> here.</p>'
    )


def test_wives_is_a_mention_of_wife_and_wifes_is_not() -> None:
    linker = Linker([LinkTarget("wife", ("Wife",), "glossary/wife/", "Wife", "A spouse.")])
    assert linked_slugs(linker.link_html("<p>Two wives.</p>", page_url="x/").html) == ["wife"]
    assert linked_slugs(linker.link_html("<p>Two wifes.</p>", page_url="x/").html) == []


def test_a_linker_with_new_summaries_shares_the_automaton_and_shows_the_new_cards() -> None:
    import dataclasses

    before = Linker(TARGETS)
    html = "<p>One batch on the GPU.</p>"
    before.plan(html, page_url="x/")  # builds the automaton
    renamed = [dataclasses.replace(t, summary=f"New: {t.summary}") for t in TARGETS]
    after = Linker(renamed)
    after.share_matcher(before)
    assert after._matcher is before._matcher  # not built again
    plan = after.plan(html, page_url="x/")
    assert set(plan.linked) == {"batch", "gpu"}
    assert "New: Examples seen together." in after.previews_html(plan.linked)
