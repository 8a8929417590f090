"""ROUGE of every extractive newsml summariser on the reference sets in ``eval/``, and the effect of cleaning.

Run from the repository root::

    python eval/summaries_report.py                 # every method, every set (a few minutes on 2 cores)
    python eval/summaries_report.py --methods lead,supervised --sets inshorts
    python eval/summaries_report.py --methods lexrank,configs/summarizers/lexrank-pagerank.yaml \
        --pairs lexrank:configs/summarizers/lexrank-pagerank.yaml --sets inshorts --no-cleaning

Prints Markdown tables: ROUGE-1/2/Lsum F1 x 100 with seeded 95% bootstrap intervals (1,000 resamples
over articles, :mod:`newsml.evaluation.bootstrap`) and the median milliseconds per article
(``summarize`` call, cleaning included). Test data only (``eval/splits/summarization.json``):

* ``inshorts``: the Inshorts test part (220 articles; headline given as a heading line, text used as is);
* ``xsum``: the 10-article XSum fixture (text as is);
* ``seeds``: the two seed documents with their hand labels applied (gold cleaning);
* ``newsml_references``: 36 scraped articles with boilerplate, ``clean=True`` (clean=False when the line
  classifier is not installed).

With more than one main set, the paired comparisons are also given over all their articles pooled (each
article counts once). The cleaning table runs the same methods on text with its boilerplate left in (the seeds' ``raw_text``,
the ``newsml_references`` articles) with ``clean=False`` and ``clean=True`` (and gold labels for seeds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsml.evaluation.bootstrap import bootstrap, paired_test  # noqa: E402
from newsml.evaluation.rouge import RougeScorer  # noqa: E402
from newsml.summarization.api import get_summarizer, summarizers  # noqa: E402
from newsml.summarization.corpus import ReferencePair, read_reference_set  # noqa: E402
from newsml.types import Article, Line  # noqa: E402

DATA = ROOT / "eval" / "data"
TYPES = ("rouge1", "rouge2", "rougeLsum")
SKIP = {"abstractive"}  # needs checkpoint weights; evaluated by its owner with the suites in configs/suites/


def cleaner_available() -> bool:
    """Whether the shipped line classifier (``newsml.cleaning.api``) is installed."""
    try:
        import newsml.cleaning.api  # noqa: F401
    except ImportError:
        return False
    return True


def gold_article(row: dict[str, Any]) -> Article:
    """A hand-labelled seed document as an :class:`Article` (gold cleaning)."""
    text, lines, cursor = row["text"], [], 0
    for line in row["lines"]:
        start = text.index(line["text"], cursor)
        end = start + len(line["text"])
        lines.append(Line(line["text"], start, end, line["label"]))
        cursor = end
    return Article(text, tuple(lines))


Input = tuple[str, Any, tuple[str, ...], bool]  # id, text or Article, references, clean


def inshorts_test() -> list[Input]:
    split = json.loads((ROOT / "eval/splits/summarization.json").read_text())
    wanted = set(split["test"]["inshorts.jsonl"])
    pairs = [p for p in read_reference_set(DATA / "summaries/inshorts.jsonl") if p.id in wanted]
    return [(p.id, p.article(), p.references, False) for p in pairs]


def plain(pairs: list[ReferencePair], clean: bool) -> list[Input]:
    return [(p.id, p.text, p.references, clean) for p in pairs]


def seeds(condition: str) -> list[Input]:
    rows = {r["id"]: r for r in map(json.loads, (DATA / "boilerplate/seeds_labelled.jsonl").open())}
    pairs = read_reference_set(DATA / "summaries/seeds_references.jsonl", raw=True)
    if condition == "gold":
        return [(p.id, gold_article(rows[p.id]), p.references, False) for p in pairs]
    return plain(pairs, condition == "clean")


def main_sets(clean_ok: bool) -> dict[str, Callable[[], list[Input]]]:
    refs = DATA / "summaries"
    return {
        "inshorts": inshorts_test,
        "xsum": lambda: plain(read_reference_set(refs / "xsum_fixture.jsonl"), False),
        "seeds": lambda: seeds("gold"),
        "newsml_references": lambda: plain(read_reference_set(refs / "newsml_references.jsonl"), clean_ok),
    }


def cleaning_sets(clean_ok: bool) -> dict[str, Callable[[], list[Input]]]:
    refs = DATA / "summaries" / "newsml_references.jsonl"
    sets = {"seeds raw, clean=False": lambda: seeds("raw"), "seeds gold labels": lambda: seeds("gold"),
            "newsml_references, clean=False": lambda: plain(read_reference_set(refs), False)}
    if clean_ok:
        sets["seeds raw, clean=True"] = lambda: seeds("clean")
        sets["newsml_references, clean=True"] = lambda: plain(read_reference_set(refs), True)
    return sets


def evaluate(method: str, inputs: list[Input], length: Any, scorer: RougeScorer, samples: int,
             seed: int) -> dict[str, Any]:
    """Scores (F1 x 100 with intervals) and median ms per article of ``method`` on ``inputs``."""
    summarizer = get_summarizer(method)
    rows, times = [], []
    for _, text, references, clean in inputs:
        start = time.perf_counter()
        summary = summarizer.summarize(text, length=length, clean=clean)
        times.append((time.perf_counter() - start) * 1000)
        scores = scorer.score(summary.text, list(references))
        rows.append([scores[t].fmeasure * 100 for t in TYPES])
    values = np.asarray(rows)
    intervals = {t: bootstrap(values[:, i], samples=samples, seed=seed) for i, t in enumerate(TYPES)}
    return {"n": len(inputs), "ms": statistics.median(times), "scores": intervals, "rows": values}


def render(title: str, results: dict[str, dict[str, Any]]) -> str:
    lines = [f"### {title}", "", "| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | ms/article |", "|---|---|---|---|---:|"]
    for method, result in results.items():
        cells = [f"{i.estimate:.2f} [{i.low:.2f}, {i.high:.2f}]" for i in (result["scores"][t] for t in TYPES)]
        lines.append(f"| {method} | " + " | ".join(cells) + f" | {result['ms']:.2f} |")
    return "\n".join(lines)


PAIRS = (("supervised", "lead"), ("textrank", "sumy-textrank"), ("lexrank", "sumy-lexrank"))
"""Paired comparisons reported under each table: (method, baseline)."""


def render_pairs(results: dict[str, dict[str, Any]], samples: int, seed: int,
                 pairs: tuple[tuple[str, str], ...] = PAIRS) -> str:
    lines = []
    for method, baseline in pairs:
        if method not in results or baseline not in results:
            continue
        cells = []
        for i, rouge in enumerate(TYPES):
            test = paired_test(results[method]["rows"][:, i], results[baseline]["rows"][:, i], samples=samples,
                               seed=seed)
            cells.append(f"{rouge} {test.difference:+.2f} [{test.low:+.2f}, {test.high:+.2f}] p={test.p_value:.3f}")
        lines.append(f"- {method} - {baseline}: " + "; ".join(cells))
    if not lines:
        return ""
    return "\n".join(["", "Paired bootstrap differences (F1 x 100, 95% interval, two-sided p):", *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--methods", help="comma-separated methods (default: every extractive method)")
    parser.add_argument("--sets", help="comma-separated main sets (default: all); 'none' to skip")
    parser.add_argument("--no-cleaning", action="store_true", help="skip the cleaning-effect tables")
    parser.add_argument("--length", default="3", help="summary length (default 3 sentences)")
    parser.add_argument("--samples", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    parser.add_argument("--pairs", help="extra comma-separated METHOD:BASELINE comparisons (names or config paths)")
    args = parser.parse_args(argv)
    pairs = PAIRS + tuple(tuple(pair.split(":", 1)) for pair in args.pairs.split(",")) if args.pairs else PAIRS

    from newsml.commands.summarize import parse_length

    length = parse_length(args.length)
    methods = args.methods.split(",") if args.methods else [m for m in summarizers() if m not in SKIP]
    clean_ok = cleaner_available()
    scorer = RougeScorer(TYPES)
    available = []
    for method in methods:
        try:
            get_summarizer(method).summarize("A test sentence. Another one.", length=1, clean=False)
            available.append(method)
        except Exception as error:  # an optional extra not installed: say so, go on
            print(f"skipping {method}: {type(error).__name__}: {error}", file=sys.stderr)
    print(f"length={length!r}; line classifier {'available' if clean_ok else 'NOT available (clean=False)'}; "
          f"bootstrap {args.samples} resamples, seed {args.seed}\n")
    groups = []
    sets = main_sets(clean_ok)
    wanted = list(sets) if not args.sets else [] if args.sets == "none" else args.sets.split(",")
    groups += [(name, sets[name]) for name in wanted]
    if not args.no_cleaning:
        groups += list(cleaning_sets(clean_ok).items())
    pooled: dict[str, list[np.ndarray]] = {method: [] for method in available}
    for name, load in groups:
        inputs = load()
        results = {method: evaluate(method, inputs, length, scorer, args.samples, args.seed) for method in available}
        print(render(f"{name} ({len(inputs)} articles)", results), flush=True)
        print(render_pairs(results, args.samples, args.seed, pairs), "\n", flush=True)
        if name in sets:
            for method in available:
                pooled[method].append(results[method]["rows"])
    if len(wanted) > 1:
        print(render_pooled(pooled, wanted, args.samples, args.seed, pairs))
    return 0


def render_pooled(pooled: dict[str, list[np.ndarray]], names: list[str], samples: int, seed: int,
                  pairs: tuple[tuple[str, str], ...]) -> str:
    """The paired comparisons over every article of the main sets together (each article counts once)."""
    results = {method: {"rows": np.vstack(parts)} for method, parts in pooled.items()}
    n = len(next(iter(results.values()))["rows"])
    means = ", ".join(f"{method} {result['rows'][:, 0].mean():.2f}" for method, result in results.items()
                      if any(method in pair for pair in pairs))
    return (f"### all main test sets pooled ({', '.join(names)}: {n} articles)\n\nROUGE-1: {means}\n"
            + render_pairs(results, samples, seed, pairs) + "\n")


if __name__ == "__main__":
    sys.exit(main())
