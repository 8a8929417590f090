"""Line-classifier metrics from a confusion matrix: per-class P/R/F1, binary boilerplate F1, story recall.

Gold labels come in two granularities. A dataset labelled with the six newsml labels is scored in the
**fine** space (:data:`newsml.labels.LABELS`); a dataset whose gold uses the coarse ``boilerplate`` label
anywhere (binary data: story / heading / boilerplate, possibly refined in part by hand labels) is scored
in the **coarse** space, where the four boilerplate labels (ad, caption, related, other), gold or
predicted, count as ``boilerplate``. Binary metrics are the same in
both: a line is *kept* (story, heading) or *boilerplate* (everything else).

* ``boilerplate_p/r/f1``: precision, recall and F1 of the boilerplate class in the binary view.
* ``story_recall``: the share of gold ``story`` lines the classifier keeps (labels story or heading):
  story text that cleaning would not lose.
* ``accuracy``, ``macro_f1`` (over classes present in the gold or the predictions) and per-class
  ``<label>_p/r/f1`` in the dataset's space. A ratio with a zero denominator is 0 (as scikit-learn's
  ``zero_division=0``).

Every function accepts stacked confusion matrices (shape ``(..., k, k)``), so the bootstrap computes a
metric for all its resamples at once.

>>> space = label_space(["story", "boilerplate"])
>>> m = confusion(["story", "story", "boilerplate", "heading"], ["story", "ad", "caption", "heading"], space)
>>> m.tolist()
[[1, 0, 1], [0, 1, 0], [0, 0, 1]]
>>> scores = line_metrics(m, space)
>>> round(float(scores["boilerplate_f1"]), 3), float(scores["story_recall"])
(0.667, 0.5)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from newsml.labels import COARSE_BOILERPLATE, KEEP, LABELS

COARSE: tuple[str, ...] = ("story", "heading", COARSE_BOILERPLATE)
"""The label space of binary gold data."""

HEADLINE_METRICS: tuple[str, ...] = ("boilerplate_f1", "story_recall", "macro_f1", "accuracy")
"""The metrics shown in the results table and compared between systems."""


def label_space(gold_labels: Sequence[str]) -> tuple[str, ...]:
    """The fine six-label space if every gold label is a newsml label, else the coarse space."""
    return LABELS if set(gold_labels) <= set(LABELS) else COARSE


def to_space(label: str, space: Sequence[str]) -> str:
    """Map a predicted label into ``space`` (boilerplate kinds become ``boilerplate`` in the coarse space).

    >>> to_space("caption", COARSE), to_space("caption", LABELS)
    ('boilerplate', 'caption')
    """
    if label in space:
        return label
    if tuple(space) == COARSE and label in LABELS:
        return COARSE_BOILERPLATE
    raise ValueError(f"label {label!r} cannot be scored in the label space {list(space)}; "
                     f"predicted labels must be one of {list(space)}")


def confusion(gold: Sequence[str], predicted: Sequence[str], space: Sequence[str]) -> np.ndarray:
    """The ``k x k`` confusion matrix: rows are gold labels, columns predicted labels, in ``space`` order."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted labels")
    index = {label: i for i, label in enumerate(space)}
    matrix = np.zeros((len(space), len(space)), dtype=np.int64)
    for g, p in zip(gold, predicted):
        try:
            row = index[to_space(g, space)]
        except ValueError:
            raise ValueError(f"gold label {g!r} is not in the label space {list(space)}") from None
        matrix[row, index[to_space(p, space)]] += 1
    return matrix


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)


def _f1(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    return _ratio(2 * precision * recall, precision + recall)


def line_metrics(matrix: np.ndarray, space: Sequence[str], present: Sequence[bool] | None = None) -> dict[str, np.ndarray]:
    """Every metric of the confusion matrix (or stack of matrices) ``matrix`` in ``space``.

    ``present`` marks the classes averaged by ``macro_f1``; by default those with gold or predicted lines.
    """
    matrix = np.asarray(matrix, dtype=float)
    diagonal = np.diagonal(matrix, axis1=-2, axis2=-1)
    gold_totals = matrix.sum(axis=-1)
    predicted_totals = matrix.sum(axis=-2)
    precision = _ratio(diagonal, predicted_totals)
    recall = _ratio(diagonal, gold_totals)
    f1 = _f1(precision, recall)
    if present is None:
        present = (gold_totals + predicted_totals).reshape(-1, len(space)).sum(axis=0) > 0
    mask = np.asarray(present, dtype=bool)
    result: dict[str, np.ndarray] = {
        "accuracy": _ratio(diagonal.sum(axis=-1), matrix.sum(axis=(-2, -1))),
        "macro_f1": f1[..., mask].mean(axis=-1) if mask.any() else np.zeros(matrix.shape[:-2]),
    }
    keep = np.array([label in KEEP for label in space])
    boiler = ~keep
    true_boiler = matrix[..., boiler, :][..., :, boiler].sum(axis=(-2, -1))
    predicted_boiler = matrix[..., :, boiler].sum(axis=(-2, -1))
    gold_boiler = matrix[..., boiler, :].sum(axis=(-2, -1))
    result["boilerplate_p"] = _ratio(true_boiler, predicted_boiler)
    result["boilerplate_r"] = _ratio(true_boiler, gold_boiler)
    result["boilerplate_f1"] = _f1(result["boilerplate_p"], result["boilerplate_r"])
    story = list(space).index("story")
    result["story_recall"] = _ratio(matrix[..., story, :][..., keep].sum(axis=-1), gold_totals[..., story])
    for i, label in enumerate(space):
        result[f"{label}_p"] = precision[..., i]
        result[f"{label}_r"] = recall[..., i]
        result[f"{label}_f1"] = f1[..., i]
    return result


def metric_names(space: Sequence[str]) -> list[str]:
    """The keys :func:`line_metrics` returns for ``space``, in report order."""
    names = ["boilerplate_f1", "boilerplate_p", "boilerplate_r", "story_recall", "accuracy", "macro_f1"]
    return names + [f"{label}_{m}" for label in space for m in ("p", "r", "f1")]
