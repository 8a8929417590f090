"""The supervised scorer: oracle labels, features, safe model file, reproducible training, no test leakage."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

import newsml

from newsml.errors import ModelError
from newsml.summarization.base import Document
from newsml.summarization.corpus import read_reference_set
from newsml.summarization.features import FEATURE_NAMES, sentence_features
from newsml.summarization.oracle import extractive_labels, greedy_oracle
from newsml.summarization.supervised import DEFAULT_MODEL, SentenceScorer, SupervisedSummarizer, load_scorer
from newsml.summarization.supervised_training import (labelled_examples, train_from_config, training_config,
                                                      training_pairs)

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "configs/summarizers/supervised.yaml"


def test_shipped_model_is_json_and_npz_without_pickle():
    meta = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    assert meta["format"] == "newsml.summarizer" and tuple(meta["features"]) == FEATURE_NAMES
    arrays = DEFAULT_MODEL.with_suffix(".npz")
    with np.load(arrays, allow_pickle=False) as data:
        assert sorted(data.files) == ["coef", "intercept", "mean", "scale"]
        assert all(data[name].dtype == np.float64 for name in data.files)
    assert DEFAULT_MODEL.stat().st_size + arrays.stat().st_size < 20_000
    scorer = load_scorer()
    assert scorer.coef.shape == (len(FEATURE_NAMES),)
    assert np.all(scorer.scale > 0)


def test_shipped_model_never_saw_a_test_article():
    meta = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    settings, path = training_config(CONFIG)
    assert meta["info"]["config"] == json.loads(json.dumps(settings))
    split = json.loads((ROOT / "eval/splits/summarization.json").read_text(encoding="utf-8"))
    test_ids = {i for ids in split["test"].values() if ids != "all" for i in ids}
    test_ids |= {i for ids in split.get("excluded", {}).values() for i in ids}
    trained = {pair.id for pair, _ in training_pairs(settings, path)}
    assert trained and not trained & test_ids
    assert meta["info"]["articles"] == {"bbc": 100, "inshorts": len(split["train"]["inshorts.jsonl"]), "newspaper": 88}
    for name in ("xsum_fixture.jsonl", "seeds_references.jsonl", "newsml_references.jsonl"):
        ids = {p.id for p in read_reference_set(ROOT / "eval/data/summaries" / name)}
        assert not ids & trained


def test_scraped_training_sets_are_cleaned_first(tmp_path):
    dev = ROOT / "eval/data/summaries/newsml_references_dev.jsonl"
    raw = read_reference_set(dev)[:2]
    (tmp_path / "split.json").write_text(json.dumps({"train": {dev.name: [p.id for p in raw]}}), encoding="utf-8")
    settings = {"split": str(tmp_path / "split.json"), "data": [{"path": str(dev), "clean": True}]}
    cleaned = [pair for pair, _ in training_pairs(settings)]
    assert [p.id for p in cleaned] == [p.id for p in raw]
    for before, after in zip(raw, cleaned):
        kept = newsml.clean(before.text).kept(frozenset({"story"}))
        assert after.text == kept and len(after.text) < len(before.text)


def test_training_is_reproducible(tmp_path):
    """A small config trains twice to byte-identical files, through the CLI command."""
    from newsml.cli import main

    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    split = json.loads((ROOT / "eval/splits/summarization.json").read_text(encoding="utf-8"))
    bbc = [p.id for p in read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[:6]]
    dev = [p.id for p in read_reference_set(ROOT / "eval/data/summaries/newsml_references_dev.jsonl")[:4]]
    small = {"train": {"inshorts.jsonl": split["train"]["inshorts.jsonl"][:12], "bbc_extractive.jsonl": bbc,
                       "newsml_references_dev.jsonl": dev}}
    (tmp_path / "split.json").write_text(json.dumps(small), encoding="utf-8")
    config["training"]["split"] = str(tmp_path / "split.json")
    config["training"]["data"] = [{"path": str(ROOT / d["path"]), "weight": d["weight"]}
                                  for d in config["training"]["data"]]
    (tmp_path / "small.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    first, second = tmp_path / "a" / "model.json", tmp_path / "b" / "model.json"
    assert main(["train", "summarizer", "--config", str(tmp_path / "small.yaml"), "--output", str(first)]) == 0
    assert train_from_config(tmp_path / "small.yaml", output=second) == second
    assert first.read_bytes() == second.read_bytes()
    a, b = (np.load(p.with_suffix(".npz"), allow_pickle=False) for p in (first, second))
    for name in a.files:
        np.testing.assert_array_equal(a[name], b[name])
    meta = json.loads(first.read_text(encoding="utf-8"))
    assert meta["info"]["articles"] == {"bbc": 6, "inshorts": 12, "newspaper": 4}
    summary = SupervisedSummarizer(model=first).summarize("One sentence here. Another one there. A third.",
                                                          length=1, clean=False)
    assert len(summary) == 1


def test_greedy_oracle_on_a_real_article():
    pair = read_reference_set(ROOT / "eval/data/summaries/inshorts.jsonl")[0]
    document = Document.from_text(pair.article(), clean=False)
    chosen = greedy_oracle(document.sentences, pair.references, max_sentences=3)
    assert 1 <= len(chosen) <= 3 and chosen == sorted(chosen)
    from newsml.evaluation.rouge import RougeScorer

    scorer = RougeScorer(("rouge1", "rouge2"))

    def value(indices):
        scores = scorer.score("\n".join(document.sentence(i) for i in indices), list(pair.references))
        return scores["rouge1"].fmeasure + scores["rouge2"].fmeasure

    best_single = max(range(len(document)), key=lambda i: value([i]))
    assert value(chosen) >= value([best_single])


def test_extractive_labels_find_the_copied_sentences():
    pair = read_reference_set(ROOT / "eval/data/summaries/bbc_extractive.jsonl")[0]
    document = Document.from_text(pair.article(), clean=False)
    labels = extractive_labels(document.sentences, pair.references)
    reference_lines = [line for line in pair.references[0].splitlines() if line.strip()]
    assert len(labels) == len(reference_lines)


def test_features_are_finite_and_positional():
    pair = read_reference_set(ROOT / "eval/data/summaries/inshorts.jsonl")[1]
    table = sentence_features(Document.from_text(pair.article(), clean=False))
    assert table.values.shape[1] == len(FEATURE_NAMES)
    assert np.isfinite(table.values).all()
    assert table.column("is_first")[0] == 1 and table.column("is_first")[1:].sum() == 0
    assert table.column("has_headline").min() == 1
    assert table.column("headline_sim").max() > 0
    no_headline = sentence_features(Document.from_text(pair.text, clean=False))
    assert no_headline.column("has_headline").max() == 0


def test_labelled_examples_use_each_article_with_and_without_headline():
    pairs = [(p, 1.0) for p in read_reference_set(ROOT / "eval/data/summaries/inshorts.jsonl")[:2]]
    features, labels, weights = labelled_examples(pairs)
    n = sum(len(Document.from_text(p.article(), clean=False)) for p, _ in pairs)
    assert features.shape == (2 * n, len(FEATURE_NAMES)) and labels.shape == weights.shape == (2 * n,)
    assert weights.sum() == pytest.approx(n)
    assert 0 < labels.sum() <= 12


@pytest.mark.parametrize("redundancy", ["trigram", "mmr", "none"])
def test_redundancy_controls(redundancy):
    sentence = "Russia and Turkey agreed a ceasefire in the Idlib region on Thursday."
    text = f"{sentence} {sentence} The deal followed six hours of talks in Moscow. Patrols start soon."
    summary = SupervisedSummarizer(redundancy=redundancy).summarize(text, length=2, clean=False)
    assert len(summary) == 2
    if redundancy != "none":
        assert summary.sentences.count(sentence) == 1


def test_missing_or_wrong_model_files_are_clear_errors(tmp_path):
    with pytest.raises(ModelError, match="newsml train summarizer"):
        SupervisedSummarizer(model=tmp_path / "missing.json").summarize("One. Two.", clean=False)
    (tmp_path / "bad.json").write_text("{\"format\": \"something else\"}", encoding="utf-8")
    with pytest.raises(ModelError, match="not a newsml summariser model"):
        load_scorer(tmp_path / "bad.json")
    scorer = load_scorer()
    odd = SentenceScorer(("a", "b"), np.zeros(2), np.ones(2), np.ones(2), 0.0)
    odd.save(tmp_path / "odd.json")
    with pytest.raises(ModelError, match="retrain"):
        load_scorer(tmp_path / "odd.json")
    with pytest.raises(ValueError, match="feature columns"):
        scorer.decision_function(np.zeros((2, 3)))
