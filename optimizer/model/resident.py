"""One instance's integer program kept in memory, asked many questions in one process.

Explain (every application forced in or out), calibrate (hundreds of weightings) and the
comparison with the actual decision solve the same program again and again with a few
numbers changed. Building it and starting a solver process per question cost far more than
the solves themselves (a HiGHS solve of the 2020 round takes a few milliseconds), so
`Resident` builds the program once (model.formulation, through PuLP), loads it once into
one highspy object, and per question changes only numbers in place: a column's bounds
(force in/out), the objective (new weights, or "fewest changes"), a row's bounds (the
objective floor, the cap on changes); each solve starts from the previous answer.

It says nothing about the answers it finds: the callers verify every portfolio
(model.verify, model.ties.is_optimal) before they report it, as they do for any solver.

The program for "the optimal portfolio closest to a target" is the one of
analysis.compare.closest_optimum: the row value >= optimum - tol (model.ties.tie_tol), the
objective sum_{i in A} (1 - x_i) + sum_{i not in A} x_i; in partial mode a second solve with
the changes capped at the minimum found minimises sum_i |award_i - target_i| (columns d_i
with d_i >= award_i - t_i and d_i >= t_i - award_i, always present, free of cost otherwise).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulp

from optimizer.errors import SolverError
from optimizer.model.formulation import Model, build_model, solution_units
from optimizer.model.instance import FEASIBLE, INFEASIBLE, OPTIMAL, PARTIAL, Instance
from optimizer.model.running import check_options, stop_if_cancelled
from optimizer.model.solvers import (
    EXACT_ABS_GAP,
    NO_SOLUTION,
    _run_interruptible,
    _stdout_silenced,
)
from optimizer.vocabulary.message import Message

INF = math.inf
LEAN_PRESOLVE_MAX_ITEMS = 500  # a lean program (Resident._lean) this small skips presolve


@dataclass(frozen=True)
class Answer:
    """One solve of the resident program: its status and, when found, the portfolio."""

    status: str  # OPTIMAL, FEASIBLE (a limit stopped it), INFEASIBLE or NO_SOLUTION
    units: dict[str, int]  # funded items only; {} unless OPTIMAL or FEASIBLE
    objective: float | None  # the solver's value of the objective asked
    seconds: float


class Resident:
    """The integer program of `instance`, loaded once into HiGHS (see the module doc).

    `instance` follows the changes (locks, weights) so that callers verify against the
    rules actually solved, as with Model.force.
    """

    def __init__(self, instance: Instance, time_limit: float | None = None,
                 lean: bool = False) -> None:
        check_options("highs", time_limit, 0.0)
        self.time_limit = time_limit
        self.model: Model = build_model(instance)
        prob = self.model.prob
        command = pulp.HiGHS(msg=False, timeLimit=time_limit, gapRel=0.0,
                             gapAbs=EXACT_ABS_GAP)
        if not command.available():
            raise SolverError(Message.of("solver.highs_missing"))
        with _stdout_silenced():
            command.createAndConfigureSolver(prob)
            command.buildSolverModel(prob)
        self._highs: Any = prob.solverModel
        prob.solverModel = None
        # One thread: these programs are small, and on a loaded machine HiGHS's parallel
        # search waits on its workers (the 2020 flips: a third of the time). HiGHS fixes its
        # thread count at the first run of the process; when another count came first the
        # run fails, and _run falls back to the default (see there).
        self._highs.setOptionValue("threads", 1)
        self._columns = prob.variables()
        self._x = {i: x.index for i, x in self.model.x.items()}
        self._award = {i: ([(v.index, c) for v, c in e.items()], e.constant)
                       for i, e in self.model.award.items()}
        self._value_costs()
        nz = [(j, c) for j, c in enumerate(self._costs) if c]
        self._floor_row = self._add_row([j for j, _ in nz], [c for _, c in nz])
        self._start: Any = None
        self._target: dict[str, int] | None = None
        self._partial = instance.rules.mode == PARTIAL
        self._cap_row: int | None = None
        self._cut_row: int | None = None
        self._any_row: int | None = None
        if self._partial:
            self._moves_cols()
        if lean:
            self._lean()

    @property
    def instance(self) -> Instance:
        return self.model.instance

    # --- changes in place ---

    def force(self, item_id: str, funded: bool | None) -> None:
        """Item in (True), out (False) or free (None): Model.force, copied to HiGHS."""
        self.model.force(item_id, funded)
        self._model_bounds(item_id)

    def set_scores(self, scores: Sequence[float]) -> None:
        """New scores (Model.set_scores): only the value objective changes."""
        self.model.set_scores(scores)
        self._value_costs()
        rows = self._floor_row
        for j, c in enumerate(self._costs):
            self._highs.changeCoeff(rows, j, c)

    def fix(self, item_id: str, funded: bool) -> None:
        """Fix one column in (True) or out (False) for the questions that follow; unlike
        `force`, the instance (its locks) is left as it is (model.ties)."""
        self._highs.changeColBounds(self._x[item_id], float(funded), float(funded))

    def unfix(self) -> None:
        """Every column's bounds back to the model's (its locks), after `fix`."""
        for i in self.model.x:
            self._model_bounds(i)

    def tie_rows(self) -> None:
        """The rows of the tie rule (module doc), free until asked; once."""
        if self._cut_row is not None:
            return
        if self._cap_row is None:
            self._add_cap_row()
            self._target = None  # its coefficients are set with the next target
        self._cut_row = self._add_row([], [])
        self._any_row = self._add_row([], [])

    def cap_changes(self, target: Mapping[str, int], changes: int) -> None:
        """From now on at most `changes` additions + removals from `target`."""
        assert self._cap_row is not None
        self._set_target(target)
        self._row_bounds(self._cap_row, -INF, changes - len(self._target or {}))

    def exclude(self, funded: Collection[str] | None) -> None:
        """Any portfolio but the one funding exactly `funded` (None: the cut lifted):
        sum_{i in F} (1 - x_i) + sum_{i not in F} x_i >= 1."""
        assert self._cut_row is not None
        if funded is None:
            self._row_bounds(self._cut_row, -INF, INF)
            return
        chosen = set(funded)
        self._changes_coeffs(self._cut_row, chosen)
        self._row_bounds(self._cut_row, 1.0 - len(chosen), INF)

    def any_of(self, ids: Collection[str] | None) -> None:
        """At least one of `ids` funded (None: the row lifted)."""
        assert self._any_row is not None
        if ids is None:
            self._row_bounds(self._any_row, -INF, INF)
            return
        wanted = set(ids)
        self._coeffs(self._any_row, lambda i: 1.0 if i in wanted else 0.0)
        self._row_bounds(self._any_row, 1.0, INF)

    # --- questions ---

    def optimum(self) -> Answer:
        """The best portfolio under the current bounds and value objective."""
        self._objective(self._costs, maximise=True)
        self._row_bounds(self._floor_row, -INF, INF)
        self._caps_off()
        return self._run()

    def closest(self, target: Mapping[str, int], floor: float) -> Answer:
        """The portfolio worth `floor` or more (under the value objective) with the fewest
        additions + removals from `target` (funded ids of the instance)."""
        self._set_target(target)
        self._row_bounds(self._floor_row, floor - self._constant, INF)
        self._caps_off()
        costs = [0.0] * self._highs.getNumCol()
        for i, j in self._x.items():
            costs[j] = -1.0 if i in target else 1.0
        self._objective(costs, maximise=False)
        return self._run()

    def closest_moves(self, changes: int) -> Answer:
        """Partial mode, after `closest`: among the portfolios worth the floor and at most
        `changes` from the target, the awards that move least from it (in units)."""
        assert self._partial and self._target is not None and self._cap_row is not None
        self._row_bounds(self._cap_row, -INF, changes - len(self._target))
        costs = [0.0] * self._highs.getNumCol()
        for j in self._d.values():
            costs[j] = 1.0
        self._objective(costs, maximise=False)
        return self._run()

    def feasibility(self) -> None:
        """From now on the questions ask only whether a portfolio meets the rows and bounds
        (a zero objective): the first one found answers, no optimality to prove."""
        self._objective([0.0] * self._highs.getNumCol(), maximise=False)

    def again(self) -> Answer:
        """The question last asked, under the bounds and rows as they are now."""
        return self._run()

    # --- the HiGHS object ---

    def _lean(self) -> None:
        """Options for many small questions: on the 2020 round a HiGHS run took 4 ms, of
        which the solve proper well under one; the feasibility-jump heuristic (set up per
        run) took 2, the presolve 1 (left on for larger programs and where continuous
        columns are (funding pools' shares): there it pays, twice over); on programs that
        small the primal heuristics too (on 2020 with fair shares a third of a run). For the
        tie rule and explain's flips, whose portfolios the rule fixes, not the solver. Not
        for calibrate: among equal optima it shows the solver's pick, and these options
        moved it (2020 every-region)."""
        self._highs.setOptionValue("mip_heuristic_run_feasibility_jump", False)
        small = len(self.model.x) <= LEAN_PRESOLVE_MAX_ITEMS
        if small:
            self._highs.setOptionValue("mip_heuristic_effort", 0.0)
        whole = all(v.cat != pulp.LpContinuous for v in self._columns)
        if whole and small:
            self._highs.setOptionValue("presolve", "off")

    def _value_costs(self) -> None:
        objective = self.model.prob.objective
        self._costs = [float(objective.get(v, 0.0)) for v in self._columns]
        self._constant = float(objective.constant)
        pad = self._highs.getNumCol() - len(self._costs)
        self._costs += [0.0] * pad

    def _add_row(self, cols: list[int], vals: list[float], lo: float = -INF,
                 hi: float = INF) -> int:
        self._highs.addRow(lo, hi, len(cols), cols, vals)
        return int(self._highs.getNumRow()) - 1

    def _moves_cols(self) -> None:
        """The columns d_i and their rows, and the cap on changes (module doc)."""
        h = self._highs
        self._d: dict[str, int] = {}
        self._up: dict[str, int] = {}
        self._down: dict[str, int] = {}
        for i, (terms, _) in self._award.items():
            h.addCol(0.0, 0.0, INF, 0, [], [])
            d = int(h.getNumCol()) - 1
            self._d[i] = d
            cols, vals = [j for j, _ in terms], [c for _, c in terms]
            self._up[i] = self._add_row([d, *cols], [1.0, *(-c for c in vals)])
            self._down[i] = self._add_row([d, *cols], [1.0, *vals])
        self._add_cap_row()
        self._costs += [0.0] * len(self._d)

    def _add_cap_row(self) -> None:
        """The row of the cap on changes (its coefficients set with a target)."""
        xs = list(self._x.values())
        self._cap_row = self._add_row(xs, [1.0] * len(xs))

    def _model_bounds(self, item_id: str) -> None:
        """The column's bounds in HiGHS back to the model's (its locks)."""
        x = self.model.x[item_id]
        lo = -INF if x.lowBound is None else x.lowBound
        hi = INF if x.upBound is None else x.upBound
        self._highs.changeColBounds(self._x[item_id], lo, hi)

    def _coeffs(self, row: int, coeff: Callable[[str], float]) -> None:
        for i, j in self._x.items():
            self._highs.changeCoeff(row, j, coeff(i))

    def _changes_coeffs(self, row: int, ids: Collection[str]) -> None:
        """The row counts changes from `ids`: |ids| + sum_i s_i x_i, s_i = -1 in ids, else 1
        (the constant |ids| goes into the row's bounds)."""
        self._coeffs(row, lambda i: -1.0 if i in ids else 1.0)

    def _set_target(self, target: Mapping[str, int]) -> None:
        if self._target is not None and self._target == dict(target):
            return
        self._target = dict(target)
        h = self._highs
        if self._cap_row is not None:
            self._changes_coeffs(self._cap_row, target)
        if not self._partial:
            return
        for i, (_, const) in self._award.items():
            t = target.get(i, 0)
            h.changeRowBounds(self._up[i], const - t, INF)  # d - award >= -t
            h.changeRowBounds(self._down[i], t - const, INF)  # d + award >= t

    def _caps_off(self) -> None:
        if self._cap_row is not None:
            self._row_bounds(self._cap_row, -INF, INF)

    def _row_bounds(self, row: int, lo: float, hi: float) -> None:
        self._highs.changeRowBounds(row, lo, hi)

    def _objective(self, costs: list[float], maximise: bool) -> None:
        h = self._highs
        n = len(costs)
        h.changeColsCost(n, list(range(n)), costs)
        h.changeObjectiveSense(pulp_sense(maximise))
        h.changeObjectiveOffset(0.0)

    def _run(self) -> Answer:
        h = self._highs
        if self._start is not None:
            h.setSolution(self._start)
        start = time.perf_counter()
        with _stdout_silenced():
            _run_interruptible(h)
            if _not_run(h) and h.getOptionValue("threads")[1] == 1:
                h.setOptionValue("threads", 0)  # the process's HiGHS runs with another
                _run_interruptible(h)
        seconds = time.perf_counter() - start
        stop_if_cancelled()
        status = _status(h)
        if status not in (OPTIMAL, FEASIBLE):
            return Answer(status, {}, None, seconds)
        solution = h.getSolution()
        self._start = solution
        values = solution.col_value
        for v in self._columns:
            v.varValue = values[v.index]
        objective = float(h.getInfo().objective_function_value)
        return Answer(status, solution_units(self.model), objective, seconds)


def pulp_sense(maximise: bool) -> Any:
    import highspy

    return highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize


def _not_run(h: Any) -> bool:
    """Refused before solving (the thread count of an earlier run, say)."""
    import highspy

    return bool(h.getModelStatus() == highspy.HighsModelStatus.kNotset)


def _status(h: Any) -> str:
    import highspy

    status = h.getModelStatus()
    found = h.getInfo().primal_solution_status == 2  # kSolutionStatusFeasible
    if status == highspy.HighsModelStatus.kOptimal:
        return OPTIMAL
    if status in (highspy.HighsModelStatus.kInfeasible,
                  highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return INFEASIBLE
    return FEASIBLE if found else NO_SOLUTION
