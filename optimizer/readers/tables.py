"""Low-level readers: CSV and XLSX files into `Table`s, and cell parsers.

Readers accept what Finnish offices produce: UTF-8 with or without BOM, `,` or `;`
(or tab) as delimiter, quoted fields, XLSX. Row numbers are those a spreadsheet
shows: the header is row 1, the first data row is row 2 (a CSV record that spans
several lines by quoting is still one row). Rows whose cells are all empty are
skipped but keep their numbers.

What one file may make the tool read is bounded, so that a damaged or hostile file ends
in one clear problem instead of exhausting memory (the constants below):

* MAX_FILE_BYTES: 50 MB on disk, for a CSV or an XLSX file;
* MAX_XLSX_UNPACKED_BYTES: 500 MB, the XML inside an XLSX (its zip members) unpacked;
* MAX_ROWS: 1,000,000 data rows with content;
* MAX_CELLS: 20,000,000 cells read (every cell of every row as the file stores it).

XLSX is read with openpyxl, which parses with defusedxml (entity expansion and external
entities off); a workbook whose XML declares entities is refused, as is every other
parse failure, with one problem naming the file. A formula cell without a saved value
(a file written by a program that does not compute formulas) reads as empty, and
`Row.formulas` keeps its formula so that a required cell is reported as what it is.
XLSX date cells keep their ISO text, and `Row.dates` names their columns.

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
* Exponents ("1e6"), "inf" and "nan" are not amounts, and no amount is larger than
  MAX_EUR (1e12 €) in absolute value.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from optimizer.errors import InputError, Problem, did_you_mean
from optimizer.readers.domain import MAX_EUR

Cell = str | int | float
T = TypeVar("T")

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB  # one CSV or XLSX file on disk
MAX_XLSX_UNPACKED_BYTES = 500 * MB  # the members of an XLSX (a zip), unpacked
MAX_ROWS = 1_000_000  # data rows with content in one table
MAX_CELLS = 20_000_000  # cells read from one table, empty ones included

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = ("-", "\u2212", "\u2013")
_UTF8_HINT = "Save it as 'CSV UTF-8 (comma delimited)' in Excel, or re-encode it as UTF-8"
_RESAVE_HINT = ("Open it in Excel or LibreOffice and save it again as .xlsx, or save the "
                "table as CSV UTF-8")
FORMULA_MESSAGE = "a formula without a saved value: open the file in Excel and save it"


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
    file: str  # display name, e.g. "applications.csv"
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    path: Path | None = None


_NOTHING: Mapping[str, Any] = MappingProxyType({})  # the numbers and formulas of a CSV row


class _DateText(str):
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


# --- readers ---------------------------------------------------------------------


def read_table(path: str | Path, sheet: str | None = None, display: str | None = None) -> Table:
    """Read a .csv or .xlsx file (the first sheet, or `sheet`) into a Table.

    Raises InputError with every structural problem of the file (not found, too large,
    not UTF-8, not a workbook, empty or duplicate column names, rows with more cells
    than the header).
    """
    path = Path(path)
    name = display or path.name
    if not path.is_file():
        raise InputError(Problem("file not found", file=name, value=str(path)))
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InputError(Problem(
            "unsupported file type", file=name, value=path.suffix,
            hint="Save the table as CSV (UTF-8) or XLSX",
        ))
    _check_size(path, name)
    if suffix == ".csv":
        if sheet is not None:
            raise InputError(Problem("a CSV file has no sheets", file=name, value=sheet))
        data = read_bytes(path, name)
        _check_not_a_workbook(data, name)
        header, records = _csv_records(decode_text(data, name), name)
        return _build(name, path, header, records, text=True)
    return _read_xlsx(path, name, sheet)


def _check_size(path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=name)) from None
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(
            f"the file is {_size(size)}, more than the {_size(MAX_FILE_BYTES)} the tool "
            "reads from one file", file=name,
            hint="Remove what the round does not need (other sheets, images, empty "
                 "formatted rows), or split the file"))


def _size(n: int) -> str:
    """A size as people read it: "50 MB", "50.2 MB", "100 bytes"."""
    if n < MB:
        return f"{n:,} bytes"
    return f"{n // MB:,} MB" if n % MB == 0 else f"{n / MB:,.1f} MB"


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; InputError (not a bare OSError) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=name)) from None


def _check_not_a_workbook(data: bytes, name: str) -> None:
    """A workbook saved under a .csv name is said to be one, not read as text."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError(Problem("the file is an XLSX workbook (a zip archive), not a CSV",
                                 file=name, hint="Rename it to .xlsx, or save it as CSV UTF-8"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(Problem("the file is an old Excel .xls workbook, not a CSV",
                                 file=name, hint="Save it as CSV UTF-8 or as .xlsx"))


def decode_text(data: bytes, name: str, hint: str = _UTF8_HINT) -> str:
    """UTF-8 text without its BOM; InputError naming the encoding the file seems to have
    (`hint`: how to save the file as UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem("the file is UTF-16 (Excel's 'Unicode text'), not UTF-8",
                                 file=name, hint=hint))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(Problem(
            f"the file holds NUL bytes (from line {line}): it is UTF-16 without a byte "
            "order mark, or not a text file", file=name, hint=hint))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}"
            f"{_legacy_reading(data, exc.start)})", file=name, hint=hint)) from None


def _legacy_reading(data: bytes, at: int) -> str:
    """How the word around byte `at` reads in Windows-1252 (Latin-1), if it does."""
    stops = b" \t\r\n,;\""
    begin = max((data.rfind(bytes([s]), 0, at) for s in stops), default=-1) + 1
    ends = [i for s in stops if (i := data.find(bytes([s]), at)) != -1]
    word = data[begin: min(ends, default=len(data))][:40]
    try:
        text = word.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f", which reads {text!r} if the file is Windows-1252 (Latin-1)"


def _build(name: str, path: Path, header: list[Cell],
           records: Iterable[tuple[int, list[Cell]]], text: bool = False) -> Table:
    """The table of a header and its records; `text`: every cell is a str (CSV), so the
    rows hold text only and are built the short way."""
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
    rows: list[Row] = []
    read = len(header)
    width = len(columns)
    named = [(i, col) for i, col in enumerate(columns) if col]
    every_named = len(named) == width
    for number, cells in records:
        read += len(cells)
        if read > MAX_CELLS:
            raise InputError(_limit(name, number, f"more than {MAX_CELLS:,} cells"))
        if len(cells) > width:
            extra = [c for c in cells[width:] if _text(c)]
            if extra:
                problems.append(Problem(
                    f"the row has {width + len(extra)} or more cells but the header names "
                    f"{width} columns", file=name, row=number, value=shown(_text(extra[0])),
                    hint="Quote cells that contain the delimiter, or add a header for the "
                         "column",
                ))
                continue
        if text:
            line: list[str] = cells[:width]  # type: ignore[assignment]  # CSV: all text
            stripped = [c.strip() for c in line]
            if not any(stripped):
                continue
            stripped += [""] * (width - len(stripped))
            values = (dict(zip(columns, stripped, strict=True)) if every_named
                      else {col: stripped[i] for i, col in named})
            row = Row(number, values, _NOTHING, _NOTHING)
        else:
            cells = list(cells[:width]) + [""] * (width - len(cells))
            if not any(_text(c) for c in cells):
                continue
            row = _row(number, columns, cells)
        if len(rows) == MAX_ROWS:
            raise InputError(_limit(name, number, f"more than {MAX_ROWS:,} rows"))
        rows.append(row)
    if problems:
        raise InputError(problems)
    return Table(name, tuple(columns), tuple(rows), path)


def _row(number: int, columns: list[str], cells: list[Cell]) -> Row:
    named = [(col, c) for col, c in zip(columns, cells, strict=True) if col]
    values = {col: _text(c) for col, c in named}
    numbers = {col: c for col, c in named
               if isinstance(c, int | float) and not isinstance(c, bool)}
    dates = frozenset(col for col, c in named if isinstance(c, _DateText))
    return Row(number, values, numbers, dates=dates)


def _limit(name: str, row: int, what: str) -> Problem:
    return Problem(f"the table has {what}, the most the tool reads from one file",
                   file=name, row=row,
                   hint="Delete unused rows and columns (a stray cell far down or far right "
                        "makes a sheet that large), or split the file")


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


def _csv_records(text: str, name: str) -> tuple[list[Cell], Iterator[tuple[int, list[Cell]]]]:
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(_csv_problem(exc, name, 1)) from None
    if header is None:
        raise InputError(Problem("the file is empty", file=name,
                                 hint="The first row must name the columns"))
    return list(header), _csv_body(reader, text, name, delimiter)


def _csv_body(reader: Any, text: str, name: str,
              delimiter: str) -> Iterator[tuple[int, list[Cell]]]:
    """The records after the header, lazily (the limits stop a huge file early)."""
    number, start = 1, 0
    record: list[Any] = []  # of str: a new list per record (csv.reader), yielded as is
    while True:
        line = reader.line_num + 1  # the first line of the next record
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(_csv_problem(exc, name, number + 1)) from None
        number, start = number + 1, line
        yield number, record
    if any("\n" in c or "\r" in c for c in record) and _unclosed(text, start, delimiter):
        raise InputError(Problem(
            "a quote (\") opened in this row is never closed, so the rest of the file was "
            "read as one cell", file=name, row=number,
            hint="Close the quote, or delete the stray quote character"))


def _unclosed(text: str, first_line: int, delimiter: str) -> bool:
    """Whether the CSV text from line `first_line` (1-based) ends inside a quoted cell."""
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[max(first_line - 1, 0):])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def _csv_problem(exc: csv.Error, name: str, row: int) -> Problem:
    if "field larger than field limit" in str(exc):
        return Problem(
            f"a cell is longer than {csv.field_size_limit():,} characters: a quote (\") "
            "opened here is probably never closed", file=name, row=row,
            hint="Close the quote, or delete the stray quote character")
    return Problem(f"cannot read the CSV: {exc}", file=name, row=row)


# --- XLSX --------------------------------------------------------------------------


def _read_xlsx(path: Path, name: str, sheet: str | None) -> Table:
    import openpyxl  # only needed for XLSX

    if not openpyxl.DEFUSEDXML:
        raise InputError(Problem(
            "XLSX files are read only with defusedxml, which is not installed or is "
            "switched off (OPENPYXL_DEFUSEDXML)", file=name,
            hint="pip install defusedxml, or save the table as CSV UTF-8"))
    _check_workbook(path, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it skips
        try:
            table, member = _xlsx_table(path, name, sheet)
            empty = _empty_cells(table)
            if empty and _has_formulas(path, member):
                return _with_formulas(table, path, sheet, empty)
            return table
        except InputError:
            raise
        except Exception as exc:  # openpyxl and its XML parser raise many kinds
            raise InputError(_workbook_problem(exc, name)) from None


def _check_workbook(path: Path, name: str) -> None:
    """A zip archive whose members unpack to at most MAX_XLSX_UNPACKED_BYTES.

    The sizes are those the archive declares; Python's zipfile never unpacks more.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # BadZipFile, or a damaged directory
        raise InputError(_not_a_zip(read_bytes(path, name)[:8], name)) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InputError(Problem(
            f"the workbook unpacks to {_size(unpacked)}, more than the "
            f"{_size(MAX_XLSX_UNPACKED_BYTES)} the tool reads from one file", file=name,
            hint="Delete unused sheets, images and formatted empty rows, or save the table "
                 "as CSV UTF-8"))


def _not_a_zip(head: bytes, name: str) -> Problem:
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem("cannot open the workbook: it is an old Excel .xls workbook, or a "
                       "password-protected one", file=name,
                       hint="Save it in Excel as 'Excel Workbook (.xlsx)' without a "
                            "password, or as CSV UTF-8")
    return Problem("cannot open the workbook: the file is not an XLSX workbook (not a zip "
                   "archive)", file=name,
                   hint="If it is a CSV, name it .csv; else " + _RESAVE_HINT[0].lower()
                        + _RESAVE_HINT[1:])


def _workbook_problem(exc: BaseException, name: str) -> Problem:
    """One line for whatever openpyxl or its XML parser raised (openpyxl wraps the parser's
    errors in its own, so the chain of causes is followed to the first one)."""
    chain = [exc]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) and len(chain) < 10:
        chain.append(cause)
    if any(type(e).__module__.startswith("defusedxml") for e in chain):
        return Problem(
            "cannot open the workbook: its XML declares entities or refers to external "
            "ones, which spreadsheet programs never write; the tool does not read it",
            file=name, hint=_RESAVE_HINT)
    root = chain[-1]
    reason = " ".join(str(root).split())[:160] or type(root).__name__
    if any(type(e).__name__ in ("ParseError", "ExpatError") for e in chain):
        reason = f"its XML is damaged ({reason})"
    return Problem(f"cannot open the workbook: {reason}", file=name, hint=_RESAVE_HINT)


@contextlib.contextmanager
def _sheet_rows(path: Path, name: str, sheet: str | None,
                data_only: bool) -> Iterator[tuple[Iterator[tuple[Any, ...]], str | None]]:
    """The rows of the sheet as values (saved values, or formulas if not `data_only`),
    and the name of the sheet's XML in the zip archive (if openpyxl tells it)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        if sheet is None:
            if not book.worksheets:
                raise InputError(Problem("the workbook has no sheet", file=name))
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise InputError(Problem(
                "no such sheet", file=name, value=sheet,
                hint=f"Sheets: {', '.join(book.sheetnames)}.{did_you_mean(sheet, book.sheetnames)}",
            ))
        if not hasattr(ws, "iter_rows"):
            raise InputError(Problem("the sheet is a chart, not a table", file=name,
                                     value=ws.title, hint="Put the table on the first sheet"))
        if hasattr(ws, "reset_dimensions"):  # some writers store a wrong sheet size
            ws.reset_dimensions()
        yield ws.iter_rows(values_only=True), getattr(ws, "_worksheet_path", None)
    finally:
        book.close()


def _xlsx_table(path: Path, name: str, sheet: str | None) -> tuple[Table, str | None]:
    with _sheet_rows(path, name, sheet, data_only=True) as (rows, member):
        header = next(rows, None)
        if header is None:
            raise InputError(Problem("the sheet is empty", file=name,
                                     hint="The first row must name the columns"))
        records = ((i, [_xlsx_cell(v) for v in r]) for i, r in enumerate(rows, start=2))
        return _build(name, path, [_xlsx_cell(v) for v in header], records), member


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path, member: str | None) -> bool:
    """Whether the sheet's XML holds a formula element: a scan of the bytes, much faster
    than a second pass of openpyxl (True when the sheet's XML is not known)."""
    if member is None:
        return True
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as xml:
        tail = b""
        while chunk := xml.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _empty_cells(table: Table) -> dict[int, list[str]]:
    """Row number -> named columns whose cell is empty (it may be an unsaved formula)."""
    out: dict[int, list[str]] = {}
    for row in table.rows:
        empty = [c for c in table.columns if c and not row.values.get(c)]
        if empty:
            out[row.number] = empty
    return out


def _with_formulas(table: Table, path: Path, sheet: str | None,
                   empty: Mapping[int, list[str]]) -> Table:
    """The table with `Row.formulas` set: a second pass over the sheet, as formulas."""
    index = {c: i for i, c in enumerate(table.columns) if c}
    found: dict[int, dict[str, str]] = {}
    last = max(empty)
    with _sheet_rows(path, table.file, sheet, data_only=False) as (rows, _):
        for number, values in enumerate(rows, start=1):
            if number > last:
                break
            for column in empty.get(number, ()):
                i = index[column]
                formula = _formula(values[i] if i < len(values) else None)
                if formula:
                    found.setdefault(number, {})[column] = formula
    if not found:
        return table
    return replace(table, rows=tuple(replace(r, formulas=found[r.number])
                                     if r.number in found else r for r in table.rows))


def _formula(value: Any) -> str | None:
    """The formula text of a cell read with data_only=False, or None."""
    if isinstance(value, str):
        return value if value.startswith("=") else None
    text = getattr(value, "text", None)  # array and data-table formulas
    return str(text) if text and "Formula" in type(value).__name__ else None


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
        return _DateText(value.isoformat())
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
RANGE_HINT = "Amounts are euros above 0 and at most 1,000,000,000,000 € (1e12)"


def _formula_text(raw: str) -> Problem:
    return Problem("a formula, not a value: the file holds the formula's text", value=raw,
                   hint="Save the values: in Excel copy the column, Paste Special > Values, "
                        "and save again")
_NOT_FINITE = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)
_EXPONENT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)[eE][+-]?\d+")
# Digits without a sign or grouping, and at most two decimals after one ',' or '.': the
# rule below reads it as the same number; 12 digits stay below MAX_EUR.
_PLAIN_AMOUNT = re.compile(r"([0-9]{1,12})(?:[.,]([0-9]{1,2}))?")


def parse_amount(cell: Cell) -> float | Problem:
    """Euros, to the cent, by the rule in the module notes; at most MAX_EUR in size."""
    if isinstance(cell, bool):
        return Problem("not an amount", value=cell)
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Problem("not a finite amount", value=cell, hint=RANGE_HINT)
        if abs(cell) > MAX_EUR:
            return Problem("the amount is larger than 1e12 €", value=cell, hint=RANGE_HINT)
        return float(cell)
    raw = str(cell)
    text = raw.strip()
    if plain := _PLAIN_AMOUNT.fullmatch(text):  # the common case, read the short way
        return float(f"{plain[1]}.{plain[2]}" if plain[2] else plain[1])
    if not text:
        return Problem("the amount is empty", value=raw)
    if text.startswith("="):
        return _formula_text(raw)
    if _NOT_FINITE.fullmatch(text):
        return Problem("not a finite amount", value=raw, hint=RANGE_HINT)
    if _EXPONENT.fullmatch(text):
        return Problem("an amount in exponent notation is not accepted", value=raw,
                       hint=f"Write every digit. {RANGE_HINT}")
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
    if number > Decimal(MAX_EUR):
        return Problem("the amount is larger than 1e12 €", value=raw, hint=RANGE_HINT)
    return float(sign * number)


MAX_INT_DIGITS = 15  # whole numbers in tables (counts, decision items) are below 10^15


def parse_int(cell: Cell) -> int | Problem:
    """A whole number of at most MAX_INT_DIGITS digits; spaces may separate thousands."""
    if isinstance(cell, bool):
        return Problem("not a whole number", value=cell)
    if isinstance(cell, float):
        if not cell.is_integer():
            return Problem("not a whole number", value=cell)
        cell = int(cell)
    if isinstance(cell, int):
        if abs(cell) >= 10**MAX_INT_DIGITS:
            return Problem("the number is too large", value=cell,
                           hint=f"At most {MAX_INT_DIGITS} digits")
        return cell
    raw = str(cell)
    sign, body = _sign(_SPACES.sub(" ", raw).strip())
    if not body:
        return Problem("the number is empty", value=raw)
    if " " in body and _grouped(body, " "):
        body = body.replace(" ", "")
    if not body.isdigit():
        return Problem("not a whole number", value=raw, hint="Write digits only, e.g. 12")
    if len(body.lstrip("0")) > MAX_INT_DIGITS:
        return Problem("the number is too large", value=raw,
                       hint=f"At most {MAX_INT_DIGITS} digits")
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
    if text.isdigit() and text.isascii() and math.isfinite(plain := float(text)):
        return plain  # whole numbers, the common case (scores), read the short way
    if not text:
        return Problem("the number is empty", value=raw)
    if text.startswith("="):
        return _formula_text(raw)
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
    if isinstance(cell, str) and len(cell) == width and cell.isdigit():
        return cell  # as written: the common case
    text = str(cell).strip()
    if not text:
        return Problem("the code is empty", value=str(cell))
    if not text.isdigit() or len(text) > width:
        return Problem(f"a code is at most {width} digits", value=str(cell),
                       hint=f"Write it as {width} digits, e.g. {'0' * (width - 2)}91")
    return text.zfill(width)


# --- collecting problems -----------------------------------------------------------

SHOWN_CHARACTERS = 80  # of a cell's text in a message: a whole 100,000-character cell
#                        would bury the message


def shown(value: object) -> object:
    """A value as a problem shows it: text longer than SHOWN_CHARACTERS is cut, saying so."""
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return f"{value[:SHOWN_CHARACTERS - 20]}... ({len(value):,} characters)"
    return value


def formula_problem(row: Row, column: str) -> Problem | None:
    """The problem of an empty cell that is an XLSX formula without a saved value."""
    formula = row.formulas.get(column)
    if formula is None:
        return None
    return Problem(FORMULA_MESSAGE, row=row.number, column=column, value=formula,
                   hint="The tool reads the values a spreadsheet program saved with its "
                        "formulas; this file was written by one that does not compute them")


class Cells:
    """Parses cells of one table and collects every problem with its file, row and column."""

    def __init__(self, table: Table, problems: list[Problem] | None = None):
        self.table = table
        self.problems: list[Problem] = problems if problems is not None else []

    def problem(self, row: Row | None, column: str | None, message: str,
                value: object = None, hint: str = "") -> None:
        self.problems.append(Problem(message, file=self.table.file,
                                     row=row.number if row else None, column=column,
                                     value=shown(value), hint=hint))

    def empty(self, row: Row, column: str, message: str = "the cell is empty",
              hint: str = "") -> None:
        """A required cell is empty: said so, or that it is a formula without a value."""
        problem = formula_problem(row, column)
        if problem is not None:
            self.problems.append(replace(problem, file=self.table.file))
            return
        self.problem(row, column, message, value="",
                     hint=hint or f"Every row needs a value in {column!r}")

    def parse(self, row: Row, column: str, parser: Callable[[Cell], T | Problem],
              required: bool = False) -> T | None:
        """The parsed cell; None (and maybe a problem) when it is empty or bad."""
        cell = row.cell(column)
        if isinstance(cell, str) and not cell:
            if required:
                self.empty(row, column)
            return None
        result = parser(cell)
        if isinstance(result, Problem):
            self.problems.append(replace(result, value=shown(result.value),
                                         file=self.table.file, row=row.number,
                                         column=column))
            return None
        return result
