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
    parser.add_argument("--page-threshold", type=_probability, metavar="P",
                        help="keep threshold for documents routed as whole pages (default: the model's; "
                             "higher removes more menus and loses more story lines, see README)")
    parser.add_argument("--residue-threshold", type=_probability, metavar="P",
                        help="keep threshold for documents routed as extractor output (default: the model's)")
    parser.set_defaults(run=run)


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number; a threshold is a probability in [0, 1]")
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is outside [0, 1]; a threshold is a probability")
    return number


def _with_thresholds(model, page: float | None, residue: float | None):
    """``model``, or a copy with the given keep thresholds (the shipped model is shared: never changed)."""
    if page is None and residue is None:
        return model
    if "page_keep_threshold" not in model.get_params():
        raise SystemExit(f"newsml clean: {type(model).__name__} has no keep thresholds to set")
    import copy

    model = copy.deepcopy(model)
    if residue is not None:
        model.set_params(keep_threshold=residue)
    if page is not None:
        model.set_params(page_keep_threshold=page)
    return model


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
    model = _with_thresholds(load_classifier(args.model), args.page_threshold, args.residue_threshold)
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
