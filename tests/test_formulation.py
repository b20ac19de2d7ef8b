"""Each constraint family on a tiny instance whose optimum is worked out by hand.

Money is in 100 € units throughout. Every case runs with both solvers.
"""

from dataclasses import replace

import pytest

from optimizer.errors import InfeasibleError, ScenarioError, SolverError, VerificationError
from optimizer.model.formulation import build_model
from optimizer.model.instance import (
    FEASIBLE,
    OPTIMAL,
    PARTIAL,
    PARTICIPANTS,
    SCORE_EUROS,
    Instance,
    Item,
    Rules,
)
from optimizer.model.solve import solve
from optimizer.model.solvers import available_solvers, run_model
from optimizer.model.verify import verify
from tests.bruteforce import brute_force

SOLVERS = pytest.mark.parametrize("solver", ["cbc", "highs"])


def make(specs, budget, **rules) -> Instance:
    """specs: (id, score, max_units, lead_region, lead, target_area, partner regions)."""
    items = []
    for s in specs:
        s = (*s, *([None] * (7 - len(s))))
        items.append(
            Item(
                id=s[0],
                score=s[1],
                max_units=s[2],
                lead_region=s[3] or "",
                lead=s[4] or "",
                target_area=s[5],
                regions=frozenset(s[6] or ()),
            )
        )
    return Instance(items=tuple(items), rules=Rules(budget_units=budget, **rules))


def funded(result) -> set[str]:
    return set(result.units)


# A .9/500 €, B .8/400 € in R1 (lead L1, area T1); C .1/400 € in R2 (L2, T2).
ABC = [
    ("A", 0.9, 5, "R1", "L1", "T1"),
    ("B", 0.8, 4, "R1", "L1", "T1"),
    ("C", 0.1, 4, "R2", "L2", "T2"),
]


@SOLVERS
def test_budget_is_a_knapsack(solver):
    # A .9/5, B .5/3, C .6/4 units, budget 8. A+C (9) and A+B+C (12) do not fit;
    # within 8: A+B (8) 1.4, B+C (7) 1.1, A .9, C .6, B .5  -> {A, B}, value 1.4
    inst = make([("A", 0.9, 5), ("B", 0.5, 3), ("C", 0.6, 4)], budget=8)
    res = solve(inst, solver)
    assert res.status == OPTIMAL and res.units == {"A": 5, "B": 3}
    assert res.objective == pytest.approx(1.4) and res.gap == 0.0
    assert res.award_eur("A", 100.0) == 500.0


@SOLVERS
def test_min_spend(solver):
    # budget 9: without a minimum A+B (8 units) scores 1.1; with min spend 9 only A+C (9)
    # reaches it: value .9 + .1 = 1.0
    specs = [("A", 0.9, 5), ("B", 0.2, 3), ("C", 0.1, 4)]
    assert funded(solve(make(specs, 9), solver)) == {"A", "B"}
    res = solve(make(specs, 9, min_spend_units=9), solver)
    assert funded(res) == {"A", "C"} and res.objective == pytest.approx(1.0)


@SOLVERS
def test_region_minimum(solver):
    # budget 9: A+B (1.7) leaves R2 empty; one project per region forces C (4 units), then
    # A (5) fits beside it: A+C = 1.0 beats B+C = 0.9
    assert funded(solve(make(ABC, 9), solver)) == {"A", "B"}
    res = solve(make(ABC, 9, min_projects_per_region=1), solver)
    assert funded(res) == {"A", "C"} and res.objective == pytest.approx(1.0)


@SOLVERS
def test_region_basis_lead_vs_participants(solver):
    # B leads from R1 but has a partner in R2. Lead basis: R2 is covered only by C -> A+C.
    # Participants basis: B covers R1 and R2 -> A+B (9 units, 1.7) meets the rule.
    specs = [ABC[0], (*ABC[1], ["R2"]), ABC[2]]
    lead = solve(make(specs, 9, min_projects_per_region=1), solver)
    part = solve(make(specs, 9, min_projects_per_region=1, region_basis=PARTICIPANTS), solver)
    assert funded(lead) == {"A", "C"}
    assert funded(part) == {"A", "B"} and part.objective == pytest.approx(1.7)


@SOLVERS
def test_min_regions(solver):
    # 2 regions must be covered: C (R2) is needed -> A+C = 1.0; 3 regions cannot be covered.
    assert funded(solve(make(ABC, 9, min_regions=1), solver)) == {"A", "B"}
    assert funded(solve(make(ABC, 9, min_regions=2), solver)) == {"A", "C"}
    with pytest.raises(InfeasibleError, match="at least 3 regions covered but only 2 regions"):
        solve(make(ABC, 9, min_regions=3), solver)


@SOLVERS
def test_region_share_cap(solver):
    # budget 10, max_region_share .5 -> cap 5 units per lead region: A and B (9 units, both
    # R1) cannot both be funded. C scores .3 here: A+C (9) = 1.2 beats B+C = 1.1.
    specs = [ABC[0], ABC[1], ("C", 0.3, 4, "R2")]
    assert funded(solve(make(specs, 10), solver)) == {"A", "B"}
    res = solve(make(specs, 10, max_region_share=0.5), solver)
    assert funded(res) == {"A", "C"} and res.objective == pytest.approx(1.2)


@SOLVERS
def test_region_share_cap_partial(solver):
    # Partial, min_share .5: A in [3, 5], B in [2, 4], C in [2, 4]. R1 may use 5 units:
    # A5 = .9, B4 = .8, A3+B2 = .54 + .4 = .94 (best). C4 = .3 fits in the other 5 units.
    specs = [ABC[0], ABC[1], ("C", 0.3, 4, "R2")]
    res = solve(make(specs, 10, max_region_share=0.5, mode=PARTIAL), solver)
    assert res.units == {"A": 3, "B": 2, "C": 4}
    assert res.objective == pytest.approx(1.24)


@SOLVERS
def test_target_area_minimum(solver):
    # one project per target area: T2 only has C -> A+C = 1.0
    res = solve(make(ABC, 9, min_projects_per_target_area=1), solver)
    assert funded(res) == {"A", "C"}


@SOLVERS
def test_lead_cap(solver):
    # L1 leads A and B; at most one award each -> A+C. C scores .3 here: 1.2
    specs = [ABC[0], ABC[1], ("C", 0.3, 4, "R2", "L2")]
    res = solve(make(specs, 9, max_awards_per_lead=1), solver)
    assert funded(res) == {"A", "C"} and res.objective == pytest.approx(1.2)


@SOLVERS
def test_locks(solver):
    # fund C: budget 9 leaves 5 -> A (.9) beats B (.8): A+C
    # reject A: B+C (8 units) = .9
    assert funded(solve(make(ABC, 9, fund=frozenset({"C"})), solver)) == {"A", "C"}
    assert funded(solve(make(ABC, 9, reject=frozenset({"A"})), solver)) == {"B", "C"}
    with pytest.raises(InfeasibleError):  # A and B locked in need 9 > 8 units
        solve(make(ABC, 8, fund=frozenset({"A", "B"})), solver)


def test_lock_on_unknown_or_doubly_locked_id_is_a_scenario_error():
    with pytest.raises(ScenarioError, match="'Z'"):
        build_model(make(ABC, 9, fund=frozenset({"Z"})))
    with pytest.raises(ScenarioError, match="'A' is in both"):
        solve(make(ABC, 9, fund=frozenset({"A"}), reject=frozenset({"A"})))


@SOLVERS
def test_objective_score_euros(solver):
    # A .9/500 €, B .5/200 €, C .5/300 €, budget 500 €.
    # score: B+C = 1.0 beats A = .9.  score_euros: A = 450 beats B+C = 100 + 150 = 250.
    specs = [("A", 0.9, 5), ("B", 0.5, 2), ("C", 0.5, 3)]
    assert funded(solve(make(specs, 5), solver)) == {"B", "C"}
    res = solve(make(specs, 5, objective=SCORE_EUROS), solver)
    assert funded(res) == {"A"} and res.objective == pytest.approx(450.0)


@SOLVERS
def test_partial_awards_are_whole_units_within_bounds(solver):
    # A score 1, max 5, min_share .5 -> min 3 units; budget 4 -> award 4 (value .8);
    # B (.1, max 3, min 2) cannot join (3 + 2 > 4).
    inst = make([("A", 1.0, 5), ("B", 0.1, 3)], 4, mode=PARTIAL)
    res = solve(inst, solver)
    assert res.units == {"A": 4} and res.objective == pytest.approx(0.8)
    assert all(isinstance(u, int) for u in res.units.values())
    # plenty of money: never above the maximum
    assert solve(replace(inst, rules=replace(inst.rules, budget_units=100)), solver).units == {
        "A": 5,
        "B": 3,
    }


@SOLVERS
def test_partial_never_below_min_share(solver):
    # min_share .75 of 5 -> ceil(3.75) = 4 units; with budget 3 A cannot be funded at all,
    # B (max 3, min ceil(2.25) = 3) takes the budget.
    inst = make([("A", 1.0, 5), ("B", 0.1, 3)], 3, mode=PARTIAL, min_share=0.75)
    assert solve(inst, solver).units == {"B": 3}
    assert solve(inst.with_rules(budget_units=2), solver).units == {}


@SOLVERS
def test_partial_score_euros_rounds_down_to_budget(solver):
    # score_euros values each unit by score: A .6/unit, B .5/unit; budget 7 units.
    # A 5 (3.0) + B 2 (1.0) = 400 €; B needs >= 2 units (min_share .5 of 4).
    inst = make([("A", 0.6, 5), ("B", 0.5, 4)], 7, mode=PARTIAL, objective=SCORE_EUROS)
    res = solve(inst, solver)
    assert res.units == {"A": 5, "B": 2} and res.objective == pytest.approx(400.0)


@SOLVERS
def test_empty_instance_and_tiny_budget(solver):
    empty = Instance(items=(), rules=Rules(budget_units=10))
    res = solve(empty, solver)
    assert (res.status, res.units, res.objective) == (OPTIMAL, {}, 0.0)
    with pytest.raises(InfeasibleError):
        solve(empty.with_rules(min_spend_units=1), solver)
    tiny = solve(make(ABC, 3), solver)
    assert (tiny.status, tiny.units, tiny.objective) == (OPTIMAL, {}, 0.0)


def test_constraint_names_are_readable_and_sanitised():
    inst = make(
        [("a b", 0.5, 2, "Etelä-Savo", "L"), ("a_b", 0.5, 2, "Kainuu", "L")],
        4,
        min_projects_per_region=1,
        max_region_share=0.5,
        max_awards_per_lead=1,
    )
    model = build_model(inst)
    assert set(model.constraints) == {
        "budget",
        "region_min[Etelä-Savo]",
        "region_min[Kainuu]",
        "region_share[Etelä-Savo]",
        "region_share[Kainuu]",
        "lead_cap[L]",
    }
    assert model.constraints["region_min[Etelä-Savo]"].name == "region_min_Etela_Savo"
    # "a b" and "a_b" sanitise alike; the second gets a suffix
    assert [x.name for x in model.x.values()] == ["x_a_b", "x_a_b_2"]


@SOLVERS
def test_set_budget_reuses_the_model(solver):
    # one model, many budgets; each answer equals a fresh solve and the brute force.
    specs = [ABC[0], ABC[1], ("C", 0.3, 4, "R2")]
    inst = make(specs, 0, max_region_share=0.6)
    model = build_model(inst)
    for budget in range(14):
        model.set_budget(budget)
        at = inst.with_rules(budget_units=budget)
        assert model.instance == at
        res = solve(model.instance, solver, model=model)
        assert res.objective == pytest.approx(brute_force(at)[0], abs=1e-9)


@SOLVERS
def test_force_in_and_out_without_rebuilding(solver):
    model = build_model(make(ABC, 9))
    model.force("C", True)  # A+C
    assert funded(solve(model.instance, solver, model=model)) == {"A", "C"}
    model.force("A", False)  # B+C
    assert funded(solve(model.instance, solver, model=model)) == {"B", "C"}
    assert model.instance.rules.fund == {"C"} and model.instance.rules.reject == {"A"}
    model.force("A", None)
    model.force("C", None)
    assert funded(solve(model.instance, solver, model=model)) == {"A", "B"}
    with pytest.raises(ScenarioError):
        model.force("Z", True)


def test_model_for_another_instance_is_refused():
    model = build_model(make(ABC, 9))
    with pytest.raises(ValueError, match="another instance"):
        solve(make(ABC, 8), model=model)


@SOLVERS
def test_nothing_reaches_stdout(solver, capfd):
    solve(make(ABC, 9, mode=PARTIAL), solver)
    out, _ = capfd.readouterr()
    assert out == ""


def test_available_solvers_and_unknown_solver():
    assert set(available_solvers()) == {"cbc", "highs"}
    with pytest.raises(SolverError, match="Did you mean 'highs'"):
        solve(make(ABC, 9), solver="higs")


def test_missing_highspy_is_a_solver_error_with_a_hint(monkeypatch):
    import pulp

    monkeypatch.setattr(pulp.HiGHS, "available", lambda self: False)
    with pytest.raises(SolverError, match="pip install highspy"):
        solve(make(ABC, 9), solver="highs", method="ip")
    assert "highs" not in available_solvers()


def test_missing_cbc_is_a_solver_error_with_a_hint(monkeypatch):
    import optimizer.model.solvers as solvers_module

    monkeypatch.setattr(solvers_module, "_cbc_path", lambda: None)
    with pytest.raises(SolverError, match="use solver 'highs'"):
        solve(make(ABC, 9), solver="cbc", method="ip")


def test_limit_reached_is_feasible_with_gap(monkeypatch):
    # Pretend the solver stopped at a limit with a bound 10 % above the answer.
    import optimizer.model.solvers as solvers_module  # solve() imports run_model from it

    def stopped(model, solver="cbc", time_limit=None, gap=0.0):
        run = run_model(model, solver, time_limit, gap)
        return replace(run, status=FEASIBLE, bound=run.objective * 1.1)

    monkeypatch.setattr(solvers_module, "run_model", stopped)
    res = solve(make(ABC, 9), "highs", time_limit=5, method="ip")
    assert res.status == FEASIBLE and res.gap == pytest.approx(0.1)


def test_solver_objective_mismatch_is_refused(monkeypatch):
    import optimizer.model.solvers as solvers_module  # solve() imports run_model from it

    def lying(model, solver="cbc", time_limit=None, gap=0.0):
        run = run_model(model, solver, time_limit, gap)
        return replace(run, objective=run.objective + 0.5)

    monkeypatch.setattr(solvers_module, "run_model", lying)
    with pytest.raises(VerificationError, match="reported objective"):
        solve(make(ABC, 9), "cbc", method="ip")


def test_infeasible_point_from_the_solver_is_refused(monkeypatch):
    import optimizer.model.formulation as formulation_module  # solve() imports from it

    monkeypatch.setattr(formulation_module, "solution_units",
                        lambda model: {"A": 5, "B": 4, "C": 4})
    with pytest.raises(VerificationError, match="over the budget"):
        solve(make(ABC, 9), "cbc", method="ip")


@SOLVERS
def test_time_limit_still_returns_a_verified_result(solver):
    res = solve(make(ABC, 9, mode=PARTIAL), solver, time_limit=10)
    assert res.status in (OPTIMAL, FEASIBLE) and verify(make(ABC, 9, mode=PARTIAL), res.units) == []


# A CBC that ignores its time limit, and one that execs another program (the watchdog kills
# the solver's whole process group, not only its direct child).
@pytest.mark.parametrize("script", ["sleep 120", "exec sleep 60"], ids=["hangs", "execs"])
def test_a_cbc_that_ignores_its_time_limit_is_stopped_by_the_watchdog(monkeypatch, tmp_path,
                                                                       script):
    import stat
    import time

    import optimizer.model.solvers as solvers_module

    hung = tmp_path / "cbc"
    hung.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    hung.chmod(hung.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(solvers_module, "_cbc_path", lambda: str(hung))
    monkeypatch.setattr(solvers_module, "WATCHDOG_MARGIN", 0.5)
    start = time.perf_counter()
    with pytest.raises(SolverError, match=r"did not stop at its time limit of 0\.2 s"):
        solve(make(ABC, 9), "cbc", time_limit=0.2, method="ip")
    assert time.perf_counter() - start < 20
