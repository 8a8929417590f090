"""``sumy-*``: every sumy summariser through one adapter, offline, on newsml's sentences.

sumy gets a document built from newsml's candidate sentences (one sumy ``Paragraph`` per input line,
the headline as a heading), the newsml :class:`~newsml.text.Tokenizer` for words (sumy's default
tokenizer needs NLTK data that may not be installed), sumy's snowball ``Stemmer`` and its stop words.
sumy's full ranking is read back (not just its top k), so every newsml length spec works, and the
chosen sentences map back to exact offsets even when two sentences have the same text.

Several sumy algorithms are quadratic or cubic pure Python; to keep a 10,000-sentence input from
hanging, each reads at most ``max_sentences`` candidates (the first ones; ``Summary.info`` then records
``"truncated_to"``). The defaults in :data:`MAX_SENTENCES` keep one article under a few seconds.

>>> text = "Turkey and Russia agreed a ceasefire. Talks lasted six hours. Russia and Turkey will patrol."
>>> SumySummarizer("luhn").summarize(text, length=1, clean=False).method
'sumy-luhn'
"""

from __future__ import annotations

import random
from typing import Any, Iterable

import numpy as np

from newsml.errors import ConfigError
from newsml.summarization.base import Document
from newsml.summarization.ranking import RankingSummarizer
from newsml.summarization.terms import stemmer, stop_words
from newsml.text import DEFAULT_TOKENIZER, Tokenizer

ALGORITHMS: dict[str, str] = {
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "edmundson": "sumy.summarizers.edmundson:EdmundsonSummarizer",
    "reduction": "sumy.summarizers.reduction:ReductionSummarizer",
    "random": "sumy.summarizers.random:RandomSummarizer",
}
"""sumy algorithm name -> its class."""

MAX_SENTENCES: dict[str, int] = {
    "lsa": 500, "luhn": 1000, "lexrank": 300, "textrank": 400, "sumbasic": 800, "kl": 60,
    "edmundson": 5000, "reduction": 300, "random": 100_000,
}
"""Default cap on the candidates each algorithm reads: about 2 s or less per article on one core at the cap
(measured on real news sentences; see the module docstring). KL-Sum grows about cubically (1.6 s at 97
sentences), so it reads 60 (about 0.4 s)."""

BONUS_WORDS: tuple[str, ...] = (
    "said", "says", "announced", "according", "agreed", "confirmed", "reported", "officials", "government",
    "president", "minister", "police", "killed", "percent", "million", "billion", "first", "new", "after",
    "will", "deal", "decision", "found", "study", "court", "election",
)
"""Edmundson cue words that signal a news sentence worth extracting."""

STIGMA_WORDS: tuple[str, ...] = (
    "advertisement", "click", "subscribe", "newsletter", "share", "follow", "photo", "image", "video",
    "watch", "read", "related", "copyright", "cookies", "sign", "comments", "comment", "email", "twitter",
    "facebook", "perhaps", "maybe", "hardly", "reportedly", "rumour",
)
"""Edmundson cue words that signal boilerplate or hedging."""


class SumySummarizer(RankingSummarizer):
    """A sumy summariser run on newsml's sentences, tokenizer, stemmer and stop words.

    Parameters
    ----------
    algorithm:
        One of :data:`ALGORITHMS` (``lsa``, ``luhn``, ``lexrank``, ``textrank``, ``sumbasic``, ``kl``,
        ``edmundson``, ``reduction``, ``random``).
    max_sentences:
        Read at most this many candidate sentences (``None``: the default of :data:`MAX_SENTENCES`).
    seed:
        Seed of ``random`` (the only algorithm with randomness), so its summaries are reproducible.
    bonus_words, stigma_words, null_words:
        Edmundson's cue and title word lists (``None``: :data:`BONUS_WORDS`, :data:`STIGMA_WORDS` and the
        stop words). The title is the article's headline (a heading line when cleaned).
    tokenizer:
        The newsml tokenizer given to sumy; its ``language`` picks the stemmer and stop words.

    >>> SumySummarizer("edmundson").get_params()["algorithm"]
    'edmundson'
    """

    def __init__(self, algorithm: str = "lexrank", max_sentences: int | None = None, seed: int = 0,
                 bonus_words: Iterable[str] | None = None, stigma_words: Iterable[str] | None = None,
                 null_words: Iterable[str] | None = None, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.algorithm = algorithm
        self.max_sentences = max_sentences
        self.seed = seed
        self.bonus_words = bonus_words
        self.stigma_words = stigma_words
        self.null_words = null_words
        self.tokenizer = tokenizer

    @property
    def name(self) -> str:  # type: ignore[override]
        """``"sumy-<algorithm>"``."""
        return f"sumy-{self.algorithm}"

    def _limit(self) -> int:
        if self.algorithm not in ALGORITHMS:
            raise ConfigError(f"unknown sumy algorithm {self.algorithm!r}; valid algorithms are {sorted(ALGORITHMS)}")
        limit = MAX_SENTENCES[self.algorithm] if self.max_sentences is None else self.max_sentences
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ConfigError(f"max_sentences must be an int >= 1 or None, got {limit!r}")
        return limit

    def build(self) -> Any:
        """The configured sumy summariser object."""
        from importlib import import_module

        self._limit()
        language = getattr(self.tokenizer, "language", "english")
        module, cls = ALGORITHMS[self.algorithm].split(":")
        klass = getattr(import_module(module), cls)
        stem = stemmer(language)
        stops = stop_words(language)
        if self.algorithm == "random":
            summarizer = _seeded_random(klass, self.seed)(stem)
        else:
            summarizer = klass(stem)
        if self.algorithm == "edmundson":
            summarizer.bonus_words = BONUS_WORDS if self.bonus_words is None else tuple(self.bonus_words)
            summarizer.stigma_words = STIGMA_WORDS if self.stigma_words is None else tuple(self.stigma_words)
            # sumy refuses an empty null-word list; a language without stop words gets a placeholder one
            summarizer.null_words = (sorted(stops) or ["\x00"]) if self.null_words is None else tuple(self.null_words)
        elif self.algorithm != "random":
            summarizer.stop_words = stops
        return summarizer

    def sumy_document(self, document: Document, limit: int | None = None) -> Any:
        """The sumy ``ObjectDocumentModel`` of the first ``limit`` candidates (headline as a heading)."""
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        count = len(document) if limit is None else min(limit, len(document))
        groups: list[list[Any]] = []
        previous = None
        for index in range(count):
            if not groups or document.paragraphs[index] != previous:
                groups.append([])
                previous = document.paragraphs[index]
            groups[-1].append(Sentence(document.sentence(index), self.tokenizer))
        if document.headline and self.algorithm == "edmundson":
            heading = Sentence(document.headline, self.tokenizer, is_heading=True)
            groups = [[heading, *groups[0]], *groups[1:]] if groups else [[heading]]
        return ObjectDocumentModel([Paragraph(sentences) for sentences in groups])

    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """sumy's ranking as scores (best = highest); sentences past the cap score ``-inf`` (never picked)."""
        limit = self._limit()
        model = self.sumy_document(document, limit)
        sentences = model.sentences
        captured: list[Any] = []

        def count(infos: list[Any]) -> list[Any]:
            captured[:] = infos
            return infos

        if sentences:
            with np.errstate(divide="ignore", invalid="ignore"):  # sumy's LexRank divides 0/0 on edgeless graphs
                self.build()(model, count)
        scores = np.full(len(document), -np.inf)  # past the cap: never picked
        scores[: len(sentences)] = 0.0  # read but not ranked by sumy (e.g. no words): after the ranked ones
        for position, info in enumerate(captured):
            scores[info.order] = float(len(captured) - position)
        word_counts = np.array([len(self.tokenizer.to_words(s)) for s in document.sentences], dtype=np.int64)
        return scores, word_counts

    def summary_info(self, document: Document) -> dict[str, Any]:
        limit = self._limit()
        return {"truncated_to": limit} if len(document) > limit else {}


def _seeded_random(klass: type, seed: int) -> type:
    """sumy's RandomSummarizer with its own ``random.Random(seed)`` (the global generator is untouched)."""

    class SeededRandomSummarizer(klass):  # type: ignore[misc, valid-type]
        def _get_random_ratings(self, sentences: Any) -> dict[Any, int]:
            ratings = list(range(len(sentences)))
            random.Random(seed).shuffle(ratings)
            return dict(zip(sentences, ratings))

    return SeededRandomSummarizer
