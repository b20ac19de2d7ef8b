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

The pairwise test needs, for two partial portfolios, what their shared applications are
worth between the lower and upper ends (the width); it is computed for the pairs at hand,
a block of states at a time, so memory grows with the states rather than their square.
Only pairs with one old and one new partial portfolio are tested at each step: the old
ones were tested against one another before, and two new ones (both with application j)
compare as their old selves did. The incumbents are the optima at the extreme points, at
their centre and at seeded mixtures of them (scores low and in the middle), and any more
the caller passes: the more of them, and the closer to the non-dominated set, the more
partial portfolios the bound removes early. The applications go from the least value per
euro up (measured on the 2020 round: the fewest partial portfolios on the way). The count
of partial portfolios is capped (`max_states`; a count, so the same inputs give the same
answer on any machine): past it the DP gives up and says so (None).

Past the first cap (`FIRST_CAP`) the caller (model.nondominated) samples non-dominated
optima (`sampled_nondominated`), grows feasible portfolios near them
(model.nondominated_near) and runs the DP again with those as incumbents and a wider cap
(`WIDE_CAP`). Measured on the 2020 round with the groups ranked and ±10 % scores: with the
optima alone the partial portfolios pass 12,000 at the 21st application; with the 1,750
near portfolios they peak at about 7,900 and the DP finishes with all 1,902
non-dominated portfolios.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import partial

import numpy as np

from optimizer.model.dominance import Values, dominates_by_sums, item_worth
from optimizer.model.instance import Instance
from optimizer.model.knapsack import knapsack_solve

FIRST_CAP = 4000  # partial portfolios at a step, first try (bounded by the optima alone)
WIDE_CAP = 12_000  # the same, bounded by the portfolios near the sampled ones
BLOCK = 512  # states compared at a time (memory: BLOCK x states floats per array)
MIXTURES = 48  # seeded mixtures of the extreme points whose optima are incumbents
SAMPLE_DRAWS = 4000  # most draws of sampled_nondominated (a count, not a clock: same answer)
SAMPLE_STALE = 2000  # draws in a row without a new portfolio: sampled_nondominated stops


def dp_nondominated(instance: Instance, vals: Values, max_states: int | None = None,
                    near: Collection[frozenset[str]] = ()) -> list[frozenset[str]] | None:
    """The non-dominated portfolios of a budget-only `instance` (model.knapsack's
    is_budget_only), or None when the partial portfolios outgrow `max_states` (by default
    `FIRST_CAP`, or `WIDE_CAP` with `near`: more feasible portfolios to bound with)."""
    at = vals.index()
    rules = instance.rules
    fixed = sorted(rules.fund)
    free = [it for it in instance.items if it.id not in rules.fund and it.id not in rules.reject]
    budget = rules.budget_units - sum(instance.item(i).max_units for i in fixed)
    rows = [at[it.id] for it in free]
    lo, hi = vals.lo[rows], vals.hi[rows]
    cost = np.array([it.max_units for it in free], dtype=np.int64)
    order = np.argsort((lo.mean(axis=1) + 1e-12) / np.maximum(cost, 1), kind="stable")
    lo, hi, cost = lo[order], hi[order], cost[order]
    ids = [free[k].id for k in order]
    incumbents = _incumbents(instance, vals, ids, near)
    cap = max_states if max_states is not None else WIDE_CAP if near else FIRST_CAP
    kept = _run(lo, hi, cost, budget, incumbents, vals.tol, cap)
    if kept is None:
        return None
    return [frozenset([*fixed, *(ids[k] for k in np.nonzero(row)[0])]) for row in kept]


def _incumbents(instance: Instance, vals: Values, ids: list[str],
                near: Collection[frozenset[str]]) -> np.ndarray:
    """Feasible portfolios to bound with (rows over `ids`): the optimum at each extreme
    point, at their centre and at `MIXTURES` seeded mixtures, scores at the lower ends and
    at the middle, then `near`; each once."""
    optimum = _optimum_at(instance)
    points = vals.lo.shape[1]
    mixes = np.vstack([np.eye(points), np.full((1, points), 1 / points),
                       np.random.default_rng(0).dirichlet(np.ones(points), size=MIXTURES)])
    rows: dict[tuple[bool, ...], None] = {}
    for mix in mixes:
        for value in (vals.lo @ mix, (vals.lo + vals.hi) @ mix / 2):
            found = optimum(value)
            rows.setdefault(tuple(i in found for i in ids), None)
    for p in near:
        rows.setdefault(tuple(i in p for i in ids), None)
    return np.array(list(rows), bool).reshape(-1, len(ids))


class _States:
    """The partial portfolios of one step: members, costs, and worth at each point with
    every score low and high. What two of them share is worth hi - lo less than their two
    sums say; that is computed for the pairs at hand (a product of their member rows,
    `BLOCK` rows at a time) rather than kept, so memory grows with the states, not their
    square."""

    def __init__(self, width: np.ndarray) -> None:
        n, points = width.shape
        self._width = [width[:, t] for t in range(points)]  # per point: each item's hi - lo
        self.member = np.zeros((1, n), bool)
        self.cost = np.zeros(1, np.int64)
        self.lo = np.zeros((1, points))
        self.hi = np.zeros((1, points))

    def __len__(self) -> int:
        return len(self.cost)

    def step(self, j: int, lo: np.ndarray, hi: np.ndarray, cost: int, budget: int,
             tol: float, bounded: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
             cap: int) -> bool:
        """Add, beside each state, the state with application j where it fits; drop those
        that `bounded` (members, costs, best values) rules out, then those that another of
        at most their cost dominates (old against new only: module doc). False, and nothing
        changed, when more than `cap` would be kept."""
        fits = np.nonzero(self.cost + cost <= budget)[0]
        member = np.vstack([self.member, self.member[fits]])
        member[len(self):, j] = True
        out = bounded(member, np.concatenate([self.cost, self.cost[fits] + cost]),
                      np.vstack([self.hi, self.hi[fits] + hi]))
        old, new = np.nonzero(~out[:len(self)])[0], fits[~out[len(self):]]
        old_out, new_out = self._versus(old, new, lo, hi, cost, tol)
        old, new = old[~old_out], new[~new_out]
        if len(old) + len(new) > cap:
            return False
        grown = self.member[new].copy()
        grown[:, j] = True
        self.member = np.vstack([self.member[old], grown])
        self.cost = np.concatenate([self.cost[old], self.cost[new] + cost])
        self.lo = np.vstack([self.lo[old], self.lo[new] + lo])
        self.hi = np.vstack([self.hi[old], self.hi[new] + hi])
        return True

    def _versus(self, old: np.ndarray, new: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                cost: int, tol: float) -> tuple[np.ndarray, np.ndarray]:
        """Which of the states `old` a state b + j of `new` dominates, and which of `new`
        an old one dominates (b + j against a: margins shift by lo_j / hi_j)."""
        old_out = np.zeros(len(old), bool)
        new_out = np.zeros(len(new), bool)
        if not len(old) or not len(new):
            return old_out, new_out
        lb, hb, cb = self.lo[new] + lo, self.hi[new] + hi, self.cost[new] + cost
        for rows in _blocks(len(old)):
            a = old[rows]
            shared = self._shared(a, new)
            on = dominates_by_sums(self.lo[a], self.hi[a], hb, lb, shared, tol)
            new_out |= (on & (self.cost[a][:, None] <= cb[None, :])).any(axis=0)
            back = dominates_by_sums(lb, hb, self.hi[a], self.lo[a], _transposed(shared), tol)
            old_out[rows] = (back & (cb[:, None] <= self.cost[a][None, :])).any(axis=0)
        return old_out, new_out

    def _shared(self, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        """Per point t, [a, b]: hi - lo of what states a and b share (j in neither)."""
        ma, mb = self.member[a].astype(float), self.member[b].astype(float)
        return [ma @ (mb * w).T for w in self._width]

    def dominated(self, tol: float) -> np.ndarray:
        """Per state: whether another dominates it (whatever their costs)."""
        n = len(self)
        out = np.zeros(n, bool)
        every = np.arange(n)
        for rows in _blocks(n):
            dom = dominates_by_sums(self.lo[rows], self.hi[rows], self.hi, self.lo,
                             self._shared(every[rows], every), tol)
            dom[np.arange(len(every[rows])), every[rows]] = False
            out |= dom.any(axis=0)
        return out


def _blocks(n: int) -> list[slice]:
    return [slice(k, min(k + BLOCK, n)) for k in range(0, n, BLOCK)]


def _transposed(mats: list[np.ndarray]) -> list[np.ndarray]:
    return [m.T for m in mats]


def _run(lo: np.ndarray, hi: np.ndarray, cost: np.ndarray, budget: int,
         incumbents: np.ndarray, tol: float, max_states: int) -> np.ndarray | None:
    n = lo.shape[0]
    states = _States(hi - lo)
    if budget < 0:
        return np.zeros((0, n), bool)
    for j in range(n):
        bounded = partial(_bounded_out, j=j, lo=lo, hi=hi, cost=cost, budget=budget,
                          incumbents=incumbents, tol=tol)
        if not states.step(j, lo[j], hi[j], int(cost[j]), budget, tol, bounded, max_states):
            return None
    return states.member[~states.dominated(tol)]


def _bounded_out(member: np.ndarray, spent: np.ndarray, best: np.ndarray, *, j: int,
                 lo: np.ndarray, hi: np.ndarray, cost: np.ndarray, budget: int,
                 incumbents: np.ndarray, tol: float) -> np.ndarray:
    """Per state (rows of `member`, costing `spent`, worth `best` at most at each point):
    whether an incumbent s dominates every completion of it (module doc): at every point,
    s's worst case beats the state's best plus the most the later applications can add
    (valued low where s funds them, as they then cancel, high elsewhere), strictly at one.
    First with every later application high for all incumbents at once (a looser bound);
    then, for the states left, with each incumbent's own values, for the pairs that the
    later applications all valued low (a bound the other way) do not already rule out."""
    out = np.zeros(len(spent), bool)
    if not len(incumbents) or not len(spent):
        return out
    room = budget - spent
    points = lo.shape[1]
    loose, least = _by_point(hi, cost, j + 1, room), _by_point(lo, cost, j + 1, room)
    inc = incumbents.astype(float)
    inc_lo = inc @ lo
    inc_width = [(inc * (hi[:, t] - lo[:, t])).T for t in range(points)]
    own = [_Fractional(np.where(incumbents, lo[:, t], hi[:, t]), cost, j + 1)
           for t in range(points)]
    for rows in _blocks(len(spent)):
        mem = member[rows].astype(float)
        # [state, s]: s's worst case less the state's best, before the later applications
        base = [inc_lo[:, t][None, :] - best[rows, t][:, None] + mem @ inc_width[t]
                for t in range(points)]
        beaten = np.ones(base[0].shape, bool)
        strict = np.zeros(base[0].shape, bool)
        maybe = np.ones(base[0].shape, bool)
        for t, b in enumerate(base):
            beaten &= b - loose[rows, t][:, None] >= -tol
            strict |= b - loose[rows, t][:, None] > tol
            maybe &= b - least[rows, t][:, None] >= -tol
        done = np.asarray((beaten & strict).any(axis=1))
        maybe[done] = False
        state, s = np.nonzero(maybe)
        more = np.zeros(len(state), bool)
        for t, b in enumerate(base):  # pairs short at a point are dropped before the next
            margin = b[state, s] - own[t].value(s, room[rows][state])
            ok = margin >= -tol
            state, s, more = state[ok], s[ok], more[ok] | (margin[ok] > tol)
        done[state[more]] = True
        out[rows] = done
    return out


class _Fractional:
    """The fractional knapsack over applications start.. for many value rows at once
    (one per incumbent, or per point): each row's applications by value per euro,
    cumulated."""

    def __init__(self, values: np.ndarray, cost: np.ndarray, start: int) -> None:
        v = values[:, start:]
        useful = v > 0
        c = np.where(useful, cost[start:][None, :], 0)
        v = np.where(useful, v, 0.0)
        order = np.argsort(-np.where(useful, v / np.maximum(c, 1), -1.0), axis=1,
                           kind="stable")
        self.cost = np.take_along_axis(c, order, 1)
        self.worth = np.take_along_axis(v, order, 1)
        rows = len(v)
        self.spent = np.hstack([np.zeros((rows, 1), np.int64), np.cumsum(self.cost, 1)])
        self.total = np.hstack([np.zeros((rows, 1)), np.cumsum(self.worth, 1)])

    def value(self, which: np.ndarray, room: np.ndarray) -> np.ndarray:
        """The value of row which[k] at capacity room[k] (room >= 0), for every k."""
        width = self.spent.shape[1]
        if width == 1 or not len(which):
            return np.zeros(len(which))
        # one search over the rows laid end to end, each shifted past the one before
        span = int(max(self.spent[:, -1].max(), room.max())) + 1
        flat = (self.spent + np.arange(len(self.spent))[:, None] * span).ravel()
        whole = np.searchsorted(flat, room + which * span, side="right") - 1 - which * width
        out = self.total[which, whole]
        part = whole < width - 1
        k, w = whole[part], which[part]
        out[part] += (room[part] - self.spent[w, k]) * self.worth[w, k] / np.maximum(
            self.cost[w, k], 1)
        return out


def _by_point(value: np.ndarray, cost: np.ndarray, start: int, room: np.ndarray
              ) -> np.ndarray:
    """[state, t]: the fractional knapsack's value over applications start.. with the
    values `value`[:, t], at each state's `room`."""
    rows = _Fractional(value.T, cost, start)
    return np.stack([rows.value(np.full(len(room), t), room) for t in range(len(value.T))], 1)


def sampled_nondominated(instance: Instance, vals: Values, limit: int,
                         draws: int = SAMPLE_DRAWS, seed: int = 0, stale: int = SAMPLE_STALE
                         ) -> list[frozenset[str]]:
    """Non-dominated portfolios of a budget-only `instance` found without enumerating: the
    optima at seeded mixtures of the extreme points (every point weighed at least
    0.02 / points, most near one point or an edge) with each application's scores strictly
    inside its intervals, near one end or the other at random (measured on the 2020 round
    with the groups ranked and ±10 %: six times as many distinct optima per draw as scores
    drawn evenly over the middle of the intervals).

    Each is non-dominated: if q dominated such an optimum p, q would be worth at least as
    much as p at every extreme point with the scores at the ends least favourable to q,
    and more at one of them or by the intervals' widths; at the mixture, with scores inside
    the intervals, q would then be worth strictly more than p, which is optimal there. Stops
    past `limit` of them (so there are more than `limit`), after `draws` draws, or when
    `stale` draws in a row found no new one: counts, so the same inputs give the same list
    on any machine."""
    optimum = _optimum_at(instance)
    at = vals.index()
    rows = [at[it.id] for it in instance.items]
    lo, width = vals.lo[rows], vals.hi[rows] - vals.lo[rows]
    points = lo.shape[1]
    rng = np.random.default_rng(seed)
    found: dict[frozenset[str], None] = {}
    since = 0
    for _ in range(draws):
        if len(found) > limit or since >= stale:
            break
        mix = 0.02 / points + 0.98 * rng.dirichlet(np.full(points, 0.3))
        inside = rng.choice([0.02, 0.98], len(rows))
        value = (lo + inside[:, None] * width) @ mix
        p = optimum(value)
        since = 0 if p not in found else since + 1
        found.setdefault(p, None)
    return list(found)


def _optimum_at(instance: Instance) -> Callable[[np.ndarray], frozenset[str]]:
    """The knapsack optimum when each item (instance order) is worth `value` in full:
    its score is value / worth, as Instance.item_value counts it."""
    worth = np.maximum(item_worth(instance), 1e-300)
    return lambda value: frozenset(knapsack_solve(instance.with_scores(value / worth)).units)
