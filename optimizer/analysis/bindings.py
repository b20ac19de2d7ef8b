"""The rules that hold an application where it is at the optimum (analysis.explain).

Each rule is read from the base optimum's tallies. Funding pools, years and fair shares
(issue 14) bind when the optimum with the application added at its smallest award (or, for
fair shares, without a funded one) breaks them: the pools that admit it are spent, a year's
appropriation is paid, a region would pass its fair-share bound. Each binding says so as a
message code (vocabulary/catalog/explain.py) with its numbers, never as a sentence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from optimizer.model.instance import EXCLUDES, REQUIRES, SYNERGY, TOGETHER, Instance, Item, Result
from optimizer.model.verify import (
    fair_share_regions,
    pool_sources,
    pool_split,
    region_awards,
    year_payments,
)
from optimizer.vocabulary.message import Message

IN, OUT, EXCLUDED = "in", "out", "excluded"
BUDGET, MIN_SPEND, REGION_MIN, MIN_REGIONS = "budget", "min_spend", "region_min", "min_regions"
REGION_SHARE, TARGET_AREA, LEAD_CAP, LOCK = "region_share", "target_area", "lead_cap", "lock"
LINK = "link"  # links between applications (issue 14)
POOL, YEAR, FAIR_SHARE = "pool", "year", "fair_share"  # pools, years, fair shares (issue 14)
STRUCTURE = (POOL, YEAR, FAIR_SHARE)


@dataclass(frozen=True)
class Binding:
    """One rule that holds an application where it is: its family, and what it says."""

    rule: str  # BUDGET, MIN_SPEND, REGION_MIN, MIN_REGIONS, REGION_SHARE, TARGET_AREA, ...
    detail: Message  # `str(detail)` is the English


def _bind(rule: str, code: str, **params: object) -> Binding:
    return Binding(rule, Message.of(f"explain.{code}", **params))


class Context:
    """The base optimum's tallies that the binding rules are read from."""

    def __init__(self, instance: Instance, base: Result):
        self.instance, self.base = instance, base
        self.items = {it.id: it for it in instance.items}  # Instance.item scans them all
        rules = instance.rules
        funded = [it for it in instance.items if it.id in base.units]
        self.spent = instance.spend(base.units)  # the awards less synergy savings
        self.slack = rules.budget_units - self.spent
        outs = [instance.min_units(it) for it in instance.items if it.id not in base.units]
        self.cheapest_out = min(outs) if outs else None
        basis = rules.region_basis
        self.region_count = Counter(r for it in funded for r in it.coverage_regions(basis))
        self.region_spend: defaultdict[str, float] = defaultdict(float)  # on the region basis
        for it in funded:
            for region, part in it.award_split(basis).items():
                self.region_spend[region] += base.units[it.id] * part
        self.area_count = Counter(it.target_area for it in funded if it.target_area)
        self.lead_count = Counter(it.lead for it in funded if it.lead)
        self.lead_items = Counter(it.lead for it in instance.items if it.lead)

    def eur(self, units: float) -> float:
        return units * self.instance.rules.unit_eur

    def bindings_in(self, it: Item) -> tuple[Binding, ...]:
        rules, out = self.instance.rules, []
        if it.id in rules.fund:
            out.append(_bind(LOCK, "locked_in"))
        out += self._coverage_in(it)
        if rules.min_spend_units > 0 and self.spent - self.base.units[it.id] < (
                rules.min_spend_units):
            out.append(_bind(MIN_SPEND, "min_spend", least=self.eur(rules.min_spend_units)))
        out += self._lead_cap(it)
        out += self._links_in(it)
        without = {i: u for i, u in self.base.units.items() if i != it.id}
        out += self._fair_shares(without, with_it=False)
        return tuple(out)

    def _coverage_in(self, it: Item) -> list[Binding]:
        """Regions and target areas that would fall short of their minimum without `it`."""
        rules, out = self.instance.rules, []
        need = rules.min_projects_per_region
        for region in sorted(it.coverage_regions(rules.region_basis)):
            if need > 0 and self.region_count[region] == need:
                out.append(_bind(REGION_MIN, "region_min", region=region, need=need))
        lone = [r for r in it.coverage_regions(rules.region_basis) if self.region_count[r] == 1]
        if rules.min_regions > 0 and len(self.region_count) == rules.min_regions and lone:
            out.append(_bind(MIN_REGIONS, "min_regions", regions=sorted(lone),
                             covered=rules.min_regions))
        need = rules.min_projects_per_target_area
        if need > 0 and it.target_area and self.area_count[it.target_area] == need:
            out.append(_bind(TARGET_AREA, "target_area",
                             area=self.instance.area(it.target_area), need=need))
        return out

    def bindings_out(self, it: Item) -> tuple[Binding, ...]:
        rules, out = self.instance.rules, []
        if it.id in rules.reject:
            out.append(_bind(LOCK, "locked_out"))
        need = self.instance.min_units(it)
        if need > self.slack:
            out.append(_bind(BUDGET, "budget_left", need=self.eur(need),
                             left=self.eur(self.slack)))
        cap = rules.region_cap_units
        over = [r for r, part in sorted(it.award_split(rules.region_basis).items())
                if cap is not None and self.region_spend[r] + need * part > cap + 1e-7 * cap]
        if cap is not None and over:
            out.append(_bind(REGION_SHARE, "region_cap", region=over[0],
                             spent=round(self.eur(self.region_spend[over[0]]), 2),
                             cap=self.eur(cap)))
        out += self._lead_cap(it)
        out += self._links_out(it)
        # Pools, years and fair shares: the rule binds when the optimum with `it` added at
        # its smallest award breaks it (the optimum itself keeps every rule).
        award = {**self.base.units, it.id: need}
        out += self._pools_out(it, award, need)
        out += self._years_out(it, award)
        out += self._fair_shares(award, with_it=True)
        return tuple(out)

    def _links_out(self, it: Item) -> list[Binding]:
        """The links that keep `it` out: what it requires is out, what it excludes is in,
        what it goes together with is out."""
        funded, out = self.base.units, []
        for link in self.instance.rules.links:
            if it.id not in link.ids:
                continue
            others = [i for i in link.ids if i != it.id]
            if link.kind == REQUIRES and link.requires not in funded:
                out.append(_bind(LINK, "link_requires", other=link.requires))
            elif link.kind == EXCLUDES:
                out += [_bind(LINK, "link_excludes", id=it.id, other=i)
                        for i in others if i in funded]
            elif link.kind == TOGETHER:
                out.append(_bind(LINK, "link_together", others=others))
        return out

    def _links_in(self, it: Item) -> list[Binding]:
        """The links that hold `it` in: funded applications that require it, or go together
        with it; a synergy it completes."""
        funded, out = self.base.units, []
        for link in self.instance.rules.links:
            needs = [i for i in link.ids if i in funded]
            if link.kind == REQUIRES and link.requires == it.id and needs:
                out.append(_bind(LINK, "link_required_by", ids=needs))
            elif link.kind == TOGETHER and it.id in link.ids:
                out.append(_bind(LINK, "link_together",
                                 others=[i for i in link.ids if i != it.id]))
            elif link.kind == SYNERGY and it.id in link.ids and len(needs) == len(link.ids):
                out.append(_bind(LINK, "link_synergy", ids=list(link.ids)))
        return out

    def _lead_cap(self, it: Item) -> list[Binding]:
        cap = self.instance.rules.max_awards_per_lead
        if cap is None or not it.lead or self.lead_items[it.lead] <= cap:
            return []
        if self.lead_count[it.lead] < cap:
            return []
        lead = self.instance.labels.get(it.id) or it.lead
        return [_bind(LEAD_CAP, "lead_cap", lead=lead, n=self.lead_count[it.lead], cap=cap)]

    # --- pools, years and fair shares (issue 14) --------------------------------------

    def _pools_out(self, it: Item, award: Mapping[str, int], need: int) -> list[Binding]:
        """The pools that admit `it` have too little left for its smallest award (the
        awards can no longer be split between the pools, however they are moved)."""
        inst = self.instance
        if not inst.rules.pools_bind or pool_split(inst, award) is not None:
            return []
        split = pool_split(inst, self.base.units) or {}
        sources = [(n, c) for n, c, m in pool_sources(inst)
                   if (m is None or it.id in m) and (c > 0 or m is not None)]
        left = sum(c - sum(split.get(n, {}).values()) for n, c in sources)
        return [_bind(POOL, "pool_spent", names=[n for n, _ in sources], left=self.eur(left),
                      need=self.eur(need))]

    def _years_out(self, it: Item, award: Mapping[str, int]) -> list[Binding]:
        """Each year whose appropriation (when unspent money is carried over: the years' up
        to it) the payments would overrun with `it` added; amounts in cents."""
        rules = self.instance.rules
        if not rules.year_cents or not it.year_shares:
            return []
        before = year_payments(self.instance, self.base.units)
        after = year_payments(self.instance, award)
        out, paid, added, limit = [], Fraction(0), Fraction(0), 0
        for year, cents in after.items():
            old, lim = before.get(year, Fraction(0)), rules.year_cents.get(year, 0)
            if rules.carry_over:
                paid, added, limit = paid + old, added + cents - old, limit + lim
            else:
                paid, added, limit = old, cents - old, lim
            if added > 0 and paid + added > limit + Fraction(1, 2):  # half a cent: rounding
                out.append(_bind(YEAR, "year_binds", year=year, paid=_cents(paid),
                                 limit=_cents(limit), added=_cents(added),
                                 carry=rules.carry_over))
        return out

    def _fair_shares(self, award: Mapping[str, int], with_it: bool) -> list[Binding]:
        """A region pushed past its fair-share bound were `it` added (with_it) or left out:
        the same test as model.verify, on the optimum changed by this one item."""
        inst = self.instance
        rules, shares = inst.rules, fair_share_regions(inst)
        if not shares:
            return []
        got = region_awards(inst, award)
        total = sum(got.get(r, 0.0) for r in shares)
        tol = 1e-7 * max(1.0, total)
        out = []
        for region, p in shares.items():
            have = got.get(region, 0.0) / total if total else 0.0
            for bound, low in ((rules.fair_share_min, True), (rules.fair_share_max, False)):
                if bound is None or not total:
                    continue
                limit = bound * p * total
                value = got.get(region, 0.0)
                if value < limit - tol if low else value > limit + tol:
                    out.append(_bind(FAIR_SHARE, "fair_share", region=region, have=have, p=p,
                                     bound=bound, low=low, with_it=with_it,
                                     basis=rules.fair_share_basis or "population"))
        return out


def _cents(cents: Fraction | int) -> float:
    """Cents as euros, as the old money(cents, 0.01) computed them (same rounding)."""
    return float(cents) * 0.01
