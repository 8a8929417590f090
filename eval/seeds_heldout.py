"""How the line classifier does on the two seed documents when they are held out: `python eval/seeds_heldout.py`.

The shipped model trains on the seeds (they define the target input style), so `tests/` checks them
in-sample. This script trains the same configuration without the `seeds` source (thresholds chosen on
out-of-fold predictions exactly as `newsml train classifier` does; ~4 minutes on 2 cores) and prints the
binary scores on the seeds' hand-labelled lines and every line it gets wrong.
"""

from __future__ import annotations

import argparse

from newsml.cleaning.dataset import load_labelled_lines
from newsml.cleaning.metrics import binary_scores
from newsml.cleaning.training import DEFAULTS, fit_tuned
from newsml.config import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="configs/classifiers/default.yaml")
    args = parser.parse_args()
    config = load(args.config, DEFAULTS, open_keys=frozenset({"model"}))
    config["sources"] = [source for source in config["sources"] if source != "seeds"]
    model, chosen, _ = fit_tuned(config)
    seeds = load_labelled_lines(config["data_dir"], ["seeds"])
    predicted, proba = model.predict_with_proba(seeds)
    print(f"thresholds: residue {chosen['keep_threshold']:.4f}, page {chosen['page_keep_threshold']:.5f}")
    print("out-of-fold boilerplate recall:", {k: round(v, 3) for k, v in chosen["cross_validated_boilerplate_recall"].items()})
    print("seeds held out:", {key: round(value, 3) for key, value in binary_scores(seeds["label"], predicted).items()})
    for (_, row), label, p in zip(seeds.iterrows(), predicted, proba):
        if (row["label"] in ("story", "heading")) != (label in ("story", "heading")):
            print(f"  {row['label']:>8} -> {label:<8} keep {p[0] + p[1]:.3f}  {row['text'][:80]}")


if __name__ == "__main__":
    main()
