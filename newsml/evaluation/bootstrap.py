"""Seeded bootstrap over documents: confidence intervals and paired significance tests.

A metric is a per-document array ``X`` (``n`` documents, any trailing shape) and a statistic ``f`` of the
sum of rows (``f(X.sum(0), n)``): a mean is ``f(s, n) = s / n``, an F1 is computed from summed confusion
matrices. The point estimate is always the exact statistic of the data; the bootstrap resamples
*documents* with replacement (the same resamples for every system, given the seed and ``n``) and reports
the percentile interval.

The paired test (Koehn, 2004; Berg-Kirkpatrick et al., 2012) resamples the documents both systems
scored, and gives the two-sided p-value of the observed difference ``d``:
``(1 + #{|d* - d| >= |d|}) / (samples + 1)``, where ``d*`` is the difference on a resample.

>>> scores = [0.1, 0.4, 0.35, 0.8, 0.5]
>>> ci = bootstrap(scores, samples=200, seed=0)
>>> round(ci.estimate, 2), ci.low <= ci.estimate <= ci.high
(0.43, True)
>>> paired_test(scores, scores, samples=200, seed=0).p_value
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

Statistic = Callable[[np.ndarray, int], Any]
"""``f(sums, n)``: the statistic of summed per-document rows (vectorised over leading resample axes)."""


def mean_statistic(sums: np.ndarray, n: int) -> np.ndarray:
    """The mean: ``sums / n``."""
    return np.asarray(sums, dtype=float) / n


@dataclass(frozen=True)
class Interval:
    """A point estimate with its bootstrap confidence interval."""

    estimate: float
    low: float
    high: float
    confidence: float
    n: int

    def to_dict(self) -> dict[str, float]:
        """``{"mean", "low", "high", "confidence", "n"}``, the form stored in ``results.json``."""
        return {"mean": self.estimate, "low": self.low, "high": self.high, "confidence": self.confidence,
                "n": self.n}


@dataclass(frozen=True)
class PairedResult:
    """The difference ``a - b`` of a statistic, its interval and the two-sided p-value."""

    difference: float
    low: float
    high: float
    p_value: float
    n: int

    def to_dict(self) -> dict[str, float]:
        """A JSON-ready dict."""
        return {"difference": self.difference, "low": self.low, "high": self.high, "p_value": self.p_value,
                "n": self.n}


def resample_weights(n: int, samples: int, seed: int) -> np.ndarray:
    """How often each of ``n`` documents is drawn in each of ``samples`` resamples (``samples x n``).

    >>> resample_weights(3, 2, seed=1).sum(axis=1).tolist()
    [3, 3]
    """
    if n < 1:
        raise ValueError("the bootstrap needs at least one document")
    if samples < 1:
        raise ValueError(f"bootstrap samples must be >= 1, got {samples}")
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(samples, n))
    weights = np.zeros((samples, n), dtype=np.int64)
    np.add.at(weights, (np.arange(samples)[:, None], draws), 1)
    return weights


def _resampled(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    flat = values.reshape(values.shape[0], -1)
    return (weights @ flat).reshape((weights.shape[0],) + values.shape[1:])


def _percentiles(values: np.ndarray, confidence: float) -> tuple[float, float]:
    alpha = (1.0 - confidence) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return float(low), float(high)


def bootstrap(values: Sequence[Any] | np.ndarray, statistic: Statistic = mean_statistic, samples: int = 1000,
              confidence: float = 0.95, seed: int = 0) -> Interval:
    """The statistic of ``values`` (one row per document) with its seeded percentile interval."""
    data = np.asarray(values, dtype=float)
    n = data.shape[0] if data.ndim else 0
    if n == 0:
        raise ValueError("the bootstrap needs at least one document")
    estimate = float(statistic(data.sum(axis=0), n))
    resampled = np.asarray(statistic(_resampled(data, resample_weights(n, samples, seed)), n), dtype=float)
    low, high = _percentiles(resampled, confidence)
    return Interval(estimate, min(low, estimate), max(high, estimate), confidence, n)


def bootstrap_many(values: np.ndarray, statistic: Callable[[np.ndarray, int], dict[str, np.ndarray]],
                   samples: int = 1000, confidence: float = 0.95, seed: int = 0) -> dict[str, Interval]:
    """Like :func:`bootstrap` for a statistic that returns several named metrics from the same sums."""
    data = np.asarray(values, dtype=float)
    n = data.shape[0]
    if n == 0:
        raise ValueError("the bootstrap needs at least one document")
    exact = statistic(data.sum(axis=0), n)
    resampled = statistic(_resampled(data, resample_weights(n, samples, seed)), n)
    intervals = {}
    for name, value in exact.items():
        low, high = _percentiles(np.asarray(resampled[name], dtype=float), confidence)
        estimate = float(value)
        intervals[name] = Interval(estimate, min(low, estimate), max(high, estimate), confidence, n)
    return intervals


def paired_test(a: Sequence[Any] | np.ndarray, b: Sequence[Any] | np.ndarray,
                statistic: Statistic = mean_statistic, samples: int = 1000, confidence: float = 0.95,
                seed: int = 0) -> PairedResult:
    """Paired bootstrap test of ``statistic(a) - statistic(b)`` over the same documents (rows)."""
    first, second = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if first.shape != second.shape:
        raise ValueError(f"paired scores need the same documents: shapes {first.shape} and {second.shape}")
    n = first.shape[0] if first.ndim else 0
    if n == 0:
        raise ValueError("the paired bootstrap needs at least one document scored by both systems")
    observed = float(statistic(first.sum(axis=0), n)) - float(statistic(second.sum(axis=0), n))
    weights = resample_weights(n, samples, seed)
    deltas = (np.asarray(statistic(_resampled(first, weights), n), dtype=float)
              - np.asarray(statistic(_resampled(second, weights), n), dtype=float))
    extreme = int(np.count_nonzero(np.abs(deltas - observed) >= abs(observed) - 1e-12))
    low, high = _percentiles(deltas, confidence)
    return PairedResult(observed, low, high, (1 + extreme) / (samples + 1), n)
