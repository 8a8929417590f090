"""The evaluation harness: suites, metrics with confidence intervals, runs and reports.

>>> from newsml.evaluation import load_suite, run_suite, write_report      # doctest: +SKIP
>>> result = run_suite(load_suite("configs/suites/default.yaml"))           # doctest: +SKIP
>>> write_report(result)["html"]                                            # doctest: +SKIP
PosixPath('runs/default-20240521-101500/report.html')

One module per job: :mod:`~newsml.evaluation.suite` (config), :mod:`~newsml.evaluation.data` (datasets),
:mod:`~newsml.evaluation.systems`, :mod:`~newsml.evaluation.rouge`, :mod:`~newsml.evaluation.summary_stats`,
:mod:`~newsml.evaluation.line_metrics`, :mod:`~newsml.evaluation.bootstrap`, :mod:`~newsml.evaluation.runner`,
and the reports (:mod:`~newsml.evaluation.table`, ``results``, ``report_md``, ``report_html``, ``plots``).
Names below load on first use (``bootstrap`` and ``line_metrics`` are functions of the modules
of the same name).
"""

from __future__ import annotations

from newsml._lazy import lazy_attributes


_LAZY = {
    "load_suite": "newsml.evaluation.suite",
    "check_suite": "newsml.evaluation.validate",
    "run_suite": "newsml.evaluation.runner",
    "write_report": "newsml.evaluation.report",
    "RougeScorer": "newsml.evaluation.rouge",
    "SummaryStatistics": "newsml.evaluation.summary_stats",
    "paired_test": "newsml.evaluation.bootstrap",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())
