"""Property-based test of cross-linking: for generated HTML with mentions in every kind of context
(prose, links, headings, code, raw-text elements, attributes, comments, opt-out elements,
entities), the output parses, reads exactly the same, and gains anchors only where allowed."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termweave.links.autolink import Linker, LinkTarget, _separators_as_spaces
from termweave.links.htmltext import VOID
from termweave.links.inflect import plurals
from termweave.links.wordchars import SEPARATOR as _SEPARATOR

TARGETS = [
    LinkTarget("learning-rate", ("Learning rate", "LR"), "glossary/learning-rate/", "LR", "s"),
    LinkTarget("batch", ("Batch",), "glossary/batch/", "Batch", "s"),
    LinkTarget("bo", ("Bayesian optimisation",), "glossary/bo/", "BO", "s"),
    LinkTarget("optimisation", ("Optimisation",), "glossary/optimisation/", "O", "s"),
    LinkTarget("gpu", ("GPU",), "glossary/gpu/", "GPU", "s"),
    LinkTarget("r-and-d", ("R&D",), "glossary/r-and-d/", "R&D", "s"),
    LinkTarget("notation", ("Notation",), "glossary/notation/", "Notation", "s"),
    LinkTarget("three-d", ("3D printing",), "glossary/three-d/", "3D", "s"),
]
FORMS = {t.slug: {f.lower() for n in t.names for f in (n, *plurals(n))} for t in TARGETS}
TOKENS = [
    "the ",
    "a ",
    "model ",
    " ",
    "\n",
    ", ",
    ". ",
    "-",
    "_",
    "batch",
    "batches",
    "Batch ",
    "BATCH",
    "learning rate",
    "learning\n rate",
    "learning&nbsp;rate",
    "Learning Rates ",
    "LR",
    "lr",
    "LRs",
    "GPU",
    "gpu",
    "GPUs",
    "Bayesian optimisation",
    "optimisation",
    "optimisations",
    "fine-tuning",
    "R&amp;D",
    "R&#38;D",
    "R&D",
    "3D printing",
    "&amp;",
    "&lt;",
    "&gt;",
    "&nbsp;",
    "&#233;",
    "&#x2014;",
    "&quot;",
    "& ",
    "&",
    "&#",
    "&notation",
    "notation",
    "é",
    "\u00a0",
]
ALLOWED = [
    "<p>{}</p>",
    "<em>{}</em>",
    "<strong>{}</strong>",
    "<span>{}</span>",
    "<div>{}</div>",
    "<ul><li>{}</li></ul>",
    "<blockquote>{}</blockquote>",
    "<table><tr><td>{}</td></tr></table>",
    "<span title=\"batch &amp; learning rate\" data-x='GPU'>{}</span>",
    "<p>{}<br>{}</p>",
    "{}<!-- batch GPU -->{}",
    '<img alt="batch">{}',
    "<dl><dt>{}</dt><dd>{}</dd></dl>",
]
EXCLUDING = [
    '<a href="../batch/">{}</a>',
    "<h1>{}</h1>",
    '<h2 id="batch">{}</h2>',
    "<h6>{}</h6>",
    "<code>{}</code>",
    "<pre><code>{}</code></pre>",
    "<kbd>{}</kbd>",
    "<button>{}</button>",
    "<svg><text>{}</text></svg>",
    "<math><mi>{}</mi></math>",
    "<select><option>{}</option></select>",
    '<div class="no-autolink">{}</div>',
    '<p class="x no-autolink">{}</p>',
    '<section data-autolink="off">{}</section>',
    "<summary>{}</summary>",
]
RAW = ["<script>{}</script>", "<style>{}</style>"]  # raw text: '<p>' inside is no tag
RAW_CONTENT = ["<p>", "</p>", "<script>", "<a>", "<!--", "</div>", "batch", "GPU", " "]
# Written out here, not imported, so that the test does not share a mistake with the code.
NEVER_INSIDE = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "kbd",
    "script",
    "style",
    "textarea",
    "button",
    "svg",
    "math",
    "select",
    "option",
    "summary",
}

text = st.lists(st.sampled_from(TOKENS), max_size=10).map("".join)


def _fill(template: str, children: list[str]) -> str:
    slots = template.count("{}")
    parts = [*children, *[""] * slots][: max(slots, 1)]
    if len(children) > slots:
        parts[-1] = "".join(children[slots - 1 :])
    return template.format(*parts)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    container = st.sampled_from(ALLOWED + EXCLUDING)
    return st.builds(_fill, container, st.lists(children, min_size=1, max_size=4))


raw_text = st.lists(st.sampled_from(RAW_CONTENT + TOKENS), max_size=8).map("".join)
raw_element = st.builds(lambda t, c: t.format(c), st.sampled_from(RAW), raw_text)
# Python < 3.13's html.parser reads tags inside <textarea> (browsers do not): plain text only.
textarea = text.map("<textarea>{}</textarea>".format)
documents = st.recursive(text | raw_element | textarea, _element, max_leaves=25)


class _Checker(HTMLParser):
    """Collects the visible text and checks where each auto-link sits."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, excludes links)
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("class") == "tw-term":
            assert not any(excluding for _, excluding in self.stack), self.stack
            assert attributes.get("data-term") in FORMS
            self.links += 1
        if tag in VOID:
            return
        classes = (attributes.get("class") or "").split()
        off = attributes.get("data-autolink") in ("off", "false", "no")
        self.stack.append((tag, tag in NEVER_INSIDE or "no-autolink" in classes or off))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


ANCHOR = re.compile(r'<a class="tw-term" href="([^"]*)" data-term="([^"]*)">(.*?)</a>', re.DOTALL)


def _glued(char: str) -> bool:
    return char.isalnum() or char == "_"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans(), st.sampled_from(["", "a/", "level/lesson/", "glossary/batch/"]))
def test_linking_keeps_text_and_links_only_where_allowed(
    page: str, link_all: bool, page_url: str
) -> None:
    self_slug = "batch" if page_url == "glossary/batch/" else None
    result = Linker(TARGETS, link_all=link_all).link_html(
        page, page_url=page_url, self_slug=self_slug
    )
    output = result.html
    # Only anchors were added: taking ours out gives back the input, byte for byte.
    assert ANCHOR.sub(r"\3", output) == page
    checker = _read(output)
    assert "".join(checker.text) == "".join(_read(page).text)
    found = ANCHOR.findall(output)
    for match in ANCHOR.finditer(output):  # whole words: no letter or digit glued on either side
        before, after = output[max(match.start() - 2, 0) : match.start()], output[match.end() :][:2]
        assert not _glued(before[-1:]) and not (before[-1:] == "-" and _glued(before[:1]))
        assert not _glued(after[:1]) and not (after[:1] == "-" and _glued(after[1:2]))
    assert checker.links == len(found)
    for _, slug, inner in found:
        assert "<" not in inner  # the link wraps text only, so it nests nothing
        assert " ".join(html_lib.unescape(inner).split()).lower() in FORMS[slug]
        assert slug in result.linked and slug != self_slug
    assert result.linked <= result.mentioned
    if not link_all:
        slugs = [slug for _, slug, _ in found]
        assert len(slugs) == len(set(slugs))


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | st.text(max_size=30))
def test_ascii_byte_table_follows_the_separator_rule(text: str) -> None:
    """The fast path for ASCII text gives exactly what the regex gives (and non-ASCII text
    takes the regex itself)."""
    assert _separators_as_spaces(text) == _SEPARATOR.sub(" ", text)


# Names that overlap every way: inside one another, sharing a word at either end, an acronym
# whose lowercase spelling is also a word of another name.
OVERLAPPING = [
    LinkTarget(slug, names, f"glossary/{slug}/", slug, "s")
    for slug, names in [
        ("a", ("alpha",)),
        ("ab", ("alpha beta",)),
        ("bc", ("beta gamma",)),
        ("abc", ("alpha beta gamma",)),
        ("cd", ("gamma delta", "GD")),
        ("d", ("delta",)),
        ("gd-word", ("gd beta",)),
    ]
]


def _sorted_leftmost_longest(linker: Linker, text: str) -> list[tuple[int, int, str]]:
    """The rule spelled out the slow way: every whole-word hit that passes the case rules,
    sorted by start then longest first, each kept unless it overlaps one kept before."""
    automaton, _ = linker._compiled()
    assert automaton is not None
    lower = text.lower()
    padded = f" {_separators_as_spaces(lower)} "
    found = []
    for end, (length, entries) in automaton.iter(padded):
        start = end - length - 1
        for slug, exact, form in entries:
            if (
                (text[start : start + length] == exact)
                if exact
                else (lower[start:][:length] == form)
            ):
                found.append((start, start + length, slug))
                break
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[tuple[int, int, str]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["alpha", "beta", "gamma", "delta", "GD", "gd", "Alpha", "x"]),
        max_size=14,
    ),
    st.lists(st.sampled_from([" ", " ", ", ", "-", "\0", ".", "  "]), min_size=14, max_size=14),
)
def test_overlaps_settled_as_hits_arrive_match_leftmost_longest(
    words: list[str], separators: list[str]
) -> None:
    """`_matches` settles overlaps while the automaton reports hits, in one pass: the same
    mentions as collecting every hit, sorting and filtering them."""
    text = "".join(word + sep for word, sep in zip(words, separators, strict=False))
    linker = Linker(OVERLAPPING)
    assert linker._matches(text) == _sorted_leftmost_longest(linker, text)
