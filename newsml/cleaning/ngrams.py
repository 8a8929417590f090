"""Hashed word n-gram counts of many lines at once: the text features of the line classifier.

The lines are joined, lower-cased and turned into one array of code points, digits mapped to ``0`` (so
"1 of 4" and "3 of 18" share n-grams). A token is a maximal run of word characters (ASCII letters,
digits and ``_``, and every code point from U+0080 up except spaces and punctuation blocks), so no
token crosses a line. Each token is hashed with a polynomial hash computed from prefix sums over the
whole array, and longer n-grams mix their tokens' hashes with integer arithmetic: no Python object is
made per token. The result is a sparse ``lines x n_features`` count matrix, like scikit-learn's
``HashingVectorizer`` with ``alternate_sign=False`` and ``norm=None``, in a few milliseconds per
thousand lines. Hashes are stable across runs and machines.

>>> counts, stop = hashed_ngrams(["Read more: the 3 best", "Advertisement"], n_features=2**10,
...                               ngram_range=(1, 2), stop_words=frozenset({"the"}))
>>> counts.shape, int(counts[0].sum()), int(counts[1].sum()), stop.tolist()
((2, 1024), 9, 1, [1.0, 0.0])
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp

_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 2**64)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio): spreads combined hashes
_NON_WORD_RANGES = ((0x80, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x206F), (0x2190, 0x2BFF),
                    (0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20))
"""Code points from U+0080 up that are not word characters: Latin-1 symbols, general punctuation,
arrows and shapes, CJK and full-width punctuation."""


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** i`` modulo 2**64 for i < n."""
    powers = np.full(max(n, 1), np.uint64(base), dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers, dtype=np.uint64)[:n]


@lru_cache(maxsize=4)
def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    return _powers(_BASE, n), _powers(_BASE_INVERSE, n)


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """Whether each code point of the Basic Multilingual Plane is a word character; index ``min(cp, 0xFFFF)``
    (every code point above the BMP is one, and so is U+FFFF)."""
    cp = np.arange(0x10000)
    table = (((cp >= 97) & (cp <= 122)) | ((cp >= 48) & (cp <= 57)) | (cp == 95) | ((cp >= 65) & (cp <= 90))
             | (cp >= 0x80))
    for low, high in _NON_WORD_RANGES:
        table[low:high + 1] = False
    return table


def _word_mask(cp: np.ndarray) -> np.ndarray:
    return _word_table()[np.minimum(cp, 0xFFFF)]


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a ``uint32`` array (read-only: a view of the encoded bytes)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _tokens(code_points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash, start and end offset of every token of lower-cased text given as ``code_points`` (digits
    hash as ``0``)."""
    word = _word_mask(code_points)  # digits are word characters, before and after they become "0"
    cp = code_points.astype(np.uint64)
    cp[(cp >= 49) & (cp <= 57)] = 48
    edges = np.diff(np.concatenate([[False], word, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    size = max(len(cp), 1) + 1
    size = 1 << (size - 1).bit_length()  # power-of-two table sizes keep the cache small and reusable
    powers, inverse = _power_tables(size)
    prefix = np.concatenate([np.zeros(1, dtype=np.uint64), np.cumsum(cp * powers[:len(cp)], dtype=np.uint64)])
    hashes = (prefix[ends] - prefix[starts]) * inverse[starts]
    hashes ^= hashes >> np.uint64(29)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(32)
    return hashes, starts, ends


@lru_cache(maxsize=8)
def _stop_hashes(stop_words: frozenset[str]) -> np.ndarray:
    return np.unique(_tokens(_code_points(" ".join(sorted(stop_words)).lower()))[0])


def hashed_ngrams(texts: list[str], n_features: int, ngram_range: tuple[int, int] = (1, 2),
                  stop_words: frozenset[str] = frozenset()) -> tuple[sp.csr_matrix, np.ndarray]:
    """Hashed n-gram counts of each line (``float32`` CSR) and the number of stop-word tokens in each line."""
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(f"ngram_range must be (low, high) with 1 <= low <= high, not {ngram_range!r}")
    n = len(texts)
    # lower() may change a line's length, so lines are found again in the lower-cased text
    joined = "\n".join(text.replace("\n", " ") for text in texts).lower()
    code_points = _code_points(joined)
    hashes, starts, _ = _tokens(code_points)
    line_starts = np.flatnonzero(code_points == 10) + 1
    line_of = np.searchsorted(line_starts, starts, side="right")
    stop_counts = np.zeros(n)
    if stop_words and len(hashes):
        stops = _stop_hashes(stop_words)  # sorted: a binary search per token is faster than np.isin
        is_stop = stops[np.minimum(np.searchsorted(stops, hashes), len(stops) - 1)] == hashes
        stop_counts = np.bincount(line_of[is_stop], minlength=n).astype(np.float64)

    rows, columns = [], []
    combined, valid = hashes.copy(), np.ones(len(hashes), dtype=bool)
    for size in range(1, high + 1):
        if size > 1:  # the n-gram at token i: the (n-1)-gram at i mixed with token i+n-1, on one line
            combined = combined[:-1] * _MIX + hashes[size - 1:]
            valid = valid[:-1] & (line_of[:len(combined)] == line_of[size - 1:])
        if size >= low:
            rows.append(line_of[:len(combined)][valid])
            columns.append((combined[valid] % np.uint64(n_features)).astype(np.int64))
    rows_, columns_ = np.concatenate(rows), np.concatenate(columns)
    counts = sp.csr_matrix((np.ones(len(rows_), dtype=np.float32), (rows_, columns_)), shape=(n, n_features))
    counts.sum_duplicates()
    return counts, stop_counts
