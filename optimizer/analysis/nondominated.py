"""Robust portfolios when the weights are not agreed (Robust Portfolio Modeling).

The weights are only known to meet the scenario's statements (analysis.statements: the set
S), and each application's value on each criterion only within an interval (± a share of
it, or from the lowest to the highest of several evaluators). A portfolio dominates another
when it is worth at least as much for every weight in S and every score in the intervals,
and more for some (model.dominance). The non-dominated portfolios are the feasible ones
(every rule of the scenario) that no feasible portfolio dominates; they are enumerated
exactly (model.nondominated), up to a stated number. An application's core index is the
share of them that fund it: core (all), exterior (none), borderline (some).

The sampled acceptability indices (analysis.robustness) answer another question: how often
is the application in the optimum of a weight drawn at random. Drawn from S, a core
application is funded in every draw and an exterior one in none; between the two, the
sample says how often, the enumeration only that it can go either way.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from optimizer.analysis.statements import StatedWeights, stated_weights
from optimizer.errors import ScenarioError, VerificationError
from optimizer.frames import Tabular
from optimizer.model.dominance import Values, nondominated_among, values
from optimizer.model.instance import Instance
from optimizer.model.nondominated import Enumeration, dominating, enumerate_nondominated
from optimizer.model.nondominated_dp import WIDE_CAP
from optimizer.model.solve import solve
from optimizer.vocabulary.message import Message, Named
from optimizer.vocabulary.names import VALUES

CORE, BORDERLINE, EXTERIOR = "core", "borderline", "exterior"
MAX_DECIDING = 12  # candidate statements tried for the borderline applications


@dataclass(frozen=True)
class Decider:
    """A statement that, added to the others, makes an application core or exterior."""

    statement: str
    makes: str  # CORE or EXTERIOR


@dataclass(frozen=True)
class CoreIndex:
    id: str
    label: str
    index: float  # share of the non-dominated portfolios that fund it
    category: str  # CORE, BORDERLINE or EXTERIOR
    portfolios: int  # how many of them fund it
    acceptability: float | None = None  # share of draws from S funding it (None: no draws)
    deciders: tuple[Decider, ...] = ()


@dataclass(frozen=True)
class ActualCheck:
    """Is the actual decision non-dominated? If not, the dominating portfolio with the
    fewest changes, and by how much it is worth more at each extreme point."""

    nondominated: bool
    feasible: bool  # whether the actual decision meets every rule of the scenario
    dominated_by: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    least_margin: tuple[float, ...] = ()  # worst case, one per extreme point (>= 0)
    most_margin: tuple[float, ...] = ()  # best case, one per extreme point


@dataclass(frozen=True)
class RobustPortfolios(Tabular):
    """Every non-dominated portfolio and each application's core index; see the module."""

    name: str
    statements: tuple[str, ...]
    groups: Mapping[str, tuple[str, ...]]
    fixed_groups: tuple[str, ...]
    criteria_ids: tuple[str, ...]
    points: tuple[tuple[float, ...], ...]  # extreme points of S (criterion weights)
    ranges: Mapping[str, tuple[float, float]]  # each named weight's range over S
    score_interval: float
    evaluator_intervals: bool
    portfolios: tuple[tuple[str, ...], ...]
    complete: bool
    limit: int
    items: tuple[CoreIndex, ...]  # highest core index first, then by id
    actual: ActualCheck | None
    narrowing: str  # a statement that would narrow S (when the list is incomplete)
    solver: str
    solves: int
    seconds: float
    samples: int = 0
    seed: int = 0
    is_proxy: bool = False
    costs_eur: Mapping[str, float] = field(default_factory=dict)
    stopped: str = ""  # why the list is incomplete (model.nondominated: LIMIT, SOLVES, ...)

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "core_index", "category", "portfolios_with", "portfolios",
        "complete", "acceptability", "decided_by", "score_source")

    def rows(self) -> list[dict[str, Any]]:
        source = "proxy" if self.is_proxy else "sheet"
        return [{"id": c.id, "label": c.label, "core_index": c.index, "category": c.category,
                 "portfolios_with": c.portfolios, "portfolios": len(self.portfolios),
                 "complete": self.complete, "acceptability": c.acceptability,
                 "decided_by": "; ".join(f"{d.statement} -> {d.makes}" for d in c.deciders),
                 "score_source": source} for c in self.items]

    def ids(self, category: str) -> tuple[str, ...]:
        return tuple(c.id for c in self.items if c.category == category)

    def __repr__(self) -> str:
        return (f"<RobustPortfolios {self.name!r}: {len(self.portfolios)} non-dominated"
                f"{'' if self.complete else ' (incomplete)'}; {len(self.ids(CORE))} core, "
                f"{len(self.ids(BORDERLINE))} borderline, {len(self.ids(EXTERIOR))} exterior>")


@dataclass(frozen=True)
class Question:
    """What the analysis is asked: the statements and the score intervals."""

    statements: tuple[str, ...] = ()
    groups: Mapping[str, Sequence[str]] = field(default_factory=dict)
    score_interval: float = 0.0
    evaluator_intervals: bool = False
    limit: int = 2000
    samples: int = 0
    seed: int = 0
    decide: bool = True


def robust_portfolios(instance: Instance, question: Question, *,
                      round_groups: Mapping[str, str] | None = None,
                      actual: Mapping[str, int] | None = None, solver: str = "cbc",
                      time_limit: float | None = None) -> RobustPortfolios:
    """The non-dominated portfolios of `instance` under `question` (module doc)."""
    start = time.perf_counter()
    _check(instance, question)
    stated = stated_weights(instance.criteria_ids, instance.weights, round_groups or {},
                            question.groups, question.statements)
    lo, hi = score_bounds(instance, question.score_interval, question.evaluator_intervals)
    vals = values(instance, stated.points, lo, hi)
    found = enumerate_nondominated(instance, vals, solver=solver, limit=question.limit,
                                   time_limit=time_limit)
    if found.complete and not found.portfolios:
        _no_portfolio(instance, solver, time_limit)
    accept = _acceptability(instance, stated, lo, hi, question, solver, time_limit)
    counts = {i: sum(1 for p in found.portfolios if i in p) for i in instance.ids}
    borderline = {i for i, n in counts.items() if 0 < n < len(found.portfolios)}
    deciders = (_deciders(instance, stated, lo, hi, found, borderline)
                if question.decide and found.complete else {})
    return RobustPortfolios(
        name=instance.name, statements=tuple(question.statements),
        groups={g: stated.groups[g] for g in stated.groups},
        fixed_groups=stated.fixed, criteria_ids=tuple(instance.criteria_ids),
        points=tuple(tuple(float(x) for x in p) for p in stated.points),
        ranges=stated.ranges(), score_interval=question.score_interval,
        evaluator_intervals=question.evaluator_intervals, portfolios=found.portfolios,
        complete=found.complete, limit=question.limit,
        items=_core_indices(instance, counts, len(found.portfolios), accept, deciders),
        actual=_actual(instance, vals, actual, solver, time_limit),
        narrowing="" if found.complete else narrowing(stated), solver=found.solver,
        solves=found.solves, seconds=time.perf_counter() - start, samples=question.samples,
        seed=question.seed, is_proxy=instance.score_source == "proxy",
        costs_eur={it.id: it.max_units * instance.rules.unit_eur for it in instance.items},
        stopped=found.stopped)


def count_message(rp: RobustPortfolios) -> Message:
    """How many non-dominated portfolios, whether that is all of them, how found and in
    how long (a page that must read the same every time says `how_message` instead)."""
    if not rp.complete:
        return Message.of("cli.portfolios.incomplete", n=len(rp.portfolios),
                          why=stop_message(rp), narrowing=rp.narrowing)
    return Message.of("cli.portfolios.count", n=len(rp.portfolios), how=how_message(rp),
                      seconds=rp.seconds)


def stop_message(rp: RobustPortfolios) -> Message:
    """Why the list may not hold every non-dominated portfolio (the limit that stopped it)."""
    return Message.of(f"cli.portfolios.stopped_{rp.stopped}", limit=rp.limit,
                      solves=rp.solves, states=WIDE_CAP)


def how_message(rp: RobustPortfolios) -> Message:
    """Which exact method listed the portfolios."""
    if rp.solver == "dp":
        return Message.of("cli.portfolios.how_dp")
    solver = Named(rp.solver, VALUES["solver.name"].get(rp.solver))
    return Message.of("cli.portfolios.how_ip", solver=solver, solves=rp.solves)


def scores_message(rp: RobustPortfolios) -> Message:
    """How the scores' intervals were set, in one sentence (every face says it so)."""
    if rp.evaluator_intervals:
        widened = (Message.of("cli.portfolios.widened", share=rp.score_interval)
                   if rp.score_interval else "")
        return Message.of("cli.portfolios.evaluator_interval", widened=widened)
    if rp.score_interval:
        return Message.of("cli.portfolios.interval", share=rp.score_interval)
    return Message.of("cli.portfolios.exact_scores")


def actual_messages(actual: ActualCheck) -> tuple[Message, ...]:
    """Whether the actual decision is non-dominated, and if not by what change; and
    whether it breaks a rule of the scenario."""
    if actual.nondominated:
        out = [Message.of("cli.portfolios.actual_ok")]
    else:
        out = [Message.of("cli.portfolios.actual_dominated", changes=_changes(actual),
                          least=min(actual.least_margin), most=max(actual.least_margin))]
    return tuple(out + ([] if actual.feasible else [Message.of("cli.portfolios.actual_breaks")]))


def _changes(actual: ActualCheck) -> Message:
    added, removed = ", ".join(actual.added), ", ".join(actual.removed)
    if added and removed:
        return Message.of("cli.portfolios.changes", added=added, removed=removed)
    return (Message.of("cli.portfolios.adding", added=added) if added
            else Message.of("cli.portfolios.removing", removed=removed))


def _no_portfolio(instance: Instance, solver: str, time_limit: float | None) -> None:
    """No feasible portfolio was found: the scenario's own solve says why, with the
    diagnosis `run` gives (InfeasibleError); if that solve finds one, the enumeration
    missed it, which is an error of the enumeration."""
    solve(instance, solver=solver, time_limit=time_limit)
    raise VerificationError(Message.of("solver.nondominated.missed", solver=solver))


def _check(instance: Instance, question: Question) -> None:
    criteria = instance.criteria_ids
    if not criteria or any(len(it.criteria) != len(criteria) for it in instance.items):
        raise ScenarioError(Message.of("scenario.nondominated.criteria"))
    if question.evaluator_intervals and (
            len(instance.evaluators) < 2
            or any(len(it.panel) != len(instance.evaluators) for it in instance.items)):
        raise ScenarioError(Message.of("scenario.nondominated.evaluators"))


def score_bounds(instance: Instance, interval: float, evaluators: bool
                 ) -> tuple[np.ndarray, np.ndarray]:
    """items x criteria: each normalised value's interval. From the evaluators, their
    lowest to highest; then widened by ± `interval` of itself, kept within [0, 1]."""
    if evaluators:
        panel = np.array([it.panel for it in instance.items], float)  # items x n x k
        lo, hi = panel.min(axis=1), panel.max(axis=1)
    else:
        lo = hi = np.array([it.criteria for it in instance.items], float)
    lo = np.clip(lo * (1 - interval), 0.0, 1.0)
    hi = np.clip(hi * (1 + interval), 0.0, 1.0)
    return lo.reshape(len(instance.items), -1), hi.reshape(len(instance.items), -1)


def _core_indices(instance: Instance, counts: Mapping[str, int], total: int,
                  accept: Mapping[str, float] | None,
                  deciders: Mapping[str, tuple[Decider, ...]]) -> tuple[CoreIndex, ...]:
    """Each application's share of the `total` portfolios (`counts` fund it)."""
    items = []
    for it in instance.items:
        count = counts[it.id]
        index = count / total if total else 0.0
        category = CORE if count == total else EXTERIOR if count == 0 else BORDERLINE
        items.append(CoreIndex(
            id=it.id, label=instance.labels.get(it.id, it.id), index=index,
            category=category, portfolios=count,
            acceptability=None if accept is None else accept[it.id],
            deciders=deciders.get(it.id, ())))
    items.sort(key=lambda c: (-c.index, c.id))
    return tuple(items)


def _actual(instance: Instance, vals: Values, actual: Mapping[str, int] | None, solver: str,
            time_limit: float | None) -> ActualCheck | None:
    from optimizer.model.ties import funded_target
    from optimizer.model.verify import verify

    if actual is None:
        return None
    funded = funded_target(instance, actual)
    feasible = not verify(instance, {i: instance.item(i).max_units for i in funded})
    better = dominating(instance, vals, funded, solver=solver, time_limit=time_limit)
    if better is None:
        return ActualCheck(nondominated=True, feasible=feasible)
    worst, best = vals.margins(better, funded)
    return ActualCheck(
        nondominated=False, feasible=feasible, dominated_by=tuple(sorted(better)),
        added=tuple(sorted(better - set(funded))), removed=tuple(sorted(set(funded) - better)),
        least_margin=tuple(float(x) for x in worst), most_margin=tuple(float(x) for x in best))


def _acceptability(instance: Instance, stated: StatedWeights, lo: np.ndarray,
                   hi: np.ndarray, question: Question, solver: str,
                   time_limit: float | None) -> dict[str, float] | None:
    """Share of `samples` seeded draws from S (and from the score intervals) in whose
    optimum each application is funded; None without draws."""
    from optimizer.analysis.robustness import draw_method, solve_draws

    if question.samples < 1:
        return None
    rng = np.random.default_rng(question.seed)
    mix = rng.dirichlet(np.ones(len(stated.points)), size=question.samples)
    weights = mix @ stated.points  # samples x criteria, every one inside S
    crit = lo[None, :, :] + rng.random((question.samples, *lo.shape)) * (hi - lo)[None, :, :]
    scores = np.einsum("sik,sk->si", crit, weights)
    funded = solve_draws(instance, scores, draw_method(instance, "auto"), solver, time_limit)
    share = funded.mean(axis=0)
    return {i: float(share[k]) for k, i in enumerate(instance.ids)}


def narrowing(stated: StatedWeights) -> str:
    """A statement that would narrow S most plainly: the name whose weight varies most,
    held at or above the middle of its range."""
    ranges = stated.ranges()
    name = max(ranges, key=lambda n: (ranges[n][1] - ranges[n][0], n))
    lo, hi = ranges[name]
    return f"{name} >= {_middle(lo, hi):g}"


def _middle(lo: float, hi: float) -> float:
    """The middle of (lo, hi) with as few decimals as keep it strictly inside (a range
    narrower than 0.01 would round its middle out of itself)."""
    for digits in range(2, 10):
        mid = round((lo + hi) / 2, digits)
        if lo < mid < hi:
            return mid
    return (lo + hi) / 2


def candidate_statements(stated: StatedWeights) -> list[str]:
    """Statements that cut S in two: an order between two names that S leaves open, then
    each name at or above, and at or below, the middle of its range."""
    names, pts = stated.names, stated.points
    out = []
    for a in names:
        for b in names:
            diff = pts @ (stated.weight_of(a) - stated.weight_of(b))
            if a != b and diff.max() > 1e-9 and diff.min() < -1e-9:
                out.append(f"{a} >= {b}")
    for name, (lo, hi) in stated.ranges().items():
        if hi - lo > 1e-6:
            mid = _middle(lo, hi)
            out += [f"{name} >= {mid:g}", f"{name} <= {mid:g}"]
    return out[:MAX_DECIDING]


def _deciders(instance: Instance, stated: StatedWeights, lo: np.ndarray, hi: np.ndarray,
              found: Enumeration, borderline: set[str]) -> dict[str, tuple[Decider, ...]]:
    """For each borderline application, the candidate statements that decide it.

    Narrowing S to S' only adds dominance: a portfolio dominated under S is dominated under
    S' by one of the non-dominated ones (or by one that dominates it), so the non-dominated
    portfolios under S' are those of S that no other of them dominates under S' — exactly,
    but for portfolios worth exactly the same as a dominating one all over S' (an exact tie,
    with no score interval on the applications that differ), which this pass leaves out."""
    out: dict[str, list[Decider]] = {}
    if not borderline:
        return {}
    texts = [s.text for s in stated.statements]
    for extra in candidate_statements(stated):
        narrowed = stated_weights(stated.criteria, instance.weights, {}, stated.groups,
                                  [*texts, extra])
        kept = nondominated_among(values(instance, narrowed.points, lo, hi), found.portfolios)
        for i in sorted(borderline):
            count = sum(1 for p in kept if i in p)
            if count in (0, len(kept)):
                out.setdefault(i, []).append(
                    Decider(extra, CORE if count == len(kept) else EXTERIOR))
    return {i: tuple(d) for i, d in out.items()}
