"""One interface to every summariser: :func:`summarize`, :func:`summarizers` and :func:`get_summarizer`.

>>> "lexrank" in summarizers()
True
>>> s = summarize("Turkey and Russia agreed a ceasefire. Talks lasted hours. Patrols start soon.",
...               method="lead", length=1, clean=False)
>>> s.sentences
('Turkey and Russia agreed a ceasefire.',)
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any, Mapping

from newsml.config import load
from newsml.errors import ConfigError
from newsml.summarization.base import Summarizer
from newsml.types import Article, Summary

_SUMY = ("lsa", "luhn", "lexrank", "textrank", "sumbasic", "kl", "edmundson", "reduction", "random")

REGISTRY: dict[str, tuple[str, dict[str, Any]]] = {
    "lead": ("newsml.summarization.lead:LeadSummarizer", {}),
    "textrank": ("newsml.summarization.graph:TextRankSummarizer", {}),
    "lexrank": ("newsml.summarization.graph:LexRankSummarizer", {}),
    **{f"sumy-{name}": ("newsml.summarization.sumy_adapter:SumySummarizer", {"algorithm": name}) for name in _SUMY},
    "supervised": ("newsml.summarization.supervised:SupervisedSummarizer", {}),
    "abstractive": ("newsml.summarization.abstractive:AbstractiveSummarizer", {}),
    "embedding-centroid": ("newsml.summarization.embedding:EmbeddingCentroidSummarizer", {}),
}
"""Method name -> (``module:Class``, fixed keyword arguments). Classes are imported on first use."""

CONFIG_DEFAULTS: dict[str, Any] = {"method": "lexrank", "length": 3, "clean": True, "params": {}, "training": {}}
"""The keys of a summariser config file (``configs/summarizers/*.yaml``); ``training`` is read only by
``newsml train summarizer`` (see :mod:`newsml.summarization.supervised_training`)."""

_OPEN_KEYS = frozenset({"params", "training"})


def summarizers() -> list[str]:
    """The names of every summarisation method, sorted.

    Methods whose optional extra is not installed (abstractive, embedding-centroid) are listed too;
    using them without the extra raises an error that names the extra to install.
    """
    return sorted(REGISTRY)


def get_summarizer(method: str | Path | Mapping[str, Any] = "lexrank", **params: Any) -> Summarizer:
    """Build a summariser from a method name, a config path or a config mapping.

    ``params`` override the config's ``params`` (the class's hyperparameters).
    """
    config = _config(method)
    name = config["method"]
    if name not in REGISTRY:
        raise ConfigError(f"unknown summarisation method {name!r}; valid methods are {summarizers()}")
    target, fixed = REGISTRY[name]
    module, cls = target.split(":")
    klass = getattr(import_module(module), cls)
    return klass(**{**fixed, **config["params"], **params})


def summarize(text_or_article: str | bytes | Article, method: str | Path | Mapping[str, Any] = "lexrank",
              length: Any = None, clean: bool | None = None, **params: Any) -> Summary:
    """Summarise one article with ``method`` (a name from :func:`summarizers` or a config path).

    ``length`` and ``clean`` default to the config's values (3 sentences, cleaned) when not given.
    """
    config = _config(method)
    summarizer = get_summarizer(config, **params)
    return summarizer.summarize(
        text_or_article,
        length=config["length"] if length is None else length,
        clean=config["clean"] if clean is None else clean,
    )


def _config(method: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(method, Mapping):
        return load(method, CONFIG_DEFAULTS, "summariser config", open_keys=_OPEN_KEYS)
    text = str(method)
    if text.endswith((".yaml", ".yml")) or Path(text).is_file():
        return load(Path(text), CONFIG_DEFAULTS, open_keys=_OPEN_KEYS)
    return {**CONFIG_DEFAULTS, "method": text}
