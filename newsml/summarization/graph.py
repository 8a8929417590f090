"""``textrank`` and ``lexrank``: graph centrality of sentences, vectorised with numpy/scipy.

Both build a sparse sentence graph from :mod:`newsml.summarization.terms` and rank sentences by the
stationary distribution of a random walk on it (PageRank by power iteration, :func:`pagerank`).

* TextRank (Mihalcea & Tarau, 2004): edge weight = number of shared content words /
  (log |S_i| + log |S_j|) (``similarity="overlap"``), or the TF-IDF cosine (``similarity="cosine"``);
  no self-loops (``self_loops=True`` keeps them, as sumy does); weighted PageRank with damping 0.85.
* LexRank (Erkan & Radev, 2004): idf-modified cosine of TF-IDF sentence vectors. ``variant="threshold"``
  links sentences whose cosine exceeds ``threshold`` (0/1 edges, degree-normalised);
  ``variant="continuous"`` weights each edge by its cosine.

Cost: the similarity is a sparse product ``X @ X.T`` whose cost is the sum over terms of df²; terms in
more than ``max_df`` sentences (``terms.DEFAULT_MAX_DF`` = 100) are left out of it, which bounds the cost
and the number of edges by ``max_df * nnz(X)``: linear in the number of sentences. Up to ``max_df``
sentences (nearly every real article) the graph is exact. Power iteration costs O(edges) per step.
An ordinary article's matrices are small enough for dense numpy arrays (faster at that size: scipy.sparse
has a fixed cost per call), with the same numbers; long documents use CSR matrices.

>>> text = ("Russia and Turkey agreed a ceasefire in Idlib. The ceasefire in Idlib starts at midnight. "
...         "Markets were calm. Turkey and Russia will patrol a corridor in Idlib.")
>>> LexRankSummarizer().summarize(text, length=1, clean=False).sentences
('Russia and Turkey agreed a ceasefire in Idlib.',)
>>> TextRankSummarizer().summarize(text, length=1, clean=False).sentences
('Russia and Turkey agreed a ceasefire in Idlib.',)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from newsml.errors import ConfigError
from newsml.summarization.base import Document
from newsml.summarization.ranking import RankingSummarizer
from newsml.summarization.terms import (DEFAULT_MAX_DF, Matrix, SentenceTerms, cosine_similarity,
                                        frequent_terms_dropped, tfidf)
from newsml.text import DEFAULT_TOKENIZER, Tokenizer


def pagerank(weights: Matrix, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    """Stationary distribution of the random walk on a non-negative weighted graph (PageRank).

    Rows are normalised to transition probabilities; with probability ``1 - damping`` the walk jumps to
    a uniformly random sentence, and a sentence without edges jumps uniformly. Iterates until the L1
    change is below ``tol`` (or ``max_iter`` steps). ``weights`` is a dense array or a sparse matrix
    (then each step costs O(edges)). Returns a probability vector.

    >>> pagerank(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])).round(3).tolist()
    [0.486, 0.257, 0.257]
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    if isinstance(weights, np.ndarray):
        return _dense_pagerank(weights.astype(np.float64), damping, tol, max_iter)
    matrix = sp.csr_matrix(weights, dtype=np.float64)
    out = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out <= 0
    inverse = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    transition_t = sp.csr_matrix((sp.diags(inverse) @ matrix).T)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        following = transition_t @ p + p[dangling].sum() / n
        new = damping * following + (1.0 - damping) / n
        new /= new.sum()
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p


SQUARING_MAX_SENTENCES = 64
"""Dense graphs up to this size run the power method by repeated squaring (see :func:`pagerank`)."""


def _dense_pagerank(matrix: np.ndarray, damping: float, tol: float, max_iter: int) -> np.ndarray:
    """The power method on the dense Google matrix ``G``: ``p <- G.T @ p``.

    For small graphs the iterates ``p_(2^k) = (G.T)^(2^k) p_0`` are computed by squaring ``G.T``
    (7 squarings = 128 steps), which costs a few matrix products instead of 100+ numpy calls.
    """
    n = matrix.shape[0]
    out = matrix.sum(axis=1)
    rows = np.where(out[:, None] > 0, matrix / np.where(out > 0, out, 1.0)[:, None], 1.0 / n)
    google_t = (damping * rows + (1.0 - damping) / n).T
    p = np.full(n, 1.0 / n)
    if n <= SQUARING_MAX_SENTENCES:
        power, steps = google_t, 1
        while steps < max_iter:
            power = power @ power
            steps *= 2
            new = power @ p
            new /= new.sum()
            if np.abs(new - p).sum() < tol:
                return new
            p = new
        return p
    for _ in range(max_iter):
        new = google_t @ p
        new /= new.sum()
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p


def _without_diagonal(matrix: Matrix) -> Matrix:
    if isinstance(matrix, np.ndarray):
        result = matrix.copy()
        np.fill_diagonal(result, 0.0)
        return result
    coo = sp.coo_matrix(matrix)
    keep = (coo.row != coo.col) & (coo.data != 0)
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=coo.shape)


class _GraphSummarizer(RankingSummarizer):
    """Shared machinery: term matrix, graph, PageRank."""

    def graph(self, terms: SentenceTerms) -> Matrix:  # pragma: no cover - abstract
        raise NotImplementedError

    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """PageRank scores of the sentence graph, and the word count of each sentence."""
        self._check()
        terms = SentenceTerms.build(document.sentences, self.tokenizer)
        if len(terms) == 1:
            return np.ones(1), terms.word_counts
        return pagerank(self.graph(terms), self.damping, self.tol, self.max_iter), terms.word_counts

    def _loops(self, matrix: Matrix) -> Matrix:
        if not self.self_loops:
            return _without_diagonal(matrix)
        return matrix if isinstance(matrix, np.ndarray) else sp.csr_matrix(matrix)

    def _check(self) -> None:
        if not 0 <= self.damping < 1:
            raise ConfigError(f"damping must be in [0, 1), got {self.damping}")
        if self.max_df is not None and self.max_df < 1:
            raise ConfigError(f"max_df must be a positive int or None, got {self.max_df}")


class TextRankSummarizer(_GraphSummarizer):
    """TextRank sentence extraction.

    Parameters
    ----------
    similarity:
        ``"overlap"`` (shared stemmed content words / (log |S_i| + log |S_j|), as in the paper) or
        ``"cosine"`` (TF-IDF cosine).
    damping:
        Probability that the random walk follows an edge (0.85 in the paper).
    self_loops:
        Keep each sentence's similarity with itself as an edge (the paper has none; sumy keeps them,
        which favours long sentences: ``similarity="overlap"`` with self-loops ranks like sumy's TextRank
        up to its multiset word counts).
    max_df:
        Terms in more sentences than this are left out of the similarity (linear cost; ``None``: never).
    tol, max_iter:
        Power-iteration stopping rule.
    tokenizer:
        The newsml tokenizer (its ``language`` picks stop words and stemmer).
    """

    name = "textrank"
    SIMILARITIES = ("overlap", "cosine")

    def __init__(self, similarity: str = "overlap", damping: float = 0.85, self_loops: bool = False,
                 max_df: int | None = DEFAULT_MAX_DF, tol: float = 1e-8, max_iter: int = 200,
                 tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.similarity = similarity
        self.damping = damping
        self.self_loops = self_loops
        self.max_df = max_df
        self.tol = tol
        self.max_iter = max_iter
        self.tokenizer = tokenizer

    def graph(self, terms: SentenceTerms) -> sp.csr_matrix:
        """The weighted sentence graph (no self-loops)."""
        if self.similarity == "cosine":
            return self._loops(cosine_similarity(tfidf(terms), self.max_df))
        if self.similarity != "overlap":
            raise ConfigError(f"unknown TextRank similarity {self.similarity!r}; valid: {list(self.SIMILARITIES)}")
        shared = frequent_terms_dropped(terms.binary(), self.max_df)
        log_length = np.log(np.maximum(terms.content_lengths(), 1.0))
        if isinstance(shared, np.ndarray):
            overlap = shared @ shared.T
            norm = log_length[:, None] + log_length[None, :]
            return self._loops(np.where(norm > 0, overlap / np.where(norm > 0, norm, 1.0), overlap))
        overlap = sp.coo_matrix(shared @ shared.T)
        norm = log_length[overlap.row] + log_length[overlap.col]
        data = np.where(norm > 0, overlap.data / np.where(norm > 0, norm, 1.0), overlap.data)
        return self._loops(sp.csr_matrix((data, (overlap.row, overlap.col)), shape=overlap.shape))


class LexRankSummarizer(_GraphSummarizer):
    """LexRank sentence extraction.

    Parameters
    ----------
    variant:
        ``"threshold"`` (0/1 edges where the idf-modified cosine exceeds ``threshold``) or
        ``"continuous"`` (edges weighted by the cosine).
    threshold:
        Cosine threshold of the threshold variant (0.1 in the paper and in sumy); in the continuous
        variant, cosines at or below it are dropped too (set 0 to keep every edge).
    damping:
        Probability that the random walk follows an edge (the paper's 1 - d with d = 0.15).
    self_loops:
        Keep the edge of each sentence to itself (cosine 1; sumy keeps it, the default here does not).
    max_df, tol, max_iter, tokenizer:
        As for :class:`TextRankSummarizer`.
    """

    name = "lexrank"
    VARIANTS = ("threshold", "continuous")

    def __init__(self, variant: str = "threshold", threshold: float = 0.1, damping: float = 0.85,
                 self_loops: bool = False, max_df: int | None = DEFAULT_MAX_DF, tol: float = 1e-8,
                 max_iter: int = 200, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.variant = variant
        self.threshold = threshold
        self.damping = damping
        self.self_loops = self_loops
        self.max_df = max_df
        self.tol = tol
        self.max_iter = max_iter
        self.tokenizer = tokenizer

    def graph(self, terms: SentenceTerms) -> sp.csr_matrix:
        """The sentence graph (no self-loops)."""
        if self.variant not in self.VARIANTS:
            raise ConfigError(f"unknown LexRank variant {self.variant!r}; valid: {list(self.VARIANTS)}")
        if not 0 <= self.threshold < 1:
            raise ConfigError(f"threshold must be in [0, 1), got {self.threshold}")
        similarity = self._loops(cosine_similarity(tfidf(terms), self.max_df))
        values = similarity if isinstance(similarity, np.ndarray) else similarity.data
        values[values <= self.threshold] = 0.0
        if self.variant == "threshold":
            values[values > 0] = 1.0
        if not isinstance(similarity, np.ndarray):
            similarity.eliminate_zeros()
        return similarity

    def summary_info(self, document: Document) -> dict[str, Any]:
        return {"variant": self.variant}
