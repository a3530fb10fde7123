"""The cross-linking micro benchmark runs and measures something real (numbers are checked by
scripts/bench.py, never by a timed test)."""

from __future__ import annotations

from benchmarks.linkbench import run, synthetic_page, synthetic_targets


def test_synthetic_input_is_deterministic_and_distinct() -> None:
    targets = synthetic_targets(300)
    assert len({t.slug for t in targets}) == 300
    assert synthetic_targets(300) == targets
    assert synthetic_page(targets, 200, seed=1) == synthetic_page(targets, 200, seed=1)


def test_benchmark_row_per_term_count() -> None:
    rows = run((10, 50), pages=2, words=200, repeat=1)
    assert [row.terms for row in rows] == [10, 50]
    for row in rows:
        assert row.link_ms_per_page > 0 and row.markdown_ms_per_page > 0
        assert row.links_per_page > 0
