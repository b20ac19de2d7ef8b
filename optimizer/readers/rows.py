"""Tables as read: `Row`s of stripped text (and the numbers, formulas and dates of XLSX
cells) and the `Table` that holds them, built from a header and its records with every
structural problem collected.

Row numbers are those a spreadsheet shows: the header is row 1, the first data row is
row 2 (a CSV record that spans several lines by quoting is still one row). Rows whose
cells are all empty are skipped but keep their numbers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import optimizer.readers.limits as limits
from optimizer.errors import InputError, Problem
from optimizer.vocabulary.message import Message

Cell = str | int | float


@dataclass(frozen=True, slots=True)  # a large round has millions
class Row:
    """One data row: its spreadsheet row number and its cells by column name.

    `values` holds stripped text; `numbers` holds the numeric XLSX cells as numbers
    (their text form is also in `values`); `formulas` the formulas of XLSX cells that
    read as empty because no value was saved with them; `dates` the columns whose XLSX
    cell is a date or time. Do not mutate any of them.
    """

    number: int
    values: Mapping[str, str]
    numbers: Mapping[str, int | float] = field(default_factory=dict)
    formulas: Mapping[str, str] = field(default_factory=dict)
    dates: frozenset[str] = frozenset()

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)

    def cell(self, column: str) -> Cell:
        """The cell as read: a number for numeric XLSX cells, else stripped text."""
        if column in self.numbers:
            return self.numbers[column]
        return self.values.get(column, "")


@dataclass(frozen=True)
class Table:
    """The rows of one table file, with its name for messages."""

    file: str  # display name, e.g. "applications.csv"
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    path: Path | None = None


NOTHING: Mapping[str, Any] = MappingProxyType({})  # the numbers and formulas of a CSV row


class DateText(str):
    """The ISO text of an XLSX date or time cell; the type marks it as a date."""


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Build many small objects without the cyclic garbage collector running meanwhile.

    Reading a round makes millions of rows, dicts and tuples that form no reference cycles;
    the collector would traverse them again and again while they pile up (a third of the
    time of reading 100,000 applications). It runs again, as before, at the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(name: str, path: Path, header: list[Cell],
          records: Iterable[tuple[int, list[Cell]]], text: bool = False) -> Table:
    """The table of a header and its records; `text`: every cell is a str (CSV), so the
    rows hold text only and are built the short way."""
    problems: list[Problem] = []
    columns = [cell_text(h) for h in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise InputError(Problem(Message.of("input.table.no_header"), file=name, row=1,
                                 hint=Message.of("input.csv.header_hint")))
    seen: set[str] = set()
    for i, col in enumerate(columns, start=1):
        if not col:
            problems.append(Problem(Message.of("input.table.unnamed", index=i), file=name, row=1,
                                    hint=Message.of("input.table.unnamed.hint")))
        elif col in seen:
            problems.append(Problem(Message.of("input.table.duplicate"), file=name, row=1,
                                    column=col, value=col,
                                    hint=Message.of("input.table.duplicate.hint")))
        seen.add(col)
    rows: list[Row] = []
    read = len(header)
    width = len(columns)
    named = [(i, col) for i, col in enumerate(columns) if col]
    every_named = len(named) == width
    for number, cells in records:
        read += len(cells)
        if read > limits.MAX_CELLS:
            raise InputError(limit_problem(name, number, limits.MAX_CELLS, "cells"))
        if len(cells) > width:
            extra = [c for c in cells[width:] if cell_text(c)]
            if extra:
                problems.append(Problem(
                    Message.of("input.table.too_wide", cells=width + len(extra), width=width),
                    file=name, row=number, value=shown(cell_text(extra[0])),
                    hint=Message.of("input.table.too_wide.hint")))
                continue
        if text:
            line: list[str] = cells[:width]  # type: ignore[assignment]  # CSV: all text
            stripped = [c.strip() for c in line]
            if not any(stripped):
                continue
            stripped += [""] * (width - len(stripped))
            values = (dict(zip(columns, stripped, strict=True)) if every_named
                      else {col: stripped[i] for i, col in named})
            row = Row(number, values, NOTHING, NOTHING)
        else:
            cells = list(cells[:width]) + [""] * (width - len(cells))
            if not any(cell_text(c) for c in cells):
                continue
            row = _row(number, columns, cells)
        if len(rows) == limits.MAX_ROWS:
            raise InputError(limit_problem(name, number, limits.MAX_ROWS, "rows"))
        rows.append(row)
    if problems:
        raise InputError(problems)
    return Table(name, tuple(columns), tuple(rows), path)


def _row(number: int, columns: list[str], cells: list[Cell]) -> Row:
    named = [(col, c) for col, c in zip(columns, cells, strict=True) if col]
    values = {col: cell_text(c) for col, c in named}
    numbers = {col: c for col, c in named
               if isinstance(c, int | float) and not isinstance(c, bool)}
    dates = frozenset(col for col, c in named if isinstance(c, DateText))
    return Row(number, values, numbers, dates=dates)


def limit_problem(name: str, row: int, limit: int, what: str) -> Problem:
    """The table passed a limit of `what` ("rows" or "cells")."""
    return Problem(Message.of("input.table.limit", limit=limit, what=what), file=name, row=row,
                   hint=Message.of("input.table.limit.hint"))


def cell_text(cell: Cell) -> str:
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


SHOWN_CHARACTERS = 80  # of a cell's text in a message: a whole 100,000-character cell
#                        would bury the message


def shown(value: object) -> object:
    """A value as a problem shows it: text longer than SHOWN_CHARACTERS is cut, saying so."""
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return f"{value[:SHOWN_CHARACTERS - 20]}... ({len(value):,} characters)"
    return value
