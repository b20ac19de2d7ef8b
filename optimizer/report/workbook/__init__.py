"""report.xlsx: the report as a workbook to continue in, in English or Finnish.

Sheets, in order (a module for each; sheet.py writes a sheet's table): summary,
allocation (every application of the round, funded or not), regions (with the fair-share
columns when that rule is on), pools and years (only with funding pools or yearly
appropriations), links (only when the scenario links applications), comparison (when the
round has awards), frontier, value for money (the figure's points), robustness (when it
was run), core index and non-dominated portfolios (when the scenario states weight
statements or score intervals), scenario (the audit record); in a report, scenarios (the
applications × scenarios grid, grid.py) before the record. Every sheet has a bold header
row, frozen below it, an autofilter over its table, column widths fitted to the content
and number formats for euros, shares and scores. Totals rows hold numbers computed here,
not formulas, so that every reader (and a sorted or filtered copy) shows the same figures.

Names come from outside applicants: every row goes through files.append_row (text is
stored as text, never as a formula), and files.save_workbook writes no timestamps, so the
same analyses give the same bytes. `run`'s allocation.xlsx uses the same sheets
(report.allocation.write_xlsx).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from optimizer.formats.files import save_workbook
from optimizer.report.analyses import Analyses
from optimizer.report.brief import Brief
from optimizer.report.workbook.allocation import write_allocation_sheet, write_regions_sheet
from optimizer.report.workbook.audit import write_audit_sheet
from optimizer.report.workbook.comparison import write_comparison_sheet
from optimizer.report.workbook.frontier import write_frontier_sheet
from optimizer.report.workbook.grid import write_grid_sheet
from optimizer.report.workbook.portfolios import write_core_sheet, write_portfolios_sheet
from optimizer.report.workbook.robustness import write_robustness_sheet
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
    EUR_CENTS,
    SCORE_FMT,
    SHARE,
    check_lang,
    word,
)
from optimizer.report.workbook.structure import write_funds_sheet, write_links_sheet
from optimizer.report.workbook.summary import write_summary_sheet
from optimizer.report.workbook.value_for_money import write_value_for_money_sheet

__all__ = ["COUNT", "EUR", "EUR_CENTS", "SCORE_FMT", "SHARE", "check_lang", "word",
           "write_allocation_sheet", "write_audit_sheet", "write_summary_sheet",
           "write_workbook"]


def write_workbook(analyses: Analyses, path: Path, lang: str = "en",
                   brief: Brief | None = None) -> None:
    """report.xlsx: every sheet of the report, headers and labels in `lang`; with `brief`
    (the report's, every scenario in it) the applications × scenarios sheet before the
    record."""
    check_lang(lang)
    a = analyses
    wb = Workbook()
    wb.remove(wb.active)  # every sheet is named and made below
    summary = wb.create_sheet(word("summary", lang))
    write_summary_sheet(summary, a.allocation, lang, a.comparison, a.robustness)
    write_allocation_sheet(wb.create_sheet(word("allocation", lang)), a.allocation, lang)
    write_regions_sheet(wb.create_sheet(word("regions", lang)), a.allocation, lang)
    if a.allocation.funds():  # issue 14: only with funding pools or years
        write_funds_sheet(wb.create_sheet(word("funds", lang)), a.allocation, a.comparison,
                          lang)
    if a.allocation.case.links:
        write_links_sheet(wb.create_sheet(word("links", lang)), a.allocation, lang)
    if a.comparison is not None:
        write_comparison_sheet(wb.create_sheet(word("comparison", lang)), a.comparison,
                               a.allocation.case, lang)
    write_frontier_sheet(wb.create_sheet(word("frontier", lang)), a.frontier, lang)
    write_value_for_money_sheet(wb.create_sheet(word("vfm", lang)), a.allocation, lang)
    if a.robustness is not None:
        write_robustness_sheet(wb.create_sheet(word("robustness", lang)), a.robustness,
                               a.allocation, lang)
    if a.portfolios is not None:  # issue 23: only when the scenario states something
        write_core_sheet(wb.create_sheet(word("core_sheet", lang)), a.portfolios,
                         a.allocation.case, lang)
        write_portfolios_sheet(wb.create_sheet(word("portfolios_sheet", lang)),
                               a.portfolios, lang)
    if brief is not None:
        write_grid_sheet(wb.create_sheet(word("grid", lang)), brief, lang)
    write_audit_sheet(wb.create_sheet(word("scenario", lang)), a.audit, lang)
    save_workbook(wb, path)
