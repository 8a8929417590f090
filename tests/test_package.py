"""Package-level promises: light import, lazy heavy modules, the CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import newsml


def _run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_import_is_light():
    loaded = json.loads(_run_python(
        "import sys, json, newsml; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"))
    for heavy in ("torch", "transformers", "sklearn", "pandas", "scipy"):
        assert heavy not in loaded, f"import newsml imported {heavy}"


def test_public_api_names():
    import newsml

    assert newsml.LABELS == ("story", "heading", "ad", "caption", "related", "other")
    for name in ("clean", "clean_many", "load_classifier", "LineClassifier", "RuleClassifier", "summarize",
                 "summarizers", "Article", "Line", "Summary", "Tokenizer"):
        assert hasattr(newsml, name), name


def test_cli_clean_formats(seeds_dir, tmp_path):
    seed = str(seeds_dir / "global_news_idlib.txt")
    text = subprocess.run([sys.executable, "-m", "newsml", "clean", seed], check=True, capture_output=True,
                          text=True).stdout
    assert "MOSCOW \u2014 Turkey and Russia agreed" in text and "Story continues below advertisement" not in text
    marked = subprocess.run([sys.executable, "-m", "newsml", "clean", "--format", "marked", seed], check=True,
                            capture_output=True, text=True).stdout
    assert "[ad] Story continues below advertisement" in marked
    records = [json.loads(line) for line in subprocess.run(
        [sys.executable, "-m", "newsml", "clean", "--format", "jsonl", "--keep", "story", seed],
        check=True, capture_output=True, text=True).stdout.splitlines()]
    assert {"text", "label", "start", "end", "probabilities", "kept"} <= set(records[0])
    assert all(record["kept"] == (record["label"] == "story") for record in records)


def test_cli_reports_a_bad_file_and_goes_on(seeds_dir, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe caf\xe9")
    result = subprocess.run([sys.executable, "-m", "newsml", "clean", str(bad), str(tmp_path / "missing.txt"),
                             str(seeds_dir / "aljazeera_idlib.txt")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "bad.txt" in result.stderr and "missing.txt" in result.stderr
    assert "Turkish and Russian officials" in result.stdout


def test_cli_rejects_unknown_keep_label(seeds_dir):
    result = subprocess.run([sys.executable, "-m", "newsml", "clean", "--keep", "story,bogus",
                             str(seeds_dir / "aljazeera_idlib.txt")], capture_output=True, text=True)
    assert result.returncode == 2 and "valid labels" in result.stderr


def test_cli_thresholds_apply_to_a_copy_of_the_model(seeds_dir, capsys):
    from newsml.cli import main

    seed = str(seeds_dir / "global_news_idlib.txt")
    shipped = newsml.load_classifier()
    before = (shipped.keep_threshold, shipped.page_keep_threshold)
    assert main(["clean", "--format", "jsonl", "--residue-threshold", "0", "--page-threshold", "0", seed]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all(record["kept"] for record in records)  # a threshold of 0 keeps every line
    assert (shipped.keep_threshold, shipped.page_keep_threshold) == before  # the shared model is untouched
    assert main(["clean", "--format", "jsonl", seed]) == 0
    assert not all(json.loads(line)["kept"] for line in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_cli_rejects_a_threshold_that_is_not_a_probability(seeds_dir, value, capsys):
    from newsml.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["clean", "--page-threshold", value, str(seeds_dir / "aljazeera_idlib.txt")])
    assert exit_info.value.code == 2 and "probability" in capsys.readouterr().err
