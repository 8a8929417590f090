"""``newsml clean FILE... | -``: label the lines of scraped articles and print what is kept.

Formats: ``text`` (the kept lines), ``marked`` (every line; removed ones marked with their label) and
``jsonl`` (one JSON record per line with label, offsets and probabilities). A file that cannot be read
is reported on stderr and the others are still cleaned; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys

FORMATS = ("text", "marked", "jsonl")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("clean", help="label every line and print the story text")
    parser.add_argument("files", nargs="+", metavar="FILE", help="plain-text article(s); '-' reads stdin")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--keep", default="story,heading",
                        help="comma-separated labels that count as kept (default: story,heading)")
    parser.add_argument("--model", help="a classifier file saved by newsml (default: the shipped model)")
    parser.add_argument("--encoding", default="utf-8", help="encoding of the input files (default: utf-8)")
    parser.set_defaults(run=run)


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    with open(name, "rb") as handle:
        return handle.read()


def run(args: argparse.Namespace) -> int:
    from newsml.cleaning.api import clean_many, load_classifier
    from newsml.errors import DocumentError
    from newsml.labels import parse_labels

    keep = parse_labels(args.keep)
    model = load_classifier(args.model)
    failed = 0
    contents: list[bytes | Exception] = []
    for name in args.files:
        try:
            contents.append(_read(name))
        except OSError as error:
            contents.append(error)
    readable = [c for c in contents if isinstance(c, bytes)]
    results = iter(clean_many(readable, classifier=model, encoding=args.encoding))
    out = sys.stdout
    for name, content in zip(args.files, contents):
        result = next(results) if isinstance(content, bytes) else DocumentError(0, content)
        if isinstance(result, DocumentError):
            print(f"newsml clean: {name}: {result.error}", file=sys.stderr)
            failed += 1
            continue
        if len(args.files) > 1 and args.format != "jsonl":
            out.write(f"==> {name} <==\n")
        if args.format == "jsonl":
            for line in result.lines:
                out.write(json.dumps({"file": name, **line.to_dict(), "kept": line.label in keep},
                                     ensure_ascii=False) + "\n")
        elif args.format == "marked":
            for line in result.lines:
                out.write(f"{line.text}\n" if line.label in keep else f"  \u2717 [{line.label}] {line.text}\n")
        else:
            kept = result.kept(keep)
            out.write(kept + ("\n" if kept else ""))
    return 1 if failed else 0
