"""External baselines with the line-classifier interface: jusText and the C4 line rules.

Both are binary: a line is ``story`` (kept) or ``other`` (removed). They take the same lines frame as
newsml's classifiers (:mod:`newsml.cleaning.frame`), so they are scored on exactly the same lines.

>>> from newsml.cleaning.frame import lines_frame
>>> X = lines_frame([["Menu", "Turkey and Russia agreed a ceasefire deal on Thursday."]])
>>> list(C4Classifier().fit(X).predict(X))
['other', 'story']
"""

from __future__ import annotations

import html

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from newsml.cleaning.frame import check_frame, restore_order
from newsml.labels import LABELS

_TERMINAL = (".", "?", "!", '"', "\u201d", "'", "\u2019")


class _BinaryBaseline(ClassifierMixin, BaseEstimator):
    def fit(self, X, y=None):
        """Nothing to learn; sets ``classes_``."""
        check_frame(X)
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def predict(self, X) -> np.ndarray:
        """``story`` for kept lines, ``other`` for removed ones."""
        texts, starts, order = check_frame(X)
        keep = self._keep(texts, starts)
        return restore_order(np.where(keep, "story", "other").astype(object), order)

    def predict_proba(self, X) -> np.ndarray:
        """One-hot probabilities over :data:`LABELS` (story or other)."""
        labels = self.predict(X)
        proba = np.zeros((len(labels), len(LABELS)))
        proba[np.arange(len(labels)), [LABELS.index(label) for label in labels]] = 1.0
        return proba

    def _keep(self, texts: list[str], starts: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class C4Classifier(_BinaryBaseline):
    """The C4 line rules as the issue states them: keep a line that ends in ``. ? !`` or a quote and
    has at least ``min_words`` words (Raffel et al., 2020, section 2.2)."""

    def __init__(self, min_words: int = 5):
        self.min_words = min_words

    def _keep(self, texts: list[str], starts: np.ndarray) -> np.ndarray:
        return np.array([text.rstrip().endswith(_TERMINAL) and len(text.split()) >= self.min_words
                         for text in texts], dtype=bool)


class JusTextClassifier(_BinaryBaseline):
    """jusText (Pomikálek, 2011) on each document, every line wrapped in ``<p>``; good paragraphs are kept.

    Requires the ``justext`` package (in newsml's ``dev`` extra).
    """

    def __init__(self, language: str = "English"):
        self.language = language

    def _keep(self, texts: list[str], starts: np.ndarray) -> np.ndarray:
        import justext

        stoplist = justext.get_stoplist(self.language)
        keep = np.zeros(len(texts), dtype=bool)
        bounds = list(starts) + [len(texts)]
        for start, end in zip(bounds[:-1], bounds[1:]):
            page = "".join(f"<p>{html.escape(text)}</p>" for text in texts[start:end])
            paragraphs = justext.justext(f"<html><body>{page}</body></html>".encode("utf-8"), stoplist,
                                         encoding="utf-8")
            keep[start:end] = _align(texts[start:end], paragraphs)
        return keep


def _align(lines: list[str], paragraphs: list) -> np.ndarray:
    """Map jusText paragraphs back to lines by their normalised text, in order."""
    keep = np.zeros(len(lines), dtype=bool)
    cursor = 0
    for paragraph in paragraphs:
        target = " ".join(paragraph.text.split())
        for i in range(cursor, len(lines)):
            if " ".join(lines[i].split()) == target:
                keep[i] = not paragraph.is_boilerplate
                cursor = i + 1
                break
    return keep
