"""applications.csv (or .xlsx): one row per application, checked; ids Excel made dates of
are reported here and remembered for the other files."""

from __future__ import annotations

import math
import re
from pathlib import Path

from optimizer.readers.cells import RANGE_HINT, Cells, parse_amount
from optimizer.readers.columns import distinct_parsed, plain_columns_of
from optimizer.readers.dates import DATE_HINT, any_date_readings, date_readings, guess
from optimizer.readers.domain import Application, CallRules
from optimizer.readers.fields import call_code, call_codes, choice, positive_amount, text_field
from optimizer.readers.round_files import COLUMNS, YEAR_COST, State
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


def fast_applications(state: State, path: Path, call: CallRules | None
                      ) -> tuple[Table, list[Application], float, int] | None:
    """(header-only table, applications, the sum of requested_eur, rows) of a plain CSV
    applications file without a single problem, read column by column: each distinct
    amount and code checked once. None when the file is not plain, has cost_YYYY columns,
    or anything in it would be reported (then `round_table` and `read_applications` read
    it row by row and word every problem, as they always have)."""
    cells = plain_columns_of(path, *COLUMNS["applications"])
    if cells is None:
        return None
    ids, applicants = cells["id"], cells["applicant"]
    n = len(ids)
    if "" in ids or "" in applicants or len(set(ids)) != n:
        return None  # an empty cell or an id twice
    if any_date_readings(ids):
        return None  # an id Excel made a date of (or a round of dates): said row by row
    requested = _positive(cells["requested_eur"], required=True)
    eligible = _positive(cells.get("eligible_cost_eur"), required=False)
    if requested is None or eligible is None:
        return None
    empty = [""] * n
    regions = _fast_codes(cells.get("region"), state.register.regions()
                          if state.registered else None)
    areas = [a.id for a in call.target_areas] if call is not None else None
    targets = _fast_codes(cells.get("target_area"), areas)
    exclusions = _fast_codes(cells.get("exclusion"),
                             [e.code for e in call.exclusions] if call is not None else None)
    several = _fast_areas(cells.get("target_areas"), areas)
    if regions is None or targets is None or exclusions is None or several is None:
        return None
    amounts: list[float] = list(map(requested.__getitem__,  # type: ignore[arg-type]
                                    cells["requested_eur"]))  # none is "": required
    given = cells.get
    own = {a: a for a in set(applicants)}  # one string per applicant, not per row
    out = list(map(
        Application, ids, map(own.__getitem__, applicants), given("project") or empty, amounts,
        map(_Partners().__getitem__, given("partners") or empty),
        map(regions.__getitem__, given("region") or empty),
        map(targets.__getitem__, given("target_area") or empty),
        map(exclusions.__getitem__, given("exclusion") or empty),
        map(eligible.__getitem__, given("eligible_cost_eur") or empty),
        [t or None for t in given("language") or empty], given("notes") or empty,
        given("target_area_note") or empty, given("exclusion_note") or empty,
        map(several.__getitem__, given("target_areas") or empty)))
    return Table(path.name, tuple(cells), (), path), out, math.fsum(amounts), n


def _positive(texts: list[str] | None, required: bool) -> dict[str, float | None] | None:
    """Each distinct amount as `positive_amount` reads it ("" is None, unless required);
    None if one would be reported (not an amount, zero or negative, or empty)."""
    out: dict[str, float | None] = {"": None}
    distinct = set(texts or ()) - {""}
    joined = "\n".join(distinct)
    if _PLAIN_AMOUNTS.fullmatch(joined) and joined.count("\n") == len(distinct) - 1:
        # Every amount is digits with at most two decimals after a point, read as
        # parse_amount reads them; then only zero is reported.
        out.update({t: float(t) for t in distinct})
        ok = all(out[t] for t in distinct) and (not required or "" not in (texts or ()))
        return out if ok else None
    parsed = distinct_parsed(texts or [], parse_amount)
    if (parsed is None or (required and "" in (texts or ()))
            or any(v is not None and v <= 0 for v in parsed.values())):
        return None
    return parsed


_PLAIN_AMOUNTS = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,2})?(?:\n[0-9]{1,12}(?:\.[0-9]{1,2})?)*")


def _fast_codes(texts: list[str] | None, codes: list[str] | tuple[str, ...] | None
                ) -> dict[str, str | None] | None:
    """Each distinct region, target area or exclusion as the row-by-row reader gives it
    ("" is None; `codes` None: as written); None if one is not among `codes`."""
    out: dict[str, str | None] = {"": None}
    for text in set(texts or ()) - {""}:
        if codes is not None and text not in codes:
            return None
        out[text] = text
    return out


def _fast_areas(texts: list[str] | None, codes: list[str] | None
                ) -> dict[str, tuple[str, ...]] | None:
    """Each distinct target_areas cell as `call_codes` reads it; None if a code in one is
    unknown (or the call defines none)."""
    out: dict[str, tuple[str, ...]] = {"": ()}
    for text in set(texts or ()) - {""}:
        found = [c for part in text.split(";") if (c := part.strip())]
        if codes is not None and any(c not in codes for c in found):
            return None  # also every code when the call defines none
        out[text] = tuple(dict.fromkeys(found))
    return out


class _Partners(dict[str, tuple[str, ...]]):
    """Each partners cell as `read_applications` reads it; one string object per distinct
    name (a large round names hundreds of thousands of partners, a few hundred distinct)."""

    def __init__(self) -> None:
        super().__init__({"": ()})
        self.names: dict[str, str] = {}

    def __missing__(self, text: str) -> tuple[str, ...]:
        own = self.names.setdefault
        self[text] = found = tuple(own(p, p) for part in text.split(";") if (p := part.strip()))
        return found


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
