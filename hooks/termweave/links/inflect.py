"""Plural forms of glossary names, so that 'learning rates' and 'batches' count as mentions.

Authors list only the singular (the entry format says plurals are derived): this module derives
them. Only the last word of a name is inflected ('hyperparameter search' -> 'hyperparameter
searches'). English rules plus short tables of the irregular and uncountable words that occur in
this field; a wrong or missing plural costs one unlinked mention, never a wrong link, because the
linker lets an author's own name win over any derived form.
"""

from __future__ import annotations

# Words with no plural of their own (or already plural): nothing is derived.
UNCOUNTABLE = frozenset(
    {
        "advice",
        "compute",
        "data",
        "deer",
        "equipment",
        "evidence",
        "feedback",
        "hardware",
        "information",
        "knowledge",
        "metadata",
        "news",
        "research",
        "series",
        "sheep",
        "software",
        "species",
    }
)

# Irregular and learned plurals; where both are in use, both are mentions.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "analysis": ("analyses",),
    "appendix": ("appendices", "appendixes"),
    "axis": ("axes",),
    "basis": ("bases",),
    "calf": ("calves",),
    "child": ("children",),
    "corpus": ("corpora", "corpuses"),
    "criterion": ("criteria",),
    "curriculum": ("curricula", "curriculums"),
    "datum": ("data",),
    "echo": ("echoes",),
    "epoch": ("epochs",),
    "focus": ("foci", "focuses"),
    "foot": ("feet",),
    "formula": ("formulas", "formulae"),
    "genus": ("genera",),
    "half": ("halves",),
    "hero": ("heroes",),
    "index": ("indices", "indexes"),
    "knife": ("knives",),
    "leaf": ("leaves",),
    "life": ("lives",),
    "locus": ("loci",),
    "man": ("men",),
    "matrix": ("matrices", "matrixes"),
    "maximum": ("maxima", "maximums"),
    "medium": ("media", "mediums"),
    "minimum": ("minima", "minimums"),
    "modulus": ("moduli",),
    "monarch": ("monarchs",),
    "mouse": ("mice",),
    "nucleus": ("nuclei",),
    "optimum": ("optima", "optimums"),
    "person": ("people", "persons"),
    "phenomenon": ("phenomena",),
    "potato": ("potatoes",),
    "radius": ("radii", "radiuses"),
    "schema": ("schemas", "schemata"),
    "self": ("selves",),
    "shelf": ("shelves",),
    "simplex": ("simplices", "simplexes"),
    "spectrum": ("spectra", "spectrums"),
    "stimulus": ("stimuli",),
    "stomach": ("stomachs",),
    "thief": ("thieves",),
    "tooth": ("teeth",),
    "torus": ("tori", "toruses"),
    "vertex": ("vertices", "vertexes"),
    "wolf": ("wolves",),
    "woman": ("women",),
}

_SIBILANT = ("ss", "sh", "ch", "x", "z")
_VOWELS = frozenset("aeiou")


def plurals(name: str) -> tuple[str, ...]:
    """The plural forms of `name` (never `name` itself), its last word inflected.

    A name written in capitals (an acronym, see `is_acronym`) takes a lowercase 's': 'GPU' ->
    'GPUs'. A last word that does not end in a letter ('GPT-4') or looks plural already
    ('metrics', 'logits') gets none.
    """
    name = name.strip()
    if not name or not name[-1].isalpha():
        return ()
    if is_acronym(name):
        return () if name.endswith("S") else (f"{name}s",)
    head, space, last = name.rpartition(" ")
    prefix = f"{head}{space}"
    # A hyphenated last word inflects at its end: 'warm-up' -> 'warm-ups'.
    stem, hyphen, word = last.rpartition("-")
    prefix += f"{stem}{hyphen}"
    forms = [f"{prefix}{form}" for form in _word_plurals(word)]
    return tuple(dict.fromkeys(f for f in forms if f != name))


def is_acronym(name: str) -> bool:
    """True when every cased letter of `name` is a capital ('LR', 'GPU', 'GPT-4', 'A/B'):
    such a name is only a mention when written exactly so, never in lowercase ('lr')."""
    return name.isupper()


def _word_plurals(word: str) -> tuple[str, ...]:
    lower = word.lower()
    if lower in UNCOUNTABLE:
        return ()
    if lower in IRREGULAR:
        return tuple(_recase(word, form) for form in IRREGULAR[lower])
    if lower.endswith(("sis", "xis")):
        return (f"{word[:-2]}es",)
    if lower.endswith(_SIBILANT) or lower.endswith(("us", "as", "os")):
        return (f"{word}es",)
    if lower.endswith("s"):
        return ()  # 'metrics', 'logits', 'embeddings': already plural
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in _VOWELS:
        return (f"{word[:-1]}ies",)
    return (f"{word}s",)


def _recase(word: str, form: str) -> str:
    """Keep the author's leading capital on an irregular form ('Matrix' -> 'Matrices')."""
    return form[:1].upper() + form[1:] if word[:1].isupper() else form
