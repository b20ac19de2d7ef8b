"""Results as the page's JSON: raw numbers for scripts and tests, and beside each the text
the page shows, written in its language by optimizer.vocabulary.words (the page formats nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.compare import Comparison
from optimizer.analysis.diff import CHANGES, ENTERS, LEAVES, Diff
from optimizer.analysis.explain import ExplainRow
from optimizer.analysis.regions import RegionTable
from optimizer.case import FUNDED, NOT_FUNDABLE, NOT_FUNDED, UNKNOWN_REGION, Case
from optimizer.constants import REMAINDER
from optimizer.errors import GrantoptError, InfeasibleError
from optimizer.scenario.schema import LinkSpec
from optimizer.study import Study
from optimizer.vocabulary.catalog.diff import shown, value_digits
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import criterion_name
from optimizer.vocabulary.words import Words

# The scenario keys the page's controls set (every other key stays as the file has it).
CONTROL_KEYS = (
    "budget.appropriation", "funding.mode", "funding.min_share", "funding.max_per_project",
    "objective.kind", "objective.partial_value", "scoring.weights", "coverage.region_basis",
    "coverage.min_projects_per_region", "coverage.min_regions", "coverage.max_region_share",
    "coverage.min_projects_per_target_area", "coverage.max_awards_per_lead",
    "eligibility.joint_rule", "eligibility.exclusions", "locks.fund", "locks.reject",
    # Issue 14: fair shares by region, funding pools, several years (links: `links`).
    "coverage.fair_share_basis", "coverage.fair_share_min", "coverage.fair_share_max",
    "budget.pools", "budget.shared_remainder", "budget.years", "budget.carry_over",
    "budget.year_split")


def solved(study: Study) -> Allocation | InfeasibleError:
    """The study's optimum, or the InfeasibleError that carries its diagnosis."""
    try:
        return study.solve()
    except InfeasibleError as exc:
        return exc


def state(study: Study, lang: str, *, previous: Study | None = None,
          pinned: Study | None = None) -> dict[str, Any]:
    """Everything the page shows of `study`: its controls, its optimum (or the diagnosis),
    the actual decision against it, what the last change moved and the pinned difference."""
    w = Words(lang)
    answer = solved(study)
    doc: dict[str, Any] = {
        "title": study.scenario.title_in(lang),
        "controls": controls(study, lang),
        "applications": applications(study, answer, lang),
        "proxy": study.case.is_proxy,
    }
    if isinstance(answer, InfeasibleError):
        # The text `grantopt run` prints after "Infeasible: ", in the page's language.
        doc["result"] = {"feasible": False, "diagnosis": answer.text(lang)}
    else:
        compared = _compared(study)
        doc["result"] = {"feasible": True, **allocation(answer, w),
                         "comparison": comparison(compared, w),
                         "funds": funds(answer, compared, w)}
    doc["last_change"] = _diff_of(previous, study, w) if previous is not None else None
    doc["pinned"] = _diff_of(pinned, study, w) if pinned is not None else None
    return doc


# --- the controls --------------------------------------------------------------------------


def controls(study: Study, lang: str) -> dict[str, Any]:
    """The current value of every key the page sets, and what the controls list."""
    sc, prep = study.scenario, study.case
    values = {key: sc.value(key) for key in CONTROL_KEYS}
    values["locks.fund"], values["locks.reject"] = list(sc.locks.fund), list(sc.locks.reject)
    values["budget.pools"] = [dict(p) for p in sc.budget.pools]
    values["links"] = [link.to_dict() for link in sc.links]
    call = study.round.call
    return {"values": values, "criteria": criteria(prep, lang),
            "groups": [{"id": g.id, "label": g.text(lang)}
                       for g in call.criteria_groups
                       if any(c["group"] == g.id for c in criteria(prep, lang))],
            "target_areas": [{"id": a.id, "label": a.text(lang)}
                             for a in call.target_areas],
            "budget_max": _budget_max(prep),
            "links": [{**link.to_dict(), "text": link_text(link, lang)} for link in sc.links],
            "pools": [{"name": p["name"], "who": pool_who(p, call, lang)}
                      for p in sc.budget.pools],
            # the regions a new pool may be limited to: those the applications are led from
            "regions": sorted({prep.lead_region(a.id) for a in study.round.applications}
                              - {UNKNOWN_REGION})}


def link_text(link: LinkSpec, lang: str) -> str:
    """One link as a sentence of the page's language."""
    gains = [say(lang, "web.link.bonus", bonus=link.bonus) if link.bonus else "",
             say(lang, "web.link.saving", eur=link.saving_eur) if link.saving_eur else ""]
    text = say(lang, f"web.link.{link.kind}", ids=list(link.ids), requires=link.requires,
               gains=", ".join(g for g in gains if g))
    return say(lang, "web.link.note", text=text, note=link.note) if link.note else text


def pool_who(pool: Mapping[str, Any], call: Any, lang: str) -> str:
    """Who may draw on a funding pool, in words ("" for any application); target areas by
    their names in the call."""
    areas = {a.id: a.text(lang) or a.id for a in call.target_areas}
    parts = []
    for key, value in pool.items():
        if key in ("name", "appropriation_eur", "column") or value in (None, False):
            continue
        if key == "target_areas":
            value = [areas.get(v, v) for v in value]
        values = list(value) if isinstance(value, list | tuple) else []
        parts.append(say(lang, f"web.pool.{key}", values=values, eur=value, n=value,
                         column=pool.get("column", "")))
    return "; ".join(parts)


def criteria(prep: Case, lang: str) -> list[dict[str, Any]]:
    """Each criterion (or proxy indicator) with its group, its given weight and the
    normalised weight the scores use."""
    call, given = prep.round.call, prep.scenario.scoring.weights
    found = call.proxies if prep.is_proxy else call.criteria
    texts = {c.id: c.text(lang) for c in found}
    groups = {} if prep.is_proxy else call.group_of
    used = prep.weights
    w = Words(lang)
    return [{"id": cid, "label": texts.get(cid) or cid,
             "name": criterion_name(cid, texts.get(cid, "")), "group": groups.get(cid, ""),
             "given": given.get(cid), "normalised": used.get(cid, 0.0),
             "normalised_text": w.pct(used.get(cid, 0.0))}
            for cid in prep.scores.criteria]


def _budget_max(prep: Case) -> float:
    """The slider's end: what every fundable application together could get."""
    return max(prep.fundable_max_eur, float(prep.scenario.budget.appropriation or 0.0))


# --- the answer ------------------------------------------------------------------------------


def allocation(a: Allocation, w: Words) -> dict[str, Any]:
    """Totals, the funded rows beside the actual decision, and the regions table."""
    tot, prep, table = a.totals(), a.case, a.regions()
    objective = prep.objective
    rows = [{"id": r["id"], "project": r["project"], "lead": r["lead"], "region": r["region"],
             "score": r["score"], "score_text": w.score(r["score"]),
             "award_eur": r["award_eur"], "award_text": w.eur(r["award_eur"]),
             "actual_eur": prep.actual_eur.get(r["id"]),
             "actual_text": _eur(prep.actual_eur.get(r["id"]), w)} for r in a.rows()]
    return {"funded": rows, "projects": tot.projects, "value": tot.objective,
            "value_text": w.value(tot.objective, objective), "objective": objective,
            "spent_eur": tot.spent_eur, "spent_text": w.eur(tot.spent_eur),
            # awarded - saving = spent: the synergy savings, so the line adds up
            "awarded_eur": tot.awarded_eur, "awarded_text": w.eur(tot.awarded_eur),
            "saving_eur": tot.saving_eur, "saving_text": w.eur(tot.saving_eur),
            "left_eur": tot.left_eur,
            "budget_eur": tot.budget_eur, "budget_text": w.eur(tot.budget_eur),
            "left_text": w.eur(tot.left_eur), "regions_covered": tot.regions_covered,
            "solver": a.result.solver, "regions": regions(table, w),
            # whether it is the only optimal portfolio, and how it was chosen (model.ties)
            "tie_text": tie.text(w.lang) if (tie := a.tie()) is not None else "",
            # set when the fair-share rule is on (a basis and a bound): its columns show
            "fair_share_basis": table.fair_share_basis}


def regions(table: RegionTable, w: Words) -> list[dict[str, Any]]:
    """The regions table; with fair shares by region (issue 14) each covered region's fair
    share and its ratio (share of the euros / fair share) in the optimum and the actual
    decision (blank for a region outside the rule)."""
    fair = table.fair_share_basis is not None
    out = []
    for r in table.lines:
        row: dict[str, Any] = {
            "region": r.region, "projects": r.optimal_projects,
            "award_text": w.eur(r.optimal_eur), "share_text": w.pct(r.optimal_share),
            "per_resident_text": _num(r.optimal_per_resident, w),
            "actual_projects": r.actual_projects, "actual_text": _eur(r.actual_eur, w)}
        if fair:
            covered = r.fair_share is not None
            ratio = table.fair_ratios.get(r.region) if covered else None
            actual = table.actual_fair_ratios.get(r.region) if covered else None
            row.update({"fair_share": r.fair_share, "fair_ratio": ratio,
                        "fair_share_text": "" if r.fair_share is None else w.pct(r.fair_share),
                        "fair_ratio_text": _num(ratio, w),
                        "actual_fair_ratio_text": _num(actual, w)})
        out.append(row)
    return out


def _compared(study: Study) -> Comparison | None:
    """The actual decision against the optimum, when the round has one and it can be
    measured under these rules."""
    if not study.round.awards:
        return None
    try:
        return study.compare()
    except GrantoptError:  # the actual decision cannot be measured under these rules
        return None


def funds(a: Allocation, c: Comparison | None, w: Words) -> list[dict[str, Any]]:
    """Spend per funding pool and per year (issue 14), the optimum beside the actual
    decision; [] without pools or years."""
    actual = {(f["kind"], f["name"]): f["actual_spent_eur"] for f in c.funds} if c else {}
    out = []
    for f in a.funds():
        paid = actual.get((f["kind"], f["name"]))
        name = f["name"]
        if f["kind"] == "pool" and name == REMAINDER:
            name = say(w, "web.pool_outside")
        out.append({"kind": f["kind"], "name": f["name"], "label": name,
                    "appropriation_eur": f["appropriation_eur"], "spent_eur": f["spent_eur"],
                    "left_eur": f["left_eur"], "actual_spent_eur": paid,
                    # appropriation + carried in + saving - spent = left (model.funds)
                    "carried_in_eur": f["carried_in_eur"], "saving_eur": f["saving_eur"],
                    "carried_text": _eur(f["carried_in_eur"], w),
                    "saving_text": _eur(f["saving_eur"], w),
                    "appropriation_text": w.eur(f["appropriation_eur"]),
                    # "?": the awards cannot be split between the pools (they break them)
                    "spent_text": _eur(f["spent_eur"], w) or "?",
                    "left_text": _eur(f["left_eur"], w) or "?",
                    "actual_text": "" if c is None else _eur(paid, w) or "?",
                    "applications": f["applications"]})
    return out


def comparison(c: Comparison | None, w: Words) -> dict[str, Any] | None:
    """The actual decision against the optimum: its efficiency and the fewest changes."""
    if c is None:
        return None
    return {"efficiency": c.efficiency, "efficiency_text": w.pct(c.efficiency),
            "actual_value_text": w.value(c.actual_value, c.objective),
            "fewest_changes": c.changes.count, "additions": len(c.changes.additions),
            "removals": len(c.changes.removals),
            "amounts_changed": len(c.changes.amount_changes),
            "notes": [m.text(w.lang) for m in (*c.valuation(), *c.counted(), c.tie())]}


def applications(study: Study, answer: Allocation | InfeasibleError,
                 lang: str) -> list[dict[str, Any]]:
    """Every application of the round, with its status, lock and actual award."""
    w = Words(lang)
    units = {} if isinstance(answer, InfeasibleError) else answer.result.units
    locks = study.scenario.locks
    status = {FUNDED: "in", NOT_FUNDED: "out", NOT_FUNDABLE: "excluded"}
    out = []
    for ln in study.case.application_lines(units):
        fundable = ln.status != NOT_FUNDABLE
        score = ln.score if fundable else None
        out.append({
            "id": ln.id, "project": ln.project, "lead": ln.lead,
            "region": ln.region if fundable else "", "score": score,
            "score_text": w.score(score) if score is not None else "",
            "status": status[ln.status], "status_text": w[f"status_{status[ln.status]}"],
            "reasons": [r.text(lang) for r in ln.reasons],
            "requested_text": w.eur(ln.requested_eur),
            "actual_text": _eur(ln.actual_eur, w),
            "lock": "in" if ln.id in locks.fund else "out" if ln.id in locks.reject
            else "free"})
    return out


def explanation(study: Study, item_id: str, lang: str) -> dict[str, Any]:
    """Why one application is in or out, and whom it would displace or bring in."""
    w = Words(lang)
    e = study.explain([item_id])
    row: ExplainRow = e.row(item_id)
    return {"id": item_id, "status": row.status, "sentence": row.sentence_in(lang),
            "pushed_out": [_moved(m, w) for m in row.pushed_out],
            "brought_in": [_moved(m, w) for m in row.brought_in],
            "lock": "in" if item_id in study.scenario.locks.fund
            else "out" if item_id in study.scenario.locks.reject else "free"}


def _moved(m: Any, w: Words) -> dict[str, Any]:
    return {"id": m.id, "label": m.label, "score_text": w.score(m.score),
            "award_text": w.eur(m.award_eur)}


# --- differences -----------------------------------------------------------------------------


def _diff_of(base: Study, other: Study, w: Words) -> dict[str, Any]:
    """What changes from `base`'s optimum to `other`'s, or which of them has none."""
    first, second = solved(base), solved(other)
    if isinstance(first, InfeasibleError) or isinstance(second, InfeasibleError):
        return {"title": base.scenario.title_in(w.lang), "feasible": False}
    return {"title": base.scenario.title_in(w.lang), "feasible": True,
            **diff_doc(base.diff(other), w)}


def diff_doc(d: Diff, w: Words) -> dict[str, Any]:
    """Projects in and out, awards changed, euros moved per region, and the value."""
    def moves(status: str) -> list[dict[str, Any]]:
        return [{"id": m.id, "label": m.label, "project": m.project,
                 "base_text": w.eur(m.base_eur), "other_text": w.eur(m.other_eur),
                 "change_text": w.signed_eur(m.change_eur)}
                for m in d.moves if m.status == status]

    return {"enters": moves(ENTERS), "leaves": moves(LEAVES), "changes": moves(CHANGES),
            "regions": [{"region": r.region, "change_eur": r.change_eur,
                         "change_text": w.signed_eur(r.change_eur)}
                        for r in d.regions if r.change_eur],
            "value_change": d.value_change, **value_doc(d, w)}


def value_doc(d: Diff, w: Words) -> dict[str, Any]:
    """The value from the pinned optimum to this one as the page says it: a whole sentence
    whose change is the difference of the two numbers it shows, or, when the two measure
    value differently, a sentence that says so without a number."""
    if d.value_change is None:
        return {"value_change_text": None, "value_sentence": say(w, "diff.not_comparable")}
    objective = d.other.objective
    by = shown(d.base.value, d.other.value, value_digits(objective)).by
    return {"value_change_text": ("+" if by > 0 else "") + w.num(float(by),
                                                                  value_digits(objective)),
            "value_sentence": say(w, "diff.value_sentence", before=d.base.value,
                                  after=d.other.value, objective=objective)}


def _eur(value: float | None, w: Words) -> str:
    return "" if value is None else w.eur(value)


def _num(value: float | None, w: Words) -> str:
    return "" if value is None else w.num(value, 2)


def robustness_doc(rob: Any, w: Words) -> dict[str, Any]:
    """Acceptability of each application over the draws, most robust first."""
    counts: Mapping[str, int] = {c: sum(1 for a in rob.items if a.category == c)
                                 for c in ("core", "borderline", "exterior")}
    return {"kind": "robustness", "samples": rob.samples, "seed": rob.seed,
            "counts": dict(counts),
            "items": [{"id": a.id, "label": a.label, "index": a.index,
                       "index_text": w.pct(a.index), "category": a.category,
                       "category_text": w[a.category]}
                      for a in sorted(rob.items, key=lambda a: (-a.index, a.id))]}


def calibration_doc(k: Any, w: Words, names: Mapping[str, str] | None = None
                    ) -> dict[str, Any]:
    """The weights whose optimum comes closest to the actual decision; `names`: each
    criterion's plain name by id."""
    best, names = k.best, names or {}
    return {"kind": "calibrate", "samples": k.samples, "seed": k.seed,
            "weights": [{"id": cid, "name": names.get(cid, cid), "weight_text": w.pct(x)}
                        for cid, x in zip(k.criteria_ids, best.weights, strict=True)],
            "euro_share_text": w.pct(best.euro_share),
            "project_share_text": w.pct(best.project_share)}
