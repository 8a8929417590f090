"""The results table of one dataset: a row per system, the best value of each quality column marked.

:func:`results_table` builds it from a run; :func:`render_text` prints it (best marked ``*``) and
:func:`render_markdown` writes it (best in bold, with 95% intervals).

>>> column = Column("rouge1_f", "R-1", best="max")
>>> column.format(41.234), Column("coverage", "cov", digits=2).format(0.8)
('41.2', '0.80')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from newsml.evaluation.runner import RunResult, SystemRun


@dataclass(frozen=True)
class Column:
    """A metric column: its key in the aggregates, title, which direction is best (or ``None``)."""

    key: str
    title: str
    best: str | None = None  # "max", "min" or None (descriptive statistic)
    digits: int = 1
    scale: float = 1.0

    def format(self, value: float | None) -> str:
        """The value for display (``-`` when missing)."""
        return "-" if value is None else f"{value * self.scale:.{self.digits}f}"


SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("rouge1_f", "R-1 F", "max"), Column("rouge2_f", "R-2 F", "max"), Column("rougeL_f", "R-L F", "max"),
    Column("rougeLsum_f", "R-Lsum F", "max"), Column("words", "words", digits=1),
    Column("coverage", "coverage", digits=2), Column("density", "density", digits=2),
    Column("novel_2", "novel 2g %", digits=1, scale=100.0), Column("redundancy", "redund.", digits=1),
)
"""Columns of a summarisation table (ROUGE x 100, novel bigrams in %)."""

LINE_COLUMNS: tuple[Column, ...] = (
    Column("boilerplate_f1", "boiler F1", "max", 3), Column("boilerplate_p", "boiler P", "max", 3),
    Column("boilerplate_r", "boiler R", "max", 3), Column("story_recall", "story R", "max", 3),
    Column("macro_f1", "macro F1", "max", 3), Column("accuracy", "accuracy", "max", 3),
)
"""Columns of a line-classifier table."""

SPEED = Column("docs_per_second", "docs/s", "max", 1)


@dataclass
class Cell:
    """One value of the table, with its interval where there is one."""

    value: float | None
    low: float | None = None
    high: float | None = None
    best: bool = False


@dataclass
class Table:
    """The rows of one dataset's table (``rows[i]`` aligns with ``columns``; ``notes`` explain errors)."""

    dataset: str
    task: str
    columns: tuple[Column, ...]
    systems: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def columns_for(result: RunResult, dataset: str) -> tuple[Column, ...]:
    """The table columns of ``dataset``, limited to the ROUGE types the suite computed."""
    task = result.datasets[dataset].spec.task
    if task == "lines":
        return LINE_COLUMNS + (SPEED,)
    types = set(result.suite.setting("rouge", "types"))
    ngrams = set(result.suite.setting("statistics", "novel_ngrams"))
    kept = [c for c in SUMMARY_COLUMNS
            if not (c.key.startswith("rouge") and c.key[:-2] not in types)
            and not (c.key.startswith("novel_") and int(c.key.split("_")[1]) not in ngrams)]
    return tuple(kept) + (SPEED,)


def results_table(result: RunResult, dataset: str) -> Table:
    """The table of ``dataset``: one row per system that ran on it."""
    columns = columns_for(result, dataset)
    table = Table(dataset, result.datasets[dataset].spec.task, columns)
    runs = result.systems_for(dataset)
    for run in runs:
        table.systems.append(run.system)
        table.rows.append([_cell(run, column) for column in columns])
        table.failed.append(f"{run.n_failed}/{run.n_documents}")
        if run.error:
            table.notes.append(f"{run.system}: could not run: {run.error}")
        elif run.n_failed:
            first = run.failures()[0][1]
            table.notes.append(f"{run.system}: {run.n_failed} document(s) failed, e.g. {first}")
    references = result.references.get(dataset)
    if references:
        table.systems.append("(references)")
        table.rows.append([Cell(references[c.key].estimate, references[c.key].low, references[c.key].high)
                           if c.key in references else Cell(None) for c in columns])
        table.failed.append("-")
        table.notes.append("(references): statistics of the reference summaries themselves, for comparison")
    for j, column in enumerate(columns):
        if column.best is None:
            continue
        values = [row[j].value for row in table.rows if row[j].value is not None]
        if len(values) < 2:
            continue
        target = max(values) if column.best == "max" else min(values)
        for row in table.rows:
            row[j].best = row[j].value is not None and column.format(row[j].value) == column.format(target)
    return table


def _cell(run: SystemRun, column: Column) -> Cell:
    if column.key == "docs_per_second":
        return Cell(run.docs_per_second)
    interval = run.aggregates.get(column.key)
    if interval is None:
        return Cell(None)
    return Cell(interval.estimate, interval.low, interval.high)


def render_text(table: Table) -> str:
    """A fixed-width table for the terminal; the best value per quality column ends with ``*``."""
    headers = ["system", *[c.title for c in table.columns], "failed"]
    body = [[name, *[c.format(cell.value) + ("*" if cell.best else "") for c, cell in zip(table.columns, row)],
             failed] for name, row, failed in zip(table.systems, table.rows, table.failed)]
    widths = [max(len(str(r[i])) for r in [headers, *body]) for i in range(len(headers))]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                               for i, (v, w) in enumerate(zip(row, widths))))
    return "\n".join(lines + [f"  note: {note}" for note in table.notes])


def render_markdown(table: Table, intervals: bool = True) -> str:
    """A Markdown table; best values in bold, ``[low, high]`` 95% intervals under the means."""
    headers = ["system", *[c.title for c in table.columns], "failed"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|"]
    for name, row, failed in zip(table.systems, table.rows, table.failed):
        cells = [name]
        for column, cell in zip(table.columns, row):
            text = column.format(cell.value)
            if cell.best:
                text = f"**{text}**"
            if intervals and cell.low is not None and cell.high is not None:
                text += f" [{column.format(cell.low)}, {column.format(cell.high)}]"
            cells.append(text)
        cells.append(failed)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines + ([""] + [f"- {note}" for note in table.notes] if table.notes else []))
