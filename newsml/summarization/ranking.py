"""Extractive summarisers that score sentences, then pick the best ones to meet the length spec.

:class:`RankingSummarizer` turns per-sentence scores into a :class:`~newsml.types.Summary`: sentences are
ranked best first (ties go to the earlier sentence, a good default for news), optionally with
redundancy control, and whole sentences are added until the :class:`~newsml.summarization.length.Length`
is met, so a budget is never met by cutting a sentence.

>>> import numpy as np
>>> from newsml.summarization.length import Length
>>> rank_order(np.array([0.2, 0.9, 0.2, 0.5]))
[1, 3, 0, 2]
>>> select([1, 3, 0, 2], Length.parse("12w"), [5, 8, 6, 4])
[1, 3]
>>> grams = [trigrams(s) for s in ["the cat sat down", "a cat sat down here", "dogs bark"]]
>>> select([0, 1, 2], Length.parse(2), [4, 5, 2], blocked=trigram_blocker(grams))
[0, 2]
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, Callable, Sequence

import numpy as np

from newsml._threads import single_threaded
from newsml.summarization.base import Document, Summarizer
from newsml.summarization.length import Length
from newsml.types import Summary

Blocked = Callable[[int, Sequence[int]], bool]


def rank_order(scores: np.ndarray) -> list[int]:
    """Indices of ``scores`` from best to worst; equal scores keep document order."""
    return _best_first(scores).tolist()


def _best_first(scores: np.ndarray) -> np.ndarray:
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def select(ranked: Sequence[int], length: Length, word_counts: Sequence[int],
           blocked: Blocked | None = None) -> list[int]:
    """Pick indices from ``ranked`` (best first) to meet ``length``; returns them in document order.

    A word budget adds whole sentences in rank order while the total stays within the budget (the best
    sentence is always taken). ``blocked(i, chosen)`` says that sentence i is redundant with those
    already chosen: it is skipped, and with a sentence count it is used only if too few others remain.
    """
    ranked = list(ranked)
    if blocked is None:
        return length.select_by_rank(ranked, list(word_counts))
    chosen: list[int] = []
    if length.kind == "words":
        total = 0
        for index in ranked:
            if chosen and (total + word_counts[index] > length.value or blocked(index, chosen)):
                continue
            chosen.append(index)
            total += int(word_counts[index])
        return sorted(chosen)
    count = length.sentence_count(len(word_counts))
    deferred: list[int] = []
    for index in ranked:
        if len(chosen) == count:
            break
        if chosen and blocked(index, chosen):
            deferred.append(index)
        else:
            chosen.append(index)
    chosen.extend(deferred[: count - len(chosen)])
    return sorted(chosen)


def trigrams(sentence: str) -> frozenset[tuple[str, ...]]:
    """The lower-cased word trigrams of a sentence (for trigram blocking)."""
    from newsml.text import words

    tokens = [word.lower() for word in words(sentence)]
    return frozenset(zip(tokens, tokens[1:], tokens[2:]))


def trigram_blocker(grams: Sequence[frozenset]) -> Blocked:
    """Trigram blocking (Paulus et al., 2018): a sentence sharing a trigram with the summary is redundant."""

    def blocked(index: int, chosen: Sequence[int]) -> bool:
        return any(grams[index] & grams[other] for other in chosen)

    return blocked


def mmr_order(scores: np.ndarray, similarity: Any, weight: float = 0.7, top: int = 50) -> list[int]:
    """Maximal marginal relevance order: greedily take ``weight * score - (1 - weight) * max_sim(chosen)``.

    ``similarity`` is a (sparse or dense) sentence similarity matrix; ``scores`` are rescaled to [0, 1].
    Only the ``top`` best-scored sentences are reordered (the rest follow by score), so the cost stays
    linear in the number of sentences.
    """
    ranked = rank_order(scores)
    head, tail = ranked[:top], ranked[top:]
    if len(head) < 2:
        return ranked
    values = np.asarray(scores, dtype=np.float64)[head]
    spread = values.max() - values.min()
    values = (values - values.min()) / spread if spread > 0 else np.zeros_like(values)
    sim = similarity[head][:, head]
    sim = sim.toarray() if hasattr(sim, "toarray") else np.asarray(sim)
    order: list[int] = []
    max_sim = np.zeros(len(head))
    available = np.ones(len(head), dtype=bool)
    for _ in range(len(head)):
        gain = np.where(available, weight * values - (1.0 - weight) * max_sim, -np.inf)
        best = int(np.argmax(gain))
        order.append(best)
        available[best] = False
        max_sim = np.maximum(max_sim, sim[best])
    return [head[i] for i in order] + tail


class RankingSummarizer(Summarizer):
    """A summariser that scores every candidate sentence; subclasses implement :meth:`score_sentences`."""

    @abstractmethod
    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(scores, word_counts)`` of the candidate sentences (higher score = better)."""

    def rank(self, document: Document, scores: np.ndarray) -> list[int]:
        """Order candidates best first; a score of ``-inf`` means "never pick" (left out)."""
        scores = np.asarray(scores, dtype=np.float64)
        order = _best_first(scores)  # rank_order's order, filtered as an array
        return order[scores[order] != -np.inf].tolist()

    def blocker(self, document: Document) -> Blocked | None:
        """A redundancy test for :func:`select`, or ``None`` (the default)."""
        return None

    def summarize_document(self, document: Document, length: Length) -> Summary:
        """Score, rank and select whole sentences of ``document`` to meet ``length``."""
        if len(document) == 0:
            return self._extractive_summary(document, [], length)
        with single_threaded("blas"):
            scores, word_counts = self.score_sentences(document)
        ranked = self.rank(document, scores)
        chosen = select(ranked, length, word_counts, self.blocker(document))
        return self._extractive_summary(document, chosen, length, **self.summary_info(document))

    def summary_info(self, document: Document) -> dict[str, Any]:
        """Extra ``Summary.info`` entries (none by default)."""
        return {}
