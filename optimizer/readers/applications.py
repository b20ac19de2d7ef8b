"""applications.csv (or .xlsx): one row per application, checked; ids Excel made dates of
are reported here and remembered for the other files."""

from __future__ import annotations

import math

from optimizer.readers.cells import RANGE_HINT, Cells, parse_amount
from optimizer.readers.dates import DATE_HINT, date_readings, guess
from optimizer.readers.domain import Application, CallRules
from optimizer.readers.fields import call_code, call_codes, choice, positive_amount, text_field
from optimizer.readers.round_files import YEAR_COST, State
from optimizer.readers.rows import Row, Table
from optimizer.vocabulary.message import Message


def read_applications(state: State, table: Table, call: CallRules | None
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
        app_id = text_field(cells, row, "id", required=True)
        if app_id and ("id" in row.dates or (not all_dates and date_readings(app_id))):
            if plain_ids is None:
                plain_ids = [r.get("id") for r in table.rows if not date_readings(r.get("id"))]
            _date_id(state, cells, row, app_id, plain_ids)
            app_id = ""
        if app_id and app_id in seen:
            cells.problem(row, "id", Message.of("input.id.duplicate", row=seen[app_id]),
                          value=app_id, hint=Message.of("input.id.duplicate.hint"))
            app_id = ""
        elif app_id:
            seen[app_id] = row.number
        applicant = text_field(cells, row, "applicant", required=True)
        requested = positive_amount(cells, row, "requested_eur", required=True)
        if requested is None:
            amounts = None
        elif amounts is not None:
            amounts.append(requested)
        eligible = positive_amount(cells, row, "eligible_cost_eur", required=False)
        partners = tuple(p.strip() for p in row.get("partners", "").split(";") if p.strip())
        region = (choice(cells, row, "region", regions, "region") if state.registered
                  else row.get("region") or None)  # no register: a region as written
        target = call_code(cells, row, "target_area", area_ids, "target area",
                            "[[target_areas]] (id, fi, en)")
        exclusion = call_code(cells, row, "exclusion", exclusion_codes, "exclusion code",
                               "[[exclusions]] (code, fi, en)")
        areas = call_codes(cells, row, "target_areas", area_ids)
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
            cells.problem(row, column, Message.of("input.field.negative"), value=row.get(column),
                          hint=RANGE_HINT)
        elif value:
            out.append((column[len("cost_"):], value))
    if columns and not out and not any(row.get(c) for c in columns):
        cells.problem(row, columns[0], Message.of("input.cost.none"), value="",
                      hint=Message.of("input.cost.none.hint", columns=columns))
    return tuple(out)


def _date_id(state: State, cells: Cells, row: Row, app_id: str,
             plain_ids: list[str]) -> None:
    """An id Excel made a date of: reported here, remembered for the other files."""
    readings = date_readings(app_id)
    source = next((g for d in sorted(readings) if (g := guess(d, plain_ids))), None)
    said = (Message.of("input.id.date", source=source) if source
            else Message.of("input.id.date_unknown"))
    cells.problem(row, "id", said, value=app_id, hint=DATE_HINT)
    for day in readings:
        state.date_ids.setdefault(day, app_id)
