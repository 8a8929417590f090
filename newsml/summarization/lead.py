"""``lead``: the first sentences of the article, the strong baseline of news summarisation.

>>> text = "Turkey and Russia agreed a ceasefire. Talks lasted six hours. Patrols start on March 15."
>>> LeadSummarizer().summarize(text, length=2, clean=False).sentences
('Turkey and Russia agreed a ceasefire.', 'Talks lasted six hours.')
"""

from __future__ import annotations

import numpy as np

from newsml.summarization.base import Document
from newsml.summarization.ranking import RankingSummarizer
from newsml.text import DEFAULT_TOKENIZER, Tokenizer


class LeadSummarizer(RankingSummarizer):
    """The first k candidate sentences (with ``clean=True``: the first k story sentences).

    With a word budget, sentences are taken in document order while they fit the budget (a sentence
    that does not fit is skipped, never cut).
    """

    name = "lead"

    def __init__(self, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.tokenizer = tokenizer

    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """Earlier is better: the score of sentence i is ``-i``."""
        word_counts = np.array([len(self.tokenizer.to_words(s)) for s in document.sentences], dtype=np.int64)
        return -np.arange(len(document), dtype=np.float64), word_counts
