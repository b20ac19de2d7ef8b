"""Portfolio structure (issue 14): the pools-and-years sheet and the links sheet."""

from __future__ import annotations

from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.compare import Comparison
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
    SCORE_FMT,
    Column,
    append_block,
    fit_columns,
    word,
    write_table,
)
from optimizer.vocabulary.message import say


def write_funds_sheet(ws: Any, a: Allocation, comparison: Comparison | None,
                      lang: str) -> None:
    """Spend per funding pool and per year: the optimum, and the actual decision when
    known ("?" where its awards cannot be split between the pools)."""
    rows = a.funds()
    actual = list(comparison.funds) if comparison is not None else []
    # appropriation + carried in + saving - spent = left: the columns a row can have
    carried = any(r["carried_in_eur"] is not None for r in rows)
    saving = any(r["saving_eur"] for r in rows)
    cols = [Column("pool_or_year"), Column("budget", EUR)]
    cols += [Column("carried_in", EUR)] * carried + [Column("fund_saving", EUR)] * saving
    cols += [Column("spent", EUR), Column("left", EUR), Column("applications", COUNT)]
    if actual:
        cols.append(Column("actual_spent", EUR))
    body: list[list[object]] = []
    for i, r in enumerate(rows):
        name = say(lang, "fund.name", kind=r["kind"], name=r["name"])  # 'Pool main'
        row = [name, r["appropriation_eur"]]
        row += [r["carried_in_eur"]] * carried + [r["saving_eur"]] * saving
        row += [_or_unknown(r["spent_eur"]), _or_unknown(r["left_eur"]), r["applications"]]
        body.append(row + ([_or_unknown(actual[i]["actual_spent_eur"])] if actual else []))
    write_table(ws, cols, body, lang)
    notes = [word("unsplit", lang)] if any("?" in row for row in body) else []
    if a.case.pools and a.case.shared_remainder:
        notes.append(word("shared_remainder", lang))
    if a.case.carry_over:
        notes.append(word("carried", lang))
    if notes:
        append_block(ws, [word("note", lang)], [[n] for n in notes])
    fit_columns(ws)



def _or_unknown(eur: float | None) -> float | str:
    return "?" if eur is None else eur



def write_links_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """The links between applications the scenario (or the round's links file) states."""
    case = a.case
    cols = [Column("link_kind"), Column("link_ids"), Column("link_requires"),
            Column("link_bonus", SCORE_FMT), Column("link_saving", EUR)]
    rows = [[say(lang, f"link.{k.kind}"), ", ".join(k.ids), k.requires or "",
             k.bonus or None, round(k.saving_units * case.unit_eur, 2) or None]
            for k in case.links]
    write_table(ws, cols, rows, lang)
    fit_columns(ws)
