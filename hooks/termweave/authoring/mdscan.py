"""Reading author Markdown without rendering it: the prose (code and comments blanked, line
numbers kept), its relative links, and which glossary names it mentions. Used by the content
health check, which must run without a build."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from termweave.links import inflect
from termweave.source.model import Term

_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DIRECTIVE = re.compile(r"^::demo\[[^\]\n]*\][ \t]*$", re.MULTILINE)
_INLINE_LINK = re.compile(
    r"(!?)\[(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*\]"
    r"\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_LINK_URL = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)[^)\n]*\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_WORD = re.compile(r"\w+")


def _blank(text: str) -> str:
    """Same line count, nothing readable: keeps reported line numbers right."""
    return "\n" * text.count("\n")


def prose(markdown: str, *, keep_front_matter: bool = False) -> str:
    """The Markdown with front matter, fenced code, inline code, HTML comments and demo lines
    blanked; every remaining character stays on its original line."""
    lines = markdown.split("\n")
    if lines and lines[0].rstrip() == "---" and not keep_front_matter:
        for number in range(1, len(lines)):
            if lines[number].rstrip() in ("---", "..."):
                lines[: number + 1] = [""] * (number + 1)
                break
    fence: str | None = None
    for number, line in enumerate(lines):
        if fence is None:
            opened = _FENCE_OPEN.match(line)
            if opened:
                fence = opened.group(1)
                lines[number] = ""
        else:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            lines[number] = ""
    text = "\n".join(lines)
    text = _COMMENT.sub(lambda m: _blank(m.group()), text)
    text = _DIRECTIVE.sub("", text)
    return _INLINE_CODE.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class Link:
    target: str  # as written, e.g. '../basics/what-is-training.md#worked-example'
    line: int  # 1-based, within the text scanned


def links(markdown: str) -> list[Link]:
    """Inline links and reference definitions outside code; images are left out."""
    text = prose(markdown)
    found: list[Link] = []
    for match in _INLINE_LINK.finditer(text):
        if match.group(1):
            continue
        found.append(Link(match.group(2).strip("<>"), text.count("\n", 0, match.start()) + 1))
    for match in _REFERENCE.finditer(text):
        found.append(Link(match.group(1).strip("<>"), text.count("\n", 0, match.start()) + 1))
    return sorted(found, key=lambda link: link.line)


def page_path(target: str) -> str | None:
    """The path part of a relative link to a Markdown page, or None for anything else
    (external URLs, anchors on the same page, absolute paths, images and other files)."""
    if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return path if path.endswith(".md") else None


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class NameIndex:
    """Every name a mention may use, keyed for lookup: ordinary names case-insensitively, names
    written in capitals (acronyms such as 'LR') and their plurals only as written."""

    folded: dict[str, str]
    exact: dict[str, str]
    max_words: int


def name_index(terms: Iterable[Term]) -> NameIndex:
    """Names and their plurals (`inflect`, as the linker derives them); an author's own name
    wins over a form derived from another entry's name."""
    folded: dict[str, str] = {}
    exact: dict[str, str] = {}
    max_words = 1
    terms = list(terms)
    for derived in (False, True):
        for term in terms:
            for name in term.names:
                acronym = inflect.is_acronym(name)
                forms = inflect.plurals(name) if derived else (name,)
                for form in map(_normal, forms):
                    max_words = max(max_words, len(_WORD.findall(form)))
                    table, key = (exact, form) if acronym else (folded, form.casefold())
                    table.setdefault(key, term.slug)
    return NameIndex(folded, exact, max_words)


def mentions(index: NameIndex, text: str) -> Iterator[tuple[str, int]]:
    """(slug, line) of each mention in already-blanked prose: whole words, longest name first.
    Runs in time proportional to the words of the text, whatever the number of terms."""
    words = list(_WORD.finditer(text))
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    position = 0
    while position < len(words):
        start = words[position].start()
        for count in range(min(index.max_words, len(words) - position), 0, -1):
            phrase = _normal(text[start : words[position + count - 1].end()])
            slug = index.exact.get(phrase) or index.folded.get(phrase.casefold())
            if slug is not None:
                yield slug, bisect.bisect_right(line_starts, start)
                position += count
                break
        else:
            position += 1
