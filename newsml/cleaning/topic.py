"""Topic features: how much a line shares the vocabulary of its own document's story.

A table row, a product line or a recipe step inside an article looks like page chrome on its own ("Eat
every 2-3 hours", "Beachbody Performance Hydrate"), but it shares words with the story around it, while
menus, share bars and footers share little with any article. :func:`topic_features` scores each line
against the *story centroid* of its document: the sum of the document's lines' word n-grams, each line
weighted by how story-like the text model finds it, the line itself left out. Terms are weighted by
their inverse document frequency *within the document* (a term on every line, like a repeated menu
item or "the", says little). Everything is computed in bulk over the non-zeros of the n-gram matrix.

>>> import numpy as np, scipy.sparse as sp
>>> rows = [[1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0]]
>>> presence = sp.csr_matrix(np.array(rows, dtype=np.float32))
>>> X = topic_features(presence, np.array([0, 0, 0, 0]), np.array([0.9, 0.9, 0.1, 0.9]))
>>> X.shape == (4, len(TOPIC_FEATURE_NAMES))
True
>>> bool(X[0, 0] > X[2, 0])  # line 0 shares words with the story lines; line 2 shares none
True
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

TOPIC_FEATURE_NAMES: tuple[str, ...] = ("topic_similarity", "topic_overlap")
"""Columns of :func:`topic_features`: the cosine similarity of the line to its document's story centroid
(idf-weighted, the line left out), and the mean over the line's terms of the story weight of the other
lines of the document that contain the term (capped at 1 per term)."""


def topic_features(presence: sp.csr_matrix, doc: np.ndarray, story_weight: np.ndarray) -> np.ndarray:
    """Topic features of every line (rows of ``presence``, a binary lines x terms matrix).

    ``doc`` gives each row's document number (rows of a document are contiguous) and ``story_weight`` how
    story-like each line is (for example the text model's story probability).
    """
    n = presence.shape[0]
    if n == 0:
        return np.zeros((0, len(TOPIC_FEATURE_NAMES)))
    presence = presence.tocsr()
    rows = np.repeat(np.arange(n), np.diff(presence.indptr))
    weight = np.asarray(story_weight, dtype=np.float64)
    doc = np.asarray(doc, dtype=np.int64)
    keys = doc[rows] * np.int64(presence.shape[1]) + presence.indices.astype(np.int64)
    # term: the (document, term) pair of each non-zero
    unique_keys, term = np.unique(keys, return_inverse=True)
    lines_of_doc = np.bincount(doc).astype(np.float64)
    term_doc = unique_keys // np.int64(presence.shape[1])
    df = np.bincount(term, minlength=len(unique_keys)).astype(np.float64)
    idf2 = np.log((lines_of_doc[term_doc] + 1.0) / df) ** 2  # small for a term on most lines of its document
    w_row = weight[rows]
    mass = np.bincount(term, weights=w_row, minlength=len(unique_keys))  # story weight per (doc, term)
    centroid_norm2 = np.bincount(term_doc, weights=idf2 * mass**2, minlength=len(lines_of_doc))

    line_norm2 = np.bincount(rows, weights=idf2[term], minlength=n)
    line_dot = np.bincount(rows, weights=idf2[term] * mass[term], minlength=n)  # <line, centroid incl. self>
    dot = line_dot - weight * line_norm2
    other_norm2 = np.maximum(centroid_norm2[doc] - 2 * weight * line_dot + weight**2 * line_norm2, 0.0)
    norms = np.sqrt(line_norm2 * other_norm2)  # tested itself: two tiny positive norms can multiply to 0
    similarity = np.divide(dot, norms, out=np.zeros(n), where=norms > 0)
    terms = np.diff(presence.indptr).astype(np.float64)
    shared = np.bincount(rows, weights=np.clip(mass[term] - w_row, 0.0, 1.0), minlength=n)
    overlap = np.divide(shared, terms, out=np.zeros(n), where=terms > 0)
    return np.column_stack([np.clip(similarity, 0.0, 1.0), overlap])
