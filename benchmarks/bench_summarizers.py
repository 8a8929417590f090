"""newsml's TextRank/LexRank against sumy's, side by side on the same articles and tokenizer.

    pytest benchmarks/bench_summarizers.py --benchmark-only --benchmark-group-by=group

Each group times one pass over the same real articles (``clean=False``, 3 sentences):

* ``newsml-*``: :class:`~newsml.summarization.graph.TextRankSummarizer` / ``LexRankSummarizer`` from text;
* ``sumy-*``: sumy used as its documentation shows (``PlaintextParser`` + its ``Stemmer("english")`` and
  English stop words), given the newsml :class:`~newsml.text.Tokenizer` (sumy's default tokenizer needs
  NLTK data);
* ``adapter-sumy-*``: sumy through newsml's adapter (newsml's segmentation and memoised stemmer).

The ``ranking stage`` groups time the algorithms alone on already segmented sentences (newsml's
``summarize_document`` against sumy's summariser on a fresh sumy document of the same sentences): both
sides still tokenize words, stem and build the graph, but the sentence segmentation they share (a fixed
cost of about 0.3 ms per article) is left out.

Articles: ``inshorts`` (the first 100 Inshorts test articles, about 15 sentences) and ``newsml_references``
(36 scraped articles with boilerplate, about 27 sentences). Target: newsml >= 10x faster than sumy.
The ``scaling`` group runs newsml's methods on one article of 1,000, 3,000 and 10,000 distinct real
sentences (:func:`articles.long_text`, the same texts as ``bench_scaling.py``) to show how cost grows
with sentences. At the end a table of speed-ups (sumy time / newsml time, from the means and from the
fastest rounds) is printed; the ``paired rounds`` groups time a newsml pass and a sumy pass back to back
in each round and print the median of the per-round ratios, the figure least moved by other jobs on a
shared machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsml.summarization.graph import LexRankSummarizer, TextRankSummarizer
from newsml.summarization.sumy_adapter import SumySummarizer
from newsml.text import Tokenizer
from articles import long_text
from paired import describe, paired_ratios

ROOT = Path(__file__).resolve().parents[1]
SUMMARIES = ROOT / "eval/data/summaries"
_MEANS: dict[tuple[str, str], float] = {}
_MINS: dict[tuple[str, str], float] = {}


def _rows(name: str) -> list[dict]:
    with (SUMMARIES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _inshorts_test() -> list[str]:
    split = json.loads((ROOT / "eval/splits/summarization.json").read_text(encoding="utf-8"))
    wanted = split["test"]["inshorts.jsonl"][:100]
    by_id = {row["id"]: row["article"] for row in _rows("inshorts.jsonl")}
    return [by_id[i] for i in wanted]


ARTICLES = {
    "inshorts": _inshorts_test,
    "newsml_references": lambda: [row["article"] for row in _rows("newsml_references.jsonl")],
}


def _sumy_summarizer(algorithm: str):
    """sumy's own TextRank or LexRank, set up as its documentation shows (its stemmer and stop words)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer as SumyLexRank
    from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRank
    from sumy.utils import get_stop_words

    summarizer = (SumyTextRank if algorithm == "textrank" else SumyLexRank)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def _sumy(algorithm: str):
    from sumy.parsers.plaintext import PlaintextParser

    summarizer = _sumy_summarizer(algorithm)
    tokenizer = Tokenizer()

    def run(text: str):
        return summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)

    return run


def _newsml(algorithm: str):
    summarizer = TextRankSummarizer() if algorithm == "textrank" else LexRankSummarizer()
    return lambda text: summarizer.summarize(text, length=3, clean=False)


def _adapter(algorithm: str):
    summarizer = SumySummarizer(algorithm)
    return lambda text: summarizer.summarize(text, length=3, clean=False)


IMPLEMENTATIONS = {"newsml": _newsml, "sumy": _sumy, "adapter-sumy": _adapter}


def _ratios(dataset: str, other: str, newsml: str) -> str:
    """``mean ratio (min ratio)`` of two timed implementations: the min is the steadier figure on a busy
    machine, where other jobs only ever add time to a round."""
    mean = _MEANS[(dataset, other)] / _MEANS[(dataset, newsml)]
    low = _MINS[(dataset, other)] / _MINS[(dataset, newsml)]
    return f"{mean:6.1f}x (min {low:5.1f}x)"


_PAIRED: dict[tuple[str, str], list[float]] = {}


@pytest.fixture(scope="module", autouse=True)
def speedups():
    yield
    lines = [f"  {dataset:18s} {algorithm:13s} sumy / newsml, paired rounds: {describe(ratios)}"
             for (dataset, algorithm), ratios in sorted(_PAIRED.items())]
    for (dataset, algorithm), _ in sorted(_MEANS.items()):
        if algorithm.startswith("newsml-"):
            name = algorithm.removeprefix("newsml-")
            if name.startswith("stage-"):
                if (dataset, f"sumy-{name}") in _MEANS:
                    ratios = _ratios(dataset, f"sumy-{name}", algorithm)
                    lines.append(f"  {dataset:18s} {name[6:]:8s} ranking stage  sumy / newsml = {ratios}")
                continue
            for other in ("sumy", "adapter-sumy"):
                if (dataset, f"{other}-{name}") in _MEANS:
                    ratios = _ratios(dataset, f"{other}-{name}", algorithm)
                    lines.append(f"  {dataset:18s} {name:8s} {other:13s} / newsml = {ratios}")
    if lines:
        print("\nspeed-up of newsml over sumy (mean time ratio, and ratio of the fastest rounds; same articles):\n"
              + "\n".join(lines))


def _time(benchmark, group: str, run, items: list, key: tuple[str, str]) -> None:
    """Time one pass of ``run`` over ``items`` (after warming caches alike on the first three) and keep
    the mean and fastest round under ``key`` for the ratio summary."""
    for item in items[:3]:  # warm caches (stemmer memo, imports) for every implementation alike
        run(item)
    benchmark.group = group
    benchmark.pedantic(lambda: [run(item) for item in items], rounds=5, iterations=1, warmup_rounds=1)
    if benchmark.stats:  # None under --benchmark-disable
        _MEANS[key] = benchmark.stats.stats.mean
        _MINS[key] = benchmark.stats.stats.min


@pytest.mark.parametrize("dataset", sorted(ARTICLES))
@pytest.mark.parametrize("algorithm", ["textrank", "lexrank"])
@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
def test_graph_summarizers(benchmark, dataset, algorithm, implementation):
    texts = ARTICLES[dataset]()
    run = IMPLEMENTATIONS[implementation](algorithm)
    _time(benchmark, f"{algorithm} on {dataset} ({len(texts)} articles)", run, texts,
          (dataset, f"{implementation}-{algorithm}"))


@pytest.mark.parametrize("memo", ["warm", "cold"])
@pytest.mark.parametrize("dataset", sorted(ARTICLES))
@pytest.mark.parametrize("algorithm", ["textrank", "lexrank"])
def test_paired_rounds(benchmark, dataset, algorithm, memo):
    """sumy and newsml timed back to back in each round, so that load from other jobs on a shared machine
    falls on both alike; the printed figure is the median over rounds of sumy's time / newsml's time.

    newsml memoises each word's stem (sumy stems every word every time). ``warm``: the memo keeps the
    words of earlier rounds, the steady state of a long stream; ``cold``: it is emptied before each newsml
    pass, so every pass meets its words for the first time (the first articles of a fresh process)."""
    from newsml.summarization.terms import _term_map, stemmer

    texts = ARTICLES[dataset]()
    newsml, sumy = _newsml(algorithm), _sumy(algorithm)
    for item in texts[:3]:
        newsml(item), sumy(item)

    def empty_memo() -> None:
        _term_map("english").cache.clear()
        stemmer("english").cache_clear()

    benchmark.group = f"paired rounds: {algorithm} on {dataset}, {memo} memo (newsml pass + sumy pass)"
    _PAIRED[(dataset, f"{algorithm} {memo}")] = paired_ratios(
        benchmark, lambda: [newsml(item) for item in texts], lambda: [sumy(item) for item in texts], rounds=9,
        before=empty_memo if memo == "cold" else None)


@pytest.mark.parametrize("dataset", sorted(ARTICLES))
@pytest.mark.parametrize("algorithm", ["textrank", "lexrank"])
@pytest.mark.parametrize("implementation", ["newsml", "sumy"])
def test_ranking_stage(benchmark, dataset, algorithm, implementation):
    """The algorithms alone, from already segmented sentences (both sides tokenize words and stem)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    from newsml.summarization.base import Document
    from newsml.summarization.length import Length

    documents = [Document.from_text(text, clean=False) for text in ARTICLES[dataset]()]
    tokenizer, length = Tokenizer(), Length.parse(3)
    if implementation == "newsml":
        summarizer = TextRankSummarizer() if algorithm == "textrank" else LexRankSummarizer()

        def run(document):
            return summarizer.summarize_document(document, length)
    else:
        sumy = _sumy_summarizer(algorithm)

        def run(document):  # a fresh sumy document each time: sumy caches words on its Sentence objects
            sentences = [Sentence(text, tokenizer) for text in document.sentences]
            return sumy(ObjectDocumentModel([Paragraph(sentences)]), 3)

    _time(benchmark, f"ranking stage: {algorithm} on {dataset} ({len(documents)} articles)", run, documents,
          (dataset, f"{implementation}-stage-{algorithm}"))


@pytest.mark.parametrize("sentences", [1000, 3000, 10000])
@pytest.mark.parametrize("algorithm", ["textrank", "lexrank"])
def test_scaling(benchmark, algorithm, sentences):
    text = long_text(sentences)
    summarizer = TextRankSummarizer() if algorithm == "textrank" else LexRankSummarizer()
    benchmark.group = f"scaling {algorithm}"
    summary = benchmark.pedantic(lambda: summarizer.summarize(text, length=3, clean=False), rounds=3, iterations=1,
                                 warmup_rounds=1)
    assert summary.info["n_sentences"] >= sentences * 0.9
