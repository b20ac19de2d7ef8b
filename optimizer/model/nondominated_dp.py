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
are worth between the lower and upper ends (the width), kept as one matrix per extreme
point. Only pairs with one old and one new partial portfolio are tested at each step: the
old ones were tested against one another before, and two new ones (both with application j)
compare as their old selves did. The incumbents are the optima at the extreme points, at
their centre and at seeded mixtures of them (scores low and in the middle): the more of
them, and the closer to good everywhere in S, the more partial portfolios the bound removes
early. The applications go from the least value per euro up (measured on the 2020 round:
the fewest partial portfolios on the way). The count of partial portfolios is capped
(`max_states`, by default what keeps the width matrices near 0.35 GB): past it the DP gives
up and says so (None). The caller then lists what `sampled_nondominated` finds: optima at
weights inside S and scores inside the intervals, each provably non-dominated, but not
necessarily all of them (on the 2020 round with the groups ranked and ±10 % scores the
partial portfolios grow by about half at each application, whatever the order tried, and
the integer programs take 10-30 s each: neither finishes in minutes).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from optimizer.model.dominance import Values, item_worth
from optimizer.model.instance import Instance
from optimizer.model.knapsack import knapsack_solve

MATRIX_CELLS = 45_000_000  # states^2 x points: float64 widths, about 0.35 GB (twice at a step)
MIXTURES = 48  # seeded mixtures of the extreme points whose optima are incumbents
SAMPLE_DRAWS = 4000  # most draws of sampled_nondominated (a count, not a clock: same answer)
SAMPLE_STALE = 2000  # draws in a row without a new portfolio: sampled_nondominated stops


def default_cap(points: int) -> int:
    """The default cap on the partial portfolios for `points` extreme points."""
    return int((MATRIX_CELLS / max(points, 1)) ** 0.5)


def dp_nondominated(instance: Instance, vals: Values, max_states: int | None = None
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
    order = np.argsort((lo.mean(axis=1) + 1e-12) / np.maximum(cost, 1), kind="stable")
    lo, hi, cost = lo[order], hi[order], cost[order]
    ids = [free[k].id for k in order]
    incumbents = _incumbents(instance, vals, ids)
    cap = default_cap(lo.shape[1]) if max_states is None else max_states
    kept = _run(lo, hi, cost, budget, incumbents, vals.tol, cap)
    if kept is None:
        return None
    return [frozenset([*fixed, *(ids[k] for k in np.nonzero(row)[0])]) for row in kept]


def _incumbents(instance: Instance, vals: Values, ids: list[str]) -> np.ndarray:
    """Feasible portfolios to bound with (rows over `ids`): the optimum at each extreme
    point, at their centre and at `MIXTURES` seeded mixtures, scores at the lower ends and
    at the middle; each once."""
    optimum = _optimum_at(instance)
    points = vals.lo.shape[1]
    mixes = np.vstack([np.eye(points), np.full((1, points), 1 / points),
                       np.random.default_rng(0).dirichlet(np.ones(points), size=MIXTURES)])
    rows: dict[tuple[bool, ...], None] = {}
    for mix in mixes:
        for value in (vals.lo @ mix, (vals.lo + vals.hi) @ mix / 2):
            found = optimum(value)
            rows.setdefault(tuple(i in found for i in ids), None)
    return np.array(list(rows), bool).reshape(-1, len(ids))


class _States:
    """The partial portfolios of one step, with what the pairwise test needs."""

    def __init__(self, n: int, points: int) -> None:
        self.member = np.zeros((1, n), bool)
        self.cost = np.zeros(1, np.int64)
        self.lo = np.zeros((1, points))
        self.hi = np.zeros((1, points))
        # per point t, [a, b]: what the applications a and b share are worth hi - lo
        self.width = [np.zeros((1, 1)) for _ in range(points)]

    def __len__(self) -> int:
        return len(self.cost)

    def step(self, j: int, lo: np.ndarray, hi: np.ndarray, cost: int, budget: int,
             tol: float, bounded: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
             cap: int) -> bool:
        """Add, beside each state, the state with application j where it fits; keep those
        that no other of at most their cost dominates (old against new only: module doc)
        and that `bounded` (members, costs, best values) does not rule out. False, and
        nothing changed, when more than `cap` would be kept."""
        fits = np.nonzero(self.cost + cost <= budget)[0]
        old_out = np.zeros(len(self), bool)
        new_out = np.zeros(len(fits), bool)
        if len(fits):
            # a (old) against b + j: margins shift by -hi_j / -lo_j; a + j against b: +lo_j / +hi_j
            at_least_on = np.ones((len(self), len(fits)), bool)
            at_least_no = np.ones((len(self), len(fits)), bool)
            more_on = np.zeros((len(self), len(fits)), bool)
            more_no = np.zeros((len(self), len(fits)), bool)
            for t, width in enumerate(self.width):
                shared = width[:, fits]  # [a, b]: a old, b in fits
                la, ha = self.lo[:, t][:, None], self.hi[:, t][:, None]
                lb, hb = self.lo[fits, t][None, :], self.hi[fits, t][None, :]
                # old a dominates new b + j
                at_least_on &= la - hb - hi[t] + shared >= -tol
                more_on |= ha - lb - lo[t] - shared > tol
                # new b + j dominates old a
                at_least_no &= lb + lo[t] - ha + shared >= -tol
                more_no |= hb + hi[t] - la - shared > tol
            cheaper = self.cost[:, None] <= self.cost[fits][None, :] + cost
            new_out = np.asarray((at_least_on & more_on & cheaper).any(axis=0))
            dearer = self.cost[fits][None, :] + cost <= self.cost[:, None]
            old_out = np.asarray((at_least_no & more_no & dearer).any(axis=1))
        old, new = np.nonzero(~old_out)[0], fits[~new_out]
        member = np.vstack([self.member[old], self.member[new]])
        member[len(old):, j] = True
        out = bounded(member, np.concatenate([self.cost[old], self.cost[new] + cost]),
                      np.vstack([self.hi[old], self.hi[new] + hi]))
        old, new = old[~out[:len(old)]], new[~out[len(old):]]
        if len(old) + len(new) > cap:
            return False
        self._grow(j, lo, hi, cost, old, new)
        return True

    def _grow(self, j: int, lo: np.ndarray, hi: np.ndarray, cost: int, old: np.ndarray,
              new: np.ndarray) -> None:
        """Keep the states `old` and add `new` (indices of states that take j)."""
        grown = self.member[new].copy()
        grown[:, j] = True
        self.member = np.vstack([self.member[old], grown])
        self.cost = np.concatenate([self.cost[old], self.cost[new] + cost])
        self.lo = np.vstack([self.lo[old], self.lo[new] + lo])
        self.hi = np.vstack([self.hi[old], self.hi[new] + hi])
        index = np.concatenate([old, new])
        k = len(old)
        for t, width in enumerate(self.width):
            grown_w = width[np.ix_(index, index)]
            grown_w[k:, k:] += hi[t] - lo[t]
            self.width[t] = grown_w

    def dominated(self, tol: float) -> np.ndarray:
        """Per state: whether another dominates it (whatever their costs)."""
        n = len(self)
        at_least = np.ones((n, n), bool)
        more = np.zeros((n, n), bool)
        for t, width in enumerate(self.width):
            lo, hi = self.lo[:, t], self.hi[:, t]
            at_least &= lo[:, None] - hi[None, :] + width >= -tol
            more |= hi[:, None] - lo[None, :] - width > tol
        dom = at_least & more
        np.fill_diagonal(dom, False)
        return np.asarray(dom.any(axis=0))


def _run(lo: np.ndarray, hi: np.ndarray, cost: np.ndarray, budget: int,
         incumbents: np.ndarray, tol: float, max_states: int) -> np.ndarray | None:
    n, points = lo.shape
    states = _States(n, points)
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
    whether an incumbent dominates every completion of it (module doc): at every point,
    the incumbent's worst case beats the state's best plus the most the later applications
    can add, strictly at one."""
    out = np.zeros(len(spent), bool)
    room = budget - spent
    for s in incumbents:
        beaten = np.ones(len(spent), bool)
        strict = np.zeros(len(spent), bool)
        for t in range(lo.shape[1]):
            gain = _fractional(np.where(s, lo[:, t], hi[:, t]), cost, j + 1, room)
            shared = (member & s).astype(float) @ (hi[:, t] - lo[:, t])
            margin = lo[s, t].sum() - best[:, t] + shared - gain
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
