"""The optimisation instance: numbers only, no files, no PuLP.

Money in the model is counted in whole rounding units (`Rules.unit_eur`), so that
awards are exact multiples of the unit and budgets compare exactly as integers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from optimizer.money import to_units

FULL, PARTIAL = "full", "partial"
SCORE, SCORE_EUROS = "score", "score_euros"
LEAD, PARTICIPANTS = "lead", "participants"


@dataclass(frozen=True)
class Item:
    """One fundable application."""

    id: str
    score: float  # s_i in [0, 1]
    max_units: int  # m_i: the largest award, in units (>= 1)
    lead: str = ""  # lead applicant key, for max_awards_per_lead
    lead_region: str = ""
    regions: frozenset[str] = frozenset()  # regions of all participants
    target_area: str | None = None
    criteria: tuple[float, ...] = ()  # normalised criterion values in [0, 1]
    # Several evaluators: each one's normalised values (Instance.evaluators order);
    # `criteria` is their mean.
    panel: tuple[tuple[float, ...], ...] = ()

    def coverage_regions(self, basis: str) -> frozenset[str]:
        if basis == PARTICIPANTS:
            return self.regions | ({self.lead_region} if self.lead_region else frozenset())
        return frozenset({self.lead_region}) if self.lead_region else frozenset()


@dataclass(frozen=True)
class Rules:
    budget_units: int
    unit_eur: float = 100.0
    min_spend_units: int = 0
    mode: str = FULL
    min_share: float = 0.5  # partial mode: award >= ceil(min_share * m_i) units
    objective: str = SCORE
    region_basis: str = LEAD
    min_projects_per_region: int = 0
    min_regions: int = 0
    max_region_share: float | None = None  # of the budget, by lead region
    min_projects_per_target_area: int = 0
    max_awards_per_lead: int | None = None
    fund: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()

    @property
    def region_cap_units(self) -> int | None:
        if self.max_region_share is None:
            return None
        return to_units(self.max_region_share * self.budget_units, 1.0)


@dataclass(frozen=True)
class Exclusion:
    """An application left out of the instance, with every reason."""

    id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Instance:
    items: tuple[Item, ...]
    rules: Rules
    excluded: tuple[Exclusion, ...] = ()
    criteria_ids: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()
    score_source: str = "sheet"  # "proxy" marks every output as proxy-based
    evaluators: tuple[str, ...] = ()  # names behind Item.panel, when several scored
    name: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)  # id -> short display name

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(it.id for it in self.items)

    def min_units(self, it: Item) -> int:
        """Smallest award of a funded item (partial mode), in units."""
        if self.rules.mode == FULL:
            return it.max_units
        return max(1, math.ceil(self.rules.min_share * it.max_units - 1e-9))

    def value(self, units: Mapping[str, int]) -> float:
        """Objective value of an allocation (units per funded id)."""
        total = 0.0
        for it in self.items:
            u = units.get(it.id, 0)
            if self.rules.objective == SCORE_EUROS:
                total += it.score * u * self.rules.unit_eur
            else:
                total += it.score * u / it.max_units
        return total

    def with_rules(self, **changes: Any) -> Instance:
        return replace(self, rules=replace(self.rules, **changes))

    def with_weights(self, weights: tuple[float, ...]) -> Instance:
        """Same instance, scores recomputed from criteria with new weights (sum 1)."""
        items = tuple(
            replace(it, score=sum(w * c for w, c in zip(weights, it.criteria, strict=True)))
            for it in self.items
        )
        return replace(self, items=items, weights=tuple(weights))


OPTIMAL, FEASIBLE, INFEASIBLE = "optimal", "feasible", "infeasible"


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

    def award_eur(self, item_id: str, unit_eur: float) -> float:
        return round(self.units.get(item_id, 0) * unit_eur, 2)

    @property
    def funded(self) -> tuple[str, ...]:
        return tuple(self.units)
