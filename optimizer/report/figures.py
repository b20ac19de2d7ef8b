"""Figures written as files: PNG and SVG, each atomically (formats.files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.formats.files import write_atomic

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def write_figure(fig: Figure, path: Path | str) -> list[Path]:
    """The figure as PNG and SVG (same stem as `path`), each written atomically."""
    from optimizer.plots import render

    stem = Path(path).with_suffix("")
    return [write_atomic(stem.with_suffix(f".{fmt}"), data)
            for fmt, data in render(fig).items()]
