"""What a result was made with: package versions, the git commit, the machine.

>>> info = versions()
>>> "newsml" in info and "rouge-score" in info
True
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES: tuple[str, ...] = (
    "newsml", "numpy", "scipy", "scikit-learn", "pandas", "datasets", "pyarrow", "rouge-score", "sumy", "nltk",
    "matplotlib", "tqdm", "PyYAML", "torch", "transformers",
)
"""Packages whose versions every result records (``None`` where not installed)."""


def versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    """Installed versions of ``packages`` and of Python, read from package metadata (nothing imported)."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def git_commit(where: str | Path | None = None) -> dict[str, Any] | None:
    """``{"commit", "dirty"}`` of the git checkout at ``where`` (default: the one holding the newsml code),
    or ``None`` outside a checkout (an installed package)."""
    if where is None:
        where = Path(__file__).resolve().parents[1]
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=10,
                              check=True).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": dirty}


def machine() -> dict[str, Any]:
    """The platform, processor count and Python executable the run used."""
    return {"platform": platform.platform(), "cpus": os.cpu_count(), "python": sys.executable}
