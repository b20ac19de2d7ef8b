"""Acceptability indices as a sorted horizontal bar chart, one bar per application."""

from __future__ import annotations

from collections.abc import Collection

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from optimizer.analysis.robustness import Robustness
from optimizer.plots import COLORS, localise_ticks, new_figure, proxy_note
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words

ROW_INCHES = 0.2  # per application: 61 rows stay readable at 7-pt labels
MAX_LABEL = 45


def _label(item_id: str, label: str) -> str:
    text = item_id if not label or label == item_id else f"{item_id}  {label}"
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def plot_acceptability(rob: Robustness, actual_funded: Collection[str] | None = None,
                       lang: str = "en", name: str | None = None) -> Figure:
    """Bars sorted by index (highest on top), coloured by the actual decision when given;
    core and exterior thresholds as vertical lines. `name`: the scenario's title in the
    language (default: the analysis's)."""
    w = Words(lang)
    rows = list(rob.items)
    fig, ax = new_figure(width=9.0, height=max(4.0, 1.8 + ROW_INCHES * len(rows)))
    ypos = list(range(len(rows)))[::-1]
    if actual_funded is None:
        colors = [COLORS["optimal"]] * len(rows)
    else:
        colors = [COLORS["funded"] if a.id in actual_funded else COLORS["rejected"]
                  for a in rows]
    ax.barh(ypos, [a.index for a in rows], color=colors, edgecolor="#555555", linewidth=0.3)
    ax.set_yticks(ypos, [_label(a.id, a.label) for a in rows], fontsize=7)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 1)
    ax.axvline(rob.core, color=COLORS["funded"], linestyle="--", linewidth=1)
    ax.axvline(rob.exterior, color=COLORS["dropped"], linestyle="--", linewidth=1)
    ax.grid(False, axis="y")  # no gridline per row (not drawn, not in the SVG)
    handles = [
        Patch(color=COLORS["funded"] if actual_funded is not None else COLORS["optimal"],
              label=w["fig_funded_actual"] if actual_funded is not None
              else w["fig_application"]),
        *([Patch(color=COLORS["rejected"], label=w["fig_not_funded_actual"])]
          if actual_funded is not None else []),
        ax.get_lines()[0], ax.get_lines()[1],
    ]
    handles[-2].set_label(w("fig_core", x=w.num(rob.core, 2)))
    handles[-1].set_label(w("fig_exterior", x=w.num(rob.exterior, 2)))
    ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_xlabel(w["fig_acceptability_axis"])
    ax.set_ylabel(w["fig_application_axis"])
    noise = f", sd {w.num(rob.score_noise, 2)}" if rob.score_noise else ""
    how = (value_name("robustness.weights", rob.weights, lang) or rob.weights) + noise
    name = rob.name if name is None else name
    ax.set_title(f"{w['fig_robustness_title']}{': ' + name if name else ''}\n"
                 + w("fig_robustness_sub", n=rob.samples, how=how,
                     seed=rob.seed, m=w.num(rob.budget_eur / 1e6, 2)), fontsize=10)
    localise_ticks(ax, lang, y=False)
    proxy_note(fig, rob.is_proxy, lang)
    return fig
