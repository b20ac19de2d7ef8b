"""Reading sheets as rows of stripped strings.

Uses optimizer.tables.read_table when it is available; otherwise a small reader with
the same contract (UTF-8 with or without BOM, `,` or `;`, XLSX first sheet).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optimizer.errors import InputError, Problem


@dataclass(frozen=True)
class Row:
    number: int  # 1-based spreadsheet row, header = row 1
    values: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    file: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(default=())


def read_rows(path: Path) -> Any:
    """A table with .file, .columns and .rows (each .number and .values)."""
    try:
        from optimizer.tables import read_table
    except ImportError:
        return _read_fallback(path)
    return read_table(path)


def _read_fallback(path: Path) -> Table:
    name = str(path)
    if not path.is_file():
        raise InputError(Problem("file not found", file=name,
                                 hint="Check the path (relative paths are resolved from the "
                                      "round folder)"))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        records = _xlsx_records(path)
    elif suffix in (".csv", ".txt"):
        records = _csv_records(path)
    else:
        raise InputError(Problem("unsupported file type", file=name, value=path.suffix,
                                 hint="Use a .csv or .xlsx file"))
    while records and not any(records[-1]):
        records.pop()
    if not records or not any(records[0]):
        raise InputError(Problem("the file is empty: no header row", file=name, row=1,
                                 hint="The first row must name the columns"))
    header = [h.strip() for h in records[0]]
    while header and not header[-1]:
        header.pop()
    problems = []
    seen: dict[str, int] = {}
    for index, column in enumerate(header):
        if not column:
            problems.append(Problem(f"column {index + 1} has no name", file=name, row=1,
                                    hint="Name every column in the header row"))
        elif column.casefold() in seen:
            problems.append(Problem("duplicate column", file=name, row=1, column=column,
                                    hint="Each column name may appear only once"))
        seen[column.casefold()] = index
    if problems:
        raise InputError(problems)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        cells = [c.strip() for c in record]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(number, dict(zip(header, cells[:len(header)], strict=True))))
    return Table(name, tuple(header), tuple(rows))


def _csv_records(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Problem("the file is not UTF-8 text", file=str(path),
                                 hint="Save it as 'CSV UTF-8' (or as .xlsx)")) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_records(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(Problem(f"cannot read the workbook: {exc}", file=str(path),
                                 hint="Save it again as .xlsx")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> float | None:
    """A number as Finnish offices write it (decimal comma, space separators), else None."""
    s = _SPACES.sub("", str(text)).replace("\u2212", "-")
    if not s:
        return None
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") \
            else s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
