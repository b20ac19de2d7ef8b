"""Write the binary files of the bad-input corpus (XLSX workbooks, hostile or damaged).

The files are committed; this script says how each was made, and writes them again:

    python tests/bad_inputs/make_binary.py

Each hostile workbook starts as a small valid one (openpyxl) whose zip members are then
rewritten by hand: an entity declaration put into the sheet XML, a member's declared size
changed, the sheet XML cut off or removed.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SHEET = "xl/worksheets/sheet1.xml"
BOOK = "xl/workbook.xml"

ROWS: list[list[object]] = [
    ["id", "applicant", "project", "requested_eur", "partners"],
    ["T1", "Helsingin kaupunki", "Portaali", 100000, "Espoo"],
    ["T2", "Espoon kaupunki", "Osallistuminen", 80000, "Vantaa"],
    ["T3", "Vantaan kaupunki", "Kokoukset", 50000, "Helsinki"],
]
LAUGHS = "".join(
    ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)])


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The workbook with each member's bytes passed through `change` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def with_prolog(member: str, prolog: str, reference: str | None = None) -> Callable[
        [str, bytes], bytes | None]:
    """Put a DOCTYPE with entities before the root of `member`, and an entity reference
    in place of the first text of the applications ('Helsingin kaupunki')."""

    def change(name: str, body: bytes) -> bytes:
        if name != member:
            return body
        text = body.decode("utf-8")
        if text.startswith("<?xml"):
            head, _, text = text.partition("?>")
            head += "?>"
        else:
            head = ""
        if reference is not None:
            text = text.replace("Helsingin kaupunki", reference, 1)
        return (head + prolog + text).encode("utf-8")

    return change


def laughs() -> bytes:
    """A billion laughs in the sheet (openpyxl writes inline strings, so the reference
    stands in a cell of the sheet XML), parsed row by row."""
    return rezip(workbook(ROWS), with_prolog(
        SHEET, f"<!DOCTYPE worksheet [{LAUGHS}]>", "&lol9;"))


def laughs_in_book() -> bytes:
    """The same entities in workbook.xml, which is parsed when the workbook is opened."""
    return rezip(workbook(ROWS), with_prolog(BOOK, f"<!DOCTYPE workbook [{LAUGHS}]>"))


def external() -> bytes:
    # The reference sits in the sheet itself (an inline string), parsed row by row.
    rows = [list(r) for r in ROWS]
    data = workbook(rows)

    def change(name: str, body: bytes) -> bytes:
        if name != SHEET:
            return body
        text = body.decode("utf-8")
        start = text.index("<sheetData>")
        text = (text[:start] + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;'
                "</t></is></c></row></sheetData>" + text[text.index("</sheetData>") + 12:])
        return ('<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                + text).encode("utf-8")

    return rezip(data, change)


def bomb() -> bytes:
    """A workbook whose central directory declares 600 MB for the sheet's XML."""
    data = bytearray(workbook(ROWS))
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + name_length] == SHEET.encode():
            struct.pack_into("<I", data, at + 24, 600 * 1024 * 1024)
        at += 4
    return bytes(data)


def damaged() -> bytes:
    return rezip(workbook(ROWS), lambda name, body: body[: len(body) // 2]
                 if name == SHEET else body)


def missing_sheet() -> bytes:
    return rezip(workbook(ROWS), lambda name, body: None if name == SHEET else body)


def formula() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[2][3] = "=B3*2"  # openpyxl stores the formula and no value
    return workbook(rows)


def date_id() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[1][0], rows[2][0], rows[3][0] = dt.datetime(2020, 1, 1), "2020-02", "2020-03"
    return workbook(rows)


def huge() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[2][3] = 1e30
    return workbook(rows)


def text() -> bytes:
    return "\n".join(",".join(str(c) for c in r) for r in ROWS).encode("utf-8") + b"\n"


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


# case folder -> how its round/applications.xlsx is made
TARGETS: dict[str, Callable[[], bytes]] = {
    "60-both-csv-and-xlsx": lambda: workbook(ROWS),
    "64-xlsx-billion-laughs": laughs,
    "65-xlsx-external-entity": external,
    "66-xlsx-unpacks-too-large": bomb,
    "67-xlsx-not-a-zip": text,
    "68-xlsx-old-xls": old_xls,
    "69-xlsx-damaged-xml": damaged,
    "70-xlsx-formula-without-value": formula,
    "71-xlsx-date-id": date_id,
    "72-xlsx-amount-1e30": huge,
    "73-xlsx-missing-sheet": missing_sheet,
    "115-xlsx-entities-in-workbook-xml": laughs_in_book,
}


def main() -> None:
    for case, make in TARGETS.items():
        path = HERE / case / "round" / "applications.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        print(f"wrote {path.relative_to(HERE)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
