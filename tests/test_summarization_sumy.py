"""The one sumy adapter: newsml's tokenizer, sumy's ranking read back exactly, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsml.summarization.base import Document
from newsml.summarization.corpus import headed_article, read_reference_set
from newsml.summarization.length import Length
from newsml.summarization.sumy_adapter import ALGORITHMS, BONUS_WORDS, STIGMA_WORDS, SumySummarizer
from newsml.text import Tokenizer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def article() -> str:
    return read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[7].text


def test_every_sumy_algorithm_is_adapted():
    assert sorted(ALGORITHMS) == ["edmundson", "kl", "lexrank", "lsa", "luhn", "random", "reduction", "sumbasic",
                                  "textrank"]


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_full_ranking_matches_sumy_top_k(algorithm, article):
    """The adapter's top k equals what sumy itself returns for k sentences on the same document."""
    summarizer = SumySummarizer(algorithm)
    document = Document.from_text(article, clean=False)
    for k in (1, 3, 5):
        ours = summarizer.summarize_document(document, Length.parse(k))
        theirs = summarizer.build()(summarizer.sumy_document(document), k)
        assert list(ours.sentences) == [str(sentence) for sentence in theirs]


def test_sumy_gets_the_newsml_tokenizer(article, monkeypatch):
    calls = []

    class Spy(Tokenizer):
        def to_words(self, sentence):
            calls.append(sentence)
            return super().to_words(sentence)

    SumySummarizer("luhn", tokenizer=Spy()).summarize(article, clean=False)
    assert calls, "sumy never asked the injected tokenizer for words"


def test_no_nltk_data_is_needed(article, monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise LookupError("NLTK data is not available offline")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    for algorithm in ALGORITHMS:
        assert len(SumySummarizer(algorithm).summarize(article, length=2, clean=False)) == 2


def test_random_is_reproducible_and_seeded(article):
    import random

    state = random.getstate()
    first = SumySummarizer("random", seed=1).summarize(article, length=4, clean=False)
    second = SumySummarizer("random", seed=1).summarize(article, length=4, clean=False)
    assert first.spans == second.spans
    assert random.getstate() == state  # the global generator is untouched
    others = {SumySummarizer("random", seed=s).summarize(article, length=4, clean=False).spans for s in range(6)}
    assert len(others) > 1


def test_edmundson_uses_the_headline_as_title():
    body = ("The council met on Monday. A new bridge over the river was approved by the council. "
            "Residents were not consulted. Weather was mild.")
    plain = SumySummarizer("edmundson").summarize(body, length=1, clean=False)
    titled = SumySummarizer("edmundson").summarize(headed_article("Bridge over the river approved", body),
                                                   length=1, clean=False)
    assert titled.sentences == ("A new bridge over the river was approved by the council.",)
    assert plain.sentences != titled.sentences or "bridge" in plain.sentences[0]


def test_edmundson_word_lists_are_overridable():
    text = "Click here to subscribe. The minister said the deal was agreed."
    default = SumySummarizer("edmundson").summarize(text, length=1, clean=False)
    assert default.sentences == ("The minister said the deal was agreed.",)
    flipped = SumySummarizer("edmundson", bonus_words=["click", "subscribe"], stigma_words=["minister"])
    assert flipped.summarize(text, length=1, clean=False).sentences == ("Click here to subscribe.",)
    assert "said" in BONUS_WORDS and "advertisement" in STIGMA_WORDS


def test_unknown_language_falls_back_without_stemmer_or_stop_words():
    text = "Der Rat tagte am Montag. Eine neue Brücke wurde genehmigt. Das Wetter war mild."
    summary = SumySummarizer("lexrank", tokenizer=Tokenizer(language="klingon")).summarize(text, length=1,
                                                                                            clean=False)
    assert len(summary) == 1
