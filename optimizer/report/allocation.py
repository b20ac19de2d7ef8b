"""The files of one optimal allocation: allocation.csv, allocation.xlsx and result.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.audit import Audit
from optimizer.report.files import (
    append_row,
    csv_text,
    json_text,
    save_workbook,
    write_atomic,
)
from optimizer.report.record import write_record
from optimizer.report.words import value_model


def document(a: Allocation, audit: Audit | None = None) -> dict[str, Any]:
    """The result as JSON-ready data; the keys are a documented contract for scripts.

    Everything but `audit` depends only on the resolved scenario and its inputs, so a rerun
    of the written scenario.toml gives the same bytes there; `audit` says where it came from.
    """
    prep, res, tot = a.prepared, a.result, a.totals()
    rules = prep.instance.rules
    doc: dict[str, Any] = {
        "scenario": prep.scenario.title,
        "round": prep.round.path.name,  # the folder; its path and files are in the audit
        "status": res.status,
        "objective": tot.objective,
        "objective_kind": rules.objective,
        "partial_value": rules.partial_value,
        "value_model": value_model(rules.objective, rules.partial_value),
        "budget_eur": tot.budget_eur,
        "spent_eur": tot.spent_eur,
        "left_eur": tot.left_eur,
        "projects": tot.projects,
        "regions_covered": tot.regions_covered,
        "region_basis": rules.region_basis,
        "score_source": prep.scores.source,
        "score_label": prep.scores.label,
        "funded": [{k: r[k] for k in ("id", "project", "lead", "region", "score",
                                       "award_eur", "need_eur", "share_of_need", "value")}
                   for r in a.rows()],
        "regions": a.regions().rows(),
        "excluded": [{"id": e.id, "reasons": list(e.reasons)} for e in prep.instance.excluded],
        "notes": list(prep.notes),
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
    label = a.prepared.scores.label
    return csv_text([*a.columns, "score_source"],
                    [[*(row[c] for c in a.columns), label] for row in a.rows()])


def write_xlsx(a: Allocation, path: Path, audit: Audit | None = None) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "allocation"
    append_row(ws, list(a.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in a.rows():
        append_row(ws, [row[c] for c in a.columns])
    for col in ("F", "G", "H", "I"):
        for cell in ws[col][1:]:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    about = wb.create_sheet("about")
    tot = a.totals()
    for key, value in (("scenario", a.prepared.scenario.title), ("status", a.result.status),
                       ("budget_eur", tot.budget_eur), ("spent_eur", tot.spent_eur),
                       ("left_eur", tot.left_eur), ("projects", tot.projects),
                       ("objective", tot.objective), ("solver", a.result.solver),
                       ("scores", a.prepared.scores.label),
                       ("value model", value_model(a.prepared.instance.rules.objective,
                                                   a.prepared.instance.rules.partial_value))):
        append_row(about, [key, value])
    if audit is not None:
        write_audit_sheet(wb.create_sheet("scenario"), audit)
    save_workbook(wb, path)


def write_audit_sheet(ws: Any, audit: Audit) -> None:
    """The resolved scenario (key, value, origin), the inputs and the versions."""
    append_row(ws, ["key", "value", "origin"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for k in audit.keys:
        append_row(ws, [k.key, json.dumps(k.value, ensure_ascii=False) if isinstance(
            k.value, dict | list) else k.value, k.origin])
    append_row(ws, [])
    append_row(ws, ["input file", "sha256", "bytes"])
    for i in audit.inputs:
        append_row(ws, [i.path, i.sha256, i.bytes])
    append_row(ws, [])
    for name, version in audit.versions.items():
        append_row(ws, [name, version])


def write_allocation(a: Allocation, out_dir: Path, audit: Audit,
                     record: bool = True) -> list[Path]:
    """allocation.csv, allocation.xlsx and result.json in `out_dir`, each atomically, and
    the record beside them (scenario.toml, audit.json)."""
    return [
        write_atomic(out_dir / "allocation.csv", to_csv(a)),
        write_atomic(out_dir / "allocation.xlsx", lambda p: write_xlsx(a, p, audit)),
        write_atomic(out_dir / "result.json", to_json(a, audit) + "\n"),
        *(write_record(a.prepared, audit, out_dir) if record else []),
    ]
