"""The facts of the report's first page (the decision brief), computed from finished analyses.

Nothing is solved here: every figure is read from the comparison, the allocation and the
frontier the analyses already hold. The page (report.html.brief) and the workbook's grid
sheet say them; both read the same `Brief`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from optimizer.analysis.compare import ONLY_ACTUAL, ONLY_OPTIMAL, CompareRow
from optimizer.analysis.frontier import Frontier, FrontierPoint
from optimizer.case import Case
from optimizer.money import to_units
from optimizer.report.analyses import STEP_EUR, Analyses
from optimizer.vocabulary.message import Message

SHOWN_MOVES = 3  # the largest entries and exits the brief names


@dataclass(frozen=True)
class Move:
    """An application the optimum adds to the actual decision (or takes out), and its euros."""

    id: str
    project: str
    eur: float


@dataclass(frozen=True)
class Measure:
    """The actual decision's efficiency (actual / optimal value) under one objective."""

    objective: str
    efficiency: float | None


@dataclass(frozen=True)
class NextMillion:
    """What one more million buys at the optimum: projects, euros and the residents of the
    lead municipalities of the projects it adds (None where the register does not know)."""

    budget_eur: float
    projects: int
    spent_eur: float
    residents: int | None


@dataclass(frozen=True)
class ScenarioBrief:
    """One scenario on the first page."""

    letter: str
    optimal_projects: int
    optimal_spent_eur: float
    actual_projects: int | None  # None: the round has no actual decision
    measures: tuple[Measure, ...]  # the scenario's objective first
    entries: tuple[Move, ...]  # the largest first, at most SHOWN_MOVES
    exits: tuple[Move, ...]
    n_entries: int
    n_exits: int
    broken: tuple[Message, ...]  # rules of the scenario the actual decision breaks
    same_as: str | None  # the letter of the first scenario when it funds the same awards
    next_million: NextMillion | None


@dataclass(frozen=True)
class GridRow:
    """One application: funded by the actual decision, and in each scenario's optimum."""

    id: str
    project: str
    actual: bool
    funded: tuple[bool, ...]

    @property
    def agreed(self) -> bool:
        """Every scenario and the actual decision say the same."""
        return len({self.actual, *self.funded}) == 1


@dataclass(frozen=True)
class Brief:
    scenarios: tuple[ScenarioBrief, ...]
    grid: tuple[GridRow, ...]
    has_actual: bool


def letter_of(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def make_brief(scenarios: Sequence[Analyses]) -> Brief:
    """The brief of a report of one or several scenarios (the first is the reference)."""
    first = _awards(scenarios[0])
    briefs = tuple(_scenario(a, letter_of(i), None if i == 0 or _awards(a) != first
                             else letter_of(0))
                   for i, a in enumerate(scenarios))
    return Brief(briefs, grid(scenarios),
                 has_actual=bool(scenarios[0].allocation.case.actually_funded))


def grid(scenarios: Sequence[Analyses]) -> tuple[GridRow, ...]:
    """Every application of the round: funded or not, actually and in each scenario."""
    prep = scenarios[0].allocation.case
    funded = [set(a.allocation.funded) for a in scenarios]
    actual = prep.actually_funded
    return tuple(GridRow(app.id, app.project, app.id in actual,
                         tuple(app.id in f for f in funded))
                 for app in prep.round.applications)


def _awards(a: Analyses) -> dict[str, float]:
    return {i: a.allocation.award_eur(i) for i in a.allocation.funded}


def _scenario(a: Analyses, letter: str, same_as: str | None) -> ScenarioBrief:
    prep, tot, c = a.allocation.case, a.allocation.totals(), a.comparison
    measures: tuple[Measure, ...] = ()
    entries: list[CompareRow] = []
    exits: list[CompareRow] = []
    actual_projects = None
    broken: tuple[Message, ...] = ()
    if c is not None:
        measures = tuple(Measure(v.objective, v.efficiency) for v in c.views) or (
            Measure(c.objective, c.efficiency),)
        entries = sorted((r for r in c.entries if r.status == ONLY_OPTIMAL),
                         key=lambda r: (-r.optimal_eur, r.id))
        exits = sorted((r for r in c.entries if r.status == ONLY_ACTUAL),
                       key=lambda r: (-r.actual_eur, r.id))
        actual_projects = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
        broken = c.violations
    return ScenarioBrief(
        letter=letter, optimal_projects=tot.projects,
        optimal_spent_eur=tot.spent_eur, actual_projects=actual_projects, measures=measures,
        entries=tuple(Move(r.id, prep.projects.get(r.id, r.label), r.optimal_eur)
                      for r in entries[:SHOWN_MOVES]),
        exits=tuple(Move(r.id, prep.projects.get(r.id, r.label), r.actual_eur)
                    for r in exits[:SHOWN_MOVES]),
        n_entries=len(entries), n_exits=len(exits), broken=broken, same_as=same_as,
        next_million=next_million(a.frontier, prep))


def _point(fr: Frontier, eur: float) -> FrontierPoint | None:
    units = to_units(eur, fr.unit_eur)
    return next((p for p in fr.points if p.budget_units == units), None)


def next_million(fr: Frontier, prep: Case) -> NextMillion | None:
    """The optimum at the appropriation + 1 M€ against the optimum at the appropriation;
    None when the frontier has no such point (the grid stops below it)."""
    here = _point(fr, fr.budget_eur)
    more = _point(fr, fr.budget_eur + to_units(STEP_EUR, fr.unit_eur) * fr.unit_eur)
    if here is None or more is None or here.optimal.value is None or \
            more.optimal.value is None:
        return None
    added = set(more.optimal.ids) - set(here.optimal.ids)
    return NextMillion(more.budget_eur, more.optimal.funded - here.optimal.funded,
                       more.optimal.spent_eur - here.optimal.spent_eur,
                       _residents(prep, added))


def _residents(prep: Case, ids: set[str]) -> int | None:
    """Residents of the distinct lead municipalities of `ids` (register data)."""
    if prep.register is None:
        return None
    codes = {p.lead_code for i in ids if (p := prep.profiles.get(i)) is not None
             and p.lead_code}
    return sum(prep.register.by_code(code).population for code in sorted(codes))
