"""Text files: their bytes, and their UTF-8 text, with problems that name the encoding a
file seems to have instead (UTF-16, Windows-1252) or the workbook it is."""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import InputError, Problem
from optimizer.vocabulary.message import Message

_UTF8_HINT = Message.of("input.text.utf8_hint")


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; InputError (not a bare OSError) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(Message.of("input.file.cannot_read", reason=exc.strerror),
                                 file=name)) from None


def check_not_a_workbook(data: bytes, name: str) -> None:
    """A workbook saved under a .csv name is said to be one, not read as text."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError(Problem(Message.of("input.file.xlsx_as_csv"), file=name,
                                 hint=Message.of("input.file.xlsx_as_csv.hint")))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(Problem(Message.of("input.file.xls_as_csv"), file=name,
                                 hint=Message.of("input.file.xls_as_csv.hint")))


def decode_text(data: bytes, name: str, hint: str | Message = _UTF8_HINT) -> str:
    """UTF-8 text without its BOM; InputError naming the encoding the file seems to have
    (`hint`: how to save the file as UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(Message.of("input.text.utf16"), file=name, hint=hint))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(Problem(Message.of("input.text.nul", line=line), file=name, hint=hint))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(
            Message.of("input.text.not_utf8", byte=data[exc.start], line=line,
                       legacy=_legacy_reading(data, exc.start)), file=name, hint=hint)) from None


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
    return text
