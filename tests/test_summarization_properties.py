"""Hypothesis: every extractive output sentence is a verbatim substring of the input at its offsets."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsml.errors import InputError
from newsml.inputs import as_text
from newsml.summarization.api import get_summarizer, summarizers
from newsml.text import Tokenizer
from newsml.types import Article, Line

EXTRACTIVE = [m for m in summarizers() if m not in ("abstractive", "embedding-centroid")]
TOKENIZER = Tokenizer()

WORDS = ["Russia", "Turkey", "agreed", "a", "ceasefire", "in", "Idlib", "Mr.", "U.S.", "Jan.", "6", "3.7bn",
         "don't", "\u201cWe", "will\u201d", "said", "Erdo\u011fan", "\u4f0a\u5fb7\u5229\u535c",
         "\u0418\u0434\u043b\u0438\u0431",
         "e.g.", "(and)", "--", "\u2014", "km", "...", "?", "!"]
SEPARATORS = [" ", " ", " ", ". ", "! ", "? ", "\n", "\n\n", ".\n", "\u3002", "\t", "\u00a0", "  ", ".\u201d "]


@st.composite
def news_like(draw) -> str:
    pieces = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=120))
    return "".join(word + sep for word, sep in pieces)


TEXTS = st.one_of(news_like(), st.text(max_size=400), st.text(alphabet=" .\n!?abcXYZ\u00e9\u4e2d", max_size=300))
LENGTHS = st.one_of(st.integers(1, 6), st.sampled_from(["15w", "40w", 0.3, "50%"]))


def _check(text: str, summary, length) -> None:
    previous_end = -1
    for sentence, (start, end) in zip(summary.sentences, summary.spans, strict=True):
        assert text[start:end] == sentence
        assert sentence and sentence == sentence.strip()
        assert start >= previous_end  # document order, no overlap
        previous_end = end
    if isinstance(length, int):
        assert len(summary) == min(length, len(TOKENIZER.sentences(text)))


@pytest.mark.parametrize("method", EXTRACTIVE)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, length=LENGTHS)
def test_sentences_are_verbatim_input_at_their_offsets(method, text, length):
    try:
        as_text(text)
    except InputError:  # binary-looking text (>10% control characters): a clear error, never a summary
        with pytest.raises(InputError):
            get_summarizer(method).summarize(text, length=length, clean=False)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sumy's LSA warns on tiny inputs; HTML-looking text warns
        summary = get_summarizer(method).summarize(text, length=length, clean=False)
    _check(text, summary, length)
    assert summary.method == method


@st.composite
def labelled_article(draw) -> Article:
    labels = ["story", "heading", "ad", "caption", "related", "other"]
    rows = draw(st.lists(st.tuples(news_like(), st.sampled_from(labels)), min_size=1, max_size=8))
    text, lines = "", []
    for body, label in rows:
        body = " ".join(body.split())
        if body:
            lines.append(Line(body, len(text), len(text) + len(body), label))
        text += body + "\n"
    return Article(text, tuple(lines))


@pytest.mark.parametrize("method", ["lead", "textrank", "lexrank", "supervised", "sumy-edmundson", "sumy-lsa"])
@settings(max_examples=30, deadline=None)
@given(article=labelled_article())
def test_only_story_lines_are_summarised(method, article):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summary = get_summarizer(method).summarize(article, length=3, clean=True)
    story = [(line.start, line.end) for line in article.lines if line.label == "story"]
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert article.text[start:end] == sentence
        assert any(s <= start and end <= e for s, e in story)
