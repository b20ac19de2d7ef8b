"""Robustness of the optimal portfolio to the criteria weights and to score noise.

Stochastic multicriteria acceptability analysis, done by Monte Carlo:

1. draw `samples` weight vectors, all up front in the parent from
   `numpy.random.default_rng(seed)` (so a result never depends on `workers`):
   - "simplex": uniform on the simplex, Dirichlet(1, ..., 1);
   - "intervals": uniform on the part of the simplex inside the box
     {criterion: [lo, hi]} (criteria not named get [0, 1]), by rejection: Dirichlet(1)
     draws outside the box are thrown away; an error says so when the box keeps too
     small a share of the simplex for that to finish;
   - "rank": a uniform simplex draw sorted in descending order and handed out by the
     rank order (most important criterion gets the largest weight): uniform on the
     part of the simplex that respects the order;
2. with `resample_evaluators`, when several evaluators scored the applications: a
   bootstrap panel per draw (as many evaluators as there are, drawn with replacement; the
   same panel for every application), whose mean values replace the criteria; drawn
   after the weights;
   with `score_noise` > 0, add N(0, sd) noise to every normalised criterion value of
   every application, clipped to [0, 1], drawn last;
3. re-solve at the scenario's budget: with the knapsack DP when the scenario is budget
   only (identical optimum, much faster), else with the integer program (gap 0), after
   exact searches over the DP that answer most draws under minimum rules
   (`search_optimum`) or a region's share cap (`capped_optimum`);
4. per application, the acceptability index = share of draws in which it is funded:
   core (>= core), exterior (<= exterior), borderline otherwise; and the most frequent
   portfolios.

The set of fundable applications is held fixed: eligibility and the minimum score are
applied once, with the scenario's own weights. When two portfolios tie exactly (two
applications with identical criteria and amounts), which one a solver returns is
arbitrary, and the tie is broken the same way in every draw.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np

from optimizer.analysis.coverage import covered_regions
from optimizer.analysis.executor import LOCAL, Executor, chunks, cpus, executor_for, may_thread
from optimizer.errors import InfeasibleError, ScenarioError, VerificationError, suggest
from optimizer.frames import Tabular
from optimizer.model.formulation import Model, build_model
from optimizer.model.instance import Instance, Item, Result
from optimizer.model.knapsack import (
    choose_method,
    is_budget_only,
    item_value,
    knapsack_solve,
    knapsack_table,
)
from optimizer.model.solve import solve, solve_dp, verified
from optimizer.model.solvers import HighsSession
from optimizer.model.verify import region_share_groups, regions_covered, target_areas
from optimizer.vocabulary.message import Message

WEIGHT_MODES = ("simplex", "intervals", "rank")
CORE, BORDERLINE, EXTERIOR = "core", "borderline", "exterior"
TOP_PORTFOLIOS = 5
_MAX_REJECTION_DRAWS = 2_000_000


@dataclass(frozen=True)
class Acceptability:
    id: str
    label: str
    index: float  # share of draws in which the application is funded
    category: str  # CORE, BORDERLINE or EXTERIOR
    funded_draws: int
    score: float  # its score under the scenario's own weights


@dataclass(frozen=True)
class PortfolioShare:
    ids: tuple[str, ...]
    count: int
    share: float


@dataclass(frozen=True)
class Robustness(Tabular):
    """Acceptability of every application over random weights; see the module doc."""

    items: tuple[Acceptability, ...]  # highest index first, then by id
    portfolios: tuple[PortfolioShare, ...]  # the most frequent, at most TOP_PORTFOLIOS
    distinct_portfolios: int
    samples: int
    seed: int
    weights: str
    score_noise: float
    core: float
    exterior: float
    method: str  # "dp", "core" or "ip" (draw_method)
    solver: str
    criteria_ids: tuple[str, ...]
    budget_eur: float
    is_proxy: bool = False
    name: str = ""
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rank: tuple[str, ...] = ()
    evaluators: int = 0  # size of the resampled evaluator panel; 0: not resampled
    engine: str = ""  # which path solved the draws (robustness.engine)
    # Where they ran (analysis.executor): not part of the answer, which is the same anywhere.
    executor: str = field(default="local", compare=False)

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "acceptability", "category", "funded_draws", "samples", "score",
        "score_source")

    def rows(self) -> list[dict[str, Any]]:
        """One row per application, highest acceptability first."""
        source = "proxy" if self.is_proxy else "sheet"
        return [{"id": a.id, "label": a.label, "acceptability": a.index,
                 "category": a.category, "funded_draws": a.funded_draws,
                 "samples": self.samples, "score": a.score, "score_source": source}
                for a in self.items]

    def __repr__(self) -> str:
        counts = Counter(a.category for a in self.items)
        return (f"<Robustness {self.name!r}: {self.samples} draws ({self.weights}), seed "
                f"{self.seed}, by {self.method}; {counts[CORE]} core, "
                f"{counts[BORDERLINE]} borderline, {counts[EXTERIOR]} exterior; "
                f"{self.distinct_portfolios} distinct portfolios>")

    def index(self, item_id: str) -> float:
        for a in self.items:
            if a.id == item_id:
                return a.index
        raise KeyError(item_id)

    def category(self, item_id: str) -> str:
        for a in self.items:
            if a.id == item_id:
                return a.category
        raise KeyError(item_id)


# --------------------------------------------------------------------------- draws


def draw_weights(rng: np.random.Generator, criteria: Sequence[str], samples: int,
                 mode: str = "simplex", intervals: Mapping[str, Sequence[float]] | None = None,
                 rank: Sequence[str] | None = None) -> np.ndarray:
    """`samples` x len(criteria) weight vectors, each summing to 1 (see module docstring)."""
    k = len(criteria)
    if mode == "simplex":
        return rng.dirichlet(np.ones(k), size=samples)
    if mode == "rank":
        order = _rank_positions(criteria, rank or ())
        sorted_draws = -np.sort(-rng.dirichlet(np.ones(k), size=samples), axis=1)
        return sorted_draws[:, order]
    if mode == "intervals":
        lo, hi = _box(criteria, intervals or {})
        return _rejection(rng, lo, hi, samples)
    raise ScenarioError(Message.of("scenario.robustness.weights_mode", mode=mode,
                                   modes=list(WEIGHT_MODES), suggest=suggest(mode, WEIGHT_MODES)))


def _rank_positions(criteria: Sequence[str], rank: Sequence[str]) -> np.ndarray:
    """For each criterion (in instance order), its position in the rank order."""
    unknown = [c for c in rank if c not in criteria]
    if unknown:
        raise ScenarioError(Message.of("scenario.robustness.unknown_criterion",
                                       key="robustness.rank", name=unknown[0],
                                       suggest=suggest(unknown[0], criteria)))
    if len(set(rank)) != len(rank) or set(rank) != set(criteria):
        missing = [c for c in criteria if c not in rank]
        raise ScenarioError(Message.of("scenario.robustness.rank_every", missing=missing))
    return np.array([list(rank).index(c) for c in criteria])


def _box(criteria: Sequence[str],
         intervals: Mapping[str, Sequence[float]]) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = np.zeros(len(criteria)), np.ones(len(criteria))
    for name, bounds in intervals.items():
        if name not in criteria:
            raise ScenarioError(Message.of("scenario.robustness.unknown_criterion",
                                           key="robustness.intervals", name=name,
                                           suggest=suggest(name, criteria)))
        a, b = (float(x) for x in bounds)
        if not 0.0 <= a <= b <= 1.0:
            raise ScenarioError(Message.of("scenario.robustness.interval", name=name, lo=a,
                                           hi=b))
        lo[criteria.index(name)], hi[criteria.index(name)] = a, b
    if lo.sum() > 1.0 + 1e-12 or hi.sum() < 1.0 - 1e-12:
        raise ScenarioError(Message.of("scenario.robustness.intervals_sum",
                                       lo=float(lo.sum()), hi=float(hi.sum())))
    return lo, hi


def _rejection(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray,
               samples: int) -> np.ndarray:
    kept: list[np.ndarray] = []
    have = tried = 0
    batch = max(1000, 4 * samples)
    while have < samples:
        if tried >= _MAX_REJECTION_DRAWS:
            share = have / max(tried, 1)
            raise ScenarioError(Message.of("scenario.robustness.rejection", share=share,
                                           have=have, samples=samples, tried=tried))
        draws = rng.dirichlet(np.ones(len(lo)), size=batch)
        tried += batch
        ok = draws[np.all((draws >= lo) & (draws <= hi), axis=1)]
        kept.append(ok)
        have += len(ok)
    return np.concatenate(kept)[:samples]


def draw_scores(instance: Instance, samples: int, seed: int, weights: str = "simplex",
                intervals: Mapping[str, Sequence[float]] | None = None,
                rank: Sequence[str] | None = None, score_noise: float = 0.0,
                resample_evaluators: bool = False) -> np.ndarray:
    """samples x items matrix of project scores, every draw made here, up front."""
    criteria = list(instance.criteria_ids)
    if not criteria or any(len(it.criteria) != len(criteria) for it in instance.items):
        raise ScenarioError(Message.of("scenario.robustness.per_criterion"))
    rng = np.random.default_rng(seed)
    w = draw_weights(rng, criteria, samples, weights, intervals, rank)
    if resample_evaluators:
        values = _bootstrap_panels(rng, instance, samples)  # samples x items x k
    elif score_noise > 0:
        values = np.broadcast_to(np.array([it.criteria for it in instance.items], float),
                                 (samples, len(instance.items), len(criteria)))
    else:
        return w @ np.array([it.criteria for it in instance.items], dtype=float).T
    if score_noise > 0:
        values = np.clip(values + rng.normal(0.0, score_noise, size=values.shape), 0.0, 1.0)
    return np.einsum("sik,sk->si", values, w)


def _bootstrap_panels(rng: np.random.Generator, instance: Instance,
                      samples: int) -> np.ndarray:
    """samples x items x criteria: the mean values of a panel drawn with replacement."""
    n = len(instance.evaluators)
    if n < 2 or any(len(it.panel) != n for it in instance.items):
        raise ScenarioError(Message.of("scenario.robustness.evaluators"))
    panel = np.array([it.panel for it in instance.items], dtype=float)  # items x n x k
    chosen = rng.integers(0, n, size=(samples, n))
    return panel[:, chosen, :].mean(axis=2).transpose(1, 0, 2)


# --------------------------------------------------------------------------- solving


def solve_draws(instance: Instance, scores: np.ndarray, method: str, solver: str,
                time_limit: float | None = None, threads: int = 1) -> np.ndarray:
    """draws x items booleans: funded or not in the optimum of each score row, by
    `method` (see `draw_method`). Every portfolio is verified, as any other.

    `threads` > 1: the integer program with CBC (a solver process per draw, which this
    process only waits for) is solved that many draws at a time, each thread on a model of
    its own; the draws and their answers are the same."""
    if method == "ip" and solver == "cbc" and min(threads, len(scores)) > 1 and may_thread():
        size = math.ceil(len(scores) / threads)
        pieces = [scores[a:a + size] for a in range(0, len(scores), size)]
        with ThreadPoolExecutor(len(pieces), thread_name_prefix="grantopt-draws") as pool:
            found = list(pool.map(lambda rows: solve_draws(instance, rows, method, solver,
                                                           time_limit), pieces))
        return np.concatenate(found)
    ids = instance.ids
    out = np.zeros((len(scores), len(ids)), bool)
    model: Model | None = None  # built at the first draw the searches leave to it
    session = None
    relaxed = budget_relaxation(instance) if method == "ip" else None
    uncapped = cap_relaxation(instance) if method == "ip" else None
    for d, row in enumerate(scores):
        res = None if relaxed is None else _relaxed_optimum(instance, relaxed, row)
        if uncapped is not None:
            res = capped_optimum(instance, uncapped, row)
        if res is None and method == "ip":
            if model is None:
                model = build_model(instance)
                session = HighsSession(model, time_limit) if solver == "highs" else None
            model.set_scores(row)
            res = solve(model.instance, solver=solver, time_limit=time_limit, gap=0.0,
                        model=model, session=session)
        elif res is None and method == "dp":
            res = solve_dp(instance.with_scores(row))
        elif res is None:
            res = solve(instance.with_scores(row), solver=solver, time_limit=time_limit)
        out[d] = [res.units.get(i, 0) > 0 for i in ids]
    return out


# Rules that ask for at least so many projects or regions: each only removes portfolios (the
# value of a portfolio does not depend on it), so an instance without them is a relaxation
# with the same objective, and a portfolio breaking one can be split on (`_branch`). Caps
# stay: on the 2020 share cap such a search needs dozens of DP solves per draw; a region's
# share cap has its own exact DP instead (`capped_optimum`).
_RELAXABLE = {"min_projects_per_region": 0, "min_regions": 0,
              "min_projects_per_target_area": 0}


def budget_relaxation(instance: Instance) -> Instance | None:
    """The instance without its minimum projects per region or target area and minimum
    regions covered, when only the budget then binds (the knapsack DP answers it exactly);
    else None."""
    relaxed = instance.with_rules(**_RELAXABLE)
    return relaxed if relaxed != instance and is_budget_only(relaxed) else None


# A draw whose search needs more nodes than this goes to the integer program (the 2020
# every-region draws need at most three).
MAX_NODES = 64


def _relaxed_optimum(instance: Instance, relaxed: Instance, row: Sequence[float]
                     ) -> Result | None:
    """The draw's optimum by `search_optimum` (None: the integer program answers)."""
    base = relaxed.with_scores(row)
    full = base.with_rules(**{key: getattr(instance.rules, key) for key in _RELAXABLE})
    return search_optimum(full, base)


def search_optimum(full: Instance, base: Instance) -> Result | None:
    """The optimum of `full` by branch and bound over the knapsack DP on `base` (its
    `budget_relaxation`), verified under every rule of `full`; None when the search
    cannot tell (the integer program answers).

    Each node is the relaxation with some items locked in or out, its value the DP's
    optimum there: an upper bound of every portfolio of the node that keeps the rules.
    The nodes are taken best first, so the first whose DP portfolio keeps every rule is
    the optimum. A node whose portfolio breaks a rule is split by `_branch` into nodes
    that together hold every portfolio of it that keeps that rule."""
    rules = base.rules
    locked = rules.fund | rules.reject
    cost = {it.id: it.max_units for it in base.items}
    paid = sum(cost[i] for i in rules.fund)
    order = itertools.count()
    nodes: list[tuple[float, int, frozenset[str], frozenset[str], Mapping[str, int]]] = []

    def add(fund: frozenset[str], reject: frozenset[str]) -> None:
        if paid + sum(cost[i] for i in fund) > rules.budget_units:
            return  # the locks alone overspend: no portfolio in this node
        at = base.with_rules(fund=rules.fund | fund, reject=rules.reject | reject)
        try:
            found = knapsack_solve(at)
        except InfeasibleError:
            return
        heapq.heappush(nodes, (-found.objective, next(order), fund, reject, found.units))

    add(frozenset(), frozenset())
    for _ in range(MAX_NODES):
        if not nodes:
            return None  # no portfolio keeps the rules: the program says which and why
        _, _, fund, reject, units = heapq.heappop(nodes)
        try:
            return verified(full, units, "dp")
        except VerificationError:
            pass
        ids = _branch(full, units)
        if ids is None:
            return None
        free = [i for i in ids if i not in locked and i not in fund and i not in reject]
        for j, item_id in enumerate(free):  # by the first of `free` that it funds
            add(fund | {item_id}, reject | frozenset(free[:j]))
    return None


def _branch(instance: Instance, units: Mapping[str, int]) -> list[str] | None:
    """The items one of which every portfolio funds that keeps a minimum rule `units` breaks
    (projects per region or target area: that group's items; regions covered: the items
    covering a region `units` leaves uncovered); None if it breaks none of them."""
    r = instance.rules
    funded = set(units)
    groups = []
    if r.min_projects_per_region > 0:
        groups.append((r.min_projects_per_region, regions_covered(instance).values()))
    if r.min_projects_per_target_area > 0:
        groups.append((r.min_projects_per_target_area, target_areas(instance).values()))
    for need, members in groups:
        for items in members:
            if sum(it.id in funded for it in items) < need:
                return [it.id for it in items]
    if r.min_regions > 0:
        covered = covered_regions(instance, units)
        if len(covered) < r.min_regions:
            return [it.id for it in instance.items
                    if it.coverage_regions(r.region_basis) - covered]
    return None


def cap_relaxation(instance: Instance) -> Instance | None:
    """The instance without its cap on a region's share, when only the budget then binds
    and every award goes whole to at most one region (the lead basis, or participants all
    from one region), so `capped_optimum` answers exactly; else None."""
    if instance.rules.region_cap_units is None:
        return None
    relaxed = instance.with_rules(max_region_share=None)
    if not is_budget_only(relaxed):
        return None
    seen: set[str] = set()
    for parts in region_share_groups(instance).values():
        for it, part in parts:
            if part != 1.0 or it.id in seen:
                return None
            seen.add(it.id)
    return relaxed


def capped_optimum(instance: Instance, uncapped: Instance, row: Sequence[float]
                   ) -> Result | None:
    """The draw's optimum under a region's share cap by the knapsack DP (None: the integer
    program answers), verified under every rule of `instance`.

    First the DP under the budget alone; while its portfolio gives some regions more than
    the cap, the optimum with those regions capped (`_regions_capped`, the others free): a
    relaxation of `instance`, so its optimum is `instance`'s once it keeps every rule.
    """
    base = uncapped.with_scores(row)
    full = base.with_rules(max_region_share=instance.rules.max_region_share)
    cap = instance.rules.region_cap_units
    assert cap is not None
    groups = [{it.id for it, _ in parts} for parts in region_share_groups(instance).values()]
    capped: list[set[str]] = []
    units: dict[str, int] | None = None
    while True:
        try:
            units = (dict(knapsack_solve(base).units) if not capped
                     else _regions_capped(base, capped, cap))
        except InfeasibleError:
            return None
        if units is None:
            return None
        over = [g for g in groups if sum(units.get(i, 0) for i in g) > cap]
        if not over:
            break
        if any(g in capped for g in over):
            return None  # cannot happen: a capped region's items are held to the cap
        capped += over
    try:
        return verified(full, units, "dp")
    except VerificationError:
        return None


# The regions capped beyond the first are enumerated by their DP table's steps (each a
# distinct best value): at most this many combinations, else the integer program answers.
MAX_CAP_COMBINATIONS = 4096


def _regions_capped(base: Instance, regions: list[set[str]], cap: int
                    ) -> dict[str, int] | None:
    """The optimum of budget-only `base` with each of `regions` (sets of item ids) given at
    most `cap` units; None when the locks leave no portfolio or the enumeration would be
    too long.

    With f_k the DP table of region k's items up to the cap and g that of every other item
    up to the budget (each the best value with at most so many units), the optimum is the
    max of f_1(c_1) + ... + f_m(c_m) + g(budget - sum c); c_1 runs over every unit, the
    others only over the first units of each step of their f (between steps f is flat and
    g does not increase)."""
    budget = base.rules.budget_units
    taken = set().union(*regions)
    tables = [knapsack_table(_part(base, tuple(it for it in base.items if it.id in ids)),
                             min(cap, budget)) for ids in regions]
    outside = _part(base, tuple(it for it in base.items if it.id not in taken))
    g = best_up_to(outside, max(0, budget - len(regions) * min(cap, budget)), budget)
    steps = [np.flatnonzero(t.best > np.r_[-np.inf, t.best[:-1]]) for t in tables[1:]]
    if math.prod(len(s) for s in steps) > MAX_CAP_COMBINATIONS:
        return None
    first = tables[0].best
    dense = np.arange(len(first))
    best: tuple[float, tuple[int, ...]] | None = None
    for combo in itertools.product(*steps):  # in increasing units: the first max is kept
        spent = int(sum(combo))
        room = budget - spent
        if room < 0:
            continue
        value = sum(t.best[c] for t, c in zip(tables[1:], combo, strict=True))
        reach = dense[: min(len(first), room + 1)]
        total = first[reach] + g[room - reach]
        c = int(np.argmax(total))  # the first maximum: the least spent in the region
        if np.isfinite(total[c]) and (best is None or total[c] + value > best[0]):
            best = (float(total[c] + value), (c, *(int(x) for x in combo)))
    if best is None:
        return None
    units: dict[str, int] = {}
    for t, c in zip(tables, best[1], strict=True):
        units.update(t.units_at(c) or {})
    units.update(knapsack_solve(outside, budget - sum(best[1])).units)
    return units


def best_up_to(instance: Instance, low: int, budget: int) -> np.ndarray:
    """best[b] for b = low..budget: the best value of budget-only `instance` with at most b
    units spent, as `knapsack_table(instance, budget).best` has it (-inf where the fund locks
    do not fit; below `low` -inf too: not computed).

    When the useful items (free, of positive value) cost together less than `low` + the
    budget, a DP over what is left out is smaller: m[r], the least value given up leaving
    out r units or more, for r up to what the items cost beyond `low`; then best[b] is all
    the value less m[what they cost beyond b]. (On the 2020 share cap the applications
    outside the capped region cost 2.8 % more than the budget: a quarter of the table.)"""
    rules = instance.rules
    locked = [it for it in instance.items if it.id in rules.fund]
    values = {it.id: item_value(instance, it) for it in instance.items}
    useful = [it for it in instance.items if it.id not in rules.fund
              and it.id not in rules.reject and values[it.id] > 0]
    paid = sum(it.max_units for it in locked)
    total = sum(it.max_units for it in useful)
    reach = max(0, total - max(0, low - paid))  # the most units ever left out
    if reach >= budget:
        return knapsack_table(instance, budget, keep=False).best
    least = np.full(reach + 1, np.inf)
    least[0] = 0.0
    cand = np.empty(reach + 1)
    for it in useful:
        w, v = it.max_units, values[it.id]
        k = min(w, reach + 1)
        cand[:k] = v  # leaving it out gives up v and at least w units already
        np.add(least[:reach + 1 - k], v, out=cand[k:])
        np.minimum(least, cand, out=least)
    out = np.full(budget + 1, -np.inf)
    spent = np.arange(max(low, paid), budget + 1)
    left_out = np.clip(total - (spent - paid), 0, None)
    out[spent] = (sum(values[it.id] for it in locked) + sum(values[it.id] for it in useful)
                  - least[left_out])
    return out


def _part(instance: Instance, items: tuple[Item, ...]) -> Instance:
    """`instance` on `items` only, with the locks that name them."""
    ids = frozenset(it.id for it in items)
    rules = instance.rules
    return replace(instance, items=items,
                   rules=replace(rules, fund=rules.fund & ids, reject=rules.reject & ids))


def draw_method(instance: Instance, method: str) -> str:
    """How the draws are solved: "dp" (the knapsack DP over the whole budget), "core" (a
    budget-only instance too large for that: the LP bound fixes most items, the rest is
    solved exactly per draw), or "ip" (the integer program, built once: only its objective
    changes between draws)."""
    chosen = choose_method(instance, method)
    if chosen == "ip" and method == "auto" and is_budget_only(instance):
        return "core"
    return chosen


ENGINES = {
    "dp": "knapsack DP (only the budget binds)",
    "core": "knapsack core per draw: the LP bound fixes most applications, the rest is "
            "solved exactly (DP, else the integer program)",
    "ip": "integer program, one model: the objective changed per draw (first the knapsack "
          "DP where it is exact: a search over it under the budget alone, or its split "
          "under a region's share cap; these answer most draws)",
    "ip-highs": "integer program, HiGHS in memory: one model, the objective changed per "
                "draw, warm-started from the previous draw",
}


def engine(method: str, solver: str) -> str:
    """Which path solved the draws, in words (said in every output)."""
    return ENGINES["ip-highs" if method == "ip" and solver == "highs" else method]


def _run(instance: Instance, scores: np.ndarray, method: str, solver: str,
         time_limit: float | None, executor: Executor,
         progress: Callable[[int, int], None] | None) -> np.ndarray:
    parts = chunks(len(scores), executor.parallel)
    # CBC's processes share the CPUs the executor's own workers leave.
    threads = max(1, cpus() // executor.parallel)
    calls = [(instance, scores[a:b], method, solver, time_limit, threads) for a, b in parts]
    found = executor.map(solve_draws, calls, [b - a for a, b in parts], progress)
    return np.concatenate(found) if found else np.zeros((0, len(instance.items)), bool)


def robustness(instance: Instance, samples: int, seed: int, weights: str = "simplex",
               intervals: Mapping[str, Sequence[float]] | None = None,
               rank: Sequence[str] | None = None, score_noise: float = 0.0, workers: int = 1,
               core: float = 0.9, exterior: float = 0.1, solver: str = "cbc",
               resample_evaluators: bool = False,
               progress: Callable[[int, int], None] | None = None,
               time_limit: float | None = None, method: str = "auto",
               executor: Executor | None = None) -> Robustness:
    """Acceptability of each application over `samples` seeded draws of weights (and noise).

    Identical for any `workers` and `executor` (analysis.executor: local processes or a
    Dask cluster): every draw is made up front in this process. `method`: "auto" (knapsack
    DP when exact, else the integer program), or force "dp" / "ip".
    """
    if samples < 1:
        raise ScenarioError(Message.of("scenario.robustness.samples"))
    if not 0.0 <= exterior < core <= 1.0:
        raise ScenarioError(Message.of("scenario.robustness.bounds"))
    scores = draw_scores(instance, samples, seed, weights, intervals, rank, score_noise,
                         resample_evaluators)
    how = draw_method(instance, method)
    executor = executor or executor_for(LOCAL, workers)
    funded = _run(instance, scores, how, solver, time_limit, executor, progress)
    return _summarise(instance, funded, samples=samples, seed=seed, weights=weights,
                      score_noise=score_noise, core=core, exterior=exterior,
                      method=how, solver="dp" if how == "dp" else solver,
                      engine=engine(how, solver), executor=executor.name,
                      intervals=intervals, rank=rank,
                      evaluators=len(instance.evaluators) if resample_evaluators else 0)


def _summarise(instance: Instance, funded: np.ndarray, *, samples: int, seed: int,
               weights: str, score_noise: float, core: float, exterior: float, method: str,
               solver: str, intervals: Mapping[str, Sequence[float]] | None,
               rank: Sequence[str] | None, evaluators: int = 0, engine: str = "",
               executor: str = "local") -> Robustness:
    ids = instance.ids
    counts = funded.sum(axis=0)
    items = []
    for i, it in enumerate(instance.items):
        idx = float(counts[i]) / samples
        cat = CORE if idx >= core else EXTERIOR if idx <= exterior else BORDERLINE
        items.append(Acceptability(id=it.id, label=instance.labels.get(it.id, it.id),
                                   index=idx, category=cat, funded_draws=int(counts[i]),
                                   score=it.score))
    items.sort(key=lambda a: (-a.index, a.id))
    tally = Counter(tuple(i for i, f in zip(ids, row, strict=True) if f) for row in funded)
    top = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PORTFOLIOS]
    return Robustness(
        items=tuple(items),
        portfolios=tuple(PortfolioShare(ids=p, count=c, share=c / samples) for p, c in top),
        distinct_portfolios=len(tally), samples=samples, seed=seed, weights=weights,
        score_noise=score_noise, core=core, exterior=exterior, method=method, solver=solver,
        criteria_ids=tuple(instance.criteria_ids),
        budget_eur=instance.rules.budget_units * instance.rules.unit_eur,
        is_proxy=instance.score_source == "proxy", name=instance.name,
        intervals={k: (float(v[0]), float(v[1])) for k, v in (intervals or {}).items()},
        rank=tuple(rank or ()), evaluators=evaluators, engine=engine, executor=executor)
