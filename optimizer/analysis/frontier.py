"""What each appropriation buys: the optimal value against the budget, with baselines.

Where only the budget binds (model.knapsack.is_budget_only) one dynamic programme gives
the optimum at every budget at once, and every portfolio read from it is verified like any
solver's (model.solve.verified). Otherwise the integer program is solved again at each
budget point on one model (Model.set_budget), to optimality (gap 0). Beside the optimum,
the two greedy baselines (analysis.greedy) and, when known, the actual decision.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from optimizer.analysis.executor import Executor, InProcess, chunks, cpus, may_thread
from optimizer.analysis.greedy import GREEDY_RULE, greedy
from optimizer.errors import InfeasibleError, ScenarioError
from optimizer.frames import Tabular
from optimizer.model.formulation import build_model
from optimizer.model.instance import Instance, Result
from optimizer.model.knapsack import choose_method, is_budget_only, knapsack_table
from optimizer.model.solve import solve, verified
from optimizer.model.solvers import HighsSession
from optimizer.model.verify import verify
from optimizer.money import to_units
from optimizer.vocabulary.message import Message

SERIES = ("optimal", "greedy_by_score", "greedy_by_score_per_euro", "actual")
CURVE_POINTS = 1000
_TOL = 1e-9


@dataclass(frozen=True)
class Outcome:
    """One portfolio on the curve. `value` is None when no portfolio is feasible."""

    value: float | None
    funded: int
    spent_eur: float
    satisfies_rules: bool = True
    violations: tuple[Message, ...] = ()
    ids: tuple[str, ...] = ()  # the funded applications (for the optimum)


@dataclass(frozen=True)
class Step:
    """From one budget point to the next: what the extra money buys."""

    from_eur: float
    to_eur: float
    value_gain: float | None
    enter: tuple[str, ...]
    leave: tuple[str, ...]


@dataclass(frozen=True)
class FrontierPoint:
    budget_eur: float
    budget_units: int
    optimal: Outcome
    by_score: Outcome
    by_ratio: Outcome


@dataclass(frozen=True)
class Frontier(Tabular):
    """The optimal value (and the baselines) at each budget of a grid."""

    points: tuple[FrontierPoint, ...]
    budget_eur: float  # the scenario's appropriation
    unit_eur: float
    method: str  # "dp" (knapsack, exact for every budget) or "ip" (re-solved per point)
    objective: str
    actual: Outcome | None = None
    greedy_rule: str = GREEDY_RULE
    is_proxy: bool = False
    name: str = ""
    solver: str = ""
    # (budget €, optimal value) on a fine grid: exact at each of its budgets when the DP
    # gives every budget at once; the points above otherwise.
    curve: tuple[tuple[float, float], ...] = ()

    columns: ClassVar[tuple[str, ...]] = (
        "series", "budget_eur", "value", "funded", "spent_eur", "satisfies_rules",
        "violations", "score_source")

    def rows(self) -> list[dict[str, Any]]:
        """Long format: one row per budget point and series; the actual decision last."""
        source = "proxy" if self.is_proxy else "sheet"
        out = []
        for p in self.points:
            for series, o in zip(SERIES, (p.optimal, p.by_score, p.by_ratio), strict=False):
                out.append(_row(series, p.budget_eur, o, source))
        if self.actual is not None:
            out.append(_row("actual", self.budget_eur, self.actual, source))
        return out

    def steps(self) -> list[Step]:
        """Between consecutive budgets, the projects the optimum takes in and lets go."""
        out = []
        for a, b in itertools.pairwise(self.points):
            gain = (b.optimal.value - a.optimal.value
                    if a.optimal.value is not None and b.optimal.value is not None else None)
            out.append(Step(a.budget_eur, b.budget_eur, gain,
                            tuple(sorted(set(b.optimal.ids) - set(a.optimal.ids))),
                            tuple(sorted(set(a.optimal.ids) - set(b.optimal.ids)))))
        return out

    def __repr__(self) -> str:
        values = [p.optimal.value for p in self.points if p.optimal.value is not None]
        span = (f"{self.points[0].budget_eur:,.0f} € to {self.points[-1].budget_eur:,.0f} €"
                if self.points else "no budgets")
        return (f"<Frontier {self.name!r}: {len(self.points)} budgets from {span}, by "
                f"{self.method}; optimal value {min(values, default=0):.4f} to "
                f"{max(values, default=0):.4f} ({self.objective})>")


def _row(series: str, budget: float, o: Outcome, source: str) -> dict[str, Any]:
    return {"series": series, "budget_eur": budget, "value": o.value, "funded": o.funded,
            "spent_eur": o.spent_eur, "satisfies_rules": o.satisfies_rules,
            "violations": "; ".join(map(str, o.violations)), "score_source": source}


def default_budgets(instance: Instance, points: int = 25, lo_eur: float | None = None,
                    hi_eur: float | None = None) -> list[int]:
    """About `points` budgets (units) from the smallest maximum award (or lo_eur) to the
    total of all maximum awards (or hi_eur): both ends, and between them the multiples of a
    round step (1, 2, 2.5 or 5 times a power of ten euros, a whole number of units) whose
    count comes closest to `points` (none within a quarter step of an end); plus the
    scenario's own budget when in range."""
    unit = instance.rules.unit_eur
    sizes = [it.max_units for it in instance.items if it.id not in instance.rules.reject]
    lo = to_units(lo_eur, unit) if lo_eur is not None else min(sizes, default=0)
    hi = to_units(hi_eur, unit) if hi_eur is not None else sum(sizes)
    if hi < lo:
        raise ScenarioError(Message.of("analysis.frontier.range", hi=round(hi * unit),
                                       lo=round(lo * unit)))
    grid = {lo, hi} if points > 1 else {lo}
    step = round_step(lo, hi, points - 2, unit)
    if step:
        first = -(-lo // step) * step  # the first multiple at or above lo
        grid.update(b for b in range(first, hi + 1, step)
                    if b - lo >= step / 4 and hi - b >= step / 4)
    if lo <= instance.rules.budget_units <= hi:
        grid.add(instance.rules.budget_units)
    return sorted(grid)


ROUND_STEPS = (1.0, 2.0, 2.5, 5.0)  # times a power of ten euros


def round_step(lo: int, hi: int, inner: int, unit: float) -> int:
    """A round step in units (0: none) whose multiples strictly inside lo..hi number
    closest to `inner` by ratio (ties: the larger step, fewer points)."""
    if inner < 1 or hi - lo < 2:
        return 0
    best: tuple[float, int] | None = None
    for power in range(0, 16):
        for m in ROUND_STEPS:
            eur = m * 10 ** power
            units = eur / unit
            if units < 1 or abs(units - round(units)) > 1e-9:
                continue
            step = round(units)
            count = (hi - 1) // step - lo // step  # multiples with lo < b < hi
            if count < 1:
                continue
            off = abs(math.log(count / inner))
            if best is None or (off, -step) < (best[0], -best[1]):
                best = (off, step)
    return 0 if best is None else best[1]


def frontier(instance: Instance, budgets: Iterable[float] | None = None, solver: str = "cbc",
             points: int = 25, actual: Mapping[str, int] | None = None,
             time_limit: float | None = None, method: str = "auto",
             executor: Executor | None = None) -> Frontier:
    """Optimal value, and both greedy baselines, at each budget (euros; default: see
    `default_budgets`). `actual` (id -> units) adds the actual decision as a point.
    `method`: "auto" (DP when exact, else IP), or force "dp" / "ip"."""
    unit = instance.rules.unit_eur
    grid = (default_budgets(instance, points) if budgets is None
            else sorted({to_units(b, unit) for b in budgets}))
    wanted, method = method, choose_method(instance, method, max(grid, default=0))
    if method == "ip" and wanted == "auto" and is_budget_only(instance):
        method = "core"  # too large for one DP table: the DP on each budget's core
    if method == "dp":
        optimal, curve = _dp_outcomes(instance, grid)
    else:
        optimal = _ip_outcomes(instance, grid, solver, time_limit, executor or InProcess(),
                               core=method == "core")
        curve = tuple((b * unit, o.value) for b, o in zip(grid, optimal, strict=True)
                      if o.value is not None)
    rows = tuple(
        FrontierPoint(budget_eur=b * unit, budget_units=b, optimal=opt,
                      by_score=evaluate(instance, greedy(instance, b, "score"), b),
                      by_ratio=evaluate(instance, greedy(instance, b, "ratio"), b))
        for b, opt in zip(grid, optimal, strict=True)
    )
    return Frontier(
        points=rows, budget_eur=instance.rules.budget_units * unit, unit_eur=unit,
        method=method, objective=instance.rules.objective,
        actual=None if actual is None else evaluate(instance, actual,
                                                    instance.rules.budget_units),
        is_proxy=instance.score_source == "proxy", name=instance.name,
        solver=method if method in ("dp", "core") else solver, curve=curve,
    )


def _dp_outcomes(instance: Instance, grid: Sequence[int]
                 ) -> tuple[list[Outcome], tuple[tuple[float, float], ...]]:
    """Every grid point from one DP table; each portfolio verified at its budget."""
    table = knapsack_table(instance, max(grid, default=0))
    out = []
    for b in grid:
        units = table.units_at(b)
        res = None if units is None else verified(instance.with_rules(budget_units=b),
                                                  units, "dp")
        out.append(_outcome(instance, res))
    return out, _dense_curve(table.best, grid, instance.rules.unit_eur)


def _dense_curve(best: np.ndarray, grid: Sequence[int], unit: float
                 ) -> tuple[tuple[float, float], ...]:
    """The DP's values on CURVE_POINTS budgets across the grid's range (finite ones)."""
    if not grid:
        return ()
    budgets = np.unique(np.linspace(min(grid), max(grid), CURVE_POINTS).round().astype(int))
    return tuple((float(b) * unit, float(best[b])) for b in budgets if np.isfinite(best[b]))


def evaluate(instance: Instance, units: Mapping[str, int], budget_units: int) -> Outcome:
    """Value, size and spend of a given portfolio, and the rules it breaks at this budget."""
    known = set(instance.ids)
    inside = {k: int(u) for k, u in units.items() if k in known and u > 0}
    outside = sorted(k for k, u in units.items() if k not in known and u > 0)
    problems = list(verify(instance.with_rules(budget_units=budget_units), inside))
    if outside:
        problems.append(Message.of("rule.funded_not_fundable", ids=outside))
    # What counts against the budget (synergy savings off), as the budget line says.
    spent = (instance.spend(inside) + sum(units[k] for k in outside)) * instance.rules.unit_eur
    return Outcome(value=instance.value(inside), funded=len(inside) + len(outside),
                   spent_eur=spent, satisfies_rules=not problems, violations=tuple(problems))


def _outcome(instance: Instance, res: Result | None) -> Outcome:
    if res is None:
        return Outcome(value=None, funded=0, spent_eur=0.0, satisfies_rules=False,
                       violations=(Message.of("rule.no_feasible_portfolio"),))
    return Outcome(value=instance.value(res.units), funded=len(res.units),
                   spent_eur=instance.spend(res.units) * instance.rules.unit_eur,
                   ids=tuple(sorted(res.units)))


def _ip_outcomes(instance: Instance, grid: Sequence[int], solver: str,
                 time_limit: float | None, executor: Executor, core: bool = False
                 ) -> list[Outcome]:
    """Solve at every budget, in pieces of the grid (analysis.executor), each piece on one
    model (Model.set_budget moves the budget row; see budget_sweep).

    A portfolio feasible at a smaller budget stays feasible at a larger one (every rule
    that depends on the budget loosens with it), so a solver answer below the previous
    point's value is replaced by that (verified) previous portfolio.
    """
    parts = chunks(len(grid), executor.parallel)
    calls = [(instance, grid[a:b], solver, time_limit, core) for a, b in parts]
    found = [res for part in _map(executor, solver, calls, [b - a for a, b in parts])
             for res in part]
    out: list[Outcome] = []
    prev: Result | None = None
    for b, res in zip(grid, found, strict=True):
        if (prev is not None and (res is None or res.objective < prev.objective - _TOL)
                and not verify(instance.with_rules(budget_units=b), prev.units)):
            res = prev
        out.append(_outcome(instance, res))
        prev = res if res is not None else prev
    return out


def _map(executor: Executor, solver: str, calls: list[tuple[Any, ...]], sizes: list[int]
         ) -> list[list[Result | None]]:
    """executor.map(budget_sweep, ...); in this process with CBC (a solver process per
    budget, which this process only waits for), the pieces run in a thread per CPU, each
    on a model of its own: the same answers, in the same order. Only from the main thread,
    whose solves no `cancellable` event of another thread governs."""
    threads = min(cpus(), len(calls))
    if (solver != "cbc" or not isinstance(executor, InProcess) or threads < 2
            or not may_thread()):
        return executor.map(budget_sweep, calls, sizes)
    with ThreadPoolExecutor(threads, thread_name_prefix="grantopt-budgets") as pool:
        return list(pool.map(lambda args: budget_sweep(*args), calls))


def budget_sweep(instance: Instance, budgets: Sequence[int], solver: str,
                 time_limit: float | None, core: bool = False) -> list[Result | None]:
    """The verified optimum at each budget (None: infeasible), on one model; with HiGHS it
    stays in memory and starts from the previous budget's portfolio. `core` (only the
    budget binds): model.solve's knapsack core at each budget instead, no model kept."""
    out: list[Result | None] = []
    if core:
        for b in budgets:
            try:
                out.append(solve(instance.with_rules(budget_units=b), solver=solver,
                                 time_limit=time_limit, gap=0.0))
            except InfeasibleError:
                out.append(None)
        return out
    model = build_model(instance)
    session = HighsSession(model, time_limit) if solver == "highs" else None
    for b in budgets:
        model.set_budget(b)
        try:
            out.append(solve(model.instance, solver=solver, time_limit=time_limit, gap=0.0,
                             model=model, session=session))
        except InfeasibleError:
            out.append(None)
    return out


def is_monotone(values: Sequence[float | None]) -> bool:
    """Non-decreasing, ignoring infeasible (None) points and float noise."""
    seen = [v for v in values if v is not None and not math.isinf(v)]
    return all(b >= a - _TOL * max(1.0, abs(a)) for a, b in itertools.pairwise(seen))
