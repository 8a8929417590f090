"""Tiny evaluation data written into a temporary folder, shared by the evaluation tests."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "id": "truce",
        "article": "Advertisement\nTurkey and Russia agreed a ceasefire in Idlib on Thursday.\n"
                   "The deal followed six hours of talks in Moscow.\nJoint patrols will start on March 15.\n"
                   "READ MORE: Other news",
        "references": ["Turkey and Russia agreed a ceasefire in Idlib after talks in Moscow.",
                       "Russia and Turkey agreed a truce; joint patrols start on March 15."],
    },
    {
        "id": "flood",
        "article": "Heavy rain flooded the town centre on Monday.\nShops were closed and roads blocked.\n"
                   "The council said repairs would take weeks.",
        "references": ["Heavy rain flooded the town centre, closing shops and blocking roads."],
    },
    {
        "id": "vote",
        "article": "Parliament passed the budget by 320 votes to 250.\nThe opposition called it reckless.\n"
                   "Markets rose after the vote.",
        "references": ["Parliament passed the budget by 320 votes to 250, and markets rose."],
    },
    {
        "id": "no-reference",
        "article": "A short article without any reference summary.\nIt cannot be scored.",
        "references": [],
    },
]

PREDICTIONS = [
    {"id": "truce", "summary": "Turkey and Russia agreed a ceasefire in Idlib on Thursday."},
    {"id": "flood", "summary": ["Heavy rain flooded the town centre on Monday.", "Shops were closed."]},
    {"id": "no-reference", "summary": "A short article."},
    # "vote" is missing: that document must fail for this system only
]

LINES = [
    {"id": "page1", "text": "Advertisement\nCeasefire agreed\nTurkey and Russia agreed a ceasefire on Thursday.\n"
                            "READ MORE: Other news",
     "lines": [{"text": "Advertisement", "label": "ad"}, {"text": "Ceasefire agreed", "label": "heading"},
               {"text": "Turkey and Russia agreed a ceasefire on Thursday.", "label": "story"},
               {"text": "READ MORE: Other news", "label": "related"}]},
    {"id": "page2", "text": "Share this\nThe council met on Monday to discuss repairs.\nPhoto: Getty Images",
     "lines": [{"text": "Share this", "label": "other"},
               {"text": "The council met on Monday to discuss repairs.", "label": "story"},
               {"text": "Photo: Getty Images", "label": "caption"}]},
]

LINE_PREDICTIONS = [
    {"id": "page1", "labels": ["ad", "heading", "story", "story"]},
    {"id": "page2", "labels": ["other", "story", "caption"]},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def tiny_suite(folder: Path, samples: int = 200) -> dict:
    """A suite mapping over tiny data written into ``folder``."""
    write_jsonl(folder / "articles.jsonl", ARTICLES)
    write_jsonl(folder / "predictions.jsonl", PREDICTIONS)
    write_jsonl(folder / "lines.jsonl", LINES)
    write_jsonl(folder / "line_predictions.jsonl", LINE_PREDICTIONS)
    return {
        "name": "tiny",
        "seed": 7,
        "clean": False,
        "length": 1,
        "bootstrap": {"samples": samples},
        "report": {"documents": 4},
        "datasets": [
            {"name": "articles", "path": str(folder / "articles.jsonl")},
            {"name": "pages", "task": "lines", "path": str(folder / "lines.jsonl")},
        ],
        "systems": [
            "lead",
            {"summarizer": "textrank", "length": 2},
            {"name": "external", "predictions": str(folder / "predictions.jsonl")},
            {"name": "missing-method", "summarizer": {"method": "no-such-method"}},
            {"name": "gold-ish", "predictions": str(folder / "line_predictions.jsonl"), "task": "lines"},
        ],
    }
