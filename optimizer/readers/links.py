"""links.csv (or .xlsx) of a round folder: links between applications (issue 14).

Columns (one link per row; header names as here, any order):

  kind        requires | excludes | together | synergy           (required)
  ids         the linked application ids, separated by ";"         (required)
  requires    for kind "requires": the id that each of `ids` needs
  bonus       for kind "synergy": score points added when all of `ids` are funded
  saving_eur  for kind "synergy": euros saved when all of `ids` are funded
  note        free text

This module reads and checks the cells (numbers, the kinds, the ids against the round);
model.prepare turns each row into the same link a scenario's [[links]] table gives.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optimizer.constants import LinkKind, values
from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.cells import parse_amount
from optimizer.readers.rows import Row
from optimizer.readers.tables import read_table
from optimizer.vocabulary.message import Message

MAX_BONUS = 100.0  # score points, as for a scenario's [[links]]; a score is at most 1
LINK_FILES = ("links.csv", "links.xlsx")
LINK_COLUMNS = ("kind", "ids", "requires", "bonus", "saving_eur", "note")
KINDS = values(LinkKind)


@dataclass(frozen=True)
class LinkRow:
    """One row of links.csv, checked; `where` names file and row for later messages."""

    table: dict[str, Any]
    where: str


def links_path(folder: Path) -> Path | None:
    """The round's links file, if it has one."""
    return next((folder / n for n in LINK_FILES if (folder / n).is_file()), None)


def read_links(folder: Path, known_ids: Collection[str]) -> tuple[LinkRow, ...]:
    """Every row of the round's links file (none: ()); InputError lists every bad cell."""
    path = links_path(folder)
    if path is None:
        return ()
    table = read_table(path)
    problems = [Problem(Message.of("input.links.unknown_column", columns=list(LINK_COLUMNS),
                                   hits=suggest(c, LINK_COLUMNS)), file=table.file, column=c)
                for c in table.columns if c not in LINK_COLUMNS]
    problems += [Problem(Message.of("input.links.missing_column"), file=table.file, column=c)
                 for c in ("kind", "ids") if c not in table.columns]
    if problems:
        raise InputError(problems)
    rows, known = [], set(known_ids)
    for row in table.rows:
        found = _row(row, table.file, known)
        if isinstance(found, LinkRow):
            rows.append(found)
        else:
            problems += found
    if problems:
        raise InputError(problems)
    return tuple(rows)


def link_problems(folder: Path, known_ids: Collection[str]) -> list[Problem]:
    """Every problem `read_links` (and so `run`) finds in the round's links file."""
    try:
        read_links(folder, known_ids)
    except InputError as error:
        return list(error.problems)
    return []


def _row(row: Row, file: str, known: set[str]) -> LinkRow | list[Problem]:
    problems = []

    def bad(column: str, message: str | Message, hint: str | Message = "") -> None:
        problems.append(Problem(message, file=file, row=row.number, column=column,
                                value=row[column], hint=hint))

    kind = row["kind"].strip().lower()
    if kind not in KINDS:
        bad("kind", Message.of("input.links.kind", kinds=list(KINDS), hits=suggest(kind, KINDS)))
    ids = [i.strip() for i in row["ids"].replace(",", ";").split(";") if i.strip()]
    if not ids:
        bad("ids", Message.of("input.links.no_id"), Message.of("input.links.no_id.hint"))
    for column, names in (("ids", ids), ("requires", [row["requires"].strip()])):
        for name in (n for n in names if n and n not in known):
            bad(column, Message.of("input.links.unknown_id", name=name,
                                   hits=suggest(name, known)))
    table: dict[str, Any] = {"kind": kind, "ids": ids}
    if row["requires"].strip():
        table["requires"] = row["requires"].strip()
    if row["bonus"].strip():
        try:
            table["bonus"] = float(row["bonus"].strip().replace(",", "."))
        except ValueError:
            bad("bonus", Message.of("input.links.bonus"), Message.of("input.links.bonus.hint"))
    if row["saving_eur"].strip():
        value = parse_amount(row.cell("saving_eur"))
        if isinstance(value, Problem):
            bad("saving_eur", value.message)
        else:
            table["saving_eur"] = value
    if row["note"].strip():
        table["note"] = row["note"].strip()
    if not problems:
        for column, message in _shape(table):
            bad(column, message)
    return problems or LinkRow(table, f"{file}, row {row.number}")


def _shape(table: dict[str, Any]) -> list[tuple[str, Message]]:
    """What a link of its kind must have, as a scenario's [[links]] table is checked, so that
    `data check` finds every problem `run` would stop at (column, message)."""
    kind, ids, requires = table["kind"], table["ids"], table.get("requires")
    found: list[tuple[str, Message]] = []
    least = 1 if kind == LinkKind.REQUIRES else 2
    if len(ids) < least or len(set(ids)) != len(ids):
        found.append(("ids", Message.of("scenario.link.ids", kind=kind, least=least)))
    if (kind == LinkKind.REQUIRES) != (requires is not None):
        found.append(("requires", Message.of("scenario.link.requires",
                                             example=kind == LinkKind.REQUIRES)))
    if requires is not None and requires in ids:
        found.append(("requires", Message.of("scenario.link.self", id=requires)))
    extra = [c for c in ("bonus", "saving_eur") if table.get(c)]
    if kind != LinkKind.SYNERGY and extra:
        found.append((extra[0], Message.of("scenario.link.not_synergy")))
    if kind == LinkKind.SYNERGY and not extra:
        found.append(("bonus", Message.of("scenario.link.synergy_empty")))
    bonus = table.get("bonus", 0.0)
    if not 0.0 <= bonus <= MAX_BONUS:  # NaN too
        found.append(("bonus", Message.of("input.links.bonus_range", most=MAX_BONUS)))
    return found
