"""newsml's TextRank and LexRank: the maths against brute force, dense against sparse, linear-cost pruning."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from newsml.summarization.base import Document
from newsml.summarization.corpus import read_reference_set
from newsml.summarization.graph import LexRankSummarizer, TextRankSummarizer, degree_centrality, pagerank
from newsml.summarization.terms import (SentenceTerms, cosine_similarity, frequent_terms_dropped, idf, stemmer,
                                        stop_words, tfidf)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    text = read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[3].text
    return Document.from_text(text, clean=False).sentences


def _dense(matrix) -> np.ndarray:
    return matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix)


def _content_words(sentence: str) -> list[str]:
    from newsml.text import words

    stops, stem = stop_words("english"), stemmer("english")
    return [stem(w.lower()) for w in words(sentence) if w.lower() not in stops]


def test_pagerank_is_the_stationary_distribution():
    rng = np.random.default_rng(0)
    weights = rng.random((12, 12)) * (rng.random((12, 12)) < 0.4)
    weights[3] = 0.0  # a dangling sentence
    damping = 0.85
    rows = np.where(weights.sum(1, keepdims=True) > 0, weights / np.maximum(weights.sum(1, keepdims=True), 1e-300),
                    1 / 12)
    google = damping * rows + (1 - damping) / 12
    values, vectors = np.linalg.eig(google.T)
    expected = np.real(vectors[:, np.argmax(np.real(values))])
    expected /= expected.sum()
    for matrix in (weights, sp.csr_matrix(weights)):
        np.testing.assert_allclose(pagerank(matrix, damping), expected, atol=1e-7)
    big = np.kron(np.eye(8), weights)  # 96 sentences: the dense iterative path
    np.testing.assert_allclose(pagerank(big, damping), np.tile(expected, 8) / 8, atol=1e-7)


def test_pagerank_of_a_graph_without_edges_is_uniform():
    np.testing.assert_allclose(pagerank(np.zeros((4, 4))), 0.25)
    assert pagerank(np.zeros((0, 0))).shape == (0,)


def test_degree_centrality_is_the_undamped_walks_stationary_distribution():
    rng = np.random.default_rng(0)
    weights = rng.random((12, 12)) * (rng.random((12, 12)) < 0.4)
    weights = weights + weights.T  # LexRank's and TextRank's graphs are symmetric
    weights[3] = weights[:, 3] = 0.0  # a sentence without edges
    expected = weights.sum(axis=1) / weights.sum()
    for matrix in (weights, sp.csr_matrix(weights)):
        degree = degree_centrality(matrix)
        np.testing.assert_allclose(degree, expected)
        rows = weights / np.where(weights.sum(1, keepdims=True) > 0, weights.sum(1, keepdims=True), 1.0)
        np.testing.assert_allclose(degree @ rows, degree, atol=1e-15)  # stationary: p P = p
        np.testing.assert_allclose(pagerank(matrix, damping=1 - 1e-7, max_iter=5000, tol=1e-13), degree, atol=1e-6)
    np.testing.assert_allclose(degree_centrality(np.zeros((4, 4))), 0.25)
    assert degree_centrality(np.zeros((0, 0))).shape == (0,)


def test_lexrank_without_damping_ranks_sentences_by_degree(sentences):
    terms = SentenceTerms.build(sentences)
    for variant in ("threshold", "continuous"):
        damped, undamped = LexRankSummarizer(variant=variant, damping=0.85), LexRankSummarizer(variant=variant,
                                                                                              damping=1.0)
        graph = _dense(undamped.graph(terms))
        np.testing.assert_allclose(undamped.centrality(graph), graph.sum(axis=1) / graph.sum())
        np.testing.assert_allclose(damped.centrality(graph), pagerank(graph, 0.85))
    threshold = _dense(LexRankSummarizer().graph(terms))
    assert set(np.unique(threshold)) <= {0.0, 1.0}
    scores, _ = LexRankSummarizer().score_sentences(Document.from_text("\n".join(sentences), clean=False))
    np.testing.assert_allclose(scores, threshold.sum(axis=1) / threshold.sum())  # the default: degree


GRAPHS = [TextRankSummarizer(), TextRankSummarizer(overlap="types"), TextRankSummarizer(self_loops=True),
          TextRankSummarizer(similarity="cosine"), TextRankSummarizer(similarity="cosine", self_loops=True),
          LexRankSummarizer(), LexRankSummarizer(self_loops=True), LexRankSummarizer(idf="plain"),
          LexRankSummarizer(idf="sumy", self_loops=True), LexRankSummarizer(variant="continuous", threshold=0.0),
          LexRankSummarizer(variant="continuous", threshold=0.0, self_loops=True)]


def test_dense_and_sparse_term_matrices_give_the_same_graphs(sentences):
    dense = SentenceTerms.build(sentences, dense=True)
    sparse = SentenceTerms.build(sentences, dense=False)
    assert dense.dense and not sparse.dense
    np.testing.assert_array_equal(dense.counts, sparse.counts.toarray())
    for summarizer in GRAPHS:
        from_dense, from_sparse = summarizer.graph(dense), summarizer.graph(sparse)
        assert isinstance(from_dense, np.ndarray) and sp.issparse(from_sparse)
        np.testing.assert_allclose(_dense(from_dense), _dense(from_sparse), atol=1e-12)
        np.testing.assert_allclose(pagerank(from_dense), pagerank(from_sparse), atol=1e-7)  # both within tol
        assert from_sparse.nnz == np.count_nonzero(from_dense)  # no stored zeros


def test_textrank_overlap_matches_the_paper_formula(sentences):
    graph = _dense(TextRankSummarizer(overlap="types").graph(SentenceTerms.build(sentences)))
    tokens = [_content_words(s) for s in sentences]
    for i in range(len(sentences)):
        for j in range(len(sentences)):
            shared = len(set(tokens[i]) & set(tokens[j]))
            norm = math.log(max(len(tokens[i]), 1)) + math.log(max(len(tokens[j]), 1))
            expected = 0.0 if i == j else (shared / norm if norm > 0 else float(shared))
            assert graph[i, j] == pytest.approx(expected)


def _sumy_model(sentences):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    from newsml.text import Tokenizer

    return ObjectDocumentModel([Paragraph([Sentence(s, Tokenizer()) for s in sentences])])


@pytest.mark.parametrize("dense", [True, False])
def test_textrank_token_overlap_with_self_loops_is_sumys_graph(sentences, dense):
    from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRank

    sumy = SumyTextRank(stemmer("english"))
    sumy.stop_words = stop_words("english")
    words = [sumy._to_words_set(s) for s in _sumy_model(sentences).sentences]
    expected = np.array([[sumy._rate_sentences_edge(a, b) for b in words] for a in words])
    terms = SentenceTerms.build(sentences, dense=dense)
    np.testing.assert_allclose(_dense(TextRankSummarizer(overlap="tokens", self_loops=True).graph(terms)), expected,
                               rtol=1e-12)
    without = expected.copy()
    np.fill_diagonal(without, 0.0)
    np.testing.assert_allclose(_dense(TextRankSummarizer().graph(terms)), without, rtol=1e-12)  # the default


@pytest.mark.parametrize("dense", [True, False])
def test_lexrank_sumy_idf_with_self_loops_is_sumys_graph(sentences, dense):
    from sumy.summarizers.lex_rank import LexRankSummarizer as SumyLexRank

    sumy = SumyLexRank(stemmer("english"))
    sumy.stop_words = stop_words("english")
    words = [sumy._to_words_set(s) for s in _sumy_model(sentences).sentences]
    # sumy's degree-normalised 0/1 matrix (its tf is divided by each sentence's largest count: no cosine changes)
    expected = sumy._create_matrix(words, 0.1, sumy._compute_tf(words), sumy._compute_idf(words))
    graph = _dense(LexRankSummarizer(idf="sumy", self_loops=True).graph(SentenceTerms.build(sentences, dense=dense)))
    degree = graph.sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(graph / np.where(degree > 0, degree, 1.0), expected)


def test_idf_kinds():
    terms = SentenceTerms.build(["Truce agreed.", "Truce holds.", "Markets calm."])
    df = terms.document_frequency()
    np.testing.assert_allclose(idf(terms, "smooth"), np.log(4 / (1 + df)) + 1)
    np.testing.assert_allclose(idf(terms, "plain"), np.log(3 / df))
    np.testing.assert_allclose(idf(terms, "sumy"), np.log(3 / (1 + df)))


def test_lexrank_threshold_graph_is_the_thresholded_idf_cosine(sentences):
    terms = SentenceTerms.build(sentences)
    vocabulary = terms.vocabulary
    weights = idf(terms)
    vectors = np.zeros((len(sentences), len(vocabulary)))
    for row, sentence in enumerate(sentences):
        for word in _content_words(sentence):
            vectors[row, vocabulary[word]] += weights[vocabulary[word]]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    cosine = vectors @ vectors.T / np.maximum(norms * norms.T, 1e-300)
    np.testing.assert_allclose(_dense(cosine_similarity(tfidf(terms))), cosine, atol=1e-12)
    graph = _dense(LexRankSummarizer(threshold=0.1).graph(terms))
    expected = (cosine > 0.1).astype(float)
    np.fill_diagonal(expected, 0.0)
    np.testing.assert_array_equal(graph, expected)
    continuous = _dense(LexRankSummarizer(variant="continuous", threshold=0.0).graph(terms))
    np.fill_diagonal(cosine, 0.0)
    np.testing.assert_allclose(continuous, cosine, atol=1e-12)


def test_frequent_terms_are_dropped_only_past_max_df():
    matrix = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [1, 1, 0], [1, 0, 0]], dtype=float))
    assert frequent_terms_dropped(matrix, 4) is matrix  # n <= max_df: exact
    kept = frequent_terms_dropped(matrix, 2).toarray()
    np.testing.assert_array_equal(kept, [[0, 1, 0], [0, 0, 1], [0, 1, 0], [0, 0, 0]])
    np.testing.assert_array_equal(frequent_terms_dropped(matrix.toarray(), 2), kept)


def test_similarity_edges_are_bounded_by_max_df_times_nnz():
    # 3,000 sentences that share common words: without a df cap the graph would be dense (9M edges)
    rng = np.random.default_rng(1)
    vocabulary = [f"w{i}" for i in range(400)] + ["common", "shared", "again"]
    sentences = [" ".join(["common", "shared", "again", *rng.choice(vocabulary[:400], 6)]) + "."
                 for _ in range(3000)]
    terms = SentenceTerms.build(sentences)
    assert not terms.dense
    max_df = 50
    reduced = frequent_terms_dropped(tfidf(terms), max_df)
    similarity = cosine_similarity(tfidf(terms), max_df)
    assert similarity.nnz <= max_df * reduced.nnz
    assert similarity.nnz < 0.1 * len(sentences) ** 2
    summary = LexRankSummarizer(max_df=max_df).summarize("\n".join(sentences), length=2, clean=False)
    assert len(summary) == 2


def test_exact_for_articles_up_to_max_df_sentences(sentences):
    terms = SentenceTerms.build(sentences, dense=False)
    exact = _dense(cosine_similarity(tfidf(terms), None))
    np.testing.assert_allclose(_dense(cosine_similarity(tfidf(terms), len(sentences))), exact)


def test_central_sentence_wins():
    text = ("Russia and Turkey agreed a ceasefire in Idlib. Markets were calm on Friday. "
            "The Idlib ceasefire was agreed by Russia and Turkey in Moscow. Turkey and Russia will patrol Idlib. "
            "A football match was postponed.")
    for summarizer in (TextRankSummarizer(), LexRankSummarizer(), LexRankSummarizer(variant="continuous")):
        summary = summarizer.summarize(text, length=1, clean=False)
        assert "Idlib" in summary.sentences[0]


@pytest.mark.parametrize("params", [{"damping": 1.5}, {"damping": -0.1}, {"max_df": 0}])
def test_bad_graph_parameters(params):
    from newsml.errors import ConfigError

    with pytest.raises(ConfigError):
        LexRankSummarizer(**params).summarize("One here. Two there. Three again.", clean=False)


@pytest.mark.parametrize("summarizer, words", [
    (LexRankSummarizer(idf="bm25"), ["smooth", "plain", "sumy"]),
    (TextRankSummarizer(overlap="jaccard"), ["types", "tokens"]),
])
def test_bad_graph_options_name_the_valid_ones(summarizer, words):
    from newsml.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        summarizer.summarize("One truce here. Two truce there. Three truce again.", clean=False)
    for word in words:
        assert word in str(error.value)


def test_supervised_centrality_features_keep_their_trained_graphs(sentences):
    # the shipped supervised model was trained on these graphs: a change of the methods' defaults must not move them
    from newsml.summarization.features import FEATURE_NAMES, sentence_features

    document = Document.from_text("\n".join(sentences), clean=False)
    table = sentence_features(document)
    terms = SentenceTerms.build(document.sentences)
    n = len(document)
    textrank = pagerank(TextRankSummarizer(overlap="types", self_loops=False).graph(terms)) * n
    lexrank = pagerank(LexRankSummarizer(variant="continuous", threshold=0.0, idf="smooth",
                                         self_loops=False).graph(terms)) * n
    np.testing.assert_allclose(table.values[:, FEATURE_NAMES.index("textrank")], textrank)
    np.testing.assert_allclose(table.values[:, FEATURE_NAMES.index("lexrank")], lexrank)


def test_self_loops_only_add_the_diagonal(sentences):
    terms = SentenceTerms.build(sentences)
    for plain, looped in ((TextRankSummarizer(), TextRankSummarizer(self_loops=True)),
                          (LexRankSummarizer(), LexRankSummarizer(self_loops=True))):
        without, with_loops = _dense(plain.graph(terms)), _dense(looped.graph(terms))
        off_diagonal = ~np.eye(len(sentences), dtype=bool)
        np.testing.assert_allclose(without[off_diagonal], with_loops[off_diagonal])
        assert np.all(np.diag(without) == 0) and np.all(np.diag(with_loops) > 0)
