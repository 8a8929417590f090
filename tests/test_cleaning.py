"""The line classifiers and the clean API: seeds, invariants, bad input, estimator API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsml
from newsml.cleaning.frame import lines_frame
from newsml.labels import BOILERPLATE, LABELS
from newsml.text.segment import ZERO_WIDTH_CHARS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model():
    return newsml.load_classifier()


@pytest.mark.parametrize("name", ["global_news_idlib", "aljazeera_idlib"])
def test_seed_articles_are_cleaned_exactly(name, seeds_dir, seeds_labelled, model):
    """Every ad, caption, related and other line of both seeds is removed; every story line is kept."""
    text = (seeds_dir / f"{name}.txt").read_text(encoding="utf-8")
    gold = next(doc for doc in seeds_labelled if doc["id"] == name)["lines"]
    article = newsml.clean(text, classifier=model)
    assert [line.text for line in article.lines] == [line["text"] for line in gold]
    for line, expected in zip(article.lines, gold):
        if expected["label"] == "story":
            assert line.label in ("story", "heading"), f"story line lost: {line.text!r} -> {line.label}"
        if expected["label"] in BOILERPLATE:
            assert line.label in BOILERPLATE, f"boilerplate kept: {line.text!r} -> {line.label}"
    story_lines = [line["text"] for line in gold if line["label"] == "story"]
    assert all(text in article.story for text in story_lines)


def test_lines_offsets_and_probabilities(model):
    text = "  Advertisement \r\nTurkey and Russia agreed a ceasefire.\r\rREAD MORE: other story\f"
    article = newsml.clean(text, classifier=model)
    assert [line.text for line in article.lines] == ["Advertisement", "Turkey and Russia agreed a ceasefire.",
                                                     "READ MORE: other story"]
    for line in article.lines:
        assert text[line.start:line.end] == line.text
        assert set(line.probabilities) == set(LABELS)
        assert sum(line.probabilities.values()) == pytest.approx(1.0)
        assert line.label in LABELS


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\r\n", "\u200b\ufeff \x00"])
def test_empty_and_blank_text_give_no_lines(text, model):
    article = newsml.clean(text, classifier=model)
    assert article.lines == () and article.story == ""


def test_bytes_are_decoded_or_rejected_clearly(model):
    assert newsml.clean("Caf\u00e9 owners protest.".encode(), classifier=model).lines[0].text == "Caf\u00e9 owners protest."
    latin = "Caf\u00e9 owners protest.".encode("latin-1")
    with pytest.raises(newsml.InputError, match="not valid utf-8.*encoding="):
        newsml.clean(latin, classifier=model)
    assert newsml.clean(latin, classifier=model, encoding="latin-1").lines[0].text == "Caf\u00e9 owners protest."
    with pytest.raises(newsml.InputError, match="binary"):
        newsml.clean(bytes(range(256)) * 4, classifier=model)
    with pytest.raises(newsml.InputError, match="str or bytes"):
        newsml.clean(12345, classifier=model)


def test_hostile_text_keeps_exact_offsets(model):
    pieces = ["NUL\x00 inside", "zero\u200bwidth", "<p>Some <b>HTML</b> markup here.</p>",
              "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645 \u0648\u0631\u062d\u0645\u0629.",
              "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd.", "\u4e2d\u6587\u65b0\u95fb\u3002",
              "\U0001F600 emoji line"]
    text = "\r\n".join(pieces) + "\f" + "x" * 1_000_000
    with pytest.warns(newsml.inputs.HtmlInputWarning):
        article = newsml.clean(text, classifier=model)
    assert len(article.lines) == len(pieces) + 1
    for line in article.lines:
        assert text[line.start:line.end] == line.text
    assert article.lines[-1].end - article.lines[-1].start == 1_000_000


def test_hundred_thousand_lines(model):
    text = "\n".join(f"Line number {i} says something." for i in range(100_000))
    article = newsml.clean(text, classifier=model)
    assert len(article.lines) == 100_000
    assert article.lines[-1].text == "Line number 99999 says something."


def test_clean_many_reports_bad_items_and_goes_on(model):
    texts = ["Good text about the ceasefire.", b"\xff\xfe\x00bad", "Another good one.", 42, ""]
    results = list(newsml.clean_many(texts, classifier=model, batch_size=2))
    assert len(results) == len(texts)
    assert isinstance(results[1], newsml.DocumentError) and results[1].index == 1
    assert isinstance(results[3], newsml.DocumentError) and results[3].index == 3
    assert results[0].lines[0].text == "Good text about the ceasefire."
    assert results[2].lines[0].text == "Another good one."
    assert results[4].lines == ()
    with pytest.raises(newsml.DocumentError, match="document 1"):
        list(newsml.clean_many(texts, classifier=model, on_error="raise"))


def test_clean_many_matches_clean(model, seeds_dir):
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    batched = list(newsml.clean_many(texts * 3, classifier=model, batch_size=4))
    single = [newsml.clean(text, classifier=model) for text in texts * 3]
    assert [[line.label for line in a.lines] for a in batched] == [[line.label for line in a.lines] for a in single]


LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=12), st.sampled_from(["\n", "\r\n", "\r", "\f", "\u2028"]))
def test_clean_invariants(model, lines, separator):
    """One Line per non-blank input line, exact offsets, labels within LABELS, nothing lost."""
    text = separator.join(lines)
    article = newsml.clean(text, classifier=model)
    stripped = [piece for piece in (_strip(line) for line in text.splitlines()) if piece]
    assert [line.text for line in article.lines] == stripped
    for line in article.lines:
        assert text[line.start:line.end] == line.text and line.label in LABELS
    kept = [line for line in article.lines if line.label in ("story", "heading")]
    assert article.story == "\n".join(line.text for line in kept)


def _strip(line: str) -> str:
    chars = set(ZERO_WIDTH_CHARS)
    start, end = 0, len(line)
    while start < end and (line[start].isspace() or line[start] in chars):
        start += 1
    while end > start and (line[end - 1].isspace() or line[end - 1] in chars):
        end -= 1
    return line[start:end]


# estimator API --------------------------------------------------------------------------------------

def _toy_data(n_docs: int = 12) -> tuple[pd.DataFrame, np.ndarray]:
    docs, labels = [], []
    for i in range(n_docs):
        docs.append([f"Minister resigns over budget row {i}", "Advertisement",
                     f"The minister said on Monday that talks number {i} had failed after a long night.",
                     f"READ MORE: Another story number {i}", "Share this article",
                     f"Officials expect a new round of negotiations to begin within {i + 2} weeks."])
        labels += ["heading", "ad", "story", "related", "other", "story"]
    return lines_frame(docs), np.array(labels, dtype=object)


def test_line_classifier_follows_the_estimator_api():
    from sklearn.base import clone
    from sklearn.model_selection import GridSearchCV, GroupKFold
    from sklearn.pipeline import Pipeline

    X, y = _toy_data()
    model = newsml.LineClassifier(cv=2, max_iter=15, min_samples_leaf=2)
    assert not [k for k in vars(model) if k.endswith("_")], "no fitted state before fit"
    assert model.fit(X, y) is model
    assert list(model.classes_) == list(LABELS)
    assert model.predict_proba(X).shape == (len(X), len(LABELS))
    assert (model.predict(X) == y).mean() > 0.9
    assert clone(model).get_params() == model.get_params()
    pipeline = Pipeline([("lines", model)]).fit(X, y)
    assert (pipeline.predict(X) == model.predict(X)).all()
    search = GridSearchCV(newsml.LineClassifier(cv=2, max_iter=10, min_samples_leaf=2),
                          {"keep_threshold": [0.3, 0.6]}, cv=GroupKFold(n_splits=3))
    search.fit(X, y, groups=X["doc"])
    assert search.best_params_["keep_threshold"] in (0.3, 0.6)


def test_region_stage_learns_from_out_of_fold_keep_probabilities():
    X, y = _toy_data()
    model = newsml.LineClassifier(cv=2, max_iter=15, min_samples_leaf=2, region_stage="all").fit(X, y)
    assert model.region_model_ is not None
    assert (model.predict(X) == y).mean() > 0.9
    plain = newsml.LineClassifier(cv=2, max_iter=15, min_samples_leaf=2, region_stage="none").fit(X, y)
    assert plain.region_model_ is None
    with pytest.raises(ValueError, match=r"region_stage must be one of \['none', 'page', 'all'\]"):
        newsml.LineClassifier(region_stage="pages").fit(X, y)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(0, 1), min_size=1, max_size=12), min_size=1, max_size=4))
def test_region_features_of_a_document_do_not_depend_on_its_batch(documents):
    from newsml.cleaning.region import REGION_FEATURE_NAMES, region_features

    keep = np.concatenate([np.array(doc) for doc in documents])
    starts = np.cumsum([0] + [len(d) for d in documents[:-1]])
    together = region_features(keep, starts)
    assert together.shape == (len(keep), len(REGION_FEATURE_NAMES)) and np.isfinite(together).all()
    start = 0
    for values in documents:
        alone = region_features(np.array(values), [0])
        np.testing.assert_allclose(together[start:start + len(values)], alone, atol=1e-9)
        start += len(values)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.lists(st.integers(0, 7), max_size=5), min_size=1, max_size=8), min_size=1, max_size=4),
       st.data())
def test_topic_features_of_a_document_do_not_depend_on_its_batch(documents, data):
    import scipy.sparse as sp

    from newsml.cleaning.topic import TOPIC_FEATURE_NAMES, topic_features

    def presence(lines):
        matrix = np.zeros((len(lines), 8), dtype=np.float32)
        for row, terms in enumerate(lines):
            matrix[row, terms] = 1.0
        return sp.csr_matrix(matrix)

    weights = [np.array(data.draw(st.lists(st.floats(0, 1), min_size=len(d), max_size=len(d)))) for d in documents]
    doc = np.repeat(np.arange(len(documents)), [len(d) for d in documents])
    together = topic_features(sp.vstack([presence(d) for d in documents]).tocsr(), doc, np.concatenate(weights))
    assert together.shape == (len(doc), len(TOPIC_FEATURE_NAMES)) and np.isfinite(together).all()
    assert ((together >= 0) & (together <= 1)).all()
    start = 0
    for lines, weight in zip(documents, weights):
        alone = topic_features(presence(lines), np.zeros(len(lines), dtype=int), weight)
        np.testing.assert_allclose(together[start:start + len(lines)], alone, atol=1e-9)
        if len(lines) == 1:  # the line itself is left out of its document's centroid
            assert (alone == 0).all()
        start += len(lines)


def test_topic_features_feed_the_context_models_and_survive_saving(tmp_path):
    from sklearn.base import clone

    from newsml.cleaning.persist import save_classifier

    X, y = _toy_data()
    model = newsml.LineClassifier(cv=2, max_iter=15, min_samples_leaf=2, topic=True).fit(X, y)
    plain = clone(model).set_params(topic=False).fit(X, y)
    assert model.n_features_in_ == plain.n_features_in_ + 2
    assert (model.predict(X) == y).mean() > 0.9
    loaded = newsml.load_classifier(save_classifier(model, tmp_path / "topic.npz"))
    assert loaded.topic and np.allclose(loaded.predict_proba(X), model.predict_proba(X))


def test_shuffled_rows_with_positions_give_the_same_labels():
    X, y = _toy_data()
    model = newsml.LineClassifier(cv=2, max_iter=15, min_samples_leaf=2).fit(X, y)
    order = np.random.default_rng(0).permutation(len(X))
    shuffled = X.iloc[order].reset_index(drop=True)
    assert (model.predict(shuffled) == model.predict(X)[order]).all()


def test_bad_labels_and_frames_are_rejected():
    X, y = _toy_data(2)
    with pytest.raises(ValueError, match="valid labels"):
        newsml.LineClassifier().fit(X, np.array(["junk"] * len(X), dtype=object))
    with pytest.raises(ValueError, match="missing column"):
        newsml.LineClassifier().fit(X.drop(columns=["doc"]), y)
    with pytest.raises(TypeError, match="DataFrame"):
        newsml.RuleClassifier().fit(["a", "b"])


def test_rule_classifier_is_transparent(seeds_labelled):
    doc = seeds_labelled[0]
    X = lines_frame([[line["text"] for line in doc["lines"]]])
    predicted = newsml.RuleClassifier().fit(X).predict(X)
    by_text = dict(zip(X["text"], predicted))
    assert by_text["Advertisement"] == "ad"
    assert by_text["Story continues below advertisement"] == "ad"
    assert by_text["READ MORE: Syrian forces move into strategic town as Turkey vows to keep hammering Assad\u2019s troops"] == "related"


def test_saved_model_round_trips_without_pickle(tmp_path):
    from newsml.cleaning.persist import load_classifier_file, save_classifier

    X, y = _toy_data()
    for model in (newsml.LineClassifier(cv=2, max_iter=10, min_samples_leaf=2).fit(X, y),
                  newsml.LineClassifier(cv=2, context_model="linear").fit(X, y),
                  newsml.LineClassifier(cv=2, max_iter=10, min_samples_leaf=2)
                  .fit(X.assign(kind=np.where(X["doc"] % 2 == 0, "page", "residue")), y),
                  newsml.RuleClassifier().fit(X)):
        path = save_classifier(model, tmp_path / "model.npz")
        loaded = newsml.load_classifier(path)
        assert type(loaded) is type(model) and loaded.get_params() == model.get_params()
        assert np.allclose(loaded.predict_proba(X), model.predict_proba(X))
        assert (loaded.predict(X) == model.predict(X)).all()
    with np.load(path, allow_pickle=False) as arrays:  # numbers and text only: readable without pickle
        assert all(arrays[name].dtype != object for name in arrays.files)
    with pytest.raises(newsml.ModelError, match="not found"):
        load_classifier_file(tmp_path / "missing.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(newsml.ModelError, match="not a readable"):
        load_classifier_file(tmp_path / "junk.npz")
    with pytest.raises(TypeError, match="can only save"):
        save_classifier(object(), tmp_path / "object.npz")


def test_model_files_naming_other_classes_or_holding_pickles_are_refused(tmp_path):
    import json
    import pickle

    from newsml.cleaning.persist import FORMAT, load_classifier_file

    meta = {"format": FORMAT, "model": {"estimator": "C4Classifier", "params": {}, "state": {}}}
    np.savez(tmp_path / "foreign.npz", __meta__=np.array(json.dumps(meta)))
    with pytest.raises(newsml.ModelError, match="unknown classifier class 'C4Classifier'"):
        load_classifier_file(tmp_path / "foreign.npz")
    meta = {"format": FORMAT, "model": {"array": "payload"}}
    np.savez(tmp_path / "pickled.npz", __meta__=np.array(json.dumps(meta)),
             payload=np.array([pickle.dumps(print)], dtype=object))
    with pytest.raises(newsml.ModelError, match="not a readable"):
        load_classifier_file(tmp_path / "pickled.npz")
    np.savez(tmp_path / "old.npz", __meta__=np.array(json.dumps({"format": "other/9"})))
    with pytest.raises(newsml.ModelError, match="this newsml reads"):
        load_classifier_file(tmp_path / "old.npz")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
                min_size=1, max_size=6))
def test_hashed_ngrams_count_tokens_line_by_line(lines):
    from newsml.cleaning.ngrams import hashed_ngrams

    lines = [line.replace("\n", " ") for line in lines]
    together, _ = hashed_ngrams(lines, n_features=2**12, ngram_range=(1, 3))
    for index, line in enumerate(lines):  # no n-gram crosses a line, and hashes do not depend on the batch
        alone, _ = hashed_ngrams([line], n_features=2**12, ngram_range=(1, 3))
        assert (together[index] != alone[0]).nnz == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
                min_size=1, max_size=5))
def test_line_features_of_a_line_do_not_depend_on_its_batch(lines):
    from newsml.cleaning.features import LINE_FEATURES, line_features

    together = line_features(lines)  # batches of empty lines included: they have no code points at all
    assert together.shape == (len(lines), len(LINE_FEATURES)) and np.isfinite(together).all()
    for index, line in enumerate(lines):
        np.testing.assert_array_equal(together[index], line_features([line])[0])


def test_hashed_ngrams_match_word_tokens_on_ascii_text():
    import re

    from newsml.cleaning.ngrams import hashed_ngrams

    lines = ["READ MORE: Syria's 3 biggest towns", "", "Photo: AP/Getty -- 1 of 4", "under_score and the end."]
    counts, stop = hashed_ngrams(lines, n_features=2**16, ngram_range=(1, 2), stop_words=frozenset({"the", "and"}))
    tokens = [re.findall(r"\w+", line) for line in lines]
    assert counts.sum(axis=1).A1.tolist() == [2 * len(t) - 1 if t else 0 for t in tokens]
    assert stop.tolist() == [0, 0, 0, 2]
    same_digits, _ = hashed_ngrams(["1 of 4", "3 of 8"], n_features=2**16, ngram_range=(1, 1))
    assert (same_digits[0] != same_digits[1]).nnz == 0
    with pytest.raises(ValueError, match="ngram_range"):
        hashed_ngrams(lines, n_features=16, ngram_range=(2, 1))


def test_thresholds_meet_the_story_recall_target_on_every_listed_source():
    from newsml.cleaning.training import choose_thresholds

    rng = np.random.default_rng(0)
    n = 4000
    source = np.where(np.arange(n) < 2000, "residue_source", "page_source")
    kind = np.where(source == "page_source", "page", "residue")
    label = np.where(rng.random(n) < np.where(kind == "page", 0.8, 0.1), "other", "story")
    keep = np.clip(np.where(label == "story", 0.7, 0.2) + rng.normal(0, 0.2, n), 0, 1)
    proba = np.zeros((n, 6))
    proba[:, 0], proba[:, 5] = keep, 1 - keep
    page = np.where(kind == "page", 0.9, 0.1)
    page[:50] = 0.9  # a few residue documents routed as pages: they do not set the page threshold
    frame = pd.DataFrame({"label": label, "source": source, "kind": kind})
    chosen = choose_thresholds(proba, page, frame, target=0.95, sources=None)
    for route, threshold in (("residue", chosen["keep_threshold"]), ("page", chosen["page_keep_threshold"])):
        rows = (kind == route) & ((page >= 0.5) == (route == "page")) & (label == "story")
        assert (keep[rows] >= threshold).mean() >= 0.95
        assert (keep[rows] >= np.nextafter(threshold, 2)).mean() < 0.95  # the largest such threshold
    assert chosen["cross_validated_story_recall"]["residue_source"] > 0.9
    assert 0 < chosen["cross_validated_boilerplate_recall"]["page_source"] < 1
    with pytest.raises(ValueError, match="no training lines"):
        choose_thresholds(proba, page, frame, target=0.95, sources=["missing"])


def test_out_of_fold_folds_hold_each_site_out_once_and_a_seed_reshuffles_them():
    from sklearn.base import BaseEstimator

    from newsml.cleaning.training import out_of_fold_proba

    class SiteRecorder(BaseEstimator):
        """Predicts story for a line whose site it was fitted on, and, as its "page probability", which
        sites it was fitted on (one bit per site)."""

        def fit(self, X, y, sample_weight=None):
            self.seen_ = set(X["domain"])
            return self

        def predict_proba(self, X):
            return np.tile([[1.0, 0, 0, 0, 0, 0]], (len(X), 1)) * X["domain"].isin(self.seen_).to_numpy()[:, None]

        def page_probability(self, X):
            return np.full(len(X), float(sum(2 ** int(site[4:-8]) for site in self.seen_)))

    sites = np.repeat([f"site{i}.example" for i in range(12)], np.arange(1, 13))
    frame = pd.DataFrame({"domain": sites, "label": "story"})
    weights = np.ones(len(frame))
    assignments = {}
    for seed in (None, 1, 1, 2):
        proba, trained_on = out_of_fold_proba(SiteRecorder(), frame, weights, folds=4, fold_seed=seed)
        assert not proba.any()  # no line was predicted by a model that saw its site
        assignments.setdefault(seed, []).append(tuple(trained_on))
    assert assignments[1][0] == assignments[1][1]  # a seed is reproducible
    assert len({assignments[None][0], assignments[1][0], assignments[2][0]}) > 1


def test_calibrated_thresholds_keep_the_target_on_sites_the_choice_did_not_see():
    from newsml.cleaning.training import choose_thresholds

    rng = np.random.default_rng(1)
    sites = np.repeat(np.arange(12), 300)  # 12 sites of 300 lines, all extractor residue
    label = np.where(rng.random(len(sites)) < 0.2, "other", "story")
    keep = np.clip(np.where(label == "story", 0.75, 0.2) + rng.normal(0, 0.1, len(sites)), 0, 1)
    odd = (sites % 4 == 0) & (label == "story") & (rng.random(len(sites)) < 0.08)
    keep[odd] = rng.uniform(0.0, 0.3, odd.sum())  # a few sites with story lines that look like junk
    proba = np.zeros((len(sites), 6))
    proba[:, 0], proba[:, 5] = keep, 1 - keep
    page = np.zeros(len(sites))
    frame = pd.DataFrame({"label": label, "source": "residue_source", "kind": "residue",
                          "domain": [f"site{s}.example" for s in sites]})
    plain = choose_thresholds(proba, page, frame, target=0.99, sources=None)
    calibrated = choose_thresholds(proba, page, frame, target=0.99, sources=None, calibrate_folds=4)
    assert plain["level"] == 0.99 and plain["calibration"] is None
    level = calibrated["level"]
    assert 0.99 < level <= 1.0
    held_out = calibrated["calibration"]["held_out_story_recall"]
    assert held_out[0.99]["residue_source"] < 0.99  # the plain choice misses the target on unseen sites
    assert level == 1.0 or held_out[level]["residue_source"] >= 0.99
    assert all(recall["residue_source"] < 0.99 for lower, recall in held_out.items() if lower < level)
    assert calibrated["keep_threshold"] <= plain["keep_threshold"]


@pytest.mark.parametrize("config_file", sorted(path.name for path in (ROOT / "configs/classifiers").glob("*.yaml")))
def test_training_never_reads_a_test_document(monkeypatch, config_file):
    """Each training config reads only the train part and names only LineClassifier hyperparameters; every
    test-only source (fresh, verified or reserved) is in the test part, and the verified ones relabel test
    documents."""
    import json

    from newsml.cleaning.dataset import (FRESH_TEST_SOURCES, RESERVED_TEST_SOURCES, SOURCES, VERIFIED_TEST_SOURCES,
                                         VERIFIED_TRAIN_LABELS, load_labelled_lines, read_jsonl)
    from newsml.cleaning.training import DEFAULTS, training_frame
    from newsml.config import load

    monkeypatch.chdir(ROOT)
    config = load(f"configs/classifiers/{config_file}", DEFAULTS, open_keys=frozenset({"model"}))
    assert set(config["model"]) <= set(newsml.LineClassifier().get_params())
    test_docs = set(json.loads((ROOT / "eval/splits/classifier.json").read_text(encoding="utf-8"))["test"])
    trained_on = {doc.removeprefix("crop:") for doc in training_frame(config)["doc"]}
    assert trained_on and not trained_on & test_docs
    fresh = [source for source in FRESH_TEST_SOURCES if not source.endswith("_crop")]
    verified = [source for source in VERIFIED_TEST_SOURCES if not source.endswith("_crop")]
    assert not set(config["sources"]) & set(fresh + verified + RESERVED_TEST_SOURCES)
    reserved_docs = set(load_labelled_lines(ROOT / "eval/data/boilerplate", RESERVED_TEST_SOURCES)["doc"])
    assert len(reserved_docs) == 24 and reserved_docs <= test_docs
    fresh_docs = set(load_labelled_lines(ROOT / "eval/data/boilerplate", fresh)["doc"])
    assert len(fresh_docs) == 172 and fresh_docs <= test_docs
    verified_docs = load_labelled_lines(ROOT / "eval/data/boilerplate", verified)["doc"]
    assert {doc.replace("_verified:", ":", 1) for doc in verified_docs} <= test_docs  # the split's own test docs
    assert verified_docs.nunique() == 71 and set(verified_docs) <= test_docs
    source_of_file = {spec.file: source for source, spec in SOURCES.items()}
    relabelled = {f"{source_of_file[row['file']]}:{row['doc_id']}"
                  for row in read_jsonl(ROOT / "eval/data/boilerplate" / VERIFIED_TRAIN_LABELS)}
    assert len(relabelled) == 156 and not relabelled & test_docs  # the relabelled pages are training pages


def test_label_override_files_apply_in_order(tmp_path):
    """Later override files win; a named file that is missing is an error that names it."""
    import json

    from newsml.cleaning.dataset import load_labelled_lines
    from newsml.errors import ConfigError

    lines = [{"text": "Menu", "label": "boilerplate"}, {"text": "Talks resumed on Monday.", "label": "story"},
             {"text": "Photo: Reuters", "label": "story"}]
    (tmp_path / "aeb_dev_pages.jsonl").write_text(json.dumps({"id": "p1", "url": "https://a.example/x", "lines": lines}))
    rows = {"hand_labels.jsonl": [(0, "other"), (2, "caption")], "relabelled.jsonl": [(0, "related")]}
    for file, labels in rows.items():
        (tmp_path / file).write_text("\n".join(json.dumps({"file": "aeb_dev_pages.jsonl", "doc_id": "p1",
                                                            "index": index, "label": label})
                                               for index, label in labels))
    assert list(load_labelled_lines(tmp_path, ["aeb_pages"])["label"]) == ["other", "story", "caption"]
    both = load_labelled_lines(tmp_path, ["aeb_pages"], ["hand_labels.jsonl", "relabelled.jsonl"])
    assert list(both["label"]) == ["related", "story", "caption"]
    assert list(load_labelled_lines(tmp_path, ["aeb_pages"], [])["label"]) == ["boilerplate", "story", "story"]
    with pytest.raises(ConfigError, match="missing.jsonl"):
        load_labelled_lines(tmp_path, ["aeb_pages"], ["missing.jsonl"])


@pytest.mark.parametrize("row, message", [
    ({"file": "aeb_dev_pages.jsonl", "doc_id": "p1", "label": "ad"}, r"bad\.jsonl:2: .*missing \['index'\]"),
    ({"file": "aeb_dev_pages.jsonl", "doc_id": "p1", "index": 0, "label": "advert"},
     r"bad\.jsonl:2: unknown label 'advert'; valid labels are \['story', 'heading', 'ad'"),
])
def test_a_bad_label_override_row_names_its_file_and_line(tmp_path, row, message):
    """The one override reader (training loader and evaluation harness alike) rejects a malformed row."""
    import json

    from newsml.cleaning.dataset import load_labelled_lines
    from newsml.cleaning.overrides import read_label_overrides
    from newsml.errors import ConfigError

    good = {"file": "aeb_dev_pages.jsonl", "doc_id": "p1", "index": 1, "label": "story"}
    (tmp_path / "bad.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(row) + "\n")
    (tmp_path / "aeb_dev_pages.jsonl").write_text(json.dumps({"id": "p1", "url": "https://a.example/x",
                                                              "lines": [{"text": "Menu", "label": "boilerplate"}]}))
    with pytest.raises(ConfigError, match=message):
        read_label_overrides(tmp_path / "bad.jsonl")
    with pytest.raises(ConfigError, match=message):
        load_labelled_lines(tmp_path, ["aeb_pages"], ["bad.jsonl"])
