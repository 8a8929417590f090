"""Oracle sentence labels for training an extractive scorer.

:func:`greedy_oracle` is the greedy ROUGE oracle of Nallapati et al. (2017) / Kedzie et al. (2018): add
the sentence that most raises the mean of ROUGE-1 and ROUGE-2 F1 (rouge-score, via
:class:`~newsml.evaluation.rouge.RougeScorer`) against the references, and stop when no sentence raises
it or ``max_sentences`` are chosen. :func:`extractive_labels` marks the sentences an extractive reference
copies verbatim.

>>> sentences = ["Russia and Turkey agreed a truce.", "Markets were calm.", "The truce starts at midnight."]
>>> greedy_oracle(sentences, ["Russia and Turkey agreed a truce that starts at midnight."])
[0, 2]
>>> extractive_labels(sentences, ["Markets were calm.\\nRussia and Turkey  agreed a truce."])
[0, 1]
"""

from __future__ import annotations

from typing import Sequence

from newsml.evaluation.rouge import RougeScorer

_SCORER: RougeScorer | None = None


def _scorer() -> RougeScorer:
    global _SCORER
    if _SCORER is None:
        _SCORER = RougeScorer(("rouge1", "rouge2"))
    return _SCORER


def greedy_oracle(sentences: Sequence[str], references: Sequence[str], max_sentences: int = 3,
                  scorer: RougeScorer | None = None) -> list[int]:
    """Indices (document order) of the greedy ROUGE-1+2 oracle summary of ``sentences``."""
    scorer = scorer or _scorer()
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < max_sentences:
        gains = []
        for index in range(len(sentences)):
            if index in chosen:
                continue
            summary = "\n".join(sentences[i] for i in sorted([*chosen, index]))
            scores = scorer.score(summary, list(references))
            gains.append(((scores["rouge1"].fmeasure + scores["rouge2"].fmeasure) / 2, -index, index))
        if not gains:
            break
        value, _, index = max(gains)
        if value <= best:
            break
        best = value
        chosen.append(index)
    return sorted(chosen)


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def extractive_labels(sentences: Sequence[str], references: Sequence[str]) -> list[int]:
    """Indices of the sentences that occur verbatim (up to whitespace and case) in an extractive reference."""
    from newsml.text import DEFAULT_TOKENIZER

    copied = {_normalise(s) for reference in references for s in DEFAULT_TOKENIZER.sentences(reference)}
    copied |= {_normalise(line) for reference in references for line in reference.splitlines() if line.strip()}
    return [i for i, sentence in enumerate(sentences) if _normalise(sentence) in copied]
