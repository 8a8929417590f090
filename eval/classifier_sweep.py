"""Compare line-classifier hyperparameters out of fold on the training part only (never the test part).

    python eval/classifier_sweep.py --param max_iter --values 15,20,25,30,35,45
    python eval/classifier_sweep.py --candidates eval/classifier_candidates.yaml

For each value (or each named candidate: a mapping of model hyperparameters, and optionally
``sources``, that override the config), the training config (``configs/classifiers/default.yaml``
unless ``--config``) is run as ``newsml train classifier`` runs it up to the threshold choice
(:func:`~newsml.cleaning.training.tune_thresholds`: out-of-fold probabilities over sites, one keep
threshold per route at the target story recall). The table gives the thresholds and, per source, the
out-of-fold boilerplate recall at them (story recall is held at the target by construction) and the
six-label macro F1 on lines with fine labels. The rule used to choose a value or candidate: the highest
mean boilerplate recall over the six sources of the test report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsml.cleaning.dataset import SCORED_SOURCES, fine_label_rows  # noqa: E402
from newsml.cleaning.model import labels_from_proba, line_thresholds  # noqa: E402
from newsml.cleaning.training import DEFAULTS, source_weights, training_frame, tune_thresholds  # noqa: E402
from newsml.config import load  # noqa: E402
from newsml.evaluation.line_metrics import confusion, line_metrics  # noqa: E402
from newsml.labels import LABELS  # noqa: E402


def evaluate(config: dict, frame, weights: np.ndarray) -> dict:
    """Out-of-fold thresholds, per-source boilerplate recall and macro F1 of one training config."""
    proba, page, chosen = tune_thresholds(config, frame, weights)
    thresholds = line_thresholds(page, chosen["keep_threshold"], chosen["page_keep_threshold"])
    gold = frame["label"].to_numpy()
    fine = fine_label_rows(frame)
    predicted = labels_from_proba(proba, thresholds)
    macro = float(line_metrics(confusion(list(gold[fine]), list(predicted[fine]), LABELS), LABELS)["macro_f1"])
    recall = chosen["cross_validated_boilerplate_recall"]
    return {"residue threshold": chosen["keep_threshold"], "page threshold": chosen["page_keep_threshold"],
            "boilerplate recall": {s: recall[s] for s in SCORED_SOURCES}, "story recall":
            {s: chosen["cross_validated_story_recall"][s] for s in SCORED_SOURCES},
            "mean boilerplate recall": float(np.mean([recall[s] for s in SCORED_SOURCES])), "macro F1": macro}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default=str(ROOT / "configs/classifiers/default.yaml"))
    parser.add_argument("--param", help="a LineClassifier hyperparameter (the config's model key)")
    parser.add_argument("--values", help="comma-separated values of --param, read as JSON (15,20,0.1,...)")
    parser.add_argument("--candidates", help="YAML file: candidate name -> overrides (model keys, or sources)")
    parser.add_argument("--fold-seed", type=int, help="shuffle the sites into the out-of-fold folds with this seed "
                        "(default: the config's threshold.fold_seed; null there: GroupKFold's size-balanced folds)")
    args = parser.parse_args()
    if bool(args.candidates) == bool(args.param and args.values):
        parser.error("give either --candidates or both --param and --values")
    config = load(args.config, DEFAULTS, open_keys=frozenset({"model"}))
    if args.fold_seed is not None:
        config["threshold"]["fold_seed"] = args.fold_seed
    if args.candidates:
        candidates = yaml.safe_load(Path(args.candidates).read_text(encoding="utf-8"))
        column = "candidate"
    else:
        candidates = {raw: {args.param: json.loads(raw)} for raw in args.values.split(",")}
        column = args.param
    header = ("| " + column + " | residue / page threshold | " + " | ".join(SCORED_SOURCES)
              + " | mean bp recall | macro F1 | s |")
    print("Out-of-fold boilerplate recall per source (story recall held at the target), training part only.\n")
    print(header + "\n|" + "---|" * (len(SCORED_SOURCES) + 5))
    frames: dict[tuple, tuple] = {}
    for name, overrides in candidates.items():
        started = time.perf_counter()
        overrides = dict(overrides or {})
        sources = overrides.pop("sources", config["sources"])
        candidate = {**config, "sources": sources, "model": {**config["model"], **overrides}}
        if tuple(sources) not in frames:  # the training lines depend only on the sources
            frame = training_frame(candidate)
            frames[tuple(sources)] = (frame, source_weights(frame, config["balance_sources"]))
        result = evaluate(candidate, *frames[tuple(sources)])
        cells = " | ".join(f"{result['boilerplate recall'][s]:.3f}" for s in SCORED_SOURCES)
        print(f"| {name} | {result['residue threshold']:.4f} / {result['page threshold']:.5f} | {cells} | "
              f"{result['mean boilerplate recall']:.3f} | {result['macro F1']:.3f} | "
              f"{time.perf_counter() - started:.0f} |", flush=True)


if __name__ == "__main__":
    main()
