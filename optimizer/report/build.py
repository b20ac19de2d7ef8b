"""`grantopt report`: the report page and every file beside it, from finished analyses.

`Study.report` runs the analyses; `write_report` writes the allocation files, the analysis
files and figures, and last `report.html` (report.html.page), which links them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from optimizer.report.allocation import write_allocation
from optimizer.report.analyses import Analyses, million_budgets
from optimizer.report.files import write_atomic
from optimizer.report.html.page import render_html
from optimizer.report.outputs import (
    write_compare_outputs,
    write_frontier_outputs,
    write_robustness_outputs,
)
from optimizer.report.record import write_record

REPORT_NAME = "report.html"

__all__ = ["REPORT_NAME", "Analyses", "ReportFiles", "million_budgets", "write_report"]


@dataclass(frozen=True)
class ReportFiles:
    """What write_report wrote: every file (report.html last) and what it left out."""

    html: Path
    written: tuple[Path, ...]
    skipped: tuple[str, ...] = ()  # parts of the report left out, and why


def write_report(a: Analyses, out: Path) -> ReportFiles:
    """Write every file of the report into `out`; report.html last."""
    prepared, audit = a.allocation.prepared, a.audit
    written = write_allocation(a.allocation, out, audit, record=False)
    skipped: list[str] = []
    if a.comparison is not None:
        written += write_compare_outputs(a.comparison, prepared, out, audit, record=False)
    else:
        skipped.append("comparison with the actual decision: the round has no awards.csv")
    written += write_frontier_outputs(a.frontier, a.coverage, prepared, out, audit,
                                      record=False)
    if a.robustness is not None:
        written += write_robustness_outputs(a.robustness, prepared, out, audit, record=False)
    else:
        skipped.append("robustness: left out on request")
    written += write_record(prepared, audit, out)
    page = dataclasses.replace(
        a, figures={p.stem: p.name for p in written if p.suffix == ".png"},
        files=tuple(p.name for p in written), skipped=tuple(skipped))
    html = write_atomic(out / REPORT_NAME, render_html(page))
    return ReportFiles(html=html, written=(*written, html), skipped=tuple(skipped))
