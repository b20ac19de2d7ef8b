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
region table and the plots) is the optimal portfolio closest to the actual decision, found
by `closest_optimum`: the integer program of the scenario (formulation.build_model) with
the extra row  objective >= optimum - tol  (tol = OBJECTIVE_TOL x max(1, |optimum|)) and the
objective  minimise  sum_{i in A} (1 - x_i) + sum_{i not in A} x_i,  A = the applications
actually funded. Its value is the number of additions plus removals. In partial mode an
application counts as changed when its funded status changes; among the portfolios with
that fewest number of changes a second solve picks one whose awards move least in total
(sum |award_i - actual_i|), and the awards that still differ are reported as amount changes.
The portfolio found is verified (verify()) and its value checked against the optimum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from optimizer.analysis.regions import NO_REGION, RegionTable, region_table
from optimizer.constants import Agreement
from optimizer.errors import SolverError, VerificationError
from optimizer.frames import Tabular
from optimizer.model.formulation import Model, build_model, solution_units
from optimizer.model.funds import fund_rows
from optimizer.model.instance import FEASIBLE, OPTIMAL, PARTIAL, Instance, Result
from optimizer.model.solve import solve
from optimizer.model.solvers import run_model
from optimizer.model.verify import verify
from optimizer.vocabulary.message import Message

BOTH, ONLY_ACTUAL, ONLY_OPTIMAL = Agreement.BOTH, Agreement.ONLY_ACTUAL, Agreement.ONLY_OPTIMAL
OBJECTIVE_TOL = 1e-6  # relative slack of the objective floor of `closest_optimum`
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
    changes = closest_optimum(instance, inside, optimum.objective, solver, time_limit)
    if optimum.status == OPTIMAL and changes.value > optimum.objective + _tol(optimum.objective):
        raise VerificationError(Message.of("solver.verify.beats_optimum", value=changes.value,
                                           optimum=optimum.objective))
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
        actual_spent_eur=round(sum(inside.values()) * unit + outside_eur, 2),
        optimal_spent_eur=round(sum(changes.units.values()) * unit, 2),
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
    """Instance.value of the actual awards, each counted up to its maximum award m_i.

    The objective is defined for awards up to m_i (share funded <= 1); money awarded above
    an application's maximum (a rule broken, reported by verify) earns no extra value.
    """
    known = {it.id: it.max_units for it in instance.items}
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
) -> Changes:
    """The optimal portfolio with the fewest additions + removals from `actual_units`.

    `optimum_value`: the optimum of `instance` (from solve()). Ids of `actual_units` outside
    the instance are ignored. See the module docstring for the program.
    """
    ids = set(instance.ids)  # once: a set built per award would make this quadratic
    actual = {i: int(u) for i, u in actual_units.items() if u > 0 and i in ids}
    if not instance.items:  # nothing to fund: the empty portfolio is the only one
        return _changes(instance, actual, {}, OPTIMAL)
    model = build_model(instance)
    tol = _tol(optimum_value)
    model.add_objective_floor(optimum_value - tol)
    model.minimise_changes(set(actual))
    status = _solve_model(model, solver, time_limit)
    units = solution_units(model)
    if instance.rules.mode == PARTIAL:
        # Among the fewest-change portfolios, the one whose awards move least.
        model.minimise_moves(actual, _count_changes(actual, units))
        second = _solve_model(model, solver, time_limit)
        status = OPTIMAL if status == second == OPTIMAL else FEASIBLE
        units = solution_units(model)
    _check_optimal(instance, units, optimum_value, tol)
    return _changes(instance, actual, units, status)


def _tol(optimum: float) -> float:
    return OBJECTIVE_TOL * max(1.0, abs(optimum))


def _solve_model(model: Model, solver: str, time_limit: float | None) -> str:
    """Solve an analysis' own program (solve.run_model); OPTIMAL or FEASIBLE, else raise."""
    run = run_model(model, solver, time_limit=time_limit, gap=0.0)
    if run.status not in (OPTIMAL, FEASIBLE):
        raise SolverError(Message.of("solver.fewest_changes_failed", solver=solver,
                                     status=f"{run.status}", text=run.text))
    return run.status


def _check_optimal(instance: Instance, units: Mapping[str, int], optimum: float,
                   tol: float) -> None:
    problems = verify(instance, units)
    if problems:
        raise VerificationError(Message.of("solver.verify.closest_breaks", rules=problems))
    value = instance.value(units)
    if value < optimum - 2 * tol:
        raise VerificationError(Message.of("solver.verify.closest_below", value=value,
                                           optimum=optimum))


def _count_changes(actual: Mapping[str, int], units: Mapping[str, int]) -> int:
    return len(set(actual) ^ set(units))


def _changes(instance: Instance, actual: Mapping[str, int], units: Mapping[str, int],
             status: str) -> Changes:
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
    )
