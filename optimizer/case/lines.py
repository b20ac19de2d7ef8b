"""Every application of the round beside a portfolio: the one table the workbook's
allocation sheet and the what-if app's list are drawn from (each face orders and words it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optimizer.vocabulary.message import Message

if TYPE_CHECKING:
    from optimizer.case.assemble import Case

FUNDED, NOT_FUNDED, NOT_FUNDABLE = "funded", "not_funded", "not_fundable"


@dataclass(frozen=True)
class ApplicationLine:
    """One application and what the portfolio gives it."""

    id: str
    project: str
    lead: str
    region: str  # the lead's region as the model reads it
    score: float | None  # under the scenario's weights; None where the round has none
    requested_eur: float
    award_eur: float
    need_eur: float | None  # None: not fundable
    share_of_need: float | None  # award / need; None: not fundable
    actual_eur: float | None  # the actual decision's award; None where it gave none
    status: str  # FUNDED, NOT_FUNDED or NOT_FUNDABLE
    reasons: tuple[Message, ...] = ()  # NOT_FUNDABLE: why


def application_lines(case: Case, units: Mapping[str, int]) -> list[ApplicationLine]:
    """Every application of the round, in its order, beside the awards `units`."""
    unit, reasons = case.unit_eur, {e.id: e.reasons for e in case.excluded}
    out = []
    for app in case.round.applications:
        fundable = app.id not in reasons
        score = case.score(app.id) if fundable else (
            case.scores.score(app.id) if app.id in case.scores.values else None)
        need = case.need_units(app.id) if fundable else None
        got = units.get(app.id, 0)
        out.append(ApplicationLine(
            id=app.id, project=app.project, lead=case.labels.get(app.id, app.applicant),
            region=case.lead_region(app.id), score=score, requested_eur=app.requested_eur,
            award_eur=round(got * unit, 2),
            need_eur=None if need is None else round(need * unit, 2),
            share_of_need=None if need is None else got / need,
            actual_eur=case.actual_eur.get(app.id),
            status=NOT_FUNDABLE if not fundable else FUNDED if got > 0 else NOT_FUNDED,
            reasons=tuple(reasons.get(app.id, ()))))
    return out
