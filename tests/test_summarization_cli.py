"""``newsml summarize``: files, standard input, formats, and one bad file that does not stop the others."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsml.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Russia and Turkey agreed a ceasefire in Idlib on Thursday.\n"
           "The deal followed six hours of talks in Moscow.\nJoint patrols will start on March 15.\n")


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 owners protested on Monday. Police watched.".encode("latin-1"))
    return good, latin, tmp_path / "missing.txt"


def test_text_output_with_headers_and_a_bad_file(files, capsys):
    good, latin, missing = files
    status = main(["summarize", str(good), str(missing), str(latin), "--method", "lead", "--length", "1",
                   "--no-clean"])
    out, err = capsys.readouterr()
    assert status == 1  # one file failed ...
    assert f"==> {good} <==" in out and "Russia and Turkey agreed a ceasefire in Idlib on Thursday." in out
    assert str(missing) in err and str(latin) in err and "not valid utf-8" in err
    assert out.count("==>") == 1  # ... the bad ones are reported, the good one summarised


def test_jsonl_output_and_encoding(files, capsys):
    good, latin, _ = files
    assert main(["summarize", str(good), str(latin), "-m", "textrank", "-l", "40w", "--no-clean",
                 "--format", "jsonl", "--encoding", "latin-1"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in records] == [str(good), str(latin)]
    first = records[0]
    assert first["method"] == "textrank" and first["info"]["length"] == {"words": 40}
    for sentence, (start, end) in zip(first["sentences"], first["spans"]):
        assert ARTICLE[start:end] == sentence


def test_stdin_and_config_path(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    config = ROOT / "configs/summarizers/sumy-edmundson.yaml"
    assert main(["summarize", "-", "--method", str(config), "--length", "2", "--no-clean"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line in ARTICLE for line in lines)


def test_list_and_errors(capsys):
    assert main(["summarize", "--list"]) == 0
    assert "supervised" in capsys.readouterr().out.split()
    assert main(["summarize", "x.txt", "--method", "nope"]) == 2
    assert "valid methods are" in capsys.readouterr().err
    assert main(["summarize", "--method", "lead"]) == 2
    assert "no input" in capsys.readouterr().err
    assert main(["summarize", "x.txt", "--length", "0w"]) == 2
    assert "length" in capsys.readouterr().err
