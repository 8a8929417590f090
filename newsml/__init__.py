"""newsml: clean, summarise and evaluate scraped news text.

>>> import newsml
>>> newsml.LABELS
('story', 'heading', 'ad', 'caption', 'related', 'other')

Heavy pieces (scikit-learn models, summarisers, torch) load on first use, so ``import newsml`` is fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsml._lazy import lazy_attributes
from newsml.errors import ConfigError, DocumentError, InputError, ModelError, NewsmlError
from newsml.labels import KEEP, LABELS
from newsml.text import Tokenizer
from newsml.types import Article, Line, Summary

__version__ = "0.1.0"

_LAZY = {
    "clean": "newsml.cleaning.api",
    "clean_many": "newsml.cleaning.api",
    "load_classifier": "newsml.cleaning.api",
    "RuleClassifier": "newsml.cleaning.rules",
    "LineClassifier": "newsml.cleaning.model",
    "summarize": "newsml.summarization.api",
    "summarizers": "newsml.summarization.api",
    "get_summarizer": "newsml.summarization.api",
}

__all__ = [
    "KEEP", "LABELS", "Article", "Line", "Summary", "Tokenizer",
    "ConfigError", "DocumentError", "InputError", "ModelError", "NewsmlError", *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover
    from newsml.cleaning.api import clean, clean_many, load_classifier
    from newsml.cleaning.model import LineClassifier
    from newsml.cleaning.rules import RuleClassifier
    from newsml.summarization.api import get_summarizer, summarize, summarizers


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())
