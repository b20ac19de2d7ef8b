"""Read a round folder into a `Round`, check it, and profile its applications.

A round is a folder (see DESIGN.md, "The round folder"). Only `applications.csv`
(or `.xlsx`) is required; `participants`, `awards` (CSV or XLSX), `call.toml` and
`scores.csv`/`.xlsx` add what the analyses need.

Every reader here collects problems instead of stopping at the first: `read_round`
raises one InputError with all of them, `check_round` returns them in a CheckReport.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optimizer.errors import GrantoptError, InputError, Problem, did_you_mean
from optimizer.readers.domain import (
    JOINT_BODY_KINDS,
    OWNED_KINDS,
    PARTY_KINDS,
    Application,
    Award,
    CallRules,
    Criterion,
    CriterionGroup,
    DeclaredTotals,
    ExclusionRule,
    Participant,
    Profile,
    ProxyIndicator,
    Round,
    TargetArea,
)
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
CALL_FILE = "call.toml"

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


# --- call.toml -------------------------------------------------------------------

_STR, _INT, _NUM, _DATE, _SCALE = "text", "whole number", "number", "date", "[low, high]"

# section -> (is an array of tables, {key: type}, required keys)
CALL_SCHEMA: dict[str, tuple[bool, dict[str, str], tuple[str, ...]]] = {
    "call": (False, {
        "name": _STR, "name_en": _STR, "year": _INT, "decision_date": _DATE,
        "budget_item": _STR, "appropriation_eur": _NUM, "rounding_eur": _NUM,
        "max_cost_share": _NUM, "min_parties": _INT, "joint_rule_fi": _STR,
        "joint_rule_en": _STR,
    }, ()),
    "totals": (False, {
        "applications": _INT, "requested_eur": _NUM, "awards": _INT, "awarded_eur": _NUM,
    }, ()),
    "target_areas": (True, {"id": _STR, "fi": _STR, "en": _STR}, ("id",)),
    "exclusions": (True, {"code": _STR, "fi": _STR, "en": _STR}, ("code",)),
    "criteria_groups": (True, {"id": _STR, "fi": _STR, "en": _STR}, ("id",)),
    "criteria": (True, {"id": _STR, "group": _STR, "fi": _STR, "en": _STR, "scale": _SCALE},
                 ("id",)),
    "proxies": (True, {
        "id": _STR, "indicator": _STR, "scale": _STR, "direction": _STR, "lower": _NUM,
        "upper": _NUM, "weight": _NUM, "en": _STR, "fi": _STR,
    }, ("id", "indicator")),
}
PROXY_SCALES = ("linear", "log")
PROXY_DIRECTIONS = ("higher", "lower")


class _TomlLines:
    """Finds the line of a key in a TOML text, for problems tomllib cannot locate."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def find(self, section: str | None, index: int | None = None,
             key: str | None = None) -> int | None:
        current, count, header_line = None, -1, None
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=") if key else None
        for number, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if match:
                current = match.group(2)
                if current == section:
                    count += 1
                    if index is None or count == index:
                        header_line = number
                        if key_re is None:
                            return number
                continue
            in_place = (current == section and (index is None or count == index)) or (
                section is None and current is None)
            if in_place and key_re is not None and key_re.match(line):
                return number
        return header_line


def _type_ok(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _NUM:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == _DATE:
        return isinstance(value, str | dt.date)
    if kind == _SCALE:
        return (isinstance(value, list) and len(value) == 2
                and all(_type_ok(v, _NUM) for v in value))
    return False  # pragma: no cover


class _CallReader:
    def __init__(self, path: Path, problems: list[Problem], display: str = CALL_FILE):
        self.path = path
        self.file = display
        self.problems = problems
        self.lines = _TomlLines("")

    def problem(self, message: str, section: str | None = None, index: int | None = None,
                key: str | None = None, value: object = None, hint: str = "") -> None:
        column = ".".join(p for p in (section, key) if p) or None
        if section is not None and index is not None:
            column = f"{section}[{index}]" + (f".{key}" if key else "")
        self.problems.append(Problem(message, file=self.file,
                                     row=self.lines.find(section, index, key), column=column,
                                     value=value, hint=hint))

    def read(self) -> CallRules | None:
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            self.problems.append(Problem("the file is not UTF-8", file=self.file,
                                         hint="Save it as UTF-8"))
            return None
        self.lines = _TomlLines(text)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            where = re.search(r"\(at line (\d+), column (\d+)\)", message)
            line = int(where.group(1)) if where else None
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
            if where:
                message += f" (column {where.group(2)})"
            self.problems.append(Problem(f"TOML syntax error: {message}", file=self.file,
                                         row=line,
                                         hint="See https://toml.io for the syntax"))
            return None
        return self._rules(data)

    def _section(self, data: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
        """The checked tables of a section (one for [name], several for [[name]])."""
        if name not in data:
            return []
        array, schema, required = CALL_SCHEMA[name]
        value = data[name]
        if array and isinstance(value, dict):
            self.problem(f"[{name}] must be an array of tables: write [[{name}]]", name)
            return []
        if not array and not isinstance(value, dict):
            self.problem(f"{name} must be a table: write [{name}]", name)
            return []
        tables = value if array else [value]
        out = []
        for index, table in enumerate(tables):
            at = index if array else None
            if not isinstance(table, dict):
                self.problem(f"{name} must hold tables", name, at, value=table)
                continue
            good = {}
            for key, item in table.items():
                if key not in schema:
                    self.problem(f"unknown key {key!r} in [{'[' if array else ''}{name}"
                                 f"{']' if array else ''}]", name, at, key, value=key,
                                 hint=f"Known keys: {', '.join(schema)}."
                                 f"{did_you_mean(key, schema)}")
                elif not _type_ok(item, schema[key]):
                    self.problem(f"{key} must be a {schema[key]}", name, at, key, value=item)
                else:
                    good[key] = item.isoformat() if isinstance(item, dt.date) else item
            for key in required:
                if key not in table:
                    self.problem(f"missing key {key!r}", name, at)
            out.append(good)
        return out

    def _unique(self, name: str, key: str, tables: list[dict[str, Any]]) -> None:
        seen: set[str] = set()
        for index, table in enumerate(tables):
            value = table.get(key)
            if value is None:
                continue
            if value in seen:
                self.problem(f"duplicate {key} {value!r}", name, index, key, value=value,
                             hint=f"Each [[{name}]] needs its own {key}")
            seen.add(value)

    def _rules(self, data: dict[str, Any]) -> CallRules:
        self._unknown_tables(data)
        call = (self._section(data, "call") or [{}])[0]
        totals = (self._section(data, "totals") or [{}])[0]
        areas = self._section(data, "target_areas")
        exclusions = self._section(data, "exclusions")
        groups = self._section(data, "criteria_groups")
        criteria = self._section(data, "criteria")
        proxies = self._section(data, "proxies")
        for name, key, tables in (("target_areas", "id", areas), ("exclusions", "code", exclusions),
                                  ("criteria_groups", "id", groups), ("criteria", "id", criteria),
                                  ("proxies", "id", proxies)):
            self._unique(name, key, tables)
        self._check_call(call)
        self._check_totals(totals)
        group_ids = [g["id"] for g in groups if "id" in g]
        return CallRules(
            name=call.get("name", ""), name_en=call.get("name_en", ""), year=call.get("year"),
            appropriation_eur=_num(call, "appropriation_eur"),
            rounding_eur=float(call.get("rounding_eur", 1.0)),
            max_cost_share=_num(call, "max_cost_share"),
            min_parties=call.get("min_parties", 1),
            joint_rule_en=call.get("joint_rule_en", ""),
            target_areas=tuple(TargetArea(a["id"], a.get("fi", ""), a.get("en", ""))
                               for a in areas if "id" in a),
            exclusions=tuple(ExclusionRule(e["code"], e.get("fi", ""), e.get("en", ""))
                             for e in exclusions if "code" in e),
            criteria_groups=tuple(CriterionGroup(g["id"], g.get("fi", ""), g.get("en", ""))
                                  for g in groups if "id" in g),
            criteria=tuple(c for i, raw in enumerate(criteria)
                           if (c := self._criterion(i, raw, group_ids)) is not None),
            proxies=tuple(x for i, raw in enumerate(proxies)
                          if (x := self._proxy(i, raw)) is not None),
            totals=DeclaredTotals(
                applications=totals.get("applications"),
                requested_eur=_num(totals, "requested_eur"),
                awards=totals.get("awards"),
                awarded_eur=_num(totals, "awarded_eur"),
            ),
            decision_date=call.get("decision_date", ""),
            budget_item=call.get("budget_item", ""),
            joint_rule_fi=call.get("joint_rule_fi", ""),
        )

    def _unknown_tables(self, data: Mapping[str, Any]) -> None:
        for key in data:
            if key not in CALL_SCHEMA:
                line = self.lines.find(key) or self.lines.find(None, None, key)
                self.problems.append(Problem(
                    f"unknown key or table {key!r}", file=self.file, row=line, column=key,
                    value=key, hint=f"Known tables: {', '.join(CALL_SCHEMA)}."
                    f"{did_you_mean(key, CALL_SCHEMA)}"))

    def _check_call(self, call: dict[str, Any]) -> None:
        """Report values out of range and drop them, so defaults apply further on."""
        for key in ("appropriation_eur", "rounding_eur"):
            if key in call and call[key] <= 0:
                self.problem(f"{key} must be positive", "call", None, key, value=call[key])
                del call[key]
        share = call.get("max_cost_share")
        if share is not None and not 0 < share <= 1:
            self.problem("max_cost_share must be a share in (0, 1]", "call", None,
                         "max_cost_share", value=share, hint="Write 85 % as 0.85")
            del call["max_cost_share"]
        if call.get("min_parties", 1) < 1:
            self.problem("min_parties must be at least 1", "call", None, "min_parties",
                         value=call["min_parties"])
            del call["min_parties"]

    def _check_totals(self, totals: dict[str, Any]) -> None:
        for key in ("applications", "awards", "requested_eur", "awarded_eur"):
            if key in totals and totals[key] < 0:
                self.problem(f"{key} must not be negative", "totals", None, key,
                             value=totals[key])
                del totals[key]

    def _criterion(self, index: int, c: Mapping[str, Any],
                   group_ids: list[str]) -> Criterion | None:
        if "id" not in c:
            return None
        if group_ids and c.get("group", "") not in group_ids:
            self.problem("unknown criteria group", "criteria", index, "group",
                         value=c.get("group", ""),
                         hint=f"Groups: {', '.join(group_ids)}."
                         f"{did_you_mean(c.get('group', ''), group_ids)}")
        scale = tuple(float(v) for v in c.get("scale", (0.0, 5.0)))
        if not scale[0] < scale[1]:
            self.problem("scale must be [low, high] with low < high", "criteria", index,
                         "scale", value=list(c["scale"]))
            scale = (0.0, 5.0)
        return Criterion(c["id"], c.get("group", ""), c.get("fi", ""), c.get("en", ""),
                         (scale[0], scale[1]))

    def _proxy(self, index: int, p: dict[str, Any]) -> ProxyIndicator | None:
        if "id" not in p or "indicator" not in p:
            return None
        for key, allowed in (("scale", PROXY_SCALES), ("direction", PROXY_DIRECTIONS)):
            if key in p and p[key] not in allowed:
                self.problem(f"{key} must be one of {', '.join(allowed)}", "proxies", index,
                             key, value=p[key], hint=did_you_mean(p[key], allowed).strip())
                del p[key]
        lower, upper = float(p.get("lower", 0.0)), float(p.get("upper", 1.0))
        if not lower < upper:
            self.problem("lower must be below upper", "proxies", index, "upper", value=upper)
        elif p.get("scale") == "log" and lower <= 0:
            self.problem("a log scale needs lower > 0", "proxies", index, "lower", value=lower)
        if p.get("weight", 1.0) < 0:
            self.problem("weight must not be negative", "proxies", index, "weight",
                         value=p["weight"])
        return ProxyIndicator(
            id=p["id"], indicator=p["indicator"], scale=p.get("scale", "linear"),
            direction=p.get("direction", "higher"), lower=lower, upper=upper,
            weight=float(p.get("weight", 1.0)), en=p.get("en", ""), fi=p.get("fi", ""))


def _num(mapping: Mapping[str, Any], key: str) -> float | None:
    return float(mapping[key]) if key in mapping else None


def read_call(path: str | Path) -> CallRules:
    """Parse a call.toml into CallRules; InputError with every problem (file, line, key)."""
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_file():
        raise InputError(Problem("file not found", file=path.name, value=str(path)))
    rules = _CallReader(path, problems, path.name).read()
    if problems or rules is None:
        raise InputError(problems)
    return rules


# --- the round folder ------------------------------------------------------------


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
    lines = _TomlLines(_safe_text(state.folder / CALL_FILE))

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
        call = _CallReader(call_path, state.problems).read() or CallRules()
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
    rnd = Round(folder, call, tuple(apps), tuple(participants), tuple(awards),
                scores[0] if scores else None)
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


# --- profiles --------------------------------------------------------------------


def _profile(app: Application, parts: tuple[Participant, ...], register: Register) -> Profile:
    codes: list[str] = []
    bodies: list[str] = []
    body_keys: set[str] = set()
    unresolved: list[str] = []
    lead_code: str | None = None

    def add(code: str | None) -> None:
        if code is not None and code in register and code not in codes:
            codes.append(code)

    if parts:
        lead = next((p for p in parts if p.role == "lead"), None)
        if lead is not None and lead.kind in OWNED_KINDS:
            lead_code = lead.municipality_code
        add(lead_code)
        for p in parts:
            if p.kind in OWNED_KINDS:
                add(p.municipality_code)
            elif p.kind in JOINT_BODY_KINDS and normalise(p.name) not in body_keys:
                body_keys.add(normalise(p.name))
                bodies.append(p.name)
    else:
        for index, name in enumerate((app.applicant, *app.partners)):
            found = register.find(name)
            if found is None:
                unresolved.append(name)
                continue
            if index == 0:
                lead_code = found.code
            add(found.code)
    munis = [register.by_code(c) for c in codes]
    region_order = {r: i for i, r in enumerate(register.regions())}
    regions = sorted({m.region_fi for m in munis}, key=lambda r: region_order.get(r, 99))
    lead = register.get(lead_code)
    return Profile(
        application_id=app.id,
        lead_code=lead_code,
        lead_region=app.region or (lead.region_fi if lead else None),
        municipality_codes=tuple(codes),
        joint_bodies=tuple(bodies),
        parties=len(codes) + len(bodies),
        population=sum(m.population for m in munis),
        regions=tuple(regions),
        unresolved=tuple(unresolved),
    )


def profiles(round: Round, register: Register | None = None) -> dict[str, Profile]:
    """Per application: lead, municipalities, joint bodies, parties, population, regions.

    Parties follow the joint-project rule: each municipality counts once, whether named
    itself or as the owner of a municipal enterprise, library or company; each joint
    authority or hospital district counts once. Without participants rows for an
    application, its `applicant` and `partners` names are resolved in the register
    (names that do not resolve are listed in `unresolved`, never guessed).
    """
    register = register or load_register()
    by_app: dict[str, list[Participant]] = {}
    for p in round.participants:
        by_app.setdefault(p.application_id, []).append(p)
    return {a.id: _profile(a, tuple(by_app.get(a.id, ())), register)
            for a in round.applications}


# --- an overview for `grantopt data show` --------------------------------------------


@dataclass(frozen=True)
class OverviewLine:
    id: str
    lead: str  # the lead's municipality (register name), or the applicant as written
    lead_region: str | None
    municipalities: int
    population: int
    target_area: str | None
    exclusion: str | None
    requested_eur: float
    awarded_eur: float | None


def overview(path: str | Path, register: Register | None = None) -> tuple[OverviewLine, ...]:
    """One line per application of the round in `path` (InputError if it has problems)."""
    register = register or load_register()
    rnd = read_round(path, register)
    profs = profiles(rnd, register)
    awarded = rnd.awarded
    out = []
    for app in rnd.applications:
        p = profs[app.id]
        lead = register.get(p.lead_code)
        out.append(OverviewLine(
            id=app.id, lead=lead.name_fi if lead else app.applicant, lead_region=p.lead_region,
            municipalities=len(p.municipality_codes), population=p.population,
            target_area=app.target_area, exclusion=app.exclusion,
            requested_eur=app.requested_eur, awarded_eur=awarded.get(app.id),
        ))
    return tuple(out)


__all__ = [
    "CheckReport", "OverviewLine", "Summary", "check_round", "overview", "profiles",
    "read_call", "read_round",
]
