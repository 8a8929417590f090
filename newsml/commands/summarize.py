"""``newsml summarize FILE...``: summarise articles (``-`` reads standard input).

``--method`` takes a method name (``newsml summarize --list``) or a config file from
``configs/summarizers/``; ``--length`` takes ``3`` (sentences), ``0.2`` or ``20%`` (ratio), ``60w``
(word budget). One unreadable file is reported on stderr and the others are still summarised; the exit
status is 1 if any file failed.

Examples::

    newsml summarize eval/data/boilerplate/seeds/aljazeera_idlib.txt --method lexrank --length 3
    cat article.txt | newsml summarize - --method supervised --length 60w --format jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "summarize", help="summarise plain-text articles with any newsml method",
        description="Summarise plain-text articles (one paragraph per line). Cleans boilerplate first "
                    "unless --no-clean.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="article files; '-' reads standard input")
    parser.add_argument("--method", "-m", default=None,
                        help="method name or config YAML (default: lexrank); see --list")
    parser.add_argument("--length", "-l", default=None,
                        help="3 (sentences), 0.2 or 20%% (ratio of sentences), 60w (word budget); "
                             "default: the config's (3)")
    parser.add_argument("--no-clean", action="store_true", help="summarise the text as is (no line classifier)")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: the sentences, one per line; jsonl: one JSON record per file")
    parser.add_argument("--encoding", default="utf-8", help="encoding of the input files (default utf-8)")
    parser.add_argument("--list", action="store_true", help="list the summarisation methods and exit")
    parser.set_defaults(run=run)


def parse_length(value: str | None) -> Any:
    """Turn the ``--length`` string into what :class:`~newsml.summarization.length.Length` parses.

    >>> parse_length("3"), parse_length("0.25"), parse_length("60w")
    (3, 0.25, '60w')
    """
    if value is None:
        return None
    text = value.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _read(path: str, encoding: str) -> str:
    from newsml.inputs import as_text

    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    return as_text(data, encoding)


def run(args: argparse.Namespace) -> int:
    from newsml.errors import ConfigError, NewsmlError
    from newsml.summarization.api import _config, get_summarizer, summarizers
    from newsml.summarization.length import Length

    if args.list:
        print("\n".join(summarizers()))
        return 0
    if not args.files:
        raise ConfigError("no input: give one or more FILEs, or '-' for standard input (or --list)")
    config = _config(args.method or "lexrank")
    summarizer = get_summarizer(config)
    length = Length.parse(config["length"] if args.length is None else parse_length(args.length))
    clean = False if args.no_clean else bool(config["clean"])
    failed = 0
    for number, path in enumerate(args.files):
        try:
            summary = summarizer.summarize(_read(path, args.encoding), length=length, clean=clean)
        except (NewsmlError, OSError, ValueError, UnicodeError) as error:
            failed += 1
            print(f"newsml summarize: {path}: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        if args.format == "jsonl":
            record = {"file": path, "method": summary.method, "sentences": list(summary.sentences),
                      "spans": [list(span) if span else None for span in summary.spans],
                      "info": summary.info}
            print(json.dumps(record, ensure_ascii=False, default=str))
        else:
            if len(args.files) > 1:
                print(f"{'' if number == 0 else chr(10)}==> {path} <==")
            if summary.text:
                print(summary.text)
        sys.stdout.flush()
    return 1 if failed else 0
