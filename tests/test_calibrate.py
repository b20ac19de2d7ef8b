"""calibrate(): the weights whose optimum is closest to the actual decision."""

from __future__ import annotations

import pytest

from optimizer.analysis.calibrate import (
    CURRENT,
    EQUAL,
    RANDOM,
    REFINE,
    VERTEX,
    agreement,
    calibrate,
)
from optimizer.errors import ScenarioError
from optimizer.model.instance import Instance, Item, Rules

CRITERIA = ("c1", "c2", "c3")


def make(specs, budget=10, weights=(0.2, 0.3, 0.5), **rules) -> Instance:
    """specs: (id, (c1, c2, c3), max_units); one unit = 100 €."""
    items = tuple(Item(id=i, score=0.0, max_units=m, criteria=c) for i, c, m in specs)
    inst = Instance(items=items, rules=Rules(budget_units=budget, **rules),
                    criteria_ids=CRITERIA, name="test")
    return inst.with_weights(weights)


# Five 5-unit items, budget 10: two fit. Under c1 alone the optimum is {c, d} (1.0 + 0.9),
# under c2 alone {a, b} (1.0 + 0.8), under c3 alone {e, d} (1.0 + 0.6); each unique.
FIVE = [("a", (0.0, 1.0, 0.2), 5), ("b", (0.0, 0.8, 0.3), 5), ("c", (1.0, 0.0, 0.5), 5),
        ("d", (0.9, 0.1, 0.6), 5), ("e", (0.2, 0.2, 1.0), 5)]


def test_agreement_by_hand():
    # actual a 5, b 5; optimum a 5, c 3: euros in common min(5,5) = 5 of 10 -> 0.5;
    # projects: {a} in common of {a, b, c} -> 1/3 (Jaccard).
    assert agreement({"a": 5, "b": 5}, {"a": 5, "c": 3}) == pytest.approx((0.5, 1 / 3))
    assert agreement({"a": 4}, {"a": 2}) == pytest.approx((0.5, 1.0))


def test_exact_vertex_is_found_with_full_agreement():
    # The actual decision {a, b} is exactly the optimum under "c2 alone".
    cal = calibrate(make(FIVE), {"a": 5, "b": 5}, samples=5, seed=1)
    assert cal.best.weights == pytest.approx((0.0, 1.0, 0.0))
    assert cal.best.source == VERTEX
    assert cal.best.euro_share == 1.0 and cal.best.project_share == 1.0
    assert cal.best_weights() == pytest.approx({"c1": 0.0, "c2": 1.0, "c3": 0.0})
    # tried: 3 vertices + equal + the scenario's own + 5 random + max(9, 5 // 2) local steps
    assert cal.tried == 3 + 1 + 1 + 5 + 9
    sources = [t.source for t in cal.trials]
    assert sources[:5] == [VERTEX, VERTEX, VERTEX, EQUAL, CURRENT]
    assert sources.count(RANDOM) == 5 and sources.count(REFINE) == 9
    assert cal.unexplained_awards == () and cal.unexplained_rejections == ()
    # The scenario's own weights (0.2, 0.3, 0.5) give d 0.51, e 0.6, c 0.45, a 0.4, b 0.39:
    # optimum {d, e}: nothing in common with {a, b}.
    assert cal.current is not None and cal.current.euro_share == 0.0


def test_same_seed_same_answer_and_other_seed_other_draws():
    inst = make(FIVE)
    one = calibrate(inst, {"a": 5, "d": 5}, samples=6, seed=42)
    two = calibrate(inst, {"a": 5, "d": 5}, samples=6, seed=42)
    assert one == two
    other = calibrate(inst, {"a": 5, "d": 5}, samples=6, seed=43)
    randoms = [t.weights for t in one.trials if t.source == RANDOM]
    assert randoms != [t.weights for t in other.trials if t.source == RANDOM]


def test_decisions_no_weighting_explains():
    # f (all criteria 0.05) is never among the two best: for any weights some criterion has
    # weight >= 1/3, and two items score >= 0.6 on each criterion, so two items score
    # >= 0.2 > 0.05. g (all criteria 1.0) scores 1 under every weighting: it is in every
    # optimum. Actual {a, f}: f is an unexplained award, g an unexplained rejection.
    specs = [*FIVE, ("f", (0.05, 0.05, 0.05), 5), ("g", (1.0, 1.0, 1.0), 5)]
    cal = calibrate(make(specs), {"a": 5, "f": 5}, samples=8, seed=3)
    assert cal.unexplained_awards == ("f",)
    assert cal.unexplained_rejections == ("g",)
    shares = dict(cal.funded_share)
    assert shares["g"] == 1.0 and shares["f"] == 0.0
    assert cal.best.euro_share == pytest.approx(0.5)  # a at best, never f


def test_to_dict_names_weights_by_criterion():
    d = calibrate(make(FIVE), {"a": 5, "b": 5}, samples=2, seed=0, refine=0).to_dict()
    assert d["best"]["weights"] == pytest.approx({"c1": 0.0, "c2": 1.0, "c3": 0.0})
    assert d["tried"] == 3 + 1 + 1 + 2 and d["score_source"] == "sheet"


def test_needs_criteria_and_an_actual_award():
    inst = make(FIVE)
    with pytest.raises(ScenarioError, match="nothing to calibrate"):
        calibrate(inst, {}, samples=1)
    bare = Instance(items=(Item("a", 0.5, 5),), rules=Rules(budget_units=10))
    with pytest.raises(ScenarioError, match="per-criterion values"):
        calibrate(bare, {"a": 5}, samples=1)


def test_with_coverage_rules_uses_the_integer_program():
    # A rule beyond the budget (lead cap 1 with a and b sharing a lead) takes the IP path:
    # under "c2 alone" {a, b} is now forbidden, so the best agreement is lower than 1.
    items = tuple(Item(id=i, score=0.0, max_units=m, criteria=c,
                       lead="L" if i in "ab" else i) for i, c, m in FIVE)
    inst = Instance(items=items, rules=Rules(budget_units=10, max_awards_per_lead=1),
                    criteria_ids=CRITERIA).with_weights((1 / 3, 1 / 3, 1 / 3))
    cal = calibrate(inst, {"a": 5, "b": 5}, samples=3, seed=0, refine=0)
    assert cal.best.euro_share == pytest.approx(0.5)  # a (or b) at best, never both
