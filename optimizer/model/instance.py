"""The optimisation instance: numbers only, no files, no PuLP.

Money in the model is counted in whole rounding units (`Rules.unit_eur`), so that
awards are exact multiples of the unit and budgets compare exactly as integers.

The value model, the one definition every solver, the verification and every analysis use
(`Instance.item_value`): a funded project i contributes

    s_i × W_i × q_i      (partial_value "proportional", the default)
    s_i × W_i            (partial_value "whole": fully, whenever it is funded)

where s_i is its score in [0, 1]; W_i = 1 for the objective "score" and the euros the
project needs for "score_euros"; and q_i = award / need is the share of what the project
needs (its request, or the call's cost-share limit where that is lower, in whole units)
that the award covers. A per-project cap or a partial award therefore counts in proportion
to what it pays for, unless the scenario says "whole".

Links (`Rules.links`, issue 14): a synergy link with a bonus b adds b × W_G once all of
its members G are funded (W_G = 1 for "score", the sum of the members' W_i for
"score_euros"): `Instance.value` is the sum of the item values plus these bonuses. A synergy
saving lowers the spend counted against the budget (and the minimum spend) by its amount,
in whole units, when all of its members are funded (`Instance.spend`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from optimizer.caching import cached
from optimizer.constants import (
    FairShareBasis,
    Funding,
    LinkKind,
    Objective,
    PartialValue,
    RegionBasis,
    Status,
)
from optimizer.money import to_units
from optimizer.vocabulary.message import Message, Named

# Aliases of the members defined once in optimizer.constants (existing imports keep working).
FULL, PARTIAL = Funding.FULL, Funding.PARTIAL
SCORE, SCORE_EUROS = Objective.SCORE, Objective.SCORE_EUROS
OBJECTIVES = tuple(Objective)
PROPORTIONAL, WHOLE = PartialValue.PROPORTIONAL, PartialValue.WHOLE
LEAD, PARTICIPANTS = RegionBasis.LEAD, RegionBasis.PARTICIPANTS
REQUIRES, EXCLUDES = LinkKind.REQUIRES, LinkKind.EXCLUDES
TOGETHER, SYNERGY = LinkKind.TOGETHER, LinkKind.SYNERGY
LINK_KINDS = tuple(LinkKind)
POPULATION, REQUESTED = FairShareBasis.POPULATION, FairShareBasis.REQUESTED
FAIR_SHARE_BASES = tuple(FairShareBasis)


@dataclass(frozen=True)
class Link:
    """A link between applications (scenario [[links]] or the round's links.csv).

    requires: each of `ids` only if `requires` is funded; excludes: at most one of `ids`;
    together: all of `ids` or none; synergy: when all of `ids` are funded, `bonus` score
    points (value model above) and/or `saving_units` less spend.
    """

    kind: str
    ids: tuple[str, ...]
    requires: str | None = None
    bonus: float = 0.0
    saving_units: int = 0

    @property
    def members(self) -> tuple[str, ...]:
        """Every application the link names (the required one first)."""
        return ((self.requires,) if self.requires else ()) + self.ids


@dataclass(frozen=True, slots=True)  # a large round has hundreds of thousands
class Item:
    """One fundable application."""

    id: str
    score: float  # s_i in [0, 1]
    max_units: int  # m_i: the largest award, in units (>= 1)
    need_units: int = 0  # n_i: what the project needs, in units (>= m_i); 0: m_i
    lead: str = ""  # lead applicant key, for max_awards_per_lead
    lead_region: str = ""
    regions: frozenset[str] = frozenset()  # regions of all participants
    target_area: str | None = None
    # Further target areas (a project in several categories); see `areas`.
    target_areas: frozenset[str] = frozenset()
    criteria: tuple[float, ...] = ()  # normalised criterion values in [0, 1]
    # Several evaluators: each one's normalised values (Instance.evaluators order);
    # `criteria` is their mean.
    panel: tuple[tuple[float, ...], ...] = ()
    # Participants' basis: (region, share of the award) pairs, shares summing to 1 (by
    # residents); empty: equal shares over coverage_regions. Used by every regional rule on
    # the participants' basis (coverage, share cap, fair shares) and by the regions table.
    region_split: tuple[tuple[str, float], ...] = ()

    # Several years (issue 14): (year, share of the award paid in that year) pairs, the
    # shares exact fractions summing to 1 (the application's cost per year over its total,
    # or the scenario's year_split); empty: the year rule does not apply to the item.
    year_shares: tuple[tuple[str, Fraction], ...] = ()

    @property
    def need(self) -> int:
        """n_i in units: the request, or the cost-share limit where lower (never below m_i)."""
        return max(self.need_units, self.max_units)

    @property
    def areas(self) -> frozenset[str]:
        """Every target area the item is in: it counts in each (minimums and caps alike)."""
        return self.target_areas | ({self.target_area} if self.target_area else frozenset())

    def coverage_regions(self, basis: str) -> frozenset[str]:
        """The regions the item counts in, on the region basis: by the participants, the
        regions its award is split to (the regions table's split) when that is known."""
        if basis == PARTICIPANTS and self.region_split:
            return frozenset(r for r, part in self.region_split if part > 0)
        if basis == PARTICIPANTS:
            return self.regions | ({self.lead_region} if self.lead_region else frozenset())
        return frozenset({self.lead_region}) if self.lead_region else frozenset()

    def award_split(self, basis: str) -> dict[str, float]:
        """Region -> share of this item's award, on the region basis (fair shares)."""
        if basis == PARTICIPANTS and self.region_split:
            return dict(self.region_split)
        regions = sorted(self.coverage_regions(basis))
        return {r: 1 / len(regions) for r in regions}


@dataclass(frozen=True)
class Pool:
    """A funding pool (scenario [[budget.pools]]): an appropriation of `cap_units` that only
    the applications in `members` may draw on. An award may be split between the pools that
    admit it (model.formulation's pool shares; model.verify checks the split exists)."""

    name: str
    cap_units: int
    members: frozenset[str]


@dataclass(frozen=True)
class Rules:
    """Every rule of the integer program, in budget units."""

    budget_units: int
    unit_eur: float = 100.0
    min_spend_units: int = 0
    mode: str = FULL
    min_share: float = 0.5  # partial mode: award >= ceil(min_share * m_i) units
    objective: str = SCORE
    partial_value: str = PROPORTIONAL  # how an award below the need counts (module doc)
    region_basis: str = LEAD
    min_projects_per_region: int = 0
    min_regions: int = 0
    # Of the budget, per region: the awards attributed to a region on the region basis
    # (Item.award_split: all to the lead's region, or split by the participants' residents).
    max_region_share: float | None = None
    min_projects_per_target_area: int = 0
    max_awards_per_lead: int | None = None
    # Target area id -> the most, in units, its funded projects may get together.
    area_cap_units: Mapping[str, int] = field(default_factory=dict)
    fund: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    links: tuple[Link, ...] = ()
    # Fair shares by region: region -> its weight (population or requested euros) for the
    # regions the rule covers; each such region's share of the awarded euros (of those
    # regions) stays within [fair_share_min, fair_share_max] x its share of the weights.
    fair_share_basis: str | None = None
    fair_share_weights: Mapping[str, float] = field(default_factory=dict)
    fair_share_min: float | None = None
    fair_share_max: float | None = None

    @property
    def fair_shares_on(self) -> bool:
        return bool(self.fair_share_weights) and (
            self.fair_share_min is not None or self.fair_share_max is not None)

    # Funding pools: every award is paid from the pools that admit it and from the part of
    # the budget outside the pools (`remainder_units`); with `shared_remainder` what a pool
    # leaves unspent joins that part, so only the budget binds (the pools still account).
    pools: tuple[Pool, ...] = ()
    shared_remainder: bool = False
    # Several years: year -> appropriation in cents; with `carry_over` what a year leaves
    # unspent may be paid in later years (a running total), else each year on its own.
    year_cents: Mapping[str, int] = field(default_factory=dict)
    carry_over: bool = False

    @property
    def remainder_units(self) -> int:
        """The budget outside the pools, which any application may draw on (>= 0)."""
        return max(0, self.budget_units - sum(p.cap_units for p in self.pools))

    @property
    def pools_bind(self) -> bool:
        """Whether the pools restrict anything beyond the budget."""
        return bool(self.pools) and not self.shared_remainder

    @property
    def region_cap_units(self) -> int | None:
        if self.max_region_share is None:
            return None
        return to_units(self.max_region_share * self.budget_units, 1.0)


@dataclass(frozen=True)
class Exclusion:
    """An application left out of the instance, with every reason."""

    id: str
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class Instance:
    """The applications to choose from and the rules: what every solver is given."""

    items: tuple[Item, ...]
    rules: Rules
    excluded: tuple[Exclusion, ...] = ()
    criteria_ids: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()
    score_source: str = "sheet"  # "proxy" marks every output as proxy-based
    evaluators: tuple[str, ...] = ()  # names behind Item.panel, when several scored
    name: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)  # id -> short display name
    projects: Mapping[str, str] = field(default_factory=dict)  # id -> project name
    # target area id -> its names by language (the call's words), for the messages
    area_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id]

    def has(self, item_id: str) -> bool:
        return item_id in self._by_id

    def area(self, area_id: str) -> Named:
        """A target area id with its names, for a message to show."""
        return Named(area_id, self.area_names.get(area_id))

    @cached
    def _by_id(self) -> dict[str, Item]:
        return {it.id: it for it in self.items}

    @cached
    def ids(self) -> tuple[str, ...]:
        return tuple(it.id for it in self.items)

    def min_units(self, it: Item) -> int:
        """Smallest award of a funded item (partial mode), in units."""
        if self.rules.mode == FULL:
            return it.max_units
        return max(1, math.ceil(self.rules.min_share * it.max_units - 1e-9))

    def weight(self, it: Item) -> float:
        """W_i: what fully meeting the project's need is worth per point of score."""
        if self.rules.objective == SCORE_EUROS:
            return it.need * self.rules.unit_eur
        return 1.0

    def score_weight(self, it: Item) -> float:
        """s_i × W_i: what the project is worth when its need is met in full."""
        return it.score * self.weight(it)

    def item_value(self, it: Item, units: int) -> float:
        """What funding `it` with `units` contributes (the module doc's value model)."""
        if units <= 0:
            return 0.0
        if self.rules.partial_value == WHOLE:
            return self.score_weight(it)
        return self.score_weight(it) * units / it.need

    def value(self, units: Mapping[str, int]) -> float:
        """Objective value of an allocation (units per funded id), synergy bonuses included."""
        items = sum(self.item_value(it, units.get(it.id, 0)) for it in self.items)
        return items + sum(self.link_bonus(link) for link in self.complete_links(units))

    def complete_links(self, units: Mapping[str, int]) -> list[Link]:
        """The synergy links all of whose members are funded."""
        return [link for link in self.rules.links if link.kind == SYNERGY
                and all(units.get(i, 0) > 0 for i in link.members)]

    def link_bonus(self, link: Link) -> float:
        """b × W_G: what a complete synergy link adds (module doc)."""
        if not link.bonus:
            return 0.0
        return link.bonus * sum(self.weight(self.item(i)) for i in link.members) \
            if self.rules.objective == SCORE_EUROS else link.bonus

    def spend(self, units: Mapping[str, int]) -> int:
        """Units counted against the budget: the awards less complete synergies' savings."""
        saved = sum(link.saving_units for link in self.complete_links(units))
        return sum(u for u in units.values() if u > 0) - saved

    def with_rules(self, **changes: Any) -> Instance:
        return replace(self, rules=replace(self.rules, **changes))

    def with_scores(self, scores: Sequence[float]) -> Instance:
        """Same instance, the items' scores replaced (in the order of `items`)."""
        items = tuple(replace(it, score=float(s))
                      for it, s in zip(self.items, scores, strict=True))
        return replace(self, items=items)

    def with_weights(self, weights: tuple[float, ...]) -> Instance:
        """Same instance, scores recomputed from criteria with new weights (sum 1)."""
        items = tuple(
            replace(it, score=sum(w * c for w, c in zip(weights, it.criteria, strict=True)))
            for it in self.items
        )
        return replace(self, items=items, weights=tuple(weights))


OPTIMAL, FEASIBLE, INFEASIBLE = Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE


@dataclass(frozen=True)
class Result:
    """A verified allocation. `units` holds funded items only."""

    status: str  # OPTIMAL or FEASIBLE (time limit reached; see gap)
    objective: float
    units: Mapping[str, int]
    solver: str
    gap: float | None = None
    seconds: float = 0.0
    bound: float | None = None
    # Optimal portfolios known (model.ties): 0 not counted, 1 the only one, 2 at least two;
    # tie_rule: how the one in `units` was chosen ("closest" or "order"), "" not chosen.
    ties: int = 0
    tie_rule: str = ""

    def award_eur(self, item_id: str, unit_eur: float) -> float:
        return round(self.units.get(item_id, 0) * unit_eur, 2)

    @property
    def funded(self) -> tuple[str, ...]:
        return tuple(self.units)
