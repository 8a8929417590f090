"""Layout features of a line and of its neighbours in the same document, computed in bulk.

A line is judged in context: a short line between two paragraphs of prose is a caption or a teaser, the
same line in a block of short lines is navigation. Features come in three groups:

* the line itself: length, punctuation, capitalisation, cue phrases (:mod:`newsml.cleaning.cues`);
* its document: repetition of the line, position, prose density nearby and in the whole document;
* its neighbours: the main features of the lines up to two above and below.

Everything is computed on the whole batch at once (code points as a numpy array, one regex pass per
cue family over the joined text), so the cost per line is a few microseconds.

>>> X = layout_features(["Advertisement", "Turkey and Russia agreed a ceasefire deal on Thursday."], [0, 1])
>>> X.shape == (2, len(FEATURE_NAMES))
True
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from newsml.cleaning.cues import (BATCH_ANYWHERE_PATTERNS, BATCH_BULLET, BATCH_START_PATTERNS, CUE_MAX_CHARS, CUE_NAMES,
                                  DATE_PATTERNS, URL)
from newsml.cleaning.frame import doc_index

LINE_FEATURES = (
    "log_chars", "log_words", "mean_word_len", "terminal", "ends_colon", "upper_ratio", "title_ratio",
    "all_caps", "digit_ratio", "has_url", "bullet", "punct_ratio", "log_commas", "has_pipe", "has_date",
    *(f"cue_{name}" for name in CUE_NAMES), "starts_lower", "log_sentence_marks", "prose", "short", "non_latin",
    "has_quote", "stopword_ratio",
)
_NEIGHBOUR_FEATURES = ("prose", "log_words", "terminal", "short", "cue_any", "bullet", "exists")
_OFFSETS = (-2, -1, 1, 2)
CONTEXT_FEATURES = (
    "log_repeats", "same_as_prev", "same_as_next", "same_within_2", "rel_position", "log_from_start",
    "log_from_end", "log_prose_gap_above", "log_prose_gap_below", "prose_above", "prose_below",
    "prose_window_5", "in_main_block", "log_block_distance", "doc_block_share", "doc_log_lines", "doc_prose_ratio", "doc_short_ratio", "doc_mean_log_words",
    *(f"{name}@{offset:+d}" for offset in _OFFSETS for name in _NEIGHBOUR_FEATURES),
)
FEATURE_NAMES: tuple[str, ...] = LINE_FEATURES + CONTEXT_FEATURES
"""Column names of :func:`layout_features`."""

_INDEX = {name: i for i, name in enumerate(LINE_FEATURES)}
_TERMINAL_CHARS = np.array([ord(c) for c in ".!?…\"'”’)]»。！？"], dtype=np.uint32)
_QUOTE_CHARS = np.array([ord(c) for c in "\"“”‘’«»"], dtype=np.uint32)
_SENTENCE_MARKS = np.array([ord(c) for c in ".!?"], dtype=np.uint32)


def _char_table(chars: np.ndarray) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane (index ``min(cp, 0xFFFF)``), faster than ``np.isin``."""
    table = np.zeros(0x10000, dtype=bool)
    table[chars] = True
    return table


_IS_QUOTE = _char_table(_QUOTE_CHARS)
_IS_SENTENCE_MARK = _char_table(_SENTENCE_MARKS)


_GAP_CAP = 50


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (sumy's list, shipped with sumy: no download)."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def _per_line(mask: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of ``mask`` over each line's code points (lines are separated by one character in the batch)."""
    padded = np.append(mask, False)  # an empty last line starts at len(mask)
    padded[ends] = False  # the separator after each line (reduceat sums up to the next line's start)
    sums = np.add.reduceat(padded, starts, dtype=np.int32).astype(np.float64)
    sums[ends == starts] = 0.0  # reduceat gives the element at the start for an empty segment
    return sums


def _lines_matching(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """1.0 for each line in which ``pattern`` matches (one pass over the joined text)."""
    hits = np.zeros(len(starts), dtype=np.float64)
    positions = [match.start() for match in pattern.finditer(joined)]
    if positions:
        hits[np.searchsorted(starts, positions, side="right") - 1] = 1.0
    return hits


def _joined(texts: list[str]) -> tuple[str, np.ndarray]:
    """The lines joined by "\\n" and the offset where each starts."""
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    return "\n".join(texts), np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])


def _cue_columns(joined: str, starts: np.ndarray) -> dict[str, np.ndarray]:
    """One 0/1 column per cue family, from one pass per pattern over the short lines (joined, lower-cased)."""
    columns = {}
    for name in CUE_NAMES:  # a line-start match begins at the newline before its line, offset by the leading "\n"
        hits = _lines_matching(BATCH_START_PATTERNS[name], "\n" + joined, starts)
        for pattern in BATCH_ANYWHERE_PATTERNS.get(name, ()):
            hits = np.maximum(hits, _lines_matching(pattern, joined, starts))
        columns[f"cue_{name}"] = hits
    return columns


def line_features(texts: list[str], stop_counts: np.ndarray | None = None) -> np.ndarray:
    """The features of each line on its own (``LINE_FEATURES``), for a batch of lines.

    ``stop_counts`` (stop-word tokens per line) may be supplied by a caller that has already tokenized the
    lines; otherwise the stop-word ratio is 0.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(LINE_FEATURES)))
    texts = [text.replace("\n", " ") for text in texts]
    joined, starts = _joined(texts)
    ends = np.append(starts[1:] - 1, len(joined))  # each line ends at the separator before the next
    lengths = ends - starts
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    # cue phrases, links and dates are looked for in short lines only (boilerplate lines are short)
    short_lowered = [text.lower() if len(text) <= CUE_MAX_CHARS else "" for text in texts]
    lowered, lowered_starts = _joined(short_lowered)
    upper = ((cp >= 65) & (cp <= 90)) | ((cp >= 0xC0) & (cp <= 0xDE) & (cp != 0xD7))
    lower = ((cp >= 97) & (cp <= 122)) | ((cp >= 0xDF) & (cp <= 0xFF) & (cp != 0xF7))
    digit = (cp >= 48) & (cp <= 57)
    # every date pattern needs a digit: only short lines with one are searched for dates
    n_digits = _per_line(digit, starts, ends)
    dated, dated_starts = _joined([text if digits else "" for text, digits in zip(short_lowered, n_digits.tolist())])
    bmp = np.minimum(cp, 0xFFFF)
    is_quote = _IS_QUOTE[bmp]
    other_letter = (cp >= 0x100) & ~is_quote & ((cp < 0x2000) | (cp > 0x206F))
    letter = upper | lower | other_letter
    wordchar = letter | digit | (cp == 95)
    space = (cp == 32) | (cp == 9) | (cp == 0xA0) | (cp == 10)
    punct = ~wordchar & ~space
    previous = np.concatenate([[False], wordchar[:-1]])
    word_start = wordchar & ~previous
    n_chars = lengths.astype(np.float64)
    n_words = _per_line(word_start, starts, ends)
    n_letters = np.maximum(_per_line(letter, starts, ends), 1.0)
    n_upper = _per_line(upper, starts, ends)
    padded_cp = np.append(cp, np.uint32(0))  # a batch of empty lines has no code points at all
    last = padded_cp[np.maximum(ends - 1, 0)]
    first = padded_cp[starts]
    terminal = np.isin(last, _TERMINAL_CHARS) & (lengths > 0)
    next_is_space = np.concatenate([space[1:], [True]])
    marks = _IS_SENTENCE_MARK[bmp] & next_is_space
    safe_words = np.maximum(n_words, 1.0)
    stop_ratio = np.zeros(n) if stop_counts is None else np.asarray(stop_counts, float) / safe_words
    upper_ratio = n_upper / n_letters
    prose = (n_words >= 8) & terminal & (stop_ratio > 0.15 if stop_counts is not None else True)
    columns = {
        "log_chars": np.log1p(n_chars),
        "log_words": np.log1p(n_words),
        "mean_word_len": np.minimum(_per_line(wordchar, starts, ends) / safe_words, 15.0) / 10,
        "terminal": terminal,
        "ends_colon": last == 58,
        "upper_ratio": upper_ratio,
        "title_ratio": _per_line(word_start & upper, starts, ends) / safe_words,
        "all_caps": (n_letters > 3) & (upper_ratio > 0.9),
        "digit_ratio": n_digits / np.maximum(n_chars, 1.0),
        "has_url": _lines_matching(URL, lowered, lowered_starts),
        "bullet": _lines_matching(BATCH_BULLET, "\n" + joined, starts),
        "punct_ratio": _per_line(punct, starts, ends) / np.maximum(n_chars, 1.0),
        "log_commas": np.log1p(_per_line(cp == 44, starts, ends)),
        "has_pipe": _per_line(cp == 124, starts, ends) > 0,
        "has_date": np.max([_lines_matching(pattern, dated, dated_starts) for pattern in DATE_PATTERNS], axis=0),
        **_cue_columns(lowered, lowered_starts),
        "starts_lower": ((first >= 97) & (first <= 122)) & (lengths > 0),
        "log_sentence_marks": np.log1p(_per_line(marks, starts, ends)),
        "prose": prose,
        "short": n_words <= 3,
        "non_latin": np.where(n_letters > 1, _per_line(other_letter & (cp >= 0x250), starts, ends) / n_letters, 0.0),
        "has_quote": _per_line(is_quote, starts, ends) > 0,
        "stopword_ratio": stop_ratio,
    }
    return np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in LINE_FEATURES])


def layout_features(texts: list[str], doc_starts: list[int] | np.ndarray,
                    stop_counts: np.ndarray | None = None) -> np.ndarray:
    """Feature matrix (``len(texts)`` x ``len(FEATURE_NAMES)``) of lines grouped into documents.

    ``doc_starts`` holds the row index where each document begins (rows of a document are consecutive,
    in reading order); the first entry is 0.
    """
    base = line_features(texts, stop_counts)
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    doc = doc_index(doc_starts, n)
    first_row = np.asarray(doc_starts, dtype=np.int64)[doc]
    doc_sizes = np.bincount(doc)
    last_row = first_row + doc_sizes[doc] - 1
    position = np.arange(n) - first_row

    keys = [" ".join(text.lower().split()) for text in texts]
    codes = _factorize(keys, doc)
    repeats = np.bincount(codes)[codes] - 1
    same = {offset: shift_within_documents(codes, offset, doc, fill=-1) == codes for offset in (-2, -1, 1, 2)}
    prose = base[:, _INDEX["prose"]]
    short = base[:, _INDEX["short"]]
    log_words = base[:, _INDEX["log_words"]]
    cue_any = base[:, [_INDEX[f"cue_{name}"] for name in CUE_NAMES]].max(axis=1)

    rows = np.arange(n)
    prose_rows = np.where(prose > 0, rows, -1)
    last_prose_at_or_before = np.maximum.accumulate(prose_rows)
    last_above = shift_within_documents(last_prose_at_or_before, -1, doc, fill=-1)
    gap_above = np.where(last_above >= first_row, rows - last_above, _GAP_CAP)
    prose_rows_rev = np.where(prose > 0, rows, n + _GAP_CAP)
    next_prose_at_or_after = np.minimum.accumulate(prose_rows_rev[::-1])[::-1]
    next_below = shift_within_documents(next_prose_at_or_after, 1, doc, fill=n + _GAP_CAP)
    gap_below = np.where(next_below <= last_row, next_below - rows, _GAP_CAP)

    in_block, block_distance = _main_block(base, doc, first_row, last_row)
    cumulative = np.concatenate([[0.0], np.cumsum(prose)])
    window = (cumulative[np.minimum(rows + 6, last_row + 1)] - cumulative[np.maximum(rows - 5, first_row)]) / 11
    prose_before = cumulative[rows] - cumulative[first_row]
    prose_total = np.bincount(doc, weights=prose)[doc]
    neighbour_columns = {"prose": prose, "log_words": log_words, "terminal": base[:, _INDEX["terminal"]],
                         "short": short, "cue_any": cue_any, "bullet": base[:, _INDEX["bullet"]],
                         "exists": np.ones(n)}
    neighbours = [shift_within_documents(neighbour_columns[name], offset, doc, fill=0.0)
                  for offset in _OFFSETS for name in _NEIGHBOUR_FEATURES]
    context = [
        np.log1p(repeats), same[-1], same[1], same[-2] | same[-1] | same[1] | same[2],
        position / np.maximum(doc_sizes[doc] - 1, 1), np.log1p(position), np.log1p(last_row - rows),
        np.log1p(np.minimum(gap_above, _GAP_CAP)), np.log1p(np.minimum(gap_below, _GAP_CAP)),
        prose_before > 0, prose_total - prose_before - prose > 0,
        window, in_block, np.log1p(block_distance), np.bincount(doc, weights=in_block)[doc] / doc_sizes[doc],
        np.log1p(doc_sizes[doc]), prose_total / doc_sizes[doc],
        np.bincount(doc, weights=short)[doc] / doc_sizes[doc],
        np.bincount(doc, weights=log_words)[doc] / doc_sizes[doc],
        *neighbours,
    ]
    return np.hstack([base, np.column_stack([np.asarray(c, dtype=np.float64) for c in context])])


def _main_block(base: np.ndarray, doc: np.ndarray, first_row: np.ndarray,
                last_row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The densest run of prose in each document (maximum-sum subarray, as in Body Text Extraction).

    A sentence-like line scores its word count, any other line minus its word count (at least 1);
    the main block is the run of lines with the largest total. Returns whether each line is inside it
    and its distance in lines to the block (0 inside).
    """
    words = np.expm1(base[:, _INDEX["log_words"]])
    sentence_like = (base[:, _INDEX["terminal"]] > 0) & (words >= 5)
    scores = np.where(sentence_like, words, -np.maximum(words, 1.0)).tolist()
    n = len(scores)
    in_block = np.zeros(n)
    distance = np.zeros(n)
    start = 0
    while start < n:
        end = int(last_row[start]) + 1
        best, best_range, running, run_start = -np.inf, (start, start), 0.0, start
        for i in range(start, end):
            if running <= 0:
                running, run_start = 0.0, i
            running += scores[i]
            if running > best:
                best, best_range = running, (run_start, i)
        lo, hi = best_range
        in_block[lo:hi + 1] = 1.0
        rows = np.arange(start, end)
        distance[start:end] = np.where(rows < lo, lo - rows, np.where(rows > hi, rows - hi, 0))
        start = end
    return in_block, distance


def _factorize(keys: list[str], doc: np.ndarray) -> np.ndarray:
    """Integer code per (document, normalised text) pair."""
    table: dict[tuple[int, str], int] = {}
    return np.fromiter((table.setdefault((d, key), len(table)) for d, key in zip(doc.tolist(), keys)),
                       dtype=np.int64, count=len(keys))


def shift_within_documents(values: np.ndarray, offset: int, doc: np.ndarray, fill=0.0) -> np.ndarray:
    """``out[i] = values[i + offset]`` when row ``i + offset`` is in the same document, else ``fill``."""
    n = len(values)
    out = np.full(n, fill, dtype=np.result_type(values, np.asarray(fill)))
    if abs(offset) >= n:
        return out
    if offset > 0:
        valid = doc[offset:] == doc[:-offset]
        out[:-offset] = np.where(valid, values[offset:], fill)
    else:
        valid = doc[:offset] == doc[-offset:]
        out[-offset:] = np.where(valid, values[:offset], fill)
    return out
