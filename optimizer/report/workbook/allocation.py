"""The allocation sheet (every application of the round) and the regions sheet."""

from __future__ import annotations

from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.case import Case
from optimizer.readers.domain import Application
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
    EUR_CENTS,
    SCORE_FMT,
    SHARE,
    Column,
    append_block,
    check_lang,
    column_sum,
    fit_columns,
    word,
    write_table,
)
from optimizer.vocabulary.message import Message
from optimizer.vocabulary.names import region_name
from optimizer.vocabulary.words import Words

FUNDED, NOT_FUNDED, NOT_FUNDABLE = "funded", "not_funded", "not_fundable"


def allocation_columns(prep: Case) -> list[Column]:
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("region"), Column("score_proxy" if prep.is_proxy else "score", SCORE_FMT),
            Column("award", EUR), Column("requested", EUR), Column("need", EUR),
            Column("share_of_need", SHARE)]
    if prep.round.awards:
        cols.append(Column("actual_award", EUR))
    return [*cols, Column("status"), Column("reason", wide=True)]



def write_allocation_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """Every application of the round: funded first (best score first), then the fundable
    ones left unfunded (best score first), then the not fundable ones (by id) with their
    reasons; a totals row of the euro columns."""
    check_lang(lang)
    prep = a.case
    rows = allocation_rows(a, lang)
    write_table(ws, allocation_columns(prep), rows, lang, total=_allocation_total(prep, rows,
                                                                                   lang))
    fit_columns(ws)



def allocation_rows(a: Allocation, lang: str) -> list[list[object]]:
    prep, res = a.case, a.result
    reasons = {e.id: e.reasons for e in prep.excluded}
    fundable = set(prep.fundable)
    keyed = []
    for app in prep.round.applications:
        score = _score(prep, app.id)
        group = 0 if app.id in res.units else 1 if app.id in fundable else 2
        key = (group, -(score or 0.0) if group < 2 else 0.0, app.id)
        keyed.append((key, _allocation_row(a, app, score, reasons.get(app.id), lang)))
    keyed.sort(key=lambda kr: kr[0])
    return [row for _, row in keyed]



def _allocation_row(a: Allocation, app: Application, score: float | None,
                    reasons: tuple[Message, ...] | None, lang: str) -> list[object]:
    prep = a.case
    unit = prep.unit_eur
    funded = app.id in a.result.units
    if reasons is None:
        need_units = prep.need_units(app.id)
        need: float | None = round(need_units * unit, 2)
        award: float = a.award_eur(app.id)
        share: float | None = a.result.units.get(app.id, 0) / need_units
        status = FUNDED if funded else NOT_FUNDED
    else:
        need, award, share, status = None, 0.0, None, NOT_FUNDABLE
    row: list[object] = [app.id, app.project, prep.labels.get(app.id, app.applicant),
                         region_name(prep.lead_region(app.id), lang), score, award,
                         app.requested_eur, need, share]
    if prep.round.awards:
        row.append(prep.actual_eur.get(app.id, 0.0))
    reason = "; ".join(r.text(lang) for r in reasons or ())
    return [*row, word(status, lang), reason or None]



def _allocation_total(prep: Case, rows: list[list[object]], lang: str) -> list[object]:
    """Sums of the euro columns (award, requested, need, actual) under the other columns'
    blanks; the project column counts the applications."""
    euros = [5, 6, 7, *([9] if prep.round.awards else [])]
    total: list[object] = [None] * len(allocation_columns(prep))
    total[0] = word("total", lang)
    total[1] = Words(lang).count(len(rows), "application")
    for j in euros:
        total[j] = column_sum(rows, j)
    return total



def _score(prep: Case, app_id: str) -> float | None:
    """The project score under the scenario's weights (also of a not fundable one)."""
    if prep.is_fundable(app_id):
        return prep.score(app_id)
    return prep.scores.score(app_id) if app_id in prep.scores.values else None



def write_regions_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """Projects and euros per region (the optimum, and the actual decision when known)."""
    table = a.regions()
    cols = [Column("region"), Column("population", COUNT), Column("projects", COUNT),
            Column("award", EUR), Column("share_of_budget", SHARE),
            Column("per_resident", EUR_CENTS)]
    if table.has_actual:
        cols += [Column("actual_projects", COUNT), Column("actual_eur", EUR),
                 Column("actual_share", SHARE),
                 Column("actual_per_resident", EUR_CENTS)]
    keys = list(table.columns[:len(cols)])
    if table.fair_share_basis is not None:  # issue 14: fair shares by region
        cols += [Column("fair_share", SHARE), Column("fair_share_ratio", "0.00")]
        keys += ["fair_share", "fair_share_ratio"]
        if table.has_actual:
            cols.append(Column("actual_fair_share_ratio", "0.00"))
            keys.append("actual_fair_share_ratio")
    rows = [[r[c] for c in keys] for r in table.rows()]
    budget = table.budget_eur
    spent = round(sum(line.optimal_eur for line in table), 2)
    total: list[object] = [word("total", lang), None, a.totals().projects, spent,
                           spent / budget if budget else None, None]
    if table.has_actual:
        actual = round(sum(line.actual_eur or 0.0 for line in table), 2)
        total += [len(a.case.actually_funded), actual,
                  actual / budget if budget else None, None]
    total += [None] * (len(cols) - len(total))
    write_table(ws, cols, rows, lang, total=total)
    basis = "participants_basis" if table.basis == "participants" else "lead_basis"
    append_block(ws, [word("region_basis", lang)], [[word(basis, lang)]])
    fit_columns(ws)
