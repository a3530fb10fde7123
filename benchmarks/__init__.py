"""The benchmark behind `scripts/bench.py`: synthetic projects, timed builds, the report."""
