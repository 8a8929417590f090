"""Score one output against its document: ROUGE and summary statistics, or a line confusion matrix.

>>> from newsml.types import Summary
>>> scorer = SummaryScorer(rouge_types=("rouge1",), novel_ngrams=(1,))
>>> doc = SummaryDocument("d", "Turkey and Russia agreed a truce. Talks went on.", ("Russia and Turkey agreed a truce.",))
>>> row = scorer.score(Summary(("Turkey and Russia agreed a truce.",), "lead"), doc)
>>> row["rouge1_f"], row["coverage"]
(100.0, 1.0)
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable, Sequence

import numpy as np

from newsml.evaluation.data import LinesDocument, SummaryDocument
from newsml.evaluation.line_metrics import confusion
from newsml.evaluation.rouge import ROUGE_TYPES, RougeScorer
from newsml.evaluation.summary_stats import SummaryStatistics
from newsml.types import Summary

ROUGE_PARTS: tuple[tuple[str, str], ...] = (("p", "precision"), ("r", "recall"), ("f", "fmeasure"))


class SummaryScorer:
    """ROUGE P/R/F (x 100, max over references by F1) and :class:`SummaryStatistics` of a summary."""

    def __init__(self, rouge_types: Sequence[str] = ROUGE_TYPES, stem: bool = True,
                 novel_ngrams: Sequence[int] = (1, 2, 3)):
        self.rouge = RougeScorer(rouge_types, stem=stem)
        self.statistics = SummaryStatistics(novel_ngrams)

    def rouge_keys(self) -> list[str]:
        """``rouge1_p``, ``rouge1_r``, ``rouge1_f``, ... in report order."""
        return [f"{t}_{short}" for t in self.rouge.rouge_types for short, _ in ROUGE_PARTS]

    def keys(self) -> list[str]:
        """Every key :meth:`score` returns."""
        return self.rouge_keys() + self.statistics.keys()

    def score(self, summary: Summary, document: SummaryDocument) -> dict[str, float]:
        """All metrics of ``summary`` for ``document`` (raises if the document has no reference)."""
        if not document.references:
            raise ValueError(f"document {document.id!r} has no reference summary")
        scores = self.rouge.score(summary.text, list(document.references))
        row = {f"{t}_{short}": 100.0 * getattr(scores[t], name)
               for t in self.rouge.rouge_types for short, name in ROUGE_PARTS}
        row.update(self.statistics.compute(document.article, summary.sentences))
        return row


def score_lines(labels: Sequence[str], document: LinesDocument, space: Sequence[str]) -> np.ndarray:
    """The confusion matrix (gold x predicted, in ``space``) of one document's predicted line labels."""
    return confusion(document.labels, labels, space)


_WORKER_SCORER: SummaryScorer | None = None


def _score_pair(pair: tuple[Summary, SummaryDocument]) -> tuple[dict[str, float] | None, str | None]:
    assert _WORKER_SCORER is not None
    try:
        return _WORKER_SCORER.score(*pair), None
    except Exception as error:  # one document that cannot be scored must not stop the others
        return None, f"{type(error).__name__}: {error}"


def score_many(pairs: Sequence[tuple[Summary, SummaryDocument]], scorer: SummaryScorer, workers: int = 1,
               progress: Callable[[int], Any] | None = None) -> list[tuple[dict[str, float] | None, str | None]]:
    """Score many ``(summary, document)`` pairs, in ``workers`` processes where the platform can fork;
    returns ``(scores, None)`` or ``(None, error)`` per pair, in order (the same numbers either way).

    >>> doc = SummaryDocument("d", "A b c.", ("A b c.",))
    >>> score_many([(Summary(("A b c.",), "x"), doc)], SummaryScorer(("rouge1",)))[0][0]["rouge1_f"]
    100.0
    """
    global _WORKER_SCORER
    _WORKER_SCORER = scorer
    results: list[tuple[dict[str, float] | None, str | None]] = []
    if workers > 1 and len(pairs) > 2 * workers and "fork" in multiprocessing.get_all_start_methods():
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for result in pool.map(_score_pair, pairs, chunksize=8):
                results.append(result)
                if progress:
                    progress(1)
        return results
    for pair in pairs:
        results.append(_score_pair(pair))
        if progress:
            progress(1)
    return results
