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

In full mode on rounds of up to RESIDENT_MAX_ITEMS applications every step runs on one
program kept in memory (model.resident: loaded once into HiGHS, a bound, a row or the
objective changed in place between solves), not one solver process per step. The rule
defines the portfolio, so which solver answers a step does not change it. Where HiGHS is
missing or fails on a step, the rule runs again with a run of the scenario's solver per
step (`_PulpSteps`), as it does in partial mode, where HiGHS is slow on the integer
awards, and on larger rounds, where CBC proves faster. There the first step runs on the
model the optimum was solved on (model.solve keeps it: the same program, byte for byte),
not one built again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from optimizer.caching import memo
from optimizer.errors import SolverError, VerificationError
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
from optimizer.model.running import SolveCancelled, gc_paused, take_spare
from optimizer.model.verify import verify
from optimizer.vocabulary.message import Message

if TYPE_CHECKING:  # the integer program's modules load PuLP: imported where it is solved
    import pulp

    from optimizer.model.formulation import Model
    from optimizer.model.resident import Answer, Resident

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
# Where the steps run (settle's `program`): "resident" one program in memory (HiGHS),
# "pulp" a solver run per step, "auto" the first in full mode up to RESIDENT_MAX_ITEMS
# applications, else the second. Past a hundred or so applications HiGHS's proof that no
# other optimum exists grows faster than CBC's: on synthetic rounds with a coverage rule the
# in-memory steps took 0.02 s against CBC's 0.08 at 106 applications, 0.17 against 0.11 at
# 143, 0.39 against 0.15 at 258 (2020 has 56).
PROGRAMS = ("auto", "resident", "pulp")
RESIDENT_MAX_ITEMS = 120


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
    whole = instance.rules.partial_value == WHOLE
    distinct, group = _exact_groups(instance)
    # Terms grouped by score x weight before they are added: a large round has few
    # distinct ones, and each addition of fractions costs gcds (the sum is exact in any
    # order). Where the award is not the need, its own term.
    counts = [0] * len(distinct)
    total = Fraction(0)
    for it in instance.items:
        u = units.get(it.id, 0)
        if u <= 0:
            continue
        if whole or u == it.need:
            counts[group[it.id]] += 1
        else:
            total += distinct[group[it.id]] * u / it.need
    for full, n in zip(distinct, counts, strict=True):
        if n:
            total += full * n
    for link in instance.complete_links(units):
        total += Fraction(instance.link_bonus(link))
    return total


def _exact_groups(instance: Instance) -> tuple[list[Fraction], dict[str, int]]:
    """Each item's score x weight as a fraction: the distinct ones, and each item's index
    among them; once per instance (the tie steps ask the value of many portfolios of one
    instance). One fraction per distinct (score, weight): equal floats, equal fractions."""
    def groups() -> tuple[list[Fraction], dict[str, int]]:
        index: dict[tuple[float, float], int] = {}
        distinct: list[Fraction] = []
        group: dict[str, int] = {}
        for it in instance.items:
            key = (it.score, instance.weight(it))
            g = index.get(key)
            if g is None:
                g = index[key] = len(distinct)
                distinct.append(Fraction(key[0]) * Fraction(key[1]))
            group[it.id] = g
        return distinct, group

    return memo(instance, "exact_groups", groups)


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
           solver: str = "cbc", time_limit: float | None = None, method: str = "auto",
           program: str = "auto") -> Settled:
    """The optimal portfolio the module's rule picks. `optimum`: any optimal Result of
    `instance`; `actual`: the actual decision in units (None or empty: none). `method`
    "auto": the knapsack DP where only the budget binds (model.knapsack), else the integer
    program; "ip": the integer program always (the tests compare the two). `program`: where
    the integer program's steps run (PROGRAMS): by default one program kept in memory
    (model.resident, HiGHS) in full mode, else a run of `solver` per step; the rule picks
    the same portfolio either way. When a solver cannot finish a step (a time limit, a
    numerical failure): the solver's own optimum, the tie left open and said so."""
    try:
        # Once per instance and question: the optimum shown and the comparison with the
        # actual decision settle the same tie. A failure is not kept (tried again).
        key = ("settle", tuple(sorted(optimum.units.items())), optimum.objective,
               optimum.status, _target_key(instance, actual), solver, time_limit, method,
               program, ORDER_MAX_ITEMS, CHECK_MAX_ITEMS, knapsack.DP_MAX_CELLS,
               RESIDENT_MAX_ITEMS)  # the limits too
        with gc_paused():  # see running.gc_paused
            return memo(instance, key, lambda: _settle(instance, optimum, actual, solver,
                                                       time_limit, method, program))
    except SolveCancelled:
        raise  # stopped on purpose: no answer, not an unsettled one
    except SolverError:
        units = dict(sorted(optimum.units.items()))
        target = set(funded_target(instance, actual))
        # FEASIBLE: neither the tie nor the fewest changes from `actual` are proven.
        return Settled(units, optimum.objective, FEASIBLE, 0, UNSETTLED,
                       len(target ^ set(units)))


def _target_key(instance: Instance, actual: Mapping[str, int] | None
                ) -> tuple[tuple[str, int], ...]:
    """The actual decision as _settle reads it: the funded ids of the instance."""
    return tuple(sorted(funded_target(instance, actual).items()))


def funded_target(instance: Instance, actual: Mapping[str, int] | None) -> dict[str, int]:
    """The applications of the instance that `actual` funds, with their units."""
    return {i: int(u) for i, u in (actual or {}).items() if u > 0 and instance.has(i)}


def _status(statuses: list[str]) -> str:
    """OPTIMAL when every solve of the steps proved its answer, else FEASIBLE."""
    return OPTIMAL if all(s == OPTIMAL for s in statuses) else FEASIBLE


def _settle(instance: Instance, optimum: Result, actual: Mapping[str, int] | None,
            solver: str, time_limit: float | None, method: str, program: str = "auto"
            ) -> Settled:
    target = funded_target(instance, actual)
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
    steps = _resident_steps(instance, time_limit) if _in_process(instance, program) else None
    if steps is not None:
        try:
            return _steps(instance, optimum, target, rule, steps, solver, time_limit)
        except SolveCancelled:
            raise
        except (SolverError, VerificationError):
            pass  # HiGHS failed on a step (or answered off-integer): each step a solver run
    return _steps(instance, optimum, target, rule, _PulpSteps(instance), solver, time_limit)


def _in_process(instance: Instance, program: str) -> bool:
    """The steps on one program in memory (model.resident): in full mode on rounds of up to
    RESIDENT_MAX_ITEMS applications, unless the caller asks for a solver run per step
    ("pulp"). In partial mode HiGHS takes many times CBC's time on the integer awards (as
    compare.closest_optimum says), so each step is a run of the scenario's solver there,
    as on larger rounds."""
    if program not in PROGRAMS:
        raise ValueError(f"program {program!r}: one of {PROGRAMS}")
    return program == "resident" or (program == "auto" and instance.rules.mode != PARTIAL
                                     and len(instance.items) <= RESIDENT_MAX_ITEMS)


def _steps(instance: Instance, optimum: Result, target: dict[str, int], rule: str,
           steps: _Steps, solver: str, time_limit: float | None) -> Settled:
    """The rule's steps (module doc) on one program, verified portfolio by portfolio."""
    value, first, statuses = _closest(instance, optimum, target, steps, solver, time_limit)
    changes = _distance(target, first)
    other = _other(steps, first, target, solver, time_limit, statuses)
    count = 1 if other is None or not is_optimal(instance, other, value) else 2
    chosen = first
    if other is not None and count > 1 and _distance(target, other) <= changes:
        if len(instance.items) > ORDER_MAX_ITEMS:
            rule = UNORDERED if target else UNORDERED_FEWEST
            return Settled(dict(sorted(first.items())), instance.value(first),
                           _status(statuses), count, rule, changes)
        steps.cap_changes(target, changes)
        chosen = _earliest(steps, min(first, other, key=lambda u: _order_key(instance, u)),
                           solver, time_limit, statuses, instance, value)
    chosen = _amounts(steps, instance, chosen, target, optimum, value, solver, time_limit,
                      statuses)
    return Settled(dict(sorted(chosen.items())), instance.value(chosen), _status(statuses),
                   count, rule, _distance(target, chosen))


def settled_result(instance: Instance, optimum: Result, actual: Mapping[str, int] | None,
                   solver: str = "cbc", time_limit: float | None = None) -> Result:
    """`optimum` with the settled portfolio and the tie named (Result.ties, .tie_rule)."""
    s = settle(instance, optimum, actual, solver, time_limit)
    return replace(optimum, units=s.units, objective=instance.value(s.units), ties=s.count,
                   tie_rule=s.rule)


# --- the steps ---------------------------------------------------------------------------


def _closest(instance: Instance, optimum: Result, target: Mapping[str, int], steps: _Steps,
             solver: str, time_limit: float | None
             ) -> tuple[float, dict[str, int], list[str]]:
    """Step 1: the optimal portfolio fewest changes from `target` (from nothing: the
    fewest projects) and its value; `steps` left asking it under the floor. A solver's
    optimum may sit a row tolerance below the true one; a better portfolio found here
    raises the floor and the step runs again, so the value shown is the exact optimum's."""
    value, first = optimum.objective, dict(optimum.units)
    statuses: list[str] = []
    for _ in range(_RAISES):
        statuses = []
        steps.closest(target, value - tie_tol(value))
        found = _solve(steps, solver, time_limit, statuses)
        if found is None or not is_optimal(instance, found, value):
            break
        first = found
        better = instance.value(found)
        if better <= value + tie_tol(value):
            break
        value = better
    return value, first, statuses


def _other(steps: _Steps, funded: Mapping[str, int], target: Mapping[str, int], solver: str,
           time_limit: float | None, statuses: list[str]) -> dict[str, int] | None:
    """Another portfolio under the floor (a different funded set), or None: a no-good
    cut, lifted again after the solve."""
    steps.exclude(funded, target)
    found = _solve(steps, solver, time_limit, statuses)
    steps.exclude(None, target)  # the cut holds for every portfolio again
    return found


def _order_key(instance: Instance, units: Mapping[str, int]) -> tuple[int, ...]:
    """Smaller is earlier: funds the first sorted id where two sets differ."""
    return tuple(0 if i in units else 1 for i in sorted(instance.ids))


def _earliest(steps: _Steps, incumbent: dict[str, int], solver: str,
              time_limit: float | None, statuses: list[str], instance: Instance,
              value: float) -> dict[str, int]:
    """Fix the ids in sorted order: funded when an optimal portfolio (agreeing on the ids
    fixed before) allows it. An id the incumbent funds is fixed at once (the incumbent
    shows it allowed); for the ids it leaves out, one group test (`_first_fundable`) finds
    the first one any optimal portfolio could fund, so the ids no optimum funds cost one
    solve together, not one each."""
    order = sorted(instance.ids)
    fixed: set[str] = set()
    for pos, i in enumerate(order):
        if i in fixed:
            continue
        if i in incumbent:
            steps.fix(i, True)
            fixed.add(i)
            continue
        block = [j for j in order[pos:] if j not in incumbent and j not in fixed]
        first = _first_fundable(steps, block, solver, time_limit, statuses, instance, value)
        for j in block[:block.index(first)] if first else block:
            steps.fix(j, False)  # no optimum funds it: out, whatever comes before
            fixed.add(j)
        if first is None or first != i:
            continue  # i was fixed out above; `first` gets its turn
        steps.fix(i, True)
        found = _solve(steps, solver, time_limit, statuses)
        if found is not None and is_optimal(instance, found, value):
            incumbent = found
        else:
            steps.fix(i, False)
        fixed.add(i)
    return incumbent


def _first_fundable(steps: _Steps, block: list[str], solver: str, time_limit: float | None,
                    statuses: list[str], instance: Instance, value: float) -> str | None:
    """The first id of `block` that some optimal portfolio under the current fixings
    funds (by halving: is any of these funded?), or None."""
    if not _any_funded(steps, block, solver, time_limit, statuses, instance, value):
        return None
    while len(block) > 1:
        half = block[:len(block) // 2]
        if _any_funded(steps, half, solver, time_limit, statuses, instance, value):
            block = half
        else:
            block = block[len(block) // 2:]
    return block[0]


def _any_funded(steps: _Steps, ids: list[str], solver: str, time_limit: float | None,
                statuses: list[str], instance: Instance, value: float) -> bool:
    steps.any_of(ids)
    found = _solve(steps, solver, time_limit, statuses)
    steps.any_of(None)  # holds for every portfolio again
    return found is not None and is_optimal(instance, found, value)


def _amounts(steps: _Steps, instance: Instance, chosen: dict[str, int],
             target: Mapping[str, int], optimum: Result, value: float, solver: str,
             time_limit: float | None, statuses: list[str]) -> dict[str, int]:
    """Partial mode: the chosen set's awards that move least from the actual ones."""
    if instance.rules.mode != PARTIAL:
        return chosen
    if not target:
        return dict(optimum.units) if set(optimum.units) == set(chosen) else chosen
    steps.moves(chosen, target, _distance(target, chosen))
    found = _solve(steps, solver, time_limit, statuses)
    return found if found is not None and is_optimal(instance, found, value) else chosen


def _solve(steps: _Steps, solver: str, time_limit: float | None,
           statuses: list[str]) -> dict[str, int] | None:
    """The question `steps` holds now: the portfolio found, None when there is none."""
    status, units, text, by = steps.run(solver, time_limit)
    if status in (OPTIMAL, FEASIBLE):
        statuses.append(status)
        return units
    if status == INFEASIBLE:
        return None
    raise SolverError(Message.of("solver.fewest_changes_failed", solver=by,
                                 status=f"{status}", text=text))


# --- the programs the steps run on -------------------------------------------------------

# (status, portfolio, the solver's own words, the solver that ran)
_Run = tuple[str, dict[str, int], str, str]


class _Steps(Protocol):
    """What the rule's steps change in a program between its solves (see _PulpSteps)."""

    def closest(self, target: Mapping[str, int], floor: float) -> None: ...

    def exclude(self, funded: Mapping[str, int] | None, target: Mapping[str, int]
                ) -> None: ...

    def cap_changes(self, target: Mapping[str, int], changes: int) -> None: ...

    def fix(self, item_id: str, funded: bool) -> None: ...

    def any_of(self, ids: list[str] | None) -> None: ...

    def moves(self, chosen: Mapping[str, int], target: Mapping[str, int],
              changes: int) -> None: ...

    def run(self, solver: str, time_limit: float | None) -> _Run: ...


class _PulpSteps:
    """The steps on a PuLP model, each solve a run of the scenario's solver: a model with
    the objective floor built per floor, rows added and their right-hand sides moved to
    lift them. The path of partial mode and of rounds past RESIDENT_MAX_ITEMS, and where
    HiGHS is missing or fails in process."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self._model: Model | None = None
        self._cut: pulp.LpConstraint | None = None
        self._cut_n = 0
        self._any: pulp.LpConstraint | None = None

    @property
    def model(self) -> Model:
        assert self._model is not None  # `closest` builds it
        return self._model

    def closest(self, target: Mapping[str, int], floor: float) -> None:
        from optimizer.model.formulation import build_model

        # The optimum's own model where solve kept it (the same program), else built.
        spare: Model | None = take_spare(self.instance)
        self._model = spare or build_model(self.instance)
        self._model.add_objective_floor(floor)
        self._model.minimise_changes(set(target))

    def exclude(self, funded: Mapping[str, int] | None, target: Mapping[str, int]) -> None:
        import pulp

        from optimizer.model.formulation import changes_expr

        model = self.model
        if funded is None:
            assert self._cut is not None
            self._cut.changeRHS(-self._cut_n)
            return
        # sum_{i in F} (1 - x_i) + sum_{i not in F} x_i >= 1, with the constant moved to the
        # right: changeRHS replaces a row's whole constant. (A constant objective would make
        # PuLP add a dummy column that CBC then rejects.)
        cut = changes_expr(model, funded)
        n = int(cut.constant)
        cut.constant = 0
        self._cut = pulp.LpConstraint(cut, pulp.LpConstraintGE,
                                      name=model.pulp_name("ties_no_good"), rhs=1 - n)
        self._cut_n = n
        model.prob += self._cut
        model.prob.sense = pulp.LpMinimize
        model.prob.setObjective(changes_expr(model, target))

    def cap_changes(self, target: Mapping[str, int], changes: int) -> None:
        import pulp

        from optimizer.model.formulation import changes_expr

        model = self.model
        model.prob += pulp.LpConstraint(changes_expr(model, target), pulp.LpConstraintLE,
                                        name=model.pulp_name("ties_changes_cap"), rhs=changes)

    def fix(self, item_id: str, funded: bool) -> None:
        self.model.x[item_id].bounds(int(funded), int(funded))

    def any_of(self, ids: list[str] | None) -> None:
        import pulp

        model = self.model
        if ids is None:
            assert self._any is not None
            self._any.changeRHS(0)
            return
        self._any = pulp.LpConstraint(
            pulp.LpAffineExpression([(model.x[i], 1) for i in ids]), pulp.LpConstraintGE,
            name=model.pulp_name("ties_any"), rhs=1)
        model.prob += self._any

    def moves(self, chosen: Mapping[str, int], target: Mapping[str, int],
              changes: int) -> None:
        model = self.model
        for i, x in model.x.items():
            x.bounds(int(i in chosen), int(i in chosen))
        model.minimise_changes(set(target))
        model.minimise_moves(target, changes)

    def run(self, solver: str, time_limit: float | None) -> _Run:
        from optimizer.model.formulation import solution_units
        from optimizer.model.solvers import run_model

        run = run_model(self.model, solver, time_limit=time_limit, gap=0.0)
        units = solution_units(self.model) if run.status in (OPTIMAL, FEASIBLE) else {}
        return run.status, units, run.text, solver


class _ResidentSteps:
    """The steps on one program loaded once into HiGHS (model.resident): each change a
    bound or a coefficient set in place, each solve from the last answer. The tie rule's
    own rows are added to it once (Resident.tie_rows)."""

    def __init__(self, resident: Resident) -> None:
        self.resident = resident
        resident.tie_rows()
        self._ask: Callable[[], Answer] = resident.again

    def closest(self, target: Mapping[str, int], floor: float) -> None:
        r = self.resident
        self._ask = lambda: r.closest(target, floor)

    def exclude(self, funded: Mapping[str, int] | None, target: Mapping[str, int]) -> None:
        self.resident.exclude(None if funded is None else set(funded))

    def cap_changes(self, target: Mapping[str, int], changes: int) -> None:
        self.resident.cap_changes(target, changes)

    def fix(self, item_id: str, funded: bool) -> None:
        self.resident.fix(item_id, funded)

    def any_of(self, ids: list[str] | None) -> None:
        self.resident.any_of(ids)

    def moves(self, chosen: Mapping[str, int], target: Mapping[str, int],
              changes: int) -> None:
        r = self.resident
        for i in r.model.x:
            r.fix(i, i in chosen)
        r.cap_changes(target, changes)
        self._ask = lambda: r.closest_moves(changes)

    def run(self, solver: str, time_limit: float | None) -> _Run:
        answer = self._ask()
        self._ask = self.resident.again  # the same question, under what changes next
        return answer.status, answer.units, answer.status, "highs"


def settle_resident(resident: Resident, optimum: Result, target: Mapping[str, int],
                    solver: str = "highs", time_limit: float | None = None) -> Settled:
    """The optimal portfolio of `resident.instance` CLOSEST to `target`, then the earliest
    ids (the rule's steps 1 and 2), on a program the caller keeps (explain's flips: one
    program, many instances); full mode. Once the fewest changes k are known, every later
    question is only whether a portfolio exists under the floor and the cap of k changes
    (no objective: the first one found answers it, with no proof of optimality to wait
    for). The rule defines the portfolio, so the program's solver options do not change it.
    The columns fixed on the way are released after; `count` is 2 only for a tie as close."""
    instance = resident.instance
    wanted = funded_target(instance, target)
    steps = _ResidentSteps(resident)
    try:
        value, first, statuses = _closest(instance, optimum, wanted, steps, solver,
                                          time_limit)
        changes = _distance(wanted, first)
        steps.cap_changes(wanted, changes)
        resident.feasibility()
        other = _other(steps, first, wanted, solver, time_limit, statuses)
        chosen, count = first, 1
        if (other is not None and _distance(wanted, other) <= changes
                and is_optimal(instance, other, value)):
            count = 2
            chosen = _earliest(steps, min(first, other, key=lambda u: _order_key(instance, u)),
                               solver, time_limit, statuses, instance, value)
    finally:
        resident.unfix()
    return Settled(dict(sorted(chosen.items())), instance.value(chosen), _status(statuses),
                   count, CLOSEST, _distance(wanted, chosen))


def _resident_steps(instance: Instance, time_limit: float | None) -> _ResidentSteps | None:
    """The steps' program in memory, or None where HiGHS cannot load it (missing, say):
    then each step is a solver run (_PulpSteps)."""
    from optimizer.model.resident import Resident

    try:
        return _ResidentSteps(Resident(instance, time_limit, lean=True))
    except SolverError:
        return None


def _distance(target: Mapping[str, int], units: Mapping[str, int]) -> int:
    return len(set(target) ^ set(units))
