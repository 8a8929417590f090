"""Evaluation suites: what to score, on which data, with which settings.

A suite is a YAML file in ``configs/suites/``. :data:`DEFAULTS` ships with the code; a user's suite
overrides only the keys it names. ``datasets`` and ``systems`` are lists: each entry is resolved against
:data:`DATASET_DEFAULTS` / :data:`SYSTEM_DEFAULTS` (a list in the user's file replaces the default list).
Unknown keys are errors that list the valid ones.

>>> suite = load_suite({"name": "tiny", "datasets": [{"name": "d", "path": "d.jsonl"}]})
>>> suite.name, suite.datasets[0].task, suite.datasets[0].columns["article"]
('tiny', 'summarization', 'article')
>>> [system.name for system in suite.systems][:3]
['lead', 'textrank', 'lexrank']
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from newsml.config import read_yaml, resolve
from newsml.errors import ConfigError

TASKS: tuple[str, ...] = ("summarization", "lines")
"""``summarization``: articles with reference summaries; ``lines``: texts with a gold label per line."""

FORMATS: tuple[str, ...] = ("auto", "json", "csv", "parquet", "hub")
"""How a dataset is read: a local file through ``datasets.load_dataset(format, data_files=path)``, or a
Hugging Face hub name (``hub``, needs a network or a local cache). ``auto`` picks from the extension."""

COLUMN_DEFAULTS: dict[str, dict[str, Any]] = {
    "summarization": {"id": "id", "article": "article", "references": None},
    "lines": {"id": "id", "text": "text", "lines": "lines", "line_text": "text", "line_label": "label"},
}
"""Column roles per task. ``references`` is a column name or a list of names (each column holds a string
or a list of strings); ``None`` means ``references`` or else ``reference``, whichever the data has.
For ``lines``, ``lines`` holds a list of ``{line_text: ..., line_label: ...}`` records, one per non-blank
line of ``text`` (``text`` may be ``None``: the lines joined by newlines)."""

DATASET_DEFAULTS: dict[str, Any] = {
    "name": None,
    "task": "summarization",
    "path": None,
    "format": "auto",
    "split": "train",
    "subset": None,
    "columns": {},
    "limit": None,
    "ids": None,
    "label_map": {},
    "label_overrides": None,
    "crop": None,
}
"""One entry of ``datasets``. ``ids`` keeps only the listed documents: a list of ids, or
``{file: split.json, key: test, prefix: "aeb_lines:"}`` where ``key`` (dotted, or a list for keys that
contain dots) names a list of ids, a mapping of lists, or ``"all"``; ``prefix`` keeps the ids that start
with it and strips it. ``label_map`` renames gold line labels (e.g. ``{kept: story}``).
``label_overrides`` is a JSONL file of hand labels that replace gold labels: rows with ``doc_id``,
``index`` (the line's position in the ``lines`` list) and ``label``, and optionally ``file`` (then only
rows naming this dataset's file name apply). ``crop: m`` cuts each labelled page to its article region
(first to last story/heading line) plus ``m`` lines either side: what an article extractor would output,
with the real boilerplate lines left inside it."""

SYSTEM_DEFAULTS: dict[str, Any] = {
    "name": None,
    "summarizer": None,
    "classifier": None,
    "predictions": None,
    "task": None,
    "params": {},
    "length": None,
    "clean": None,
    "columns": {},
    "datasets": None,
}
"""One entry of ``systems``: exactly one of ``summarizer`` (a method name or a summariser config path),
``classifier`` (``default``, ``rules`` or a model path) or ``predictions`` (a JSONL/CSV/Parquet file of
precomputed outputs with ``id`` and ``summary`` or ``labels`` columns, renamed by ``columns``).
``datasets`` restricts the system to the named datasets; by default it runs on every dataset of its task."""

PREDICTION_COLUMNS: dict[str, str] = {"id": "id", "summary": "summary", "labels": "labels"}

DEFAULTS: dict[str, Any] = {
    "name": "suite",
    "description": "",
    "seed": 0,
    "limit": None,
    "length": 3,
    "clean": True,
    "batch_size": 32,
    "workers": 1,
    "rouge": {"types": ["rouge1", "rouge2", "rougeL", "rougeLsum"], "stem": True},
    "statistics": {"novel_ngrams": [1, 2, 3]},
    "bootstrap": {"samples": 1000, "confidence": 0.95},
    "report": {"documents": 10},
    "datasets": [],
    "systems": [
        {"summarizer": "lead"},
        {"summarizer": "textrank"},
        {"summarizer": "lexrank"},
        {"summarizer": "supervised"},
        {"classifier": "default"},
    ],
}
"""The shipped suite settings. ``length`` and ``clean`` apply to every summariser (a system may override
them); ``limit`` caps every dataset; ``workers`` is the number of processes that compute ROUGE and the
summary statistics (the numbers do not depend on it); ``report.documents`` is how many documents per
dataset the HTML report shows in full."""

CLASSIFIER_NAMES: tuple[str, ...] = ("default", "rules")


@dataclass(frozen=True)
class DatasetSpec:
    """A resolved ``datasets`` entry (see :data:`DATASET_DEFAULTS`)."""

    name: str
    task: str
    path: str
    format: str
    split: str
    subset: str | None
    columns: dict[str, Any]
    limit: int | None
    ids: Any
    label_map: dict[str, str]
    label_overrides: str | None = None
    crop: int | None = None


@dataclass(frozen=True)
class SystemSpec:
    """A resolved ``systems`` entry (see :data:`SYSTEM_DEFAULTS`)."""

    name: str
    kind: str  # "summarizer", "classifier" or "predictions"
    target: Any  # method name / config path / mapping, classifier name or path, predictions path
    task: str
    params: dict[str, Any]
    length: Any
    clean: bool | None
    columns: dict[str, str]
    datasets: tuple[str, ...] | None

    def applies_to(self, dataset: DatasetSpec) -> bool:
        """Whether this system runs on ``dataset`` (same task, and named if ``datasets`` is set)."""
        if self.task != dataset.task:
            return False
        return self.datasets is None or dataset.name in self.datasets


@dataclass(frozen=True)
class Suite:
    """A resolved suite. ``config`` is the resolved mapping recorded with every result."""

    name: str
    seed: int
    config: dict[str, Any]
    datasets: tuple[DatasetSpec, ...]
    systems: tuple[SystemSpec, ...]
    base: Path = field(default=Path("."))

    def setting(self, *keys: str) -> Any:
        """A value of the resolved config, e.g. ``suite.setting("bootstrap", "samples")``."""
        value: Any = self.config
        for key in keys:
            value = value[key]
        return value


def load_suite(source: str | Path | Mapping[str, Any] | None, **overrides: Any) -> Suite:
    """Resolve a suite from a YAML path or a mapping; ``overrides`` (command-line options such as
    ``seed=1`` or ``bootstrap={"samples": 200}``) are merged over it the same way.

    Relative data paths are looked up in the current directory, then next to the suite file.
    """
    base = Path(".")
    if source is None:
        raw: dict[str, Any] = {}
        where = "suite"
    elif isinstance(source, Mapping):
        raw, where = dict(source), "suite"
    else:
        raw, where, base = read_yaml(source), str(source), Path(source).resolve().parent
    config = resolve(DEFAULTS, raw, where)
    config = resolve(config, {k: v for k, v in overrides.items() if v is not None}, "command-line options")
    config["datasets"] = [_resolve_dataset(entry, i, where) for i, entry in enumerate(_list(config, "datasets", where))]
    config["systems"] = [_resolve_system(entry, i, where) for i, entry in enumerate(_list(config, "systems", where))]
    _check_settings(config, where)
    datasets = tuple(_dataset_spec(entry, base) for entry in config["datasets"])
    systems = tuple(_system_spec(entry) for entry in config["systems"])
    _unique([d.name for d in datasets], "dataset", where)
    _unique([s.name for s in systems], "system", where)
    names = {d.name for d in datasets}
    for system in systems:
        unknown = sorted(set(system.datasets or ()) - names)
        if unknown:
            raise ConfigError(f"{where}: system {system.name!r} names unknown dataset(s) {unknown}; "
                              f"the suite's datasets are {sorted(names)}")
    return Suite(str(config["name"]), int(config["seed"]), config, datasets, systems, base)


def _list(config: dict[str, Any], key: str, where: str) -> list[Any]:
    value = config[key]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {key!r} must be a list of mappings, not {type(value).__name__}")
    return value


def _resolve_dataset(entry: Any, index: int, where: str) -> dict[str, Any]:
    here = f"{where}: datasets[{index}]"
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{here} must be a mapping or a path, not {type(entry).__name__}")
    resolved = resolve(DATASET_DEFAULTS, entry, here, open_keys=frozenset({"columns", "label_map", "ids"}))
    if resolved["task"] not in TASKS:
        raise ConfigError(f"{here}: unknown task {resolved['task']!r}; valid tasks are {list(TASKS)}")
    if resolved["format"] not in FORMATS:
        raise ConfigError(f"{here}: unknown format {resolved['format']!r}; valid formats are {list(FORMATS)}")
    if not resolved["path"]:
        raise ConfigError(f"{here} needs a 'path' (a data file or a hub name)")
    if not isinstance(resolved["columns"], Mapping):
        raise ConfigError(f"{here}: 'columns' must be a mapping of role -> column name")
    resolved["columns"] = resolve(COLUMN_DEFAULTS[resolved["task"]], resolved["columns"], f"{here}.columns")
    if resolved["name"] is None:
        resolved["name"] = Path(str(resolved["path"])).name.split(".")[0] or f"dataset{index}"
    _check_limit(resolved["limit"], f"{here}.limit")
    crop = resolved["crop"]
    if crop is not None and (isinstance(crop, bool) or not isinstance(crop, int) or crop < 0):
        raise ConfigError(f"{here}.crop must be an integer >= 0 (lines kept around the article) or null")
    if (crop is not None or resolved["label_overrides"]) and resolved["task"] != "lines":
        raise ConfigError(f"{here}: 'crop' and 'label_overrides' apply to task 'lines' only")
    return resolved


def _resolve_system(entry: Any, index: int, where: str) -> dict[str, Any]:
    here = f"{where}: systems[{index}]"
    if isinstance(entry, str):
        entry = {"summarizer": entry}
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{here} must be a mapping or a summariser name, not {type(entry).__name__}")
    resolved = resolve(SYSTEM_DEFAULTS, entry, here, open_keys=frozenset({"params", "columns", "summarizer"}))
    kinds = [kind for kind in ("summarizer", "classifier", "predictions") if resolved[kind] is not None]
    if len(kinds) != 1:
        raise ConfigError(f"{here} needs exactly one of 'summarizer', 'classifier' or 'predictions' "
                          f"(got {kinds or 'none'})")
    kind = kinds[0]
    task = {"summarizer": "summarization", "classifier": "lines"}.get(kind, resolved["task"] or "summarization")
    if resolved["task"] is not None and resolved["task"] != task:
        raise ConfigError(f"{here}: a {kind} system has task {task!r}, not {resolved['task']!r}")
    if task not in TASKS:
        raise ConfigError(f"{here}: unknown task {task!r}; valid tasks are {list(TASKS)}")
    resolved["task"] = task
    resolved["columns"] = resolve(PREDICTION_COLUMNS, resolved["columns"], f"{here}.columns")
    if resolved["name"] is None:
        resolved["name"] = _default_system_name(kind, resolved[kind])
    if resolved["datasets"] is not None and not isinstance(resolved["datasets"], list):
        raise ConfigError(f"{here}: 'datasets' must be a list of dataset names")
    if resolved["length"] is not None:
        _check_length(resolved["length"], f"{here}.length")
    return resolved


def _default_system_name(kind: str, target: Any) -> str:
    if isinstance(target, Mapping):
        return str(target.get("method", kind))
    text = str(target)
    if kind == "summarizer" and not text.endswith((".yaml", ".yml")):
        return text
    if kind == "classifier" and text in CLASSIFIER_NAMES:
        return "classifier" if text == "default" else f"classifier-{text}"
    return Path(text).name.split(".")[0]


def _check_settings(config: dict[str, Any], where: str) -> None:
    if isinstance(config["seed"], bool) or not isinstance(config["seed"], int):
        raise ConfigError(f"{where}: 'seed' must be an integer, not {config['seed']!r}")
    _check_limit(config["limit"], f"{where}: limit")
    _check_length(config["length"], f"{where}: length")
    samples, confidence = config["bootstrap"]["samples"], config["bootstrap"]["confidence"]
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ConfigError(f"{where}: bootstrap.samples must be an integer >= 1, not {samples!r}")
    if not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise ConfigError(f"{where}: bootstrap.confidence must be in (0, 1), not {confidence!r}")
    from newsml.evaluation.rouge import valid_rouge_types

    valid = valid_rouge_types()
    bad = [t for t in config["rouge"]["types"] if t not in valid]
    if bad or not config["rouge"]["types"]:
        raise ConfigError(f"{where}: unknown ROUGE type(s) {bad}; valid types are {valid}")
    ngrams = config["statistics"]["novel_ngrams"]
    if not isinstance(ngrams, list) or not all(isinstance(n, int) and n >= 1 for n in ngrams):
        raise ConfigError(f"{where}: statistics.novel_ngrams must be a list of integers >= 1, not {ngrams!r}")
    workers = config["workers"]
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"{where}: workers must be an integer >= 1, not {workers!r}")
    batch = config["batch_size"]
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise ConfigError(f"{where}: batch_size must be an integer >= 1, not {batch!r}")


def _check_limit(limit: Any, where: str) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ConfigError(f"{where} must be an integer >= 1 or null, not {limit!r}")


def _check_length(length: Any, where: str) -> None:
    from newsml.summarization.length import Length

    try:
        Length.parse(length)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None


def _unique(names: list[str], what: str, where: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ConfigError(f"{where}: two {what}s are named {name!r}; give each a unique 'name'")
        seen.add(name)


def _dataset_spec(entry: dict[str, Any], base: Path) -> DatasetSpec:
    path = str(entry["path"])
    fmt = entry["format"]
    if fmt == "auto":
        fmt = format_from_path(path)
    if fmt != "hub":
        path = str(locate(path, base))
    ids = copy.deepcopy(entry["ids"])
    if isinstance(ids, Mapping) and "file" in ids:
        ids["file"] = str(locate(str(ids["file"]), base))
    overrides = str(locate(str(entry["label_overrides"]), base)) if entry["label_overrides"] else None
    return DatasetSpec(
        name=str(entry["name"]), task=entry["task"], path=path, format=fmt, split=str(entry["split"]),
        subset=entry["subset"], columns=dict(entry["columns"]), limit=entry["limit"],
        ids=ids, label_map=dict(entry["label_map"]), label_overrides=overrides, crop=entry["crop"],
    )


def _system_spec(entry: dict[str, Any]) -> SystemSpec:
    kind = next(k for k in ("summarizer", "classifier", "predictions") if entry[k] is not None)
    return SystemSpec(
        name=str(entry["name"]), kind=kind, target=copy.deepcopy(entry[kind]), task=entry["task"],
        params=dict(entry["params"]), length=entry["length"], clean=entry["clean"],
        columns=dict(entry["columns"]), datasets=tuple(entry["datasets"]) if entry["datasets"] else None,
    )


def format_from_path(path: str) -> str:
    """The ``datasets`` loader for a file (``json``, ``csv``, ``parquet``), or ``hub`` for ``owner/name``.

    >>> format_from_path("eval/data/summaries/inshorts.jsonl"), format_from_path("outputs.csv")
    ('json', 'csv')
    """
    lowered = path.lower()
    for suffix, fmt in ((".jsonl", "json"), (".json", "json"), (".jsonl.gz", "json"), (".csv", "csv"),
                        (".parquet", "parquet")):
        if lowered.endswith(suffix):
            return fmt
    if "/" in path and not Path(path).exists() and not path.startswith((".", "/")):
        return "hub"
    raise ConfigError(f"cannot tell the format of {path!r} from its extension; set 'format' to one of "
                      f"{list(FORMATS[1:])}")


def locate(path: str, base: Path) -> Path:
    """A data path as given (relative to the current directory) or, failing that, next to the suite."""
    candidate = Path(path)
    if candidate.is_absolute() or candidate.exists() or not (base / candidate).exists():
        return candidate
    return base / candidate
