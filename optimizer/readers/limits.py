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

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB  # one CSV or XLSX file on disk
MAX_XLSX_UNPACKED_BYTES = 500 * MB  # the members of an XLSX (a zip), unpacked
MAX_ROWS = 1_000_000  # data rows with content in one table
MAX_CELLS = 20_000_000  # cells read from one table, empty ones included


def check_size(path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=name)) from None
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(
            f"the file is {size_text(size)}, more than the {size_text(MAX_FILE_BYTES)} the tool "
            "reads from one file", file=name,
            hint="Remove what the round does not need (other sheets, images, empty "
                 "formatted rows), or split the file"))


def size_text(n: int) -> str:
    """A size as people read it: "50 MB", "50.2 MB", "100 bytes"."""
    if n < MB:
        return f"{n:,} bytes"
    return f"{n // MB:,} MB" if n % MB == 0 else f"{n / MB:,.1f} MB"
