"""A set of weights given by linear statements, and its extreme points.

The weights w (one per criterion, w >= 0, summing to 1) that satisfy every statement form a
polytope S = {w : G w >= h, E w = f, w >= 0}. A linear function of w takes its least and
greatest values over S at extreme points, which is why dominance between portfolios needs
only these (model.dominance). They are found by the double description method (Motzkin):
S is lifted to the cone {(z, s) : A z - b s >= 0, s >= 0} in the coordinates z of the
equalities' solution space, and the cone's extreme rays are built one inequality at a time,
a new ray from each adjacent pair that the inequality separates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_TOL = 1e-10


@dataclass(frozen=True)
class WeightSet:
    """S as rows: `ge` holds (coefficients, rhs) for coefficients . w >= rhs; `eq` for ==.
    w >= 0 and sum(w) = 1 are always part of S and need not be given."""

    size: int
    ge: tuple[tuple[tuple[float, ...], float], ...] = ()
    eq: tuple[tuple[tuple[float, ...], float], ...] = ()

    def extreme_points(self) -> np.ndarray:
        """points x size: every extreme point of S once, in a fixed order (empty when S
        is empty)."""
        return extreme_points(self)

    def contains(self, w: Sequence[float], tol: float = 1e-9) -> bool:
        """Whether w satisfies every row (within `tol`)."""
        v = np.asarray(w, float)
        if v.min(initial=0.0) < -tol or abs(v.sum() - 1.0) > tol:
            return False
        return all(np.dot(a, v) >= rhs - tol for a, rhs in self.ge) and all(
            abs(np.dot(a, v) - rhs) <= tol for a, rhs in self.eq)


def extreme_points(ws: WeightSet) -> np.ndarray:
    k = ws.size
    eq_a = np.array([np.ones(k), *[a for a, _ in ws.eq]], float)
    eq_b = np.array([1.0, *[rhs for _, rhs in ws.eq]], float)
    base, *_ = np.linalg.lstsq(eq_a, eq_b, rcond=None)
    if not np.allclose(eq_a @ base, eq_b, atol=1e-9):
        return np.zeros((0, k))  # the equalities contradict one another
    null = _null_space(eq_a)
    ge_a = np.array([*np.eye(k), *[a for a, _ in ws.ge]], float)
    ge_b = np.array([*np.zeros(k), *[rhs for _, rhs in ws.ge]], float)
    if null.shape[1] == 0:  # a single point
        ok = np.all(ge_a @ base >= ge_b - 1e-9)
        return _tidy(base[None, :]) if ok else np.zeros((0, k))
    # Rows of the cone {y = (z, s)}: (G N) z - (h - G base) s >= 0, and s >= 0.
    cone = np.hstack([ge_a @ null, -(ge_b - ge_a @ base)[:, None]])
    cone = np.vstack([cone, np.eye(cone.shape[1])[-1]])
    rays = _double_description(cone)
    points = [base + null @ (r[:-1] / r[-1]) for r in rays if r[-1] > _TOL]
    return _tidy(np.array(points)) if points else np.zeros((0, k))


def _null_space(a: np.ndarray) -> np.ndarray:
    _, sv, vt = np.linalg.svd(a)
    rank = int(np.sum(sv > 1e-12 * max(1.0, sv.max(initial=0.0))))
    return vt[rank:].T


def _double_description(rows: np.ndarray) -> list[np.ndarray]:
    """Extreme rays of the pointed cone {y : rows y >= 0}."""
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-300)
    first = _independent_rows(rows)
    if len(first) < rows.shape[1]:
        return []  # not pointed: cannot happen for a bounded S, whose cone is pointed
    rays = list(np.linalg.inv(rows[first]).T)
    rays = [r / np.linalg.norm(r) for r in rays]
    done = list(first)
    for i in (i for i in range(len(rows)) if i not in set(first)):
        rays = _cut(rows, done, rays, rows[i])
        done.append(i)
        if not rays:
            break
    return rays


def _independent_rows(rows: np.ndarray) -> list[int]:
    chosen: list[int] = []
    for i in range(len(rows)):
        trial = rows[[*chosen, i]]
        if np.linalg.matrix_rank(trial, tol=1e-9) == len(chosen) + 1:
            chosen.append(i)
        if len(chosen) == rows.shape[1]:
            break
    return chosen


def _cut(rows: np.ndarray, done: list[int], rays: list[np.ndarray],
         row: np.ndarray) -> list[np.ndarray]:
    """The extreme rays after adding `row . y >= 0`."""
    side = np.array([row @ r for r in rays])
    pos = [j for j, v in enumerate(side) if v > _TOL]
    neg = [j for j, v in enumerate(side) if v < -_TOL]
    kept = [r for j, r in enumerate(rays) if side[j] >= -_TOL]
    if not neg:
        return rays
    tight = np.abs(rows[done] @ np.array(rays).T) <= _TOL  # done x rays
    zero_sets = [frozenset(int(k) for k in np.nonzero(tight[:, j])[0])
                 for j in range(len(rays))]
    dim = rows.shape[1]
    for p in pos:
        for n in neg:
            common = zero_sets[p] & zero_sets[n]
            if len(common) < dim - 2 or not _adjacent(common, p, n, zero_sets):
                continue
            ray = side[p] * rays[n] - side[n] * rays[p]
            kept.append(ray / np.linalg.norm(ray))
    return kept


def _adjacent(common: frozenset[int], p: int, n: int, zero_sets: list[frozenset[int]]) -> bool:
    """Combinatorial test: no third ray is tight on every row both are tight on."""
    return not any(j not in (p, n) and common <= z for j, z in enumerate(zero_sets))


def _tidy(points: np.ndarray) -> np.ndarray:
    """Clip float noise, renormalise, drop duplicates, sort (a fixed order)."""
    points = np.where(np.abs(points) < 1e-12, 0.0, points)
    points = points / points.sum(axis=1, keepdims=True)
    seen: dict[tuple[float, ...], np.ndarray] = {}
    for p in points:
        seen.setdefault(tuple(np.round(p, 9)), p)
    return np.array([seen[key] for key in sorted(seen, reverse=True)])
