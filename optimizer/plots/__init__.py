"""Figures drawn from finished tables; nothing here computes an analysis.

Every figure goes through `save` so that PNG and SVG are written atomically, and
through `proxy_note` so that a proxy-based figure says so on its face.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display is needed or assumed

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from optimizer.atomic import write_atomic

PROXY_NOTE = "Scores are proxy indicators computed from data, not an evaluation of quality."
COLORS = {"funded": "#1b7837", "rejected": "#bdbdbd", "actual": "#d95f02",
          "optimal": "#1f78b4", "greedy": "#7570b3", "added": "#1b7837", "dropped": "#b2182b"}


def new_figure(width: float = 9.0, height: float = 5.5) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    ax.grid(True, alpha=0.3)
    return fig, ax


def proxy_note(fig: Figure, is_proxy: bool) -> None:
    if is_proxy:
        fig.text(0.01, 0.005, PROXY_NOTE, fontsize=8, color="#555555", ha="left", va="bottom")


def save(fig: Figure, path: Path | str, formats: Iterable[str] = ("png", "svg")) -> list[Path]:
    """Write the figure once per format (same stem), atomically; close it."""
    stem = Path(path).with_suffix("")
    written = []
    for fmt in formats:
        target = stem.with_suffix(f".{fmt}")
        written.append(write_atomic(target, lambda p, f=fmt: fig.savefig(p, format=f, dpi=150)))
    plt.close(fig)
    return written
