"""The seeded bootstrap: deterministic, intervals around the exact mean, sane paired p-values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.evaluation.bootstrap import bootstrap, bootstrap_many, paired_test, resample_weights
from newsml.evaluation.line_metrics import line_metrics
from newsml.labels import LABELS


def scores(seed: int, n: int = 60, shift: float = 0.0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0, 1, n) + shift


def test_same_seed_same_numbers_and_another_seed_differs() -> None:
    values = scores(1)
    first, again = bootstrap(values, seed=3), bootstrap(values, seed=3)
    assert first == again
    other = bootstrap(values, seed=4)
    assert (other.low, other.high) != (first.low, first.high)
    assert other.estimate == first.estimate


def test_point_estimate_is_the_exact_mean_inside_the_interval() -> None:
    values = scores(2)
    interval = bootstrap(values, samples=2000, seed=0)
    assert interval.estimate == pytest.approx(values.mean(), abs=1e-12)
    assert interval.low < interval.estimate < interval.high
    # the 95% interval of a mean of 60 uniform values is about +/- 1.96 * 0.289 / sqrt(60) = 0.073
    assert 0.1 < interval.high - interval.low < 0.2
    assert interval.n == 60 and interval.confidence == 0.95


def test_wider_confidence_gives_wider_interval() -> None:
    values = scores(3)
    narrow = bootstrap(values, confidence=0.5, seed=0)
    wide = bootstrap(values, confidence=0.99, seed=0)
    assert wide.low < narrow.low and narrow.high < wide.high


def test_resample_weights_draw_n_documents_each() -> None:
    weights = resample_weights(5, 100, seed=0)
    assert weights.shape == (100, 5)
    assert (weights.sum(axis=1) == 5).all()
    assert (resample_weights(5, 100, seed=0) == weights).all()
    with pytest.raises(ValueError):
        resample_weights(0, 10, seed=0)


def test_paired_test_on_identical_systems_gives_p_one() -> None:
    values = scores(4)
    result = paired_test(values, values.copy(), seed=0)
    assert result.difference == 0.0
    assert result.p_value == 1.0


def test_paired_test_detects_a_consistent_difference() -> None:
    base = scores(5)
    better = base + 0.05 + np.random.default_rng(6).normal(0, 0.01, base.size)
    result = paired_test(better, base, samples=1000, seed=0)
    assert result.difference == pytest.approx(float((better - base).mean()))
    assert result.p_value < 0.01
    assert result.low > 0


def test_paired_test_on_noise_is_not_significant() -> None:
    a = scores(7)
    b = a[np.random.default_rng(8).permutation(a.size)]  # same values, shuffled across documents
    result = paired_test(a, b, samples=1000, seed=0)
    assert result.p_value > 0.2
    with pytest.raises(ValueError, match="same documents"):
        paired_test(a, b[:-1])


def test_ratio_statistics_bootstrap_summed_confusions() -> None:
    rng = np.random.default_rng(9)
    stack = rng.integers(0, 6, size=(30, 6, 6))
    present = np.ones(6, bool)
    intervals = bootstrap_many(stack, lambda sums, n: line_metrics(sums, LABELS, present), samples=300, seed=1)
    exact = line_metrics(stack.sum(axis=0), LABELS, present)
    for name in ("boilerplate_f1", "story_recall", "macro_f1", "accuracy"):
        assert intervals[name].estimate == pytest.approx(float(exact[name]))
        assert intervals[name].low <= intervals[name].estimate <= intervals[name].high


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=1, max_size=40),
       st.integers(min_value=0, max_value=2**31))
def test_interval_always_contains_the_mean(values: list[float], seed: int) -> None:
    interval = bootstrap(values, samples=100, seed=seed)
    assert interval.estimate == pytest.approx(float(np.mean(values)))
    assert interval.low <= interval.estimate <= interval.high
    assert min(values) - 1e-9 <= interval.low and interval.high <= max(values) + 1e-9
