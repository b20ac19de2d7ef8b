"""The files of one optimal allocation: allocation.csv, allocation.xlsx and result.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.audit import Audit
from optimizer.formats.files import (
    csv_text,
    json_text,
    save_workbook,
    write_atomic,
)
from optimizer.report.record import write_record
from optimizer.vocabulary.words import value_model


def document(a: Allocation, audit: Audit | None = None) -> dict[str, Any]:
    """The result as JSON-ready data; the keys are a documented contract for scripts.

    Everything but `audit` depends only on the resolved scenario and its inputs, so a rerun
    of the written scenario.toml gives the same bytes there; `audit` says where it came from.
    """
    prep, res, tot = a.case, a.result, a.totals()
    doc: dict[str, Any] = {
        "scenario": prep.scenario.title,
        "round": prep.round.path.name,  # the folder; its path and files are in the audit
        "status": res.status,
        "objective": tot.objective,
        "objective_kind": prep.objective,
        "partial_value": prep.partial_value,
        "value_model": value_model(prep.objective, prep.partial_value),
        "budget_eur": tot.budget_eur,
        # awarded - saving = spent (counted against the appropriation); budget - spent = left
        "awarded_eur": tot.awarded_eur,
        "saving_eur": tot.saving_eur,
        "spent_eur": tot.spent_eur,
        "left_eur": tot.left_eur,
        "projects": tot.projects,
        "regions_covered": tot.regions_covered,
        "region_basis": prep.region_basis,
        "score_source": prep.scores.source,
        "score_label": prep.scores.label,
        "funded": [{k: r[k] for k in ("id", "project", "lead", "region", "score",
                                       "award_eur", "need_eur", "share_of_need", "value")}
                   for r in a.rows()],
        "regions": a.regions().rows(),
        "funds": a.funds(),  # spend per funding pool and per year (issue 14)
        "optimal_portfolios": {"count": a.result.ties, "at_least": a.result.ties > 1,
                               "shown": tie.to_dict() if (tie := a.tie()) else None},
        "excluded": [{"id": e.id, "reasons": [str(r) for r in e.reasons]}
                     for e in prep.excluded],
        "notes": [str(n) for n in prep.notes],
        "solver": res.solver,
        "gap": res.gap,
        "verified": True,
    }
    if audit is not None:
        doc["audit"] = audit.to_dict()
    return doc


def to_json(a: Allocation, audit: Audit | None = None) -> str:
    return json_text(document(a, audit)).rstrip("\n")


def to_csv(a: Allocation) -> str:
    label = a.case.scores.label
    return csv_text([*a.columns, "score_source"],
                    [[*(row[c] for c in a.columns), label] for row in a.rows()])


def write_xlsx(a: Allocation, path: Path, audit: Audit | None = None, *,
               lang: str = "en") -> None:
    """allocation.xlsx: report.xlsx's allocation sheet (every application, funded or not),
    its summary in the sheet "about" (the name scripts read; the title in B1), and the
    audit record in "scenario" (report.workbook); headers and labels in `lang`."""
    # openpyxl and the workbook's writers load only when a workbook is written, so that
    # `run` printing a table or JSON does not pay for them
    from openpyxl import Workbook

    from optimizer.report.workbook import (
        check_lang,
        word,
        write_allocation_sheet,
        write_audit_sheet,
        write_summary_sheet,
    )

    check_lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    write_allocation_sheet(wb.create_sheet(word("allocation", lang)), a, lang)
    write_summary_sheet(wb.create_sheet(word("about", lang)), a, lang)
    if audit is not None:
        write_audit_sheet(wb.create_sheet(word("scenario", lang)), audit, lang)
    save_workbook(wb, path)


def write_allocation(a: Allocation, out_dir: Path, audit: Audit,
                     record: bool = True, *, lang: str = "en") -> list[Path]:
    """allocation.csv, allocation.xlsx and result.json in `out_dir`, each atomically, and
    the record beside them (scenario.toml, audit.json); `lang`: the XLSX's headers."""
    return [
        write_atomic(out_dir / "allocation.csv", to_csv(a)),
        write_atomic(out_dir / "allocation.xlsx", lambda p: write_xlsx(a, p, audit, lang=lang)),
        write_atomic(out_dir / "result.json", to_json(a, audit) + "\n"),
        *(write_record(a.case, audit, out_dir) if record else []),
    ]
