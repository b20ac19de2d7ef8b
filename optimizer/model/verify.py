"""Independent check of an allocation against every rule of an instance.

Plain Python over the Instance only: no PuLP, no solver. A solver can report "optimal" for
a point that breaks a constraint (tolerances, rounding, bugs in the formulation), so every
solution is re-checked here before it is reported. The same functions tell the brute-force
tests which allocations are feasible, so this module is also the executable statement of
the rules; model.formulation must agree with it.
"""

from __future__ import annotations

import itertools
import numbers
from collections import defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction

from optimizer.caching import memo
from optimizer.constants import REMAINDER
from optimizer.errors import ScenarioError, VerificationError, suggest
from optimizer.model.instance import (
    EXCLUDES,
    FULL,
    PARTICIPANTS,
    REQUIRES,
    SYNERGY,
    TOGETHER,
    Instance,
    Item,
    Link,
)
from optimizer.vocabulary.message import Message


def label(instance: Instance, item_id: str) -> str:
    """An id as users see it: 'A17' or 'A17 (Kainuu digi)'."""
    name = instance.labels.get(item_id)
    return f"{item_id} ({name})" if name and name != item_id else item_id


# --- the groups the rules talk about (shared with formulation and diagnose)  ---------
# Each is computed once per instance (memo): the optimum's model, its verification, the tie
# settling and the comparison with the actual decision all ask the same groups. The dicts
# and lists returned are shared: read them, never change them.


def regions_covered(instance: Instance) -> dict[str, list[Item]]:
    """Region -> items covering it, for every region some item covers (sorted by name)."""
    return memo(instance, "regions_covered", lambda: _regions_covered(instance))


def _regions_covered(instance: Instance) -> dict[str, list[Item]]:
    basis = instance.rules.region_basis
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in instance.items:
        for region in it.coverage_regions(basis):
            groups[region].append(it)
    return dict(sorted(groups.items()))


def lead_regions(instance: Instance) -> dict[str, list[Item]]:
    """Lead region -> items led from it. Items without a lead region have no share cap."""
    return memo(instance, "lead_regions",
                lambda: _group(instance.items, lambda it: it.lead_region or None))


def region_share_groups(instance: Instance) -> dict[str, list[tuple[Item, float]]]:
    """Region -> (item, the share of its award attributed to the region), on the region
    basis: by the lead, the whole award to the lead's region; by the participants, split by
    residents exactly as the regions table splits it. The share cap bounds these sums."""
    return memo(instance, "region_share_groups", lambda: _region_share_groups(instance))


def _region_share_groups(instance: Instance) -> dict[str, list[tuple[Item, float]]]:
    basis = instance.rules.region_basis
    groups: dict[str, list[tuple[Item, float]]] = defaultdict(list)
    for it in instance.items:
        for region, part in sorted(it.award_split(basis).items()):
            if part > 0:
                groups[region].append((it, part))
    return dict(sorted(groups.items()))


def target_areas(instance: Instance) -> dict[str, list[Item]]:
    """Target area -> items in it (an item in several areas is in each); items without a
    target area are in none."""
    return memo(instance, "target_areas", lambda: _target_areas(instance))


def _target_areas(instance: Instance) -> dict[str, list[Item]]:
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
    return memo(instance, "leads", lambda: _group(instance.items, lambda it: it.lead or None))


def fair_share_regions(instance: Instance) -> dict[str, float]:
    """Region -> its share p_r of the fair-share weights, over the regions the rule covers:
    those with a positive weight that some fundable application's award reaches (on the
    region basis). Regions without a fundable application are left out of the rule, and
    their weight out of the shares. {} when the rule is off."""
    rules = instance.rules
    if not rules.fair_shares_on:
        return {}
    reached = {r for it in instance.items for r, part in it.award_split(rules.region_basis)
               .items() if part > 0}
    weights = {r: w for r, w in rules.fair_share_weights.items() if r in reached and w > 0}
    total = sum(weights.values())
    return {r: w / total for r, w in sorted(weights.items())} if total else {}


def region_awards(instance: Instance, award: Mapping[str, float]) -> dict[str, float]:
    """Region -> units awarded to it (awards split on the region basis)."""
    out: dict[str, float] = defaultdict(float)
    for it in instance.items:
        units = award.get(it.id, 0)
        if units > 0:
            for region, part in it.award_split(instance.rules.region_basis).items():
                out[region] += units * part
    return dict(out)


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
    problems = [Message.of("scenario.locks_unknown", id=item_id, how=kind,
                           suggest=suggest(item_id, ids))
                for kind, locked in (("fund", rules.fund), ("reject", rules.reject))
                for item_id in sorted(locked - ids)]
    problems += [Message.of("scenario.locks_both", id=item_id)
                 for item_id in sorted(rules.fund & rules.reject)]
    if problems:
        raise ScenarioError(problems)


# --- verification ----------------------------------------------------------------------


def verify(instance: Instance, units: Mapping[str, int]) -> list[Message]:
    """Every rule the allocation breaks, as messages of the catalog ([] = feasible).

    `units` maps application id -> award in whole units; ids absent (or 0) are not funded.
    """
    known = {it.id: it for it in instance.items}
    problems = _award_problems(instance, units, known)
    # Only well-formed awards of known items take part in the sums below.
    award = {
        item_id: u for item_id, u in units.items() if item_id in known and _is_int(u) and u > 0
    }
    for check in (_budget, _regions, _min_regions, _region_shares, _targets, _area_caps,
                  _leads, _locks, _links, _fair_shares, _pools, _years):
        problems += check(instance, award)
    return problems


def check(instance: Instance, units: Mapping[str, int]) -> None:
    """Raise VerificationError listing every violated rule; return quietly if feasible."""
    problems = verify(instance, units)
    if problems:
        raise VerificationError(Message.of("rule.allocation_breaks", n=len(problems),
                                           rules=problems))


def _is_int(u: object) -> bool:
    # type(u) is int first: the ABC check is slow, and almost every award is a plain int.
    return type(u) is int or (isinstance(u, numbers.Integral) and not isinstance(u, bool))


def _award_problems(instance: Instance, units: Mapping[str, int], known) -> list[Message]:
    out = []
    for item_id, u in units.items():
        if item_id not in known:
            out.append(Message.of("rule.unknown_application", id=item_id,
                                  suggest=suggest(item_id, known)))
        elif not _is_int(u):
            out.append(Message.of("rule.award_not_whole", app=label(instance, item_id), award=u))
        elif u != 0:
            out += _award_bounds(instance, known[item_id], u)
    return out


def _award_bounds(instance: Instance, it: Item, u: int) -> list[Message]:
    unit_eur = instance.rules.unit_eur
    lo, hi = instance.min_units(it), it.max_units
    if 0 <= u <= hi and u >= lo and (instance.rules.mode != FULL or u == hi):
        return []  # the usual case, without composing a label no message needs
    app, award = label(instance, it.id), u * unit_eur
    if u < 0:
        return [Message.of("rule.award_negative", app=app, award=award)]
    if instance.rules.mode == FULL and u != hi:
        return [Message.of("rule.award_not_full", app=app, award=award, full=hi * unit_eur)]
    if u > hi:
        return [Message.of("rule.award_above_max", app=app, award=award, max=hi * unit_eur)]
    if u < lo:
        return [Message.of("rule.award_below_min", app=app, award=award, least=lo * unit_eur,
                           min_share=instance.rules.min_share, max=hi * unit_eur)]
    return []


def _budget(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    rules = instance.rules
    total = instance.spend(award)  # the awards less complete synergies' savings
    ue = rules.unit_eur
    out = []
    if total > rules.budget_units:
        out.append(Message.of("rule.budget_over", total=total * ue,
                              over=(total - rules.budget_units) * ue,
                              budget=rules.budget_units * ue))
    if rules.min_spend_units > 0 and total < rules.min_spend_units:
        out.append(Message.of("rule.min_spend_short", total=total * ue,
                              short=(rules.min_spend_units - total) * ue,
                              least=rules.min_spend_units * ue))
    return out


def _regions(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    need = instance.rules.min_projects_per_region
    if need <= 0:
        return []
    out = []
    for region, items in regions_covered(instance).items():
        got = sum(1 for it in items if it.id in award)
        if got < need:
            out.append(Message.of("rule.region_min_projects", region=region, got=got,
                                  need=need))
    return out


def _min_regions(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    need = instance.rules.min_regions
    if need <= 0:
        return []
    basis = instance.rules.region_basis
    covered = {r for it in instance.items if it.id in award for r in it.coverage_regions(basis)}
    if len(covered) >= need:
        return []
    return [Message.of("rule.min_regions", got=len(covered), need=need)]


def _region_shares(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    cap = instance.rules.region_cap_units
    if cap is None:
        return []
    unit_eur = instance.rules.unit_eur
    out = []
    for region, parts in region_share_groups(instance).items():
        total = sum(award.get(it.id, 0) * part for it, part in parts)
        if total > cap + 1e-7 * max(1.0, cap):  # float noise of the residents' split
            code = "rule.region_share_split" if instance.rules.region_basis == PARTICIPANTS \
                else "rule.region_share"
            out.append(Message.of(code, region=region, total=round(total * unit_eur, 2),
                                  cap=cap * unit_eur, share=instance.rules.max_region_share))
    return out


def _targets(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    need = instance.rules.min_projects_per_target_area
    if need <= 0:
        return []
    out = []
    for area, items in target_areas(instance).items():
        got = sum(1 for it in items if it.id in award)
        if got < need:
            out.append(Message.of("rule.target_min_projects", area=instance.area(area),
                                  got=got, need=need))
    return out


def _area_caps(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    unit_eur = instance.rules.unit_eur
    out = []
    for area, (cap, items) in capped_areas(instance).items():
        total = sum(award.get(it.id, 0) for it in items)
        if total > cap:
            out.append(Message.of("rule.target_cap", area=instance.area(area),
                                  total=total * unit_eur, over=(total - cap) * unit_eur,
                                  cap=cap * unit_eur))
    return out


def _leads(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    cap = instance.rules.max_awards_per_lead
    if cap is None:
        return []
    out = []
    for lead, items in leads(instance).items():
        funded = [it.id for it in items if it.id in award]
        if len(funded) > cap:
            out.append(Message.of("rule.lead_cap", lead=lead, n=len(funded), ids=funded,
                                  cap=cap))
    return out


def _locks(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    rules = instance.rules
    ids = set(instance.ids)
    out = []
    for how, locked, broken in (("fund", rules.fund, "rule.locked_in_not_funded"),
                                ("reject", rules.reject, "rule.locked_out_funded")):
        for item_id in sorted(locked):
            if item_id not in ids:
                out.append(Message.of("rule.locks_unknown", id=item_id, how=how, suggest=[]))
            elif (item_id in award) == (how == "reject"):
                out.append(Message.of(broken, app=label(instance, item_id)))
    return out


def _links(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    out = []
    for link in instance.rules.links:
        funded = [i for i in link.ids if i in award]
        names = [label(instance, i) for i in link.ids]
        if link.kind == REQUIRES and link.requires not in award:
            out += [Message.of("rule.link_requires", app=label(instance, i),
                               other=label(instance, str(link.requires))) for i in funded]
        elif link.kind == EXCLUDES and len(funded) > 1:
            out.append(Message.of("rule.link_excludes", apps=names, n=len(funded)))
        elif link.kind == TOGETHER and 0 < len(funded) < len(link.ids):
            out.append(Message.of("rule.link_together", apps=names, n=len(funded)))
    return out


def _fair_shares(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    """Each covered region's share of the euros awarded to the covered regions within
    [min, max] x its share of the weights (tolerance: float noise of the split)."""
    rules, shares = instance.rules, fair_share_regions(instance)
    if not shares:  # the rule is off (or covers no region): nothing to sum
        return []
    got = region_awards(instance, award)
    total = sum(got.get(r, 0.0) for r in shares)
    tol = 1e-7 * max(1.0, total)
    out = []
    for region, p in shares.items():
        have = got.get(region, 0.0)
        for bound, name, low in ((rules.fair_share_min, "fair_share_min", True),
                                 (rules.fair_share_max, "fair_share_max", False)):
            if bound is None:
                continue
            limit = bound * p * total
            if have < limit - tol if low else have > limit + tol:
                out.append(fair_share_message(instance, region, have, total, p, name, bound))
    return out


def fair_share_message(instance: Instance, region: str, have: float, total: float,
                       p: float, name: str, bound: float) -> Message:
    got = have / total if total else 0.0
    return Message.of("rule.fair_share", region=region, got=got,
                      basis=instance.rules.fair_share_basis,
                      side="min" if name == "fair_share_min" else "max", bound=bound, p=p,
                      ratio=got / p if total else 0.0)


def link_text(link: Link) -> str:
    """A link as a short phrase: 'requires 2020-11: 2020-12'."""
    if link.kind == REQUIRES:
        return f"{', '.join(link.ids)} requires {link.requires}"
    if link.kind == SYNERGY:
        return f"synergy of {', '.join(link.ids)}"
    verb = "exclude each other" if link.kind == EXCLUDES else "go together"
    return f"{', '.join(link.ids)} {verb}"


# --- funding pools and several years (issue 14, items 2 and 3) ---------------------------

# REMAINDER (optimizer.constants): the part of the budget any application may draw on


def pool_sources(instance: Instance) -> list[tuple[str, int, frozenset[str] | None]]:
    """(name, cap in units, members; None = every application) of every source of money:
    the pools in their order, then the budget outside them. With a shared remainder a
    pool's leftovers join that part, so it may pay up to the whole budget."""
    rules = instance.rules
    rest = rules.budget_units if rules.shared_remainder else rules.remainder_units
    return [*((p.name, p.cap_units, p.members) for p in rules.pools), (REMAINDER, rest, None)]


def _pools(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    """Hall's condition, pool set by pool set: the awards that only the pools of a set may
    pay fit within their appropriations. By the max-flow min-cut theorem this holds for
    every set exactly when the awards can be split between the pools (no solver needed)."""
    out = [pool_message(instance, names, total, cap)
           for names, total, cap in pool_breaches(instance, award) if names]
    sources = pool_sources(instance)  # once, not once per award
    nowhere = sorted(i for i in award if not _admitting(instance, i, sources))
    if nowhere:
        total = sum(award[i] for i in nowhere)
        out.append(Message.of("rule.pools_none", ids=nowhere,
                              total=total * instance.rules.unit_eur))
    return out


def _admitting(instance: Instance, item_id: str,
               sources: list[tuple[str, int, frozenset[str] | None]] | None = None
               ) -> list[str]:
    """The sources with money that may pay the item (the empty remainder left out)."""
    return [n for n, c, m in (pool_sources(instance) if sources is None else sources)
            if (m is None or item_id in m) and (c > 0 or m is not None)]


def pool_breaches(instance: Instance, award: Mapping[str, int]
                  ) -> list[tuple[list[str], int, int]]:
    """(pool names, units only they may pay, their appropriations) of every smallest set of
    pools the awards overrun (model.diagnose reports the same sets for locked-in awards)."""
    if not instance.rules.pools_bind:
        return []
    # The budget outside the pools takes part only when there is some.
    sources = [(n, c, m) for n, c, m in pool_sources(instance) if c > 0 or m is not None]
    admits = {i: set(_admitting(instance, i)) for i in award}
    out: list[tuple[list[str], int, int]] = []
    broken: list[frozenset[str]] = []
    for size in range(1, len(sources) + 1):
        for group in itertools.combinations(sources, size):
            names = frozenset(n for n, _, _ in group)
            if any(b <= names for b in broken):
                continue  # a smaller set already says it
            total = sum(u for i, u in award.items() if admits[i] and admits[i] <= names)
            cap = sum(c for _, c, _ in group)
            if total > cap:
                broken.append(names)
                out.append(([n for n, _, _ in group], total, cap))
    return out


def pool_message(instance: Instance, names: list[str], total: int, cap: int) -> Message:
    ue = instance.rules.unit_eur
    return Message.of("rule.pools_over", names=list(names), total=total * ue,
                      over=(total - cap) * ue, cap=cap * ue)


def pool_split(instance: Instance, units: Mapping[str, int]) -> dict[str, dict[str, int]] | None:
    """Source name -> {id: units it pays}: one split of the awards between the pools, each
    award drawn first on the first pool (in their order) that admits it, the budget outside
    the pools last; augmenting paths move awards between pools where that is needed.
    None when no split exists (verify says why)."""
    sources = pool_sources(instance)
    caps = {n: c for n, c, _ in sources}
    admits = {i: [n for n, _, m in sources if m is None or i in m]
              for i, u in units.items() if u > 0}
    flow: dict[str, dict[str, int]] = {n: {} for n in caps}
    spare = dict(caps)
    for i in sorted(admits, key=lambda k: (len(admits[k]), k)):
        need = units[i]
        for n in admits[i]:
            take = min(need, spare[n])
            if take > 0:
                flow[n][i] = flow[n].get(i, 0) + take
                spare[n] -= take
                need -= take
        while need > 0:
            moved = _augment(i, need, admits, flow, spare)
            if moved == 0:
                return None
            need -= moved
    return flow


def _augment(start: str, need: int, admits: Mapping[str, list[str]],
             flow: dict[str, dict[str, int]], spare: dict[str, int]) -> int:
    """One augmenting path from item `start` to a source with spare money (breadth first);
    the units moved along it (0: none)."""
    back: dict[str, tuple[str, str | None]] = {}  # source -> (item that reaches it, its source)
    queue: list[tuple[str, str | None]] = [(start, None)]
    seen_items = {start}
    while queue:
        item, via = queue.pop(0)
        for n in admits[item]:
            if n in back or n == via:
                continue
            back[n] = (item, via)
            if spare[n] > 0:
                return _push(n, need, back, flow, spare)
            for other, u in flow[n].items():
                if u > 0 and other not in seen_items:
                    seen_items.add(other)
                    queue.append((other, n))
    return 0


def _push(end: str, need: int, back: Mapping[str, tuple[str, str | None]],
          flow: dict[str, dict[str, int]], spare: dict[str, int]) -> int:
    path = []
    n: str | None = end
    while n is not None:
        item, via = back[n]
        path.append((item, n, via))  # item moves money onto n, off `via` (its source before)
        n = via
    amount = min([need, spare[end], *(flow[via][item] for item, _, via in path if via)])
    for item, n, via in path:
        flow[n][item] = flow[n].get(item, 0) + amount
        if via is not None:
            flow[via][item] -= amount
    spare[end] -= amount
    return amount


def year_payments(instance: Instance, award: Mapping[str, int]) -> dict[str, Fraction]:
    """Year -> cents paid that year: each award times its share for the year, exactly."""
    cents = Fraction(round(instance.rules.unit_eur * 100))
    out = {y: Fraction(0) for y in sorted(instance.rules.year_cents)}
    for it in instance.items:
        u = award.get(it.id, 0)
        for year, share in it.year_shares if u > 0 else ():
            out[year] = out.get(year, Fraction(0)) + u * cents * share
    return dict(sorted(out.items()))


def _years(instance: Instance, award: Mapping[str, int]) -> list[Message]:
    """Every year's payments within its appropriation, compared in cents (a payment is made
    in whole cents, so up to half a cent over is rounding, not a breach); with carry_over,
    the running totals instead (a year may spend what earlier years left)."""
    rules = instance.rules
    if not rules.year_cents:
        return []
    out, paid, limit = [], Fraction(0), 0
    for year, cents in year_payments(instance, award).items():
        limit_y = rules.year_cents.get(year, 0)
        paid, limit = (paid + cents, limit + limit_y) if rules.carry_over else (cents, limit_y)
        if paid > limit + Fraction(1, 2):
            out.append(year_message(year, float(paid), limit, rules.carry_over))
    return out


def year_message(year: str, paid_cents: float, limit_cents: int, carry: bool) -> Message:
    return Message.of("rule.years_over" if carry else "rule.year_over", year=year,
                      paid=paid_cents / 100, over=(paid_cents - limit_cents) / 100,
                      limit=limit_cents / 100)
