"""The input representation of the line classifiers: one row per line, grouped by document.

A classifier's ``X`` is a :class:`pandas.DataFrame` with columns

* ``doc``: the document id (any hashable); the rows of one document are consecutive;
* ``text``: the line text;
* ``group`` (optional): documents that share text or a site (the same article in two sources, pages
  of one site) share a group; ``LineClassifier`` keeps a group on one side of its internal
  out-of-fold split, so its text scores are honest. Without it, each document is its own group.
* ``kind`` (optional, for ``fit``): ``"page"`` for whole-page text or ``"residue"`` for extractor output;
  with both present, ``LineClassifier`` fits one expert per kind and a router (``split_by_kind``).
* ``position`` (optional): the line's index in its document. When present, rows are put in
  ``(doc, position)`` order before features are computed and the results are returned in the input
  order, so a row-shuffling splitter cannot scramble a document.

Cross-validate with a group splitter on ``doc`` (``GroupKFold``) so a document is never split.

>>> X = lines_frame([["Headline", "Body text."], ["Advertisement"]])
>>> X.to_dict("list")
{'doc': [0, 0, 1], 'position': [0, 1, 0], 'text': ['Headline', 'Body text.', 'Advertisement']}
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

REQUIRED = ("doc", "text")


def lines_frame(documents: Iterable[Sequence[str]], ids: Iterable | None = None) -> pd.DataFrame:
    """Build the classifier input from documents given as lists of line texts."""
    docs, positions, texts = [], [], []
    id_iter = iter(ids) if ids is not None else None
    for index, lines in enumerate(documents):
        doc_id = next(id_iter) if id_iter is not None else index
        for position, text in enumerate(lines):
            docs.append(doc_id)
            positions.append(position)
            texts.append(text)
    return pd.DataFrame({"doc": docs, "position": positions, "text": texts})


def check_frame(X: pd.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray | None]:
    """Validate ``X``; return the texts in reading order, document start rows, and the row order used.

    The third value is ``None`` when ``X`` is already in reading order, else the permutation applied.
    """
    if not isinstance(X, pd.DataFrame):
        raise TypeError(
            f"line classifiers take a pandas DataFrame with columns {list(REQUIRED)} (see newsml.cleaning.frame), "
            f"not {type(X).__name__}"
        )
    missing = [column for column in REQUIRED if column not in X.columns]
    if missing:
        raise ValueError(f"X is missing column(s) {missing}; required columns are {list(REQUIRED)}")
    order = None
    if "position" in X.columns:
        first_seen = pd.factorize(X["doc"])[0]
        keys = np.lexsort((X["position"].to_numpy(), first_seen))
        if not np.array_equal(keys, np.arange(len(X))):
            order = keys
    doc = X["doc"].to_numpy()
    texts = X["text"].to_numpy()
    if order is not None:
        doc, texts = doc[order], texts[order]
    texts = ["" if value is None else str(value) for value in texts]
    starts = doc_starts(doc)
    return texts, starts, order


def doc_starts(doc: np.ndarray) -> np.ndarray:
    """Row indices where a new document begins (consecutive equal ids form one document)."""
    if len(doc) == 0:
        return np.zeros(0, dtype=np.int64)
    codes = pd.factorize(doc)[0]
    change = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    return np.concatenate([[0], change]).astype(np.int64)


def doc_index(starts: np.ndarray | list[int], n_rows: int) -> np.ndarray:
    """The document number (0, 1, ...) of every row, from the document start rows."""
    index = np.zeros(n_rows, dtype=np.int64)
    index[np.asarray(starts, dtype=np.int64)[1:]] = 1
    return np.cumsum(index)


def restore_order(values: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """Undo the reading-order permutation of :func:`check_frame` on per-row results."""
    if order is None:
        return values
    out = np.empty_like(values)
    out[order] = values
    return out
