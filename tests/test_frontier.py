"""Budget and coverage frontiers: the DP, the IP sweep, the greedy baselines."""

from __future__ import annotations

import csv
import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.coverage import coverage_frontier
from optimizer.analysis.frontier import Frontier, default_budgets, frontier, is_monotone
from optimizer.analysis.greedy import greedy
from optimizer.errors import InfeasibleError
from optimizer.formats.files import write_atomic
from optimizer.model.instance import PARTIAL, PROPORTIONAL, SCORE, SCORE_EUROS, WHOLE, Instance
from optimizer.model.knapsack import (
    is_budget_only,
    knapsack_frontier,
    knapsack_solve,
    knapsack_table,
)
from optimizer.model.verify import verify
from optimizer.report.outputs import coverage_csv, frontier_csv
from tests.factories import make


def brute(instance):
    from tests.bruteforce import brute_force

    return brute_force(instance)


@st.composite
def instances(draw, max_items=10):
    n = draw(st.integers(1, max_items))
    specs = [(f"i{k}", draw(st.integers(0, 100)) / 100, draw(st.integers(1, 8)))
             for k in range(n)]
    ids = [s[0] for s in specs]
    fund = draw(st.sets(st.sampled_from(ids), max_size=2))
    reject = draw(st.sets(st.sampled_from([i for i in ids if i not in fund] or ["-"]),
                          max_size=2)) - {"-"}
    objective = draw(st.sampled_from([SCORE, SCORE_EUROS]))
    inst = make(specs, budget=0, fund=frozenset(fund), reject=frozenset(reject),
                objective=objective, partial_value=draw(st.sampled_from([PROPORTIONAL, WHOLE])))
    needs = [draw(st.sampled_from([0, 0, 9, 15])) for _ in specs]  # some awards are capped
    return dataclasses.replace(inst, items=tuple(
        dataclasses.replace(it, need_units=n) for it, n in zip(inst.items, needs, strict=True)))


# --------------------------------------------------------------------------- DP


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_dp_equals_brute_force_at_every_budget(inst):
    assert is_budget_only(inst)
    top = sum(it.max_units for it in inst.items) + 2
    table = knapsack_table(inst, top)
    assert np.array_equal(table.best, knapsack_frontier(inst, top))
    for b in range(top + 1):
        at_b = inst.with_rules(budget_units=b)
        expected = brute(at_b)
        units = table.units_at(b)
        if expected is None:
            assert table.best[b] == -math.inf and units is None
            with pytest.raises(InfeasibleError):
                knapsack_solve(inst, b)
            continue
        assert table.best[b] == pytest.approx(expected[0], abs=1e-9)
        single = knapsack_solve(inst, b)  # with reduction by bounds
        assert single.objective == pytest.approx(expected[0], abs=1e-9)
        assert verify(at_b, single.units) == []
        assert verify(at_b, units) == []
        assert inst.value(units) == pytest.approx(expected[0], abs=1e-9)
    assert is_monotone(list(table.best))


def test_dp_hand_case_with_locks():
    # A .9/6, B .5/4, C .5/5, D .2/1. Fund lock D (1 unit, .2), reject lock A.
    inst = make([("A", .9, 6), ("B", .5, 4), ("C", .5, 5), ("D", .2, 1)],
                fund=frozenset({"D"}), reject=frozenset({"A"}))
    best = knapsack_frontier(inst, 12)
    assert best[0] == -math.inf  # D alone does not fit
    assert best[1] == pytest.approx(.2)
    assert best[5] == pytest.approx(.7)  # D + B
    assert best[10] == pytest.approx(1.2)  # D + B + C; A is locked out
    assert best[12] == pytest.approx(1.2)
    res = knapsack_solve(inst, 10)
    assert set(res.units) == {"B", "C", "D"} and res.solver == "dp"
    with pytest.raises(InfeasibleError):
        knapsack_solve(inst, 0)


def test_dp_covers_every_budget_at_the_2020_size():
    # Its speed is measured in benchmarks/bench.py, not asserted here.
    rng = np.random.default_rng(7)
    inst = make([(f"a{i}", float(rng.uniform(.1, 1)), int(rng.integers(300, 5000)))
                 for i in range(61)], budget=100_000)
    best = knapsack_frontier(inst, 161_004)
    assert len(best) == 161_005 and is_monotone(list(best))


def test_is_budget_only():
    base = make([("A", .5, 3, "R1", "L1"), ("B", .4, 3, "R1", "L1")])
    assert is_budget_only(base)
    assert is_budget_only(base.with_rules(fund=frozenset({"A"})))
    assert is_budget_only(base.with_rules(objective=SCORE_EUROS))
    assert is_budget_only(base.with_rules(max_awards_per_lead=2))  # cannot bind
    assert not is_budget_only(base.with_rules(max_awards_per_lead=1))
    assert is_budget_only(base.with_rules(max_awards_per_lead=1, reject=frozenset({"B"})))
    assert not is_budget_only(base.with_rules(mode=PARTIAL))
    assert not is_budget_only(base.with_rules(min_regions=1))
    assert not is_budget_only(base.with_rules(min_projects_per_region=1))
    assert not is_budget_only(base.with_rules(max_region_share=.5))
    assert not is_budget_only(base.with_rules(min_projects_per_target_area=1))
    assert not is_budget_only(base.with_rules(min_spend_units=1))


# --------------------------------------------------------------------------- greedy


def test_greedy_baselines_hand_case():
    # budget 10 units:         score  units  score/unit
    #   A                        .60     6     .100
    #   B                        .55     5     .110
    #   C                        .45     5     .090
    #   D                        .15     1     .150
    # by score: A (left 4), B skipped (5 > 4), C skipped, D (left 3) -> .60+.15 = .75
    #   (the "stop at the first misfit" rule would give .60: skipping matters)
    # by score per euro: D (left 9), B (left 4), A skipped (6 > 4), C skipped -> .70
    # optimum: B + C = 1.00, spending all 10 units
    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5), ("D", .15, 1)])
    assert greedy(inst, 10, "score") == {"A": 6, "D": 1}
    assert greedy(inst, 10, "ratio") == {"D": 1, "B": 5}
    fr = frontier(inst, budgets=[1000])  # 10 units of 100 €
    (p,) = fr.points
    assert fr.method == "dp" and fr.greedy_rule == "skip"
    assert p.optimal.value == pytest.approx(1.0) and p.optimal.funded == 2
    assert p.optimal.spent_eur == 1000
    assert p.by_score.value == pytest.approx(.75) and p.by_score.spent_eur == 700
    assert p.by_ratio.value == pytest.approx(.70) and p.by_ratio.spent_eur == 600
    assert p.by_score.satisfies_rules and p.by_ratio.satisfies_rules


def test_greedy_is_marked_when_it_breaks_other_rules():
    # Every region needs a project; greedy by score funds two from R1 and none from R2.
    inst = make([("A", .9, 4, "R1"), ("B", .8, 4, "R1"), ("C", .1, 4, "R2")], budget=8,
                min_projects_per_region=1)
    p = frontier(inst, budgets=[800]).points[0]
    assert not p.by_score.satisfies_rules
    assert any("R2" in str(v) for v in p.by_score.violations)
    assert p.optimal.value == pytest.approx(1.0)  # A + C


# --------------------------------------------------------------------------- frontier


def test_default_budgets_span_and_scenario_budget():
    inst = make([("A", .5, 3), ("B", .4, 4), ("C", .3, 10)], budget=8)
    grid = default_budgets(inst, points=5)
    assert grid[0] == 3 and grid[-1] == 17 and 8 in grid
    fr = frontier(inst, points=5)
    assert [p.budget_units for p in fr.points] == grid
    assert fr.budget_eur == 800
    assert is_monotone([p.optimal.value for p in fr.points])


def test_actual_decision_is_a_point():
    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5), ("D", .15, 1)])
    fr = frontier(inst, budgets=[500, 1000], actual={"A": 6, "X": 2})
    assert fr.actual.value == pytest.approx(.60)
    assert fr.actual.spent_eur == 800 and fr.actual.funded == 2
    assert not fr.actual.satisfies_rules  # X is not an application of the instance
    fr = frontier(inst, budgets=[1000], actual={"A": 6, "D": 1})
    assert fr.actual.satisfies_rules and fr.actual.violations == ()


@settings(max_examples=40, deadline=None)
@given(instances(max_items=8), st.data())
def test_a_feasible_actual_decision_never_lies_above_the_frontier(inst, data):
    ids = [it.id for it in inst.items]
    chosen = data.draw(st.sets(st.sampled_from(ids)))
    units = {i: inst.item(i).max_units for i in chosen}
    spent = sum(units.values())
    at = inst.with_rules(budget_units=spent)
    best = knapsack_frontier(inst, spent)
    if verify(at, units) == []:
        assert inst.value(units) <= best[spent] + 1e-9


def _constrained():
    # Two regions, one project each at least; a lead cap of 1 for lead L.
    return make([("A", .9, 5, "R1", "L"), ("B", .8, 4, "R1", "L"), ("C", .5, 3, "R1", "M"),
                 ("D", .3, 4, "R2", "N"), ("E", .2, 2, "R2", "O")], budget=12,
                min_projects_per_region=1, max_awards_per_lead=1)


def test_ip_sweep_equals_brute_force_on_a_constrained_instance():
    inst = _constrained()
    assert not is_budget_only(inst)
    budgets = list(range(0, 19))
    fr = frontier(inst, budgets=[b * 100 for b in budgets], solver="cbc")
    assert fr.method == "ip"
    for p in fr.points:
        expected = brute(inst.with_rules(budget_units=p.budget_units))
        if expected is None:
            assert p.optimal.value is None
        else:
            assert p.optimal.value == pytest.approx(expected[0], abs=1e-6)
    values = [p.optimal.value for p in fr.points]
    assert values[0] is None and values[-1] is not None  # 0 units: no region is covered
    assert is_monotone(values)


@dataclasses.dataclass(frozen=True)
class OneByOne:
    """An executor that is not InProcess: the sweep's pieces one after another, here."""

    name: str = "one by one"
    parallel: int = 1

    def map(self, task, calls, sizes=None, progress=None):
        return [task(*args) for args in calls]


def test_cbc_budgets_swept_in_threads_equal_the_budgets_swept_one_by_one(monkeypatch):
    monkeypatch.setattr("optimizer.analysis.frontier.cpus", lambda: 3)
    budgets = [b * 100 for b in range(0, 19)]
    threaded = frontier(_constrained(), budgets=budgets, solver="cbc")
    serial = frontier(_constrained(), budgets=budgets, solver="cbc", executor=OneByOne())
    assert threaded.method == "ip" and threaded == serial
    assert [p.optimal.ids for p in threaded.points] == [p.optimal.ids for p in serial.points]


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_ip_sweep_monotone_with_each_solver(solver):
    fr = frontier(_constrained(), points=12, solver=solver)
    assert is_monotone([p.optimal.value for p in fr.points])


# --------------------------------------------------------------------------- coverage


def test_coverage_frontier_hand_case():
    # Budget 10 buys two projects. k=0,1: A+B = 1.7 (one region); k=2: A+C = 1.2;
    # k=3: three regions need three projects: infeasible, the sweep stops.
    inst = make([("A", .9, 5, "R1"), ("B", .8, 5, "R1"), ("C", .3, 5, "R2"),
                 ("D", .1, 5, "R3")], budget=10)
    cf = coverage_frontier(inst)
    assert cf.coverable == 3 and cf.infeasible_from == 3
    assert [(k, round(v, 6)) for k, v in cf.pairs()] == [(0, 1.7), (1, 1.7), (2, 1.2)]
    assert [p.covered for p in cf.points] == [1, 1, 2]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 100), st.integers(1, 6), st.sampled_from("PQRS")),
                min_size=1, max_size=7), st.integers(3, 15))
def test_coverage_frontier_equals_brute_force_at_every_k(specs, budget):
    inst = make([(f"i{k}", score / 100, units, region)
                 for k, (score, units, region) in enumerate(specs)], budget=budget)
    cf = coverage_frontier(inst)
    for p in cf.points:
        best = brute(inst.with_rules(min_regions=p.min_regions))
        assert best is not None and p.value == pytest.approx(best[0])
        assert p.covered >= p.min_regions
    if cf.infeasible_from is not None:
        assert brute(inst.with_rules(min_regions=cf.infeasible_from)) is None


def test_coverage_frontier_solves_only_the_k_the_last_optimum_does_not_reach(monkeypatch):
    import optimizer.analysis.coverage as coverage

    asked: list[int] = []
    real = coverage.solve
    monkeypatch.setattr(coverage, "solve", lambda inst, **kw: (
        asked.append(inst.rules.min_regions), real(inst, **kw))[1])
    # k=0: A+B (one region) also answers k=1; k=2 needs A+C; k=3 is infeasible.
    inst = make([("A", .9, 5, "R1"), ("B", .8, 5, "R1"), ("C", .3, 5, "R2"),
                 ("D", .1, 5, "R3")], budget=10)
    cf = coverage_frontier(inst)
    assert asked == [0, 2, 3]
    assert [p.covered for p in cf.points] == [1, 1, 2] and cf.infeasible_from == 3


# --------------------------------------------------------------------------- output


def test_csv_outputs(tmp_path):
    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5), ("D", .15, 1)])
    inst = Instance(items=inst.items, rules=inst.rules, score_source="proxy")
    fr = frontier(inst, budgets=[500, 1000], actual={"A": 6})
    path = write_atomic(tmp_path / "frontier.csv", frontier_csv(fr))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert tuple(rows[0]) == Frontier.columns
    assert len(rows) == 2 * 3 + 1 and rows[-1]["series"] == "actual"
    assert {r["score_source"] for r in rows} == {"proxy"}
    opt = [r for r in rows if r["series"] == "optimal"]
    assert [float(r["value"]) for r in opt] == pytest.approx([.55, 1.0])  # B; B + C
    cf = coverage_frontier(make([("A", .9, 5, "R1"), ("C", .3, 5, "R2")], budget=10))
    cpath = write_atomic(tmp_path / "coverage.csv", coverage_csv(cf))
    assert cpath.read_text(encoding="utf-8").splitlines()[0].startswith("min_regions,value")


def test_forced_ip_sweep_equals_the_dp_on_a_budget_only_instance():
    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5), ("D", .15, 1), ("E", .3, 2)],
                fund=frozenset({"E"}))
    dp = frontier(inst, points=8)
    ip = frontier(inst, points=8, method="ip")
    assert (dp.method, ip.method) == ("dp", "ip")
    assert [p.optimal.value for p in ip.points] == pytest.approx(
        [p.optimal.value for p in dp.points])


def test_the_dense_dp_curve_is_exact_at_each_of_its_budgets():
    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5), ("D", .15, 1), ("E", .3, 2)])
    fr = frontier(inst, points=4)
    assert len(fr.curve) == 19  # every whole unit from 1 to 19 (1000 points round to these)
    for budget_eur, value in fr.curve:
        units = round(budget_eur / inst.rules.unit_eur)
        best = brute(inst.with_rules(budget_units=units))
        assert value == pytest.approx(best[0])


def test_a_dp_table_too_large_falls_back_to_the_core_or_the_ip(monkeypatch):
    import optimizer.model.knapsack as fmod

    inst = make([("A", .60, 6), ("B", .55, 5), ("C", .45, 5)])
    assert fmod.choose_method(inst) == "dp"
    monkeypatch.setattr(fmod, "DP_MAX_CELLS", 10)
    assert fmod.choose_method(inst) == "ip"
    assert fmod.choose_method(inst, "dp") == "dp"  # forced: still exact, only slower
    # Only the budget binds: the DP on each budget's core; forced, or with a rule, the IP.
    core = frontier(inst, budgets=[500, 1000, 1600])
    ip = frontier(inst, budgets=[500, 1000, 1600], method="ip")
    assert (core.method, ip.method) == ("core", "ip")
    for a, b in zip(core.points, ip.points, strict=True):
        assert a.optimal.value == pytest.approx(b.optimal.value)
        assert a.optimal.value == pytest.approx(brute(inst.with_rules(
            budget_units=a.budget_units))[0])
    covered = inst.with_rules(min_regions=1)
    assert frontier(covered, budgets=[1000]).method == "ip"
