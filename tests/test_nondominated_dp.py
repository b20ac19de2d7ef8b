"""The DP of model.nondominated_dp at the 2020 round's size, and the non-dominated optima it
samples when its partial portfolios outgrow the cap."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.statements import stated_weights
from optimizer.errors import VerificationError
from optimizer.model import nondominated, nondominated_dp
from optimizer.model.dominance import values
from optimizer.model.instance import Instance, Item, Rules
from optimizer.model.nondominated import enumerate_nondominated
from optimizer.model.nondominated_dp import dp_nondominated, sampled_nondominated
from optimizer.model.nondominated_near import near_portfolios
from optimizer.model.verify import verify
from tests.test_nondominated import CRITERIA, _problem, _random, _reference, cases


def _round_sized(seed: int) -> Instance:
    """56 applications with costs like the 2020 round's spread, a third of them fundable."""
    rng = np.random.default_rng(seed)
    items = tuple(Item(id=f"p{k:02d}", score=0.5, max_units=int(rng.integers(5, 60)),
                       criteria=tuple(float(x) for x in rng.random(3).round(3)))
                  for k in range(56))
    return Instance(items=items, rules=Rules(budget_units=sum(it.max_units for it in items) // 3),
                    criteria_ids=CRITERIA, weights=(0.4, 0.3, 0.3), name="t56")


@pytest.mark.parametrize("seed,interval,top", [(20, 0.0, 0.4), (21, 0.01, 0.4),
                                                (22, 0.05, 0.35)])
def test_dp_equals_integer_programme_on_a_round_sized_instance(seed, interval, top):
    instance = _round_sized(seed)
    stated, lo, hi = _problem(instance, [f"0.3 <= a <= {top}", f"0.3 <= b <= {top}"],
                              interval)
    vals = values(instance, stated.points, lo, hi)
    dp = enumerate_nondominated(instance, vals, method="auto")
    ip = enumerate_nondominated(instance, vals, solver="cbc", method="ip")
    assert dp.solver == "dp" and dp.complete and ip.complete
    assert len(dp.portfolios) > 3  # more than the optima at the extreme points alone
    assert set(dp.portfolios) == set(ip.portfolios)


def _budget_only(instance: Instance) -> Instance:
    return instance.with_rules(min_projects_per_region=0, max_awards_per_lead=None, links=(),
                               fund=frozenset(), reject=frozenset())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_items=10))
def test_sampled_optima_are_all_nondominated(case):
    instance, statements, interval = case
    instance = _budget_only(instance)
    stated, lo, hi = _problem(instance, statements, interval)
    vals = values(instance, stated.points, lo, hi)
    found = sampled_nondominated(instance, vals, limit=50, draws=500, stale=40)
    expected = _reference(instance, stated.weights, lo, hi)
    assert found and set(found) <= expected


def test_past_the_cap_the_list_is_incomplete_and_nondominated(monkeypatch):
    instance = _random(8, 10, 10, most=4)
    stated, lo, hi = _problem(instance, ["a >= b"], 0.3)
    vals = values(instance, stated.points, lo, hi)
    expected = _reference(instance, stated.weights, lo, hi)
    whole = enumerate_nondominated(instance, vals)
    assert whole.complete and {frozenset(p) for p in whole.portfolios} == expected
    assert dp_nondominated(instance, vals, max_states=4) is None
    monkeypatch.setattr(nondominated_dp, "FIRST_CAP", 4)
    monkeypatch.setattr(nondominated_dp, "WIDE_CAP", 4)
    capped = enumerate_nondominated(instance, vals)
    assert not capped.complete
    assert 0 < len(capped.portfolios) < len(expected)
    assert {frozenset(p) for p in capped.portfolios} <= expected


def test_sampling_stops_past_the_limit():
    instance = _random(8, 12, 12, most=4)
    stated = stated_weights(CRITERIA, instance.weights, {}, {}, [])
    _, lo, hi = _problem(instance, [], 0.3)
    vals = values(instance, stated.points, lo, hi)
    found = sampled_nondominated(instance, vals, limit=3)
    assert len(found) == 4  # one past the limit: more than 3 exist


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_items=10))
def test_dp_with_locks_equals_enumeration_with_lp_dominance(case):
    instance, statements, interval = case
    locked = instance.rules.fund | instance.rules.reject
    instance = instance.with_rules(min_projects_per_region=0, max_awards_per_lead=None,
                                   links=())
    stated, lo, hi = _problem(instance, statements, interval)
    vals = values(instance, stated.points, lo, hi)
    found = dp_nondominated(instance, vals)
    assert found is not None
    assert set(found) == _reference(instance, stated.weights, lo, hi), locked


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=cases(max_items=10))
def test_past_the_first_cap_the_dp_bounded_by_near_portfolios_is_exact(case, monkeypatch):
    instance, statements, interval = case
    instance = instance.with_rules(min_projects_per_region=0, max_awards_per_lead=None,
                                   links=())
    stated, lo, hi = _problem(instance, statements, interval)
    vals = values(instance, stated.points, lo, hi)
    with monkeypatch.context() as patch:
        patch.setattr(nondominated_dp, "FIRST_CAP", 1)  # the first try always gives up
        found = enumerate_nondominated(instance, vals)
    expected = _reference(instance, stated.weights, lo, hi)
    assert found.solver == "dp" and found.complete
    assert {frozenset(p) for p in found.portfolios} == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_items=10))
def test_near_portfolios_are_feasible_full_and_start_from_the_seeds(case):
    instance, statements, interval = case
    instance = instance.with_rules(min_projects_per_region=0, max_awards_per_lead=None,
                                   links=())
    stated, lo, hi = _problem(instance, statements, interval)
    vals = values(instance, stated.points, lo, hi)
    seeds = sampled_nondominated(instance, vals, limit=20, draws=60, stale=20)
    near = near_portfolios(instance, vals, seeds, limit=30)
    assert near[:len(seeds)] == seeds and len(set(near)) == len(near) <= max(30, len(seeds))
    rules = instance.rules
    for p in near:
        units = {i: instance.item(i).max_units for i in p}
        assert not verify(instance, units)
        room = rules.budget_units - sum(units.values())
        if p not in seeds:  # no application that still fits is left out
            assert all(it.max_units > room for it in instance.items
                       if it.id not in p and it.id not in rules.reject)
    for k, p in enumerate(near[len(seeds):], start=len(seeds)):
        assert not any(vals.dominates(q, p) for q in near[:k])


def _greedy(values, cost, start, room) -> float:
    """The fractional knapsack by hand: whole applications by value per euro while they
    fit, then the part of the next one that does."""
    total = 0.0
    for k in sorted((k for k in range(start, len(values)) if values[k] > 0),
                    key=lambda k: -values[k] / max(cost[k], 1)):
        if cost[k] <= room:
            total, room = total + values[k], room - cost[k]
        else:
            return total + room * values[k] / max(cost[k], 1)
    return total


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_fractional_rows_match_the_greedy_by_hand(data):
    n = data.draw(st.integers(1, 8))
    rows = data.draw(st.integers(1, 4))
    values = np.array(data.draw(st.lists(st.floats(0, 5, allow_nan=False), min_size=n * rows,
                                         max_size=n * rows))).reshape(rows, n)
    cost = np.array(data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    start = data.draw(st.integers(0, n))
    which = np.array(data.draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=6)))
    room = np.array(data.draw(st.lists(st.integers(0, 60), min_size=len(which),
                                       max_size=len(which))))
    many = nondominated_dp._Fractional(values, cost, start).value(which, room)
    by_hand = [_greedy(values[w], cost, start, r) for w, r in zip(which, room, strict=True)]
    assert np.allclose(many, by_hand)


def test_a_sampled_optimum_missing_from_the_dp_is_an_error(monkeypatch):
    items = tuple(Item(id=f"p{k}", score=0.5, max_units=2, criteria=(0.5, 0.4, 0.3))
                  for k in range(6))
    instance = Instance(items=items, rules=Rules(budget_units=6), criteria_ids=CRITERIA,
                        weights=(1 / 3,) * 3, name="t")
    stated, lo, hi = _problem(instance, ["a >= b"], 0.0)
    vals = values(instance, stated.points, lo, hi)
    monkeypatch.setattr(nondominated_dp, "FIRST_CAP", 1)
    assert enumerate_nondominated(instance, vals).complete
    # one application where three fit: dominated, yet "sampled" as non-dominated
    monkeypatch.setattr(nondominated, "sampled_nondominated", lambda *a, **k: [frozenset({"p0"})])
    with pytest.raises(VerificationError):
        enumerate_nondominated(instance, vals)


def test_near_portfolios_stop_after_the_exchanges_allowed():
    instance = _round_sized(20)
    stated, lo, hi = _problem(instance, ["a >= b"], 0.05)
    vals = values(instance, stated.points, lo, hi)
    seeds = sampled_nondominated(instance, vals, limit=5, draws=20, stale=10)
    few = near_portfolios(instance, vals, seeds, exchanges=30)
    more = near_portfolios(instance, vals, seeds, exchanges=3000)
    assert len(seeds) < len(few) <= len(seeds) + 30 < len(more)
    assert more[:len(few)] == few  # the same search, stopped sooner
