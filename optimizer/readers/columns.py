"""A plain CSV file read as columns, the short way: no `Row` per record.

Most large files (a synthetic round, a sheet a program wrote) are plain: no quotes, every
record one line as wide as the header, no blank rows, named columns. Such a file is split
with `str.split` as a whole, which is many times faster than `csv.reader` and a `Row` per
record, and needs no dict per row. Anything else returns None and the caller reads the
file with `read_table`, which finds and words every problem (so the messages stay those of
the full reader, and a good file pays nothing for them).
"""

from __future__ import annotations

from itertools import repeat
from pathlib import Path

import optimizer.readers.limits as limits
from optimizer.readers.csv_reading import sniff_delimiter
from optimizer.readers.limits import check_size
from optimizer.readers.text import check_not_a_workbook, decode_text, read_bytes


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
        return None
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
    flat = delimiter.join(body).split(delimiter)
    del body
    columns = [list(map(str.strip, flat[i::width])) for i in range(width)]
    del flat
    if "" in columns[0] and any(
            not any(col[i] for col in columns)
            for i, cell in enumerate(columns[0]) if not cell):
        return None  # a blank row is skipped but keeps its number: the full reader
    return header, columns
