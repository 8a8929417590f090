"""Per-sentence features of the supervised summariser, computed in one vectorised pass per article.

Features describe where a sentence is (position in the article and in its paragraph), how long it is,
how central it is (LexRank and TextRank scores, mean similarity to the other sentences, similarity to
the article centroid), how close it is to the headline, and a few surface cues (digits, quotes, a
question, capitalised words). :data:`FEATURE_NAMES` fixes their order (the model file records it).

>>> from newsml.summarization.base import Document
>>> doc = Document.from_text("Russia and Turkey agreed a truce. It starts at midnight. Markets were calm.", clean=False)
>>> table = sentence_features(doc)
>>> table.values.shape == (3, len(FEATURE_NAMES))
True
>>> table.column("is_first").tolist()
[1.0, 0.0, 0.0]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsml.summarization.base import Document
from newsml.summarization.terms import Matrix, SentenceTerms, cosine_similarity, idf, tfidf
from newsml.text import DEFAULT_TOKENIZER, Tokenizer

FEATURE_NAMES: tuple[str, ...] = (
    "pos_inv", "pos_rel", "is_first", "is_second", "is_third", "in_lead3", "log_pos",
    "para_inv", "para_rel", "first_in_para", "log_n",
    "log_words", "words_rel", "short", "long",
    "lexrank", "textrank", "degree", "first_sim", "lead_sim", "centroid_sim",
    "headline_sim", "headline_overlap", "has_headline",
    "lexrank_rank_inv", "centroid_rank_inv", "headline_rank_inv", "tf_score",
    "digits", "quote", "question", "caps_ratio", "content_ratio", "no_terminal",
)
"""The feature columns, in order."""

_QUOTES = re.compile("[\"\u201c\u201d\u00ab\u00bb]")
_TERMINAL = re.compile("[.!?\u2026\"'\u201d\u2019)]$")


@dataclass(frozen=True)
class FeatureTable:
    """A sentences x features matrix plus what selection needs again (word counts, similarities)."""

    values: np.ndarray
    word_counts: np.ndarray
    similarity: Matrix

    def column(self, name: str) -> np.ndarray:
        """One feature column by name."""
        return self.values[:, FEATURE_NAMES.index(name)]


def _rank_inverse(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(len(scores))
    return 1.0 / (ranks + 1.0)


def _cosine_to(vectors: Matrix, target: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(target)
    if norm == 0:
        return np.zeros(vectors.shape[0])
    return np.asarray(vectors @ (target / norm)).ravel()


CENTRALITY_LEXRANK = {"variant": "continuous", "threshold": 0.0, "idf": "smooth", "self_loops": False}
"""The LexRank graph of the ``lexrank`` feature (continuous, no self-loops)."""

CENTRALITY_TEXTRANK = {"similarity": "overlap", "overlap": "types", "self_loops": False}
"""The TextRank graph of the ``textrank`` feature (the paper's overlap, no self-loops)."""


def sentence_features(document: Document, tokenizer: Tokenizer = DEFAULT_TOKENIZER) -> FeatureTable:
    """The :data:`FEATURE_NAMES` features of every candidate sentence of ``document``."""
    from newsml.summarization.graph import LexRankSummarizer, TextRankSummarizer, pagerank

    sentences = document.sentences
    n = len(sentences)
    if n == 0:
        return FeatureTable(np.zeros((0, len(FEATURE_NAMES))), np.zeros(0, dtype=np.int64), np.zeros((0, 0)))
    terms = SentenceTerms.build(sentences, tokenizer)
    vectors = tfidf(terms)
    similarity = cosine_similarity(vectors)
    words = terms.word_counts.astype(np.float64)
    index = np.arange(n, dtype=np.float64)

    paragraphs = np.asarray(document.paragraphs)
    _, para_rank = np.unique(paragraphs, return_inverse=True)
    n_paragraphs = para_rank.max() + 1
    first_in_para = np.r_[True, paragraphs[1:] != paragraphs[:-1]]

    if n > 1:
        # the shipped model was trained on these exact graphs: pinned, independent of the methods' defaults
        lexrank = pagerank(LexRankSummarizer(**CENTRALITY_LEXRANK).graph(terms)) * n
        textrank = pagerank(TextRankSummarizer(**CENTRALITY_TEXTRANK).graph(terms)) * n
        degree = (np.asarray(similarity.sum(axis=1)).ravel() - similarity.diagonal()) / (n - 1)
    else:
        lexrank = textrank = np.ones(1)
        degree = np.zeros(1)
    lead_block = similarity[:, : min(n, 3)]
    lead_block = lead_block.toarray() if hasattr(lead_block, "toarray") else np.asarray(lead_block)
    centroid = np.asarray(vectors.sum(axis=0)).ravel()
    centroid_sim = _cosine_to(vectors, centroid)

    headline_sim = np.zeros(n)
    headline_overlap = np.zeros(n)
    if document.headline:
        head = SentenceTerms.build([document.headline], tokenizer)
        head_vector = np.zeros(len(terms.vocabulary))
        weights = idf(terms)
        for stem in head.vocabulary:
            if stem in terms.vocabulary:
                head_vector[terms.vocabulary[stem]] = weights[terms.vocabulary[stem]]
        headline_sim = _cosine_to(vectors, head_vector)
        if head.vocabulary:
            present = terms.binary() @ (head_vector > 0).astype(np.float64)
            headline_overlap = np.asarray(present).ravel() / len(head.vocabulary)

    content = terms.content_lengths()
    doc_tf = np.asarray(terms.counts.sum(axis=0)).ravel()
    doc_tf = doc_tf / max(doc_tf.sum(), 1.0)
    tf_score = np.asarray(terms.binary() @ doc_tf).ravel() / np.maximum(np.diff(_indptr(terms)), 1.0) * 100

    caps = np.array([_caps_ratio(tokenizer.to_words(s)) for s in sentences])
    columns = {
        "pos_inv": 1.0 / (index + 1.0),
        "pos_rel": index / max(n - 1, 1),
        "is_first": (index == 0).astype(np.float64),
        "is_second": (index == 1).astype(np.float64),
        "is_third": (index == 2).astype(np.float64),
        "in_lead3": (index < 3).astype(np.float64),
        "log_pos": np.log1p(index),
        "para_inv": 1.0 / (para_rank + 1.0),
        "para_rel": para_rank / max(n_paragraphs - 1, 1),
        "first_in_para": first_in_para.astype(np.float64),
        "log_n": np.full(n, np.log(n)),
        "log_words": np.log1p(words),
        "words_rel": words / max(words.mean(), 1.0),
        "short": (words < 6).astype(np.float64),
        "long": (words > 40).astype(np.float64),
        "lexrank": lexrank,
        "textrank": textrank,
        "degree": degree,
        "first_sim": lead_block[:, 0],
        "lead_sim": lead_block.mean(axis=1),
        "centroid_sim": centroid_sim,
        "headline_sim": headline_sim,
        "headline_overlap": headline_overlap,
        "has_headline": np.full(n, 1.0 if document.headline else 0.0),
        "lexrank_rank_inv": _rank_inverse(lexrank),
        "centroid_rank_inv": _rank_inverse(centroid_sim),
        "headline_rank_inv": _rank_inverse(headline_sim) if document.headline else np.zeros(n),
        "tf_score": tf_score,
        "digits": np.array([any(c.isdigit() for c in s) for s in sentences], dtype=np.float64),
        "quote": np.array([bool(_QUOTES.search(s)) for s in sentences], dtype=np.float64),
        "question": np.array([s.rstrip("\"'\u201d\u2019").endswith("?") for s in sentences], dtype=np.float64),
        "caps_ratio": caps,
        "content_ratio": content / np.maximum(words, 1.0),
        "no_terminal": np.array([not _TERMINAL.search(s) for s in sentences], dtype=np.float64),
    }
    values = np.column_stack([columns[name] for name in FEATURE_NAMES]).astype(np.float64)
    return FeatureTable(values, terms.word_counts, similarity)


def _indptr(terms: SentenceTerms) -> np.ndarray:
    """Row pointer of the distinct terms of each sentence (works for dense and sparse counts)."""
    distinct = (terms.counts > 0).sum(axis=1)
    return np.r_[0, np.cumsum(np.asarray(distinct).ravel())]


def _caps_ratio(tokens: tuple[str, ...] | list[str]) -> float:
    rest = [t for t in tokens[1:] if t[:1].isalpha()]
    return sum(t[:1].isupper() for t in rest) / len(rest) if rest else 0.0
