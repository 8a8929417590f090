"""Write the inputs of the line-label verification (2026-11-21): ``python eval/verification_inputs.py [--part train]``.

The old split's test pages (``aeb_pages``, ``newspaper_pages``) and AEB extractor lines (``aeb_lines``)
carry automatic labels (matching against a reference text; ``shared/data/README.md`` lists their known
errors). Eight of the team's language-model agents relabel them line by line with the full taxonomy,
following ``guidelines/line_labels.md``. This script writes, for every such test document, the file
``annotators/verified_test/input/<source>__<id>.tsv`` (``INDEX<TAB>AUTO_LABEL<TAB>line``: the automatic
label, with ``hand_labels.jsonl`` applied, is shown as a hint) and ``assignment.json``, which gives each
annotator a share of the documents with about the same number of lines. The annotators never see a
model's output. ``build_line_sources.py`` turns their files into the ``*_verified`` sources. A sample of
about 1,000 lines (``agreement.json``, :func:`agreement_sample`) is labelled again by four other agents,
independently, to measure agreement (``label_agreement.py``); the verified sources use the first labels.

``--part train`` does the same for the training pages of ``aeb_pages`` and ``newspaper_pages``
(``annotators/verified_train/``, sixteen annotators ``relabel_1``-``relabel_16``, no agreement sample);
``build_line_sources.py`` turns their files into the override file ``verified_train_labels.jsonl``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from newsml.cleaning.dataset import load_labelled_lines, split_frame  # noqa: E402

VERIFIED = ["aeb_lines", "aeb_pages", "newspaper_pages"]
ANNOTATORS = [f"verify_{number}" for number in range(1, 9)]
AGREEMENT_ANNOTATORS = [f"agree_{number}" for number in range(1, 5)]
FOLDER = HERE / "data/boilerplate/annotators/verified_test"
TRAIN_VERIFIED = ["aeb_pages", "newspaper_pages"]
TRAIN_ANNOTATORS = [f"relabel_{number}" for number in range(1, 17)]
TRAIN_FOLDER = HERE / "data/boilerplate/annotators/verified_train"


def input_name(doc: str) -> str:
    """``aeb_pages:<id>`` -> ``aeb_pages__<id>`` (a file stem)."""
    return doc.replace(":", "__", 1)


def annotator_of(file: str, folder: Path = FOLDER) -> dict[str, str]:
    """Document stem -> its annotator, from ``assignment.json`` or ``agreement.json`` in ``folder``."""
    shares = json.loads((folder / file).read_text(encoding="utf-8"))
    return {stem: name for name, stems in shares.items() for stem in stems}


def read_inputs(stem: str, folder: Path = FOLDER) -> list[tuple[str, str]]:
    """``(automatic label, text)`` of every line of one document's input file in ``folder``."""
    rows = (folder / "input" / f"{stem}.tsv").read_text(encoding="utf-8").splitlines()
    return [(label, text) for _, label, text in (row.split("\t", 2) for row in rows)]


def main(part: str = "test") -> None:
    if part not in ("test", "train"):
        raise SystemExit(f"unknown part {part!r}; valid parts are 'test' and 'train'")
    sources, folder = (VERIFIED, FOLDER) if part == "test" else (TRAIN_VERIFIED, TRAIN_FOLDER)
    frame = load_labelled_lines(HERE / "data/boilerplate", sources)
    train, test = split_frame(frame, json.loads((HERE / "splits/classifier.json").read_text(encoding="utf-8")))
    (folder / "input").mkdir(parents=True, exist_ok=True)
    sizes = {}
    for doc, lines in (test if part == "test" else train).groupby("doc", sort=False):
        rows = [f"{position}\t{label}\t{text}" for position, label, text in
                lines[["position", "label", "text"]].itertuples(index=False)]
        (folder / "input" / f"{input_name(doc)}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        sizes[input_name(doc)] = len(rows)
    if part == "test":
        shares_to_write = [("assignment.json", ANNOTATORS, list(sizes)),
                           ("agreement.json", AGREEMENT_ANNOTATORS, agreement_sample(sizes))]
    else:  # the training pages: no agreement sample
        shares_to_write = [("assignment.json", TRAIN_ANNOTATORS, list(sizes))]
    for file, annotators, stems in shares_to_write:
        shares = balanced(stems, sizes, annotators)
        (folder / file).write_text(json.dumps(shares, indent=1) + "\n", encoding="utf-8")
        print(f"{file}: {len(stems)} documents; lines per annotator:",
              {name: sum(sizes[stem] for stem in share) for name, share in shares.items()})


def balanced(stems: list[str], sizes: dict[str, int], annotators: list[str]) -> dict[str, list[str]]:
    """Documents shared among annotators by lines: the largest first, each to the least loaded annotator."""
    load = {name: 0 for name in annotators}
    shares: dict[str, list[str]] = {name: [] for name in annotators}
    for stem in sorted(stems, key=lambda s: (-sizes[s], s)):
        annotator = min(annotators, key=lambda name: (load[name], name))
        shares[annotator].append(stem)
        load[annotator] += sizes[stem]
    return shares


def agreement_sample(sizes: dict[str, int], budget: int = 1000, largest: int = 300) -> list[str]:
    """Documents labelled a second time, by other agents, to measure agreement: in the order of the SHA-1 of
    their names, documents of at most ``largest`` lines until ``budget`` lines, each source at least once."""
    order = sorted(sizes, key=lambda stem: hashlib.sha1(stem.encode("utf-8")).hexdigest())
    chosen: list[str] = []
    for source in VERIFIED:  # one document of each source first
        chosen.append(next(stem for stem in order if stem.startswith(f"{source}__") and sizes[stem] <= largest))
    for stem in order:
        if sum(sizes[s] for s in chosen) >= budget:
            break
        if stem not in chosen and sizes[stem] <= largest:
            chosen.append(stem)
    return chosen


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--part", choices=("test", "train"), default="test",
                        help="the split part whose automatically labelled documents are relabelled (default: test)")
    main(parser.parse_args().part)
