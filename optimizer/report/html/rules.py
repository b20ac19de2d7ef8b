"""The rules of the scenario as a table: budget, funding, eligibility, coverage, pools, years,
locks, solver; the links between applications; who is not fundable."""

from __future__ import annotations

from collections.abc import Iterable

from optimizer.case import Case
from optimizer.constants import Funding
from optimizer.report.html.common import reasons_text
from optimizer.report.html.toolkit import (
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words, objective_sentence


def rules_section(prep: Case, w: Words, level: int, prefix: str) -> str:
    sc, call = prep.scenario, prep.round.call
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
    if funding.mode == Funding.FULL:
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
                 objective_sentence(prep.objective, prep.partial_value, w.lang)])
    joint = (say(w, "report.rules.joint_projects_only_at", min_parties=elig.min_parties)
             if elig.joint_rule else say(w, "report.rules.off_single_party_projects"))
    rows.append([say(w, "report.rules.joint_project_rule"), joint])
    codes = [e.name(w.lang) for e in call.exclusions]
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
                 f"{_named('solver.name', solver.name, w)} "
                 f"({_named('solver.method', solver.method, w)}), "
                 + say(w, "report.rules.relative_gap", gap=solver.gap)
                 + f", {limit}"])
    body = [table([w["rule"], w["in_scenario"]], rows, cls="rules"), *_links_block(prep, w)]
    n_all, n_in = len(prep.round.applications), len(prep.fundable)
    if not prep.excluded:
        body.append(para(say(w, "report.rules.all_of_the_round", n_all=n_all)))
    else:
        body.append(para(say(w, "report.rules.of_the_round_s", n_in=n_in, n_all=n_all,
                             excluded=len(prep.excluded))))
        body.append(table([w["id"], w["lead"], w["reason"]],
                          [[nowrap(e.id), prep.labels.get(e.id, ""),
                            reasons_text(e.reasons, w)]
                           for e in prep.excluded]))
    return section(prefix + "rules", w["rules"], body, level)


def _named(key: str, value: object, w: Words) -> str:
    """An enumerated value of a scenario key by its plain name."""
    return value_name(key, value, w.lang) or str(value)


def _ids(ids: Iterable[str], w: Words) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else w["none"]


def _coverage_rules(prep: Case, w: Words) -> list[str]:
    return [m.text(w.lang) for m in prep.coverage_rules()] or [w["none"]]


def _structure_rules(prep: Case, w: Words) -> list[list[object]]:
    """Funding pools and years (issue 14) as rows of the rules table; [] without them."""
    rows: list[list[object]] = []
    for pool in prep.pools:
        rows.append([say(w, "report.structure_rules.funding_pool"),
                     say(w, "report.structure_rules.pool", name=pool.name,
                         cap=pool.cap_units * prep.unit_eur, members=len(pool.members))])
    if prep.pools:
        rows.append([say(w, "report.structure_rules.shared_remainder"),
                     say(w, "report.structure_rules.what_a_pool_leaves")
                     if prep.shared_remainder else
                     say(w, "report.structure_rules.no_what_a_pool")])
    if prep.years:
        years = "; ".join(f"{y}: {w.eur(eur)}" for y, eur in sorted(prep.years.items()))
        carry = (say(w, "report.structure_rules.unspent_money_carries_over") if prep.carry_over
                 else say(w, "report.structure_rules.no_carry_over"))
        rows.append([say(w, "report.structure_rules.appropriation_per_year"),
                     f"{years} ({carry})"])
    return rows


def _links_block(prep: Case, w: Words) -> list[str]:
    """The links between applications (issue 14) as a short table; [] without any."""
    if not prep.links:
        return []
    rows = [[say(w, f"link.{k.kind}"), nowrap(", ".join(k.ids)), nowrap(k.requires or ""),
             num(w.score(k.bonus) if k.bonus else ""),
             num(w.eur(k.saving_units * prep.unit_eur) if k.saving_units else "")]
            for k in prep.links]
    return [para(say(w, "report.links_block.links_between_applications")),
            table([say(w, "report.links_block.kind"), say(w, "report.links_block.applications"),
                   say(w, "report.links_block.requires"),
                   num(say(w, "report.links_block.bonus_score")),
                   num(say(w, "report.links_block.saving"))], rows)]
