"""The value model: an award that covers a share q of what a project needs counts q of its
value (or all of it under partial_value = "whole"); the DP, the integer program and the
verification agree on it, and on the 2020 round a cap no longer looks better than none."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer import Study
from optimizer.model.instance import (
    PARTIAL,
    SCORE_EUROS,
    WHOLE,
    Instance,
    Item,
    Rules,
)
from optimizer.model.solve import solve
from optimizer.model.verify import verify

ROOT = Path(__file__).resolve().parents[1]


def capped(budget: int, **rules) -> Instance:
    """A needs 10 units but is capped at 5 (score .8); B needs and may get 4 (score .6)."""
    items = (Item("A", 0.8, max_units=5, need_units=10), Item("B", 0.6, max_units=4))
    return Instance(items=items, rules=Rules(budget_units=budget, **rules))


def test_a_capped_award_counts_in_proportion():
    inst = capped(9)
    assert inst.item_value(inst.item("A"), 5) == pytest.approx(0.4)  # 0.8 x 5/10
    assert inst.item_value(inst.item("B"), 4) == pytest.approx(0.6)
    assert inst.value({"A": 5, "B": 4}) == pytest.approx(1.0)


def test_whole_counts_a_capped_award_fully():
    inst = capped(9, partial_value=WHOLE)
    assert inst.item_value(inst.item("A"), 5) == pytest.approx(0.8)
    assert inst.value({"A": 5, "B": 4}) == pytest.approx(1.4)


def test_score_euros_counts_the_euros_paid_or_the_need_under_whole():
    inst = capped(9, objective=SCORE_EUROS)
    assert inst.item_value(inst.item("A"), 5) == pytest.approx(0.8 * 500)
    whole = capped(9, objective=SCORE_EUROS, partial_value=WHOLE)
    assert whole.item_value(whole.item("A"), 5) == pytest.approx(0.8 * 1000)


@pytest.mark.parametrize(("partial_value", "chosen", "value"), [
    ("proportional", {"B": 4}, 0.6),  # A's capped half-award is worth only 0.4
    ("whole", {"A": 5}, 0.8),  # counted whole, A beats B
])
@pytest.mark.parametrize("method", ["dp", "cbc", "highs"])
def test_dp_ip_and_verification_agree(partial_value, chosen, value, method):
    inst = capped(5, partial_value=partial_value)
    res = (solve(inst, method="dp") if method == "dp"
           else solve(inst, method, method="ip"))
    assert dict(res.units) == chosen
    assert res.objective == pytest.approx(value)
    assert inst.value(res.units) == pytest.approx(value) and verify(inst, res.units) == []


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_partial_awards_count_in_proportion_of_the_need(solver):
    # Partial mode: A may get 3..5 units of a need of 10; B 2..4 of 4. Budget 7.
    inst = capped(7, mode=PARTIAL, min_share=0.5)
    res = solve(inst, solver, method="ip")
    # Per unit A is worth .08, B .15: B gets its 4, A the 3 that are left (>= its minimum 3).
    assert dict(res.units) == {"A": 3, "B": 4}
    assert res.objective == pytest.approx(0.8 * 3 / 10 + 0.6)


def test_2020_cap_no_longer_scores_above_the_baseline():
    base = Study.from_file(ROOT / "scenarios" / "2020-baseline.toml").solve().objective
    cap = Study.from_file(ROOT / "scenarios" / "2020-cap-500k.toml")
    assert cap.solve().objective < base
    allocation = cap.solve()
    row = next(r for r in allocation.rows() if r["id"] == "2020-53") if "2020-53" in \
        allocation.funded else None
    if row is not None:  # a capped award shows the share of the need it covers
        assert row["share_of_need"] < 1
    assert cap.with_changes(objective={"partial_value": "whole"}).solve().objective > base


def test_whole_value_with_cut_awards_is_said_beside_every_figure():
    """partial_value = "whole" with partial funding or a cap: the case's notes say that the
    values reward cutting awards (every face shows the case's notes); not without a cut."""
    from optimizer import Study

    base = Study.from_file("scenarios/2020-baseline.toml")
    assert not [n for n in base.case.notes if n.code == "case.whole_value"]
    for change in ({"funding.mode": "partial"}, {"funding.max_per_project": 500_000}):
        study = base.with_changes(**{"objective.partial_value": "whole", **change})
        notes = [n for n in study.case.notes if n.code == "case.whole_value"]
        assert len(notes) == 1
        assert "cutting awards can raise the value" in str(notes[0])
        assert "täysimääräisenä" in notes[0].text("fi")
        assert str(notes[0]) in study.case.score_fields()["notes"]
