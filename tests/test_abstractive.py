"""Abstractive summarisation, offline: tiny random BART and T5 checkpoints built and saved at test time."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from abstractive_models import bpe_tokenizer, corpus_texts, tiny_bart, tiny_t5, unigram_tokenizer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsml
from newsml.errors import ConfigError, DocumentError, InputError, ModelError
from newsml.summarization.abstractive import AbstractiveSummarizer, token_budget
from newsml.summarization.api import get_summarizer
from newsml.summarization.chunking import chunk_sentences, pack
from newsml.summarization.hf import locate
from newsml.summarization.length import Length
from newsml.text import Tokenizer

pytest.importorskip("torch")
pytest.importorskip("transformers")

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "configs/summarizers"
HUB_CONFIGS = {
    "distilbart-cnn-12-6": "sshleifer/distilbart-cnn-12-6",
    "distilbart-cnn-6-6": "sshleifer/distilbart-cnn-6-6",
    "bart-large-cnn": "facebook/bart-large-cnn",
    "pegasus-cnn_dailymail": "google/pegasus-cnn_dailymail",
    "t5-small": "google-t5/t5-small",
    "flan-t5-base": "google/flan-t5-base",
}


@pytest.fixture(scope="session", autouse=True)
def one_thread():
    """Tiny models run fastest and most reproducibly on one thread (2-core CI machines)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def texts() -> list[str]:
    return corpus_texts()


@pytest.fixture(scope="session")
def articles() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval/data/summaries/xsum_fixture.jsonl").open(encoding="utf-8")]
    return [row["article"] for row in rows]


@pytest.fixture(scope="session")
def short(articles) -> list[str]:
    """Articles that fit the tiny models' 256-token input."""
    return [articles[i] for i in (0, 5, 6, 7, 8)]


@pytest.fixture(scope="session")
def long_article(articles) -> str:
    """About 2,500 tokens: ten times the tiny models' input."""
    return articles[1] + "\n" + articles[3]


@pytest.fixture(scope="session")
def bart_dir(tmp_path_factory, texts) -> Path:
    return tiny_bart(tmp_path_factory.mktemp("bart"), bpe_tokenizer(texts, model_max_length=256), positions=256)


@pytest.fixture(scope="session")
def t5_dir(tmp_path_factory, texts) -> Path:
    return tiny_t5(tmp_path_factory.mktemp("t5"), unigram_tokenizer(texts, model_max_length=256))


@pytest.fixture(scope="session")
def bart(bart_dir) -> AbstractiveSummarizer:
    return get_summarizer("abstractive", model=str(bart_dir), num_beams=2).load()


# loading and generation -----------------------------------------------------------------------------
def test_summarize_through_the_public_api(bart_dir, short):
    summary = newsml.summarize(short[0], method="abstractive", model=str(bart_dir), length=2, clean=False)
    assert summary.method == "abstractive"
    assert summary.sentences and all(s.strip() for s in summary.sentences)
    assert summary.spans == (None,) * len(summary.sentences)
    info = summary.info
    assert (info["min_new_tokens"], info["max_new_tokens"]) == token_budget(Length.parse(2), info["n_sentences"])
    assert info["length_source"] == "length" and info["model"] == str(bart_dir)
    assert info["chunks"] == [] and info["truncated_tokens"] == 0 and info["input_tokens"] > 0
    assert 0 < info["generated_tokens"] <= info["max_new_tokens"]
    again = newsml.summarize(short[0], method="abstractive", model=str(bart_dir), length=2, clean=False)
    assert again == summary


def test_output_is_split_by_the_newsml_tokenizer(bart, short):
    summary = bart.summarize(short[1], length=1, clean=False)
    assert summary.sentences == tuple(Tokenizer().sentences(summary.text))


def test_t5_takes_its_prefix_from_the_checkpoint(t5_dir, short):
    summarizer = AbstractiveSummarizer(model=str(t5_dir), num_beams=1).load()
    assert summarizer.prefix_ == "summarize: "
    with_prefix = summarizer.summarize(short[2], length=1, clean=False)
    plain = AbstractiveSummarizer(model=str(t5_dir), num_beams=1, prefix="").load()
    assert plain.prefix_ == ""
    without = plain.summarize(short[2], length=1, clean=False)
    assert with_prefix.sentences and without.sentences
    assert with_prefix.info["input_tokens"] > without.info["input_tokens"]


def test_explicit_generation_lengths_win_over_length(bart_dir, short):
    fixed = AbstractiveSummarizer(model=str(bart_dir), num_beams=1, min_new_tokens=12, max_new_tokens=12)
    summary = fixed.summarize(short[0], length="100w", clean=False)
    assert (summary.info["min_new_tokens"], summary.info["max_new_tokens"]) == (12, 12)
    assert summary.info["length_source"] == "params"
    assert summary.info["generated_tokens"] <= 12


def test_token_budget_follows_the_length_spec():
    assert token_budget(Length.parse(1), 10) == (15, 30)
    assert token_budget(Length.parse(5), 2) == (30, 60)  # never more sentences than the article has
    assert token_budget(Length.parse("40w"), 10) == (27, 54)
    assert token_budget(Length.parse(0.5), 10) == (75, 150)


def test_the_model_decoder_limit_caps_generation(bart, short):
    summary = bart.summarize(short[0], length="300w", clean=False)
    assert summary.info["max_new_tokens_capped_from"] > summary.info["max_new_tokens"] == 254


def test_get_params_lists_every_hyperparameter(bart_dir):
    params = get_summarizer("abstractive", model=str(bart_dir), num_beams=3).get_params()
    assert params["num_beams"] == 3 and params["model"] == str(bart_dir) and params["quantize"] is None
    assert {"device", "batch_size", "long_input", "max_input_tokens", "generate_kwargs", "seed"} <= set(params)


# long articles --------------------------------------------------------------------------------------
def test_long_article_is_map_reduced_without_truncation(bart, long_article):
    summary = bart.summarize(long_article, length=1, clean=False)
    info = summary.info
    assert info["input_tokens"] > info["max_input_tokens"]
    assert info["chunks"] and info["chunks"][0] >= 3 and info["rounds"] == len(info["chunks"])
    assert info["truncated_tokens"] == 0
    assert summary.sentences


def test_truncate_mode_records_what_was_cut(bart_dir, long_article):
    summarizer = AbstractiveSummarizer(model=str(bart_dir), num_beams=1, long_input="truncate")
    summary = summarizer.summarize(long_article, length=1, clean=False)
    assert summary.info["chunks"] == [] and summary.info["truncated_tokens"] > 0
    assert summary.info["truncated_tokens"] == summary.info["input_tokens"] - summary.info["max_input_tokens"]


def test_one_huge_line_without_spaces_is_cut_not_dropped(bart):
    text = "新闻" * 400 + "。"
    summary = bart.summarize(text, length=1, clean=False)
    assert summary.info["split_sentences"] == 1 and summary.info["truncated_tokens"] == 0


def test_chunks_keep_every_word_in_order_within_budget(bart, articles):
    tok = bart.hf_tokenizer_
    sentences = Tokenizer().sentences("\n".join(articles[:3]))
    chunks, _ = chunk_sentences(tok, sentences, 60)
    assert " ".join(chunks).split() == " ".join(sentences).split()
    assert all(len(tok(chunk, add_special_tokens=False)["input_ids"]) <= 60 for chunk in chunks)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text(alphabet="abcdefghij .,xyz", min_size=1, max_size=30), min_size=1, max_size=20),
       budget=st.integers(min_value=8, max_value=40))
def test_chunking_never_loses_or_reorders_text(bart, words, budget):
    sentences = [w.strip() for w in words if w.strip()]
    chunks, _ = chunk_sentences(bart.hf_tokenizer_, sentences, budget)
    assert "".join(" ".join(chunks).split()) == "".join(" ".join(sentences).split())


def test_pack_is_greedy_in_order():
    assert pack([3, 4, 2, 5, 1], 7) == [[0, 1], [2, 3], [4]]
    assert pack([9, 1], 5) == [[0], [1]]
    with pytest.raises(ValueError):
        pack([1], 0)


# batching and bad input -----------------------------------------------------------------------------
def test_summarize_many_matches_one_by_one_in_input_order(bart_dir, short, long_article):
    summarizer = AbstractiveSummarizer(model=str(bart_dir), num_beams=1, batch_size=3)
    batch = [short[0], long_article, *short[1:4]]
    together = list(summarizer.summarize_many(batch, length=1, clean=False))
    alone = [summarizer.summarize(text, length=1, clean=False) for text in batch]
    assert [s.sentences for s in together] == [s.sentences for s in alone]
    assert [s.info["input_tokens"] for s in together] == [s.info["input_tokens"] for s in alone]


def test_a_bad_document_is_reported_with_its_index_and_the_others_go_on(bart, short):
    inputs = [short[0], b"\x00\x01\x02" * 40, "", short[1]]
    results = list(bart.summarize_many(inputs, length=1, clean=False, on_error="report"))
    assert isinstance(results[1], DocumentError) and results[1].index == 1
    assert isinstance(results[1].__cause__, InputError)
    assert results[2].sentences == () and results[2].info["n_sentences"] == 0
    assert results[0].sentences and results[3].sentences
    stream = bart.summarize_many(inputs, length=1, clean=False, on_error="raise")
    assert next(stream).sentences == results[0].sentences
    with pytest.raises(DocumentError, match="document 1"):
        next(stream)
    with pytest.raises(ConfigError, match="valid options"):
        list(bart.summarize_many(inputs, on_error="skip"))


def test_empty_and_whitespace_input_give_an_empty_summary(bart):
    for text in ("", "  \n\t "):
        summary = bart.summarize(text, clean=False)
        assert summary.sentences == () and summary.spans == ()


def test_clean_true_cleans_first(bart, seeds_dir):
    pytest.importorskip("newsml.cleaning.api")
    text = (seeds_dir / "global_news_idlib.txt").read_text(encoding="utf-8")
    summary = bart.summarize(text, length=1, clean=True)
    assert summary.info["cleaned"] is True and summary.sentences


# quantisation and devices ---------------------------------------------------------------------------
def test_int8_quantisation_replaces_linear_layers(bart_dir, short):
    summarizer = AbstractiveSummarizer(model=str(bart_dir), num_beams=1, quantize="int8").load()
    import torch
    from torch.ao.nn.quantized.dynamic import Linear as DynamicQuantizedLinear

    modules = list(summarizer.model_.modules())
    assert any(isinstance(m, DynamicQuantizedLinear) for m in modules)
    assert not any(type(m) is torch.nn.Linear for m in modules)
    first = summarizer.summarize(short[0], length=1, clean=False)
    assert first.sentences and first == summarizer.summarize(short[0], length=1, clean=False)
    assert first.info["quantize"] == "int8" and first.info["device"] == "cpu"


def test_invalid_options_list_the_valid_ones(bart_dir):
    with pytest.raises(ConfigError, match="valid options are \\[None, 'int8'\\]"):
        AbstractiveSummarizer(model=str(bart_dir), quantize="int4")
    with pytest.raises(ConfigError, match="CPU only"):
        AbstractiveSummarizer(model=str(bart_dir), quantize="int8", device="cuda")
    with pytest.raises(ConfigError, match="map-reduce"):
        AbstractiveSummarizer(model=str(bart_dir), long_input="drop")
    with pytest.raises(ConfigError, match="generate_kwargs must not set"):
        AbstractiveSummarizer(model=str(bart_dir), generate_kwargs={"max_length": 10})
    with pytest.raises(ConfigError, match="valid devices"):
        AbstractiveSummarizer(model=str(bart_dir), device="tpu").load()


def test_an_unavailable_device_is_a_clear_error(bart_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with pytest.raises(ConfigError, match="not available.*available here: \\['cpu'"):
        AbstractiveSummarizer(model=str(bart_dir), device="cuda").load()


# offline errors -------------------------------------------------------------------------------------
@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("newsml tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_missing_hub_model_fails_at_once_with_instructions(no_network, short):
    with pytest.raises(ModelError) as error:
        newsml.summarize(short[0], method="abstractive", model="newsml-tests/no-such-model", clean=False)
    message = str(error.value)
    assert "newsml-tests/no-such-model" in message and "hf download" in message and "allow_download" in message


def test_allow_download_still_fails_when_the_hub_is_offline(no_network, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="HF_HUB_OFFLINE"):
        AbstractiveSummarizer(model="newsml-tests/no-such-model", allow_download=True).load()


def test_local_paths_that_are_not_checkpoints(tmp_path, no_network):
    with pytest.raises(ModelError, match="does not exist"):
        locate(str(tmp_path / "nothing" / "here"))
    with pytest.raises(ModelError, match="no config.json"):
        locate(str(tmp_path))
    (tmp_path / "weights.bin").write_bytes(b"0")
    with pytest.raises(ModelError, match="is a file"):
        locate(str(tmp_path / "weights.bin"))


def test_a_decoder_only_checkpoint_is_refused(tmp_path, no_network):
    from transformers import GPT2Config, GPT2LMHeadModel

    GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=64, bos_token_id=0,
                               eos_token_id=0)).save_pretrained(tmp_path)
    with pytest.raises(ModelError, match="not a sequence-to-sequence checkpoint"):
        AbstractiveSummarizer(model=str(tmp_path)).load()


@pytest.mark.parametrize("name", sorted(HUB_CONFIGS))
def test_shipped_model_configs(name, tmp_path, no_network):
    summarizer = get_summarizer(CONFIGS / f"{name}.yaml")
    assert isinstance(summarizer, AbstractiveSummarizer)
    assert summarizer.model == HUB_CONFIGS[name]
    assert summarizer.prefix == ("summarize: " if "t5" in name else None)
    if summarizer.max_new_tokens is not None and summarizer.min_new_tokens is not None:
        assert summarizer.min_new_tokens < summarizer.max_new_tokens
    with pytest.raises(ModelError, match=HUB_CONFIGS[name].replace(".", "\\.")):
        locate(summarizer.model, cache_dir=tmp_path)


def test_import_newsml_stays_light():
    code = ("import sys, newsml, newsml.summarization.abstractive as a; a.AbstractiveSummarizer(model='x/y'); "
            "heavy = {'torch', 'transformers'} & set(sys.modules); assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# fine-tuning ----------------------------------------------------------------------------------------
TARGET = "The talks ended. Both sides agreed."


def test_fine_tuning_lowers_the_loss_and_changes_the_output(tmp_path, bart_dir, articles, no_network):
    import yaml

    from newsml.cli import main

    sentences = [s for article in articles for s in Tokenizer().sentences(article)]
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps({"text": s, "summary": TARGET}) + "\n" for s in sentences[:40])
                    + json.dumps({"text": "", "summary": TARGET}) + "\n", encoding="utf-8")
    config = tmp_path / "finetune.yaml"
    config.write_text(yaml.safe_dump({
        "model": str(bart_dir), "data": {"train": str(data), "article_column": "text", "summary_column": "summary"},
        "epochs": 12, "batch_size": 8, "learning_rate": 1.0e-2, "seed": 0}), encoding="utf-8")
    output = tmp_path / "tuned"
    assert main(["train", "abstractive", "--config", str(config), "--output", str(output)]) == 0

    report = json.loads((output / "newsml_training.json").read_text(encoding="utf-8"))
    assert report["final_loss"] < 0.5 * report["initial_loss"]
    assert report["steps"] == 60 and report["data"]["skipped_rows"] == 1
    assert report["history"][-1]["train_loss"] < report["history"][0]["train_loss"]

    probe = sentences[50]
    before = newsml.summarize(probe, method="abstractive", model=str(bart_dir), length=1, clean=False)
    after = newsml.summarize(probe, method="abstractive", model=str(output), length=1, clean=False)
    assert after.sentences != before.sentences
    assert after.sentences == ("The talks ended.", "Both sides agreed.")


def test_training_config_errors_name_the_problem(tmp_path, bart_dir):
    from newsml.summarization.abstractive_training import load_config, train_from_config

    with pytest.raises(ConfigError, match="valid keys"):
        load_config({"model": "x", "data": {"train": "a.jsonl"}, "epochz": 3})
    with pytest.raises(ConfigError, match="data.train"):
        load_config({"model": "x"})
    data = tmp_path / "pairs.jsonl"
    data.write_text(json.dumps({"body": "A sentence.", "reference": "A."}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="columns are \\['body', 'reference'\\]"):
        train_from_config({"model": str(bart_dir), "data": {"train": str(data)}}, output=tmp_path / "out")
    odd = tmp_path / "pairs.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="data.format"):
        train_from_config({"model": str(bart_dir), "data": {"train": str(odd)}}, output=tmp_path / "out")


def test_shipped_training_config_never_sees_test_articles(no_network, monkeypatch):
    from newsml.summarization.abstractive_training import load_config, read_pairs

    monkeypatch.chdir(ROOT)
    config = load_config(ROOT / "configs/training/abstractive-inshorts.yaml")
    assert config["model"] == "sshleifer/distilbart-cnn-6-6"
    data = config["data"]
    train, _, _ = read_pairs(data["train"], data, data["train_split"])
    valid, _, _ = read_pairs(data["validation"], data, data["validation_split"])
    split = json.loads((ROOT / data["split_file"]).read_text(encoding="utf-8"))
    rows = {r["id"]: r["article"].strip() for r in map(json.loads, (ROOT / data["train"]).open(encoding="utf-8"))}
    test_articles = {rows[i] for i in split["test"]["inshorts.jsonl"]}
    assert len(train) + len(valid) == len(split["train"]["inshorts.jsonl"])
    assert not set(train) & set(valid) and not (set(train) | set(valid)) & test_articles


def test_split_file_errors_list_the_valid_parts(tmp_path, no_network):
    from newsml.summarization.abstractive_training import read_pairs

    data = tmp_path / "pairs.jsonl"
    data.write_text(json.dumps({"id": "a", "article": "A.", "reference": "B."}) + "\n", encoding="utf-8")
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"train": {"pairs.jsonl": ["a"]}, "test": {"other.jsonl": "all"}}), encoding="utf-8")
    options = {"format": None, "article_column": "article", "summary_column": "reference", "split_file": str(split),
               "split_part": "dev", "id_column": "id"}
    with pytest.raises(ConfigError, match="parts \\['test', 'train'\\]"):
        read_pairs(data, options, "train")
    with pytest.raises(ConfigError, match="lists no 'test' rows for pairs.jsonl"):
        read_pairs(data, {**options, "split_part": "test"}, "train")
    assert read_pairs(data, {**options, "split_part": "train"}, "train")[0] == ["A."]
