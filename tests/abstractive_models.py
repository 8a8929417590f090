"""Tiny randomly initialised seq2seq checkpoints for offline tests (and the shape-true benchmark model).

The tokenizers are trained here with the ``tokenizers`` library on the article sentences of
``eval/data/summaries/xsum_fixture.jsonl``, so no weights or vocabularies are downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval/data/summaries/xsum_fixture.jsonl"


def corpus_texts(path: Path = CORPUS) -> list[str]:
    """Articles and references of a jsonl file, one string each."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["article"] for r in rows] + [r["reference"] for r in rows]


def bpe_tokenizer(texts: list[str], vocab_size: int = 800, model_max_length: int = 128,
                  pad_to: int | None = None) -> Any:
    """A BART-style tokenizer (``<s> ... </s>``; ids 0-4 are ``<s> <pad> </s> <unk> <mask>``).

    SentencePiece-style BPE (metaspace word boundaries) so every generated id decodes to valid text.
    ``pad_to`` adds unused tokens until the vocabulary has that size (for shape-true benchmark models).
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
                                  show_progress=False)
    tok.train_from_iterator(texts, trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", mask_token="<mask>", model_max_length=model_max_length)
    if pad_to is not None and len(fast) < pad_to:
        fast.add_tokens([f"<unused{i}>" for i in range(pad_to - len(fast))])
    return fast


def unigram_tokenizer(texts: list[str], vocab_size: int = 600, model_max_length: int = 128) -> Any:
    """A T5-style tokenizer (``... </s>``; ids 0-2 are ``<pad> </s> <unk>``), Unigram with metaspace."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=["<pad>", "</s>", "<unk>"],
                                      unk_token="<unk>", show_progress=False)
    tok.train_from_iterator(texts, trainer)
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", 1)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="</s>", pad_token="<pad>", unk_token="<unk>",
                                   model_max_length=model_max_length)


def tiny_bart(directory: Path, tokenizer: Any, positions: int = 128, d_model: int = 32, seed: int = 0) -> Path:
    """Save a 2+2-layer random BART with ``tokenizer`` to ``directory``."""
    from transformers import BartConfig, BartForConditionalGeneration

    config = BartConfig(vocab_size=len(tokenizer), d_model=d_model, encoder_layers=2, decoder_layers=2,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=2 * d_model,
                        decoder_ffn_dim=2 * d_model, max_position_embeddings=positions, pad_token_id=1,
                        bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    return _save(directory, BartForConditionalGeneration, config, tokenizer, seed)


def tiny_t5(directory: Path, tokenizer: Any, prefix: str = "summarize: ", seed: int = 0) -> Path:
    """Save a 2+2-layer random T5 whose config carries the summarisation prefix, as t5-small's does."""
    from transformers import T5Config, T5ForConditionalGeneration

    config = T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=64, num_layers=2, num_decoder_layers=2,
                      num_heads=4, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
                      task_specific_params={"summarization": {"prefix": prefix}})
    return _save(directory, T5ForConditionalGeneration, config, tokenizer, seed)


def distilbart_shaped(directory: Path, tokenizer: Any, encoder_layers: int = 6, decoder_layers: int = 6,
                      seed: int = 0) -> Path:
    """A random BART of sshleifer/distilbart-cnn-6-6's shape: d_model 1024, ffn 4096, 16 heads, vocab 50264,
    6 encoder and 6 decoder layers (12 encoder layers give distilbart-cnn-12-6's shape)."""
    from transformers import BartConfig, BartForConditionalGeneration

    config = BartConfig(vocab_size=50264, d_model=1024, encoder_layers=encoder_layers, decoder_layers=decoder_layers,
                        encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096,
                        decoder_ffn_dim=4096, max_position_embeddings=1024, pad_token_id=1, bos_token_id=0,
                        eos_token_id=2, decoder_start_token_id=2)
    return _save(directory, BartForConditionalGeneration, config, tokenizer, seed)


def _save(directory: Path, klass: Any, config: Any, tokenizer: Any, seed: int) -> Path:
    import torch

    torch.manual_seed(seed)
    model = klass(config)
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
