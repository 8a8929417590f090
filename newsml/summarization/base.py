"""What every summariser shares: the prepared :class:`Document` and the :class:`Summarizer` base class.

A summariser keeps only its hyperparameters in ``__init__`` (like a scikit-learn estimator) and
implements :meth:`Summarizer.summarize_document`. Cleaning, sentence splitting and the length spec are
handled here once, so every method sees the same sentences.

>>> doc = Document.from_text("Title\\nFirst one. Second one.", clean=False)
>>> [doc.sentence(i) for i in range(len(doc))]
['Title', 'First one.', 'Second one.']
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator

from newsml.errors import DocumentError, NewsmlError, check_on_error
from newsml.inputs import as_text
from newsml.labels import KEEP
from newsml.summarization.length import Length
from newsml.text import DEFAULT_TOKENIZER, Tokenizer
from newsml.types import Article, Summary


@dataclass(frozen=True)
class Document:
    """An article ready to summarise.

    ``spans`` are the candidate sentences (offsets into ``text``, in document order); ``paragraphs[i]`` is
    the index of the line sentence i comes from; ``headline`` is the first heading line, if known.
    With cleaning, candidates come from story lines only: headings and boilerplate are never picked.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    paragraphs: tuple[int, ...]
    headline: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.spans)

    def sentence(self, index: int) -> str:
        """The verbatim text of candidate sentence ``index``."""
        start, end = self.spans[index]
        return self.text[start:end]

    @property
    def sentences(self) -> list[str]:
        """All candidate sentences, verbatim."""
        return [self.text[s:e] for s, e in self.spans]

    @classmethod
    def from_text(
        cls,
        text_or_article: str | bytes | Article,
        clean: bool = True,
        tokenizer: Tokenizer = DEFAULT_TOKENIZER,
        classifier: Any = None,
    ) -> "Document":
        """Segment an input (cleaning it first when ``clean``) into candidate sentences."""
        if isinstance(text_or_article, Article):
            article = text_or_article
        elif clean:
            from newsml.cleaning.api import clean as clean_text

            article = clean_text(text_or_article, classifier=classifier)
        else:
            text = as_text(text_or_article)
            return cls._from_lines(text, [(s, e, "story") for s, e in tokenizer.line_spans(text)], tokenizer,
                                   {"cleaned": False})
        lines = [(line.start, line.end, line.label) for line in article.lines]
        removed = sum(1 for line in article.lines if line.label not in KEEP)
        return cls._from_lines(article.text, lines, tokenizer, {"cleaned": True, "lines_removed": removed})

    @classmethod
    def _from_lines(cls, text: str, lines: list[tuple[int, int, str]], tokenizer: Tokenizer,
                    info: dict[str, Any]) -> "Document":
        spans: list[tuple[int, int]] = []
        paragraphs: list[int] = []
        headline = None
        for index, (start, end, label) in enumerate(lines):
            if label == "heading":
                headline = headline or text[start:end]
                continue
            if label not in KEEP:
                continue
            for span in tokenizer.sentence_spans(text, start, end):
                spans.append(span)
                paragraphs.append(index)
        return cls(text, tuple(spans), tuple(paragraphs), headline, info)


class Summarizer(ABC):
    """Base class of every newsml summariser.

    Subclasses set ``name`` and implement :meth:`summarize_document`; hyperparameters are the keyword
    arguments of ``__init__`` and are exposed by :meth:`get_params` (as in scikit-learn).
    """

    name: ClassVar[str]

    def __init__(self, tokenizer: Tokenizer = DEFAULT_TOKENIZER):
        self.tokenizer = tokenizer

    def get_params(self) -> dict[str, Any]:
        """The hyperparameters given to ``__init__`` (the resolved config of this summariser)."""
        import inspect

        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    def summarize(self, text_or_article: str | bytes | Article, length: Any = 3, clean: bool = True) -> Summary:
        """Summarise one article; see :mod:`newsml.summarization.length` for ``length``."""
        document = Document.from_text(text_or_article, clean=clean, tokenizer=self.tokenizer)
        return self.summarize_document(document, Length.parse(length))

    def summarize_many(self, texts: Iterable[str | bytes | Article], length: Any = 3, clean: bool = True,
                       on_error: str = "report") -> Iterator[Summary | DocumentError]:
        """Summarise a stream of articles, one result per input in order (batching methods override this).

        An article that fails yields its :class:`~newsml.errors.DocumentError` in its place with
        ``on_error="report"`` (the others go on), or raises it with ``on_error="raise"``.
        """
        check_on_error(on_error)
        spec = Length.parse(length)
        for index, text in enumerate(texts):
            try:
                yield self.summarize(text, spec, clean)
            except NewsmlError as error:
                failure = DocumentError(index, error)
                if on_error == "raise":
                    raise failure from error
                yield failure

    @abstractmethod
    def summarize_document(self, document: Document, length: Length) -> Summary:
        """Summarise a prepared :class:`Document`."""

    def _extractive_summary(self, document: Document, chosen: list[int], length: Length,
                            **info: Any) -> Summary:
        """Build the :class:`Summary` of the chosen candidate indices (document order)."""
        chosen = sorted(chosen)
        return Summary(
            sentences=tuple(document.sentence(i) for i in chosen),
            method=self.name,
            spans=tuple(document.spans[i] for i in chosen),
            info={"length": length.to_dict(), "n_sentences": len(document), **document.info, **info},
        )
