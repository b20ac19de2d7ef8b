"""The robustness sheet: how often each application is funded over the drawn weights."""

from __future__ import annotations

from functools import partial
from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.robustness import CORE, EXTERIOR, Robustness
from optimizer.report.workbook.sheet import (
    SCORE_FMT,
    SHARE,
    Column,
    Shown,
    append_block,
    fit_columns,
    project_name,
    word,
    write_table,
    yes_no,
)
from optimizer.vocabulary.names import key_name, value_name


def write_robustness_sheet(ws: Any, rob: Robustness, a: Allocation, lang: str) -> None:
    """Per application, how often it is funded over the drawn weights, and its class."""
    prep = a.case
    has_actual = bool(prep.round.awards)
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("acceptability", SHARE), Column("class"), Column("in_optimum"),
            *([Column("in_actual")] if has_actual else []),
            Column("score_proxy" if rob.is_proxy else "score", SCORE_FMT)]
    actual = prep.actually_funded
    rows = [[x.id, project_name(prep, x.id), prep.labels.get(x.id, x.label), x.index,
             word(x.category, lang), yes_no(x.id in a.result.units, lang),
             *([yes_no(x.id in actual, lang)] if has_actual else []), x.score]
            for x in rob.items]
    write_table(ws, cols, rows, lang)
    w = partial(word, lang=lang)
    append_block(ws, [w("key"), w("value")],
                 [[w("draws"), rob.samples], [w("seed"), rob.seed],
                  [key_name("robustness.weights", lang),
                   value_name("robustness.weights", rob.weights, lang) or rob.weights],
                  [f"{w(CORE)} ≥", Shown(rob.core, SHARE)],
                  [f"{w(EXTERIOR)} ≤", Shown(rob.exterior, SHARE)]])
    fit_columns(ws)
