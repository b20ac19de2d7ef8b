"""The actual decision against the optimum: efficiency, overlap, the rules it breaks and the
fewest changes that make it optimal."""

from __future__ import annotations

from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.case import Case
from optimizer.report.analyses import Analyses
from optimizer.report.html.brief import fold
from optimizer.report.html.common import reasons_text
from optimizer.report.html.toolkit import (
    bullets,
    esc,
    figure,
    heading,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence


def comparison_section(a: Analyses, w: Words, level: int, prefix: str, *,
                       compact: bool = False) -> str:
    """The actual decision against the optimum. `compact` (a report of several scenarios,
    printed): the value's definition left out (the top of the page says it) and the list
    of changes folded (the applications × scenarios grid prints it)."""
    c = a.comparison
    if c is None:
        return ""
    prep = a.allocation.case
    obj = c.objective
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    summary = table(["", num(w["actual"]), num(w["optimum"])], [
        [w["value"], num(w.value(c.actual_value, obj)), num(w.value(c.optimal_value, obj))],
        [w["projects"], num(n_actual), num(n_opt)],
        [w["spent"], num(w.eur(c.actual_spent_eur)), num(w.eur(c.optimal_spent_eur))],
        [f"{w['left']} / {w.eur(c.budget_eur)}", num(w.eur(c.actual_left_eur)),
         num(w.eur(c.optimal_left_eur))],
    ])
    body = [para(objective_sentence(prep.objective, prep.partial_value, w.lang))
            if not compact else "",
            f'<p class="big">{esc(say(w, "report.comparison.efficiency"))}: '
            f"{esc(w.pct(c.efficiency))}</p>",
            *(para(m.text(w.lang), "note") for m in c.valuation()), summary]
    if len(c.views) > 1:
        body.append(para(say(w, "report.comparison.the_same_decision_judged")))
        body.append(table(
            [w["objective"], num(w["efficiency"]), num(w["fewest_changes"]),
             num(w["additions"]), num(w["removals"])],
            [[w.objective(v.objective) + (f" ({w['this_scenario']})" if v.objective == obj
                                          else ""),
              num(w.pct(v.efficiency)), num(v.fewest_changes), num(v.additions),
              num(v.removals)] for v in c.views]))
    if c.efficiency is not None and c.efficiency > 1:
        body.append(para(say(w, "report.comparison.the_actual_decision_is"), "note"))
    words = {BOTH: w["both"], ONLY_ACTUAL: w["only_actual"], ONLY_OPTIMAL: w["only_optimal"]}
    overlap = "; ".join(
        f"{len(c.ids(s))} {words[s]} ({w.eur(c.total_eur(s, 'optimal' if s == ONLY_OPTIMAL else 'actual'))})"  # noqa: E501
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL))
    body.append(para(say(w, "report.comparison.overlap") + overlap + "."))
    body.append(heading(level + 1, say(w, "report.comparison.rules_of_the_scenario")))
    broken = [v.text(w.lang) for v in c.violations]
    body.append(bullets(broken) if broken else para(w["none"].capitalize() + "."))
    if c.outside:
        body.append(heading(level + 1, say(w, "report.comparison.actual_awards_to_applications")))
        body.append(table([w["id"], w["lead"], num(w["award"]), w["reason"]],
                          [[nowrap(o.id), o.label,
                            num(w.eur(o.awarded_eur) if o.awarded_eur is not None else ""),
                            reasons_text(o.reasons, w)] for o in c.outside]))
    changes = _changes(c, prep, w, level + 1)
    body += [fold(say(w, "report.changes.the_fewest_changes_that"), changes)] if compact \
        else changes
    body.append(figure(a.figures.get("comparison"),
                       say(w, "report.comparison.change_in_award_per"),
                       say(w, "report.comparison.what_the_optimum_adds")))
    body.append(figure(a.figures.get("regions"),
                       say(w, "report.comparison.funds_per_region"),
                       say(w, "report.comparison.awards_led_from_each")))
    return section(prefix + "comparison", w["comparison"], body, level)


def _changes(c: Comparison, prep: Case, w: Words, level: int) -> list[str]:
    ch = c.changes
    head = (" ".join(m.text(w.lang) for m in c.counted())
            + ("" if ch.status == "optimal"
               else say(w, "report.changes.not_proven_minimal_time") + "."))
    labels = {r.id: r.label for r in c.entries}
    project = {app.id: app.project for app in prep.round.applications}
    add, remove, amount = (say(w, "report.changes.add"), say(w, "report.changes.remove"),
                           say(w, "report.changes.change_amount"))
    rows: list[list[object]] = []
    rows += [[add, nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(w.signed_eur(ch.units[i] * c.unit_eur))] for i in ch.additions]
    actual = {r.id: r.actual_eur for r in c.entries}
    rows += [[remove, nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(w.signed_eur(-actual.get(i, 0.0)))] for i in ch.removals]
    rows += [[nowrap(amount), nowrap(m.id), labels.get(m.id, ""), project.get(m.id, ""),
              num(w.signed_eur(m.new_eur - m.actual_eur))] for m in ch.amount_changes]
    out = [heading(level, say(w, "report.changes.the_fewest_changes_that")), para(head)]
    if rows:
        out.append(table([w["change"], w["id"], w["lead"], w["project"],
                          num(say(w, "report.changes.award_change"))], rows))
    out.append(para(c.tie().text(w.lang), "note"))
    return out
