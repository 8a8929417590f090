"""Build the hand-written reference sets from the annotators' files in ``data/summaries/annotators/``.

Run from the repo root: ``python eval/build_references.py``. Each output row holds the article (the
scraped text, boilerplate included, from ``data/boilerplate/newspaper_texts.jsonl``) and its references
(see ``guidelines/reference_summaries.md``):

* ``newsml_references.jsonl`` (test): 36 articles, two independent references ``[A, B]`` each;
* ``newsml_references_dev.jsonl`` (development): the other 88 newspaper_texts articles, one reference
  each, by annotators D1-D4 (``dev_references_<part>.jsonl``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from newsml.cleaning.dataset import read_jsonl  # noqa: E402


def _record(article: dict, references: list[str], annotators: list[str]) -> dict:
    """One row of a reference set: the scraped article and its hand-written references."""
    return {"id": article["id"], "source": article["source"], "url": article["url"], "article": article["text"],
            "references": references, "annotators": annotators,
            "reference_type": "abstractive, hand-written, one sentence per line"}


def main() -> None:
    texts = {row["id"]: row for row in read_jsonl(HERE / "data/boilerplate/newspaper_texts.jsonl")}
    a = read_jsonl(HERE / "data/summaries/annotators/references_A.jsonl")
    b = {row["article_id"]: row for row in read_jsonl(HERE / "data/summaries/annotators/references_B.jsonl")}
    out = HERE / "data/summaries/newsml_references.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for row in a:
            record = _record(texts[row["article_id"]], [row["reference"], b[row["article_id"]]["reference"]], ["A", "B"])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(a)} articles to {out}")
    build_dev(texts)


def build_dev(texts: dict[str, dict]) -> None:
    """Write the development set: one reference per article, in article-id order."""
    rows = [row for path in sorted((HERE / "data/summaries/annotators").glob("dev_references_*.jsonl"))
            for row in read_jsonl(path)]
    out = HERE / "data/summaries/newsml_references_dev.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for row in sorted(rows, key=lambda r: r["article_id"]):
            record = _record(texts[row["article_id"]], [row["reference"]], [row["annotator"]])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} articles to {out}")


if __name__ == "__main__":
    main()
