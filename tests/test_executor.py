"""Sweeps that reuse one model, and the places their tasks run.

A HiGHS session solves the same rows again with another objective or budget: its answers
must equal fresh solves. Robustness, calibration and the frontier must give the same answer
in this process, in two local processes and on a (local) Dask cluster.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.calibrate import calibrate
from optimizer.analysis.executor import DaskCluster, InProcess, Processes, executor_for
from optimizer.analysis.frontier import frontier
from optimizer.analysis.robustness import robustness
from optimizer.errors import InfeasibleError, ScenarioError, SolverError
from optimizer.model.formulation import build_model
from optimizer.model.instance import PARTIAL, Instance, Item, Rules
from optimizer.model.solve import solve
from optimizer.model.solvers import HighsSession
from tests.bruteforce import brute_force

REGIONS = ("North", "South", "East")


def _instance(draw_sizes, draw_regions, budget, **rules) -> Instance:
    items = tuple(Item(id=f"a{i}", score=0.5, max_units=m, lead_region=r,
                       criteria=(0.5, 0.5), lead=f"L{i % 3}")
                  for i, (m, r) in enumerate(zip(draw_sizes, draw_regions, strict=True)))
    return Instance(items=items, rules=Rules(budget_units=budget, **rules),
                    criteria_ids=("c1", "c2"), weights=(0.5, 0.5), name="t")


@st.composite
def instances(draw) -> Instance:
    n = draw(st.integers(2, 7))
    sizes = draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    regions = draw(st.lists(st.sampled_from(REGIONS), min_size=n, max_size=n))
    rules = draw(st.sampled_from([{}, {"min_projects_per_region": 1},
                                  {"max_awards_per_lead": 1}, {"mode": PARTIAL},
                                  {"max_region_share": 0.6}]))
    return _instance(sizes, regions, draw(st.integers(sum(sizes) // 3, sum(sizes))), **rules)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inst=instances(), seed=st.integers(0, 2**16))
def test_a_session_with_new_scores_equals_fresh_solves_and_brute_force(inst, seed):
    rng = np.random.default_rng(seed)
    model = build_model(inst)
    session = HighsSession(model)
    for _ in range(4):
        scores = rng.random(len(inst.items))
        model.set_scores(scores)
        try:
            reused = solve(model.instance, model=model, session=session)
        except InfeasibleError:  # the rules cannot hold: nothing can, whatever the scores
            assert brute_force(inst.with_scores(scores)) is None
            return
        fresh = solve(inst.with_scores(scores), solver="highs", method="ip")
        assert reused.objective == pytest.approx(fresh.objective, abs=1e-9)
        best = brute_force(inst.with_scores(scores))
        assert best is not None and reused.objective == pytest.approx(best[0], abs=1e-9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inst=instances())
def test_a_budget_sweep_on_one_session_equals_fresh_solves(inst):
    total = sum(it.max_units for it in inst.items)
    model = build_model(inst)
    session = HighsSession(model)
    for budget in range(0, total + 1, max(1, total // 5)):
        model.set_budget(budget)
        at = inst.with_rules(budget_units=budget)
        try:
            fresh = solve(at, solver="highs", method="ip").objective
        except InfeasibleError:
            continue
        reused = solve(model.instance, model=model, session=session)
        assert reused.objective == pytest.approx(fresh, abs=1e-9)
        assert reused.solver == "highs"


def test_a_session_refuses_a_model_that_changed_shape():
    inst = _instance([3, 4], ["North", "South"], 5)
    model = build_model(inst)
    session = HighsSession(model)
    model.add_objective_floor(0.1)  # one more row
    with pytest.raises(SolverError, match="build a new session"):
        solve(model.instance, model=model, session=session)


# --------------------------------------------------------------------------- executors


def _covered(n: int = 14, seed: int = 3) -> Instance:
    """An instance the integer program must answer (a coverage rule binds)."""
    rng = np.random.default_rng(seed)
    items = tuple(Item(id=f"p{i:02}", score=0.0, max_units=int(rng.integers(2, 9)),
                       lead_region=REGIONS[i % 3], criteria=tuple(rng.random(3)))
                  for i in range(n))
    inst = Instance(items=items, rules=Rules(budget_units=30, min_projects_per_region=2),
                    criteria_ids=("c1", "c2", "c3"), name="covered")
    return inst.with_weights((0.4, 0.3, 0.3))


@pytest.fixture(scope="module")
def dask_cluster():
    import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        yield DaskCluster(cluster.scheduler_address)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_robustness_is_the_same_in_one_process_two_processes_and_on_dask(solver,
                                                                         dask_cluster):
    inst = _covered()
    runs = [robustness(inst, samples=40, seed=5, solver=solver, executor=executor)
            for executor in (InProcess(), Processes(2), dask_cluster)]
    assert runs[0].method == "ip" and "one model" in runs[0].engine
    assert runs[0] == runs[1] == runs[2]
    assert [r.executor for r in runs] == ["local", "local, 2 processes",
                                          dask_cluster.name]


def test_robustness_reports_progress_on_dask(dask_cluster):
    seen: list[tuple[int, int]] = []
    robustness(_covered(), samples=30, seed=1, solver="highs", executor=dask_cluster,
               progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (30, 30)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_frontier_and_calibration_are_the_same_anywhere(dask_cluster):
    inst = _covered()
    fronts = [frontier(inst, budgets=[800, 1500, 2200, 3000], solver="highs",
                       executor=executor) for executor in (InProcess(), dask_cluster)]
    assert fronts[0].rows() == fronts[1].rows()
    actual = {it.id: it.max_units for it in inst.items[:5]}
    cals = [calibrate(inst, actual, samples=12, seed=2, solver="highs", executor=executor)
            for executor in (InProcess(), Processes(2), dask_cluster)]
    assert cals[0].to_dict() == cals[1].to_dict() == cals[2].to_dict()


def test_executor_specs(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    assert executor_for(None) == InProcess()
    assert executor_for("local", 3) == Processes(3)
    assert executor_for("dask://127.0.0.1:8786") == DaskCluster("tcp://127.0.0.1:8786")
    for bad in ("dask://", "dask://nohostport", "ray://x:1", "locale",
                "dask://127.0.0.1:notaport", "dask://:8786", "dask://h:0", "dask://h:70000"):
        with pytest.raises(ScenarioError, match="dask://HOST:PORT") as caught:
            executor_for(bad)
        assert bad in str(caught.value)


def test_local_workers_are_bounded_by_the_cpus_and_the_tasks(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert executor_for("local", 10000) == Processes(2)
    assert executor_for("local", 1) == InProcess()
    started: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs) -> None:
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr("optimizer.analysis.executor.ProcessPoolExecutor", Pool)
    assert Processes(8).map(abs, [(-1,), (-2,)]) == [1, 2]
    assert started == [2]


def test_the_cli_says_when_it_lowers_workers(monkeypatch):
    from click.testing import CliRunner

    from optimizer.cli import main

    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    result = CliRunner().invoke(main, ["robustness", "scenarios/2020-baseline.toml",
                                       "--samples", "3", "--workers", "10000"])
    assert result.exit_code == 0, result.output
    said = "--workers 10000 lowered to 2: no more processes than this machine's CPUs (2)"
    assert said in result.stderr
    assert "in 2 local processes" in result.stdout


def test_an_unreachable_scheduler_is_one_clear_error():
    import distributed  # noqa: F401  (the test extras install it)
    executor = dataclasses.replace(executor_for("dask://127.0.0.1:9"), timeout=1.0)
    with pytest.raises(ScenarioError, match="cannot reach the Dask scheduler"):
        executor.map(int, [("1",)])


def test_workers_without_this_grantopt_are_named_before_any_task_runs():
    import importlib.metadata

    from optimizer import __version__
    from optimizer.analysis.executor import _check_workers

    class Client:  # what distributed.Client.run returns: worker address -> answer
        def __init__(self, answers):
            self.answers = answers

        def run(self, function, *args, on_error="raise"):
            assert function is importlib.metadata.version and on_error == "return"
            return self.answers

    _check_workers(Client({"tcp://a:1": __version__}), "tcp://s:8786")
    missing = importlib.metadata.PackageNotFoundError("grantopt")
    with pytest.raises(ScenarioError, match=r"tcp://b:1 \(no grantopt\), tcp://c:1 \(0\.0\.1\)"):
        _check_workers(Client({"tcp://a:1": __version__, "tcp://b:1": missing,
                               "tcp://c:1": "0.0.1"}), "tcp://s:8786")
    with pytest.raises(ScenarioError, match="no workers"):
        _check_workers(Client({}), "tcp://s:8786")


def test_a_cluster_whose_workers_all_left_is_one_clear_error(monkeypatch):
    import threading
    import time

    import distributed

    import optimizer.analysis.executor as executor_module

    monkeypatch.setattr(executor_module, "quiet_worker", lambda: None)  # workers in-process
    monkeypatch.setattr(executor_module, "POLL_SECONDS", 0.2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        worker = next(iter(cluster.scheduler.workers))
        executor = DaskCluster(cluster.scheduler_address, lost_after=1.0)
        threading.Timer(1.0, cluster.scale, (0,)).start()  # the worker goes mid-task
        start = time.perf_counter()
        with pytest.raises(ScenarioError, match="lost its workers") as caught:
            executor.map(time.sleep, [(3,), (3,)])
        assert worker in str(caught.value) and "2 of 2 tasks did not run" in str(caught.value)
        assert time.perf_counter() - start < 15
