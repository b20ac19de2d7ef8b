"""The report's figures and workbooks made in forked workers: results in order, and made
here instead while another Python thread runs (the app)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

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


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_workers_end_with_a_killed_parent(tmp_path):
    # Killed, a report must not leave its workers behind (they hold its folder's lock).
    import signal
    import subprocess
    import sys
    import time

    pids = tmp_path / "pids"
    code = (
        "import os, sys, time\n"
        "from optimizer.report import build\n"
        "build.cpus = lambda: 2\n"
        "def task():\n"
        f"    open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n')\n"
        "    time.sleep(30)\n"
        "build.in_workers([task, task])\n")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).parents[1])
    deadline = time.monotonic() + 30
    while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p) for p in pids.read_text().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    time.sleep(0.5)
    assert [w for w in workers if _alive(w)] == []


def _alive(pid: int) -> bool:
    """Running: a killed worker nobody has reaped yet (a zombie) holds no files."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status
