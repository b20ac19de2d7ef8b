"""CSV text into a header and its records: `,`, `;` or tab as delimiter (sniffed from the
header line), quoted fields; a quote never closed is said to be one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from optimizer.errors import InputError, Problem
from optimizer.readers.rows import Cell
from optimizer.vocabulary.message import Message


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


def csv_records(text: str, name: str) -> tuple[list[Cell], Iterator[tuple[int, list[Cell]]]]:
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(_csv_problem(exc, name, 1)) from None
    if header is None:
        raise InputError(Problem(Message.of("input.csv.empty"), file=name,
                                 hint=Message.of("input.csv.header_hint")))
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
        raise InputError(Problem(Message.of("input.csv.unclosed"), file=name, row=number,
                                 hint=Message.of("input.csv.unclosed.hint")))


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
        return Problem(Message.of("input.csv.long_cell", limit=csv.field_size_limit()),
                       file=name, row=row, hint=Message.of("input.csv.unclosed.hint"))
    return Problem(Message.of("input.csv.cannot_read", reason=str(exc)), file=name, row=row)
