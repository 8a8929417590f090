"""Sentence-term matrices shared by the graph and supervised summarisers (sparse, vectorised).

Words come from the injected :class:`~newsml.text.Tokenizer`; they are lower-cased, stop words (sumy's
list for the tokenizer's language) are dropped and the rest are stemmed with sumy's snowball
``Stemmer``, memoised. A language without a stop-word list or stemmer falls back to none (no stop
words, lower-casing only), so any text gets a defined result.

>>> terms = SentenceTerms.build(["Turkey and Russia agreed a truce.", "The truce starts at midnight."])
>>> terms.counts.shape[0], terms.word_counts.tolist()
(2, [6, 5])
>>> sorted(terms.vocabulary)
['agre', 'midnight', 'russia', 'start', 'truce', 'turkey']
>>> round(float(cosine_similarity(tfidf(terms))[0, 1]), 3)
0.171
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence, Union

import numpy as np
import scipy.sparse as sp

from newsml.errors import ConfigError
from newsml.text import DEFAULT_TOKENIZER, Tokenizer, words

DEFAULT_MAX_DF = 100
"""Terms found in more sentences than this are left out of sentence similarities (see :func:`cosine_similarity`)."""


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    """sumy's stop words for ``language`` (lower-case); empty when sumy has no list for it."""
    from sumy.utils import get_stop_words

    try:
        return frozenset(get_stop_words(language))
    except LookupError:
        return frozenset()


@lru_cache(maxsize=16)
def stemmer(language: str) -> Callable[[str], str]:
    """sumy's ``Stemmer(language)`` (nltk snowball for English, offline), memoised per word.

    Falls back to the identity for a language sumy cannot stem.
    """
    from sumy.nlp.stemmers import Stemmer

    try:
        stem = Stemmer(language)
    except LookupError:
        return _identity
    return lru_cache(maxsize=200_000)(stem)


def _identity(word: str) -> str:
    return word


class _TermMap:
    """The memo of token -> stemmed lower-case term (``""`` for a stop word) of one language."""

    def __init__(self, language: str):
        self.stops = stop_words(language)
        self.stem = stemmer(language)
        self.cache: dict[str, str] = {}

    def fill(self, token: str) -> str:
        """Compute (and remember, up to 500,000 tokens) the term of ``token``."""
        lower = token.lower()
        value = "" if lower in self.stops else self.stem(lower)
        if len(self.cache) < 500_000:
            self.cache[token] = value
        return value


@lru_cache(maxsize=16)
def _term_map(language: str) -> _TermMap:
    return _TermMap(language)


Matrix = Union[np.ndarray, sp.csr_matrix]

DENSE_MAX_CELLS = 400_000
"""Documents whose sentences x terms matrix has at most this many cells use dense numpy arrays (faster
for an article: scipy.sparse has a fixed cost per call); larger ones use CSR matrices. Both give the same
numbers."""


@dataclass(frozen=True)
class SentenceTerms:
    """Term counts of a list of sentences.

    ``counts`` (sentences x terms) holds stemmed content-word counts, as a dense array for an ordinary
    article and a CSR matrix for a long one (see :data:`DENSE_MAX_CELLS`); ``word_counts[i]`` is the
    number of word tokens of sentence i (stop words included: the unit of word budgets);
    ``vocabulary`` maps a stem to its column.
    """

    counts: Matrix
    word_counts: np.ndarray
    vocabulary: dict[str, int]

    @classmethod
    def build(cls, sentences: Sequence[str], tokenizer: Tokenizer = DEFAULT_TOKENIZER,
              dense: bool | None = None) -> "SentenceTerms":
        """Count the stemmed content words of each sentence (``dense=None``: choose by size)."""
        term_map = _term_map(getattr(tokenizer, "language", "english"))
        cache, fill = term_map.cache, term_map.fill
        # newsml's own Tokenizer.to_words is exactly segment.words; call it directly (hot path)
        to_words = words if type(tokenizer) is Tokenizer else tokenizer.to_words
        n = len(sentences)
        vocabulary: dict[str, int] = {}
        columns: list[int] = []
        lengths: list[int] = []
        word_counts = np.zeros(n, dtype=np.int64)
        for row, sentence in enumerate(sentences):
            tokens = to_words(sentence)
            word_counts[row] = len(tokens)
            before = len(columns)
            for token in tokens:  # inlined memo lookup: this loop is the hot path of every graph summariser
                stem = cache.get(token)
                if stem is None:
                    stem = fill(token)
                if stem:
                    columns.append(vocabulary.setdefault(stem, len(vocabulary)))
            lengths.append(len(columns) - before)
        v = len(vocabulary)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        cols = np.asarray(columns, dtype=np.int64)
        if dense is None:
            dense = n * v <= DENSE_MAX_CELLS
        if dense:
            counts: Matrix = np.bincount(rows * v + cols, minlength=n * v).reshape(n, v).astype(np.float64)
        else:
            counts = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n, v))
            counts.sum_duplicates()
        return cls(counts, word_counts, vocabulary)

    def __len__(self) -> int:
        return self.counts.shape[0]

    @property
    def dense(self) -> bool:
        """Whether ``counts`` is a dense array."""
        return isinstance(self.counts, np.ndarray)

    def document_frequency(self) -> np.ndarray:
        """In how many sentences each term occurs."""
        if self.dense:
            return (self.counts > 0).sum(axis=0)
        return np.bincount(self.counts.indices, minlength=self.counts.shape[1])

    def binary(self) -> Matrix:
        """The 0/1 version of ``counts`` (which terms each sentence has)."""
        if self.dense:
            return (self.counts > 0).astype(np.float64)
        matrix = self.counts.copy()
        matrix.data[:] = 1.0
        return matrix

    def content_lengths(self) -> np.ndarray:
        """The number of content-word tokens of each sentence (stop words excluded)."""
        return np.asarray(self.counts.sum(axis=1)).ravel()


IDF_KINDS = ("smooth", "plain", "sumy")
"""Inverse sentence frequencies :func:`idf` knows (n sentences, a term in df of them)."""


def idf(terms: SentenceTerms, kind: str = "smooth") -> np.ndarray:
    """Inverse sentence frequency of each term (every sentence is a "document").

    * ``"smooth"``: ``log((1 + n) / (1 + df)) + 1`` (scikit-learn's ``smooth_idf``; always positive);
    * ``"plain"``: ``log(n / df)`` (the textbook idf of Erkan & Radev's idf-modified cosine; 0 for a
      term found in every sentence);
    * ``"sumy"``: ``log(n / (1 + df))`` (sumy's LexRank; 0 for a term in n - 1 sentences, slightly
      negative for one in all n: the cosine uses idf squared, so only its magnitude counts).

    >>> terms = SentenceTerms.build(["Truce agreed.", "Truce holds.", "Markets calm."])
    >>> [round(float(v), 3) for v in idf(terms, "plain")]
    [0.405, 1.099, 1.099, 1.099, 1.099]
    """
    n = len(terms)
    df = terms.document_frequency().astype(np.float64)
    if kind == "smooth":
        return np.log((1.0 + n) / (1.0 + df)) + 1.0
    if kind == "plain":
        return np.log(n / np.maximum(df, 1.0))
    if kind == "sumy":
        return np.log(n / (1.0 + df))
    raise ConfigError(f"unknown idf {kind!r}; valid: {list(IDF_KINDS)}")


def tfidf(terms: SentenceTerms, idf_kind: str = "smooth", sublinear_tf: bool = False,
          normalize: bool = True) -> Matrix:
    """TF-IDF sentence vectors (rows), L2-normalised unless ``normalize=False``.

    ``idf_kind`` is one of :data:`IDF_KINDS`; ``sublinear_tf`` uses ``1 + log(tf)``, otherwise raw counts.
    (Dividing a sentence's counts by its largest count, as sumy's LexRank does, scales the whole vector and
    so changes no cosine.)
    """
    weights = idf(terms, idf_kind)
    if terms.dense:
        matrix = terms.counts.copy()
        if sublinear_tf:
            present = matrix > 0
            matrix[present] = 1.0 + np.log(matrix[present])
        matrix *= weights
    else:
        matrix = terms.counts.astype(np.float64, copy=True)
        if sublinear_tf and matrix.nnz:
            matrix.data = 1.0 + np.log(matrix.data)
        matrix.data *= weights[matrix.indices]
    return l2_normalize(matrix) if normalize else matrix


def l2_normalize(matrix: Matrix) -> Matrix:
    """Scale each row to unit length (all-zero rows stay zero)."""
    if isinstance(matrix, np.ndarray):
        norms = np.sqrt((matrix * matrix).sum(axis=1))
        norms[norms == 0] = 1.0
        return matrix / norms[:, None]
    matrix = sp.csr_matrix(matrix, copy=True)
    norms = np.sqrt(np.bincount(np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr)),
                                weights=matrix.data ** 2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
    return matrix


def frequent_terms_dropped(matrix: Matrix, max_df: int | None) -> Matrix:
    """``matrix`` with the columns (terms) that are non-zero in more than ``max_df`` rows set to zero.

    This bounds the cost of ``matrix @ matrix.T``: it is the sum over terms of df², at most
    ``max_df * nnz(matrix)`` once no term has df above ``max_df``, so it grows linearly with the
    number of sentences instead of quadratically. Rows are not re-normalised, so similarities computed
    from the result are lower bounds of the full ones.
    """
    if max_df is None or matrix.shape[0] <= max_df:
        return matrix
    if isinstance(matrix, np.ndarray):
        frequent = (matrix != 0).sum(axis=0) > max_df
        if not frequent.any():
            return matrix
        result = matrix.copy()
        result[:, frequent] = 0.0
        return result
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    if (df <= max_df).all():
        return matrix
    result = sp.csr_matrix(matrix, copy=True)
    result.data[df[result.indices] > max_df] = 0.0
    result.eliminate_zeros()
    return result


def cosine_similarity(vectors: Matrix, max_df: int | None = DEFAULT_MAX_DF) -> Matrix:
    """Cosine similarity of L2-normalised row vectors (sparse in time linear in the number of rows).

    Terms shared by more than ``max_df`` rows are left out of the product (see
    :func:`frequent_terms_dropped`); for documents of at most ``max_df`` sentences the result is exact.
    """
    reduced = frequent_terms_dropped(vectors, max_df)
    if isinstance(reduced, np.ndarray):
        return reduced @ reduced.T
    return sp.csr_matrix(reduced @ reduced.T)  # column indices unsorted within rows (sorting costs more than the product)
