"""XLSX is read with openpyxl, which parses with defusedxml (entity expansion and external
entities off); a workbook whose XML declares entities is refused, as is every other
parse failure, with one problem naming the file. A formula cell without a saved value
(a file written by a program that does not compute formulas) reads as empty, and
`Row.formulas` keeps its formula so that a required cell is reported as what it is.
XLSX date cells keep their ISO text, and `Row.dates` names their columns.
"""

from __future__ import annotations

import contextlib
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import optimizer.readers.limits as limits
from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.rows import Cell, DateText, Table, build
from optimizer.readers.text import read_bytes
from optimizer.vocabulary.message import Message

_RESAVE_HINT = Message.of("input.xlsx.resave")
_m = Message.of


def read_xlsx(path: Path, name: str, sheet: str | None) -> Table:
    import openpyxl  # only needed for XLSX

    if not openpyxl.DEFUSEDXML:
        raise InputError(Problem(_m("input.xlsx.defusedxml"), file=name,
                                 hint=_m("input.xlsx.defusedxml.hint")))
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
    """A zip archive whose members unpack to at most MAX_XLSX_UNPACKED_BYTES (readers.limits).

    The sizes are those the archive declares; Python's zipfile never unpacks more.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # BadZipFile, or a damaged directory
        raise InputError(_not_a_zip(read_bytes(path, name)[:8], name)) from None
    if unpacked > limits.MAX_XLSX_UNPACKED_BYTES:
        raise InputError(Problem(
            _m("input.xlsx.unpacked", size=unpacked, limit=limits.MAX_XLSX_UNPACKED_BYTES),
            file=name, hint=_m("input.xlsx.unpacked.hint")))


def _not_a_zip(head: bytes, name: str) -> Problem:
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(_m("input.xlsx.old_xls"), file=name, hint=_m("input.xlsx.old_xls.hint"))
    return Problem(_m("input.xlsx.not_zip"), file=name, hint=_m("input.xlsx.not_zip.hint"))


def _workbook_problem(exc: BaseException, name: str) -> Problem:
    """One line for whatever openpyxl or its XML parser raised (openpyxl wraps the parser's
    errors in its own, so the chain of causes is followed to the first one)."""
    chain = [exc]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) and len(chain) < 10:
        chain.append(cause)
    if any(type(e).__module__.startswith("defusedxml") for e in chain):
        return Problem(_m("input.xlsx.entities"), file=name, hint=_RESAVE_HINT)
    root = chain[-1]
    reason = " ".join(str(root).split())[:160] or type(root).__name__
    damaged = any(type(e).__name__ in ("ParseError", "ExpatError") for e in chain)
    code = "input.xlsx.damaged" if damaged else "input.xlsx.cannot_open"
    return Problem(_m(code, reason=reason), file=name, hint=_RESAVE_HINT)


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
                raise InputError(Problem(_m("input.xlsx.no_sheet"), file=name))
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise InputError(Problem(
                _m("input.xlsx.unknown_sheet"), file=name, value=sheet,
                hint=_m("input.xlsx.unknown_sheet.hint", sheets=list(book.sheetnames),
                        hits=suggest(sheet, book.sheetnames))))
        if not hasattr(ws, "iter_rows"):
            raise InputError(Problem(_m("input.xlsx.chart"), file=name, value=ws.title,
                                     hint=_m("input.xlsx.chart.hint")))
        if hasattr(ws, "reset_dimensions"):  # some writers store a wrong sheet size
            ws.reset_dimensions()
        yield ws.iter_rows(values_only=True), getattr(ws, "_worksheet_path", None)
    finally:
        book.close()


def _xlsx_table(path: Path, name: str, sheet: str | None) -> tuple[Table, str | None]:
    with _sheet_rows(path, name, sheet, data_only=True) as (rows, member):
        header = next(rows, None)
        if header is None:
            raise InputError(Problem(_m("input.xlsx.empty"), file=name,
                                     hint=_m("input.csv.header_hint")))
        records = ((i, [_xlsx_cell(v) for v in r]) for i, r in enumerate(rows, start=2))
        return build(name, path, [_xlsx_cell(v) for v in header], records), member


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
        return DateText(value.isoformat())
    return str(value)
