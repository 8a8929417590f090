"""Statistics of a summary against its article: length, compression, abstractiveness, redundancy.

* **Extractive fragments, coverage and density** follow Grusky et al. (2018, *Newsroom*): the summary is
  covered greedily by the longest shared token sequences with the article; *coverage* is the share of
  summary tokens inside a fragment, *density* the mean squared fragment length per summary token (the
  average length of the copied run a summary token belongs to).
* **Novel n-grams** (See et al., 2017): the share of the summary's n-gram occurrences that never occur in
  the article.
* **Redundancy** (Bommasani and Cardie, 2020): the mean ROUGE-L F1 between every pair of summary
  sentences, x 100 (0 for a one-sentence summary).
* **Compression**: article words / summary words.

Tokens are newsml's lower-cased word tokens (:meth:`newsml.text.Tokenizer.tokenize`, unstemmed).

>>> article = "the cat sat on the mat today".split()
>>> summary = "the cat sat on a mat".split()
>>> [list(f) for f in fragments(article, summary)]
[['the', 'cat', 'sat', 'on'], ['mat']]
>>> coverage(article, summary), density(article, summary)
(0.8333333333333334, 2.8333333333333335)
"""

from __future__ import annotations

from itertools import combinations
from typing import Sequence

from newsml.text import Tokenizer

_TOKENS = Tokenizer(stem=False)


def fragments(article: Sequence[str], summary: Sequence[str]) -> list[tuple[str, ...]]:
    """The greedy extractive fragments of ``summary`` in ``article`` (Grusky et al., Algorithm 1).

    As in the Newsroom reference code, the scan of the article resumes after each matched run, so a
    longer match that starts inside an earlier run is not seen (kept for comparable numbers).
    """
    found: list[tuple[str, ...]] = []
    positions: dict[str, list[int]] = {}
    for j, token in enumerate(article):
        positions.setdefault(token, []).append(j)
    i = 0
    while i < len(summary):
        best, resume = 0, 0
        for j in positions.get(summary[i], ()):
            if j < resume:  # the reference implementation resumes its scan after each matched run
                continue
            k = 0
            while i + k < len(summary) and j + k < len(article) and summary[i + k] == article[j + k]:
                k += 1
            best, resume = max(best, k), j + k
        if best:
            found.append(tuple(summary[i:i + best]))
            i += best
        else:
            i += 1
    return found


def coverage(article: Sequence[str], summary: Sequence[str]) -> float:
    """Share of summary tokens that lie in an extractive fragment (0 for an empty summary)."""
    if not summary:
        return 0.0
    return sum(len(f) for f in fragments(article, summary)) / len(summary)


def density(article: Sequence[str], summary: Sequence[str]) -> float:
    """Sum of squared fragment lengths over summary length (0 for an empty summary)."""
    if not summary:
        return 0.0
    return sum(len(f) ** 2 for f in fragments(article, summary)) / len(summary)


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    """Every n-gram occurrence of ``tokens``, in order.

    >>> ngrams(["a", "b", "c"], 2)
    [('a', 'b'), ('b', 'c')]
    """
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def novel_ngram_rate(article: Sequence[str], summary: Sequence[str], n: int) -> float:
    """Share of the summary's n-gram occurrences absent from the article (0 if it has none).

    >>> novel_ngram_rate("a b c d".split(), "a b x".split(), 1), novel_ngram_rate("a b c d".split(), "a b x".split(), 2)
    (0.3333333333333333, 0.5)
    """
    grams = ngrams(summary, n)
    if not grams:
        return 0.0
    source = set(ngrams(article, n))
    return sum(1 for gram in grams if gram not in source) / len(grams)


def redundancy(sentences: Sequence[str], scorer: object | None = None) -> float:
    """Mean pairwise ROUGE-L F1 (x 100) between the summary's sentences; 0 for fewer than two.

    >>> redundancy(["The cat sat.", "The cat sat."]), redundancy(["The cat sat.", "Dogs bark loudly."])
    (100.0, 0.0)
    """
    pairs = list(combinations(sentences, 2))
    if not pairs:
        return 0.0
    if scorer is None:
        from rouge_score import rouge_scorer

        scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=_TOKENS)
    total = sum(scorer.score(a, b)["rougeL"].fmeasure for a, b in pairs)  # type: ignore[attr-defined]
    return 100.0 * total / len(pairs)


class SummaryStatistics:
    """Compute every statistic of one summary; keys are stable names used in results and reports.

    >>> stats = SummaryStatistics(novel_ngrams=(1, 2))
    >>> row = stats.compute("The cat sat on the mat. It was happy.", ["The cat sat on a mat."])
    >>> row["words"], row["sentences"], row["compression"], row["coverage"], row["novel_1"]
    (6, 1, 1.5, 0.8333333333333334, 0.16666666666666666)
    """

    def __init__(self, novel_ngrams: Sequence[int] = (1, 2, 3), tokenizer: Tokenizer | None = None):
        from rouge_score import rouge_scorer

        self.novel_ngrams = tuple(novel_ngrams)
        self.tokenizer = tokenizer if tokenizer is not None else _TOKENS
        self._rouge_l = rouge_scorer.RougeScorer(["rougeL"], tokenizer=self.tokenizer)

    def keys(self) -> list[str]:
        """The names :meth:`compute` returns, in report order."""
        return ["words", "sentences", "compression", "coverage", "density",
                *[f"novel_{n}" for n in self.novel_ngrams], "redundancy"]

    def compute(self, article: str, sentences: Sequence[str]) -> dict[str, float]:
        """Statistics of the summary made of ``sentences`` against ``article``."""
        article_tokens = self.tokenizer.tokenize(article)
        summary_tokens = [t for sentence in sentences for t in self.tokenizer.tokenize(sentence)]
        words = len(summary_tokens)
        row: dict[str, float] = {
            "words": words,
            "sentences": len(sentences),
            "compression": len(article_tokens) / words if words else 0.0,
            "coverage": coverage(article_tokens, summary_tokens),
            "density": density(article_tokens, summary_tokens),
        }
        for n in self.novel_ngrams:
            row[f"novel_{n}"] = novel_ngram_rate(article_tokens, summary_tokens, n)
        row["redundancy"] = redundancy(sentences, self._rouge_l)
        return row
