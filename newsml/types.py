"""The values newsml returns: :class:`Line`, :class:`Article` and :class:`Summary`.

>>> line = Line("Advertisement", 0, 13, "ad", {"ad": 0.97})
>>> Article("Advertisement", (line,)).story
''
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from newsml.labels import KEEP


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line with its label.

    ``text == article.text[start:end]``; ``probabilities`` maps every label to its probability.
    """

    text: str
    start: int
    end: int
    label: str
    probabilities: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--format jsonl`` record of one line)."""
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "probabilities": {k: round(float(v), 6) for k, v in self.probabilities.items()},
        }


@dataclass(frozen=True, slots=True)
class Article:
    """An input text and one :class:`Line` per non-blank line, in input order."""

    text: str
    lines: tuple[Line, ...]

    @property
    def story(self) -> str:
        """The story and heading lines joined by ``"\\n"``."""
        return self.kept(KEEP)

    def kept(self, labels: frozenset[str] | set[str] = KEEP) -> str:
        """The lines whose label is in ``labels``, joined by ``"\\n"``."""
        return "\n".join(line.text for line in self.lines if line.label in labels)

    def removed(self, keep: frozenset[str] | set[str] = KEEP) -> list[Line]:
        """The lines not kept."""
        return [line for line in self.lines if line.label not in keep]


@dataclass(frozen=True, slots=True)
class Summary:
    """A summary: sentences in document order, each with its ``(start, end)`` offsets in the input.

    Extractive methods give verbatim input sentences (``text[start:end] == sentence``); abstractive
    methods give generated sentences and ``spans`` of ``None``. ``info`` records how the summary was
    made (length spec, chunking, truncation, cleaning).
    """

    sentences: tuple[str, ...]
    method: str
    spans: tuple[tuple[int, int] | None, ...] = ()
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The sentences joined by ``"\\n"`` (one sentence per line, as rougeLsum expects)."""
        return "\n".join(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)
