"""Exhaustive optimum of a small instance, for checking the solvers.

Every allocation is tried: every subset in full mode, every unit level
{0} ∪ [min_units, max_units] per item in partial mode. Feasibility comes from
optimizer.model.verify and the value from Instance.value, so the check is independent of the
formulation. An allocation is only verified if it would beat the best found so far, which
keeps the search cheap without changing its answer.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from optimizer.errors import InfeasibleError
from optimizer.model.instance import FULL, OPTIMAL, Instance
from optimizer.model.solve import solve
from optimizer.model.ties import exact_value
from optimizer.model.verify import verify


def unit_levels(instance: Instance) -> list[list[int]]:
    """Possible awards per item, 0 (not funded) first."""
    out = []
    for it in instance.items:
        if instance.rules.mode == FULL:
            out.append([0, it.max_units])
        else:
            out.append([0, *range(instance.min_units(it), it.max_units + 1)])
    return out


def brute_force(instance: Instance) -> tuple[float, dict[str, int]] | None:
    """(best value, best units of funded items), or None if no allocation is feasible."""
    ids = instance.ids
    best: tuple[float, dict[str, int]] | None = None
    for combo in itertools.product(*unit_levels(instance)):
        units = {i: u for i, u in zip(ids, combo, strict=True) if u}
        value = instance.value(units)
        if best is not None and value <= best[0]:
            continue
        if not verify(instance, units):
            best = (value, units)
    return best


def assert_solver_matches(instance: Instance, solver: str,
                          best: tuple[float, dict[str, int]] | bool | None = False) -> None:
    """The solver's answer is the brute-force optimum (`best`, computed here unless given),
    verified, with its value recomputed; infeasible exactly when brute force finds nothing,
    and then the diagnosis names something."""
    found = brute_force(instance) if best is False else best
    if found is None:
        with pytest.raises(InfeasibleError) as err:
            solve(instance, solver)
        assert not err.value.diagnosis.feasible
        return None
    assert isinstance(found, tuple)
    res = solve(instance, solver)
    assert res.status == OPTIMAL
    assert res.objective == pytest.approx(found[0], abs=1e-6)
    assert instance.value(res.units) == pytest.approx(res.objective, abs=1e-9)
    assert verify(instance, res.units) == []
    return res


def brute_settle(instance: Instance, actual: dict[str, int]) -> tuple[dict[str, int], int]:
    """The module's rule by enumeration: every allocation worth the optimum (exactly, up
    to model.ties.TIE_RTOL), the fewest additions + removals from `actual`, then the one
    funding the earliest sorted id; and how many optimal funded sets there are."""
    ids = instance.ids
    feasible = []
    for combo in itertools.product(*unit_levels(instance)):
        units = {i: u for i, u in zip(ids, combo, strict=True) if u}
        if not verify(instance, units):
            feasible.append((exact_value(instance, units), units))
    best = max(v for v, _ in feasible)
    tol = Fraction(1e-9) * max(1, abs(best))
    optimal = [u for v, u in feasible if v >= best - tol]
    order = sorted(ids)

    def key(u: dict[str, int]) -> tuple:
        return (len(set(actual) ^ set(u)), tuple(0 if i in u else 1 for i in order))

    return min(optimal, key=key), len({frozenset(u) for u in optimal})
