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

# Irregular and learned plurals; where both are in use, both are mentions. Regular patterns
# (`_word_plurals`) cover the rest of the endings -f/-fe, -o, -is, -on and -um.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "addendum": ("addenda",),
    "agendum": ("agenda",),
    "analysis": ("analyses",),
    "aphelion": ("aphelia",),
    "appendix": ("appendices", "appendixes"),
    "asyndeton": ("asyndeta",),
    "automaton": ("automata", "automatons"),
    "bacterium": ("bacteria",),
    "beef": ("beefs", "beeves"),
    "buffalo": ("buffaloes", "buffalos"),
    "candelabrum": ("candelabra",),
    "cargo": ("cargoes", "cargos"),
    "child": ("children",),
    "corpus": ("corpora", "corpuses"),
    "criterion": ("criteria",),
    "curriculum": ("curricula", "curriculums"),
    "datum": ("data",),
    "desideratum": ("desiderata",),
    "domino": ("dominoes",),
    "echo": ("echoes",),
    "embargo": ("embargoes",),
    "epoch": ("epochs",),
    "erratum": ("errata",),
    "extremum": ("extrema",),
    "focus": ("foci", "focuses"),
    "foot": ("feet",),
    "formula": ("formulas", "formulae"),
    "ganglion": ("ganglia", "ganglions"),
    "genus": ("genera",),
    "hero": ("heroes",),
    "hoof": ("hooves", "hoofs"),
    "hyperbaton": ("hyperbata",),
    "index": ("indices", "indexes"),
    "loaf": ("loaves",),
    "locus": ("loci",),
    "man": ("men",),
    "mango": ("mangoes", "mangos"),
    "matrix": ("matrices", "matrixes"),
    "maximum": ("maxima", "maximums"),
    "medium": ("media", "mediums"),
    "memorandum": ("memoranda", "memorandums"),
    "millennium": ("millennia", "millenniums"),
    "minimum": ("minima", "minimums"),
    "modulus": ("moduli",),
    "momentum": ("momenta", "momentums"),
    "monarch": ("monarchs",),
    "mosquito": ("mosquitoes", "mosquitos"),
    "motto": ("mottoes", "mottos"),
    "mouse": ("mice",),
    "noumenon": ("noumena",),
    "nucleus": ("nuclei",),
    "optimum": ("optima", "optimums"),
    "organon": ("organa",),
    "ovum": ("ova",),
    "perihelion": ("perihelia",),
    "person": ("people", "persons"),
    "phenomenon": ("phenomena",),
    "potato": ("potatoes",),
    "prolegomenon": ("prolegomena",),
    "quantum": ("quanta", "quantums"),
    "radius": ("radii", "radiuses"),
    "schema": ("schemas", "schemata"),
    "simplex": ("simplices", "simplexes"),
    "spectrum": ("spectra", "spectrums"),
    "stadium": ("stadia", "stadiums"),
    "stimulus": ("stimuli",),
    "stomach": ("stomachs",),
    "stratum": ("strata",),
    "thief": ("thieves", "thiefs"),
    "tomato": ("tomatoes",),
    "tooth": ("teeth",),
    "tornado": ("tornadoes", "tornados"),
    "torpedo": ("torpedoes",),
    "torus": ("tori", "toruses"),
    "turf": ("turfs", "turves"),
    "ultimatum": ("ultimata", "ultimatums"),
    "vacuum": ("vacua", "vacuums"),
    "vertex": ("vertices", "vertexes"),
    "veto": ("vetoes",),
    "volcano": ("volcanoes", "volcanos"),
    "woman": ("women",),
}

_SIBILANT = ("ss", "sh", "ch", "x", "z")
_VOWELS = frozenset("aeiou")
# -f and -fe endings whose standard plural is -ves; every other one adds -s ('roofs',
# 'chiefs', 'cliffs', 'safes', 'giraffes')
_F_TO_VES = ("elf", "alf", "olf", "arf")
_FE_TO_VES = ("nife", "life", "wife")


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
    if lower.endswith(("sis", "xis")):  # 'analysis' -> 'analyses', 'axis' -> 'axes'
        return (f"{word[:-2]}es",)
    if lower.endswith(_SIBILANT) or lower.endswith(("us", "as", "os", "is")):
        return (f"{word}es",)  # 'iris' -> 'irises'
    if lower.endswith("s"):
        return ()  # 'metrics', 'logits', 'embeddings': already plural
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in _VOWELS:
        return (f"{word[:-1]}ies",)
    if lower.endswith(_F_TO_VES) or (lower.endswith("eaf") and not lower.endswith("deaf")):
        return (f"{word[:-1]}ves",)  # 'shelf' -> 'shelves', 'leaf' -> 'leaves'
    if lower.endswith(_FE_TO_VES):
        return (f"{word[:-2]}ves",)  # 'wife' -> 'wives'
    return (f"{word}s",)  # 'demos', 'neurons', 'forums': -o, -on, -um take -s unless listed


def _recase(word: str, form: str) -> str:
    """Keep the author's leading capital on an irregular form ('Matrix' -> 'Matrices')."""
    return form[:1].upper() + form[1:] if word[:1].isupper() else form
