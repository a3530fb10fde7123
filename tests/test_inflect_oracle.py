"""The plural rules against an outside oracle: PyPI `inflect` (a test-only dependency), over a
word list that is not the code's own: tests/data/plural_nouns.txt and inflect's own tables of
nouns ending in -o, -on and -um. Every plural we derive must be one `inflect` gives (in its
modern or its classical mode), and at least one of them must be derived."""

from __future__ import annotations

from pathlib import Path

import inflect as oracle
import pytest

from termweave.links.inflect import plurals

WORDS = Path(__file__).parent / "data" / "plural_nouns.txt"
ENDINGS = ("f", "fe", "o", "is", "on", "um")


def _listed() -> list[str]:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _from_oracle_tables() -> list[str]:
    """inflect's own lists of nouns with these endings (lowercase common nouns only)."""
    tables = (
        oracle.pl_sb_U_o_os_endings,
        oracle.pl_sb_U_on_a_list,
        oracle.pl_sb_U_um_a_list,
        oracle.pl_sb_C_um_a_list,
    )
    return [w for table in tables for w in table if w.isalpha() and w.islower()]


WORD_LIST = sorted(set(_listed()) | set(_from_oracle_tables()))
# Forms in common use that the oracle does not give (dictionaries list both), with the reason.
ALSO_IN_USE = {
    "automata": "the plural of 'automaton' in computer science ('finite automata')",
    "cargos": "a variant of 'cargoes' that dictionaries list beside it",
    "tornados": "a variant of 'tornadoes' that dictionaries list beside it",
    "volcanos": "a variant of 'volcanoes' that dictionaries list beside it",
}


def _expected(word: str) -> set[str]:
    modern, classical = oracle.engine(), oracle.engine()
    classical.classical(all=True)
    found = {modern.plural_noun(word), classical.plural_noun(word)}
    return {form for answer in found if answer for form in answer.split("|")}


def test_the_word_list_covers_every_ending() -> None:
    for ending in ENDINGS:
        assert sum(1 for w in WORD_LIST if w.endswith(ending)) >= 5, ending
    assert len(WORD_LIST) > 150


@pytest.mark.parametrize("word", WORD_LIST)
def test_plurals_agree_with_the_oracle(word: str) -> None:
    ours = set(plurals(word))
    expected = _expected(word)
    assert ours, f"{word}: no plural derived; inflect says {sorted(expected)}"
    extra = ours - expected - set(ALSO_IN_USE)
    assert not extra, f"{word}: we derive {sorted(extra)}, inflect says {sorted(expected)}"
    assert ours & expected, f"{word}: we derive {sorted(ours)}, inflect says {sorted(expected)}"


def test_wife_and_wives() -> None:
    assert plurals("wife") == ("wives",)
    assert "wifes" not in plurals("wife")


def test_every_form_excused_is_derived() -> None:
    derived = {form for word in WORD_LIST for form in plurals(word)}
    assert set(ALSO_IN_USE) <= derived
