"""The checked fields of a round's rows: text, positive amounts, a choice among known
values, and the call's target-area and exclusion codes; each problem collected in `Cells`."""

from __future__ import annotations

from collections.abc import Iterable

from optimizer.errors import suggest
from optimizer.readers.cells import RANGE_HINT, Cells, parse_amount
from optimizer.readers.rows import Row
from optimizer.vocabulary.message import Message


def text_field(cells: Cells, row: Row, column: str, required: bool = False) -> str:
    value = row.values.get(column, "")  # Row.get, without its call: read for every cell
    if required and not value and column in cells.table.columns:
        cells.empty(row, column)
    return value


def positive_amount(cells: Cells, row: Row, column: str, required: bool) -> float | None:
    if column not in cells.table.columns:
        return None
    value = cells.parse(row, column, parse_amount, required=required)
    if value is None:
        return None
    if value < 0:
        cells.problem(row, column, Message.of("input.field.negative"), value=row.get(column),
                      hint=RANGE_HINT)
        return None
    if value == 0:
        cells.problem(row, column, Message.of("input.field.zero"), value=row.get(column),
                      hint=RANGE_HINT)
        return None
    return value


def known(label: str, allowed: list[str], value: str) -> Message:
    """'Known: a, b.' and the closest of them to `value` (label "Known", "Roles", "Kinds")."""
    return Message.of("input.field.known", label=label, allowed=list(allowed),
                      hits=suggest(value, allowed))


def choice(cells: Cells, row: Row, column: str, allowed: Iterable[str], what: str) -> str | None:
    value = row.get(column, "")
    if not value:
        return None
    allowed = list(allowed)
    if value not in allowed:
        cells.problem(row, column, Message.of("input.field.unknown", what=what), value=value,
                      hint=known("Known", allowed, value))
        return None
    return value


def call_code(cells: Cells, row: Row, column: str, codes: list[str] | None, what: str,
              tables: str) -> str:
    """A target area or exclusion code of the call (codes None: call.toml could not be
    read, so the code is taken as written; that file's problem is the one to report)."""
    value = row.get(column, "")
    if not value or codes is None:
        return value
    if not codes:
        cells.problem(row, column, Message.of("input.field.none_defined", what=what),
                      value=value, hint=Message.of("input.field.add_tables", tables=tables))
        return ""
    return choice(cells, row, column, codes, what) or ""


def call_codes(cells: Cells, row: Row, column: str, codes: list[str] | None
                ) -> tuple[str, ...]:
    """Several target areas in one cell, separated by ';' (a project in several categories),
    each checked like `target_area`."""
    found = []
    for part in row.get(column, "").split(";"):
        code = part.strip()
        if not code:
            continue
        if codes is not None and codes and code not in codes:
            cells.problem(row, column, Message.of("input.field.unknown", what="target area"),
                          value=code, hint=known("Known", codes, code))
        elif codes is not None and not codes:
            cells.problem(row, column,
                          Message.of("input.field.none_defined", what="target area"), value=code,
                          hint=Message.of("input.field.add_tables",
                                          tables="[[target_areas]] (id, fi, en)"))
        else:
            found.append(code)
    return tuple(dict.fromkeys(found))
