"""Ties between optimal portfolios: one chosen the same way by every solver and command
(model.ties), the fewest changes exact, and the actual decision valued as made."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.compare import compare
from optimizer.cli import main
from optimizer.errors import InfeasibleError
from optimizer.model.instance import FULL, PARTIAL, Instance, Item, Rules
from optimizer.model.solve import solve
from optimizer.model.ties import CLOSEST, ORDER, exact_value, settle, settled_result
from tests.bruteforce import brute_settle
from tests.factories import make

# Three items of equal score and size, two fit: {a,b}, {a,c} and {b,c} are all optimal (1.0).
EQUAL = [("a", 0.5, 5), ("b", 0.5, 5), ("c", 0.5, 5)]
METHODS = [("cbc", "ip"), ("highs", "ip"), ("cbc", "dp")]


def test_hand_checked_tie_without_an_actual_decision_takes_the_earliest_ids():
    inst = make(EQUAL)
    for solver, method in METHODS:
        for rule_by in ("auto", "ip"):
            s = settle(inst, solve(inst, solver, method=method), None, solver, method=rule_by)
            assert (s.units, s.count, s.rule) == ({"a": 5, "b": 5}, 2, ORDER)


def test_hand_checked_tie_takes_the_closest_then_the_earliest():
    # Actual {c}: {a,c} and {b,c} are one addition away, {a,b} two changes; {a,c} is earlier.
    inst = make(EQUAL)
    for solver, method in METHODS:
        r = settled_result(inst, solve(inst, solver, method=method), {"c": 5}, solver)
        assert (dict(r.units), r.ties, r.tie_rule) == ({"a": 5, "c": 5}, 2, CLOSEST)
    assert brute_settle(inst, {"c": 5}) == ({"a": 5, "c": 5}, 3)


def test_a_unique_optimum_is_named_so():
    inst = make([("a", 0.9, 5), ("b", 0.5, 5), ("c", 0.4, 5)])
    s = settle(inst, solve(inst), {"c": 5})
    assert (s.units, s.count, s.changes) == ({"a": 5, "b": 5}, 1, 3)  # -c +a +b


def test_compare_shows_the_same_tie_and_names_it():
    c = compare(make(EQUAL), {"c": 5})
    assert dict(c.changes.units) == {"a": 5, "c": 5} and c.changes.ties == 2
    assert str(c.tie()).startswith("One of at least 2 optimal portfolios")
    assert c.to_dict()["optimal_portfolios"]["count"] == 2


@st.composite
def rounds(draw) -> tuple[Instance, dict[str, int]]:
    """Small budget-only rounds with integer scores (ties common) and an actual decision."""
    n = draw(st.integers(1, 6))
    items = tuple(Item(id=f"a{i}", score=draw(st.integers(0, 4)) / 4,
                       max_units=draw(st.integers(1, 4))) for i in range(n))
    budget = draw(st.integers(0, sum(it.max_units for it in items)))
    inst = Instance(items=items, rules=Rules(budget_units=budget, mode=FULL))
    actual = {it.id: it.max_units for it in items if draw(st.booleans())}
    return inst, actual


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(case=rounds())
def test_every_solver_returns_the_same_portfolio_as_the_rule(case):
    inst, actual = case
    expected, count = brute_settle(inst, actual)
    for solver, method in METHODS:
        for rule_by in ("auto", "ip"):  # the knapsack DP's tie table, the integer program
            s = settle(inst, solve(inst, solver, method=method), actual, solver, method=rule_by)
            assert s.units == expected, (solver, method, rule_by)
            assert s.count == min(count, 2), (solver, method, rule_by)


def test_partial_fewest_changes_are_worth_the_optimum_exactly():
    # Both locked in; a is worth 0.0500001 per unit, b 0.05, 12 units, at least 5 each: the
    # optimum is a = 7, b = 5 (0.9500007). The actual a = 5, b = 7 (0.9500005) needs no
    # addition or removal, but it is 2e-7 below the optimum: not optimal, so both amounts
    # change (counted apart from the projects added or removed).
    inst = make([("a", 0.500001, 10), ("b", 0.5, 10)], budget=12, mode=PARTIAL,
                fund=frozenset({"a", "b"}))
    c = compare(inst, {"a": 5, "b": 7})
    assert dict(c.changes.units) == {"a": 7, "b": 5}
    assert exact_value(inst, c.changes.units) == exact_value(inst, c.optimum.units)
    assert c.changes.count == 0 and len(c.changes.amount_changes) == 2
    assert [m.code for m in c.counted()] == ["compare.changes_counted",
                                             "compare.amounts_counted"]
    assert c.to_dict()["fewest_changes"]["amounts_changed"] == 2


def test_the_actual_decision_is_valued_as_made_above_a_cap():
    # a needs 10 units (1 000 €) but the scenario caps awards at 5; the actual award was 8.
    # It is valued as paid: 0.9 x 8 / 10, not cut to the cap (0.9 x 5 / 10); the spend is
    # the same 800 €, and the efficiency is said to compare with rules it did not follow.
    inst = Instance(items=(Item("a", 0.9, 5, need_units=10),), rules=Rules(budget_units=10))
    c = compare(inst, {"a": 8})
    assert c.actual_value == pytest.approx(0.72)
    assert c.actual_spent_eur == 800.0
    assert c.efficiency == pytest.approx(0.72 / 0.45)
    assert [m.code for m in c.valuation()] == ["compare.valued_as_made", "compare.breaks_rules"]
    assert compare(inst, {"a": 5}).valuation()[1:] == ()


# --- the commands -------------------------------------------------------------------------


def _tied_round(tmp_path):
    """A synthetic round of four applications made equal (100 000 € each, every score 3),
    one actually funded, 200 000 € to give: six optimal pairs."""
    out = tmp_path / "round"
    r = CliRunner().invoke(main, ["data", "synth", "--applications", "4", "--seed", "0",
                                  "--out", str(out)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    apps = out / "applications.csv"
    with apps.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["requested_eur"], row["exclusion"] = "100000.00", ""
    with apps.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    ids = sorted(row["id"] for row in rows)
    scores = (out / "scores.csv").read_text(encoding="utf-8").splitlines()
    (out / "scores.csv").write_text(
        "\n".join([scores[0], *(",".join([*ln.split(",")[:2], "3"]) for ln in scores[1:])])
        + "\n", encoding="utf-8")
    call = (out / "call.toml").read_text(encoding="utf-8")
    start = call.index("[totals]")  # the declared totals no longer hold: drop them
    (out / "call.toml").write_text(call[:start] + call[call.index("[[", start):],
                                   encoding="utf-8")
    (out / "awards.csv").write_text(f"application_id,awarded_eur\n{ids[2]},100000.00\n",
                                    encoding="utf-8")
    return out / "scenario.toml", ids


def test_run_every_solver_compare_and_explain_show_the_same_tied_portfolio(tmp_path):
    scenario, ids = _tied_round(tmp_path)
    runner = CliRunner()

    def run(*args):
        r = runner.invoke(main, [*args, str(scenario), "--budget", "200000", "--format",
                                 "json"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    expected = [ids[0], ids[2]]  # closest to the actual {ids[2]}, then the earliest id
    for solver in ((), ("--solver", "dp"), ("--solver", "cbc"), ("--solver", "highs")):
        doc = run("run", *solver)
        assert sorted(f["id"] for f in doc["funded"]) == expected, solver
        assert doc["optimal_portfolios"]["shown"]["code"] == "ties.closest"
    c = run("compare")
    shown = c["overlap"]["both"]["ids"] + c["overlap"]["only_optimal"]["ids"]
    assert sorted(shown) == expected and c["optimal_portfolios"]["count"] == 2
    explained = run("explain")
    assert sorted(r["id"] for r in explained["rows"] if r["status"] == "in") == expected
    table = runner.invoke(main, ["run", str(scenario), "--budget", "200000"]).output
    assert "One of at least 2 optimal portfolios" in table
    text = runner.invoke(main, ["compare", str(scenario), "--budget", "200000"]).output
    assert "One of at least 2 optimal portfolios" in text


@st.composite
def ruled_rounds(draw) -> tuple[Instance, dict[str, int]]:
    """Small rounds with integer scores under coverage rules, caps per lead and region."""
    n = draw(st.integers(1, 7))
    items = tuple(Item(id=f"a{i}", score=draw(st.integers(0, 3)) / 3,
                       max_units=draw(st.integers(1, 3)),
                       lead=draw(st.sampled_from(("L1", "L2", "L3"))),
                       lead_region=draw(st.sampled_from(("R1", "R2"))),
                       regions=frozenset(draw(st.sets(st.sampled_from(("R1", "R2", "R3")),
                                                      max_size=2))))
                  for i in range(n))
    rules = Rules(budget_units=draw(st.integers(1, sum(it.max_units for it in items))),
                  region_basis=draw(st.sampled_from(("lead", "participants"))),
                  min_projects_per_region=draw(st.sampled_from((0, 0, 1))),
                  min_regions=draw(st.sampled_from((0, 0, 2))),
                  max_region_share=draw(st.sampled_from((None, None, 0.6))),
                  max_awards_per_lead=draw(st.sampled_from((None, 1, 2))))
    actual = {it.id: it.max_units for it in items if draw(st.booleans())}
    return Instance(items=items, rules=rules), actual


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(case=ruled_rounds())
def test_the_rule_holds_under_coverage_and_caps(case):
    inst, actual = case
    try:
        optimum = solve(inst)
    except InfeasibleError:
        return
    expected, count = brute_settle(inst, actual)
    for solver in ("cbc", "highs"):
        s = settle(inst, optimum, actual, solver)
        assert (s.units, s.count) == (expected, min(count, 2)), solver


def test_large_rounds_say_how_far_the_rule_went(monkeypatch):
    # Past the integer program's limits the tie is still named, with what was left out.
    from optimizer.model import ties

    inst = make(EQUAL)
    monkeypatch.setattr(ties, "ORDER_MAX_ITEMS", 2)
    s = settle(inst, solve(inst), {"c": 5}, method="ip")
    assert s.count == 2 and s.rule == ties.UNORDERED and "c" in s.units and s.changes == 1
    assert ties.tie_message(s.count, s.rule).code == "ties.closest_only"
    monkeypatch.setattr(ties, "CHECK_MAX_ITEMS", 2)
    u = settle(inst, solve(inst), {"c": 5}, method="ip")
    assert (u.count, u.rule) == (0, ties.UNCHECKED)
    assert ties.tie_message(u.count, u.rule).code == "ties.not_checked"


def test_a_solver_that_cannot_settle_leaves_the_tie_open_and_says_so(monkeypatch):
    from optimizer.errors import SolverError
    from optimizer.model import ties
    from optimizer.vocabulary import Message

    def fails(*_args):
        raise SolverError(Message.of("solver.failed", solver="cbc", text="time limit"))

    monkeypatch.setattr(ties, "_solve", fails)
    # a regional minimum: not budget-only, so the integer program settles ties
    inst = make([(*spec, "R1") for spec in EQUAL], min_projects_per_region=1)
    optimum = solve(inst, method="ip")
    s = settle(inst, optimum, {"c": 5}, method="ip")
    assert (s.units, s.count, s.rule) == (dict(optimum.units), 0, ties.UNSETTLED)
    assert ties.tie_message(s.count, s.rule).code == "ties.not_settled"
    c = compare(inst, {"c": 5})
    assert c.changes.status != "optimal" and c.tie().code == "ties.not_settled"
