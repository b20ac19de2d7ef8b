"""Solver adapters: CBC and HiGHS run on a built model, with their status, bound and time.

Every PuLP *solver* call of the project lives here, so that a move to PuLP 4 (no bundled
CBC, no PULP_CBC_CMD, `solve()` returning a stats object) touches one file. Nothing here
interprets or verifies the variables: that is model.solve.

CBC is run through `COIN_CMD` pointed at the binary PuLP 3.3 bundles (PULP_CBC_CMD itself
warns with a PuLP-4 DeprecationWarning), falling back to a `cbc` on PATH. HiGHS runs in
process through highspy; it prints a banner on the C-level stdout once per process, even
with output switched off, so its calls run with file descriptor 1 pointed at /dev/null.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pulp
from pulp.apis import coin_api

from optimizer.constants import Status
from optimizer.errors import SolverError
from optimizer.model.formulation import Model
from optimizer.model.instance import FEASIBLE, INFEASIBLE, OPTIMAL
from optimizer.model.running import _CANCEL, POLL_SECONDS, check_options, stop_if_cancelled
from optimizer.vocabulary.message import Message

NO_SOLUTION, ERROR = Status.NO_SOLUTION, Status.ERROR
WATCHDOG_FACTOR, WATCHDOG_MARGIN = 1.5, 10.0  # watchdog_seconds: limit x factor + margin

# With gap=0 also ask for a (near) zero absolute gap: HiGHS stops at 1e-6 by default, which
# is not negligible next to score objectives that are sums of values in [0, 1].
EXACT_ABS_GAP = 1e-9
# CBC's knapsack cover cuts can cut off the optimum when the objective's values are
# fractional (coin-or/Cgl issue 49, open): on the 2020 region-cap robustness draw 401 the
# bundled CBC 2.10.3 proved 18.140903 optimal where the optimum is 18.141086. Without them
# CBC agreed with HiGHS on all 1,300 region-cap and every-region draws compared, and the
# synthetic 10,000 and 100,000 runs took as long (within the noise of three runs).
CBC_OPTIONS = ("knapsackCuts off",)


@dataclass(frozen=True)
class SolverRun:
    """What one solver run said, before any interpretation of the variables."""

    status: str  # OPTIMAL, FEASIBLE (stopped at a limit), INFEASIBLE, NO_SOLUTION, ERROR
    text: str  # the solver's own status words
    objective: float | None  # value of the objective at the returned point
    bound: float | None  # best bound on the objective, when the solver reports one
    seconds: float


def available_solvers() -> tuple[str, ...]:
    """Names accepted by `solve(..., solver=)` that can actually run here."""
    out = []
    if _cbc_path() is not None:
        out.append("cbc")
    if pulp.HiGHS(msg=False).available():
        out.append("highs")
    return tuple(out)


def run_model(
    model: Model, solver: str = "cbc", time_limit: float | None = None, gap: float = 0.0
) -> SolverRun:
    """Solve a built model and report what happened; the only place that calls a solver."""
    check_options(solver, time_limit, gap)
    stop_if_cancelled()
    if solver == "highs":
        run = _run_highs(model.prob, time_limit, gap)
        stop_if_cancelled()  # interrupted (see _run_interruptible): its answer is dropped
        return run
    return _run_cbc(model.prob, time_limit, gap)


# --- CBC ---------------------------------------------------------------------------------


def _cbc_path() -> str | None:
    """PuLP 3.3's bundled CBC, else a cbc on PATH (PuLP 4 bundles none)."""
    candidates = []
    with contextlib.suppress(ImportError):
        from pulp.apis.coin_api import pulp_cbc_path

        candidates.append(pulp_cbc_path)
    candidates.append(shutil.which("cbc"))
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _run_cbc(prob: pulp.LpProblem, time_limit: float | None, gap: float) -> SolverRun:
    path = _cbc_path()
    if path is None:
        raise SolverError(Message.of("solver.cbc_missing"))
    fd, log_path = tempfile.mkstemp(prefix="grantopt-cbc-", suffix=".log")
    os.close(fd)
    try:
        command = _CBC(
            path=path,
            msg=False,
            timeLimit=time_limit,
            gapRel=gap,
            gapAbs=EXACT_ABS_GAP if gap == 0 else None,
            logPath=log_path,  # the log holds the bound; msg=False alone discards it
            options=list(CBC_OPTIONS),
        )
        start = time.perf_counter()
        with _watchdog(time_limit) as fired:
            try:
                prob.solve(command)
            except pulp.PulpSolverError as exc:
                if not fired:
                    return SolverRun(ERROR, str(exc), None, None, time.perf_counter() - start)
        seconds = time.perf_counter() - start
        stop_if_cancelled()  # killed for a cancel, not for overrunning its limit
        if fired:
            raise SolverError(Message.of("scenario.solver.cbc_overran", limit=time_limit,
                                         seconds=seconds))
        with open(log_path, encoding="utf-8", errors="replace") as f:
            log = f.read()
    finally:
        with contextlib.suppress(OSError):
            os.remove(log_path)
    match = re.search(r"^Result - (.*)$", log, re.MULTILINE)
    text = match.group(1).strip() if match else pulp.LpStatus[prob.status]
    bound = _cbc_bound(log)
    return SolverRun(_status(prob), text, _objective(prob), bound, seconds)


class _CBC(pulp.COIN_CMD):
    """PuLP's COIN_CMD with the problem written and the answer read straight from the
    model's objects (`write_mps`, `_read_cbc_solution`): the same MPS bytes and the same
    command line as PuLP's own path, without its name lookups (for 100,000 applications
    PuLP's writer and reader took about half the time of CBC's solve). Only the options
    `_run_cbc` sets are supported."""

    def solve_CBC(self, lp: pulp.LpProblem, use_mps: bool = True) -> int:
        if not self.executable(self.path):
            raise pulp.PulpSolverError(f"Pulp: cannot execute {self.path}")
        mps, sol = self.create_tmp_files(lp.name, "mps", "sol")
        try:
            columns = write_mps(lp, mps)
            args = [self.path, mps, *(["-max"] if lp.sense == pulp.LpMaximize else [])]
            if self.timeLimit is not None:
                args += ["-sec", str(self.timeLimit)]
            for option in self.options + self.getOptions():
                args += ("-" + option).split()
            args += ["-solve", "-printingOptions", "all", "-solution", sol]
            log_path = self.optionsDict.get("logPath")
            with open(log_path or os.devnull, "w") as pipe:
                cbc = coin_api.subprocess.Popen(args, stdout=pipe, stderr=pipe,
                                                stdin=subprocess.DEVNULL)
                if cbc.wait() != 0:
                    raise pulp.PulpSolverError(f"Pulp: Error while trying to execute {self.path}")
            if not os.path.exists(sol):
                raise pulp.PulpSolverError(f"Pulp: Error while executing {self.path}")
            status, sol_status = self.get_status(sol)
            _read_cbc_solution(sol, columns)
            lp.assignStatus(status, sol_status)
            return status
        finally:
            self.delete_tmp_files(mps, sol)


MPS_BATCH = 50_000  # lines of the COLUMNS section written at a time

_MPS_SENSE = {pulp.LpConstraintLE: "L", pulp.LpConstraintEQ: "E", pulp.LpConstraintGE: "G"}


def write_mps(lp: pulp.LpProblem, path: str) -> list[pulp.LpVariable]:
    """The file PuLP's `lp.writeMPS(path, rename=1)` writes, byte for byte (the tests compare
    them), from one pass over the rows; the columns in the file's order (X0000000, ...)."""
    wasNone, dummy = lp.fixObjective()
    try:
        cobj = lp.objective
        # lp.variables() without its scan of every row: a row registers its variables when
        # it is added, and grantopt never adds terms to a row after that.
        lp._add_variables(cobj.keys())
        lp._variables.sort(key=lambda v: v.name)  # as PuLP numbers them
        columns = lp._variables
        col = [f"X{i:07d}" for i in range(len(columns))]
        index = {v: i for i, v in enumerate(columns)}
        rows = [f"C{i:07d}" for i in range(len(lp._constraints))]
        # The file is by column, the model by row: each nonzero kept as one int (its row
        # and its coefficient's text, numbered) in its column's list, not as its line of
        # text, and the lines written a batch at a time. At 100,000 applications the
        # lines held at once took about 100 MiB, the peak of the whole run.
        texts: list[str] = []  # each distinct coefficient's text once
        numbers: dict[float, int] = {}  # most coefficients repeat (1, -1, an award)
        numbered: dict[str, int] = {}
        coefs: list[list[int]] = [[] for _ in columns]
        width = 1 << 32  # more texts than this could not be written anyway
        for r, c in enumerate(lp._constraints.values()):
            base = r * width
            for v, value in c.items():
                t = numbers.get(value) if value else None  # -0.0 == 0.0, not alike
                if t is None:
                    text = f"{value: .12e}"
                    t = numbered.setdefault(text, len(texts))
                    if t == len(texts):
                        texts.append(text)
                    if value:
                        numbers[value] = t
                coefs[index[v]].append(base + t)
        with open(path, "w") as f:
            f.write(f"*SENSE:{pulp.LpSenses[lp.sense]}\nNAME          MODEL\nROWS\n N  OBJ\n")
            f.write("".join(f" {_MPS_SENSE[c.sense]}  {rows[r]}\n"
                            for r, c in enumerate(lp._constraints.values())))
            f.write("COLUMNS\n")
            out: list[str] = []
            for i, v in enumerate(columns):
                integer = v.cat == pulp.LpInteger
                if integer:
                    out.append("    MARK      'MARKER'                 'INTORG'\n")
                # The names have at least 8 characters: PuLP's %-8s pads none.
                name = col[i]
                out += [f"    {name}  {rows[k // width]}  {texts[k % width]}\n"
                        for k in coefs[i]]
                if v in cobj:
                    out.append(f"    {name:<8}  OBJ       {cobj[v]: .12e}\n")
                if integer:
                    out.append("    MARK      'MARKER'                 'INTEND'\n")
                if len(out) > MPS_BATCH:
                    f.write("".join(out))
                    out.clear()
            f.write("".join(out))
            del out, coefs
            f.write("RHS\n")
            f.write("".join(
                f"    RHS       {rows[r]:<8}  {-c.constant if c.constant != 0 else 0: .12e}\n"
                for r, c in enumerate(lp._constraints.values())))
            f.write("BOUNDS\n")
            f.write("".join(line for i, v in enumerate(columns)
                            for line in _bound_lines(col[i], v)))
            f.write("ENDATA\n")
    finally:
        lp.restoreObjective(wasNone, dummy)
    return columns


def _bound_lines(name: str, v: pulp.LpVariable) -> list[str]:
    """PuLP's mps_lp.writeMPSBoundLines (mip=True)."""
    lo, up, integer = v.lowBound, v.upBound, v.cat == pulp.LpInteger
    if lo is not None and lo == up:
        return [f" FX BND       {name:<8}  {lo: .12e}\n"]
    if lo == 0 and up == 1 and integer:
        return [f" BV BND       {name:<8}\n"]
    lines = []
    if lo is not None:
        if lo != 0 or (integer and up is None):
            lines.append(f" LO BND       {name:<8}  {lo: .12e}\n")
    else:
        lines.append(f" {'MI' if up is not None else 'FR'} BND       {name:<8}\n")
    if up is not None:
        lines.append(f" UP BND       {name:<8}  {up: .12e}\n")
    return lines


def _read_cbc_solution(path: str, columns: list[pulp.LpVariable]) -> None:
    """Each column's value and reduced cost from CBC's solution file, as PuLP's
    readsol_MPS + assignVarsVals set them (0 for a column the file leaves out)."""
    values = [0.0] * len(columns)
    costs: dict[int, float] = {}
    with open(path) as f:
        f.readline()  # the status line (get_status)
        for line in f:
            if len(line) <= 2:
                break
            parts = line.split()
            if parts[0] == "**":  # an infeasible row or column
                parts = parts[1:]
            name = parts[1]
            if name[0] == "X" and name[1:].isdigit():
                values[int(name[1:])] = float(parts[2])
                costs[int(name[1:])] = float(parts[3])
    for i, v in enumerate(columns):
        if v.name != "__dummy":
            v.varValue = values[i] if i in costs else 0
            if i in costs:
                v.dj = costs[i]


def watchdog_seconds(time_limit: float) -> float:
    """How long a CBC run may take before it is stopped: the limit plus a margin (CBC honours
    its limit loosely: it checks it between nodes and counts CPU time)."""
    return time_limit * WATCHDOG_FACTOR + WATCHDOG_MARGIN


@contextlib.contextmanager
def _watchdog(time_limit: float | None) -> Iterator[list[bool]]:
    """Kill the solver's whole process group still running at watchdog_seconds(time_limit)
    (a CBC that execs or starts another program included), or at once if the solve is
    interrupted. Yields a list that is non-empty once the watchdog fired."""
    fired: list[bool] = []
    started: list[int] = []
    _STARTED.groups = started

    def stop() -> None:
        for group in list(started):
            with contextlib.suppress(OSError):
                _kill_group(group)
                fired.append(True)

    timer = threading.Timer(watchdog_seconds(time_limit or 0.0), stop)
    timer.daemon = True
    if time_limit is not None:
        timer.start()
    cancel, finished = getattr(_CANCEL, "event", None), threading.Event()

    def watch() -> None:  # the cancel of `cancellable`, polled while the solver runs
        while cancel is not None and not finished.wait(POLL_SECONDS):
            if cancel.is_set():
                stop()  # again at each poll: a solver started meanwhile is stopped too

    watcher = threading.Thread(target=watch, daemon=True, name="grantopt-cancel-watch")
    if cancel is not None:
        watcher.start()
    try:
        yield fired
    except BaseException:  # Ctrl-C or SIGTERM: the solver, in its own session, would stay
        stop()
        raise
    finally:
        timer.cancel()
        finished.set()
        _STARTED.groups = None


def _kill_group(pid: int) -> None:
    """SIGKILL the process group `pid` leads (the process alone where there are none)."""
    killpg = getattr(os, "killpg", None)
    if killpg is not None:
        killpg(pid, signal.SIGKILL)
    else:
        os.kill(pid, signal.SIGKILL)


_STARTED = threading.local()  # .groups: the pids _SolverSubprocess started in this thread


class _SolverSubprocess:
    """`subprocess` as PuLP's CBC call sees it: its Popen starts the solver in a session
    (and so a process group) of its own, noted for the watchdog of the calling thread, so
    that the watchdog can kill whatever the solver runs, not only the solver's process."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    def Popen(self, *args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        kwargs.setdefault("start_new_session", True)
        process = subprocess.Popen(*args, **kwargs)
        groups = getattr(_STARTED, "groups", None)
        if groups is not None:
            groups.append(process.pid)
        return process


coin_api.subprocess = _SolverSubprocess()


def _cbc_bound(log: str) -> float | None:
    """CBC's final 'Upper bound:' (maximising) or 'Lower bound:' (minimising), if printed."""
    match = re.search(r"^(?:Upper|Lower) bound:\s*(\S+)", log, re.MULTILINE)
    if not match:
        return None
    try:
        value = float(match.group(1))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# --- HiGHS -------------------------------------------------------------------------------

_FD_LOCK = threading.Lock()
# HiGHS asks these callbacks, between iterations and nodes, whether to stop.
_INTERRUPTS = ("cbSimplexInterrupt", "cbIpmInterrupt", "cbMipInterrupt")


def _run_interruptible(highs: Any) -> None:
    """`highs.run()`, stopped early once this thread's `cancellable` event is set. The
    callbacks are subscribed only inside a `cancellable` block: each call takes the GIL."""
    cancel = getattr(_CANCEL, "event", None)
    if cancel is None:
        highs.run()
        return

    def interrupt(event: Any) -> None:
        if cancel.is_set():
            event.interrupt()

    for name in _INTERRUPTS:
        getattr(highs, name).subscribe(interrupt)
    try:
        highs.run()
    finally:
        for name in _INTERRUPTS:
            getattr(highs, name).unsubscribe(interrupt)


class _HiGHS(pulp.HiGHS):
    """PuLP's in-process HiGHS whose run a `cancellable` event interrupts."""

    def callSolver(self, lp: pulp.LpProblem) -> None:
        _run_interruptible(lp.solverModel)


def _highs_command(time_limit: float | None, gap: float) -> Any:
    command = _HiGHS(
        msg=False,
        timeLimit=time_limit,
        gapRel=gap,  # HiGHS would stop at 1e-4 without it
        gapAbs=EXACT_ABS_GAP if gap == 0 else None,
    )
    if not command.available():
        raise SolverError(Message.of("solver.highs_missing"))
    return command


def _run_highs(prob: pulp.LpProblem, time_limit: float | None, gap: float) -> SolverRun:
    command = _highs_command(time_limit, gap)
    start = time.perf_counter()
    try:
        with _stdout_silenced():
            prob.solve(command)
    except pulp.PulpSolverError as exc:
        return SolverRun(ERROR, str(exc), None, None, time.perf_counter() - start)
    highs, prob.solverModel = prob.solverModel, None  # do not keep the solver alive
    return _highs_run(prob, highs, time.perf_counter() - start)


def _highs_run(prob: pulp.LpProblem, highs: Any, seconds: float) -> SolverRun:
    text = highs.modelStatusToString(highs.getModelStatus())
    bound = highs.getInfo().mip_dual_bound
    # PuLP hands HiGHS the negated objective when maximising.
    if prob.sense == pulp.LpMaximize:
        bound = -bound
    bound = bound if math.isfinite(bound) else None
    return SolverRun(_status(prob), text, _objective(prob), bound, seconds)


class HighsSession:
    """One HiGHS model kept in memory for a sweep of solves that change only numbers.

    Built once from the PuLP model; each `run` copies the model's current objective,
    column bounds and row bounds into it (Model.set_budget, set_scores and force change
    only those) and starts from the previous answer, which stays feasible when only the
    objective changes and when the budget grows. Saves rebuilding the problem per solve.
    """

    def __init__(self, model: Model, time_limit: float | None = None, gap: float = 0.0
                 ) -> None:
        check_options("highs", time_limit, gap)
        self._command = _highs_command(time_limit, gap)
        prob = model.prob
        with _stdout_silenced():
            self._command.createAndConfigureSolver(prob)
            self._command.buildSolverModel(prob)
        # The number of threads is left alone: HiGHS fixes it once per process, and a
        # session asking for another would fail to run.
        self._highs, prob.solverModel = prob.solverModel, None
        self._columns = prob.variables()  # buildSolverModel numbered them in this order
        self._rows = list(prob.constraints())  # the order buildSolverModel numbered them
        self._shape = (len(self._columns), len(self._rows))
        self._start: Any = None

    def run(self, model: Model) -> SolverRun:
        """Solve the model as it is now."""
        prob, highs = model.prob, self._highs
        if (len(prob.variables()), prob.numConstraints()) != self._shape:
            raise SolverError(Message.of("solver.session_shape"))
        self._copy_numbers(prob)
        if self._start is not None:
            highs.setSolution(self._start)
        start = time.perf_counter()
        with _stdout_silenced():
            _run_interruptible(highs)
        seconds = time.perf_counter() - start
        stop_if_cancelled()
        prob.solverModel = highs
        try:
            status, sol_status = self._command.findSolutionValues(prob)
        finally:
            prob.solverModel = None
        prob.assignStatus(status, sol_status)
        if _status(prob) in (OPTIMAL, FEASIBLE):
            self._start = highs.getSolution()
        return _highs_run(prob, highs, seconds)

    def _copy_numbers(self, prob: pulp.LpProblem) -> None:
        import numpy as np

        inf = float("inf")  # HiGHS treats any value from 1e20 up as infinite
        sign = -1.0 if prob.sense == pulp.LpMaximize else 1.0
        cols = np.arange(len(self._columns), dtype=np.int32)
        costs = np.array([sign * prob.objective.get(v, 0.0) for v in self._columns])
        lower = np.array([-inf if v.lowBound is None else v.lowBound for v in self._columns],
                         dtype=float)
        upper = np.array([inf if v.upBound is None else v.upBound for v in self._columns],
                         dtype=float)
        self._highs.changeColsCost(len(cols), cols, costs)
        self._highs.changeColsBounds(len(cols), cols, lower, upper)
        rows = np.arange(len(self._rows), dtype=np.int32)
        row_lo = np.array([-inf if c.getLb() is None else c.getLb() for c in self._rows],
                          dtype=float)
        row_hi = np.array([inf if c.getUb() is None else c.getUb() for c in self._rows],
                          dtype=float)
        self._highs.changeRowsBounds(len(rows), rows, row_lo, row_hi)


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """Point file descriptor 1 at /dev/null: HiGHS writes its banner below Python's sys.stdout.

    contextlib.redirect_stdout cannot catch C-level output. The first of the threads solving
    at once swaps fd 1 and the last puts it back (a lock held only for the swap, so solves in
    two sessions run at the same time); output other threads write meanwhile is lost, so
    the CLI must not print concurrently with a HiGHS solve.
    """
    with _FD_LOCK:
        if _SILENCED["users"] == 0:
            try:
                sys.stdout.flush()
                saved = os.dup(1)
            except (OSError, ValueError, AttributeError):  # no usable fd 1: nothing to protect
                saved = -1
            if saved >= 0:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.close(devnull)
            _SILENCED["saved"] = saved
        _SILENCED["users"] += 1
    try:
        yield
    finally:
        with _FD_LOCK:
            _SILENCED["users"] -= 1
            if _SILENCED["users"] == 0 and _SILENCED["saved"] >= 0:
                _flush_c_stdout()
                os.dup2(_SILENCED["saved"], 1)
                os.close(_SILENCED["saved"])


_SILENCED = {"users": 0, "saved": -1}  # threads inside _stdout_silenced; fd 1's original


def _flush_c_stdout() -> None:
    """Flush C stdio buffers, so buffered banner text lands in /dev/null, not later on fd 1."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).fflush(None)


# --- shared ------------------------------------------------------------------------------


def _status(prob: pulp.LpProblem) -> str:
    """Map PuLP's (status, sol_status) pair to ours; both adapters fill them the same way."""
    if prob.sol_status == pulp.LpSolutionOptimal:
        return OPTIMAL
    if prob.sol_status == pulp.LpSolutionIntegerFeasible:
        return FEASIBLE
    if prob.status == pulp.LpStatusInfeasible:
        return INFEASIBLE
    if prob.status == pulp.LpStatusNotSolved:  # stopped by a limit before any solution
        return NO_SOLUTION
    if prob.sol_status == pulp.LpSolutionInfeasible:
        return INFEASIBLE
    return ERROR


def _objective(prob: pulp.LpProblem) -> float | None:
    value = prob.objective.value() if prob.objective is not None else None
    return float(value) if value is not None else None
