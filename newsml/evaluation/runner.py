"""Run a suite: every system on every dataset of its task, scored per document, aggregated with CIs.

A document that fails (in the system or in scoring) is recorded with its error and the run goes on; a
system that cannot be built is recorded as failing every document; a dataset that cannot be read is
recorded and skipped. Numbers depend only on the suite and its seed (speeds are measured, so they vary).

>>> from newsml.evaluation.suite import load_suite
>>> result = run_suite(load_suite({"datasets": [], "systems": []}), progress=False)
>>> result.runs
{}
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Callable, Sequence

import numpy as np

from newsml.evaluation.bootstrap import Interval, bootstrap_many, paired_test
from newsml.evaluation.data import LoadedDataset, load_dataset
from newsml.evaluation.line_metrics import HEADLINE_METRICS, label_space, line_metrics
from newsml.evaluation.scoring import SummaryScorer, score_lines, score_many
from newsml.evaluation.suite import Suite
from newsml.evaluation.systems import Outcome, SummarizerSystem, System, build_system, clean_articles, describe


@dataclass
class SystemRun:
    """One system on one dataset: per-document outcomes and scores, aggregates, speed."""

    system: str
    dataset: str
    task: str
    outcomes: list[Outcome] = field(default_factory=list)
    scores: list[Any] = field(default_factory=list)  # per document: dict of metrics / confusion matrix / None
    error: str | None = None  # the system could not be built
    seconds: float = 0.0
    load_seconds: float = 0.0
    aggregates: dict[str, Interval] = field(default_factory=dict)
    confusion: list[list[int]] | None = None

    @property
    def n_documents(self) -> int:
        return len(self.outcomes)

    @property
    def n_failed(self) -> int:
        return sum(1 for outcome in self.outcomes if not outcome.ok)

    @property
    def docs_per_second(self) -> float | None:
        """Documents per second of prediction time (model loading and scoring excluded); ``None`` when
        no document succeeded (the time of failures says nothing about speed)."""
        if self.error or self.seconds <= 0 or self.n_failed == self.n_documents:
            return None
        return self.n_documents / self.seconds

    def failures(self) -> list[tuple[int, str]]:
        """``(document index, error)`` of every failed document."""
        return [(i, o.error) for i, o in enumerate(self.outcomes) if o.error is not None]


@dataclass
class RunResult:
    """Everything a run produced; reports are made from this."""

    suite: Suite
    datasets: dict[str, LoadedDataset]
    dataset_errors: dict[str, str]
    runs: dict[tuple[str, str], SystemRun]
    comparisons: dict[str, list[dict[str, Any]]]
    spaces: dict[str, tuple[str, ...]]
    views: dict[str, dict[str, list[tuple[int, int, str]]]]
    references: dict[str, dict[str, Interval]]
    started: float
    seconds: float

    def systems_for(self, dataset: str) -> list[SystemRun]:
        """The runs on ``dataset``, in suite order."""
        return [run for (d, _), run in self.runs.items() if d == dataset]


def run_suite(suite: Suite, progress: bool = True, limit: int | None = None,
              log: Callable[[str], None] | None = None) -> RunResult:
    """Run ``suite``; ``limit`` caps every dataset (as ``--limit``); ``progress`` shows a tqdm bar."""
    started, clock = time.time(), time.perf_counter()
    limit = limit if limit is not None else suite.setting("limit")
    datasets: dict[str, LoadedDataset] = {}
    errors: dict[str, str] = {}
    for spec in suite.datasets:
        try:
            datasets[spec.name] = load_dataset(spec, limit)
        except Exception as error:
            errors[spec.name] = describe(error)
            if log:
                log(f"dataset {spec.name}: {describe(error)}")
    systems = {spec.name: build_system(spec, suite) for spec in suite.systems}
    plan = [(name, spec.name) for name, loaded in datasets.items() for spec in suite.systems
            if spec.applies_to(loaded.spec)]
    scorer = SummaryScorer(suite.setting("rouge", "types"), suite.setting("rouge", "stem"),
                           suite.setting("statistics", "novel_ngrams"))
    cleaning = [name for name, loaded in datasets.items() if any(
        isinstance(systems[sys], SummarizerSystem) and systems[sys].clean for d, sys in plan if d == name)]
    total = 2 * sum(len(datasets[d].documents) for d, _ in plan) + sum(len(datasets[d].documents) for d in cleaning)
    bar = _progress_bar(total, progress)
    prepared: dict[str, Prepared] = {}
    for name in cleaning:
        bar.set_postfix_str(f"cleaning {name}")
        prepared[name] = _prepare(datasets[name], suite.setting("batch_size"), bar)
    load_errors: dict[str, str] = {}
    load_seconds: dict[str, float] = {}
    runs: dict[tuple[str, str], SystemRun] = {}
    spaces: dict[str, tuple[str, ...]] = {}
    for dataset_name, system_name in plan:
        loaded, system = datasets[dataset_name], systems[system_name]
        if system_name not in load_seconds and system_name not in load_errors:
            t0 = time.perf_counter()
            try:
                system.load()
            except Exception as error:
                load_errors[system_name] = describe(error)
            load_seconds[system_name] = time.perf_counter() - t0
        run = SystemRun(system_name, dataset_name, loaded.spec.task, load_seconds=load_seconds[system_name])
        if loaded.spec.task == "lines":
            spaces.setdefault(dataset_name, label_space([label for d in loaded.documents for label in d.labels]))
        bar.set_postfix_str(f"{system_name} on {dataset_name}")
        if system_name in load_errors:
            run.error = load_errors[system_name]
            run.outcomes = [Outcome(error=run.error) for _ in loaded.documents]
            run.scores = [None] * len(loaded.documents)
            bar.update(len(loaded.documents))
        else:
            shared = prepared.get(dataset_name) if getattr(system, "clean", False) else None
            _predict(run, system, loaded, suite.setting("batch_size"), bar, shared)
        runs[(dataset_name, system_name)] = run
    bar.set_postfix_str("scoring")
    _score(runs, datasets, scorer, spaces, suite.setting("workers"), bar)
    bar.close()
    references = {name: _reference_statistics(loaded, scorer, suite) for name, loaded in datasets.items()
                  if loaded.spec.task == "summarization" and loaded.documents}
    for run in runs.values():
        _aggregate(run, suite, spaces.get(run.dataset))
    comparisons = {name: _compare(name, runs, suite, spaces.get(name), scorer) for name in datasets}
    views = _views(suite, datasets, prepared)
    return RunResult(suite, datasets, errors, runs, comparisons, spaces, views, references, started,
                     time.perf_counter() - clock)


def _progress_bar(total: int, enabled: bool) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc="newsml eval", disable=not enabled, dynamic_ncols=True)


@dataclass
class Prepared:
    """The articles of a dataset cleaned once for every summariser that cleans (``clean: true``)."""

    inputs: list[Any]  # an Article, or the exception cleaning raised
    seconds: list[float]


class CleaningFailed(RuntimeError):
    """Cleaning an article failed, so no summariser that cleans can summarise it."""


def _prepare(loaded: LoadedDataset, batch_size: int, bar: Any) -> Prepared:
    """Clean each article once, as ``summarize(text, clean=True)`` would; the time is charged to every
    summariser that uses it, so its docs/s stays the end-to-end speed."""
    documents = loaded.documents
    try:
        from newsml.cleaning.api import clean, load_classifier

        load_classifier()
    except Exception as error:  # the cleaner is not available: every cleaning summariser fails
        failure = CleaningFailed(f"cleaning failed: {describe(error)}")
        bar.update(len(documents))
        return Prepared([failure] * len(documents), [0.0] * len(documents))
    inputs: list[Any] = []
    seconds: list[float] = []
    for start in range(0, len(documents), batch_size):
        texts = [doc.article for doc in documents[start:start + batch_size]]  # type: ignore[union-attr]
        t0 = time.perf_counter()
        batch = clean_articles(texts, None, clean)
        share = (time.perf_counter() - t0) / len(texts)
        inputs.extend(item if not isinstance(item, BaseException)
                      else CleaningFailed(f"cleaning failed: {describe(item)}") for item in batch)
        seconds.extend([share] * len(texts))
        bar.update(len(texts))
    return Prepared(inputs, seconds)


def _predict(run: SystemRun, system: System, loaded: LoadedDataset, batch_size: int, bar: Any,
             prepared: Prepared | None = None) -> None:
    documents = loaded.documents
    for start in range(0, len(documents), batch_size):
        batch = documents[start:start + batch_size]
        t0 = time.perf_counter()
        if prepared is not None and isinstance(system, SummarizerSystem):
            run.outcomes.extend(system.predict(batch, prepared.inputs[start:start + batch_size]))
            run.seconds += sum(prepared.seconds[start:start + batch_size])
        else:
            run.outcomes.extend(system.predict(batch))
        run.seconds += time.perf_counter() - t0
        bar.update(len(batch))


def _score(runs: dict[tuple[str, str], SystemRun], datasets: dict[str, LoadedDataset], scorer: SummaryScorer,
           spaces: dict[str, tuple[str, ...]], workers: int, bar: Any) -> None:
    """Score every successful output (summaries in ``workers`` processes); a scoring error fails the document."""
    jobs: list[tuple[SystemRun, int]] = []
    for run in runs.values():
        documents = datasets[run.dataset].documents
        run.scores = [None] * len(run.outcomes)
        for index, outcome in enumerate(run.outcomes):
            if not outcome.ok:
                bar.update(1)
            elif run.task == "summarization":
                jobs.append((run, index))
            else:
                try:
                    run.scores[index] = score_lines(outcome.output, documents[index], spaces[run.dataset])  # type: ignore[arg-type]
                except Exception as error:
                    run.outcomes[index] = Outcome(outcome.output, f"scoring failed: {describe(error)}")
                bar.update(1)
    pairs = [(run.outcomes[i].output, datasets[run.dataset].documents[i]) for run, i in jobs]
    for (run, index), (scores, error) in zip(jobs, score_many(pairs, scorer, workers, bar.update)):  # type: ignore[arg-type]
        if error is None:
            run.scores[index] = scores
        else:
            run.outcomes[index] = Outcome(run.outcomes[index].output, f"scoring failed: {error}")


def _aggregate(run: SystemRun, suite: Suite, space: tuple[str, ...] | None) -> None:
    scored = [s for s in run.scores if s is not None]
    if not scored:
        return
    samples, confidence = suite.setting("bootstrap", "samples"), suite.setting("bootstrap", "confidence")
    if run.task == "summarization":
        keys = list(scored[0])
        values = np.array([[row[k] for k in keys] for row in scored], dtype=float)
        run.aggregates = bootstrap_many(values, lambda sums, n: {k: sums[..., i] / n for i, k in enumerate(keys)},
                                        samples, confidence, suite.seed)
    else:
        assert space is not None
        stacked = np.stack(scored)
        total = stacked.sum(axis=0)
        present = (total.sum(axis=0) + total.sum(axis=1)) > 0
        run.confusion = total.astype(int).tolist()
        run.aggregates = bootstrap_many(stacked, lambda sums, n: line_metrics(sums, space, present),
                                        samples, confidence, suite.seed)


def _reference_statistics(loaded: LoadedDataset, scorer: SummaryScorer, suite: Suite) -> dict[str, Interval]:
    """The summary statistics of the references themselves (mean over a document's references): how
    long, extractive and novel the human summaries are, for comparison with the systems'."""
    rows = []
    for document in loaded.documents:
        per_reference = [scorer.statistics.compute(document.article,  # type: ignore[union-attr]
                                                   scorer.rouge.tokenizer.sentences(reference))
                         for reference in document.references]  # type: ignore[union-attr]
        if per_reference:
            rows.append([float(np.mean([r[k] for r in per_reference])) for k in scorer.statistics.keys()])
    if not rows:
        return {}
    keys = scorer.statistics.keys()
    return bootstrap_many(np.array(rows), lambda sums, n: {k: sums[..., i] / n for i, k in enumerate(keys)},
                          suite.setting("bootstrap", "samples"), suite.setting("bootstrap", "confidence"), suite.seed)


def _compare(dataset: str, runs: dict[tuple[str, str], SystemRun], suite: Suite,
             space: tuple[str, ...] | None, scorer: SummaryScorer) -> list[dict[str, Any]]:
    """Paired bootstrap tests between every pair of systems on ``dataset``, on their shared documents."""
    scored = [run for (d, _), run in runs.items() if d == dataset and any(s is not None for s in run.scores)]
    samples, confidence = suite.setting("bootstrap", "samples"), suite.setting("bootstrap", "confidence")
    results = []
    for first, second in combinations(scored, 2):
        both = [i for i, (a, b) in enumerate(zip(first.scores, second.scores)) if a is not None and b is not None]
        if not both:
            continue
        if first.task == "summarization":
            metrics = [f"{t}_f" for t in scorer.rouge.rouge_types]
            for metric in metrics:
                a = [first.scores[i][metric] for i in both]
                b = [second.scores[i][metric] for i in both]
                test = paired_test(a, b, samples=samples, confidence=confidence, seed=suite.seed)
                results.append({"a": first.system, "b": second.system, "metric": metric, **test.to_dict()})
        else:
            assert space is not None
            a_stack = np.stack([first.scores[i] for i in both])
            b_stack = np.stack([second.scores[i] for i in both])
            total = a_stack.sum(axis=0) + b_stack.sum(axis=0)
            present = (total.sum(axis=0) + total.sum(axis=1)) > 0
            for metric in HEADLINE_METRICS:
                statistic = _line_statistic(space, present, metric)
                test = paired_test(a_stack, b_stack, statistic, samples, confidence, suite.seed)
                results.append({"a": first.system, "b": second.system, "metric": metric, **test.to_dict()})
    return results


def _line_statistic(space: Sequence[str], present: np.ndarray, metric: str) -> Callable[[np.ndarray, int], Any]:
    return lambda sums, n: line_metrics(sums, space, present)[metric]


def _views(suite: Suite, datasets: dict[str, LoadedDataset],
           prepared: dict[str, Prepared]) -> dict[str, dict[str, list[tuple[int, int, str]]]]:
    """Line labels of the articles shown in the report: the cleaning the summarisers used."""
    shown = suite.setting("report", "documents")
    views: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
    for name, ready in prepared.items():
        views[name] = {}
        for document, article in zip(datasets[name].documents[:shown], ready.inputs[:shown]):
            if not isinstance(article, BaseException):
                views[name][document.id] = [(line.start, line.end, line.label) for line in article.lines]
    return views
