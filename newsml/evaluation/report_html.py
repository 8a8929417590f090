"""``report.html``: one self-contained page (no scripts, no external files) with the tables, the plots
(PNG embedded as base64) and a per-document view: the article with its line labels coloured, every
system's summary beside the references with shared bigrams highlighted, or for line datasets every
line's gold and predicted labels.

>>> label_tag("ad")
'<span class="tag" style="background:#c62828">ad</span>'
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from newsml.evaluation.data import LinesDocument, SummaryDocument
from newsml.evaluation.highlight import marked
from newsml.evaluation.plots import LABEL_COLOURS, bar_chart, confusion_matrices, coverage_density, data_uri
from newsml.evaluation.report_md import SIGNIFICANCE, header_facts, p_text
from newsml.evaluation.runner import RunResult
from newsml.evaluation.table import Table, results_table
from newsml.text import line_spans

MAX_LINES = 400
"""Lines shown per document in the per-document view."""

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1280px;padding:1rem 2rem;color:#222;line-height:1.4}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}h4{margin:.6rem 0 .3rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap}td.best{font-weight:700;background:#fff8d6}
small.ci{color:#777;font-size:.75em;display:block}dl.facts{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;font-size:.9rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}.note{color:#8a3b00;font-size:.88rem}
details.doc{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.3rem .6rem}details.doc>summary{cursor:pointer}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.line{padding:.1rem .4rem;margin:.1rem 0;border-left:5px solid #ccc;font-size:.86rem}
.tag{display:inline-block;min-width:4.5rem;font-size:.7rem;text-transform:uppercase;color:#fff;border-radius:3px;padding:0 .3rem;margin-right:.4rem;text-align:center}
.ref,.sys{border:1px solid #e3e3e3;border-radius:4px;padding:.4rem .6rem;margin:.3rem 0;font-size:.88rem;white-space:pre-line}
.ref{background:#f7fbff}.who{font-weight:600;display:block;white-space:normal;font-size:.8rem;color:#444}
mark{background:#ffe58a;padding:0}.error{color:#b00020}img.plot{max-width:100%;display:block;margin:.5rem 0}
td.wrong{outline:2px solid #b00020}.legend span{margin-right:.6rem}
"""


def render_report_html(result: RunResult, record: dict[str, Any]) -> str:
    """The whole page."""
    suite = result.suite
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsml evaluation: {_e(suite.name)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>newsml evaluation: {_e(suite.name)}</h1>",
    ]
    if suite.setting("description"):
        parts.append(f"<p>{_e(str(suite.setting('description')).strip())}</p>")
    parts.append('<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>"
                                                for k, v in header_facts(result, record)) + "</dl>")
    parts.append("<p>ROUGE is x 100 (F1, max over references). Best value of each quality column in bold; "
                 "small numbers are the 95% bootstrap interval. <code>failed</code> counts documents a system "
                 "could not process.</p>")
    names = list(result.dataset_errors) + list(result.datasets)
    parts.append("<nav><b>Datasets:</b> " + " · ".join(f'<a href="#ds-{_slug(n)}">{_e(n)}</a>' for n in names)
                 + "</nav>")
    parts.append(_legend())
    for name, error in result.dataset_errors.items():
        parts.append(f'<section id="ds-{_slug(name)}"><h2>{_e(name)}</h2>'
                     f'<p class="error">Could not be loaded: {_e(error)}</p></section>')
    for name in result.datasets:
        parts.append(_dataset_section(result, name))
    parts.append(_provenance(record))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name)


def _legend() -> str:
    spans = "".join(f'<span><span class="tag" style="background:{c}">{_e(label)}</span></span>'
                    for label, c in LABEL_COLOURS.items())
    return f'<p class="legend"><b>Line labels:</b> {spans}</p>'


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{_e(c.title)}</th>" for c in table.columns)
    rows = []
    for system, row, failed in zip(table.systems, table.rows, table.failed):
        cells = []
        for column, cell in zip(table.columns, row):
            text = _e(column.format(cell.value))
            if cell.low is not None and cell.high is not None:
                text += f'<small class="ci">[{_e(column.format(cell.low))}, {_e(column.format(cell.high))}]</small>'
            cells.append(f'<td class="num{" best" if cell.best else ""}">{text}</td>')
        rows.append(f"<tr><th>{_e(system)}</th>{''.join(cells)}<td class=\"num\">{_e(failed)}</td></tr>")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in table.notes)
    return f"<table><tr><th>system</th>{head}<th>failed</th></tr>{''.join(rows)}</table>{notes}"


def _img(png: bytes, alt: str) -> str:
    return f'<img class="plot" alt="{_e(alt)}" src="{data_uri(png)}">'


def _dataset_section(result: RunResult, name: str) -> str:
    loaded = result.datasets[name]
    spec = loaded.spec
    out = [f'<section id="ds-{_slug(name)}">', f"<h2>{_e(name)}</h2>",
           f"<p>{_e(spec.task)}, {len(loaded.documents)} documents, from <code>{_e(spec.path)}</code>"
           + (f"; label space: {_e(', '.join(result.spaces[name]))}" if name in result.spaces else "") + ".</p>"]
    runs = [run for run in result.systems_for(name)]
    if not runs:
        out.append("<p>No system of this task in the suite.</p></section>")
        return "\n".join(out)
    out.append(_table_html(results_table(result, name)))
    scored = [run for run in runs if run.aggregates]
    if scored and spec.task == "summarization":
        types = [t for t in result.suite.setting("rouge", "types")]
        values = {run.system: {t: _triple(run.aggregates.get(f"{t}_f")) for t in types} for run in scored}
        out.append(_img(bar_chart(values, f"{name}: ROUGE F1 with 95% intervals", "ROUGE x 100"), "ROUGE bar chart"))
        points = {run.system: ([s["coverage"] for s in run.scores if s], [s["density"] for s in run.scores if s])
                  for run in scored}
        out.append(_img(coverage_density(points, f"{name}: extractive coverage and density"),
                        "coverage and density"))
    elif scored:
        metrics = ("boilerplate_f1", "story_recall", "macro_f1")
        values = {run.system: {m: _triple(run.aggregates.get(m)) for m in metrics} for run in scored}
        out.append(_img(bar_chart(values, f"{name}: line classification with 95% intervals"), "classifier bars"))
        matrices = {run.system: run.confusion for run in scored if run.confusion is not None}
        out.append(_img(confusion_matrices(matrices, result.spaces[name], f"{name}: confusion (row-normalised colour)"),
                        "confusion matrices"))
        for run in scored:
            out.append(_confusion_table(run.system, run.confusion or [], result.spaces[name]))
    if result.comparisons.get(name):
        out.append("<details><summary>Paired bootstrap tests between systems</summary>"
                   + _comparisons(result.comparisons[name]) + "</details>")
    failures = [(run.system, i, e) for run in runs if not run.error for i, e in run.failures()]
    if failures:
        items = "".join(f"<li>{_e(s)}, <code>{_e(loaded.documents[i].id)}</code>: {_e(e)}</li>"
                        for s, i, e in failures[:50])
        out.append(f"<details><summary>{len(failures)} failed document(s)</summary><ul>{items}</ul></details>")
    shown = loaded.documents[: result.suite.setting("report", "documents")]
    if shown:
        out.append(f"<h3>Documents (first {len(shown)})</h3>")
        for index, document in enumerate(shown):
            if isinstance(document, SummaryDocument):
                out.append(_summary_document(result, name, index, document))
            else:
                out.append(_lines_document(result, name, index, document))  # type: ignore[arg-type]
    out.append("</section>")
    return "\n".join(out)


def _triple(interval: Any) -> tuple[float, float, float]:
    if interval is None:
        return (float("nan"),) * 3  # type: ignore[return-value]
    return (interval.estimate, interval.low, interval.high)


def _confusion_table(system: str, matrix: Sequence[Sequence[int]], labels: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = "".join(f"<tr><th>{_e(g)}</th>" + "".join(f'<td class="num">{int(v)}</td>' for v in row) + "</tr>"
                   for g, row in zip(labels, matrix))
    return (f"<details><summary>Confusion matrix of {_e(system)} (rows gold, columns predicted)</summary>"
            f"<table><tr><th>gold \\ predicted</th>{head}</tr>{rows}</table></details>")


def _comparisons(rows: list[dict[str, Any]]) -> str:
    body = []
    for row in rows:
        significant = row["p_value"] < SIGNIFICANCE
        body.append(f"<tr><td>{_e(row['a'])}</td><td>{_e(row['b'])}</td><td>{_e(row['metric'])}</td>"
                    f"<td class=\"num\">{row['difference']:+.3g} <small class=\"ci\">[{row['low']:+.3g}, "
                    f"{row['high']:+.3g}]</small></td><td class=\"num{' best' if significant else ''}\">"
                    f"{_e(p_text(row['p_value']))}</td></tr>")
    return ("<table><tr><th>system A</th><th>system B</th><th>metric</th><th>A - B</th><th>p</th></tr>"
            + "".join(body) + "</table>")


def label_tag(label: str) -> str:
    """A coloured badge for a line label."""
    colour = LABEL_COLOURS.get(label, "#999")
    return f'<span class="tag" style="background:{colour}">{_e(label)}</span>'


def _article_lines(text: str, labels: list[tuple[int, int, str]] | None) -> str:
    out = []
    spans = labels if labels else [(s, e, "") for s, e in line_spans(text)]
    for start, end, label in spans[:MAX_LINES]:
        colour = LABEL_COLOURS.get(label, "#ccc")
        tag = label_tag(label) if label else ""
        out.append(f'<div class="line" style="border-left-color:{colour}">{tag}{_e(text[start:end])}</div>')
    if len(spans) > MAX_LINES:
        out.append(f"<p>... {len(spans) - MAX_LINES} more lines</p>")
    return "".join(out)


def _summary_document(result: RunResult, dataset: str, index: int, document: SummaryDocument) -> str:
    runs = result.systems_for(dataset)
    labels = result.views.get(dataset, {}).get(document.id)
    summaries = [run.outcomes[index].output.text for run in runs if run.outcomes[index].ok]
    first = result.suite.setting("rouge", "types")[0]
    brief = ", ".join(f"{run.system} {run.scores[index][f'{first}_f']:.1f}" for run in runs
                      if run.scores[index] is not None)
    refs = "".join(f'<div class="ref"><span class="who">Reference {k + 1}</span>{marked(ref, summaries)}</div>'
                   for k, ref in enumerate(document.references))
    systems = []
    for run in runs:
        outcome, score = run.outcomes[index], run.scores[index]
        if not outcome.ok:
            systems.append(f'<div class="sys"><span class="who">{_e(run.system)}</span>'
                           f'<span class="error">{_e(outcome.error)}</span></div>')
            continue
        facts = ""
        if score:
            facts = " · ".join(f"{t} {score[f'{t}_f']:.1f}" for t in result.suite.setting("rouge", "types"))
            facts += f" · coverage {score['coverage']:.2f} · density {score['density']:.2f}"
        systems.append(f'<div class="sys"><span class="who">{_e(run.system)} <small>{_e(facts)}</small></span>'
                       f"{marked(outcome.output.text, list(document.references))}</div>")
    caption = "line labels from the cleaning the summarisers used" if labels else "lines, not cleaned in this run"
    return (f'<details class="doc"><summary><b>{_e(document.id)}</b> · {len(document.references)} reference(s)'
            f" · {_e(first)} F: {_e(brief)}</summary><div class=\"grid\"><div><h4>Article ({caption})</h4>"
            f"{_article_lines(document.article, labels)}</div><div><h4>References</h4>{refs}"
            f"<h4>Summaries (bigrams shared with the references highlighted)</h4>{''.join(systems)}</div></div></details>")


def _lines_document(result: RunResult, dataset: str, index: int, document: LinesDocument) -> str:
    runs = result.systems_for(dataset)
    head = "".join(f"<th>{_e(run.system)}</th>" for run in runs)
    rows = []
    for number, (line, gold) in enumerate(zip(document.lines[:MAX_LINES], document.labels)):
        cells = []
        for run in runs:
            outcome = run.outcomes[index]
            if not outcome.ok:
                cells.append('<td class="error">failed</td>')
                continue
            predicted = outcome.output[number]
            kept_gold = gold in ("story", "heading")
            kept_pred = predicted in ("story", "heading")
            wrong = predicted != gold and (gold != "boilerplate" or kept_pred != kept_gold)
            cells.append(f'<td class="{"wrong" if wrong else ""}">{label_tag(predicted)}</td>')
        colour = LABEL_COLOURS.get(gold, "#ccc")
        rows.append(f"<tr><td>{number + 1}</td><td>{label_tag(gold)}</td>{''.join(cells)}"
                    f'<td><div class="line" style="border-left-color:{colour}">{_e(line)}</div></td></tr>')
    more = f"<p>... {len(document.lines) - MAX_LINES} more lines</p>" if len(document.lines) > MAX_LINES else ""
    brief = ", ".join(f"{run.system} {_doc_f1(run.scores[index], result.spaces[dataset]):.2f}" for run in runs
                      if run.scores[index] is not None)
    errors = "".join(f'<p class="error">{_e(run.system)}: {_e(run.outcomes[index].error)}</p>'
                     for run in runs if not run.outcomes[index].ok)
    return (f'<details class="doc"><summary><b>{_e(document.id)}</b> · {len(document.lines)} lines · '
            f"boilerplate F1: {_e(brief)}</summary>{errors}<table><tr><th>#</th><th>gold</th>{head}<th>line</th></tr>"
            f"{''.join(rows)}</table>{more}</details>")


def _doc_f1(matrix: Any, space: Sequence[str]) -> float:
    from newsml.evaluation.line_metrics import line_metrics

    return float(line_metrics(matrix, space)["boilerplate_f1"])


def _provenance(record: dict[str, Any]) -> str:
    import json

    datasets = "".join(
        f"<tr><td>{_e(name)}</td><td>{_e(info['documents'])}</td><td><code>"
        + "<br>".join(f"{_e(p)}: {_e(d)}" for p, d in ((info.get('fingerprint') or {}).get('files') or {}).items())
        + "</code></td></tr>" for name, info in record["datasets"].items())
    versions = ", ".join(f"{_e(k)} {_e(v)}" for k, v in record["versions"].items() if v)
    config = _e(json.dumps(record["config"], indent=1, ensure_ascii=False))
    return ("<section id=\"provenance\"><h2>Provenance</h2><table><tr><th>dataset</th><th>documents</th>"
            f"<th>sha256</th></tr>{datasets}</table><p><b>Versions:</b> {versions}</p>"
            f"<details><summary>Resolved suite config</summary><pre>{config}</pre></details></section>")
