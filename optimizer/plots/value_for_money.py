"""Value for money: every fundable application's value against its cost, in one scatter.

x is the application's largest award (what funding it takes from the appropriation), y what
that award is worth under the scenario's objective (the value model's own figure, read from
the case's view `Case.full_award`). A filled marker: the optimum funds it; a ring: the
actual decision funded it. Grey lines through the origin join the points of equal value per
euro: under the objective "score" a project's value does not grow with its cost, so the
cheap ones lie on the steep lines, which is why the optimum favours small projects.

`analysis.value_for_money` gathers the points (no solve: it reads a finished Allocation);
`plot_value_for_money` draws them and computes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from optimizer.analysis.value_for_money import Point, ValueForMoney, value_for_money
from optimizer.constants import Objective
from optimizer.plots import COLORS, localise_ticks, new_figure, proxy_note
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

__all__ = ["Point", "ValueForMoney", "plot_value_for_money", "value_for_money"]

M = 1e6
MAX_LINES = 3  # iso-lines of value per euro; more would hide the points
STEEPEST = 8.0  # the steepest iso-line leaves the axes at an eighth of their width


def plot_value_for_money(data: ValueForMoney, lang: str = "en",
                         name: str | None = None) -> Figure:
    """The scatter (see the module doc). `name`: the scenario's title in the language under
    the title (default: the data's)."""
    w = Words(lang)
    euros = data.objective == Objective.SCORE_EUROS
    scale = M if euros else 1.0
    fig, ax = new_figure(width=9.0, height=6.0)
    pts = data.points
    x = [p.cost_eur / M for p in pts]
    y = [p.value / scale for p in pts]
    right = max(x, default=1.0) * 1.08 or 1.0
    top = max(y, default=1.0) * 1.1 or 1.0
    ax.set_xlim(0, right)
    ax.set_ylim(0, top)
    _iso_lines(ax, data, x, y, right, top, lang)
    out = [i for i, p in enumerate(pts) if not p.optimal]
    inside = [i for i, p in enumerate(pts) if p.optimal]
    ax.scatter([x[i] for i in out], [y[i] for i in out], s=28, facecolor="white",
               edgecolor="#777777", linewidth=0.8, zorder=3)
    ax.scatter([x[i] for i in inside], [y[i] for i in inside], s=28,
               color=COLORS["optimal"], edgecolor="#0b3c5d", linewidth=0.5, zorder=4)
    rings = [i for i, p in enumerate(pts) if p.actual]
    ax.scatter([x[i] for i in rings], [y[i] for i in rings], s=95, facecolor="none",
               edgecolor=COLORS["actual"], linewidth=1.4, zorder=5)
    handles = [
        Line2D([], [], linestyle="none", marker="o", color=COLORS["optimal"],
               label=say(w, "plots.vfm.optimal", n=len(inside))),
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
               markeredgecolor="#777777", label=say(w, "plots.vfm.not_funded", n=len(out))),
    ]
    if data.has_actual:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=10,
                              markerfacecolor="none", markeredgecolor=COLORS["actual"],
                              label=say(w, "plots.vfm.actual", n=len(rings))))
    ax.legend(handles=handles, loc="best", fontsize=8, framealpha=0.9)
    if not pts:
        ax.text(0.5, 0.5, say(w, "plots.vfm.none"), transform=ax.transAxes, ha="center",
                va="center")
    ax.set_xlabel(say(w, "plots.vfm.cost_axis"))
    ax.set_ylabel(say(w, "plots.vfm.value_euros" if euros else "plots.vfm.value_score"))
    name = data.name if name is None else name
    ax.set_title(say(w, "plots.vfm.title") + (f": {name}" if name else "")
                 + "\n" + say(w, "plots.vfm.how"), fontsize=10)
    localise_ticks(ax, lang)
    proxy_note(fig, data.is_proxy, lang)
    return fig


def _iso_lines(ax: Axes, data: ValueForMoney, x: Sequence[float], y: Sequence[float],
               right: float, top: float, lang: str) -> None:
    """Grey lines y = k·x of equal value per euro, each labelled where it leaves the axes.
    Under "score × euros" the value per euro is the score itself (k = 0.25, 0.5, 0.75);
    under "score" k is a round value per M€ among the points' own."""
    euros = data.objective == Objective.SCORE_EUROS
    ratios = [yi / xi for xi, yi in zip(x, y, strict=True) if xi > 0 and yi > 0]
    levels = [0.25, 0.5, 0.75] if euros else round_levels(ratios, STEEPEST * top / right)
    code = "plots.vfm.per_euro" if euros else "plots.vfm.per_million"
    for k in levels:
        end = min(right, top / k)
        ax.plot([0, end], [0, k * end], color="#9e9e9e", linewidth=0.7, linestyle="--",
                zorder=1)
        at_top = end < right  # the line leaves through the top: label it below the edge
        ax.annotate(say(lang, code, ratio=k), (end, k * end), fontsize=7, color="#6e6e6e",
                    ha="left" if at_top else "right", va="top" if at_top else "bottom",
                    xytext=(3, -3) if at_top else (-2, 2), textcoords="offset points")


def round_levels(ratios: Sequence[float], steepest: float) -> list[float]:
    """Round values (1, 2, 5 × a power of ten) between the smallest and largest ratio and
    no steeper than `steepest` (a line that leaves the axes within its first tenth is a
    wall, not a guide), at most MAX_LINES of them, spread evenly over that range."""
    if not ratios:
        return []
    lo, hi = min(ratios), min(max(ratios), steepest)
    if lo > hi:
        return []
    found = []
    for power in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        found += [m * 10.0 ** power for m in (1, 2, 5) if lo <= m * 10.0 ** power <= hi]
    if len(found) > MAX_LINES:
        step = math.ceil(len(found) / MAX_LINES)
        found = found[::step]
    return [float(f"{v:.3g}") for v in found]
