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
