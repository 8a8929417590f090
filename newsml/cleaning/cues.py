"""Cue phrases of news boilerplate, shared by the rule baseline and the learned model's features.

Each family (a boilerplate label) has two lower-case patterns: one anchored at the start of a line and
one that may match anywhere. They are deliberately generic (no site names) and are only applied to
lines of at most :data:`CUE_MAX_CHARS` characters (boilerplate lines are short; scanning only those
keeps cue matching cheap). Every alternative starts with a literal, so the regex engine can skip ahead.

>>> cue_families("READ MORE: Syrian forces move into strategic town")
['related']
>>> cue_families("Story continues below advertisement")
['ad']
"""

from __future__ import annotations

import re

CUE_MAX_CHARS = 200
"""Longer lines are never matched against cue phrases."""

_S = r"[^\S\n]"  # whitespace that never crosses a line

_START = {
    "ad": rf"(?:advertisement|advertising|ad feedback|sponsored(?: content| by)?|paid (?:content|post)"
          rf"|promoted(?: stories)?|iklan|anzeige|publicit[eé]|pubblicit[aà]|supported by|skip ad|presented by"
          rf"|brought to you by){_S}*:?{_S}*$",
    "caption": rf"(?:(?:watch(?: above| below| now| live)?|video|photos?|image|gallery|slideshow|play video|listen"
               rf"|audio){_S}*[:|\-–—]|\d+{_S}+(?:of|/){_S}+\d+\b|(?:enlarge|expand|play|pause){_S}*$)",
    "related": rf"(?:read more|also read|read also|related(?: articles?| stories| links?| coverage| content)?"
               rf"|more from|see also|recommended(?: for you| stories| reading)?|you (?:may|might) also like"
               rf"|most (?:popular|read|viewed)|trending(?: now| stories)?|up next|next article|previous article"
               rf"|more stories|further reading|in pictures|in other news|leggi anche|baca juga|lesen sie auch)\b"
               rf"|(?:>>|»|→|▶|►)",
    "other": rf"(?:(?:share(?: this(?: article| story| video)?| on \w+)?|tweet|pin it|email|print|comments?|reply|like"
             rf"|follow(?: us)?(?: on \w+)?|subscribe|sign (?:up|in)|log ?in|register|menu|search|home|close"
             rf"|skip to \w+|by{_S}+[\w.'-]+(?:{_S}+[\w.'-]+){{0,3}}){_S}*$"
             rf"|(?:source|posted|updated|published|topics?|tags?|filed under)\b.*$)",
}
_ANYWHERE = {
    "ad": r"story continues below|continue reading (?:the main story|below)|advertisement$"
          r"|we may (?:earn|receive) (?:a )?(?:commission|compensation)|affiliate (?:link|commission)",
    "caption": rf"photo (?:credit|courtesy)\b|image (?:credit|courtesy)\b|picture (?:credit|courtesy)\b"
               rf"|video (?:credit|courtesy)\b|credit:\s|\((?:ap|afp|reuters|getty|epa)\b[^)\n]*\)"
               rf"|getty images|/{_S}*(?:ap|afp|reuters|getty|shutterstock|epa|wireimage)\b|ap photo\b"
               rf"|media playback is not supported|\[splash\]|view (?:full size|gallery|slideshow)"
               rf"|click (?:to|here to) (?:enlarge|play)",
    "other": r"newsletter|sign up for|subscribe (?:to|now|today)|download (?:our|the) app|all rights reserved"
             r"|privacy policy|terms of (?:use|service)|cookie|©|copyright \d{4}"
             r"|follow (?:us|\w+) on (?:twitter|facebook|instagram)"
             r"|share (?:on|this|to) (?:facebook|twitter|linkedin|whatsapp|email)|leave a comment|\d comments?\b"
             r"|reporting by|editing by|contributed to this report|is the author of|can be reached at",
}

CUE_NAMES: tuple[str, ...] = tuple(_START)
"""The cue families, in a fixed order (the boilerplate labels)."""

START_PATTERNS = {name: re.compile(rf"^{_S}*(?:{pattern})", re.MULTILINE) for name, pattern in _START.items()}
BATCH_START_PATTERNS = {name: re.compile(rf"\n{_S}*(?:{pattern})", re.MULTILINE) for name, pattern in _START.items()}
"""The line-start patterns for a batch of lines joined by "\n" with a leading "\n": each match starts at
the newline before its line, a literal the regex engine finds fast (``^`` is tried at every position)."""
ANYWHERE_PATTERNS = {name: re.compile(pattern, re.MULTILINE) for name, pattern in _ANYWHERE.items()}
"""Patterns that may match anywhere in a line; a family without one (related) only starts a line."""


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|`` (not inside a group or a character class).

    >>> top_level_alternatives(r"ab|c(?:d|e)|[|]x")
    ['ab', 'c(?:d|e)', '[|]x']
    """
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return parts + [pattern[start:]]


BATCH_ANYWHERE_PATTERNS = {name: [re.compile(part, re.MULTILINE) for part in top_level_alternatives(pattern)]
                           for name, pattern in _ANYWHERE.items()}
"""Each anywhere pattern as one regex per alternative, for a batch of lines: an alternative that starts
with a literal is found by a fast literal search, where the whole alternation is tried at every position."""


def family_patterns(name: str) -> list[re.Pattern[str]]:
    """The patterns of cue family ``name``: its line-start pattern and, if it has one, its anywhere pattern."""
    return [START_PATTERNS[name], *([ANYWHERE_PATTERNS[name]] if name in ANYWHERE_PATTERNS else [])]


BULLET = re.compile(r"^[^\S\n]*(?:[•·▪►▸●○◦■□–—\-*>]|\d{1,2}[.)])[^\S\n]+", re.MULTILINE)
BATCH_BULLET = re.compile(r"\n[^\S\n]*(?:[•·▪►▸●○◦■□–—\-*>]|\d{1,2}[.)])[^\S\n]+")
"""A bullet at the start of a line, for a batch of lines joined by "\n" with a leading "\n"."""
TERMINAL = re.compile(r"[.!?…\"'”’)\]]\s*$")
URL = re.compile(r"https?://|www\.|\.com\b|\.html?\b|@\w")
"""Links and handles (lower-case text)."""
DATE_PATTERNS = (
    re.compile(r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
               r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[^\S\n]+[0-9]{1,2}\b"),
    # the look-ahead lets the regex engine skip to digits instead of trying every position
    re.compile(r"(?=[0-9])(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}\b|(?:19|20)[0-9]{2}\b"
               r"|[0-9]+[^\S\n]*(?:min(?:ute)?s?|h(?:ou)?rs?|days?)[^\S\n]+ago\b|[0-9]{1,2}:[0-9]{2}\b)"),
)
"""Dates ("jan. 6"), years, times and "5 hours ago" (lower-case text); a line has a date if either matches."""


def cue_families(text: str) -> list[str]:
    """The cue families whose patterns match the line ``text`` (in :data:`CUE_NAMES` order)."""
    if len(text) > CUE_MAX_CHARS:
        return []
    lowered = text.lower().replace("\n", " ")
    return [name for name in CUE_NAMES if any(pattern.search(lowered) for pattern in family_patterns(name))]
