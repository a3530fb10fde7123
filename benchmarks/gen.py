"""A deterministic synthetic project for scripts/bench.py: N glossary entries that our validator
accepts and N/10 lessons (its plain baseline is written by `benchmarks.baseline`).

Realistic on purpose (bodies with subsections, lists, tables and admonitions, mentions by name,
alias and plural, related terms, lesson links): the benchmark is only as honest as its input.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS_DIR = ROOT / "hooks"
HOOK = HOOKS_DIR / "site_hooks.py"
REPO_CONFIG = ROOT / "mkdocs.yml"


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split()))


MODIFIERS = _words(
    "sparse adaptive stochastic contrastive latent residual causal masked federated quantised "
    "recurrent convolutional variational Bayesian gradient batch layer token beam cross "
    "multi-head low-rank early weight learning dropout mixed-precision zero-shot few-shot "
    "self-supervised semi-supervised unsupervised supervised reinforcement policy value reward "
    "temporal spatial graph kernel linear logistic polynomial ensemble boosted random "
    "hierarchical dense shallow deep generative discriminative autoregressive diffusion "
    "probabilistic Markov Gaussian Monte-Carlo curriculum transfer meta online offline "
    "distributed parallel pipelined sharded cached speculative greedy nucleus"
)
HEADS = _words(
    "attention embedding optimiser regularisation normalisation sampling encoder decoder loss "
    "schedule search pruning distillation tokeniser classifier regressor network inference "
    "alignment augmentation clipping decay probe metric estimator objective prior posterior "
    "likelihood gate memory cache router adapter head backbone projection pooling "
    "initialisation warm-up annealing scaling quantisation compression retrieval ranking "
    "calibration benchmark dataset split label feature representation manifold cluster "
    "kernel filter transformer model agent buffer critic baseline tree forest boundary "
    "margin penalty"
)
CATEGORIES = {
    "Core ideas": "The concepts everything else rests on.",
    "Optimisation": "How models find good parameters.",
    "Architectures": "The shapes models come in.",
    "Data": "Collecting, cleaning and splitting examples.",
    "Evaluation": "Measuring whether a model works.",
    "Tuning": "Choosing the settings that shape learning.",
    "Deployment": "Running models for real users.",
    "Safety": "Keeping models reliable and fair.",
    "Probabilistic methods": "Reasoning with uncertainty.",
    "Language models": "Models of text and tokens.",
    "Vision": "Models of images and video.",
    "Reinforcement learning": "Learning from rewards.",
}
LEVELS = (
    ("foundations", "Foundations", "The ideas you need before anything else."),
    ("practitioner", "Practitioner", "Training and tuning real models."),
    ("advanced", "Advanced", "Techniques for large and difficult problems."),
    ("research", "Research", "Where the field is moving."),
)
# Lessons per module: a course of hundreds of lessons per level is organised in modules, as real
# ones are; the derived navigation then shows one module's lessons on a lesson page, not the
# whole level's (which made Material's nav N/10 pages x N/40 items: quadratic, in both variants).
MODULE_SIZE = 10
FILLER = (
    "In practice the choice depends on how much data is available and how noisy it is.",
    "Most teams start with a simple setting, measure it carefully and only then change it.",
    "The effect is easiest to see on a small experiment that runs in a few minutes.",
    "A common mistake is to change several things at once and then guess which one helped.",
    "Good defaults exist, but they were found on problems that may not look like yours.",
    "Keep a written record of each run so that a surprising result can be reproduced later.",
    "The idea is older than it looks and has been rediscovered under several names.",
    "When the numbers disagree with intuition, trust a careful measurement over a hunch.",
)
MENTIONS = (
    "It is closely tied to {a}, and most explanations of one end up describing {b} as well.",
    "Compared with {a}, it trades a little accuracy for a large saving in compute.",
    "Papers often report it next to {a} because the two move together during training.",
    "If {a} goes wrong, this is usually the second thing to check, right after {b}.",
    "Practitioners combine it with {a} when the data set is small or unbalanced.",
    "A useful mental model treats it as a special case of {a}.",
)
AMERICAN = {
    "optimiser": "optimizer",
    "regularisation": "regularization",
    "normalisation": "normalization",
    "tokeniser": "tokenizer",
    "initialisation": "initialization",
    "quantisation": "quantization",
    "quantised": "quantized",
}
_PLURAL_ES = re.compile(r"(s|x|z|ch|sh)$")


@dataclass(frozen=True)
class Spec:
    slug: str
    term: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Project:
    """A generated project: its mkdocs.yml and how many entries and lessons it holds."""

    root: Path
    config: Path
    terms: int
    lessons: int


def plural(name: str) -> str:
    last = name.rsplit(" ", 1)[-1]
    if _PLURAL_ES.search(last):
        return name + "es"
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct names: single words first, then two-word, then three-word phrases."""
    names = list(HEADS)
    pairs = [f"{m} {h}" for m in MODIFIERS for h in HEADS if m != h]
    rng.shuffle(pairs)
    names.extend(pairs)
    seen = {n.casefold() for n in names}
    while len(names) < count:
        first, second = rng.sample(MODIFIERS, 2)
        name = f"{first} {second} {rng.choice(HEADS)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return [n[0].upper() + n[1:] for n in names[:count]]


def _specs(count: int, rng: random.Random) -> list[Spec]:
    """Entries with unique slugs and names and aliases that never collide between entries."""
    names = _names(count, rng)
    taken = {n.casefold() for n in names}
    specs: list[Spec] = []
    for name in names:
        aliases: list[str] = []
        words = (name[0].lower() + name[1:]).split(" ")
        american = " ".join(AMERICAN.get(word, word) for word in words)
        american = american[0].upper() + american[1:]
        words = re.split(r"[ -]", name)  # 'Multi-head attention' -> 'MHA'
        acronym = "".join(w[0] for w in words).upper()
        for alias in (american, acronym if len(words) > 1 else ""):
            if alias and alias != name and alias.casefold() not in taken:
                taken.add(alias.casefold())
                aliases.append(alias)
        specs.append(Spec(_slug(name), name, tuple(aliases)))
    return specs


def _mention(spec: Spec, rng: random.Random) -> str:
    """A name, an alias or a plural, in running text (lowercase unless an acronym)."""
    form = rng.random()
    if spec.aliases and form < 0.25:
        return rng.choice(spec.aliases)
    name = spec.term[0].lower() + spec.term[1:] if not spec.term.isupper() else spec.term
    return plural(name) if form > 0.75 else name


def _paragraph(rng: random.Random, others: list[Spec], mentions: int, sentences: int) -> str:
    parts: list[str] = []
    picked = itertools.cycle(others)  # small projects reuse names
    for index in range(sentences):
        if others and index < mentions:
            a = _mention(next(picked), rng)
            b = _mention(next(picked), rng)
            parts.append(rng.choice(MENTIONS).format(a=a, b=b))
        else:
            parts.append(rng.choice(FILLER))
    return " ".join(parts)


def _extra_block(rng: random.Random, others: list[Spec]) -> str:
    """One of the Markdown constructs authors use: a list, a table, code or an admonition."""
    kind = rng.randrange(4)
    if kind == 0:
        return "\n".join(f"- Watch how it interacts with {_mention(o, rng)}." for o in others[:3])
    if kind == 1:
        rows = "\n".join(f"| {o.term} | {rng.randint(1, 99) / 100} |" for o in others[:3])
        return f"| Setting | Typical value |\n| --- | --- |\n{rows}"
    if kind == 2:
        return f"Set it in code with `config.{_slug(others[0].term).replace('-', '_')} = 0.1`."
    return '!!! note "In short"\n\n    ' + rng.choice(FILLER)


def _body(rng: random.Random, others: list[Spec], sections: int, mentions_each: int) -> str:
    """`sections` subsections of about 100 words, mentioning 2 x `mentions_each` terms each."""
    chunks: list[str] = []
    for index in range(sections):
        group = others[index * 2 * mentions_each : (index + 1) * 2 * mentions_each]
        heading = rng.choice(("How it works", "When to use it", "Pitfalls", "In practice"))
        chunks.append(f"## {heading} ({index + 1})")
        chunks.append(_paragraph(rng, group, mentions_each, mentions_each + 3))
        chunks.append(_extra_block(rng, group or others))
    return "\n\n".join(chunks) + "\n"


def _yaml_block(text: str) -> str:
    return "|\n" + "\n".join(f"  {line}" if line else "" for line in text.splitlines()) + "\n"


def _entry(spec: Spec, rng: random.Random, specs: list[Spec], lessons: list[str]) -> str:
    picked = rng.sample(specs, min(13, len(specs)))  # not a filtered copy: O(N^2) at 10,000
    others = [s for s in picked if s.slug != spec.slug][:12]
    body = _body(rng, others, 3, 2)  # 3 sections, about 12 mentions, about 300 words
    related = [o.slug for o in others[: rng.randint(3, 5)]]
    reviewed = date(2024, 1, 1) + timedelta(days=rng.randrange(900))
    lines = [
        f"term: {json.dumps(spec.term)}",
        f"summary: {json.dumps(f'What {spec.term.lower()} does and when it helps.')}",
        f"body: {_yaml_block(body)}".rstrip("\n"),
        f"why_it_matters: {_yaml_block(_paragraph(rng, others[6:], 1, 2))}".rstrip("\n"),
        f"category: {json.dumps(rng.choice(list(CATEGORIES)))}",
        f"aliases: {json.dumps(list(spec.aliases))}",
        f"related: {json.dumps(related)}",
        f"lessons: {json.dumps(rng.sample(lessons, min(len(lessons), rng.randint(0, 2))))}",
        f"last_reviewed: {reviewed.isoformat()}",
    ]
    if rng.random() < 0.02:
        lines.append("early_access: true")
    if rng.random() < 0.01:
        lines.append("demos: [learning-rate]")
    return "\n".join(lines) + "\n"


def _lesson_paths(count: int, specs: list[Spec]) -> list[str]:
    return [
        f"{LEVELS[i % len(LEVELS)][0]}/lesson-{i:04d}-{specs[i % len(specs)].slug}.md"
        for i in range(count)
    ]


def _lesson(path: str, index: int, rng: random.Random, specs: list[Spec]) -> str:
    """About 1,000 words in 5 sections, mentioning about 40 terms."""
    topic = specs[index % len(specs)]
    others = rng.sample(specs, min(40, len(specs)))
    sections = []
    for number in range(5):
        group = others[number * 8 : (number + 1) * 8]
        sections.append(
            f"## Step {number + 1}\n\n"
            + _paragraph(rng, group, 4, 7)
            + "\n\n"
            + _paragraph(rng, others[::-1], 0, 5)
            + "\n\n"
            + _extra_block(rng, group or others)
        )
    order = index // len(LEVELS) + 1
    front = {
        "title": f"Working with {topic.term.lower()} ({index + 1})",
        "order": order,
        "description": f"A guided tour of {topic.term.lower()} on a small example.",
        "module": f"Module {(order - 1) // MODULE_SIZE + 1}",
    }
    return (
        f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n# {front['title']}\n\n"
        + "\n\n".join(sections)
        + "\n"
    )


def project_config(
    source: Path = REPO_CONFIG, hook: Path = HOOK, features: Sequence[str] = ()
) -> dict[str, Any]:
    """The repo's mkdocs.yml with the hook at an absolute path; only glossary/ watched (an
    edit to the hooks by a colleague must not trigger a rebuild during a serve benchmark).
    `features`: Material features to try on top (both variants get them via this config)."""
    config: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    config["hooks"] = [str(hook)]
    config["docs_dir"] = "content"
    config["watch"] = ["glossary"]
    theme_features = config.setdefault("theme", {}).setdefault("features", [])
    theme_features.extend(f for f in features if f not in theme_features)
    return config


def generate(
    root: Path, n_terms: int, seed: int = 9, hook: Path = HOOK, features: Sequence[str] = ()
) -> Project:
    """Write the synthetic project to `root` (which must not exist yet)."""
    rng = random.Random(seed)
    specs = _specs(n_terms, rng)
    n_lessons = max(1, n_terms // 10)
    lessons = _lesson_paths(n_lessons, specs)
    content, glossary = root / "content", root / "glossary"
    glossary.mkdir(parents=True)
    for order, (slug, title, description) in enumerate(LEVELS, start=1):
        level = content / slug
        level.mkdir(parents=True)
        front = yaml.safe_dump({"title": title, "order": order, "description": description})
        (level / "index.md").write_text(f"---\n{front}---\n\n# {title}\n\n{description}\n")
    for index, path in enumerate(lessons):
        (content / path).write_text(_lesson(path, index, rng, specs), encoding="utf-8")
    home = _paragraph(rng, rng.sample(specs, min(8, len(specs))), 4, 6)
    (content / "index.md").write_text(f"# Learning AI at scale\n\n{home}\n", encoding="utf-8")
    categories = "".join(f"{name}: {text}\n" for name, text in CATEGORIES.items())
    (glossary / "_categories.yml").write_text(categories, encoding="utf-8")
    for spec in specs:
        text = _entry(spec, rng, specs, lessons)
        (glossary / f"{spec.slug}.yml").write_text(text, encoding="utf-8")
    overrides = root / "overrides"
    overrides.mkdir()
    repo_overrides = ROOT / "overrides"
    if repo_overrides.is_dir():
        shutil.copytree(repo_overrides, overrides, dirs_exist_ok=True)
    config = root / "mkdocs.yml"
    settings = project_config(hook=hook, features=features)
    config.write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    return Project(root, config, n_terms, n_lessons)
