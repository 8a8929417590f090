"""Reproducible training of the shipped line classifier: ``newsml train classifier --config FILE``.

Steps (all settings come from the config, see ``configs/classifiers/default.yaml``):

1. load the labelled lines of the configured sources and keep the ``train`` documents of the fixed split
   (``eval/splits/classifier.json``); add extractor-style crops of the training pages;
2. weight every source equally (each source's lines share the same total weight), so the 85%-boilerplate
   pages do not teach the model to delete text from light extractor residue;
3. cross-validate over sites (``GroupKFold`` on the domain) to get out-of-fold probabilities, and pick
   one keep threshold per route (documents the model routes as extractor residue, and those it routes as
   whole pages): the largest that keeps the target share of the story lines of every listed source of
   that route's kind; with ``threshold.calibrate_folds``, at the lowest level that still keeps the target
   share on sites the threshold choice did not see (:func:`calibrated_level`);
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

from newsml.cleaning.dataset import HAND_LABELS, article_crops, load_labelled_lines, split_frame
from newsml.cleaning.metrics import binary_scores, story_recall_threshold
from newsml.cleaning.model import LineClassifier, line_thresholds, routed_to_page
from newsml.cleaning.persist import save_classifier
from newsml.config import load

DEFAULTS: dict[str, Any] = {
    "data_dir": "eval/data/boilerplate",
    "split": "eval/splits/classifier.json",
    "sources": ["aeb_lines", "newspaper_texts", "seeds", "written", "aeb_pages", "newspaper_pages"],
    "label_overrides": [HAND_LABELS],
    "crops": {"enabled": True, "margin": 2},
    "balance_sources": True,
    "model": {},
    "threshold": {"target_story_recall": 0.99, "folds": 4, "fold_seed": None, "sources": None, "calibrate_folds": None},
    "output": "newsml/data/line_classifier.npz",
    "report": "eval/results/classifier_training.json",
}
"""Training config keys; ``model`` holds :class:`LineClassifier` hyperparameters."""


def training_frame(config: dict[str, Any]) -> pd.DataFrame:
    """The training lines (train part of the split, plus page crops when enabled)."""
    frame = load_labelled_lines(config["data_dir"], config["sources"], config["label_overrides"])
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


def out_of_fold_proba(model: LineClassifier, frame: pd.DataFrame, weights: np.ndarray, folds: int,
                      fold_seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Six-label probabilities and page probabilities of every line from models that never saw its site.

    Sites go to folds by ``GroupKFold`` (balanced by size), or shuffled with ``fold_seed``: a few pages decide
    the threshold, so which sites share a fold moves it, and other seeds show by how much.
    """
    from sklearn.base import clone

    proba = np.zeros((len(frame), 6))
    page = np.zeros(len(frame))
    sites = pd.factorize(frame["domain"])[0]
    labels = frame["label"].to_numpy()
    splitter = GroupKFold(n_splits=folds, shuffle=fold_seed is not None, random_state=fold_seed)
    for train, test in splitter.split(frame, groups=sites):
        fitted = clone(model).fit(frame.iloc[train], labels[train], sample_weight=weights[train])
        proba[test] = fitted.predict_proba(frame.iloc[test])
        page[test] = fitted.page_probability(frame.iloc[test])
    return proba, page


def choose_thresholds(proba: np.ndarray, page: np.ndarray, frame: pd.DataFrame, target: float,
                      sources: list[str] | None, calibrate_folds: int | None = None) -> dict:
    """One keep threshold per route: the largest that keeps ``target`` of the story lines of every listed
    source of that route's kind (default: all sources).

    Lines are routed the way the model routes them (documents it judges to be whole pages, and the rest).
    The residue threshold is set on the residue sources' lines routed as residue, the page threshold on
    the page sources' lines routed as pages (``frame["kind"]`` names a source's kind). A few extractor
    documents that look like pages (a long list article) therefore cannot drag the page threshold down,
    and the story recall of such misrouted documents is reported, source by source, over both routes.

    With ``calibrate_folds``, thresholds are set at the lowest *level* (a story-recall quantile at or above
    ``target``) at which thresholds chosen on some sites keep ``target`` of the story lines of every listed
    source on the other sites (:func:`calibrated_level`): a threshold that keeps exactly ``target`` of the
    training story lines keeps less on new sites, because a few documents (a table, a product list) decide
    where the lowest-scored story lines lie.
    """
    keep = proba[:, 0] + proba[:, 1]
    labels = frame["label"].to_numpy()
    is_story = labels == "story"
    is_boilerplate = ~np.isin(labels, ("story", "heading"))
    source_of, kind_of = frame["source"].to_numpy(), frame["kind"].to_numpy()
    all_sources = sorted(set(source_of))
    unknown = sorted(set(sources or ()) - set(all_sources))
    if unknown:
        raise ValueError(f"threshold source(s) {unknown} have no training lines; sources are {all_sources}")
    listed = list(sources or all_sources)
    calibration = None
    level = target
    if calibrate_folds:
        calibration = calibrated_level(keep, page, frame, target, listed, calibrate_folds)
        level = calibration["level"]
    per_source, thresholds = _route_thresholds(keep, page, is_story, source_of, kind_of, listed, level)
    kept = keep >= line_thresholds(page, thresholds["residue"], thresholds["page"])
    return {"keep_threshold": thresholds["residue"], "page_keep_threshold": thresholds["page"],
            "level": level, "calibration": calibration,
            "per_route_and_source": per_source,
            "cross_validated_story_recall": _share_by_source(kept, is_story, source_of, all_sources),
            "cross_validated_boilerplate_recall": {s: 1 - share for s, share in  # the share not kept
                                                   _share_by_source(kept, is_boilerplate, source_of, all_sources).items()},
            "lines_routed_to_page": {source: float(routed_to_page(page[source_of == source]).mean())
                                     for source in all_sources}}


def _share_by_source(hit: np.ndarray, rows: np.ndarray, source_of: np.ndarray,
                     sources: list[str]) -> dict[str, float]:
    """For each source with any ``rows``, the share of its ``rows`` where ``hit`` holds (e.g. the story
    recall: ``hit`` = kept, ``rows`` = story lines)."""
    shares = {}
    for source in sources:
        selected = (source_of == source) & rows
        if selected.any():
            shares[source] = float(hit[selected].mean())
    return shares


def _route_thresholds(keep: np.ndarray, page: np.ndarray, is_story: np.ndarray, source_of: np.ndarray,
                      kind_of: np.ndarray, sources: list[str], level: float,
                      rows_in: np.ndarray | None = None) -> tuple[dict, dict[str, float]]:
    """Per route, the largest threshold keeping ``level`` of each listed source's story lines (of
    ``rows_in`` when given), and the route's threshold (the smallest of them; 0.5 when none)."""
    to_page = routed_to_page(page)
    routes = {"residue": ~to_page, "page": to_page}
    per_source: dict[str, dict[str, float]] = {"residue": {}, "page": {}}
    for source in sources:
        for route, routed in routes.items():
            rows = (source_of == source) & routed & (kind_of == route)
            if rows_in is not None:
                rows &= rows_in
            if is_story[rows].any():
                per_source[route][source] = story_recall_threshold(keep[rows], is_story[rows], level)
    return per_source, {route: min(values.values(), default=0.5) for route, values in per_source.items()}


def calibrated_level(keep: np.ndarray, page: np.ndarray, frame: pd.DataFrame, target: float,
                     sources: list[str], folds: int, step: float = 0.001) -> dict:
    """The lowest level in ``target, target + step, ..., 1`` whose thresholds generalise across sites.

    For each level, the sites are split into ``folds`` groups (``GroupKFold`` on the domain); thresholds
    chosen at that level on the other groups are applied to each group's out-of-fold probabilities, and
    the held-out story recall of each listed source is pooled over the groups. The first level at which
    every listed source reaches ``target`` is returned, with the held-out recalls of every level tried
    (1.0 when none reaches it: keep every story line the probabilities allow).
    """
    is_story = frame["label"].to_numpy() == "story"
    source_of, kind_of = frame["source"].to_numpy(), frame["kind"].to_numpy()
    sites = pd.factorize(frame["domain"])[0]
    held_out = [test for _, test in GroupKFold(n_splits=folds).split(keep, groups=sites)]
    tried = {}
    levels = np.round(np.arange(target, 1.0 + step / 2, step), 6)
    for level in levels:
        kept = np.zeros(len(keep), dtype=bool)
        for test in held_out:
            train_rows = np.ones(len(keep), dtype=bool)
            train_rows[test] = False
            _, thresholds = _route_thresholds(keep, page, is_story, source_of, kind_of, sources, float(level),
                                              train_rows)
            kept[test] = keep[test] >= line_thresholds(page[test], thresholds["residue"], thresholds["page"])
        recall = _share_by_source(kept, is_story, source_of, sources)
        tried[float(level)] = recall
        if all(value >= target for value in recall.values()):
            return {"level": float(level), "held_out_story_recall": tried}
    return {"level": 1.0, "held_out_story_recall": tried}


def per_source_scores(frame: pd.DataFrame, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    """Binary scores of ``predicted`` labels for each source of ``frame``."""
    return {source: binary_scores(frame["label"].to_numpy()[rows], predicted[rows])
            for source, rows in ((s, (frame["source"] == s).to_numpy()) for s in sorted(frame["source"].unique()))}


def tune_thresholds(config: dict[str, Any], frame: pd.DataFrame,
                    weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict]:
    """Out-of-fold probabilities of ``config``'s model on ``frame`` and the thresholds its ``threshold``
    settings choose on them: ``(proba, page probability, choose_thresholds result)``."""
    settings = config["threshold"]
    proba, page = out_of_fold_proba(LineClassifier(**config["model"]), frame, weights, settings["folds"],
                                    settings["fold_seed"])
    chosen = choose_thresholds(proba, page, frame, settings["target_story_recall"], settings["sources"],
                               settings["calibrate_folds"])
    return proba, page, chosen


def fit_tuned(config: dict[str, Any]) -> tuple[LineClassifier, dict, dict]:
    """Tune the keep thresholds on out-of-fold predictions, then fit on all training lines of ``config``.

    Returns the fitted model, the threshold choice (:func:`choose_thresholds`) and the out-of-fold
    binary scores per source at the chosen thresholds.
    """
    from newsml.cleaning.model import labels_from_proba

    frame = training_frame(config)
    weights = source_weights(frame, config["balance_sources"])
    proba, page, chosen = tune_thresholds(config, frame, weights)
    model = LineClassifier(**config["model"])
    model.set_params(keep_threshold=chosen["keep_threshold"], page_keep_threshold=chosen["page_keep_threshold"])
    model.fit(frame, frame["label"].to_numpy(), sample_weight=weights)
    cross_validated = per_source_scores(frame, labels_from_proba(proba, model.thresholds(page)))
    return model, chosen, {"per_source": cross_validated, "lines": int(len(frame)),
                           "documents": int(frame["doc"].nunique())}


def train_from_config(config_path: str | Path | None = None, output: str | Path | None = None) -> Path:
    """Train, tune the threshold, save the model and a training report; return the model path."""
    config = load(config_path, DEFAULTS, open_keys=frozenset({"model"}))
    started = time.perf_counter()
    model, chosen, scores = fit_tuned(config)
    path = save_classifier(model, output or config["output"])
    report = {
        "config": config,
        "threshold": chosen,
        "cross_validated": scores["per_source"],
        "lines": scores["lines"],
        "documents": scores["documents"],
        "seconds": round(time.perf_counter() - started, 1),
    }
    report_path = Path(config["report"])
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report, indent=2, default=float) + "\n", encoding="utf-8")
    return path
