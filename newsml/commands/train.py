"""``newsml train KIND --config FILE``: reproducible training from a YAML config.

Each kind names the function that trains it; the function takes the config path and an optional
output path and returns the path it wrote.
"""

from __future__ import annotations

import argparse
from importlib import import_module

TRAINERS = {
    "classifier": ("newsml.cleaning.training", "train_from_config", "configs/classifiers/default.yaml"),
    "summarizer": ("newsml.summarization.supervised_training", "train_from_config",
                   "configs/summarizers/supervised.yaml"),
    "abstractive": ("newsml.summarization.abstractive_training", "train_from_config",
                    "configs/training/abstractive-inshorts.yaml"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("train", help="train a model from a config in configs/")
    parser.add_argument("kind", choices=sorted(TRAINERS), help="what to train")
    parser.add_argument("--config", help="YAML config (default: the one in configs/ for this kind)")
    parser.add_argument("--output", help="where to write the model (default: from the config)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    module, function, default_config = TRAINERS[args.kind]
    config = args.config or default_config
    path = getattr(import_module(module), function)(config, output=args.output)
    print(f"wrote {path}")
    return 0
