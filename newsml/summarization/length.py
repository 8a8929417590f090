"""The summary length specification shared by every summariser.

``length`` may be

* an ``int`` k >= 1: k sentences (extractive) / about k sentences' worth of tokens (abstractive);
* a ``float`` r with 0 < r < 1: the ratio r of the article's sentences, rounded up, at least 1;
* a ``str`` ``"<n>w"`` (e.g. ``"60w"``) or a mapping ``{"words": n}``: a budget of n words. Extractive
  methods add whole sentences in rank order while the total stays within n words (never cutting a
  sentence); the best-ranked sentence is always included even when it alone exceeds the budget, so a
  non-empty article never gets an empty summary;
* a ``str`` ``"<k>s"`` or ``{"sentences": k}``: the same as the int k; ``"<r>%"`` or ``{"ratio": r}``:
  the same as the float ratio (``"30%"`` is 0.3).

>>> Length.parse("60w")
Length(kind='words', value=60)
>>> Length.parse(0.25).sentence_count(10)
3
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from newsml.errors import ConfigError

_VALID = "an int (sentences), a float in (0, 1) (ratio), '60w' / {'words': 60}, '3s' / {'sentences': 3}, '30%' / {'ratio': 0.3}"


@dataclass(frozen=True, slots=True)
class Length:
    """A parsed length: ``kind`` is ``"sentences"``, ``"words"`` or ``"ratio"``."""

    kind: str
    value: float

    @classmethod
    def parse(cls, spec: "int | float | str | Mapping[str, Any] | Length") -> "Length":
        """Parse any accepted spelling of a length (see the module docstring)."""
        if isinstance(spec, Length):
            return spec
        if isinstance(spec, bool):
            raise ConfigError(f"length {spec!r} is not valid; use {_VALID}")
        if isinstance(spec, Mapping):
            if len(spec) != 1:
                raise ConfigError(f"length mapping {dict(spec)!r} must have exactly one key; use {_VALID}")
            ((kind, value),) = spec.items()
            if kind not in ("sentences", "words", "ratio"):
                raise ConfigError(f"unknown length kind {kind!r}; use {_VALID}")
            return cls._checked(kind, value)
        if isinstance(spec, int):
            return cls._checked("sentences", spec)
        if isinstance(spec, float):
            return cls._checked("ratio", spec)
        if isinstance(spec, str):
            match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(w|s|%)\s*", spec.lower())
            if match:
                number, unit = float(match.group(1)), match.group(2)
                if unit == "%":
                    return cls._checked("ratio", number / 100)
                return cls._checked("words" if unit == "w" else "sentences", number)
        raise ConfigError(f"length {spec!r} is not valid; use {_VALID}")

    @classmethod
    def _checked(cls, kind: str, value: Any) -> "Length":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"length {kind} must be a number, not {value!r}")
        if kind == "ratio":
            if not 0 < value < 1:
                raise ConfigError(f"length ratio must be in (0, 1), got {value}")
            return cls(kind, float(value))
        if value < 1 or value != int(value):
            raise ConfigError(f"length in {kind} must be a whole number >= 1, got {value}")
        return cls(kind, int(value))

    def sentence_count(self, n_sentences: int) -> int:
        """How many sentences to pick from an article of ``n_sentences`` (sentence and ratio kinds)."""
        if self.kind == "sentences":
            return min(int(self.value), n_sentences)
        if self.kind == "ratio":
            return min(n_sentences, max(1, math.ceil(self.value * n_sentences)))
        raise ValueError("a word budget has no fixed sentence count; use select_by_rank")

    def select_by_rank(self, ranked: list[int], word_counts: list[int]) -> list[int]:
        """Pick sentence indices from ``ranked`` (best first) to meet this length; returns document order.

        ``word_counts[i]`` is the number of words of sentence i. Word budgets never cut a sentence.
        """
        if not ranked:
            return []
        if self.kind != "words":
            return sorted(ranked[: self.sentence_count(len(word_counts))])
        chosen, total = [], 0
        for index in ranked:
            if total + word_counts[index] <= self.value or not chosen:
                chosen.append(index)
                total += word_counts[index]
        return sorted(chosen)

    def to_dict(self) -> dict[str, float]:
        """``{kind: value}``, the form configs and results use."""
        return {self.kind: self.value}
