"""The allocation sheet (every application of the round) and the regions sheet."""

from __future__ import annotations

from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.case import FUNDED, NOT_FUNDABLE, NOT_FUNDED, ApplicationLine, Case
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
from optimizer.vocabulary.names import region_name
from optimizer.vocabulary.words import Words


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
    """Every application: the funded ones by score, then the fundable ones by score, then
    those not fundable under the scenario, each by id."""
    order = {FUNDED: 0, NOT_FUNDED: 1, NOT_FUNDABLE: 2}
    lines = sorted(a.application_lines(), key=lambda ln: (
        order[ln.status], -(ln.score or 0.0) if ln.status != NOT_FUNDABLE else 0.0, ln.id))
    awards = bool(a.case.round.awards)
    return [_allocation_row(ln, awards, lang) for ln in lines]


def _allocation_row(ln: ApplicationLine, awards: bool, lang: str) -> list[object]:
    row: list[object] = [ln.id, ln.project, ln.lead, region_name(ln.region, lang), ln.score,
                         ln.award_eur, ln.requested_eur, ln.need_eur, ln.share_of_need]
    if awards:
        row.append(ln.actual_eur or 0.0)
    reason = "; ".join(r.text(lang) for r in ln.reasons)
    return [*row, word(ln.status, lang), reason or None]


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
    # By the participants a project counts in every region it reaches, so the projects
    # column adds up to more than the projects: no total there (the euros always add up).
    lead = table.basis != "participants"
    total: list[object] = [word("total", lang), None, a.totals().projects if lead else None,
                           spent, spent / budget if budget else None, None]
    if table.has_actual:
        actual = round(sum(line.actual_eur or 0.0 for line in table), 2)
        total += [len(a.case.actually_funded) if lead else None, actual,
                  actual / budget if budget else None, None]
    total += [None] * (len(cols) - len(total))
    write_table(ws, cols, rows, lang, total=total)
    basis = "participants_basis" if table.basis == "participants" else "lead_basis"
    append_block(ws, [word("region_basis", lang)], [[word(basis, lang)]])
    fit_columns(ws)
