"""Common English words the search index leaves out of page text: "a", "the", "it", "with"...

Pagefind fetches, for each word of a query, the part of its index that holds the word, and a
word found on nearly every page fills a part of its own: at 10,000 terms the parts holding
"a", "it" or "the" weigh 130 to 220 KB each, and Pagefind's lookup loads such a part for any
query word that starts with its letters (every word starting with "a" brings the part holding
"a"). Left out, they cost nothing, and they never told one page from another. Headings keep
them (a result names its section by its heading); the search box leaves them out of queries
(`site/assets/search.mjs` reads the list from `search/names/index.json`)."""

from __future__ import annotations

import re

_LISTED = """
    a about after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should
    so some such than that the their theirs them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yours
"""
STOP_WORDS = frozenset(_LISTED.split())
_HEADING = re.compile(r"(<h[1-6][\s>].*?</h[1-6]>)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
_TRAILING = ".,;:!?)"


def without_stop_words(article: str) -> str:
    """The article's HTML with the common words taken out of its text (headings left whole;
    tags and attributes untouched)."""
    parts = _HEADING.split(article)
    for index in range(0, len(parts), 2):  # the even parts lie between headings
        pieces = _TAG.split(parts[index])
        for at in range(0, len(pieces), 2):  # the even pieces are text between tags
            if pieces[at]:
                pieces[at] = _text_without(pieces[at])
        parts[index] = "".join(pieces)
    return "".join(parts)


def _text_without(text: str) -> str:
    words = text.split()
    kept = [word for word in words if word.lower().rstrip(_TRAILING) not in STOP_WORDS]
    if len(kept) == len(words):
        return text
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{' '.join(kept)}{trail}" if kept else lead or trail
