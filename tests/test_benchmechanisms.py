"""The bench's mechanism switches really switch each mechanism off, in a process of its own
(they patch modules, as the timed child does), and the keep-or-remove rule is the issue's."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from benchmarks.mechanisms import Bought, table
from sitekit import ROOT

PROBE = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{root!r}, {hooks!r}]
    from benchmarks.mechanisms import switch_off
    from termweave.site import offpath
    switch_off(sys.argv[1:])
    print(offpath.background_possible())
    """
)


def probe(*names: str) -> str:
    code = PROBE.format(root=str(ROOT), hooks=str(ROOT / "hooks"))
    done = subprocess.run(
        [sys.executable, "-c", code, *names], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_worker_switch_turns_the_worker_off() -> None:
    assert probe() == str(offpath_possible())
    assert probe("worker") == "False"


def offpath_possible() -> bool:
    from termweave.links.planning import background_possible

    return background_possible()


def test_an_unknown_mechanism_is_refused() -> None:
    code = PROBE.format(root=str(ROOT), hooks=str(ROOT / "hooks"))
    done = subprocess.run(
        [sys.executable, "-c", code, "nonsense"], capture_output=True, text=True, check=False
    )
    assert "unknown mechanism 'nonsense'" in done.stderr


@pytest.mark.parametrize(
    ("time", "memory", "kept"),
    [
        ([1.06, 1.05, 1.04], [1.0, 1.0, 1.0], True),
        ([1.02] * 3, [1.12] * 3, True),
        ([1.03] * 3, [1.05] * 3, False),
    ],
)
def test_a_mechanism_is_kept_for_5_percent_of_time_or_10_of_memory(
    time: list[float], memory: list[float], kept: bool
) -> None:
    row = Bought("worker", 5000, time, memory)
    assert row.kept() is kept
    assert table([row])[2].endswith(f"| {'yes' if kept else 'no'} |")
