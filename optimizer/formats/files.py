"""Output files, each written atomically (a temporary file beside the target, then a
rename); CSV and XLSX safe against formula injection; JSON with finite numbers only."""

from __future__ import annotations

import contextlib
import contextvars
import csv
import datetime
import io
import json
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any


def write_atomic(path: Path | str, data: str | bytes | Callable[[Path], None]) -> Path:
    """Write `data` (text, bytes, or a function that writes a given path) to `path`.

    A reader never sees a half-written file, and a failed write leaves the old file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix,
                                    dir=target.parent)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def finite(value: Any) -> Any:
    """`value` with every float that is not finite (inf, nan) replaced by None, so that no
    NaN or Infinity token reaches a JSON file; an infeasible point says so in words."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def json_text(doc: Any) -> str:
    """Every JSON the tool writes: UTF-8 text, indented, finite numbers only."""
    return json.dumps(finite(doc), ensure_ascii=False, indent=2, default=str,
                      allow_nan=False) + "\n"


# A spreadsheet reads a cell that starts with one of these as a formula (or as the start of
# one). Names come from outside applicants, so every text cell the tool writes is defused.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, behind a leading apostrophe
    (the spreadsheets' own mark for "text, not a formula"); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# The CSV dialects: "plain" (the default, for machines and scripts: RFC 4180's comma and
# quoting, decimal point, UTF-8 without BOM, LF line ends) and "excel-fi" (for a Finnish
# Excel: a BOM so that it reads UTF-8, semicolon, decimal comma, CRLF). The dialect is a
# way of writing, not part of any result, so it is set around the writing (`csv_dialect`)
# rather than passed through every writer.
CSV_DIALECTS = ("plain", "excel-fi")
_DIALECT: contextvars.ContextVar[str] = contextvars.ContextVar("csv_dialect", default="plain")


@contextlib.contextmanager
def csv_dialect(name: str | None) -> Iterator[None]:
    """Write every CSV inside the block in the dialect `name` (None: leave as is)."""
    if name is not None and name not in CSV_DIALECTS:
        raise ValueError(f"CSV dialect {name!r}: use one of {', '.join(CSV_DIALECTS)}")
    token = _DIALECT.set(name) if name is not None else None
    try:
        yield
    finally:
        if token is not None:
            _DIALECT.reset(token)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header row, in the current dialect (`csv_dialect`); text cells defused
    against formula injection (`neutral`)."""
    buf = io.StringIO()
    if _DIALECT.get() == "excel-fi":
        buf.write("\ufeff")
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        cell: Callable[[object], object] = _excel_fi
    else:
        writer = csv.writer(buf, lineterminator="\n")
        cell = neutral
    writer.writerow([neutral(h) for h in headers])
    writer.writerows([cell(v) for v in row] for row in rows)
    return buf.getvalue()


def _excel_fi(value: object) -> object:
    """A number with a decimal comma (full precision, as Finnish Excel reads it)."""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return neutral(value)


def append_row(ws: Any, values: Iterable[object]) -> None:
    """Append a row to an openpyxl sheet with every text stored as text, never as a
    formula (openpyxl would make "=..." a live formula).

    The cells are made here, as `ws.append` would make them, and handed to it: reading the
    row back (`ws[ws.max_row]`) would scan every cell of the sheet for each row appended."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(ws, value=value)
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)


FIXED_TIME = datetime.datetime(2020, 1, 1)  # XLSX: no clock in the file, same bytes each run


def save_workbook(wb: Any, path: Path | str) -> None:
    """Save an openpyxl workbook with no timestamps in it (document properties and zip
    entries carry a fixed date), so the same content gives the same bytes."""
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z",
                              data)
            dst.writestr(fixed, data)
    Path(path).write_bytes(out.getvalue())
