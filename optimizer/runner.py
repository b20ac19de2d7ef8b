"""`grantopt run`: prepare a scenario, solve it, and keep both together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from optimizer.model.instance import Result
from optimizer.model.prepare import Prepared, prepare
from optimizer.model.solve import solve


@dataclass(frozen=True)
class Run:
    prepared: Prepared
    result: Result


def run(scenario_path: Path | str | None, sets: Sequence[str] = (),
        budget: float | None = None, round_path: Path | str | None = None) -> Run:
    """Solve a scenario to a verified optimum (InfeasibleError carries the diagnosis)."""
    prepared = prepare(scenario_path, sets=sets, budget=budget, round_path=round_path)
    solver = prepared.scenario.solver
    result = solve(prepared.instance, solver=solver.name, time_limit=solver.time_limit,
                   gap=solver.gap)
    return Run(prepared=prepared, result=result)
