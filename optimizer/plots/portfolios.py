"""Core index beside sampled acceptability: one bar per application (its core index,
coloured by class) and a dot for its share of the draws within the same statements."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from optimizer.analysis.nondominated import BORDERLINE, CORE, EXTERIOR, RobustPortfolios
from optimizer.plots import COLORS, localise_ticks, new_figure, proxy_note
from optimizer.plots.acceptability import ROW_INCHES, _label
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

TITLE_CHARS = 95  # a long scenario title or many statements wrap, not run off the figure
SHADES = {CORE: COLORS["funded"], BORDERLINE: COLORS["greedy"], EXTERIOR: COLORS["rejected"]}


def plot_portfolios(rp: RobustPortfolios, lang: str = "en", name: str | None = None) -> Figure:
    """Bars sorted as the analysis sorts (highest core index on top); dots where weights
    were drawn. `name`: the scenario's title in the language."""
    w = Words(lang)
    rows = list(rp.items)
    fig, ax = new_figure(width=9.0, height=max(4.0, 1.8 + ROW_INCHES * len(rows)))
    ypos = list(range(len(rows)))[::-1]
    ax.barh(ypos, [c.index for c in rows], color=[SHADES[c.category] for c in rows],
            edgecolor="#555555", linewidth=0.3)
    handles: list[Patch | Line2D] = [Patch(color=SHADES[k], label=w[k])
                                     for k in (CORE, BORDERLINE, EXTERIOR)]
    drawn = [(y, c.acceptability) for y, c in zip(ypos, rows, strict=True)
             if c.acceptability is not None]
    if drawn:
        ax.plot([a for _, a in drawn], [y for y, _ in drawn], "o", color=COLORS["actual"],
                markeredgecolor="#333333", markeredgewidth=0.4, markersize=4.5, zorder=3)
        handles.append(Line2D([], [], marker="o", linestyle="", color=COLORS["actual"],
                              markeredgecolor="#333333",
                              label=say(w, "plots.portfolios.sampled")))
    ax.set_yticks(ypos, [_label(c.id, c.label) for c in rows], fontsize=7)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 1.02)
    ax.grid(False, axis="y")
    # above the axes, not over them: a dot may sit anywhere on a row
    fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), fontsize=8,
               frameon=False)
    ax.set_xlabel(say(w, "plots.portfolios.axis"))
    ax.set_ylabel(w["fig_application_axis"])
    name = rp.name if name is None else name
    sub = say(w, "plots.portfolios.sub" if rp.complete else "plots.portfolios.sub_incomplete",
              n=len(rp.portfolios), statements="; ".join(rp.statements) or "–")
    title = f"{say(w, 'plots.portfolios.title')}{': ' + name if name else ''}"
    ax.set_title("\n".join([*textwrap.wrap(title, TITLE_CHARS), *textwrap.wrap(sub, TITLE_CHARS)]),
                 fontsize=10)
    localise_ticks(ax, lang, y=False)
    proxy_note(fig, rp.is_proxy, lang)
    return fig
