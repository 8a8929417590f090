"""Clean-then-summarise: with ``clean=True`` only story lines of the shipped line classifier are summarised.

These tests need ``newsml.cleaning.api`` (the shipped classifier); they are skipped where it is absent.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.summarization.api import get_summarizer, summarize

cleaning = pytest.importorskip("newsml.cleaning.api")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "eval/data/boilerplate/seeds"
METHODS = ["lead", "textrank", "lexrank", "supervised", "sumy-lsa", "sumy-edmundson", "sumy-kl"]


def _story_and_headings(text: str):
    article = cleaning.clean(text)
    story = [(line.start, line.end) for line in article.lines if line.label == "story"]
    headings = [(line.start, line.end) for line in article.lines if line.label == "heading"]
    removed = sum(1 for line in article.lines if line.label not in ("story", "heading"))
    return story, headings, removed


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_only_story_sentences_are_picked(method, seed):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    story, headings, removed = _story_and_headings(text)
    summary = get_summarizer(method).summarize(text, length=4, clean=True)
    assert summary.info["cleaned"] is True and summary.info["lines_removed"] == removed
    assert len(summary) == min(4, summary.info["n_sentences"])
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert text[start:end] == sentence
        assert any(s <= start and end <= e for s, e in story)
        assert not any(s <= start and end <= e for s, e in headings)


def test_cleaning_drops_the_advertisement_line_that_lead_would_pick():
    text = (SEEDS / "global_news_idlib.txt").read_text(encoding="utf-8")
    raw = summarize(text, method="lead", length=1, clean=False)
    cleaned = summarize(text, method="lead", length=1, clean=True)
    assert raw.sentences == ("Advertisement",)
    assert cleaned.sentences != raw.sentences


def test_clean_is_the_default():
    text = (SEEDS / "aljazeera_idlib.txt").read_text(encoding="utf-8")
    assert summarize(text, method="lexrank").info["cleaned"] is True


@settings(max_examples=10, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("Aab .!?\n\u00e9\u4e2d0123456789")), max_size=400))
def test_clean_summaries_are_verbatim(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summary = get_summarizer("supervised").summarize(text, length=3, clean=True)
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert text[start:end] == sentence
