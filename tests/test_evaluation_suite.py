"""Suites: shipped defaults, overrides only where named, clear errors, validation without running."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from evaluation_helpers import tiny_suite
from newsml.cli import main
from newsml.errors import ConfigError
from newsml.evaluation.data import load_dataset
from newsml.evaluation.suite import DEFAULTS, load_suite
from newsml.evaluation.validate import check_suite

ROOT = Path(__file__).resolve().parents[1]


def test_a_suite_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump({"datasets": [{"path": "x.jsonl"}], "bootstrap": {"samples": 50}}))
    suite = load_suite(path)
    assert suite.setting("bootstrap", "samples") == 50
    assert suite.setting("bootstrap", "confidence") == DEFAULTS["bootstrap"]["confidence"]
    assert suite.setting("rouge", "types") == DEFAULTS["rouge"]["types"]
    assert [s.name for s in suite.systems] == ["lead", "textrank", "lexrank", "supervised", "classifier"]
    assert suite.datasets[0].name == "x" and suite.datasets[0].format == "json"


def test_command_line_overrides_merge_into_nested_keys() -> None:
    suite = load_suite({"bootstrap": {"confidence": 0.9}, "datasets": []}, seed=5, bootstrap={"samples": 20})
    assert suite.seed == 5
    assert suite.setting("bootstrap") == {"samples": 20, "confidence": 0.9}


@pytest.mark.parametrize("config, message", [
    ({"sede": 1}, "unknown key 'sede'.*valid keys are"),
    ({"datasets": [{"path": "a.jsonl", "task": "translation"}]}, "unknown task 'translation'.*summarization"),
    ({"datasets": [{"path": "a.jsonl", "colums": {}}]}, "unknown key 'colums'"),
    ({"datasets": [{"path": "a.jsonl", "columns": {"summary": "x"}}]}, "unknown key 'summary'.*article"),
    ({"datasets": [{"path": "a.txt"}]}, "cannot tell the format.*json"),
    ({"systems": [{"name": "x"}]}, "exactly one of 'summarizer', 'classifier' or 'predictions'"),
    ({"systems": [{"summarizer": "lead", "classifier": "default"}]}, "exactly one of"),
    ({"systems": ["lead", "lead"]}, "two systems are named 'lead'"),
    ({"systems": [{"summarizer": "lead", "datasets": ["nope"]}]}, "unknown dataset.*nope"),
    ({"bootstrap": {"samples": 0}}, "samples must be an integer >= 1"),
    ({"bootstrap": {"confidence": 95}}, r"confidence must be in \(0, 1\)"),
    ({"rouge": {"types": ["rouge1", "bleu"]}}, "unknown ROUGE type.*bleu.*rougeLsum"),
    ({"length": "three"}, "length 'three' is not valid"),
    ({"limit": 0}, "limit must be an integer >= 1"),
])
def test_bad_suites_get_errors_that_list_the_options(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_suite(config)


def test_missing_suite_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_suite(tmp_path / "nope.yaml")


def test_relative_paths_resolve_next_to_the_suite(tmp_path: Path) -> None:
    suite_dir = tmp_path / "suites"
    suite_dir.mkdir()
    (suite_dir / "data.jsonl").write_text('{"id": "a", "article": "x", "reference": "y"}\n')
    (suite_dir / "s.yaml").write_text("datasets:\n  - path: data.jsonl\n")
    suite = load_suite(suite_dir / "s.yaml")
    assert Path(suite.datasets[0].path) == suite_dir / "data.jsonl"


def test_column_mapping_several_reference_columns_and_id_selection(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("key,text,ref_a,ref_b\nk1,Article one.,First A.,First B.\nk2,Article two.,Second A.,\n"
                    "k3,Article three.,Third A.,Third B.\n")
    split = tmp_path / "split.json"
    split.write_text('{"test": {"d.csv": ["x:k1", "x:k3", "y:k2"]}}')
    suite = load_suite({"datasets": [{"path": str(path), "columns": {
        "id": "key", "article": "text", "references": ["ref_a", "ref_b"]},
        "ids": {"file": str(split), "key": ["test", "d.csv"], "prefix": "x:"}}]})
    documents = load_dataset(suite.datasets[0]).documents
    assert [d.id for d in documents] == ["k1", "k3"]
    assert documents[0].references == ("First A.", "First B.")
    assert documents[1].article == "Article three."


def test_unknown_column_names_the_available_ones(tmp_path: Path) -> None:
    config = tiny_suite(tmp_path)
    config["datasets"][0]["columns"] = {"article": "body"}
    suite = load_suite(config)
    with pytest.raises(ConfigError, match="column 'body'.*has columns.*'article'"):
        load_dataset(suite.datasets[0])


def test_unknown_gold_label_is_an_error_unless_mapped(tmp_path: Path) -> None:
    (tmp_path / "l.jsonl").write_text('{"id": "a", "text": "x", "lines": [{"text": "x", "label": "kept"}]}\n')
    spec = {"task": "lines", "path": str(tmp_path / "l.jsonl")}
    with pytest.raises(ConfigError, match="unknown gold label 'kept'.*'boilerplate'.*label_map"):
        load_dataset(load_suite({"datasets": [spec]}).datasets[0])
    mapped = load_dataset(load_suite({"datasets": [{**spec, "label_map": {"kept": "story"}}]}).datasets[0])
    assert mapped.documents[0].labels == ("story",)


def test_validate_reports_problems_without_running(tmp_path: Path) -> None:
    config = tiny_suite(tmp_path)
    config["datasets"].append({"name": "gone", "path": str(tmp_path / "missing.jsonl")})
    config["systems"].append({"summarizer": "no-such-method"})
    check = check_suite(load_suite(config))
    assert not check.ok
    assert any("data file not found" in e for e in check.errors)
    assert any("unknown summarisation method 'no-such-method'" in e and "lexrank" in e for e in check.errors)
    assert any("articles: summarization, 4 documents" in f for f in check.facts)


def test_cli_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tiny_suite(tmp_path)
    config["systems"] = ["lead"]
    path = tmp_path / "ok.yaml"
    path.write_text(yaml.safe_dump(config))
    assert main(["eval", str(path), "--validate"]) == 0
    assert "is valid" in capsys.readouterr().out
    config["datasets"][0]["path"] = str(tmp_path / "missing.jsonl")
    path.write_text(yaml.safe_dump(config))
    assert main(["eval", str(path), "--validate"]) == 2


def test_shipped_default_suite_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # its data paths are relative to the repository root
    suite = load_suite(ROOT / "configs/suites/default.yaml")
    check = check_suite(suite, load_data=False)
    assert check.ok, check.errors
    assert {d.task for d in suite.datasets} == {"summarization", "lines"}
    assert not any("bbc_extractive" in d.path for d in suite.datasets)  # extractive refs never mixed in


def test_label_overrides_and_article_crops(tmp_path: Path) -> None:
    lines = ["Menu", "Sign in", "Ceasefire agreed", "Turkey and Russia agreed a ceasefire.", "Advertisement",
             "Patrols start on March 15.", "Share", "Footer", "Copyright"]
    labels = ["boilerplate", "boilerplate", "heading", "story", "boilerplate", "story", "boilerplate",
              "boilerplate", "boilerplate"]
    page = {"id": "p1", "text": "\n".join(lines), "lines": [{"text": t, "label": g} for t, g in zip(lines, labels)]}
    (tmp_path / "pages.jsonl").write_text(json.dumps(page) + "\n")
    (tmp_path / "hand.jsonl").write_text(
        json.dumps({"file": "pages.jsonl", "doc_id": "p1", "index": 4, "label": "ad"}) + "\n"
        + json.dumps({"file": "other.jsonl", "doc_id": "p1", "index": 6, "label": "story"}) + "\n")
    spec = {"task": "lines", "path": str(tmp_path / "pages.jsonl"), "label_overrides": str(tmp_path / "hand.jsonl")}
    whole = load_dataset(load_suite({"datasets": [spec]}).datasets[0]).documents[0]
    assert whole.labels[4] == "ad" and whole.labels[6] == "boilerplate"  # the other file's row is ignored
    cropped = load_dataset(load_suite({"datasets": [{**spec, "crop": 1}]}).datasets[0]).documents[0]
    assert cropped.lines == tuple(lines[1:7])
    assert cropped.text == "\n".join(lines[1:7]) and cropped.labels[3] == "ad"
    with pytest.raises(ConfigError, match="crop must be an integer"):
        load_suite({"datasets": [{**spec, "crop": -1}]})
    with pytest.raises(ConfigError, match="apply to task 'lines' only"):
        load_suite({"datasets": [{"path": "a.jsonl", "crop": 2}]})
