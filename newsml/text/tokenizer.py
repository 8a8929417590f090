"""newsml's one offline tokenizer, shared by the cleaner, the summarisers, sumy and rouge-score.

It is a sumy tokenizer (``to_sentences``, ``to_words``, ``language``) and a rouge-score tokenizer
(``tokenize``), so every component sees the same sentences and words.

>>> tok = Tokenizer()
>>> tok.to_sentences("Mr. Putin spoke. Erdogan agreed.")
('Mr. Putin spoke.', 'Erdogan agreed.')
>>> Tokenizer(stem=True).tokenize("The talks were continuing in Moscow.")
['the', 'talk', 'were', 'continu', 'in', 'moscow']
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsml.text.segment import line_spans, sentence_spans, word_spans

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_ROUGE_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem import porter

    return porter.PorterStemmer(porter.PorterStemmer.ORIGINAL_ALGORITHM)


@lru_cache(maxsize=65536)
def porter_stem(token: str) -> str:
    """Stem ``token`` exactly as rouge-score does (Porter, original algorithm, tokens over 3 chars)."""
    return _porter().stem(token) if len(token) > 3 else token


class Tokenizer:
    """Lines, sentences and words of plain text, offline and with exact offsets.

    Parameters
    ----------
    language:
        Name of the language, as sumy expects it (used for its stop words and stemmer).
    stem:
        Whether :meth:`tokenize` Porter-stems its tokens (as rouge-score's ``use_stemmer=True``).
    """

    def __init__(self, language: str = "english", stem: bool = False):
        self.language = language
        self.stem = stem

    def __repr__(self) -> str:
        return f"Tokenizer(language={self.language!r}, stem={self.stem!r})"

    # offsets -----------------------------------------------------------------------------------
    def line_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each non-blank line."""
        return line_spans(text)

    def sentence_spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text[start:end]``."""
        return sentence_spans(text, start, end)

    def word_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each word token."""
        return word_spans(text)

    # strings -----------------------------------------------------------------------------------
    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text``, verbatim."""
        return [text[s:e] for s, e in sentence_spans(text)]

    def words(self, text: str) -> list[str]:
        """The word tokens of ``text``, verbatim."""
        return [text[s:e] for s, e in word_spans(text)]

    # sumy protocol -----------------------------------------------------------------------------
    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """sumy's tokenizer interface: the sentences of a paragraph."""
        return tuple(self.sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """sumy's tokenizer interface: the words of a sentence."""
        return tuple(self.words(sentence))

    # rouge-score protocol ----------------------------------------------------------------------
    def tokenize(self, text: str) -> list[str]:
        """rouge-score's tokenizer interface: lower-cased alphanumeric tokens, stemmed if ``stem``.

        On ASCII text this gives exactly rouge-score's ``DefaultTokenizer`` tokens; unlike it, letters
        of other scripts are kept (CJK characters become one token each) instead of being dropped.
        """
        tokens = _ROUGE_TOKEN.findall(text.lower())
        if self.stem:
            tokens = [porter_stem(token) for token in tokens]
        return tokens


DEFAULT_TOKENIZER = Tokenizer()
"""The shared instance used where no tokenizer is injected."""
