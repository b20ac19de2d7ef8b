"""Value for money: every fundable application's value against its cost, the optimum's and
the actual decision's marked (the data of plots.value_for_money and of the workbook's sheet).

A point's cost is the application's largest award (what funding it takes from the
appropriation) and its value what that award is worth under the scenario's objective (the
value model's own figure, `Case.full_award`). Under the objective "score" a project's value
does not grow with its cost, so the cheap ones give the most value per euro: why the optimum
favours small projects.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.analysis.allocation import Allocation
from optimizer.case import FUNDED, NOT_FUNDABLE


@dataclass(frozen=True)
class Point:
    """One fundable application: its largest award, its value there, and who funds it."""

    id: str
    label: str  # project name (or the id)
    cost_eur: float
    value: float
    optimal: bool  # the optimum funds it
    actual: bool  # the actual decision funded it


@dataclass(frozen=True)
class ValueForMoney:
    """The figure's data: every fundable application of one scenario, in the round's order."""

    name: str
    objective: str
    is_proxy: bool
    has_actual: bool  # the round has an actual decision
    points: tuple[Point, ...]

    @property
    def optimal(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.points if p.optimal)

    @property
    def actual(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.points if p.actual)


def value_for_money(allocation: Allocation) -> ValueForMoney:
    """The points of every fundable application beside the optimum and the actual decision
    (awards to applications the scenario cannot fund are left out: they have no value)."""
    case = allocation.case
    points = []
    for line in allocation.application_lines():
        if line.status == NOT_FUNDABLE:
            continue
        cost, value = case.full_award(line.id)
        points.append(Point(id=line.id, label=line.project or line.id, cost_eur=cost,
                            value=value, optimal=line.status == FUNDED,
                            actual=(line.actual_eur or 0) > 0))
    return ValueForMoney(name=case.scenario.title, objective=case.objective,
                         is_proxy=case.is_proxy, has_actual=bool(case.round.awards),
                         points=tuple(points))
