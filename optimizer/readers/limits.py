"""What one file may make the tool read is bounded, so that a damaged or hostile file ends
in one clear problem instead of exhausting memory (the constants below):

* MAX_FILE_BYTES: 50 MB on disk, for a CSV or an XLSX file;
* MAX_XLSX_UNPACKED_BYTES: 500 MB, the XML inside an XLSX (its zip members) unpacked;
* MAX_ROWS: 1,000,000 data rows with content;
* MAX_CELLS: 20,000,000 cells read (every cell of every row as the file stores it).

The limits are read as `limits.NAME` when a file is read, so that a test can lower one.
"""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import InputError, Problem
from optimizer.vocabulary.message import Message

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB  # one CSV or XLSX file on disk
MAX_XLSX_UNPACKED_BYTES = 500 * MB  # the members of an XLSX (a zip), unpacked
MAX_ROWS = 1_000_000  # data rows with content in one table
MAX_CELLS = 20_000_000  # cells read from one table, empty ones included


def check_size(path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(Problem(Message.of("input.file.cannot_read", reason=exc.strerror),
                                 file=name)) from None
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(
            Message.of("input.file.too_large", size=size, limit=MAX_FILE_BYTES), file=name,
            hint=Message.of("input.file.too_large.hint")))

