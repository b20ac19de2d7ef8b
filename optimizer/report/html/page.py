"""The report page: finished analyses in, one HTML document out; nothing is computed here.

The page carries no date, time or path of this machine, so the same inputs give a
byte-identical report.html. Styles are inline; there is no JavaScript and nothing is
fetched from the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from optimizer import __version__
from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.frontier import Frontier, FrontierPoint
from optimizer.analysis.regions import RegionTable
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR, Robustness
from optimizer.format import (
    euros,
    fmt_value,
    number,
    plural,
    share,
    signed_euros,
    value_words,
)
from optimizer.model.instance import FULL, SCORE_EUROS
from optimizer.model.prepare import Prepared
from optimizer.money import to_units
from optimizer.report.analyses import (
    ATTRIBUTION,
    STEP_EUR,
    STEPS,
    Analyses,
    million_budgets,
)
from optimizer.report.html.toolkit import (
    CSS,
    Cell,
    attr,
    bullets,
    esc,
    figure,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.report.words import OBJECTIVE_NAMES, objective_sentence


def render_html(a: Analyses) -> str:
    """The report page (a str); the same analyses always give the same bytes."""
    prep = a.allocation.prepared
    name = prep.scenario.title or "(unnamed scenario)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>grantopt report: {esc(name)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        _header(a),
        _score_box(prep),
        _summary(a),
        _contents(a),
        _rules(prep),
        _allocation(a),
        _comparison(a),
        _frontier_section(a),
        _coverage_section(a),
        _robustness_section(a),
        _record_section(a),
        _files_section(a),
        _footer(prep),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _round_title(prep: Prepared) -> str:
    call = prep.round.call
    title = call.name_en or call.name or f"the round in folder “{prep.round.path.name}”"
    if call.name_en and call.name and call.name != call.name_en:
        title += f" ({call.name})"
    return title + (f", {call.year}" if call.year else "")


def _header(a: Analyses) -> str:
    prep = a.allocation.prepared
    lines = ["<header>",
             f"<h1>grantopt report: {esc(prep.scenario.title or '(unnamed scenario)')}</h1>"]
    description = prep.scenario.scenario.description
    if description:
        lines.append(para(description, "sub"))
    scen = prep.scenario.source.name if prep.scenario.source else "the round's defaults"
    lines.append(para(f"Round: {_round_title(prep)}. Scenario file: {scen}.", "sub"))
    lines.append("</header>")
    return "\n".join(lines)


def _score_box(prep: Prepared) -> str:
    scores = prep.scores
    out = ['<section class="scores" id="scores">', "<h2>Where the scores come from</h2>",
           f'<p class="label">Scores: {esc(scores.label)}</p>']
    out += [para(f"Note: {note}.", "note") for note in prep.notes]
    if scores.is_proxy:
        out.append(para(
            "Every score in this report is computed from the round's data (who applies "
            "together, how many residents they reach, the amount asked, the target area) "
            "by the proxy indicators below. It is not an assessment of what the "
            "applications propose, and it does not stand for the scores of the body that "
            "decided. Each indicator is scaled to 0..1; a project's score is the weighted "
            "sum, also in 0..1."))
        call_weights = {p.id: p.weight for p in prep.round.call.proxies}
        rows = [[c, d, num(f"{w:.2f}")]
                for c, d, w in zip(scores.criteria, scores.descriptions, scores.weights,
                                   strict=True)]
        out.append(table(["indicator", "definition", "weight"], rows))
        total = sum(call_weights.values()) or 1.0
        differs = [c for c, w in zip(scores.criteria, scores.weights, strict=True)
                   if abs(w - call_weights.get(c, 0.0) / total) > 1e-9]
        if differs:
            out.append(para("The scenario sets its own weights ([scoring.weights]); the "
                             "round's call.toml gives " + ", ".join(
                                 f"{c} {w:.2f}" for c, w in call_weights.items()) + ".",
                             "note"))
    else:
        out.append(para("The scores come from the scoring sheet named above; a project's "
                         "score is the weighted sum of its criteria, each scaled to 0..1."))
        rows = [[c, d, num(f"{w:.3f}")]
                for c, d, w in zip(scores.criteria, scores.descriptions, scores.weights,
                                   strict=True)]
        out.append(table(["criterion", "question", "weight"], rows))
    out.append("</section>")
    return "\n".join(out)


def _summary(a: Analyses) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    obj = prep.instance.rules.objective
    items = [f"The optimal portfolio under this scenario's rules funds "
             f"{plural(tot.projects, 'project')} for {euros(tot.spent_eur)} of the "
             f"{euros(tot.budget_eur)} appropriation; its {value_words(obj)} is "
             f"{fmt_value(res.objective, obj)}.",
             objective_sentence(obj, prep.instance.rules.partial_value)]
    c = a.comparison
    if c is not None:
        n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
        items.append(
            f"The actual decision funds {plural(n_actual, 'project')} for "
            f"{euros(c.actual_spent_eur)} "
            f"and reaches {share(c.efficiency)} of the optimal value; "
            f"{plural(c.changes.count, 'change')} ({plural(len(c.changes.additions), 'addition')}, "
            f"{plural(len(c.changes.removals), 'removal')}) would make it optimal"
            + "".join(f" (under {OBJECTIVE_NAMES[v.objective]}: {share(v.efficiency)}, "
                      f"{plural(v.fewest_changes, 'change')})" for v in c.views[1:]) + ".")
    gain = _million_gain(a.frontier)
    if gain is not None:
        rise = f" ({share(gain / res.objective)})" if res.objective > 0 else ""
        items.append(f"One more million (to {euros(a.frontier.budget_eur + STEP_EUR)}) "
                     f"would raise the optimal value by {fmt_value(gain, obj)}{rise}.")
    rob = a.robustness
    if rob is not None:
        counts = _category_counts(rob)
        items.append(
            f"Applications over {rob.samples} random weightings: {counts[CORE]} core (funded "
            f"in at least {share(rob.core, 0)} of the draws), {counts[BORDERLINE]} "
            f"borderline, {counts[EXTERIOR]} exterior (funded in at most "
            f"{share(rob.exterior, 0)}).")
    if prep.is_proxy:
        items.append("All values rest on proxy scores computed from data (see the box "
                     "above), not on an evaluation of the applications.")
    return ('<section class="summary" id="summary"><h2 style="border:0;margin:.2rem 0">'
            "In short</h2>" + bullets(items) + "</section>")


def _contents(a: Analyses) -> str:
    entries = [("rules", "Rules of the scenario"), ("allocation", "Optimal allocation")]
    if a.comparison is not None:
        entries.append(("comparison", "The actual decision against the optimum"))
    entries += [("frontier", "What more money buys"), ("coverage", "What regional coverage costs")]
    if a.robustness is not None:
        entries.append(("robustness", "Robustness to the weights"))
    entries.append(("record", "On record"))
    entries.append(("files", "Files of this report"))
    body = "".join(f'<li><a href="#{attr(k)}">{esc(t)}</a></li>' for k, t in entries)
    return f"<nav><strong>Contents</strong><ol>{body}</ol></nav>"


def _ids(ids: Iterable[str]) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else "none"


def _rules(prep: Prepared) -> str:
    sc, call, inst = prep.scenario, prep.round.call, prep.instance
    budget, funding = sc.budget, sc.funding
    elig, scoring, locks, solver = sc.eligibility, sc.scoring, sc.locks, sc.solver
    approp = euros(budget.appropriation or 0.0)
    if call.budget_item:
        approp += f" (budget item {call.budget_item})"
    rows: list[list[object]] = [["Appropriation", approp]]
    if budget.min_spend:
        rows.append(["Minimum spend", euros(budget.min_spend)])
    rows.append(["Rounding", f"awards rounded down to whole {euros(budget.rounding or 0.0)}"])
    if funding.mode == FULL:
        mode = "full: a funded project gets its maximum award"
    else:
        mode = (f"partial: a funded project gets at least {share(funding.min_share, 0)} "
                "of its maximum award")
    rows.append(["Funding mode", mode])
    cap = ["the amount requested"]
    if funding.max_cost_share is not None:
        cap.append(f"{share(funding.max_cost_share, 0)} of the eligible costs (where known)")
    if funding.max_per_project is not None:
        cap.append(euros(funding.max_per_project))
    rows.append(["Maximum award", "the least of " + ", ".join(cap) if len(cap) > 1
                 else cap[0]])
    rows.append(["Objective", "maximise the sum of project scores, each scaled by its "
                 "share of its maximum award" if inst.rules.objective != SCORE_EUROS
                 else "maximise the sum of score × award (€)"])
    joint = (f"joint projects only: at least {elig.min_parties} distinct parties"
             if elig.joint_rule else "off (single-party projects allowed)")
    rows.append(["Joint-project rule", joint])
    codes = [e.code for e in call.exclusions]
    if codes:
        rows.append(["Out of the call's scope",
                     ", ".join(codes) if elig.exclusions else "rule switched off"])
    if scoring.min_score:
        rows.append(["Minimum score", f"{scoring.min_score:g}"])
    rows += [["Coverage rules", r] for r in _coverage_rules(prep)]
    rows.append(["Locks", f"funded by force: {_ids(locks.fund)}; "
                          f"rejected by force: {_ids(locks.reject)}"])
    limit = "no time limit" if solver.time_limit is None else f"time limit {solver.time_limit:g} s"
    rows.append(["Solver", f"{solver.name}, relative gap {solver.gap:g}, {limit}"])
    body = [table(["rule", "in this scenario"], rows, cls="rules")]
    n_all, n_in = len(prep.round.applications), len(inst.items)
    if not inst.excluded:
        body.append(para(f"All {plural(n_all, 'application')} of the round are fundable under "
                         "these rules."))
    else:
        body.append(para(f"{n_in} of the round's {plural(n_all, 'application')} are fundable "
                         f"under these rules; {len(inst.excluded)} are not:"))
        body.append(table(["id", "lead applicant", "why not fundable"],
                          [[nowrap(e.id), prep.labels.get(e.id, ""), "; ".join(e.reasons)]
                           for e in inst.excluded]))
    return section("rules", "Rules of the scenario", body)


def _coverage_rules(prep: Prepared) -> list[str]:
    cov = prep.scenario.coverage
    basis = ("the lead applicant's region" if cov.region_basis == "lead"
             else "the regions of all participants")
    out = []
    if cov.min_projects_per_region:
        out.append(f"at least {cov.min_projects_per_region} project(s) in every region with "
                   f"a fundable application (by {basis})")
    if cov.min_regions:
        out.append(f"at least {cov.min_regions} regions covered (by {basis})")
    if cov.max_region_share is not None:
        out.append(f"projects led from one region get at most "
                   f"{share(cov.max_region_share, 0)} of the appropriation")
    if cov.min_projects_per_target_area:
        out.append(f"at least {cov.min_projects_per_target_area} project(s) per target area")
    if cov.max_awards_per_lead is not None:
        out.append(f"at most {cov.max_awards_per_lead} award(s) per lead applicant")
    return out or ["none"]


def _allocation(a: Analyses) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    has_actual = bool(prep.round.awards)
    rows = []
    for r in a.allocation.rows():
        row: list[object] = [nowrap(r["id"]), r["lead"],
                             prep.round.application(r["id"]).project, r["region"],
                             num(f"{r['score']:.3f}"), num(euros(r["award_eur"]))]
        if has_actual:
            actual = prep.actual_eur.get(r["id"], 0.0)
            row.append(num(euros(actual) if actual > 0 else "—"))
        rows.append(row)
    headers: list[object] = ["id", "lead applicant", "project", "region", num("score"),
                             num("award")]
    foot: list[object] = [nowrap("total"), plural(tot.projects, "project"), "",
                          nowrap(plural(tot.regions_covered, "region")), "",
                          num(euros(tot.spent_eur))]
    if has_actual:
        headers.append(num("actual decision"))
        foot.append("")
    status = res.status
    if res.status != "optimal" and res.gap:
        status += f" (gap {share(res.gap, 2)})"
    obj = prep.instance.rules.objective
    body = [
        para(f"Budget {euros(tot.budget_eur)}; spent {euros(tot.spent_eur)}; left "
             f"{euros(tot.left_eur)}. {plural(tot.projects, 'project')} in "
             f"{plural(tot.regions_covered, 'region')} (by the lead applicant). "
             f"Portfolio {value_words(obj)}: {fmt_value(res.objective, obj)}."),
        para(f"Solver status: {status} ({res.solver}). The portfolio was checked again, "
             "outside the solver, against every rule of the scenario: verified."),
        table(headers, rows, foot=foot),
        para("Best score first. Score: the weighted score of the project in 0..1"
             + (" (a proxy score computed from data)" if prep.is_proxy else "")
             + (". Actual decision: what the project was actually awarded." if has_actual
                else "."), "note"),
    ]
    body.append(_regions_table(a.allocation.regions()))
    return section("allocation", "Optimal allocation", body)


def _regions_table(rt: RegionTable) -> str:
    basis = ("the lead applicant's region" if rt.basis == "lead"
             else "the participants' regions, awards split by their residents")
    headers: list[object] = ["region", num("projects"), num("awarded"), num("share"),
                             num("€ per resident")]
    if rt.has_actual:
        headers += [num("actual projects"), num("actual awarded"), num("actual share"),
                    num("actual € per resident")]
    rows = []
    for r in rt.lines:
        row: list[object] = [r.region, num(r.optimal_projects), num(euros(r.optimal_eur)),
                             num(share(r.optimal_share)), num(_per(r.optimal_per_resident))]
        if rt.has_actual:
            row += [num(r.actual_projects), num(euros(r.actual_eur or 0.0)),
                    num(share(r.actual_share)), num(_per(r.actual_per_resident))]
        rows.append(row)
    return "\n".join(["<h3>Regions</h3>", para(f"Counted by {basis}."), table(headers, rows)])


def _per(value: float | None) -> str:
    return "" if value is None else number(value, 2)


STATUS_WORDS = {BOTH: "funded in both", ONLY_ACTUAL: "only in the actual decision",
                ONLY_OPTIMAL: "only in the optimum"}


def _comparison(a: Analyses) -> str:
    c = a.comparison
    if c is None:
        return ""
    prep = a.allocation.prepared
    obj = c.objective
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    summary = table(["", num("actual decision"), num("optimum")], [
        [value_words(obj), num(fmt_value(c.actual_value, obj)),
         num(fmt_value(c.optimal_value, obj))],
        ["projects funded", num(n_actual), num(n_opt)],
        ["spent", num(euros(c.actual_spent_eur)), num(euros(c.optimal_spent_eur))],
        [f"left of {euros(c.budget_eur)}", num(euros(c.actual_left_eur)),
         num(euros(c.optimal_left_eur))],
    ])
    rules = prep.instance.rules
    body = [
        para(objective_sentence(rules.objective, rules.partial_value)),
        f'<p class="big">Efficiency (actual / optimal value): {esc(share(c.efficiency))}</p>',
        summary,
    ]
    if len(c.views) > 1:
        body.append(para("The same decision judged under each objective: no single number "
                         "stands alone."))
        body.append(table(["objective", num("efficiency"), num("fewest changes"),
                           num("additions"), num("removals")],
                          [[OBJECTIVE_NAMES[v.objective]
                            + (" (this scenario)" if v.objective == obj else ""),
                            num(share(v.efficiency)), num(v.fewest_changes),
                            num(v.additions), num(v.removals)] for v in c.views]))
    if c.efficiency is not None and c.efficiency > 1:
        body.append(para("The actual decision is worth more than the optimum only because "
                         "it breaks a rule of the scenario (below).", "note"))
    if c.optimum.status != "optimal":
        body.append(para(f"The optimum is not proven ({c.optimum.status}, gap "
                         f"{share(c.optimum.gap or 0.0, 2)}).", "note"))
    overlap = "; ".join(
        f"{len(c.ids(s))} {STATUS_WORDS[s]} "
        f"({euros(c.total_eur(s, 'optimal' if s == ONLY_OPTIMAL else 'actual'))})"
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL))
    body.append(para(f"Overlap: {overlap}."))
    body.append("<h3>Rules of the scenario the actual decision breaks</h3>")
    body.append(bullets(c.violations) if c.violations else para("None."))
    if c.outside:
        body.append("<h3>Actual awards to applications that are not fundable under this "
                    "scenario</h3>")
        body.append(table(["id", "lead applicant", num("awarded"), "why not fundable"],
                          [[nowrap(o.id), o.label,
                            num(euros(o.awarded_eur) if o.awarded_eur is not None else ""),
                            "; ".join(o.reasons)] for o in c.outside]))
    body += _changes(c, prep)
    body.append(figure(a.figures.get("comparison"), "Change in award per application",
                       "What the optimum adds (green) and drops (red) compared with the "
                       "actual decision, in M€."))
    body.append(figure(a.figures.get("regions"), "Funds per region",
                       "Awards led from each region, in € per resident: the optimum "
                       "against the actual decision."))
    return section("comparison", "The actual decision against the optimum", body)


def _changes(c: Comparison, prep: Prepared) -> list[str]:
    ch = c.changes
    head = (f"{plural(ch.count, 'change')}: {plural(len(ch.additions), 'addition')}, "
            f"{plural(len(ch.removals), 'removal')}"
            + (f", {len(ch.amount_changes)} amounts changed" if ch.amount_changes else "")
            + ("" if ch.status == "optimal" else " (not proven minimal: time limit)") + ".")
    labels = {r.id: r.label for r in c.entries}
    project = {app.id: app.project for app in prep.round.applications}
    rows: list[list[object]] = []
    rows += [["add", nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(signed_euros(ch.units[i] * c.unit_eur))] for i in ch.additions]
    actual = {r.id: r.actual_eur for r in c.entries}
    rows += [["remove", nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(signed_euros(-actual.get(i, 0.0)))] for i in ch.removals]
    rows += [[nowrap("change amount"), nowrap(m.id), labels.get(m.id, ""), project.get(m.id, ""),
              num(signed_euros(m.new_eur - m.actual_eur))] for m in ch.amount_changes]
    out = ["<h3>The fewest changes that make the actual decision optimal</h3>", para(head)]
    if rows:
        out.append(table(["change", "id", "lead applicant", "project", num("award change")],
                         rows))
    out.append(para("Several portfolios can be optimal; the one shown here and in the "
                    "figures is the optimal portfolio closest to the actual decision.",
                    "note"))
    return out


def _point(fr: Frontier, budget_eur: float) -> FrontierPoint | None:
    """The frontier's point at a budget (to within half a rounding unit), if any."""
    return next((p for p in fr.points if abs(p.budget_eur - budget_eur) < fr.unit_eur / 2),
                None)


def _million_gain(fr: Frontier) -> float | None:
    here = _point(fr, fr.budget_eur)
    more = _point(fr, fr.budget_eur + to_units(STEP_EUR, fr.unit_eur) * fr.unit_eur)
    if here is None or more is None or here.optimal.value is None or more.optimal.value is None:
        return None
    return more.optimal.value - here.optimal.value


def _frontier_section(a: Analyses) -> str:
    fr, prep = a.frontier, a.allocation.prepared
    obj = fr.objective
    here = _point(fr, fr.budget_eur)
    rows = []
    prev: FrontierPoint | None = None
    for b in million_budgets(prep.instance):
        p = _point(fr, b * fr.unit_eur)
        if p is None:
            continue
        v = p.optimal.value
        step = ("—" if prev is None or v is None or prev.optimal.value is None
                else "+" + fmt_value(v - prev.optimal.value, obj))
        label = euros(p.budget_eur) + (" (appropriation)" if p is here else "")
        moves = "" if prev is None else _moves(prev.optimal.ids, p.optimal.ids)
        rows.append([num(label), num(p.optimal.funded), num(euros(p.optimal.spent_eur)),
                     num(fmt_value(v, obj)), num(step), moves])
        prev = p
    how = ("the knapsack dynamic programme, exact at every budget" if fr.method == "dp"
           else f"the integer program solved again at each budget ({fr.solver}, gap 0)")
    body = [
        para(f"The optimal {value_words(obj)} at each appropriation, found by {how}, "
             "against two rules of thumb: fund down the list ranked by score, or by score "
             "per euro, skipping the awards that do not fit."),
        para(objective_sentence(obj, prep.instance.rules.partial_value)),
        figure(a.figures.get("frontier"), "Optimal value against the appropriation",
               "Optimal value against the appropriation (M€), with the greedy baselines"
               + (" and the actual decision" if fr.actual is not None else "") + "."),
        "<h3>What each extra million buys</h3>",
        table([num("appropriation"), num("projects"), num("spent"), num("optimal value"),
               num("this million adds"), "projects in (+) and out (−)"], rows),
    ]
    if len(rows) < len(STEPS):
        top = sum(it.max_units for it in prep.instance.items
                  if it.id not in prep.instance.rules.reject) * fr.unit_eur
        body.append(para("Appropriations below 0 € or above all maximum awards together "
                         f"({euros(top)}, enough for every fundable application) are left "
                         "out.", "note"))
    if here is not None and here.optimal.value:
        greedy_share = (here.by_score.value or 0.0) / here.optimal.value
        body.append(para(
            f"At the appropriation, funding down the list by score reaches "
            f"{share(greedy_share)} of the optimal value "
            f"({plural(here.by_score.funded, 'project')}"
            + ("" if here.by_score.satisfies_rules else ", breaking a rule of the scenario")
            + ")."))
    if fr.actual is not None:
        rule = ("meets every rule of the scenario" if fr.actual.satisfies_rules
                else f"breaks {len(fr.actual.violations)} rule(s) of the scenario")
        body.append(para(f"Actual decision: {plural(fr.actual.funded, 'project')}, "
                         f"{euros(fr.actual.spent_eur)}, value "
                         f"{fmt_value(fr.actual.value, obj)}; it {rule}."))
    return section("frontier", "What more money buys", body)


def _moves(before: Iterable[str], after: Iterable[str]) -> str:
    gone, new = set(before) - set(after), set(after) - set(before)
    return " ".join([*(f"+{i}" for i in sorted(new)), *(f"−{i}" for i in sorted(gone))])


def _coverage_section(a: Analyses) -> str:
    cf = a.coverage
    obj = cf.objective
    basis = "lead applicant's region" if cf.basis == "lead" else "participants' regions"
    body = [para(f"The best value when at least k regions must get a project (by the "
                 f"{basis}), at {euros(cf.budget_eur)}. "
                 f"{plural(cf.coverable, 'region has', 'regions have')} a fundable "
                 "application.")]
    if cf.points:
        free = cf.points[0]
        rows = [[num(p.min_regions), num(p.covered), num(p.funded), num(euros(p.spent_eur)),
                 num(fmt_value(p.value, obj)),
                 num(share((free.value - p.value) / free.value) if free.value else "n/a")]
                for p in cf.points if p.min_regions > free.covered]
        if rows:
            body.append(para(f"Under this scenario's rules alone the optimum covers "
                             f"{plural(free.covered, 'region')}; requiring more costs "
                             "value:"))
            body.append(table([num("at least k regions"), num("regions covered"),
                               num("projects"), num("spent"), num("optimal value"),
                               num("value lost")], rows))
        elif free.covered >= cf.coverable:
            body.append(para("Under this scenario's rules the optimum already covers all "
                             "of them, so requiring more regions costs nothing here."))
    if cf.infeasible_from is not None:
        body.append(para(f"From {cf.infeasible_from} regions on, no portfolio meets the "
                         "rule within the appropriation and the scenario's other rules."))
    body.append(figure(a.figures.get("coverage"), "Optimal value against regional coverage",
                       "Optimal value when at least k regions must be covered; the numbers "
                       "above the points are the regions actually covered."))
    return section("coverage", "What regional coverage costs", body)


def _category_counts(rob: Robustness) -> dict[str, int]:
    return {c: sum(x.category == c for x in rob.items) for c in (CORE, BORDERLINE, EXTERIOR)}


def _robustness_section(a: Analyses) -> str:
    rob = a.robustness
    if rob is None:
        return ""
    prep = a.allocation.prepared
    noise = f", score noise sd {rob.score_noise:g}" if rob.score_noise else ""
    if rob.evaluators:
        noise += f", a resampled panel of {rob.evaluators} evaluators"
    how = "the knapsack DP" if rob.method == "dp" else f"the integer program ({rob.solver})"
    body = [para(
        f"{rob.samples} random weightings of the {len(rob.criteria_ids)} "
        f"{'indicators' if rob.is_proxy else 'criteria'} ({rob.weights}{noise}; seed "
        f"{rob.seed}), each solved by {how} at {euros(rob.budget_eur)}. The acceptability "
        "index of an application is the share of the draws whose optimum funds it. "
        f"{plural(rob.distinct_portfolios, 'distinct optimal portfolio')} came up.")]
    funded = prep.actually_funded if prep.round.awards else set()
    titles = {CORE: f"Core (funded in at least {share(rob.core, 0)} of the draws)",
              BORDERLINE: f"Borderline (funded in between {share(rob.exterior, 0)} and "
                          f"{share(rob.core, 0)} of the draws)",
              EXTERIOR: f"Exterior (funded in at most {share(rob.exterior, 0)} of the draws)"}
    for cat in (CORE, BORDERLINE, EXTERIOR):
        items = [x for x in rob.items if x.category == cat]
        body.append(f"<h3>{esc(titles[cat])}: {len(items)}</h3>")
        body.append(bullets([f"{x.id} {x.label}: {x.index:.2f}"
                             + (" (actually funded)" if x.id in funded else "")
                             for x in items], "cols") if items else para("None."))
    outside = sorted(e.id for e in prep.instance.excluded)
    if outside:
        body.append(para("Not analysed (not fundable under this scenario): "
                         + ", ".join(outside) + ".", "note"))
    body.append(figure(a.figures.get("acceptability"), "Acceptability index per application",
                       "Share of the draws in which each application is funded; dashed "
                       "lines: the core and exterior thresholds."))
    return section("robustness", "Robustness to the weights", body)


FILE_NOTES = {
    "allocation": "the optimal allocation",
    "result": "the result, machine-readable",
    "compare": "the comparison with the actual decision, machine-readable",
    "comparison": "figure: what the optimum adds and drops",
    "regions": "figure: funds per region",
    "frontier": "optimal and greedy values at each appropriation",
    "coverage": "optimal value against regional coverage",
    "acceptability": "acceptability index per application",
}


def _record_section(a: Analyses) -> str:
    """The audit record: every key with its value and origin, the inputs, the versions."""
    audit = a.audit
    over = audit.overrides()
    body = [para("Every figure in this report comes from the scenario below, resolved key "
                 "by key, and from the input files listed with their SHA-256. "
                 "scenario.toml beside this page reruns it: grantopt run scenario.toml."),
            para("Changed on top of the scenario file: "
                 + ("; ".join(f"{k.key} = {k.value} ({k.origin})" for k in over)
                    if over else "nothing") + ".")]
    body.append(table(["key", "value", "from"],
                      [[nowrap(k.key), _shown(k.value), k.origin] for k in audit.keys],
                      cls="rules"))
    body.append(table(["input file", "SHA-256", num("bytes")],
                      [[i.path, Cell(i.sha256, "hash"), num(i.bytes)] for i in audit.inputs]))
    body.append(para("Versions: " + ", ".join(f"{k} {v}" for k, v in audit.versions.items())
                     + ".", "note"))
    return section("record", "On record", body)


def _shown(value: object) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _files_section(a: Analyses) -> str:
    stems: dict[str, list[str]] = {}
    for name in a.files:
        stems.setdefault(Path(name).stem, []).append(name)
    items = []
    for stem, names in stems.items():
        links = ", ".join(f'<a href="{attr(n)}">{esc(n)}</a>' for n in names)
        what = FILE_NOTES.get(stem, "")
        items.append(f"<li>{links}" + (f": {esc(what)}" if what else "") + "</li>")
    body = [para("This page and the files below belong together: forward the whole "
                 "folder. Each figure is written as PNG (shown here) and SVG."),
            f"<ul>{''.join(items)}</ul>"]
    if a.skipped:
        body.append(para("Left out: " + "; ".join(a.skipped) + ".", "note"))
    return section("files", "Files of this report", body)


def _footer(prep: Prepared) -> str:
    call = prep.round.call
    source = [_round_title(prep)]
    if call.decision_date:
        source.append(f"decision of {call.decision_date}")
    if call.budget_item:
        source.append(f"budget item {call.budget_item}")
    if call.name or call.name_en:
        source.append(f"round folder “{prep.round.path.name}”")
    lines = [para("Round: " + "; ".join(source) + "."), para(ATTRIBUTION)]
    if prep.is_proxy:
        lines.append(para(f"Scores: {prep.scores.label}."))
    lines.append(para(f"Made with grantopt {__version__}. Every optimal portfolio shown was "
                      "checked again, outside the solver, against every rule of the "
                      "scenario."))
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"
