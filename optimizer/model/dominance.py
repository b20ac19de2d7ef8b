"""Dominance between portfolios when weights and scores are not known exactly (RPM).

The weights lie in a polytope S (model.weightset) and each application's value on each
criterion in an interval [lo, hi]. Portfolio p dominates q when p is worth at least as much
as q for every weight in S and every score in the intervals, and more for some (Liesiö,
Mild and Salo 2007). Both are worth the same on the applications they share, so only the
applications in one and not the other count: p's own at their lower ends against q's own at
their upper ends for "at least", and the other way round for "more for some". Both sides
are linear in the weights, so the extreme points of S decide:

    worst_t(p, q) = sum_{i in p - q} lo_it - sum_{i in q - p} hi_it + B(p) - B(q)
    best_t(p, q)  = sum_{i in p - q} hi_it - sum_{i in q - p} lo_it + B(p) - B(q)

p dominates q  <=>  worst_t >= 0 for every extreme point t and best_t > 0 for some,

where lo_it / hi_it is what funding i in full is worth at extreme point t with its scores at
their lower / upper ends (Instance.item_value), and B the synergy bonuses of the links a
portfolio completes (which do not depend on the weights). `TOL` (relative to the largest
value) absorbs float noise in both comparisons.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from optimizer.errors import ScenarioError
from optimizer.model.instance import FULL, WHOLE, Instance
from optimizer.vocabulary.message import Message

TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Values:
    """What each application is worth at each extreme point, scores low and high."""

    ids: tuple[str, ...]
    points: np.ndarray  # extreme points x criteria: the weights
    lo: np.ndarray  # items x points
    hi: np.ndarray  # items x points
    bonuses: tuple[tuple[frozenset[str], float], ...] = ()  # synergy links: members, bonus

    @property
    def tol(self) -> float:
        scale = float(self.hi.sum(axis=0).max(initial=0.0)) + sum(b for _, b in self.bonuses)
        return TOL * max(1.0, scale)

    def index(self) -> dict[str, int]:
        return {i: k for k, i in enumerate(self.ids)}

    def bonus(self, portfolio: Collection[str]) -> float:
        return sum(b for members, b in self.bonuses if members <= set(portfolio))

    def margins(self, p: Collection[str], q: Collection[str]) -> tuple[np.ndarray, np.ndarray]:
        """(worst_t, best_t) of p against q, one per extreme point (module doc)."""
        at = self.index()
        own = [at[i] for i in set(p) - set(q)]
        other = [at[i] for i in set(q) - set(p)]
        extra = self.bonus(p) - self.bonus(q)
        worst = self.lo[own].sum(axis=0) - self.hi[other].sum(axis=0) + extra
        best = self.hi[own].sum(axis=0) - self.lo[other].sum(axis=0) + extra
        return worst, best

    def dominates(self, p: Collection[str], q: Collection[str]) -> bool:
        worst, best = self.margins(p, q)
        return bool(np.all(worst >= -self.tol) and np.any(best > self.tol))


def values(instance: Instance, points: np.ndarray,
           lo: np.ndarray | Sequence[Sequence[float]],
           hi: np.ndarray | Sequence[Sequence[float]]) -> Values:
    """Values of `instance`'s items at the extreme `points` (rows of criterion weights),
    with `lo` / `hi` the items' normalised criterion values at the intervals' ends (items x
    criteria, in instance order). Full funding only: a portfolio is a set of projects."""
    if instance.rules.mode != FULL:
        raise ScenarioError(Message.of("scenario.nondominated.full_only"))
    worth = item_worth(instance)
    low = np.asarray(lo, float).reshape(len(instance.items), -1)
    high = np.asarray(hi, float).reshape(len(instance.items), -1)
    bonuses = tuple((frozenset(link.members), instance.link_bonus(link))
                    for link in instance.rules.links
                    if link.kind == "synergy" and link.bonus
                    and all(instance.has(i) for i in link.members))
    return Values(ids=instance.ids, points=np.asarray(points, float),
                  lo=worth[:, None] * (low @ points.T), hi=worth[:, None] * (high @ points.T),
                  bonuses=bonuses)


def item_worth(instance: Instance) -> np.ndarray:
    """Per item (instance order): what a point of score is worth when funded in full."""
    return np.array([_worth(instance, it) for it in instance.items], float)


def _worth(instance: Instance, it) -> float:
    """What a point of score is worth when `it` is funded in full (Instance.item_value)."""
    if instance.rules.partial_value == WHOLE:
        return instance.weight(it)
    return instance.weight(it) * it.max_units / it.need


def dominates_by_sums(la: np.ndarray, ha: np.ndarray, hb: np.ndarray, lb: np.ndarray,
                      shared: list[np.ndarray], tol: float) -> np.ndarray:
    """[a, b]: whether portfolio a dominates b (no synergy bonuses), from their sums with
    every score low (l) and high (h), rows by points, and, per point, what a and b share
    worth hi - lo: worst_t = la - hb + shared, best_t = ha - lb - shared (module doc)."""
    at_least = np.ones((len(la), len(hb)), bool)
    more = np.zeros((len(la), len(hb)), bool)
    for t, both in enumerate(shared):
        at_least &= la[:, t][:, None] - hb[:, t][None, :] + both >= -tol
        more |= ha[:, t][:, None] - lb[:, t][None, :] - both > tol
    return at_least & more


def nondominated_among(vals: Values, portfolios: Iterable[Collection[str]]
                       ) -> list[frozenset[str]]:
    """The portfolios of the list that no other of the list dominates (pairwise, exact)."""
    found = [frozenset(p) for p in portfolios]
    if not found:
        return []
    at = vals.index()
    member = np.zeros((len(found), len(vals.ids)), bool)
    for row, p in enumerate(found):
        member[row, [at[i] for i in p]] = True
    dominated = _dominated_matrix(vals, member, np.array([vals.bonus(p) for p in found]))
    return [p for row, p in enumerate(found) if not dominated[:, row].any()]


def _dominated_matrix(vals: Values, member: np.ndarray, bonus: np.ndarray) -> np.ndarray:
    """[a, b] = portfolio a dominates portfolio b (rows of `member`)."""
    m = member.astype(float)
    n = len(member)
    every_at_least = np.ones((n, n), bool)
    some_more = np.zeros((n, n), bool)
    tol = vals.tol
    extra = bonus[:, None] - bonus[None, :]
    for t in range(vals.lo.shape[1]):
        lo, hi = vals.lo[:, t], vals.hi[:, t]
        # sum over a - b of lo = lo(a) - lo(a & b); sum over b - a of hi = hi(b) - hi(a & b)
        lo_ab, hi_ab = (m * lo) @ m.T, (m * hi) @ m.T
        lo_a, hi_a = m @ lo, m @ hi
        worst = (lo_a[:, None] - lo_ab) - (hi_a[None, :] - hi_ab) + extra
        best = (hi_a[:, None] - hi_ab) - (lo_a[None, :] - lo_ab) + extra
        every_at_least &= worst >= -tol
        some_more |= best > tol
    out = every_at_least & some_more
    np.fill_diagonal(out, False)
    return out
