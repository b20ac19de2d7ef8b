"""Every non-dominated portfolio, exactly, by integer programming with dominance cuts.

The scenario's integer program (every rule: budget, coverage, caps, locks, links, pools,
years) is solved again and again; after each answer p, rows are added that leave only the
portfolios p does not dominate (model.dominance), and p itself is cut off:

    x != p                                  (no-good: the changes from p are at least 1)
    z_p1 + ... + z_pT + e_p >= 1            (one of T + 1 ways not to be dominated by p)
    z_pt = 1  =>  worst_t(p, x) <= -tol     (p is worse than x somewhere, at point t)
    e_p = 1   =>  best_t(p, x) <= tol, all t (p is nowhere better than x)

both implications written with the smallest big-M that is valid (worst_t and best_t are at
most p's own values plus its bonus). When the program has no solution, every feasible
portfolio is either found or dominated by one found. A new answer q removes the found ones
that q dominates (their rows stay: what they cut off, q cuts off too, as dominance is
transitive); what remains is the non-dominated set. The proof: a feasible portfolio r not
in the set is dominated by some p that was kept (if p was later removed, by the one that
removed it, and so on), so r is not non-dominated; and no kept portfolio is dominated, or
the one dominating it (or one dominating that) would have removed it or been cut off.

Every answer is checked outside the solver: against every rule (model.verify), and against
every portfolio kept (model.dominance, exactly). An answer that the check finds dominated
(the solver's tolerances let it through) is cut off by a no-good and the search goes on;
one that repeats a kept portfolio is a solver error. The objective of each solve (the value
at the centre of the extreme points with mid-interval scores) only steers the order in
which portfolios are found; the set does not depend on it.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pulp

from optimizer.constants import Status
from optimizer.errors import SolverError, VerificationError
from optimizer.model.dominance import TOL, Values, nondominated_among
from optimizer.model.formulation import Model, build_model, changes_expr, solution_units
from optimizer.model.instance import Instance
from optimizer.model.knapsack import is_budget_only
from optimizer.model.nondominated_dp import dp_nondominated, sampled_nondominated
from optimizer.model.nondominated_near import near_portfolios
from optimizer.model.running import gc_paused
from optimizer.model.solvers import run_model
from optimizer.model.verify import check
from optimizer.vocabulary.message import Message

DEFAULT_LIMIT = 2000
# Why an enumeration is incomplete: more than the limit exist; the integer programs
# reached MAX_SOLVES; the DP's partial portfolios passed its wide cap; a solver's time limit.
LIMIT, SOLVES, STATES, TIME = "limit", "solves", "states", "time"
MAX_SOLVES = 300  # integer programs of one enumeration, at most
STRICT = 1e-6  # "more for some" in `dominating`, relative to the largest value


@dataclass(frozen=True)
class Enumeration:
    """The non-dominated portfolios found (each a sorted tuple of ids), and whether that is
    all of them (`complete`: no limit stopped the enumeration short; `stopped` says which
    one did)."""

    portfolios: tuple[tuple[str, ...], ...]
    solves: int
    solver: str
    seconds: float
    stopped: str = ""  # why not complete: LIMIT, SOLVES, STATES or TIME ("" when complete)

    @property
    def complete(self) -> bool:
        return not self.stopped


def enumerate_nondominated(instance: Instance, vals: Values, solver: str = "cbc",
                           limit: int = DEFAULT_LIMIT, time_limit: float | None = None,
                           method: str = "auto", max_solves: int | None = None
                           ) -> Enumeration:
    """Every non-dominated portfolio of `instance` under `vals`, up to `limit` of them
    (module doc); past the limit, the ones found, with complete False. `method` "auto":
    the DP of model.nondominated_dp where only the budget binds (past its first cap, again
    bounded by portfolios near the non-dominated optima it samples; past the second, those
    optima, complete False), else the integer program; "ip": the integer program.
    `max_solves`: stop the integer programs after that many (complete False); a count, not
    a clock, so the same inputs give the same list on any machine."""
    start = time.perf_counter()
    found = None
    if method != "ip" and is_budget_only(instance) and not vals.bonuses:
        found, stopped = _by_dp(instance, vals, limit)
    if found is not None:
        solves, solver = 0, "dp"
        found = _order(vals, found)[:limit]
        for p in found:
            check(instance, {i: instance.item(i).max_units for i in p})
    else:
        with gc_paused():
            search = _Search(instance, vals, solver, time_limit)
            stopped = search.run(limit, MAX_SOLVES if max_solves is None else max_solves)
        found, solves = search.kept, search.solves
    kept = nondominated_among(vals, found)  # the set, checked pairwise once more
    if len(kept) != len(found):
        raise VerificationError(Message.of("solver.nondominated.recheck", solver=solver))
    return Enumeration(portfolios=tuple(tuple(sorted(p)) for p in _order(vals, kept)),
                       solves=solves, solver=solver, seconds=time.perf_counter() - start,
                       stopped=stopped)


def _by_dp(instance: Instance, vals: Values, limit: int) -> tuple[list[frozenset[str]], str]:
    """The DP of model.nondominated_dp, and why the list is incomplete ("" when it holds all
    of them, at most `limit`).
    When its partial portfolios outgrow the first cap: the optima it samples (each
    non-dominated); unless they pass `limit`, the DP again with a wider cap, bounded by
    the portfolios near them (model.nondominated_near); past that cap, the sampled ones."""
    found = dp_nondominated(instance, vals)
    if found is not None:
        return found, "" if len(found) <= limit else LIMIT
    sampled = sampled_nondominated(instance, vals, limit)
    if len(sampled) > limit:
        return sampled, LIMIT
    near = near_portfolios(instance, vals, sampled)
    found = dp_nondominated(instance, vals, near=near)
    if found is None:
        return sampled, STATES
    if not set(sampled) <= set(found):  # both are proven non-dominated: they must agree
        raise VerificationError(Message.of("solver.nondominated.disagree"))
    return found, "" if len(found) <= limit else LIMIT


def _order(vals: Values, portfolios: list[frozenset[str]]) -> list[frozenset[str]]:
    """Highest value at the centre first (mid scores), then by ids: a fixed order."""
    at = vals.index()
    mid = ((vals.lo + vals.hi) / 2).mean(axis=1)

    def key(p: frozenset[str]) -> tuple[float, tuple[str, ...]]:
        return (-round(float(sum(mid[at[i]] for i in p)) + vals.bonus(p), 9), tuple(sorted(p)))

    return sorted(portfolios, key=key)


class _Search:
    """The integer program and the portfolios kept so far."""

    def __init__(self, instance: Instance, vals: Values, solver: str,
                 time_limit: float | None) -> None:
        self.instance, self.vals, self.solver, self.time_limit = (
            instance, vals, solver, time_limit)
        self.model = build_model(instance)
        self.kept: list[frozenset[str]] = []
        self.solves = 0
        self.out_of_time = False
        self._steer()

    def _steer(self) -> None:
        """Objective: the value at the centre of the extreme points, mid scores (+ bonuses,
        through the model's own synergy columns)."""
        mid = ((self.vals.lo + self.vals.hi) / 2).mean(axis=1)
        self.model.prob.setObjective(pulp.LpAffineExpression(
            _worth_pairs(self.model, self.vals, mid), 0.0))

    def run(self, limit: int, max_solves: int = MAX_SOLVES) -> str:
        """"" when every non-dominated portfolio was found; else why not: LIMIT past `limit`
        of them, SOLVES after `max_solves` programs, TIME when a program stopped at the
        solver's time limit without an answer (then nothing proves the rest dominated)."""
        while self.solves < max_solves:
            found = self._next()
            if found is None:
                return TIME if self.out_of_time else ""
            if any(self.vals.dominates(p, found) for p in self.kept):
                self._no_good(found)  # the solver's tolerance let a dominated one through
                continue
            if found in self.kept:
                raise SolverError(Message.of("solver.nondominated.repeat", solver=self.solver))
            self.kept = [p for p in self.kept if not self.vals.dominates(found, p)]
            self.kept.append(found)
            self._cut(found)
            if len(self.kept) > limit:
                return LIMIT
        return SOLVES

    def _next(self) -> frozenset[str] | None:
        run = run_model(self.model, self.solver, time_limit=self.time_limit, gap=0.0)
        self.solves += 1
        if run.status == Status.INFEASIBLE:
            return None
        if run.status == Status.NO_SOLUTION:  # the time limit, before any answer
            self.out_of_time = True
            return None
        if run.status not in (Status.OPTIMAL, Status.FEASIBLE):
            raise SolverError(Message.of("solver.failed", solver=self.solver, text=run.text))
        units = solution_units(self.model)
        check(self.instance, units)
        return frozenset(units)

    def _no_good(self, p: Collection[str]) -> None:
        self._row(changes_expr(self.model, p), ">=", 1.0, "not")

    def _cut(self, p: frozenset[str]) -> None:
        """The rows of the module doc for portfolio p."""
        self._no_good(p)
        model, vals = self.model, self.vals
        k = len(self.kept)
        inside = _inside(vals, p)
        own_bonus = vals.bonus(p)
        tol = vals.tol
        points = vals.lo.shape[1]
        z = [model.prob.add_variable(model.pulp_name(f"beats[{k}][{t}]"), 0, 1, pulp.LpBinary)
             for t in range(points)]
        e = model.prob.add_variable(model.pulp_name(f"equal[{k}]"), 0, 1, pulp.LpBinary)
        self._row(pulp.LpAffineExpression([(v, 1.0) for v in (*z, e)], 0.0), ">=", 1.0, "one")
        for t in range(points):
            lo, hi = vals.lo[:, t], vals.hi[:, t]
            # worst_t(p, x) = lo(p) + B(p) - sum_{i in p} lo_i x_i - sum_{i not in p} hi_i x_i
            #                 - B(x)  <=  -tol + M (1 - z_t)
            big = float(lo[inside].sum()) + own_bonus + 2 * tol
            terms = _worth_pairs(model, vals, np.where(inside, lo, hi), sign=-1.0)
            terms.append((z[t], big))
            self._row(pulp.LpAffineExpression(terms, 0.0), "<=",
                      big - tol - float(lo[inside].sum()) - own_bonus, "worst")
            # best_t(p, x) = hi(p) + B(p) - sum_{i in p} hi_i x_i - sum_{i not in p} lo_i x_i
            #                - B(x)  <=  tol + M (1 - e)
            big = float(hi[inside].sum()) + own_bonus + 2 * tol
            terms = _worth_pairs(model, vals, np.where(inside, hi, lo), sign=-1.0)
            terms.append((e, big))
            self._row(pulp.LpAffineExpression(terms, 0.0), "<=",
                      big + tol - float(hi[inside].sum()) - own_bonus, "best")

    def _row(self, expr: pulp.LpAffineExpression, sense: str, rhs: float, tag: str) -> None:
        op = pulp.LpConstraintGE if sense == ">=" else pulp.LpConstraintLE
        name = self.model.pulp_name(f"rpm_{tag}[{len(self.kept)}]")
        self.model.prob += pulp.LpConstraint(expr, op, name=name, rhs=rhs)


def dominating(instance: Instance, vals: Values, portfolio: Collection[str],
               solver: str = "cbc", time_limit: float | None = None
               ) -> frozenset[str] | None:
    """A feasible portfolio that dominates `portfolio` with the fewest changes from it, or
    None when no feasible portfolio dominates it (an integer program; checked outside)."""
    target = frozenset(i for i in portfolio if instance.has(i))
    with gc_paused():
        model = build_model(instance)
        clear = _dominating_rows(model, vals, target)
        model.minimise_changes(target)
        if not _run_ok(model, solver, time_limit):
            return None
        # Among the fewest changes, the clearest: the largest worst-case margins in sum.
        fewest = round(pulp.value(model.prob.objective))
        model.prob += pulp.LpConstraint(changes_expr(model, target), pulp.LpConstraintLE,
                                        name=model.pulp_name("fewest"), rhs=fewest)
        model.prob.sense = pulp.LpMaximize
        model.prob.setObjective(clear)
        if not _run_ok(model, solver, time_limit):
            raise SolverError(Message.of("solver.failed", solver=solver, text="infeasible"))
    units = solution_units(model)
    check(instance, units)
    found = frozenset(units)
    if not vals.dominates(found, target):
        raise VerificationError(Message.of("solver.nondominated.not_dominating",
                                           solver=solver))
    return found


def _run_ok(model: Model, solver: str, time_limit: float | None) -> bool:
    """Solve; False when infeasible, a SolverError when the solver fails."""
    run = run_model(model, solver, time_limit=time_limit, gap=0.0)
    if run.status == Status.INFEASIBLE:
        return False
    if run.status not in (Status.OPTIMAL, Status.FEASIBLE):
        raise SolverError(Message.of("solver.failed", solver=solver, text=run.text))
    return True


def _dominating_rows(model: Model, vals: Values, target: frozenset[str]
                     ) -> pulp.LpAffineExpression:
    """x dominates target: worst_t(x, target) >= 0 for every t, best_t > tol for one.
    Returns the sum over t of worst_t's variable part (how clearly x dominates)."""
    inside = _inside(vals, target)
    tol, bonus = vals.tol, vals.bonus(target)
    strict = STRICT * max(1.0, vals.tol / TOL)
    points = vals.lo.shape[1]
    y = [model.prob.add_variable(model.pulp_name(f"more[{t}]"), 0, 1, pulp.LpBinary)
         for t in range(points)]
    model.prob += pulp.LpConstraint(pulp.LpAffineExpression([(v, 1.0) for v in y], 0.0),
                                    pulp.LpConstraintGE, name=model.pulp_name("more_one"),
                                    rhs=1.0)
    for t in range(points):
        lo, hi = vals.lo[:, t], vals.hi[:, t]
        # worst_t(x, target) = sum_{x - target} lo - sum_{target - x} hi + B(x) - B(target)
        #   = sum_{i not in target} lo_i x_i + sum_{i in target} hi_i x_i - hi(target) + ...
        worst = _worth_pairs(model, vals, np.where(inside, hi, lo))
        model.prob += pulp.LpConstraint(
            pulp.LpAffineExpression(worst, 0.0), pulp.LpConstraintGE,
            name=model.pulp_name(f"at_least[{t}]"), rhs=float(hi[inside].sum()) + bonus - tol)
        # best_t(x, target) >= STRICT when y_t = 1 (big-M: best_t >= -(lo(target) + B)):
        # a margin well above the solvers' tolerances, so a solver cannot meet it by
        # rounding (a dominator only that much better is missed, and said non-dominated)
        big = float(lo[inside].sum()) + bonus + strict
        best = [*_worth_pairs(model, vals, np.where(inside, lo, hi)), (y[t], -big)]
        model.prob += pulp.LpConstraint(
            pulp.LpAffineExpression(best, 0.0), pulp.LpConstraintGE,
            name=model.pulp_name(f"more_at[{t}]"),
            rhs=float(lo[inside].sum()) + bonus + strict - big)
    # the sum over t of worst_t's variable part
    clear = np.where(inside, vals.hi.sum(axis=1), vals.lo.sum(axis=1))
    return pulp.LpAffineExpression(_worth_pairs(model, vals, clear, times=points), 0.0)


def _inside(vals: Values, portfolio: Collection[str]) -> np.ndarray:
    """Per item of `vals`: whether `portfolio` funds it."""
    at = vals.index()
    out = np.zeros(len(vals.ids), bool)
    out[[at[i] for i in portfolio]] = True
    return out


def _worth_pairs(model: Model, vals: Values, coef: np.ndarray, sign: float = 1.0,
                 times: int = 1) -> list[tuple[pulp.LpVariable, float]]:
    """sign × (sum coef_i x_i + times × B(x)) as (variable, coefficient) pairs: the items'
    values and the synergy bonuses of the links x completes (the model's own columns)."""
    pairs = [(model.x[i], sign * float(c)) for i, c in zip(vals.ids, coef, strict=True)
             if c != 0]
    links = model.instance.rules.links
    return pairs + [(z, sign * times * model.instance.link_bonus(links[k]))
                    for k, z in model.z.items() if links[k].bonus]
