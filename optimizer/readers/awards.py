"""awards.csv (or .xlsx): the actual decision, one award per application at most; and the
totals call.toml declares, checked against the rows of the files."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from optimizer.errors import Problem
from optimizer.readers.call import CALL_FILE, TomlLines
from optimizer.readers.cells import Cells, parse_amount, parse_int
from optimizer.readers.columns import distinct_parsed, plain_columns_of
from optimizer.readers.domain import Application, Award, CallRules
from optimizer.readers.fields import positive_amount, text_field
from optimizer.readers.round_files import CENT, COLUMNS, Ids, State
from optimizer.readers.rows import Table
from optimizer.vocabulary.message import Message

T = TypeVar("T")


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
                         Message.of("input.id.unknown_award")):
            continue
        if app_id in seen:
            cells.problem(row, "application_id",
                          Message.of("input.award.second", id=app_id, row=seen[app_id]),
                          value=app_id, hint=Message.of("input.award.second.hint"))
            continue
        seen[app_id] = row.number
        app = apps.get(app_id)
        if amount is not None and app is not None and amount > app.requested_eur + CENT:
            cells.problem(row, "awarded_eur",
                          Message.of("input.award.over", requested=app.requested_eur),
                          value=row.get("awarded_eur"),
                          hint=Message.of("input.award.over.hint"))
            continue
        if amount is not None and app is not None:
            out.append(Award(app_id, amount, item, row.get("note", "")))
    state.notes.extend(check.notes(table.file))
    return out, math.fsum(amounts) if amounts is not None else None


def fast_awards(state: State, path: Path, apps: Mapping[str, Application], check: Ids
                ) -> tuple[Table, list[Award], float, int] | None:
    """(header-only table, awards, their sum, rows) of a plain CSV awards file without a
    single problem or note, read column by column: each distinct amount and item parsed
    once. None when the file is not plain or anything would be reported (then
    `round_table` and `read_awards` read it row by row and word every problem)."""
    cells = plain_columns_of(path, *COLUMNS["awards"])
    if cells is None:
        return None
    n = len(cells["application_id"])
    app_ids = cells["application_id"]
    if (check.known is None or len(set(app_ids)) != n or not check.known >= set(app_ids)
            or not apps.keys() >= set(app_ids)):
        return None
    given = cells["awarded_eur"]
    amounts = distinct_parsed(given, parse_amount)
    items = distinct_parsed(cells.get("decision_item") or [""] * n, parse_int)
    if (amounts is None or items is None or "" in given
            or not all(a is not None and a > 0 for t, a in amounts.items() if t)):
        return None  # an amount empty, not an amount, zero or negative; a bad item
    euros: list[float] = list(map(amounts.__getitem__, given))  # type: ignore[arg-type]
    if any(e > apps[a].requested_eur + CENT for a, e in zip(app_ids, euros, strict=True)):
        return None  # more than was asked
    notes = cells.get("note") or [""] * n
    own = {a: a for a in apps}  # the applications' own id strings, not one per cell
    out = list(map(Award, map(own.__getitem__, app_ids), euros,
                   map(items.__getitem__, cells.get("decision_item") or [""] * n), notes))
    state.notes.extend(check.notes(path.name))
    return Table(path.name, tuple(cells), (), path), out, math.fsum(euros), n


def check_totals(state: State, call: CallRules, apps_table: Table | None,
                 requested: float | None, awards_table: Table | None,
                 awarded: float | None, awards_rows: int | None = None,
                 apps_rows: int | None = None) -> None:
    """Declared [totals] against the rows of the files (every row, valid id or not);
    `awards_rows`, `apps_rows`: the awards or applications file's rows when its table
    holds none (read by columns)."""
    totals = call.totals
    lines = TomlLines(_safe_text(state.folder / CALL_FILE))

    def differ(key: str, declared: float, source: str, rows: int | None = None,
               total: float | None = None) -> None:
        """`source` has `rows` rows, or `total` euros in all ("" source: no awards file)."""
        state.problems.append(Problem(
            Message.of("input.totals.differ", key=key, declared=declared, source=source,
                       rows=rows, total=total), file=CALL_FILE,
            row=lines.find("totals", None, key), column=f"totals.{key}", value=declared,
            hint=Message.of("input.totals.differ.hint")))

    if apps_table is not None:
        n_apps = apps_rows if apps_rows is not None else len(apps_table.rows)
        if totals.applications is not None and totals.applications != n_apps:
            differ("applications", totals.applications, apps_table.file, rows=n_apps)
        if (totals.requested_eur is not None and requested is not None
                and abs(requested - totals.requested_eur) >= CENT):
            differ("requested_eur", totals.requested_eur, apps_table.file, total=requested)
    if totals.awards is not None or totals.awarded_eur is not None:
        n = (awards_rows if awards_rows is not None else len(awards_table.rows)
             if awards_table is not None else 0)
        name = awards_table.file if awards_table is not None else ""
        if totals.awards is not None and totals.awards != n:
            differ("awards", totals.awards, name, rows=n)
        total = awarded if awards_table is not None else 0.0
        if (totals.awarded_eur is not None and total is not None
                and abs(total - totals.awarded_eur) >= CENT):
            differ("awarded_eur", totals.awarded_eur, name, total=total)


def _safe_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
