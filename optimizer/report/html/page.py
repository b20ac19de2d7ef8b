"""The report page: finished analyses in, one HTML document out; nothing is computed here.

One self-contained file: styles inline, every figure embedded (SVG data URIs with alt text),
no script, nothing fetched from the network, so it can be mailed as it is. English or
Finnish (`optimizer.vocabulary`): every word the page says and the numbers of the language; names
of municipalities and projects stay as written. The page carries no path of this machine;
its only date is the report date given to it, so the same inputs give the same bytes.

One scenario: its sections under the title. Several: a summary table of all of them and
their differences from the first, then each scenario's sections in turn.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from optimizer import __version__
from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.diff import Diff
from optimizer.analysis.frontier import Frontier, FrontierPoint
from optimizer.analysis.regions import RegionTable
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR
from optimizer.model.instance import FULL
from optimizer.model.prepare import Prepared
from optimizer.money import to_units
from optimizer.report.analyses import STEP_EUR, STEPS, Analyses, million_budgets
from optimizer.report.html.toolkit import (
    CSS,
    Cell,
    attr,
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
from optimizer.report.words import fund_name, link_kind, reason_text, rule_text
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence, value_model


@dataclass(frozen=True)
class Page:
    """What one language's page shows: the scenarios (each with its figures in this
    language), their differences from the first, the report date and the files beside."""

    scenarios: tuple[Analyses, ...]
    lang: str
    date: dt.date
    diffs: tuple[Diff, ...] = ()
    files: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def render_html(page: Page) -> str:
    """The report page (a str); the same page always gives the same bytes."""
    w = Words(page.lang)
    first = page.scenarios[0]
    several = len(page.scenarios) > 1
    round_title = _round_title(first.allocation.prepared, w)
    title = (say(w, "report.render_html.scenarios_of", scenarios=len(page.scenarios),
                 round_title=round_title)
             if several else first.allocation.prepared.scenario.title_in(w.lang))
    body = [_header(page, w, title)]
    if several:
        body += [_score_box(first.allocation.prepared, w, 2), _side_by_side(page, w),
                 _contents(page, w)]
        for index, a in enumerate(page.scenarios):
            body.append(_scenario(a, w, index))
    else:
        body += [_score_box(first.allocation.prepared, w, 2), _summary(first, w, 2),
                 _contents(page, w), *_sections(first, w, 2, "")]
    body += [_files_section(page, w), _footer(first.allocation.prepared, w)]
    parts = ["<!DOCTYPE html>", f'<html lang="{attr(page.lang)}">', "<head>",
             '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(w['report'])}: {esc(title)}</title>",
             f"<style>\n{CSS}\n</style>", "</head>", "<body>", "<main>",
             *[b for b in body if b], "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _sections(a: Analyses, w: Words, level: int, prefix: str) -> list[str]:
    return [_rules(a.allocation.prepared, w, level, prefix), _allocation(a, w, level, prefix),
            _comparison(a, w, level, prefix), _frontier_section(a, w, level, prefix),
            _coverage_section(a, w, level, prefix), _robustness_section(a, w, level, prefix),
            _record_section(a, w, level, prefix)]


def _scenario(a: Analyses, w: Words, index: int) -> str:
    letter = _letter(index)
    prep = a.allocation.prepared
    description = prep.scenario.description_in(w.lang)
    body = [para(description, "sub") if description else "", _summary(a, w, 3),
            *_sections(a, w, 3, f"{letter}-")]
    return ('<section class="scenario" id="scenario-' + attr(letter) + '">\n'
            + heading(2, f"{w['scenario']} {letter}: {prep.scenario.title_in(w.lang)}") + "\n"
            + "\n".join(b for b in body if b) + "\n</section>")


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


# --------------------------------------------------------------------------- the top


def _round_title(prep: Prepared, w: Words) -> str:
    call = prep.round.call
    # the round's own names (data): the page's language first
    names = {"fi": call.name, "en": call.name_en}
    own = names.pop(w.lang)
    other = names.popitem()[1]
    title = own or other or say(w, "report.round_title.the_round_in_folder",
                                name=prep.round.path.name)
    if own and other and own != other:
        title += f" ({other})"
    return title + (f", {call.year}" if call.year else "")


def _header(page: Page, w: Words, title: str) -> str:
    prep = page.scenarios[0].allocation.prepared
    lines = ["<header>", heading(1, f"{w['report']}: {title}")]
    if len(page.scenarios) == 1 and prep.scenario.description_in(w.lang):
        lines.append(para(prep.scenario.description_in(w.lang), "sub"))
    files = ", ".join(a.allocation.prepared.scenario.source.name
                      for a in page.scenarios if a.allocation.prepared.scenario.source)
    lines.append(para(say(w, "report.header.round_scenario_files", round=_round_title(prep, w),
                          files=files or '–'), "sub"))
    lines.append(f'<p class="sub">{esc(say(w, "report.header.report_date"))}: '
                 f'<time datetime="{page.date.isoformat()}">{esc(w.date(page.date))}</time></p>')
    lines.append("</header>")
    return "\n".join(lines)


def _score_box(prep: Prepared, w: Words, level: int) -> str:
    scores = prep.scores
    label = w["proxy_label"] if scores.is_proxy else scores.label
    out = ['<section class="scores" id="scores">', heading(level, w["scores_title"]),
           f'<p class="label">{esc(say(w, "report.scores"))}: {esc(label)}</p>']
    out += [para(say(w, "report.score_box.note", note=note), "note") for note in prep.notes]
    if scores.is_proxy:
        out.append(para(say(w, "report.score_box.every_score_in_this")))
        descriptions = {p.id: _own_text(p, w.lang)
                        for p in prep.round.call.proxies}
        rows = [[c, descriptions.get(c, d), num(w.num(wt, 2))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["indicator"], w["definition"], num(w["weight"])], rows))
    else:
        out.append(para(say(w, "report.score_box.the_scores_come_from")))
        criteria = {c.id: _own_text(c, w.lang)
                    for c in prep.round.call.criteria}
        rows = [[c, criteria.get(c, d), num(w.num(wt, 3))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["criterion"], w["question"], num(w["weight"])], rows))
    out.append("</section>")
    return "\n".join(out)


def _own_text(item: Any, lang: str) -> str:
    """A call.toml text (data) in the language, else in the other one."""
    return str(getattr(item, lang) or item.en or item.fi)


def _summary(a: Analyses, w: Words, level: int) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    rules = prep.instance.rules
    obj = rules.objective
    items = [say(w, "report.summary.the_optimal_portfolio_under", projects=tot.projects,
                 spent_eur=tot.spent_eur, budget_eur=tot.budget_eur,
                 objective=w.value(res.objective, obj)),
             objective_sentence(obj, rules.partial_value, w.lang)]
    c = a.comparison
    if c is not None:
        n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
        others = "".join(
            say(w, "report.summary.under_objective", objective=w.objective(v.objective),
                efficiency=v.efficiency, fewest_changes=v.fewest_changes) for v in c.views[1:])
        items.append(say(w, "report.summary.the_actual_decision_funds", n_actual=n_actual,
                         actual_spent_eur=c.actual_spent_eur, efficiency=c.efficiency,
                         count=c.changes.count, additions=len(c.changes.additions),
                         removals=len(c.changes.removals), others=others))
    gain = _million_gain(a.frontier)
    if gain is not None:
        rise = f" ({w.pct(gain / res.objective)})" if res.objective > 0 else ""
        more = w.eur(a.frontier.budget_eur + STEP_EUR)
        items.append(say(w, "report.summary.one_more_million_to", more=more,
                         gain=w.value(gain, obj), rise=rise))
    rob = a.robustness
    if rob is not None:
        n = {cat: sum(x.category == cat for x in rob.items) for cat in (CORE, BORDERLINE,
                                                                       EXTERIOR)}
        items.append(say(w, "report.summary.over_random_weightings_core", samples=rob.samples,
                         n_core=n[CORE], core=rob.core, n_borderline=n[BORDERLINE], n_exterior=n[EXTERIOR],
                         exterior=rob.exterior))
    if prep.is_proxy:
        items.append(say(w, "report.summary.all_values_rest_on"))
    return ('<section class="summary">' + heading(level, w["summary"]) + bullets(items)
            + "</section>")


def _contents(page: Page, w: Words) -> str:
    entries: list[tuple[str, str]] = []
    if len(page.scenarios) > 1:
        entries.append(("side-by-side", w["side_by_side"]))
        entries += [(f"scenario-{_letter(i)}",
                     f"{w['scenario']} {_letter(i)}: "
                     f"{a.allocation.prepared.scenario.title_in(w.lang)}")
                    for i, a in enumerate(page.scenarios)]
    else:
        a = page.scenarios[0]
        entries += [("rules", w["rules"]), ("allocation", w["allocation"])]
        if a.comparison is not None:
            entries.append(("comparison", w["comparison"]))
        entries += [("frontier", w["frontier"]), ("coverage", w["coverage"])]
        if a.robustness is not None:
            entries.append(("robustness", w["robustness"]))
        entries.append(("record", w["record"]))
    entries.append(("files", w["files"]))
    body = "".join(f'<li><a href="#{attr(k)}">{esc(title)}</a></li>' for k, title in entries)
    return f'<nav aria-label="{attr(w["contents"])}"><strong>{esc(w["contents"])}</strong>' \
           f"<ol>{body}</ol></nav>"


def _side_by_side(page: Page, w: Words) -> str:
    rows = []
    for index, a in enumerate(page.scenarios):
        tot, prep = a.allocation.totals(), a.allocation.prepared
        obj = prep.instance.rules.objective
        eff = a.comparison.efficiency if a.comparison is not None else None
        rows.append([nowrap(_letter(index)), prep.scenario.title_in(w.lang),
                     num(w.value(a.allocation.objective, obj)), num(w.eur(tot.spent_eur)),
                     num(w.eur(tot.budget_eur)), num(tot.projects), num(tot.regions_covered),
                     num(w.pct(eff) if eff is not None else "–")])
    body = [table(["", w["scenario"], num(w["value"]), num(w["spent"]), num(w["appropriation"]),
                   num(w["projects"]), num(w["covered"]),
                   num(say(w, "report.side_by_side.efficiency_of_the_actual"))], rows)]
    for index, d in enumerate(page.diffs, start=1):
        body.append(_diff_block(d, w, f"{_letter(index)} / {_letter(0)}"))
    return section("side-by-side", w["side_by_side"], body)


def _diff_block(d: Diff, w: Words, which: str) -> str:
    head = (say(w, "report.diff_block.the_value_goes_from", which=which,
                value=w.value(d.base.value, d.base.objective),
                value2=w.value(d.other.value, d.other.objective))
            if d.comparable else
            say(w, "report.diff_block.the_two_measure_value", which=which))
    out = [heading(3, f"{w['differences'].replace('A', which.split(' / ')[1])}: {which}"),
           para(head)]
    if d.moves:
        status = {"enters": w["enters"], "leaves": w["leaves"], "changes": w["change"]}
        out.append(table([w["id"], w["lead"], w["project"], w["status"], num(w["before"]),
                          num(w["after"])],
                         [[nowrap(m.id), m.label, m.project, status[m.status],
                           num(w.eur(m.base_eur)), num(w.eur(m.other_eur))] for m in d.moves]))
    else:
        out.append(para(say(w, "report.diff_block.the_same_projects_are")))
    moved = [r for r in d.regions if r.change_eur]
    if moved:
        out.append(table([w["region"], num(w["before"]), num(w["after"]), num(w["change"])],
                         [[r.region, num(w.eur(r.base_eur)), num(w.eur(r.other_eur)),
                           num(w.signed_eur(r.change_eur))] for r in moved],
                         caption=say(w, "report.diff_block.euros_moved_between_regions")))
    return "\n".join(out)


# --------------------------------------------------------------------------- the rules


def _rules(prep: Prepared, w: Words, level: int, prefix: str) -> str:
    sc, call, inst = prep.scenario, prep.round.call, prep.instance
    budget, funding = sc.budget, sc.funding
    elig, scoring, locks, solver = sc.eligibility, sc.scoring, sc.locks, sc.solver
    approp = w.eur(budget.appropriation or 0.0)
    if call.budget_item:
        approp += say(w, "report.rules.budget_item", budget_item=call.budget_item)
    rows: list[list[object]] = [[w["appropriation"].capitalize(), approp]]
    if budget.min_spend:
        rows.append([say(w, "report.rules.minimum_spend"), w.eur(budget.min_spend)])
    rows.append([say(w, "report.rules.rounding"),
                 say(w, "report.rules.awards_rounded_down_to", rounding=budget.rounding or 0.0)])
    if funding.mode == FULL:
        mode = say(w, "report.rules.full_a_funded_project")
    else:
        mode = say(w, "report.rules.partial_a_funded_project", min_share=funding.min_share)
    rows.append([say(w, "report.rules.funding_mode"), mode])
    cap = [say(w, "report.rules.the_amount_requested")]
    if funding.max_cost_share is not None:
        cap.append(say(w, "report.rules.of_the_eligible_costs",
                       max_cost_share=funding.max_cost_share))
    if funding.max_per_project is not None:
        cap.append(w.eur(funding.max_per_project))
    rows.append([say(w, "report.rules.maximum_award"),
                 (say(w, "report.rules.the_least_of") + ", ".join(cap))
                 if len(cap) > 1 else cap[0]])
    rows.append([w["objective"].capitalize(),
                 objective_sentence(inst.rules.objective, inst.rules.partial_value, w.lang)])
    joint = (say(w, "report.rules.joint_projects_only_at", min_parties=elig.min_parties)
             if elig.joint_rule else say(w, "report.rules.off_single_party_projects"))
    rows.append([say(w, "report.rules.joint_project_rule"), joint])
    codes = [e.code for e in call.exclusions]
    if codes:
        rows.append([say(w, "report.rules.out_of_the_call"),
                     ", ".join(codes) if elig.exclusions
                     else say(w, "report.rules.rule_switched_off")])
    if scoring.min_score:
        rows.append([say(w, "report.rules.minimum_score"), w.score(scoring.min_score)])
    rows += [[say(w, "report.rules.coverage_rules"), r] for r in _coverage_rules(prep, w)]
    rows += _structure_rules(prep, w)
    rows.append([say(w, "report.rules.locks"),
                 say(w, "report.rules.funded_by_force_rejected", fund=_ids(locks.fund, w),
                     reject=_ids(locks.reject, w))])
    limit = (say(w, "report.rules.no_time_limit") if solver.time_limit is None
             else say(w, "report.rules.time_limit_s", time_limit=solver.time_limit))
    rows.append([say(w, "report.rules.solver"),
                 f"{solver.name} ({solver.method}), "
                 + say(w, "report.rules.relative_gap", gap=solver.gap)
                 + f", {limit}"])
    body = [table([w["rule"], w["in_scenario"]], rows, cls="rules"), *_links_block(prep, w)]
    n_all, n_in = len(prep.round.applications), len(inst.items)
    if not inst.excluded:
        body.append(para(say(w, "report.rules.all_of_the_round", n_all=n_all)))
    else:
        body.append(para(say(w, "report.rules.of_the_round_s", n_in=n_in, n_all=n_all,
                             excluded=len(inst.excluded))))
        body.append(table([w["id"], w["lead"], w["reason"]],
                          [[nowrap(e.id), prep.labels.get(e.id, ""), _reasons(e.reasons, w, prep)]
                           for e in inst.excluded]))
    return section(prefix + "rules", w["rules"], body, level)


def _ids(ids: Iterable[str], w: Words) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else w["none"]


def _coverage_rules(prep: Prepared, w: Words) -> list[str]:
    cov = prep.scenario.coverage
    basis = (say(w, "report.coverage_rules.the_lead_applicant_s")
             if cov.region_basis == "lead"
             else say(w, "report.coverage_rules.the_regions_of_all"))
    out = []
    if cov.min_projects_per_region:
        out.append(say(w, "report.coverage_rules.at_least_project_s",
                       min_projects_per_region=cov.min_projects_per_region, basis=basis))
    if cov.min_regions:
        out.append(say(w, "report.coverage_rules.at_least_regions_covered",
                       min_regions=cov.min_regions, basis=basis))
    if cov.max_region_share is not None:
        out.append(say(w, "report.coverage_rules.projects_led_from_one",
                       max_region_share=cov.max_region_share))
    if cov.min_projects_per_target_area:
        out.append(say(w, "report.coverage_rules.at_least_project_s_2",
                       min_projects_per_target_area=cov.min_projects_per_target_area))
    for area, cap in cov.max_eur_per_target_area.items():
        out.append(say(w, "report.coverage_rules.target_area_at_most", area=area, cap=cap))
    if cov.fair_share_basis is not None and (cov.fair_share_min is not None
                                             or cov.fair_share_max is not None):
        out.append(_fair_rule(prep, w))
    if cov.max_awards_per_lead is not None:
        out.append(say(w, "report.coverage_rules.at_most_award_s",
                       max_awards_per_lead=cov.max_awards_per_lead))
    return out or [w["none"]]


def _fair_rule(prep: Prepared, w: Words) -> str:
    """Fair shares by region (issue 14) as one line of the rules table."""
    cov = prep.scenario.coverage
    lo = w.num(cov.fair_share_min, 2) if cov.fair_share_min is not None else "0"
    hi = w.num(cov.fair_share_max, 2) if cov.fair_share_max is not None else "∞"
    if cov.fair_share_basis == "population":
        return say(w, "report.fair_rule.population", lo=lo, hi=hi)
    return say(w, "report.fair_rule.requested", lo=lo, hi=hi)


def _structure_rules(prep: Prepared, w: Words) -> list[list[object]]:
    """Funding pools and years (issue 14) as rows of the rules table; [] without them."""
    rules = prep.instance.rules
    rows: list[list[object]] = []
    for pool in rules.pools:
        rows.append([say(w, "report.structure_rules.funding_pool"),
                     say(w, "report.structure_rules.pool", name=pool.name,
                         cap=pool.cap_units * rules.unit_eur, members=len(pool.members))])
    if rules.pools:
        rows.append([say(w, "report.structure_rules.shared_remainder"),
                     say(w, "report.structure_rules.what_a_pool_leaves")
                     if rules.shared_remainder else
                     say(w, "report.structure_rules.no_what_a_pool")])
    if rules.year_cents:
        years = "; ".join(f"{y}: {w.eur(c / 100)}" for y, c in sorted(rules.year_cents.items()))
        carry = (say(w, "report.structure_rules.unspent_money_carries_over") if rules.carry_over
                 else say(w, "report.structure_rules.no_carry_over"))
        rows.append([say(w, "report.structure_rules.appropriation_per_year"),
                     f"{years} ({carry})"])
    return rows


def _links_block(prep: Prepared, w: Words) -> list[str]:
    """The links between applications (issue 14) as a short table; [] without any."""
    rules = prep.instance.rules
    if not rules.links:
        return []
    rows = [[link_kind(k.kind, w.lang), nowrap(", ".join(k.ids)), nowrap(k.requires or ""),
             num(w.score(k.bonus) if k.bonus else ""),
             num(w.eur(k.saving_units * rules.unit_eur) if k.saving_units else "")]
            for k in rules.links]
    return [para(say(w, "report.links_block.links_between_applications")),
            table([say(w, "report.links_block.kind"), say(w, "report.links_block.applications"),
                   say(w, "report.links_block.requires"), num(say(w, "report.links_block.bonus_score")),
                   num(say(w, "report.links_block.saving"))], rows)]


# --------------------------------------------------------------------------- allocation


def _allocation(a: Analyses, w: Words, level: int, prefix: str) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    has_actual = bool(prep.round.awards)
    capped = any(r["share_of_need"] < 1 for r in a.allocation.rows())
    rows = []
    for r in a.allocation.rows():
        row: list[object] = [nowrap(r["id"]), r["lead"], r["project"], r["region"],
                             num(w.score(r["score"])), num(w.eur(r["award_eur"]))]
        if capped:
            row.append(num(w.pct(r["share_of_need"])))
        if has_actual:
            actual = prep.actual_eur.get(r["id"], 0.0)
            row.append(num(w.eur(actual) if actual > 0 else "—"))
        rows.append(row)
    headers: list[object] = [w["id"], w["lead"], w["project"], w["region"], num(w["score"]),
                             num(w["award"])]
    foot: list[object] = [nowrap(w["total"]), w.count(tot.projects, "project"), "",
                          nowrap(w.count(tot.regions_covered, "region")), "",
                          num(w.eur(tot.spent_eur))]
    if capped:
        headers.append(num(say(w, "report.allocation.of_need")))
        foot.append("")
    if has_actual:
        headers.append(num(w["actual"]))
        foot.append("")
    status = w["optimal"] if res.status == "optimal" else w["feasible"]
    if res.status != "optimal" and res.gap:
        status += f" ({w.pct(res.gap, 2)})"
    obj = prep.instance.rules.objective
    basis = say(w, "report.allocation.by_the_lead_applicant") \
        if prep.instance.rules.region_basis == "lead" \
        else say(w, "report.allocation.by_the_participants")
    body = [
        para(say(w, "report.allocation.appropriation_spent_left_in", budget_eur=tot.budget_eur,
                 spent_eur=tot.spent_eur, left_eur=tot.left_eur, projects=tot.projects,
                 regions_covered=tot.regions_covered, basis=basis,
                 objective=w.value(res.objective, obj))),
        para(value_model(obj, prep.instance.rules.partial_value, w.lang)),
        para(say(w, "report.allocation.solver_status_the_portfolio", status=status,
                 solver=res.solver)),
        table(headers, rows, foot=foot),
        para(say(w, "report.allocation.best_score_first")
             + (say(w, "report.allocation.proxy_score") if prep.is_proxy else "")
             + (say(w, "report.allocation.actual_decision_means") if has_actual else "."),
             "note"),
        *_funds_block(a, w, level + 1),
        _regions_block(a, w, level + 1),
    ]
    return section(prefix + "allocation", w["allocation"], body, level)


def _regions_block(a: Analyses, w: Words, level: int) -> str:
    rt = a.allocation.regions()
    out = [heading(level, w["regions"]),
           para(say(w, f"report.regions_block.counted_by_{rt.basis}")),
           _regions_table(rt, w)]
    if rt.fair_share_basis is not None:
        out.append(_fair_note(rt, a.allocation.prepared, w))
    out.append(figure(a.figures.get("region_map"),
                      say(w, "report.regions_block.map_of_the_regions"),
                      say(w, "report.regions_block.euros_per_resident_in")))
    return "\n".join(out)


def _regions_table(rt: RegionTable, w: Words) -> str:
    headers: list[object] = [w["region"], num(w["projects"]), num(w["award"]),
                             num(w["share"]), num(w["per_resident"])]
    if rt.has_actual:
        headers += [num(say(w, "report.regions_table.actual_projects")),
                    num(say(w, "report.regions_table.actual_awarded")),
                    num(say(w, "report.regions_table.actual_share")),
                    num(say(w, "report.regions_table.actual_per_resident"))]
    rows = []
    for r in rt.lines:
        row: list[object] = [r.region, num(r.optimal_projects), num(w.eur(r.optimal_eur)),
                             num(w.pct(r.optimal_share)), num(_per(r.optimal_per_resident, w))]
        if rt.has_actual:
            row += [num(r.actual_projects), num(w.eur(r.actual_eur or 0.0)),
                    num(w.pct(r.actual_share)), num(_per(r.actual_per_resident, w))]
        if rt.fair_share_basis is not None:
            row += _fair_cells(rt, r.region, r.fair_share, w)
        rows.append(row)
    if rt.fair_share_basis is not None:  # issue 14: only when the rule is on
        headers += [num(say(w, "report.regions_table.fair_share")), num(say(w, "report.regions_table.ratio"))]
        if rt.has_actual:
            headers.append(num(say(w, "report.regions_table.actual_ratio")))
    return table(headers, rows)


def _fair_cells(rt: RegionTable, region: str, share: float | None, w: Words) -> list[object]:
    """The fair share p_r and the ratios (share of the euros / p_r); blank outside the rule."""
    if share is None:
        return ["", "", ""] if rt.has_actual else ["", ""]
    cells: list[object] = [num(w.pct(share)), num(w.num(rt.fair_ratios.get(region, 0.0), 2))]
    if rt.has_actual:
        cells.append(num(w.num(rt.actual_fair_ratios.get(region, 0.0), 2)))
    return cells


def _fair_note(rt: RegionTable, prep: Prepared, w: Words) -> str:
    """What the fair-share columns mean, and the scenario's bounds."""
    basis = (say(w, "report.fair_note.population") if rt.fair_share_basis == "population"
             else say(w, "report.fair_note.requested_euros"))
    return para(say(w, "report.fair_note.fair_share_the_region", basis=basis) + _fair_rule(prep, w) + ".", "note")


def _funds_block(a: Analyses, w: Words, level: int) -> list[str]:
    """Spend per funding pool and per year (issue 14): the optimum, and the actual decision
    beside it ("?" where its awards cannot be split between the pools); [] without them."""
    rows = a.allocation.funds()
    if not rows:
        return []
    actual = list(a.comparison.funds) if a.comparison is not None else []

    def eur(x: float | None) -> Cell:
        return num("?" if x is None else w.eur(x))

    headers: list[object] = [say(w, "report.funds_block.pool_or_year"),
                             num(w["appropriation"].capitalize()), num(w["spent"]),
                             num(w["left"]), num(say(w, "report.funds_block.applications"))]
    if actual:
        headers.append(num(say(w, "report.funds_block.actual_spent")))
    body = []
    for i, r in enumerate(rows):
        row: list[object] = [fund_name(r, w.lang), num(w.eur(r["appropriation_eur"])),
                             eur(r["spent_eur"]), eur(r["left_eur"]), num(r["applications"])]
        if actual:
            row.append(eur(actual[i]["actual_spent_eur"]))
        body.append(row)
    out = [heading(level, say(w, "report.funds_block.funding_pools_and_years")),
           table(headers, body)]
    notes = [say(w, "report.funds_block.each_award_is_drawn")] if any(r["kind"] == "pool" for r in rows) else []
    if a.allocation.prepared.instance.rules.carry_over:
        notes.append(say(w, "report.funds_block.unspent_money_carries_over"))
    if actual and any(x["actual_spent_eur"] is None for x in actual):
        notes.append(say(w, "report.funds_block.the_actual_awards_cannot"))
    if notes:
        out.append(para(" ".join(notes), "note"))
    return out


def _per(value: float | None, w: Words) -> str:
    return "" if value is None else w.num(value, 2)


# --------------------------------------------------------------------------- comparison


def _comparison(a: Analyses, w: Words, level: int, prefix: str) -> str:
    c = a.comparison
    if c is None:
        return ""
    prep = a.allocation.prepared
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
    rules = prep.instance.rules
    body = [para(objective_sentence(rules.objective, rules.partial_value, w.lang)),
            f'<p class="big">{esc(say(w, "report.comparison.efficiency"))}: '
            f"{esc(w.pct(c.efficiency))}</p>", summary]
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
    broken = [rule_text(v, w.lang) for v in c.violations]
    body.append(bullets(broken) if broken else para(w["none"].capitalize() + "."))
    if c.outside:
        body.append(heading(level + 1, say(w, "report.comparison.actual_awards_to_applications")))
        body.append(table([w["id"], w["lead"], num(w["award"]), w["reason"]],
                          [[nowrap(o.id), o.label,
                            num(w.eur(o.awarded_eur) if o.awarded_eur is not None else ""),
                            _reasons(o.reasons, w, prep)] for o in c.outside]))
    body += _changes(c, prep, w, level + 1)
    body.append(figure(a.figures.get("comparison"),
                       say(w, "report.comparison.change_in_award_per"),
                       say(w, "report.comparison.what_the_optimum_adds")))
    body.append(figure(a.figures.get("regions"),
                       say(w, "report.comparison.funds_per_region"),
                       say(w, "report.comparison.awards_led_from_each")))
    return section(prefix + "comparison", w["comparison"], body, level)


def _changes(c: Comparison, prep: Prepared, w: Words, level: int) -> list[str]:
    ch = c.changes
    head = (f"{w.count(ch.count, 'change')}: {w.count(len(ch.additions), 'addition')}, "
            f"{w.count(len(ch.removals), 'removal')}"
            + (f", {len(ch.amount_changes)} "
               + say(w, "report.changes.amounts_changed") if ch.amount_changes else "")
            + ("" if ch.status == "optimal"
               else say(w, "report.changes.not_proven_minimal_time")) + ".")
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
    out.append(para(say(w, "report.changes.several_portfolios_can_be"), "note"))
    return out


# --------------------------------------------------------------------------- frontier


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


def _frontier_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
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
           say(w, "report.frontier_section.the_integer_program_solved", solver=fr.solver))
    body = [
        para(say(w, "report.frontier_section.the_optimal_value_at", how=how)),
        para(objective_sentence(obj, prep.instance.rules.partial_value, w.lang)),
        figure(a.figures.get("frontier"),
               say(w, "report.frontier_section.optimal_value_against_the"),
               say(w, "report.frontier_section.figure_text_actual" if fr.actual is not None
                   else "report.frontier_section.figure_text")),
        heading(level + 1, say(w, "report.frontier_section.what_each_extra_million")),
        table([num(w["appropriation"]), num(w["projects"]), num(w["spent"]),
               num(w["optimal_value"]), num(w["this_million"]), w["in_out"]], rows),
    ]
    if len(rows) < len(STEPS):
        top = sum(it.max_units for it in prep.instance.items
                  if it.id not in prep.instance.rules.reject) * fr.unit_eur
        body.append(para(say(w, "report.frontier_section.appropriations_below_or_above", top=top), "note"))
    if here is not None and here.optimal.value:
        ratio = (here.by_score.value or 0.0) / here.optimal.value
        breaks = "" if here.by_score.satisfies_rules else say(w, "report.frontier_section.breaking_a_rule_of")
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


def _coverage_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    cf = a.coverage
    obj = cf.objective
    basis = (say(w, "report.coverage_rules.the_lead_applicant_s") if cf.basis ==
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


# --------------------------------------------------------------------------- robustness


def _robustness_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    rob = a.robustness
    if rob is None:
        return ""
    prep = a.allocation.prepared
    what = (say(w, "report.robustness_section.indicators") if rob.is_proxy
            else say(w, "report.robustness_section.criteria"))
    how = (say(w, "report.robustness_section.the_knapsack_dp") if rob.method == "dp"
           else say(w, "report.robustness_section.the_knapsack_dp_on")
           if rob.method == "core"
           else say(w, "report.robustness_section.the_integer_program", solver=rob.solver))
    body = [para(say(w, "report.robustness_section.random_weightings_of_the", samples=rob.samples,
                     criteria=len(rob.criteria_ids), what=what, weights=rob.weights,
                     seed=rob.seed, how=how, budget_eur=rob.budget_eur,
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
    outside = sorted(e.id for e in prep.instance.excluded)
    if outside:
        body.append(para(say(w, "report.robustness_section.not_analysed_not_fundable")
                         + ", ".join(outside) + ".", "note"))
    body.append(figure(a.figures.get("acceptability"),
                       say(w, "report.robustness_section.acceptability_index_per_application"),
                       say(w, "report.robustness_section.share_of_the_draws")))
    return section(prefix + "robustness", w["robustness"], body, level)


# --------------------------------------------------------------------------- record


def _record_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    """The audit record: every key with its value and origin, the inputs, the versions."""
    audit = a.audit
    over = audit.overrides()
    body = [para(say(w, "report.record_section.every_figure_in_this")),
            para(say(w, "report.record_section.changed_on_top_of")
                 + ("; ".join(f"{k.key} = {k.value} ({_origin(k.origin, w)})" for k in over)
                    if over else w["nothing"]) + ".")]
    body.append(table([w["key"], say(w, "report.record_section.value"), w["from"]],
                      [[nowrap(k.key), _shown(k.value), nowrap(_origin(k.origin, w))]
                       for k in audit.keys],
                      cls="rules"))
    body.append(table([w["input_file"], "SHA-256", num(w["bytes"])],
                      [[_origin(i.path, w), Cell(i.sha256, "hash"), num(i.bytes)]
                        for i in audit.inputs]))
    body.append(para(say(w, "report.record_section.versions")
                     + ", ".join(f"{k} {v}" for k, v in audit.versions.items()) + ".", "note"))
    return section(prefix + "record", w["record"], body, level)


def _reasons(reasons: Sequence[str], w: Words, prep: Prepared) -> str:
    return "; ".join(reason_text(r, w.lang, prep.round.call) for r in reasons)


def _origin(origin: str, w: Words) -> str:
    """Where a key's value comes from (analysis.audit writes it in English)."""
    if origin == "default":
        return say(w, "report.origin.default")
    return (origin.replace(" (extended)", f" ({say(w, 'report.origin.extended')})")
            .replace(" (in the package)", f" ({say(w, 'report.origin.in_package')})"))


def _shown(value: object) -> str:
    """A record value as the scenario file writes it (true, not Python's True)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


FILE_NOTES = ("allocation", "result", "compare", "comparison", "regions", "region_map",
              "frontier", "coverage", "acceptability", "report", "scenario", "audit")


def _files_section(page: Page, w: Words) -> str:
    stems: dict[str, list[str]] = {}
    for name in page.files:
        stems.setdefault(name.rsplit("/", 1)[-1].split(".")[0], []).append(name)
    items = []
    for stem, names in stems.items():
        what = say(w, f"report.file.{stem}") if stem in FILE_NOTES else ""
        items.append(", ".join(names) + (f": {what}" if what else ""))
    body = [para(say(w, "report.files_section.this_page_shows_everything")),
            bullets(items)]
    if page.skipped:
        body.append(para(say(w, "report.files_section.left_out") + "; ".join(page.skipped) + ".",
                         "note"))
    return section("files", w["files"], body)


def _footer(prep: Prepared, w: Words) -> str:
    call = prep.round.call
    source = [_round_title(prep, w)]
    if call.decision_date:
        day = dt.date.fromisoformat(call.decision_date)
        source.append(say(w, "report.footer.decision_of", day=w.date(day)))
    if call.budget_item:
        source.append(say(w, "report.footer.budget_item", budget_item=call.budget_item))
    lines = [para(say(w, "report.footer.round") + "; ".join(source) + "."),
             para(say(w, "report.footer.attribution"))]
    if prep.is_proxy:
        lines.append(para(say(w, "report.footer.scores", label=w["proxy_label"])))
    lines.append(para(say(w, "report.footer.made_with_grantopt_every", version=__version__)))
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"


__all__ = ["Page", "render_html"]
