"""``newsml eval SUITE``: run an evaluation suite, print the results table and write a run folder.

``--validate`` checks the suite without running it; ``--limit N`` caps every dataset at N documents (a
quick smoke run); ``--output DIR`` chooses the run folder (default ``runs/<suite>-<time>``).
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="evaluate summarisers and classifiers with a suite from configs/suites/",
        description="Run an evaluation suite (YAML) and write results.json, report.md and report.html.")
    parser.add_argument("suite", help="suite YAML file, e.g. configs/suites/default.yaml")
    parser.add_argument("--output", metavar="DIR", help="run folder to write (default: runs/<suite>-<time>)")
    parser.add_argument("--validate", action="store_true", help="check the suite and its data, run nothing")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N documents per dataset")
    parser.add_argument("--seed", type=int, help="bootstrap seed (overrides the suite's)")
    parser.add_argument("--samples", type=int, metavar="B", help="bootstrap resamples (overrides the suite's)")
    parser.add_argument("--systems", metavar="A,B", help="run only these systems of the suite")
    parser.add_argument("--workers", type=int, metavar="N", help="processes for scoring (overrides the suite's)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsml.errors import ConfigError
    from newsml.evaluation.suite import load_suite

    if args.limit is not None and args.limit < 1:
        raise ConfigError(f"--limit must be >= 1, not {args.limit}")
    bootstrap = {"samples": args.samples} if args.samples is not None else None
    suite = load_suite(args.suite, seed=args.seed, bootstrap=bootstrap, workers=args.workers)
    if args.systems:
        suite = _only(suite, args.systems)
    if args.validate:
        return _validate(suite)
    from newsml.evaluation.report import write_report
    from newsml.evaluation.runner import run_suite
    from newsml.evaluation.table import render_text, results_table

    result = run_suite(suite, progress=not args.no_progress, limit=args.limit,
                       log=lambda message: print(f"warning: {message}", file=sys.stderr))
    for name, error in result.dataset_errors.items():
        print(f"\n{name}: could not be loaded: {error}")
    for name, loaded in result.datasets.items():
        if not result.systems_for(name):
            continue
        print(f"\n{name} ({loaded.spec.task}, {len(loaded.documents)} documents)")
        print(render_text(results_table(result, name)))
    paths = write_report(result, args.output)
    print(f"\n* best value per column. Run took {result.seconds:.1f} s.")
    print(f"results: {paths['results']}")
    print(f"report:  {paths['html']}")
    return 0


def _only(suite, names: str):
    from dataclasses import replace

    from newsml.errors import ConfigError

    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = [s.name for s in suite.systems]
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ConfigError(f"--systems names unknown system(s) {unknown}; the suite's systems are {known}")
    systems = tuple(s for s in suite.systems if s.name in wanted)
    config = {**suite.config, "systems": [c for c in suite.config["systems"] if c["name"] in wanted]}
    return replace(suite, systems=systems, config=config)


def _validate(suite) -> int:
    from newsml.evaluation.validate import check_suite

    check = check_suite(suite)
    for fact in check.facts:
        print(fact)
    for warning in check.warnings:
        print(f"warning: {warning}")
    for error in check.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"suite {suite.name!r} is {'valid' if check.ok else 'NOT valid'}: {len(suite.datasets)} dataset(s), "
          f"{len(suite.systems)} system(s), {len(check.errors)} error(s), {len(check.warnings)} warning(s)")
    return 0 if check.ok else 2
