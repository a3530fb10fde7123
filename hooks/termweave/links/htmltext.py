"""Walking a page's HTML as raw text: which pieces a reader sees as linkable prose, and that prose
decoded for matching with a map back to the source characters.

The linker never re-serialises HTML: it only inserts anchors into the source string, so every
untouched byte (entities, whitespace, attribute quoting) stays exactly as MkDocs produced it.
That is why this is a small regex scanner rather than html.parser.
"""

from __future__ import annotations

import html
import re
from itertools import accumulate

# Elements whose text is never linked: links (no nesting), headings (ids and TOC stay as they
# are), code-like and form elements, embedded documents and everything not shown as prose.
EXCLUDED = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "dfn",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "iframe",
        "kbd",
        "label",
        "math",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "summary",
        "svg",
        "template",
        "textarea",
        "title",
        "var",
        "xmp",
    }
)
# Their content is raw text up to the matching end tag: a '<p>' inside a script is no tag.
RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noscript", "noembed", "noframes"}
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# The opt-out marker, on any element: class="no-autolink" (Markdown attr_list: `{ .no-autolink }`)
# or data-autolink="off" (also "false" or "no").
OPT_OUT_CLASS = "no-autolink"
OPT_OUT_ATTRIBUTE = "data-autolink"
_OFF_VALUES = frozenset({"off", "false", "no"})
# A term card (`::term[slug]`, pages.learning) names its term in this attribute: a card is a
# mention of its term, though its own text is not linked.
CARD_ATTRIBUTE = "data-tw-card"
_CARD = re.compile(rf'<div\b[^>]*\s{CARD_ATTRIBUTE}="([^"]+)"')

_ATTRIBUTES = r"""(?:[^>"'=]+|=\s*"[^"]*(?:"|\Z)|=\s*'[^']*(?:'|\Z)|[="'])*+"""
_TOKEN = re.compile(
    rf"""<!--.*?(?:-->|\Z)
      | <!\[CDATA\[.*?(?:\]\]>|\Z)
      | <(?P<raw>{"|".join(sorted(RAW_TEXT))})(?=[\t\n\f\r />]){_ATTRIBUTES}(?:>|\Z)
        .*?(?:</(?P=raw)(?=[\t\n\f\r />])[^>]*(?:>|\Z)|\Z)
      | </(?P<end>[A-Za-z][^\t\n\f\r />]*)[^>]*(?:>|\Z)
      | <[!?/][^>]*(?:>|\Z)
      | <(?P<start>[A-Za-z][^\t\n\f\r />]*){_ATTRIBUTES}(?:>|\Z)
    """,
    re.DOTALL | re.VERBOSE | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_WHITESPACE = "\t\n\f\r \xa0"
_SPECIAL = re.compile(
    r"(&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};))"
    r"|[\t\n\f\r\xa0][\t\n\f\r \xa0]*| [\t\n\f\r \xa0]+"
)
_SPACE = re.compile(r"[\t\n\f\r \xa0]+")
_NEEDS_MAP = re.compile(r"&|[\t\n\f\r\xa0]|  ")


# `re.split` with this pattern returns [text, token, raw, end, start, text, token, ...]: the
# scan runs in C and the tokens come back as a list, so the Python work per page is per
# excluded element, not per tag.
_SPLIT = re.compile(f"({_TOKEN.pattern})", _TOKEN.flags)
_STRIDE = 5


def prose_pieces(page_html: str) -> tuple[list[str], list[int]]:
    """The text between each two tags of `page_html` and where each starts in it; the text
    inside excluded or opted-out elements (and after one never closed) comes back as ''.
    Markup, comments and raw-text elements are never text. Adjacent pieces are separated by
    at least one tag, so a mention never spans two of them."""
    parts = _SPLIT.split(page_html)
    texts: list[str] = parts[0::_STRIDE]
    tokens: list[str] = parts[1::_STRIDE]
    ends: list[str | None] = parts[3::_STRIDE]
    names: list[str | None] = parts[4::_STRIDE]
    lengths = [0] * (len(texts) + len(tokens))
    lengths[0::2] = map(len, texts)
    lengths[1::2] = map(len, tokens)
    starts = list(accumulate(lengths, initial=0))[0::2]
    if "autolink" in page_html.lower():  # an opt-out marker may be on any start tag
        candidates = [i for i, name in enumerate(names) if name and _skips(name, tokens[i])]
    else:
        candidates = [i for i, name in enumerate(names) if name and name.lower() in EXCLUDED]
    closed_until = 0  # tokens before this index are inside an element already skipped
    for index in candidates:
        name = (names[index] or "").lower()
        if index < closed_until or name in VOID or tokens[index].endswith("/>"):
            continue
        closed_until = _end_of(name, index, names, ends, tokens)
        texts[index + 1 : closed_until + 1] = [""] * (closed_until - index)
    return texts, starts


def _skips(name: str, tag: str) -> bool:
    return name.lower() in EXCLUDED or opts_out(tag)


def _end_of(
    name: str, index: int, names: list[str | None], ends: list[str | None], tokens: list[str]
) -> int:
    """The index of the token closing the element `name` (lowercase) opened by token `index`
    (same-name elements nest), or len(tokens) when it is never closed."""
    depth = 1
    for position in range(index + 1, len(tokens)):
        end = ends[position]
        if end is not None:
            if end.lower() == name:
                depth -= 1
                if depth == 0:
                    return position
            continue
        opened = names[position]
        if opened is not None and opened.lower() == name and not tokens[position].endswith("/>"):
            depth += 1
    return len(tokens)


def opts_out(tag: str) -> bool:
    """Whether a start tag carries the opt-out marker (class or data attribute)."""
    if "autolink" not in tag.lower():
        return False
    for match in _ATTRIBUTE.finditer(tag):  # '<div' comes first as a harmless non-attribute
        name = match.group(1).lower()
        value = html.unescape(match.group(2) or match.group(3) or match.group(4) or "")
        if name == "class" and OPT_OUT_CLASS in value.split():
            return True
        if name == OPT_OUT_ATTRIBUTE and value.strip().lower() in _OFF_VALUES:
            return True
    return False


def decode(raw: str) -> tuple[str, list[int] | None]:
    """The text of a raw HTML text piece as matching needs it: entities decoded and each run of
    whitespace (no-break spaces included) as one space; with, for each of its characters, the
    index in `raw` where it starts (plus one entry for the end). None means 'same as raw'.

    Only complete entities ending in ';' that stand for one character are decoded; anything
    else stays as its characters.
    """
    if _NEEDS_MAP.search(raw) is None:
        return raw, None
    chars: list[str] = []
    offsets: list[int] = []
    space = False  # the last decoded character is a space

    def plain(begin: int, stop: int) -> None:
        nonlocal space
        if space and raw[begin] == " ":
            begin += 1
        if begin < stop:
            chars.append(raw[begin:stop])
            offsets.extend(range(begin, stop))
            space = raw[stop - 1] == " "

    position = 0
    for match in _SPECIAL.finditer(raw):
        begin = match.start()
        if begin > position:
            plain(position, begin)
        position = match.end()
        entity = match.group(1)
        value = html.unescape(entity) if entity else " "
        if entity and (len(value) != 1 or value == entity):
            plain(begin, position)  # not a one-character reference: keep it as written
        elif value in _WHITESPACE:
            if not space:
                chars.append(" ")
                offsets.append(begin)
                space = True
        else:
            chars.append(value)
            offsets.append(begin)
            space = False
    if position < len(raw):
        plain(position, len(raw))
    offsets.append(len(raw))
    return "".join(chars), offsets


def bare_ampersand_before(raw: str, index: int) -> bool:
    """Whether an anchor inserted at `raw[index]` would follow a bare '&' or '&#', changing how
    the browser decodes what was a character reference ('&notation' reads '¬ation')."""
    return raw[index - 1 : index] == "&" or raw[max(index - 2, 0) : index] == "&#"


def whitespace_runs(text: str) -> str:
    """`text` with each whitespace run as one space, as names are compared."""
    return _SPACE.sub(" ", text).strip()


def card_slugs(page_html: str) -> list[str]:
    """The terms of the term cards in `page_html`, in order."""
    if CARD_ATTRIBUTE not in page_html:
        return []
    return [html.unescape(slug) for slug in _CARD.findall(page_html)]
