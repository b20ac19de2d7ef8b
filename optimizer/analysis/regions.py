"""Euros and projects per region: the optimum against the actual decision.

Counted on the scenario's own region basis. By the lead applicant's region a project and
its whole award belong to one region. By the participants' regions a project counts in
every region it covers, and its award is split between them in proportion to the
residents of its named municipalities in each (equally when none is known), so that the
euros per region still add up to the award; each column is shown in whole cents that add
up to the awards exactly (cents_that_add_up). The coverage.max_region_share cap bounds
exactly these euros (model.verify.region_share_groups), on either basis.

With fair shares by region (issue 14; `with_fair_shares`), each region the rule covers also
carries its fair share p_r (its share of the population, or of the requested euros, among
those regions) and the ratio (region's euros / the covered regions' euros) / p_r, for the
optimum and the actual decision: the scenario's fair_share_min and fair_share_max bound
the optimum's ratio.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from optimizer.frames import Tabular

NO_REGION = "(no region)"


@dataclass(frozen=True)
class RegionLine:
    """One region's projects and euros, optimal and actual."""

    region: str
    population: int | None
    optimal_projects: int
    optimal_eur: float
    actual_projects: int | None  # None: no actual decision is known
    actual_eur: float | None
    budget_eur: float
    fair_share: float | None = None  # p_r, when the fair-share rule covers the region

    @property
    def optimal_per_resident(self) -> float | None:
        return self.optimal_eur / self.population if self.population else None

    @property
    def actual_per_resident(self) -> float | None:
        if not self.population or self.actual_eur is None:
            return None
        return self.actual_eur / self.population

    @property
    def optimal_share(self) -> float | None:
        return self.optimal_eur / self.budget_eur if self.budget_eur else None

    @property
    def actual_share(self) -> float | None:
        if not self.budget_eur or self.actual_eur is None:
            return None
        return self.actual_eur / self.budget_eur


@dataclass(frozen=True)
class RegionTable(Tabular):
    """One line per region with a funded project (in the optimum or the actual decision)."""

    basis: str  # "lead" or "participants"
    budget_eur: float
    lines: tuple[RegionLine, ...]
    has_actual: bool
    fair_share_basis: str | None = None  # "population" or "requested" when the rule is on
    # Ratio of each covered region: (its euros / covered regions' euros) / p_r.
    fair_ratios: Mapping[str, float] = field(default_factory=dict)
    actual_fair_ratios: Mapping[str, float] = field(default_factory=dict)

    columns: ClassVar[tuple[str, ...]] = (
        "region", "population", "projects", "award_eur", "share_of_appropriation",
        "eur_per_resident", "actual_projects", "actual_eur", "actual_share",
        "actual_eur_per_resident")

    def __iter__(self) -> Iterator[RegionLine]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def rows(self) -> list[dict[str, Any]]:
        rows = [{"region": r.region, "population": r.population,
                 "projects": r.optimal_projects, "award_eur": r.optimal_eur,
                 "share_of_appropriation": r.optimal_share,
                 "eur_per_resident": r.optimal_per_resident,
                 "actual_projects": r.actual_projects, "actual_eur": r.actual_eur,
                 "actual_share": r.actual_share,
                 "actual_eur_per_resident": r.actual_per_resident} for r in self.lines]
        if self.fair_share_basis is not None:  # columns only when the rule is on
            for row, r in zip(rows, self.lines, strict=True):
                row.update({"fair_share": r.fair_share,
                            "fair_share_ratio": self.fair_ratios.get(r.region),
                            "actual_fair_share_ratio": self.actual_fair_ratios.get(r.region)})
        return rows

    def __repr__(self) -> str:
        return (f"<RegionTable: {len(self.lines)} regions (by {self.basis}), "
                f"{sum(r.optimal_eur for r in self.lines):,.0f} € in the optimum>")


def region_table(splits: Mapping[str, Mapping[str, float]], optimal_eur: Mapping[str, float],
                 actual_eur: Mapping[str, float] | None, population: Mapping[str, int],
                 budget_eur: float, basis: str) -> RegionTable:
    """Projects and euros per region. `splits`: application id -> {region: share of its
    award}, shares summing to 1 (applications without one count under NO_REGION)."""
    projects: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    euros: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    totals = [0, 0]  # cents awarded, per column
    for column, awards in enumerate((optimal_eur, actual_eur or {})):
        for app_id, eur in awards.items():
            if eur <= 0:
                continue
            totals[column] += round(eur * 100)
            for region, part in (splits.get(app_id) or {NO_REGION: 1.0}).items():
                projects[region][column] += 1
                euros[region][column] += eur * part
    shown = [cents_that_add_up({r: v[c] for r, v in euros.items()}, totals[c]) for c in (0, 1)]
    lines = tuple(
        RegionLine(region=region, population=population.get(region),
                   optimal_projects=projects[region][0], optimal_eur=shown[0][region],
                   actual_projects=projects[region][1] if actual_eur is not None else None,
                   actual_eur=shown[1][region] if actual_eur is not None else None,
                   budget_eur=budget_eur)
        for region in sorted(projects))
    return RegionTable(basis=basis, budget_eur=budget_eur, lines=lines,
                       has_actual=actual_eur is not None)


def cents_that_add_up(euros: Mapping[str, float], total_cents: int) -> dict[str, float]:
    """Each region's euros in whole cents, summing to exactly `total_cents` (the awards):
    rounded down, then the cents short go to the largest remainders (ties by name), so a
    reader adding the column gets the total awarded."""
    exact = {r: v * 100 for r, v in euros.items()}
    cents = {r: math.floor(v + 1e-6) for r, v in exact.items()}
    short = total_cents - sum(cents.values())
    order = sorted(exact, key=lambda r: (-(exact[r] - cents[r]), r))
    for r in (order[:short] if short > 0 else order[::-1][:-short]):
        cents[r] += 1 if short > 0 else -1
    return {r: c / 100 for r, c in cents.items()}


def with_fair_shares(table: RegionTable, shares: Mapping[str, float], basis: str | None
                     ) -> RegionTable:
    """The table with every covered region's fair share p_r (`shares`, from
    model.verify.fair_share_regions) and its ratio in the optimum and the actual decision;
    covered regions without an award get a line too (ratio 0). Unchanged without shares."""
    if not shares or basis is None:
        return table
    lines = {r.region: r for r in table.lines}
    for region in shares:
        lines.setdefault(region, RegionLine(region, None, 0, 0.0,
                                            0 if table.has_actual else None,
                                            0.0 if table.has_actual else None,
                                            table.budget_eur))
    lines = {k: replace(v, fair_share=shares.get(k)) for k, v in sorted(lines.items())}

    def ratios(euros: Mapping[str, float]) -> dict[str, float]:
        """No ratios when nothing is awarded to the covered regions: the rule bounds
        shares of the euros awarded, and there are none (it holds; 0 would read as broken)."""
        total = sum(euros.get(r, 0.0) for r in shares)
        return {r: (euros.get(r, 0.0) / total) / p for r, p in shares.items()} if total else {}

    optimal = ratios({k: v.optimal_eur for k, v in lines.items()})
    actual = ratios({k: v.actual_eur or 0.0 for k, v in lines.items()}) \
        if table.has_actual else {}
    return replace(table, lines=tuple(lines.values()), fair_share_basis=basis,
                   fair_ratios=optimal, actual_fair_ratios=actual)
