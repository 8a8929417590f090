"""Every extractive method: one interface, verbatim sentences with offsets, configs, parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsml
from newsml.errors import ConfigError
from newsml.summarization.api import get_summarizer, summarize, summarizers
from newsml.summarization.corpus import read_reference_set

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "configs" / "summarizers"
EXTRACTIVE = [m for m in summarizers() if m not in ("abstractive", "embedding-centroid")]


@pytest.fixture(scope="module")
def bbc_article() -> str:
    return read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[0].text


def test_every_registered_extractive_method_is_listed():
    assert set(EXTRACTIVE) == {
        "lead", "textrank", "lexrank", "supervised", "sumy-lsa", "sumy-luhn", "sumy-lexrank", "sumy-textrank",
        "sumy-sumbasic", "sumy-kl", "sumy-edmundson", "sumy-reduction", "sumy-random"}
    assert newsml.summarizers() == summarizers()


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_method_returns_verbatim_sentences_in_document_order(method, bbc_article):
    summary = newsml.summarize(bbc_article, method=method, length=3, clean=False)
    assert summary.method == method
    assert len(summary.sentences) == 3
    starts = [span[0] for span in summary.spans]
    assert starts == sorted(starts) and len(set(starts)) == 3
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert bbc_article[start:end] == sentence
    assert summary.text == "\n".join(summary.sentences)
    assert summary.info["length"] == {"sentences": 3}
    assert summary.info["cleaned"] is False


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_every_method_has_a_config_that_summarize_accepts(method, bbc_article):
    path = CONFIGS / f"{method}.yaml"
    assert path.is_file(), f"missing config {path}"
    by_config = summarize(bbc_article, method=path, clean=False)
    by_name = summarize(bbc_article, method=method, clean=False)
    assert by_config.method == method
    assert by_config.sentences == by_name.sentences  # config params are the defaults


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_methods_are_deterministic(method, bbc_article):
    first = get_summarizer(method).summarize(bbc_article, length=4, clean=False)
    second = get_summarizer(method).summarize(bbc_article, length=4, clean=False)
    assert first.spans == second.spans


def test_lead_takes_the_first_sentences(bbc_article):
    summary = get_summarizer("lead").summarize(bbc_article, length=2, clean=False)
    assert summary.spans[0][0] == 0
    assert summary.sentences[0].startswith("Quarterly profits at US media giant TimeWarner")


def test_get_params_lists_hyperparameters_only():
    params = get_summarizer("lexrank").get_params()
    assert {"variant", "threshold", "idf", "damping", "self_loops", "max_df", "tol", "max_iter", "tokenizer"} == set(params)
    assert get_summarizer("sumy-kl").get_params()["algorithm"] == "kl"


def test_params_override_config(bbc_article):
    continuous = summarize(bbc_article, method="lexrank", clean=False, variant="continuous", threshold=0.0)
    assert continuous.info["variant"] == "continuous"


@pytest.mark.parametrize("method, params, words", [
    ("lexrank", {"variant": "bogus"}, ["threshold", "continuous"]),
    ("textrank", {"similarity": "jaccard"}, ["overlap", "cosine"]),
    ("sumy-lsa", {"max_sentences": 0}, ["max_sentences"]),
    ("supervised", {"redundancy": "dedupe"}, ["trigram", "mmr", "none"]),
])
def test_bad_hyperparameters_name_the_valid_options(method, params, words, bbc_article):
    with pytest.raises(ConfigError) as error:
        summarize(bbc_article, method=method, clean=False, **params)
    for word in words:
        assert word in str(error.value)


def test_unknown_method_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="valid methods are .*lexrank"):
        get_summarizer("pagerank")


def test_unknown_sumy_algorithm_lists_the_valid_ones(bbc_article):
    from newsml.summarization.sumy_adapter import SumySummarizer

    with pytest.raises(ConfigError, match="valid algorithms are .*edmundson"):
        SumySummarizer("bogus").summarize(bbc_article, clean=False)


def test_summarize_many_goes_through_every_article(bbc_article):
    summaries = list(get_summarizer("textrank").summarize_many([bbc_article, "One. Two. Three."], length=1,
                                                                clean=False))
    assert [len(s) for s in summaries] == [1, 1]


def test_headline_of_an_article_is_never_a_candidate():
    from newsml.summarization.corpus import headed_article

    article = headed_article("Ceasefire agreed in Idlib", "Russia and Turkey agreed a ceasefire in Idlib. "
                             "It starts at midnight. Patrols begin in March.")
    for method in ("lead", "lexrank", "textrank", "supervised", "sumy-edmundson"):
        summary = get_summarizer(method).summarize(article, length=3, clean=False)
        assert "Ceasefire agreed in Idlib" not in summary.sentences
        assert all(article.text[s:e] == t for t, (s, e) in zip(summary.sentences, summary.spans))
