"""The actual decision against the optimum under the same scenario.

What `compare` reports:

* the value (Instance.value) of the actual decision and of the optimum, and the efficiency
  actual / optimal. The actual decision is valued as it is, rules broken or not (only an
  award above the application's maximum counts at the maximum), so an actual decision that
  breaks a rule (over budget, say) can be worth more than the optimum: efficiency above 1
  then means "better only because it breaks a rule";
* money spent and left: actual = awards in the instance plus the known actual awards to
  applications outside it (the real total), optimal = the optimum's awards;
* the overlap, application by application (funded in both / only actually / only optimally);
* the scenario rules the actual decision breaks (verify()), and the actual awards to
  applications that are not in the instance at all, with the reasons they were left out;
* the fewest changes that turn the actual decision into an optimal portfolio (below).

Several portfolios can be optimal. The one shown ("the optimum" in the overlap, the
region table and the plots) is the one `grantopt run` shows too: model.ties.settle picks,
among the optimal portfolios, the fewest projects added or removed from the actual decision,
then the earliest application ids, then (partial mode) the awards that move least in euros;
`Changes.ties` says whether it is the only optimal portfolio (1) or one of at least 2.
"Optimal" is exact: worth the optimum's value in rational arithmetic, within
model.ties.TIE_RTOL (relative) of it; no step trades value for closeness.

What is counted: projects added, projects removed (together `Changes.count`, the number
minimised), and, in partial mode, awards whose amount changes (listed and counted apart,
`Changes.amount_changes`: the euros moved are minimised, not their number).

The actual decision is valued as it was made (`actual_decision_value`): its awards as paid,
uncut, each worth at most its project's whole need. When it breaks one of the scenario's
rules (a per-project cap, say), the efficiency compares it with an optimum under rules it
did not follow, and `Comparison.valuation` says so in one sentence.

`closest_optimum` (used by explain and calibrate, which need the closest optimal portfolio
many times and no tie-break): the integer program with the extra row
objective >= optimum - tol (model.ties.tie_tol) and the objective minimise
sum_{i in A} (1 - x_i) + sum_{i not in A} x_i, A = the applications actually funded;
in partial mode a second solve moves the awards least. Solved on a program kept in memory
(model.resident), by the knapsack DP where only the budget binds (then, among equally close
optima, the earliest ids), and in partial mode by the scenario's solver. Every portfolio is
verified and checked to be worth the optimum exactly (model.ties.is_optimal).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from optimizer.analysis.regions import NO_REGION, RegionTable, region_table
from optimizer.constants import Agreement
from optimizer.errors import SolverError, VerificationError
from optimizer.frames import Tabular
from optimizer.model.formulation import Model, build_model, solution_units
from optimizer.model.funds import fund_rows
from optimizer.model.instance import FEASIBLE, OPTIMAL, PARTIAL, Instance, Result
from optimizer.model.knapsack import is_budget_only, knapsack_settle
from optimizer.model.resident import Answer, Resident
from optimizer.model.solve import solve
from optimizer.model.solvers import run_model
from optimizer.model.ties import (
    CLOSEST,
    funded_target,
    is_optimal,
    settle,
    tie_message,
    tie_tol,
)
from optimizer.model.verify import verify
from optimizer.vocabulary.message import Message

BOTH, ONLY_ACTUAL, ONLY_OPTIMAL = Agreement.BOTH, Agreement.ONLY_ACTUAL, Agreement.ONLY_OPTIMAL
NOT_IN_INSTANCE = Message.of("reason.not_in_instance")


@dataclass(frozen=True)
class CompareRow:
    """One application funded in the actual decision, the optimum, or both."""

    id: str
    label: str  # lead applicant (or the id when none is known)
    status: str  # BOTH, ONLY_ACTUAL or ONLY_OPTIMAL
    actual_eur: float
    optimal_eur: float
    change_eur: float  # optimal - actual: > 0 the optimum adds money, < 0 it takes away
    score: float


@dataclass(frozen=True)
class OutsideAward:
    """An actual award to an application the scenario leaves out of the instance."""

    id: str
    label: str
    awarded_eur: float | None  # None when the caller gave ids only
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class AmountChange:
    id: str
    actual_eur: float
    new_eur: float


@dataclass(frozen=True)
class Changes:
    """The fewest changes that make the actual decision optimal, and where they lead."""

    additions: tuple[str, ...]  # funded by the optimum, not actually
    removals: tuple[str, ...]  # funded actually, not by the optimum
    amount_changes: tuple[AmountChange, ...]  # funded by both, with different awards
    units: Mapping[str, int]  # the optimal portfolio reached (funded items only)
    value: float
    status: str  # OPTIMAL: the count is the proven minimum; FEASIBLE: a time limit hit
    ties: int = 0  # optimal portfolios (model.ties): 1 the only one, 2 at least two; 0 unknown
    tie_rule: str = ""  # how model.ties chose it (model.ties.CLOSEST, ...); "" not settled

    @property
    def count(self) -> int:
        return len(self.additions) + len(self.removals)


@dataclass(frozen=True)
class ObjectiveView:
    """The comparison's headline figures under one objective kind."""

    objective: str
    actual_value: float
    optimal_value: float
    efficiency: float | None
    fewest_changes: int
    additions: int
    removals: int


@dataclass(frozen=True)
class Comparison(Tabular):
    """The actual decision against the optimum; `rows()` per application funded in either."""

    name: str
    is_proxy: bool
    objective: str  # the scenario's objective kind
    unit_eur: float
    budget_eur: float
    actual_value: float
    optimal_value: float
    efficiency: float | None  # actual / optimal; None when the optimum is worth 0
    actual_spent_eur: float  # inside the instance + known awards outside it
    optimal_spent_eur: float
    actual_outside_eur: float  # part of actual_spent_eur awarded outside the instance
    entries: tuple[CompareRow, ...]  # both first, then only actual, then only optimal; by id
    violations: tuple[Message, ...]  # scenario rules the actual decision breaks
    outside: tuple[OutsideAward, ...]
    changes: Changes
    optimum: Result  # the solver's optimum (value, status, gap); the portfolio is changes.units
    regions: RegionTable  # by lead region here; Study.compare counts on the scenario's basis
    views: tuple[ObjectiveView, ...] = ()  # the scenario's objective first, then the others
    # Spend per funding pool and per year (issue 14): model.funds.fund_rows of the actual
    # decision (inside the instance) and of the optimum, side by side; () without them.
    funds: tuple[dict[str, Any], ...] = ()

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "status", "actual_eur", "optimal_eur", "change_eur", "score")

    def rows(self) -> list[dict[str, Any]]:
        return [{c: getattr(r, c) for c in self.columns} for r in self.entries]

    def __repr__(self) -> str:
        eff = "n/a" if self.efficiency is None else f"{self.efficiency:.1%}"
        return (f"<Comparison {self.name!r}: actual value {self.actual_value:.4f} vs optimum "
                f"{self.optimal_value:.4f} ({self.objective}), efficiency {eff}; "
                f"{len(self.ids(BOTH))} funded in both, {len(self.ids(ONLY_ACTUAL))} only "
                f"actually, {len(self.ids(ONLY_OPTIMAL))} only optimally; fewest changes "
                f"{self.changes.count}>")

    def view(self) -> ObjectiveView:
        """This comparison's own headline figures."""
        ch = self.changes
        return ObjectiveView(self.objective, self.actual_value, self.optimal_value,
                             self.efficiency, ch.count, len(ch.additions), len(ch.removals))

    @property
    def actual_left_eur(self) -> float:
        return self.budget_eur - self.actual_spent_eur

    @property
    def optimal_left_eur(self) -> float:
        return self.budget_eur - self.optimal_spent_eur

    def valuation(self) -> tuple[Message, ...]:
        """How the actual decision is valued, and (when it breaks a rule of the scenario)
        that the efficiency compares it with an optimum under rules it did not follow."""
        out = [Message.of("compare.valued_as_made")]
        if self.violations:
            out.append(Message.of("compare.breaks_rules", n=len(self.violations)))
        return tuple(out)

    def counted(self) -> tuple[Message, ...]:
        """What the fewest changes count: projects added, removed, amounts changed."""
        ch = self.changes
        out = [Message.of("compare.changes_counted", count=ch.count, added=len(ch.additions),
                          removed=len(ch.removals))]
        if ch.amount_changes:
            moved = sum(abs(a.new_eur - a.actual_eur) for a in ch.amount_changes)
            out.append(Message.of("compare.amounts_counted", n=len(ch.amount_changes),
                                  moved=round(moved, 2)))
        return tuple(out)

    def tie(self) -> Message:
        """Whether the optimum shown is the only one, and how it was chosen (model.ties)."""
        return tie_message(self.changes.ties, self.changes.tie_rule or CLOSEST)

    def ids(self, status: str) -> tuple[str, ...]:
        return tuple(r.id for r in self.entries if r.status == status)

    def total_eur(self, status: str, which: str = "actual") -> float:
        return round(sum(getattr(r, f"{which}_eur") for r in self.entries if r.status == status), 2)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready figures (the CLI and the report write this)."""
        ch = self.changes
        return {
            "scenario": self.name,
            "score_source": "proxy" if self.is_proxy else "sheet",
            "objective": self.objective,
            "budget_eur": self.budget_eur,
            "actual": {"value": self.actual_value, "spent_eur": self.actual_spent_eur,
                       "left_eur": self.actual_left_eur,
                       "outside_instance_eur": self.actual_outside_eur},
            "optimal": {"value": self.optimal_value, "spent_eur": self.optimal_spent_eur,
                        "left_eur": self.optimal_left_eur, "status": self.optimum.status,
                        "gap": self.optimum.gap, "solver": self.optimum.solver},
            "efficiency": self.efficiency,
            "valuation": [m.to_dict() for m in self.valuation()],
            "optimal_portfolios": {"count": ch.ties, "at_least": ch.ties > 1,
                                   "shown": self.tie().to_dict()},
            "overlap": {
                status: {"ids": list(self.ids(status)),
                         "actual_eur": self.total_eur(status, "actual"),
                         "optimal_eur": self.total_eur(status, "optimal")}
                for status in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL)
            },
            "rows": [r.__dict__.copy() for r in self.entries],
            "rules_broken": [str(v) for v in self.violations],
            "awards_outside_instance": [
                {"id": o.id, "label": o.label, "awarded_eur": o.awarded_eur,
                 "reasons": [str(r) for r in o.reasons]} for o in self.outside
            ],
            "fewest_changes": {
                "count": ch.count, "status": ch.status,
                "additions": list(ch.additions), "removals": list(ch.removals),
                "amount_changes": [a.__dict__.copy() for a in ch.amount_changes],
                "amounts_changed": len(ch.amount_changes),
                "counted": [m.to_dict() for m in self.counted()],
                "value": ch.value,
            },
            "regions": self.regions.rows(),
            "by_objective": [v.__dict__.copy() for v in self.views],
            "funds": [dict(r) for r in self.funds],
        }


def compare(
    instance: Instance,
    actual_units: Mapping[str, int],
    actual_outside: Mapping[str, float] | Iterable[str] = (),
    solver: str = "cbc",
    time_limit: float | None = None,
    *,
    region_population: Mapping[str, int] | None = None,
) -> Comparison:
    """Compare the actual decision (units per application id) with the optimum.

    `actual_outside`: actual awards to applications outside the instance, as ids or as a
    mapping id -> awarded €. Ids of `actual_units` that are not in the instance are moved
    there too. Raises InfeasibleError when the scenario itself has no feasible portfolio.
    """
    inside, outside = _split(instance, actual_units, actual_outside)
    optimum = solve(instance, solver=solver, time_limit=time_limit, gap=0.0)
    settled = settle(instance, optimum, inside, solver, time_limit)
    changes = dataclasses.replace(
        _changes(instance, inside, settled.units, settled.status, settled.count),
        tie_rule=settled.rule)
    if changes.value > optimum.objective + tie_tol(optimum.objective):
        # The solver stopped a row tolerance short; the settled portfolio is the optimum.
        optimum = dataclasses.replace(optimum, objective=changes.value, units=changes.units)
    unit = instance.rules.unit_eur
    actual_value = actual_decision_value(instance, inside)
    outside_eur = round(sum(o.awarded_eur or 0.0 for o in outside), 2)
    return Comparison(
        name=instance.name,
        is_proxy=instance.score_source == "proxy",
        objective=instance.rules.objective,
        unit_eur=unit,
        budget_eur=instance.rules.budget_units * unit,
        actual_value=actual_value,
        optimal_value=optimum.objective,
        efficiency=actual_value / optimum.objective if optimum.objective > 0 else None,
        # What counts against the appropriation (synergy savings off), as run's budget line.
        actual_spent_eur=round(instance.spend(inside) * unit + outside_eur, 2),
        optimal_spent_eur=round(instance.spend(changes.units) * unit, 2),
        actual_outside_eur=outside_eur,
        entries=_rows(instance, inside, changes.units),
        violations=tuple(verify(instance, inside)),
        outside=outside,
        changes=changes,
        optimum=optimum,
        regions=_lead_regions(instance, inside, changes.units, outside,
                              region_population or {}),
        funds=_funds(instance, inside, changes.units),
    )


def _funds(instance: Instance, actual: Mapping[str, int], optimal: Mapping[str, int]
           ) -> tuple[dict[str, Any], ...]:
    """Each pool's and year's spend, the actual decision beside the optimum."""
    return tuple(
        {"kind": o["kind"], "name": o["name"], "appropriation_eur": o["appropriation_eur"],
         "actual_spent_eur": a["spent_eur"], "optimal_spent_eur": o["spent_eur"]}
        for a, o in zip(fund_rows(instance, actual), fund_rows(instance, optimal), strict=True))


def actual_decision_value(instance: Instance, units: Mapping[str, int]) -> float:
    """Instance.value of the actual awards as they were made, each counted up to its
    project's need n_i (the share of the need covered is at most 1).

    Not up to the scenario's maximum award m_i: an award above a per-project cap was
    paid, so it is valued as paid, like the spend beside it (verify reports the rule it
    breaks, and Comparison.valuation says what that does to the efficiency).
    """
    known = {it.id: it.need for it in instance.items}
    return instance.value({i: min(u, known[i]) for i, u in units.items() if i in known})


def _split(instance: Instance, actual_units: Mapping[str, int],
           actual_outside: Mapping[str, float] | Iterable[str]
           ) -> tuple[dict[str, int], tuple[OutsideAward, ...]]:
    ids = set(instance.ids)
    inside = {i: int(u) for i, u in actual_units.items() if i in ids and u > 0}
    amounts: dict[str, float | None] = (
        {i: float(v) for i, v in actual_outside.items()}
        if isinstance(actual_outside, Mapping)
        else dict.fromkeys(actual_outside)
    )
    for i, u in actual_units.items():
        if i not in ids and u > 0:
            amounts.setdefault(i, u * instance.rules.unit_eur)
    reasons = {e.id: e.reasons for e in instance.excluded}
    outside = tuple(
        OutsideAward(i, instance.labels.get(i, i), amounts[i], reasons.get(i, (NOT_IN_INSTANCE,)))
        for i in sorted(amounts)
    )
    return inside, outside


def _rows(instance: Instance, actual: Mapping[str, int],
          optimal: Mapping[str, int]) -> tuple[CompareRow, ...]:
    unit = instance.rules.unit_eur
    order: dict[str, int] = {BOTH: 0, ONLY_ACTUAL: 1, ONLY_OPTIMAL: 2}
    rows = []
    for it in instance.items:
        a, o = actual.get(it.id, 0), optimal.get(it.id, 0)
        if not a and not o:
            continue
        status = BOTH if a and o else ONLY_ACTUAL if a else ONLY_OPTIMAL
        rows.append(CompareRow(it.id, instance.labels.get(it.id, it.id), status, round(a * unit, 2),
                        round(o * unit, 2), round((o - a) * unit, 2), it.score))
    return tuple(sorted(rows, key=lambda r: (order[r.status], r.id)))


def _lead_regions(instance: Instance, actual: Mapping[str, int], optimal: Mapping[str, int],
                  outside: tuple[OutsideAward, ...], population: Mapping[str, int]
                  ) -> RegionTable:
    """Euros by lead region (awards outside the instance have none known here)."""
    unit = instance.rules.unit_eur
    splits = {it.id: {it.lead_region or NO_REGION: 1.0} for it in instance.items}
    actual_eur = {i: u * unit for i, u in actual.items()}
    actual_eur.update({o.id: o.awarded_eur or 0.0 for o in outside})
    return region_table(splits, {i: u * unit for i, u in optimal.items()}, actual_eur,
                        population, instance.rules.budget_units * unit, "lead")


# --- the fewest changes --------------------------------------------------------------------


def closest_optimum(
    instance: Instance,
    actual_units: Mapping[str, int],
    optimum_value: float,
    solver: str = "cbc",
    time_limit: float | None = None,
    resident: Resident | None = None,
    closest_set: Collection[str] | None = None,
) -> Changes:
    """The optimal portfolio with the fewest additions + removals from `actual_units`.

    `optimum_value`: the optimum of `instance` (from solve()). Ids of `actual_units` outside
    the instance are ignored. See the module docstring for the program. `resident`: the
    program of `instance` kept in memory (model.resident), for callers that ask often;
    without it one is built here (in partial mode, where HiGHS is slow on this program, the
    program goes to `solver` instead). Every portfolio is verified here. `closest_set`:
    in partial mode through `solver`, the funded set the fewest changes are known to give
    (the only set one change from `actual_units`, say): its solve is skipped, and only the
    awards that move least are solved for (the same program, so the same answer).
    """
    actual = funded_target(instance, actual_units)
    if not instance.items:  # nothing to fund: the empty portfolio is the only one
        return _changes(instance, actual, {}, OPTIMAL)
    if is_budget_only(instance):  # the knapsack DP: exact, no solver (ties: the earliest ids)
        by_dp = knapsack_settle(instance, actual, optimum_value, tie_tol(optimum_value))
        if by_dp is not None:
            _check_optimal(instance, by_dp[0], optimum_value)
            return _changes(instance, actual, by_dp[0], OPTIMAL)
    if resident is None and instance.rules.mode == PARTIAL:
        # HiGHS takes many times CBC's time on the partial-mode program (its integer awards)
        return _closest_by_solver(instance, actual, optimum_value, solver, time_limit,
                                  closest_set)
    if resident is None:
        resident = Resident(instance, time_limit)
    elif resident.instance is not instance:
        raise ValueError("resident program of another instance")
    found = _answered(resident.closest(actual, optimum_value - tie_tol(optimum_value)))
    status, units = found.status, found.units
    _check_optimal(instance, units, optimum_value)
    if instance.rules.mode == PARTIAL:
        # Among the fewest-change portfolios, the one whose awards move least; kept only
        # when it is still worth the optimum exactly (a solver's row tolerance may not be).
        second = _answered(resident.closest_moves(_count_changes(actual, units)))
        if is_optimal(instance, second.units, optimum_value):
            status = OPTIMAL if status == second.status == OPTIMAL else FEASIBLE
            units = second.units
    return _changes(instance, actual, units, status)


def _closest_by_solver(instance: Instance, actual: Mapping[str, int], optimum_value: float,
                       solver: str, time_limit: float | None,
                       closest_set: Collection[str] | None = None) -> Changes:
    """closest_optimum through `solver` (PuLP), one solver run per solve."""
    model = build_model(instance)
    model.add_objective_floor(optimum_value - tie_tol(optimum_value))
    model.minimise_changes(set(actual))
    if closest_set is not None and instance.rules.mode == PARTIAL:
        return _closest_moves_only(instance, actual, optimum_value, solver, time_limit,
                                   model, closest_set)
    status = _solve_model(model, solver, time_limit)
    units = solution_units(model)
    _check_optimal(instance, units, optimum_value)
    if instance.rules.mode == PARTIAL:
        model.minimise_moves(actual, _count_changes(actual, units))
        second = _solve_model(model, solver, time_limit)
        moved = solution_units(model)
        if is_optimal(instance, moved, optimum_value):
            status = OPTIMAL if status == second == OPTIMAL else FEASIBLE
            units = moved
    return _changes(instance, actual, units, status)


def _closest_moves_only(instance: Instance, actual: Mapping[str, int], optimum_value: float,
                        solver: str, time_limit: float | None, model: Model,
                        closest_set: Collection[str]) -> Changes:
    """Partial mode, the closest set known: the program _closest_by_solver solves second,
    with the changes capped at that set's (the fewest), solved for the awards."""
    model.minimise_moves(actual, _count_changes(actual, dict.fromkeys(closest_set, 1)))
    status = _solve_model(model, solver, time_limit)
    units = solution_units(model)
    _check_optimal(instance, units, optimum_value)
    return _changes(instance, actual, units, status)


def _solve_model(model: Model, solver: str, time_limit: float | None) -> str:
    """Solve an analysis' own program (solve.run_model); OPTIMAL or FEASIBLE, else raise."""
    run = run_model(model, solver, time_limit=time_limit, gap=0.0)
    if run.status not in (OPTIMAL, FEASIBLE):
        raise SolverError(Message.of("solver.fewest_changes_failed", solver=solver,
                                     status=f"{run.status}", text=run.text))
    return run.status


def _answered(answer: Answer) -> Answer:
    """A resident solve's answer, OPTIMAL or FEASIBLE, else the error of a failed solve."""
    if answer.status not in (OPTIMAL, FEASIBLE):
        raise SolverError(Message.of("solver.fewest_changes_failed", solver="highs",
                                     status=f"{answer.status}", text=answer.status))
    return answer


def _check_optimal(instance: Instance, units: Mapping[str, int], optimum: float) -> None:
    problems = verify(instance, units)
    if problems:
        raise VerificationError(Message.of("solver.verify.closest_breaks", rules=problems))
    value = instance.value(units)
    if not is_optimal(instance, units, optimum):
        raise VerificationError(Message.of("solver.verify.closest_below", value=value,
                                           optimum=optimum))


def _count_changes(actual: Mapping[str, int], units: Mapping[str, int]) -> int:
    return len(set(actual) ^ set(units))


def _changes(instance: Instance, actual: Mapping[str, int], units: Mapping[str, int],
             status: str, ties: int = 0) -> Changes:
    unit = instance.rules.unit_eur
    moved = tuple(
        AmountChange(i, round(actual[i] * unit, 2), round(units[i] * unit, 2))
        for i in sorted(set(actual) & set(units))
        if actual[i] != units[i]
    )
    return Changes(
        additions=tuple(sorted(set(units) - set(actual))),
        removals=tuple(sorted(set(actual) - set(units))),
        amount_changes=moved,
        units=dict(sorted(units.items())),
        value=instance.value(units),
        status=status,
        ties=ties,
    )
