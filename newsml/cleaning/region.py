"""Article-region features: where a line sits relative to the lines a first model is confident are story.

On a whole web page the story is one region between menus, share bars, teasers and footers. A line's own
keep probability misses that: a short line inside the article and the same line in the footer look alike.
:func:`region_features` describes each line by the first-stage keep probabilities around it (its
neighbours, windows of 5, 11 and 21 lines, the highest before and after it, and how many confident lines
lie above and below), so a second model can learn the shape of the article region. Everything is
computed within documents, in bulk, with no Python loop over lines.

>>> import numpy as np
>>> keep = np.array([0.1, 0.9, 0.8, 0.2, 0.95, 0.1, 0.1])
>>> X = region_features(keep, [0])  # one document of seven lines
>>> X.shape == (7, len(REGION_FEATURE_NAMES))
True
>>> X[:, REGION_FEATURE_NAMES.index("inside@0.5")].tolist()  # lines with confident lines above and below
[0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0]
"""

from __future__ import annotations

import numpy as np

from newsml.cleaning.features import shift_within_documents
from newsml.cleaning.frame import doc_index

_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (2, 5, 10)
_CONFIDENT = (0.5, 0.9)
REGION_FEATURE_NAMES: tuple[str, ...] = (
    "keep", "keep_logit", *(f"keep@{offset:+d}" for offset in _OFFSETS),
    *(f"{stat}±{k}" for k in _WINDOWS for stat in ("mean", "max")),
    *(f"{name}@{level}" for level in _CONFIDENT for name in ("log_before", "log_after", "inside", "doc_share")),
    "max_before", "max_after",
)
"""Column names of :func:`region_features`."""


def region_features(keep: np.ndarray, starts: np.ndarray | list[int]) -> np.ndarray:
    """Features of each line from the keep probabilities of the lines of its document.

    ``keep`` holds first-stage keep probabilities in reading order and ``starts`` the rows where each
    document begins (as :func:`~newsml.cleaning.frame.check_frame` gives them). Returns a ``len(keep)`` x
    ``len(REGION_FEATURE_NAMES)`` matrix.
    """
    keep = np.asarray(keep, dtype=np.float64)
    n = len(keep)
    if n == 0:
        return np.zeros((0, len(REGION_FEATURE_NAMES)))
    first = np.asarray(starts, dtype=np.int64)
    doc = doc_index(first, n)
    lengths = np.diff(np.append(first, n))
    doc_first = np.repeat(first, lengths)
    doc_last = doc_first + np.repeat(lengths, lengths) - 1
    index = np.arange(n)
    clipped = np.clip(keep, 1e-6, 1 - 1e-6)
    columns = [keep, np.log(clipped / (1 - clipped))]
    columns += [shift_within_documents(keep, offset, doc, fill=-1.0) for offset in _OFFSETS]
    running_sum = np.concatenate([[0.0], np.cumsum(keep)])
    window_max = keep.copy()
    reached = 0
    for k in _WINDOWS:
        lo, hi = np.maximum(index - k, doc_first), np.minimum(index + k, doc_last)
        columns.append((running_sum[hi + 1] - running_sum[lo]) / (hi - lo + 1))
        for offset in range(reached + 1, k + 1):
            for signed in (offset, -offset):
                window_max = np.maximum(window_max, shift_within_documents(keep, signed, doc, fill=0.0))
        reached = k
        columns.append(window_max.copy())
    for level in _CONFIDENT:
        confident = (keep >= level).astype(np.float64)
        running = np.concatenate([[0.0], np.cumsum(confident)])
        before = running[index] - running[doc_first]
        after = running[doc_last + 1] - running[index + 1]
        share = (running[doc_last + 1] - running[doc_first]) / (doc_last - doc_first + 1)
        columns += [np.log1p(before), np.log1p(after), ((before > 0) & (after > 0)).astype(np.float64), share]
    rank = np.repeat(np.arange(len(first), dtype=np.float64), lengths) * 2.0  # keeps documents apart in a running max
    columns.append(np.maximum.accumulate(keep + rank) - rank)
    reverse_rank = rank[::-1].max() - rank[::-1]
    columns.append((np.maximum.accumulate(keep[::-1] + reverse_rank) - reverse_rank)[::-1])
    return np.column_stack(columns)
