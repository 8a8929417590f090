"""Label override files: hand labels for lines of another labelled file (``eval/data/boilerplate/hand_labels.jsonl``).

One JSON object per line: ``doc_id``, ``index`` (the line's position in its document), ``label`` and, when
the file serves several data files, ``file`` (the name of the data file the line is in). Other keys
(``text``, ``annotator``, ``note``, ``review``) are for people and are not read. Both the training data
loader and the evaluation harness read them through :func:`read_label_overrides`.

>>> import json, tempfile
>>> row = {"file": "aeb_dev_lines.jsonl", "doc_id": "a1", "index": 3, "label": "ad", "text": "Advertisement"}
>>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
...     _ = handle.write(json.dumps(row) + "\\n")
>>> read_label_overrides(handle.name)
{('aeb_dev_lines.jsonl', 'a1', 3): 'ad'}
"""

from __future__ import annotations

import json
from pathlib import Path

from newsml.errors import ConfigError
from newsml.labels import GOLD_LABELS

_REQUIRED = ("doc_id", "index", "label")


def read_label_overrides(path: str | Path) -> dict[tuple[str | None, str, int], str]:
    """``{(file, doc_id, line index): label}`` from an override file (``file`` is ``None`` where a row
    names none). A missing file, a row without ``doc_id``/``index``/``label`` or an unknown label is a
    :class:`~newsml.errors.ConfigError` that names the file and line."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"label override file not found: {path}")
    found: dict[tuple[str | None, str, int], str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            missing = [key for key in _REQUIRED if key not in row]
            if missing:
                raise ConfigError(f"{path}:{number}: a label override needs {list(_REQUIRED)}; missing {missing}")
            if row["label"] not in GOLD_LABELS:
                raise ConfigError(f"{path}:{number}: unknown label {row['label']!r}; "
                                  f"valid labels are {list(GOLD_LABELS)}")
            found[(row.get("file"), str(row["doc_id"]), int(row["index"]))] = str(row["label"])
    return found
