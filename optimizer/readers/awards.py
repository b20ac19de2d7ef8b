"""awards.csv (or .xlsx): the actual decision, one award per application at most; and the
totals call.toml declares, checked against the rows of the files."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from optimizer.errors import Problem
from optimizer.readers.call import CALL_FILE, TomlLines
from optimizer.readers.cells import Cells, parse_int
from optimizer.readers.domain import Application, Award, CallRules
from optimizer.readers.fields import positive_amount, text_field
from optimizer.readers.round_files import CENT, Ids, State
from optimizer.readers.rows import Table


def read_awards(state: State, table: Table, apps: Mapping[str, Application],
                check: Ids) -> tuple[list[Award], float | None]:
    """The awards, and the sum of awarded_eur over every row (None if one is bad)."""
    cells = Cells(table, state.problems)
    out: list[Award] = []
    seen: dict[str, int] = {}
    amounts: list[float] | None = []
    for row in table.rows:
        app_id = text_field(cells, row, "application_id", required=True)
        amount = positive_amount(cells, row, "awarded_eur", required=True)
        if amount is None:
            amounts = None
        elif amounts is not None:
            amounts.append(amount)
        item = None
        if "decision_item" in table.columns:
            item = cells.parse(row, "decision_item", parse_int)
        if not app_id:
            continue
        if check.missing(cells, row, "application_id", app_id,
                         "award for an application that does not exist"):
            continue
        if app_id in seen:
            cells.problem(row, "application_id", f"second award for {app_id} (first on row "
                          f"{seen[app_id]})", value=app_id,
                          hint="Give each application at most one award")
            continue
        seen[app_id] = row.number
        app = apps.get(app_id)
        if amount is not None and app is not None and amount > app.requested_eur + CENT:
            cells.problem(row, "awarded_eur",
                          f"the award is more than the {app.requested_eur:,.2f} € requested",
                          value=row.get("awarded_eur"),
                          hint="Check the amount, or the application's requested_eur")
            continue
        if amount is not None and app is not None:
            out.append(Award(app_id, amount, item, row.get("note", "")))
    state.notes.extend(check.notes(table.file))
    return out, math.fsum(amounts) if amounts is not None else None


def check_totals(state: State, call: CallRules, apps_table: Table | None,
                 requested: float | None, awards_table: Table | None,
                 awarded: float | None) -> None:
    """Declared [totals] against the rows of the files (every row, valid id or not)."""
    totals = call.totals
    lines = TomlLines(_safe_text(state.folder / CALL_FILE))

    def differ(key: str, declared: float, found: str, source: str) -> None:
        shown = f"{declared:.2f}" if key.endswith("_eur") else f"{declared}"
        state.problems.append(Problem(
            f"[totals] {key} = {shown} but {source} has {found}", file=CALL_FILE,
            row=lines.find("totals", None, key), column=f"totals.{key}", value=declared,
            hint="Correct the data or the declared total"))

    if apps_table is not None:
        if totals.applications is not None and totals.applications != len(apps_table.rows):
            differ("applications", totals.applications, f"{len(apps_table.rows)} rows",
                   apps_table.file)
        if (totals.requested_eur is not None and requested is not None
                and abs(requested - totals.requested_eur) >= CENT):
            differ("requested_eur", totals.requested_eur, f"a sum of {requested:.2f}",
                   apps_table.file)
    if totals.awards is not None or totals.awarded_eur is not None:
        n = len(awards_table.rows) if awards_table is not None else 0
        name = awards_table.file if awards_table is not None else "awards.csv (absent)"
        if totals.awards is not None and totals.awards != n:
            differ("awards", totals.awards, f"{n} rows", name)
        total = awarded if awards_table is not None else 0.0
        if (totals.awarded_eur is not None and total is not None
                and abs(total - totals.awarded_eur) >= CENT):
            differ("awarded_eur", totals.awarded_eur, f"a sum of {total:.2f}", name)


def _safe_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
