"""Draw time against sentences (log-log) per method from a saved pytest-benchmark JSON, print the slopes.

    python benchmarks/plot_scaling.py                          # newest .benchmarks/**/*.json with scaling data
    python benchmarks/plot_scaling.py scaling.json --out benchmarks/scaling.png

Reads the ``scaling: <method>`` benchmarks of ``bench_scaling.py`` (``extra_info`` holds ``method`` and
``sentences``), fits log(time) = a + b log(sentences) per method by least squares on the sizes from
``--from`` sentences up (default 100: below that fixed per-call costs hide the growth; sizes past a
method's sentence cap are left out, and with fewer than two sizes left the two largest are used) and classifies the
slope b: < 1.15 linear, < 1.35 n log n (log n adds about 0.1-0.2 to the slope over 100-3,000), < 1.7
between n log n and quadratic ("super-linear"), otherwise quadratic (>= 2.5: cubic or worse).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


CAPS: dict[str, int] = {}
"""method -> the sentence cap its summaries reported (``extra_info["truncated_to"]``), filled by :func:`load`."""


def load(path: Path) -> dict[str, dict[int, float]]:
    """``{method: {sentences: mean seconds}}`` from one pytest-benchmark JSON file.

    Sizes where the method read only its first ``truncated_to`` sentences (sumy's default caps) are
    left out of the fit but kept in the plot; the cap is remembered in :data:`CAPS`.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[int, float]] = {}
    for bench in data.get("benchmarks", []):
        info = bench.get("extra_info", {})
        if str(bench.get("group", "")).startswith("scaling: ") and "sentences" in info and "method" in info:
            out.setdefault(info["method"], {})[int(info["sentences"])] = bench["stats"]["mean"]
            if info.get("truncated_to"):
                CAPS[info["method"]] = int(info["truncated_to"])
    return out


def fitted_points(method: str, points: dict[int, float], start: int) -> dict[int, float]:
    """The sizes a slope is fitted on: untruncated ones >= ``start`` (else the two largest untruncated)."""
    cap = CAPS.get(method)
    full = {n: t for n, t in points.items() if cap is None or n <= cap}
    used = {n: t for n, t in full.items() if n >= start}
    return used if len(used) >= 2 else dict(sorted(full.items())[-2:])


def newest() -> Path:
    """The newest autosaved run under ``.benchmarks/`` that holds scaling benchmarks."""
    files = sorted((ROOT / ".benchmarks").glob("**/*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files:
        if load(path):
            return path
    raise SystemExit("no saved benchmark JSON with scaling data: run\n  pytest benchmarks/bench_scaling.py "
                     "--benchmark-only --benchmark-autosave")


def slope(points: dict[int, float], start: int) -> float | None:
    """Least-squares slope of log(time) on log(sentences) over sizes >= ``start``."""
    xs = [(math.log(n), math.log(t)) for n, t in sorted(points.items()) if n >= start and t > 0]
    if len(xs) < 2:
        return None
    mx = sum(x for x, _ in xs) / len(xs)
    my = sum(y for _, y in xs) / len(xs)
    return sum((x - mx) * (y - my) for x, y in xs) / sum((x - mx) ** 2 for x, _ in xs)


def growth(b: float | None) -> str:
    """A name for a log-log slope."""
    if b is None:
        return "too few sizes"
    if b < 1.15:
        return "linear"
    if b < 1.35:
        return "n log n"
    if b < 1.7:
        return "super-linear (between n log n and quadratic)"
    if b < 2.5:
        return "quadratic"
    return "cubic or worse"


def plot(data: dict[str, dict[int, float]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 6))
    for method, points in sorted(data.items()):
        ns = sorted(points)
        ax.plot(ns, [points[n] for n in ns], marker="o", label=method)
    ns = sorted({n for points in data.values() for n in points})
    if ns:
        ref = min(points[min(points)] for points in data.values())
        ax.plot(ns, [ref * n / ns[0] for n in ns], "k:", lw=1, label="slope 1 (linear)")
        ax.plot(ns, [ref * (n / ns[0]) ** 2 for n in ns], "k--", lw=1, label="slope 2 (quadratic)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("sentences in the article")
    ax.set_ylabel("seconds per summary (mean)")
    ax.set_title("newsml summarisers: time against article length")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("json", nargs="?", type=Path, help="pytest-benchmark JSON (default: newest in .benchmarks/)")
    parser.add_argument("--out", type=Path, default=Path("scaling.png"), help="PNG to write (default scaling.png)")
    parser.add_argument("--from", dest="start", type=int, default=100, help="fit on sizes >= this (default 100)")
    args = parser.parse_args(argv)
    path = args.json or newest()
    data = load(path)
    if not data:
        raise SystemExit(f"{path}: no 'scaling: <method>' benchmarks with extra_info method/sentences")
    plot(data, args.out)
    sizes = sorted({n for points in data.values() for n in points})
    print(f"from {path}; PNG: {args.out}; slope fitted on sizes >= {args.start}")
    print(f"{'method':16s}" + "".join(f"{n:>9d}" for n in sizes) + f"{'slope':>8s}  growth")
    for method, points in sorted(data.items(), key=lambda item: slope(fitted_points(item[0], item[1], args.start), 0) or 0):
        b = slope(fitted_points(method, points, args.start), 0)
        cells = "".join(f"{points[n]:9.4f}" if n in points else f"{'-':>9s}" for n in sizes)
        print(f"{method:16s}{cells}{b if b is not None else float('nan'):8.2f}  {growth(b)}"
              + (f" (fit up to its cap of {CAPS[method]} sentences; flat beyond)" if method in CAPS else ""))


if __name__ == "__main__":
    main()
