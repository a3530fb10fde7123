"""The parent's side of the timed builds: each in a fresh child process on a settled disk,
the two variants in rounds (`scripts/bench.py`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.gen import LEVELS, Project
from benchmarks.model import Run, SizeResult, megabytes

CHILD = Path(__file__).with_name("child.py")


def child_env(**extra: str) -> dict[str, str]:
    """A child build's environment: none of our own settings inherited from the shell (a
    build here must not hide early access because the caller's shell does), no MkDocs 2 banner."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERMWEAVE_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def warm_inputs(project: Path) -> int:
    """Read every input file of a project once, untimed, and return the bytes read: a build
    then measures its work, not whether the disk cache still held its files (on this machine
    it sometimes does not between builds, and cold reads of 10,000 small files take seconds)."""
    return sum(len(p.read_bytes()) for p in project.rglob("*") if p.is_file())


def settle_disk(site: Path, project: Path) -> None:
    """Before a timed build, untimed: remove the old site, read the project's files once, and
    flush every written file to disk. Each build writes hundreds of MB; without the flush the
    kernel writes (and, on this `discard`-mounted disk, trims) the previous build's files during
    the next one, which then pays for work that is not its own."""
    shutil.rmtree(site, ignore_errors=True)
    warm_inputs(project)
    os.sync()


RAM_DISK = Path("/dev/shm")


def sites_home(fallback: Path, ram: Path = RAM_DISK) -> Path:
    """Where the timed builds write their sites unless told: the machine's RAM disk when it has
    one we may write to, else `fallback`. Why RAM: on this machine's ext4 disk (mounted with
    `discard`) the kernel's cost of writing the same files grows from one build to the next
    (1,500 files of 60 KB, written and removed ten times: 0.6 s of system time the first time,
    2.5 s the tenth; on /dev/shm 0.07 s every time), and that drift, not the build, was most of
    the noise between rounds. The page cache both variants write into is the same either way."""
    if ram.is_dir() and os.access(ram, os.W_OK | os.X_OK):
        return ram
    return fallback


def build_once(config: Path, site: Path, work: Path, profile: Path | None = None) -> Run:
    """One clean build in a fresh child process, on a settled disk (`settle_disk`)."""
    settle_disk(site, config.parent)
    timings = work / "timings.jsonl"
    timings.unlink(missing_ok=True)
    hooks = "hooks:" in config.read_text(encoding="utf-8")
    command = [sys.executable, str(CHILD), str(config), str(site)]
    if hooks:
        command.append("--phases")
    if profile:
        command += ["--profile", str(profile)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=child_env(TERMWEAVE_TIMINGS=str(timings)),
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{done.stdout}\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(
        report["seconds"],
        report["peak_bytes"],
        report["phases"],
        report["stages"],
        report.get("indexer_peak_bytes", 0),
    )


def count_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


NAV_ITEM = 'class="md-nav__item'


def nav_items(site: Path) -> tuple[int, int]:
    """Navigation items in the HTML of the first lesson page and the first term page."""
    lessons = sorted(site.glob(f"{LEVELS[0][0]}/lesson-*/index.html"))
    terms = sorted(
        p
        for p in (site / "glossary").glob("*/index.html")
        if p.parent.name not in ("category", "review-status", "early-access")
    )

    def count(pages: list[Path]) -> int:
        return pages[0].read_text(encoding="utf-8").count(NAV_ITEM) if pages else 0

    return count(lessons), count(terms)


@dataclass
class Subject:
    """One size to measure: its project (with our hooks), its plain baseline's config, its
    working folder, and the folder its built sites go to (`sites_home`)."""

    size: int
    project: Project
    plain: Path
    work: Path
    sites: Path


def measure_rounds(
    subjects: Sequence[Subject], runs: int, say: Callable[[str], None]
) -> list[SizeResult]:
    """`runs` rounds, each building every size once with hooks and once plain (ABBA order from
    round to round). The sizes are interleaved, not measured one after the other: this machine's
    speed drifts over the half hour a run takes, and a growth ratio N→2N should compare builds made
    minutes apart, under the same conditions, as the full/plain ratio does."""
    found: dict[int, tuple[list[Run], list[Run]]] = {s.size: ([], []) for s in subjects}
    pages: dict[int, int] = {}
    nav: dict[int, tuple[int, int]] = {}
    for index in range(runs):
        for subject in subjects:
            order = [("hooks", subject.project.config), ("plain", subject.plain)]
            for name, config in order if index % 2 == 0 else order[::-1]:
                site = subject.sites / f"site-{name}"
                run = build_once(config, site, subject.work)
                found[subject.size][0 if name == "hooks" else 1].append(run)
                if subject.size not in pages:
                    pages[subject.size] = count_pages(site)
                if name == "plain" and subject.size not in nav:
                    nav[subject.size] = nav_items(site)
                say(
                    f"  round {index + 1}/{runs} N={subject.size} {name}: "
                    f"{run.seconds:.1f} s, {megabytes(run)} MB"
                )
    return [SizeResult(s.size, pages[s.size], *found[s.size], *nav[s.size]) for s in subjects]
