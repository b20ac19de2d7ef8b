"""The one door to an optimum: solve an instance and verify the answer before returning it.

`solve(instance, method=...)` chooses the solver: the knapsack DP (model.knapsack) when only
the budget binds and its table is small enough, else the integer program (model.formulation)
with CBC or HiGHS (model.solvers). Whatever answered, its portfolio is checked again by
model.verify against every rule and its value recomputed; a violation is a
VerificationError, never a result. An infeasible instance raises InfeasibleError carrying
the diagnosis (model.diagnose): which rules must give way, and by how much.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from optimizer.caching import memo
from optimizer.constants import Status
from optimizer.errors import InfeasibleError, ScenarioError, SolverError, VerificationError
from optimizer.model.instance import INFEASIBLE, OPTIMAL, Instance, Result
from optimizer.model.knapsack import (
    DP_MAX_CELLS,
    choose_method,
    is_budget_only,
    knapsack_core,
    knapsack_solve,
)
from optimizer.model.running import SPARE_MAX_ITEMS, check_options, gc_paused, keep_spare
from optimizer.model.running import SolveCancelled as SolveCancelled  # the cancel hook
from optimizer.model.running import cancellable as cancellable
from optimizer.model.verify import check, validate_locks, verify
from optimizer.vocabulary.message import Message

if TYPE_CHECKING:  # the integer program's modules load PuLP: only where it is solved
    from optimizer.model.formulation import Model
    from optimizer.model.solvers import HighsSession, SolverRun

METHODS = ("auto", "ip", "dp")
# A solver's objective may differ from the recomputed one by float noise only.
OBJECTIVE_RTOL = 1e-6


def solve(
    instance: Instance,
    solver: str = "cbc",
    time_limit: float | None = None,
    gap: float = 0.0,
    model: Model | None = None,
    method: str = "auto",
    session: HighsSession | None = None,
) -> Result:
    """The best verified allocation of `instance`.

    `method`: "ip" the integer program with `solver` (CBC or HiGHS); "dp" the knapsack DP
    (exact for budget-only instances only; an error otherwise); "auto" the DP where it is
    exact and small enough, else the integer program. A given `model` means "ip".

    OPTIMAL: proved optimal (within `gap`). FEASIBLE: a limit stopped the solver; `gap` and
    `bound` say how far from optimal it may be (None if the solver did not say). Raises
    InfeasibleError (with a Diagnosis) when no allocation meets every rule, SolverError when
    the solver fails or finds nothing in time, VerificationError when its answer is wrong.

    `model`: a model from build_model(instance), possibly re-targeted with set_budget/force
    (then pass `model.instance`); reusing it saves the rebuild in analyses that solve often.
    `session`: a HighsSession of that model, to solve it again in memory from the last
    answer (sweeps); the solver is then HiGHS.
    """
    check_options(solver, time_limit, gap)
    validate_locks(instance)
    if method not in METHODS:
        raise ScenarioError(Message.of("solver.method.one_of", methods=list(METHODS),
                                       method=method))
    if not instance.items:
        return _solve_empty(instance, solver)
    if model is None and choose_method(instance, method) == "dp":
        # Once per instance: the optimum shown and its comparison ask it both.
        return memo(instance, "solve_dp", lambda: solve_dp(instance))
    with gc_paused():  # see running.gc_paused
        if model is None and session is None:  # one answer per instance and question
            return memo(instance, ("solve", solver, time_limit, gap, method),
                        lambda: _solve_built(instance, solver, time_limit, gap, method))
        return _solve_built(instance, solver, time_limit, gap, method, model, session)


def _solve_built(instance: Instance, solver: str, time_limit: float | None, gap: float,
                 method: str, model: Model | None = None,
                 session: HighsSession | None = None) -> Result:
    """solve() past the DP: the core of a budget-only instance, or the integer program."""
    from optimizer.model.formulation import build_model
    from optimizer.model.solvers import run_model

    if model is None and method == "auto" and is_budget_only(instance):
        return _solve_core(instance, solver, time_limit, gap)
    built = model is None
    if model is None:
        model = build_model(instance)
    elif model.elastic or model.instance != instance:
        raise ValueError("model was built for another instance (pass model.instance)")
    if session is not None:
        solver = "highs"
        run = session.run(model)
    else:
        run = run_model(model, solver, time_limit=time_limit, gap=gap)
    if run.status == INFEASIBLE:
        raise _infeasible(instance, solver, time_limit)
    if run.status == Status.NO_SOLUTION:
        raise SolverError(Message.of("scenario.solver.no_solution", solver=solver,
                                     text=run.text, time_limit=time_limit))
    if run.status == Status.ERROR:
        raise SolverError(Message.of("solver.failed", solver=solver, text=run.text))
    result = _verified_result(instance, model, run, solver)
    if built and session is None:  # for the tie rule's first step (running.keep_spare)
        keep_spare(instance, model if len(instance.items) <= SPARE_MAX_ITEMS else None)
    return result


def solve_dp(instance: Instance, budget_units: int | None = None) -> Result:
    """The knapsack DP's optimum at a budget (default: the instance's), verified.

    Only for budget-only instances (model.knapsack.is_budget_only); the caller checks.
    """
    start = time.perf_counter()
    at = instance if budget_units is None else instance.with_rules(budget_units=budget_units)
    try:
        found = knapsack_solve(at)
    except InfeasibleError:
        raise _infeasible(at, "cbc", None) from None
    return verified(at, found.units, "dp", seconds=time.perf_counter() - start)


def _solve_core(instance: Instance, solver: str, time_limit: float | None, gap: float
                ) -> Result:
    """A budget-only instance too large for the DP at once: fix what the LP bound decides
    (model.knapsack.knapsack_core), then solve only the undecided core, by the DP when
    its table is small enough, else by the integer program; verified as a whole."""
    start = time.perf_counter()
    try:
        core = knapsack_core(instance)
    except InfeasibleError:
        raise _infeasible(instance, solver, time_limit) from None
    inner = "dp" if core.cells <= DP_MAX_CELLS else "ip"
    part = solve(core.instance, solver=solver, time_limit=time_limit, gap=gap, method=inner)
    units = core.units(dict(part.units))
    check(instance, units)
    value = instance.value(units)
    fixed = value - part.objective
    bound = None if part.bound is None else part.bound + fixed
    whole_gap = part.gap
    if part.status != OPTIMAL and bound is not None:
        whole_gap = max(0.0, (bound - value) / max(abs(value), 1e-9))
    return Result(status=part.status, objective=value, units=units, solver=part.solver,
                  gap=whole_gap, seconds=time.perf_counter() - start, bound=bound)


def verified(instance: Instance, units: Mapping[str, int], solver: str, *,
             seconds: float = 0.0) -> Result:
    """A proven optimum `units` of an exact method, after the independent rule check."""
    check(instance, units)
    return Result(status=OPTIMAL, objective=instance.value(units), units=dict(units),
                  solver=solver, gap=0.0, seconds=seconds, bound=None)


# --- results -----------------------------------------------------------------------------


def _verified_result(instance: Instance, model: Model, run: SolverRun, solver: str) -> Result:
    from optimizer.model.formulation import solution_units

    units = solution_units(model)
    check(instance, units)
    value = instance.value(units)
    if run.objective is not None and not _close(value, run.objective):
        raise VerificationError(Message.of("solver.verify.objective_mismatch", solver=solver,
                                           reported=run.objective, value=value))
    bound = run.bound if run.bound is not None else (value if run.status == OPTIMAL else None)
    rel_gap = None
    if bound is not None:
        rel_gap = max(0.0, (bound - value) / max(abs(value), 1e-9)) if bound > value else 0.0
    return Result(status=run.status, objective=value, units=units, solver=solver,
                  gap=rel_gap, seconds=run.seconds, bound=bound)


def _solve_empty(instance: Instance, solver: str) -> Result:
    """No items: the empty allocation is the only one; feasible unless a minimum demands."""
    if verify(instance, {}):
        raise _infeasible(instance, solver, None)
    return Result(OPTIMAL, 0.0, {}, solver, gap=0.0, seconds=0.0, bound=0.0)


def _infeasible(instance: Instance, solver: str, time_limit: float | None) -> InfeasibleError:
    from optimizer.model.diagnose import Diagnosis, diagnose, structural_checks

    try:
        diagnosis = diagnose(instance, solver=solver, time_limit=time_limit)
    except SolverError as exc:  # still say what we know without a solver
        diagnosis = Diagnosis(
            relaxations=(),
            structural=structural_checks(instance),
            solver=solver,
            note=Message.of("diagnose.resolve_failed",
                            error=exc.messages[0] if len(exc.messages) == 1 else str(exc)),
        )
    return InfeasibleError(diagnosis.message(), diagnosis)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= OBJECTIVE_RTOL * max(1.0, abs(a), abs(b))
