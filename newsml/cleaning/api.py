"""Clean scraped articles: :func:`clean`, :func:`clean_many` and :func:`load_classifier`.

>>> article = clean("Advertisement\\nTurkey and Russia agreed a ceasefire deal on Thursday in Moscow.")
>>> [line.label for line in article.lines]
['ad', 'story']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np

from newsml.errors import DocumentError, ModelError, check_on_error
from newsml.inputs import as_text
from newsml.labels import LABELS
from newsml.text import line_spans
from newsml.types import Article, Line

SHIPPED_MODEL = "line_classifier.npz"


def shipped_model_path() -> Path:
    """Where the shipped classifier lives inside the installed package."""
    return Path(str(resources.files("newsml") / "data" / SHIPPED_MODEL))


@lru_cache(maxsize=1)
def _shipped_classifier() -> Any:
    from newsml.cleaning.persist import load_classifier_file

    path = shipped_model_path()
    if not path.is_file():
        raise ModelError(f"the shipped line classifier is missing ({path}); rebuild it with "
                         "'newsml train classifier' from a checkout of the repository")
    return load_classifier_file(path)


def load_classifier(path: str | Path | None = None) -> Any:
    """Load a line classifier: the shipped model (``None``, cached) or an ``.npz`` file saved by newsml.

    The shipped model is one shared object, the one :func:`clean` uses by default: to change its settings
    (``set_params(page_keep_threshold=...)``), change a ``copy.deepcopy`` of it.
    """
    if path is None:
        return _shipped_classifier()
    from newsml.cleaning.persist import load_classifier_file

    return load_classifier_file(path)


def clean(text: str | bytes, classifier: Any = None, encoding: str = "utf-8") -> Article:
    """Label every non-blank line of ``text``; see :class:`~newsml.types.Article`.

    ``bytes`` are decoded with ``encoding``. ``classifier`` defaults to the shipped model.
    """
    (result,) = _label_batch([as_text(text, encoding)], classifier or load_classifier())
    return result


def clean_many(texts: Iterable[str | bytes], classifier: Any = None, batch_size: int = 64,
               max_batch_lines: int = 20000, encoding: str = "utf-8", on_error: str = "report"
               ) -> Iterator[Article | DocumentError]:
    """Clean a stream of texts lazily, in batches of up to ``batch_size`` documents / ``max_batch_lines``.

    Results come in input order, one per input. A text that cannot be read (binary, wrong encoding,
    wrong type) yields a :class:`~newsml.errors.DocumentError` with its index in its place when
    ``on_error="report"``, and is raised as one when ``on_error="raise"``; the others are unaffected.
    """
    check_on_error(on_error)
    model = classifier or load_classifier()
    pending: list[tuple[int, str | DocumentError]] = []
    pending_lines = 0
    for index, raw in enumerate(texts):
        try:
            item: str | DocumentError = as_text(raw, encoding)
        except Exception as error:  # noqa: BLE001 - any unreadable document is reported with its index
            if on_error == "raise":
                raise DocumentError(index, error) from error
            item = DocumentError(index, error)
        pending.append((index, item))
        pending_lines += item.count("\n") + 1 if isinstance(item, str) else 0
        if len(pending) >= batch_size or pending_lines >= max_batch_lines:
            yield from _flush(pending, model)
            pending, pending_lines = [], 0
    yield from _flush(pending, model)


def _flush(pending: list[tuple[int, str | DocumentError]], model: Any) -> Iterator[Article | DocumentError]:
    texts = [item for _, item in pending if isinstance(item, str)]
    articles = iter(_label_batch(texts, model)) if texts else iter(())
    for _, item in pending:
        yield next(articles) if isinstance(item, str) else item


def _label_batch(texts: list[str], model: Any) -> list[Article]:
    """Segment and label a batch of texts with one call to the model."""
    import pandas as pd

    spans = [line_spans(text) for text in texts]
    n_lines = [len(s) for s in spans]
    line_texts = [text[start:end] for text, doc_spans in zip(texts, spans) for start, end in doc_spans]
    if not line_texts:
        return [Article(text, ()) for text in texts]
    frame = pd.DataFrame({"doc": np.repeat(np.arange(len(texts)), n_lines), "text": line_texts})
    if hasattr(model, "predict_with_proba"):
        labels, proba = model.predict_with_proba(frame)
    else:  # any scikit-learn classifier over lines frames with the six labels as classes
        labels, proba = model.predict(frame), model.predict_proba(frame)
    label_list, proba_rows = [str(label) for label in labels], np.asarray(proba).tolist()
    articles, row = [], 0
    for text, doc_spans in zip(texts, spans):
        lines = []
        for start, end in doc_spans:
            lines.append(Line(line_texts[row], start, end, label_list[row], dict(zip(LABELS, proba_rows[row]))))
            row += 1
        articles.append(Article(text, tuple(lines)))
    return articles
