"""Independent check of an allocation against every rule of an instance.

Plain Python over the Instance only: no PuLP, no solver. A solver can report "optimal" for
a point that breaks a constraint (tolerances, rounding, bugs in the formulation), so every
solution is re-checked here before it is reported. The same functions tell the brute-force
tests which allocations are feasible, so this module is also the executable statement of
the rules; model.formulation must agree with it.
"""

from __future__ import annotations

import numbers
from collections import defaultdict
from collections.abc import Iterable, Mapping

from optimizer.errors import ScenarioError, VerificationError, did_you_mean
from optimizer.format import money, plural
from optimizer.model.instance import FULL, Instance, Item


def label(instance: Instance, item_id: str) -> str:
    """An id as users see it: 'A17' or 'A17 (Kainuu digi)'."""
    name = instance.labels.get(item_id)
    return f"{item_id} ({name})" if name and name != item_id else item_id


# --- the groups the rules talk about (shared with formulation and diagnose)  ---------


def regions_covered(instance: Instance) -> dict[str, list[Item]]:
    """Region -> items covering it, for every region some item covers (sorted by name)."""
    basis = instance.rules.region_basis
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in instance.items:
        for region in it.coverage_regions(basis):
            groups[region].append(it)
    return dict(sorted(groups.items()))


def lead_regions(instance: Instance) -> dict[str, list[Item]]:
    """Lead region -> items led from it. Items without a lead region have no share cap."""
    return _group(instance.items, lambda it: it.lead_region or None)


def target_areas(instance: Instance) -> dict[str, list[Item]]:
    """Target area -> items in it (an item in several areas is in each); items without a
    target area are in none."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in instance.items:
        for area in sorted(it.areas):
            groups[area].append(it)
    return dict(sorted(groups.items()))


def capped_areas(instance: Instance) -> dict[str, tuple[int, list[Item]]]:
    """Capped target area -> (its cap in units, the items in it), for every area with a cap
    (an area with a cap and no item is left out: nothing can break it)."""
    caps = instance.rules.area_cap_units
    return {area: (caps[area], items) for area, items in target_areas(instance).items()
            if area in caps}


def leads(instance: Instance) -> dict[str, list[Item]]:
    """Lead applicant -> items. An empty lead key means 'unknown', not one shared applicant."""
    return _group(instance.items, lambda it: it.lead or None)


def _group(items: Iterable[Item], key) -> dict[str, list[Item]]:
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        k = key(it)
        if k is not None:
            groups[k].append(it)
    return dict(sorted(groups.items()))


def validate_locks(instance: Instance) -> None:
    """Locks must name items of the instance, and no item may be both forced in and out."""
    ids = set(instance.ids)
    rules = instance.rules
    problems = []
    for kind, locked in (("fund", rules.fund), ("reject", rules.reject)):
        for item_id in sorted(locked - ids):
            problems.append(
                f"locks.{kind} names {item_id!r}, which is not a fundable application of "
                f"this instance.{did_you_mean(item_id, ids)}"
            )
    for item_id in sorted(rules.fund & rules.reject):
        problems.append(
            f"{item_id!r} is in both locks.fund and locks.reject; remove it from one of them"
        )
    if problems:
        raise ScenarioError("\n".join(problems))


# --- verification ----------------------------------------------------------------------


def verify(instance: Instance, units: Mapping[str, int]) -> list[str]:
    """Every rule the allocation breaks, as readable sentences ([] = feasible).

    `units` maps application id -> award in whole units; ids absent (or 0) are not funded.
    """
    known = {it.id: it for it in instance.items}
    problems = _award_problems(instance, units, known)
    # Only well-formed awards of known items take part in the sums below.
    award = {
        item_id: u for item_id, u in units.items() if item_id in known and _is_int(u) and u > 0
    }
    for check in (_budget, _regions, _min_regions, _region_shares, _targets, _area_caps,
                  _leads, _locks):
        problems += check(instance, award)
    return problems


def check(instance: Instance, units: Mapping[str, int]) -> None:
    """Raise VerificationError listing every violated rule; return quietly if feasible."""
    problems = verify(instance, units)
    if problems:
        raise VerificationError(
            "The allocation breaks "
            + plural(len(problems), "rule")
            + ":\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


def _is_int(u: object) -> bool:
    return isinstance(u, numbers.Integral) and not isinstance(u, bool)


def _award_problems(instance: Instance, units: Mapping[str, int], known) -> list[str]:
    out = []
    unit_eur = instance.rules.unit_eur
    for item_id, u in units.items():
        if item_id not in known:
            out.append(
                f"{item_id!r} is not an application of this instance{did_you_mean(item_id, known)}"
            )
            continue
        if not _is_int(u):
            out.append(f"{label(instance, item_id)}: award {u!r} is not a whole number of units")
            continue
        if u == 0:
            continue
        it = known[item_id]
        lo, hi = instance.min_units(it), it.max_units
        name = label(instance, item_id)
        if u < 0:
            out.append(f"{name}: award {money(u, unit_eur)} is negative")
        elif instance.rules.mode == FULL and u != hi:
            out.append(
                f"{name}: award {money(u, unit_eur)} differs from the full amount "
                f"{money(hi, unit_eur)} (funding mode is 'full')"
            )
        elif u > hi:
            out.append(
                f"{name}: award {money(u, unit_eur)} is above its maximum {money(hi, unit_eur)}"
            )
        elif u < lo:
            out.append(
                f"{name}: award {money(u, unit_eur)} is below the smallest partial award "
                f"{money(lo, unit_eur)} (min_share {instance.rules.min_share:g} of "
                f"{money(hi, unit_eur)})"
            )
    return out


def _budget(instance: Instance, award: Mapping[str, int]) -> list[str]:
    rules = instance.rules
    total = sum(award.values())
    out = []
    if total > rules.budget_units:
        out.append(
            f"budget: awards total {money(total, rules.unit_eur)}, "
            f"{money(total - rules.budget_units, rules.unit_eur)} over the budget of "
            f"{money(rules.budget_units, rules.unit_eur)}"
        )
    if rules.min_spend_units > 0 and total < rules.min_spend_units:
        out.append(
            f"minimum spend: awards total {money(total, rules.unit_eur)}, "
            f"{money(rules.min_spend_units - total, rules.unit_eur)} short of the minimum "
            f"{money(rules.min_spend_units, rules.unit_eur)}"
        )
    return out


def _regions(instance: Instance, award: Mapping[str, int]) -> list[str]:
    need = instance.rules.min_projects_per_region
    if need <= 0:
        return []
    out = []
    for region, items in regions_covered(instance).items():
        got = sum(1 for it in items if it.id in award)
        if got < need:
            out.append(
                f"{region}: region has {plural(got, 'funded project')}, "
                f"min_projects_per_region is {need}"
            )
    return out


def _min_regions(instance: Instance, award: Mapping[str, int]) -> list[str]:
    need = instance.rules.min_regions
    if need <= 0:
        return []
    basis = instance.rules.region_basis
    covered = {r for it in instance.items if it.id in award for r in it.coverage_regions(basis)}
    if len(covered) >= need:
        return []
    return [f"min_regions: funded projects cover {plural(len(covered), 'region')}, need {need}"]


def _region_shares(instance: Instance, award: Mapping[str, int]) -> list[str]:
    cap = instance.rules.region_cap_units
    if cap is None:
        return []
    unit_eur = instance.rules.unit_eur
    out = []
    for region, items in lead_regions(instance).items():
        total = sum(award.get(it.id, 0) for it in items)
        if total > cap:
            out.append(
                f"{region}: awards led from the region total {money(total, unit_eur)}, above "
                f"the region share cap {money(cap, unit_eur)} "
                f"(max_region_share {instance.rules.max_region_share:g} of the budget)"
            )
    return out


def _targets(instance: Instance, award: Mapping[str, int]) -> list[str]:
    need = instance.rules.min_projects_per_target_area
    if need <= 0:
        return []
    out = []
    for area, items in target_areas(instance).items():
        got = sum(1 for it in items if it.id in award)
        if got < need:
            out.append(
                f"target area {area}: {plural(got, 'funded project')}, "
                f"min_projects_per_target_area is {need}"
            )
    return out


def _area_caps(instance: Instance, award: Mapping[str, int]) -> list[str]:
    unit_eur = instance.rules.unit_eur
    out = []
    for area, (cap, items) in capped_areas(instance).items():
        total = sum(award.get(it.id, 0) for it in items)
        if total > cap:
            out.append(
                f"target area {area}: awards total {money(total, unit_eur)}, "
                f"{money(total - cap, unit_eur)} over its cap {money(cap, unit_eur)} "
                "(max_eur_per_target_area)"
            )
    return out


def _leads(instance: Instance, award: Mapping[str, int]) -> list[str]:
    cap = instance.rules.max_awards_per_lead
    if cap is None:
        return []
    out = []
    for lead, items in leads(instance).items():
        funded = [it.id for it in items if it.id in award]
        if len(funded) > cap:
            out.append(
                f"lead applicant {lead}: {plural(len(funded), 'award')} "
                f"({', '.join(funded)}), max_awards_per_lead is {cap}"
            )
    return out


def _locks(instance: Instance, award: Mapping[str, int]) -> list[str]:
    rules = instance.rules
    ids = set(instance.ids)
    out = []
    for item_id in sorted(rules.fund):
        if item_id not in ids:
            out.append(f"locks.fund names {item_id!r}, which is not in the instance")
        elif item_id not in award:
            out.append(f"{label(instance, item_id)} is locked in (locks.fund) but not funded")
    for item_id in sorted(rules.reject):
        if item_id not in ids:
            out.append(f"locks.reject names {item_id!r}, which is not in the instance")
        elif item_id in award:
            out.append(f"{label(instance, item_id)} is locked out (locks.reject) but funded")
    return out
