"""Binary scores of a line classifier per source, and the story-recall threshold search used in training.

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


def story_recall_threshold(keep_proba: np.ndarray, is_story: np.ndarray, target: float) -> float:
    """The largest keep threshold whose story recall on these lines is at least ``target``."""
    story_scores = np.sort(np.asarray(keep_proba)[np.asarray(is_story, dtype=bool)])
    if len(story_scores) == 0:
        return 1.0
    allowed_misses = int(np.floor((1 - target) * len(story_scores) + 1e-9))
    return float(story_scores[allowed_misses])
