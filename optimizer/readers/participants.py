"""participants.csv (or .xlsx): the lead and the partners of each application, each a
municipality of the register (by code or name) or another body."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from optimizer.errors import GrantoptError, InputError, Problem
from optimizer.readers.cells import Cells, parse_code
from optimizer.readers.columns import distinct_parsed, plain_columns_of
from optimizer.readers.domain import PARTY_KINDS, Participant
from optimizer.readers.fields import known, text_field
from optimizer.readers.register import normalise
from optimizer.readers.round_files import COLUMNS, Ids, State
from optimizer.readers.rows import Row, Table
from optimizer.vocabulary.message import Message

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
            check.missing(cells, row, "application_id", app_id,
                          Message.of("input.id.unknown_party"))
        name = text_field(cells, row, "name", required=True)
        role = _required_choice(cells, row, "role", ROLES, "role", "Roles")
        kind = _required_choice(cells, row, "kind", PARTY_KINDS, "kind of party", "Kinds")
        code = _participant_code(state, cells, table, row) if state.registered else None
        if kind == "municipality" and name and state.registered:
            code = _resolve_municipality(state, cells, table, row, name, code)
        if app_id and name:
            key = (app_id, normalise(name))
            if key in seen:
                cells.problem(row, "name",
                              Message.of("input.party.twice", id=app_id, row=seen[key]),
                              value=name, hint=Message.of("input.party.twice.hint"))
                continue
            seen[key] = row.number
        if role == "lead" and app_id:
            leads.setdefault(app_id, []).append(row.number)
        if app_id in ids and name and role and kind:
            out.append(Participant(app_id, name, role, kind, code, row.get("note", "")))
    _check_leads(state, table, ids, out, leads)
    state.notes.extend(check.notes(table.file))
    return out


def fast_participants(state: State, path: Path, ids: set[str], check: Ids
                      ) -> tuple[Table, list[Participant]] | None:
    """A plain CSV participants file without a single problem or note of its own, read
    column by column: each distinct name, code and pair of them checked once. None when
    the file is not plain or anything in it would be reported (then `round_table` and
    `read_participants` read it row by row and word every problem, as they always have).
    """
    cells = plain_columns_of(path, *COLUMNS["participants"])
    if cells is None:
        return None
    n = len(cells["application_id"])
    app_ids, names = cells["application_id"], cells["name"]
    roles, kinds = cells["role"], cells["kind"]
    if (check.known is None or not ids >= set(app_ids) or "" in names
            or not set(roles) <= set(ROLES) or not set(kinds) <= set(PARTY_KINDS)):
        return None
    codes = _fast_codes(state, cells.get("municipality_code"), names, kinds, n)
    if codes is None:
        return None
    folded = {name: normalise(name) for name in set(names)}
    if len(set(zip(app_ids, map(folded.__getitem__, names), strict=True))) != n:
        return None  # a party named twice in one application
    leads = [a for a, r in zip(app_ids, roles, strict=True) if r == "lead"]
    if len(set(leads)) != len(leads) or set(leads) != set(app_ids):
        return None  # an application with no lead, or with two
    table = Table(path.name, tuple(cells), (), path)
    # One string object per distinct id, name, role and kind, not one per cell (a large
    # round holds half a million parties): the applications' own ids, the constants. The
    # cells are let go before the parties are made, so that these do not end up spread
    # over the memory the cells held (which could then not be given back).
    own_ids = {a: a for a in ids}
    own_names = {name: name for name in folded}
    columns: list[list[Any]] = [
        list(map(own_ids.__getitem__, app_ids)), list(map(own_names.__getitem__, names)),
        list(map({r: r for r in ROLES}.__getitem__, roles)),
        list(map({k: k for k in PARTY_KINDS}.__getitem__, kinds)), codes,
        cells.get("note") or [""] * n]
    lead_rows: dict[str, list[int]] = {own_ids[a]: [0] for a in leads}
    del cells, app_ids, names, roles, kinds, leads
    out = list(map(Participant, *columns))
    _check_leads(state, table, ids, out, lead_rows)
    state.notes.extend(check.notes(table.file))
    return table, out


def _fast_codes(state: State, given: list[str] | None, names: list[str], kinds: list[str],
                n: int) -> list[str | None] | None:
    """Each row's municipality code as `read_participants` gives it, or None if one would
    be reported (a bad code, an unknown or ambiguous name, a name read through an alias,
    a code that disagrees with the name)."""
    if not state.registered:
        return [None] * n
    register = state.register
    codes = distinct_parsed(given or [], parse_code)
    if codes is None or any(c is not None and c not in register for c in codes.values()):
        return None
    found: dict[str, str] = {}
    for name in {m for m, k in zip(names, kinds, strict=True) if k == "municipality"}:
        try:
            municipality, note = register.resolve_with_note(name)
        except GrantoptError:
            return None
        if note:
            return None
        found[name] = municipality.code
    given = given or [""] * n
    out: list[str | None] = []
    for text, name, kind in zip(given, names, kinds, strict=True):
        code = codes[text]
        if kind == "municipality":
            if code is not None and code != found[name]:
                return None
            code = found[name]
        out.append(code)
    return out


def _required_choice(cells: Cells, row: Row, column: str, allowed: tuple[str, ...],
                     what: str, label: str) -> str:
    value = text_field(cells, row, column, required=True)
    if value and value not in allowed:
        cells.problem(row, column, Message.of("input.field.unknown", what=what), value=value,
                      hint=known(label, list(allowed), value))
        return ""
    return value


def _participant_code(state: State, cells: Cells, table: Table, row: Row) -> str | None:
    if "municipality_code" not in table.columns:
        return None
    code = cells.parse(row, "municipality_code", parse_code)
    if code is not None and code not in state.register:
        cells.problem(row, "municipality_code", Message.of("input.party.no_code"),
                      value=row.get("municipality_code"),
                      hint=Message.of("input.party.no_code.hint"))
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
        cells.problem(row, "name", Message.of("input.party.no_name"),
                      value=name, hint=hint)
        return code
    if code is not None and code != found.code:
        given = register.by_code(code)
        cells.problem(
            row, "municipality_code",
            Message.of("input.party.mismatch", name=name, found=found.name_fi,
                       found_code=found.code, given_code=code, given=given.name_fi),
            value=row.get("municipality_code"), hint=Message.of("input.party.mismatch.hint"))
    elif note:
        state.notes.append(Problem(
            Message.of("input.party.read_as", name=name, found=found.name_fi,
                       found_code=found.code, note=note),
            file=table.file, row=row.number, column="name", value=name))
    return found.code if code is None else code


def _check_leads(state: State, table: Table, ids: set[str], out: list[Participant],
                 leads: Mapping[str, list[int]]) -> None:
    """One lead per application that has participants; the others are noted."""
    for app_id, rows in leads.items():
        if len(rows) > 1:
            state.problems.append(Problem(
                Message.of("input.party.leads", id=app_id, count=len(rows),
                           rows=[str(r) for r in rows]), file=table.file, row=rows[1],
                column="role", value="lead",
                hint=Message.of("input.party.leads.hint", lead="lead", partner="partner")))
    with_rows = {p.application_id for p in out}
    for app_id in sorted(with_rows - set(leads)):
        state.problems.append(Problem(
            Message.of("input.party.no_lead", id=app_id), file=table.file,
            column="role", value=app_id, hint=Message.of("input.party.no_lead.hint", lead="lead")))
    for app_id in sorted(ids - with_rows):
        state.notes.append(Problem(
            Message.of("input.party.none", id=app_id), file=table.file, value=app_id))
