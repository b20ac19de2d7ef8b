"""Each analysis run on a prepared scenario, with the scenario's own solver and settings.

The CLI commands and the report call these, so that both answer the same question the
same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from optimizer.analysis.compare import Comparison, compare
from optimizer.analysis.frontier import (
    CoverageFrontier,
    Frontier,
    coverage_frontier,
    default_budgets,
    frontier,
)
from optimizer.analysis.robustness import Robustness, robustness
from optimizer.model.instance import to_units
from optimizer.model.prepare import Prepared, actual_units


def actual_decision_units(prepared: Prepared) -> dict[str, int] | None:
    """The actual decision in units, awards outside the instance included (they count in
    the spend and are reported as not fundable under the scenario); None without awards."""
    if not prepared.round.awards:
        return None
    unit = prepared.unit_eur
    return {i: to_units(e, unit) for i, e in prepared.actual_eur.items() if e > 0}


def actually_funded(prepared: Prepared) -> set[str]:
    return {i for i, e in prepared.actual_eur.items() if e > 0}


def compare_scenario(prepared: Prepared) -> Comparison:
    inside, outside = actual_units(prepared)
    solver = prepared.scenario.solver
    return compare(prepared.instance, inside, {i: prepared.actual_eur[i] for i in outside},
                   solver=solver.name, time_limit=solver.time_limit,
                   region_population=prepared.region_population)


def frontier_scenario(prepared: Prepared, budget_units: Sequence[int] | None = None,
                      points: int = 25, lo_eur: float | None = None,
                      hi_eur: float | None = None) -> Frontier:
    """The frontier on `budget_units` (default: `points` budgets from lo to hi)."""
    inst, solver = prepared.instance, prepared.scenario.solver
    grid = (budget_units if budget_units is not None
            else default_budgets(inst, points, lo_eur, hi_eur))
    return frontier(inst, budgets=[b * prepared.unit_eur for b in grid], solver=solver.name,
                    actual=actual_decision_units(prepared), time_limit=solver.time_limit)


def coverage_scenario(prepared: Prepared) -> CoverageFrontier:
    solver = prepared.scenario.solver
    return coverage_frontier(prepared.instance, solver=solver.name,
                             time_limit=solver.time_limit)


def robustness_scenario(prepared: Prepared, samples: int | None = None,
                        seed: int | None = None, workers: int = 1,
                        progress: Callable[[int, int], None] | None = None) -> Robustness:
    """Draws as the scenario's [robustness] section says; samples and seed may be given."""
    cfg, solver = prepared.scenario.robustness, prepared.scenario.solver
    return robustness(prepared.instance, samples=cfg.samples if samples is None else samples,
                      seed=cfg.seed if seed is None else seed, weights=cfg.weights,
                      intervals=cfg.intervals, rank=cfg.rank, score_noise=cfg.score_noise,
                      workers=workers, core=cfg.core, exterior=cfg.exterior,
                      resample_evaluators=cfg.resample_evaluators,
                      solver=solver.name, progress=progress, time_limit=solver.time_limit)
