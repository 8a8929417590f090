"""Segmentation: exact offsets, abbreviation-aware sentences, the sumy and rouge-score protocols."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.text import Tokenizer, line_spans, sentence_spans, word_spans, words
from newsml.text.segment import LINE_BREAK_CHARS, ZERO_WIDTH_CHARS

PIECES = list("ab .!?\"'”Mr") + list(LINE_BREAK_CHARS) + list(ZERO_WIDTH_CHARS) + [
    "U.S.", "Jan. 6", "\u0645", "\u4e2d", " ", "\r\n", "\t"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
INVISIBLE = re.compile(f"[\\s{ZERO_WIDTH_CHARS}]")


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_and_numbers_do_not_end_sentences():
    text = ("Mr. Putin met U.S. officials on Jan. 6 in St. Louis. The corridor stretches 6km (3.7 miles) "
            "north. George W. Bush agreed.")
    assert split(text) == ["Mr. Putin met U.S. officials on Jan. 6 in St. Louis.",
                           "The corridor stretches 6km (3.7 miles) north.", "George W. Bush agreed."]


def test_quotes_and_dashes():
    text = ("\u201cWe have largely reached an agreement. At the moment, the attacks have stopped,\u201d Akar said. "
            "\u201cThe patrols start on March 15.\u201d NATO-member Turkey \u2013 and Russia \u2014 agreed.")
    assert split(text) == ["\u201cWe have largely reached an agreement.",
                           "At the moment, the attacks have stopped,\u201d Akar said.",
                           "\u201cThe patrols start on March 15.\u201d", "NATO-member Turkey \u2013 and Russia \u2014 agreed."]


def test_question_followed_by_lowercase_continues():
    assert split('"Why?" he asked. Then he left.') == ['"Why?" he asked.', "Then he left."]


def test_sentences_glued_without_space_are_split():
    assert split("ripped apart on social media.The union territory retreated.") == [
        "ripped apart on social media.", "The union territory retreated."]


def test_sentences_never_cross_lines_and_other_scripts_split():
    assert split("No punctuation here\nsecond line") == ["No punctuation here", "second line"]
    assert split("中文句子。第二句！") == ["中文句子。", "第二句！"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_line_offsets_round_trip(text):
    spans = line_spans(text)
    assert len(spans) == len([line for line in text.splitlines() if INVISIBLE.sub("", line)])
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip().strip(ZERO_WIDTH_CHARS)
        assert not any(ch in LINE_BREAK_CHARS for ch in piece)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentences_partition_each_line(text):
    for line_start, line_end in line_spans(text):
        spans = sentence_spans(text, line_start, line_end)
        assert spans, "a non-blank line has at least one sentence"
        assert spans[0][0] == line_start and spans[-1][1] == line_end
        for (s1, e1), (s2, _) in zip(spans, spans[1:]):
            assert s1 < e1 <= s2 and not text[e1:s2].strip(" \t" + ZERO_WIDTH_CHARS)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_line_range_splits_like_the_line_alone(text):
    for line_start, line_end in line_spans(text):
        alone = [(s + line_start, e + line_start) for s, e in sentence_spans(text[line_start:line_end])]
        assert sentence_spans(text, line_start, line_end) == alone


def test_long_tokens_before_a_full_stop():
    # the token before a full stop is read from a 64-character window, widened when it fills the window
    opened = "a" + "(" * 62 + "Mr"  # not the title "Mr", though its last 64 characters are, openers stripped
    assert split(f"{opened}. Smith went home.") == [f"{opened}.", "Smith went home."]
    assert split("x" * 100 + "ab.The end. Y" + "y" * 70 + " Mr. Smith left.") == [
        "x" * 100 + "ab.", "The end.", "Y" + "y" * 70 + " Mr. Smith left."]


WORDY = st.lists(st.sampled_from(list("ab_1 .'-\u2019,\u00e9\u4e2d\u0645\n") + ["U.S.", "don't", "--", ".."]),
                 max_size=60).map("".join)


ASCII_WORDY = st.lists(st.sampled_from(list("aZ_9 .'-,!\t") + ["U.S.", "don't", "--", ".."]), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(WORDY, ASCII_WORDY))
def test_words_follow_the_word_grammar(text):
    # a word is a run of word characters, joined by single . ' \u2019 or - (the regex with backtracking);
    # ASCII text takes a faster ASCII-only matcher, which must find the same words
    assert words(text) == re.findall(r"\w+(?:[.'\u2019-]\w+)*", text)
    assert [text[s:e] for s, e in word_spans(text)] == words(text)


def test_word_spans_are_exact():
    text = "The U.S. paid $3.7bn, don't ask: six-year deal."
    assert [text[s:e] for s, e in word_spans(text)] == ["The", "U.S", "paid", "3.7bn", "don't", "ask", "six-year", "deal"]


def test_tokenizer_speaks_sumy_and_rouge_score():
    from rouge_score import tokenizers
    from sumy.parsers.plaintext import PlaintextParser

    tokenizer = Tokenizer()
    document = PlaintextParser.from_string("Mr. Smith came. He left.\n\nA new paragraph here.", tokenizer).document
    assert [str(s) for s in document.sentences] == ["Mr. Smith came.", "He left.", "A new paragraph here."]
    text = "The talks were continuing in Moscow, U.S. officials said; 3.6 million refugees' lives at stake!"
    assert Tokenizer(stem=True).tokenize(text) == tokenizers.DefaultTokenizer(use_stemmer=True).tokenize(text)
    assert Tokenizer().tokenize("Привет мир") == ["привет", "мир"]
