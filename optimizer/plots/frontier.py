"""Frontier figures: optimal value against the appropriation, and coverage against value.

Both draw finished dataclasses from optimizer.analysis.frontier and compute nothing.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from optimizer.analysis.coverage import CoverageFrontier
from optimizer.analysis.frontier import Frontier, Outcome
from optimizer.model.instance import SCORE_EUROS
from optimizer.plots import COLORS, new_figure, proxy_note

M = 1e6


def value_label(objective: str) -> str:
    if objective == SCORE_EUROS:
        return "Portfolio value (Σ score × award, M€)"
    return "Portfolio value (sum of project scores)"


def _scale(objective: str) -> float:
    return M if objective == SCORE_EUROS else 1.0


def plot_frontier(fr: Frontier) -> Figure:
    """Optimal value vs appropriation (M€), both greedy baselines as steps, the actual
    decision as a point, and a vertical line at the scenario's appropriation."""
    fig, ax = new_figure()
    scale = _scale(fr.objective)
    x = [p.budget_eur / M for p in fr.points]
    series = (
        ("optimal", "Optimal portfolio", COLORS["optimal"], "-", "o"),
        ("by_score", "Greedy: down the list by score", COLORS["greedy"], "--", None),
        ("by_ratio", "Greedy: down the list by score per euro", "#e7298a", ":", None),
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
                       color=color, zorder=3, label=f"{label.split(':')[0]} breaks a rule")
    if fr.actual is not None and fr.actual.value is not None:
        ax.scatter([fr.actual.spent_eur / M], [fr.actual.value / scale], s=90, marker="D",
                   color=COLORS["actual"], zorder=4, edgecolor="black",
                   label=f"Actual decision ({fr.actual.funded} projects)")
    ax.axvline(fr.budget_eur / M, color="#444444", linewidth=1, linestyle="-.",
               label=f"Appropriation {fr.budget_eur / M:.2f} M€")
    ax.set_xlabel("Appropriation (M€)")
    ax.set_ylabel(value_label(fr.objective))
    method = "knapsack DP, exact" if fr.method == "dp" else f"integer program ({fr.solver})"
    ax.set_title(f"What each appropriation buys{': ' + fr.name if fr.name else ''}\n"
                 f"optimum by {method}; greedy skips awards that do not fit", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    proxy_note(fig, fr.is_proxy)
    return fig


def plot_coverage(cf: CoverageFrontier) -> Figure:
    """Optimal value against the number of regions that must be covered."""
    fig, ax = new_figure()
    scale = _scale(cf.objective)
    ks = [p.min_regions for p in cf.points]
    ax.plot(ks, [p.value / scale for p in cf.points], marker="o", color=COLORS["optimal"],
            label="Optimal value under the rule")
    for p in cf.points:
        ax.annotate(str(p.covered), (p.min_regions, p.value / scale), fontsize=7,
                    textcoords="offset points", xytext=(0, 6), ha="center")
    if cf.infeasible_from is not None:
        ax.axvline(cf.infeasible_from - 0.5, color=COLORS["dropped"], linestyle=":",
                   label=f"{cf.infeasible_from}+ regions: no feasible portfolio")
    ax.set_xlabel(f"Regions that must be covered, at least ({cf.basis} basis; "
                  f"{cf.coverable} have applicants)")
    ax.set_ylabel(value_label(cf.objective))
    ax.set_title(f"What regional coverage costs at {cf.budget_eur / M:.2f} M€"
                 f"{': ' + cf.name if cf.name else ''}\n"
                 "numbers above points: regions the optimal portfolio actually covers",
                 fontsize=10)
    ax.legend(loc="lower left", fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    top = max((p.value / scale for p in cf.points), default=1.0)
    ax.set_ylim(0, top * 1.08 if top > 0 else 1.0)
    proxy_note(fig, cf.is_proxy)
    return fig
