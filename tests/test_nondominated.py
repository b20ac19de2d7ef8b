"""Robust portfolios (RPM): the non-dominated set equals full enumeration, with dominance
decided by linear programs over the weight set S (not by its extreme points), for both
solvers and the DP; and the consistency properties of issue 23."""

from __future__ import annotations

import dataclasses
import itertools

import highspy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.nondominated import (
    Question,
    count_message,
    robust_portfolios,
    score_bounds,
)
from optimizer.analysis.statements import stated_weights
from optimizer.errors import ScenarioError
from optimizer.model.dominance import values
from optimizer.model.instance import Instance, Item, Link, Rules
from optimizer.model.nondominated import Enumeration, dominating, enumerate_nondominated
from optimizer.model.solve import solve
from optimizer.model.verify import verify
from optimizer.model.weightset import WeightSet
from optimizer.vocabulary.message import render

CRITERIA = ("a", "b", "c")
TOL = 1e-7


# --- the reference: every subset, dominance by LP over S ---------------------------------


def _lp_extreme(ws: WeightSet, c: np.ndarray, sense: str) -> float:
    """min (or max) of c . w over S, by an LP (highspy's own API)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    k = ws.size
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = k, 0
    lp.col_cost_ = np.asarray(c if sense == "min" else -c, float)
    lp.col_lower_, lp.col_upper_ = np.zeros(k), np.full(k, inf)
    rows = [(np.ones(k), 1.0, 1.0)] + [(np.array(a), rhs, inf) for a, rhs in ws.ge] + [
        (np.array(a), rhs, rhs) for a, rhs in ws.eq]
    lp.num_row_ = len(rows)
    lp.row_lower_ = np.array([r[1] for r in rows])
    lp.row_upper_ = np.array([r[2] for r in rows])
    matrix = np.array([r[0] for r in rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    starts, index, value = [0], [], []
    for j in range(k):
        nz = np.nonzero(matrix[:, j])[0]
        index += list(nz)
        value += list(matrix[nz, j])
        starts.append(len(index))
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, index, value
    h.passModel(lp)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    obj = h.getInfo().objective_function_value
    return obj if sense == "min" else -obj


def _reference(instance: Instance, ws: WeightSet, lo: np.ndarray, hi: np.ndarray
               ) -> set[frozenset[str]]:
    """Every feasible subset that no feasible subset dominates, dominance by LP over S."""
    ids = instance.ids
    cost = [it.max_units for it in instance.items]
    saves = any(link.saving_units for link in instance.rules.links)
    feasible = []
    for bits in itertools.product((0, 1), repeat=len(ids)):
        if not saves and sum(c for c, b in zip(cost, bits, strict=True) if b) > (
                instance.rules.budget_units):
            continue  # over the budget: verify would say so, more slowly
        chosen = frozenset(i for i, b in zip(ids, bits, strict=True) if b)
        if not verify(instance, {i: instance.item(i).max_units for i in chosen}):
            feasible.append(chosen)
    worth = np.array([it.max_units / it.need for it in instance.items])
    bonus = {frozenset(link.members): link.bonus for link in instance.rules.links
             if link.kind == "synergy" and link.bonus}
    at = {i: k for k, i in enumerate(ids)}

    def coef(p, q, own, other):  # c . w = what p - q adds over q - p
        c = np.zeros(ws.size)
        for i in p - q:
            c += worth[at[i]] * own[at[i]]
        for i in q - p:
            c -= worth[at[i]] * other[at[i]]
        extra = sum(b for m, b in bonus.items() if m <= p) - sum(
            b for m, b in bonus.items() if m <= q)
        return c, extra

    def dominates(p, q):
        c, extra = coef(p, q, lo, hi)
        if _lp_extreme(ws, c, "min") + extra < -TOL:
            return False
        c, extra = coef(p, q, hi, lo)
        return _lp_extreme(ws, c, "max") + extra > TOL

    # a cheap necessary test first (at points of S found by LPs), then the LPs
    if not feasible:
        return set()
    probes = [_probe(ws, d) for d in (*np.eye(ws.size), *-np.eye(ws.size))]
    maybe = _maybe_matrix(feasible, ids, worth, lo, hi, probes, bonus)
    out = set()
    for b, q in enumerate(feasible):
        if not any(a != b and dominates(feasible[a], q) for a in np.nonzero(maybe[:, b])[0]):
            out.add(q)
    return out


def _maybe_matrix(feasible, ids, worth, lo, hi, probes, bonus) -> np.ndarray:
    """[a, b]: at every probe point, a is worth at least b in the worst case (a
    necessary condition for a dominating b, as the least over S is at most the value at
    any point of S)."""
    member = np.array([[i in p for i in ids] for p in feasible], float)
    extra = np.array([sum(b for m, b in bonus.items() if m <= p) for p in feasible])
    out = np.ones((len(feasible), len(feasible)), bool)
    for w in probes:
        low, high = worth * (lo @ w), worth * (hi @ w)
        shared_lo, shared_hi = (member * low) @ member.T, (member * high) @ member.T
        worst = ((member @ low)[:, None] - shared_lo) - ((member @ high)[None, :] - shared_hi)
        out &= worst + extra[:, None] - extra[None, :] >= -1e-6
    return out


def _probe(ws: WeightSet, direction: np.ndarray) -> np.ndarray:
    """A point of S: an LP optimum in a direction (found by the LP, not by the DD)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    k = ws.size
    inf = highspy.kHighsInf
    h.addVars(k, np.zeros(k), np.full(k, inf))
    h.changeColsCost(k, np.arange(k), np.asarray(direction, float))
    for a, low, up in [(np.ones(k), 1.0, 1.0)] + [(np.array(a), r, inf) for a, r in ws.ge] + [
            (np.array(a), r, r) for a, r in ws.eq]:
        nz = np.nonzero(a)[0]
        h.addRow(low, up, len(nz), nz, a[nz])
    h.run()
    return np.array(h.getSolution().col_value)


# --- random instances ----------------------------------------------------------------------


@st.composite
def cases(draw, max_items=9):
    n = draw(st.integers(3, max_items))
    items = []
    for k in range(n):
        crit = tuple(draw(st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 3)))
                     for _ in CRITERIA)
        items.append(Item(id=f"i{k:02d}", score=sum(crit) / 3, max_units=draw(st.integers(1, 9)),
                          lead_region=draw(st.sampled_from(["R1", "R2", "R3"])),
                          lead=f"L{draw(st.integers(0, 3))}", criteria=crit))
    total = sum(it.max_units for it in items)
    rules = {"budget_units": draw(st.integers(1, max(1, total - 1)))}
    kind = draw(st.sampled_from(["budget", "region", "lead", "links", "locks", "synergy"]))
    if kind == "region":
        rules["min_projects_per_region"] = 1
    elif kind == "lead":
        rules["max_awards_per_lead"] = 1
    elif kind == "links":
        rules["links"] = (Link("excludes", (items[0].id, items[1].id)),
                          Link("requires", (items[2].id,), requires=items[1].id))
    elif kind == "locks":
        rules["fund"] = frozenset({items[0].id}) if items[0].max_units <= rules[
            "budget_units"] else frozenset()
        rules["reject"] = frozenset({items[1].id})
    elif kind == "synergy":
        rules["links"] = (Link("synergy", (items[0].id, items[1].id), bonus=0.3),)
    instance = Instance(items=tuple(items), rules=Rules(**rules), criteria_ids=CRITERIA,
                        weights=(1 / 3, 1 / 3, 1 / 3), name="t")
    statements = draw(st.sampled_from([
        [], ["a >= b"], ["a >= b >= c"], ["0.2 <= a <= 0.6"], ["b >= 2 * c", "a <= 0.5"],
        ["a + b >= 0.7"], ["c = 0.2"]]))
    interval = draw(st.sampled_from([0.0, 0.1, 0.3]))
    return instance, statements, interval


def _problem(instance, statements, interval):
    stated = stated_weights(CRITERIA, instance.weights, {}, {}, statements)
    lo, hi = score_bounds(instance, interval, False)
    return stated, lo, hi


def _check_against_reference(instance, statements, interval, solver, method):
    stated, lo, hi = _problem(instance, statements, interval)
    vals = values(instance, stated.points, lo, hi)
    found = enumerate_nondominated(instance, vals, solver=solver, method=method)
    assert found.complete
    assert {frozenset(p) for p in found.portfolios} == _reference(instance, stated.weights,
                                                                    lo, hi)


def _any_feasible(instance) -> bool:
    ids = instance.ids
    return any(not verify(instance, {i: instance.item(i).max_units for i, b in zip(
        ids, bits, strict=True) if b}) for bits in itertools.product((0, 1), repeat=len(ids)))


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_integer_programme_equals_enumeration_with_lp_dominance(solver, case):
    _check_against_reference(*case, solver=solver, method="ip")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_items=10))
def test_dp_equals_enumeration_with_lp_dominance(case):
    instance, statements, interval = case
    instance = instance.with_rules(min_projects_per_region=0, max_awards_per_lead=None,
                                   links=(), fund=frozenset(), reject=frozenset())
    _check_against_reference(instance, statements, interval, solver="cbc", method="auto")


def test_sixteen_applications_both_solvers_and_the_dp():
    rng = np.random.default_rng(16)
    items = tuple(Item(id=f"p{k:02d}", score=0.5, max_units=int(rng.integers(1, 8)),
                       lead_region=f"R{k % 3}",
                       criteria=tuple(float(x) for x in rng.random(3).round(3)))
                  for k in range(16))
    base = Instance(items=items, rules=Rules(budget_units=20), criteria_ids=CRITERIA,
                    weights=(0.4, 0.3, 0.3), name="t16")
    for instance in (base, base.with_rules(min_projects_per_region=1)):
        stated, lo, hi = _problem(instance, ["a >= b", "0.1 <= c <= 0.4"], 0.05)
        expected = _reference(instance, stated.weights, lo, hi)
        vals = values(instance, stated.points, lo, hi)
        for solver, method in (("cbc", "ip"), ("highs", "ip"), ("cbc", "auto")):
            found = enumerate_nondominated(instance, vals, solver=solver, method=method)
            assert {frozenset(p) for p in found.portfolios} == expected, (solver, method)


@pytest.mark.parametrize("solver,method", [("cbc", "ip"), ("highs", "ip"), ("cbc", "auto")])
def test_score_intervals_widen_the_set_exactly(solver, method):
    inst = _random(8, 8, 8, most=4)
    sizes = []
    for interval in (0.0, 0.3):
        stated, lo, hi = _problem(inst, ["a >= b >= c"], interval)
        found = enumerate_nondominated(inst, values(inst, stated.points, lo, hi),
                                       solver=solver, method=method)
        assert {frozenset(p) for p in found.portfolios} == _reference(
            inst, stated.weights, lo, hi)
        sizes.append(len(found.portfolios))
    assert sizes == [1, 14]  # the exact optimum alone; many once scores are uncertain


# --- hand-worked: the example of docs/robust-portfolios.md ---------------------------------


def _hand() -> Instance:
    # three projects, two criteria; budget fits two of them
    items = (Item("P1", 0.5, 1, criteria=(1.0, 0.0)), Item("P2", 0.5, 1, criteria=(0.0, 1.0)),
             Item("P3", 0.4, 1, criteria=(0.4, 0.4)))
    return Instance(items=items, rules=Rules(budget_units=2), criteria_ids=("x", "y"),
                    weights=(0.5, 0.5), name="hand")


def test_hand_worked_example():
    inst = _hand()
    with_order = robust_portfolios(inst, Question(statements=("x >= y",)))
    # weights: x >= y, x + y = 1: extreme points (1, 0) and (0.5, 0.5)
    # {P1,P2}: 1 and 1;  {P1,P3}: 1.4 and 0.9;  {P2,P3}: 0.4 and 0.9
    # {P1,P3} beats {P2,P3} at both (1.4 > 0.4, 0.9 = 0.9): dominated; {P1,P2} and {P1,P3}
    # are each better at one point
    assert set(with_order.portfolios) == {("P1", "P2"), ("P1", "P3")}
    assert with_order.ids("core") == ("P1",)
    assert set(with_order.ids("borderline")) == {"P2", "P3"}
    everything = robust_portfolios(inst, Question())
    assert len(everything.portfolios) == 3  # no statement: each pair is best somewhere
    exact = robust_portfolios(inst, Question(statements=("x = 0.5",)))
    assert exact.portfolios == (("P1", "P2"),)  # exact weights: the single optimum


def _random(seed: int, n: int, budget: int, weights=(1 / 3,) * 3, most: int = 6) -> Instance:
    """n projects of random cost (1..most-1 units) and criteria (3 decimals)."""
    rng = np.random.default_rng(seed)
    items = tuple(Item(id=f"p{k}", score=0.5, max_units=int(rng.integers(1, most)),
                       criteria=tuple(float(x) for x in rng.random(3).round(3)))
                  for k in range(n))
    return Instance(items=items, rules=Rules(budget_units=budget), criteria_ids=CRITERIA,
                    weights=tuple(weights), name="t")


# --- consistency (issue 23, item 4) -----------------------------------------------------


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_items=8), seed=st.integers(0, 100))
def test_optimum_of_every_weight_in_s_is_nondominated(case, seed):
    instance, statements, _ = case
    stated, lo, hi = _problem(instance, statements, 0.0)
    if not _any_feasible(instance):
        return
    vals = values(instance, stated.points, lo, hi)
    found = {frozenset(p) for p in enumerate_nondominated(instance, vals).portfolios}
    rng = np.random.default_rng(seed)
    for _ in range(3):
        w = rng.dirichlet(np.ones(len(stated.points))) @ stated.points
        scores = lo @ w
        best = solve(instance.with_scores(scores), solver="highs")
        # a unique optimum is non-dominated; among tied optima at least one is
        ties = [p for p in found if abs(instance.with_scores(scores).value(
            {i: instance.item(i).max_units for i in p}) - best.objective) < 1e-9]
        assert frozenset(best.units) in found or ties


def test_core_and_exterior_agree_with_sampled_acceptability():
    inst = _random(3, 10, 14, (0.4, 0.3, 0.3))
    out = robust_portfolios(inst, Question(statements=("a >= b >= c",), score_interval=0.1,
                                           samples=300, seed=1))
    for c in out.items:
        if c.category == "core":
            assert c.acceptability == 1.0
        if c.category == "exterior":
            assert c.acceptability == 0.0


def test_exact_weights_give_the_single_optimum():
    inst = _random(5, 10, 14, (0.5, 0.3, 0.2))
    out = robust_portfolios(inst, Question(statements=("a = 0.5", "b = 0.3")))
    best = solve(inst.with_weights((0.5, 0.3, 0.2)), solver="cbc")
    assert out.portfolios == (tuple(sorted(best.units)),)


def test_actual_decision_dominated_and_by_whom():
    inst = _hand()
    out = robust_portfolios(inst, Question(statements=("x >= y",)),
                            actual={"P2": 1, "P3": 1})
    assert out.actual is not None and not out.actual.nondominated
    assert out.actual.dominated_by == ("P1", "P3")  # one change: P2 out, P1 in
    assert out.actual.added == ("P1",) and out.actual.removed == ("P2",)
    assert min(out.actual.least_margin) >= 0
    fine = robust_portfolios(inst, Question(statements=("x >= y",)), actual={"P1": 1, "P2": 1})
    assert fine.actual is not None and fine.actual.nondominated


def test_borderline_applications_get_the_statement_that_decides_them():
    out = robust_portfolios(_hand(), Question(statements=("x >= y",)))
    deciders = {c.id: c.deciders for c in out.items}
    # x >= 0.75 (the middle of x's range [0.5, 1]) leaves (1,0) and (0.75,0.25):
    # {P1,P3} is worth 1.4 and 1.15 against {P1,P2}'s 1 and 1: P3 core, P2 exterior
    assert any(d.statement == "x >= 0.75" and d.makes == "exterior" for d in deciders["P2"])
    assert any(d.statement == "x >= 0.75" and d.makes == "core" for d in deciders["P3"])


def test_cap_on_the_count_says_incomplete_and_what_would_narrow_it():
    inst = _random(8, 12, 12, most=4)
    full = robust_portfolios(inst, Question(score_interval=0.3, decide=False))
    assert full.complete and len(full.portfolios) > 3
    capped = robust_portfolios(inst, Question(score_interval=0.3, limit=3, decide=False))
    assert not capped.complete and len(capped.portfolios) == 3
    assert capped.narrowing  # e.g. "a >= 0.5"
    assert capped.stopped == "limit" and "more than 3" in render(count_message(capped))


def test_each_limit_that_stops_the_list_is_named(monkeypatch):
    from optimizer.model import nondominated, nondominated_dp

    budget_only = _random(8, 12, 12, most=4)
    question = Question(score_interval=0.3, decide=False)
    full = robust_portfolios(budget_only, question)
    assert full.complete and full.stopped == "" and len(full.portfolios) > 2
    inst = _random(8, 7, 7, most=4).with_rules(min_spend_units=1)  # beyond the budget: IP
    monkeypatch.setattr(nondominated, "MAX_SOLVES", 2)
    short = robust_portfolios(inst, question)
    assert short.stopped == "solves" and not short.complete
    assert "stopped at their limit of 2 solves" in render(count_message(short))
    assert "pysähtyivät 2 ratkaisukerran rajaan" in render(count_message(short), "fi")
    monkeypatch.setattr(nondominated_dp, "FIRST_CAP", 1)
    monkeypatch.setattr(nondominated_dp, "WIDE_CAP", 1)
    sampled = robust_portfolios(budget_only, question)
    assert sampled.stopped == "states" and not sampled.complete
    assert "passed its limit of" in render(count_message(sampled))


def test_partial_funding_is_refused_with_a_message():
    inst = dataclasses.replace(_hand()).with_rules(mode="partial")
    with pytest.raises(ScenarioError, match="funded in full"):
        robust_portfolios(inst, Question())


def test_dominating_none_when_nondominated():
    inst = _hand()
    stated = stated_weights(("x", "y"), (0.5, 0.5), {}, {}, ["x >= y"])
    lo, hi = score_bounds(inst, 0.0, False)
    vals = values(inst, stated.points, lo, hi)
    assert dominating(inst, vals, {"P1", "P2"}) is None
    assert dominating(inst, vals, {"P2", "P3"}, solver="highs") == frozenset({"P1", "P3"})


# --- the command, the scenario keys and the API ------------------------------------------


GROUPS = ('robustness.groups={breadth=["cooperation","regional_spread"],'
          'impact=["reach","cost_per_resident"],fit=["target_fit"]}')


def test_command_on_2020_in_both_languages(tmp_path):
    from click.testing import CliRunner

    from optimizer.cli import main

    args = ["portfolios", "scenarios/2020-baseline.toml", "--set", GROUPS,
            "--statement", "0.2 <= breadth <= 0.5", "--statement", "0.2 <= impact <= 0.5",
            "--statement", "0.2 <= fit <= 0.5", "--samples", "0"]
    en = CliRunner().invoke(main, args)
    assert en.exit_code == 0, en.output
    assert "6 non-dominated portfolio(s): all of them" in en.output
    assert "The actual decision is dominated" in en.output
    fi = CliRunner().invoke(main, [*args, "--lang", "fi", "--out", str(tmp_path / "o")])
    assert fi.exit_code == 0, fi.output
    assert "6 ei-dominoitua hankesalkkua: kaikki" in fi.output
    assert "Toteutunut päätös on dominoitu" in fi.output
    rows = (tmp_path / "o" / "core-index.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,label,core_index,category") and len(rows) == 57
    assert (tmp_path / "o" / "portfolios.csv").read_text().count("\n") == 7


def test_bad_statements_are_clear_errors():
    from click.testing import CliRunner

    from optimizer.cli import main

    out = CliRunner().invoke(main, ["portfolios", "scenarios/2020-baseline.toml",
                                    "--statement", "cooperaton >= reach"])
    assert out.exit_code != 0 and "Traceback" not in out.output
    assert "Did you mean 'cooperation'" in out.output
    out = CliRunner().invoke(main, ["portfolios", "scenarios/2020-baseline.toml", "--set",
                                    "robustness.statements=reach > cooperation"])
    assert out.exit_code != 0 and "write >= instead" in out.output
    out = CliRunner().invoke(main, ["portfolios", "scenarios/2020-baseline.toml",
                                    "--statement", "reach >= 0.7",
                                    "--statement", "cooperation >= 0.5"])
    assert out.exit_code != 0 and "leave no weights" in out.output
    assert "Without 'reach >= 0.7'" in out.output


def test_an_infeasible_scenario_stops_with_the_diagnosis_not_a_list():
    from click.testing import CliRunner

    from optimizer.cli import main
    from optimizer.errors import InfeasibleError
    from optimizer.study import Study

    sets = ["coverage.min_projects_per_region=9"]
    study = Study.from_file("scenarios/2020-robust-shares.toml", sets=sets)
    with pytest.raises(InfeasibleError) as caught:
        study.nondominated(samples=0)  # no draws: nothing else would notice
    assert "Kainuu" in str(caught.value)
    out = CliRunner().invoke(main, ["portfolios", "scenarios/2020-robust-shares.toml",
                                    "--samples", "0", "--set", sets[0]])
    assert out.exit_code != 0 and "Traceback" not in out.output
    assert "No allocation meets every rule" in out.output and "core" not in out.output


def test_an_enumeration_that_misses_every_portfolio_is_an_error(monkeypatch):
    from optimizer.analysis import nondominated as analysis
    from optimizer.errors import VerificationError
    from optimizer.study import Study

    empty = Enumeration(portfolios=(), solves=1, solver="cbc", seconds=0.0)  # complete
    monkeypatch.setattr(analysis, "enumerate_nondominated", lambda *a, **k: empty)
    with pytest.raises(VerificationError):
        Study.from_file("scenarios/2020-robust-shares.toml").nondominated(samples=0)


def test_api_reads_the_scenario_keys():
    from optimizer.study import Study

    study = Study.from_file("scenarios/2020-baseline.toml", sets=[
        GROUPS, 'robustness.statements=["breadth >= impact >= fit"]',
        "robustness.score_interval=0"])
    out = study.nondominated(samples=0, decide=False)
    assert out.statements == ("breadth >= impact >= fit",)
    assert out.complete and len(out.portfolios) == 21
    assert out.to_frame().shape == (56, len(out.columns))


def test_evaluators_sheets_give_the_score_intervals():
    # Two evaluators disagree on b: e1 gives it (1, 1), e2 (0, 0); a is (0.6, 0.6) for both.
    # Budget fits one. On the mean scores b (0.5) loses to a (0.6): one portfolio. With the
    # evaluators' lowest..highest as intervals, b's [0, 1] overlaps a's 0.6: both stand.
    items = (Item("a", 0.6, 5, criteria=(0.6, 0.6), panel=((0.6, 0.6), (0.6, 0.6))),
             Item("b", 0.5, 5, criteria=(0.5, 0.5), panel=((1.0, 1.0), (0.0, 0.0))))
    inst = Instance(items=items, rules=Rules(budget_units=5), criteria_ids=("c1", "c2"),
                    weights=(0.5, 0.5), evaluators=("e1", "e2"), name="panel")
    assert robust_portfolios(inst, Question()).portfolios == (("a",),)
    both = robust_portfolios(inst, Question(evaluator_intervals=True))
    assert set(both.portfolios) == {("a",), ("b",)}
    assert {c.category for c in both.items} == {"borderline"}
    with pytest.raises(ScenarioError, match="at least two evaluators"):
        robust_portfolios(dataclasses.replace(inst, evaluators=()),
                          Question(evaluator_intervals=True))


def test_a_deciding_statement_stays_inside_a_narrow_range():
    from optimizer.analysis.nondominated import _middle

    assert _middle(0.0645, 0.069) == 0.067  # 0.07, two decimals, would leave no weights
    assert _middle(0.5, 1.0) == 0.75
