"""Where a run's sites were written, as its report says: RAM or disk changes the noise."""

from __future__ import annotations

from pathlib import Path

import benchmarks.report

MOUNTS = """\
/dev/vda / ext4 rw,relatime,discard 0 0
tmpfs /dev/shm tmpfs rw,relatime 0 0
tmpfs /dev/shmx tmpfs rw 0 0
"""


def test_the_longest_mount_point_holding_a_path_gives_its_file_system(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")
    assert benchmarks.report.filesystem_type(Path("/dev/shm/termweave-bench-1"), mounts) == "tmpfs"
    assert benchmarks.report.filesystem_type(Path("/dev/shm"), mounts) == "tmpfs"
    assert benchmarks.report.filesystem_type(Path("/dev/shmy"), mounts) == "ext4"  # not /dev/shm's
    assert benchmarks.report.filesystem_type(Path("/srv"), mounts) == "ext4"
    assert benchmarks.report.filesystem_type(Path("/srv"), tmp_path / "missing") == ""


def test_the_note_says_ram_or_disk(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")
    ram = benchmarks.report.sites_note(Path("/dev/shm/b"), mounts)
    assert ram == "written in RAM in /dev/shm/b (tmpfs)"
    assert benchmarks.report.sites_note(Path("/w"), mounts) == "written on disk in /w (ext4)"
    assert benchmarks.report.sites_note(Path("/w"), tmp_path / "none") == "written on disk in /w"
