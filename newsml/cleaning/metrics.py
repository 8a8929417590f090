"""Scores of a line classifier against gold labels: binary (kept vs removed) and full taxonomy.

Gold labels may be ``"boilerplate"`` (kind unknown); such lines count in the binary scores only.

>>> scores = binary_scores(["story", "ad", "boilerplate"], ["story", "story", "other"])
>>> scores["boilerplate_recall"], scores["story_recall"]
(0.5, 1.0)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from newsml.labels import KEEP, LABELS


def _kept(labels: Sequence[str]) -> np.ndarray:
    return np.isin(np.asarray(labels, dtype=object), list(KEEP))


def binary_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Boilerplate precision/recall/F1 (positive class: removed lines) and story recall.

    ``story_recall`` is the fraction of gold ``story`` lines that are kept (as story or heading);
    ``kept_recall`` the same for story and heading lines together.
    """
    gold = np.asarray(gold, dtype=object)
    predicted = np.asarray(predicted, dtype=object)
    gold_removed, predicted_removed = ~_kept(gold), ~_kept(predicted)
    true_positive = float((gold_removed & predicted_removed).sum())
    precision = true_positive / predicted_removed.sum() if predicted_removed.any() else float("nan")
    recall = true_positive / gold_removed.sum() if gold_removed.any() else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    story = gold == "story"
    return {
        "lines": int(len(gold)),
        "boilerplate_share": float(gold_removed.mean()) if len(gold) else float("nan"),
        "boilerplate_precision": precision,
        "boilerplate_recall": recall,
        "boilerplate_f1": f1,
        "story_recall": float((~predicted_removed[story]).mean()) if story.any() else float("nan"),
        "kept_recall": float((~predicted_removed[~gold_removed]).mean()) if (~gold_removed).any() else float("nan"),
    }


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS) -> np.ndarray:
    """Confusion matrix (rows: gold, columns: predicted) over ``labels``; other gold labels are skipped."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for g, p in zip(gold, predicted):
        if g in index and p in index:
            matrix[index[g], index[p]] += 1
    return matrix


def per_class_scores(matrix: np.ndarray, labels: Sequence[str] = LABELS) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each label from a confusion matrix, plus the macro average."""
    scores = {}
    for i, label in enumerate(labels):
        tp = matrix[i, i]
        predicted, support = matrix[:, i].sum(), matrix[i].sum()
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"precision": float(precision), "recall": float(recall), "f1": float(f1),
                         "support": int(support)}
    present = [scores[label] for label in labels if scores[label]["support"]]
    scores["macro"] = {key: float(np.mean([s[key] for s in present])) if present else 0.0
                       for key in ("precision", "recall", "f1")}
    scores["macro"]["support"] = int(matrix.sum())
    return scores


def story_recall_threshold(keep_proba: np.ndarray, is_story: np.ndarray, target: float) -> float:
    """The largest keep threshold whose story recall on these lines is at least ``target``."""
    story_scores = np.sort(np.asarray(keep_proba)[np.asarray(is_story, dtype=bool)])
    if len(story_scores) == 0:
        return 1.0
    allowed_misses = int(np.floor((1 - target) * len(story_scores) + 1e-9))
    return float(story_scores[allowed_misses])
