"""What more money buys (the budget frontier) and what regional coverage costs."""

from __future__ import annotations

from collections.abc import Iterable

from optimizer.analysis.frontier import Frontier, FrontierPoint
from optimizer.money import to_units
from optimizer.report.analyses import STEP_EUR, STEPS, Analyses, million_budgets
from optimizer.report.html.toolkit import (
    figure,
    heading,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words, objective_sentence


def _point(fr: Frontier, budget_eur: float) -> FrontierPoint | None:
    """The frontier's point at a budget (to within half a rounding unit), if any."""
    return next((p for p in fr.points if abs(p.budget_eur - budget_eur) < fr.unit_eur / 2),
                None)


def million_gain(fr: Frontier) -> float | None:
    here = _point(fr, fr.budget_eur)
    more = _point(fr, fr.budget_eur + to_units(STEP_EUR, fr.unit_eur) * fr.unit_eur)
    if here is None or more is None or here.optimal.value is None or more.optimal.value is None:
        return None
    return more.optimal.value - here.optimal.value


def frontier_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    fr, prep = a.frontier, a.allocation.case
    obj = fr.objective
    here = _point(fr, fr.budget_eur)
    rows = []
    prev: FrontierPoint | None = None
    for b in million_budgets(prep):
        p = _point(fr, b * fr.unit_eur)
        if p is None:
            continue
        v = p.optimal.value
        step = ("—" if prev is None or v is None or prev.optimal.value is None
                else "+" + w.value(v - prev.optimal.value, obj))
        label = w.eur(p.budget_eur) + (f" ({w['appropriation']})" if p is here else "")
        moves = "" if prev is None else _moves(prev.optimal.ids, p.optimal.ids)
        rows.append([num(label), num(p.optimal.funded), num(w.eur(p.optimal.spent_eur)),
                     num(w.value(v, obj)), num(step), moves])
        prev = p
    how = (say(w, "report.frontier_section.the_knapsack_dynamic_programme")
           if fr.method == "dp" else
           say(w, "report.frontier_section.the_knapsack_dynamic_programme_2")
           if fr.method == "core" else
           say(w, "report.frontier_section.the_integer_program_solved",
               solver=value_name("solver.name", fr.solver, w.lang) or fr.solver))
    body = [
        para(say(w, "report.frontier_section.the_optimal_value_at", how=how)),
        para(objective_sentence(obj, prep.partial_value, w.lang)),
        figure(a.figures.get("frontier"),
               say(w, "report.frontier_section.optimal_value_against_the"),
               say(w, "report.frontier_section.figure_text_actual" if fr.actual is not None
                   else "report.frontier_section.figure_text")),
        heading(level + 1, say(w, "report.frontier_section.what_each_extra_million")),
        table([num(w["appropriation"]), num(w["projects"]), num(w["spent"]),
               num(w["optimal_value"]), num(w["this_million"]), w["in_out"]], rows),
    ]
    if len(rows) < len(STEPS):
        top = prep.most_units * fr.unit_eur
        body.append(para(say(w, "report.frontier_section.appropriations_below_or_above",
                             top=top), "note"))
    if here is not None and here.optimal.value:
        ratio = (here.by_score.value or 0.0) / here.optimal.value
        breaks = ("" if here.by_score.satisfies_rules
                  else say(w, "report.frontier_section.breaking_a_rule_of"))
        body.append(para(say(w, "report.frontier_section.at_the_appropriation_funding",
                             ratio=ratio, funded=here.by_score.funded, breaks=breaks)))
    if fr.actual is not None:
        ok = fr.actual.satisfies_rules
        rule = (say(w, "report.frontier_section.meets_every_rule_of")
                if ok else say(w, "report.frontier_section.breaks_of_the_scenario",
                               violations=len(fr.actual.violations)))
        body.append(para(say(w, "report.frontier_section.actual_decision_value_it",
                             funded=fr.actual.funded, spent_eur=fr.actual.spent_eur,
                             value=w.value(fr.actual.value, obj), rule=rule)))
    return section(prefix + "frontier", w["frontier"], body, level)


def _moves(before: Iterable[str], after: Iterable[str]) -> str:
    gone, new = set(before) - set(after), set(after) - set(before)
    return " ".join([*(f"+{i}" for i in sorted(new)), *(f"−{i}" for i in sorted(gone))])


def coverage_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    cf = a.coverage
    obj = cf.objective
    basis = (say(w, "rules.basis.lead") if cf.basis ==
             "lead" else say(w, "report.coverage_section.the_participants_regions"))
    body = [para(say(w, "report.coverage_section.the_best_value_when", basis=basis,
                     budget_eur=cf.budget_eur, coverable=cf.coverable))]
    if cf.points:
        free = cf.points[0]
        rows = [[num(p.min_regions), num(p.covered), num(p.funded), num(w.eur(p.spent_eur)),
                 num(w.value(p.value, obj)),
                 num(w.pct((free.value - p.value) / free.value) if free.value else "–")]
                for p in cf.points if p.min_regions > free.covered]
        if rows:
            body.append(para(say(w, "report.coverage_section.under_this_scenario_s",
                                 covered=free.covered)))
            body.append(table([num(w["at_least_k"]), num(w["covered"]), num(w["projects"]),
                               num(w["spent"]), num(w["optimal_value"]),
                               num(w["value_lost"])], rows))
        elif free.covered >= cf.coverable:
            body.append(para(say(w, "report.coverage_section.under_this_scenario_s_2")))
    if cf.infeasible_from is not None:
        body.append(para(say(w, "report.coverage_section.from_regions_on_no",
                             infeasible_from=cf.infeasible_from)))
    body.append(figure(a.figures.get("coverage"),
                       say(w, "report.coverage_section.optimal_value_against_regional"),
                       say(w, "report.coverage_section.optimal_value_when_at")))
    return section(prefix + "coverage", w["coverage"], body, level)
