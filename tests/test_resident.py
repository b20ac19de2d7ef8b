"""model.resident: one program in memory answers flip after flip, weighting after weighting,
the same as a fresh solve (and brute force) would; the changes are undone."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.compare import closest_optimum
from optimizer.model.instance import OPTIMAL, PARTIAL
from optimizer.model.resident import Resident
from optimizer.model.ties import is_optimal, tie_tol
from optimizer.model.verify import verify
from tests.bruteforce import brute_force
from tests.factories import make

# Budget 10 units. a 0.9 (5 units), b 0.5 (5), c 0.4 (5), d 0.45 (4); regions: the
# coverage rule makes this a program the knapsack DP does not answer.
ABCD = [("a", 0.9, 5, "R1"), ("b", 0.5, 5, "R1"), ("c", 0.4, 5, "R2"), ("d", 0.45, 4, "R2")]


def test_forcing_in_and_out_and_back():
    inst = make(ABCD)
    r = Resident(inst)
    assert r.optimum().units == {"a": 5, "b": 5}
    r.force("c", True)  # best with c: a + c = 1.3
    assert r.instance.rules.fund == {"c"}
    assert r.optimum().units == {"a": 5, "c": 5}
    r.force("c", None)
    r.force("a", False)  # best without a: b + d = 0.95
    assert r.optimum().units == {"b": 5, "d": 4}
    r.force("a", None)
    assert r.instance == inst
    assert r.optimum().units == {"a": 5, "b": 5}


def test_closest_counts_additions_and_removals():
    # Region minimum 1 in R1 and R2: the optimum is a + d (1.35), worth more than a + c.
    inst = make(ABCD, min_projects_per_region=1)
    r = Resident(inst)
    best = r.optimum()
    assert best.units == {"a": 5, "d": 4}
    # From {b, c}: the only optimum is {a, d}, four changes away.
    near = r.closest({"b": 5, "c": 5}, 1.35 - tie_tol(1.35))
    assert near.status == OPTIMAL and near.units == {"a": 5, "d": 4}
    assert r.closest({}, 1.35 - tie_tol(1.35)).units == {"a": 5, "d": 4}


def test_new_scores_change_only_the_objective():
    inst = make(ABCD)
    r = Resident(inst)
    r.set_scores([0.1, 0.1, 0.9, 0.9])  # c and d now the best pair
    assert r.optimum().units == {"c": 5, "d": 4}
    assert [it.score for it in r.instance.items] == [0.1, 0.1, 0.9, 0.9]


def test_partial_mode_moves_awards_least():
    # As test_compare: a and b worth 0.05 per unit, budget 12, optimum 0.6 spends all 12;
    # from a = 7 the closest optimum adds b and keeps a at 7.
    inst = make([("a", 0.5, 10), ("b", 0.5, 10)], budget=12, mode=PARTIAL)
    r = Resident(inst)
    assert r.optimum().objective == pytest.approx(0.6)
    ch = closest_optimum(inst, {"a": 7}, 0.6, resident=r)
    assert dict(ch.units) == {"a": 7, "b": 5}


def _instances():
    spec = st.tuples(st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9]), st.integers(1, 6),
                     st.sampled_from(["R1", "R2"]))
    return st.builds(
        lambda specs, budget, cover: make(
            [(f"p{k}", s, u, reg) for k, (s, u, reg) in enumerate(specs)], budget=budget,
            min_projects_per_region=cover),
        st.lists(spec, min_size=2, max_size=6), st.integers(3, 14), st.integers(0, 1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_instances(), st.data())
def test_every_flip_matches_brute_force(inst, data):
    """Each item forced in and out on one program: the optimum brute force finds, and the
    closest optimum to a random target is optimal and no farther than any optimum."""
    found = brute_force(inst)
    r = Resident(inst)
    if found is None:
        assert r.optimum().status != OPTIMAL
        return
    for it in inst.items:
        for funded in (True, False):
            r.force(it.id, funded)
            forced = brute_force(r.instance)
            answer = r.optimum()
            if forced is None:
                assert answer.status != OPTIMAL
            else:
                assert not verify(r.instance, answer.units)
                assert r.instance.value(answer.units) == pytest.approx(forced[0])
            r.force(it.id, None)
    target = {it.id: it.max_units for it in inst.items if data.draw(st.booleans())}
    ch = closest_optimum(inst, target, found[0], resident=Resident(inst))
    assert is_optimal(inst, ch.units, found[0])
    fewest = min(len(set(target) ^ {i for i, u in zip(inst.ids, pick, strict=True) if u})
                 for pick in itertools.product((0, 1), repeat=len(inst.items))
                 if is_optimal(inst, {i: it.max_units for i, it, u in
                                      zip(inst.ids, inst.items, pick, strict=True) if u},
                               found[0]))
    assert ch.count == fewest


def test_explain_on_the_resident_program_lifts_and_restores_locks():
    """A program the DP does not answer (a region minimum), with c locked in and b out:
    each flip's value is brute force's with that one decision reversed (a lock lifted)."""
    from optimizer.analysis.explain import explain

    inst = make(ABCD, min_projects_per_region=1, fund=frozenset({"c"}),
                reject=frozenset({"b"}))
    e = explain(inst, solver="cbc")
    base = brute_force(inst)
    assert base is not None and e.optimal_value == pytest.approx(base[0])
    for row in e.entries:
        rules = inst.rules
        fund, reject = rules.fund - {row.id}, rules.reject - {row.id}
        if row.id in base[1]:
            reject |= {row.id}
        else:
            fund |= {row.id}
        flipped = brute_force(inst.with_rules(fund=frozenset(fund), reject=frozenset(reject)))
        if flipped is None:
            assert row.forced_value is None
        else:
            assert row.forced_value == pytest.approx(flipped[0])
