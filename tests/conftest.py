"""Shared fixtures: paths to the data that ships in the repo; the hypothesis profile."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# The suite must be deterministic: hypothesis draws the same examples on every run and machine (no random
# seed, no example database). HYPOTHESIS_PROFILE=explore searches with fresh random examples.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return EVAL / "data/boilerplate/seeds"


@pytest.fixture(scope="session")
def seeds_labelled() -> list[dict]:
    return read_jsonl(EVAL / "data/boilerplate/seeds_labelled.jsonl")
