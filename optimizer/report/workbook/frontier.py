"""The frontier sheet: what each appropriation buys."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Font

from optimizer.analysis.frontier import Frontier, Outcome, Step
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
    Column,
    Shown,
    append_block,
    fit_columns,
    value_format,
    word,
    write_table,
    yes_no,
)


def write_frontier_sheet(ws: Any, fr: Frontier, lang: str) -> None:
    """One row per budget: the optimum, the greedy rules of thumb, and what enters and
    leaves from the budget above; the scenario's own appropriation in bold."""
    value_fmt = value_format(fr.objective)
    cols = [Column("budget", EUR), Column("optimal_value", value_fmt),
            Column("projects", COUNT), Column("spent", EUR),
            Column("greedy_score", value_fmt), Column("greedy_score_ok"),
            Column("greedy_ratio", value_fmt), Column("greedy_ratio_ok"),
            Column("enter", wide=True), Column("leave", wide=True)]
    steps: list[Step | None] = [None, *fr.steps()]
    rows = [[p.budget_eur, _value(p.optimal, lang), p.optimal.funded, p.optimal.spent_eur,
             _value(p.by_score, lang), yes_no(p.by_score.satisfies_rules, lang),
             _value(p.by_ratio, lang), yes_no(p.by_ratio.satisfies_rules, lang),
             ", ".join(s.enter) if s else None, ", ".join(s.leave) if s else None]
            for p, s in zip(fr.points, steps, strict=True)]
    write_table(ws, cols, rows, lang)
    for i, p in enumerate(fr.points, start=2):
        if abs(p.budget_eur - fr.budget_eur) < 0.005:
            for cell in ws[i]:
                cell.font = Font(bold=True)
    if fr.actual is not None:
        o = fr.actual
        append_block(ws, [word("actual_point", lang), word("total_value", lang),
                          word("projects", lang), word("spent", lang)],
                     [[word("actual_point", lang), Shown(o.value, value_fmt), o.funded,
                       Shown(o.spent_eur, EUR)]])
    fit_columns(ws)



def _value(o: Outcome, lang: str) -> float | str:
    return word("infeasible", lang) if o.value is None else o.value
