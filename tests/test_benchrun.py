"""The parent's side of the timed builds: rounds, a settled disk, warm inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import benchmarks.gen
import benchmarks.model
import benchmarks.run


def test_warm_inputs_reads_every_file_of_the_project(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "a.yml").write_text("term: A\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "empty.md").write_text("")
    assert benchmarks.run.warm_inputs(tmp_path) == len("term: A\n") + len("site_name: x\n")


def test_rounds_interleave_sizes_and_alternate_variants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every round builds every size: a slow spell then hits both sides of a growth ratio."""
    built: list[tuple[str, str]] = []

    def build_once(config: Path, site: Path, work: Path) -> benchmarks.model.Run:
        assert site.parent == tmp_path / "ram"  # the subject's sites folder, not its work folder
        built.append((work.name, site.name))
        site.mkdir(parents=True, exist_ok=True)
        return benchmarks.model.Run(float(len(built)), 0)

    monkeypatch.setattr(benchmarks.run, "build_once", build_once)
    counted: list[Path] = []
    monkeypatch.setattr(benchmarks.run, "count_pages", lambda site: counted.append(site) or 7)
    monkeypatch.setattr(benchmarks.run, "nav_items", lambda site: (3, 2))
    subjects = []
    for size in (10, 20):
        root = tmp_path / f"n{size}" / "project"
        project = benchmarks.gen.Project(root, root / "mkdocs.yml", size, size // 10)
        subjects.append(
            benchmarks.run.Subject(
                size, project, tmp_path / "plain.yml", tmp_path / f"n{size}", tmp_path / "ram"
            )
        )
    results = benchmarks.run.measure_rounds(subjects, 2, lambda text: None)
    assert built == [
        ("n10", "site-hooks"), ("n10", "site-plain"), ("n20", "site-hooks"), ("n20", "site-plain"),
        ("n10", "site-plain"), ("n10", "site-hooks"), ("n20", "site-plain"), ("n20", "site-hooks"),
    ]  # fmt: skip
    small, large = results
    assert [r.seconds for r in small.hooks] == [1.0, 6.0]
    assert [r.seconds for r in large.hooks] == [3.0, 8.0]
    assert (large.pages, large.nav_lesson, large.nav_term) == (7, 3, 2)
    assert len(counted) == 2  # each size's site is counted once, not after every build
    assert benchmarks.model.paired_growth(small, large) == pytest.approx((3.0 + 8.0 / 6.0) / 2)


def test_each_build_starts_on_a_settled_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old site goes, the inputs are read, and what earlier builds wrote is flushed, in that
    order, before the build is timed."""
    steps: list[str] = []
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    monkeypatch.setattr(
        benchmarks.run, "warm_inputs", lambda project: steps.append(f"warm {project.name}")
    )
    monkeypatch.setattr(benchmarks.run.os, "sync", lambda: steps.append("sync"))
    benchmarks.run.settle_disk(site, tmp_path / "project")
    assert not site.exists()
    assert steps == ["warm project", "sync"]


def test_sites_go_to_the_ram_disk_unless_told_otherwise(tmp_path: Path) -> None:
    ram, disk = tmp_path / "shm", tmp_path / "work"
    ram.mkdir()
    assert benchmarks.run.sites_home(disk, ram=ram) == ram
    assert benchmarks.run.sites_home(disk, ram=tmp_path / "none") == disk
