"""Cleaning speed: ``clean_many`` with the shipped model against jusText and the rule baseline.

    pytest benchmarks/bench_clean.py --benchmark-only --benchmark-group-by=group

All systems label the same input: every test-split document of the classifier data (whole pages and
extractor output, about 9,300 lines), as raw text. Timings are on one core (``OMP_NUM_THREADS=1``,
set before numpy/scikit-learn load). Lines per second are stored in each benchmark's ``extra_info``
and printed at the end, with the ratio of ``clean_many`` to jusText from paired rounds (one pass of each,
back to back, per round: the figure least moved by other jobs on a shared machine). Target:
``clean_many`` >= 3x jusText's lines per second.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import newsml  # noqa: E402
from newsml.cleaning.baselines import JusTextClassifier  # noqa: E402
from newsml.cleaning.dataset import SPLIT_SOURCES, load_labelled_lines, split_frame  # noqa: E402
from newsml.cleaning.frame import lines_frame  # noqa: E402
from paired import describe, paired_ratios  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_RATES: dict[str, dict[str, float]] = {}
STATISTICS = ("mean", "median", "min")
"""Rates are reported from each of these round-time statistics: on a shared machine the mean is the most
disturbed by other jobs, the fastest round the least."""


@pytest.fixture(scope="module")
def documents() -> list[str]:
    frame = load_labelled_lines(ROOT / "eval/data/boilerplate", SPLIT_SOURCES)  # the fresh sources left out
    _, test = split_frame(frame, json.loads((ROOT / "eval/splits/classifier.json").read_text()))
    return [("\n".join(lines["text"])) for _, lines in test.groupby("doc", sort=False)]


def _record(benchmark, name: str, n_lines: int) -> None:
    if benchmark.stats is None:  # --benchmark-disable: nothing was timed
        return
    stats = benchmark.stats.stats
    rates = {statistic: n_lines / getattr(stats, statistic) for statistic in STATISTICS}
    benchmark.extra_info["lines_per_second"] = rates["mean"]
    benchmark.extra_info["lines_per_second_by"] = rates
    _RATES[name] = rates


@pytest.mark.benchmark(group="clean: lines per second")
def test_clean_many_shipped_model(benchmark, documents):
    model = newsml.load_classifier()
    n_lines = sum(text.count("\n") + 1 for text in documents)
    benchmark.pedantic(lambda: list(newsml.clean_many(documents, classifier=model)), rounds=10, warmup_rounds=1)
    _record(benchmark, "newsml clean_many", n_lines)


@pytest.mark.benchmark(group="clean: lines per second")
def test_rule_baseline(benchmark, documents):
    model = newsml.RuleClassifier().fit(lines_frame([["x"]]))
    n_lines = sum(text.count("\n") + 1 for text in documents)
    benchmark.pedantic(lambda: list(newsml.clean_many(documents, classifier=model)), rounds=5, warmup_rounds=1)
    _record(benchmark, "RuleClassifier via clean_many", n_lines)


@pytest.mark.benchmark(group="clean: lines per second")
def test_justext(benchmark, documents):
    frame = lines_frame([text.split("\n") for text in documents])
    model = JusTextClassifier().fit(frame)
    benchmark.pedantic(lambda: model.predict(frame), rounds=5, warmup_rounds=1)
    _record(benchmark, "jusText", len(frame))


_PAIRED: list[float] = []


@pytest.mark.benchmark(group="clean: paired rounds (clean_many pass + jusText pass)")
def test_paired_rounds(benchmark, documents):
    """``clean_many`` and jusText timed back to back in each round, on the same lines, so that load from
    other jobs on a shared machine falls on both alike; the report prints the median over rounds of
    jusText's time / clean_many's time (= the ratio of their lines per second)."""
    model = newsml.load_classifier()
    frame = lines_frame([text.split("\n") for text in documents])
    justext = JusTextClassifier().fit(frame)
    _PAIRED.extend(paired_ratios(benchmark, lambda: list(newsml.clean_many(documents, classifier=model)),
                                 lambda: justext.predict(frame), rounds=8))


@pytest.mark.benchmark(group="clean: model load")
def test_model_load_time(benchmark):
    from newsml.cleaning.api import shipped_model_path
    from newsml.cleaning.persist import load_classifier_file

    benchmark.pedantic(lambda: load_classifier_file(shipped_model_path()), rounds=10, warmup_rounds=1)


@pytest.mark.benchmark(group="import newsml")
@pytest.mark.parametrize("code", ["pass", "import newsml", "import newsml; newsml.load_classifier()"])
def test_import_time(benchmark, code):
    """A fresh interpreter running ``code``: ``pass`` is the interpreter's own start-up, for reference."""
    benchmark.pedantic(lambda: subprocess.run([sys.executable, "-c", code], check=True), rounds=5,
                       warmup_rounds=1)


@pytest.fixture(scope="module", autouse=True)
def report_rates():
    """After the module's benchmarks, print lines per second and the ratio to jusText by mean, median and
    fastest round (run with -s to see it; a fixture, because --benchmark-only skips plain tests)."""
    yield
    if _PAIRED:
        print(f"\nclean_many / jusText lines per second, paired rounds: {describe(_PAIRED)}")
    if not _RATES:
        return
    print("\nlines per second, and the ratio to jusText on the same input:")
    for name, rates in sorted(_RATES.items(), key=lambda item: -item[1]["mean"]):
        parts = []
        for statistic in STATISTICS:
            ratio = rates[statistic] / _RATES["jusText"][statistic] if "jusText" in _RATES else float("nan")
            parts.append(f"{statistic} {rates[statistic]:6.0f} ({ratio:4.2f}x)")
        print(f"  {name:30s} " + " | ".join(parts))
