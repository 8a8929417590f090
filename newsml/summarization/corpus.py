"""Article/reference pairs from the JSONL reference sets in ``eval/data/summaries/``.

Every set is read the same way: ``article`` (or ``raw_text`` with ``raw=True``) is the text, ``reference``
or ``references`` the human summaries, ``headline`` (when the set has one) becomes a heading line of an
:class:`~newsml.types.Article`, so summarisers see it as the title and never pick it.

>>> article = headed_article("Truce agreed", "Russia and Turkey agreed a truce.\\nIt starts at midnight.")
>>> [(line.text, line.label) for line in article.lines]
[('Truce agreed', 'heading'), ('Russia and Turkey agreed a truce.', 'story'), ('It starts at midnight.', 'story')]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsml.errors import ConfigError
from newsml.text.segment import line_spans
from newsml.types import Article, Line


@dataclass(frozen=True)
class ReferencePair:
    """One article of a reference set: its text, headline and human references."""

    id: str
    text: str
    references: tuple[str, ...]
    headline: str | None = None
    reference_type: str = ""

    def article(self) -> Article:
        """The text as an :class:`Article` of story lines, with the headline (if any) as a heading line."""
        return headed_article(self.headline, self.text)

    @property
    def extractive(self) -> bool:
        """Whether the references are made of article sentences (labels come from exact matches)."""
        return self.reference_type.startswith("extractive")


def headed_article(headline: str | None, body: str) -> Article:
    """An :class:`Article` whose first line is ``headline`` (label ``heading``) and the rest ``story``.

    This is the pre-cleaned form of an article whose headline is known (``clean=False`` behaviour with
    the title kept out of the candidates).
    """
    headline = " ".join((headline or "").split())
    text = f"{headline}\n{body}" if headline else body
    lines = [Line(text[s:e], s, e, "story") for s, e in line_spans(text)]
    if headline and lines:
        first = lines[0]
        lines[0] = Line(first.text, first.start, first.end, "heading")
    return Article(text, tuple(lines))


def read_reference_set(path: str | Path, raw: bool = False) -> list[ReferencePair]:
    """Read a reference set (``inshorts.jsonl``, ``newsml_references.jsonl``, ...).

    With ``raw=True`` the ``raw_text`` field (the article with its boilerplate) is used; sets without it
    raise :class:`~newsml.errors.ConfigError`.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"reference set not found: {path}")
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            field = "raw_text" if raw else "article"
            if field not in row:
                raise ConfigError(f"{path}:{number} has no {field!r} field; fields are {sorted(row)}")
            references = row.get("references") or [row["reference"]]
            pairs.append(ReferencePair(
                id=str(row["id"]),
                text=row[field],
                references=tuple(references),
                headline=row.get("headline"),
                reference_type=str(row.get("reference_type", "")),
            ))
    return pairs
