"""A plain CSV file read as columns, the short way: no `Row` per record.

Most large files (a synthetic round, a sheet a program wrote) are plain: every record as
wide as the header, no blank rows, named columns. Without quotes such a file is split with
`str.split` as a whole, many times faster than `csv.reader` and a `Row` per record; with
quotes `csv.reader` reads it, still without a dict and a `Row` per record. Anything else
returns None and the caller reads the file with `read_table`, which finds and words every
problem (so the messages stay those of the full reader, and a good file pays nothing for
them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import TypeVar

import optimizer.readers.limits as limits
from optimizer.errors import InputError, Problem
from optimizer.readers.csv_reading import sniff_delimiter
from optimizer.readers.limits import check_size
from optimizer.readers.rows import Cell
from optimizer.readers.text import check_not_a_workbook, decode_text, read_bytes

T = TypeVar("T")


def distinct_parsed(texts: list[str], parse: Callable[[Cell], T | Problem]
                    ) -> dict[str, T | None] | None:
    """Each distinct text of a column parsed once ("" is None); None if one is not what
    `parse` reads (the row-by-row reader then words it)."""
    out: dict[str, T | None] = {"": None}
    for text in set(texts) - {""}:
        value = parse(text)
        if isinstance(value, Problem):
            return None
        out[text] = value
    return out


def plain_csv_columns(path: Path, name: str | None = None
                      ) -> tuple[tuple[str, ...], list[list[str]]] | None:
    """(header, columns of stripped text, one list per column in header order) of a plain
    CSV file, or None when it is not plain (or not a readable CSV file at all).

    May raise the InputError `read_table` would raise for the same file (size, encoding,
    a workbook saved as .csv); callers that want `read_table`'s whole behaviour catch it
    and call `read_table`."""
    name = name or path.name
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    check_size(path, name)
    data = read_bytes(path, name)
    check_not_a_workbook(data, name)
    text = decode_text(data, name)
    del data
    if '"' in text:
        return _quoted_columns(text)
    if "\r" in text:  # Windows line ends are plain too; a lone '\r' is left to csv
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    del text
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < 2:
        return None
    delimiter = sniff_delimiter(lines[0])
    header = tuple(c.strip() for c in lines[0].split(delimiter))
    width = len(header)
    if width < 2 or not all(header) or len(set(header)) != width:
        return None
    body = lines[1:]
    del lines
    n = len(body)
    if n > limits.MAX_ROWS or (n + 1) * width > limits.MAX_CELLS:
        return None
    if set(map(str.count, body, repeat(delimiter, n))) != {width - 1}:
        return None  # a short, long or blank line: the full reader says which
    if max(map(len, body)) >= csv.field_size_limit():
        return None  # maybe a cell longer than csv reads: the full reader says so
    flat = delimiter.join(body).split(delimiter)
    del body
    columns = [list(map(str.strip, flat[i::width])) for i in range(width)]
    del flat
    return _checked(header, columns)


def _quoted_columns(text: str) -> tuple[tuple[str, ...], list[list[str]]] | None:
    """A CSV text with quotes: its records by `csv.reader` (still no `Row` each), if every
    one is as wide as the header and the last closes its quotes."""
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None
    if len(records) < 2 or any("\n" in c or "\r" in c for c in records[-1]):
        return None  # an unclosed quote swallows the rest: the full reader says where
    header = tuple(c.strip() for c in records[0])
    width = len(header)
    body = records[1:]
    n = len(body)
    if (width < 2 or not all(header) or len(set(header)) != width or n > limits.MAX_ROWS
            or (n + 1) * width > limits.MAX_CELLS or set(map(len, body)) != {width}):
        return None
    columns = [list(map(str.strip, column)) for column in zip(*body, strict=True)]
    return _checked(header, columns)


def _checked(header: tuple[str, ...], columns: list[list[str]]
             ) -> tuple[tuple[str, ...], list[list[str]]] | None:
    """The columns, unless a row is blank (skipped but keeping its number: the full
    reader)."""
    if "" in columns[0] and any(
            not any(col[i] for col in columns)
            for i, cell in enumerate(columns[0]) if not cell):
        return None
    return header, columns


def plain_columns_of(path: Path, required: tuple[str, ...] | list[str],
                     optional: tuple[str, ...] | list[str]) -> dict[str, list[str]] | None:
    """The columns of a plain CSV file by name, when it has every required column and no
    other than the optional ones; None otherwise, and for a file the readers would refuse
    (they read it again row by row and say why, in their own words)."""
    try:
        read = plain_csv_columns(path)
    except InputError:
        return None
    if read is None or not set(required) <= set(read[0]) <= {*required, *optional}:
        return None
    header, columns = read
    return dict(zip(header, columns, strict=True))
