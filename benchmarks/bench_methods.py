"""Every summariser on the same short, medium and long real articles.

    pytest benchmarks/bench_methods.py --benchmark-only --benchmark-group-by=group

Articles (real, from ``eval/data``, picked by sentence count with :func:`articles.article_near`): short
(~10 sentences), medium (~30) and long (~100). Every method in ``newsml.summarizers()`` except those that
need downloaded weights (``abstractive``, ``embedding-centroid``: skipped with the reason) runs with
``clean=False`` and ``length=3``. Each method is warmed once on the short article first (imports, stemmer
memo), so the timings are per call, not first-call cost. Sentences per second go to ``extra_info``.
"""

from __future__ import annotations

import pytest
from articles import NEEDS_WEIGHTS, article_near

import newsml

SIZES = {"short": 10, "medium": 30, "long": 100}
_MEANS: dict[tuple[str, str], float] = {}


def _mean(benchmark) -> float:
    """Mean seconds of the timed rounds (NaN under ``--benchmark-disable``, where nothing is timed)."""
    return benchmark.stats.stats.mean if benchmark.stats else float("nan")


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, str, int]]:
    return {size: article_near(n) for size, n in SIZES.items()}


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    if not _MEANS:
        return
    methods = sorted({m for m, _ in _MEANS})
    print("\nmean ms per call (clean=False, length=3):")
    print(f"{'method':16s}" + "".join(f"{s:>12s}" for s in SIZES))
    for method in sorted(methods, key=lambda m: _MEANS.get((m, "long"), 0)):
        print(f"{method:16s}" + "".join(f"{_MEANS.get((method, s), float('nan')) * 1e3:12.2f}" for s in SIZES))


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("method", newsml.summarizers())
def test_method(benchmark, texts, method, size):
    if method in NEEDS_WEIGHTS:
        pytest.skip(f"{method}: {NEEDS_WEIGHTS[method]}")
    name, text, n_sentences = texts[size]
    summarizer = newsml.get_summarizer(method)
    summarizer.summarize(texts["short"][1], length=3, clean=False)  # warm imports and caches
    benchmark.group = f"methods: {size} article ({n_sentences} sentences, {name})"
    benchmark.extra_info.update(method=method, size=size, article=name, sentences=n_sentences)
    summary = benchmark.pedantic(lambda: summarizer.summarize(text, length=3, clean=False), rounds=5,
                                 iterations=1, warmup_rounds=1)
    assert len(summary.sentences) == 3
    benchmark.extra_info["sentences_per_second"] = n_sentences / _mean(benchmark)
    _MEANS[(method, size)] = _mean(benchmark)
