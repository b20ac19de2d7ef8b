"""The tie rule's steps on one program kept in memory (model.resident) pick what the steps
run one solver process each pick, and what brute force picks: the rule defines the
portfolio, not the solver. Ties are made on purpose (equal scores and sizes)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.errors import InfeasibleError, SolverError
from optimizer.model import ties
from optimizer.model.instance import FULL, PARTIAL, Instance, Item, Rules
from optimizer.model.solve import solve
from optimizer.model.ties import CLOSEST, ORDER, is_optimal, settle
from tests.bruteforce import brute_settle
from tests.factories import make

# Three items of equal score and size, two fit; a regional minimum keeps the knapsack DP out.
EQUAL = [("a", 0.5, 5, "R1"), ("b", 0.5, 5, "R1"), ("c", 0.5, 5, "R1")]


@st.composite
def tied_rounds(draw, mode: str = FULL) -> tuple[Instance, dict[str, int]]:
    """Small rounds under coverage rules and caps, most items copies of one or two kinds
    (equal score and size: ties by construction), with an actual decision or none."""
    kinds = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), min_size=1,
                          max_size=2))
    n = draw(st.integers(1, 6 if mode == FULL else 4))
    items = []
    for i in range(n):
        score, size = draw(st.sampled_from(kinds))
        items.append(Item(id=f"a{i}", score=score / 3, max_units=size,
                          lead=draw(st.sampled_from(("L1", "L2"))),
                          lead_region=draw(st.sampled_from(("R1", "R2"))),
                          regions=frozenset(draw(st.sets(st.sampled_from(("R1", "R2")),
                                                         max_size=1)))))
    rules = Rules(budget_units=draw(st.integers(1, sum(it.max_units for it in items))),
                  mode=mode, min_share=0.5,
                  min_projects_per_region=draw(st.sampled_from((0, 1, 1))),
                  min_regions=draw(st.sampled_from((0, 0, 2))),
                  max_awards_per_lead=draw(st.sampled_from((None, None, 1))))
    actual = {it.id: it.max_units for it in items if draw(st.booleans())}
    return Instance(items=tuple(items), rules=rules), actual


def _optimum(inst: Instance):
    try:
        return solve(inst, method="ip")
    except InfeasibleError:
        return None


def _both(inst, optimum, actual):
    """The rule settled in memory, and with a CBC process per step."""
    return (settle(inst, optimum, actual, "cbc", method="ip", program="resident"),
            settle(inst, optimum, actual, "cbc", method="ip", program="pulp"))


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(case=tied_rounds())
def test_full_mode_in_memory_equals_a_process_per_step_and_brute_force(case):
    inst, actual = case
    optimum = _optimum(inst)
    if optimum is None:
        return
    resident, by_cbc = _both(inst, optimum, actual)
    expected, count = brute_settle(inst, actual)
    assert resident.units == by_cbc.units == expected
    assert resident.count == by_cbc.count == min(count, 2)
    assert resident.rule == by_cbc.rule == (CLOSEST if actual else ORDER)
    assert resident.changes == by_cbc.changes
    assert is_optimal(inst, resident.units, optimum.objective)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(case=tied_rounds(PARTIAL))
def test_partial_mode_in_memory_picks_the_same_set_moving_as_little(case):
    # The set is the rule's; the awards move least from the actual ones, a minimum that
    # several awards may reach: the same set, the same euros moved, both optimal.
    inst, actual = case
    optimum = _optimum(inst)
    if optimum is None:
        return
    resident, by_cbc = _both(inst, optimum, actual)
    assert set(resident.units) == set(by_cbc.units)
    assert (resident.count, resident.rule, resident.changes) == (
        by_cbc.count, by_cbc.rule, by_cbc.changes)
    for s in (resident, by_cbc):
        assert is_optimal(inst, s.units, optimum.objective)
    if actual:
        def moved(units):
            return sum(abs(units.get(i, 0) - actual.get(i, 0)) for i in inst.ids)

        assert moved(resident.units) == moved(by_cbc.units)
    expected, count = brute_settle(inst, actual)
    assert set(resident.units) == set(expected) and resident.count == min(count, 2)


def test_hand_checked_tie_on_the_program_in_memory():
    # {a,b}, {a,c}, {b,c}: from nothing the earliest pair; from {c} the closest, then a.
    inst = make(EQUAL, min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    for program in ("resident", "pulp"):
        alone = settle(inst, optimum, None, method="ip", program=program)
        assert (alone.units, alone.count, alone.rule) == ({"a": 5, "b": 5}, 2, ORDER)
        near = settle(inst, optimum, {"c": 5}, method="ip", program=program)
        assert (near.units, near.count, near.changes) == ({"a": 5, "c": 5}, 2, 1)


def test_full_mode_runs_no_solver_process_per_step(monkeypatch):
    from optimizer.model import solvers

    inst = make(EQUAL, min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    runs = []
    real = solvers.run_model
    monkeypatch.setattr(solvers, "run_model", lambda *a, **k: runs.append(1) or real(*a, **k))
    s = settle(inst, optimum, {"c": 5}, method="ip")
    assert s.units == {"a": 5, "c": 5} and runs == []


def test_highs_failing_in_memory_falls_back_to_a_process_per_step(monkeypatch):
    from optimizer.model import solvers
    from optimizer.model.resident import Resident
    from optimizer.vocabulary import Message

    def fails(self, *_args, **_kwargs):
        raise SolverError(Message.of("solver.highs_missing"))

    inst = make(EQUAL, min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    runs = []
    real = solvers.run_model
    monkeypatch.setattr(solvers, "run_model", lambda *a, **k: runs.append(1) or real(*a, **k))
    monkeypatch.setattr(Resident, "_run", fails)  # fails on its first solve
    s = settle(inst, optimum, {"c": 5}, method="ip")
    assert (s.units, s.count, s.rule) == ({"a": 5, "c": 5}, 2, CLOSEST) and runs
    monkeypatch.setattr(Resident, "__init__", fails)  # HiGHS missing: never loaded
    s = settle(inst, optimum, {"b": 5}, method="ip")
    assert (s.units, s.count, s.rule) == ({"a": 5, "b": 5}, 2, CLOSEST)


def test_an_off_integer_answer_in_memory_falls_back_too(monkeypatch):
    from optimizer.errors import VerificationError
    from optimizer.model.resident import Resident
    from optimizer.vocabulary import Message

    def off_integer(self):
        raise VerificationError(Message.of("solver.verify.fractional_value", value=0.5,
                                           name="x_a"))

    inst = make(EQUAL, min_projects_per_region=1)
    monkeypatch.setattr(Resident, "_run", off_integer)
    s = settle(inst, solve(inst, method="ip"), {"c": 5}, method="ip")
    assert (s.units, s.count, s.rule) == ({"a": 5, "c": 5}, 2, CLOSEST)


def test_a_failure_on_both_paths_is_still_reported_as_a_failed_fewest_changes(monkeypatch):
    from optimizer.analysis.compare import compare
    from optimizer.model.resident import Answer, Resident

    inst = make(EQUAL, min_projects_per_region=1)
    monkeypatch.setattr(Resident, "_run", lambda self: Answer("error", {}, None, 0.0))
    monkeypatch.setattr(ties._PulpSteps, "run",
                        lambda self, solver, limit: ("error", {}, "numerical trouble", solver))
    c = compare(inst, {"c": 5})
    assert c.changes.tie_rule == ties.UNSETTLED and c.tie().code == "ties.not_settled"
    try:
        ties._settle(inst, solve(inst, method="ip"), {"c": 5}, "cbc", None, "ip")
    except SolverError as exc:
        assert exc.messages[0].code == "solver.fewest_changes_failed"
        assert exc.messages[0].args["solver"] == "cbc"
    else:
        raise AssertionError("no failure reported")


def test_a_cancelled_step_stops_the_rule(monkeypatch):
    import threading

    from optimizer.model.running import SolveCancelled, cancellable

    inst = make(EQUAL, min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    event = threading.Event()
    event.set()
    with cancellable(event):
        try:
            settle(inst, optimum, {"a": 5}, method="ip")
        except SolveCancelled:
            pass
        else:
            raise AssertionError("a cancelled settle gave an answer")


def test_the_resident_rows_of_the_tie_rule_by_hand():
    # ABCD as in test_resident: budget 10; a 0.9 (5), b 0.5 (5), c 0.4 (5), d 0.45 (4);
    # one project per region: the optimum is {a, d} (1.35), the only one.
    from optimizer.model.instance import INFEASIBLE, OPTIMAL
    from optimizer.model.resident import Resident
    from optimizer.model.ties import tie_tol

    inst = make([("a", 0.9, 5, "R1"), ("b", 0.5, 5, "R1"), ("c", 0.4, 5, "R2"),
                 ("d", 0.45, 4, "R2")], min_projects_per_region=1)
    r = Resident(inst, lean=True)
    r.tie_rows()
    floor = 1.35 - tie_tol(1.35)
    assert r.closest({"b": 5}, floor).units == {"a": 5, "d": 4}
    r.exclude({"a", "d"})  # no other portfolio is worth the optimum
    assert r.again().status == INFEASIBLE
    r.exclude(None)
    low = 0.85 - tie_tol(0.85)  # worth 0.85 or more: {a,c}, {a,d}, {b,c}, {b,d}
    near = r.closest({"b": 5, "c": 5}, low)
    assert near.units == {"b": 5, "c": 5}
    r.exclude({"b", "c"})  # the next closest: one change away, {a,c} or {b,d}
    assert len(set(r.again().units) ^ {"b", "c"}) == 2
    r.any_of(["a"])  # and among them one funding a: {a, c}
    assert r.again().units == {"a": 5, "c": 5}
    r.any_of(None)
    r.exclude(None)
    r.fix("a", False)  # a out, the instance's locks untouched
    assert r.again().units == {"b": 5, "c": 5} and r.instance.rules.reject == frozenset()
    r.fix("a", True)
    r.cap_changes({"b": 5, "c": 5}, 1)  # a in and at most one change from {b,c}: none
    assert r.again().status == INFEASIBLE
    r.cap_changes({"b": 5, "c": 5}, 2)
    found = r.again()  # {a, c}: two changes; {a, d} would be four
    assert found.status == OPTIMAL and found.units == {"a": 5, "c": 5}
