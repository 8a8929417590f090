"""Paired rounds: two implementations timed back to back in each round (shared helper module).

Not a benchmark itself (pytest collects only ``bench_*.py``). On a shared machine, load from other jobs
comes and goes; timing both sides within each round lets it fall on both alike, and the median over rounds
of the per-round ratio is the figure it moves least.

>>> describe([2.0, 3.0, 5.0])
'median 3.00x (range 2.00x-5.00x, 3 rounds)'
"""

from __future__ import annotations

import statistics
import time
from typing import Callable


def paired_ratios(benchmark, subject: Callable[[], object], baseline: Callable[[], object], rounds: int,
                  before: Callable[[], object] | None = None) -> list[float]:
    """Time ``subject`` then ``baseline`` in each of ``rounds`` pytest-benchmark rounds (after one warm-up
    round) and return ``baseline time / subject time`` per round. ``before`` runs untimed before each
    round. Under ``--benchmark-disable`` (one round, no warm-up) the single ratio is returned."""
    ratios: list[float] = []

    def paired_round() -> None:
        if before is not None:
            before()
        start = time.perf_counter()
        subject()
        middle = time.perf_counter()
        baseline()
        ratios.append((time.perf_counter() - middle) / (middle - start))

    benchmark.pedantic(paired_round, rounds=rounds, iterations=1, warmup_rounds=1)
    return ratios[1:] if len(ratios) > 1 else ratios  # the first round is the warm-up


def describe(ratios: list[float]) -> str:
    """The median ratio, its range and the number of rounds, for the printed report."""
    return (f"median {statistics.median(ratios):.2f}x (range {min(ratios):.2f}x-{max(ratios):.2f}x, "
            f"{len(ratios)} rounds)")
