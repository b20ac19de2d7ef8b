"""Sessions in parallel: a cached property computes once per instance and holds up no other
instance (functools.cached_property on Python 3.11 locks the whole class while computing)."""

from __future__ import annotations

import pickle
import threading
import time
from dataclasses import dataclass

import pytest

from optimizer.caching import cached
from optimizer.study import Study
from tests.factories import tiny_round


@dataclass(frozen=True, eq=False)
class Slow:
    """A frozen instance with a cached value that takes `seconds` to compute."""

    seconds: float
    calls: list[int]

    @cached
    def value(self) -> float:
        self.calls.append(1)
        time.sleep(self.seconds)
        return self.seconds


def _timed(get: object, done: dict[str, float], name: str, start: float) -> None:
    get()  # type: ignore[operator]
    done[name] = time.perf_counter() - start


def test_a_slow_instance_does_not_hold_up_another():
    slow, quick = Slow(2.0, []), Slow(0.0, [])
    done: dict[str, float] = {}
    start = time.perf_counter()
    first = threading.Thread(target=_timed, args=(lambda: slow.value, done, "slow", start))
    first.start()
    time.sleep(0.2)  # the slow one is computing now
    _timed(lambda: quick.value, done, "quick", start)
    first.join()
    assert done["quick"] < 1.0 < done["slow"]


def test_one_instance_computes_once_for_many_threads():
    shared = Slow(0.5, [])
    got: list[float] = []
    threads = [threading.Thread(target=lambda: got.append(shared.value)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [0.5] * 8
    assert len(shared.calls) == 1
    assert shared.value == 0.5 and len(shared.calls) == 1


def test_an_exception_is_not_cached_and_the_instance_still_pickles():
    @dataclass(frozen=True)
    class Flaky:
        tries: list[int]

        @cached
        def value(self) -> int:
            self.tries.append(1)
            if len(self.tries) == 1:
                raise ValueError("first time")
            return len(self.tries)

    flaky = Flaky([])
    with pytest.raises(ValueError):
        _ = flaky.value
    assert flaky.value == 2 and flaky.value == 2
    assert isinstance(Flaky.__dict__["value"], cached)
    assert pickle.loads(pickle.dumps(Slow(0.0, []))).seconds == 0.0


def test_no_cached_property_left_in_the_library():
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "optimizer"
    users = [p.name for p in package.rglob("*.py")
             if "@cached_property" in p.read_text(encoding="utf-8")]
    assert users == []


def test_two_studies_solve_in_parallel(monkeypatch, tmp_path):
    """A study whose solve is slow (patched to sleep) does not delay another study's."""
    from optimizer import study as study_module

    real = study_module.solve

    def slow_solve(inst, **kw):
        if inst is slow_study.case.instance:
            time.sleep(2.0)
        return real(inst, **kw)

    base = Study.from_file(tiny_round(tmp_path, "Nuoret", "tiny"))
    slow_study = base.with_changes(budget=150_000)
    quick_study = base.with_changes(budget=200_000)
    _ = slow_study.case, quick_study.case  # assembled before the clock starts
    monkeypatch.setattr(study_module, "solve", slow_solve)
    done: dict[str, float] = {}
    start = time.perf_counter()
    first = threading.Thread(target=_timed, args=(slow_study.solve, done, "slow", start))
    first.start()
    time.sleep(0.2)
    _timed(quick_study.solve, done, "quick", start)
    first.join()
    assert done["quick"] < 1.5 < done["slow"]


# --- cancelling a long solve ---------------------------------------------------------------


def _slow_cbc(tmp_path, monkeypatch) -> None:
    """Point the CBC adapter at a fake solver that sleeps a minute."""
    from optimizer.model import solvers

    fake = tmp_path / "slow-cbc"
    fake.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(solvers, "_cbc_path", lambda: str(fake))


def test_cancelling_a_long_cbc_solve_stops_it_promptly(tmp_path, monkeypatch):
    from optimizer.study import SolveCancelled, cancellable

    _slow_cbc(tmp_path, monkeypatch)
    study = Study.from_file(tiny_round(tmp_path, "Nuoret", "tiny")).with_changes(
        **{"solver.method": "ip"})
    _ = study.case
    event = threading.Event()
    threading.Timer(0.5, event.set).start()
    start = time.perf_counter()
    with cancellable(event), pytest.raises(SolveCancelled) as raised:
        study.solve()
    assert time.perf_counter() - start < 10  # the fake solver sleeps 60 s
    assert "stopped" in raised.value.text("en") and "keskeytettiin" in raised.value.text("fi")


def test_a_solve_cancelled_before_it_starts_does_not_start(tmp_path, monkeypatch):
    from optimizer.study import SolveCancelled, cancellable

    _slow_cbc(tmp_path, monkeypatch)
    study = Study.from_file(tiny_round(tmp_path, "Nuoret", "tiny")).with_changes(
        **{"solver.method": "ip"})
    event = threading.Event()
    event.set()
    start = time.perf_counter()
    with cancellable(event), pytest.raises(SolveCancelled):
        study.solve()
    assert time.perf_counter() - start < 10
    assert "_optimum" not in study.__dict__  # not cached: a later solve tries again


def _market_split(items: int, rows: int) -> object:
    """A market-split program (Cornuejols-Dawande): a few equality rows over binaries, which
    branch-and-bound solves only after a long search (minutes at 40 items and 4 rows)."""
    import random
    from types import SimpleNamespace

    import pulp

    rng = random.Random(3)
    prob = pulp.LpProblem("market_split", pulp.LpMinimize)
    # variables made by the problem (PuLP 3.3 deprecates LpVariable made on their own)
    x = [prob.add_variable(f"x{j}", 0, 1, pulp.LpBinary) for j in range(items)]
    over = [prob.add_variable(f"over{i}", 0) for i in range(rows)]
    under = [prob.add_variable(f"under{i}", 0) for i in range(rows)]
    prob += pulp.lpSum(over) + pulp.lpSum(under)
    for i in range(rows):
        a = [rng.randint(0, 99) for _ in range(items)]
        prob += pulp.lpSum(a[j] * x[j] for j in range(items)) + over[i] - under[i] == sum(a) // 2
    return SimpleNamespace(prob=prob)  # what run_model reads of a Model


def test_cancelling_a_long_highs_solve_stops_it_within_a_second():
    from optimizer.model.solvers import available_solvers, run_model
    from optimizer.study import SolveCancelled, cancellable

    if "highs" not in available_solvers():
        pytest.skip("HiGHS is not installed")
    event = threading.Event()
    set_at: list[float] = []

    def cancel() -> None:
        set_at.append(time.perf_counter())
        event.set()

    threading.Timer(0.5, cancel).start()
    with cancellable(event), pytest.raises(SolveCancelled):
        run_model(_market_split(40, 4), "highs", time_limit=120)  # type: ignore[arg-type]
    assert set_at and time.perf_counter() - set_at[0] < 1.0


def test_a_highs_solve_in_a_cancellable_block_not_cancelled_answers_as_outside():
    from optimizer.model.solvers import available_solvers, run_model
    from optimizer.study import cancellable

    if "highs" not in available_solvers():
        pytest.skip("HiGHS is not installed")
    outside = run_model(_market_split(12, 2), "highs")  # type: ignore[arg-type]
    with cancellable(threading.Event()):
        inside = run_model(_market_split(12, 2), "highs")  # type: ignore[arg-type]
    assert (inside.status, inside.objective) == (outside.status, outside.objective)
    assert inside.status == "optimal"


def test_a_sessions_next_change_supersedes_its_running_solve(tmp_path, monkeypatch):
    """The app's rule: a change entering `superseding` cancels the same session's change
    still solving (which then answers 409, cancelled); another session's is untouched."""
    import asyncio
    import json

    from optimizer.study import SolveCancelled
    from optimizer.web.handlers import answer, superseding

    _slow_cbc(tmp_path, monkeypatch)
    base = Study.from_file(tiny_round(tmp_path, "Nuoret", "tiny")).with_changes(
        **{"solver.method": "ip"})
    session, other = threading.Event(), threading.Event()  # stand-ins: any weak-referable key
    outcome: dict[str, object] = {}

    def first() -> None:
        start = time.perf_counter()
        try:
            with superseding(session):  # type: ignore[arg-type]
                base.with_changes(budget=150_000).solve()
        except SolveCancelled:
            outcome["first"] = time.perf_counter() - start

    def elsewhere() -> None:
        with superseding(other) as event:  # type: ignore[arg-type]
            time.sleep(1.0)
            outcome["other cancelled"] = event.is_set()

    threads = [threading.Thread(target=first), threading.Thread(target=elsewhere)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    with superseding(session) as mine:  # type: ignore[arg-type]
        for t in threads:
            t.join(timeout=20)
        assert not mine.is_set()
    assert isinstance(outcome["first"], float) and outcome["first"] < 10
    assert outcome["other cancelled"] is False

    def cancelled_work() -> None:
        raise SolveCancelled

    response = asyncio.run(answer(cancelled_work, lang="fi"))
    assert response.status_code == 409
    assert json.loads(response.body)["cancelled"] is True


def test_highs_solves_in_two_threads_silence_stdout_together():
    """HiGHS's banner guard let one solve at a time through; now two are inside at once,
    and fd 1 is back as it was when the last leaves."""
    import os

    from optimizer.model.solvers import _stdout_silenced

    before = os.fstat(1).st_ino
    both_inside = threading.Barrier(2, timeout=5)
    errors: list[BaseException] = []

    def solve_quietly() -> None:
        try:
            with _stdout_silenced():
                both_inside.wait()
        except threading.BrokenBarrierError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=solve_quietly) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert os.fstat(1).st_ino == before
