"""``textrank`` and ``lexrank``: graph centrality of sentences, vectorised with numpy/scipy.

Both build a sparse sentence graph from :mod:`newsml.summarization.terms` and rank sentences by the
stationary distribution of a random walk on it (PageRank by power iteration, :func:`pagerank`).

* TextRank (Mihalcea & Tarau, 2004): edge weight = overlap of content words / (log |S_i| + log |S_j|)
  (``similarity="overlap"``; the overlap counts shared word tokens as sumy does, or shared word types
  as the paper), or the TF-IDF cosine (``similarity="cosine"``); no self-loops (``self_loops=True``
  keeps them, as sumy does); weighted PageRank with damping 0.85.
* LexRank (Erkan & Radev, 2004): idf-modified cosine of TF-IDF sentence vectors. ``variant="threshold"``
  links sentences whose cosine exceeds ``threshold`` (0/1 edges, degree-normalised);
  ``variant="continuous"`` weights each edge by its cosine.

Both graphs are symmetric. With ``damping < 1`` sentences are ranked by PageRank. With ``damping=1`` the
walk never jumps, and on a symmetric graph its stationary distribution is the weighted degree of each
sentence (:func:`degree_centrality`, computed in closed form): Erkan & Radev's "degree centrality"
(section 3.1 of the LexRank paper). sumy's LexRank, which iterates without damping and stops early, is
close to it.

The defaults were chosen on development data only (the split's train part), by
``eval/select_graph_defaults.py``; its table is in ``eval/results/graph_defaults_dev.md``.

Cost: the similarity is a sparse product ``X @ X.T`` whose cost is the sum over terms of df²; terms in
more than ``max_df`` sentences (``terms.DEFAULT_MAX_DF`` = 100) are left out of it, which bounds the cost
and the number of edges by ``max_df * nnz(X)``: linear in the number of sentences. Up to ``max_df``
sentences (nearly every real article) the graph is exact. Power iteration costs O(edges) per step.
Below that bound the number of pairs still grows faster than the sentences (on real text, Σ df² over the
kept terms: 12k pairs at 300 sentences, 427k at 3,000), so every step that touches the pairs is a single
vectorised pass over them (CSR masks; no COO round trip, no index sorting, no transposed copy).
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
    transposed = matrix.T  # a CSC view: W.T @ (p / out) is one O(edges) product, with no copy of W
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        following = transposed @ (p * inverse) + p[dangling].sum() / n
        new = damping * following + (1.0 - damping) / n
        new /= new.sum()
        if np.abs(new - p).sum() < tol:
            return new
        p = new
    return p


def degree_centrality(weights: Matrix) -> np.ndarray:
    """Each sentence's weighted degree, normalised to sum to 1 (uniform for a graph without edges).

    For a symmetric ``weights`` this is exactly the stationary distribution of the random walk without
    damping: with p_i = d_i / D and P_ij = W_ij / d_i, (p P)_j = sum_i W_ij / D = d_j / D. It is
    :func:`pagerank`'s limit as ``damping`` goes to 1, in one O(edges) pass.

    >>> degree_centrality(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])).tolist()
    [0.5, 0.25, 0.25]
    """
    n = weights.shape[0]
    degree = np.asarray(weights.sum(axis=1), dtype=np.float64).ravel()
    total = degree.sum()
    if total <= 0:  # no edges (or no sentences)
        return np.full(n, 1.0 / n) if n else np.zeros(0)
    return degree / total


SQUARING_MAX_SENTENCES = 64
"""Dense graphs up to this size run the power method by repeated squaring (see :func:`pagerank`)."""


def _dense_pagerank(matrix: np.ndarray, damping: float, tol: float, max_iter: int) -> np.ndarray:
    """The power method on the dense Google matrix ``G``: ``p <- G.T @ p``.

    For small graphs the iterates ``p_(2^k) = (G.T)^(2^k) p_0`` are computed by squaring ``G.T``
    (7 squarings = 128 steps), which costs a few matrix products instead of 100+ numpy calls.
    """
    n = matrix.shape[0]
    out = matrix.sum(axis=1)
    dangling = out <= 0
    rows = matrix / np.where(dangling, 1.0, out)[:, None]
    if dangling.any():
        rows[dangling] = 1.0 / n
    google_t = rows.T * damping
    google_t += (1.0 - damping) / n
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
    """``matrix`` without its diagonal: a dense array is changed in place (the graphs pass their own fresh
    similarity products), a sparse one is rebuilt without its diagonal and explicit zeros."""
    if isinstance(matrix, np.ndarray):
        np.fill_diagonal(matrix, 0.0)
        return matrix
    matrix = sp.csr_matrix(matrix)
    return _kept(matrix, (matrix.indices != _entry_rows(matrix)) & (matrix.data != 0))


def _entry_rows(matrix: sp.csr_matrix) -> np.ndarray:
    """The row of each stored entry of a CSR matrix."""
    return np.repeat(np.arange(matrix.shape[0], dtype=matrix.indices.dtype), np.diff(matrix.indptr))


def _kept(matrix: sp.csr_matrix, keep: np.ndarray, data: np.ndarray | None = None) -> sp.csr_matrix:
    """The stored entries of ``matrix`` where ``keep`` holds (with ``data`` as values if given), in O(entries).

    A CSR mask: no conversion to COO and back, no sorting.
    """
    counts = np.bincount(_entry_rows(matrix)[keep], minlength=matrix.shape[0])
    indptr = np.zeros(matrix.shape[0] + 1, dtype=matrix.indptr.dtype)
    np.cumsum(counts, out=indptr[1:])
    values = matrix.data[keep] if data is None else data
    return sp.csr_matrix((values, matrix.indices[keep], indptr), shape=matrix.shape)


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
        return self.centrality(self.graph(terms)), terms.word_counts

    def centrality(self, graph: Matrix) -> np.ndarray:
        """PageRank of ``graph`` (``damping < 1``), or its degree centrality (``damping == 1``: the walk
        without jumps, whose stationary distribution on these symmetric graphs is the degree)."""
        if self.damping == 1:
            return degree_centrality(graph)
        return pagerank(graph, self.damping, self.tol, self.max_iter)

    def _loops(self, matrix: Matrix) -> Matrix:
        """A fresh similarity ``matrix`` as the graph, self-loops removed unless ``self_loops`` (dense: in place)."""
        if not self.self_loops:
            return _without_diagonal(matrix)
        return matrix if isinstance(matrix, np.ndarray) else sp.csr_matrix(matrix)

    def _check(self) -> None:
        if not 0 <= self.damping <= 1:
            raise ConfigError(f"damping must be in [0, 1], got {self.damping}")
        if self.max_df is not None and self.max_df < 1:
            raise ConfigError(f"max_df must be a positive int or None, got {self.max_df}")


class TextRankSummarizer(_GraphSummarizer):
    """TextRank sentence extraction.

    Parameters
    ----------
    similarity:
        ``"overlap"`` (shared stemmed content words / (log |S_i| + log |S_j|), as in the paper) or
        ``"cosine"`` (TF-IDF cosine).
    overlap:
        How the overlap counts shared words: ``"types"`` (distinct words found in both sentences, the
        paper's |{w : w in S_i and w in S_j}|) or ``"tokens"`` (sum over words of count in S_i x count
        in S_j: sumy's count of the words of S_i found in S_j, repeats included).
    damping:
        Probability that the random walk follows an edge (0.85 in the paper and in sumy); 1 ranks by
        weighted degree (see :meth:`centrality`).
    self_loops:
        Keep each sentence's similarity with itself as an edge (the paper has none; sumy keeps them,
        which favours long sentences). ``overlap="tokens", self_loops=True`` is sumy's graph.
    max_df:
        Terms in more sentences than this are left out of the similarity (linear cost; ``None``: never).
    tol, max_iter:
        Power-iteration stopping rule.
    tokenizer:
        The newsml tokenizer (its ``language`` picks stop words and stemmer).
    """

    name = "textrank"
    SIMILARITIES = ("overlap", "cosine")
    OVERLAPS = ("types", "tokens")

    def __init__(self, similarity: str = "overlap", overlap: str = "tokens", damping: float = 0.85,
                 self_loops: bool = False, max_df: int | None = DEFAULT_MAX_DF, tol: float = 1e-8,
                 max_iter: int = 200, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.similarity = similarity
        self.overlap = overlap
        self.damping = damping
        self.self_loops = self_loops
        self.max_df = max_df
        self.tol = tol
        self.max_iter = max_iter
        self.tokenizer = tokenizer

    def graph(self, terms: SentenceTerms) -> Matrix:
        """The weighted sentence graph (self-loops only with ``self_loops=True``)."""
        if self.similarity == "cosine":
            return self._loops(cosine_similarity(tfidf(terms), self.max_df))
        if self.similarity != "overlap":
            raise ConfigError(f"unknown TextRank similarity {self.similarity!r}; valid: {list(self.SIMILARITIES)}")
        if self.overlap not in self.OVERLAPS:
            raise ConfigError(f"unknown TextRank overlap {self.overlap!r}; valid: {list(self.OVERLAPS)}")
        words = terms.binary() if self.overlap == "types" else terms.counts
        shared = frequent_terms_dropped(words, self.max_df)
        log_length = np.log(np.maximum(terms.content_lengths(), 1.0))
        if isinstance(shared, np.ndarray):
            overlap = shared @ shared.T  # a fresh array: divided in place
            norm = log_length[:, None] + log_length[None, :]
            np.divide(overlap, norm, out=overlap, where=norm > 0)  # norm 0: two one-word sentences
            return self._loops(overlap)
        overlap = sp.csr_matrix(shared @ shared.T)
        rows = _entry_rows(overlap)
        norm = log_length[rows] + log_length[overlap.indices]
        data = np.where(norm > 0, overlap.data / np.where(norm > 0, norm, 1.0), overlap.data)
        keep = data != 0
        if not self.self_loops:
            keep &= overlap.indices != rows
        return _kept(overlap, keep, data[keep])


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
    idf:
        The idf of the sentence vectors (tf is the raw count, as in the paper): ``"smooth"``
        (log((1 + N) / (1 + n_w)) + 1), ``"plain"`` (the paper's log(N / n_w)) or ``"sumy"``
        (log(N / (1 + n_w))); see :func:`~newsml.summarization.terms.idf`. sumy also divides each
        sentence's counts by its largest count, which scales the vector and changes no cosine.
    damping:
        Probability that the random walk follows an edge: the paper's 1 - d with d = 0.15 gives 0.85;
        1 (the default, no random jumps, as in sumy) ranks by degree centrality, the number of
        sentences each one is linked to (the continuous variant: the sum of its cosines), which is the
        stationary distribution of that walk (:func:`degree_centrality`).
    self_loops:
        Keep the edge of each sentence to itself (cosine 1; the paper's algorithm and sumy keep it).
        ``idf="sumy", self_loops=True`` is sumy's graph (sumy then runs the power method
        without damping and stops at a loose tolerance).
    max_df, tol, max_iter, tokenizer:
        As for :class:`TextRankSummarizer`.
    """

    name = "lexrank"
    VARIANTS = ("threshold", "continuous")

    def __init__(self, variant: str = "threshold", threshold: float = 0.1, idf: str = "smooth",
                 damping: float = 1.0, self_loops: bool = False, max_df: int | None = DEFAULT_MAX_DF,
                 tol: float = 1e-8, max_iter: int = 200, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.variant = variant
        self.threshold = threshold
        self.idf = idf
        self.damping = damping
        self.self_loops = self_loops
        self.max_df = max_df
        self.tol = tol
        self.max_iter = max_iter
        self.tokenizer = tokenizer

    def graph(self, terms: SentenceTerms) -> Matrix:
        """The sentence graph (self-loops only with ``self_loops=True``)."""
        if self.variant not in self.VARIANTS:
            raise ConfigError(f"unknown LexRank variant {self.variant!r}; valid: {list(self.VARIANTS)}")
        if not 0 <= self.threshold < 1:
            raise ConfigError(f"threshold must be in [0, 1), got {self.threshold}")
        similarity = cosine_similarity(tfidf(terms, self.idf), self.max_df)
        if isinstance(similarity, np.ndarray):
            similarity = self._loops(similarity)
            similarity[similarity <= self.threshold] = 0.0
            if self.variant == "threshold":
                similarity[similarity > 0] = 1.0
            return similarity
        # sparse: one pass over the stored pairs keeps those above the threshold (and off the diagonal)
        keep = similarity.data > self.threshold
        if not self.self_loops:
            keep &= similarity.indices != _entry_rows(similarity)
        data = np.ones(int(keep.sum())) if self.variant == "threshold" else None
        return _kept(similarity, keep, data)

    def summary_info(self, document: Document) -> dict[str, Any]:
        return {"variant": self.variant}
