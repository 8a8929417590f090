"""Peak memory while cleaning and summarising a stream of 10,000 articles stays flat as the stream grows.

    pytest benchmarks/bench_memory.py --benchmark-only -s
    python benchmarks/bench_memory.py --articles 10000 --method textrank     # the child on its own

A fresh subprocess (so its peak is its own) streams real articles (cycling through the evaluation
articles, :func:`articles.stream`: a generator) through ``newsml.clean_many`` and then
``summarizer.summarize(article, clean=False)`` on each cleaned Article, keeping nothing. After 1,000,
5,000 and 10,000 articles it reads ``VmRSS`` (current) and ``VmHWM`` (peak) from ``/proc/self/status``.
The numbers go to ``extra_info`` and are printed; the test fails if the peak grows by more than 25%
(and 64 MB) between 1,000 and 10,000 articles, i.e. if the pipeline accumulates.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHECKPOINTS = (1000, 5000, 10000)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status (Linux only)")


def child(n_articles: int, method: str, classifier_name: str = "default") -> dict:
    """Run the stream in this process; return RSS / peak RSS (MB) at each checkpoint and the time."""
    sys.path.insert(0, str(HERE))
    from articles import stream

    import newsml

    summarizer = newsml.get_summarizer(method)
    if classifier_name == "rules":
        from newsml.cleaning.frame import lines_frame

        classifier = newsml.RuleClassifier().fit(lines_frame([["x"]]))
    else:
        classifier = newsml.load_classifier()
    start_rss = _status_kb("VmRSS") / 1024
    started = time.perf_counter()
    checkpoints, done, sentences = {}, 0, 0
    for article in newsml.clean_many(stream(n_articles), classifier=classifier):
        if isinstance(article, Exception):
            raise article
        sentences += len(summarizer.summarize(article, length=3, clean=False).sentences)
        done += 1
        if done in CHECKPOINTS or done == n_articles:
            checkpoints[done] = {"rss_mb": _status_kb("VmRSS") / 1024, "peak_rss_mb": _status_kb("VmHWM") / 1024,
                                 "seconds": time.perf_counter() - started}
    return {"method": method, "classifier": classifier_name, "articles": done, "summary_sentences": sentences, "rss_after_load_mb": start_rss,
            "checkpoints": checkpoints}


def run_child(n_articles: int, method: str, classifier: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--articles", str(n_articles), "--method", method,
                             "--classifier", classifier],
                            check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    record = json.loads(result.stdout.strip().splitlines()[-1])
    record["checkpoints"] = {int(k): v for k, v in record["checkpoints"].items()}
    return record


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/self/status (Linux only)")
@pytest.mark.parametrize("classifier", ["default", "rules"])
@pytest.mark.parametrize("method", ["textrank"])
def test_stream_memory_is_flat(benchmark, method, classifier):
    """``default``: the shipped LineClassifier; ``rules``: the RuleClassifier (no model file)."""
    benchmark.group = "memory: clean_many -> summarize, 10,000-article stream"
    record = benchmark.pedantic(lambda: run_child(CHECKPOINTS[-1], method, classifier), rounds=1, iterations=1)
    points = record["checkpoints"]
    benchmark.extra_info.update(method=method, classifier=classifier, rss_after_load_mb=record["rss_after_load_mb"],
                                **{f"{k}_{n}": v for n, point in points.items() for k, v in point.items()})
    print(f"\nmemory, clean_many ({classifier} classifier) -> {method}.summarize, stream of {record['articles']} articles "
          f"(RSS after loading: {record['rss_after_load_mb']:.1f} MB)")
    for n, point in sorted(points.items()):
        print(f"  after {n:6d} articles: RSS {point['rss_mb']:7.1f} MB   peak RSS {point['peak_rss_mb']:7.1f} MB   "
              f"{point['seconds']:6.1f} s ({n / point['seconds']:.0f} articles/s)")
    first, last = points[CHECKPOINTS[0]]["peak_rss_mb"], points[CHECKPOINTS[-1]]["peak_rss_mb"]
    assert last - first < max(64.0, 0.25 * first), f"peak RSS grew from {first:.1f} to {last:.1f} MB"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="child: stream articles through clean_many -> summarize")
    parser.add_argument("--articles", type=int, default=CHECKPOINTS[-1])
    parser.add_argument("--method", default="textrank")
    parser.add_argument("--classifier", choices=["default", "rules"], default="default")
    args = parser.parse_args()
    print(json.dumps(child(args.articles, args.method, args.classifier)))
