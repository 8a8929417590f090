"""Choose the defaults of ``textrank`` and ``lexrank`` on development data only (never on test data).

Run from the repository root (about 2 minutes on one core)::

    python eval/select_graph_defaults.py            # prints the Markdown tables
    python eval/select_graph_defaults.py --samples 1000 > eval/results/graph_defaults_dev.md

Development data: the ``train`` part of ``eval/splits/summarization.json``, i.e. the Inshorts train
articles (headline as a heading line, as the test report treats Inshorts), every ``bbc_extractive``
article (headline likewise) and every ``newsml_references_dev`` article (scraped text reduced to the
story lines the shipped line classifier keeps, as the supervised scorer's training reads it; the test
report's ``clean=True`` summarises the same lines; its lines are in the classifier's training part, so
that cleaning is in-sample). The sets are read by the supervised trainer's ``training_pairs``. Each candidate summarises every article in 3 sentences and is scored with
newsml's :class:`~newsml.evaluation.rouge.RougeScorer` (rouge-score, ROUGE-1/2/Lsum F1 x 100).

The candidates are the choices the papers and sumy make where newsml's implementation has a parameter:

* TextRank: the overlap counts shared word ``types`` (Mihalcea & Tarau) or ``tokens`` (sumy), with or
  without self-loops (sumy keeps them), and the TF-IDF cosine graph;
* LexRank: ``threshold`` graphs (thresholds 0.1, the paper's best and sumy's, 0.2 and 0.3, the others
  the paper reports) and ``continuous`` graphs; ``smooth``, ``plain``
  (the paper) or ``sumy`` idf; with or without self-loops (the paper's Algorithm 3 and sumy keep them);
  ``damping`` 0.85 (the paper's d = 0.15) or 1 (sumy's power method has no random jump; on these
  symmetric graphs the undamped walk's stationary distribution is the degree, the paper's "degree
  centrality"). TextRank's damping is 0.85 in the paper and in sumy alike, so it is not a candidate.
  sumy's max-normalised tf is not a candidate: it scales each sentence vector, so no cosine changes
  (an earlier run of this script gave identical scores with and without it).

sumy's own TextRank/LexRank (through newsml's adapter) are listed for reference, and so are sumy's graphs
ranked by newsml's PageRank. The rule, fixed before looking at the numbers: the default of TextRank and of each
LexRank variant is the candidate with the highest **dev score** = the mean over the two dev sets
(each set weighs the same) of the mean of its ROUGE-1, ROUGE-2 and ROUGE-Lsum F1. The paired bootstrap
interval of each candidate's dev score minus the previous default's is printed beside it (articles
weighted so that each set counts the same; 1,000 resamples, seed 0). ``lexrank`` is the threshold
variant (the paper's and sumy's); the variant itself is not chosen here (eval/README.md says why).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsml.evaluation.bootstrap import paired_test  # noqa: E402
from newsml.evaluation.rouge import RougeScorer  # noqa: E402
from newsml.summarization.api import get_summarizer  # noqa: E402
from newsml.summarization.supervised_training import training_pairs  # noqa: E402
from newsml.types import Article  # noqa: E402

SUMMARIES = ROOT / "eval" / "data" / "summaries"
TYPES = ("rouge1", "rouge2", "rougeLsum")
LENGTH = 3

PREVIOUS = {
    "textrank": {"similarity": "overlap", "overlap": "types", "self_loops": False},
    "lexrank threshold": {"variant": "threshold", "threshold": 0.1, "idf": "smooth", "self_loops": False,
                          "damping": 0.85},
    "lexrank continuous": {"variant": "continuous", "threshold": 0.0, "idf": "smooth", "self_loops": False,
                           "damping": 0.85},
}
"""The defaults before this selection (the baseline of the paired differences)."""


def dev_sets() -> dict[str, list[tuple[Article, tuple[str, ...]]]]:
    """``{name: [(article, references)]}`` of the development data (the split's ``train`` part)."""
    sets = {}
    for name, file, clean in (("inshorts-train", "inshorts.jsonl", False), ("bbc", "bbc_extractive.jsonl", False),
                              ("newsml-dev", "newsml_references_dev.jsonl", True)):  # scraped: cleaned first
        entry = {"path": str(SUMMARIES / file), "clean": clean}
        pairs = training_pairs({"split": str(ROOT / "eval/splits/summarization.json"), "data": [entry]})
        sets[name] = [(pair.article(), pair.references) for pair, _ in pairs]
    return sets


def candidates() -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """``{group: [(label, method, params)]}``: every candidate setting of each default to choose."""
    textrank = [(f"overlap={o}, self_loops={loops}", "textrank", {"similarity": "overlap", "overlap": o,
                                                                  "self_loops": loops})
                for o in ("types", "tokens") for loops in (False, True)]
    textrank += [(f"cosine, self_loops={loops}", "textrank", {"similarity": "cosine", "self_loops": loops})
                 for loops in (False, True)]
    groups = {"textrank": textrank}
    groups["lexrank threshold"] = [
        (f"threshold={threshold}, idf={idf}, self_loops={loops}, damping={damping}", "lexrank",
         {"variant": "threshold", "threshold": threshold, "idf": idf, "self_loops": loops, "damping": damping})
        for damping in (0.85, 1.0) for threshold in (0.1, 0.2, 0.3) for idf in ("smooth", "plain", "sumy")
        for loops in (False, True)]
    groups["lexrank continuous"] = [
        (f"idf={idf}, self_loops={loops}, damping={damping}", "lexrank",
         {"variant": "continuous", "threshold": 0.0, "idf": idf, "self_loops": loops, "damping": damping})
        for damping in (0.85, 1.0) for idf in ("smooth", "plain", "sumy") for loops in (False, True)]
    return groups


REFERENCES = {
    "textrank": [("sumy-textrank (sumy's own, via the adapter)", "sumy-textrank")],
    "lexrank threshold": [("sumy-lexrank (sumy's own, via the adapter)", "sumy-lexrank")],
}
"""sumy's algorithms, shown for comparison (not candidates). sumy's graphs are candidates: TextRank
``overlap=tokens, self_loops=True`` and LexRank ``idf=sumy, self_loops=True`` build exactly sumy's
matrices; sumy then differs in its power method (LexRank: no damping, and it stops at an L2 change of 0.1,
a few steps from the uniform start, near the degree that ``damping=1`` gives exactly)."""


class Scorer:
    """ROUGE of summaries, memoised on (set, article, summary text): candidates often agree."""

    def __init__(self, sets: dict[str, list[tuple[Article, tuple[str, ...]]]]):
        self.sets = sets
        self.rouge = RougeScorer(TYPES)
        self.memo: dict[tuple[str, int, str], list[float]] = {}

    def rows(self, method: str, params: dict[str, Any]) -> dict[str, np.ndarray]:
        """``{set: articles x 3}`` ROUGE F1 x 100 of one setting."""
        summarizer = get_summarizer(method, **params)
        out = {}
        for name, items in self.sets.items():
            values = []
            for index, (article, references) in enumerate(items):
                text = summarizer.summarize(article, length=LENGTH, clean=False).text
                key = (name, index, text)
                if key not in self.memo:
                    scores = self.rouge.score(text, list(references))
                    self.memo[key] = [scores[t].fmeasure * 100 for t in TYPES]
                values.append(self.memo[key])
            out[name] = np.asarray(values)
        return out


def dev_score_per_article(rows: dict[str, np.ndarray]) -> np.ndarray:
    """Per-article contributions whose mean is the dev score (each set weighs the same)."""
    total = sum(len(v) for v in rows.values())
    parts = [v.mean(axis=1) * total / (len(rows) * len(v)) for v in rows.values()]
    return np.concatenate(parts)


def table(group: str, results: dict[str, dict[str, np.ndarray]], baseline: str, chosen: str,
          samples: int) -> str:
    set_names = list(next(iter(results.values())))
    head = "| setting | " + " | ".join(f"{s} R-1 / R-2 / R-Lsum" for s in set_names)
    lines = [f"### {group}", "", head + " | dev score | vs previous default |",
             "|---|" + "---|" * len(set_names) + "---:|---|"]
    base = dev_score_per_article(results[baseline])
    for label, rows in results.items():
        cells = [" / ".join(f"{x:.2f}" for x in rows[s].mean(axis=0)) for s in set_names]
        score = dev_score_per_article(rows)
        if label == baseline:
            versus = "(previous default)"
        else:
            test = paired_test(score, base, samples=samples, seed=0)
            versus = f"{test.difference:+.2f} [{test.low:+.2f}, {test.high:+.2f}]"
        mark = " **(chosen)**" if label == chosen else ""
        lines.append(f"| {label}{mark} | " + " | ".join(cells) + f" | {score.mean():.2f} | {versus} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sets = dev_sets()
    scorer = Scorer(sets)
    sizes = ", ".join(f"{name} {len(items)} articles" for name, items in sets.items())
    print(f"# TextRank/LexRank defaults chosen on development data\n\nCommand: `python eval/select_graph_defaults.py`"
          f"\n\nDev data: {sizes}; length {LENGTH} sentences; ROUGE F1 x 100 (rouge-score via newsml)."
          f" dev score = mean over sets of mean(R-1, R-2, R-Lsum).\n")
    for group, settings in candidates().items():
        results: dict[str, dict[str, np.ndarray]] = {}
        labels = {}
        for label, method, params in settings:
            results[label] = scorer.rows(method, params)
            labels[label] = params
        chosen = max(results, key=lambda label: dev_score_per_article(results[label]).mean())
        baseline = next(label for label, params in labels.items()
                        if all(params.get(k) == v for k, v in PREVIOUS[group].items()))
        for label, method in REFERENCES.get(group, []):
            results[label] = scorer.rows(method, {})
        print(table(group, results, baseline, chosen, args.samples))
        print(f"\nchosen for {group}: `{labels[chosen]}`\n", flush=True)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
