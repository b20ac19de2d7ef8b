"""The report's figures and workbooks made in forked workers: results in order, and made
here instead while another Python thread runs (the app)."""

from __future__ import annotations

import os
import threading

import pytest

from optimizer.report import build


def _tasks(n: int) -> list:
    return [lambda i=i: (i, os.getpid()) for i in range(n)]


def test_tasks_run_in_forked_workers_and_come_back_in_order(monkeypatch):
    monkeypatch.setattr(build, "cpus", lambda: 2)
    # an earlier test's idle thread (a server's, a pool's) would make them run here
    monkeypatch.setattr(build, "only_thread", lambda: True)
    done = build.in_workers(_tasks(7))
    assert [i for i, _pid in done] == list(range(7))
    assert all(pid != os.getpid() for _i, pid in done)
    assert not build._PENDING  # nothing kept once done


def test_the_costliest_start_first_and_the_results_keep_the_tasks_order(monkeypatch):
    monkeypatch.setattr(build, "cpus", lambda: 2)
    done = build.in_workers(_tasks(5), costs=[1, 5, 2, 9, 1])
    assert [i for i, _pid in done] == list(range(5))


def test_with_another_thread_running_the_tasks_run_here(monkeypatch):
    monkeypatch.setattr(build, "cpus", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        done = build.in_workers(_tasks(3))
    finally:
        stop.set()
        other.join()
    assert done == [(i, os.getpid()) for i in range(3)]


def test_one_cpu_runs_the_tasks_here(monkeypatch):
    monkeypatch.setattr(build, "cpus", lambda: 1)
    assert build.in_workers(_tasks(2)) == [(0, os.getpid()), (1, os.getpid())]


def test_a_worker_that_dies_leaves_its_tasks_to_this_process(monkeypatch):
    # A killed worker (out of memory, a signal) must not leave the report waiting for ever.
    monkeypatch.setattr(build, "cpus", lambda: 2)
    monkeypatch.setattr(build, "only_thread", lambda: True)
    parent = os.getpid()

    def dies_in_a_worker() -> tuple[int, int]:
        if os.getpid() != parent:
            os._exit(9)
        return (3, os.getpid())

    tasks = [*_tasks(3), dies_in_a_worker, *_tasks(5)[4:]]
    done = build.in_workers(tasks)
    assert [i for i, _pid in done] == [0, 1, 2, 3, 4]
    assert done[3] == (3, parent)  # done here after the worker died


def test_a_task_that_fails_fails_the_call(monkeypatch):
    monkeypatch.setattr(build, "cpus", lambda: 2)
    monkeypatch.setattr(build, "only_thread", lambda: True)

    def fails() -> None:
        raise ValueError("no such figure")

    with pytest.raises(ValueError, match="no such figure"):
        build.in_workers([*_tasks(2), fails])
