"""The ``newsml`` command line: ``clean``, ``summarize``, ``train`` and ``eval``.

Each subcommand lives in :mod:`newsml.commands` and registers its own arguments; heavy imports happen
only inside the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

COMMANDS = ("clean", "summarize", "train", "eval")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(prog="newsml", description="Clean, summarise and evaluate scraped news text.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        try:
            module = import_module(f"newsml.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"newsml.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from newsml.errors import NewsmlError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except NewsmlError as error:
        print(f"newsml {args.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
