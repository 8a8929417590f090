"""Abstractive summaries from any Hugging Face seq2seq checkpoint (BART, PEGASUS, T5 / flan-T5, mBART).

>>> s = AbstractiveSummarizer(model="path/to/distilbart-cnn-6-6")   # or a cached hub id
>>> s.summarize(article_text, length=3, clean=False).sentences        # doctest: +SKIP
('Turkey and Russia agreed a ceasefire in Idlib.', ...)

How it works

* The model is loaded offline first (see :mod:`newsml.summarization.hf`); a missing one fails at once
  with an error that says how to get it.
* The article's candidate sentences (cleaned first when ``clean=True``) are joined with spaces and
  prefixed with the task prefix (``"summarize: "`` for T5, read from the checkpoint's config when
  ``prefix`` is None).
* **Length.** ``length`` sets the generation budget: k sentences (or a ratio, turned into k sentences of
  the article) give ``max_new_tokens = k * TOKENS_PER_SENTENCE``; a word budget n gives
  ``max_new_tokens = ceil(n * TOKENS_PER_WORD)``; ``min_new_tokens`` is ``MIN_FRACTION`` of that.
  ``min_new_tokens`` / ``max_new_tokens`` given as parameters (as the model-card configs in
  ``configs/summarizers/`` do) take precedence over ``length``. ``info`` records the values used.
* **Long articles** (``long_input="map-reduce"``, the default): when the input does not fit the model
  (``max_input_tokens``, by default the model's own limit), it is cut into chunks at sentence boundaries,
  every chunk is summarised (in at most a third of the input budget), and the joined chunk summaries are
  summarised again, repeating until they fit. ``info["chunks"]`` lists the chunks per round. After
  ``MAX_ROUNDS`` rounds, or with ``long_input="truncate"``, the input is cut to fit instead, and
  ``info["truncated_tokens"]`` counts what was cut. Nothing is cut silently.
* The generated text (PEGASUS's ``<n>`` read as a line break) is split into sentences by the newsml
  :class:`~newsml.text.Tokenizer`; ``Summary.spans`` is ``None`` for each generated sentence.
* **Batching.** :meth:`AbstractiveSummarizer.summarize_many` reads documents in blocks, sorts the
  model inputs of a block by length and generates ``batch_size`` at a time.
* ``device`` is ``"cpu"`` (default), ``"cuda"``, ``"cuda:N"``, ``"mps"`` or ``"auto"``;
  ``quantize="int8"`` applies dynamic int8 quantisation to every linear layer (CPU only). Generation runs
  under ``torch.inference_mode`` with ``torch.manual_seed(seed)`` before every ``generate`` call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from newsml.errors import ConfigError, DocumentError, InputError, check_on_error
from newsml.summarization.base import Document, Summarizer
from newsml.summarization.chunking import chunk_sentences
from newsml.summarization.length import Length
from newsml.text import DEFAULT_TOKENIZER, Tokenizer
from newsml.types import Article, Summary

TOKENS_PER_WORD = 1.35
"""Subword tokens per English word for BPE / SentencePiece news vocabularies (about 1.3 to 1.4)."""

TOKENS_PER_SENTENCE = 30
"""Tokens per summary sentence: about 22 words, the length of a news summary sentence."""

MIN_FRACTION = 0.5
"""``min_new_tokens`` as a fraction of ``max_new_tokens`` when both come from ``length``."""

MAX_ROUNDS = 6
"""Map-reduce rounds before the remaining input is truncated (and the truncation recorded)."""

DEFAULT_MAX_INPUT = 512
"""Input limit used when neither the tokenizer nor the model config states one."""

LONG_INPUT = ("map-reduce", "truncate")
"""Valid ``long_input`` options."""


_OWN_KEYS = frozenset({"num_beams", "length_penalty", "no_repeat_ngram_size", "early_stopping", "min_new_tokens",
                       "max_new_tokens", "max_length", "min_length"})


def token_budget(length: Length, n_sentences: int) -> tuple[int, int]:
    """``(min_new_tokens, max_new_tokens)`` for a length spec and an article of ``n_sentences``.

    >>> token_budget(Length.parse(3), 20)
    (45, 90)
    >>> token_budget(Length.parse("60w"), 20)
    (41, 81)
    """
    if length.kind == "words":
        maximum = math.ceil(length.value * TOKENS_PER_WORD)
    else:
        maximum = max(1, length.sentence_count(max(1, n_sentences))) * TOKENS_PER_SENTENCE
    return max(1, math.ceil(MIN_FRACTION * maximum)), maximum


@dataclass
class _Job:
    """One document on its way through map-reduce."""

    index: int
    units: list[str]
    lengths: tuple[int, int]
    info: dict[str, Any]
    rounds: int = 0
    result: str | None = None
    chunks: list[int] = field(default_factory=list)


class AbstractiveSummarizer(Summarizer):
    """Summarise with a Hugging Face seq2seq model and ``generate``.

    Parameters
    ----------
    model:
        A local checkpoint directory or a hub id already in the Hugging Face cache.
    prefix:
        Text put before every input (``"summarize: "`` for T5). None: the checkpoint's
        ``task_specific_params.summarization.prefix`` if it has one, else no prefix.
    num_beams, length_penalty, no_repeat_ngram_size, early_stopping:
        Beam search settings; the defaults are the CNN/DailyMail settings of BART.
    min_new_tokens, max_new_tokens:
        Fixed generation lengths; None derives them from ``length`` (see the module docstring).
    generate_kwargs:
        Further ``generate`` arguments (``repetition_penalty``, ``do_sample``, ``top_p``,
        ``forced_bos_token_id`` for mBART, ...).
    max_input_tokens:
        Input tokens per model call, prefix and special tokens included; None: the model's limit.
    long_input:
        ``"map-reduce"`` (chunk and summarise the chunk summaries) or ``"truncate"``.
    batch_size:
        Model inputs per ``generate`` call.
    device:
        ``"cpu"``, ``"cuda"``, ``"cuda:N"``, ``"mps"`` or ``"auto"``.
    quantize:
        None or ``"int8"`` (dynamic quantisation of the linear layers, CPU only).
    seed:
        Seed set before every ``generate`` call.
    revision:
        Hub revision (branch, tag or commit) of a hub id.
    allow_download:
        Let transformers download a hub id that is not cached (ignored when ``HF_HUB_OFFLINE`` is set).
    tokenizer:
        The newsml :class:`~newsml.text.Tokenizer` that segments input and output into sentences.
    """

    name = "abstractive"

    def __init__(self, model: str = "sshleifer/distilbart-cnn-12-6", prefix: str | None = None, num_beams: int = 4,
                 length_penalty: float = 2.0, no_repeat_ngram_size: int = 3, early_stopping: bool = True,
                 min_new_tokens: int | None = None, max_new_tokens: int | None = None,
                 generate_kwargs: Mapping[str, Any] | None = None, max_input_tokens: int | None = None,
                 long_input: str = "map-reduce", batch_size: int = 8, device: str = "cpu",
                 quantize: str | None = None, seed: int = 0, revision: str | None = None,
                 allow_download: bool = False, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        super().__init__(tokenizer)
        self.model = model
        self.prefix = prefix
        self.num_beams = num_beams
        self.length_penalty = length_penalty
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.early_stopping = early_stopping
        self.min_new_tokens = min_new_tokens
        self.max_new_tokens = max_new_tokens
        self.generate_kwargs = generate_kwargs
        self.max_input_tokens = max_input_tokens
        self.long_input = long_input
        self.batch_size = batch_size
        self.device = device
        self.quantize = quantize
        self.seed = seed
        self.revision = revision
        self.allow_download = allow_download
        self._check_params()

    def _check_params(self) -> None:
        from newsml.summarization.hf import check_quantize

        if self.long_input not in LONG_INPUT:
            raise ConfigError(f"unknown long_input {self.long_input!r}; valid options are {list(LONG_INPUT)}")
        for name in ("num_beams", "batch_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be an int >= 1, got {value!r}")
        for name in ("min_new_tokens", "max_new_tokens", "max_input_tokens"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ConfigError(f"{name} must be None or an int >= 1, got {value!r}")
        if self.prefix is not None and not isinstance(self.prefix, str):
            raise ConfigError(f"prefix must be a string or None, not {self.prefix!r}")
        clash = sorted(_OWN_KEYS & set(self.generate_kwargs or {}))
        if clash:
            raise ConfigError(f"generate_kwargs must not set {clash}: they are parameters of the summariser "
                              "(min_new_tokens/max_new_tokens replace min_length/max_length)")
        check_quantize(self.quantize, self.device)

    # loading ----------------------------------------------------------------------------------------
    def load(self) -> "AbstractiveSummarizer":
        """Load the model now (it is otherwise loaded on first use); returns ``self``."""
        from newsml.summarization.hf import load_seq2seq

        if getattr(self, "model_", None) is None:
            net, tokenizer = load_seq2seq(self.model, self.revision, self.allow_download, self.device, self.quantize)
            if tokenizer.pad_token is None and tokenizer.eos_token is not None:
                tokenizer.pad_token = tokenizer.eos_token  # batching needs a pad token; the mask hides it
            self.model_, self.hf_tokenizer_ = net, tokenizer
            self.prefix_ = self.prefix if self.prefix is not None else _config_prefix(net.config)
            self.max_input_tokens_ = self._input_limit(net, tokenizer)
            self.max_output_tokens_ = _output_limit(net.config)
            self.overhead_ = len(tokenizer(self.prefix_)["input_ids"]) if self.prefix_ else \
                len(tokenizer("")["input_ids"])
            if self.max_input_tokens_ - self.overhead_ < 8:
                raise ConfigError(f"max_input_tokens={self.max_input_tokens_} leaves no room for text after the "
                                  f"prefix {self.prefix_!r} and special tokens ({self.overhead_} tokens)")
        return self

    def _input_limit(self, net: Any, tokenizer: Any) -> int:
        limits = [int(v) for v in (getattr(net.config, "max_position_embeddings", None),
                                   getattr(tokenizer, "model_max_length", None)) if v and v < 1_000_000]
        if self.max_input_tokens is None:
            return min(limits) if limits else DEFAULT_MAX_INPUT
        positions = getattr(net.config, "max_position_embeddings", None)
        if positions and self.max_input_tokens > positions:
            raise ConfigError(f"max_input_tokens={self.max_input_tokens} exceeds the model's "
                              f"{positions} position embeddings")
        return self.max_input_tokens

    # public API -------------------------------------------------------------------------------------
    def summarize_document(self, document: Document, length: Length) -> Summary:
        """Summarise one prepared :class:`Document`."""
        return self._summarize_block([document], length)[0]

    def summarize_many(self, texts: Iterable[str | bytes | Article], length: Any = 3, clean: bool = True, *,
                       on_error: str = "report") -> Iterator[Summary]:
        """Summarise a stream of articles, batching model calls across documents.

        Documents are read in blocks of ``4 * batch_size``; results come in input order. A document that
        cannot be read gives a :class:`~newsml.errors.DocumentError` with its index: raised (after the
        summaries before it) with ``on_error="raise"``, or yielded in its place with ``on_error="report"`` while
        the other documents go on.
        """
        check_on_error(on_error)
        spec = Length.parse(length)
        block: list[tuple[int, Document | DocumentError]] = []
        for index, text in enumerate(texts):
            try:
                block.append((index, Document.from_text(text, clean=clean, tokenizer=self.tokenizer)))
            except InputError as error:  # a document that cannot be read: reported, the others go on
                failure = DocumentError(index, error)
                failure.__cause__ = error
                block.append((index, failure))
            if len(block) >= 4 * self.batch_size:
                yield from self._flush(block, spec, on_error)
                block = []
        yield from self._flush(block, spec, on_error)

    def _flush(self, block: list[tuple[int, Any]], spec: Length, on_error: str) -> Iterator[Any]:
        documents = [item for _, item in block if isinstance(item, Document)]
        summaries = iter(self._summarize_block(documents, spec)) if documents else iter(())
        for _, item in block:
            if isinstance(item, DocumentError):
                if on_error == "raise":
                    raise item
                yield item
            else:
                yield next(summaries)

    # map-reduce -------------------------------------------------------------------------------------
    def _summarize_block(self, documents: list[Document], length: Length) -> list[Summary]:
        jobs = [self._job(i, doc, length) for i, doc in enumerate(documents)]
        active = [job for job in jobs if job.units]
        while active:
            requests: list[tuple[_Job, str, tuple[int, int], bool]] = []
            for job in active:
                requests.extend(self._requests(job))
            outputs = self._generate([(text, lengths) for _, text, lengths, _ in requests])
            finished: dict[int, list[str]] = {}
            for (job, _, _, final), output in zip(requests, outputs):
                job.info["truncated_tokens"] += output.truncated
                if final:
                    job.result = output.text
                    job.info["generated_tokens"] = output.generated
                    if job.rounds == 0:
                        job.info["input_tokens"] = output.input_tokens
                else:
                    finished.setdefault(job.index, []).append(output.text)
                    if job.rounds == 0:
                        job.info["input_tokens"] += output.input_tokens
            for job in active:
                if job.result is None:
                    job.units = [s for piece in finished[job.index] for s in self.tokenizer.sentences(piece)] or \
                        [" ".join(finished[job.index]).strip() or "."]
                    job.rounds += 1
            active = [job for job in active if job.result is None]
        return [self._summary(job) for job in jobs]

    def _job(self, index: int, document: Document, length: Length) -> _Job:
        self.load()
        minimum, maximum = token_budget(length, len(document))
        source = "length"
        if self.max_new_tokens is not None:
            maximum, source = self.max_new_tokens, "params"
        if self.min_new_tokens is not None:
            minimum, source = self.min_new_tokens, "params"
        info: dict[str, Any] = {"length": length.to_dict(), "n_sentences": len(document), **document.info,
                                "model": str(self.model), "device": str(_device_of(self.model_)),
                                "quantize": self.quantize, "length_source": source}
        if self.max_output_tokens_ and maximum > self.max_output_tokens_:
            info["max_new_tokens_capped_from"] = maximum
            maximum = self.max_output_tokens_
        minimum = min(minimum, maximum)
        info.update(min_new_tokens=minimum, max_new_tokens=maximum, long_input=self.long_input,
                    max_input_tokens=self.max_input_tokens_, input_tokens=0, truncated_tokens=0,
                    split_sentences=0, generated_tokens=0)
        return _Job(index, document.sentences, (minimum, maximum), info)

    def _requests(self, job: _Job) -> list[tuple[_Job, str, tuple[int, int], bool]]:
        budget = self.max_input_tokens_ - self.overhead_
        if self.long_input == "truncate":
            return [(job, " ".join(job.units), job.lengths, True)]
        chunks, n_split = chunk_sentences(self.hf_tokenizer_, job.units, budget)
        if job.rounds == 0:
            job.info["split_sentences"] = n_split
        if len(chunks) == 1 or job.rounds >= MAX_ROUNDS:
            return [(job, " ".join(chunks), job.lengths, True)]
        job.chunks.append(len(chunks))
        chunk_max = min(job.lengths[1], max(1, budget // 3))
        chunk_lengths = (min(job.lengths[0], max(1, chunk_max // 2)), chunk_max)
        return [(job, chunk, chunk_lengths, False) for chunk in chunks]

    def _summary(self, job: _Job) -> Summary:
        info = {**job.info, "chunks": job.chunks, "rounds": len(job.chunks)}
        if job.result is None:  # an article with no sentences: nothing to summarise
            return Summary((), self.name, (), info)
        sentences = tuple(self.tokenizer.sentences(job.result))
        return Summary(sentences, self.name, (None,) * len(sentences), info)

    # generation -------------------------------------------------------------------------------------
    def _generate(self, requests: list[tuple[str, tuple[int, int]]]) -> list["_Output"]:
        """Generate for ``(text, (min_new, max_new))`` requests, batched by settings and sorted by length."""
        import torch

        tokenizer, net, limit = self.hf_tokenizer_, self.model_, self.max_input_tokens_
        encoded = tokenizer([self.prefix_ + text for text, _ in requests], verbose=False)["input_ids"]
        order = sorted(range(len(requests)), key=lambda i: (requests[i][1], -len(encoded[i])))
        outputs: list[_Output] = [_Output("", 0, 0, 0)] * len(requests)
        device = _device_of(net)
        pad = tokenizer.pad_token_id
        start = 0
        while start < len(order):
            lengths = requests[order[start]][1]
            batch = [i for i in order[start:start + self.batch_size] if requests[i][1] == lengths]
            start += len(batch)
            rows = [_fit(encoded[i], limit) for i in batch]
            inputs = tokenizer.pad({"input_ids": rows}, return_tensors="pt")
            inputs = {key: value.to(device) for key, value in inputs.items()}
            torch.manual_seed(self.seed)
            with torch.inference_mode():
                generated = net.generate(**inputs, **self._generation_kwargs(*lengths))
            texts = tokenizer.batch_decode(generated, skip_special_tokens=True)
            start_token = getattr(net.config, "decoder_start_token_id", None)
            for i, row, text in zip(batch, generated.tolist(), texts):
                produced = [t for t in row if t != pad and t != start_token] if pad is not None else row
                outputs[i] = _Output(text.replace("<n>", "\n").strip(), len(encoded[i]),
                                     max(0, len(encoded[i]) - limit), len(produced))
        return outputs

    def _generation_kwargs(self, minimum: int, maximum: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"num_beams": self.num_beams, "min_new_tokens": minimum, "max_new_tokens": maximum,
                                  "no_repeat_ngram_size": self.no_repeat_ngram_size}
        if self.num_beams > 1:
            kwargs.update(length_penalty=self.length_penalty, early_stopping=self.early_stopping)
        kwargs.update(self.generate_kwargs or {})
        return kwargs


@dataclass(frozen=True)
class _Output:
    text: str
    input_tokens: int
    truncated: int
    generated: int


def _fit(ids: list[int], limit: int) -> list[int]:
    """Cut an encoded input to ``limit`` tokens, keeping its final special token (EOS)."""
    return ids if len(ids) <= limit else ids[: limit - 1] + ids[-1:]


def _device_of(net: Any) -> Any:
    import torch

    for parameter in net.parameters():
        return parameter.device
    return torch.device("cpu")


def _config_prefix(config: Any) -> str:
    params = getattr(config, "task_specific_params", None) or {}
    return str((params.get("summarization") or {}).get("prefix") or "")


def _output_limit(config: Any) -> int | None:
    """The most tokens the decoder can produce (learned position embeddings), or None (no fixed limit)."""
    positions = getattr(config, "max_position_embeddings", None)
    return int(positions) - 2 if positions else None
