"""Load a suite's datasets through Hugging Face ``datasets`` and map their columns to documents.

Local files load with ``datasets.load_dataset("json" | "csv" | "parquet", data_files=path)``; a hub name
loads with ``datasets.load_dataset(name)`` where a network (or a local cache) is available.

>>> doc = SummaryDocument("a1", "Turkey and Russia agreed a truce.", ("Russia and Turkey agreed a truce.",))
>>> doc.references[0]
'Russia and Turkey agreed a truce.'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from newsml.cleaning.overrides import read_label_overrides
from newsml.errors import ConfigError
from newsml.evaluation.suite import DatasetSpec
from newsml.labels import GOLD_LABELS


@dataclass(frozen=True)
class SummaryDocument:
    """An article to summarise and its reference summaries (one or more)."""

    id: str
    article: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class LinesDocument:
    """A text whose non-blank lines carry gold labels; ``lines[i]`` is a line of ``text``."""

    id: str
    text: str
    lines: tuple[str, ...]
    labels: tuple[str, ...]


Document = SummaryDocument | LinesDocument


@dataclass(frozen=True)
class LoadedDataset:
    """The documents of one dataset, with the fingerprint of the data they came from."""

    spec: DatasetSpec
    documents: tuple[Document, ...]
    fingerprint: dict[str, Any]
    columns: tuple[str, ...]


def load_dataset(spec: DatasetSpec, limit: int | None = None) -> LoadedDataset:
    """Read ``spec``'s data, keep its ``ids`` and first ``limit`` rows, and map columns to documents."""
    table = _read(spec)
    columns = tuple(table.column_names)
    rows: Iterable[Mapping[str, Any]] = table
    documents: list[Document] = []
    wanted = _wanted_ids(spec)
    cap = min((x for x in (limit, spec.limit) if x is not None), default=None)
    overrides = _overrides(spec)
    for index, row in enumerate(rows):
        doc_id = _doc_id(row, spec, index)
        if wanted is not None and doc_id not in wanted:
            continue
        if spec.task == "summarization":
            documents.append(_summary_document(row, spec, doc_id, columns))
        else:
            document = _lines_document(row, spec, doc_id, columns, overrides.get(doc_id, {}))
            documents.append(document if spec.crop is None else crop(document, spec.crop))
        if cap is not None and len(documents) >= cap:
            break
    if wanted is not None and not wanted:
        raise ConfigError(f"dataset {spec.name!r}: its 'ids' selection {spec.ids} selects no id "
                          "(check the key and the prefix)")
    if wanted is not None and not documents:
        raise ConfigError(f"dataset {spec.name!r}: none of the {len(wanted)} selected ids occurs in {spec.path}")
    return LoadedDataset(spec, tuple(documents), fingerprint(spec), columns)


def fingerprint(spec: DatasetSpec) -> dict[str, Any]:
    """SHA-256 of every local data file (or the hub name and split), recorded with each result."""
    if spec.format == "hub":
        return {"hub": spec.path, "subset": spec.subset, "split": spec.split}
    path = Path(spec.path)
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    digests = {}
    for file in files:
        if file.is_file():
            digest = hashlib.sha256()
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            digests[str(file)] = digest.hexdigest()
    return {"files": digests}


def _read(spec: DatasetSpec) -> Any:
    import datasets

    datasets.utils.logging.set_verbosity_error()
    datasets.utils.logging.disable_progress_bar()
    try:
        if spec.format == "hub":
            return datasets.load_dataset(spec.path, spec.subset, split=spec.split)
        if not Path(spec.path).exists():
            raise ConfigError(f"dataset {spec.name!r}: data file not found: {spec.path}")
        return datasets.load_dataset(spec.format, data_files=spec.path, split="train")
    except ConfigError:
        raise
    except Exception as error:  # datasets raises many types; name the dataset and the cause
        raise ConfigError(f"dataset {spec.name!r}: cannot load {spec.path} as {spec.format}: "
                          f"{type(error).__name__}: {error}") from None


def _wanted_ids(spec: DatasetSpec) -> set[str] | None:
    """The ids a dataset keeps, or ``None`` for all (see ``ids`` in :data:`~newsml.evaluation.suite.DATASET_DEFAULTS`)."""
    ids = spec.ids
    if ids is None:
        return None
    if isinstance(ids, list):
        return {str(i) for i in ids}
    if not (isinstance(ids, Mapping) and "file" in ids and set(ids) <= {"file", "key", "prefix"}):
        raise ConfigError(f"dataset {spec.name!r}: 'ids' must be a list of ids or {{file: ..., key: ..., prefix: ...}}")
    path = Path(str(ids["file"]))
    if not path.is_file():
        raise ConfigError(f"dataset {spec.name!r}: ids file not found: {path}")
    value: Any = json.loads(path.read_text(encoding="utf-8"))
    key = ids.get("key") or []
    for part in key.split(".") if isinstance(key, str) else [str(k) for k in key]:
        if not isinstance(value, Mapping) or part not in value:
            valid = sorted(value) if isinstance(value, Mapping) else []
            raise ConfigError(f"dataset {spec.name!r}: key {part!r} not in {path}; valid keys are {valid}")
        value = value[part]
    if value == "all":
        return None
    prefix = str(ids.get("prefix") or "")
    found = {str(i) for i in _flatten_ids(value, spec.name)}
    return {i[len(prefix):] for i in found if i.startswith(prefix)}


def _flatten_ids(value: Any, name: str) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping):
        return [i for item in value.values() for i in _flatten_ids(item, name)]
    raise ConfigError(f"dataset {name!r}: the ids key must hold a list of ids, a mapping of lists, or 'all'")


def _doc_id(row: Mapping[str, Any], spec: DatasetSpec, index: int) -> str:
    column = spec.columns.get("id")
    if column and column in row and row[column] is not None:
        return str(row[column])
    return f"{spec.name}-{index}"


def _column(row: Mapping[str, Any], column: str, spec: DatasetSpec, role: str, columns: Sequence[str]) -> Any:
    if column not in row:
        raise ConfigError(f"dataset {spec.name!r}: column {column!r} (for {role!r}) not found; "
                          f"the data has columns {list(columns)}; set columns.{role} in the suite")
    return row[column]


def _summary_document(row: Mapping[str, Any], spec: DatasetSpec, doc_id: str, columns: Sequence[str]) -> SummaryDocument:
    article = _column(row, spec.columns["article"], spec, "article", columns)
    names = spec.columns["references"]
    if names is None:
        names = "references" if "references" in row else "reference"
    references: list[str] = []
    for name in [names] if isinstance(names, str) else list(names):
        value = _column(row, name, spec, "references", columns)
        if isinstance(value, str):
            references.append(value)
        elif isinstance(value, (list, tuple)):
            references.extend(str(v) for v in value if v is not None)
    return SummaryDocument(doc_id, "" if article is None else str(article),
                           tuple(r for r in references if r.strip()))


def _overrides(spec: DatasetSpec) -> dict[str, dict[int, str]]:
    """``{doc_id: {line index: label}}`` from the dataset's ``label_overrides`` file."""
    if not spec.label_overrides:
        return {}
    try:
        rows = read_label_overrides(spec.label_overrides)
    except ConfigError as error:
        raise ConfigError(f"dataset {spec.name!r}: {error}") from error
    found: dict[str, dict[int, str]] = {}
    mine = Path(spec.path).name
    for (file, doc_id, index), label in rows.items():
        if file in (None, mine):
            found.setdefault(doc_id, {})[index] = label
    return found


def crop(document: LinesDocument, margin: int) -> LinesDocument:
    """``document`` cut to its article region (first to last story/heading line) plus ``margin`` lines
    either side, as ``newsml.cleaning.dataset.article_crops`` cuts training pages; a document without
    story or heading lines is returned whole.

    >>> doc = LinesDocument("d", "", ("Menu", "Ad", "Title", "Body.", "Share", "Footer"),
    ...                     ("other", "ad", "heading", "story", "other", "other"))
    >>> crop(doc, 1).lines
    ('Ad', 'Title', 'Body.', 'Share')
    """
    kept = [i for i, label in enumerate(document.labels) if label in ("story", "heading")]
    if not kept:
        return document
    first, last = max(kept[0] - margin, 0), min(kept[-1] + margin, len(document.lines) - 1)
    lines = document.lines[first:last + 1]
    return LinesDocument(document.id, "\n".join(lines), lines, document.labels[first:last + 1])


def _lines_document(row: Mapping[str, Any], spec: DatasetSpec, doc_id: str, columns: Sequence[str],
                    overrides: Mapping[int, str]) -> LinesDocument:
    records = _column(row, spec.columns["lines"], spec, "lines", columns) or []
    text_key, label_key = spec.columns["line_text"], spec.columns["line_label"]
    lines, labels = [], []
    for position, record in enumerate(records):
        if not isinstance(record, Mapping) or text_key not in record or label_key not in record:
            raise ConfigError(f"dataset {spec.name!r}, document {doc_id}: each line must be a record with "
                              f"{text_key!r} and {label_key!r} (set columns.line_text / columns.line_label)")
        text, label = str(record[text_key]), str(overrides.get(position, record[label_key]))
        if not text.strip():
            continue
        label = spec.label_map.get(label, label)
        if label not in GOLD_LABELS:
            raise ConfigError(f"dataset {spec.name!r}, document {doc_id}: unknown gold label {label!r}; valid "
                              f"labels are {list(GOLD_LABELS)} (rename others with the dataset's 'label_map')")
        lines.append(text)
        labels.append(label)
    text_column = spec.columns["text"]
    text = _column(row, text_column, spec, "text", columns) if text_column else None
    return LinesDocument(doc_id, "\n".join(lines) if text is None else str(text), tuple(lines), tuple(labels))
