"""Exceptions raised by newsml. Each message names the problem and, where it helps, the valid options."""

from __future__ import annotations


class NewsmlError(Exception):
    """Base class of every newsml error."""


class InputError(NewsmlError, ValueError):
    """A document cannot be read as text (binary data, wrong encoding, wrong type)."""


class ConfigError(NewsmlError, ValueError):
    """A configuration file or option is invalid."""


class ModelError(NewsmlError, RuntimeError):
    """A model file or checkpoint is missing, unreadable or incompatible."""


class DocumentError(NewsmlError):
    """One document of a batch failed; ``index`` says which, ``__cause__`` says why."""

    def __init__(self, index: int, error: BaseException):
        super().__init__(f"document {index}: {type(error).__name__}: {error}")
        self.index = index
        self.error = error


ON_ERROR: tuple[str, ...] = ("report", "raise")
"""What batch functions do with a document that fails: yield its :class:`DocumentError` in its place
(``"report"``, the others go on) or raise it (``"raise"``)."""


def check_on_error(on_error: str) -> str:
    """Validate an ``on_error`` option, listing the valid ones."""
    if on_error not in ON_ERROR:
        raise ConfigError(f"unknown on_error option {on_error!r}; valid options are {list(ON_ERROR)}")
    return on_error
