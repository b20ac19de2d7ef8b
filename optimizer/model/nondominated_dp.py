"""Every non-dominated portfolio when only the budget binds: a dynamic programme over the
applications (Liesiö, Mild and Salo 2007), each step keeping the partial portfolios that no
other of at most the same cost dominates.

Why that is exact: if partial p (over the applications taken so far) dominates partial q and
costs no more, then for any set R of later applications that fits beside q, p + R fits too
and dominates q + R (the applications in one and not the other are the same as between p
and q), so no completion of q is non-dominated. The same holds when a whole feasible
portfolio s (an incumbent) dominates every completion of p: that is checked with an upper
bound on what the later applications can add at each extreme point (the fractional
knapsack over them, with s's own applications at their lower ends, as they cancel in the
comparison). What survives the last step contains every non-dominated portfolio; one
pairwise pass (model.dominance) leaves exactly them.

The pairwise test needs, for every two partial portfolios, what their shared applications
are worth between the lower and upper ends (the width), kept as one matrix per step; the
count of partial portfolios is therefore capped (`max_states`): past it the DP gives up and
says so (None), and the caller goes on by integer programming.
"""

from __future__ import annotations

import numpy as np

from optimizer.model.dominance import Values
from optimizer.model.instance import Instance
from optimizer.model.knapsack import knapsack_solve

MAX_STATES = 3000


def dp_nondominated(instance: Instance, vals: Values, max_states: int = MAX_STATES
                    ) -> list[frozenset[str]] | None:
    """The non-dominated portfolios of a budget-only `instance` (model.knapsack's
    is_budget_only), or None when the partial portfolios outgrow `max_states`."""
    at = vals.index()
    rules = instance.rules
    fixed = sorted(rules.fund)
    free = [it for it in instance.items if it.id not in rules.fund and it.id not in rules.reject]
    budget = rules.budget_units - sum(instance.item(i).max_units for i in fixed)
    rows = [at[it.id] for it in free]
    lo, hi = vals.lo[rows], vals.hi[rows]
    cost = np.array([it.max_units for it in free], dtype=np.int64)
    order = np.argsort(-(lo.mean(axis=1) + 1e-12) / np.maximum(cost, 1), kind="stable")
    lo, hi, cost = lo[order], hi[order], cost[order]
    ids = [free[k].id for k in order]
    incumbents = _incumbents(instance, vals, ids)
    kept = _run(lo, hi, cost, budget, incumbents, vals.tol, max_states)
    if kept is None:
        return None
    return [frozenset([*fixed, *(ids[k] for k in np.nonzero(row)[0])]) for row in kept]


def _incumbents(instance: Instance, vals: Values, ids: list[str]) -> np.ndarray:
    """Feasible portfolios to bound with: the optimum at each extreme point, scores at the
    lower ends and at the middle (rows over `ids`)."""
    worth = np.array([instance.weight(it) * it.max_units / it.need for it in instance.items])
    rows = []
    for t in range(vals.lo.shape[1]):
        for value in (vals.lo[:, t], (vals.lo[:, t] + vals.hi[:, t]) / 2):
            found = knapsack_solve(instance.with_scores(value / np.maximum(worth, 1e-300)))
            rows.append([i in found.units for i in ids])
    return np.array(rows, bool).reshape(-1, len(ids))


class _States:
    """The partial portfolios of one step, with what the pairwise test needs."""

    def __init__(self, n: int, points: int) -> None:
        self.member = np.zeros((1, n), bool)
        self.cost = np.zeros(1, np.int64)
        self.lo = np.zeros((1, points))
        self.hi = np.zeros((1, points))
        self.width = np.zeros((1, 1, points))  # [a, b, t]: the shared applications' width

    def extend(self, j: int, lo: np.ndarray, hi: np.ndarray, cost: int, budget: int) -> None:
        """Each state, and each with application j where it fits."""
        fits = np.nonzero(self.cost + cost <= budget)[0]
        old = len(self.cost)
        grown = self.member[fits].copy()
        grown[:, j] = True
        self.member = np.vstack([self.member, grown])
        self.cost = np.concatenate([self.cost, self.cost[fits] + cost])
        self.lo = np.vstack([self.lo, self.lo[fits] + lo])
        self.hi = np.vstack([self.hi, self.hi[fits] + hi])
        index = np.concatenate([np.arange(old), fits])
        self.width = self.width[np.ix_(index, index)]
        self.width[old:, old:] += hi - lo

    def keep(self, rows: np.ndarray) -> None:
        self.member, self.cost = self.member[rows], self.cost[rows]
        self.lo, self.hi = self.lo[rows], self.hi[rows]
        self.width = self.width[np.ix_(rows, rows)]

    def dominated(self, tol: float, by_cost: bool) -> np.ndarray:
        """Per state: whether another (of at most its cost, when `by_cost`) dominates it."""
        worst = self.lo[:, None, :] - self.hi[None, :, :] + self.width
        best = self.hi[:, None, :] - self.lo[None, :, :] - self.width
        dom = (worst >= -tol).all(axis=2) & (best > tol).any(axis=2)
        if by_cost:
            dom &= self.cost[:, None] <= self.cost[None, :]
        np.fill_diagonal(dom, False)
        return dom.any(axis=0)


def _run(lo: np.ndarray, hi: np.ndarray, cost: np.ndarray, budget: int,
         incumbents: np.ndarray, tol: float, max_states: int) -> np.ndarray | None:
    n, points = lo.shape
    states = _States(n, points)
    if budget < 0:
        return np.zeros((0, n), bool)
    for j in range(n):
        states.extend(j, lo[j], hi[j], int(cost[j]), budget)
        alive = ~states.dominated(tol, by_cost=True)
        alive &= ~_bounded_out(states, j, lo, hi, cost, budget, incumbents, tol)
        states.keep(np.nonzero(alive)[0])
        if len(states.cost) > max_states:
            return None
    return states.member[~states.dominated(tol, by_cost=False)]


def _bounded_out(states: _States, j: int, lo: np.ndarray, hi: np.ndarray, cost: np.ndarray,
                 budget: int, incumbents: np.ndarray, tol: float) -> np.ndarray:
    """Per state: whether an incumbent dominates every completion of it (module doc):
    at every point, the incumbent's worst case beats the state's best plus the most the
    later applications can add, strictly at one."""
    out = np.zeros(len(states.cost), bool)
    room = budget - states.cost
    for s in incumbents:
        beaten = np.ones(len(states.cost), bool)
        strict = np.zeros(len(states.cost), bool)
        for t in range(lo.shape[1]):
            gain = _fractional(np.where(s, lo[:, t], hi[:, t]), cost, j + 1, room)
            shared = (states.member & s).astype(float) @ (hi[:, t] - lo[:, t])
            margin = lo[s, t].sum() - states.hi[:, t] + shared - gain
            beaten &= margin >= -tol
            strict |= margin > tol
        out |= beaten & strict
    return out


def _fractional(value: np.ndarray, cost: np.ndarray, start: int, room: np.ndarray
                ) -> np.ndarray:
    """The fractional knapsack's value over applications start.. for each capacity."""
    rest = np.arange(start, len(value))
    rest = rest[value[rest] > 0]
    if not len(rest):
        return np.zeros(len(room))
    rest = rest[np.argsort(-value[rest] / np.maximum(cost[rest], 1), kind="stable")]
    spent = np.concatenate([[0], np.cumsum(cost[rest])])
    worth = np.concatenate([[0.0], np.cumsum(value[rest])])
    whole = np.searchsorted(spent, room, side="right") - 1
    out = worth[whole].astype(float)
    part = whole < len(rest)
    k = whole[part]
    out[part] += (room[part] - spent[k]) * value[rest[k]] / np.maximum(cost[rest[k]], 1)
    return out
