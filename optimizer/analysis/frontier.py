"""Trade-off curves: optimal value against the appropriation, and coverage against value.

Budget frontier. When the scenario is a pure budget problem (`is_budget_only`: full
funding, no coverage, target-area, per-lead or minimum-spend rule that can bind), the
selection is exactly a 0-1 knapsack over rounding units, and one dynamic programme gives
the optimum for every budget 0..B at once (O(n·B), vectorised per item; used while the
table stays under DP_MAX_CELLS). Otherwise the integer program is solved again at each
budget point on one model, to optimality (gap 0). `knapsack_solve` answers one budget
(the robustness fast path): items that the LP bound proves in or out of every optimum
are fixed first, and the DP runs on the rest.

Greedy baselines, the rules ministries use in practice: walk the list ranked by score
(or by score per euro, score / maximum award), fund each application whose full maximum
award fits in what is left of the appropriation, and SKIP those that do not fit (the
walk goes on down the list; it does not stop at the first misfit). Fund locks are
funded first, reject locks are never funded; awards are always the full maximum, even
in partial mode. Ties in the ranking are broken by id. A baseline ignores the other
rules; whether it happens to satisfy them is checked with `verify` and reported.

Coverage frontier: the best value when at least k regions must be covered, for
k = 0, 1, ... until the first k that no portfolio reaches.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from optimizer.errors import InfeasibleError, ScenarioError
from optimizer.model.formulation import build_model
from optimizer.model.instance import (
    FULL,
    OPTIMAL,
    SCORE,
    SCORE_EUROS,
    Instance,
    Item,
    Result,
    to_units,
)
from optimizer.model.solve import solve
from optimizer.model.verify import leads, validate_locks, verify
from optimizer.report.files import csv_text, write_atomic

GREEDY_RULE = "skip"  # misfits are skipped and the walk goes on down the list
SERIES = ("optimal", "greedy_by_score", "greedy_by_score_per_euro", "actual")
_TOL = 1e-9
# The DP keeps one boolean per item and budget unit (61 x 161,004 for 2020: 10 MB); a
# round counted in euros or cents would need far more, and goes to the IP instead.
DP_MAX_CELLS = 100_000_000


# --------------------------------------------------------------------------- knapsack


def is_budget_only(instance: Instance) -> bool:
    """True when the only binding rule is the budget, so the DP below is exact.

    Full mode; objective `score` (or `score_euros`, whose per-item value is also fixed in
    full mode); no minimum spend, regional, coverage or target-area rule; a per-lead cap
    only if no lead has more applications than the cap. Locks are allowed: fund locks
    are paid first out of the budget, reject locks are removed.
    """
    r = instance.rules
    if r.mode != FULL or r.objective not in (SCORE, SCORE_EUROS):
        return False
    if r.min_spend_units > 0 or r.max_region_share is not None:
        return False
    if r.min_projects_per_region > 0 or r.min_regions > 0 or r.min_projects_per_target_area > 0:
        return False
    return r.max_awards_per_lead is None or _lead_cap_vacuous(instance)


def _lead_cap_vacuous(instance: Instance) -> bool:
    """No lead applicant (unknown leads are not grouped) has more candidates than the cap."""
    cap = instance.rules.max_awards_per_lead
    reject = instance.rules.reject
    return cap is not None and all(
        sum(it.id not in reject for it in items) <= cap for items in leads(instance).values())


def item_value(instance: Instance, it: Item) -> float:
    """Objective value of funding `it` with its full maximum award."""
    return instance.value({it.id: it.max_units})


@dataclass(frozen=True, eq=False)
class KnapsackTable:
    """Best value for every budget 0..capacity (units), and how to rebuild each choice.

    `best[b]` is the best value with at most b units spent, fund locks included;
    -inf where the fund locks alone do not fit. `take` is None for a values-only table.
    """

    best: np.ndarray
    items: tuple[Item, ...]  # the free items, in DP order
    take: np.ndarray | None
    locked: tuple[Item, ...]

    @property
    def capacity(self) -> int:
        return len(self.best) - 1

    @property
    def locked_units(self) -> int:
        return sum(it.max_units for it in self.locked)

    def units_at(self, budget_units: int) -> dict[str, int] | None:
        """The chosen portfolio (id -> units) at a budget, or None if the locks don't fit."""
        if self.take is None:
            raise ValueError("this table keeps values only; build it with keep=True")
        b = min(int(budget_units), self.capacity) - self.locked_units
        if b < 0:
            return None
        chosen = {it.id: it.max_units for it in self.locked}
        for k in range(len(self.items) - 1, -1, -1):
            if self.take[k, b]:
                chosen[self.items[k].id] = self.items[k].max_units
                b -= self.items[k].max_units
        return chosen


def knapsack_table(instance: Instance, max_units: int, keep: bool = True) -> KnapsackTable:
    """0-1 knapsack by DP over rounding units for every budget 0..max_units.

    Only valid when `is_budget_only(instance)`; the caller checks. O(n·B) time; with
    `keep`, n·B booleans of memory to rebuild the chosen set at any budget.
    """
    validate_locks(instance)
    fund, reject = instance.rules.fund, instance.rules.reject
    capacity = max(0, int(max_units))
    best_total = np.full(capacity + 1, -np.inf)
    locked = tuple(it for it in instance.items if it.id in fund)
    free = tuple(it for it in instance.items if it.id not in fund and it.id not in reject)
    locked_units = sum(it.max_units for it in locked)
    room = capacity - locked_units
    if room < 0:  # the fund locks alone do not fit
        take = np.zeros((len(free), capacity + 1), bool) if keep else None
        return KnapsackTable(best_total, free, take, locked)
    best, take = _dp([it.max_units for it in free], [item_value(instance, it) for it in free],
                     room, keep)
    best_total[locked_units:] = best + sum(item_value(instance, it) for it in locked)
    if keep:
        take = np.pad(take, ((0, 0), (0, locked_units)))
    return KnapsackTable(best_total, free, take, locked)


def _dp(weights: Sequence[int], values: Sequence[float], capacity: int,
        keep: bool) -> tuple[np.ndarray, np.ndarray | None]:
    best = np.zeros(capacity + 1)
    buf = np.empty(capacity + 1)
    take = np.zeros((len(weights), capacity + 1), bool) if keep else None
    for k, (w, v) in enumerate(zip(weights, values, strict=True)):
        if w > capacity or v <= 0:
            continue
        n = capacity + 1 - w
        cand = np.add(best[:n], v, out=buf[:n])  # reads the row before item k only
        if take is None:
            np.maximum(best[w:], cand, out=best[w:])
            continue
        row = take[k, w:]
        np.greater(cand, best[w:], out=row)
        np.copyto(best[w:], cand, where=row)
    return best, take


def knapsack_frontier(instance: Instance, max_units: int) -> np.ndarray:
    """best[b]: the optimal value at every budget b = 0..max_units (units), by DP."""
    return knapsack_table(instance, max_units, keep=False).best


def knapsack_solve(instance: Instance, budget_units: int | None = None) -> Result:
    """The optimal portfolio at one budget (default: the instance's), by DP.

    Same answer as the integer program when `is_budget_only(instance)` (up to ties
    between portfolios of equal value). Items that the LP bound proves in or out of every
    optimum are fixed first, so the DP runs on the few undecided ones only. Raises
    InfeasibleError when the fund locks alone exceed the budget.
    """
    budget = instance.rules.budget_units if budget_units is None else int(budget_units)
    validate_locks(instance)
    fixed_in, fixed_out = _fix_by_bounds(instance, budget)
    rules = instance.rules
    reduced = instance.with_rules(fund=rules.fund | fixed_in, reject=rules.reject | fixed_out)
    units = knapsack_table(reduced, budget).units_at(budget)
    if units is None:
        raise InfeasibleError(
            f"the fund-locked applications need more than the budget ({budget} units)")
    return Result(status=OPTIMAL, objective=instance.value(units), units=units, solver="dp",
                  gap=0.0)


def _fix_by_bounds(instance: Instance, budget: int) -> tuple[frozenset[str], frozenset[str]]:
    """Items in (out of) every optimum, by the Dantzig bound (Dembo-Hammer reduction).

    With r the ratio of the LP's break item, U the LP bound and L a feasible value (the
    greedy-by-ratio portfolio): forcing an LP item out costs at least v - w·r, forcing a
    non-LP item in at least w·r - v; when that drops the bound below L, the item is fixed.
    """
    rules = instance.rules
    free = [it for it in instance.items if it.id not in rules.fund | rules.reject]
    room = budget - sum(it.max_units for it in instance.items if it.id in rules.fund)
    if not free or room < 0:
        return frozenset(), frozenset()
    w = np.array([it.max_units for it in free], dtype=float)
    v = np.array([item_value(instance, it) for it in free])
    order = np.argsort(-v / w, kind="stable")
    cum = np.cumsum(w[order])
    nb = int(np.searchsorted(cum, room, side="right"))  # whole LP items, in ratio order
    if nb == len(free):
        return frozenset(it.id for it, val in zip(free, v, strict=True) if val > 0), frozenset()
    ratio = v[order[nb]] / w[order[nb]]
    upper = v[order[:nb]].sum() + (room - (cum[nb - 1] if nb else 0.0)) * ratio
    lower, left = 0.0, room
    for j in order:  # greedy by ratio, skipping misfits: a feasible value
        if w[j] <= left and v[j] > 0:
            lower, left = lower + v[j], left - w[j]
    margin = lower - _TOL * max(1.0, abs(lower))
    in_lp = np.zeros(len(free), bool)
    in_lp[order[:nb]] = True
    slack = v - w * ratio
    fix_in = in_lp & (upper - slack < margin) & (v > 0)
    fix_out = ~in_lp & ((w > room) | (upper + slack < margin) | (v <= 0))
    return (frozenset(free[k].id for k in np.flatnonzero(fix_in)),
            frozenset(free[k].id for k in np.flatnonzero(fix_out)))


# --------------------------------------------------------------------------- baselines


def greedy(instance: Instance, budget_units: int, key: str = "score") -> dict[str, int]:
    """Fund down a ranked list (key "score" or "ratio" = score per euro), skipping misfits."""
    fund, reject = instance.rules.fund, instance.rules.reject
    units = {it.id: it.max_units for it in instance.items if it.id in fund}
    left = budget_units - sum(units.values())

    def rank(it: Item) -> tuple[float, str]:
        return (-(it.score / it.max_units if key == "ratio" else it.score), it.id)

    for it in sorted(instance.items, key=rank):
        if it.id in units or it.id in reject or it.score <= 0:
            continue
        if it.max_units <= left:
            units[it.id] = it.max_units
            left -= it.max_units
    return units


# --------------------------------------------------------------------------- frontier


@dataclass(frozen=True)
class Outcome:
    """One portfolio on the curve. `value` is None when no portfolio is feasible."""

    value: float | None
    funded: int
    spent_eur: float
    satisfies_rules: bool = True
    violations: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrontierPoint:
    budget_eur: float
    budget_units: int
    optimal: Outcome
    by_score: Outcome
    by_ratio: Outcome


@dataclass(frozen=True)
class Frontier:
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


CURVE_POINTS = 1000


def default_budgets(instance: Instance, points: int = 25, lo_eur: float | None = None,
                    hi_eur: float | None = None) -> list[int]:
    """`points` budgets (units), evenly spaced from the smallest maximum award (or lo_eur)
    to the total of all maximum awards (or hi_eur), plus the scenario's own budget when it
    lies in that range."""
    unit = instance.rules.unit_eur
    sizes = [it.max_units for it in instance.items if it.id not in instance.rules.reject]
    lo = to_units(lo_eur, unit) if lo_eur is not None else min(sizes, default=0)
    hi = to_units(hi_eur, unit) if hi_eur is not None else sum(sizes)
    if hi < lo:
        raise ScenarioError(f"frontier: the largest budget ({hi * unit:,.0f} €) is below the "
                            f"smallest ({lo * unit:,.0f} €); swap --min and --max")
    grid = {round(x) for x in np.linspace(lo, hi, max(1, points))}
    if lo <= instance.rules.budget_units <= hi:
        grid.add(instance.rules.budget_units)
    return sorted(grid)


def choose_method(instance: Instance, method: str = "auto",
                  capacity: int | None = None) -> str:
    """"dp" when the knapsack DP is exact and its table (items x budget units, up to
    `capacity`, default the instance's budget) stays under DP_MAX_CELLS, else "ip".
    "dp" or "ip" forces a method ("dp" only where it is exact)."""
    if method not in ("auto", "dp", "ip"):
        raise ScenarioError(f"method must be 'auto', 'dp' or 'ip', not {method!r}")
    if method == "dp" and not is_budget_only(instance):
        raise ScenarioError("the knapsack DP is exact only for budget-only scenarios (full "
                            "funding, no coverage, target-area, lead or minimum-spend rule)")
    if method != "auto":
        return method
    cap = instance.rules.budget_units if capacity is None else capacity
    small = len(instance.items) * (cap + 1) <= DP_MAX_CELLS
    return "dp" if is_budget_only(instance) and small else "ip"


def frontier(instance: Instance, budgets: Iterable[float] | None = None, solver: str = "cbc",
             points: int = 25, actual: Mapping[str, int] | None = None,
             time_limit: float | None = None, method: str = "auto") -> Frontier:
    """Optimal value, and both greedy baselines, at each budget (euros; default: see
    `default_budgets`). `actual` (id -> units) adds the actual decision as a point.
    `method`: "auto" (DP when exact, else IP), or force "dp" / "ip"."""
    unit = instance.rules.unit_eur
    grid = (default_budgets(instance, points) if budgets is None
            else sorted({to_units(b, unit) for b in budgets}))
    method = choose_method(instance, method, max(grid, default=0))
    if method == "dp":
        table = knapsack_table(instance, max(grid, default=0))
        optimal = [_outcome(instance, table.units_at(b)) for b in grid]
        curve = _dense_curve(table.best, grid, unit)
    else:
        optimal = _ip_outcomes(instance, grid, solver, time_limit)
        curve = tuple((b * unit, o.value) for b, o in zip(grid, optimal, strict=True)
                      if o.value is not None)
    rows = tuple(
        FrontierPoint(budget_eur=b * unit, budget_units=b, optimal=opt,
                      by_score=_evaluate(instance, greedy(instance, b, "score"), b),
                      by_ratio=_evaluate(instance, greedy(instance, b, "ratio"), b))
        for b, opt in zip(grid, optimal, strict=True)
    )
    return Frontier(
        points=rows, budget_eur=instance.rules.budget_units * unit, unit_eur=unit,
        method=method, objective=instance.rules.objective,
        actual=None if actual is None else _evaluate(instance, actual,
                                                     instance.rules.budget_units),
        is_proxy=instance.score_source == "proxy", name=instance.name,
        solver="dp" if method == "dp" else solver, curve=curve,
    )


def _dense_curve(best: np.ndarray, grid: Sequence[int], unit: float
                 ) -> tuple[tuple[float, float], ...]:
    """The DP's values on CURVE_POINTS budgets across the grid's range (finite ones)."""
    if not grid:
        return ()
    budgets = np.unique(np.linspace(min(grid), max(grid), CURVE_POINTS).round().astype(int))
    return tuple((float(b) * unit, float(best[b])) for b in budgets if np.isfinite(best[b]))


def _evaluate(instance: Instance, units: Mapping[str, int], budget_units: int) -> Outcome:
    """Value, size and spend of a given portfolio, and the rules it breaks at this budget."""
    known = set(instance.ids)
    inside = {k: int(u) for k, u in units.items() if k in known and u > 0}
    outside = sorted(k for k, u in units.items() if k not in known and u > 0)
    problems = list(verify(instance.with_rules(budget_units=budget_units), inside))
    if outside:
        problems.append("funded but not fundable under this scenario: " + ", ".join(outside))
    spent = sum(u for u in units.values() if u > 0) * instance.rules.unit_eur
    return Outcome(value=instance.value(inside), funded=len(inside) + len(outside),
                   spent_eur=spent, satisfies_rules=not problems, violations=tuple(problems))


def _outcome(instance: Instance, units: Mapping[str, int] | None) -> Outcome:
    if units is None:
        return Outcome(value=None, funded=0, spent_eur=0.0, satisfies_rules=False,
                       violations=("no feasible portfolio",))
    return Outcome(value=instance.value(units), funded=len(units),
                   spent_eur=sum(units.values()) * instance.rules.unit_eur)


def _ip_outcomes(instance: Instance, grid: Sequence[int], solver: str,
                 time_limit: float | None) -> list[Outcome]:
    """Re-solve at each budget on one model (Model.set_budget moves the budget row).

    A portfolio feasible at a smaller budget stays feasible at a larger one (every rule
    that depends on the budget loosens with it), so a solver answer below the previous
    point's value is replaced by that (verified) previous portfolio.
    """
    solve_at = _budget_solver(instance, solver, time_limit)
    out: list[Outcome] = []
    prev: Result | None = None
    for b in grid:
        try:
            res = solve_at(b)
        except InfeasibleError:
            res = None
        if (prev is not None and (res is None or res.objective < prev.objective - _TOL)
                and not verify(instance.with_rules(budget_units=b), prev.units)):
            res = prev
        out.append(_outcome(instance, None if res is None else dict(res.units)))
        prev = res if res is not None else prev
    return out


def _budget_solver(instance: Instance, solver: str,
                   time_limit: float | None) -> Callable[[int], Result]:
    """One model for the whole sweep: only the budget row (and region caps) change."""
    model = build_model(instance)

    def at(b: int) -> Result:
        model.set_budget(b)
        return solve(model.instance, solver=solver, time_limit=time_limit, gap=0.0,
                     model=model)

    return at


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class CoveragePoint:
    min_regions: int  # the rule: at least this many regions covered
    value: float  # the optimal value under it
    covered: int  # regions the optimal portfolio actually covers
    funded: int
    spent_eur: float


@dataclass(frozen=True)
class CoverageFrontier:
    points: tuple[CoveragePoint, ...]
    coverable: int  # regions with at least one fundable application
    basis: str  # "lead" or "participants"
    budget_eur: float
    infeasible_from: int | None = None  # first k no portfolio reaches (None: all reached)
    is_proxy: bool = False
    name: str = ""
    objective: str = SCORE
    regions: tuple[str, ...] = field(default_factory=tuple)

    def pairs(self) -> list[tuple[int, float]]:
        return [(p.min_regions, p.value) for p in self.points]


def coverable_regions(instance: Instance) -> tuple[str, ...]:
    basis = instance.rules.region_basis
    regions: set[str] = set()
    for it in instance.items:
        if it.id not in instance.rules.reject:
            regions |= it.coverage_regions(basis)
    return tuple(sorted(regions))


def covered_regions(instance: Instance, units: Mapping[str, int]) -> set[str]:
    basis = instance.rules.region_basis
    out: set[str] = set()
    for it in instance.items:
        if units.get(it.id, 0) > 0:
            out |= it.coverage_regions(basis)
    return out


def coverage_frontier(instance: Instance, solver: str = "cbc",
                      time_limit: float | None = None) -> CoverageFrontier:
    """Max value with min_regions = k for k = 0..coverable regions; stops at the first
    infeasible k (every larger k is infeasible too)."""
    regions = coverable_regions(instance)
    pts: list[CoveragePoint] = []
    stop: int | None = None
    for k in range(len(regions) + 1):
        try:
            res = solve(instance.with_rules(min_regions=k), solver=solver,
                        time_limit=time_limit, gap=0.0)
        except InfeasibleError:
            stop = k
            break
        pts.append(CoveragePoint(
            min_regions=k, value=res.objective, covered=len(covered_regions(instance, res.units)),
            funded=len(res.units),
            spent_eur=sum(res.units.values()) * instance.rules.unit_eur))
    return CoverageFrontier(
        points=tuple(pts), coverable=len(regions), basis=instance.rules.region_basis,
        budget_eur=instance.rules.budget_units * instance.rules.unit_eur,
        infeasible_from=stop, is_proxy=instance.score_source == "proxy", name=instance.name,
        objective=instance.rules.objective, regions=regions)


# --------------------------------------------------------------------------- output

FRONTIER_COLUMNS = ("series", "budget_eur", "value", "funded", "spent_eur", "satisfies_rules",
                    "violations", "score_source")
COVERAGE_COLUMNS = ("min_regions", "value", "regions_covered", "funded", "spent_eur",
                    "score_source")


def frontier_rows(fr: Frontier) -> list[tuple[object, ...]]:
    """Long format: one row per budget point and series; the actual decision last."""
    source = "proxy" if fr.is_proxy else "sheet"
    rows = []
    for p in fr.points:
        for series, o in zip(SERIES, (p.optimal, p.by_score, p.by_ratio), strict=False):
            rows.append(_row(series, p.budget_eur, o, source))
    if fr.actual is not None:
        rows.append(_row("actual", fr.budget_eur, fr.actual, source))
    return rows


def _row(series: str, budget: float, o: Outcome, source: str) -> tuple[object, ...]:
    value = "" if o.value is None else _num(o.value)
    return (series, _num(budget), value, o.funded, _num(o.spent_eur),
            "yes" if o.satisfies_rules else "no", "; ".join(o.violations), source)


def coverage_rows(cf: CoverageFrontier) -> list[tuple[object, ...]]:
    source = "proxy" if cf.is_proxy else "sheet"
    return [(p.min_regions, _num(p.value), p.covered, p.funded, _num(p.spent_eur), source)
            for p in cf.points]


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 6)


def write_frontier_csv(fr: Frontier, path: Path | str) -> Path:
    return write_atomic(path, csv_text(FRONTIER_COLUMNS, frontier_rows(fr)))


def write_coverage_csv(cf: CoverageFrontier, path: Path | str) -> Path:
    return write_atomic(path, csv_text(COVERAGE_COLUMNS, coverage_rows(cf)))


def is_monotone(values: Sequence[float | None]) -> bool:
    """Non-decreasing, ignoring infeasible (None) points and float noise."""
    seen = [v for v in values if v is not None and not math.isinf(v)]
    return all(b >= a - _TOL * max(1.0, abs(a)) for a, b in itertools.pairwise(seen))
