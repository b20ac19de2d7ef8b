"""Ties: one optimal portfolio, chosen the same way by every command and every solver.

Several portfolios can be worth the optimum's value (integer scores make this common). Which
one a solver returns depends on the solver and its version, so the portfolio shown is fixed
by a rule instead (`settle`):

1. among the optimal portfolios, the fewest projects added or removed from the actual
   decision, when the round has one; with none, the fewest projects (a project worth
   nothing is never funded just because money is left);
2. among those, the one that funds the earliest application id where two differ (ids in
   sorted order: a fixed, documented order that needs no data);
3. in partial mode, the awards of that set move least from the actual awards in euros
   (sum |award - actual|); with no actual decision the optimum's own awards are kept
   when the set is the optimum's.

"Optimal" means worth the optimum's value: computed exactly (`exact_value`, rational
arithmetic over the model's numbers) and equal within TIE_RTOL of it, relative. The
scores are decimals, so two values closer than that differ by rounding, not by merit;
no step may trade value for closeness.

Where only the budget binds (model.knapsack.is_budget_only) the knapsack DP applies the
same rule on the items the LP bound leaves undecided (`knapsack_settle`): no solver, one
table. Elsewhere the integer program: one solve for step 1; one with a no-good cut (the
set found is excluded) that tells whether another optimal portfolio exists (so the count,
"at least 2", is exact and cheap); only when one exists as close, step 2, which tests the
ids no optimum funds together (a few solves, by halving), then one solve per id an optimum
could fund; in partial mode one more solve for the amounts. Frontier, robustness and the
other sweeps never call this: only the portfolios shown do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING

from optimizer.caching import memo
from optimizer.errors import SolverError
from optimizer.model import knapsack
from optimizer.model.instance import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    PARTIAL,
    WHOLE,
    Instance,
    Result,
)
from optimizer.model.knapsack import is_budget_only, knapsack_settle
from optimizer.model.running import SolveCancelled, gc_paused
from optimizer.model.verify import verify
from optimizer.vocabulary.message import Message

if TYPE_CHECKING:  # the integer program's modules load PuLP: imported where it is solved
    import pulp

    from optimizer.model.formulation import Model

TIE_RTOL = 1e-9  # values this close (relative to the optimum) are equal: see the docstring
CLOSEST, ORDER = "closest", "order"  # how the portfolio shown was chosen (Settled.rule)
# With more applications than these the integer program would take many times the optimum's
# own solve: above ORDER_MAX_ITEMS the earliest-ids step is left out (the portfolio is one
# of the closest, said so), above CHECK_MAX_ITEMS ties are not looked for (said so too).
# The knapsack DP's tie table has no such limit but its own size (DP_MAX_CELLS).
ORDER_MAX_ITEMS, CHECK_MAX_ITEMS = 2_500, 20_000
# The rule stopped early: one of the closest (UNORDERED) or of the fewest projects
# (UNORDERED_FEWEST) shown; ties not looked for (UNCHECKED); a solver failed (UNSETTLED).
UNORDERED, UNORDERED_FEWEST = "unordered", "unordered_fewest"
UNCHECKED, UNSETTLED = "unchecked", "unsettled"
_RAISES = 3  # times step 1 may find the solver's optimum short and raise the floor


@dataclass(frozen=True)
class Settled:
    """The portfolio a rule picks among the optimal ones."""

    units: dict[str, int]
    value: float  # the optimum's value (above the solver's when that was short)
    status: str  # OPTIMAL: every step proven; FEASIBLE: a time limit stopped one
    count: int  # optimal portfolios known: 1 the only one, 2 at least two, 0 not looked for
    rule: str  # CLOSEST (to the actual decision), ORDER (no decision), or how it stopped
    # early (UNORDERED, UNORDERED_FEWEST, UNCHECKED, UNSETTLED): tie_message says which
    changes: int  # projects added or removed from the actual decision (0 without one)


def exact_value(instance: Instance, units: Mapping[str, int]) -> Fraction:
    """Instance.value in rational arithmetic: the same sum, no rounding on the way."""
    total = Fraction(0)
    whole = instance.rules.partial_value == WHOLE
    fulls = _exact_fulls(instance)
    for it in instance.items:
        u = units.get(it.id, 0)
        if u <= 0:
            continue
        full = fulls[it.id]
        total += full if whole else full * u / it.need
    for link in instance.complete_links(units):
        total += Fraction(instance.link_bonus(link))
    return total


def _exact_fulls(instance: Instance) -> dict[str, Fraction]:
    """Each item's score x weight as a fraction, once per instance (the tie steps ask the
    value of many portfolios of one instance)."""
    return memo(instance, "exact_fulls", lambda: {
        it.id: Fraction(it.score) * Fraction(instance.weight(it)) for it in instance.items})


def tie_message(count: int, rule: str) -> Message:
    """The sentence that names a tie (or its absence) wherever a portfolio is shown."""
    if rule == UNCHECKED:
        return Message.of("ties.not_checked", limit=CHECK_MAX_ITEMS)
    if rule == UNSETTLED:
        return Message.of("ties.not_settled")
    if count <= 1:
        return Message.of("ties.unique")
    codes = {CLOSEST: "ties.closest", ORDER: "ties.order", UNORDERED: "ties.closest_only",
             UNORDERED_FEWEST: "ties.fewest_only"}
    params = {"limit": ORDER_MAX_ITEMS} if rule in (UNORDERED, UNORDERED_FEWEST) else {}
    return Message.of(codes[rule], n=count, **params)


def tie_tol(optimum: float) -> float:
    return TIE_RTOL * max(1.0, abs(optimum))


def is_optimal(instance: Instance, units: Mapping[str, int], optimum: float) -> bool:
    """Meets every rule and is worth the optimum (exactly, within TIE_RTOL)."""
    if rule_breaks(instance, units):
        return False
    return exact_value(instance, units) >= Fraction(optimum) - Fraction(tie_tol(optimum))


def rule_breaks(instance: Instance, units: Mapping[str, int]) -> list[Message]:
    """verify(instance, units), checked once per instance and portfolio: the optimum, its
    tie settling and the comparison with the actual decision check the same portfolios.
    (Awards of a type other than int are checked each time: verify tells 1 from True.)"""
    if not all(type(u) is int for u in units.values()):
        return verify(instance, units)
    found = memo(instance, ("verify", tuple(sorted(units.items()))),
                 lambda: tuple(verify(instance, units)))
    return list(found)


def settle(instance: Instance, optimum: Result, actual: Mapping[str, int] | None = None,
           solver: str = "cbc", time_limit: float | None = None, method: str = "auto"
           ) -> Settled:
    """The optimal portfolio the module's rule picks. `optimum`: any optimal Result of
    `instance`; `actual`: the actual decision in units (None or empty: none). `method`
    "auto": the knapsack DP where only the budget binds (model.knapsack), else the integer
    program; "ip": the integer program always (the tests compare the two). When a solver
    cannot finish a step (a time limit, a numerical failure): the solver's own optimum,
    the tie left open and said so."""
    try:
        # Once per instance and question: the optimum shown and the comparison with the
        # actual decision settle the same tie. A failure is not kept (tried again).
        key = ("settle", tuple(sorted(optimum.units.items())), optimum.objective,
               optimum.status, _target_key(instance, actual), solver, time_limit, method,
               ORDER_MAX_ITEMS, CHECK_MAX_ITEMS, knapsack.DP_MAX_CELLS)  # the limits too
        with gc_paused():  # see formulation.gc_paused
            return memo(instance, key,
                        lambda: _settle(instance, optimum, actual, solver, time_limit, method))
    except SolveCancelled:
        raise  # stopped on purpose: no answer, not an unsettled one
    except SolverError:
        units = dict(sorted(optimum.units.items()))
        target = {i for i, u in (actual or {}).items() if u > 0 and instance.has(i)}
        # FEASIBLE: neither the tie nor the fewest changes from `actual` are proven.
        return Settled(units, optimum.objective, FEASIBLE, 0, UNSETTLED,
                       len(target ^ set(units)))


def _target_key(instance: Instance, actual: Mapping[str, int] | None
                ) -> tuple[tuple[str, int], ...]:
    """The actual decision as _settle reads it: the funded ids of the instance."""
    return tuple(sorted((i, int(u)) for i, u in (actual or {}).items()
                        if u > 0 and instance.has(i)))


def _settle(instance: Instance, optimum: Result, actual: Mapping[str, int] | None,
            solver: str, time_limit: float | None, method: str) -> Settled:
    ids = set(instance.ids)
    target = {i: int(u) for i, u in (actual or {}).items() if u > 0 and i in ids}
    rule = CLOSEST if target else ORDER
    if not instance.items:
        return Settled({}, 0.0, OPTIMAL, 1, rule, len(target))
    if method == "auto" and is_budget_only(instance):
        by_dp = knapsack_settle(instance, target, optimum.objective, tie_tol(optimum.objective))
        if by_dp is not None and is_optimal(instance, by_dp[0], optimum.objective):
            units, tied = by_dp
            return Settled(dict(sorted(units.items())), instance.value(units), OPTIMAL,
                           2 if tied else 1, rule, _distance(target, units))
    if len(instance.items) > CHECK_MAX_ITEMS:
        return Settled(dict(sorted(optimum.units.items())), optimum.objective, optimum.status,
                       0, UNCHECKED, _distance(target, optimum.units))
    value, first, model, statuses = _closest(instance, optimum, target, solver, time_limit)
    changes = _distance(target, first)
    other = _other(model, first, target, solver, time_limit, statuses)
    count = 1 if other is None or not is_optimal(instance, other, value) else 2
    chosen = first
    if other is not None and count > 1 and _distance(target, other) <= changes:
        if len(instance.items) > ORDER_MAX_ITEMS:
            rule = UNORDERED if target else UNORDERED_FEWEST
            return Settled(dict(sorted(first.items())), instance.value(first),
                           OPTIMAL if all(s == OPTIMAL for s in statuses) else FEASIBLE,
                           count, rule, changes)
        _cap_changes(model, target, changes)
        chosen = _earliest(model, min(first, other, key=lambda u: _order_key(instance, u)),
                           solver, time_limit, statuses, instance, value)
    chosen = _amounts(model, instance, chosen, target, optimum, value, solver, time_limit,
                      statuses)
    status = OPTIMAL if all(s == OPTIMAL for s in statuses) else FEASIBLE
    return Settled(dict(sorted(chosen.items())), instance.value(chosen), status, count, rule,
                   _distance(target, chosen))


def settled_result(instance: Instance, optimum: Result, actual: Mapping[str, int] | None,
                   solver: str = "cbc", time_limit: float | None = None) -> Result:
    """`optimum` with the settled portfolio and the tie named (Result.ties, .tie_rule)."""
    s = settle(instance, optimum, actual, solver, time_limit)
    return replace(optimum, units=s.units, objective=instance.value(s.units), ties=s.count,
                   tie_rule=s.rule)


# --- the steps ---------------------------------------------------------------------------


def _closest(instance: Instance, optimum: Result, target: Mapping[str, int], solver: str,
             time_limit: float | None) -> tuple[float, dict[str, int], Model, list[str]]:
    """Step 1: the optimal portfolio fewest changes from `target` (from nothing: the
    fewest projects), its value and the model with the floor. A solver's optimum may sit
    a row tolerance below the true one; a better portfolio found here raises the floor
    and the step runs again, so the value shown is the exact optimum's."""
    value, first = optimum.objective, dict(optimum.units)
    for _ in range(_RAISES):
        model = _floored(instance, value)
        statuses: list[str] = []
        model.minimise_changes(set(target))
        found = _solve(model, solver, time_limit, statuses)
        if found is None or not is_optimal(instance, found, value):
            break
        first = found
        better = instance.value(found)
        if better <= value + tie_tol(value):
            break
        value = better
    return value, first, model, statuses


def _floored(instance: Instance, value: float) -> Model:
    from optimizer.model.formulation import build_model

    model = build_model(instance)
    model.add_objective_floor(value - tie_tol(value))
    return model


def _cap_changes(model: Model, target: Mapping[str, int], changes: int) -> None:
    """Keep every later step at most `changes` additions + removals from `target`."""
    import pulp

    expr = _changes_expr(model, target)
    model.prob += pulp.LpConstraint(expr, pulp.LpConstraintLE,
                                    name=model.pulp_name("ties_changes_cap"), rhs=changes)


def _changes_expr(model: Model, target: Mapping[str, int]) -> pulp.LpAffineExpression:
    from optimizer.model.formulation import changes_expr

    return changes_expr(model, target)


def _other(model: Model, funded: Mapping[str, int], target: Mapping[str, int], solver: str,
           time_limit: float | None, statuses: list[str]) -> dict[str, int] | None:
    """Another portfolio of the model (a different funded set), or None: a no-good cut.
    (A constant objective would make PuLP add a dummy column that CBC then rejects.)"""
    import pulp

    from optimizer.model.formulation import changes_expr

    # sum_{i in F} (1 - x_i) + sum_{i not in F} x_i >= 1, with the constant moved to the
    # right: changeRHS replaces a row's whole constant.
    cut = changes_expr(model, funded)
    n = int(cut.constant)
    cut.constant = 0
    row = pulp.LpConstraint(cut, pulp.LpConstraintGE, name=model.pulp_name("ties_no_good"),
                            rhs=1 - n)
    model.prob += row
    model.prob.sense = pulp.LpMinimize
    model.prob.setObjective(_changes_expr(model, target))
    found = _solve(model, solver, time_limit, statuses)
    row.changeRHS(-n)  # the cut holds for every portfolio again
    return found


def _order_key(instance: Instance, units: Mapping[str, int]) -> tuple[int, ...]:
    """Smaller is earlier: funds the first sorted id where two sets differ."""
    return tuple(0 if i in units else 1 for i in sorted(instance.ids))


def _earliest(model: Model, incumbent: dict[str, int], solver: str,
              time_limit: float | None, statuses: list[str], instance: Instance,
              value: float) -> dict[str, int]:
    """Fix the ids in sorted order: funded when an optimal portfolio (agreeing on the ids
    fixed before) allows it. An id the incumbent funds is fixed at once (the incumbent
    shows it allowed); for the ids it leaves out, one group test (`_first_fundable`) finds
    the first one any optimal portfolio could fund, so the ids no optimum funds cost one
    solve together, not one each."""
    order = sorted(model.x)
    fixed: set[str] = set()
    for pos, i in enumerate(order):
        if i in fixed:
            continue
        if i in incumbent:
            model.x[i].bounds(1, 1)
            fixed.add(i)
            continue
        block = [j for j in order[pos:] if j not in incumbent and j not in fixed]
        first = _first_fundable(model, block, solver, time_limit, statuses, instance, value)
        for j in block[:block.index(first)] if first else block:
            model.x[j].bounds(0, 0)  # no optimum funds it: out, whatever comes before
            fixed.add(j)
        if first is None or first != i:
            continue  # i was fixed out above; `first` gets its turn
        model.x[i].bounds(1, 1)
        found = _solve(model, solver, time_limit, statuses)
        if found is not None and is_optimal(instance, found, value):
            incumbent = found
        else:
            model.x[i].bounds(0, 0)
        fixed.add(i)
    return incumbent


def _first_fundable(model: Model, block: list[str], solver: str, time_limit: float | None,
                    statuses: list[str], instance: Instance, value: float) -> str | None:
    """The first id of `block` that some optimal portfolio under the current fixings
    funds (by halving: is any of these funded?), or None."""
    if not _any_funded(model, block, solver, time_limit, statuses, instance, value):
        return None
    while len(block) > 1:
        half = block[:len(block) // 2]
        if _any_funded(model, half, solver, time_limit, statuses, instance, value):
            block = half
        else:
            block = block[len(block) // 2:]
    return block[0]


def _any_funded(model: Model, ids: list[str], solver: str, time_limit: float | None,
                statuses: list[str], instance: Instance, value: float) -> bool:
    import pulp

    row = pulp.LpConstraint(pulp.LpAffineExpression([(model.x[i], 1) for i in ids]),
                            pulp.LpConstraintGE,
                            name=model.pulp_name("ties_any"), rhs=1)
    model.prob += row
    found = _solve(model, solver, time_limit, statuses)
    row.changeRHS(0)  # holds for every portfolio again
    return found is not None and is_optimal(instance, found, value)


def _amounts(model: Model, instance: Instance, chosen: dict[str, int],
             target: Mapping[str, int], optimum: Result, value: float, solver: str,
             time_limit: float | None, statuses: list[str]) -> dict[str, int]:
    """Partial mode: the chosen set's awards that move least from the actual ones."""
    if instance.rules.mode != PARTIAL:
        return chosen
    if not target:
        return dict(optimum.units) if set(optimum.units) == set(chosen) else chosen
    for i, x in model.x.items():
        x.bounds(int(i in chosen), int(i in chosen))
    model.minimise_changes(set(target))
    model.minimise_moves(target, _distance(target, chosen))
    found = _solve(model, solver, time_limit, statuses)
    return found if found is not None and is_optimal(instance, found, value) else chosen


def _solve(model: Model, solver: str, time_limit: float | None,
           statuses: list[str]) -> dict[str, int] | None:
    from optimizer.model.formulation import solution_units
    from optimizer.model.solvers import run_model

    run = run_model(model, solver, time_limit=time_limit, gap=0.0)
    if run.status in (OPTIMAL, FEASIBLE):
        statuses.append(run.status)
        return solution_units(model)
    if run.status == INFEASIBLE:
        return None
    raise SolverError(Message.of("solver.fewest_changes_failed", solver=solver,
                                 status=f"{run.status}", text=run.text))


def _distance(target: Mapping[str, int], units: Mapping[str, int]) -> int:
    return len(set(target) ^ set(units))
