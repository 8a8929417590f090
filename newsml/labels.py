"""The line taxonomy shared by every newsml classifier.

>>> from newsml.labels import LABELS, KEEP
>>> LABELS[0], sorted(KEEP)
('story', ['heading', 'story'])
"""

from __future__ import annotations

from newsml.errors import ConfigError

LABELS: tuple[str, ...] = ("story", "heading", "ad", "caption", "related", "other")
"""Every label a line can get, in a fixed order (the column order of ``predict_proba``)."""

KEEP: frozenset[str] = frozenset({"story", "heading"})
"""Labels kept by default: the article text."""

BOILERPLATE: tuple[str, ...] = ("ad", "caption", "related", "other")
"""The four boilerplate labels."""

COARSE_BOILERPLATE = "boilerplate"
"""Training-only label for a line known to be boilerplate whose kind is unknown (binary data sets)."""

GOLD_LABELS: tuple[str, ...] = (*LABELS, COARSE_BOILERPLATE)
"""Gold line labels a labelled file may use: the six labels, or ``boilerplate`` for binary data."""


def parse_labels(spec: str | set[str] | frozenset[str] | list[str] | tuple[str, ...]) -> frozenset[str]:
    """Parse a set of labels (``"story,heading"`` or an iterable), rejecting unknown names.

    >>> sorted(parse_labels("story, caption"))
    ['caption', 'story']
    """
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    labels = frozenset(item.strip() for item in items if item.strip())
    unknown = sorted(labels - set(LABELS))
    if unknown:
        raise ConfigError(f"unknown label(s) {unknown}; valid labels are {list(LABELS)}")
    if not labels:
        raise ConfigError(f"no labels given; choose from {list(LABELS)}")
    return labels
