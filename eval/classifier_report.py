"""Score line classifiers on the fixed test split, per source: `python eval/classifier_report.py`.

Prints (and writes to eval/results/classifier_test.json and .md) for the shipped LineClassifier, the
RuleClassifier, jusText and the C4 rules, on exactly the same test lines:
- binary scores per source: boilerplate precision/recall/F1 and story recall;
- per-class precision/recall/F1 and the confusion matrix of the full taxonomy (lines with fine gold labels);
- lines per second of each classifier on the whole test split (one process, one core as given);
- matched story recall: the LineClassifier's binary scores at the strictest cut of its keep score (the
  probability divided by the shipped threshold of the line's route) whose story recall on the source is
  at least each baseline's. These are points on its operating curve, for comparison, not shipped settings.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from newsml.cleaning.api import load_classifier
from newsml.cleaning.baselines import C4Classifier, JusTextClassifier
from newsml.cleaning.dataset import article_crops, load_labelled_lines, split_frame
from newsml.cleaning.metrics import best_f1_at_story_recall, binary_scores
from newsml.evaluation.line_metrics import confusion, line_metrics
from newsml.cleaning.rules import RuleClassifier
from newsml.labels import LABELS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["aeb_lines", "newspaper_texts", "aeb_pages_crop", "newspaper_pages_crop", "aeb_pages",
           "newspaper_pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="classifier file (default: the shipped model)")
    args = parser.parse_args()
    frame = load_labelled_lines(ROOT / "eval/data/boilerplate")
    split = json.loads((ROOT / "eval/splits/classifier.json").read_text())
    _, test = split_frame(frame, split)
    test = pd.concat([test, article_crops(test)], ignore_index=True)
    systems = {
        "newsml LineClassifier": load_classifier(args.model),
        "newsml RuleClassifier": RuleClassifier().fit(test),
        "jusText": JusTextClassifier().fit(test),
        "C4 rules": C4Classifier().fit(test),
    }
    gold = test["label"].to_numpy()
    results = {"test_documents": int(test["doc"].nunique()), "systems": {}}
    rows = []
    for name, model in systems.items():
        started = time.perf_counter()
        predicted = model.predict(test)
        seconds = time.perf_counter() - started
        entry = {"lines_per_second": len(test) / seconds, "per_source": {}}
        for source in SOURCES:
            mask = (test["source"] == source).to_numpy()
            scores = binary_scores(gold[mask], predicted[mask])
            entry["per_source"][source] = scores
            rows.append({"system": name, "source": source, "lines": scores["lines"],
                         "bp share": scores["boilerplate_share"], "bp P": scores["boilerplate_precision"],
                         "bp R": scores["boilerplate_recall"], "bp F1": scores["boilerplate_f1"],
                         "story R": scores["story_recall"]})
        fine = np.isin(gold, LABELS) & ~test["source"].str.endswith("_crop").to_numpy()
        matrix = confusion(list(gold[fine]), list(predicted[fine]), LABELS)
        scores = line_metrics(matrix, LABELS)
        entry["confusion"] = matrix.tolist()
        entry["per_class"] = {label: {"precision": float(scores[f"{label}_p"]), "recall": float(scores[f"{label}_r"]),
                                      "f1": float(scores[f"{label}_f1"]), "support": int(matrix[i].sum())}
                              for i, label in enumerate(LABELS)}
        entry["macro_f1"] = float(scores["macro_f1"])
        results["systems"][name] = entry
    table = pd.DataFrame(rows)
    matched = matched_recall_rows(systems["newsml LineClassifier"], test, results["systems"])
    results["matched_story_recall"] = matched
    lines = ["## Binary scores per source (test split)", "", table.to_markdown(index=False, floatfmt=".3f"), "",
             "## LineClassifier at each baseline's story recall (test split, points on its operating curve)", "",
             pd.DataFrame(matched).to_markdown(index=False, floatfmt=".3f"), ""]
    for name, entry in results["systems"].items():
        lines += [f"## {name}: {entry['lines_per_second']:.0f} lines/s, macro F1 {entry['macro_f1']:.3f}", "",
                  pd.DataFrame(entry["per_class"]).T.to_markdown(floatfmt=".3f"), "",
                  "Confusion (rows gold, columns predicted):", "",
                  pd.DataFrame(entry["confusion"], index=LABELS, columns=LABELS).to_markdown(), ""]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "eval/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "classifier_test.json").write_text(json.dumps(results, indent=2, default=float) + "\n")
    (out / "classifier_test.md").write_text(text + "\n")


def matched_recall_rows(model, test: pd.DataFrame, results: dict) -> list[dict]:
    """The LineClassifier's scores at the story recall of every baseline, per source."""
    proba = model.predict_proba(test)
    score = (proba[:, 0] + proba[:, 1]) / model.thresholds(model.page_probability(test))
    gold = test["label"].to_numpy()
    rows = []
    for baseline in ("newsml RuleClassifier", "jusText", "C4 rules"):
        for source in SOURCES:
            mask = (test["source"] == source).to_numpy()
            theirs = results[baseline]["per_source"][source]
            ours = best_f1_at_story_recall(score[mask], gold[mask], theirs["story_recall"])
            rows.append({"baseline": baseline, "source": source, "story R": theirs["story_recall"],
                         "their bp F1": theirs["boilerplate_f1"], "our story R": ours["story_recall"],
                         "our bp P": ours["boilerplate_precision"], "our bp R": ours["boilerplate_recall"],
                         "our bp F1": ours["boilerplate_f1"]})
    return rows


if __name__ == "__main__":
    main()
