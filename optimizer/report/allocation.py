"""The allocation of one run as rows, a JSON document, and files (CSV, XLSX, JSON)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from optimizer.report.files import write_atomic
from optimizer.report.outputs import guard_output_dir
from optimizer.runner import Run

COLUMNS = ("id", "lead", "region", "score", "award_eur", "max_award_eur", "requested_eur",
           "share_of_max")


@dataclass(frozen=True)
class Totals:
    budget_eur: float
    spent_eur: float
    left_eur: float
    projects: int
    regions_covered: int
    objective: float


def rows(run: Run) -> list[dict[str, Any]]:
    """Funded applications, best score first, ties by id."""
    inst, res, rnd = run.prepared.instance, run.result, run.prepared.round
    unit = inst.rules.unit_eur
    out = []
    for item_id in res.funded:
        item = inst.item(item_id)
        out.append({
            "id": item_id,
            "lead": run.prepared.labels.get(item_id, ""),
            "region": item.lead_region,
            "score": round(item.score, 4),
            "award_eur": res.award_eur(item_id, unit),
            "max_award_eur": round(item.max_units * unit, 2),
            "requested_eur": rnd.application(item_id).requested_eur,
            "share_of_max": round(res.units[item_id] / item.max_units, 4),
        })
    return sorted(out, key=lambda r: (-r["score"], r["id"]))


def totals(run: Run) -> Totals:
    inst, res = run.prepared.instance, run.result
    unit = inst.rules.unit_eur
    spent = round(sum(res.units.values()) * unit, 2)
    budget = run.prepared.scenario.budget.appropriation
    regions = {inst.item(i).lead_region for i in res.funded}
    return Totals(budget_eur=budget, spent_eur=spent, left_eur=round(budget - spent, 2),
                  projects=len(res.funded), regions_covered=len(regions),
                  objective=round(res.objective, 6))


def document(run: Run) -> dict[str, Any]:
    """The result as JSON-ready data; the keys are a documented contract for scripts."""
    prep, res, tot = run.prepared, run.result, totals(run)
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
                    "lead": r["lead"], "region": r["region"]} for r in rows(run)],
        "excluded": [{"id": e.id, "reasons": list(e.reasons)} for e in prep.instance.excluded],
        "solver": res.solver,
        "gap": res.gap,
        "seconds": round(res.seconds, 4),
        "verified": True,
    }


def to_json(run: Run) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2)


def to_csv(run: Run) -> str:
    buf = io.StringIO()
    label = run.prepared.scores.label
    writer = csv.DictWriter(buf, fieldnames=[*COLUMNS, "score_source"], lineterminator="\n")
    writer.writeheader()
    for row in rows(run):
        writer.writerow({**row, "score_source": label})
    return buf.getvalue()


def write_xlsx(run: Run, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "allocation"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(run):
        ws.append([row[c] for c in COLUMNS])
    for col in ("E", "F", "G"):
        for cell in ws[col][1:]:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    about = wb.create_sheet("about")
    tot = totals(run)
    for key, value in (("scenario", run.prepared.scenario.name), ("status", run.result.status),
                       ("budget_eur", tot.budget_eur), ("spent_eur", tot.spent_eur),
                       ("left_eur", tot.left_eur), ("projects", tot.projects),
                       ("objective", tot.objective), ("solver", run.result.solver),
                       ("scores", run.prepared.scores.label)):
        about.append([key, value])
    wb.save(path)


def write_outputs(run: Run, out_dir: Path) -> list[Path]:
    """allocation.csv, allocation.xlsx and result.json in `out_dir`, each atomically."""
    guard_output_dir(out_dir, run.prepared)
    return [
        write_atomic(out_dir / "allocation.csv", to_csv(run)),
        write_atomic(out_dir / "allocation.xlsx", lambda p: write_xlsx(run, p)),
        write_atomic(out_dir / "result.json", to_json(run) + "\n"),
    ]
