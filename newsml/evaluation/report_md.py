"""``report.md``: the results tables with 95% intervals, the paired tests and the failures of a run.

>>> p_text(0.0004), p_text(0.2)
('<0.001', '0.200')
"""

from __future__ import annotations

from typing import Any

from newsml.evaluation.runner import RunResult
from newsml.evaluation.table import render_markdown, results_table

SIGNIFICANCE = 0.05
"""Paired tests with a p-value below this are marked as significant."""

MAX_FAILURES = 20
"""Failures listed per system and dataset (``results.json`` has all of them)."""


def p_text(p: float) -> str:
    """A p-value for display."""
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def header_facts(result: RunResult, record: dict[str, Any]) -> list[tuple[str, str]]:
    """``(name, value)`` facts about the run shown at the top of both reports."""
    git = record.get("git") or {}
    commit = git.get("commit", "not a git checkout")
    if git.get("dirty"):
        commit += " (with uncommitted changes)"
    samples = result.suite.setting("bootstrap", "samples")
    confidence = result.suite.setting("bootstrap", "confidence")
    return [
        ("created", record["created"]),
        ("seed", str(result.suite.seed)),
        ("intervals", f"{confidence:.0%} percentile bootstrap over documents, {samples} resamples"),
        ("summary length", str(result.suite.setting("length"))),
        ("wall time", f"{result.seconds:.1f} s"),
        ("git commit", commit),
        ("newsml", str(record["versions"].get("newsml"))),
    ]


def comparisons_markdown(rows: list[dict[str, Any]]) -> str:
    """The paired tests as a Markdown table (significant p-values in bold)."""
    lines = ["| system A | system B | metric | A - B [95% CI] | p |", "|---|---|---|---:|---:|"]
    for row in rows:
        p = p_text(row["p_value"])
        if row["p_value"] < SIGNIFICANCE:
            p = f"**{p}**"
        lines.append(f"| {row['a']} | {row['b']} | {row['metric']} | "
                     f"{row['difference']:+.3g} [{row['low']:+.3g}, {row['high']:+.3g}] | {p} |")
    return "\n".join(lines)


def render_report_md(result: RunResult, record: dict[str, Any]) -> str:
    """The whole ``report.md``."""
    suite = result.suite
    out = [f"# newsml evaluation: {suite.name}", ""]
    if suite.setting("description"):
        out += [str(suite.setting("description")).strip(), ""]
    out += [f"- **{name}**: {value}" for name, value in header_facts(result, record)]
    out += ["", "ROUGE is x 100 (F1, max over references); `failed` counts documents a system could not "
            "summarise or label. The best value of each quality column is in bold; brackets hold the 95% "
            "bootstrap interval. Speeds are measured in this run.", ""]
    for name, error in result.dataset_errors.items():
        out += [f"## {name}", "", f"Could not be loaded: {error}", ""]
    for name, loaded in result.datasets.items():
        info = record["datasets"][name]
        out += [f"## {name}", "", f"{loaded.spec.task}, {len(loaded.documents)} documents, from `{loaded.spec.path}`."]
        if name in result.spaces:
            out.append(f"Label space: {', '.join(result.spaces[name])}.")
        out.append("")
        if not result.systems_for(name):
            out += ["No system of this task in the suite.", ""]
            continue
        out += [render_markdown(results_table(result, name)), ""]
        if result.comparisons.get(name):
            out += ["### Paired bootstrap tests", "", comparisons_markdown(result.comparisons[name]), ""]
        failures = [(run.system, i, e) for run in result.systems_for(name) if not run.error
                    for i, e in run.failures()]
        if failures:
            out += ["### Failed documents", ""]
            for system, index, error in failures[:MAX_FAILURES]:
                out.append(f"- {system}, `{loaded.documents[index].id}`: {error}")
            if len(failures) > MAX_FAILURES:
                out.append(f"- ... {len(failures) - MAX_FAILURES} more in results.json")
            out.append("")
        out += [f"Fingerprint: {_fingerprint_text(info['fingerprint'])}", ""]
    out += ["## Versions", "", ", ".join(f"{k} {v}" for k, v in record["versions"].items() if v), ""]
    return "\n".join(out)


def _fingerprint_text(fingerprint: dict[str, Any] | None) -> str:
    if not fingerprint:
        return "none"
    if "files" in fingerprint:
        return "; ".join(f"`{path}` sha256 `{digest}`" for path, digest in fingerprint["files"].items())
    return ", ".join(f"{k}={v}" for k, v in fingerprint.items())
