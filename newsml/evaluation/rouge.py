"""ROUGE through rouge-score, with newsml's tokenizer injected and one sentence per line for rougeLsum.

Scoring one pair lives here; aggregation (bootstrap) and reporting live in their own modules.
With several references, each is scored and the one with the highest F1 is kept *per ROUGE type*
(the usual "max over references" of multi-reference news summarisation).

>>> scorer = RougeScorer()
>>> round(scorer.score("Turkey and Russia agreed a truce.", ["Russia and Turkey agreed a ceasefire."])["rouge1"].fmeasure, 3)
0.833
"""

from __future__ import annotations

from typing import Sequence

from newsml.text import Tokenizer

ROUGE_TYPES: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def valid_rouge_types() -> list[str]:
    """Every ROUGE type rouge-score accepts: ``rouge1`` .. ``rouge9``, ``rougeL`` and ``rougeLsum``.

    >>> valid_rouge_types()[-2:]
    ['rougeL', 'rougeLsum']
    """
    return [f"rouge{n}" for n in range(1, 10)] + ["rougeL", "rougeLsum"]


class RougeScorer:
    """Score a prediction against one or more references with rouge-score.

    Parameters
    ----------
    rouge_types:
        Any of ``rouge1``..``rouge9``, ``rougeL``, ``rougeLsum``.
    stem:
        Porter-stem tokens (rouge-score's ``use_stemmer``), done by the injected tokenizer.
    tokenizer:
        A newsml :class:`~newsml.text.Tokenizer` (or any object with ``tokenize`` and ``sentences``);
        it tokenizes for every ROUGE type and splits sentences for rougeLsum.
    """

    def __init__(self, rouge_types: Sequence[str] = ROUGE_TYPES, stem: bool = True,
                 tokenizer: Tokenizer | None = None):
        from rouge_score import rouge_scorer

        self.rouge_types = tuple(rouge_types)
        self.stem = stem
        self.tokenizer = tokenizer if tokenizer is not None else Tokenizer(stem=stem)
        self._scorer = rouge_scorer.RougeScorer(list(self.rouge_types), tokenizer=self.tokenizer)

    def score(self, prediction: str, references: str | Sequence[str]):
        """Return ``{rouge_type: Score(precision, recall, fmeasure)}``, max-F1 over references."""
        refs = [references] if isinstance(references, str) else list(references)
        if not refs:
            raise ValueError("at least one reference is needed")
        prediction = self.sentence_per_line(prediction)
        best = {}
        for reference in refs:
            scores = self._scorer.score(self.sentence_per_line(reference), prediction)
            for rouge_type, value in scores.items():
                if rouge_type not in best or value.fmeasure > best[rouge_type].fmeasure:
                    best[rouge_type] = value
        return best

    def sentence_per_line(self, text: str) -> str:
        """Put one sentence per line (rougeLsum's summary-level unit), using newsml's segmenter."""
        if "rougeLsum" not in self.rouge_types:
            return text
        return "\n".join(self.tokenizer.sentences(text))
