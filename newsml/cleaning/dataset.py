"""Labelled lines for training and evaluating the line classifiers (the files in ``eval/data/boilerplate``).

Every source becomes rows of one frame with columns ``doc, position, text, label, source, domain``
(``doc`` is ``"<source>:<id>"``, unique across sources). ``label`` is one of :data:`newsml.LABELS` or
``"boilerplate"`` (kind unknown). Hand labels in override files (by default ``hand_labels.jsonl``; a
training config may add ``verified_train_labels.jsonl``) replace the automatic labels of the lines they
name.

>>> SOURCES["aeb_lines"].file
'aeb_dev_lines.jsonl'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from newsml.cleaning.overrides import read_label_overrides
from newsml.errors import ConfigError
from newsml.labels import GOLD_LABELS, LABELS


@dataclass(frozen=True)
class Source:
    """A labelled-lines file: its name, its kind of text and the field that holds the line label."""

    file: str
    kind: str  # "residue" (extractor output, little boilerplate) or "page" (whole-page text)
    label_field: str


SOURCES: dict[str, Source] = {
    "aeb_lines": Source("aeb_dev_lines.jsonl", "residue", "label"),
    "newspaper_texts": Source("newspaper_texts_labelled.jsonl", "residue", "label"),
    "seeds": Source("seeds_labelled.jsonl", "residue", "label"),
    "written": Source("written_residue.jsonl", "residue", "label"),
    "written_2": Source("written_residue_2.jsonl", "residue", "label"),  # not in the shipped model (eval/README.md)
    "aeb_pages": Source("aeb_dev_pages.jsonl", "page", "label"),
    "newspaper_pages": Source("newspaper_pages.jsonl", "page", "label"),
    "written_pages": Source("written_pages.jsonl", "page", "label"),  # training pages we wrote (eval/README.md)
    "written_pages_2": Source("written_pages_2.jsonl", "page", "label"),  # written pages with tables/lists/code
    # test only, made after the split had been read for model decisions (eval/build_line_sources.py):
    "bbc_clean": Source("bbc_clean_lines.jsonl", "residue", "label"),
    "written_test_residue": Source("written_test_residue.jsonl", "residue", "label"),
    "written_test_pages": Source("written_test_pages.jsonl", "page", "label"),
    "written_test_pages_2": Source("written_test_pages_2.jsonl", "page", "label"),
    "written_test_pages_3": Source("written_test_pages_3.jsonl", "page", "label"),  # reserved: RESERVED_TEST_SOURCES
    # the old split's automatically labelled test documents, relabelled by hand (test only):
    "aeb_lines_verified": Source("aeb_lines_verified.jsonl", "residue", "label"),
    "aeb_pages_verified": Source("aeb_pages_verified.jsonl", "page", "label"),
    "newspaper_pages_verified": Source("newspaper_pages_verified.jsonl", "page", "label"),
}
"""Source name -> file in ``eval/data/boilerplate``."""

SCORED_SOURCES = ["aeb_lines", "newspaper_texts", "aeb_pages_crop", "newspaper_pages_crop", "aeb_pages",
                  "newspaper_pages"]
"""The sources the classifier reports score, each on its own (the page sources' crops included)."""

FRESH_TEST_SOURCES = ["bbc_clean", "written_test_residue", "written_test_pages_crop", "written_test_pages",
                      "written_test_pages_2_crop", "written_test_pages_2"]
"""Test-only sources made after the fixed split had been read for model decisions (eval/README.md)."""

VERIFIED_TEST_SOURCES = ["aeb_lines_verified", "aeb_pages_verified_crop", "newspaper_pages_verified_crop",
                         "aeb_pages_verified", "newspaper_pages_verified"]
"""The split's automatically labelled test documents with hand-verified six-way labels (test only)."""

RESERVED_TEST_SOURCES = ["written_test_pages_3"]
"""Test-only sources kept unscored by any model until a decision's rule names them (eval/README.md)."""

SPLIT_SOURCES = [name for name in SOURCES
                 if name not in FRESH_TEST_SOURCES + VERIFIED_TEST_SOURCES + RESERVED_TEST_SOURCES]
"""The sources of the fixed site-level split (its test part is what the benchmarks time)."""

HAND_LABELS = "hand_labels.jsonl"
VERIFIED_TRAIN_LABELS = "verified_train_labels.jsonl"
"""The training pages relabelled line by line (eval/build_line_sources.py); not in the shipped model's config."""
_SEED_DOMAINS = {"global_news_idlib": "globalnews.ca", "aljazeera_idlib": "aljazeera.com"}


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSON-lines file."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def domain_of(record: dict) -> str:
    """The site of a record: its URL's host without ``www.`` (seeds: their publisher)."""
    if record.get("id") in _SEED_DOMAINS:
        return _SEED_DOMAINS[record["id"]]
    host = urlparse(record.get("url") or "").netloc.lower()
    if not host:  # newspaper records without a URL: the file stem names the site
        host = str(record.get("id", "")).removeprefix("newspaper-").rstrip("0123456789")
    return host.removeprefix("www.")


def load_labelled_lines(data_dir: str | Path, sources: Iterable[str] | None = None,
                        label_overrides: Iterable[str] = (HAND_LABELS,)) -> pd.DataFrame:
    """Load the labelled lines of ``sources`` (default: all) from ``data_dir``.

    ``label_overrides`` names files in ``data_dir`` of hand labels (``file``, ``doc_id``, line ``index``,
    ``label``), applied in order, so a later file wins; a missing default ``hand_labels.jsonl`` is skipped.
    """
    data_dir = Path(data_dir)
    names = list(SOURCES) if sources is None else list(sources)
    unknown = sorted(set(names) - set(SOURCES))
    if unknown:
        raise ConfigError(f"unknown line source(s) {unknown}; valid sources are {sorted(SOURCES)}")
    overrides = {}
    for file in label_overrides:
        if file == HAND_LABELS and not (data_dir / file).is_file():
            continue
        overrides.update(read_label_overrides(data_dir / file))
    rows = []
    for name in names:
        source = SOURCES[name]
        for record in read_jsonl(data_dir / source.file):
            domain = domain_of(record)
            for position, line in enumerate(record["lines"]):
                label = overrides.get((source.file, record["id"], position), line[source.label_field])
                if label not in GOLD_LABELS:
                    raise ConfigError(f"{source.file}:{record['id']} line {position} has label {label!r}")
                rows.append((f"{name}:{record['id']}", position, line["text"], label, name, source.kind, domain))
    return pd.DataFrame(rows, columns=["doc", "position", "text", "label", "source", "kind", "domain"])


def fine_label_rows(frame: pd.DataFrame) -> np.ndarray:
    """Lines with a fine gold label (one of LABELS), crops left out: where the full taxonomy is scored."""
    return np.isin(frame["label"].to_numpy(), LABELS) & ~frame["source"].str.endswith("_crop").to_numpy()


def article_crops(frame: pd.DataFrame, margin: int = 2) -> pd.DataFrame:
    """Extractor-style views of whole pages: each page cut to its article region plus ``margin`` lines.

    A page's lines from its first story/heading line to its last story line (with the in-article ads,
    captions and teasers between them, hand-labelled in ``hand_labels.jsonl``) are what an article
    extractor outputs, so these crops teach the light-residue case with real lines. Only ``page``
    sources are cropped; the crops get ``source = "<source>_crop"`` and ``kind = "residue"``.
    """
    pages = frame[frame["kind"] == "page"]
    crops = []
    for doc, lines in pages.groupby("doc", sort=False):
        kept = np.flatnonzero(lines["label"].isin(["story", "heading"]).to_numpy())
        if len(kept) == 0:
            continue
        first, last = max(kept[0] - margin, 0), min(kept[-1] + margin, len(lines) - 1)
        crop = lines.iloc[first:last + 1].copy()
        crop["doc"] = f"crop:{doc}"
        crop["position"] = np.arange(len(crop))
        crop["source"] = crop["source"] + "_crop"
        crop["kind"] = "residue"
        crops.append(crop)
    return pd.concat(crops, ignore_index=True) if crops else frame.iloc[0:0]


def is_test_domain(domain: str, test_fraction: float = 0.25) -> bool:
    """The fixed document-level split: a site is in the test part when its SHA-1 falls below the fraction.

    Splitting by site keeps a site's menus and footers on one side, so the model cannot memorise them.
    """
    digest = int(hashlib.sha1(domain.encode("utf-8")).hexdigest()[:8], 16)
    return digest / 0xFFFFFFFF < test_fraction


def split_frame(frame: pd.DataFrame, split: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a lines frame into (train, test) with a split mapping as in ``eval/splits/classifier.json``."""
    test_docs = set(split["test"])
    in_test = frame["doc"].isin(test_docs)
    return frame[~in_test].reset_index(drop=True), frame[in_test].reset_index(drop=True)
