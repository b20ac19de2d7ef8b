"""A budget change done once: the optimum shown and its comparison with the actual decision
share the knapsack DP, the tie settling and the rule checks of one instance (memo), and the
tie DP compares only the budgets where an item fits; every answer as before."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.caching import memo
from optimizer.model import knapsack, ties
from optimizer.model import solve as solve_module
from optimizer.model import solvers as solvers_module
from optimizer.model.instance import Instance, Item
from optimizer.model.knapsack import _ALT, _TAKE, _tie_table, item_value
from optimizer.model.verify import verify
from optimizer.study import Study
from tests.factories import make


class Box:
    """Any object with a __dict__, as a frozen dataclass instance is."""


def test_memo_computes_once_per_key_and_keeps_no_failure():
    box, calls = Box(), []

    def compute(x: int) -> int:
        calls.append(x)
        if x < 0:
            raise ValueError(x)
        return x * 2

    assert memo(box, "a", lambda: compute(1)) == 2
    assert memo(box, "a", lambda: compute(5)) == 2  # the first answer for the key
    assert memo(box, ("b", 1), lambda: compute(3)) == 6
    assert calls == [1, 3]
    for _ in range(2):
        with pytest.raises(ValueError):
            memo(box, "c", lambda: compute(-1))
    assert calls == [1, 3, -1, -1]  # the failure was tried again
    assert memo(Box(), "a", lambda: compute(7)) == 14  # another object, its own answers


def _reference_tie_table(instance: Instance, free: Sequence[Item], target: Mapping[str, int],
                         room: int, tol: float) -> np.ndarray:
    """The tie DP as first written: every budget compared, an item that does not fit as
    worth -inf."""
    value = np.zeros(room + 1)
    changes = np.zeros(room + 1, dtype=np.int64)
    table = np.zeros((len(free), room + 1), dtype=np.uint8)
    for k in range(len(free) - 1, -1, -1):
        it = free[k]
        w, v = it.max_units, item_value(instance, it)
        in_target = it.id in target
        skip_v, skip_c = value, changes + (1 if in_target else 0)
        take_v = np.full(room + 1, -np.inf)
        take_c = np.zeros(room + 1, dtype=np.int64)
        take_v[w:] = value[:room + 1 - w] + v
        take_c[w:] = changes[:room + 1 - w] + (0 if in_target else 1)
        same = np.abs(take_v - skip_v) <= tol
        take = (take_v > skip_v + tol) | (same & (take_c <= skip_c))
        table[k] = take.astype(np.uint8) * _TAKE | same.astype(np.uint8) * _ALT
        value = np.where(take, take_v, skip_v)
        changes = np.where(take, take_c, skip_c)
    return table


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 6)), min_size=1, max_size=7),
       st.integers(0, 20), st.sets(st.integers(0, 6)))
def test_the_tie_table_is_the_one_first_written(items, room, in_target):
    # Integer scores over a few units: ties everywhere, and items wider than the room.
    inst = make([(f"i{k}", score / 4, units) for k, (score, units) in enumerate(items)],
                budget=max(room, 1))
    free = [it for it in inst.items if it.max_units <= room]
    target = {f"i{k}": 1 for k in in_target}
    got = _tie_table(inst, free, target, room, 1e-9)
    assert np.array_equal(got, _reference_tie_table(inst, free, target, room, 1e-9))


def test_rule_breaks_is_verify_and_still_tells_true_from_one():
    inst = make([("a", 0.5, 5), ("b", 0.4, 5)], budget=5)
    for units in ({"a": 5}, {"a": 5, "b": 5}, {"a": 5, "b": 5}, {}):
        assert [str(m) for m in ties.rule_breaks(inst, units)] == [str(m) for m in
                                                                   verify(inst, units)]
    odd = {"a": True}
    assert [str(m) for m in ties.rule_breaks(inst, odd)] == [str(m) for m in verify(inst, odd)]


def _counting(monkeypatch, module, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_budget_change_solves_and_settles_each_objective_once(monkeypatch):
    study = Study.from_file(Path(__file__).resolve().parents[1] / "scenarios"
                            / "2020-baseline.toml")
    _ = study.case
    changed = study.with_changes(budget=9_400_000)
    _ = changed.case
    dp = _counting(monkeypatch, solve_module, "solve_dp")
    tie_dp = _counting(monkeypatch, ties, "knapsack_settle")
    before = changed.solve()
    comparison = changed.compare()
    # One objective shown, one beside it: each solved and settled once, not the shown
    # objective twice (its optimum and then its comparison).
    assert len(dp) == 2 and len(tie_dp) == 2
    assert dict(comparison.changes.units) == dict(before.result.units)


def test_the_limits_of_the_tie_rule_are_part_of_the_question(monkeypatch):
    # A memoised settle is not one asked under other limits (tests and tools change them).
    inst = make([("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.5, 5)])
    optimum = solve_module.solve(inst)
    assert ties.settle(inst, optimum, {"c": 5}, method="ip").rule == ties.CLOSEST
    monkeypatch.setattr(ties, "CHECK_MAX_ITEMS", 2)
    assert ties.settle(inst, optimum, {"c": 5}, method="ip").rule == ties.UNCHECKED
    monkeypatch.undo()
    monkeypatch.setattr(knapsack, "DP_MAX_CELLS", 0)  # the DP's table too large: the IP
    calls = _counting(monkeypatch, ties, "_closest")
    assert ties.settle(inst, optimum, {"c": 5}).rule == ties.CLOSEST and calls == [1]


def test_an_integer_program_is_solved_once_per_instance_and_question(monkeypatch):
    from optimizer.model.formulation import build_model

    inst = make([("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.4, 5)])
    runs = _counting(monkeypatch, solvers_module, "run_model")  # solve() asks it there
    first = solve_module.solve(inst, method="ip")
    assert solve_module.solve(inst, method="ip") is first and len(runs) == 1
    solve_module.solve(inst, method="ip", gap=0.5)  # another question
    solve_module.solve(inst, method="ip", model=build_model(inst))  # a model: solved anew
    assert len(runs) == 3
    other = make([("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.4, 5)])  # equal, not the same
    assert dict(solve_module.solve(other, method="ip").units) == dict(first.units)
    assert len(runs) == 4
