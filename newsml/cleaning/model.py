"""``LineClassifier``: a scikit-learn estimator that labels each line of a document in its context.

Two stages:

1. **Text scores.** Hashed word n-grams of each line feed two multinomial naive Bayes models: a coarse
   one (story / heading / boilerplate) and a fine one (ad / caption / related / other). Their
   log-probabilities for the line, and the coarse story probability of its neighbours, become features.
   During ``fit`` these scores are computed out of fold (``GroupKFold`` over documents, or over the
   optional ``group`` column of ``X``), so the second stage learns how far to trust them on unseen text.
2. **Context models.** Gradient-boosted trees (``HistGradientBoostingClassifier``) over the text scores
   and the layout features of the line, its neighbours and its document (:mod:`newsml.cleaning.features`):
   a *keep* model (story or heading vs boilerplate), a *heading* model (heading vs story, among kept
   lines) and a *kind* model (ad / caption / related / other, among boilerplate lines of known kind).
3. **Article region** (optional, ``region_stage``; off in the shipped model). A second keep model sees the
   same features plus the first keep model's probabilities around each line
   (:mod:`newsml.cleaning.region`), so it learns where the article runs on the page. It is fitted on
   out-of-fold first-stage probabilities, like the text scores.

``predict_proba`` returns the six labels of :data:`newsml.LABELS`: ``P(keep) * P(story | keep)``,
``P(keep) * P(heading | keep)`` and ``(1 - P(keep)) * P(kind | boilerplate)``. Training labels may include ``"boilerplate"`` for a line known
to be boilerplate of unknown kind (the binary data sets); such lines train the coarse models only.

``predict`` keeps a line (story or heading) when ``P(story) + P(heading) >= keep_threshold`` (or
``page_keep_threshold`` in documents that look like whole pages): lowering a threshold trades
boilerplate precision for story recall. The shipped model's threshold is tuned on
cross-validated training predictions (:mod:`newsml.cleaning.training`).

Input ``X`` is a lines frame (:mod:`newsml.cleaning.frame`): columns ``doc`` and ``text``, optionally
``position``. The estimator works with ``clone``, ``Pipeline`` and ``GridSearchCV`` (use ``GroupKFold``
with ``groups=X["doc"]``).

>>> from newsml.cleaning.frame import lines_frame
>>> docs = [["A headline here", "The minister said on Monday that the talks had failed badly.", "Advertisement"]] * 6
>>> model = LineClassifier(cv=2, max_iter=20, min_samples_leaf=1).fit(lines_frame(docs), ["heading", "story", "ad"] * 6)
>>> list(model.predict(lines_frame(docs[:1])))
['heading', 'story', 'ad']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from newsml._threads import single_threaded
from newsml.cleaning.features import FEATURE_NAMES, layout_features, shift_within_documents, stop_words
from newsml.cleaning.frame import check_frame, doc_index, restore_order
from newsml.cleaning.ngrams import hashed_ngrams
from newsml.cleaning.region import region_features
from newsml.cleaning.topic import topic_features
from newsml.labels import BOILERPLATE, COARSE_BOILERPLATE, LABELS

COARSE_CLASSES: tuple[str, ...] = ("story", "heading", COARSE_BOILERPLATE)
TEXT_SCORE_NAMES: tuple[str, ...] = (
    *(f"nb_{label}" for label in COARSE_CLASSES), *(f"nb_{label}" for label in BOILERPLATE),
    *(f"nb_story@{offset:+d}" for offset in (-2, -1, 1, 2)),
)
DENSE_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES + TEXT_SCORE_NAMES
"""Columns of the matrix the gradient-boosted stage sees (then
:data:`~newsml.cleaning.topic.TOPIC_FEATURE_NAMES` when ``topic`` is on)."""

REGION_STAGES: tuple[str, ...] = ("none", "page", "all")
_DOC_COLUMNS = [FEATURE_NAMES.index(name) for name in
                ("doc_prose_ratio", "doc_short_ratio", "doc_mean_log_words", "doc_log_lines", "doc_block_share")]

class LineClassifier(ClassifierMixin, BaseEstimator):
    """Label every line of a document as one of :data:`newsml.LABELS`, using its context.

    Parameters
    ----------
    ngram_range:
        Word n-gram range of the hashed text features.
    n_features:
        Size of the hash space (a power of two keeps collisions rare).
    alpha:
        Additive smoothing of the naive Bayes text models.
    cv:
        Folds (over documents) for the out-of-fold text scores used to fit the second stage.
    max_iter, aux_max_iter:
        Boosting iterations of the keep model, and of the heading and boilerplate-kind models.
    learning_rate, max_leaf_nodes, l2_regularization, min_samples_leaf:
        Gradient-boosting settings of the context models (no early stopping: fits are deterministic).
    context_model, C:
        ``"boosting"`` (gradient-boosted trees) or ``"linear"`` (standardised logistic regression with
        inverse regularisation ``C``) for the keep, heading and kind models.
    keep_threshold:
        Keep a line when ``P(story) + P(heading)`` reaches it.
    page_keep_threshold:
        The threshold for lines of documents that look like whole-page text; ``None`` uses
        ``keep_threshold`` everywhere.
    region_stage:
        Which models add the article-region stage: ``"none"``, ``"page"`` (the whole-page expert only;
        extractor residue has no page layout to learn) or ``"all"``. It costs about 10% of throughput;
        eval/README.md has what it gained and lost when tried for the shipped model.
    topic:
        Add the topic features of :mod:`newsml.cleaning.topic` (each line's similarity to its document's
        story vocabulary) to the context models' inputs.
    split_by_kind:
        When ``X`` has a ``kind`` column with both ``"page"`` and ``"residue"`` documents, fit one model per
        kind (an expert) and a logistic regression on document-level layout features that routes each
        document to its expert. Whole pages (~85% boilerplate) and light extractor residue (~7%) differ so
        much that one model fitted on the mix over-removes story text from residue.
    random_state:
        Seed of the boosting models.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 2), n_features: int = 2**18, alpha: float = 0.1,
                 cv: int = 5, max_iter: int = 45, aux_max_iter: int = 12, learning_rate: float = 0.2,
                 max_leaf_nodes: int = 15, l2_regularization: float = 1.0, min_samples_leaf: int = 20,
                 context_model: str = "boosting", C: float = 1.0, keep_threshold: float = 0.5,
                 page_keep_threshold: float | None = None, region_stage: str = "none", topic: bool = False,
                 split_by_kind: bool = True, random_state: int = 0):
        self.ngram_range = ngram_range
        self.n_features = n_features
        self.alpha = alpha
        self.cv = cv
        self.max_iter = max_iter
        self.aux_max_iter = aux_max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.l2_regularization = l2_regularization
        self.min_samples_leaf = min_samples_leaf
        self.context_model = context_model
        self.C = C
        self.keep_threshold = keep_threshold
        self.page_keep_threshold = page_keep_threshold
        self.region_stage = region_stage
        self.topic = topic
        self.split_by_kind = split_by_kind
        self.random_state = random_state

    # text stage --------------------------------------------------------------------------------
    def _ngrams(self, texts: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Which hashed n-grams each line has (a binary matrix: every model stage uses presence, not counts)
        and its number of stop words (:mod:`newsml.cleaning.ngrams`)."""
        presence, stop_counts = hashed_ngrams(texts, self.n_features, tuple(self.ngram_range), stop_words())
        presence.data[:] = 1.0
        return presence, stop_counts

    def _fit_nb(self, presence: sp.csr_matrix, y: np.ndarray, weights: np.ndarray,
                classes: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Multinomial naive Bayes on binary n-gram presence; returns (log P(w|c), log P(c))."""
        log_prob = np.zeros((len(classes), presence.shape[1]), dtype=np.float32)
        log_prior = np.full(len(classes), -30.0)
        total = weights.sum()
        for row, label in enumerate(classes):
            mask = y == label
            if not mask.any():
                log_prob[row] = -np.log(presence.shape[1])
                continue
            w = weights[mask]
            feature_counts = np.asarray(presence[mask].T @ w).ravel() + self.alpha
            log_prob[row] = np.log(feature_counts / feature_counts.sum())
            log_prior[row] = np.log(w.sum() / total)
        return log_prob, log_prior

    @staticmethod
    def _nb_scores(presence: sp.csr_matrix, log_prob: np.ndarray, log_prior: np.ndarray) -> np.ndarray:
        # one sparse mat-vec per class: ``presence @ log_prob.T`` would copy the (classes x 2**18) table each call
        joint = np.column_stack([presence @ row for row in log_prob]).astype(np.float64) + log_prior
        joint -= joint.max(axis=1, keepdims=True)
        return joint - np.log(np.exp(joint).sum(axis=1, keepdims=True))

    def _text_scores(self, presence: sp.csr_matrix, starts: np.ndarray, coarse: tuple, fine: tuple) -> np.ndarray:
        coarse_scores = self._nb_scores(presence, *coarse)
        fine_scores = self._nb_scores(presence, *fine)
        story = np.exp(coarse_scores[:, 0])
        doc = doc_index(starts, len(story))
        neighbours = [shift_within_documents(story, offset, doc) for offset in (-2, -1, 1, 2)]
        return np.column_stack([coarse_scores, fine_scores, *neighbours])

    # fitting -----------------------------------------------------------------------------------
    def fit(self, X, y, sample_weight=None) -> "LineClassifier":
        """Fit on a lines frame ``X`` and labels ``y`` (labels of :data:`LABELS` or ``"boilerplate"``)."""
        if self.region_stage not in REGION_STAGES:
            raise ValueError(f"region_stage must be one of {list(REGION_STAGES)}, not {self.region_stage!r}")
        if self.split_by_kind and "kind" in X.columns and set(X["kind"]) == {"page", "residue"}:
            return self._fit_experts(X, y, sample_weight)
        self.experts_ = None
        self.page_model_ = None
        return self._fit_stack(X, y, sample_weight)

    def _fit_experts(self, X, y, sample_weight) -> "LineClassifier":
        """One model per kind of document, and a document-kind model that routes lines between them."""
        from sklearn.base import clone

        texts, starts, order = check_frame(X)
        kinds = X["kind"].to_numpy()
        is_page = (kinds if order is None else kinds[order]) == "page"
        doc_features = self._layout(texts, starts, self._ngrams(texts)[1])[:, _DOC_COLUMNS]
        self.page_model_ = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(doc_features, is_page)
        y = np.asarray(y, dtype=object)
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.experts_ = {}
        for kind in ("residue", "page"):
            rows = (X["kind"] == kind).to_numpy()
            region = "all" if self.region_stage == "all" or self.region_stage == kind else "none"
            expert = clone(self).set_params(split_by_kind=False, region_stage=region)
            self.experts_[kind] = expert.fit(X[rows].drop(columns=["kind"]), y[rows], sample_weight=weights[rows])
        self.classes_ = np.array(LABELS, dtype=object)
        self.n_features_in_ = self.experts_["residue"].n_features_in_
        return self

    def _fit_stack(self, X, y, sample_weight) -> "LineClassifier":
        texts, starts, order = check_frame(X)
        y = np.asarray(y, dtype=object)
        if len(y) != len(texts):
            raise ValueError(f"X has {len(texts)} rows but y has {len(y)} labels")
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if order is not None:
            y, weights = y[order], weights[order]
        unknown = sorted(set(y) - set(LABELS) - {COARSE_BOILERPLATE})
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}; valid labels are {list(LABELS)} and "
                             f"{COARSE_BOILERPLATE!r} (boilerplate of unknown kind)")
        coarse_y = np.where(np.isin(y, ("story", "heading")), y, COARSE_BOILERPLATE)
        fine_rows = np.isin(y, BOILERPLATE)
        presence, stop_counts = self._ngrams(texts)

        doc_of_row = doc_index(starts, len(texts))
        groups = doc_of_row
        if "group" in X.columns:  # documents that share text or a site share a group (see frame.py)
            group_values = X["group"].to_numpy()
            groups = pd.factorize(group_values if order is None else group_values[order])[0]
        text_scores = np.zeros((len(texts), len(TEXT_SCORE_NAMES)))
        n_splits = min(self.cv, len(np.unique(groups)))
        # the same folds serve the out-of-fold text scores and the region stage's first keep model
        folds = list(GroupKFold(n_splits=n_splits).split(texts, groups=groups)) if n_splits >= 2 else []
        for train, test in folds:
            coarse = self._fit_nb(presence[train], coarse_y[train], weights[train], COARSE_CLASSES)
            fine_train = train[fine_rows[train]]
            fine = self._fit_nb(presence[fine_train], y[fine_train], weights[fine_train], BOILERPLATE)
            test_starts = np.flatnonzero(np.diff(doc_of_row[test], prepend=-1))
            text_scores[test] = self._text_scores(presence[test], test_starts, coarse, fine)
        self.nb_coarse_log_prob_, self.nb_coarse_log_prior_ = self._fit_nb(presence, coarse_y, weights, COARSE_CLASSES)
        self.nb_fine_log_prob_, self.nb_fine_log_prior_ = self._fit_nb(presence[fine_rows], y[fine_rows],
                                                                       weights[fine_rows], BOILERPLATE)
        if not folds:
            text_scores = self._text_scores(presence, starts, (self.nb_coarse_log_prob_, self.nb_coarse_log_prior_),
                                            (self.nb_fine_log_prob_, self.nb_fine_log_prior_))
        dense = np.hstack([self._layout(texts, starts, stop_counts), text_scores,
                           self._topic(presence, starts, text_scores)])
        kept = coarse_y != COARSE_BOILERPLATE
        self.keep_model_ = _fit_weighted(self._boosting(self.max_iter), dense, kept, weights)
        self.region_model_ = None
        if self.region_stage == "all":
            first_keep = np.zeros(len(texts))
            if folds:
                for train, test in folds:
                    fold_model = _fit_weighted(self._boosting(self.max_iter), dense[train], kept[train], weights[train])
                    first_keep[test] = _positive_proba(fold_model, dense[test], True)
            else:
                first_keep = _positive_proba(self.keep_model_, dense, True)
            self.region_model_ = _fit_weighted(self._boosting(self.max_iter),
                                               np.hstack([dense, region_features(first_keep, starts)]), kept, weights)
        self.heading_model_ = _fit_optional(self._boosting(self.aux_max_iter), dense[kept], y[kept] == "heading",
                                            weights[kept])
        self.kind_model_ = _fit_optional(self._boosting(self.aux_max_iter), dense[fine_rows], y[fine_rows],
                                         weights[fine_rows])
        self.kind_prior_ = np.array([weights[y == label].sum() for label in BOILERPLATE]) + 1e-9
        self.kind_prior_ /= self.kind_prior_.sum()
        self.classes_ = np.array(LABELS, dtype=object)
        self.n_features_in_ = dense.shape[1]
        return self

    def _boosting(self, max_iter: int):
        if self.context_model == "linear":
            return make_pipeline(StandardScaler(), LogisticRegression(C=self.C, max_iter=2000))
        if self.context_model != "boosting":
            raise ValueError(f"context_model must be 'boosting' or 'linear', not {self.context_model!r}")
        return HistGradientBoostingClassifier(max_iter=max_iter, learning_rate=self.learning_rate,
                                              max_leaf_nodes=self.max_leaf_nodes,
                                              l2_regularization=self.l2_regularization,
                                              min_samples_leaf=self.min_samples_leaf, early_stopping=False,
                                              random_state=self.random_state)

    def _topic(self, presence: sp.csr_matrix, starts: np.ndarray, text_scores: np.ndarray) -> np.ndarray:
        """Topic features (:mod:`newsml.cleaning.topic`) weighted by the text model's story probability, or no
        columns when ``topic`` is off."""
        if not self.topic:
            return np.zeros((presence.shape[0], 0))
        return topic_features(presence, doc_index(starts, presence.shape[0]), np.exp(text_scores[:, 0]))

    @staticmethod
    def _layout(texts: list[str], starts: np.ndarray, stop_counts: np.ndarray) -> np.ndarray:
        return layout_features(texts, starts, stop_counts=stop_counts)

    # prediction --------------------------------------------------------------------------------
    def predict_proba(self, X) -> np.ndarray:
        """Probabilities of the six labels (columns in ``classes_`` order) for every row of ``X``."""
        return self._predict(X)[0]

    def page_probability(self, X) -> np.ndarray:
        """For every row, the probability that its document is whole-page text (0 without a page model)."""
        return self._predict(X)[1]

    def predict(self, X) -> np.ndarray:
        """The label of every row: kept (story/heading) when ``P(story) + P(heading)`` reaches the threshold."""
        return self.predict_with_proba(X)[0]

    def predict_with_proba(self, X) -> tuple[np.ndarray, np.ndarray]:
        """Labels and probabilities in one pass (what :func:`newsml.clean` uses)."""
        proba, page = self._predict(X)
        return labels_from_proba(proba, self.thresholds(page)), proba

    def thresholds(self, page_probability: np.ndarray) -> np.ndarray:
        """The keep threshold of each row, given its document's page probability."""
        if self.page_keep_threshold is None:
            return np.full(len(page_probability), self.keep_threshold)
        return line_thresholds(page_probability, self.keep_threshold, self.page_keep_threshold)

    def _predict(self, X) -> tuple[np.ndarray, np.ndarray]:
        # One OpenMP thread: tree prediction per batch is short, and extra threads on a busy machine cost
        # far more in contention than they save (a 100x slow-down was measured on 2 loaded cores).
        with single_threaded("openmp"):
            return self._predict_unthreaded(X)

    def _predict_unthreaded(self, X) -> tuple[np.ndarray, np.ndarray]:
        check_is_fitted(self, "classes_")
        texts, starts, order = check_frame(X)
        if not texts:
            return np.zeros((0, len(LABELS))), np.zeros(0)
        if self.experts_ is None:
            presence, stop_counts = self._ngrams(texts)
            proba = self._predict_stack(presence, self._layout(texts, starts, stop_counts), starts)
            return restore_order(proba, order), np.zeros(len(texts))
        # n-grams and layout features are computed once for the whole batch: every layout feature is
        # computed within its document, so each expert can take the rows of the documents routed to it.
        presence, stop_counts = self._ngrams(texts)
        layout = self._layout(texts, starts, stop_counts)
        page = self.page_model_.predict_proba(layout[:, _DOC_COLUMNS])[:, 1]
        doc = doc_index(starts, len(texts))
        proba = np.zeros((len(texts), len(LABELS)))
        to_page = routed_to_page(page)
        for kind, rows in (("page", to_page), ("residue", ~to_page)):
            if rows.any():
                sub_doc = doc[rows]
                sub_starts = np.flatnonzero(np.diff(sub_doc, prepend=-1))
                proba[rows] = self.experts_[kind]._predict_stack(presence[rows], layout[rows], sub_starts)
        return restore_order(proba, order), restore_order(page, order)

    def _predict_stack(self, presence: sp.csr_matrix, layout: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Six-label probabilities (in reading order) from this model's own text and context models."""
        text_scores = self._text_scores(presence, starts, (self.nb_coarse_log_prob_, self.nb_coarse_log_prior_),
                                        (self.nb_fine_log_prob_, self.nb_fine_log_prior_))
        dense = np.hstack([layout, text_scores, self._topic(presence, starts, text_scores)])
        keep = _positive_proba(self.keep_model_, dense, True)
        if self.region_model_ is not None:
            region = region_features(keep, starts)
            keep = _positive_proba(self.region_model_, np.hstack([dense, region]), True)
        heading = _positive_proba(self.heading_model_, dense, True)
        if self.kind_model_ is not None:
            kind = _columns(self.kind_model_, dense, BOILERPLATE)
        else:
            kind = np.tile(self.kind_prior_, (presence.shape[0], 1))
        return np.column_stack([keep * (1 - heading), keep * heading, (1 - keep)[:, None] * kind])


def _columns(model: HistGradientBoostingClassifier, features: np.ndarray, classes: tuple[str, ...]) -> np.ndarray:
    """``predict_proba`` of ``model`` arranged in ``classes`` order (absent classes get 0)."""
    proba = model.predict_proba(features)
    out = np.zeros((len(features), len(classes)))
    for column, label in enumerate(model.classes_):
        out[:, classes.index(label)] = proba[:, column]
    return out


def _fit_optional(model: HistGradientBoostingClassifier, features: np.ndarray, y: np.ndarray,
                  weights: np.ndarray) -> HistGradientBoostingClassifier | None:
    """Fit ``model`` when ``y`` has at least two classes, else return ``None`` (nothing to learn)."""
    if len(np.unique(y)) < 2:
        return None
    return _fit_weighted(model, features, y, weights)


def _fit_weighted(model, features: np.ndarray, y: np.ndarray, weights: np.ndarray):
    """Fit with sample weights, routing them to the final step of a pipeline."""
    if hasattr(model, "steps"):
        return model.fit(features, y, **{f"{model.steps[-1][0]}__sample_weight": weights})
    return model.fit(features, y, sample_weight=weights)


def _positive_proba(model: HistGradientBoostingClassifier | None, features: np.ndarray, positive) -> np.ndarray:
    """P(``positive``) from a binary model; 0 when the model was not fitted."""
    if model is None:
        return np.zeros(len(features))
    return model.predict_proba(features)[:, list(model.classes_).index(positive)]


def routed_to_page(page_probability: np.ndarray) -> np.ndarray:
    """Whether the router sends each row to the whole-page expert (page probability at least 0.5)."""
    return np.asarray(page_probability) >= 0.5


def line_thresholds(page_probability: np.ndarray, keep_threshold: float, page_keep_threshold: float) -> np.ndarray:
    """Each row's keep threshold: ``page_keep_threshold`` where the router says whole page
    (:func:`routed_to_page`), else ``keep_threshold``."""
    return np.where(routed_to_page(page_probability), page_keep_threshold, keep_threshold)


def labels_from_proba(proba: np.ndarray, keep_threshold: float | np.ndarray) -> np.ndarray:
    """Turn six-label probabilities into labels with the keep-threshold decision (one per row, or one)."""
    keep = proba[:, 0] + proba[:, 1] >= keep_threshold
    kept_label = np.where(proba[:, 1] > proba[:, 0], 1, 0)
    removed_label = 2 + proba[:, 2:].argmax(axis=1)
    return np.array(LABELS, dtype=object)[np.where(keep, kept_label, removed_label)]
