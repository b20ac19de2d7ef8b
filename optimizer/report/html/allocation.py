"""The optimal allocation: its table, the funding pools and years, and the regions."""

from __future__ import annotations

from optimizer.analysis.regions import RegionTable
from optimizer.case import Case
from optimizer.report.analyses import Analyses
from optimizer.report.html.toolkit import (
    Cell,
    figure,
    heading,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import region_name
from optimizer.vocabulary.words import Words, value_model


def allocation_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    prep, res = a.allocation.case, a.allocation.result
    tot = a.allocation.totals()
    has_actual = bool(prep.round.awards)
    capped = any(r["share_of_need"] < 1 for r in a.allocation.rows())
    rows = []
    for r in a.allocation.rows():
        row: list[object] = [nowrap(r["id"]), r["lead"], r["project"],
                             region_name(r["region"], w.lang),
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
                          num(w.eur(tot.awarded_eur))]  # the award column's sum
    if capped:
        headers.append(num(say(w, "report.allocation.of_need")))
        foot.append("")
    if has_actual:
        headers.append(num(w["actual"]))
        foot.append("")
    status = w["optimal"] if res.status == "optimal" else w["feasible"]
    if res.status != "optimal" and res.gap:
        status += f" ({w.pct(res.gap, 2)})"
    obj = prep.objective
    basis = say(w, "report.allocation.by_the_lead_applicant") \
        if prep.region_basis == "lead" \
        else say(w, "report.allocation.by_the_participants")
    body = [
        para(say(w, "report.allocation.appropriation_spent_left_in", budget_eur=tot.budget_eur,
                 spent_eur=tot.spent_eur, left_eur=tot.left_eur, projects=tot.projects,
                 regions_covered=tot.regions_covered, basis=basis,
                 objective=w.value(res.objective, obj))),
        *([para(say(w, "report.allocation.saving", awarded=tot.awarded_eur,
                    saving=tot.saving_eur, spent=tot.spent_eur))] if tot.saving_eur else []),
        para(value_model(obj, prep.partial_value, w.lang)),
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
        out.append(_fair_note(rt, a.allocation.case, w))
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
        row: list[object] = [region_name(r.region, w.lang), num(r.optimal_projects),
                             num(w.eur(r.optimal_eur)),
                             num(w.pct(r.optimal_share)), num(_per(r.optimal_per_resident, w))]
        if rt.has_actual:
            row += [num(r.actual_projects), num(w.eur(r.actual_eur or 0.0)),
                    num(w.pct(r.actual_share)), num(_per(r.actual_per_resident, w))]
        if rt.fair_share_basis is not None:
            row += _fair_cells(rt, r.region, r.fair_share, w)
        rows.append(row)
    if rt.fair_share_basis is not None:  # issue 14: only when the rule is on
        headers += [num(say(w, "report.regions_table.fair_share")),
                    num(say(w, "report.regions_table.ratio"))]
        if rt.has_actual:
            headers.append(num(say(w, "report.regions_table.actual_ratio")))
    return table(headers, rows)


def _fair_cells(rt: RegionTable, region: str, share: float | None, w: Words) -> list[object]:
    """The fair share p_r and the ratios (share of the euros / p_r); blank outside the rule."""
    if share is None:
        return ["", "", ""] if rt.has_actual else ["", ""]
    cells: list[object] = [num(w.pct(share)), num(_per(rt.fair_ratios.get(region), w))]
    if rt.has_actual:  # blank: nothing awarded to the covered regions, no ratio
        cells.append(num(_per(rt.actual_fair_ratios.get(region), w)))
    return cells


def _fair_note(rt: RegionTable, prep: Case, w: Words) -> str:
    """What the fair-share columns mean, and the scenario's bounds."""
    basis = (say(w, "report.fair_note.population") if rt.fair_share_basis == "population"
             else say(w, "report.fair_note.requested_euros"))
    fair = [m.text(w.lang) for m in prep.coverage_rules() if m.code.startswith("rules.fair")]
    return para(say(w, "report.fair_note.fair_share_the_region", basis=basis)
                + "".join(fair) + ".", "note")


def _funds_block(a: Analyses, w: Words, level: int) -> list[str]:
    """Spend per funding pool and per year (issue 14): the optimum, and the actual decision
    beside it ("?" where its awards cannot be split between the pools); [] without them."""
    rows = a.allocation.funds()
    if not rows:
        return []
    actual = list(a.comparison.funds) if a.comparison is not None else []

    def eur(x: float | None) -> Cell:
        return num("?" if x is None else w.eur(x))

    # appropriation + carried in + saving - spent = left: the columns a row can have
    carried = any(r["carried_in_eur"] is not None for r in rows)
    saving = any(r["saving_eur"] for r in rows)
    headers: list[object] = [say(w, "report.funds_block.pool_or_year"),
                             num(w["appropriation"].capitalize())]
    headers += [num(say(w, "report.funds_block.carried_in"))] * carried
    headers += [num(say(w, "report.funds_block.saving"))] * saving
    headers += [num(w["spent"]), num(w["left"]),
                num(say(w, "report.funds_block.applications"))]
    if actual:
        headers.append(num(say(w, "report.funds_block.actual_spent")))
    body = []
    for i, r in enumerate(rows):
        name = say(w, "fund.name", kind=r["kind"], name=r["name"])  # 'Pool main', 'Year 2021'
        row: list[object] = [name, num(w.eur(r["appropriation_eur"]))]
        row += [num("" if r["carried_in_eur"] is None else w.eur(r["carried_in_eur"]))] * carried
        row += [num(w.eur(r["saving_eur"]) if r["saving_eur"] else "")] * saving
        row += [eur(r["spent_eur"]), eur(r["left_eur"]), num(r["applications"])]
        if actual:
            row.append(eur(actual[i]["actual_spent_eur"]))
        body.append(row)
    out = [heading(level, say(w, "report.funds_block.funding_pools_and_years")),
           table(headers, body)]
    pools = any(r["kind"] == "pool" for r in rows)
    notes = [say(w, "report.funds_block.each_award_is_drawn")] if pools else []
    if pools and a.allocation.case.shared_remainder:
        notes.append(say(w, "report.funds_block.shared_remainder"))
    if a.allocation.case.carry_over:
        notes.append(say(w, "report.funds_block.unspent_money_carries_over"))
    if actual and any(x["actual_spent_eur"] is None for x in actual):
        notes.append(say(w, "report.funds_block.the_actual_awards_cannot"))
    if notes:
        out.append(para(" ".join(notes), "note"))
    return out


def _per(value: float | None, w: Words) -> str:
    return "" if value is None else w.num(value, 2)
