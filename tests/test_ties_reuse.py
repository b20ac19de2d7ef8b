"""What the tie rule reuses to save time is what it would compute afresh: the exact value
summed by groups equals the plain sum item by item, and the first step's program taken
over from the optimum's solve is the program built anew, byte for byte."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.model import ties
from optimizer.model.formulation import build_model
from optimizer.model.instance import (
    PARTIAL,
    PROPORTIONAL,
    SCORE_EUROS,
    WHOLE,
    Instance,
    Item,
    Link,
    Rules,
)
from optimizer.model.running import SPARE_MAX_ITEMS, take_spare
from optimizer.model.solve import solve
from optimizer.model.solvers import write_mps
from tests.factories import make


def plain_exact_value(instance: Instance, units: dict[str, int]) -> Fraction:
    """exact_value as it was: one fraction added per funded item, then the links."""
    total = Fraction(0)
    whole = instance.rules.partial_value == WHOLE
    for it in instance.items:
        u = units.get(it.id, 0)
        if u <= 0:
            continue
        full = Fraction(it.score) * Fraction(instance.weight(it))
        total += full if whole else full * u / it.need
    for link in instance.complete_links(units):
        total += Fraction(instance.link_bonus(link))
    return total


@st.composite
def valued_portfolios(draw) -> tuple[Instance, dict[str, int]]:
    """Rounds of repeated and odd scores (a few groups, some single), needs above the
    largest award, synergy bonuses; any awards, the whole or a part of the need."""
    n = draw(st.integers(1, 8))
    scores = draw(st.lists(st.sampled_from((0.0, 0.1, 0.3, 1 / 3, 0.5875, 1.0)),
                           min_size=n, max_size=n))
    items = []
    for i, score in enumerate(scores):
        m = draw(st.integers(1, 5))
        items.append(Item(id=f"a{i}", score=score, max_units=m,
                          need_units=m + draw(st.sampled_from((0, 0, 1, 3)))))
    links = ()
    if n > 1 and draw(st.booleans()):
        links = (Link("synergy", ("a0", "a1"), bonus=draw(st.sampled_from((0.1, 0.25)))),)
    rules = Rules(budget_units=100, mode=PARTIAL, min_share=0.2,
                  partial_value=draw(st.sampled_from((PROPORTIONAL, WHOLE))),
                  objective=draw(st.sampled_from(("score", SCORE_EUROS))), links=links)
    units = {it.id: draw(st.integers(0, it.max_units)) for it in items}
    return Instance(items=tuple(items), rules=rules), units


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(case=valued_portfolios())
def test_exact_value_by_groups_is_the_plain_sum(case):
    inst, units = case
    assert ties.exact_value(inst, units) == plain_exact_value(inst, units)


def test_exact_value_by_groups_on_a_hand_checked_round():
    # 0.5 + 0.5 (a group of two) + 0.25 x 1/2 (half of its need): 9/8
    inst = make([("a", 0.5, 2), ("b", 0.5, 3), ("c", 0.25, 2)], mode=PARTIAL)
    assert ties.exact_value(inst, {"a": 2, "b": 3, "c": 1}) == Fraction(9, 8)
    assert ties.exact_value(inst, {"a": 2, "b": 0}) == Fraction(1, 2)


def _mps(model, tmp_path, name: str) -> bytes:
    path = tmp_path / name
    write_mps(model.prob, str(path))
    return path.read_bytes()


def test_the_optimums_model_is_taken_once_and_is_the_program_built_anew(tmp_path):
    # a regional minimum: the integer program, not the knapsack DP
    inst = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R2"), ("c", 0.4, 4, "R1")],
                min_projects_per_region=1)
    solve(inst, method="ip")
    spare = take_spare(inst)
    assert spare is not None and take_spare(inst) is None  # once only
    fresh = build_model(inst)
    for model in (spare, fresh):
        model.add_objective_floor(0.9)
        model.minimise_changes({"a"})
    assert _mps(spare, tmp_path, "spare.mps") == _mps(fresh, tmp_path, "fresh.mps")


def test_no_model_is_taken_for_another_instance():
    inst = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R2")], min_projects_per_region=1)
    other = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R2")], min_projects_per_region=1)
    solve(inst, method="ip")
    assert take_spare(other) is None
    assert take_spare(inst) is not None


def test_the_rule_settles_the_same_with_and_without_the_optimums_model(monkeypatch):
    # Three equal items, two fit, one region: a tie settled by the integer program's steps.
    inst = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R1"), ("c", 0.5, 5, "R1")],
                min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    taken = []
    monkeypatch.setattr(ties, "take_spare", lambda i: taken.append(take_spare(i)) or taken[-1])
    kept = ties.settle(inst, optimum, {"c": 5}, method="ip", program="pulp")
    assert taken and taken[0] is not None  # the first step ran on the optimum's model
    again = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R1"), ("c", 0.5, 5, "R1")],
                 min_projects_per_region=1)
    monkeypatch.setattr(ties, "take_spare", lambda _instance: None)
    built = ties.settle(again, solve(again, method="ip"), {"c": 5}, method="ip",
                        program="pulp")
    assert kept == built
    assert kept.units == {"a": 5, "c": 5} and kept.count == 2


def test_no_model_is_kept_for_rounds_the_tie_rule_does_not_settle():
    assert SPARE_MAX_ITEMS == ties.CHECK_MAX_ITEMS


def test_a_round_past_the_limit_keeps_no_model(monkeypatch):
    from optimizer.model import solve as solve_module

    small = make([("a", 0.5, 5, "R1")], min_projects_per_region=1)
    solve(small, method="ip")
    monkeypatch.setattr(solve_module, "SPARE_MAX_ITEMS", 1)
    inst = make([("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R2")], min_projects_per_region=1)
    solve(inst, method="ip")
    assert take_spare(inst) is None
    assert take_spare(small) is None  # the one kept before is let go too
