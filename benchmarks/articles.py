"""Real articles for the benchmarks, picked from ``eval/data`` by sentence count (shared helper module).

Not a benchmark itself (pytest collects only ``bench_*.py``). Every text is real news text from the
repository's evaluation data; long inputs are real sentences or whole real articles end to end.

>>> len(sentence_pool()) > 3000
True
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from newsml.text import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
SUMMARIES = ROOT / "eval/data/summaries"
NEWSPAPER_TEXTS = ROOT / "eval/data/boilerplate/newspaper_texts.jsonl"

# methods that need model weights or optional extras; the speed benchmarks leave them out
NEEDS_WEIGHTS = {"abstractive": "needs a Hugging Face seq2seq checkpoint (see bench_abstractive.py)",
                 "embedding-centroid": "needs sentence-embedding weights (optional extra)"}


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def articles() -> tuple[tuple[str, str], ...]:
    """``(source/id, text)`` of every plain news article: BBC, Inshorts and newspaper3k texts."""
    out = [(f"bbc_extractive/{row.get('id', i)}", row["article"])
           for i, row in enumerate(_jsonl(SUMMARIES / "bbc_extractive.jsonl"))]
    out += [(f"inshorts/{row.get('id', i)}", row["article"]) for i, row in enumerate(_jsonl(SUMMARIES / "inshorts.jsonl"))]
    out += [(f"newspaper_texts/{row.get('id', i)}", row["text"]) for i, row in enumerate(_jsonl(NEWSPAPER_TEXTS))]
    return tuple(out)


@cache
def _counts() -> tuple[int, ...]:
    tokenizer = Tokenizer()
    return tuple(len(tokenizer.sentences(text)) for _, text in articles())


def article_near(sentences: int) -> tuple[str, str, int]:
    """The real article whose sentence count is closest to ``sentences``: ``(name, text, n_sentences)``."""
    counts = _counts()
    best = min(range(len(counts)), key=lambda i: (abs(counts[i] - sentences), i))
    name, text = articles()[best]
    return name, text, counts[best]


@cache
def sentence_pool() -> tuple[str, ...]:
    """Every sentence of every article, in file order, duplicates removed (so long texts never repeat)."""
    tokenizer = Tokenizer()
    seen: dict[str, None] = {}
    for _, text in articles():
        for sentence in tokenizer.sentences(text):
            seen.setdefault(sentence, None)
    return tuple(seen)


def long_text(sentences: int) -> str:
    """``sentences`` distinct real sentences, one paragraph per source article order, joined by newlines."""
    pool = sentence_pool()
    if sentences > len(pool):
        raise ValueError(f"only {len(pool)} distinct sentences available, asked for {sentences}")
    return "\n".join(pool[:sentences])


def stream(n: int):
    """``n`` real articles, cycling through :func:`articles` (a generator: nothing is accumulated)."""
    texts = [text for _, text in articles()]
    for i in range(n):
        yield texts[i % len(texts)]


def speed_methods() -> list[str]:
    """Every registered summariser that runs without downloaded weights."""
    import newsml

    return [name for name in newsml.summarizers() if name not in NEEDS_WEIGHTS]
