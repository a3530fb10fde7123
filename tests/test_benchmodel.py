"""A run's numbers: paired ratios, MkDocs' steps and what they leave of a build."""

from __future__ import annotations

import pytest

import benchmarks.model
import benchmarks.report


def test_paired_ratio_compares_each_full_build_with_the_plain_build_beside_it() -> None:
    """A slow spell that hits one pair (3rd: both slow) moves the ratio of medians, not the
    median of the pairs' ratios."""
    hooks = [benchmarks.model.Run(s, 0) for s in (60.0, 55.0, 66.0)]
    plain = [benchmarks.model.Run(s, 0) for s in (50.0, 50.0, 60.0)]
    result = benchmarks.model.SizeResult(5000, 1, hooks, plain)
    assert result.ratio == pytest.approx(60.0 / 50.0)
    assert result.paired_ratio == pytest.approx(1.1)  # median of 1.2, 1.1, 1.1


def test_everything_else_is_what_mkdocs_steps_leave_of_the_build() -> None:
    runs = [
        benchmarks.model.Run(10.0, 0, stages={"read and convert": 5.0, "render and write": 3.0}),
        benchmarks.model.Run(
            12.0, 0, stages={"read and convert": 6.0, "render and write": 3.0, "collector": 1.0}
        ),
        benchmarks.model.Run(11.0, 0, stages={"read and convert": 5.5, "render and write": 4.5}),
    ]
    result = benchmarks.model.SizeResult(5000, 1, runs, runs)
    assert benchmarks.model.stage_median(runs, benchmarks.model.OTHER_STAGE) == pytest.approx(
        2.0
    )  # median of 2, 3, 1
    assert (
        benchmarks.model.stage_median(runs, benchmarks.model.GC_STAGE) == 0.0
    )  # median of 0, 1, 0
    (row,) = benchmarks.report.stage_table([result])[2:]
    assert row == "| 5,000 | 5.5 / 5.5 | 3.0 / 3.0 | 0.0 / 0.0 | 2.0 / 2.0 |"
