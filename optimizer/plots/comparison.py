"""What the optimum adds and drops compared with the actual decision: a diverging bar chart.

One bar per application whose award differs (compare.Row.change_eur != 0): to the right
(green) the money the optimum adds, to the left (red) the money it takes away, in M€. The
figure grows by ROW_INCHES per row, so 61 labelled rows never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from optimizer.analysis.compare import Comparison
from optimizer.plots import COLORS, footer, localise_ticks, new_figure, proxy_note
from optimizer.vocabulary.words import Words

ROW_INCHES = 0.22
MAX_LABEL = 45


class ChangeRow(Protocol):  # compare.CompareRow, or anything with these fields
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def change_eur(self) -> float: ...


def _label(item_id: str, label: str) -> str:
    text = item_id if not label or label == item_id else f"{item_id}  {label}"
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def plot_comparison(rows: Sequence[ChangeRow] | Comparison, *,
                    is_proxy: bool = False, title: str | None = None,
                    lang: str = "en", name: str | None = None) -> Figure:
    """Diverging bars of optimal - actual award per application (a Comparison or its rows).

    Rows are drawn in the order given (a Comparison's rows come grouped: kept with a changed
    amount, dropped, added); rows with no change are left out. `name`: the scenario's title
    in the language under the default title (default: the comparison's).
    """
    w = Words(lang)
    if isinstance(rows, Comparison):
        is_proxy = is_proxy or rows.is_proxy
        title = title or _default_title(rows.name if name is None else name, w)
        given: Sequence[ChangeRow] = rows.entries
    else:
        given = rows
    # Largest additions on top, largest drops at the bottom (order only; no figures made).
    shown = sorted((r for r in given if r.change_eur != 0), key=lambda r: -r.change_eur)
    height = max(3.5, 2.2 + ROW_INCHES * len(shown))
    fig, ax = new_figure(width=9.5, height=height)
    footer(fig, lines=1 if is_proxy else 0)
    ypos = list(range(len(shown)))[::-1]
    values = [r.change_eur / 1e6 for r in shown]
    colors = [COLORS["added"] if v > 0 else COLORS["dropped"] for v in values]
    ax.barh(ypos, values, color=colors, edgecolor="#555555", linewidth=0.3)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(ypos, [_label(r.id, r.label) for r in shown], fontsize=7)
    ax.set_ylim(-0.6, max(len(shown), 1) - 0.4)
    ax.grid(False, axis="y")  # no gridline per row (not drawn, not in the SVG)
    span = max((abs(v) for v in values), default=0.1)
    ax.set_xlim(-1.25 * span, 1.25 * span)
    for y, v in zip(ypos, values, strict=True):
        ax.annotate(("+" if v > 0 else "") + w.num(v, 2), (v, y), xytext=(3 if v > 0 else -3, 0),
                    textcoords="offset points", ha="left" if v > 0 else "right",
                    va="center", fontsize=6)
    if not shown:
        ax.text(0.5, 0.5, w["fig_same"],
                transform=ax.transAxes, ha="center", va="center")
    ax.legend(handles=[Patch(color=COLORS["added"], label=w["fig_added"]),
                       Patch(color=COLORS["dropped"], label=w["fig_dropped"])],
              loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_xlabel(w["fig_change_axis"])
    ax.set_ylabel(w["fig_application_axis"])
    ax.set_title(title or _default_title("", w), fontsize=10)
    localise_ticks(ax, lang, y=False)
    proxy_note(fig, is_proxy, lang)
    return fig


def _default_title(name: str, w: Words) -> str:
    return w["fig_comparison_title"] + (f"\n{name}" if name else "")
