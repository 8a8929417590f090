"""Agreement between two annotators on the verified test labels: ``python eval/label_agreement.py``.

A sample of the verified documents (``annotators/verified_test/agreement.json``) was labelled a second
time, independently, by other agents under the same brief. For each document and pooled, this reports
the share of lines given the same label and Cohen's kappa, on the six labels and on keep/remove
(story or heading against the rest), and how often each annotator kept the automatic label's side.
Writes ``eval/results/label_agreement.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from build_line_sources import read_tsv  # noqa: E402
from verification_inputs import FOLDER as VERIFIED, annotator_of, read_inputs  # noqa: E402

KEPT = ("story", "heading")


def labels_of(annotator: str, stem: str) -> np.ndarray:
    """One annotator's labels of one document."""
    return np.array([label for label, _ in read_tsv(VERIFIED / annotator / f"{stem}.tsv")])


def automatic_kept(stem: str) -> np.ndarray:
    """Whether each line of the document is story or heading by its automatic label (the hint)."""
    return np.array([label in KEPT for label, _ in read_inputs(stem)])


def kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa; NaN when the two annotators use one and the same label throughout (undefined)."""
    if len(set(first) | set(second)) < 2:
        return float("nan")
    return float(cohen_kappa_score(first, second))


def agreement_row(name: str, first: np.ndarray, second: np.ndarray, auto: np.ndarray) -> dict:
    """Agreement figures of two label arrays of the same lines."""
    kept_first, kept_second = np.isin(first, KEPT), np.isin(second, KEPT)
    return {"document": name, "lines": len(first),
            "six labels: same": float((first == second).mean()),
            "six labels: kappa": kappa(first, second),
            "keep/remove: same": float((kept_first == kept_second).mean()),
            "keep/remove: kappa": kappa(kept_first, kept_second),
            "keep/remove: lines differing": int((kept_first != kept_second).sum()),
            "first keeps hint side": float((kept_first == auto).mean()),
            "second keeps hint side": float((kept_second == auto).mean())}


def main() -> None:
    first_of, second_of = annotator_of("assignment.json"), annotator_of("agreement.json")
    rows, pooled = [], {"first": [], "second": [], "auto": []}
    for stem in sorted(second_of):
        first, second = labels_of(first_of[stem], stem), labels_of(second_of[stem], stem)
        auto = automatic_kept(stem)
        if len(first) != len(second):
            raise ValueError(f"{stem}: {len(first)} lines from {first_of[stem]}, {len(second)} from {second_of[stem]}")
        rows.append(agreement_row(f"{stem[:40]} ({first_of[stem]} / {second_of[stem]})", first, second, auto))
        for key, value in (("first", first), ("second", second), ("auto", auto)):
            pooled[key].append(value)
    first, second, auto = (np.concatenate(pooled[key]) for key in ("first", "second", "auto"))
    rows.append(agreement_row("all sampled lines", first, second, auto))
    matrix = pd.crosstab(pd.Series(first, name="first annotator"), pd.Series(second, name="second annotator"))
    text = "\n".join(["# Agreement on the verified test labels", "",
                      "`python eval/label_agreement.py`: documents of `annotators/verified_test/agreement.json`,",
                      "labelled by their first annotator (the verified sources) and again by a second one.", "",
                      pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"), "",
                      "Six labels, all sampled lines (rows: first annotator, columns: second):", "",
                      matrix.to_markdown(), ""])
    print(text)
    (HERE / "results/label_agreement.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
