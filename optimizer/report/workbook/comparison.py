"""The comparison sheet: the actual decision against the optimum."""

from __future__ import annotations

from functools import partial
from typing import Any

from optimizer.analysis.compare import Comparison
from optimizer.case import Case
from optimizer.report.workbook.sheet import (
    EUR,
    EUR_CENTS,
    SCORE_FMT,
    SHARE,
    Column,
    Shown,
    append_block,
    column_sum,
    fit_columns,
    project_name,
    value_format,
    word,
    write_table,
)
from optimizer.report.workbook.summary import objective_name


def write_comparison_sheet(ws: Any, c: Comparison, prep: Case, lang: str) -> None:
    """The applications funded in either portfolio, then the headline figures under each
    objective, the fewest changes, and what the actual decision does outside the rules."""
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("funded_in"), Column("score_proxy" if c.is_proxy else "score", SCORE_FMT),
            Column("actual", EUR), Column("optimal_eur", EUR), Column("change", EUR)]
    rows = [[e.id, project_name(prep, e.id), prep.labels.get(e.id, e.label),
             word(e.status, lang), e.score, e.actual_eur, e.optimal_eur, e.change_eur]
            for e in c.entries]
    write_table(ws, cols, rows, lang, total=[word("total", lang), None, None, None, None,
                                             *(column_sum(rows, j) for j in (5, 6, 7))])
    w = partial(word, lang=lang)
    append_block(ws, [w("objective"), w("actual_value"), w("optimal_value"), w("efficiency"),
                      w("fewest_changes"), w("additions"), w("removals")],
                 [[objective_name(v.objective, lang),
                   Shown(v.actual_value, value_format(v.objective)),
                   Shown(v.optimal_value, value_format(v.objective)),
                   Shown(v.efficiency, SHARE), v.fewest_changes, v.additions, v.removals]
                  for v in c.views or (c.view(),)])
    # How the actual decision is valued, what the fewest changes count, and the tie: the
    # same catalog sentences as the command line, the page and the web JSON.
    append_block(ws, [w("note")],
                 [[m.text(lang)] for m in (*c.valuation(), *c.counted(), c.tie())])
    ch = c.changes
    append_block(ws, [w("fewest_changes"), w("id")],
                 [[w("additions"), ", ".join(ch.additions)],
                  [w("removals"), ", ".join(ch.removals)],
                  *([[w("amount_changes"), ", ".join(m.id for m in ch.amount_changes)]]
                    if ch.amount_changes else [])])
    if c.outside:
        append_block(ws, [w("outside"), w("actual"), w("reason")],
                     [[o.id, Shown(o.awarded_eur, EUR_CENTS),
                       "; ".join(r.text(lang) for r in o.reasons)]
                      for o in c.outside])
    if c.violations:
        append_block(ws, [w("broken")], [[v.text(lang)] for v in c.violations])
    fit_columns(ws)
