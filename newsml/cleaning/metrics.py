"""Binary scores of a line classifier per source, and its scores at a matched story recall.

The metric definitions live in :mod:`newsml.evaluation.line_metrics` (one implementation for the
harness, the training report and ``eval/classifier_report.py``); this module only adapts them.

>>> scores = binary_scores(["story", "ad", "boilerplate"], ["story", "story", "other"])
>>> scores["boilerplate_recall"], scores["story_recall"]
(0.5, 1.0)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from newsml.evaluation.line_metrics import confusion, label_space, line_metrics
from newsml.labels import KEEP


def binary_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Boilerplate precision/recall/F1 (removed lines are the positive class) and story recall."""
    gold, predicted = list(gold), list(predicted)
    space = label_space(gold)
    scores = line_metrics(confusion(gold, predicted, space), space)
    return {
        "lines": len(gold),
        "boilerplate_share": float(np.mean([label not in KEEP for label in gold])) if gold else 0.0,
        "boilerplate_precision": float(scores["boilerplate_p"]),
        "boilerplate_recall": float(scores["boilerplate_r"]),
        "boilerplate_f1": float(scores["boilerplate_f1"]),
        "story_recall": float(scores["story_recall"]),
    }


def best_f1_at_story_recall(keep_score: np.ndarray, gold: Sequence[str], min_story_recall: float) -> dict[str, float]:
    """Binary scores at the strictest cut of ``keep_score`` whose story recall is at least ``min_story_recall``.

    A line is kept when its score reaches the cut. This is a point on the classifier's operating curve
    (for comparing with a system at matched story recall), not a threshold to ship.

    >>> best_f1_at_story_recall(np.array([0.9, 0.2, 0.6]), ["story", "ad", "story"], 1.0)["boilerplate_f1"]
    1.0
    """
    keep_score = np.asarray(keep_score, dtype=np.float64)
    gold = np.asarray(list(gold), dtype=object)
    is_story = gold == "story"
    cut = story_recall_threshold(keep_score, is_story, min_story_recall) if is_story.any() else np.inf
    predicted = np.where(keep_score >= cut, "story", "other")  # binary scoring: any removed label counts alike
    return binary_scores(list(gold), list(predicted))


def story_recall_threshold(keep_proba: np.ndarray, is_story: np.ndarray, target: float) -> float:
    """The largest keep threshold whose story recall on these lines is at least ``target``.

    >>> story_recall_threshold(np.array([0.9, 0.2, 0.6, 0.1]), np.array([True, False, True, True]), 0.6)
    0.6
    """
    story_scores = np.sort(np.asarray(keep_proba, dtype=np.float64)[np.asarray(is_story, dtype=bool)])
    if len(story_scores) == 0:
        return 1.0
    allowed_misses = int(np.floor((1 - target) * len(story_scores) + 1e-9))
    return float(story_scores[allowed_misses])
