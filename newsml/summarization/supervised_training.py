"""Train the ``supervised`` sentence scorer: ``newsml train summarizer --config configs/summarizers/supervised.yaml``.

The ``training`` section of the config names the reference sets (paths relative to the repository),
the document-level split file (only its ``train`` ids are used: ``eval/splits/summarization.json``),
per-set sample weights, whether a set is scraped text to clean first (``clean: true``: only the story
lines the shipped line classifier keeps are used) and the logistic-regression hyperparameters. Labels: sentences copied by an
extractive reference, else the greedy ROUGE oracle (:mod:`newsml.summarization.oracle`). Each training
article is used twice, with and without its headline (weight 1/2 each), so the scorer also works on
articles whose headline is unknown. Training is deterministic: the same config and data give the same
model file.

>>> sorted(TRAINING_DEFAULTS)
['C', 'data', 'max_iter', 'oracle_sentences', 'output', 'split']
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsml.config import read_yaml, resolve
from newsml.errors import ConfigError
from newsml.summarization.base import Document
from newsml.summarization.corpus import ReferencePair, read_reference_set
from newsml.summarization.features import FEATURE_NAMES, sentence_features
from newsml.summarization.oracle import extractive_labels, greedy_oracle
from newsml.summarization.supervised import DEFAULT_MODEL, SentenceScorer

TRAINING_DEFAULTS: dict[str, Any] = {
    "output": "newsml/data/summarizer.json",
    "split": "eval/splits/summarization.json",
    "data": [
        {"path": "eval/data/summaries/bbc_extractive.jsonl", "weight": 0.3},
        {"path": "eval/data/summaries/inshorts.jsonl", "weight": 1.0},
    ],
    "oracle_sentences": 3,
    "C": 0.1,
    "max_iter": 5000,
}
"""The ``training`` section's keys and defaults."""


def _find(path: str | Path, config_path: Path | None) -> Path:
    """Resolve a relative path against the working directory, then the config file's ancestors."""
    path = Path(path)
    if path.is_absolute() or path.exists() or config_path is None:
        return path
    for parent in config_path.resolve().parents:
        if (parent / path).exists():
            return parent / path
    return path


def training_config(config: str | Path | dict[str, Any] | None) -> tuple[dict[str, Any], Path | None]:
    """The resolved ``training`` section of a supervised config (path, mapping or ``None``)."""
    config_path = None
    if isinstance(config, (str, Path)):
        config_path = Path(config)
        config = read_yaml(config_path)
    section = (config or {}).get("training", {}) if isinstance(config, dict) else {}
    if section is None:
        section = {}
    if not isinstance(section, dict):
        raise ConfigError(f"'training' must be a mapping, not {type(section).__name__}")
    return resolve(TRAINING_DEFAULTS, section, "training", open_keys=frozenset({"data"})), config_path


def training_pairs(settings: dict[str, Any], config_path: Path | None = None) -> list[tuple[ReferencePair, float]]:
    """The (pair, weight) training articles: the ``train`` ids of the split for each data set."""
    split_path = _find(settings["split"], config_path)
    if not split_path.is_file():
        raise ConfigError(f"split file not found: {split_path}")
    split = json.loads(split_path.read_text(encoding="utf-8"))
    train = split.get("train", {})
    pairs = []
    for entry in settings["data"]:
        if not isinstance(entry, dict) or "path" not in entry:
            raise ConfigError(f"each training data entry needs a 'path' (and optional 'weight' and 'clean'), "
                              f"got {entry!r}")
        path = _find(entry["path"], config_path)
        ids = train.get(path.name)
        if ids is None:
            raise ConfigError(f"{path.name} has no 'train' part in {split_path}; it holds {sorted(train)}")
        rows = read_reference_set(path)
        if ids != "all":
            wanted = set(ids)
            rows = [row for row in rows if row.id in wanted]
        if entry.get("clean", False):  # scraped text: train on the story lines the shipped cleaner keeps
            from newsml.cleaning.api import clean_many

            articles = clean_many((row.text for row in rows), on_error="raise")
            rows = [replace(row, text=article.kept(frozenset({"story"}))) for row, article in zip(rows, articles)]
        pairs.extend((row, float(entry.get("weight", 1.0))) for row in rows)
    if not pairs:
        raise ConfigError("no training articles: check 'data' and the split file")
    return pairs


def labelled_examples(pairs: list[tuple[ReferencePair, float]], oracle_sentences: int = 3
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and sample weights of every sentence of every training article."""
    features, labels, weights = [], [], []
    for pair, weight in pairs:
        variants = [pair, replace(pair, headline=None)] if pair.headline else [pair]
        for variant in variants:
            document = Document.from_text(variant.article(), clean=False)
            if len(document) == 0:
                continue
            if pair.extractive:
                positive = extractive_labels(document.sentences, pair.references)
            else:
                positive = greedy_oracle(document.sentences, pair.references, oracle_sentences)
            label = np.zeros(len(document))
            label[positive] = 1.0
            features.append(sentence_features(document).values)
            labels.append(label)
            weights.append(np.full(len(document), weight / len(variants)))
    return np.vstack(features), np.concatenate(labels), np.concatenate(weights)


def fit_scorer(features: np.ndarray, labels: np.ndarray, weights: np.ndarray, C: float = 0.1,
               max_iter: int = 5000) -> SentenceScorer:
    """Fit a standardised logistic regression and return it as a :class:`SentenceScorer`."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if len(set(labels.tolist())) < 2:
        raise ConfigError("the training labels have a single class; add articles with references")
    scaler = StandardScaler().fit(features, sample_weight=weights)
    model = LogisticRegression(C=C, max_iter=max_iter).fit(scaler.transform(features), labels, sample_weight=weights)
    return SentenceScorer(FEATURE_NAMES, scaler.mean_.copy(), scaler.scale_.copy(), model.coef_[0].copy(),
                          float(model.intercept_[0]))


def _fingerprint(pairs: list[tuple[ReferencePair, float]]) -> str:
    digest = hashlib.sha256()
    for pair, weight in pairs:
        digest.update(json.dumps([pair.id, pair.text, pair.references, pair.headline, weight]).encode())
    return digest.hexdigest()[:16]


def train_from_config(config_path: str | Path | None, output: str | Path | None = None) -> Path:
    """Train the scorer as the config says and save it (JSON + npz); returns the JSON path."""
    import sklearn

    settings, path = training_config(config_path)
    pairs = training_pairs(settings, path)
    features, labels, weights = labelled_examples(pairs, settings["oracle_sentences"])
    scorer = fit_scorer(features, labels, weights, settings["C"], settings["max_iter"])
    target = Path(output) if output else _find(settings["output"], path) if settings["output"] else DEFAULT_MODEL
    counts: dict[str, int] = {}
    for pair, _ in pairs:
        counts[pair.id.split("-")[0]] = counts.get(pair.id.split("-")[0], 0) + 1
    info = {
        "config": settings,
        "articles": counts,
        "sentences": int(len(labels)),
        "positives": int(labels.sum()),
        "data_fingerprint": _fingerprint(pairs),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
    }
    return replace(scorer, info=info).save(target)
