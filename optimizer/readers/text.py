"""Text files: their bytes, and their UTF-8 text, with problems that name the encoding a
file seems to have instead (UTF-16, Windows-1252) or the workbook it is."""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import InputError, Problem

_UTF8_HINT = "Save it as 'CSV UTF-8 (comma delimited)' in Excel, or re-encode it as UTF-8"


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; InputError (not a bare OSError) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror}", file=name)) from None


def check_not_a_workbook(data: bytes, name: str) -> None:
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
