"""Micro benchmark of cross-linking, for scripts/bench.py and for the record: the time to link
one page of about 1,000 words at a given number of terms, next to the time Python-Markdown takes
to render that same page (the floor of what a build spends on it anyway).

    from benchmarks.linkbench import run
    for row in run((100, 1000, 5000)): print(row)
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from termweave.links.autolink import Linker, LinkTarget


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_FILLER = _split(
    "the a of to and in is that it for as with was on be by this are from at an which or "
    "model data we can each step when more than how its not but our all if will one so then "
    "use makes value set run new small large first over into only also after most during "
    "change good result time example training test better error shows weights update"
)
_PARTS = _split(
    "sparse adaptive stochastic latent residual causal masked federated quantised recurrent "
    "variational gradient token beam cross early weight dropout greedy nucleus kernel linear "
    "logistic ensemble boosted random dense shallow deep generative hierarchical online offline "
    "attention embedding optimiser regularisation sampling encoder decoder loss schedule search "
    "pruning distillation tokeniser classifier network inference alignment probe metric prior "
    "posterior gate memory cache router adapter head projection pooling scaling batch label"
)


@dataclass(frozen=True)
class BenchRow:
    terms: int
    build_ms: float  # building the Linker (once per build)
    link_ms_per_page: float  # median over the pages
    markdown_ms_per_page: float  # Python-Markdown rendering the same page, for scale
    words_per_page: int
    links_per_page: float  # distinct terms linked (first mention only)


def synthetic_targets(count: int, seed: int = 7) -> list[LinkTarget]:
    """`count` distinct terms of one to three words; every fifth has an acronym alias."""
    rng = random.Random(seed)
    seen: set[str] = set()
    targets: list[LinkTarget] = []
    while len(targets) < count:
        words = rng.sample(_PARTS, rng.choice((1, 2, 2, 3)))
        name = " ".join(words)
        if name in seen:
            name = f"{name} {len(targets)}"
        seen.add(name)
        slug = name.replace(" ", "-")
        names: tuple[str, ...] = (name.capitalize(),)
        if len(targets) % 5 == 0:
            names += ("".join(w[0] for w in words).upper() + str(len(targets)),)
        summary = f'What "{name}" means & why it matters <in short>.'
        targets.append(LinkTarget(slug, names, f"glossary/{slug}/", name.capitalize(), summary))
    return targets


def synthetic_page(targets: list[LinkTarget], words: int = 1000, seed: int = 0) -> str:
    """Markdown of about `words` words: sections, lists, code, links, entities; about one word
    in twenty is a term name (singular or plural), as in a lesson."""
    rng = random.Random(seed)
    lines: list[str] = ["# A lesson", ""]
    written = 0
    section = 0
    while written < words:
        if written // 150 > section:
            section = written // 150
            lines += [f"## Section {section} on {rng.choice(targets).title}", ""]
        sentence: list[str] = []
        for _ in range(rng.randint(8, 20)):
            if rng.random() < 0.05:
                name = rng.choice(rng.choice(targets).names)
                sentence.append(name + ("s" if rng.random() < 0.3 else ""))
            else:
                sentence.append(rng.choice(_FILLER))
        written += len(sentence)
        text = " ".join(sentence)
        kind = rng.random()
        if kind < 0.15:
            lines.append(f"- {text} with `code {sentence[0]}` &amp; [a link](../other/)")
        elif kind < 0.2:
            lines += ["", "```python", f"x = {sentence[0]!r}", "```", ""]
        else:
            lines += [f"{text.capitalize()}, *emphasis* and **strong** text.", ""]
    return "\n".join(lines)


def run(
    term_counts: Iterable[int] = (100, 1000, 5000),
    *,
    pages: int = 20,
    words: int = 1000,
    repeat: int = 5,
) -> list[BenchRow]:
    """Time `Linker.link_html` per page at each number of terms: for each page the best of
    `repeat` runs (robust on a shared machine), then the median over `pages` pages."""
    import markdown  # a dependency of MkDocs; imported here so the linker never needs it

    rows: list[BenchRow] = []
    for count in term_counts:
        targets = synthetic_targets(count)
        started = time.perf_counter()
        linker = Linker(targets)
        build_ms = (time.perf_counter() - started) * 1000
        link_times: list[float] = []
        render_times: list[float] = []
        links = 0
        for number in range(pages):
            source = synthetic_page(targets, words, seed=number)
            render = partial(markdown.markdown, source, extensions=["toc", "tables"])
            render_times.append(_best(repeat, render))
            page_link = partial(linker.link_html, render(), page_url=f"level/lesson-{number}/")
            link_times.append(_best(repeat, page_link))
            links += len(page_link().linked)
        rows.append(
            BenchRow(
                terms=count,
                build_ms=round(build_ms, 1),
                link_ms_per_page=round(statistics.median(link_times) * 1000, 3),
                markdown_ms_per_page=round(statistics.median(render_times) * 1000, 3),
                words_per_page=words,
                links_per_page=round(links / pages, 1),
            )
        )
    return rows


def _best(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best
