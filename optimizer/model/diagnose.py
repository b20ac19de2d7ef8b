"""Why a scenario is infeasible, and what would have to give way.

Two kinds of findings:

* structural: conflicts visible without a solver (a region with fewer applications than its
  minimum, locked-in awards above the budget, ...). They name a cause.
* relaxations: the elastic model (formulation.build_model(elastic=True)) loosens every soft
  rule by a non-negative slack and minimises the weighted slack (formulation.SlackWeights);
  the positive slacks are the smallest repair that makes the scenario feasible.

Every finding is a `Message` of vocabulary/catalog/diagnose.py, its numbers as parameters;
`Diagnosis.summary(lang)` says the whole diagnosis in English or Finnish.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
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
from optimizer.model.instance import FEASIBLE, LEAD, OPTIMAL, PARTICIPANTS, Instance, Item
from optimizer.model.solvers import run_model
from optimizer.model.verify import (
    REMAINDER,
    capped_areas,
    label,
    leads,
    pool_breaches,
    pool_sources,
    region_share_groups,
    regions_covered,
    target_areas,
    validate_locks,
    year_message,
    year_payments,
)
from optimizer.vocabulary.message import Message

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
    message: Message  # a code of vocabulary/catalog/diagnose.py

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Diagnosis:
    relaxations: tuple[Relaxation, ...] = ()  # from the slack re-solve: the smallest repair
    structural: tuple[Relaxation, ...] = ()  # conflicts found without a solver
    solver: str = ""
    count_weight_eur: float | None = None  # what one missing project weighs, in euros
    note: Message | None = None  # why the repair may be missing or not the smallest

    @property
    def feasible(self) -> bool:
        return not self.relaxations and not self.structural

    @property
    def findings(self) -> tuple[Relaxation, ...]:
        """Every finding in the order the summary lists them (for a face that says each in
        its own language: `f.text(lang)`)."""
        return self.structural + self.relaxations

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(sorted({r.family for r in self.relaxations + self.structural}))

    def summary(self, lang: str = "en") -> str:
        """The whole diagnosis in the language, one finding a line."""
        return self.message().text(lang)

    def message(self) -> Message:
        """The whole diagnosis as one message (what an InfeasibleError says): its lines,
        each (is an item of a list, message)."""
        if self.feasible:
            if self.note:
                return Message.of("diagnose.feasible_note", note=self.note)
            return Message.of("diagnose.feasible")
        lines = [(False, Message.of("diagnose.infeasible"))]
        if self.structural:
            lines.append((False, Message.of("diagnose.structural_head")))
            lines += [(True, r.message) for r in self.structural]
        if self.relaxations:
            # whole euros, as the weight is an order of magnitude, not an amount
            weight = None if self.count_weight_eur is None else float(round(self.count_weight_eur))
            lines.append((False, Message.of("diagnose.repair_head", solver=self.solver,
                                            weight=weight)))
            lines += [(True, r.message) for r in self.relaxations]
        if self.note:
            lines.append((False, Message.of("diagnose.note", note=self.note)))
        return Message.of("solver.infeasible", lines=tuple(lines))


def diagnose(instance: Instance, solver: str = "cbc", time_limit: float | None = None) -> Diagnosis:
    """Structural conflicts plus the smallest weighted relaxation of the soft rules."""
    validate_locks(instance)
    structural = structural_checks(instance)
    model = build_model(instance, elastic=True)
    run = run_model(model, solver, time_limit=time_limit)
    assert model.weights is not None  # an elastic model has its weights
    weight_eur = model.weights.count * instance.rules.unit_eur
    if run.status not in (OPTIMAL, FEASIBLE):
        ended = Message.of("diagnose.resolve_ended", status=run.text)
        return Diagnosis((), structural, solver, weight_eur, note=ended)
    note = None if run.status == OPTIMAL else Message.of("diagnose.not_proved_smallest")
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
    if slack.unit == MONEY:
        msg = _money_message(instance, slack, value)
        return Relaxation(slack.family, slack.constraint, round(value * instance.rules.unit_eur, 2),
                          EUR, msg)
    n = math.ceil(value - _EPS)
    msg = _count_message(instance, slack, n, units)
    return Relaxation(slack.family, slack.constraint, float(n), COUNT_UNITS[slack.family], msg)


def _money_message(instance: Instance, slack: Slack, value: float) -> Message:
    """What a rule stated in euros must give, `value` units of money."""
    rules, fam, key = instance.rules, slack.family, _key(slack.constraint)
    ue = rules.unit_eur
    by = value * ue
    if fam == BUDGET:
        return Message.of("diagnose.budget_more", more=by)
    if fam == MIN_SPEND:
        to = (rules.min_spend_units - value) * ue
        return Message.of("diagnose.min_spend_lower", by=by, to=to)
    if fam == FAIR_SHARE:
        side = "min" if slack.constraint.startswith(f"{FAIR_SHARE}_min") else "max"
        return Message.of("diagnose.fair_share", region=key, side=side,
                          bound=getattr(rules, f"fair_share_{side}"),
                          basis=rules.fair_share_basis, by=by)
    if fam == AREA_CAP:
        return Message.of("diagnose.area_cap_rise", area=instance.area(key),
                          cap=rules.area_cap_units.get(key, 0) * ue, by=by)
    if fam in (POOL, YEAR):
        return _fund_relaxation(instance, fam, key, by)
    # REGION_SHARE
    return Message.of("diagnose.region_share_rise", region=key,
                      cap=(rules.region_cap_units or 0) * ue, by=by)


def _count_message(instance: Instance, slack: Slack, n: int, units) -> Message:
    """What a rule stated in a count must give: `n` projects, regions, awards or a lock."""
    rules, fam, key = instance.rules, slack.family, _key(slack.constraint)
    if fam == REGION_MIN:
        items = regions_covered(instance).get(key, [])
        return Message.of("diagnose.region_more", region=key, n=n,
                          cheapest=_cheapest(instance, items, units))
    if fam == TARGET_AREA:
        items = target_areas(instance).get(key, [])
        return Message.of("diagnose.area_more", area=instance.area(key), n=n,
                          cheapest=_cheapest(instance, items, units))
    if fam == MIN_REGIONS:
        return Message.of("diagnose.min_regions_more", need=rules.min_regions, n=n)
    if fam == LINKS:
        return _link_message(key)
    if fam == LEAD_CAP:
        return Message.of("diagnose.lead_more", lead=key, n=n, cap=rules.max_awards_per_lead)
    app = label(instance, key)
    if slack.constraint.startswith("lock_in["):
        return Message.of("diagnose.lock_in_drop", app=app)
    return Message.of("diagnose.lock_out_drop", app=app)


def _link_message(key: str) -> Message:
    """The link a constraint of formulation.add_link_constraints names, as data:
    'a requires b', 'a, b exclude each other', 'a together with b'."""
    if key.endswith(" exclude each other"):
        ids = tuple(key.removesuffix(" exclude each other").split(", "))
        return Message.of("diagnose.link", kind="excludes", ids=ids, requires=None)
    if " requires " in key:
        item, required = key.split(" requires ", 1)
        return Message.of("diagnose.link", kind="requires", ids=(item,), requires=required)
    return Message.of("diagnose.link", kind="together", ids=tuple(key.split(" together with ", 1)),
                      requires=None)


def _cheapest(instance: Instance, items: list[Item], units) -> Message:
    """What funding one more application of a group would take, as a clause.

    Stated against the whole budget, not against what the slack solution left over: that
    solution has no objective beyond the slack, so its spending is arbitrary.
    """
    rules = instance.rules
    open_items = [it for it in items if it.id not in rules.reject and it.id not in units]
    if not open_items:
        return Message.of("diagnose.cheapest_none")
    best = min(open_items, key=lambda it: (instance.min_units(it), it.id))
    cost = instance.min_units(best)
    if cost > rules.budget_units:
        return Message.of("diagnose.cheapest_beyond", id=best.id,
                          over=(cost - rules.budget_units) * rules.unit_eur)
    return Message.of("diagnose.cheapest_no_fit", id=best.id, cost=cost * rules.unit_eur)


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


def _fund_relaxation(instance: Instance, family: str, key: str, by: float) -> Message:
    """A funding pool's or a year's appropriation that must rise by `by` euros, named."""
    rules = instance.rules
    if family == YEAR:
        if rules.carry_over:
            return Message.of("diagnose.years_rise", year=key, by=by)
        return Message.of("diagnose.year_rise", year=key, cap=rules.year_cents.get(key, 0) * 0.01,
                          by=by)
    cap = next((c for n, c, _ in pool_sources(instance) if n == key), 0) * rules.unit_eur
    if key == REMAINDER:
        return Message.of("diagnose.outside_pools_rise", cap=cap, by=by)
    return Message.of("diagnose.pool_rise", pool=key, cap=cap, by=by)


def _locked_pool_checks(instance: Instance) -> list[Relaxation]:
    """Locked-in awards (at their smallest) that the pools admitting them cannot pay."""
    rules = instance.rules
    locked = {it.id: instance.min_units(it) for it in instance.items if it.id in rules.fund}
    ue = rules.unit_eur
    return [Relaxation(POOL, f"{POOL}[{names[0]}]", (total - cap) * ue, EUR,
                       Message.of("diagnose.locked_pools", names=tuple(names), total=total * ue,
                                  over=(total - cap) * ue, cap=cap * ue))
            for names, total, cap in pool_breaches(instance, locked)]


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
            over = year_message(year, paid, limit, rules.carry_over)
            out.append(Relaxation(YEAR, f"{YEAR}[{year}]", round((paid - limit) / 100, 2), EUR,
                                  Message.of("diagnose.locked_year", over=over)))
    return out


def _money_checks(instance: Instance) -> list[Relaxation]:
    rules, ue = instance.rules, instance.rules.unit_eur
    out = []
    locked = [it for it in instance.items if it.id in rules.fund]
    need = sum(instance.min_units(it) for it in locked)
    budget = rules.budget_units
    if need > budget:
        out.append(Relaxation(BUDGET, BUDGET, (need - budget) * ue, EUR, Message.of(
            "diagnose.locked_over_budget", ids=tuple(it.id for it in locked), need=need * ue,
            over=(need - budget) * ue, budget=budget * ue)))
    least = rules.min_spend_units
    if least > budget:
        out.append(Relaxation(MIN_SPEND, MIN_SPEND, (least - budget) * ue, EUR, Message.of(
            "diagnose.min_spend_over_budget", least=least * ue, budget=budget * ue,
            by=(least - budget) * ue)))
    most = sum(it.max_units for it in instance.items if it.id not in rules.reject)
    if least > most:
        out.append(Relaxation(MIN_SPEND, MIN_SPEND, (least - most) * ue, EUR, Message.of(
            "diagnose.min_spend_over_requests", least=least * ue, most=most * ue)))
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
    region = family == REGION_MIN
    group = {"group": "region" if region else "area",
             "name": key if region else instance.area(key), "need": need}
    open_items = [it for it in items if it.id not in rules.reject]
    if len(open_items) < need:
        n = len(open_items)
        return Relaxation(family, name, float(need - n), "projects", Message.of(
            "diagnose.group_too_few", **group, n=n, locked_out=len(items) - n))
    cost = sum(sorted(instance.min_units(it) for it in open_items)[:need])
    if cost > rules.budget_units:
        return Relaxation(family, name, (cost - rules.budget_units) * ue, EUR, Message.of(
            "diagnose.group_beyond_budget", **group, over=(cost - rules.budget_units) * ue))
    cap = _group_cap(instance, family, key)
    if cap is not None and cost > cap:
        return Relaxation(family, name, (cost - cap) * ue, EUR, Message.of(
            "diagnose.group_above_cap", **group, cost=cost * ue, cap=cap * ue))
    return None


def _group_cap(instance: Instance, family: str, key: str) -> int | None:
    """The euro cap (in units) that the cheapest applications of a group must fit under:
    a target area's cap; with lead basis a region's share cap, as every covering
    application is then led from the region."""
    rules = instance.rules
    if family == TARGET_AREA:
        return rules.area_cap_units.get(key)
    return rules.region_cap_units if rules.region_basis == LEAD else None


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
    return [Relaxation(MIN_REGIONS, MIN_REGIONS, float(rules.min_regions - len(coverable)),
                       "regions", Message.of("diagnose.min_regions_too_few",
                                             need=rules.min_regions, n=len(coverable)))]


def _lock_checks(instance: Instance) -> list[Relaxation]:
    """Locked-in items that by themselves break a lead cap, a target area's cap or a region
    share cap."""
    rules = instance.rules
    out = []
    cap_n = rules.max_awards_per_lead
    if cap_n is not None:
        for lead, items in leads(instance).items():
            ids = [it.id for it in items if it.id in rules.fund]
            if len(ids) > cap_n:
                out.append(Relaxation(LEAD_CAP, f"{LEAD_CAP}[{lead}]", float(len(ids) - cap_n),
                                      "awards", Message.of("diagnose.lead_locked", lead=lead,
                                                           n=len(ids), ids=tuple(ids), cap=cap_n)))
    for area, (area_cap, items) in capped_areas(instance).items():
        out += _locked_over_cap(instance, items, area_cap, AREA_CAP, area,
                                "diagnose.area_locked_over_cap", "area")
    cap = rules.region_cap_units
    if cap is not None:  # on the region basis: the locked awards' parts in the region
        for region, parts in region_share_groups(instance).items():
            out += _locked_over_cap(instance, [it for it, _ in parts], cap, REGION_SHARE,
                                    region, "diagnose.region_locked_over_cap"
                                    + ("_split" if rules.region_basis == PARTICIPANTS else ""),
                                    "region",
                                    {it.id: part for it, part in parts})
    return out


def _locked_over_cap(instance: Instance, items: Sequence[Item], cap: int, family: str,
                     key: str, code: str, who: str,
                     parts: Mapping[str, float] | None = None) -> list[Relaxation]:
    """The relaxation a euro cap needs when its locked-in items alone exceed it (`parts`:
    the share of each award the cap counts; all of it by default)."""
    locked = [it for it in items if it.id in instance.rules.fund]
    need = sum(instance.min_units(it) * (parts or {}).get(it.id, 1.0) for it in locked)
    if need <= cap + 1e-7 * max(1.0, cap):
        return []
    ue = instance.rules.unit_eur
    return [Relaxation(family, f"{family}[{key}]", round((need - cap) * ue, 2), EUR, Message.of(
        code, **{who: instance.area(key) if who == "area" else key},
        ids=tuple(it.id for it in locked), need=round(need * ue, 2), cap=cap * ue))]
