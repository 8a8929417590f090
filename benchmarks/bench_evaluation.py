"""Evaluation speed: documents per second of a small suite run, and ROUGE scoring throughput.

    pytest benchmarks/bench_evaluation.py --benchmark-only --benchmark-group-by=group -s

* ``suite``: :func:`newsml.evaluation.runner.run_suite` on a small suite built in code (the 36
  ``newsml_references`` articles with 2 hand-written references each, cleaned first as in the default
  suite; systems lead, textrank, lexrank; 200 bootstrap resamples; 1 scoring worker). Documents per second
  = (documents x systems) / wall time of the whole run (loading, cleaning, summarising, ROUGE, summary
  statistics, bootstrap), plus each system's own prediction docs/s as the runner measures it.
* ``rouge``: the same 200 (prediction, reference) pairs (lead-3 of the first 200 Inshorts articles against
  their reference summary) scored with newsml's :class:`~newsml.evaluation.rouge.RougeScorer` (newsml
  tokenizer + stemmer injected, one sentence per line for rougeLsum) and with plain rouge-score
  (``rouge_scorer.RougeScorer(types, use_stemmer=True)``, its own tokenizer, raw text), rouge1/2/L/Lsum.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROUGE_TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
_RATES: dict[str, float] = {}


def _mean(benchmark) -> float:
    """Mean seconds of the timed rounds (NaN under ``--benchmark-disable``, where nothing is timed)."""
    return benchmark.stats.stats.mean if benchmark.stats else float("nan")


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    if _RATES:
        print("\nevaluation throughput:")
        for name, rate in _RATES.items():
            print(f"  {name:48s} {rate:10.1f}")
        if {"rouge pairs/s: newsml RougeScorer", "rouge pairs/s: plain rouge_score"} <= set(_RATES):
            ratio = _RATES["rouge pairs/s: newsml RougeScorer"] / _RATES["rouge pairs/s: plain rouge_score"]
            print(f"  newsml RougeScorer / plain rouge_score speed ratio: {ratio:.2f}x")


def _suite():
    from newsml.evaluation.suite import load_suite

    return load_suite({
        "name": "bench-small", "seed": 1, "length": 3, "clean": True, "workers": 1,
        "bootstrap": {"samples": 200, "confidence": 0.95},
        "datasets": [{"name": "newsml_references", "path": str(ROOT / "eval/data/summaries/newsml_references.jsonl")}],
        "systems": ["lead", "textrank", "lexrank"],
    })


@pytest.mark.benchmark(group="evaluation: small suite run")
def test_suite_run(benchmark):
    from newsml.evaluation.runner import run_suite

    suite = _suite()
    result = benchmark.pedantic(lambda: run_suite(suite, progress=False), rounds=3, iterations=1, warmup_rounds=1)
    runs = list(result.runs.values())
    assert runs and all(run.n_failed == 0 for run in runs)
    documents = sum(run.n_documents for run in runs)
    rate = documents / _mean(benchmark)
    benchmark.extra_info.update(documents=documents, docs_per_second=rate,
                                **{f"predict_docs_per_second_{run.system}": run.docs_per_second for run in runs})
    _RATES["suite docs/s (whole run, docs x systems)"] = rate
    for run in runs:
        _RATES[f"  {run.system}: prediction docs/s (runner's own)"] = run.docs_per_second


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    import newsml

    lead = newsml.get_summarizer("lead")
    with (ROOT / "eval/data/summaries/inshorts.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][:200]
    return [(lead.summarize(row["article"], length=3, clean=False).text, row["reference"]) for row in rows]


@pytest.mark.benchmark(group="evaluation: ROUGE pairs per second")
def test_rouge_newsml(benchmark, pairs):
    from newsml.evaluation.rouge import RougeScorer

    scorer = RougeScorer(ROUGE_TYPES)
    benchmark.pedantic(lambda: [scorer.score(p, r) for p, r in pairs], rounds=5, iterations=1, warmup_rounds=1)
    rate = len(pairs) / _mean(benchmark)
    benchmark.extra_info["pairs_per_second"] = rate
    _RATES["rouge pairs/s: newsml RougeScorer"] = rate


@pytest.mark.benchmark(group="evaluation: ROUGE pairs per second")
def test_rouge_plain_rouge_score(benchmark, pairs):
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(ROUGE_TYPES, use_stemmer=True)
    benchmark.pedantic(lambda: [scorer.score(r, p) for p, r in pairs], rounds=5, iterations=1, warmup_rounds=1)
    rate = len(pairs) / _mean(benchmark)
    benchmark.extra_info["pairs_per_second"] = rate
    _RATES["rouge pairs/s: plain rouge_score"] = rate
