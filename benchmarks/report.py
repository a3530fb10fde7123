"""The report of a benchmark run, as BENCHMARKS.md holds it: the method, the tables, the
targets and the profiles; notes below the marker are kept between runs (`scripts/bench.py`)."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from benchmarks.model import (
    GC_STAGE,
    OTHER_STAGE,
    STAGES,
    BytesResult,
    ServeResult,
    SizeResult,
    megabytes,
    stage_median,
)
from benchmarks.preview import EditTiming, report_section

RESULTS_JSON = "results.json"  # in --workdir: every build's numbers, the profiles, the metadata


def _spread(values: Sequence[float]) -> str:
    """The median, and the range when there is one: on a shared machine the noise matters."""
    median = f"{statistics.median(values):.1f}"
    return median if len(values) < 2 else f"{median} ({min(values):.1f}–{max(values):.1f})"


def stage_table(results: list[SizeResult]) -> list[str]:
    """MkDocs' own steps in both variants (medians): where a full build's extra time sits."""
    names = [*STAGES.values(), GC_STAGE, OTHER_STAGE]
    head = ["N terms", *(f"{name} s (full / plain)" for name in names)]
    rows = [
        [
            f"{r.size:,}",
            *(f"{stage_median(r.hooks, n):.1f} / {stage_median(r.plain, n):.1f}" for n in names),
        ]
        for r in results
        if r.hooks and r.plain and all(run.stages for run in [*r.hooks, *r.plain])
    ]
    if not rows:
        return []
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in rows]


def table(results: list[SizeResult]) -> list[str]:
    phases = sorted({p for r in results for run in r.hooks for p in run.phases}, key=_phase_order)
    head = ["N terms", "pages", "full build s", "plain s", "ratio", "paired ratio"]
    head += ["peak MB full", "+ indexer MB", "peak MB plain"]
    head += [f"{p} s" for p in phases] + ["hooks total s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [
            f"{r.size:,}",
            f"{r.pages:,}",
            _spread([x.seconds for x in r.hooks]),
            _spread([x.seconds for x in r.plain]),
            f"{r.ratio:.2f}×",
            f"{r.paired_ratio:.2f}×",
            f"{max(megabytes(x) for x in r.hooks):,}",
            f"{max(round(x.indexer_peak_bytes / 1e6) for x in r.hooks):,}",
            f"{max(megabytes(x) for x in r.plain):,}",
        ]
        cells += [f"{r.phase(p):.2f}" for p in phases]
        cells.append(f"{r.hooks_total:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


_KNOWN_PHASES = (
    "load_validate",
    "render_pages",
    "learning",
    "page_markdown",
    "crosslink",
    "backlinks",
    "demos",
    "early_access",
    "export",
    "search",
    "search_write",
    "events",
)


def _phase_order(name: str) -> tuple[int, str]:
    return (_KNOWN_PHASES.index(name) if name in _KNOWN_PHASES else len(_KNOWN_PHASES), name)


def bytes_table(searched: Sequence[BytesResult]) -> list[str]:
    """What search cost a reader per query: ours and Material's, KB sent (KB stored)."""
    if not searched:
        return []
    lines = [
        "| N terms | query | ours: files, KB sent (stored) | Material: files, KB sent (stored) |",
        "|---|---|---|---|",
    ]
    for found in searched:
        for ours, plain in zip(found.ours, found.plain, strict=True):
            lines.append(
                f"| {found.size:,} | `{ours.query}` | {ours.files}, {ours.sent / 1000:,.0f} "
                f"({ours.raw / 1000:,.0f}) | {plain.files}, {plain.sent / 1000:,.0f} "
                f"({plain.raw / 1000:,.0f}) |"
            )
    return lines


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def filesystem_type(path: Path, mounts: Path = Path("/proc/mounts")) -> str:
    """The type of the file system holding `path` (its longest mount point), "" if unknown."""
    try:
        lines = mounts.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    found, best = "", -1
    target = str(path.resolve())
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            found, best = fields[2], len(point)
    return found


def sites_note(home: Path, mounts: Path = Path("/proc/mounts")) -> str:
    """Where a run's sites were written, for the report: RAM or disk matters to its noise."""
    kind = filesystem_type(home, mounts)
    where = "in RAM" if kind in ("tmpfs", "ramfs") else "on disk"
    return f"written {where} in {home}" + (f" ({kind})" if kind else "")


def machine_versions() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return (
        f"{usable} usable cores of {cores} ({platform.machine()}), Python "
        f"{platform.python_version()}, MkDocs {version('mkdocs')}, Material "
        f"{version('mkdocs-material')}, Markdown {version('markdown')}, PyYAML "
        f"{version('pyyaml')}"
    )


def report(
    results: list[SizeResult],
    serve: ServeResult | None,
    checks: list[tuple[str, str]],
    profiles: list[str],
    meta: dict[str, str],
    searched: Sequence[BytesResult] = (),
    previews: dict[int, list[EditTiming]] | None = None,
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written whole by `scripts/bench.py`; `--report-from results.json` writes it again from "
        "a `--workdir` run.",
        "",
        "## Method",
        "",
        "- *Project.* A seeded synthetic project of N glossary entries (about 300-word bodies, "
        "about 12 mentions of other terms by name, alias or plural, 3–5 related terms, lesson "
        "links) and N/10 lessons of about 1,000 words in modules of 10 within 4 levels.",
        "- *Variants.* *full* is `mkdocs build` with our hooks, Pagefind indexing included. The "
        "baseline, *plain*, is the exact pages our hooks produce written out as Markdown and built "
        "by plain MkDocs with the same theme settings, nav, CSS and announcement bar, no hooks, "
        "and Material's own search plugin.",
        f"- *Rounds.* {meta['runs']} rounds; each builds every size, full and plain next to each "
        "other in alternating order, so ratios between variants and between sizes compare "
        "builds made minutes apart. Times are the build inside a fresh process (MkDocs' imports "
        "excluded), median with min–max; *paired ratio* is the median of the rounds' ratios.",
        "- *A settled disk.* Before each timed build, untimed: the old site is removed, the "
        "project's files are read and `os.sync()` flushes earlier builds' writes; the sites are "
        "written to RAM when the machine has a RAM disk (`benchmarks.run.sites_home`).",
        "- *Memory.* Peak memory is the child's own high-water mark (VmHWM, not `ru_maxrss`, "
        "which Linux carries over fork); *+ indexer* is Pagefind's own high-water mark.",
        "- *Phases.* Our hooks' phases are medians of the full builds' own timers "
        "(`termweave.site.timing`); *hooks total* is their sum, the rest is MkDocs and "
        "Material. MkDocs' own steps are timed in both variants.",
        "- *Growth.* A growth target plain MkDocs misses too is ours only when the rounds show "
        "the full build growing faster than plain beyond the noise (each round's full growth "
        "over its plain growth, one-sided Wilcoxon signed-rank test at 10%: "
        "`benchmarks/stats.py`).",
        "",
        "## This run",
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {meta['machine']}; load average {meta['load']} (a shared machine: "
        "treat differences under about 10% as noise)",
        f"- Command: `{meta['command']}`",
        *(
            [f"- Built sites: {sites} (`benchmarks.run.sites_home` says why)"]
            if (sites := meta.get("sites"))
            else []
        ),
        *(
            [f"- Report made again from the run's {RESULTS_JSON} by `--report-from`: {remade}"]
            if (remade := meta.get("remade"))
            else []
        ),
        "",
        "## Build time and memory",
        "",
        *table(results),
    ]
    steps = stage_table(results)
    if steps:
        lines += [
            "",
            "MkDocs' own steps in the same builds (medians): reading and converting the pages "
            "(with our on_page_markdown and on_page_content work), rendering and writing them "
            "(with our on_page_context and on_post_page work), the garbage collector's time "
            "within and outside them, and everything else (configuration, files, navigation, "
            "our on_config, on_files and on_env, the search index, on_post_build).",
            "",
            *steps,
        ]
    if serve is not None:
        lines += [
            "",
            f"Serve rebuild at N={serve.size:,} (`mkdocs serve --livereload`, the time MkDocs "
            "logs for each rebuild, first build excluded): after one YAML entry is edited "
            f"(hooks) {_spread(serve.hooks)} s; after one Markdown page is edited (plain) "
            f"{_spread(serve.plain)} s; ratio {serve.ratio:.2f}×.",
        ]
    if searched:
        lines += [
            "",
            "What search costs a reader (`benchmarks/searchbytes.py`, Chromium, a new browser per "
            "query): every search file fetched from the home page's load until the first 10 "
            "results of a query typed at once are shown, text files counted gzip-compressed "
            "(Pagefind's own files are compressed already); ours against the plain build's "
            "Material search (its index and worker) on the same pages.",
            "",
            *bytes_table(searched),
            "",
            "The largest A–Z page (the index or a letter's), gzip-compressed: "
            + "; ".join(f"N={b.size:,}: {b.az_page / 1000:,.0f} KB" for b in searched)
            + ".",
        ]
    if previews:
        lines += ["", *report_section(previews)]
    lines += ["", "## Targets", ""]
    lines += [f"- **{status}** {text}" for status, text in checks]
    if profiles:
        lines += ["", "## Where the time goes (cProfile, one build each)", "", *profiles]
    return "\n".join(lines) + "\n"
