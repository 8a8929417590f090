"""Score line classifiers on the fixed test split, per source: `python eval/classifier_report.py`.

Prints (and writes to eval/results/classifier_test.json and .md) for the shipped LineClassifier, the
RuleClassifier, jusText and the C4 rules, on exactly the same test lines:
- binary scores per source: boilerplate precision/recall/F1 and story recall;
- the story lines the LineClassifier removes, by document (how much of a source's loss one page holds);
- per-class precision/recall/F1 and the confusion matrix of the full taxonomy (lines with fine gold labels);
- lines per second of each classifier on the whole test split (one process, one core as given);
- matched story recall: the LineClassifier's binary scores at the strictest cut of its keep margin (the
  log-odds of its keep probability minus those of the shipped threshold of the line's route, see
  :func:`keep_margin`) whose story recall on the source is at least each baseline's. These are points
  on its operating curve, for comparison, not shipped settings;
- the shipped model with other page thresholds (the trade-off a user feeding whole pages can choose);
- the same for the full taxonomy: the LineClassifier's six-label macro F1 at each baseline's story recall.

The fresh test sources (:data:`~newsml.cleaning.dataset.FRESH_TEST_SOURCES`, made after the split had been
read for model decisions, ``eval/build_line_sources.py``) and the split's test documents with verified labels
(:data:`~newsml.cleaning.dataset.VERIFIED_TEST_SOURCES`) get the same tables in their own sections.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from newsml.cleaning.api import load_classifier
from newsml.cleaning.baselines import C4Classifier, JusTextClassifier
from newsml.cleaning.dataset import (FRESH_TEST_SOURCES, SCORED_SOURCES, SOURCES, VERIFIED_TEST_SOURCES, article_crops,
                                     fine_label_rows, load_labelled_lines, split_frame)
from newsml.cleaning.metrics import best_f1_at_story_recall, binary_scores
from newsml.cleaning.model import labels_from_proba, line_thresholds
from newsml.evaluation.line_metrics import confusion, line_metrics
from newsml.cleaning.rules import RuleClassifier
from newsml.labels import LABELS

ROOT = Path(__file__).resolve().parents[1]
ALL = "all test documents"
"""Every test document once: the four sources pooled, crops left out (they are views of the same pages)."""
FRESH_ALL = "all fresh test documents"
"""Every document of the fresh test sources once, crops left out."""
VERIFIED_ALL = "all test documents, verified labels"
"""The old split's test documents once, crops left out, with the verified labels where they exist (every
source but ``newspaper_texts``, which was hand-labelled already)."""


class Part(NamedTuple):
    """One part of the report: its sources (each scored on its own), its pools (``None``: every source,
    crops left out), where its results go in the JSON file, and its markdown heading."""

    name: str
    sources: list[str]
    pools: dict[str, list[str] | None]
    key: str  # the systems' scores
    tables_key: str | None  # the operating-curve tables (None: the top level of the results)
    documents_key: str
    heading: str


PARTS = (
    Part("test split", SCORED_SOURCES, {ALL: None}, "systems", None, "test_documents",
         "## Binary scores per source (test split)"),
    Part("fresh test sources", FRESH_TEST_SOURCES, {FRESH_ALL: None}, "fresh", "fresh_tables",
         "fresh_test_documents",
         "## Fresh test sources (made after the split had been read for model decisions; eval/README.md)"),
    Part("old split, verified labels", ["newspaper_texts", *VERIFIED_TEST_SOURCES],
         {VERIFIED_ALL: None, "verified pages": ["aeb_pages_verified", "newspaper_pages_verified"]},
         "verified", "verified_tables", "verified_test_documents",
         "## The test split with verified labels (the automatically labelled test documents relabelled by "
         "hand, six labels; eval/README.md)"),
)
"""The parts of the report, in order; the first is the fixed split, the only part timed."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="classifier file (default: the shipped model)")
    args = parser.parse_args()
    frame = load_labelled_lines(ROOT / "eval/data/boilerplate")
    split = json.loads((ROOT / "eval/splits/classifier.json").read_text())
    _, test = split_frame(frame, split)
    test = pd.concat([test, article_crops(test)], ignore_index=True)
    frames = {part.name: test[test["source"].isin(part.sources)].reset_index(drop=True) for part in PARTS}
    old = frames[PARTS[0].name]
    systems = {
        "newsml LineClassifier": load_classifier(args.model),
        "newsml RuleClassifier": RuleClassifier().fit(old),
        "jusText": JusTextClassifier().fit(old),
        "C4 rules": C4Classifier().fit(old),
    }
    results: dict = {part.documents_key: int(frames[part.name]["doc"].nunique()) for part in PARTS}
    lines: list[str] = []
    for part in PARTS:
        part_frame = frames[part.name]
        results[part.key], table = score_systems(systems, part_frame, part.sources, part.pools,
                                                 timed=part is PARTS[0])
        lines += [part.heading, "", table.to_markdown(index=False, floatfmt=".3f"), ""]
        target = results if part.tables_key is None else results.setdefault(part.tables_key, {})
        lines += tables(systems["newsml LineClassifier"], part_frame, results[part.key], part.sources, target,
                        part.name)
    for part in PARTS:
        for name, entry in results[part.key].items():
            speed = f"{entry['lines_per_second']:.0f} lines/s, " if "lines_per_second" in entry else ""
            lines += [f"## {name} ({part.name}): {speed}macro F1 {entry['macro_f1']:.3f}", "",
                      pd.DataFrame(entry["per_class"]).T.to_markdown(floatfmt=".3f"), "",
                      "Confusion (rows gold, columns predicted):", "",
                      pd.DataFrame(entry["confusion"], index=LABELS, columns=LABELS).to_markdown(), ""]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "eval/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "classifier_test.json").write_text(json.dumps(results, indent=2, default=float) + "\n")
    (out / "classifier_test.md").write_text(text + "\n")


def score_systems(systems: dict, test: pd.DataFrame, sources: list[str], pools: dict[str, list[str] | None],
                  timed: bool) -> tuple[dict, pd.DataFrame]:
    """Every system's binary scores per source and per pool (``None``: every source, crops left out), and
    its six-label scores."""
    gold = test["label"].to_numpy()
    not_crop = ~test["source"].str.endswith("_crop").to_numpy()
    masks = {source: (test["source"] == source).to_numpy() for source in sources}
    masks.update({pool: not_crop if members is None else test["source"].isin(members).to_numpy()
                  for pool, members in pools.items()})
    entries, rows = {}, []
    for name, model in systems.items():
        started = time.perf_counter()
        predicted = model.predict(test)
        seconds = time.perf_counter() - started
        entry: dict = {"lines_per_second": len(test) / seconds} if timed else {}
        entry["per_source"] = {}
        for source, mask in masks.items():
            scores = binary_scores(gold[mask], predicted[mask])
            entry["per_source"][source] = scores
            rows.append({"system": name, "source": source, "lines": scores["lines"],
                         "bp share": scores["boilerplate_share"], "bp P": scores["boilerplate_precision"],
                         "bp R": scores["boilerplate_recall"], "bp F1": scores["boilerplate_f1"],
                         "story R": scores["story_recall"]})
        fine = fine_label_rows(test)
        matrix = confusion(list(gold[fine]), list(predicted[fine]), LABELS)
        scores = line_metrics(matrix, LABELS)
        entry["confusion"] = matrix.tolist()
        entry["per_class"] = {label: {"precision": float(scores[f"{label}_p"]), "recall": float(scores[f"{label}_r"]),
                                      "f1": float(scores[f"{label}_f1"]), "support": int(matrix[i].sum())}
                              for i, label in enumerate(LABELS)}
        entry["macro_f1"] = float(scores["macro_f1"])
        entries[name] = entry
    return entries, pd.DataFrame(rows)


def tables(ours, test: pd.DataFrame, entries: dict, sources: list[str], results: dict, part: str) -> list[str]:
    """The operating-curve tables of the LineClassifier on one part (stored in ``results``), as markdown."""
    proba, page = ours.predict_proba(test), ours.page_probability(test)  # once, for the four tables below
    results["matched_story_recall"] = matched_recall_rows(ours, proba, page, test, entries, sources)
    results["page_thresholds"] = page_threshold_rows(ours, proba, page, test, sources)
    results["matched_story_recall_taxonomy"] = matched_taxonomy_rows(ours, proba, page, test, entries)
    results["lost_story_lines"] = lost_story_rows(labels_from_proba(proba, ours.thresholds(page)), test, sources)
    return [f"## Story lines the LineClassifier removes, by document ({part})", "",
            pd.DataFrame(results["lost_story_lines"]).to_markdown(index=False, floatfmt=".3f"), "",
            f"## LineClassifier at each baseline's story recall ({part}, points on its operating curve)", "",
            pd.DataFrame(results["matched_story_recall"]).to_markdown(index=False, floatfmt=".3f"), "",
            f"## LineClassifier with other page thresholds (`set_params(page_keep_threshold=...)`; {part})", "",
            pd.DataFrame(results["page_thresholds"]).to_markdown(index=False, floatfmt=".3f"), "",
            f"## Full taxonomy at each baseline's story recall ({part}, lines with fine gold labels, pooled)", "",
            pd.DataFrame(results["matched_story_recall_taxonomy"]).to_markdown(index=False, floatfmt=".3f"), ""]


def lost_story_rows(predicted: np.ndarray, test: pd.DataFrame, sources: list[str]) -> list[dict]:
    """Per source: how many documents lose any story line, what share of the lost lines the worst document
    holds (a line-level recall can be decided by one page, e.g. a deals page's product lines), and the
    story recall averaged over documents (each document counts once, however many story lines it has)."""
    is_story = test["label"].to_numpy() == "story"
    frame = test.assign(lost=is_story & ~np.isin(predicted, ("story", "heading")), story=is_story)
    rows = []
    for source in sources:
        per_doc = frame[frame["source"] == source].groupby("doc")[["lost", "story"]].sum()
        lost = per_doc["lost"]
        if lost.empty:
            continue
        with_story = per_doc[per_doc["story"] > 0]
        rows.append({"source": source, "documents": len(lost), "losing a story line": int((lost > 0).sum()),
                     "story lines lost": int(lost.sum()), "worst document": lost.idxmax() if lost.sum() else "",
                     "its share of the lost": float(lost.max() / lost.sum()) if lost.sum() else 0.0,
                     "story R, mean over documents": float((1 - with_story["lost"] / with_story["story"]).mean())})
    return rows


PAGE_THRESHOLDS = (0.01, 0.03, 0.1, 0.3, 0.5)
"""Page keep thresholds shown beside the shipped one (the residue threshold stays as shipped)."""


def page_threshold_rows(model, proba: np.ndarray, page: np.ndarray, test: pd.DataFrame,
                        sources: list[str]) -> list[dict]:
    """Binary scores on the whole-page sources with the shipped page threshold and with each of
    :data:`PAGE_THRESHOLDS`: the trade-off a user who feeds whole pages can choose. ``proba`` and ``page``
    are ``model``'s probabilities and page probabilities on ``test``."""
    gold = test["label"].to_numpy()
    rows = []
    for threshold in (model.page_keep_threshold, *PAGE_THRESHOLDS):
        predicted = labels_from_proba(proba, line_thresholds(page, model.keep_threshold, threshold))
        row: dict = {"page threshold": f"{threshold:.5f}" + (" (shipped)" if threshold == model.page_keep_threshold
                                                             else "")}
        for source in (source for source in sources if source in SOURCES and SOURCES[source].kind == "page"):
            mask = (test["source"] == source).to_numpy()
            scores = binary_scores(gold[mask], predicted[mask])
            row[f"{source} bp F1"] = scores["boilerplate_f1"]
            row[f"{source} story R"] = scores["story_recall"]
        rows.append(row)
    return rows


def keep_margin(proba: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """How far each line's keep probability is above its route's threshold, in log-odds.

    A cut ``c`` on it keeps a line when ``logit(P(keep)) >= logit(threshold) + c``: one shift of every
    route's threshold in log-odds, never past 0 or 1, so the curve runs through real settings of
    ``keep_threshold`` and ``page_keep_threshold`` (``c = 0`` is the shipped decision). An earlier version
    divided by the threshold, which pushed the residue threshold past 1 for the few lines of a page that
    the router sends to the residue expert, and so removed their story lines at every strict cut.
    """
    keep = np.clip(proba[:, 0] + proba[:, 1], 1e-12, 1 - 1e-12)
    limit = np.clip(thresholds, 1e-12, 1 - 1e-12)
    return np.log(keep / (1 - keep)) - np.log(limit / (1 - limit))


def matched_recall_rows(model, proba: np.ndarray, page: np.ndarray, test: pd.DataFrame,
                        results: dict, sources: list[str]) -> list[dict]:
    """The LineClassifier's scores at the story recall of every baseline, per source (``proba`` and
    ``page`` as for :func:`page_threshold_rows`)."""
    score = keep_margin(proba, model.thresholds(page))
    gold = test["label"].to_numpy()
    rows = []
    for baseline in ("newsml RuleClassifier", "jusText", "C4 rules"):
        for source in sources:
            mask = (test["source"] == source).to_numpy()
            theirs = results[baseline]["per_source"][source]
            if theirs["boilerplate_share"] == 0:  # nothing to remove (bbc_clean): only story recall applies
                continue
            ours = best_f1_at_story_recall(score[mask], gold[mask], theirs["story_recall"])
            rows.append({"baseline": baseline, "source": source, "story R": theirs["story_recall"],
                         "their bp F1": theirs["boilerplate_f1"], "our story R": ours["story_recall"],
                         "our bp P": ours["boilerplate_precision"], "our bp R": ours["boilerplate_recall"],
                         "our bp F1": ours["boilerplate_f1"]})
    return rows


def six_class_story_cut(score: np.ndarray, proba: np.ndarray, gold: np.ndarray, target: float) -> float:
    """The strictest cut of ``score`` at which at least ``target`` of the story lines are labelled story.

    A kept line is labelled heading when its heading probability is the larger, whatever the cut, so only
    the story lines labelled story when kept count towards the target.
    """
    is_story = gold == "story"
    as_story = is_story & (proba[:, 1] <= proba[:, 0])  # the kept label of labels_from_proba
    ranked = np.sort(score[as_story])[::-1]
    required = int(np.ceil(target * is_story.sum() - 1e-9))
    if required < 1 or required > len(ranked):
        return float(score.min()) if required >= 1 else np.inf
    return float(ranked[required - 1])


def matched_taxonomy_rows(model, proba: np.ndarray, page: np.ndarray, test: pd.DataFrame,
                          results: dict) -> list[dict]:
    """The LineClassifier's six-label macro F1 at the story recall of every baseline (same lines).

    The shipped thresholds favour story recall, so kept boilerplate lines are labelled story or heading and
    the boilerplate kinds lose recall; at a baseline's own story recall the comparison is like for like.
    """
    fine = fine_label_rows(test)
    gold = test["label"].to_numpy()[fine]
    thresholds = model.thresholds(page)[fine]
    proba = proba[fine]
    score = keep_margin(proba, thresholds)
    rows = []
    for name, entry in results.items():
        if name == "newsml LineClassifier":
            continue
        matrix = np.asarray(entry["confusion"])
        theirs = line_metrics(matrix, LABELS)
        target = float(theirs["story_r"])  # six-class: gold story lines labelled story (not heading)
        cut = six_class_story_cut(score, proba, gold, target)
        keep = score >= cut  # labels_from_proba's decision, at the shifted thresholds
        predicted = np.where(keep, labels_from_proba(proba, 0.0), labels_from_proba(proba, np.inf))
        ours = line_metrics(confusion(list(gold), list(predicted), LABELS), LABELS)
        rows.append({"baseline": name, "story R": target, "their macro F1": float(theirs["macro_f1"]),
                     "our story R": float(ours["story_r"]), "our macro F1": float(ours["macro_f1"]),
                     **{f"our {label} F1": float(ours[f"{label}_f1"]) for label in LABELS[2:]}})
    return rows


if __name__ == "__main__":
    main()
