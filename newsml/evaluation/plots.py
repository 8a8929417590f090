"""Matplotlib figures of a run, as PNG bytes for embedding in the HTML report (Agg backend, no display).

>>> png = bar_chart({"lead": {"R-1": (40.0, 38.0, 42.0)}}, "ROUGE F1")
>>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import base64
import io
from typing import Mapping, Sequence

import numpy as np

LABEL_COLOURS: dict[str, str] = {
    "story": "#2e7d32", "heading": "#1565c0", "ad": "#c62828", "caption": "#ef6c00", "related": "#6a1b9a",
    "other": "#546e7a", "boilerplate": "#8d6e63",
}
"""One colour per line label, shared by the plots and the HTML report."""


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(figure)
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """``data:image/png;base64,...`` for an ``<img src>``."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def bar_chart(values: Mapping[str, Mapping[str, tuple[float, float, float]]], title: str,
              xlabel: str = "") -> bytes:
    """Grouped horizontal bars: ``values[system][metric] = (estimate, low, high)``, with interval whiskers."""
    plt = _pyplot()
    systems = list(values)
    metrics = list(dict.fromkeys(m for v in values.values() for m in v))
    height = 0.8 / max(1, len(metrics))
    figure, axes = plt.subplots(figsize=(7.5, 0.45 * len(systems) * max(1, len(metrics)) ** 0.5 + 1.2))
    for k, metric in enumerate(metrics):
        y = np.arange(len(systems)) + k * height
        triples = [values[s].get(metric, (np.nan, np.nan, np.nan)) for s in systems]
        estimates = np.array([t[0] for t in triples], dtype=float)
        errors = np.array([[t[0] - t[1] for t in triples], [t[2] - t[0] for t in triples]], dtype=float)
        axes.barh(y, estimates, height=height, xerr=errors, capsize=2, label=metric)
    axes.set_yticks(np.arange(len(systems)) + height * (len(metrics) - 1) / 2)
    axes.set_yticklabels(systems)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    if len(metrics) > 1:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def coverage_density(points: Mapping[str, tuple[Sequence[float], Sequence[float]]], title: str) -> bytes:
    """Extractive coverage (x) against density (y, log scale) per document, one colour per system
    (the Newsroom view of how extractive each system is)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6.5, 4.2))
    for system, (coverage, density) in points.items():
        axes.scatter(coverage, np.maximum(np.asarray(density, dtype=float), 0.1), s=12, alpha=0.6, label=system)
    axes.set_yscale("log")
    axes.set_xlim(0, 1.02)
    axes.set_xlabel("extractive fragment coverage")
    axes.set_ylabel("extractive fragment density (log)")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="x-small")
    return _png(figure)


def confusion_matrices(matrices: Mapping[str, Sequence[Sequence[int]]], labels: Sequence[str], title: str) -> bytes:
    """Row-normalised confusion matrices (gold rows, predicted columns), one panel per system."""
    plt = _pyplot()
    count = max(1, len(matrices))
    figure, axes_list = plt.subplots(1, count, figsize=(3.4 * count + 0.6, 3.4), squeeze=False)
    for axes, (system, matrix) in zip(axes_list[0], matrices.items()):
        counts = np.asarray(matrix, dtype=float)
        totals = counts.sum(axis=1, keepdims=True)
        shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
        axes.imshow(shares, vmin=0, vmax=1, cmap="Blues")
        for i in range(len(labels)):
            for j in range(len(labels)):
                axes.text(j, i, f"{int(counts[i, j])}", ha="center", va="center", fontsize=7,
                          color="white" if shares[i, j] > 0.6 else "black")
        axes.set_xticks(range(len(labels)))
        axes.set_xticklabels(labels, rotation=60, fontsize=7)
        axes.set_yticks(range(len(labels)))
        axes.set_yticklabels(labels, fontsize=7)
        axes.set_xlabel("predicted", fontsize=8)
        axes.set_ylabel("gold", fontsize=8)
        axes.set_title(system, fontsize=9)
    figure.suptitle(title, fontsize=10)
    return _png(figure)
