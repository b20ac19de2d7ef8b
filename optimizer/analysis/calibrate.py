"""Which criteria weights make the optimum closest to the actual decision, and how close.

Agreement of an optimal portfolio O with the actual decision A (both in the instance):

* euro share   = sum_i min(actual_i, optimal_i) / sum_i actual_i: the share of the actual
  money that the optimum gives to the same applications;
* project share = |A & O| / |A | O| (Jaccard). Chosen over |A & O| / |A| because that one
  is 1 for any optimum that funds every actual project *and more*; Jaccard is 1 only when
  the two portfolios fund exactly the same applications.

Weightings are ranked by euro share, then by project share; the first one found wins ties.
Each weighting's optimum is the optimal portfolio closest to the actual decision
(compare.closest_optimum: fewest additions + removals), so a tie between optimal portfolios
is never counted against a weighting.

Search over the weight simplex (weights over Instance.criteria_ids, summing to 1):
the vertices (one criterion alone), the equal weights, the scenario's own weights,
`samples` Dirichlet(1, ..., 1) draws (uniform on the simplex), then `refine` local steps
around the best so far: w = (1 - r) * best + r * Dirichlet(1) with r shrinking from 0.2 to
0.05 (a step is kept only if it agrees strictly better). Every draw comes from one
numpy.random.default_rng(seed), so the same seed gives the same answer.

The set of fundable applications is held fixed: eligibility and the minimum score were
applied once, with the scenario's own weights (as in robustness). When only the budget
binds, each weighting's optimum and its closest optimal portfolio come from the knapsack DP
(among equally close ones, the earliest ids: model.knapsack.knapsack_settle); elsewhere from
one integer program kept in memory (model.resident), only its objective changed per
weighting; in partial mode from the scenario's solver (HiGHS is slow on integer awards).

Decisions no weighting explains: actual awards that are in no tried weighting's optimum,
and actual rejections that are in every one. Actual awards to applications outside the
instance are beyond any weighting; the caller lists them (the CLI does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from optimizer.analysis.compare import closest_optimum
from optimizer.analysis.executor import Executor, InProcess, chunks
from optimizer.errors import ScenarioError
from optimizer.frames import Tabular
from optimizer.model.instance import FEASIBLE, OPTIMAL, PARTIAL, Instance
from optimizer.model.knapsack import is_budget_only
from optimizer.model.resident import Resident
from optimizer.model.solve import solve
from optimizer.model.ties import funded_target
from optimizer.model.verify import check
from optimizer.vocabulary.message import Message

VERTEX, EQUAL, CURRENT, RANDOM, REFINE = "vertex", "equal", "current", "random", "refine"
RADII = (0.2, 0.1, 0.05)


@dataclass(frozen=True)
class Trial:
    """One weighting tried, and how close its optimum is to the actual decision."""

    weights: tuple[float, ...]
    source: str  # VERTEX, EQUAL, CURRENT, RANDOM or REFINE
    euro_share: float
    project_share: float
    value: float  # optimum under these weights
    funded: tuple[str, ...]  # the optimal portfolio closest to the actual decision

    @property
    def key(self) -> tuple[float, float]:
        return (round(self.euro_share, 12), round(self.project_share, 12))


@dataclass(frozen=True)
class Calibration(Tabular):
    """The weightings tried and how close each optimum came; `rows()` one per weighting."""

    name: str
    is_proxy: bool
    criteria_ids: tuple[str, ...]
    seed: int
    samples: int
    refine: int
    solver: str
    actual: tuple[str, ...]  # actually funded applications of the instance
    best: Trial
    current: Trial | None  # at the scenario's own weights
    trials: tuple[Trial, ...]  # every weighting tried, in the order tried
    unexplained_awards: tuple[str, ...]  # actually funded, in no tried optimum
    unexplained_rejections: tuple[str, ...]  # actually rejected, in every tried optimum
    funded_share: tuple[tuple[str, float], ...]  # id -> share of tried optima funding it

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("source", *(f"w_{c}" for c in self.criteria_ids), "euro_share",
                "project_share", "value", "funded")

    def rows(self) -> list[dict[str, Any]]:
        """One row per weighting tried, in the order tried."""
        return [{"source": t.source,
                 **{f"w_{c}": w for c, w in zip(self.criteria_ids, t.weights, strict=True)},
                 "euro_share": t.euro_share, "project_share": t.project_share,
                 "value": t.value, "funded": len(t.funded)} for t in self.trials]

    def __repr__(self) -> str:
        weights = ", ".join(f"{c} {w:.2f}" for c, w in self.best_weights().items())
        return (f"<Calibration {self.name!r}: {self.tried} weightings tried (seed "
                f"{self.seed}); closest {self.best.euro_share:.1%} of the actual euros, "
                f"{self.best.project_share:.1%} of projects, at {weights}>")

    @property
    def tried(self) -> int:
        return len(self.trials)

    def best_weights(self) -> dict[str, float]:
        return dict(zip(self.criteria_ids, self.best.weights, strict=True))

    def to_dict(self) -> dict[str, object]:
        def trial(t: Trial | None) -> dict[str, object] | None:
            if t is None:
                return None
            return {"weights": dict(zip(self.criteria_ids, t.weights, strict=True)),
                    "source": t.source, "euro_share": t.euro_share,
                    "project_share": t.project_share, "value": t.value,
                    "funded": list(t.funded)}

        return {
            "scenario": self.name,
            "score_source": "proxy" if self.is_proxy else "sheet",
            "criteria": list(self.criteria_ids),
            "seed": self.seed, "samples": self.samples, "refine": self.refine,
            "solver": self.solver, "tried": self.tried,
            "agreement": {"euro_share": "sum min(actual, optimal) / sum actual",
                          "project_share": "Jaccard |A & O| / |A | O|"},
            "best": trial(self.best),
            "current": trial(self.current),
            "actual": list(self.actual),
            "unexplained_awards": list(self.unexplained_awards),
            "unexplained_rejections": list(self.unexplained_rejections),
            "funded_share": dict(self.funded_share),
        }


def calibrate(
    instance: Instance,
    actual_units: Mapping[str, int],
    samples: int = 100,
    seed: int = 0,
    solver: str = "cbc",
    *,
    refine: int | None = None,
    time_limit: float | None = None,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Calibration:
    """The weights under which the optimum is closest to `actual_units` (see module doc).

    `refine`: local steps after the random draws (default: samples // 2, at least 9).
    `executor` (analysis.executor): where the independent first trials run (the local
    refinement follows the best so far, one step after another); the answer is the same.
    """
    criteria = _check(instance, samples)
    actual = funded_target(instance, actual_units)
    if not actual:
        raise ScenarioError(Message.of("analysis.calibrate.no_actual"))
    refine = max(9, samples // 2) if refine is None else refine
    rng = np.random.default_rng(seed)
    k = len(criteria)
    trials = _first_trials(instance, actual, _starts(instance, rng, k, samples), solver,
                           time_limit, executor or InProcess(), progress)
    current = next((t for t in trials if t.source == CURRENT), None)

    asked = _Asked(instance, time_limit)

    def run(weights: np.ndarray | tuple[float, ...], source: str) -> Trial:
        trial = _trial(asked, actual, _normalised(weights), source, solver, time_limit)
        trials.append(trial)
        return trial

    best = _best(trials)
    for step in range(refine if k > 1 else 0):
        radius = RADII[min(len(RADII) - 1, step * len(RADII) // max(refine, 1))]
        w = (1 - radius) * np.asarray(best.weights) + radius * rng.dirichlet(np.ones(k))
        trial = run(w, REFINE)
        if trial.key > best.key:
            best = trial
    return _calibration(instance, criteria, seed, samples, refine, solver, actual, best,
                        current, trials)


def _starts(instance: Instance, rng: np.random.Generator, k: int, samples: int
            ) -> list[tuple[tuple[float, ...], str]]:
    """The first, independent trials: each criterion alone, equal weights, the scenario's
    own weights, then `samples` uniform draws on the simplex (all drawn here, in order)."""
    starts = [(_normalised(np.eye(k)[j]), VERTEX) for j in range(k)]
    if k > 1:
        starts.append((_normalised(np.full(k, 1.0 / k)), EQUAL))
    if _usable(instance.weights, k):
        starts.append((_normalised(instance.weights), CURRENT))
    starts += [(_normalised(w), RANDOM)
               for w in (rng.dirichlet(np.ones(k), size=samples) if k > 1 else ())]
    return starts


def _first_trials(instance: Instance, actual: Mapping[str, int],
                  starts: list[tuple[tuple[float, ...], str]], solver: str,
                  time_limit: float | None, executor: Executor,
                  progress: Callable[[int, int], None] | None) -> list[Trial]:
    parts = chunks(len(starts), executor.parallel)
    calls = [(instance, actual, starts[a:b], solver, time_limit) for a, b in parts]
    found = executor.map(trials_of, calls, [b - a for a, b in parts], progress)
    return [trial for part in found for trial in part]


def trials_of(instance: Instance, actual: Mapping[str, int],
              starts: Sequence[tuple[tuple[float, ...], str]], solver: str,
              time_limit: float | None) -> list[Trial]:
    """One task of the first trials (a top-level function, so a worker can run it)."""
    asked = _Asked(instance, time_limit)
    return [_trial(asked, actual, weights, source, solver, time_limit)
            for weights, source in starts]


def agreement(actual: Mapping[str, int], optimal: Mapping[str, int]) -> tuple[float, float]:
    """(euro share, project share) of `optimal` with `actual` (units; see the module doc)."""
    total = sum(actual.values())
    common = sum(min(u, optimal.get(i, 0)) for i, u in actual.items())
    a, o = {i for i, u in actual.items() if u > 0}, {i for i, u in optimal.items() if u > 0}
    union = a | o
    return (common / total if total else 0.0,
            len(a & o) / len(union) if union else 1.0)


def _check(instance: Instance, samples: int) -> tuple[str, ...]:
    criteria = tuple(instance.criteria_ids)
    if not criteria or any(len(it.criteria) != len(criteria) for it in instance.items):
        raise ScenarioError(Message.of("analysis.calibrate.per_criterion"))
    if samples < 0:
        raise ScenarioError(Message.of("analysis.calibrate.samples", samples=samples))
    return criteria


def _usable(weights: tuple[float, ...], k: int) -> bool:
    return len(weights) == k and all(w >= 0 for w in weights) and sum(weights) > 0


def _normalised(weights: np.ndarray | tuple[float, ...]) -> tuple[float, ...]:
    w = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    return tuple(float(x) for x in w / w.sum())


class _Asked:
    """The instance under one weighting after another. Where only the budget binds, each
    is a new instance for the knapsack DP (in partial mode, for the solver); elsewhere the
    integer program is kept in memory (model.resident), only its objective changed."""

    def __init__(self, instance: Instance, time_limit: float | None) -> None:
        self.instance, self.time_limit = instance, time_limit
        # Partial mode: HiGHS is slow on its integer awards; each weighting to the solver.
        self.budget_only = is_budget_only(instance) or instance.rules.mode == PARTIAL
        self._resident: Resident | None = None

    def weighted(self, weights: tuple[float, ...]) -> Instance:
        weighted = self.instance.with_weights(weights)
        if self.budget_only:
            return weighted
        self.program().set_scores([it.score for it in weighted.items])
        return self.program().instance

    def program(self) -> Resident:
        if self._resident is None:
            self._resident = Resident(self.instance, self.time_limit)
        return self._resident


def _trial(asked: _Asked, actual: Mapping[str, int], weights: tuple[float, ...],
           source: str, solver: str, time_limit: float | None) -> Trial:
    weighted = asked.weighted(weights)
    if asked.budget_only:
        value = optimum_value(weighted, solver, time_limit)
        closest = closest_optimum(weighted, actual, value, solver, time_limit)
    else:
        value = _resident_optimum(asked.program())
        closest = closest_optimum(weighted, actual, value, solver, time_limit,
                                  resident=asked.program())
    euro, project = agreement(actual, closest.units)
    return Trial(weights, source, euro, project, value, tuple(sorted(closest.units)))


def _resident_optimum(resident: Resident) -> float:
    """The optimum's value on the resident program, its portfolio verified first."""
    answer = resident.optimum()
    if answer.status not in (OPTIMAL, FEASIBLE):  # the usual door, for the same error
        return optimum_value(resident.instance, "cbc", resident.time_limit)
    check(resident.instance, answer.units)
    return resident.instance.value(answer.units)


def optimum_value(instance: Instance, solver: str = "cbc",
                  time_limit: float | None = None) -> float:
    """The optimum: by the knapsack DP when only the budget binds (exact, fast), else the IP.

    Only the value is needed: closest_optimum then finds (and verifies) the portfolio.
    """
    return solve(instance, solver=solver, time_limit=time_limit, gap=0.0).objective


def _best(trials: list[Trial]) -> Trial:
    best = trials[0]
    for t in trials[1:]:
        if t.key > best.key:
            best = t
    return best


def _calibration(instance: Instance, criteria: tuple[str, ...], seed: int, samples: int,
                 refine: int, solver: str, actual: Mapping[str, int], best: Trial,
                 current: Trial | None, trials: list[Trial]) -> Calibration:
    counts = Counter(i for t in trials for i in t.funded)
    n = len(trials)
    return Calibration(
        name=instance.name, is_proxy=instance.score_source == "proxy", criteria_ids=criteria,
        seed=seed, samples=samples, refine=refine, solver=solver,
        actual=tuple(sorted(actual)), best=best, current=current, trials=tuple(trials),
        unexplained_awards=tuple(sorted(i for i in actual if counts[i] == 0)),
        unexplained_rejections=tuple(
            sorted(i for i in instance.ids if i not in actual and counts[i] == n)),
        funded_share=tuple((i, counts[i] / n) for i in instance.ids),
    )
