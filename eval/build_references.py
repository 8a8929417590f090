"""Merge the two annotators' reference files into ``data/summaries/newsml_references.jsonl``.

Run from the repo root: ``python eval/build_references.py``. Each output row holds the article (the
scraped text, boilerplate included, from ``data/boilerplate/newspaper_texts.jsonl``) and its two
independent references ``[A, B]`` (see ``guidelines/reference_summaries.md``).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> None:
    texts = {row["id"]: row for row in read_jsonl(HERE / "data/boilerplate/newspaper_texts.jsonl")}
    a = read_jsonl(HERE / "data/summaries/annotators/references_A.jsonl")
    b = {row["article_id"]: row for row in read_jsonl(HERE / "data/summaries/annotators/references_B.jsonl")}
    out = HERE / "data/summaries/newsml_references.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for row in a:
            article = texts[row["article_id"]]
            record = {
                "id": row["article_id"],
                "source": article["source"],
                "url": article["url"],
                "article": article["text"],
                "references": [row["reference"], b[row["article_id"]]["reference"]],
                "annotators": ["A", "B"],
                "reference_type": "abstractive, hand-written, one sentence per line",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(a)} articles to {out}")


if __name__ == "__main__":
    main()
