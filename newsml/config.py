"""YAML configs: shipped defaults, overridden only where a user's file names a key.

>>> resolve({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"c": 5}})
{'a': 1, 'b': {'c': 5, 'd': 3}}
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

from newsml.errors import ConfigError


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping from ``path`` with a clear error for a missing or malformed file."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping at the top level, not {type(data).__name__}")
    return data


def resolve(defaults: Mapping[str, Any], overrides: Mapping[str, Any] | None, where: str = "config",
            open_keys: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Deep-merge ``overrides`` into a copy of ``defaults``; unknown keys are errors that list valid ones.

    Keys in ``open_keys`` accept any mapping (free-form parameters) and replace the default wholesale
    at that level's children.
    """
    result = copy.deepcopy(dict(defaults))
    for key, value in (overrides or {}).items():
        if key not in result:
            raise ConfigError(f"unknown key {key!r} in {where}; valid keys are {sorted(result)}")
        if isinstance(result[key], dict) and isinstance(value, Mapping) and key not in open_keys:
            result[key] = resolve(result[key], value, f"{where}.{key}")
        else:
            result[key] = copy.deepcopy(value)
    return result


def load(source: str | Path | Mapping[str, Any] | None, defaults: Mapping[str, Any], where: str | None = None,
         open_keys: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Resolve a config given as a YAML path, a mapping or ``None`` (defaults only)."""
    if source is None:
        return copy.deepcopy(dict(defaults))
    if isinstance(source, Mapping):
        return resolve(defaults, source, where or "config", open_keys)
    return resolve(defaults, read_yaml(source), where or str(source), open_keys)
