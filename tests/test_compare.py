"""compare(): values, efficiency, overlap, rules broken, and the fewest changes to an optimum."""

from __future__ import annotations

import pytest

from optimizer.analysis.compare import (
    BOTH,
    ONLY_ACTUAL,
    ONLY_OPTIMAL,
    closest_optimum,
    compare,
)
from optimizer.errors import InfeasibleError
from optimizer.model.instance import PARTIAL, Exclusion
from optimizer.vocabulary import Message
from tests.factories import make

# a: 0.9, b: 0.5, c: 0.4, each 5 units (500 €), budget 10 units: two fit. The optimum is
# {a, b} = 1.4 (a + c = 1.3, b + c = 0.9); it is unique.
ABC = [("a", 0.9, 5, "R1"), ("b", 0.5, 5, "R2"), ("c", 0.4, 5, "R2")]


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_values_efficiency_and_money(solver):
    c = compare(make(ABC), {"a": 5, "c": 5}, solver=solver)
    # actual {a, c} = 0.9 + 0.4 = 1.3; optimum 1.4; efficiency 1.3 / 1.4.
    assert c.actual_value == pytest.approx(1.3)
    assert c.optimal_value == pytest.approx(1.4)
    assert c.efficiency == pytest.approx(1.3 / 1.4)
    # both spend the whole 1 000 €.
    assert c.budget_eur == 1000.0
    assert c.actual_spent_eur == c.optimal_spent_eur == 1000.0
    assert c.actual_left_eur == c.optimal_left_eur == 0.0
    assert c.violations == () and c.outside == ()
    assert not c.is_proxy


def test_overlap_with_amounts():
    c = compare(make(ABC), {"a": 5, "c": 5})
    # a is funded by both, c only actually, b only by the optimum; 500 € each.
    assert c.ids(BOTH) == ("a",)
    assert c.ids(ONLY_ACTUAL) == ("c",)
    assert c.ids(ONLY_OPTIMAL) == ("b",)
    assert c.total_eur(ONLY_ACTUAL, "actual") == 500.0
    assert c.total_eur(ONLY_OPTIMAL, "optimal") == 500.0
    by_id = {r.id: r for r in c.entries}
    assert by_id["c"].change_eur == -500.0 and by_id["b"].change_eur == 500.0
    assert by_id["a"].change_eur == 0.0 and by_id["a"].label == "Lead A"
    # one swap: remove c, add b.
    assert (c.changes.count, c.changes.additions, c.changes.removals) == (1 + 1, ("b",), ("c",))


def test_efficiency_one_when_actual_is_optimal():
    c = compare(make(ABC), {"a": 5, "b": 5})
    assert c.efficiency == pytest.approx(1.0)
    assert c.changes.count == 0 and c.ids(ONLY_ACTUAL) == c.ids(ONLY_OPTIMAL) == ()


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_fewest_changes_chooses_the_optimum_closest_to_the_actual_decision(solver):
    # Every item is worth 0.1 per unit, so any portfolio that spends all 10 units is optimal
    # (value 1.0): {a, b}, {a, c, d} and {b, c, d}. The actual decision {a, c} spends 9.
    # {a, c, d} is 1 change away (add d); {a, b} is 2 (drop c, add b); {b, c, d} is 3.
    inst = make([("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.4, 4), ("d", 0.1, 1)])
    c = compare(inst, {"a": 5, "c": 4}, solver=solver)
    assert c.optimal_value == pytest.approx(1.0)
    assert c.changes.count == 1
    assert c.changes.additions == ("d",) and c.changes.removals == ()
    assert dict(c.changes.units) == {"a": 5, "c": 4, "d": 1}
    assert c.changes.value == pytest.approx(1.0)
    # the overlap shows that same closest optimum
    assert c.ids(ONLY_OPTIMAL) == ("d",) and c.ids(ONLY_ACTUAL) == ()


def test_closest_optimum_from_scratch_is_the_optimum_itself():
    # From the empty decision, every optimum needs |O| additions; {a, b} (2) beats the
    # three-item optima (3).
    inst = make([("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.4, 4), ("d", 0.1, 1)])
    ch = closest_optimum(inst, {}, 1.0)
    assert ch.count == 2 and set(ch.additions) == {"a", "b"}


def test_rules_broken_and_awards_outside_the_instance():
    # The actual decision funds a, b and c (15 units) with a budget of 10, and b and c share a
    # lead whose cap is 1; it also awarded 700 € to "x", excluded as out of scope.
    specs = [("a", 0.9, 5, "R1", "L1"), ("b", 0.5, 5, "R2", "L2"), ("c", 0.4, 5, "R2", "L2")]
    sote = Message.of("reason.scope", exclusion="sote", texts={})
    inst = make(specs, excluded=[Exclusion("x", (sote,))],
                max_awards_per_lead=1)
    c = compare(inst, {"a": 5, "b": 5, "c": 5}, {"x": 700.0})
    assert len(c.violations) == 2
    assert any(str(v).startswith("budget:") for v in c.violations)
    assert any("at most 1 per lead applicant" in str(v) for v in c.violations)
    assert [(o.id, o.awarded_eur, tuple(map(str, o.reasons))) for o in c.outside] == [
        ("x", 700.0, ("outside the call's scope: sote",))]
    # spent counts the outside award: 1 500 € inside + 700 € outside.
    assert c.actual_spent_eur == 2200.0 and c.actual_outside_eur == 700.0
    assert c.actual_left_eur == -1200.0
    # Breaking the rules buys more value than the optimum {a, b} = 1.4: 1.8 / 1.4 > 1.
    assert c.efficiency == pytest.approx(1.8 / 1.4)
    assert c.changes.removals == ("c",) and c.changes.additions == ()


def test_unknown_actual_ids_are_treated_as_outside():
    c = compare(make(ABC), {"a": 5, "b": 5, "zz": 3})
    assert [(o.id, o.awarded_eur) for o in c.outside] == [("zz", 300.0)]
    assert c.outside[0].reasons  # "not an application of the instance"


def test_partial_mode_counts_funded_status_and_reports_amounts_separately():
    # Partial mode, min_share 0.5: a (0.8, up to 10 units), b (0.2, up to 10), budget 10.
    # Value per unit: a 0.08, b 0.02, so the optimum gives a all 10 units (0.8).
    # Actual a = 5, b = 5 (0.4 + 0.1 = 0.5): one change (b out) and a's amount 500 -> 1000 €.
    inst = make([("a", 0.8, 10), ("b", 0.2, 10)], mode=PARTIAL)
    c = compare(inst, {"a": 5, "b": 5})
    assert c.changes.count == 1 and c.changes.removals == ("b",)
    assert [(m.id, m.actual_eur, m.new_eur) for m in c.changes.amount_changes] == [
        ("a", 500.0, 1000.0)]
    assert c.efficiency == pytest.approx(0.5 / 0.8)


def test_partial_mode_moves_amounts_least_among_fewest_changes():
    # a and b are worth 0.05 per unit each, budget 12, min_share 0.5 (5 units): the optimal
    # allocations spend all 12 units on both, a in [5, 7] and b = 12 - a (value 0.6).
    # Actual: a = 7, b not funded. One change (add b) is needed; a = 7, b = 5 keeps a's
    # amount, so no amount changes remain (a = 5, b = 7 would move a by 200 €).
    inst = make([("a", 0.5, 10), ("b", 0.5, 10)], budget=12, mode=PARTIAL)
    c = compare(inst, {"a": 7})
    assert c.optimal_value == pytest.approx(0.6)
    assert c.changes.count == 1 and c.changes.additions == ("b",)
    assert dict(c.changes.units) == {"a": 7, "b": 5}
    assert c.changes.amount_changes == ()


def test_regions_per_resident():
    c = compare(make(ABC), {"a": 5, "c": 5}, region_population={"R1": 100, "R2": 50})
    by_region = {r.region: r for r in c.regions}
    # R1: a in both, 500 € / 100 residents = 5 €; R2: c actual, b optimal, 500 € / 50 = 10 €.
    assert by_region["R1"].actual_per_resident == by_region["R1"].optimal_per_resident == 5.0
    assert by_region["R2"].actual_eur == by_region["R2"].optimal_eur == 500.0
    assert by_region["R2"].optimal_per_resident == 10.0


def test_to_dict_has_the_figures():
    d = compare(make(ABC), {"a": 5, "c": 5}).to_dict()
    assert set(d) >= {"actual", "optimal", "efficiency", "overlap", "rules_broken",
                      "fewest_changes", "rows", "regions", "score_source"}
    assert d["fewest_changes"]["count"] == 2 and d["score_source"] == "sheet"


def test_infeasible_scenario_raises():
    with pytest.raises(InfeasibleError):
        compare(make(ABC, fund=frozenset({"a", "b", "c"})), {"a": 5})


def test_award_above_the_maximum_counts_at_the_maximum():
    # a's maximum is 5 units; the actual decision gave it 8 (a rule broken). Its value is
    # counted at the maximum: 0.9, not 0.9 * 8 / 5. Spent counts the real 800 €.
    c = compare(make(ABC), {"a": 8})
    assert c.actual_value == pytest.approx(0.9)
    assert c.actual_spent_eur == 800.0
    assert any("differs from the full amount" in str(v) for v in c.violations)


def test_the_actual_decision_has_one_value_in_compare_and_the_frontier():
    # 2020 under a 500,000 € cap per project: seven actual awards are above the cap. Both
    # analyses value the decision as made (not cut to the cap), beside the same spend.
    from pathlib import Path

    from optimizer import Study

    study = Study.from_file(Path(__file__).resolve().parents[1] / "scenarios"
                            / "2020-cap-500k.toml")
    c, f = study.compare(), study.frontier(points=2)
    assert f.actual is not None
    assert c.actual_value == pytest.approx(f.actual.value, abs=1e-12)
    assert c.actual_spent_eur == f.actual.spent_eur
    assert len(c.violations) == 7 and c.valuation()[-1].code == "compare.breaks_rules"
    assert c.efficiency == pytest.approx(c.actual_value / c.optimal_value)


def test_partial_2020_fewest_changes_are_worth_the_optimum_exactly():
    # It used to be worth 23.3287129 against 23.3287319 (inside a 1e-6 tolerance).
    from pathlib import Path

    from optimizer import Study
    from optimizer.model.ties import exact_value

    study = Study.from_file(Path(__file__).resolve().parents[1] / "scenarios"
                            / "2020-partial.toml")
    c = study.compare()
    inst = study.case.instance
    assert exact_value(inst, c.changes.units) >= exact_value(inst, c.optimum.units)
    assert c.changes.value == pytest.approx(c.optimal_value, rel=1e-12)
    assert dict(c.changes.units) == dict(study.solve().result.units)  # run shows it too
    assert len(c.changes.amount_changes) == len(c.counted()) == 2


def test_a_known_closest_set_skips_its_solve_and_gives_the_same_awards():
    # The instance of the test above: the only closest set is {a, b} (one change, add b);
    # told so, closest_optimum solves only for the awards, and they are the same: a = 7, b = 5.
    inst = make([("a", 0.5, 10), ("b", 0.5, 10)], budget=12, mode=PARTIAL)
    full = closest_optimum(inst, {"a": 7}, 0.6)
    known = closest_optimum(inst, {"a": 7}, 0.6, closest_set={"a", "b"})
    assert dict(known.units) == dict(full.units) == {"a": 7, "b": 5}
    assert known.additions == ("b",) and known.removals == () and known.status == full.status
