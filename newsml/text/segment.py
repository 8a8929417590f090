"""Offline segmentation of plain text into lines, sentences and words, with exact character offsets.

No NLTK data is needed. Sentences never cross a line break: a scraped article has one paragraph per
line, and a line is the unit the cleaner labels.

>>> text = "Mr. Smith went to the U.S. on Jan. 6. He stayed 6km (3.7 miles) away.\\nNext line"
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Smith went to the U.S. on Jan. 6.', 'He stayed 6km (3.7 miles) away.', 'Next line']
"""

from __future__ import annotations

import re

LINE_BREAK_CHARS = "\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters that end a line (the set ``str.splitlines`` uses)."""

ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\x00"
"""Invisible characters stripped from the ends of a line, like whitespace."""

_EDGE = f"[^\\s{re.escape(ZERO_WIDTH_CHARS)}]"  # neither whitespace (line breaks included) nor zero-width
_STRIPPED_LINE = re.compile(f"{_EDGE}(?:[^{re.escape(LINE_BREAK_CHARS)}]*{_EDGE})?")
"""A non-blank line without its leading and trailing whitespace and zero-width characters."""

_TERMINAL = r"[.!?\u2026\u3002\uff01\uff1f\u061f\u0964]+"
_CLOSERS = r"[\"'\u201d\u2019\u00bb)\]]*"
_BOUNDARY = re.compile(rf"({_TERMINAL})({_CLOSERS})(\s+)")
# a sentence glued to the next without a space ("media.The"): a terminal before a capitalised word, and
# two lower-case ASCII letters before it (checked in _split_line: a leading lookbehind makes the scan slow)
_GLUED = re.compile(r"[.!?](?=[A-Z][a-z])")
# both in one scan: the alternatives never overlap (a terminal inside a _BOUNDARY match is never followed
# by a letter), so this finds exactly the matches of the two patterns scanned separately
_CANDIDATE = re.compile(f"{_BOUNDARY.pattern}|{_GLUED.pattern}")
_CJK_TERMINALS = "\u3002\uff01\uff1f"
_CJK_BOUNDARY = re.compile(r"[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019)\uff09]*\s*")
_OPENERS = "\"'\u201c\u2018\u00ab([\u00bf\u00a1"

TITLES = frozenset(
    "mr mrs ms messrs dr prof sr jr st mt ft gen gov sen rep reps lt col capt cpt sgt maj cmdr adm rev "
    "hon pres supt insp det atty gens sens vs v cf".split()
)
"""Abbreviations that never end a sentence ("Mr. Smith", "St. Louis", "Gov. Christie")."""

NUMBERED = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp fig art ch sec".split())
"""Abbreviations that do not end a sentence when a number follows ("Jan. 6", "No. 1")."""

ALWAYS_INSIDE = frozenset({"e.g", "i.e", "etc.,", "viz"})

SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you but and or so in on at as if this that these those there his her "
    "their its our my however meanwhile after before when while then now yet still also officials "
    "police".split()
)
"""Words that, capitalised after an abbreviation such as "U.S.", signal a new sentence."""


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line, stripped of whitespace and zero-width characters.

    >>> line_spans("  a \\r\\n\\n b\\u200b\\x0c")
    [(2, 3), (8, 9)]
    """
    return [match.span() for match in _STRIPPED_LINE.finditer(text)]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with whitespace or zero-width chars."""
    while start < end and (text[start].isspace() or text[start] in ZERO_WIDTH_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ZERO_WIDTH_CHARS):
        end -= 1
    return start, end


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text[start:end]``, line by line.

    Abbreviation-aware ("Mr.", "U.S.", "Jan. 6", initials), keeps closing quotes with their sentence,
    and splits sentences glued without a space ("media.The union") as scraped text often has them.
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    if _has_line_break(piece):
        lines = line_spans(piece)
    else:  # one line (the usual call, from a line span): skip the line scan
        first, last = strip_span(piece, 0, len(piece))
        lines = [(first, last)] if last > first else []
    spans: list[tuple[int, int]] = []
    for line_start, line_end in lines:
        spans.extend(_split_line(text, start + line_start, start + line_end))
    return spans


def _has_line_break(text: str) -> bool:
    # substring tests run at memchr speed, far faster than a regex scan of a long line
    return ("\n" in text or "\r" in text or "\f" in text or "\v" in text or "\x1c" in text or "\x1d" in text
            or "\x1e" in text or "\x85" in text or "\u2028" in text or "\u2029" in text)


def _has_terminal(text: str) -> bool:
    # every boundary (_BOUNDARY, _CJK_BOUNDARY, _GLUED) needs one of these characters
    return ("." in text or "!" in text or "?" in text or "\u2026" in text or "\u3002" in text or "\uff01" in text
            or "\uff1f" in text or "\u061f" in text or "\u0964" in text)


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    if not _has_terminal(line):  # one sentence (a heading, a caption, boilerplate): skip the scans
        return [strip_span(text, start, end)] if line.strip() else []
    cuts = []  # (end of sentence, start of next) relative to line
    for match in _CANDIDATE.finditer(line):
        punct = match.group(1)
        if punct is not None:  # terminal(s), closers, whitespace
            next_start = match.end()
            if next_start < len(line) and _is_boundary(line, match.start(1), punct, next_start):
                cuts.append((match.end(2), next_start))
            continue
        position = match.end()  # glued
        if position < 3 or not ("a" <= line[position - 3] <= "z" and "a" <= line[position - 2] <= "z"):
            continue
        if not _is_abbreviation(_token_before(line, position - 1).lower().rstrip(".")):
            cuts.append((position, position))
    if any(mark in line for mark in _CJK_TERMINALS):  # a plain substring test skips the scan
        for match in _CJK_BOUNDARY.finditer(line):
            if match.end() < len(line):
                cuts.append((match.end() - len(match.group()) + len(match.group().rstrip()), match.end()))
    cuts = sorted(set(cuts))
    spans = []
    cursor = 0
    for sentence_end, next_start in cuts:
        if sentence_end > cursor and next_start >= cursor:
            spans.append((start + cursor, start + sentence_end))
        cursor = next_start
    spans.append((start + cursor, end))
    return [strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _token_before(line: str, position: int) -> str:
    """The whitespace-free run of characters that ends at ``position`` ("" after a space), openers stripped."""
    if position <= 0 or line[position - 1].isspace():
        return ""
    # look at a short window (splitting from 0 made long one-line texts quadratic); widen it only
    # when no whitespace precedes the token inside the window
    window = max(0, position - 64)
    piece = line[window:position]
    parts = piece.rsplit(None, 1)
    if window and len(parts[-1]) == len(piece):
        parts = line[:position].rsplit(None, 1)
    return parts[-1].lstrip(_OPENERS)


def _is_abbreviation(token: str) -> bool:
    return token in TITLES or token in NUMBERED or token in ALWAYS_INSIDE


_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(\w[\w'\u2019-]*)")


def _next_word(line: str, position: int) -> str:
    # match in place: slicing line[position:] for every candidate boundary was quadratic on long lines
    match = _NEXT_WORD.match(line, position)
    return match.group(1) if match else line[position : position + 1]


def _is_boundary(line: str, punct_start: int, punct: str, next_start: int) -> bool:
    first = line[next_start]
    # the next word's first letter is the next character unless that opens a quote or bracket
    word = _next_word(line, next_start) if first in _OPENERS else None
    head = word[:1] if word is not None else first
    if head.islower():
        return False  # "Why?" he asked.  /  Apple Inc. said
    if punct != ".":
        return True  # ! ? ... and CJK / Arabic / Devanagari terminals
    token = _token_before(line, punct_start).lower()
    if not token:
        return True
    if token in TITLES:
        return False
    if token in NUMBERED:
        return not head.isdigit()
    if token in ALWAYS_INSIDE:
        return False
    if len(token) == 1 and token.isalpha() and line[punct_start - 1].isupper():
        return False  # an initial: "George W. Bush", "J. K. Rowling"
    if "." in token:  # U.S. / a.m. / Ph.D.
        if word is None:
            word = _next_word(line, next_start)
        return word.lower() in SENTENCE_STARTERS or (first in _OPENERS and head.isupper())
    return True


_WORD = re.compile(r"\w++(?:[.'\u2019-]\w++)*+")  # possessive: the same tokens, less backtracking state
# on ASCII text \w is exactly [A-Za-z0-9_], and the ASCII matcher is about 20% faster
_ASCII_WORD = re.compile(r"\w++(?:[.'-]\w++)*+", re.ASCII)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every word token ("U.S", "3.7", "don't" and "six-year" stay whole).

    >>> text = "The U.S. paid $3.7bn, don't ask."
    >>> [text[s:e] for s, e in word_spans(text)]
    ['The', 'U.S', 'paid', '3.7bn', "don't", 'ask']
    """
    return [match.span() for match in (_ASCII_WORD if text.isascii() else _WORD).finditer(text)]


def words(text: str) -> list[str]:
    """Return the word tokens of ``text`` (see :func:`word_spans`)."""
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)
