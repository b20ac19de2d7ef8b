"""What regional coverage costs: the best value when at least k regions must be covered,
for k = 0, 1, ... until the first k that no portfolio reaches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from optimizer.errors import InfeasibleError
from optimizer.frames import Tabular
from optimizer.model.instance import OPTIMAL, SCORE, Instance, Result
from optimizer.model.solve import solve, verified


@dataclass(frozen=True)
class CoveragePoint:
    min_regions: int  # the rule: at least this many regions covered
    value: float  # the optimal value under it
    covered: int  # regions the optimal portfolio actually covers
    funded: int
    spent_eur: float


@dataclass(frozen=True)
class CoverageFrontier(Tabular):
    points: tuple[CoveragePoint, ...]
    coverable: int  # regions with at least one fundable application
    basis: str  # "lead" or "participants"
    budget_eur: float
    infeasible_from: int | None = None  # first k no portfolio reaches (None: all reached)
    is_proxy: bool = False
    name: str = ""
    objective: str = SCORE
    regions: tuple[str, ...] = field(default_factory=tuple)

    columns: ClassVar[tuple[str, ...]] = (
        "min_regions", "value", "regions_covered", "funded", "spent_eur", "score_source")

    def pairs(self) -> list[tuple[int, float]]:
        return [(p.min_regions, p.value) for p in self.points]

    def rows(self) -> list[dict[str, Any]]:
        source = "proxy" if self.is_proxy else "sheet"
        return [{"min_regions": p.min_regions, "value": p.value, "regions_covered": p.covered,
                 "funded": p.funded, "spent_eur": p.spent_eur, "score_source": source}
                for p in self.points]

    def __repr__(self) -> str:
        ends = (f"value {self.points[0].value:.4f} at k=0 to {self.points[-1].value:.4f} at "
                f"k={self.points[-1].min_regions}" if self.points else "no feasible k")
        stop = ("" if self.infeasible_from is None
                else f"; infeasible from k={self.infeasible_from}")
        return (f"<CoverageFrontier {self.name!r}: {self.coverable} coverable regions "
                f"(by {self.basis}), {ends}{stop}>")


def coverable_regions(instance: Instance) -> tuple[str, ...]:
    basis = instance.rules.region_basis
    regions: set[str] = set()
    for it in instance.items:
        if it.id not in instance.rules.reject:
            regions |= it.coverage_regions(basis)
    return tuple(sorted(regions))


def covered_regions(instance: Instance, units: Mapping[str, int]) -> set[str]:
    basis = instance.rules.region_basis
    out: set[str] = set()
    for it in instance.items:
        if units.get(it.id, 0) > 0:
            out |= it.coverage_regions(basis)
    return out


def coverage_frontier(instance: Instance, solver: str = "cbc",
                      time_limit: float | None = None) -> CoverageFrontier:
    """Max value with min_regions = k for k = 0..coverable regions; stops at the first
    infeasible k (every larger k is infeasible too).

    An optimum for k that covers c >= k regions is also an optimum for every k..c (the
    rule only removes portfolios, and it keeps this one): it is verified again under each
    of those rules instead of solved again, so only the k that the last answer does not
    reach ask the solver."""
    regions = coverable_regions(instance)
    pts: list[CoveragePoint] = []
    stop: int | None = None
    res: Result | None = None
    covered = -1
    for k in range(len(regions) + 1):
        at = instance.with_rules(min_regions=k)
        if res is not None and res.status == OPTIMAL and k <= covered:
            res = verified(at, res.units, res.solver)
        else:
            try:
                res = solve(at, solver=solver, time_limit=time_limit, gap=0.0)
            except InfeasibleError:
                stop = k
                break
            covered = len(covered_regions(instance, res.units))
        pts.append(CoveragePoint(
            min_regions=k, value=res.objective, covered=covered, funded=len(res.units),
            spent_eur=instance.spend(res.units) * instance.rules.unit_eur))  # less savings
    return CoverageFrontier(
        points=tuple(pts), coverable=len(regions), basis=instance.rules.region_basis,
        budget_eur=instance.rules.budget_units * instance.rules.unit_eur,
        infeasible_from=stop, is_proxy=instance.score_source == "proxy", name=instance.name,
        objective=instance.rules.objective, regions=regions)
