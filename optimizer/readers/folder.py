"""Read a round folder into a `Round`, and check it.

A round is a folder. Only `applications.csv` (or `.xlsx`) is required; `participants`,
`awards` (CSV or XLSX), `call.toml` and `scores.csv`/`.xlsx` add what the analyses need.

Every reader here collects problems instead of stopping at the first: `read_round`
raises one InputError with all of them, `check_round` returns them in a CheckReport.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from optimizer.errors import GrantoptError, InputError, Problem, did_you_mean
from optimizer.readers.call import CALL_FILE, CallReader, TomlLines
from optimizer.readers.dates import DATE_HINT, date_readings, guess, id_dates, made_of
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
    RANGE_HINT,
    Cells,
    Row,
    Table,
    parse_amount,
    parse_code,
    parse_int,
    paused_gc,
    read_table,
    shown,
)

ROLES = ("lead", "partner")
# applications.csv may state a cost per year: cost_2021, cost_2022, ... (issue 14, item 3)
YEAR_COST = re.compile(r"cost_(\d{4})")

# file stem -> (required columns, optional columns)
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "applications": (
        ("id", "applicant", "project", "requested_eur"),
        ("partners", "region", "target_area", "target_areas", "target_area_note", "exclusion",
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
    # date -> the id cell of the applications file that Excel made that date of
    date_ids: dict[dt.date, str] = field(default_factory=dict)
    registered: bool = True  # call.toml register: names and regions are the register's


@dataclass
class _Ids:
    """The application ids the other files of a round are checked against.

    A cascade must not bury its cause. `known` is None when the applications file could
    not be read, has no id column or no rows: then the ids of the other files are not
    checked, and one note per file says so instead of a problem on every row. An id that
    the applications file holds only as a date Excel made of it (`dates`) is reported
    there; the rows of the other files that name it get one note per file, not a problem
    each.
    """

    file: str  # the applications file, as the messages name it
    known: set[str] | None
    dates: Mapping[dt.date, str]
    unchecked: int = 0
    as_dates: list[tuple[int, str]] = field(default_factory=list)

    def missing(self, cells: Cells, row: Row, column: str, app_id: str, message: str) -> bool:
        """Whether `app_id` names no application; reported unless the cause is elsewhere."""
        if self.known is None:
            self.unchecked += 1
            return True
        if app_id in self.known:
            return False
        if self.dates and id_dates(app_id) & self.dates.keys():
            self.as_dates.append((row.number, app_id))
            return True
        source = made_of(app_id, self.known)
        if source is not None:
            cells.problem(row, column, f"this id looks like a date Excel made of {source!r}",
                          value=app_id, hint=DATE_HINT)
        else:
            cells.problem(row, column, message, value=app_id,
                          hint=f"Use an id of {self.file}.{did_you_mean(app_id, self.known)}")
        return True

    def notes(self, file: str) -> list[Problem]:
        """What was not reported row by row in `file`, in one note each (then reset)."""
        out = []
        if self.unchecked:
            out.append(Problem(
                f"the application ids of {self.unchecked} row(s) are not checked: {self.file} "
                "could not be read or has no applications (see the problems there)",
                file=file))
        if self.as_dates:
            rows = ", ".join(str(n) for n, _ in self.as_dates[:10])
            more = f" and {len(self.as_dates) - 10} more" if len(self.as_dates) > 10 else ""
            ids = ", ".join(sorted({i for _, i in self.as_dates}))
            out.append(Problem(
                f"rows {rows}{more} name {ids}, which {self.file} holds only as dates Excel "
                "made of them (see the problems there); not reported row by row",
                file=file, column="application_id"))
        self.unchecked, self.as_dates = 0, []
        return out


def _find_table(state: _State, stem: str) -> Path | None:
    hits = [state.folder / f"{stem}{s}" for s in TABLE_SUFFIXES
            if (state.folder / f"{stem}{s}").is_file()]
    if len(hits) > 1:
        state.problems.append(Problem(
            f"both {hits[0].name} and {hits[1].name} exist", file=hits[1].name,
            hint=f"Keep one {stem} file; the round would otherwise be ambiguous"))
    return hits[0] if hits else None


def _table(state: _State, stem: str, path: Path | None) -> Table | None:
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
        if column and column not in known and not (stem == "applications"
                                                   and YEAR_COST.fullmatch(column)):
            state.problems.append(Problem(
                "unknown column", file=table.file, row=1, column=column, value=shown(column),
                hint=f"Known columns: {', '.join(known)}.{did_you_mean(column, known)}"))
    return table


def _complete(table: Table, stem: str) -> bool:
    """Whether the table has every required column. Rows of a participants or awards file
    that lacks one are not read: the missing column is the problem, not every row."""
    return all(column in table.columns for column in COLUMNS[stem][0])


def _text(cells: Cells, row: Row, column: str, required: bool = False) -> str:
    value = row.values.get(column, "")  # Row.get, without its call: read for every cell
    if required and not value and column in cells.table.columns:
        cells.empty(row, column)
    return value


def _positive_amount(cells: Cells, row: Row, column: str, required: bool) -> float | None:
    if column not in cells.table.columns:
        return None
    value = cells.parse(row, column, parse_amount, required=required)
    if value is None:
        return None
    if value < 0:
        cells.problem(row, column, "the amount is negative", value=row.get(column),
                      hint=RANGE_HINT)
        return None
    if value == 0:
        cells.problem(row, column, "the amount is zero", value=row.get(column),
                      hint=RANGE_HINT)
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


def _call_code(cells: Cells, row: Row, column: str, codes: list[str] | None, what: str,
               tables: str) -> str:
    """A target area or exclusion code of the call (codes None: call.toml could not be
    read, so the code is taken as written; that file's problem is the one to report)."""
    value = row.get(column, "")
    if not value or codes is None:
        return value
    if not codes:
        cells.problem(row, column, f"{what} given but call.toml defines none", value=value,
                      hint=f"Add {tables} to call.toml")
        return ""
    return _choice(cells, row, column, codes, what) or ""


def _call_codes(cells: Cells, row: Row, column: str, codes: list[str] | None
                ) -> tuple[str, ...]:
    """Several target areas in one cell, separated by ';' (a project in several categories),
    each checked like `target_area`."""
    found = []
    for part in row.get(column, "").split(";"):
        code = part.strip()
        if not code:
            continue
        if codes is not None and codes and code not in codes:
            cells.problem(row, column, "unknown target area", value=code,
                          hint=f"Known: {', '.join(codes)}.{did_you_mean(code, codes)}")
        elif codes is not None and not codes:
            cells.problem(row, column, "target area given but call.toml defines none",
                          value=code, hint="Add [[target_areas]] (id, fi, en) to call.toml")
        else:
            found.append(code)
    return tuple(dict.fromkeys(found))


def _applications(state: _State, table: Table, call: CallRules | None
                  ) -> tuple[list[Application], float | None]:
    """The applications, and the sum of requested_eur over every row (None if one is bad).

    `call` is None when call.toml exists but could not be read."""
    cells = Cells(table, state.problems)
    out: list[Application] = []
    seen: dict[str, int] = {}
    amounts: list[float] | None = []
    area_ids = [a.id for a in call.target_areas] if call is not None else None
    exclusion_codes = [e.code for e in call.exclusions] if call is not None else None
    regions = state.register.regions()
    # Text that reads as a date is an id Excel made a date of, unless every id reads so
    # (then the round simply uses dates as ids); an XLSX date cell always is one.
    all_dates = all(date_readings(r.get("id")) for r in table.rows if r.get("id"))
    plain_ids: list[str] | None = None  # the ids that read as no date, once one does
    for row in table.rows:
        app_id = _text(cells, row, "id", required=True)
        if app_id and ("id" in row.dates or (not all_dates and date_readings(app_id))):
            if plain_ids is None:
                plain_ids = [r.get("id") for r in table.rows if not date_readings(r.get("id"))]
            _date_id(state, cells, row, app_id, plain_ids)
            app_id = ""
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
        region = (_choice(cells, row, "region", regions, "region") if state.registered
                  else row.get("region") or None)  # no register: a region as written
        target = _call_code(cells, row, "target_area", area_ids, "target area",
                            "[[target_areas]] (id, fi, en)")
        exclusion = _call_code(cells, row, "exclusion", exclusion_codes, "exclusion code",
                               "[[exclusions]] (code, fi, en)")
        areas = _call_codes(cells, row, "target_areas", area_ids)
        years = _year_costs(cells, row)
        if not app_id or requested is None:
            continue
        out.append(Application(
            id=app_id, applicant=applicant, project=row.get("project", ""),
            requested_eur=requested, partners=partners, region=region,
            target_area=target or None, exclusion=exclusion or None,
            eligible_cost_eur=eligible, language=row.get("language") or None,
            notes=row.get("notes", ""), target_area_note=row.get("target_area_note", ""),
            exclusion_note=row.get("exclusion_note", ""), target_areas=areas,
            costs_by_year=years,
        ))
    return out, math.fsum(amounts) if amounts is not None else None


def _year_costs(cells: Cells, row: Row) -> tuple[tuple[str, float], ...]:
    """(year, euros) of the row's cost_YYYY cells, by year: an empty cell is no cost that
    year; a round with these columns needs some cost in every row."""
    columns = sorted(c for c in cells.table.columns if c and YEAR_COST.fullmatch(c))
    out = []
    for column in columns:
        value = cells.parse(row, column, parse_amount)
        if value is not None and value < 0:
            cells.problem(row, column, "the amount is negative", value=row.get(column),
                          hint=RANGE_HINT)
        elif value:
            out.append((column[len("cost_"):], value))
    if columns and not out and not any(row.get(c) for c in columns):
        cells.problem(row, columns[0], "no cost in any year", value="",
                      hint=f"Give the application's cost in at least one of {', '.join(columns)}")
    return tuple(out)


def _date_id(state: _State, cells: Cells, row: Row, app_id: str,
             plain_ids: list[str]) -> None:
    """An id Excel made a date of: reported here, remembered for the other files."""
    readings = date_readings(app_id)
    source = next((g for d in sorted(readings) if (g := guess(d, plain_ids))), None)
    cells.problem(row, "id", "this id looks like a date Excel made of "
                  + (repr(source) if source else "an id (e.g. 2020-01 becomes 1.1.2020)"),
                  value=app_id, hint=DATE_HINT)
    for day in readings:
        state.date_ids.setdefault(day, app_id)


def _participants(state: _State, table: Table, ids: set[str],
                  check: _Ids) -> list[Participant]:
    cells = Cells(table, state.problems)
    out: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    leads: dict[str, list[int]] = {}
    for row in table.rows:
        app_id = _text(cells, row, "application_id", required=True)
        if app_id:
            check.missing(cells, row, "application_id", app_id, "no application with this id")
        name = _text(cells, row, "name", required=True)
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
            check: _Ids) -> tuple[list[Award], float | None]:
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
    call_rules: CallRules | None = CallRules()  # None: call.toml could not be read
    call_path = folder / CALL_FILE
    if call_path.is_file():
        call_rules = CallReader(call_path, state.problems).read()
    call = call_rules or CallRules()
    state.registered = call.register
    apps_path = _find_table(state, "applications")
    apps_table = _table(state, "applications", apps_path)
    if apps_path is None:
        state.problems.append(Problem(
            "no applications.csv or applications.xlsx in the round folder", file=str(folder),
            hint="A round needs at least applications.csv with id, applicant, project, "
                 "requested_eur"))
    elif apps_table is not None and not apps_table.rows:
        state.problems.append(Problem(
            "there are no applications: the file has a header but no rows below it",
            file=apps_table.file, row=2,
            hint="Add one row per application: id, applicant, project, requested_eur"))
    apps, requested = (_applications(state, apps_table, call_rules)
                       if apps_table is not None else ([], None))
    by_id = {a.id: a for a in apps}
    check = _Ids(apps_path.name if apps_path else "applications.csv", None, state.date_ids)
    if apps_table is not None and apps_table.rows and "id" in apps_table.columns:
        check.known = {r.get("id") for r in apps_table.rows if r.get("id")}
    participants: list[Participant] = []
    part_table = _table(state, "participants", _find_table(state, "participants"))
    if part_table is not None and _complete(part_table, "participants"):
        participants = _participants(state, part_table, set(by_id), check)
    awards: list[Award] = []
    awards_table = _table(state, "awards", _find_table(state, "awards"))
    awarded: float | None = None
    if awards_table is not None and _complete(awards_table, "awards"):
        awards, awarded = _awards(state, awards_table, by_id, check)
    _check_totals(state, call, apps_table if apps_table and apps_table.rows else None,
                  requested, awards_table, awarded)
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
    with paused_gc():
        rnd, state = _read(path, register or load_register())
    if state.problems or rnd is None:
        raise InputError(state.problems)
    return rnd


def check_round(path: str | Path, register: Register | None = None) -> CheckReport:
    """Every problem of a round folder, notes, and summary figures of what could be read."""
    register = register or load_register()
    with paused_gc():
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

