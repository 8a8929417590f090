"""Save and load line classifiers safely: skops files, loaded with an explicit list of trusted types.

No pickle is involved: skops rebuilds objects from a schema and refuses any type that is not trusted.
Beyond skops' own list of safe types (builtins, numpy, scikit-learn estimators), newsml trusts only
:data:`TRUSTED_TYPES`: its own classifier classes and the gradient-boosting internals they hold. A file
naming any other type is rejected with a :class:`~newsml.errors.ModelError` that lists it.

>>> "newsml.cleaning.model.LineClassifier" in TRUSTED_TYPES
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsml.errors import ModelError

TRUSTED_TYPES: frozenset[str] = frozenset({
    "newsml.cleaning.model.LineClassifier",
    "newsml.cleaning.rules.RuleClassifier",
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn._loss._loss.CyHalfMultinomialLoss",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.random._generator.Generator",
    "numpy.random._pcg64.PCG64",
    "numpy.random.mtrand.RandomState",
    "builtins.object",
})
"""Fully qualified names of every type a newsml classifier file may contain."""


def save_classifier(model: Any, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (a ``.skops`` file, compressed)."""
    import zipfile

    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def load_classifier_file(path: str | Path) -> Any:
    """Load a classifier saved by :func:`save_classifier`, trusting only :data:`TRUSTED_TYPES`.

    skops checks every type in the file against the list while it loads (one pass over the file).
    """
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"classifier file not found: {path}")
    try:
        return sio.load(path, trusted=sorted(TRUSTED_TYPES))
    except UntrustedTypesFoundException as error:
        raise ModelError(f"{path} contains types newsml does not trust: {error}") from None
    except Exception as error:  # a corrupt or foreign file
        raise ModelError(f"{path} is not a readable skops model file: {error}") from None
