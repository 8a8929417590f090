"""Mark the words of a text that belong to n-grams it shares with other texts (for the HTML report).

Words are compared as ROUGE compares them: lower-cased and Porter-stemmed. N-grams made only of
function words ("of the", "to be") are not marked: they are shared by chance.

>>> marked("The talks in Moscow ended.", ["Talks in Moscow ended late."], n=2)
'The <mark>talks in Moscow ended</mark>.'
>>> marked("It was one of the best.", ["One of the worst."], n=2)
'It was <mark>one of</mark> the best.'
"""

from __future__ import annotations

import html
from typing import Iterable, Sequence

from newsml.text import Tokenizer, word_spans

_STEMMED = Tokenizer(stem=True)
FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been it its this that these "
    "those he she they we i you his her their our up out into over after before about than then there not "
    "has have had will would can could may said".split())


def _keys(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    spans = word_spans(text)
    return spans, [" ".join(_STEMMED.tokenize(text[s:e])) for s, e in spans]


def ngram_set(texts: Iterable[str], n: int) -> set[tuple[str, ...]]:
    """Every n-gram (of stemmed words) of ``texts``."""
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        keys = _keys(text)[1]
        grams.update(tuple(keys[i:i + n]) for i in range(len(keys) - n + 1))
    return grams


def shared_spans(text: str, others: Sequence[str], n: int = 2) -> list[tuple[int, int]]:
    """``(start, end)`` of the words of ``text`` inside an n-gram that also occurs in ``others``;
    adjacent marked words are merged into one span."""
    spans, keys = _keys(text)
    grams = ngram_set(others, n)
    marked = [False] * len(spans)
    function = {" ".join(_STEMMED.tokenize(w)) for w in FUNCTION_WORDS}
    for i in range(len(keys) - n + 1):
        gram = tuple(keys[i:i + n])
        if gram in grams and not all(key in function for key in gram):
            for j in range(i, i + n):
                marked[j] = True
    merged: list[tuple[int, int]] = []
    for (start, end), flag in zip(spans, marked):
        if not flag:
            continue
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def marked(text: str, others: Sequence[str], n: int = 2) -> str:
    """``text`` as escaped HTML with its shared n-grams wrapped in ``<mark>``."""
    out, cursor = [], 0
    for start, end in shared_spans(text, others, n):
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
