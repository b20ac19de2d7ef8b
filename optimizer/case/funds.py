"""Funding pools and several years, assembled: from the scenario's
[[budget.pools]], [budget.years] and year_split, and the round's costs per year, to the
Instance's Pool rules and each item's year shares.

A pool's selector keys combine with "and"; a pool with none admits every application;
`others = true` admits the applications no other pool (without `others`) admits, so
"a pool for small municipalities, the rest from a main pool" is two pools.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from optimizer.errors import ScenarioError, suggest
from optimizer.model.instance import Instance, Item, Pool
from optimizer.money import to_units
from optimizer.readers.domain import Application, Profile, Round
from optimizer.readers.register import Register
from optimizer.scenario import Scenario
from optimizer.vocabulary.message import Message

# The text columns of applications.csv a pool's `column` may name.
POOL_COLUMNS = ("id", "applicant", "project", "region", "target_area", "exclusion",
                "language", "partners")


def with_pools_and_years(instance: Instance, scenario: Scenario, rnd: Round,
                         profiles: Mapping[str, Profile], register: Register | None
                         ) -> Instance:
    """The instance with the scenario's funding pools and yearly appropriations."""
    budget = scenario.budget
    unit = instance.rules.unit_eur
    pools = build_pools(budget.pools, instance, rnd, profiles, register, unit)
    instance = instance.with_rules(pools=pools, shared_remainder=budget.shared_remainder)
    if not budget.years:
        if budget.year_split:
            raise ScenarioError(Message.of("scenario.year.split_without_years"))
        return instance
    items = tuple(replace(it, year_shares=_year_shares(it, rnd, budget.year_split))
                  for it in instance.items)
    years = {y for it in items for y, _ in it.year_shares}
    missing = sorted(years - set(budget.years))
    if missing:
        who = next(it.id for it in items if any(y == missing[0] for y, _ in it.year_shares))
        raise ScenarioError(Message.of("scenario.year.missing", year=missing[0], id=who,
                                       years=sorted(budget.years)))
    cents = {y: round(eur * 100) for y, eur in sorted(budget.years.items())}
    return replace(instance, items=items).with_rules(year_cents=cents,
                                                     carry_over=budget.carry_over)


def _year_shares(it: Item, rnd: Round, split: Mapping[str, float]
                 ) -> tuple[tuple[str, Fraction], ...]:
    """The share of the award paid in each year, exact: the scenario's split, else the
    application's costs per year over their total."""
    if split:
        pairs = sorted((y, Fraction(s).limit_denominator(10**6)) for y, s in split.items())
    else:
        costs = rnd.application(it.id).costs_by_year
        if not costs:
            raise ScenarioError(Message.of("scenario.year.no_costs", id=it.id,
                                           file="applications.csv"))
        pairs = [(y, Fraction(round(eur * 100))) for y, eur in costs]
    pairs = [(y, s) for y, s in pairs if s > 0]
    total = sum(s for _, s in pairs)
    shares = [(y, s / total) for y, s in pairs]
    # The last share takes what rounding left, so the shares sum to exactly 1.
    last = Fraction(1) - sum((s for _, s in shares[:-1]), Fraction(0))
    return tuple((*shares[:-1], (shares[-1][0], last)))


# --- pools -------------------------------------------------------------------------------


def build_pools(specs: tuple[dict[str, Any], ...], instance: Instance, rnd: Round,
                profiles: Mapping[str, Profile], register: Register | None, unit: float
                ) -> tuple[Pool, ...]:
    """Each pool with the fundable applications it admits."""
    _check_selectors(specs, instance, rnd)
    apps = {it.id: rnd.application(it.id) for it in instance.items}
    chosen: dict[str, frozenset[str]] = {}
    for spec in specs:
        chosen[spec["name"]] = frozenset(
            it.id for it in instance.items
            if _admits(spec, it, apps[it.id], profiles.get(it.id), register))
    taken = frozenset().union(*(chosen[s["name"]] for s in specs if not s.get("others")))
    return tuple(
        Pool(spec["name"], to_units(spec["appropriation_eur"], unit),
             chosen[spec["name"]] - taken if spec.get("others") else chosen[spec["name"]])
        for spec in specs)


def _admits(spec: Mapping[str, Any], it: Item, app: Application, profile: Profile | None,
            register: Register | None) -> bool:
    tests = [
        "regions" not in spec or it.lead_region in spec["regions"],
        "target_areas" not in spec or bool(it.areas & set(spec["target_areas"])),
        app.requested_eur >= spec.get("min_requested_eur", 0),
        app.requested_eur <= spec.get("max_requested_eur", float("inf")),
        "ids" not in spec or it.id in spec["ids"],
        "column" not in spec or bool(_cell(app, spec["column"]) & set(spec["values"])),
    ]
    if "min_lead_population" in spec or "max_lead_population" in spec:
        people = lead_population(profile, register)
        tests.append(people is not None
                     and spec.get("min_lead_population", 0) <= people
                     <= spec.get("max_lead_population", people))
    return all(tests)


def lead_population(profile: Profile | None, register: Register | None) -> int | None:
    """Residents of the lead's municipality (register data); None when the lead is no
    municipality the register knows (such an application is in no population class)."""
    if profile is None or register is None or not profile.lead_code:
        return None
    return register.by_code(profile.lead_code).population


def _cell(app: Application, column: str) -> set[str]:
    value = getattr(app, column)
    if isinstance(value, tuple):
        return set(value)
    return {value} if value else set()


def _check_selectors(specs: tuple[dict[str, Any], ...], instance: Instance,
                     rnd: Round) -> None:
    """A selector naming a region, area, column or id the round does not have would select
    nothing, silently: say so instead."""
    regions = {it.lead_region for it in instance.items} | {
        a.region for a in rnd.applications if a.region}
    areas = {a.id for a in rnd.call.target_areas} | {
        x for app in rnd.applications for x in app.areas}
    ids = {a.id for a in rnd.applications}
    for spec in specs:
        where = f"budget.pools ({spec['name']!r})"
        for key, known in (("regions", regions), ("target_areas", areas), ("ids", ids)):
            for value in spec.get(key, ()):
                if value not in known:
                    raise _at(where, Message.of("scenario.pool.unknown_value", key=key,
                                                value=value, suggest=suggest(value, known)))
        column = spec.get("column")
        if column is not None and column not in POOL_COLUMNS:
            raise _at(where, Message.of("scenario.pool.column", column=column,
                                        file="applications.csv", columns=list(POOL_COLUMNS),
                                        suggest=suggest(column, POOL_COLUMNS)))


def _at(where: str, problem: Message) -> ScenarioError:
    return ScenarioError(Message.of("scenario.at", where=where, problem=problem))


