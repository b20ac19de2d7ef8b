"""Frontier figures: optimal value against the appropriation, and coverage against value.

Both draw finished dataclasses from optimizer.analysis.frontier and compute nothing.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from optimizer.analysis.coverage import CoverageFrontier
from optimizer.analysis.frontier import Frontier, Outcome
from optimizer.constants import Objective
from optimizer.plots import COLORS, localise_ticks, new_figure, proxy_note
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words

M = 1e6


def value_label(objective: str, lang: str = "en") -> str:
    euros = objective == Objective.SCORE_EUROS
    return Words(lang)["fig_value_euros" if euros else "fig_value_score"]


def _scale(objective: str) -> float:
    return M if objective == Objective.SCORE_EUROS else 1.0


def plot_frontier(fr: Frontier, lang: str = "en", name: str | None = None) -> Figure:
    """Optimal value vs appropriation (M€), both greedy baselines as steps, the actual
    decision as a point, and a vertical line at the scenario's appropriation. `name`: the
    scenario's title in the language (default: the analysis's)."""
    w = Words(lang)
    fig, ax = new_figure()
    scale = _scale(fr.objective)
    x = [p.budget_eur / M for p in fr.points]
    series = (
        ("optimal", w["fig_optimal"], COLORS["optimal"], "-", "o"),
        ("by_score", w["fig_by_score"], COLORS["greedy"], "--", None),
        ("by_ratio", w["fig_by_ratio"], "#e7298a", ":", None),
    )
    for attr, label, color, style, marker in series:
        outcomes: list[Outcome] = [getattr(p, attr) for p in fr.points]
        pts = [(xi, o.value / scale) for xi, o in zip(x, outcomes, strict=True)
               if o.value is not None]
        if not pts:
            continue
        if attr == "optimal" and fr.curve:
            # The exact curve between the tabulated points; markers at the points.
            ax.plot([b / M for b, _ in fr.curve], [v / scale for _, v in fr.curve],
                    drawstyle="steps-post", color=color, linestyle=style, linewidth=1.4,
                    marker=marker, markevery=[], label=label)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], linestyle="none", color=color,
                    marker=marker, markersize=4)
            continue
        ax.plot([p[0] for p in pts], [p[1] for p in pts], drawstyle="steps-post",
                color=color, linestyle=style, marker=marker, markersize=4, label=label)
        broken = [(xi, o.value / scale) for xi, o in zip(x, outcomes, strict=True)
                  if o.value is not None and not o.satisfies_rules]
        if broken and attr != "optimal":
            ax.scatter([b[0] for b in broken], [b[1] for b in broken], marker="x",
                       color=color, zorder=3,
                       label=f"{label.split(':')[0]}: {w['fig_breaks']}")
    if fr.actual is not None and fr.actual.value is not None:
        ax.scatter([fr.actual.spent_eur / M], [fr.actual.value / scale], s=90, marker="D",
                   color=COLORS["actual"], zorder=4, edgecolor="black",
                   label=w("fig_actual", n=fr.actual.funded))
    ax.axvline(fr.budget_eur / M, color="#444444", linewidth=1, linestyle="-.",
               label=w("fig_appropriation", m=w.num(fr.budget_eur / M, 2)))
    ax.set_xlabel(w["fig_appropriation_axis"])
    ax.set_ylabel(value_label(fr.objective, lang))
    how = (w["fig_frontier_how_dp"] if fr.method == "dp"
           else w("fig_frontier_how_ip",
                  solver=value_name("solver.name", fr.solver, lang) or fr.solver))
    name = fr.name if name is None else name
    ax.set_title(f"{w['fig_frontier_title']}{': ' + name if name else ''}\n{how}",
                 fontsize=10)
    localise_ticks(ax, lang)
    ax.legend(loc="lower right", fontsize=8)
    proxy_note(fig, fr.is_proxy, lang)
    return fig


def plot_coverage(cf: CoverageFrontier, lang: str = "en", name: str | None = None) -> Figure:
    """Optimal value against the number of regions that must be covered. `name`: the
    scenario's title in the language (default: the analysis's)."""
    w = Words(lang)
    fig, ax = new_figure()
    scale = _scale(cf.objective)
    ks = [p.min_regions for p in cf.points]
    ax.plot(ks, [p.value / scale for p in cf.points], marker="o", color=COLORS["optimal"],
            label=w["fig_under_rule"])
    for p in cf.points:
        ax.annotate(str(p.covered), (p.min_regions, p.value / scale), fontsize=7,
                    textcoords="offset points", xytext=(0, 6), ha="center")
    if cf.infeasible_from is not None:
        ax.axvline(cf.infeasible_from - 0.5, color=COLORS["dropped"], linestyle=":",
                   label=w("fig_no_portfolio", k=cf.infeasible_from))
    ax.set_xlabel(w("fig_coverage_axis", basis=w[f"basis_{cf.basis}"], n=cf.coverable))
    ax.set_ylabel(value_label(cf.objective, lang))
    name = cf.name if name is None else name
    ax.set_title(w("fig_coverage_title", m=w.num(cf.budget_eur / M, 2))
                 + f"{': ' + name if name else ''}\n{w['fig_coverage_sub']}",
                 fontsize=10)
    ax.legend(loc="lower left", fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    top = max((p.value / scale for p in cf.points), default=1.0)
    ax.set_ylim(0, top * 1.08 if top > 0 else 1.0)
    localise_ticks(ax, lang)
    proxy_note(fig, cf.is_proxy, lang)
    return fig
