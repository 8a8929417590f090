"""Fine-tune a seq2seq checkpoint on article/summary pairs: ``newsml train abstractive --config FILE``.

The config (YAML) overrides :data:`DEFAULTS`; only ``model`` and ``data.train`` are required. Pairs are
read with ``datasets`` (json/jsonl, csv or parquet; column names from the config), the model is trained
with a plain seeded torch loop (AdamW, linear warm-up and decay, gradient clipping) and saved with
``save_pretrained`` (safetensors) together with its tokenizer and ``newsml_training.json`` (the resolved
config, package versions, data fingerprints, losses). The saved directory is what
``newsml.summarize(text, method="abstractive", model=DIR)`` loads; a ``prefix`` used for training is
stored in the checkpoint's config so that inference uses it too.

>>> config = load_config({"model": "some/checkpoint", "data": {"train": "pairs.jsonl"}})
>>> config["epochs"], config["data"]["article_column"]
(3, 'article')
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from newsml.config import load
from newsml.errors import ConfigError

DEFAULTS: dict[str, Any] = {
    "model": None,
    "revision": None,
    "allow_download": False,
    "data": {
        "train": None,
        "validation": None,
        "format": None,
        "train_split": "train",
        "validation_split": "train",
        "article_column": "article",
        "summary_column": "reference",
        "split_file": None,
        "split_part": "train",
        "id_column": "id",
    },
    "prefix": None,
    "max_input_tokens": None,
    "max_target_tokens": 128,
    "epochs": 3,
    "max_steps": None,
    "batch_size": 4,
    "learning_rate": 5.0e-5,
    "weight_decay": 0.01,
    "warmup_ratio": 0.0,
    "max_grad_norm": 1.0,
    "seed": 0,
    "device": "cpu",
    "output": "runs/abstractive/model",
}
"""Every config key with its default. ``data.format`` None infers json/csv/parquet from the extension;
``*_split`` accept ``datasets`` slicing such as ``"train[:400]"``; ``data.split_file`` (a newsml split
such as ``eval/splits/summarization.json``) keeps only the rows whose ``id_column`` it lists under
``split_part`` for the data file, so that a model never trains on test articles; ``max_steps`` stops
early."""

FORMATS = {".json": "json", ".jsonl": "json", ".csv": "csv", ".parquet": "parquet"}
"""File extensions and the ``datasets`` builder that reads them."""


def load_config(source: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    """Resolve a training config (a YAML path or a mapping) against :data:`DEFAULTS` and check it."""
    config = load(source, DEFAULTS, None if not isinstance(source, Mapping) else "training config")
    if not config["model"]:
        raise ConfigError("the training config needs 'model': a checkpoint directory or a cached hub id to start from")
    if not config["data"]["train"]:
        raise ConfigError("the training config needs 'data.train': a json/jsonl, csv or parquet file of pairs")
    for key in ("epochs", "batch_size", "max_target_tokens"):
        if not isinstance(config[key], int) or isinstance(config[key], bool) or config[key] < 1:
            raise ConfigError(f"{key} must be an int >= 1, got {config[key]!r}")
    if config["max_steps"] is not None and (not isinstance(config["max_steps"], int) or config["max_steps"] < 1):
        raise ConfigError(f"max_steps must be None or an int >= 1, got {config['max_steps']!r}")
    if not 0 <= float(config["warmup_ratio"]) < 1:
        raise ConfigError(f"warmup_ratio must be in [0, 1), got {config['warmup_ratio']!r}")
    if float(config["learning_rate"]) <= 0:
        raise ConfigError(f"learning_rate must be > 0, got {config['learning_rate']!r}")
    return config


def read_pairs(path: str | Path, data: Mapping[str, Any], split: str) -> tuple[list[str], list[str], int]:
    """``(articles, summaries, skipped)`` from a data file; rows with an empty article or summary are skipped."""
    import datasets

    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"training data file not found: {path}")
    builder = data["format"] or FORMATS.get(path.suffix.lower())
    if builder not in set(FORMATS.values()):
        raise ConfigError(f"cannot tell the format of {path}; set data.format to one of "
                          f"{sorted(set(FORMATS.values()))} (known extensions: {sorted(FORMATS)})")
    datasets.disable_progress_bars()
    try:
        table = datasets.load_dataset(builder, data_files={"train": str(path)}, split=split)
    except (ValueError, KeyError) as error:
        raise ConfigError(f"cannot read split {split!r} of {path}: {error}") from None
    columns = (data["article_column"], data["summary_column"])
    missing = [name for name in columns if name not in table.column_names]
    if missing:
        raise ConfigError(f"{path} has no column(s) {missing}; its columns are {table.column_names} "
                          "(set data.article_column / data.summary_column)")
    keep = _split_ids(data, path, table.column_names)
    ids = table[data["id_column"]] if keep is not None else [None] * len(table)
    articles, summaries, skipped = [], [], 0
    for row_id, article, summary in zip(ids, table[columns[0]], table[columns[1]]):
        if keep is not None and row_id not in keep:
            continue
        if isinstance(article, str) and isinstance(summary, str) and article.strip() and summary.strip():
            articles.append(article.strip())
            summaries.append(summary.strip())
        else:
            skipped += 1
    if not articles:
        raise ConfigError(f"{path} (split {split!r}) has no rows with both an article and a summary")
    return articles, summaries, skipped


def _split_ids(data: Mapping[str, Any], path: Path, columns: list[str]) -> set[str] | None:
    """The ids ``data.split_file`` lists for ``path`` under ``data.split_part`` (None: keep every row)."""
    if not data["split_file"]:
        return None
    split_path = Path(data["split_file"])
    if not split_path.is_file():
        raise ConfigError(f"split file not found: {split_path}")
    split = json.loads(split_path.read_text(encoding="utf-8"))
    parts = sorted(k for k, v in split.items() if isinstance(v, dict))
    if data["split_part"] not in parts:
        raise ConfigError(f"unknown split_part {data['split_part']!r}; {split_path} has parts {parts}")
    listed = split[data["split_part"]]
    if path.name not in listed:
        raise ConfigError(f"{split_path} lists no {data['split_part']!r} rows for {path.name}; "
                          f"it lists {sorted(listed)}")
    if listed[path.name] == "all":
        return None
    if data["id_column"] not in columns:
        raise ConfigError(f"{path} has no id column {data['id_column']!r} (needed by data.split_file); "
                          f"its columns are {columns}")
    return {str(i) for i in listed[path.name]}


def train_from_config(config_path: str | Path | Mapping[str, Any], output: str | Path | None = None) -> Path:
    """Fine-tune as the config says and save the model directory; returns its path."""
    from newsml.summarization.hf import load_pretrained, locate, require, resolve_device

    config = load_config(config_path)
    where = locate(config["model"], config["revision"], config["allow_download"],
                   use="set 'model: {local}' (its path) in the training config")
    require()
    import torch

    out = Path(output or config["output"])
    started = time.perf_counter()
    device = resolve_device(config["device"])
    torch.manual_seed(config["seed"])
    net, tokenizer = load_pretrained(where, config["revision"], config["allow_download"], display=str(config["model"]))
    prefix = config["prefix"]
    if prefix is None:
        prefix = str(((getattr(net.config, "task_specific_params", None) or {}).get("summarization") or {})
                     .get("prefix") or "")
    limit = config["max_input_tokens"] or _input_limit(net, tokenizer)

    data = config["data"]
    articles, summaries, skipped = read_pairs(data["train"], data, data["train_split"])
    train = _encode(tokenizer, articles, summaries, prefix, limit, config["max_target_tokens"])
    valid = None
    if data["validation"]:
        v_articles, v_summaries, _ = read_pairs(data["validation"], data, data["validation_split"])
        valid = _encode(tokenizer, v_articles, v_summaries, prefix, limit, config["max_target_tokens"])

    net.to(device)
    steps_per_epoch = math.ceil(len(train["input_ids"]) / config["batch_size"])
    total = min(config["max_steps"] or steps_per_epoch * config["epochs"], steps_per_epoch * config["epochs"])
    optimizer = torch.optim.AdamW(net.parameters(), lr=float(config["learning_rate"]),
                                  weight_decay=float(config["weight_decay"]))
    warmup = int(float(config["warmup_ratio"]) * total)
    def schedule(step: int) -> float:  # linear warm-up, then linear decay to 0 at the last step
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)

    initial = _mean_loss(net, tokenizer, train, config["batch_size"], device)
    generator = torch.Generator().manual_seed(config["seed"])
    history: list[dict[str, Any]] = []
    step = 0
    for epoch in range(config["epochs"]):
        net.train()
        order = torch.randperm(len(train["input_ids"]), generator=generator).tolist()
        losses = []
        for first in range(0, len(order), config["batch_size"]):
            if step >= total:
                break
            batch = _batch(tokenizer, train, order[first:first + config["batch_size"]], device)
            loss = net(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), float(config["max_grad_norm"]))
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            step += 1
        record = {"epoch": epoch + 1, "steps": step, "train_loss": sum(losses) / max(1, len(losses))}
        if valid is not None:
            record["validation_loss"] = _mean_loss(net, tokenizer, valid, config["batch_size"], device)
        history.append(record)
        if step >= total:
            break
    final = _mean_loss(net, tokenizer, train, config["batch_size"], device)

    out.mkdir(parents=True, exist_ok=True)
    if prefix:
        params = dict(getattr(net.config, "task_specific_params", None) or {})
        params["summarization"] = {**(params.get("summarization") or {}), "prefix": prefix}
        net.config.task_specific_params = params
    net.to("cpu").save_pretrained(out)
    tokenizer.save_pretrained(out)
    report = {
        "config": config,
        "base_model": str(config["model"]),
        "prefix": prefix,
        "max_input_tokens": limit,
        "data": {"train": _fingerprint(data["train"]), "validation": _fingerprint(data["validation"]),
                 "split_file": _fingerprint(data["split_file"]), "split_part": data["split_part"],
                 "train_pairs": len(articles), "skipped_rows": skipped,
                 "truncated_articles": train["truncated_articles"],
                 "truncated_summaries": train["truncated_summaries"]},
        "steps": step,
        "initial_loss": initial,
        "final_loss": final,
        "history": history,
        "seconds": round(time.perf_counter() - started, 3),
        "versions": {name: _version(name) for name in ("newsml", "torch", "transformers", "tokenizers", "datasets")},
    }
    (out / "newsml_training.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return out


def _input_limit(net: Any, tokenizer: Any) -> int:
    limits = [int(v) for v in (getattr(net.config, "max_position_embeddings", None),
                               getattr(tokenizer, "model_max_length", None)) if v and v < 1_000_000]
    return min(limits) if limits else 512


def _encode(tokenizer: Any, articles: list[str], summaries: list[str], prefix: str, limit: int,
            target_limit: int) -> dict[str, Any]:
    """Token ids of the pairs, cut to the limits (keeping the final EOS); how many were cut is recorded."""
    inputs = tokenizer([prefix + a for a in articles], verbose=False)["input_ids"]
    labels = tokenizer(text_target=summaries, verbose=False)["input_ids"]
    return {"input_ids": [_cut(ids, limit) for ids in inputs], "labels": [_cut(ids, target_limit) for ids in labels],
            "truncated_articles": sum(len(ids) > limit for ids in inputs),
            "truncated_summaries": sum(len(ids) > target_limit for ids in labels)}


def _cut(ids: list[int], limit: int) -> list[int]:
    return ids if len(ids) <= limit else ids[: limit - 1] + ids[-1:]


def _batch(tokenizer: Any, data: Mapping[str, Any], rows: list[int], device: Any) -> dict[str, Any]:
    import torch

    inputs = tokenizer.pad({"input_ids": [data["input_ids"][i] for i in rows]}, return_tensors="pt")
    width = max(len(data["labels"][i]) for i in rows)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    for r, i in enumerate(rows):
        labels[r, : len(data["labels"][i])] = torch.tensor(data["labels"][i])
    return {"input_ids": inputs["input_ids"].to(device), "attention_mask": inputs["attention_mask"].to(device),
            "labels": labels.to(device)}


def _mean_loss(net: Any, tokenizer: Any, data: Mapping[str, Any], batch_size: int, device: Any) -> float:
    """Token-weighted mean cross-entropy over ``data`` in eval mode."""
    import torch

    net.eval()
    total, tokens = 0.0, 0
    with torch.inference_mode():
        for first in range(0, len(data["input_ids"]), batch_size):
            rows = list(range(first, min(first + batch_size, len(data["input_ids"]))))
            batch = _batch(tokenizer, data, rows, device)
            n = int((batch["labels"] != -100).sum())
            total += float(net(**batch).loss) * n
            tokens += n
    return total / max(1, tokens)


def _fingerprint(path: str | Path | None) -> dict[str, Any] | None:
    if not path:
        return None
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {"path": str(path), "sha256": digest}


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


__all__ = ["DEFAULTS", "FORMATS", "load_config", "read_pairs", "train_from_config"]
