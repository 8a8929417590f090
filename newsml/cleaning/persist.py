"""Save and load line classifiers safely: one ``.npz`` file of numeric arrays plus JSON metadata, no pickle.

A fitted :class:`~newsml.cleaning.model.LineClassifier` (or :class:`~newsml.cleaning.rules.RuleClassifier`)
is written as its hyperparameters and fitted attributes. Numeric arrays go into the ``.npz`` file;
labels, numbers and the object structure go into one JSON document stored in it (``__meta__``). Boosted
trees and the logistic router are stored as arrays (:mod:`newsml.cleaning.compiled`). Loading reads the
file with ``allow_pickle=False`` and only ever builds the classes in :data:`CLASSES`, so a model file
cannot run code. Loading needs numpy and scikit-learn's tree predictor, nothing else.

>>> sorted(CLASSES)
['LineClassifier', 'RuleClassifier']
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from newsml.errors import ModelError

FORMAT = "newsml-line-classifier/1"
_COMPILED = ("BoostedTrees", "LinearScorer")
CLASS_MODULES = {"LineClassifier": "newsml.cleaning.model", "RuleClassifier": "newsml.cleaning.rules"}
"""The only classes a classifier file may name, and the modules that define them (imported on demand)."""
CLASSES = tuple(CLASS_MODULES)


def _encode(value: Any, name: str, arrays: dict[str, np.ndarray]) -> dict:
    """A JSON-able description of ``value``; its numeric arrays are added to ``arrays`` under ``name``."""
    from newsml.cleaning.compiled import compile_model

    if value is None or isinstance(value, (bool, int, float, str)):
        return {"value": value}
    if isinstance(value, (np.bool_, np.integer, np.floating)):
        return {"value": value.item()}
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "OUS":
            return {"list": value.tolist()}
        arrays[name] = value
        return {"array": name}
    if isinstance(value, (list, tuple)):
        kind = "tuple" if isinstance(value, tuple) else "sequence"
        return {kind: [_encode(item, f"{name}.{i}", arrays) for i, item in enumerate(value)]}
    if isinstance(value, dict):
        return {"mapping": {str(key): _encode(item, f"{name}.{key}", arrays) for key, item in value.items()}}
    if type(value).__name__ in CLASSES:
        state = {key: _encode(item, f"{name}.{key}", arrays) for key, item in vars(value).items() if key.endswith("_")}
        params = {key: _encode(item, f"{name}.params.{key}", arrays) for key, item in value.get_params(deep=False).items()}
        return {"estimator": type(value).__name__, "params": params, "state": state}
    compiled = compile_model(value)
    parts, meta = compiled.to_arrays()
    for key, array in parts.items():
        arrays[f"{name}.{key}"] = array
    return {"compiled": type(compiled).__name__, "prefix": name, "meta": meta}


def _decode(spec: dict, arrays) -> Any:
    from newsml.cleaning import compiled

    if "value" in spec:
        return spec["value"]
    if "list" in spec:
        return np.array(spec["list"], dtype=object)
    if "array" in spec:
        return arrays[spec["array"]]
    if "sequence" in spec:
        return [_decode(item, arrays) for item in spec["sequence"]]
    if "tuple" in spec:
        return tuple(_decode(item, arrays) for item in spec["tuple"])
    if "mapping" in spec:
        return {key: _decode(item, arrays) for key, item in spec["mapping"].items()}
    if "estimator" in spec:
        if spec["estimator"] not in CLASS_MODULES:
            raise ModelError(f"unknown classifier class {spec['estimator']!r}; valid classes are {list(CLASSES)}")
        module = importlib.import_module(CLASS_MODULES[spec["estimator"]])
        cls = getattr(module, spec["estimator"])
        model = cls(**{key: _decode(item, arrays) for key, item in spec["params"].items()})
        for key, item in spec["state"].items():
            setattr(model, key, _decode(item, arrays))
        return model
    if spec.get("compiled") in _COMPILED:
        prefix = spec["prefix"] + "."
        parts = {key[len(prefix):]: arrays[key] for key in arrays.files if key.startswith(prefix)}
        return getattr(compiled, spec["compiled"]).from_arrays(parts, spec["meta"])
    raise ModelError(f"unreadable entry in classifier file: {sorted(spec)}")


def _json_scalar(value: Any) -> Any:
    """numpy scalars (labels such as ``np.True_``) as plain Python values."""
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in a classifier file")


def save_classifier(model: Any, path: str | Path) -> Path:
    """Write a fitted classifier to ``path`` (an ``.npz`` file, compressed)."""
    if type(model).__name__ not in CLASSES:
        raise TypeError(f"can only save {list(CLASSES)}, not {type(model).__name__}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    meta = {"format": FORMAT, "model": _encode(model, "model", arrays)}
    with path.open("wb") as handle:
        np.savez_compressed(handle, __meta__=np.array(json.dumps(meta, default=_json_scalar)), **arrays)
    return path


def load_classifier_file(path: str | Path) -> Any:
    """Load a classifier saved by :func:`save_classifier` (no pickle: only numbers, text and known classes)."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"classifier file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            meta = json.loads(str(arrays["__meta__"]))
            if meta.get("format") != FORMAT:
                raise ModelError(f"{path} has format {meta.get('format')!r}; this newsml reads {FORMAT!r}")
            return _decode(meta["model"], arrays)
    except ModelError:
        raise
    except Exception as error:  # a corrupt or foreign file
        raise ModelError(f"{path} is not a readable newsml classifier file ({FORMAT}): {error}") from None
