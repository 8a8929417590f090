"""``supervised``: a trained scikit-learn sentence scorer with redundancy control.

Each candidate sentence gets the features of :mod:`newsml.summarization.features`; a logistic
regression trained on greedy-ROUGE-oracle labels (see :mod:`newsml.summarization.supervised_training`,
``newsml train summarizer``) scores them, and sentences are taken best first, skipping one that
repeats a word trigram of the summary so far (trigram blocking) or re-ranked by maximal marginal
relevance (``redundancy="mmr"``).

The model ships as package data in a safe format: ``newsml/data/summarizer.json`` (feature names,
training record) and ``summarizer.npz`` (the standardisation and weights, loaded with
``allow_pickle=False``).

>>> text = ("Russia and Turkey agreed a ceasefire in Idlib on Thursday. The truce starts at midnight. "
...         "Markets were calm. Both sides will patrol the M4 highway.")
>>> SupervisedSummarizer().summarize(text, length=2, clean=False).method
'supervised'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsml._threads import single_threaded
from newsml.errors import ConfigError, ModelError
from newsml.summarization.base import Document
from newsml.summarization.features import FEATURE_NAMES, sentence_features
from newsml.summarization.length import Length
from newsml.summarization.ranking import RankingSummarizer, mmr_order, rank_order, select, trigram_blocker, trigrams
from newsml.text import DEFAULT_TOKENIZER, Tokenizer
from newsml.types import Summary

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "data" / "summarizer.json"
"""The shipped model (package data)."""

FORMAT = "newsml.summarizer"
FORMAT_VERSION = 1
REDUNDANCY = ("trigram", "mmr", "none")


@dataclass(frozen=True)
class SentenceScorer:
    """A standardised linear sentence scorer: ``score = ((x - mean) / scale) @ coef + intercept``.

    ``info`` records how it was trained (config, data, sizes, versions).
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    info: dict[str, Any] = field(default_factory=dict)

    def decision_function(self, values: np.ndarray) -> np.ndarray:
        """The score of each row of a sentences x features matrix (the logit of "in the summary")."""
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 2 or values.shape[1] != len(self.features):
            raise ValueError(f"expected a matrix with {len(self.features)} feature columns, got shape {values.shape}")
        return ((values - self.mean) / self.scale) @ self.coef + self.intercept

    def save(self, path: str | Path) -> Path:
        """Write ``path`` (JSON) and the arrays next to it (same name, ``.npz``); returns ``path``."""
        path = Path(path)
        if path.suffix != ".json":
            raise ConfigError(f"model path must end in .json (the arrays go in a .npz beside it), got {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = path.with_suffix(".npz")
        np.savez(arrays, mean=self.mean, scale=self.scale, coef=self.coef, intercept=np.array([self.intercept]))
        meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "model": "standardised logistic regression",
                "features": list(self.features), "arrays": arrays.name, "info": self.info}
        path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "SentenceScorer":
        """Read a model written by :meth:`save` (no pickle involved)."""
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"summariser model not found: {path}; train one with "
                             "'newsml train summarizer --config configs/summarizers/supervised.yaml'")
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(f"{path} is not a readable newsml summariser model: {error}") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ModelError(f"{path} is not a newsml summariser model (format {FORMAT!r} expected)")
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{path} has format version {meta.get('format_version')}; this newsml reads "
                             f"version {FORMAT_VERSION}: retrain it with 'newsml train summarizer'")
        arrays_path = path.with_name(meta.get("arrays", path.with_suffix(".npz").name))
        try:
            with np.load(arrays_path, allow_pickle=False) as arrays:
                mean, scale, coef = arrays["mean"], arrays["scale"], arrays["coef"]
                intercept = float(arrays["intercept"][0])
        except (OSError, KeyError, ValueError) as error:
            raise ModelError(f"cannot read the arrays of {path} from {arrays_path}: {error}") from None
        features = tuple(meta.get("features", ()))
        if not (len(features) == len(mean) == len(scale) == len(coef)):
            raise ModelError(f"{path}: {len(features)} feature names but arrays of sizes "
                             f"{len(mean)}, {len(scale)}, {len(coef)}")
        return cls(features, mean, scale, coef, intercept, meta.get("info", {}))


@lru_cache(maxsize=8)
def _cached_scorer(path: str, mtime: float) -> SentenceScorer:
    return SentenceScorer.load(path)


def load_scorer(model: str | Path | None = None) -> SentenceScorer:
    """Load (and cache) a sentence scorer; ``None`` means the shipped model."""
    path = Path(model) if model is not None else DEFAULT_MODEL
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return SentenceScorer.load(path)  # raises the clear "not found" error
    scorer = _cached_scorer(str(path.resolve()), mtime)
    if scorer.features != FEATURE_NAMES:
        missing = sorted(set(FEATURE_NAMES) ^ set(scorer.features))
        raise ModelError(f"{path} was trained with other features than this newsml computes "
                         f"(differing: {missing}); retrain it with 'newsml train summarizer'")
    return scorer


class SupervisedSummarizer(RankingSummarizer):
    """Extract the sentences a trained scorer rates best, with redundancy control.

    Parameters
    ----------
    model:
        Path of a model JSON file written by ``newsml train summarizer`` (``None``: the shipped one).
    redundancy:
        ``"trigram"`` (skip a sentence sharing a word trigram with the summary), ``"mmr"`` (maximal
        marginal relevance with ``mmr_weight``) or ``"none"``.
    mmr_weight:
        Weight of the score against redundancy in MMR (1 = no redundancy penalty).
    tokenizer:
        The newsml tokenizer.
    """

    name = "supervised"

    def __init__(self, model: str | Path | None = None, redundancy: str = "trigram", mmr_weight: float = 0.7,
                 tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.model = model
        self.redundancy = redundancy
        self.mmr_weight = mmr_weight
        self.tokenizer = tokenizer

    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """The scorer's logits for every candidate, and their word counts."""
        table = sentence_features(document, self.tokenizer)
        return load_scorer(self.model).decision_function(table.values), table.word_counts

    def summarize_document(self, document: Document, length: Length) -> Summary:
        """Score the candidates, then select best first with the chosen redundancy control."""
        if self.redundancy not in REDUNDANCY:
            raise ConfigError(f"unknown redundancy {self.redundancy!r}; valid: {list(REDUNDANCY)}")
        if self.redundancy == "mmr" and not 0 <= self.mmr_weight <= 1:
            raise ConfigError(f"mmr_weight must be in [0, 1], got {self.mmr_weight}")
        scorer = load_scorer(self.model)
        if len(document) == 0:
            return self._extractive_summary(document, [], length)
        with single_threaded("blas"):
            table = sentence_features(document, self.tokenizer)
            scores = scorer.decision_function(table.values)
        blocked = None
        if self.redundancy == "mmr":
            ranked = mmr_order(scores, table.similarity, self.mmr_weight)
        else:
            ranked = rank_order(scores)
            if self.redundancy == "trigram":
                blocked = trigram_blocker([trigrams(sentence) for sentence in document.sentences])
        chosen = select(ranked, length, table.word_counts, blocked)
        return self._extractive_summary(document, chosen, length, redundancy=self.redundancy)
