"""Robustness to the weights: core, borderline and exterior applications."""

from __future__ import annotations

from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR
from optimizer.report.analyses import Analyses
from optimizer.report.html.toolkit import (
    bullets,
    figure,
    heading,
    para,
    section,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words


def robustness_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    rob = a.robustness
    if rob is None:
        return ""
    prep = a.allocation.case
    what = (say(w, "report.robustness_section.indicators") if rob.is_proxy
            else say(w, "report.robustness_section.criteria"))
    how = (say(w, "report.robustness_section.the_knapsack_dp") if rob.method == "dp"
           else say(w, "report.robustness_section.the_knapsack_dp_on")
           if rob.method == "core"
           else say(w, "report.robustness_section.the_integer_program",
                    solver=value_name("solver.name", rob.solver, w.lang) or rob.solver))
    weights = value_name("robustness.weights", rob.weights, w.lang) or rob.weights
    body = [para(say(w, "report.robustness_section.random_weightings_of_the", samples=rob.samples,
                     criteria=len(rob.criteria_ids), what=what, weights=weights, seed=rob.seed,
                     how=how, budget_eur=rob.budget_eur,
                     distinct_portfolios=rob.distinct_portfolios))]
    funded = prep.actually_funded if prep.round.awards else set()
    titles = {
        CORE: say(w, "report.robustness_section.core_funded_in_at", core=rob.core),
        BORDERLINE: say(w, "report.robustness_section.borderline_funded_in_between",
                        exterior=rob.exterior, core=rob.core),
        EXTERIOR: say(w, "report.robustness_section.exterior_funded_in_at", exterior=rob.exterior)}
    for cat in (CORE, BORDERLINE, EXTERIOR):
        items = [x for x in rob.items if x.category == cat]
        body.append(heading(level + 1, f"{titles[cat]}: {len(items)}"))
        body.append(bullets([f"{x.id} {x.label}: {w.num(x.index, 2)}"
                             + (f" ({w['actually_funded']})" if x.id in funded else "")
                             for x in items], "cols") if items
                    else para(w["none"].capitalize() + "."))
    outside = sorted(e.id for e in prep.excluded)
    if outside:
        body.append(para(say(w, "report.robustness_section.not_analysed_not_fundable")
                         + ", ".join(outside) + ".", "note"))
    body.append(figure(a.figures.get("acceptability"),
                       say(w, "report.robustness_section.acceptability_index_per_application"),
                       say(w, "report.robustness_section.share_of_the_draws")))
    return section(prefix + "robustness", w["robustness"], body, level)
