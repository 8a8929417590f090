"""Length specs on real articles: counts, ratios and word budgets, never cutting a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsml.errors import ConfigError
from newsml.summarization.api import get_summarizer
from newsml.summarization.corpus import read_reference_set
from newsml.summarization.length import Length
from newsml.summarization.ranking import select, trigram_blocker, trigrams
from newsml.text import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
METHODS = ["lead", "textrank", "lexrank", "supervised", "sumy-luhn", "sumy-edmundson"]
TOKENIZER = Tokenizer()


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return [pair.text for pair in read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[:6]]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("budget", [25, 60, 120])
def test_word_budget_takes_whole_sentences_within_the_budget(method, budget, articles):
    summarizer = get_summarizer(method)
    for text in articles:
        summary = summarizer.summarize(text, length=f"{budget}w", clean=False)
        counts = [len(TOKENIZER.words(s)) for s in summary.sentences]
        assert summary.sentences, "a non-empty article never gets an empty summary"
        assert sum(counts) <= budget or len(counts) == 1  # only the best sentence may exceed alone
        for sentence, (start, end) in zip(summary.sentences, summary.spans):
            assert text[start:end] == sentence  # whole sentences: never cut
            assert sentence in TOKENIZER.sentences(text)
        assert summary.info["length"] == {"words": budget}


@pytest.mark.parametrize("method", METHODS)
def test_ratio_rounds_up(method, articles):
    text = articles[0]
    n = len(TOKENIZER.sentences(text))
    summary = get_summarizer(method).summarize(text, length=0.25, clean=False)
    assert len(summary) == -(-n // 4)
    assert len(get_summarizer(method).summarize(text, length="25%", clean=False)) == len(summary)


@pytest.mark.parametrize("method", METHODS)
def test_length_larger_than_the_article_returns_every_sentence(method):
    text = "Russia and Turkey agreed a ceasefire. The truce starts at midnight. Patrols begin in March."
    summary = get_summarizer(method).summarize(text, length=10, clean=False)
    assert summary.sentences == tuple(TOKENIZER.sentences(text))
    assert len(get_summarizer(method).summarize(text, length="500w", clean=False)) == 3


@pytest.mark.parametrize("spec", [0, -1, 1.5, "abc", "0w", True, {"words": 3, "ratio": 0.1}])
def test_bad_lengths_are_config_errors(spec):
    with pytest.raises(ConfigError):
        get_summarizer("lead").summarize("One sentence. Two.", length=spec, clean=False)


def test_select_word_budget_skips_sentences_that_do_not_fit():
    # ranked 2, 0, 1: 2 (10 words) fits, 0 (8) would exceed 15, 1 (4) fits
    assert select([2, 0, 1], Length.parse("15w"), [8, 4, 10]) == [1, 2]
    # the best sentence is kept even when it alone exceeds the budget
    assert select([0, 1], Length.parse("5w"), [9, 3]) == [0]


def test_select_with_trigram_blocking_fills_the_count_only_when_needed():
    sentences = ["the cat sat on the mat", "the cat sat on the sofa", "dogs bark at night"]
    blocked = trigram_blocker([trigrams(s) for s in sentences])
    assert select([0, 1, 2], Length.parse(2), [6, 6, 4], blocked) == [0, 2]
    assert select([0, 1, 2], Length.parse(3), [6, 6, 4], blocked) == [0, 1, 2]
    assert select([0, 1, 2], Length.parse("12w"), [6, 6, 4], blocked) == [0, 2]
