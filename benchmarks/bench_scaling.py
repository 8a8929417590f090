"""Time against article length for every summariser: 10, 30, 100, 300, 1,000 and 3,000 sentences.

    pytest benchmarks/bench_scaling.py --benchmark-only --benchmark-json=scaling.json
    python benchmarks/plot_scaling.py scaling.json        # log-log curves (PNG) and fitted slopes

Each input is the first N distinct real sentences of the evaluation articles (BBC, Inshorts, newspaper3k
texts, in file order: :func:`articles.long_text`), one per line, summarised with ``clean=False`` and
``length=3``. Methods that need downloaded weights (``abstractive``, ``embedding-centroid``) are skipped
with the reason. Rounds shrink with size (5 up to 100 sentences, 3 at 300, 2 at 1,000, 1 at 3,000).

Before each case the words of its text are stemmed once into the memo that every stemming method shares
(newsml's term map and the sumy adapter's stemmer), so no method pays for another's cold cache.

Cap: before a size is run, its time is extrapolated from the method's two largest measured sizes (with
their own log-log slope, at least 1). If one call is predicted to take over ``MAX_CALL_SECONDS`` (20 s)
the size is skipped and the prediction is printed in the skip reason; everything else is measured.

The registered ``sumy-*`` methods read at most ``MAX_SENTENCES[algorithm]`` sentences (newsml's cap; the
summary's ``info["truncated_to"]`` is stored in ``extra_info``), so past the cap their time flattens; the
``sumy-*:uncapped`` cases run the same algorithms on every sentence.
Each benchmark's ``extra_info`` holds ``method`` and ``sentences`` for the plotting script.
"""

from __future__ import annotations

import math

import pytest
from articles import NEEDS_WEIGHTS, long_text

import newsml

SIZES = (10, 30, 100, 300, 1000, 3000)
MAX_CALL_SECONDS = 20.0
_MEASURED: dict[str, dict[int, float]] = {}


def _mean(benchmark) -> float:
    """Mean seconds of the timed rounds (NaN under ``--benchmark-disable``, where nothing is timed)."""
    return benchmark.stats.stats.mean if benchmark.stats else float("nan")


def _rounds(n: int) -> tuple[int, int]:
    """(rounds, warmup_rounds) for an input of ``n`` sentences."""
    if n <= 100:
        return 5, 1
    if n <= 300:
        return 3, 1
    if n <= 1000:
        return 2, 0
    return 1, 0


def _predicted(method: str, n: int) -> float | None:
    done = sorted(_MEASURED.get(method, {}).items())
    if len(done) < 2:
        return None
    (n1, t1), (n2, t2) = done[-2:]
    slope = max(1.0, math.log(t2 / t1) / math.log(n2 / n1)) if t1 > 0 and t2 > 0 else 2.0
    return t2 * (n / n2) ** slope


UNCAPPED = ("kl", "lexrank", "reduction", "lsa", "textrank", "sumbasic", "luhn")
"""sumy algorithms whose default ``max_sentences`` cap (newsml.summarization.sumy_adapter.MAX_SENTENCES) is
below 3,000: the registered ``sumy-*`` method reads only the first ``cap`` sentences, so it is also run as
``sumy-*:uncapped`` (``max_sentences=10**9``) to show how the algorithm itself grows."""

CASES = [(method, n) for method in [*newsml.summarizers(), *(f"sumy-{a}:uncapped" for a in UNCAPPED)] for n in SIZES]


def _summarizer(method: str):
    if method.endswith(":uncapped"):
        from newsml.summarization.sumy_adapter import SumySummarizer

        return SumySummarizer(method.removeprefix("sumy-").removesuffix(":uncapped"), max_sentences=10**9)
    return newsml.get_summarizer(method)


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    if _MEASURED:
        print("\nscaling: mean seconds per call (clean=False, length=3)")
        print(f"{'method':16s}" + "".join(f"{n:>10d}" for n in SIZES))
        for method, times in sorted(_MEASURED.items()):
            print(f"{method:16s}" + "".join(f"{times[n]:10.4f}" if n in times else f"{'-':>10s}" for n in SIZES))


def _warm_stemmer(text: str) -> None:
    """Stem every word of ``text`` once into the process-wide memo that newsml and the sumy adapter share.

    Large sizes run without a warm-up round, so otherwise the first stemming method to meet a text pays
    for stemming its new words (about 50 ms of a 22 ms LexRank call at 1,000 sentences) and the methods
    that follow it do not: the measured growth then depends on the order the methods run in.
    """
    from newsml.summarization.terms import SentenceTerms
    from newsml.text import Tokenizer

    SentenceTerms.build(Tokenizer().sentences(text))


@pytest.mark.parametrize(("method", "sentences"), CASES, ids=[f"{m}-{n}" for m, n in CASES])
def test_scaling(benchmark, method, sentences):
    if method in NEEDS_WEIGHTS:
        pytest.skip(f"{method}: {NEEDS_WEIGHTS[method]}")
    predicted = _predicted(method, sentences)
    if predicted is not None and predicted > MAX_CALL_SECONDS:
        pytest.skip(f"{method} at {sentences} sentences: one call predicted {predicted:.0f} s "
                    f"(> {MAX_CALL_SECONDS:.0f} s cap) from {sorted(_MEASURED[method].items())[-2:]}")
    text = long_text(sentences)
    summarizer = _summarizer(method)
    summarizer.summarize(long_text(10), length=3, clean=False)  # warm imports and caches
    _warm_stemmer(text)
    benchmark.group = f"scaling: {method}"
    benchmark.extra_info.update(method=method, sentences=sentences)
    rounds, warmup = _rounds(sentences)
    summary = benchmark.pedantic(lambda: summarizer.summarize(text, length=3, clean=False), rounds=rounds,
                                 iterations=1, warmup_rounds=warmup)
    assert len(summary.sentences) == 3
    benchmark.extra_info["truncated_to"] = summary.info.get("truncated_to")
    _MEASURED.setdefault(method, {})[sentences] = _mean(benchmark)
