"""A small suite run end to end: failures recorded, numbers reproducible, run folder complete."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from evaluation_helpers import tiny_suite
from newsml.cli import main
from newsml.evaluation.report import write_report
from newsml.evaluation.results import numbers, to_json
from newsml.evaluation.runner import run_suite
from newsml.evaluation.suite import load_suite
from newsml.evaluation.table import render_text, results_table


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tiny")
    suite = load_suite(tiny_suite(folder))
    return run_suite(suite, progress=False), folder


def test_every_system_runs_on_the_datasets_of_its_task(run) -> None:
    result, _ = run
    assert sorted(result.runs) == sorted([
        ("articles", "lead"), ("articles", "textrank"), ("articles", "external"), ("articles", "missing-method"),
        ("pages", "gold-ish"),
    ])


def test_failures_are_recorded_and_the_run_goes_on(run) -> None:
    result, _ = run
    lead = result.runs[("articles", "lead")]
    assert lead.n_documents == 4 and lead.n_failed == 1
    assert "no reference summary" in lead.failures()[0][1]
    external = result.runs[("articles", "external")]
    errors = dict(external.failures())
    assert "no prediction for document 'vote'" in errors[2]
    assert external.n_failed == 2 and external.aggregates["rouge1_f"].n == 2
    broken = result.runs[("articles", "missing-method")]
    assert broken.n_failed == 4 and "unknown summarisation method 'no-such-method'" in broken.error
    table = render_text(results_table(result, "articles"))
    assert "1/4" in table and "4/4" in table and "could not run" in table


def test_scores_are_the_per_document_means(run) -> None:
    result, _ = run
    lead = result.runs[("articles", "lead")]
    per_document = [s["rouge2_f"] for s in lead.scores if s is not None]
    assert lead.aggregates["rouge2_f"].estimate == pytest.approx(sum(per_document) / 3)
    first = lead.outcomes[0].output
    assert first.sentences == ("Advertisement",)  # lead-1 on uncleaned text (clean: false in the suite)
    assert lead.scores[0]["rouge1_f"] == 0.0


def test_line_predictions_are_scored_against_gold(run) -> None:
    result, _ = run
    gold = result.runs[("pages", "gold-ish")]
    assert result.spaces["pages"] == ("story", "heading", "ad", "caption", "related", "other")
    # 4 gold boilerplate lines, the related one predicted story: boilerplate R = 3/4, P = 1; story P = 2/3
    assert gold.aggregates["boilerplate_r"].estimate == pytest.approx(3 / 4)
    assert gold.aggregates["boilerplate_p"].estimate == pytest.approx(1.0)
    assert gold.aggregates["story_p"].estimate == pytest.approx(2 / 3)
    assert gold.aggregates["story_recall"].estimate == 1.0
    assert sum(map(sum, gold.confusion)) == 7


def test_paired_tests_between_every_pair_of_scored_systems(run) -> None:
    result, _ = run
    pairs = {(c["a"], c["b"]) for c in result.comparisons["articles"]}
    assert pairs == {("lead", "textrank"), ("lead", "external"), ("textrank", "external")}
    for comparison in result.comparisons["articles"]:
        assert 0 < comparison["p_value"] <= 1
        assert comparison["n"] == (2 if "external" in (comparison["a"], comparison["b"]) else 3)


def test_same_suite_and_seed_give_identical_numbers(run) -> None:
    result, folder = run
    again = run_suite(load_suite(tiny_suite(folder)), progress=False)
    assert numbers(to_json(again)) == numbers(to_json(result))
    parallel = run_suite(load_suite({**tiny_suite(folder), "workers": 2}), progress=False)
    assert numbers(to_json(parallel))["results"] == numbers(to_json(result))["results"]
    reseeded = run_suite(load_suite({**tiny_suite(folder), "seed": 8}), progress=False)
    first = to_json(result)["results"][0]["aggregates"]["rouge1_f"]
    second = to_json(reseeded)["results"][0]["aggregates"]["rouge1_f"]
    assert first["mean"] == second["mean"] and (first["low"], first["high"]) != (second["low"], second["high"])


def test_run_folder_holds_results_markdown_and_html(run, tmp_path: Path) -> None:
    result, folder = run
    paths = write_report(result, tmp_path / "out")
    record = json.loads(paths["results"].read_text(encoding="utf-8"))
    data = folder / "articles.jsonl"
    assert record["datasets"]["articles"]["fingerprint"]["files"][str(data)] == \
        hashlib.sha256(data.read_bytes()).hexdigest()
    assert record["config"]["seed"] == 7 and record["config"]["bootstrap"]["samples"] == 200
    assert record["versions"]["rouge-score"] and record["versions"]["python"]
    assert "git" in record and "machine" in record
    docs = record["documents"]["articles"]
    assert docs[0]["id"] == "truce" and docs[0]["outputs"]["lead"]["summary"] == ["Advertisement"]
    assert "error" in docs[2]["outputs"]["external"]
    assert {r["system"] for r in record["results"]} >= {"lead", "external", "gold-ish"}
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "| lead |" in markdown and "### Paired bootstrap tests" in markdown
    assert "no prediction for document 'vote'" in markdown
    page = paths["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page
    assert "<mark>" in page and "http://" not in page and "https://" not in page


def test_cli_runs_a_suite_and_prints_where_the_report_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tiny_suite(tmp_path)
    config["systems"] = ["lead", {"name": "external", "predictions": str(tmp_path / "predictions.jsonl")}]
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(config))
    out = tmp_path / "run"
    assert main(["eval", str(path), "--output", str(out), "--limit", "2", "--no-progress", "--samples", "50"]) == 0
    printed = capsys.readouterr().out
    assert f"report:  {out / 'report.html'}" in printed
    assert "articles (summarization, 2 documents)" in printed
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert record["config"]["bootstrap"]["samples"] == 50
    assert main(["eval", str(path), "--systems", "nope", "--no-progress"]) == 2


def test_a_dataset_that_cannot_be_read_is_recorded_and_the_others_run(tmp_path: Path) -> None:
    config = tiny_suite(tmp_path)
    config["systems"] = ["lead"]
    config["datasets"].insert(0, {"name": "gone", "path": str(tmp_path / "missing.jsonl")})
    result = run_suite(load_suite(config), progress=False)
    assert "data file not found" in result.dataset_errors["gone"]
    assert result.runs[("articles", "lead")].n_documents == 4
    record = to_json(result)
    assert record["datasets"]["gone"]["error"] and record["datasets"]["gone"]["documents"] == 0
