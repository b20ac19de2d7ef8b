"""Why a scenario is infeasible, and what would have to give way.

Two kinds of findings:

* structural: conflicts visible without a solver (a region with fewer applications than its
  minimum, locked-in awards above the budget, ...). They name a cause.
* relaxations: the elastic model (formulation.build_model(elastic=True)) loosens every soft
  rule by a non-negative slack and minimises the weighted slack (formulation.SlackWeights);
  the positive slacks are the smallest repair that makes the scenario feasible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from optimizer.model.formulation import (
    AREA_CAP,
    BUDGET,
    FAIR_SHARE,
    LEAD_CAP,
    LINKS,
    LOCKS,
    MIN_REGIONS,
    MIN_SPEND,
    MONEY,
    POOL,
    REGION_MIN,
    REGION_SHARE,
    TARGET_AREA,
    YEAR,
    Model,
    Slack,
    build_model,
    solution_units,
)
from optimizer.model.instance import FEASIBLE, LEAD, OPTIMAL, Instance, Item
from optimizer.model.solvers import run_model
from optimizer.model.verify import (
    REMAINDER,
    capped_areas,
    label,
    lead_regions,
    leads,
    pool_breaches,
    pool_sources,
    regions_covered,
    target_areas,
    validate_locks,
    year_message,
    year_payments,
)
from optimizer.vocabulary.numbers import money, plural

EUR = "eur"
COUNT_UNITS = {
    REGION_MIN: "projects",
    TARGET_AREA: "projects",
    MIN_REGIONS: "regions",
    LEAD_CAP: "awards",
    LOCKS: "locks",
    LINKS: "links",
}
_EPS = 1e-6


@dataclass(frozen=True)
class Relaxation:
    """One rule that must give way, and by how much (`shortfall` in `unit`)."""

    family: str  # a constraint family of model.formulation (BUDGET, REGION_MIN, ...)
    constraint: str  # readable constraint name, e.g. "region_min[Kainuu]"
    shortfall: float  # euros when unit == "eur", else a count
    unit: str  # "eur", "projects", "regions", "awards" or "locks"
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Diagnosis:
    relaxations: tuple[Relaxation, ...] = ()  # from the slack re-solve: the smallest repair
    structural: tuple[Relaxation, ...] = ()  # conflicts found without a solver
    solver: str = ""
    count_weight_eur: float | None = None  # what one missing project weighs, in euros
    note: str = ""

    @property
    def feasible(self) -> bool:
        return not self.relaxations and not self.structural

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(sorted({r.family for r in self.relaxations + self.structural}))

    def summary(self) -> str:
        if self.feasible:
            text = "Every rule can be met together: nothing needs to give way."
            return f"{text} ({self.note})" if self.note else text
        lines = ["No allocation meets every rule."]
        if self.structural:
            lines.append("Conflicts that hold whatever is funded:")
            lines += [f"  - {r.message}" for r in self.structural]
        if self.relaxations:
            weight = (
                f"; one missing project or region weighs like {self.count_weight_eur:,.0f} €, "
                "a lock a bit over twice that"
                if self.count_weight_eur is not None
                else ""
            )
            lines.append(f"Smallest change that makes it feasible ({self.solver}{weight}):")
            lines += [f"  - {r.message}" for r in self.relaxations]
        if self.note:
            lines.append(f"Note: {self.note}.")
        return "\n".join(lines)


def diagnose(instance: Instance, solver: str = "cbc", time_limit: float | None = None) -> Diagnosis:
    """Structural conflicts plus the smallest weighted relaxation of the soft rules."""
    validate_locks(instance)
    structural = structural_checks(instance)
    model = build_model(instance, elastic=True)
    run = run_model(model, solver, time_limit=time_limit)
    assert model.weights is not None  # an elastic model has its weights
    weight_eur = model.weights.count * instance.rules.unit_eur
    if run.status not in (OPTIMAL, FEASIBLE):
        return Diagnosis(
            (), structural, solver, weight_eur, note=f"the slack re-solve ended with {run.text!r}"
        )
    note = "" if run.status == OPTIMAL else "the repair is not proved smallest (limit reached)"
    return Diagnosis(_relaxations(instance, model), structural, solver, weight_eur, note)


# --- relaxations from the elastic solve --------------------------------------------------


def _relaxations(instance: Instance, model: Model) -> tuple[Relaxation, ...]:
    units = solution_units(model)
    out = []
    for slack in model.slacks.values():
        value = slack.var.varValue or 0.0
        if value > _EPS:
            out.append(_relaxation(instance, slack, value, units))
    return tuple(out)


def _relaxation(instance: Instance, slack: Slack, value: float, units) -> Relaxation:
    rules, fam = instance.rules, slack.family
    key = _key(slack.constraint)
    if slack.unit == MONEY:
        amount = round(value * rules.unit_eur, 2)
        eur = money(value, rules.unit_eur)
        if fam == BUDGET:
            msg = f"budget: {eur} more needed"
        elif fam == MIN_SPEND:
            msg = (
                f"minimum spend: lower it by {eur} "
                f"(to {money(rules.min_spend_units - value, rules.unit_eur)})"
            )
        elif fam == FAIR_SHARE:
            side = "min" if slack.constraint.startswith(f"{FAIR_SHARE}_min") else "max"
            bound = getattr(rules, f"fair_share_{side}")
            msg = (f"{key}: the fair share (fair_share_{side} {bound:g} x its "
                   f"{rules.fair_share_basis} share) must give way by {eur}")
        elif fam == AREA_CAP:
            cap = money(rules.area_cap_units.get(key, 0), rules.unit_eur)
            msg = f"target area {key}: its cap of {cap} must rise by {eur}"
        elif fam in (POOL, YEAR):
            msg = _fund_relaxation(instance, fam, key, eur)
        else:  # REGION_SHARE
            cap = money(rules.region_cap_units or 0, rules.unit_eur)
            msg = f"{key}: the region share cap of {cap} must rise by {eur}"
        return Relaxation(fam, slack.constraint, amount, EUR, msg)
    n = math.ceil(value - _EPS)
    if fam == REGION_MIN:
        items = regions_covered(instance).get(key, [])
        msg = f"{key}: region needs {n} more funded project{'s' * (n > 1)}"
        msg += _cheapest(instance, items, units)
    elif fam == TARGET_AREA:
        items = target_areas(instance).get(key, [])
        msg = f"target area {key}: needs {n} more funded project{'s' * (n > 1)}"
        msg += _cheapest(instance, items, units)
    elif fam == MIN_REGIONS:
        msg = f"min_regions={rules.min_regions}: {n} more covered region{'s' * (n > 1)} needed"
    elif fam == LINKS:
        msg = f"the link '{key}' must give way (links)"
    elif fam == LEAD_CAP:
        msg = (
            f"lead applicant {key}: needs {plural(n, 'award')} more than "
            f"max_awards_per_lead={rules.max_awards_per_lead}"
        )
    elif slack.constraint.startswith("lock_in["):
        msg = f"{label(instance, key)} is locked in, but the other rules exclude it: drop the lock"
    else:
        msg = f"{label(instance, key)} is locked out, but the other rules need it: drop the lock"
    return Relaxation(fam, slack.constraint, float(n), COUNT_UNITS[fam], msg)


def _cheapest(instance: Instance, items: list[Item], units) -> str:
    """What funding one more application of a group would take, as a clause.

    Stated against the whole budget, not against what the slack solution left over: that
    solution has no objective beyond the slack, so its spending is arbitrary.
    """
    rules = instance.rules
    open_items = [it for it in items if it.id not in rules.reject and it.id not in units]
    if not open_items:
        return "; no further fundable application there"
    best = min(open_items, key=lambda it: (instance.min_units(it), it.id))
    cost = instance.min_units(best)
    cheapest = f"; the cheapest fundable application there ({best.id}"
    if cost > rules.budget_units:
        extra = money(cost - rules.budget_units, rules.unit_eur)
        return f"{cheapest}) needs {extra} beyond the budget"
    return f"{cheapest}, {money(cost, rules.unit_eur)}) does not fit beside the other rules"


def _key(constraint: str) -> str:
    """'region_min[Kainuu]' -> 'Kainuu'."""
    return constraint[constraint.index("[") + 1 : -1] if "[" in constraint else constraint


# --- structural checks -------------------------------------------------------------------


def structural_checks(instance: Instance) -> tuple[Relaxation, ...]:
    """Conflicts that no allocation can avoid, found by counting and adding up."""
    return tuple(
        _money_checks(instance)
        + _group_checks(instance)
        + _min_regions_check(instance)
        + _lock_checks(instance)
        + _locked_pool_checks(instance)
        + _locked_year_checks(instance)
    )


def _fund_relaxation(instance: Instance, family: str, key: str, eur: str) -> str:
    """A funding pool's or a year's appropriation that must rise, named."""
    rules = instance.rules
    if family == YEAR:
        if rules.carry_over:
            return f"years up to {key}: the appropriations must rise by {eur} (carry_over)"
        cap = money(rules.year_cents.get(key, 0), 0.01)
        return f"year {key}: its appropriation of {cap} must rise by {eur}"
    cap = money(next((c for n, c, _ in pool_sources(instance) if n == key), 0), rules.unit_eur)
    if key == REMAINDER:
        return f"the budget outside the funding pools ({cap}) must rise by {eur}"
    return f"funding pool {key}: its appropriation of {cap} must rise by {eur}"


def _locked_pool_checks(instance: Instance) -> list[Relaxation]:
    """Locked-in awards (at their smallest) that the pools admitting them cannot pay."""
    rules = instance.rules
    locked = {it.id: instance.min_units(it) for it in instance.items if it.id in rules.fund}
    out = []
    for names, total, cap in pool_breaches(instance, locked):
        ue = rules.unit_eur
        out.append(Relaxation(
            POOL, f"{POOL}[{names[0]}]", (total - cap) * ue, EUR,
            f"locked-in applications need {money(total, ue)} from funding "
            f"pool{'s' * (len(names) > 1)} {', '.join(names)}, "
            f"{money(total - cap, ue)} over the appropriation {money(cap, ue)}"))
    return out


def _locked_year_checks(instance: Instance) -> list[Relaxation]:
    """Locked-in awards (at their smallest) whose payments overrun a year."""
    rules = instance.rules
    locked = {it.id: instance.min_units(it) for it in instance.items if it.id in rules.fund}
    if not rules.year_cents or not locked:
        return []
    out, paid, limit = [], 0.0, 0
    for year, cents in year_payments(instance, locked).items():
        y_cap = rules.year_cents.get(year, 0)
        paid, limit = ((paid + float(cents), limit + y_cap) if rules.carry_over
                       else (float(cents), y_cap))
        if paid > limit + 0.5:
            out.append(Relaxation(
                YEAR, f"{YEAR}[{year}]", round((paid - limit) / 100, 2), EUR,
                f"locked-in applications: {year_message(year, paid, limit, rules.carry_over)}"))
    return out


def _money_checks(instance: Instance) -> list[Relaxation]:
    rules, ue = instance.rules, instance.rules.unit_eur
    out = []
    locked = [it for it in instance.items if it.id in rules.fund]
    need = sum(instance.min_units(it) for it in locked)
    if need > rules.budget_units:
        out.append(
            Relaxation(
                BUDGET,
                BUDGET,
                (need - rules.budget_units) * ue,
                EUR,
                f"locked-in applications ({', '.join(it.id for it in locked)}) need at least "
                f"{money(need, ue)}, {money(need - rules.budget_units, ue)} more than the "
                f"budget of {money(rules.budget_units, ue)}",
            )
        )
    if rules.min_spend_units > rules.budget_units:
        gap = rules.min_spend_units - rules.budget_units
        out.append(
            Relaxation(
                MIN_SPEND,
                MIN_SPEND,
                gap * ue,
                EUR,
                f"minimum spend {money(rules.min_spend_units, ue)} exceeds the budget "
                f"{money(rules.budget_units, ue)} by {money(gap, ue)}",
            )
        )
    most = sum(it.max_units for it in instance.items if it.id not in rules.reject)
    if rules.min_spend_units > most:
        out.append(
            Relaxation(
                MIN_SPEND,
                MIN_SPEND,
                (rules.min_spend_units - most) * ue,
                EUR,
                f"minimum spend {money(rules.min_spend_units, ue)}, but all fundable "
                f"applications together ask for only {money(most, ue)}",
            )
        )
    return out


def _group_checks(instance: Instance) -> list[Relaxation]:
    """Region and target-area minimums: enough applications, affordable ones."""
    rules = instance.rules
    out = []
    groups = [
        (REGION_MIN, rules.min_projects_per_region, regions_covered(instance)),
        (TARGET_AREA, rules.min_projects_per_target_area, target_areas(instance)),
    ]
    for family, need, by_key in groups:
        if need <= 0:
            continue
        for key, items in by_key.items():
            found = _group_check(instance, family, key, items, need)
            if found:
                out.append(found)
    return out


def _group_check(instance, family, key, items, need) -> Relaxation | None:
    rules, ue = instance.rules, instance.rules.unit_eur
    name = f"{family}[{key}]"
    where = f"{key}: region" if family == REGION_MIN else f"target area {key}:"
    open_items = [it for it in items if it.id not in rules.reject]
    if len(open_items) < need:
        n = len(open_items)
        if family == REGION_MIN:
            verb = "covers" if n == 1 else "cover"
        else:
            verb = "is in" if n == 1 else "are in"
        locked_out = len(items) - n
        extra = f" ({locked_out} more locked out)" if locked_out else ""
        return Relaxation(
            family,
            name,
            float(need - n),
            "projects",
            f"{where} needs {plural(need, 'funded project')}, but only "
            f"{plural(n, 'fundable application')} {verb} it{extra}",
        )
    cheapest = sorted(instance.min_units(it) for it in open_items)[:need]
    cost = sum(cheapest)
    which = "application" if need == 1 else f"{need} applications"
    verb = "needs" if need == 1 else "need"
    if cost > rules.budget_units:
        return Relaxation(
            family,
            name,
            (cost - rules.budget_units) * ue,
            EUR,
            f"{where} needs {plural(need, 'funded project')}; the cheapest fundable {which} "
            f"there {verb} {money(cost - rules.budget_units, ue)} beyond the budget",
        )
    area_cap = rules.area_cap_units.get(key) if family == TARGET_AREA else None
    if area_cap is not None and cost > area_cap:
        return Relaxation(
            family,
            name,
            (cost - area_cap) * ue,
            EUR,
            f"{where} needs {plural(need, 'funded project')}; the cheapest fundable {which} "
            f"there {verb} {money(cost, ue)}, above the area's cap {money(area_cap, ue)}",
        )
    cap = rules.region_cap_units
    if family == REGION_MIN and rules.region_basis == LEAD and cap is not None and cost > cap:
        # With lead basis every covering application is led from the region: the share cap
        # applies to all of them.
        return Relaxation(
            family,
            name,
            (cost - cap) * ue,
            EUR,
            f"{where} needs {plural(need, 'funded project')}; the cheapest fundable {which} "
            f"there {verb} {money(cost, ue)}, above the region share cap {money(cap, ue)}",
        )
    return None


def _min_regions_check(instance: Instance) -> list[Relaxation]:
    rules = instance.rules
    if rules.min_regions <= 0:
        return []
    coverable = {
        r
        for it in instance.items
        if it.id not in rules.reject
        for r in it.coverage_regions(rules.region_basis)
    }
    if rules.min_regions <= len(coverable):
        return []
    return [
        Relaxation(
            MIN_REGIONS,
            MIN_REGIONS,
            float(rules.min_regions - len(coverable)),
            "regions",
            f"min_regions={rules.min_regions} but only "
            f"{plural(len(coverable), 'region has', 'regions have')} fundable applications",
        )
    ]


def _lock_checks(instance: Instance) -> list[Relaxation]:
    """Locked-in items that by themselves break a lead cap, a target area's cap or a region
    share cap."""
    rules = instance.rules
    out = []
    if rules.max_awards_per_lead is not None:
        for lead, items in leads(instance).items():
            locked_ids = [it.id for it in items if it.id in rules.fund]
            if len(locked_ids) > rules.max_awards_per_lead:
                out.append(
                    Relaxation(
                        LEAD_CAP,
                        f"{LEAD_CAP}[{lead}]",
                        float(len(locked_ids) - rules.max_awards_per_lead),
                        "awards",
                        f"lead applicant {lead}: {len(locked_ids)} applications are locked in "
                        f"({', '.join(locked_ids)}) but max_awards_per_lead="
                        f"{rules.max_awards_per_lead}",
                    )
                )
    for area, (area_cap, items) in capped_areas(instance).items():
        out += _locked_over_cap(instance, items, area_cap, AREA_CAP, area,
                                f"target area {area}: locked-in applications",
                                "above the area's cap")
    cap = rules.region_cap_units
    if cap is not None:
        for region, items in lead_regions(instance).items():
            out += _locked_over_cap(instance, items, cap, REGION_SHARE, region,
                                    f"{region}: locked-in applications led from the region",
                                    "above the region share cap")
    return out


def _locked_over_cap(instance: Instance, items: Sequence[Item], cap: int, family: str,
                     key: str, who: str, cap_name: str) -> list[Relaxation]:
    """The relaxation a euro cap needs when its locked-in items alone exceed it."""
    locked = [it for it in items if it.id in instance.rules.fund]
    need = sum(instance.min_units(it) for it in locked)
    if need <= cap:
        return []
    ue = instance.rules.unit_eur
    return [Relaxation(family, f"{family}[{key}]", (need - cap) * ue, EUR,
                       f"{who} ({', '.join(it.id for it in locked)}) need at least "
                       f"{money(need, ue)}, {cap_name} {money(cap, ue)}")]
