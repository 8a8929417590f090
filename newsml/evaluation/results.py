"""``results.json``: everything a run produced, with what is needed to reproduce and trust it.

It holds the resolved suite config, the package versions, the git commit, a SHA-256 fingerprint of every
dataset, the aggregates with their intervals, the paired tests, and every document's outputs and scores.
:data:`MEASURED` lists the keys that hold measured times (they differ between runs; nothing else does).

>>> sorted(MEASURED)
['created', 'docs_per_second', 'load_seconds', 'seconds']
"""

from __future__ import annotations

import json
import time
from typing import Any

import numpy as np

from newsml.evaluation.provenance import git_commit, machine, versions
from newsml.evaluation.runner import RunResult, SystemRun

FORMAT_VERSION = 1
MEASURED: frozenset[str] = frozenset({"created", "seconds", "load_seconds", "docs_per_second"})


def to_json(result: RunResult) -> dict[str, Any]:
    """The JSON-ready record of ``result``."""
    suite = result.suite
    return {
        "format": FORMAT_VERSION,
        "suite": suite.name,
        "seed": suite.seed,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(result.started)),
        "seconds": result.seconds,
        "config": suite.config,
        "versions": versions(),
        "git": git_commit(),
        "machine": machine(),
        "datasets": _datasets(result),
        "results": [_run(run, result) for run in result.runs.values()],
        "comparisons": result.comparisons,
        "reference_statistics": {name: {k: v.to_dict() for k, v in stats.items()}
                                 for name, stats in result.references.items()},
        "documents": _documents(result),
    }


def dumps(record: dict[str, Any]) -> str:
    """``record`` as the text of ``results.json``."""
    return json.dumps(record, indent=1, ensure_ascii=False, default=_plain) + "\n"


def numbers(record: Any) -> Any:
    """``record`` without its measured times: what must be identical for the same suite and seed."""
    if isinstance(record, dict):
        return {k: numbers(v) for k, v in record.items() if k not in MEASURED}
    if isinstance(record, list):
        return [numbers(v) for v in record]
    return record


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} to results.json")


def _datasets(result: RunResult) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for spec in result.suite.datasets:
        loaded = result.datasets.get(spec.name)
        record[spec.name] = {
            "task": spec.task, "path": spec.path, "format": spec.format,
            "documents": len(loaded.documents) if loaded else 0,
            "fingerprint": loaded.fingerprint if loaded else None,
            "label_space": list(result.spaces[spec.name]) if spec.name in result.spaces else None,
            "error": result.dataset_errors.get(spec.name),
        }
    return record


def _run(run: SystemRun, result: RunResult) -> dict[str, Any]:
    documents = result.datasets[run.dataset].documents
    return {
        "dataset": run.dataset, "system": run.system, "task": run.task,
        "documents": run.n_documents, "failed": run.n_failed, "error": run.error,
        "seconds": run.seconds, "load_seconds": run.load_seconds, "docs_per_second": run.docs_per_second,
        "aggregates": {name: interval.to_dict() for name, interval in run.aggregates.items()},
        "confusion": run.confusion,
        "failures": [{"id": documents[i].id, "error": e} for i, e in run.failures()],
    }


def _documents(result: RunResult) -> dict[str, list[dict[str, Any]]]:
    documents: dict[str, list[dict[str, Any]]] = {}
    for name, loaded in result.datasets.items():
        runs = result.systems_for(name)
        rows = []
        for index, document in enumerate(loaded.documents):
            outputs: dict[str, Any] = {}
            for run in runs:
                outcome, score = run.outcomes[index], run.scores[index]
                if run.task == "summarization":
                    entry: dict[str, Any] = {"summary": list(outcome.output.sentences) if outcome.output else None}
                    entry["scores"] = score
                else:
                    entry = {"labels": list(outcome.output) if outcome.output else None,
                             "confusion": score.tolist() if score is not None else None}
                if outcome.error:
                    entry["error"] = outcome.error
                outputs[run.system] = entry
            rows.append({"id": document.id, "outputs": outputs})
        documents[name] = rows
    return documents
