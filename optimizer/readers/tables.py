"""Low-level readers: CSV and XLSX files into `Table`s, and cell parsers.

Readers accept what Finnish offices produce: UTF-8 with or without BOM, `,` or `;`
(or tab) as delimiter, quoted fields, XLSX. Row numbers are those a spreadsheet
shows: the header is row 1, the first data row is row 2 (a CSV record that spans
several lines by quoting is still one row). Rows whose cells are all empty are
skipped but keep their numbers.

Cell parsers take a cell (text, or an XLSX number) and return a value or a `Problem`
that says what is wrong and how to fix it; the caller adds file, row and column
(`Cells` does that and collects the problems).

Amounts (`parse_amount`) follow one rule, so that no amount is ever guessed:

* White space of any kind (space, no-break space, thin space) separates thousands;
  the groups after the first must have exactly three digits ("1 090 125", "111 350,00").
* The decimal separator is ',' or '.', followed by one or two digits (cents):
  "111350,00", "111350.00", "135150,5".
* ',' and '.' in the same amount: the last one is the decimal separator and the other
  separates thousands in groups of three ("16,100,330.45", "16.100.330,45").
* A lone ',' or '.' followed by three digits ("1,234", "1.234"), several commas or
  points without a decimal part ("1,090,125"), or more than two decimals are ambiguous
  and rejected with a message that says how to write the amount.
* An optional "€" or "EUR" before or after the number, and a sign, are allowed.
* XLSX numeric cells are taken as the numbers they are (no text round trip).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from optimizer.errors import InputError, Problem

Cell = str | int | float
T = TypeVar("T")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = ("-", "\u2212", "\u2013")


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number and its cells by column name.

    `values` holds stripped text; `numbers` holds the numeric XLSX cells as numbers
    (their text form is also in `values`). Do not mutate either.
    """

    number: int
    values: Mapping[str, str]
    numbers: Mapping[str, int | float] = field(default_factory=dict)

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
    file: str  # display name, e.g. "applications.csv"
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    path: Path | None = None


# --- readers ---------------------------------------------------------------------


def read_table(path: str | Path, sheet: str | None = None, display: str | None = None) -> Table:
    """Read a .csv or .xlsx file (the first sheet, or `sheet`) into a Table.

    Raises InputError with every structural problem of the file (not found, not UTF-8,
    empty or duplicate column names, rows with more cells than the header).
    """
    path = Path(path)
    name = display or path.name
    if not path.is_file():
        raise InputError(Problem("file not found", file=name, value=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet is not None:
            raise InputError(Problem("a CSV file has no sheets", file=name, value=sheet))
        header, records = _csv_records(path, name)
    elif suffix in (".xlsx", ".xlsm"):
        header, records = _xlsx_records(path, name, sheet)
    else:
        raise InputError(Problem(
            "unsupported file type", file=name, value=path.suffix,
            hint="Save the table as CSV (UTF-8) or XLSX",
        ))
    return _build(name, path, header, records)


def _build(name: str, path: Path, header: list[Cell],
           records: Iterable[tuple[int, list[Cell]]]) -> Table:
    problems: list[Problem] = []
    columns = [_text(h) for h in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise InputError(Problem("the file has no header row", file=name, row=1,
                                 hint="The first row must name the columns"))
    seen: set[str] = set()
    for i, col in enumerate(columns, start=1):
        if not col:
            problems.append(Problem(f"column {i} of the header has no name", file=name, row=1,
                                    hint="Name every column, or delete the empty one"))
        elif col in seen:
            problems.append(Problem("duplicate column name", file=name, row=1, column=col,
                                    value=col, hint="Each column name may appear only once"))
        seen.add(col)
    rows = []
    for number, cells in records:
        extra = [c for c in cells[len(columns):] if _text(c)]
        if extra:
            problems.append(Problem(
                f"the row has {len(columns) + len(extra)} or more cells but the header names "
                f"{len(columns)} columns", file=name, row=number, value=_text(extra[0]),
                hint="Quote cells that contain the delimiter, or add a header for the column",
            ))
            continue
        cells = list(cells[: len(columns)]) + [""] * (len(columns) - len(cells))
        if not any(_text(c) for c in cells):
            continue
        values = {col: _text(c) for col, c in zip(columns, cells, strict=True) if col}
        numbers = {
            col: c for col, c in zip(columns, cells, strict=True)
            if col and isinstance(c, int | float) and not isinstance(c, bool)
        }
        rows.append(Row(number, values, numbers))
    if problems:
        raise InputError(problems)
    return Table(name, tuple(columns), tuple(rows), path)


def sniff_delimiter(header_line: str) -> str:
    """';', tab or ',': whichever occurs most often outside quotes in the header line."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _csv_records(path: Path, name: str) -> tuple[list[Cell], list[tuple[int, list[Cell]]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line})",
            file=name, hint="Save it as 'CSV UTF-8' (Excel) or re-encode it as UTF-8",
        )) from None
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InputError(Problem(f"cannot read the CSV: {exc}", file=name,
                                 row=reader.line_num or None)) from None
    if not records:
        raise InputError(Problem("the file is empty", file=name,
                                 hint="The first row must name the columns"))
    header, *body = records
    return list(header), [(i, list(r)) for i, r in enumerate(body, start=2)]


def _xlsx_records(path: Path, name: str,
                  sheet: str | None) -> tuple[list[Cell], list[tuple[int, list[Cell]]]]:
    import openpyxl  # only needed for XLSX

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(Problem(f"cannot open the workbook: {exc}", file=name)) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            from optimizer.errors import did_you_mean

            raise InputError(Problem(
                "no such sheet", file=name, value=sheet,
                hint=f"Sheets: {', '.join(book.sheetnames)}.{did_you_mean(sheet, book.sheetnames)}",
            ))
        if hasattr(ws, "reset_dimensions"):  # some writers store a wrong sheet size
            ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(Problem("the sheet is empty", file=name,
                                     hint="The first row must name the columns"))
        body = [(i, [_xlsx_cell(v) for v in r]) for i, r in enumerate(rows, start=2)]
        return [_xlsx_cell(v) for v in header], body
    finally:
        book.close()


def _xlsx_cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if hasattr(value, "isoformat"):  # dates and times
        return value.isoformat()
    return str(value)


def _text(cell: Cell) -> str:
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


# --- cell parsers ------------------------------------------------------------------


def _strip_currency(text: str) -> str:
    t = text.strip()
    for token in ("€", "eur", "euroa", "e"):
        if t.casefold().endswith(token) and (token != "e" or t[:-1].rstrip()[-1:].isdigit()):
            t = t[: -len(token)]
            break
    for token in ("€", "eur"):
        if t.casefold().startswith(token):
            t = t[len(token):]
            break
    return t.strip()


def _sign(text: str) -> tuple[int, str]:
    t = text.strip()
    if t[:1] in _MINUS:
        return -1, t[1:].strip()
    if t[:1] == "+":
        return 1, t[1:].strip()
    return 1, t


def _grouped(integer: str, separator: str) -> bool:
    """Digits in groups of three after the first (1-3 digits) group."""
    groups = integer.split(separator)
    return (groups[0].isdigit() and len(groups[0]) <= 3
            and all(len(g) == 3 and g.isdigit() for g in groups[1:]))


_AMOUNT_HINT = "Write it as 1234.56, 1234,56 or 1 234,56 (space as thousands separator)"


def parse_amount(cell: Cell) -> float | Problem:
    """Euros, to the cent, by the rule in the module notes."""
    if isinstance(cell, bool):
        return Problem("not an amount", value=cell)
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Problem("not a finite amount", value=cell)
        return float(cell)
    raw = str(cell)
    text = raw.strip()
    if not text:
        return Problem("the amount is empty", value=raw)
    sign, body = _sign(_strip_currency(text))
    body = _SPACES.sub(" ", body).strip()
    if not body:
        return Problem("not an amount", value=raw, hint=_AMOUNT_HINT)
    integer, decimals = body, ""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        integer, _, decimals = body.rpartition(decimal_sep)
        if decimal_sep in integer or not (1 <= len(decimals) <= 2):
            return Problem("mixed ',' and '.' do not form an amount", value=raw,
                           hint=_AMOUNT_HINT)
        if " " in integer or not _grouped(integer, thousands):
            return Problem(
                f"'{thousands}' as thousands separator must separate groups of three digits",
                value=raw, hint=_AMOUNT_HINT)
        integer = integer.replace(thousands, "")
    elif commas or points:
        sep = "," if commas else "."
        if commas + points > 1:
            return Problem(
                f"several '{sep}' in an amount: '{sep}' may be a decimal separator only once, "
                "and is not accepted as a thousands separator unless the amount has decimals",
                value=raw, hint=_AMOUNT_HINT)
        integer, _, decimals = body.partition(sep)
        if len(decimals) == 3 and integer.strip():
            return Problem(
                f"ambiguous amount: '{sep}' followed by three digits may be a decimal or a "
                "thousands separator", value=raw, hint=_AMOUNT_HINT)
        if not (1 <= len(decimals) <= 2):
            return Problem(
                f"an amount has at most two decimals (cents) after '{sep}'", value=raw,
                hint=_AMOUNT_HINT)
    if " " in integer:
        if not _grouped(integer, " "):
            return Problem("spaces in an amount must separate groups of three digits",
                           value=raw, hint=_AMOUNT_HINT)
        integer = integer.replace(" ", "")
    if not integer.isdigit() or (decimals and not decimals.isdigit()):
        return Problem("not an amount", value=raw, hint=_AMOUNT_HINT)
    try:
        number = Decimal(integer + ("." + decimals if decimals else ""))
    except InvalidOperation:  # pragma: no cover - guarded by isdigit above
        return Problem("not an amount", value=raw, hint=_AMOUNT_HINT)
    return float(sign * number)


def parse_int(cell: Cell) -> int | Problem:
    """A whole number; spaces may separate thousands ("1 090 125")."""
    if isinstance(cell, bool):
        return Problem("not a whole number", value=cell)
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if cell.is_integer():
            return int(cell)
        return Problem("not a whole number", value=cell)
    raw = str(cell)
    sign, body = _sign(_SPACES.sub(" ", raw).strip())
    if not body:
        return Problem("the number is empty", value=raw)
    if " " in body and _grouped(body, " "):
        body = body.replace(" ", "")
    if not body.isdigit():
        return Problem("not a whole number", value=raw, hint="Write digits only, e.g. 12")
    return sign * int(body)


def parse_float(cell: Cell) -> float | Problem:
    """A number with a decimal comma or point ("0,85", "0.85", "2"); no thousands separators."""
    if isinstance(cell, bool):
        return Problem("not a number", value=cell)
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Problem("not a finite number", value=cell)
        return float(cell)
    raw = str(cell)
    text = raw.strip().replace("\u2212", "-")
    if not text:
        return Problem("the number is empty", value=raw)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return Problem("not a number", value=raw, hint="Write e.g. 0.85 or 0,85")
    if not math.isfinite(value) or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?",
                                                      text):
        return Problem("not a number", value=raw, hint="Write e.g. 0.85 or 0,85")
    return value


def parse_code(cell: Cell, width: int = 3) -> str | Problem:
    """A zero-padded numeric code: "91", "091" and the XLSX number 91 all give "091"."""
    if isinstance(cell, bool):
        return Problem("not a code", value=cell)
    if isinstance(cell, float):
        if not cell.is_integer():
            return Problem("not a code", value=cell, hint=f"Codes are {width} digits")
        cell = int(cell)
    text = str(cell).strip()
    if not text:
        return Problem("the code is empty", value=str(cell))
    if not text.isdigit() or len(text) > width:
        return Problem(f"a code is at most {width} digits", value=str(cell),
                       hint=f"Write it as {width} digits, e.g. {'0' * (width - 2)}91")
    return text.zfill(width)


# --- collecting problems -----------------------------------------------------------


class Cells:
    """Parses cells of one table and collects every problem with its file, row and column."""

    def __init__(self, table: Table, problems: list[Problem] | None = None):
        self.table = table
        self.problems: list[Problem] = problems if problems is not None else []

    def problem(self, row: Row | None, column: str | None, message: str,
                value: object = None, hint: str = "") -> None:
        self.problems.append(Problem(message, file=self.table.file,
                                     row=row.number if row else None, column=column,
                                     value=value, hint=hint))

    def parse(self, row: Row, column: str, parser: Callable[[Cell], T | Problem],
              required: bool = False) -> T | None:
        """The parsed cell; None (and maybe a problem) when it is empty or bad."""
        cell = row.cell(column)
        if isinstance(cell, str) and not cell:
            if required:
                self.problem(row, column, "the cell is empty", value="",
                             hint=f"Every row needs a value in {column!r}")
            return None
        result = parser(cell)
        if isinstance(result, Problem):
            self.problems.append(replace(result, file=self.table.file, row=row.number,
                                         column=column))
            return None
        return result
