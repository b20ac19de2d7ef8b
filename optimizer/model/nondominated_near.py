"""Feasible portfolios near the non-dominated ones, for the DP's bound (model.nondominated_dp).

The DP drops a partial portfolio when one whole feasible portfolio (an incumbent) dominates
every completion of it; the closer the incumbents come to the whole non-dominated set, the
more it drops, and the fewer partial portfolios it carries. The optima it samples are a
few hundred of them. From each portfolio, every exchange of one application for another
that then fits, filled up with what still fits (best value per euro first, so that no
application that fits is left out), gives a neighbour; a neighbour is kept when none kept
so far dominates it, and explored in turn, until none is left or `limit` are kept. Nothing
here is proven non-dominated: the DP decides, these only bound it. Measured on the 2020
round with the groups ranked and ±10 % scores: 230 sampled optima grow to 1,750 portfolios
in 2.5 s, 1,723 of them among the 1,902 non-dominated ones, and the DP's largest step falls
from past 12,000 partial portfolios to about 7,900.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from optimizer.model.dominance import Values, dominates_by_sums
from optimizer.model.instance import Instance

NEAR_LIMIT = 4000  # portfolios kept at most (a count: the same list on any machine)
NEAR_EXCHANGES = 500_000  # exchanges tried at most (the 2020 ranked case tries 138,000)


def near_portfolios(instance: Instance, vals: Values, seeds: Collection[frozenset[str]],
                    limit: int = NEAR_LIMIT, exchanges: int = NEAR_EXCHANGES
                    ) -> list[frozenset[str]]:
    """`seeds` and the feasible portfolios found near them (module doc), for a budget-only
    instance without synergy bonuses; each fills the budget as far as one more application
    would not fit. Stops after `exchanges` exchanges tried (large rounds)."""
    ids = [it.id for it in instance.items]
    at = vals.index()
    rows = [at[i] for i in ids]
    space = _Space(instance, vals.lo[rows], vals.hi[rows], vals.tol)
    kept = [np.array([i in p for i in ids]) for p in seeds]
    seen = {k.tobytes() for k in kept}
    space.know(np.array(kept, bool).reshape(-1, len(ids)))
    head = 0
    while head < len(kept) and len(kept) < limit and exchanges > 0:
        fresh = []
        tried = space.exchanges(kept[head], exchanges)
        exchanges -= len(tried)
        for q in tried:
            if q.tobytes() not in seen:
                seen.add(q.tobytes())
                fresh.append(q)
        head += 1
        if fresh:
            new = np.array(fresh)[~space.dominated(np.array(fresh))][:limit - len(kept)]
            space.know(new)
            kept.extend(new)
    return [frozenset(i for i, on in zip(ids, k, strict=True) if on) for k in kept]


class _Space:
    """The applications (costs, values low and high at each point), the budget, the locks,
    and the portfolios known so far with their sums."""

    def __init__(self, instance: Instance, lo: np.ndarray, hi: np.ndarray, tol: float) -> None:
        rules = instance.rules
        self.cost = np.array([it.max_units for it in instance.items], np.int64)
        self.budget = rules.budget_units
        self.movable = np.array([it.id not in rules.fund and it.id not in rules.reject
                                 for it in instance.items])
        self.lo, self.hi, self.width, self.tol = lo, hi, hi - lo, tol
        mid = (lo + hi).mean(axis=1) / 2
        self.fill_order = np.argsort(-mid / np.maximum(self.cost, 1), kind="stable")
        self.known = np.zeros((0, len(self.cost)))
        self.known_lo = np.zeros((0, lo.shape[1]))
        self.known_hi = np.zeros((0, lo.shape[1]))

    def know(self, portfolios: np.ndarray) -> None:
        member = portfolios.astype(float)
        self.known = np.vstack([self.known, member])
        self.known_lo = np.vstack([self.known_lo, member @ self.lo])
        self.known_hi = np.vstack([self.known_hi, member @ self.hi])

    def exchanges(self, p: np.ndarray, most: int) -> list[np.ndarray]:
        """p with one movable application out and another in, where it then fits, filled;
        at most `most` of them."""
        spent = int(self.cost[p].sum())
        out: list[np.ndarray] = []
        for a in np.nonzero(p & self.movable)[0]:
            for b in np.nonzero(~p & self.movable)[0]:
                if len(out) >= most:
                    return out
                if spent - self.cost[a] + self.cost[b] <= self.budget:
                    q = p.copy()
                    q[a], q[b] = False, True
                    out.append(self._filled(q, spent - int(self.cost[a]) + int(self.cost[b])))
        return out

    def _filled(self, q: np.ndarray, spent: int) -> np.ndarray:
        room = self.budget - spent
        for i in self.fill_order:
            if not q[i] and self.movable[i] and self.cost[i] <= room:
                q[i] = True
                room -= int(self.cost[i])
        return q

    def dominated(self, portfolios: np.ndarray) -> np.ndarray:
        """Per portfolio: whether a known one dominates it (model.dominance)."""
        member = portfolios.astype(float)
        shared = [self.known @ (member * self.width[:, t]).T for t in range(self.lo.shape[1])]
        return np.asarray(dominates_by_sums(self.known_lo, self.known_hi, member @ self.hi,
                                            member @ self.lo, shared, self.tol).any(axis=0))
