"""The files of one optimal allocation: allocation.csv, allocation.xlsx and result.json."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from optimizer.analysis.allocation import Allocation
from optimizer.report.files import check_out_dir, write_atomic


def document(a: Allocation) -> dict[str, Any]:
    """The result as JSON-ready data; the keys are a documented contract for scripts."""
    prep, res, tot = a.prepared, a.result, a.totals()
    return {
        "scenario": prep.scenario.name,
        "scenario_file": str(prep.scenario.source) if prep.scenario.source else None,
        "round": str(prep.round.path),
        "status": res.status,
        "objective": tot.objective,
        "objective_kind": prep.instance.rules.objective,
        "budget_eur": tot.budget_eur,
        "spent_eur": tot.spent_eur,
        "left_eur": tot.left_eur,
        "projects": tot.projects,
        "regions_covered": tot.regions_covered,
        **prep.score_fields(),
        "funded": [{"id": r["id"], "award_eur": r["award_eur"], "score": r["score"],
                    "lead": r["lead"], "region": r["region"]} for r in a.rows()],
        "excluded": [{"id": e.id, "reasons": list(e.reasons)} for e in prep.instance.excluded],
        "solver": res.solver,
        "gap": res.gap,
        "seconds": round(res.seconds, 4),
        "verified": True,
    }


def to_json(a: Allocation) -> str:
    return json.dumps(document(a), ensure_ascii=False, indent=2)


def to_csv(a: Allocation) -> str:
    buf = io.StringIO()
    label = a.prepared.scores.label
    writer = csv.DictWriter(buf, fieldnames=[*a.columns, "score_source"], lineterminator="\n")
    writer.writeheader()
    for row in a.rows():
        writer.writerow({**row, "score_source": label})
    return buf.getvalue()


def write_xlsx(a: Allocation, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "allocation"
    ws.append(list(a.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in a.rows():
        ws.append([row[c] for c in a.columns])
    for col in ("E", "F", "G"):
        for cell in ws[col][1:]:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    about = wb.create_sheet("about")
    tot = a.totals()
    for key, value in (("scenario", a.prepared.scenario.name), ("status", a.result.status),
                       ("budget_eur", tot.budget_eur), ("spent_eur", tot.spent_eur),
                       ("left_eur", tot.left_eur), ("projects", tot.projects),
                       ("objective", tot.objective), ("solver", a.result.solver),
                       ("scores", a.prepared.scores.label)):
        about.append([key, value])
    wb.save(path)


def write_allocation(a: Allocation, out_dir: Path) -> list[Path]:
    """allocation.csv, allocation.xlsx and result.json in `out_dir`, each atomically."""
    check_out_dir(out_dir, a.prepared)
    return [
        write_atomic(out_dir / "allocation.csv", to_csv(a)),
        write_atomic(out_dir / "allocation.xlsx", lambda p: write_xlsx(a, p)),
        write_atomic(out_dir / "result.json", to_json(a) + "\n"),
    ]
