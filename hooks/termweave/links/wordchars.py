"""What a word is for the linker: letters, digits, '_' and combining marks, with a hyphen inside
a word joining it. Python's `\\w` leaves combining marks out ('API' + U+0301 would end before the
accent), so the marks are added to the word characters here, once, from Unicode's categories.
"""

from __future__ import annotations

import re
import unicodedata

# Where Unicode puts combining marks: none below U+0300, none between U+20000 and U+E0000
_MARK_PLANES = ((0x300, 0x20000), (0xE0000, 0xE1000))


def _mark_ranges() -> str:
    """A regex class body of every combining mark (categories Mn, Mc, Me) as ranges. The
    categories are read in C (`map`) and searched with a regex: a Python loop over the code
    points took 0.1 s at every import."""
    codes: list[int] = []
    for first, stop in _MARK_PLANES:
        categories = "".join(map(unicodedata.category, map(chr, range(first, stop))))
        codes += [first + m.start() // 2 for m in _MARK.finditer(categories) if m.start() % 2 == 0]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in ranges)


_MARK = re.compile("M[nce]")
MARKS = _mark_ranges()
_WORD = rf"[\w{MARKS}]"
# What separates words: anything but a word character, except a hyphen inside a word. A plain
# space already is one, so it is left out of the pattern: replacing every space with a space was
# most of the work of `sub` (decoded text has no other whitespace characters).
SEPARATOR = re.compile(rf"[^\w{MARKS} -]|-(?<!{_WORD}-)|-(?!{_WORD})")
# The same rule for ASCII text in two steps: a byte table for every character that is no word
# character, space or hyphen, then a hyphen that does not join two word characters.
_ASCII_SEPARATORS = bytes(
    32 if SEPARATOR.fullmatch(chr(code)) and chr(code) != "-" else code for code in range(128)
).ljust(256, b" ")
_HYPHEN_SEPARATOR = re.compile(r"-(?:(?<!\w-)|(?!\w))")


def separators_as_spaces(text: str) -> str:
    """`text` with each word separator (`SEPARATOR`) as a space, the same length. ASCII text,
    the usual case, goes through a byte table: several times faster than the regex."""
    if not text.isascii():
        return SEPARATOR.sub(" ", text)
    spaced = text.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii")
    return _HYPHEN_SEPARATOR.sub(" ", spaced) if "-" in spaced else spaced


def spellings(name: str) -> tuple[str, ...]:
    """The composed (NFC) and decomposed (NFD) spellings of a name, each once: a page may write
    'é' as one character or as 'e' and a combining accent, and both are the same name."""
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    return tuple(dict.fromkeys((name, nfc, nfd)))
