"""participants.csv (or .xlsx): the lead and the partners of each application, each a
municipality of the register (by code or name) or another body."""

from __future__ import annotations

from collections.abc import Mapping

from optimizer.errors import GrantoptError, InputError, Problem, did_you_mean
from optimizer.readers.cells import Cells, parse_code
from optimizer.readers.domain import PARTY_KINDS, Participant
from optimizer.readers.fields import text_field
from optimizer.readers.register import normalise
from optimizer.readers.round_files import Ids, State
from optimizer.readers.rows import Row, Table

ROLES = ("lead", "partner")


def read_participants(state: State, table: Table, ids: set[str],
                      check: Ids) -> list[Participant]:
    cells = Cells(table, state.problems)
    out: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    leads: dict[str, list[int]] = {}
    for row in table.rows:
        app_id = text_field(cells, row, "application_id", required=True)
        if app_id:
            check.missing(cells, row, "application_id", app_id, "no application with this id")
        name = text_field(cells, row, "name", required=True)
        role = _required_choice(cells, row, "role", ROLES, "role", "Roles")
        kind = _required_choice(cells, row, "kind", PARTY_KINDS, "kind of party", "Kinds")
        code = _participant_code(state, cells, table, row) if state.registered else None
        if kind == "municipality" and name and state.registered:
            code = _resolve_municipality(state, cells, table, row, name, code)
        if app_id and name:
            key = (app_id, normalise(name))
            if key in seen:
                cells.problem(row, "name", f"party listed twice for {app_id} (also on row "
                              f"{seen[key]})", value=name, hint="List each party once")
                continue
            seen[key] = row.number
        if role == "lead" and app_id:
            leads.setdefault(app_id, []).append(row.number)
        if app_id in ids and name and role and kind:
            out.append(Participant(app_id, name, role, kind, code, row.get("note", "")))
    _check_leads(state, table, ids, out, leads)
    state.notes.extend(check.notes(table.file))
    return out


def _required_choice(cells: Cells, row: Row, column: str, allowed: tuple[str, ...],
                     what: str, label: str) -> str:
    value = text_field(cells, row, column, required=True)
    if value and value not in allowed:
        cells.problem(row, column, f"unknown {what}", value=value,
                      hint=f"{label}: {', '.join(allowed)}.{did_you_mean(value, allowed)}")
        return ""
    return value


def _participant_code(state: State, cells: Cells, table: Table, row: Row) -> str | None:
    if "municipality_code" not in table.columns:
        return None
    code = cells.parse(row, "municipality_code", parse_code)
    if code is not None and code not in state.register:
        cells.problem(row, "municipality_code", "no municipality with this code in the "
                      "register", value=row.get("municipality_code"),
                      hint="Codes are Statistics Finland's 3-digit municipality codes "
                      "(e.g. 091 Helsinki)")
        return None
    return code


def _resolve_municipality(state: State, cells: Cells, table: Table, row: Row, name: str,
                          code: str | None) -> str | None:
    """The register's code for a municipality named in participants.csv; a code that
    disagrees with the name is a problem, a typo read through an alias a note."""
    register = state.register
    try:
        found, note = register.resolve_with_note(name)
    except GrantoptError as exc:
        hint = exc.problems[0].hint if isinstance(exc, InputError) else ""
        cells.problem(row, "name", "the name does not resolve to a municipality",
                      value=name, hint=hint)
        return code
    if code is not None and code != found.code:
        given = register.by_code(code)
        cells.problem(
            row, "municipality_code",
            f"the name {name!r} is {found.name_fi} ({found.code}), but the code is "
            f"{code} ({given.name_fi})", value=row.get("municipality_code"),
            hint="Correct the code or the name")
    elif note:
        state.notes.append(Problem(
            f"{name!r} read as {found.name_fi} ({found.code}): {note}",
            file=table.file, row=row.number, column="name", value=name))
    return found.code if code is None else code


def _check_leads(state: State, table: Table, ids: set[str], out: list[Participant],
                 leads: Mapping[str, list[int]]) -> None:
    """One lead per application that has participants; the others are noted."""
    for app_id, rows in leads.items():
        if len(rows) > 1:
            state.problems.append(Problem(
                f"application {app_id} has {len(rows)} leads (rows "
                f"{', '.join(map(str, rows))})", file=table.file, row=rows[1], column="role",
                value="lead", hint="Mark one party as lead, the others as partner"))
    with_rows = {p.application_id for p in out}
    for app_id in sorted(with_rows - set(leads)):
        state.problems.append(Problem(
            f"application {app_id} has participants but no lead", file=table.file,
            column="role", value=app_id, hint="Mark the lead applicant's row as lead"))
    for app_id in sorted(ids - with_rows):
        state.notes.append(Problem(
            f"application {app_id} has no participants; its parties are read from the "
            "applicant and partners columns", file=table.file, value=app_id))
