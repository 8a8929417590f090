"""Write a run folder: ``results.json``, ``report.md`` and ``report.html``.

>>> default_folder("default", started=0).as_posix()
'runs/default-19700101-000000'
"""

from __future__ import annotations

import time
from pathlib import Path

from newsml.evaluation.report_html import render_report_html
from newsml.evaluation.report_md import render_report_md
from newsml.evaluation.results import dumps, to_json
from newsml.evaluation.runner import RunResult


def default_folder(suite_name: str, started: float | None = None, root: str | Path = "runs") -> Path:
    """``runs/<suite>-<UTC time>``: where a run is written when no ``--output`` is given."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() if started is None else started))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in suite_name)
    return Path(root) / f"{safe}-{stamp}"


def write_report(result: RunResult, folder: str | Path | None = None) -> dict[str, Path]:
    """Write the three files of a run into ``folder`` (created if needed); returns their paths."""
    folder = Path(folder) if folder is not None else default_folder(result.suite.name, result.started)
    folder.mkdir(parents=True, exist_ok=True)
    record = to_json(result)
    paths = {"results": folder / "results.json", "markdown": folder / "report.md", "html": folder / "report.html"}
    paths["results"].write_text(dumps(record), encoding="utf-8")
    paths["markdown"].write_text(render_report_md(result, record), encoding="utf-8")
    paths["html"].write_text(render_report_html(result, record), encoding="utf-8")
    return paths
