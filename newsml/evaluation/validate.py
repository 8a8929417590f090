"""Check a suite without running it (``newsml eval --validate SUITE``).

Errors make the suite unusable (a missing data file, an unknown method, a column that is not there);
warnings name what the run would record as failures (a summariser whose module is not installed yet, a
system that matches no dataset).

>>> from newsml.evaluation.suite import load_suite
>>> check = check_suite(load_suite({"datasets": [], "systems": []}), load_data=False)
>>> check.errors
['the suite has no datasets', 'the suite has no systems']
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from newsml.evaluation.suite import CLASSIFIER_NAMES, Suite, SystemSpec, locate


@dataclass
class Check:
    """The outcome of :func:`check_suite`."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the suite can run."""
        return not self.errors


def check_suite(suite: Suite, load_data: bool = True) -> Check:
    """Check every dataset (read it and map its columns, when ``load_data``) and every system."""
    from newsml.evaluation.data import load_dataset

    check = Check()
    if not suite.datasets:
        check.errors.append("the suite has no datasets")
    if not suite.systems:
        check.errors.append("the suite has no systems")
    for spec in suite.datasets:
        if spec.format != "hub" and not Path(spec.path).exists():
            check.errors.append(f"dataset {spec.name!r}: data file not found: {spec.path}")
            continue
        if not load_data:
            continue
        try:
            loaded = load_dataset(spec, suite.setting("limit"))
        except Exception as error:
            check.errors.append(str(error))
            continue
        check.facts.append(f"dataset {spec.name}: {spec.task}, {len(loaded.documents)} documents")
        if not loaded.documents:
            check.warnings.append(f"dataset {spec.name!r} has no documents")
    for system in suite.systems:
        _check_system(system, suite, check)
        if not any(system.applies_to(d) for d in suite.datasets):
            check.warnings.append(f"system {system.name!r} ({system.task}) matches no dataset of the suite")
    return check


def _check_system(system: SystemSpec, suite: Suite, check: Check) -> None:
    here = f"system {system.name!r}"
    if system.kind == "summarizer":
        from newsml.summarization.api import REGISTRY, _config, summarizers

        try:
            config = _config(system.target)
        except Exception as error:
            check.errors.append(f"{here}: {error}")
            return
        method = config["method"]
        if method not in REGISTRY:
            check.errors.append(f"{here}: unknown summarisation method {method!r}; valid methods are {summarizers()}")
            return
        module = REGISTRY[method][0].split(":")[0]
        if importlib.util.find_spec(module) is None:
            check.warnings.append(f"{here}: module {module} is not available, so the run will record it as failed")
        check.facts.append(f"{here}: summariser {method}")
    elif system.kind == "classifier":
        target = str(system.target)
        if target not in CLASSIFIER_NAMES and not locate(target, suite.base).exists():
            check.errors.append(f"{here}: classifier model not found: {target}; use one of "
                                f"{list(CLASSIFIER_NAMES)} or a model path")
            return
        if importlib.util.find_spec("newsml.cleaning.api") is None:
            check.warnings.append(f"{here}: newsml.cleaning.api is not available, so the run will record it as failed")
        check.facts.append(f"{here}: classifier {target}")
    else:
        path = locate(str(system.target), suite.base)
        if not path.is_file():
            check.errors.append(f"{here}: predictions file not found: {path}")
            return
        check.facts.append(f"{here}: precomputed {system.task} outputs from {path}")
