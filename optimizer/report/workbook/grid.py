"""The scenarios sheet: every application of the round, funded or not by the actual decision
and by each scenario's optimum (the applications × scenarios grid of the report's first
pages)."""

from __future__ import annotations

from typing import Any

from optimizer.report.brief import Brief
from optimizer.report.workbook.sheet import Column, fit_columns, word, write_table
from optimizer.vocabulary.message import say


def write_grid_sheet(ws: Any, brief: Brief, lang: str) -> None:
    """One row per application: its id, project, then "funded" / "not funded" in each column
    (the actual decision first, where the round has one)."""
    letters = [s.letter for s in brief.scenarios]
    marks = [word("funded", lang), word("not_funded", lang)]
    heads = [word("id", lang), word("project", lang)]
    if brief.has_actual:
        heads.append(word("grid_actual", lang))
    heads += [say(lang, "report.sheet.grid_scenario", letter=letter) for letter in letters]
    rows = [[r.id, r.project,
             *([marks[0] if r.actual else marks[1]] if brief.has_actual else []),
             *(marks[0] if f else marks[1] for f in r.funded)] for r in brief.grid]
    columns = [Column("id"), Column("project", wide=True),
               *(Column("funded") for _ in heads[2:])]
    write_table(ws, columns, rows, lang, headers=heads)
    fit_columns(ws)
