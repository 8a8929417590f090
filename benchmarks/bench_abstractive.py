"""Abstractive summarisation speed on CPU: fp32 against int8, greedy against beam search.

    pytest benchmarks/bench_abstractive.py --benchmark-only

The model is a randomly initialised BART of sshleifer/distilbart-cnn-6-6's shape (d_model 1024, 6 encoder
and 6 decoder layers, ffn 4096, 16 heads, vocab 50264; ``NEWSML_BENCH_ENCODER_LAYERS=12`` gives
distilbart-cnn-12-6's shape), saved to a temporary directory and loaded through the public API. Work
is fixed so that timings compare across runs and machines: every article is cut to exactly
``INPUT_TOKENS`` tokens (``long_input="truncate"``, recorded in ``Summary.info``) and every summary is
exactly ``NEW_TOKENS`` tokens (``min_new_tokens = max_new_tokens``). Random weights generate as fast
as trained ones: the cost of ``generate`` depends on shapes, not on values.

Reported: seconds per article (batch of one), documents per second (``summarize_many`` over
``N_DOCS`` articles in one batch), and, at the end, the int8 speed-up over fp32 for each setting
(target: at least 1.5x), from the fastest round of each (the least disturbed by other processes) and
from the median. torch runs on ``NEWSML_BENCH_THREADS`` threads (default 1: one core, as the other
newsml benchmarks; on a shared 2-core machine two threads wait on each other and timings scatter).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from abstractive_models import bpe_tokenizer, corpus_texts, distilbart_shaped  # noqa: E402

INPUT_TOKENS = 512
NEW_TOKENS = 64
N_DOCS = 4
ENCODER_LAYERS = int(os.environ.get("NEWSML_BENCH_ENCODER_LAYERS", "6"))
THREADS = int(os.environ.get("NEWSML_BENCH_THREADS", "1"))
SETTINGS = {"greedy": 1, "beam4": 4}
_TIMES: dict[tuple[str, str, str], tuple[float, float]] = {}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    texts = corpus_texts(ROOT / "eval/data/summaries/inshorts.jsonl") + corpus_texts()
    tokenizer = bpe_tokenizer(texts, vocab_size=8000, model_max_length=1024, pad_to=50264)
    return distilbart_shaped(tmp_path_factory.mktemp("distilbart-shaped"), tokenizer, encoder_layers=ENCODER_LAYERS)


@pytest.fixture(scope="module")
def articles() -> list[str]:
    """Real news articles long enough to fill ``INPUT_TOKENS`` (BBC, from eval/)."""
    rows = [json.loads(line) for line in (ROOT / "eval/data/summaries/bbc_extractive.jsonl").open(encoding="utf-8")]
    long_enough = [row["article"] for row in rows if len(row["article"].split()) >= 500]
    return long_enough[:N_DOCS]


@pytest.fixture(scope="module", autouse=True)
def speedups(request):
    """Set the thread count; at the end, print the int8 speed-up over fp32 for each setting."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(THREADS)
    yield
    torch.set_num_threads(threads)
    lines = []
    for (kind, decoding, precision), (best, median) in sorted(_TIMES.items()):
        if precision == "int8" and (kind, decoding, "fp32") in _TIMES:
            fp32_best, fp32_median = _TIMES[(kind, decoding, "fp32")]
            lines.append(f"int8 speed-up over fp32, {kind}, {decoding}: {fp32_best / best:.2f}x fastest round "
                         f"(fp32 {fp32_best:.2f} s, int8 {best:.2f} s), {fp32_median / median:.2f}x median")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if reporter and capture and lines:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line)


def _summarizer(model_dir: Path, precision: str, beams: int):
    import torch

    from newsml.summarization.abstractive import AbstractiveSummarizer

    summarizer = AbstractiveSummarizer(
        model=str(model_dir), num_beams=beams, min_new_tokens=NEW_TOKENS, max_new_tokens=NEW_TOKENS,
        no_repeat_ngram_size=0, max_input_tokens=INPUT_TOKENS, long_input="truncate", batch_size=N_DOCS,
        quantize="int8" if precision == "int8" else None, seed=0)
    summarizer.load()
    torch.manual_seed(0)
    return summarizer


def _check(summary) -> None:
    assert summary.info["input_tokens"] >= INPUT_TOKENS, summary.info
    assert summary.info["max_new_tokens"] == summary.info["min_new_tokens"] == NEW_TOKENS


@pytest.mark.parametrize("precision", ["fp32", "int8"])
@pytest.mark.parametrize("decoding", list(SETTINGS))
def test_latency_per_article(benchmark, model_dir, articles, precision, decoding):
    import torch

    summarizer = _summarizer(model_dir, precision, SETTINGS[decoding])
    benchmark.group = f"abstractive latency per article ({decoding})"
    benchmark.extra_info.update(input_tokens=INPUT_TOKENS, new_tokens=NEW_TOKENS, threads=torch.get_num_threads(),
                                encoder_layers=ENCODER_LAYERS, precision=precision, decoding=decoding)
    summary = benchmark.pedantic(summarizer.summarize, args=(articles[0],), kwargs={"clean": False},
                                 rounds=3, iterations=1, warmup_rounds=1)
    _check(summary)
    benchmark.extra_info["seconds_per_article"] = round(benchmark.stats.stats.min, 3)
    _TIMES[("latency", decoding, precision)] = (benchmark.stats.stats.min, benchmark.stats.stats.median)


@pytest.mark.parametrize("precision", ["fp32", "int8"])
@pytest.mark.parametrize("decoding", list(SETTINGS))
def test_documents_per_second(benchmark, model_dir, articles, precision, decoding):
    import torch

    summarizer = _summarizer(model_dir, precision, SETTINGS[decoding])
    benchmark.group = f"abstractive batch of {N_DOCS} ({decoding})"
    summaries = benchmark.pedantic(lambda: list(summarizer.summarize_many(articles, clean=False)),
                                   rounds=2, iterations=1, warmup_rounds=1)
    for summary in summaries:
        _check(summary)
    best = benchmark.stats.stats.min
    benchmark.extra_info.update(documents=len(articles), documents_per_second=round(len(articles) / best, 3),
                                input_tokens=INPUT_TOKENS, new_tokens=NEW_TOKENS, threads=torch.get_num_threads(),
                                encoder_layers=ENCODER_LAYERS, precision=precision, decoding=decoding)
    _TIMES[("batch", decoding, precision)] = (best, benchmark.stats.stats.median)
