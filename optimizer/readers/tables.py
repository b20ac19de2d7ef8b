"""Low-level readers: a CSV or XLSX file into a `Table` (`read_table`).

Readers accept what Finnish offices produce: UTF-8 with or without BOM, `,` or `;`
(or tab) as delimiter, quoted fields, XLSX. Row numbers are those a spreadsheet
shows: the header is row 1, the first data row is row 2 (a CSV record that spans
several lines by quoting is still one row). Rows whose cells are all empty are
skipped but keep their numbers.

The pieces, one module each: `rows` (Row, Table, and building them), `limits` (what one
file may make the tool read), `text` (bytes and UTF-8), `csv_reading`, `xlsx`, and `cells`
(the cell parsers and the collecting of problems).
"""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import InputError, Problem
from optimizer.readers.csv_reading import csv_records
from optimizer.readers.limits import check_size
from optimizer.readers.rows import Table, build
from optimizer.readers.text import check_not_a_workbook, decode_text, read_bytes
from optimizer.readers.xlsx import read_xlsx
from optimizer.vocabulary.message import Message


def read_table(path: str | Path, sheet: str | None = None, display: str | None = None) -> Table:
    """Read a .csv or .xlsx file (the first sheet, or `sheet`) into a Table.

    Raises InputError with every structural problem of the file (not found, too large,
    not UTF-8, not a workbook, empty or duplicate column names, rows with more cells
    than the header).
    """
    path = Path(path)
    name = display or path.name
    if not path.is_file():
        raise InputError(Problem(Message.of("input.file.not_found"), file=name, value=str(path)))
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InputError(Problem(Message.of("input.file.type"), file=name, value=path.suffix,
                                 hint=Message.of("input.file.type.hint")))
    check_size(path, name)
    if suffix == ".csv":
        if sheet is not None:
            raise InputError(Problem(Message.of("input.file.csv_sheet"), file=name, value=sheet))
        data = read_bytes(path, name)
        check_not_a_workbook(data, name)
        header, records = csv_records(decode_text(data, name), name)
        return build(name, path, header, records, text=True)
    return read_xlsx(path, name, sheet)
