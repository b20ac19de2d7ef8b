"""Where the independent solves of a sweep run: here, in local processes, or on a Dask
cluster.

Robustness draws, calibration trials and frontier budgets are independent tasks. Every
random draw is made before the tasks are handed out and the results are put back in task
order, so the answer is the same wherever they ran; only the time differs.

`executor_for(spec, workers)` reads what a user asks for: "local" (this machine; with
`workers` > 1, that many processes) or "dask://HOST:PORT" (the scheduler of a running Dask
cluster: `dask scheduler` on one machine and `dask worker tcp://HOST:PORT` on each
other). Dask is imported only when asked for (`pip install "grantopt[dask]"`).
"""

from __future__ import annotations

import importlib.metadata
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from optimizer.errors import GrantoptError, ScenarioError
from optimizer.version import __version__
from optimizer.vocabulary.message import Message

T = TypeVar("T")
Progress = Callable[[int, int], None]
LOCAL, DASK = "local", "dask://"
POLL_SECONDS = 1.0  # how often a Dask run looks whether its workers are still there


class Executor(Protocol):
    """Runs `task(*args)` for every args of a list; results in the order given."""

    @property
    def name(self) -> str:
        """Where the tasks run, in words (said in the outputs)."""
        ...

    @property
    def parallel(self) -> int:
        """How many tasks may run at once (sweeps cut their work into pieces by it)."""
        ...

    def map(self, task: Callable[..., T], calls: Sequence[tuple[Any, ...]],
            sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[T]:
        """`sizes`: how much each call counts towards `progress` (default 1 each)."""
        ...


@dataclass(frozen=True)
class InProcess:
    name: str = "local"
    parallel: int = 1

    def map(self, task: Callable[..., T], calls: Sequence[tuple[Any, ...]],
            sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[T]:
        counter = _Counter(sizes or [1] * len(calls), progress)
        out = []
        for index, args in enumerate(calls):
            out.append(task(*args))
            counter.done(index)
        return out


@dataclass(frozen=True)
class Processes:
    workers: int

    @property
    def name(self) -> str:
        return f"local, {self.workers} processes"

    @property
    def parallel(self) -> int:
        return self.workers

    def map(self, task: Callable[..., T], calls: Sequence[tuple[Any, ...]],
            sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[T]:
        counter = _Counter(sizes or [1] * len(calls), progress)
        results: dict[int, T] = {}
        if not calls:
            return []
        # Workers start from a fork server, not a fork of this process: HiGHS's thread
        # pool (and any other running thread) does not survive a fork and would hang.
        context = multiprocessing.get_context("forkserver")
        # No more processes than tasks: each extra one would only start and wait.
        workers = min(self.workers, len(calls))
        with ProcessPoolExecutor(max_workers=workers, initializer=quiet_worker,
                                 mp_context=context) as pool:
            futures = {pool.submit(task, *args): i for i, args in enumerate(calls)}
            for future in as_completed(futures):
                index = futures[future]
                results[index] = future.result()
                counter.done(index)
        return [results[i] for i in range(len(calls))]


@dataclass(frozen=True)
class DaskCluster:
    """A running Dask cluster, reached through its scheduler's address."""

    address: str  # tcp://HOST:PORT
    parallel: int = 16  # unknown until connected; enough pieces to balance most clusters
    timeout: float = 10.0  # seconds to reach the scheduler
    lost_after: float = 60.0  # seconds with no worker at all before the tasks are given up

    @property
    def name(self) -> str:
        return f"dask {self.address}"

    def map(self, task: Callable[..., T], calls: Sequence[tuple[Any, ...]],
            sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[T]:
        counter = _Counter(sizes or [1] * len(calls), progress)
        with _client(self.address, self.timeout) as client:
            try:
                _check_workers(client, self.address)
                client.run(quiet_worker)
                futures = [client.submit(task, *args, pure=False) for args in calls]
                index = {f.key: i for i, f in enumerate(futures)}
                results: dict[int, T] = {}
                for future in self._finished(client, futures):
                    results[index[future.key]] = future.result()
                    counter.done(index[future.key])
            except GrantoptError:
                raise
            except Exception as exc:  # a worker that cannot run grantopt's tasks
                raise ScenarioError(Message.of(
                    "analysis.dask.task_failed", address=self.address,
                    error=f"{type(exc).__name__}: {exc}", version=__version__)) from None
        return [results[i] for i in range(len(calls))]

    def _finished(self, client: Any, futures: list[Any]) -> Iterator[Any]:
        """The futures as they finish. Tasks whose workers all left (one killed without a
        nanny to restart it) would wait for ever: after `lost_after` seconds with no worker
        the lost ones are named instead."""
        from distributed import wait

        pending, known, alone_since = set(futures), set(client.nthreads()), None
        while pending:
            try:
                done = wait(pending, timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            yield from done
            pending -= done
            now = set(client.nthreads())
            known |= now
            if now or done:
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since >= self.lost_after:
                raise ScenarioError(Message.of(
                    "analysis.dask.workers_lost", address=self.address, workers=sorted(known),
                    seconds=self.lost_after, left=len(pending), total=len(futures)))


def _check_workers(client: Any, address: str) -> None:
    """Every worker has grantopt, and the same version: else one clear error, not a
    traceback from the first task."""
    # A standard-library function, so that it runs on a worker that lacks grantopt; there
    # its error comes back as the answer.
    found = client.run(importlib.metadata.version, "grantopt", on_error="return")
    if not found:
        raise ScenarioError(Message.of("analysis.dask.no_workers", address=address))
    wrong = sorted((worker, version if isinstance(version, str) else None)
                   for worker, version in found.items() if version != __version__)
    if wrong:
        raise ScenarioError(Message.of("analysis.dask.wrong_version", workers=wrong,
                                       version=__version__))


def executor_for(spec: str | None, workers: int = 1) -> Executor:
    """The executor a user asked for: "local" (default) or "dask://HOST:PORT"."""
    if spec is None or spec == LOCAL:
        workers = local_workers(workers)
        return Processes(workers) if workers > 1 else InProcess()
    if spec.startswith(DASK):
        return DaskCluster(f"tcp://{_host_port(spec)}")
    raise ScenarioError(Message.of("analysis.executor.unknown", spec=spec))


def _host_port(spec: str) -> str:
    """HOST:PORT of "dask://HOST:PORT", checked here: a bad port would otherwise end in a
    traceback from inside Dask."""
    host, _, port = spec[len(DASK):].rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ScenarioError(Message.of("analysis.executor.dask_address", spec=spec))
    return f"{host}:{port}"


def may_thread() -> bool:
    """Threads of solves only from the main thread (the command line): a solve in another
    thread may be cancelled through that thread's own event (model.running.cancellable),
    which threads started from it would not see."""
    return threading.current_thread() is threading.main_thread()


def cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def local_workers(asked: int) -> int:
    """Local processes for `asked`: more than the CPUs would only share them, and slower."""
    return max(1, min(asked, cpus()))


def chunks(n: int, parts: int) -> list[tuple[int, int]]:
    """[a, b) ranges covering range(n) in about 8 pieces per worker (at most 100 each):
    small enough to balance and to show progress, large enough to amortise a model build."""
    size = max(1, min(100, math.ceil(n / (max(1, parts) * 8))))
    return [(a, min(n, a + size)) for a in range(0, n, size)]


def quiet_worker() -> None:
    """Workers print nothing (HiGHS banners would spoil JSON on stdout)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


class _Counter:
    def __init__(self, sizes: Sequence[int], progress: Progress | None) -> None:
        self.sizes, self.progress = sizes, progress
        self.total, self.count = sum(sizes), 0

    def done(self, index: int) -> None:
        self.count += self.sizes[index]
        if self.progress is not None:
            self.progress(self.count, self.total)


@contextmanager
def _client(address: str, timeout: float) -> Iterator[Any]:
    try:
        from distributed import Client
    except ImportError:
        raise ScenarioError(Message.of("analysis.dask.missing")) from None
    try:
        client = Client(address, timeout=f"{timeout}s")
    except OSError as exc:
        raise ScenarioError(Message.of("analysis.dask.unreachable", address=address,
                                       error=str(exc))) from None
    try:
        yield client
    finally:
        client.close()
