"""``RuleClassifier``: the transparent rule baseline every learned model must beat.

The rules, applied in order to each line of a document:

1. a cue phrase of a boilerplate family (:mod:`newsml.cleaning.cues`) gives that label
   ("Advertisement" -> ad, "WATCH ABOVE:" -> caption, "READ MORE:" -> related, "Share this" -> other);
2. a line repeated within two lines of itself is a video/photo title (caption) when it has four or
   more words, else navigation (other);
3. a bulleted line without terminal punctuation is a teaser list item (related);
4. prose (terminal punctuation and at least five words) is story;
5. the first short unpunctuated line before any prose is the headline (heading);
6. any other line without terminal punctuation is other; the rest is story.

>>> from newsml.cleaning.frame import lines_frame
>>> X = lines_frame([["Advertisement", "Ceasefire agreed", "Turkey and Russia agreed a ceasefire on Thursday."]])
>>> list(RuleClassifier().fit(X, ["ad", "heading", "story"]).predict(X))
['ad', 'heading', 'story']
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from newsml.cleaning.cues import BULLET, TERMINAL, cue_families
from newsml.cleaning.frame import check_frame, restore_order
from newsml.cleaning.model import labels_from_proba
from newsml.labels import LABELS


class RuleClassifier(ClassifierMixin, BaseEstimator):
    """Cue phrases, bullets, terminal punctuation and repetition; nothing is learned.

    Parameters
    ----------
    min_prose_words:
        A line with terminal punctuation and at least this many words is story.
    confidence:
        Probability given to the chosen label in ``predict_proba`` (the rest is spread evenly).
    """

    def __init__(self, min_prose_words: int = 5, confidence: float = 0.9):
        self.min_prose_words = min_prose_words
        self.confidence = confidence

    def fit(self, X, y=None) -> "RuleClassifier":
        """Nothing to learn; validates ``X`` and sets ``classes_``."""
        check_frame(X)
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def predict(self, X) -> np.ndarray:
        """The rule label of every row of ``X``."""
        return self.predict_with_proba(X)[0]

    def predict_with_proba(self, X) -> tuple[np.ndarray, np.ndarray]:
        """Labels and probabilities in one pass."""
        proba = self.predict_proba(X)
        return labels_from_proba(proba, 0.5), proba

    def predict_proba(self, X) -> np.ndarray:
        """One-hot rule decisions, softened to ``confidence``."""
        check_is_fitted(self, "classes_")
        texts, starts, order = check_frame(X)
        labels = []
        bounds = list(starts) + [len(texts)]
        for start, end in zip(bounds[:-1], bounds[1:]):
            labels.extend(self._label_document(texts[start:end]))
        proba = np.full((len(texts), len(LABELS)), (1 - self.confidence) / (len(LABELS) - 1))
        proba[np.arange(len(texts)), [LABELS.index(label) for label in labels]] = self.confidence
        return restore_order(proba, order)

    def _label_document(self, texts: list[str]) -> list[str]:
        keys = [" ".join(text.lower().split()) for text in texts]
        labels = []
        seen_prose = False
        for i, text in enumerate(texts):
            n_words = len(text.split())
            terminal = bool(TERMINAL.search(text))
            cue = next(iter(cue_families(text)), None)
            repeated = any(0 <= j < len(texts) and j != i and keys[j] == keys[i] for j in range(i - 2, i + 3))
            if cue:
                label = cue
            elif repeated:
                label = "caption" if n_words >= 4 else "other"
            elif BULLET.match(text) and not terminal:
                label = "related"
            elif terminal and n_words >= self.min_prose_words:
                label = "story"
            elif not seen_prose and not terminal and 2 <= n_words <= 20 and "heading" not in labels:
                label = "heading"
            elif not terminal:
                label = "other"
            else:
                label = "story"
            seen_prose = seen_prose or label == "story"
            labels.append(label)
        return labels
