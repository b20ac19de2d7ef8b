"""Funds per region in € per resident, optimum vs actual decision: grouped horizontal bars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from matplotlib.figure import Figure

from optimizer.analysis.compare import Comparison
from optimizer.plots import (
    COLORS,
    FOOTER_LINE_INCHES,
    footer,
    localise_ticks,
    new_figure,
    proxy_note,
)
from optimizer.vocabulary.names import region_name
from optimizer.vocabulary.words import Words

ROW_INCHES = 0.42  # two bars per region


class RegionRow(Protocol):  # analysis.regions.RegionLine, or anything with these fields
    @property
    def region(self) -> str: ...
    @property
    def actual_per_resident(self) -> float | None: ...
    @property
    def optimal_per_resident(self) -> float | None: ...


def plot_regions(rows: Sequence[RegionRow] | Comparison, *,
                 is_proxy: bool = False, title: str | None = None,
                 note: str | None = None, lang: str = "en",
                 name: str | None = None) -> Figure:
    """Two bars per region (a Comparison or its `regions`); regions without a population
    are left out. `note`: a line under the axes (e.g. awards the chart cannot place);
    `name`: the scenario's title in the language (default: the comparison's)."""
    w = Words(lang)
    if isinstance(rows, Comparison):
        is_proxy = is_proxy or rows.is_proxy
        title = title or _default_title(rows.name if name is None else name, w)
        given: Sequence[RegionRow] = rows.regions.lines
    else:
        given = rows
    shown = [r for r in given
             if r.actual_per_resident is not None and r.optimal_per_resident is not None]
    height = max(3.5, 2.2 + ROW_INCHES * len(shown))
    fig, ax = new_figure(width=9.0, height=height)
    footer(fig, lines=int(is_proxy) + int(bool(note)))
    y = np.arange(len(shown))[::-1].astype(float)
    h = 0.38
    ax.barh(y + h / 2, [r.optimal_per_resident or 0.0 for r in shown], height=h,
            color=COLORS["optimal"], label=w["optimum"])
    ax.barh(y - h / 2, [r.actual_per_resident or 0.0 for r in shown], height=h,
            color=COLORS["actual"], label=w["actual"])
    ax.set_yticks(y, [region_name(r.region, lang) for r in shown], fontsize=8)
    ax.set_ylim(-0.7, max(len(shown), 1) - 0.3)
    ax.grid(False, axis="y")  # no gridline per row (not drawn, not in the SVG)
    if not shown:
        ax.text(0.5, 0.5, w["fig_no_population"], transform=ax.transAxes,
                ha="center", va="center")
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_xlabel(w["fig_regions_axis"])
    ax.set_ylabel(w["fig_region_axis"])
    ax.set_title(title or _default_title("", w), fontsize=10)
    localise_ticks(ax, lang, y=False)
    if note:
        note_y = (0.02 + FOOTER_LINE_INCHES * int(is_proxy)) / height
        fig.text(0.01, note_y, note, fontsize=8, color="#555555", ha="left", va="bottom")
    proxy_note(fig, is_proxy, lang)
    return fig


def _default_title(name: str, w: Words) -> str:
    return w["fig_regions_title"] + (f"\n{name}" if name else "")
