"""Cue phrases of news boilerplate, shared by the rule baseline and the learned model's features.

Each family is one compiled regex over a line; they are deliberately generic (no site names).

>>> [name for name, pattern in CUES.items() if pattern.search("READ MORE: Syrian forces move")]
['related']
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

CUES: dict[str, re.Pattern[str]] = {
    "ad": re.compile(
        r"^\s*(advertisement|advertising|ad feedback|sponsored( content| by)?|paid (content|post)|promoted( stories)?"
        r"|iklan|anzeige|publicit[eé]|pubblicit[aà]|supported by|skip ad|presented by|brought to you by)\s*:?\s*$"
        r"|story continues below|continue reading (the main story|below)|advertisement\s*$"
        r"|we may (earn|receive) (a )?(commission|compensation)|affiliate (link|commission)",
        _I,
    ),
    "caption": re.compile(
        r"^\s*(watch( above| below| now| live)?|video|photo|photos|image|gallery|slideshow|play video"
        r"|listen|audio)\s*[:|\-–—]"
        r"|\b(photo|image|picture|video) (credit|courtesy)\b|\bcredit:\s|\(\s*(ap|afp|reuters|getty|epa)\b[^)]*\)"
        r"|getty images|/\s*(ap|afp|reuters|getty|shutterstock|epa|wireimage)\b|\bap photo\b"
        r"|^\s*\d+\s+(of|/)\s+\d+\b|media playback is not supported|\[splash\]|^\s*(enlarge|expand|play|pause)\s*$"
        r"|view (full size|gallery|slideshow)|click (to|here to) (enlarge|play)",
        _I,
    ),
    "related": re.compile(
        r"^\s*(read more|also read|read also|related( articles?| stories| links?| coverage| content)?"
        r"|more from|see also|recommended( for you| stories| reading)?|you (may|might) also like|most (popular|read|viewed)"
        r"|trending( now| stories)?|up next|next article|previous article|more stories|further reading"
        r"|in pictures|in other news|leggi anche|baca juga|lesen sie auch)\b"
        r"|^\s*(>>|»|→|▶|►)",
        _I,
    ),
    "other": re.compile(
        r"^\s*(share( this( article| story| video)?| on \w+)?|tweet|pin it|email|print|comments?|reply|like"
        r"|follow( us)?( on \w+)?|subscribe|sign (up|in)|log ?in|register|menu|search|home|close|skip to \w+"
        r"|source:.*|posted( on| by)?:?.*|updated:?.*|published:?.*|by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}"
        r"|topics?:.*|tags?:.*|filed under:?.*)\s*$"
        r"|\b(newsletter|sign up for|subscribe (to|now|today)|download (our|the) app|all rights reserved"
        r"|privacy policy|terms of (use|service)|cookie|©|copyright \d{4}|follow (us|\w+) on (twitter|facebook|instagram)"
        r"|share (on|this|to) (facebook|twitter|linkedin|whatsapp|email)|leave a comment|\d+\s+comments?\b"
        r"|reporting by|editing by|contributed to this report|is the author of|can be reached at)",
        _I,
    ),
}
"""Cue family name -> pattern. The family names are boilerplate labels."""

BULLET = re.compile(r"^\s*([•·▪►▸●○◦■□–—\-*>]|\d{1,2}[.)])\s+")
TERMINAL = re.compile(r"[.!?…\"'”’)\]]\s*$")
URL = re.compile(r"https?://|www\.|\.com\b|\.html?\b|@\w", _I)
DATE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(19|20)\d{2}\b"
    r"|\b\d+\s*(min(ute)?s?|h(ou)?rs?|days?)\s+ago\b|\b\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)?",
    _I,
)


def cue_matches(text: str) -> dict[str, bool]:
    """Which cue families match ``text``.

    >>> cue_matches("Story continues below advertisement")["ad"]
    True
    """
    return {name: bool(pattern.search(text)) for name, pattern in CUES.items()}
