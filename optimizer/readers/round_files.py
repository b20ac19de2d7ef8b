"""The tables of a round folder: which files there are, their columns, and what reading
them shares: the problems and notes collected (`State`), and the application ids the other
files are checked against (`Ids`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.cells import Cells
from optimizer.readers.dates import DATE_HINT, id_dates, made_of
from optimizer.readers.register import Register
from optimizer.readers.rows import Row, Table, shown
from optimizer.readers.tables import read_table
from optimizer.vocabulary.message import Message

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


@dataclass
class State:
    """What reading a round folder has found so far: its problems and notes."""

    folder: Path
    register: Register
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    # date -> the id cell of the applications file that Excel made that date of
    date_ids: dict[dt.date, str] = field(default_factory=dict)
    registered: bool = True  # call.toml register: names and regions are the register's


@dataclass
class Ids:
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

    def missing(self, cells: Cells, row: Row, column: str, app_id: str,
                message: Message) -> bool:
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
            cells.problem(row, column, Message.of("input.id.date", source=source),
                          value=app_id, hint=DATE_HINT)
        else:
            cells.problem(row, column, message, value=app_id,
                          hint=Message.of("input.id.use_known", file=self.file,
                                          hits=suggest(app_id, self.known)))
        return True

    def notes(self, file: str) -> list[Problem]:
        """What was not reported row by row in `file`, in one note each (then reset)."""
        out = []
        if self.unchecked:
            out.append(Problem(Message.of("input.id.unchecked", rows=self.unchecked,
                                          file=self.file), file=file))
        if self.as_dates:
            out.append(Problem(
                Message.of("input.id.as_dates", rows=[n for n, _ in self.as_dates[:10]],
                           more=max(len(self.as_dates) - 10, 0),
                           ids=sorted({i for _, i in self.as_dates}), file=self.file),
                file=file, column="application_id"))
        self.unchecked, self.as_dates = 0, []
        return out


def find_table(state: State, stem: str) -> Path | None:
    hits = [state.folder / f"{stem}{s}" for s in TABLE_SUFFIXES
            if (state.folder / f"{stem}{s}").is_file()]
    if len(hits) > 1:
        state.problems.append(Problem(
            Message.of("input.round.both", first=hits[0].name, second=hits[1].name),
            file=hits[1].name, hint=Message.of("input.round.both.hint", stem=stem)))
    return hits[0] if hits else None


def round_table(state: State, stem: str, path: Path | None) -> Table | None:
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
            others = [c for c in table.columns if c not in known]
            state.problems.append(Problem(
                Message.of("input.column.missing", column=column), file=table.file, row=1,
                column=column, value=column,
                hint=Message.of("input.column.header", columns=list(table.columns),
                                hits=suggest(column, others))))
    for column in table.columns:
        if column and column not in known and not (stem == "applications"
                                                   and YEAR_COST.fullmatch(column)):
            state.problems.append(Problem(
                Message.of("input.column.unknown"), file=table.file, row=1, column=column,
                value=shown(column), hint=Message.of("input.column.known", columns=list(known),
                                                     hits=suggest(column, known))))
    return table


def complete(table: Table, stem: str) -> bool:
    """Whether the table has every required column. Rows of a participants or awards file
    that lacks one are not read: the missing column is the problem, not every row."""
    return all(column in table.columns for column in COLUMNS[stem][0])
