"""The 0-1 knapsack by dynamic programming: the exact optimum when only the budget binds.

When a scenario is a pure budget problem (`is_budget_only`: full funding, no coverage,
target-area, target-area cap, per-lead or minimum-spend rule that can bind), award selection
is exactly a 0-1 knapsack over rounding units, and one dynamic programme gives the optimum
for every budget 0..B at once (O(n·B), vectorised per item). `knapsack_solve` answers one budget:
items that the LP bound proves in or out of every optimum are fixed first, and the DP runs
on the rest. Its portfolios are verified by model.solve like every other solver's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from optimizer.caching import memo
from optimizer.errors import InfeasibleError, ScenarioError
from optimizer.model.instance import FULL, OPTIMAL, SCORE, SCORE_EUROS, Instance, Item, Result
from optimizer.model.verify import capped_areas, leads, validate_locks
from optimizer.vocabulary.message import Message

_TOL = 1e-9
# The DP keeps one boolean per item and budget unit (61 x 161,004 for 2020: 10 MB); a
# round counted in euros or cents would need far more, and goes to the IP instead.
DP_MAX_CELLS = 100_000_000


def is_budget_only(instance: Instance) -> bool:
    """True when the only binding rule is the budget, so the DP below is exact.

    Full mode; objective `score` (or `score_euros`, whose per-item value is also fixed in
    full mode); no minimum spend, regional, coverage or target-area rule; a per-lead cap
    only if no lead has more applications than the cap, a target area's cap only if its
    applications together fit within it. Locks are allowed: fund locks
    are paid first out of the budget, reject locks are removed.
    """
    r = instance.rules
    if r.mode != FULL or r.objective not in (SCORE, SCORE_EUROS):
        return False
    if r.min_spend_units > 0 or r.max_region_share is not None:
        return False
    if r.min_projects_per_region > 0 or r.min_regions > 0 or r.min_projects_per_target_area > 0:
        return False
    if not _area_caps_vacuous(instance):
        return False
    if r.links or r.fair_shares_on:  # links and fair shares couple the items
        return False
    if r.pools_bind or r.year_cents:  # pools and yearly limits are budgets of their own
        return False
    return r.max_awards_per_lead is None or _lead_cap_vacuous(instance)


def _area_caps_vacuous(instance: Instance) -> bool:
    """No target area's cap can bind: its candidates together fit within it."""
    reject = instance.rules.reject
    return all(sum(it.max_units for it in items if it.id not in reject) <= cap
               for cap, items in capped_areas(instance).values())


def _lead_cap_vacuous(instance: Instance) -> bool:
    """No lead applicant (unknown leads are not grouped) has more candidates than the cap."""
    cap = instance.rules.max_awards_per_lead
    reject = instance.rules.reject
    return cap is not None and all(
        sum(it.id not in reject for it in items) <= cap for items in leads(instance).values())


def item_value(instance: Instance, it: Item) -> float:
    """Objective value of funding `it` with its full maximum award (per item: summing the
    whole instance for each item would make the DP quadratic in the items)."""
    return instance.item_value(it, it.max_units)


def _item_values(instance: Instance) -> dict[str, float]:
    """item_value of every item, once per instance (the bounds, the optimum's DP and the tie
    DP all read them; none depends on the budget or the locks)."""
    return memo(instance, "item_values",
                lambda: {it.id: item_value(instance, it) for it in instance.items})


@dataclass(frozen=True, eq=False)
class KnapsackTable:
    """Best value for every budget 0..capacity (units), and how to rebuild each choice.

    `best[b]` is the best value with at most b units spent, fund locks included;
    -inf where the fund locks alone do not fit. `take` is None for a values-only table.
    """

    best: np.ndarray
    items: tuple[Item, ...]  # the free items, in DP order
    take: np.ndarray | None
    locked: tuple[Item, ...]

    @property
    def capacity(self) -> int:
        return len(self.best) - 1

    @property
    def locked_units(self) -> int:
        return sum(it.max_units for it in self.locked)

    def units_at(self, budget_units: int) -> dict[str, int] | None:
        """The chosen portfolio (id -> units) at a budget, or None if the locks don't fit."""
        if self.take is None:
            raise ValueError("this table keeps values only; build it with keep=True")
        b = min(int(budget_units), self.capacity) - self.locked_units
        if b < 0:
            return None
        chosen = {it.id: it.max_units for it in self.locked}
        for k in range(len(self.items) - 1, -1, -1):
            if self.take[k, b]:
                chosen[self.items[k].id] = self.items[k].max_units
                b -= self.items[k].max_units
        return chosen


def knapsack_table(instance: Instance, max_units: int, keep: bool = True) -> KnapsackTable:
    """0-1 knapsack by DP over rounding units for every budget 0..max_units.

    Only valid when `is_budget_only(instance)`; the caller checks. O(n·B) time; with
    `keep`, n·B booleans of memory to rebuild the chosen set at any budget.
    """
    validate_locks(instance)
    fund, reject = instance.rules.fund, instance.rules.reject
    capacity = max(0, int(max_units))
    best_total = np.full(capacity + 1, -np.inf)
    locked = tuple(it for it in instance.items if it.id in fund)
    free = tuple(it for it in instance.items if it.id not in fund and it.id not in reject)
    locked_units = sum(it.max_units for it in locked)
    room = capacity - locked_units
    if room < 0:  # the fund locks alone do not fit
        take = np.zeros((len(free), capacity + 1), bool) if keep else None
        return KnapsackTable(best_total, free, take, locked)
    values = _item_values(instance)
    best, take = _dp([it.max_units for it in free], [values[it.id] for it in free], room, keep)
    best_total[locked_units:] = best + sum(values[it.id] for it in locked)
    # `take` stays room + 1 wide: units_at looks up budget - locked units, never more.
    return KnapsackTable(best_total, free, take, locked)


def _dp(weights: Sequence[int], values: Sequence[float], capacity: int,
        keep: bool) -> tuple[np.ndarray, np.ndarray | None]:
    best = np.zeros(capacity + 1)
    buf = np.empty(capacity + 1)
    take = np.zeros((len(weights), capacity + 1), bool) if keep else None
    for k, (w, v) in enumerate(zip(weights, values, strict=True)):
        if w > capacity or v <= 0:
            continue
        n = capacity + 1 - w
        cand = np.add(best[:n], v, out=buf[:n])  # reads the row before item k only
        if take is None:
            np.maximum(best[w:], cand, out=best[w:])
            continue
        row = take[k, w:]
        np.greater(cand, best[w:], out=row)
        np.copyto(best[w:], cand, where=row)
    return best, take


def knapsack_frontier(instance: Instance, max_units: int) -> np.ndarray:
    """best[b]: the optimal value at every budget b = 0..max_units (units), by DP."""
    return knapsack_table(instance, max_units, keep=False).best


def knapsack_solve(instance: Instance, budget_units: int | None = None) -> Result:
    """The optimal portfolio at one budget (default: the instance's), by DP.

    Same value as the integer program when `is_budget_only(instance)`; between portfolios
    of equal value either may return any one: the portfolio shown is then chosen by
    model.ties (by `knapsack_settle` here), the same whichever solver answered. Items that
    the LP bound proves in or out of every optimum are fixed first, so the DP runs on the
    few undecided ones only. Raises
    InfeasibleError when the fund locks alone exceed the budget.
    """
    budget = instance.rules.budget_units if budget_units is None else int(budget_units)
    validate_locks(instance)
    fixed_in, fixed_out = _fix_by_bounds(instance, budget)
    rules = instance.rules
    reduced = instance.with_rules(fund=rules.fund | fixed_in, reject=rules.reject | fixed_out)
    units = knapsack_table(reduced, budget).units_at(budget)
    if units is None:
        raise InfeasibleError(Message.of("solver.locks_over_budget", units=budget))
    return Result(status=OPTIMAL, objective=instance.value(units), units=units, solver="dp",
                  gap=0.0)


@dataclass(frozen=True)
class Core:
    """A budget-only instance reduced to the items no bound decides: the rest are in or out
    of every optimum (`_fix_by_bounds`), so the optimum is the fixed-in items plus the
    optimum of the core (`instance`: the undecided items, the budget that is left)."""

    fixed_in: tuple[Item, ...]
    instance: Instance

    @property
    def cells(self) -> int:
        """The size of the core's DP table."""
        return len(self.instance.items) * (self.instance.rules.budget_units + 1)

    def units(self, core_units: dict[str, int]) -> dict[str, int]:
        """A portfolio of the whole instance from one of the core."""
        return {**{it.id: it.max_units for it in self.fixed_in}, **core_units}


def knapsack_core(instance: Instance) -> Core:
    """The core of a budget-only instance at its budget; InfeasibleError when the fund
    locks alone exceed the budget."""
    validate_locks(instance)
    rules = instance.rules
    fixed_in, fixed_out = _fix_by_bounds(instance, rules.budget_units)
    decided_in = rules.fund | fixed_in
    decided = decided_in | rules.reject | fixed_out
    inside = tuple(it for it in instance.items if it.id in decided_in)
    room = rules.budget_units - sum(it.max_units for it in inside)
    if room < 0:
        raise InfeasibleError(Message.of("solver.locks_over_budget", units=rules.budget_units))
    core = replace(instance, items=tuple(it for it in instance.items if it.id not in decided),
                   rules=replace(rules, budget_units=room, fund=frozenset(),
                                 reject=frozenset()))
    return Core(inside, core)


def _fix_by_bounds(instance: Instance, budget: int, tol: float = _TOL
                   ) -> tuple[frozenset[str], frozenset[str]]:
    """Items in (out of) every optimum, by the Dantzig bound (Dembo-Hammer reduction).

    With r the ratio of the LP's break item, U the LP bound and L a feasible value (the
    greedy-by-ratio portfolio): forcing an LP item out costs at least v - w·r, forcing a
    non-LP item in at least w·r - v; when that drops the bound below L, the item is fixed.
    """
    rules = instance.rules
    locked = rules.fund | rules.reject
    free = [it for it in instance.items if it.id not in locked]
    room = budget - sum(it.max_units for it in instance.items if it.id in rules.fund)
    if not free or room < 0:
        return frozenset(), frozenset()
    w = np.array([it.max_units for it in free], dtype=float)
    values = _item_values(instance)
    v = np.array([values[it.id] for it in free])
    order = np.argsort(-v / w, kind="stable")
    cum = np.cumsum(w[order])
    nb = int(np.searchsorted(cum, room, side="right"))  # whole LP items, in ratio order
    if nb == len(free):
        return frozenset(it.id for it, val in zip(free, v, strict=True) if val > 0), frozenset()
    ratio = v[order[nb]] / w[order[nb]]
    upper = v[order[:nb]].sum() + (room - (cum[nb - 1] if nb else 0.0)) * ratio
    lower, left = 0.0, room
    for j in order:  # greedy by ratio, skipping misfits: a feasible value
        if w[j] <= left and v[j] > 0:
            lower, left = lower + v[j], left - w[j]
    margin = lower - tol * max(1.0, abs(lower))
    in_lp = np.zeros(len(free), bool)
    in_lp[order[:nb]] = True
    slack = v - w * ratio
    fix_in = in_lp & (upper - slack < margin) & (v > 0)
    fix_out = ~in_lp & ((w > room) | (upper + slack < margin) | (v <= 0))
    return (frozenset(free[k].id for k in np.flatnonzero(fix_in)),
            frozenset(free[k].id for k in np.flatnonzero(fix_out)))


# --- ties (model.ties): the portfolio the rule picks, by the DP ---------------------------

_TAKE, _ALT = 1, 2  # bits of the tie table: take the item; both choices are worth the optimum


def knapsack_settle(instance: Instance, target: Mapping[str, int], optimum: float,
                    tol: float) -> tuple[dict[str, int], bool] | None:
    """model.ties' rule on a budget-only instance, by the DP: among the portfolios worth
    `optimum` (within `tol`), the fewest additions + removals from `target`, then the one
    funding the earliest sorted id; and whether another optimal portfolio exists. None
    when the table would be too large (the caller uses the integer program).

    Items the LP bound puts in or out of every optimum (with twice the margin, so none
    within `tol` of it is lost) are fixed; a project worth nothing stays free (funding it
    or not is a tie). The DP runs over the rest in reverse id order, keeping per budget
    the best (value, -changes) and a table of choices; rebuilt in id order it takes an
    item whenever that is as good, which is the earliest-id portfolio."""
    validate_locks(instance)
    rules = instance.rules
    fixed_in, fixed_out = _fix_by_bounds(instance, rules.budget_units, 2 * _TOL)
    locked_in = rules.fund | fixed_in
    inside = [it for it in instance.items if it.id in locked_in]
    room = rules.budget_units - sum(it.max_units for it in inside)
    values = _item_values(instance)
    free = sorted((it for it in instance.items
                   if it.id not in locked_in and it.id not in rules.reject
                   and (it.id not in fixed_out or values[it.id] <= 0)
                   and it.max_units <= room), key=lambda it: it.id)
    if room < 0 or len(free) * (room + 1) > DP_MAX_CELLS:
        return None
    table = _tie_table(instance, free, target, room, tol)
    units = {it.id: it.max_units for it in inside}
    other, b = False, room
    for k, it in enumerate(free):
        other = other or bool(table[k, b] & _ALT)
        if table[k, b] & _TAKE:
            units[it.id] = it.max_units
            b -= it.max_units
    return units, other


def _tie_table(instance: Instance, free: Sequence[Item], target: Mapping[str, int],
               room: int, tol: float) -> np.ndarray:
    """Choices of the tie DP: over items k.. (k from the last), per budget 0..room. Below an
    item's units it cannot be taken (its row stays 0: neither taken nor tied), so only the
    budgets from its units up are compared."""
    values = _item_values(instance)
    size = room + 1
    value = np.zeros(size)
    changes = np.zeros(size, dtype=np.int32)  # at most one per item
    table = np.zeros((len(free), size), dtype=np.uint8)
    # Buffers the passes below write into (in place: a large table is free x room cells,
    # and a fresh array per pass would be most of its time); the float operations are
    # the ones written in the comments, value for value.
    take_v, work = np.empty(size), np.empty(size)
    take_c = np.empty(size, dtype=np.int32)
    same, take, better = (np.empty(size, dtype=bool) for _ in range(3))
    for k in range(len(free) - 1, -1, -1):
        it = free[k]
        w, v = it.max_units, values[it.id]
        in_target = it.id in target
        if in_target:  # skipping it is one change more
            changes += 1
        n = size - w
        tv, tc, d = take_v[:n], take_c[:n], work[:n]
        sm, tk, bt = same[:n], take[:n], better[:n]
        skip_v, skip_c = value[w:], changes[w:]
        np.add(value[:n], v, out=tv)  # take_v = value[:n] + v
        # take_c = changes[:n] - 1 if in_target else changes[:n] + 1 (from before the skip)
        np.add(changes[:n], -1 if in_target else 1, out=tc)
        np.subtract(tv, skip_v, out=d)
        np.abs(d, out=d)
        np.less_equal(d, tol, out=sm)  # same = |take_v - skip_v| <= tol
        np.add(skip_v, tol, out=d)
        np.greater(tv, d, out=bt)  # take_v > skip_v + tol
        np.less_equal(tc, skip_c, out=tk)
        tk &= sm
        tk |= bt  # take = better | (same & (take_c <= skip_c))
        row = table[k, w:]
        np.copyto(row, sm)
        row <<= 1  # _ALT
        row |= tk.view(np.uint8)  # _TAKE
        np.copyto(skip_v, tv, where=tk)  # value[w:] = where(take, take_v, skip_v)
        np.copyto(skip_c, tc, where=tk)
    return table


def choose_method(instance: Instance, method: str = "auto",
                  capacity: int | None = None) -> str:
    """"dp" when the knapsack DP is exact and its table (items x budget units, up to
    `capacity`, default the instance's budget) stays under DP_MAX_CELLS, else "ip".
    "dp" or "ip" forces a method ("dp" only where it is exact)."""
    if method not in ("auto", "dp", "ip"):
        raise ScenarioError(Message.of("solver.method.choice", method=method))
    if method == "dp" and not is_budget_only(instance):
        raise ScenarioError(Message.of("solver.method.dp_not_exact"))
    if method != "auto":
        return method
    cap = instance.rules.budget_units if capacity is None else capacity
    small = len(instance.items) * (cap + 1) <= DP_MAX_CELLS
    return "dp" if is_budget_only(instance) and small else "ip"
