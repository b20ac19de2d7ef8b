"""The knapsack core: a budget-only instance too large for one DP is reduced by the LP
bound to its undecided items, and the optimum of those (by the DP or the integer program)
plus the fixed items is the optimum of the whole: checked against brute force."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import optimizer.model.knapsack as knapsack
import optimizer.model.solve as solve_module
from optimizer.errors import InfeasibleError
from optimizer.model.instance import Instance, Item, Rules
from optimizer.model.knapsack import knapsack_core
from optimizer.model.solve import solve
from optimizer.model.verify import verify
from tests.bruteforce import brute_force


@st.composite
def budget_only(draw) -> Instance:
    n = draw(st.integers(1, 11))
    items = tuple(Item(id=f"i{k}", score=draw(st.sampled_from([0.0, 0.2, 0.5, 0.7, 1.0])),
                       max_units=draw(st.integers(1, 12))) for k in range(n))
    ids = [it.id for it in items]
    fund = draw(st.sets(st.sampled_from(ids), max_size=2))
    reject = draw(st.sets(st.sampled_from([i for i in ids if i not in fund] or ["-"]),
                          max_size=2)) - {"-"}
    total = sum(it.max_units for it in items)
    return Instance(items=items, name="core",
                    rules=Rules(budget_units=draw(st.integers(0, total)),
                                fund=frozenset(fund), reject=frozenset(reject)))


@pytest.mark.parametrize("inner", ["dp", "ip"])
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(inst=budget_only())
def test_the_core_path_equals_brute_force(inner, inst, monkeypatch):
    monkeypatch.setattr(knapsack, "DP_MAX_CELLS", 0)  # the whole DP is "too large"
    monkeypatch.setattr(solve_module, "DP_MAX_CELLS", 10**9 if inner == "dp" else -1)
    best = brute_force(inst)
    if best is None:
        with pytest.raises(InfeasibleError):
            solve(inst)
        return
    res = solve(inst)
    assert res.objective == pytest.approx(best[0], abs=1e-9)
    assert not verify(inst, res.units)
    if knapsack_core(inst).instance.items:  # an empty core needs no solver at all
        assert res.solver == ("dp" if inner == "dp" else "cbc")


def test_the_core_fixes_what_the_bound_decides():
    # ratios 1.0, 0.9, 0.1 ... the budget 10 takes A and B whole; C is never worth it.
    items = (Item("A", 1.0, 5), Item("B", 0.9, 5), Item("C", 0.1, 5), Item("D", 0.95, 6))
    core = knapsack_core(Instance(items=items, rules=Rules(budget_units=10), name="t"))
    kept = {it.id for it in core.instance.items}
    assert "C" not in kept and len(kept) < len(items)
    assert core.instance.rules.budget_units == 10 - sum(it.max_units for it in core.fixed_in)
