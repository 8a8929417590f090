"""Reproducible training of the shipped line classifier: ``newsml train classifier --config FILE``.

Steps (all settings come from the config, see ``configs/classifiers/default.yaml``):

1. load the labelled lines of the configured sources and keep the ``train`` documents of the fixed split
   (``eval/splits/classifier.json``); add extractor-style crops of the training pages;
2. weight every source equally (each source's lines share the same total weight), so the 85%-boilerplate
   pages do not teach the model to delete text from light extractor residue;
3. cross-validate over sites (``GroupKFold`` on the domain) to get out-of-fold probabilities, and pick
   the pair of keep thresholds (one for documents the model routes as extractor residue, one for those
   it routes as whole pages) that removes the most boilerplate while every listed source keeps the
   target share of its story lines;
4. fit on all training lines with that threshold and save the model (npz arrays + JSON, no pickle).

The test part of the split is never read here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from newsml.cleaning.dataset import article_crops, load_labelled_lines, split_frame
from newsml.cleaning.metrics import binary_scores
from newsml.cleaning.model import LineClassifier
from newsml.cleaning.persist import save_classifier
from newsml.config import load

DEFAULTS: dict[str, Any] = {
    "data_dir": "eval/data/boilerplate",
    "split": "eval/splits/classifier.json",
    "sources": ["aeb_lines", "newspaper_texts", "seeds", "aeb_pages", "newspaper_pages"],
    "crops": {"enabled": True, "margin": 2},
    "balance_sources": True,
    "model": {},
    "threshold": {"target_story_recall": 0.99, "folds": 4, "sources": None},
    "output": "newsml/data/line_classifier.npz",
    "report": "eval/results/classifier_training.json",
}
"""Training config keys; ``model`` holds :class:`LineClassifier` hyperparameters."""


def training_frame(config: dict[str, Any]) -> pd.DataFrame:
    """The training lines (train part of the split, plus page crops when enabled)."""
    frame = load_labelled_lines(config["data_dir"], config["sources"])
    split = json.loads(Path(config["split"]).read_text(encoding="utf-8"))
    train, _ = split_frame(frame, split)
    if config["crops"]["enabled"]:
        train = pd.concat([train, article_crops(train, config["crops"]["margin"])], ignore_index=True)
    return train.assign(group=train["domain"])


def source_weights(frame: pd.DataFrame, balance: bool = True) -> np.ndarray:
    """Per-line weights giving every source the same total weight (mean weight 1)."""
    if not balance:
        return np.ones(len(frame))
    weights = 1.0 / frame.groupby("source")["doc"].transform("size").to_numpy(dtype=np.float64)
    return weights / weights.mean()


def out_of_fold_proba(model: LineClassifier, frame: pd.DataFrame, weights: np.ndarray,
                      folds: int) -> tuple[np.ndarray, np.ndarray]:
    """Six-label probabilities and page probabilities of every line from models that never saw its site."""
    from sklearn.base import clone

    proba = np.zeros((len(frame), 6))
    page = np.zeros(len(frame))
    sites = pd.factorize(frame["domain"])[0]
    labels = frame["label"].to_numpy()
    for train, test in GroupKFold(n_splits=folds).split(frame, groups=sites):
        fitted = clone(model).fit(frame.iloc[train], labels[train], sample_weight=weights[train])
        proba[test] = fitted.predict_proba(frame.iloc[test])
        page[test] = fitted.page_probability(frame.iloc[test])
    return proba, page


def choose_thresholds(proba: np.ndarray, page: np.ndarray, frame: pd.DataFrame, target: float,
                      sources: list[str] | None, n_candidates: int = 400) -> dict:
    """The pair of keep thresholds (residue route, page route) that removes the most boilerplate while
    every one of ``sources`` (default: all) keeps at least ``target`` of its story lines.

    Lines are routed the way the model routes them (documents it judges to be whole pages, and the rest).
    A source's story recall counts its lines in both routes, so a few extractor documents that look like
    pages constrain the page threshold only as much as their share of the source's story lines.
    Candidates are quantiles of each route's keep probabilities; among the pairs that meet the target
    on every listed source, the one with the highest mean boilerplate recall over all sources wins.
    """
    keep = proba[:, 0] + proba[:, 1]
    labels = frame["label"].to_numpy()
    is_story = labels == "story"
    is_boilerplate = ~np.isin(labels, ("story", "heading"))
    source_of = frame["source"].to_numpy()
    all_sources = sorted(set(source_of))
    routes = {"residue": page < 0.5, "page": page >= 0.5}
    candidates = {route: np.unique(np.concatenate([np.quantile(keep[rows], np.linspace(0, 1, n_candidates)), [0.5]]))
                  if rows.any() else np.array([0.5]) for route, rows in routes.items()}

    def kept_and_removed(source: str) -> tuple[np.ndarray, np.ndarray]:
        """Story recall and boilerplate recall of ``source`` on the grid (residue candidates x page candidates)."""
        counts = []
        for route in ("residue", "page"):
            rows = routes[route] & (source_of == source)
            kept = keep[rows][None, :] >= candidates[route][:, None]
            counts.append(((kept & is_story[rows]).sum(axis=1), (~kept & is_boilerplate[rows]).sum(axis=1)))
        n_story = max(int((is_story & (source_of == source)).sum()), 1)
        n_boilerplate = max(int((is_boilerplate & (source_of == source)).sum()), 1)
        story = (counts[0][0][:, None] + counts[1][0][None, :]) / n_story
        removed = (counts[0][1][:, None] + counts[1][1][None, :]) / n_boilerplate
        return story, removed

    grids = {source: kept_and_removed(source) for source in all_sources}
    feasible = np.ones((len(candidates["residue"]), len(candidates["page"])), dtype=bool)
    for source in sources or all_sources:
        if source not in grids:
            raise ValueError(f"threshold source {source!r} has no training lines; sources are {all_sources}")
        feasible &= grids[source][0] >= target
    objective = np.mean([removed for _, removed in grids.values()], axis=0)
    if not feasible.any():  # keep everything rather than miss the target
        residue, page_index = 0, 0
    else:
        residue, page_index = np.unravel_index(np.where(feasible, objective, -1.0).argmax(), feasible.shape)
    return {"keep_threshold": float(candidates["residue"][residue]),
            "page_keep_threshold": float(candidates["page"][page_index]),
            "cross_validated_story_recall": {s: float(g[0][residue, page_index]) for s, g in grids.items()},
            "cross_validated_boilerplate_recall": {s: float(g[1][residue, page_index]) for s, g in grids.items()},
            "lines_routed_to_page": {source: float((page[source_of == source] >= 0.5).mean())
                                     for source in all_sources}}


def per_source_scores(frame: pd.DataFrame, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    """Binary scores of ``predicted`` labels for each source of ``frame``."""
    return {source: binary_scores(frame["label"].to_numpy()[rows], predicted[rows])
            for source, rows in ((s, (frame["source"] == s).to_numpy()) for s in sorted(frame["source"].unique()))}


def train_from_config(config_path: str | Path | None = None, output: str | Path | None = None) -> Path:
    """Train, tune the threshold, save the model and a training report; return the model path."""
    from newsml.cleaning.model import labels_from_proba

    config = load(config_path, DEFAULTS, open_keys=frozenset({"model"}))
    started = time.perf_counter()
    frame = training_frame(config)
    weights = source_weights(frame, config["balance_sources"])
    model = LineClassifier(**config["model"])
    settings = config["threshold"]
    proba, page = out_of_fold_proba(model, frame, weights, settings["folds"])
    chosen = choose_thresholds(proba, page, frame, settings["target_story_recall"], settings["sources"])
    model.set_params(keep_threshold=chosen["keep_threshold"], page_keep_threshold=chosen["page_keep_threshold"])
    model.fit(frame, frame["label"].to_numpy(), sample_weight=weights)
    path = save_classifier(model, output or config["output"])
    report = {
        "config": config,
        "threshold": chosen,
        "cross_validated": per_source_scores(frame, labels_from_proba(proba, model.thresholds(page))),
        "lines": int(len(frame)),
        "documents": int(frame["doc"].nunique()),
        "seconds": round(time.perf_counter() - started, 1),
    }
    report_path = Path(config["report"])
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report, indent=2, default=float) + "\n", encoding="utf-8")
    return path
