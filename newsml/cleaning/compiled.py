"""Fitted scikit-learn models as plain arrays: what a saved line classifier holds instead of estimators.

A fitted ``HistGradientBoostingClassifier`` becomes :class:`BoostedTrees` (its tree nodes as one numpy
record array, its baseline and classes) and a fitted ``StandardScaler`` + ``LogisticRegression`` pipeline
becomes :class:`LinearScorer`. Both predict exactly what the estimator they came from predicts (the trees
are walked by scikit-learn's own compiled tree predictor) and both turn into and back from a dict of
arrays plus JSON-able metadata, so :mod:`newsml.cleaning.persist` can store them in an ``.npz`` file
without pickle.

>>> import numpy as np
>>> from sklearn.ensemble import HistGradientBoostingClassifier
>>> X, y = np.arange(40.0).reshape(20, 2), np.array([0, 1] * 10)
>>> model = HistGradientBoostingClassifier(max_iter=5).fit(X, y)
>>> np.allclose(BoostedTrees.from_estimator(model).predict_proba(X), model.predict_proba(X))
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import expit, softmax

_NO_CATEGORIES = np.zeros((0, 8), dtype=np.uint32)


class BoostedTrees:
    """The trees of a fitted ``HistGradientBoostingClassifier`` (numeric features only), ready to predict."""

    def __init__(self, nodes: np.ndarray, tree_sizes: np.ndarray, baseline: np.ndarray, classes: list):
        from sklearn.ensemble._hist_gradient_boosting.predictor import TreePredictor

        self.nodes = nodes
        self.tree_sizes = np.asarray(tree_sizes, dtype=np.int64)
        self.baseline = np.asarray(baseline, dtype=np.float64).ravel()
        self.classes_ = np.array(classes, dtype=object)
        self.n_trees_per_iteration = len(self.baseline)
        bounds = np.cumsum(self.tree_sizes)[:-1]
        self._trees = [TreePredictor(part, _NO_CATEGORIES, _NO_CATEGORIES) for part in np.split(nodes, bounds)]

    @classmethod
    def from_estimator(cls, model) -> "BoostedTrees":
        """Compile a fitted ``HistGradientBoostingClassifier`` (categorical splits are not supported)."""
        trees = [predictor for iteration in model._predictors for predictor in iteration]
        if any(tree.nodes["is_categorical"].any() for tree in trees):
            raise ValueError("categorical splits cannot be compiled; newsml's models use numeric features only")
        nodes = np.concatenate([tree.nodes for tree in trees])
        return cls(nodes, [len(tree.nodes) for tree in trees], model._baseline_prediction, list(model.classes_))

    def raw_predict(self, X: np.ndarray) -> np.ndarray:
        """The summed leaf values plus the baseline, one column per tree of an iteration."""
        X = np.ascontiguousarray(X, dtype=np.float64)
        raw = np.tile(self.baseline, (len(X), 1))
        f_idx_map = np.zeros(X.shape[1], dtype=np.uint32)
        for index, tree in enumerate(self._trees):
            raw[:, index % self.n_trees_per_iteration] += tree.predict(X, _NO_CATEGORIES, f_idx_map, 1)
        return raw

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities in ``classes_`` order (logistic for two classes, softmax for more)."""
        raw = self.raw_predict(X)
        if self.n_trees_per_iteration == 1:
            positive = expit(raw[:, 0])
            return np.column_stack([1.0 - positive, positive])
        return softmax(raw, axis=1)

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Arrays and JSON-able metadata that :meth:`from_arrays` turns back into this model."""
        return ({"nodes": self.nodes, "tree_sizes": self.tree_sizes, "baseline": self.baseline},
                {"classes": self.classes_.tolist()})

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> "BoostedTrees":
        from sklearn.ensemble._hist_gradient_boosting.common import PREDICTOR_RECORD_DTYPE

        nodes = arrays["nodes"]
        if nodes.dtype != PREDICTOR_RECORD_DTYPE:
            raise ValueError(f"tree nodes have dtype {nodes.dtype}, expected {PREDICTOR_RECORD_DTYPE}")
        return cls(nodes, arrays["tree_sizes"], arrays["baseline"], meta["classes"])


class LinearScorer:
    """A fitted ``StandardScaler`` + ``LogisticRegression`` pipeline as arrays (binary or multinomial)."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: np.ndarray, classes: list):
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        self.coef = np.atleast_2d(np.asarray(coef, dtype=np.float64))
        self.intercept = np.asarray(intercept, dtype=np.float64).ravel()
        self.classes_ = np.array(classes, dtype=object)

    @classmethod
    def from_estimator(cls, pipeline) -> "LinearScorer":
        """Compile a fitted ``make_pipeline(StandardScaler(), LogisticRegression())``."""
        if len(pipeline) != 2:
            raise ValueError("only a two-step StandardScaler + LogisticRegression pipeline can be compiled")
        scaler, logistic = pipeline[0], pipeline[-1]
        return cls(scaler.mean_, scaler.scale_, logistic.coef_, logistic.intercept_, list(logistic.classes_))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities in ``classes_`` order."""
        scores = ((np.asarray(X, dtype=np.float64) - self.mean) / self.scale) @ self.coef.T + self.intercept
        if scores.shape[1] == 1:
            positive = expit(scores[:, 0])
            return np.column_stack([1.0 - positive, positive])
        return softmax(scores, axis=1)

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Arrays and JSON-able metadata that :meth:`from_arrays` turns back into this model."""
        return ({"mean": self.mean, "scale": self.scale, "coef": self.coef, "intercept": self.intercept},
                {"classes": self.classes_.tolist()})

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> "LinearScorer":
        return cls(arrays["mean"], arrays["scale"], arrays["coef"], arrays["intercept"], meta["classes"])


def compile_model(model) -> BoostedTrees | LinearScorer:
    """The array form of a fitted context model of :class:`~newsml.cleaning.model.LineClassifier`."""
    if isinstance(model, (BoostedTrees, LinearScorer)):
        return model
    if hasattr(model, "_predictors"):
        return BoostedTrees.from_estimator(model)
    if hasattr(model, "steps"):
        return LinearScorer.from_estimator(model)
    raise TypeError(f"cannot compile {type(model).__name__}; expected HistGradientBoostingClassifier or a "
                    "StandardScaler + LogisticRegression pipeline")
