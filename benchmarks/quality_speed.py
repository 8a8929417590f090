"""Quality beside speed for every summariser and every cleaner, in one command.

    python benchmarks/quality_speed.py                        # runs `newsml eval` and the classifier report if needed
    python benchmarks/quality_speed.py --run runs/default-2026...   # reuse a run folder (its results.json)
    python benchmarks/quality_speed.py --classifier-json eval/results/classifier_test.json

Summarisers: ROUGE-1/2/L F1 (x100) with the 95% bootstrap interval on every summarisation dataset of
the default suite (``configs/suites/default.yaml``), beside the documents per second the runner measured
(prediction only, with cleaning: ``clean: true``). Without ``--run`` the suite is run into a fresh
temporary folder first (about a minute on 2 cores).

Cleaners: LineClassifier, RuleClassifier, jusText and the C4 rules: boilerplate F1 and story recall per
source beside lines per second, from ``eval/results/classifier_test.json`` (written by
``python eval/classifier_report.py``; run here first when the file is missing or ``--rerun-classifiers``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "configs/suites/default.yaml"
CLASSIFIER_JSON = ROOT / "eval/results/classifier_test.json"
ROUGE = ("rouge1_f", "rouge2_f", "rougeL_f")
SOURCES = ("aeb_lines", "newspaper_texts", "aeb_pages_crop", "newspaper_pages_crop", "aeb_pages", "newspaper_pages")


def _ci(interval: dict | None) -> str:
    if not interval or interval.get("mean") is None:
        return "-"
    return f"{interval['mean']:.1f} [{interval['low']:.1f}, {interval['high']:.1f}]"


def summarisers(results: dict) -> str:
    rows = [r for r in results["results"] if r["task"] == "summarization"]
    out = []
    for dataset in dict.fromkeys(r["dataset"] for r in rows):
        n = results["datasets"][dataset]["documents"]
        out.append(f"\n{dataset} ({n} documents; ROUGE F1 x100, 95% CI; docs/s = prediction incl. cleaning)")
        out.append(f"{'system':16s}{'R-1 F':>22s}{'R-2 F':>22s}{'R-L F':>22s}{'docs/s':>10s}{'failed':>8s}")
        for r in sorted((r for r in rows if r["dataset"] == dataset), key=lambda r: -(r["aggregates"].get("rouge1_f") or {}).get("mean", 0)):
            speed = f"{r['docs_per_second']:.1f}" if r["docs_per_second"] else "-"
            out.append(f"{r['system']:16s}" + "".join(f"{_ci(r['aggregates'].get(m)):>22s}" for m in ROUGE)
                       + f"{speed:>10s}{r['failed']:>5d}/{r['documents']}")
    return "\n".join(out)


def cleaners(report: dict) -> str:
    out = [(f"\ncleaners on the classifier test split ({report['test_documents']} documents): "
           "boilerplate F1 / story recall per source, lines per second over the whole split")]
    out.append(f"{'system':24s}{'lines/s':>10s}" + "".join(f"{s:>22s}" for s in SOURCES))
    for name, system in report["systems"].items():
        cells = []
        for source in SOURCES:
            scores = system["per_source"].get(source)
            cells.append(f"{scores['boilerplate_f1']:.3f} / {scores['story_recall']:.3f}" if scores else "-")
        out.append(f"{name:24s}{system['lines_per_second']:10.0f}" + "".join(f"{c:>22s}" for c in cells))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", type=Path, help="run folder of `newsml eval configs/suites/default.yaml`")
    parser.add_argument("--classifier-json", type=Path, default=CLASSIFIER_JSON)
    parser.add_argument("--rerun-classifiers", action="store_true", help="run eval/classifier_report.py first")
    args = parser.parse_args(argv)

    run = args.run
    if run is None:
        run = Path(tempfile.mkdtemp(prefix="newsml-quality-speed-")) / "default"
        print(f"running the default suite into {run} ...", flush=True)
        subprocess.run([sys.executable, "-m", "newsml", "eval", str(SUITE), "--output", str(run), "--no-progress"],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    if args.rerun_classifiers or not args.classifier_json.exists():
        print("running eval/classifier_report.py ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "eval/classifier_report.py")], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    report = json.loads(args.classifier_json.read_text(encoding="utf-8"))
    machine = results.get("machine", {})
    print(f"suite {results['suite']} ({run / 'results.json'}, {results['created']}, {machine.get('cpus')} CPUs, "
          f"{results['seconds']:.0f} s); classifiers from {args.classifier_json}")
    print(summarisers(results))
    print(cleaners(report))


if __name__ == "__main__":
    main()
