"""Acceptability analysis over random weights: reproducible, exact on hand cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.robustness import (
    BORDERLINE,
    CORE,
    EXTERIOR,
    draw_scores,
    draw_weights,
    robustness,
    solve_draws,
)
from optimizer.errors import ScenarioError
from optimizer.formats.files import write_atomic
from optimizer.model.instance import Instance, Item, Rules
from optimizer.report.outputs import acceptability_csv


def make(specs, budget, criteria=("c1", "c2"), **rules) -> Instance:
    """specs: (id, criteria values, max_units[, lead_region])."""
    items = tuple(Item(id=s[0], score=0.0, max_units=s[2], criteria=tuple(s[1]),
                       lead_region=s[3] if len(s) > 3 else "") for s in specs)
    inst = Instance(items=items, rules=Rules(budget_units=budget, **rules),
                    criteria_ids=tuple(criteria), name="test",
                    labels={s[0]: f"Lead {s[0]}" for s in specs})
    return inst.with_weights(tuple(1 / len(criteria) for _ in criteria))


def _duel():
    # One unit of budget; A and B cost one unit each, so exactly one is funded.
    # score A = w1, score B = .2 w1 + .6 w2 = .6 - .4 w1  ->  A wins iff w1 > 3/7.
    return make([("A", (1.0, 0.0), 1), ("B", (0.2, 0.6), 1)], budget=1)


def test_two_criteria_index_is_the_share_of_the_simplex_where_the_item_wins():
    rob = robustness(_duel(), samples=2000, seed=11)
    # Dirichlet(1, 1): w1 ~ U(0, 1); P(w1 > 3/7) = 4/7.
    assert rob.index("A") == pytest.approx(4 / 7, abs=0.04)
    assert rob.index("A") + rob.index("B") == pytest.approx(1.0)
    assert rob.method == "dp"


def test_rank_and_interval_modes_restrict_the_simplex():
    # rank c2 > c1: w1 ~ U(0, 1/2); P(w1 > 3/7) = (1/2 - 3/7) / (1/2) = 1/7.
    rob = robustness(_duel(), samples=2000, seed=3, weights="rank", rank=["c2", "c1"])
    assert rob.index("A") == pytest.approx(1 / 7, abs=0.04)
    # c1 in [.4, .8]: w1 ~ U(.4, .8); P(w1 > 3/7) = (.8 - 3/7) / .4 = 13/14.
    rob = robustness(_duel(), samples=2000, seed=3, weights="intervals",
                     intervals={"c1": [0.4, 0.8]})
    assert rob.index("A") == pytest.approx(13 / 14, abs=0.04)


def test_weight_draws_respect_their_mode():
    rng = np.random.default_rng(0)
    crit = ["a", "b", "c"]
    w = draw_weights(rng, crit, 500, "simplex")
    assert w.shape == (500, 3) and np.allclose(w.sum(axis=1), 1) and (w >= 0).all()
    w = draw_weights(rng, crit, 500, "rank", rank=["c", "a", "b"])
    assert (w[:, 2] >= w[:, 0]).all() and (w[:, 0] >= w[:, 1]).all()
    w = draw_weights(rng, crit, 500, "intervals", intervals={"a": [0.2, 0.3], "b": [0, 0.5]})
    assert ((w[:, 0] >= 0.2) & (w[:, 0] <= 0.3) & (w[:, 1] <= 0.5)).all()
    assert np.allclose(w.sum(axis=1), 1)


def _mixed():
    return make([("TOP", (1.0, 1.0), 1), ("BIG", (0.9, 0.9), 50),
                 ("P", (0.9, 0.1), 2), ("Q", (0.1, 0.9), 2), ("R", (0.5, 0.5), 2),
                 ("S", (0.6, 0.3), 3)], budget=5)


def test_dominant_item_is_core_and_unfundable_item_is_exterior():
    rob = robustness(_mixed(), samples=300, seed=5)
    assert rob.index("TOP") == 1.0 and rob.category("TOP") == CORE
    assert rob.index("BIG") == 0.0 and rob.category("BIG") == EXTERIOR  # 50 units > budget
    assert {a.category for a in rob.items} <= {CORE, BORDERLINE, EXTERIOR}
    assert rob.items[0].index >= rob.items[-1].index
    assert rob.items[0].label.startswith("Lead ")
    assert sum(p.share for p in rob.portfolios) <= 1.0 + 1e-12
    assert all("TOP" in p.ids for p in rob.portfolios)
    assert rob.portfolios[0].count == max(p.count for p in rob.portfolios)


def test_same_seed_same_indices_for_any_number_of_workers():
    inst = _mixed()
    one = robustness(inst, samples=200, seed=42, workers=1)
    two = robustness(inst, samples=200, seed=42, workers=2)
    assert one == two
    other = robustness(inst, samples=200, seed=43, workers=1)
    assert [a.index for a in other.items] != [a.index for a in one.items] or \
        other.portfolios != one.portfolios


def test_same_seed_same_result_on_the_ip_path_in_parallel():
    inst = _mixed().with_rules(min_projects_per_region=0, max_region_share=0.9)
    one = robustness(inst, samples=24, seed=1, workers=1)
    two = robustness(inst, samples=24, seed=1, workers=2)
    assert one.method == "ip" and one == two


def test_cbc_draws_solved_in_threads_are_the_draws_solved_one_by_one():
    inst = _mixed().with_rules(min_projects_per_region=0, max_region_share=0.9)
    scores = draw_scores(inst, 9, seed=4, score_noise=0.2)
    one = solve_draws(inst, scores, "ip", solver="cbc")
    three = solve_draws(inst, scores, "ip", solver="cbc", threads=3)
    assert one.shape == (9, len(inst.items)) and np.array_equal(one, three)


def _regional():
    # Regions N and S; budget 4. When c1 weighs most, the three cheap N projects are the
    # best the budget alone buys (S left out); when c2 does, one of S and two of N.
    return make([("N1", (1.0, 0.1), 1, "N"), ("N2", (0.8, 0.3), 1, "N"),
                 ("N3", (0.7, 0.2), 1, "N"), ("S1", (0.1, 1.0), 2, "S"),
                 ("S2", (0.3, 0.8), 2, "S")], budget=4, min_projects_per_region=1)


@pytest.mark.parametrize("rules", [{}, {"min_projects_per_region": 0, "min_regions": 2}])
def test_draws_with_minimum_rules_are_answered_by_a_search_over_the_dp(monkeypatch, rules):
    import optimizer.analysis.robustness as rob_module
    from tests.bruteforce import brute_force

    inst = _regional().with_rules(**rules)
    scores = draw_scores(inst, 30, seed=5, score_noise=0.1)
    asked: list[int] = []
    real = rob_module.solve
    monkeypatch.setattr(rob_module, "solve",
                        lambda *a, **k: (asked.append(1), real(*a, **k))[1])
    screened = solve_draws(inst, scores, "ip", solver="cbc")
    assert not asked  # no draw needed the integer program
    for row, funded in zip(scores, screened, strict=True):
        best = brute_force(inst.with_scores(row))
        assert best is not None and set(best[1]) == set(np.array(inst.ids)[funded])
    monkeypatch.setattr(rob_module, "budget_relaxation", lambda _inst: None)
    assert np.array_equal(screened, solve_draws(inst, scores, "ip", solver="cbc"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(1, 3),
                          st.sampled_from("NSW")), min_size=1, max_size=6),
       st.integers(2, 7), st.sampled_from([("min_projects_per_region", 1),
                                            ("min_projects_per_region", 2),
                                            ("min_regions", 2), ("min_regions", 3)]),
       st.integers(0, 99))
def test_the_search_over_the_dp_finds_the_brute_force_optimum(specs, budget, rule, seed):
    from optimizer.analysis.robustness import _relaxed_optimum, budget_relaxation

    inst = make([(f"i{k}", (a / 10, b / 10), units, region)
                 for k, (a, b, units, region) in enumerate(specs)],
                budget=budget, **dict([rule]))
    relaxed = budget_relaxation(inst)
    assert relaxed is not None
    _draws_match_brute_force(inst, seed, lambda row: _relaxed_optimum(inst, relaxed, row))


def test_no_relaxation_where_the_budget_alone_binds_or_other_rules_stay():
    from optimizer.analysis.robustness import budget_relaxation
    from optimizer.model.instance import PARTIAL

    assert budget_relaxation(_mixed()) is None  # nothing to relax: the DP path already
    assert budget_relaxation(_regional().with_rules(mode=PARTIAL)) is None
    capped = _regional().with_rules(max_region_share=0.6)  # a cap stays: the program
    assert budget_relaxation(capped) is None
    relaxed = budget_relaxation(_regional())
    assert relaxed is not None and relaxed.rules.min_projects_per_region == 0


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_dp_and_core_paths_equal_the_ip_path(solver):
    inst = _mixed()
    scores = draw_scores(inst, 40, seed=9, score_noise=0.1)
    dp = solve_draws(inst, scores, "dp", solver=solver)
    core = solve_draws(inst, scores, "core", solver=solver)
    ip = solve_draws(inst, scores, "ip", solver=solver)
    assert np.array_equal(dp, ip) and np.array_equal(core, ip)


def test_score_noise_is_seeded_and_clipped():
    inst = _mixed()
    a = draw_scores(inst, 50, seed=1, score_noise=0.5)
    b = draw_scores(inst, 50, seed=1, score_noise=0.5)
    assert np.array_equal(a, b) and (a >= 0).all() and (a <= 1).all()
    assert not np.array_equal(a, draw_scores(inst, 50, seed=1))
    rob = robustness(inst, samples=50, seed=1, score_noise=0.5)
    assert rob.score_noise == 0.5 and rob.samples == 50


def test_progress_reports_every_draw():
    calls = []
    robustness(_mixed(), samples=30, seed=1, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (30, 30)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_bad_settings_are_scenario_errors():
    inst = _duel()
    with pytest.raises(ScenarioError, match="missing: c2"):
        robustness(inst, 10, 1, weights="rank", rank=["c1"])
    with pytest.raises(ScenarioError, match="Did you mean"):
        robustness(inst, 10, 1, weights="intervals", intervals={"c11": [0, 1]})
    with pytest.raises(ScenarioError, match="widen"):
        robustness(inst, 10, 1, weights="intervals", intervals={"c1": [0.7, 1], "c2": [0.7, 1]})
    with pytest.raises(ScenarioError):
        robustness(inst, 10, 1, weights="dirichlet")
    with pytest.raises(ScenarioError, match="per-criterion"):
        robustness(Instance(items=(Item("A", .5, 1),), rules=Rules(budget_units=1)), 10, 1)


def test_acceptability_csv(tmp_path):
    inst = _duel()
    inst = Instance(items=inst.items, rules=inst.rules, criteria_ids=inst.criteria_ids,
                    score_source="proxy")
    path = write_atomic(tmp_path / "acc.csv", acceptability_csv(robustness(inst, 20, 1)))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,label,acceptability,category")
    assert len(lines) == 3 and lines[1].endswith(",proxy")


def test_forced_ip_method_gives_the_same_indices_as_the_dp():
    inst = _mixed()
    dp = robustness(inst, samples=40, seed=2, score_noise=0.05)
    ip = robustness(inst, samples=40, seed=2, score_noise=0.05, method="ip")
    assert (dp.method, ip.method) == ("dp", "ip")
    assert dp.items == ip.items and dp.portfolios == ip.portfolios
    with pytest.raises(ScenarioError, match="budget-only"):
        robustness(inst.with_rules(min_regions=1), 5, 1, method="dp")


def _panel_instance(panels, evaluators=("e1", "e2")):
    """Two criteria; per item each evaluator's normalised values; criteria = their mean."""
    from optimizer.model.instance import Instance, Item, Rules

    items = tuple(
        Item(id=i, score=0.0, max_units=5,
             criteria=tuple(sum(v) / len(v) for v in zip(*panel, strict=True)), panel=panel)
        for i, panel in panels)
    inst = Instance(items=items, rules=Rules(budget_units=5), criteria_ids=("c1", "c2"),
                    evaluators=evaluators, name="panel")
    return inst.with_weights((0.5, 0.5))


def test_evaluator_resampling_hand_case():
    # One of a, b fits. Evaluator e1 prefers a (a: 1, 1; b: 0, 0), e2 prefers b (a: 0, 0;
    # b: 1, 1). A bootstrap panel of two is {e1, e1} (a wins), {e2, e2} (b wins) or mixed
    # (a tie, 0.5 each; the tie is broken the same way every time). So a is funded in
    # 1/4 + t and b in 1/4 + (1/2 - t) of the draws, t in {0, 1/2}: each index is 1/4 or
    # 3/4, and together they make 1.
    inst = _panel_instance([("a", ((1.0, 1.0), (0.0, 0.0))), ("b", ((0.0, 0.0), (1.0, 1.0)))])
    rob = robustness(inst, samples=4000, seed=3, resample_evaluators=True)
    a, b = rob.index("a"), rob.index("b")
    assert a + b == pytest.approx(1.0)
    assert min(a, b) == pytest.approx(0.25, abs=0.03)
    assert rob.evaluators == 2
    again = robustness(inst, samples=4000, seed=3, resample_evaluators=True)
    assert again.items == rob.items


def test_evaluator_resampling_with_agreeing_evaluators_changes_nothing():
    panel_a = ((0.9, 0.8), (0.9, 0.8))
    panel_b = ((0.2, 0.1), (0.2, 0.1))
    inst = _panel_instance([("a", panel_a), ("b", panel_b)])
    rob = robustness(inst, samples=200, seed=1, resample_evaluators=True)
    assert rob.index("a") == 1.0 and rob.index("b") == 0.0


def test_evaluator_resampling_needs_several_evaluators():
    inst = _panel_instance([("a", ((1.0, 1.0),)), ("b", ((0.0, 0.0),))], evaluators=("e1",))
    with pytest.raises(ScenarioError, match="several evaluators"):
        robustness(inst, samples=10, seed=1, resample_evaluators=True)


def _ip_only(monkeypatch):
    """The draws as before the share cap's DP: every one by the integer program."""
    import optimizer.analysis.robustness as rob_module

    monkeypatch.setattr(rob_module, "cap_relaxation", lambda _inst: None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(1, 4),
                          st.sampled_from(["N", "S", "W", ""])), min_size=1, max_size=7),
       st.integers(2, 9), st.sampled_from([0.2, 0.3, 0.45, 0.6]), st.integers(0, 99),
       st.sets(st.integers(0, 6), max_size=2), st.sets(st.integers(0, 6), max_size=1))
def test_the_share_cap_dp_finds_the_brute_force_optimum(specs, budget, share, seed, fund,
                                                        reject):
    from optimizer.analysis.robustness import cap_relaxation, capped_optimum

    n = len(specs)
    inst = make([(f"i{k}", (a / 10, b / 10), units, region)
                 for k, (a, b, units, region) in enumerate(specs)],
                budget=budget, max_region_share=share,
                fund=frozenset(f"i{k}" for k in fund if k < n),
                reject=frozenset(f"i{k}" for k in reject if k < n and k not in fund))
    uncapped = cap_relaxation(inst)
    assert uncapped is not None
    _draws_match_brute_force(inst, seed, lambda row: capped_optimum(inst, uncapped, row),
                             rel=1e-12, abs=1e-12)


def test_share_cap_draws_are_answered_by_the_dp_and_equal_the_program(monkeypatch):
    import optimizer.analysis.robustness as rob_module

    # Region N alone could take the whole budget of 5; its cap is 2 units.
    inst = make([("N1", (1.0, 0.1), 1, "N"), ("N2", (0.8, 0.3), 1, "N"),
                 ("N3", (0.7, 0.6), 2, "N"), ("S1", (0.1, 1.0), 2, "S"),
                 ("S2", (0.3, 0.8), 2, "S"), ("W1", (0.5, 0.5), 1, "W")],
                budget=5, max_region_share=0.4)
    scores = draw_scores(inst, 30, seed=2, score_noise=0.1)
    asked: list[int] = []
    real = rob_module.solve
    monkeypatch.setattr(rob_module, "solve",
                        lambda *a, **k: (asked.append(1), real(*a, **k))[1])
    by_dp = solve_draws(inst, scores, "ip", solver="cbc")
    assert not asked  # no draw needed the integer program
    _ip_only(monkeypatch)
    assert np.array_equal(by_dp, solve_draws(inst, scores, "ip", solver="cbc"))
    assert len(asked) == len(scores)


def test_share_cap_dp_leaves_split_awards_to_the_program():
    from dataclasses import replace

    from optimizer.analysis.robustness import cap_relaxation
    from optimizer.model.instance import PARTIAL, PARTICIPANTS

    inst = make([("A", (1.0, 0.0), 1, "N"), ("B", (0.0, 1.0), 1, "S")], budget=2,
                max_region_share=0.5)
    assert cap_relaxation(inst) is not None
    assert cap_relaxation(inst.with_rules(max_region_share=None)) is None
    assert cap_relaxation(inst.with_rules(mode=PARTIAL)) is None
    assert cap_relaxation(inst.with_rules(min_regions=2)) is None
    # On the participants' basis an award split between regions counts in each: the
    # program; one from a single region's participants is whole there: the DP.
    split = replace(inst.items[0], region_split=(("N", 0.5), ("S", 0.5)))
    whole = replace(inst.items[0], region_split=(("S", 1.0),))
    for first, answered in ((split, False), (whole, True)):
        on_participants = replace(inst, items=(first, inst.items[1])).with_rules(
            region_basis=PARTICIPANTS)
        assert (cap_relaxation(on_participants) is not None) == answered


def test_share_cap_draws_of_2020_are_the_programs(monkeypatch):
    from optimizer.study import Study

    study = Study.from_file("scenarios/2020-region-cap-25.toml")
    inst = study.case.instance
    scores = draw_scores(inst, 500, seed=study.scenario.robustness.seed)
    # draw 401: CBC with its knapsack cover cuts stopped 1.8e-4 short of the optimum
    picked = np.r_[0:60, 401]
    by_dp = solve_draws(inst, scores[picked], "ip", solver="cbc")
    _ip_only(monkeypatch)
    by_ip = solve_draws(inst, scores[picked], "ip", solver="cbc")
    assert np.array_equal(by_dp, by_ip)
    highs = solve_draws(inst, scores[[401]], "ip", solver="highs")
    assert np.array_equal(highs[0], by_dp[-1])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 10), st.integers(1, 6)), min_size=1, max_size=8),
       st.integers(0, 30), st.integers(0, 30), st.sets(st.integers(0, 7), max_size=2),
       st.sets(st.integers(0, 7), max_size=2))
def test_best_up_to_is_the_knapsack_table(specs, budget, low, fund, reject):
    from optimizer.analysis.robustness import best_up_to
    from optimizer.model.knapsack import knapsack_table

    n = len(specs)
    inst = make([(f"i{k}", (a / 10, a / 10), units) for k, (a, units) in enumerate(specs)],
                budget=budget, fund=frozenset(f"i{k}" for k in fund if k < n),
                reject=frozenset(f"i{k}" for k in reject if k < n and k not in fund))
    low = min(low, budget)
    found = best_up_to(inst, low, budget)
    table = knapsack_table(inst, budget, keep=False).best
    assert found.shape == table.shape
    assert np.allclose(found[low:], table[low:], rtol=1e-12, atol=1e-12)
    assert np.array_equal(np.isinf(found[low:]), np.isinf(table[low:]))


def _draws_match_brute_force(inst, seed, answer, **approx):
    """For 4 seeded draws of `inst`'s scores: `answer(row)` is None exactly when no
    allocation is feasible, else worth the brute-force optimum (within `approx`)."""
    from tests.bruteforce import brute_force

    for row in draw_scores(inst, 4, seed=seed):
        found = answer(row)
        best = brute_force(inst.with_scores(row))
        if best is None:
            assert found is None
        else:
            assert found is not None and found.objective == pytest.approx(best[0], **approx)
