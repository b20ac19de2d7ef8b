"""Read a round folder into a `Round`, and check it.

A round is a folder. Only `applications.csv` (or `.xlsx`) is required; `participants`,
`awards` (CSV or XLSX), `call.toml` and `scores.csv`/`.xlsx` add what the analyses need.

Every reader here collects problems instead of stopping at the first: `read_round`
raises one InputError with all of them, `check_round` returns them in a CheckReport.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from optimizer.errors import GrantoptError, InputError, Problem, did_you_mean
from optimizer.readers.call import CALL_FILE, CallReader, TomlLines
from optimizer.readers.domain import (
    PARTY_KINDS,
    Application,
    Award,
    CallRules,
    Participant,
    Round,
)
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register, normalise
from optimizer.readers.tables import (
    Cells,
    Row,
    Table,
    parse_amount,
    parse_code,
    parse_int,
    read_table,
)

ROLES = ("lead", "partner")

# file stem -> (required columns, optional columns)
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "applications": (
        ("id", "applicant", "project", "requested_eur"),
        ("partners", "region", "target_area", "target_area_note", "exclusion",
         "exclusion_note", "eligible_cost_eur", "language", "notes"),
    ),
    "participants": (
        ("application_id", "name", "role", "kind"),
        ("municipality_code", "note"),
    ),
    "awards": (
        ("application_id", "awarded_eur"),
        ("decision_item", "note"),
    ),
}
TABLE_SUFFIXES = (".csv", ".xlsx")
CENT = 0.005  # amounts agree "to the cent"




@dataclass(frozen=True)
class Summary:
    applications: int = 0
    requested_eur: float = 0.0
    awards: int = 0
    awarded_eur: float = 0.0
    municipalities: int = 0  # distinct municipalities named in the applications
    regions: int = 0  # distinct regions of those municipalities


@dataclass(frozen=True)
class CheckReport:
    """What `check_round` found: the round (None if it has problems), problems, notes."""

    path: Path
    round: Round | None
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()  # informational: aliases used, names not resolved
    summary: Summary = field(default_factory=Summary)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _State:
    folder: Path
    register: Register
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def _find_table(state: _State, stem: str) -> Path | None:
    hits = [state.folder / f"{stem}{s}" for s in TABLE_SUFFIXES
            if (state.folder / f"{stem}{s}").is_file()]
    if len(hits) > 1:
        state.problems.append(Problem(
            f"both {hits[0].name} and {hits[1].name} exist", file=hits[1].name,
            hint=f"Keep one {stem} file; the round would otherwise be ambiguous"))
    return hits[0] if hits else None


def _table(state: _State, stem: str) -> Table | None:
    path = _find_table(state, stem)
    if path is None:
        return None
    try:
        table = read_table(path)
    except InputError as exc:
        state.problems.extend(exc.problems)
        return None
    required, optional = COLUMNS[stem]
    known = required + optional
    for column in required:
        if column not in table.columns:
            state.problems.append(Problem(
                f"missing required column {column!r}", file=table.file, row=1, column=column,
                value=column,
                hint=f"The header has: {', '.join(table.columns)}."
                f"{did_you_mean(column, [c for c in table.columns if c not in known])}"))
    for column in table.columns:
        if column and column not in known:
            state.problems.append(Problem(
                "unknown column", file=table.file, row=1, column=column, value=column,
                hint=f"Known columns: {', '.join(known)}.{did_you_mean(column, known)}"))
    return table


def _text(cells: Cells, row: Row, column: str, required: bool = False) -> str:
    value = row.get(column, "")
    if required and not value and column in cells.table.columns:
        cells.problem(row, column, "the cell is empty", value="",
                      hint=f"Every row needs a value in {column!r}")
    return value


def _positive_amount(cells: Cells, row: Row, column: str, required: bool) -> float | None:
    if column not in cells.table.columns:
        return None
    value = cells.parse(row, column, parse_amount, required=required)
    if value is None:
        return None
    if value < 0:
        cells.problem(row, column, "the amount is negative", value=row.get(column),
                      hint="Amounts are euros above zero")
        return None
    if value == 0:
        cells.problem(row, column, "the amount is zero", value=row.get(column),
                      hint="Amounts are euros above zero")
        return None
    return value


def _choice(cells: Cells, row: Row, column: str, allowed: Iterable[str], what: str) -> str | None:
    value = row.get(column, "")
    if not value:
        return None
    allowed = list(allowed)
    if value not in allowed:
        cells.problem(row, column, f"unknown {what}", value=value,
                      hint=f"Known: {', '.join(allowed)}.{did_you_mean(value, allowed)}")
        return None
    return value


def _applications(state: _State, table: Table, call: CallRules
                  ) -> tuple[list[Application], float | None]:
    """The applications, and the sum of requested_eur over every row (None if one is bad)."""
    cells = Cells(table, state.problems)
    out: list[Application] = []
    seen: dict[str, int] = {}
    amounts: list[float] | None = []
    area_ids = [a.id for a in call.target_areas]
    exclusion_codes = [e.code for e in call.exclusions]
    regions = state.register.regions()
    for row in table.rows:
        app_id = _text(cells, row, "id", required=True)
        if app_id and app_id in seen:
            cells.problem(row, "id", f"duplicate id (also on row {seen[app_id]})", value=app_id,
                          hint="Each application needs its own id")
            app_id = ""
        elif app_id:
            seen[app_id] = row.number
        applicant = _text(cells, row, "applicant", required=True)
        requested = _positive_amount(cells, row, "requested_eur", required=True)
        if requested is None:
            amounts = None
        elif amounts is not None:
            amounts.append(requested)
        eligible = _positive_amount(cells, row, "eligible_cost_eur", required=False)
        partners = tuple(p.strip() for p in row.get("partners", "").split(";") if p.strip())
        region = _choice(cells, row, "region", regions, "region")
        target = row.get("target_area", "")
        if target and area_ids:
            target = _choice(cells, row, "target_area", area_ids, "target area") or ""
        elif target:
            cells.problem(row, "target_area", "target area given but call.toml defines none",
                          value=target, hint="Add [[target_areas]] (id, fi, en) to call.toml")
            target = ""
        exclusion = row.get("exclusion", "")
        if exclusion and exclusion_codes:
            exclusion = _choice(cells, row, "exclusion", exclusion_codes,
                                "exclusion code") or ""
        elif exclusion:
            cells.problem(row, "exclusion", "exclusion given but call.toml defines none",
                          value=exclusion, hint="Add [[exclusions]] (code, fi, en) to call.toml")
            exclusion = ""
        if not app_id or requested is None:
            continue
        out.append(Application(
            id=app_id, applicant=applicant, project=row.get("project", ""),
            requested_eur=requested, partners=partners, region=region,
            target_area=target or None, exclusion=exclusion or None,
            eligible_cost_eur=eligible, language=row.get("language") or None,
            notes=row.get("notes", ""), target_area_note=row.get("target_area_note", ""),
            exclusion_note=row.get("exclusion_note", ""),
        ))
    return out, math.fsum(amounts) if amounts is not None else None


def _participants(state: _State, table: Table, ids: set[str],
                  table_ids: set[str]) -> list[Participant]:
    cells = Cells(table, state.problems)
    out: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    leads: dict[str, list[int]] = {}
    for row in table.rows:
        app_id = _text(cells, row, "application_id", required=True)
        if app_id and app_id not in table_ids:
            cells.problem(row, "application_id", "no application with this id", value=app_id,
                          hint=f"Use an id of applications.csv.{did_you_mean(app_id, table_ids)}")
        name = _text(cells, row, "name", required=True)
        role = _required_choice(cells, row, "role", ROLES, "role", "Roles")
        kind = _required_choice(cells, row, "kind", PARTY_KINDS, "kind of party", "Kinds")
        code = _participant_code(state, cells, table, row)
        if kind == "municipality" and name:
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
    return out


def _required_choice(cells: Cells, row: Row, column: str, allowed: tuple[str, ...],
                     what: str, label: str) -> str:
    value = _text(cells, row, column, required=True)
    if value and value not in allowed:
        cells.problem(row, column, f"unknown {what}", value=value,
                      hint=f"{label}: {', '.join(allowed)}.{did_you_mean(value, allowed)}")
        return ""
    return value


def _participant_code(state: _State, cells: Cells, table: Table, row: Row) -> str | None:
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


def _resolve_municipality(state: _State, cells: Cells, table: Table, row: Row, name: str,
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


def _check_leads(state: _State, table: Table, ids: set[str], out: list[Participant],
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


def _awards(state: _State, table: Table, apps: Mapping[str, Application],
            table_ids: set[str]) -> tuple[list[Award], float | None]:
    """The awards, and the sum of awarded_eur over every row (None if one is bad)."""
    cells = Cells(table, state.problems)
    out: list[Award] = []
    seen: dict[str, int] = {}
    amounts: list[float] | None = []
    for row in table.rows:
        app_id = _text(cells, row, "application_id", required=True)
        amount = _positive_amount(cells, row, "awarded_eur", required=True)
        if amount is None:
            amounts = None
        elif amounts is not None:
            amounts.append(amount)
        item = None
        if "decision_item" in table.columns:
            item = cells.parse(row, "decision_item", parse_int)
        if not app_id:
            continue
        if app_id not in table_ids:
            cells.problem(row, "application_id", "award for an application that does not exist",
                          value=app_id,
                          hint=f"Use an id of applications.csv.{did_you_mean(app_id, table_ids)}")
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
    return out, math.fsum(amounts) if amounts is not None else None


def _check_totals(state: _State, call: CallRules, apps_table: Table | None,
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


def _read(path: str | Path, register: Register) -> tuple[Round | None, _State]:
    folder = Path(path)
    state = _State(folder, register)
    if not folder.is_dir():
        state.problems.append(Problem("round folder not found", file=str(folder),
                                      hint="Give the folder that holds applications.csv"))
        return None, state
    call = CallRules()
    call_path = folder / CALL_FILE
    if call_path.is_file():
        call = CallReader(call_path, state.problems).read() or CallRules()
    apps_table = _table(state, "applications")
    if apps_table is None and _find_table(state, "applications") is None:
        state.problems.append(Problem(
            "no applications.csv or applications.xlsx in the round folder", file=str(folder),
            hint="A round needs at least applications.csv with id, applicant, project, "
                 "requested_eur"))
    apps, requested = (_applications(state, apps_table, call)
                       if apps_table is not None else ([], None))
    by_id = {a.id: a for a in apps}
    table_ids = ({r.get("id") for r in apps_table.rows if r.get("id")}
                 if apps_table is not None else set())
    participants: list[Participant] = []
    part_table = _table(state, "participants")
    if part_table is not None:
        participants = _participants(state, part_table, set(by_id), table_ids)
    awards: list[Award] = []
    awards_table = _table(state, "awards")
    awarded: float | None = None
    if awards_table is not None:
        awards, awarded = _awards(state, awards_table, by_id, table_ids)
    _check_totals(state, call, apps_table, requested, awards_table, awarded)
    scores = [folder / f"scores{s}" for s in TABLE_SUFFIXES if (folder / f"scores{s}").is_file()]
    read = [call_path] if call_path.is_file() else []
    read += [t.path for t in (apps_table, part_table, awards_table) if t is not None and t.path]
    rnd = Round(folder, call, tuple(apps), tuple(participants), tuple(awards),
                scores[0] if scores else None, files=tuple(read))
    if part_table is None:
        for p in profiles(rnd, register).values():
            for name in p.unresolved:
                state.notes.append(Problem(
                    f"{name!r} of application {p.application_id} matches no municipality; it "
                    "is not counted as one", file=apps_table.file if apps_table else None,
                    value=name, hint="Add participants.csv to give its kind and owner"))
    return rnd, state


def read_round(path: str | Path, register: Register | None = None) -> Round:
    """The round in a folder; InputError with every problem found in any of its files."""
    rnd, state = _read(path, register or load_register())
    if state.problems or rnd is None:
        raise InputError(state.problems)
    return rnd


def check_round(path: str | Path, register: Register | None = None) -> CheckReport:
    """Every problem of a round folder, notes, and summary figures of what could be read."""
    register = register or load_register()
    rnd, state = _read(path, register)
    summary = Summary()
    if rnd is not None:
        profs = profiles(rnd, register)
        codes = {c for p in profs.values() for c in p.municipality_codes}
        regions = {r for p in profs.values() for r in p.regions}
        summary = Summary(
            applications=len(rnd.applications),
            requested_eur=round(sum(a.requested_eur for a in rnd.applications), 2),
            awards=len(rnd.awards),
            awarded_eur=round(sum(a.awarded_eur for a in rnd.awards), 2),
            municipalities=len(codes), regions=len(regions),
        )
    return CheckReport(Path(path), rnd if not state.problems else None,
                       tuple(state.problems), tuple(state.notes), summary)

