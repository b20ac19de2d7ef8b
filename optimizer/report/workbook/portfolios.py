"""The robust portfolios' sheets (issue 23): one row per application with its core index
(the columns of RobustPortfolios.rows(), in plain headers), the question and the actual
decision's check below; and one row per non-dominated portfolio (as portfolios.csv)."""

from __future__ import annotations

from functools import partial
from typing import Any

from optimizer.analysis.nondominated import CoreIndex, RobustPortfolios
from optimizer.case import Case
from optimizer.report.outputs import portfolio_rows
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
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
from optimizer.vocabulary.message import say

CORE_COLUMNS = (Column("id"), Column("project", wide=True), Column("lead", wide=True),
                Column("core_index", SCORE_FMT), Column("class"),
                Column("portfolios_with", COUNT), Column("portfolios_count", COUNT),
                Column("list_complete"), Column("sampled_acceptability", SHARE),
                Column("decided_by", wide=True), Column("score_source"))
PORTFOLIO_COLUMNS = (Column("portfolio", COUNT), Column("projects_count", COUNT),
                     Column("cost_eur", EUR), Column("ids", wide=True),
                     Column("list_complete"))


def write_core_sheet(ws: Any, rp: RobustPortfolios, prep: Case, lang: str) -> None:
    """Per application, its core index and class beside the sampled acceptability; below,
    the statements, each weight's range, the score interval and the actual decision."""
    w = partial(word, lang=lang)
    source = w("proxy_scores" if rp.is_proxy else "evaluated_scores")
    rows = [[r["id"], project_name(prep, r["id"]), prep.labels.get(r["id"], r["label"]),
             r["core_index"], w(r["category"]), r["portfolios_with"], r["portfolios"],
             yes_no(r["complete"], lang), r["acceptability"], _decided(c, lang), source]
            for r, c in zip(rp.rows(), rp.items, strict=True)]
    write_table(ws, CORE_COLUMNS, rows, lang)
    append_block(ws, [w("key"), w("value")], _question(rp, lang))
    fit_columns(ws)


def _decided(c: CoreIndex, lang: str) -> str:
    return "; ".join(f"{d.statement} → {word(d.makes, lang)}" for d in c.deciders)


def _question(rp: RobustPortfolios, lang: str) -> list[list[object]]:
    w = partial(word, lang=lang)
    rows: list[list[object]] = [[w("statement"), s] for s in rp.statements]
    rows += [[say(lang, "report.sheet.weight_group", name=g), " + ".join(rp.groups[g])]
             for g in rp.groups if any(g in s for s in rp.statements)]
    rows += [[say(lang, "report.sheet.weight_range", name=n), Shown(lo, SCORE_FMT),
              Shown(hi, SCORE_FMT)] for n, (lo, hi) in rp.ranges.items()]
    rows.append([w("score_interval"), Shown(rp.score_interval, SHARE)])
    rows.append([w("portfolios_count"), Shown(len(rp.portfolios), COUNT)])
    rows.append([w("list_complete"), yes_no(rp.complete, lang)])
    if rp.actual is not None:
        a = rp.actual
        rows.append([w("actual_nondominated"), yes_no(a.nondominated, lang)])
        if not a.nondominated:
            rows += [[w("dominated_adding"), " ".join(a.added)],
                     [w("dominated_removing"), " ".join(a.removed)],
                     [w("least_margin"), Shown(min(a.least_margin), SCORE_FMT)],
                     [w("most_margin"), Shown(max(a.least_margin), SCORE_FMT)]]
    return rows


def write_portfolios_sheet(ws: Any, rp: RobustPortfolios, lang: str) -> None:
    """One row per non-dominated portfolio: its number, size, cost and applications."""
    rows = [[r["portfolio"], r["projects"], r["cost_eur"], r["ids"],
             yes_no(r["complete"], lang)] for r in portfolio_rows(rp)]
    write_table(ws, PORTFOLIO_COLUMNS, rows, lang)
    fit_columns(ws)
