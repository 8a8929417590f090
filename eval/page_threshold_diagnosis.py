"""What sets the page keep threshold, and whether a hysteresis decode would lift it (training part only).

    python eval/page_threshold_diagnosis.py                       # ~2 min; writes results/page_threshold_diagnosis.md
    python eval/page_threshold_diagnosis.py --score-labels verified_train_labels.jsonl

The training config (``configs/classifiers/default.yaml`` unless ``--config``) is run up to its threshold
choice (:func:`~newsml.cleaning.training.tune_thresholds`: out-of-fold probabilities over sites). Then,
on the lines the model routes as whole pages:

1. **Which documents hold the low-scored story lines**: per page source, the documents with the most
   story lines under a few keep thresholds. The page threshold is the largest that keeps 0.99 of a
   source's story lines, so one document with many low-scored story lines sets it for every page.
2. **Hysteresis decode** (as in edge detection): keep a line when its keep probability reaches a high
   threshold ``t_out``, or when it reaches a low threshold ``t_low`` and lies in an unbroken run of lines
   at or above ``t_low`` that holds a line at or above ``t_high``. A table of story lines running down
   from the article stays kept; menus and footers, whose runs hold no confident line, can go at a higher
   ``t_out``. For each (``t_high``, ``t_low``), ``t_out`` is the largest that keeps 0.99 of the story lines
   of every ``--sources`` page source, and the page sources' boilerplate recall is reported beside the
   plain threshold's.

``--score-labels FILE`` scores against the config's labels with one more override file applied (for
example the relabelled training pages), without refitting. Nothing here reads the test part.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsml.cleaning.dataset import load_labelled_lines  # noqa: E402
from newsml.cleaning.frame import doc_starts  # noqa: E402
from newsml.cleaning.model import routed_to_page  # noqa: E402
from newsml.cleaning.training import DEFAULTS, source_weights, training_frame, tune_thresholds  # noqa: E402
from newsml.config import load  # noqa: E402

PAGE_SOURCES = ("aeb_pages", "newspaper_pages")
LOW_CUTS = (0.003, 0.01, 0.03)
T_HIGH = (0.1, 0.3, 0.5, 0.7)
T_LOW = (0.0005, 0.001, 0.0015, 0.002, 0.003)


def hysteresis_runs(keep: np.ndarray, doc_start: np.ndarray, t_low: float, t_high: float) -> np.ndarray:
    """Lines at or above ``t_low`` in an unbroken run (within a document) that holds a line at or above
    ``t_high``.

    >>> hysteresis_runs(np.array([0.9, 0.01, 0.0, 0.01, 0.02]), np.array([True, False, False, False, False]),
    ...                 0.005, 0.5).tolist()
    [True, True, False, False, False]
    """
    above = keep >= t_low
    run_start = above & (doc_start | ~np.roll(above, 1))
    run = np.cumsum(run_start)
    strong = np.zeros(run.max() + 1, dtype=bool)
    strong[run[above & (keep >= t_high)]] = True
    return above & strong[run]


def largest_t_out(keep: np.ndarray, via_run: np.ndarray, story_rows: dict[str, np.ndarray],
                  target: float = 0.99) -> float:
    """The largest ``t_out`` that, with the lines ``via_run`` kept anyway, keeps ``target`` of the story
    lines of every source in ``story_rows``."""
    cuts = []
    for rows in story_rows.values():
        allowed_misses = int(np.floor((1 - target) * rows.sum() + 1e-9))
        outside = np.sort(keep[rows & ~via_run])  # story lines only t_out can keep
        cuts.append(float(outside[allowed_misses]) if allowed_misses < len(outside) else 1.0)
    return min(cuts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default=str(ROOT / "configs/classifiers/default.yaml"))
    parser.add_argument("--score-labels", help="one more label override file (in the data dir) to score against")
    parser.add_argument("--sources", default="aeb_pages", help="page sources whose story recall sets t_out")
    parser.add_argument("--output", default=str(ROOT / "eval/results/page_threshold_diagnosis.md"))
    args = parser.parse_args()
    config = load(args.config, DEFAULTS, open_keys=frozenset({"model"}))
    frame = training_frame(config)
    proba, page, chosen = tune_thresholds(config, frame, source_weights(frame, config["balance_sources"]))
    labels = frame["label"].to_numpy()
    if args.score_labels:
        rescored = load_labelled_lines(config["data_dir"], PAGE_SOURCES,
                                       [*config["label_overrides"], args.score_labels])
        relabel = dict(zip(zip(rescored["doc"], rescored["position"]), rescored["label"]))
        labels = np.array([relabel.get(key, label) for key, label in
                           zip(zip(frame["doc"], frame["position"]), labels)], dtype=object)
    keep = proba[:, 0] + proba[:, 1]
    source = frame["source"].to_numpy()
    to_page = routed_to_page(page)
    is_story = labels == "story"
    is_boilerplate = ~np.isin(labels, ("story", "heading"))
    doc_start = np.zeros(len(frame), dtype=bool)
    doc_start[doc_starts(frame["doc"].to_numpy())] = True
    listed = [name.strip() for name in args.sources.split(",")]
    story_rows = {name: to_page & is_story & (source == name) for name in listed}
    docs = frame["doc"].to_numpy()

    out = [f"# Page keep threshold: what sets it (training part, out of fold)\n",
           f"`python eval/page_threshold_diagnosis.py{' --score-labels ' + args.score_labels if args.score_labels else ''}"
           f"{' --sources ' + args.sources if args.sources != 'aeb_pages' else ''}`; config `{Path(args.config).name}`; "
           f"its page threshold: {chosen['page_keep_threshold']:.5f}.\n",
           "## Story lines routed as pages under a keep threshold, by document\n"]
    rows = []
    for name in PAGE_SOURCES:
        selected = to_page & is_story & (source == name)
        for cut in LOW_CUTS:
            below = selected & (keep < cut)
            counts = pd.Series(docs[below]).value_counts()
            rows.append({"source": name, "story lines": int(selected.sum()), "threshold": cut,
                         "below": int(below.sum()), "documents": len(counts),
                         "top document": counts.index[0].split(":", 1)[1][:24] if len(counts) else "",
                         "its lines": int(counts.iloc[0]) if len(counts) else 0})
    out += [pd.DataFrame(rows).to_markdown(index=False), "\n"]

    def scores(kept: np.ndarray) -> dict[str, float]:
        result = {}
        for name in PAGE_SOURCES:
            rows_ = to_page & (source == name)
            result[f"{name} story R"] = float(kept[rows_ & is_story].mean())
            result[f"{name} bp R"] = float(1 - kept[rows_ & is_boilerplate].mean())
        return result

    none = np.zeros(len(frame), dtype=bool)
    plain = largest_t_out(keep, none, story_rows)
    heaviest = {name: pd.Series(docs[rows & (keep < 0.01)]).value_counts().index[0] for name, rows in story_rows.items()
                if (rows & (keep < 0.01)).any()}
    without = largest_t_out(keep, none, {name: rows & (docs != heaviest.get(name)) for name, rows in story_rows.items()})
    at_without = scores(keep >= without)
    out += [f"Without the document holding most story lines under 0.01 ({', '.join(heaviest.values())}), the plain "
            f"threshold would be {without:.4f} instead of {plain:.4f}; boilerplate recall there: "
            + ", ".join(f"{key} {value:.3f}" for key, value in at_without.items() if "bp R" in key)
            + " (story recall: " + ", ".join(f"{key} {value:.3f}" for key, value in at_without.items()
                                              if "story R" in key) + ").\n"]
    for name, doc in heaviest.items():  # how its story lines score down the page
        quarters = np.array_split(keep[story_rows[name] & (docs == doc)], 4)
        out += [f"Median keep probability of that {name} page's story lines, by quarter (in reading order): "
                + ", ".join(f"{np.median(part):.4f}" for part in quarters if len(part)) + ".\n"]
    table = [{"decode": "plain threshold", "t_high": "", "t_low": "", "t_out": plain, **scores(keep >= plain)}]
    for t_high in T_HIGH:
        for t_low in T_LOW:
            via_run = hysteresis_runs(keep, doc_start, t_low, t_high)
            t_out = largest_t_out(keep, via_run, story_rows)
            table.append({"decode": "hysteresis", "t_high": t_high, "t_low": t_low, "t_out": t_out,
                          **scores(via_run | (keep >= t_out))})
    result = pd.DataFrame(table)
    result["mean bp R"] = result[[f"{name} bp R" for name in PAGE_SOURCES]].mean(axis=1)
    best = result.iloc[1:].sort_values("mean bp R", ascending=False).head(5)
    out += [f"## Hysteresis decode against the plain threshold (0.99 of the story lines of {', '.join(listed)})\n",
            pd.concat([result.iloc[:1], best]).to_markdown(index=False, floatfmt=".4f"), "\n"]
    Path(args.output).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
