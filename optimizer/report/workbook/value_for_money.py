"""The value-for-money sheet: the figure's points as numbers (each fundable application's
largest award and its value, value per million euros, and whether the optimum and the actual
decision fund it), so the picture can be sorted and checked."""

from __future__ import annotations

from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.value_for_money import value_for_money
from optimizer.report.workbook.sheet import EUR, SCORE_FMT, Column, fit_columns, word, write_table

M = 1e6


def write_value_for_money_sheet(ws: Any, allocation: Allocation, lang: str) -> None:
    """One row per fundable application, the best value per euro first."""
    data = value_for_money(allocation)
    marks = {True: word("funded", lang), False: word("not_funded", lang)}
    points = sorted(data.points, key=lambda p: (-(p.value / p.cost_eur) if p.cost_eur else 0,
                                                p.id))
    rows = [[p.id, p.label, p.cost_eur, p.value,
             p.value / (p.cost_eur / M) if p.cost_eur else None, marks[p.optimal],
             *([marks[p.actual]] if data.has_actual else [])] for p in points]
    columns = [Column("id"), Column("project", wide=True), Column("vfm_cost", EUR),
               Column("value", SCORE_FMT), Column("vfm_per_million", SCORE_FMT),
               Column("optimal")]
    if data.has_actual:
        columns.append(Column("grid_actual"))
    write_table(ws, columns, rows, lang)
    fit_columns(ws)
