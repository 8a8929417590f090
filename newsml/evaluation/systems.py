"""The systems a suite evaluates: newsml summarisers, newsml line classifiers, and precomputed outputs.

Every system turns a batch of documents into one :class:`Outcome` per document; a document that fails
gets its error and the others go on. A system that cannot be built at all (an unknown method, a missing
module or model) raises from :meth:`System.load`, and the runner records that error for every document.

>>> from newsml.evaluation.suite import load_suite
>>> suite = load_suite({"datasets": [{"path": "d.jsonl"}], "systems": [{"summarizer": "lead", "length": 1}]})
>>> system = build_system(suite.systems[0], suite)
>>> type(system).__name__, system.length, system.clean
('SummarizerSystem', 1, True)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from newsml.errors import ConfigError
from newsml.evaluation.data import Document, LinesDocument, SummaryDocument
from newsml.evaluation.suite import Suite, SystemSpec
from newsml.types import Summary


@dataclass(frozen=True)
class Outcome:
    """What a system produced for one document: ``output`` (a :class:`Summary` or a tuple of line labels)
    or the ``error`` message that stopped it."""

    output: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the document succeeded."""
        return self.error is None


def describe(error: BaseException) -> str:
    """``"Type: message"``, the form errors are recorded in."""
    return f"{type(error).__name__}: {error}"


class System(ABC):
    """A named system of one task; :meth:`load` builds it, :meth:`predict` runs it on a batch."""

    def __init__(self, spec: SystemSpec):
        self.spec = spec
        self.name = spec.name
        self.task = spec.task

    @abstractmethod
    def load(self) -> None:
        """Build the system (import modules, read models or files); raises if it cannot run at all."""

    @abstractmethod
    def predict_one(self, document: Document) -> Any:
        """The output for one document (raises on failure)."""

    def predict(self, documents: Sequence[Document]) -> list[Outcome]:
        """One :class:`Outcome` per document, in order; errors are caught per document."""
        outcomes = []
        for document in documents:
            try:
                outcomes.append(Outcome(self.predict_one(document)))
            except Exception as error:  # one bad document must not stop the run
                outcomes.append(Outcome(error=describe(error)))
        return outcomes


class SummarizerSystem(System):
    """A newsml summariser by method name or config (``summarizer:``), run with the suite's length."""

    def __init__(self, spec: SystemSpec, length: Any, clean: bool):
        super().__init__(spec)
        self.length = length
        self.clean = clean
        self.summarizer: Any = None

    def load(self) -> None:
        from newsml.summarization.api import get_summarizer

        self.summarizer = get_summarizer(self.spec.target, **self.spec.params)

    def predict_one(self, document: Document, prepared: Any = None) -> Summary:
        assert isinstance(document, SummaryDocument)
        if isinstance(prepared, BaseException):
            raise prepared
        source = prepared if prepared is not None else document.article
        return self.summarizer.summarize(source, length=self.length, clean=self.clean)

    def predict(self, documents: Sequence[Document], prepared: Sequence[Any] | None = None) -> list[Outcome]:
        """Summarise the batch with ``summarize_many`` (batching methods are faster); if it fails, redo
        the batch one document at a time so that only the bad documents fail.

        ``prepared[i]``, when given, is document i already cleaned (an :class:`~newsml.types.Article`, the
        same input ``summarize(text, clean=True)`` would make) or the exception cleaning raised.
        """
        inputs = list(prepared) if prepared is not None else [doc.article for doc in documents]  # type: ignore[union-attr]
        batch_error: BaseException = RuntimeError("an input of the batch could not be cleaned")
        if not any(isinstance(item, BaseException) for item in inputs):
            try:
                summaries = list(self.summarizer.summarize_many(inputs, length=self.length, clean=self.clean))
                if len(summaries) == len(documents):
                    return [Outcome(summary) for summary in summaries]
            except Exception as error:  # fall back to one document at a time to find the failing ones
                batch_error = error
        pairs = list(zip(documents, inputs))
        results = one_by_one(pairs, lambda pair: self.predict_one(*pair), batch_error)
        return [Outcome(error=describe(r)) if isinstance(r, BaseException) else Outcome(r) for r in results]


class ClassifierSystem(System):
    """A newsml line classifier: ``default`` (the shipped model), ``rules``, or a model file path."""

    def __init__(self, spec: SystemSpec, base: Path = Path(".")):
        super().__init__(spec)
        self.base = base
        self.classifier: Any = None
        self._clean: Callable[..., Any] | None = None

    def load(self) -> None:
        from newsml.cleaning.api import clean, load_classifier

        target = str(self.spec.target)
        if target == "default":
            self.classifier = load_classifier(None)
        elif target == "rules":
            from newsml.cleaning.frame import lines_frame
            from newsml.cleaning.rules import RuleClassifier

            self.classifier = RuleClassifier(**self.spec.params).fit(lines_frame([["newsml"]]))  # learns nothing
        else:
            from newsml.evaluation.suite import locate

            path = locate(target, self.base)
            if not path.exists():
                raise ConfigError(f"classifier model not found: {target}; use 'default', 'rules' or a model path")
            self.classifier = load_classifier(str(path))
        self._clean = clean

    def label_spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every non-blank line of ``text``."""
        assert self._clean is not None, "call load() first"
        article = self._clean(text, classifier=self.classifier)
        return [(line.start, line.end, line.label) for line in article.lines]

    def predict_one(self, document: Document) -> tuple[str, ...]:
        assert isinstance(document, LinesDocument)
        return align_labels(document.text, document.lines, self.label_spans(document.text))

    def predict(self, documents: Sequence[Document]) -> list[Outcome]:
        """Label the batch with one ``clean_many`` call (one model call); if it fails, one at a time."""
        assert self._clean is not None, "call load() first"
        clean = self._clean
        articles = clean_articles([doc.text for doc in documents], self.classifier,  # type: ignore[union-attr]
                                  lambda text: clean(text, classifier=self.classifier))
        outcomes = []
        for document, article in zip(documents, articles):
            try:
                if isinstance(article, BaseException):
                    raise article
                spans = [(line.start, line.end, line.label) for line in article.lines]
                outcomes.append(Outcome(align_labels(document.text, document.lines, spans)))  # type: ignore[union-attr]
            except Exception as error:
                outcomes.append(Outcome(error=describe(error)))
        return outcomes


SYSTEMIC_AFTER = 2
"""After a batch fails, documents are retried one by one; when the first this many retries fail with the
batch's own error, the error is taken as the system's (e.g. an incompatible model) and given to the rest
of the batch without retrying each."""


def clean_articles(texts: Sequence[str], classifier: Any = None,
                   one: Callable[[str], Any] | None = None) -> list[Any]:
    """Clean a batch with one ``clean_many`` call: an :class:`~newsml.types.Article` or the exception of
    each text. If the batch call raises, texts are cleaned one at a time with ``one`` (see
    :data:`SYSTEMIC_AFTER`), so that a document that breaks the model fails alone."""
    from newsml.cleaning.api import clean, clean_many
    from newsml.errors import DocumentError

    try:
        return [item.error if isinstance(item, DocumentError) else item
                for item in clean_many(texts, classifier=classifier)]
    except Exception as batch_error:
        return one_by_one(texts, one or clean, batch_error)


def one_by_one(items: Sequence[Any], function: Callable[[Any], Any], batch_error: BaseException) -> list[Any]:
    """``function`` of each item, or the exception it raised. When the first :data:`SYSTEMIC_AFTER`
    items fail with the batch's own error, that error is every remaining item's (no retry).

    >>> one_by_one([1, 0, 2], lambda x: 10 // x, ValueError("batch"))
    [10, ZeroDivisionError('integer division or modulo by zero'), 5]
    >>> one_by_one([0, 0, 0, 1], lambda x: 1 // x, ZeroDivisionError("integer division or modulo by zero"))[-1]
    ZeroDivisionError('integer division or modulo by zero')
    """
    same = describe(batch_error)
    results: list[Any] = []
    for index, item in enumerate(items):
        head = results[:SYSTEMIC_AFTER]
        if index >= SYSTEMIC_AFTER and all(isinstance(r, BaseException) and describe(r) == same for r in head):
            results.append(batch_error)
            continue
        try:
            results.append(function(item))
        except Exception as error:
            results.append(error)
    return results


class PredictionsSystem(System):
    """Precomputed outputs read from a JSONL/CSV/Parquet file: ``id`` plus ``summary`` (a string, one
    sentence per line, or a list of sentences) or ``labels`` (one label per gold line)."""

    def __init__(self, spec: SystemSpec, base: Path = Path(".")):
        super().__init__(spec)
        self.base = base
        self.outputs: dict[str, Any] = {}
        self.path = ""

    def load(self) -> None:
        from newsml.evaluation.suite import format_from_path, locate

        path = locate(str(self.spec.target), self.base)
        self.path = str(path)
        if not path.is_file():
            raise ConfigError(f"predictions file not found: {path}")
        fmt = format_from_path(str(path))
        import datasets

        datasets.utils.logging.disable_progress_bar()
        table = datasets.load_dataset(fmt, data_files=str(path), split="train")
        id_column = self.spec.columns["id"]
        value_column = self.spec.columns["summary" if self.task == "summarization" else "labels"]
        for name in (id_column, value_column):
            if name not in table.column_names:
                raise ConfigError(f"predictions file {path} has no column {name!r}; its columns are "
                                  f"{table.column_names} (map them with the system's 'columns')")
        self.outputs = {str(i): v for i, v in zip(table[id_column], table[value_column])}

    def predict_one(self, document: Document) -> Any:
        if document.id not in self.outputs:
            raise KeyError(f"no prediction for document {document.id!r} in {self.path}")
        value = self.outputs[document.id]
        if self.task == "lines":
            assert isinstance(document, LinesDocument)
            labels = tuple(str(v) for v in value or ())
            if len(labels) != len(document.lines):
                raise ValueError(f"{len(labels)} predicted labels for {len(document.lines)} gold lines")
            return labels
        return Summary(sentences=tuple(_sentences(value)), method=self.name)


def _sentences(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    if "\n" in text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    from newsml.text import DEFAULT_TOKENIZER

    return DEFAULT_TOKENIZER.sentences(text)


def align_labels(text: str, gold_lines: Sequence[str], spans: Sequence[tuple[int, int, str]]) -> tuple[str, ...]:
    """The predicted label of each gold line: that of the predicted line overlapping it most.

    Gold lines are found in ``text`` in order, so the gold and the classifier may split lines differently
    (e.g. at ``\\u2028``) and still be compared line by line.

    >>> align_labels("Ad\\nStory here.", ["Ad", "Story here."], [(0, 2, "ad"), (3, 14, "story")])
    ('ad', 'story')
    """
    labels = []
    cursor = 0
    k = 0
    for number, line in enumerate(gold_lines):
        needle = line.strip()
        start = text.find(needle, cursor)
        if start < 0:
            raise ValueError(f"gold line {number} ({needle[:40]!r}) is not in the document text")
        end = start + len(needle)
        cursor = end
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        best, best_overlap = None, 0
        j = k
        while j < len(spans) and spans[j][0] < end:
            overlap = min(end, spans[j][1]) - max(start, spans[j][0])
            if overlap > best_overlap:
                best, best_overlap = spans[j][2], overlap
            j += 1
        if best is None:
            raise ValueError(f"the classifier gave no label to gold line {number} ({needle[:40]!r})")
        labels.append(best)
    return tuple(labels)


def build_system(spec: SystemSpec, suite: Suite) -> System:
    """The :class:`System` for a resolved ``systems`` entry (not loaded yet)."""
    if spec.kind == "summarizer":
        length = spec.length if spec.length is not None else suite.setting("length")
        clean = spec.clean if spec.clean is not None else suite.setting("clean")
        return SummarizerSystem(spec, length, bool(clean))
    if spec.kind == "classifier":
        return ClassifierSystem(spec, suite.base)
    return PredictionsSystem(spec, suite.base)
