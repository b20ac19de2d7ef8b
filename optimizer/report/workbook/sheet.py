"""How a sheet is written: a table with a bold frozen header, an autofilter, number formats and
fitted columns; small blocks below it; the workbook's words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from optimizer.case import Case
from optimizer.constants import Objective
from optimizer.formats.files import append_row
from optimizer.vocabulary.message import say

LANGS = ("en", "fi")

EUR = '#,##0 "€"'

EUR_CENTS = '#,##0.00 "€"'

SHARE = "0.0 %"

SCORE_FMT = "0.000"

COUNT = "#,##0"

WIDE = 60  # characters: wider text wraps

HEADER = 20  # characters of a header that count towards its column's width (it wraps)



def word(key: str, lang: str) -> str:
    """A header or label of the workbook in the language (`lang` is "en" or "fi")."""
    return say(lang, f"report.sheet.{key}")



def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"the workbook's language is 'en' or 'fi', not {lang!r}")



@dataclass(frozen=True)
class Column:
    """A column of a table: its header (a WORDS key) and how its numbers show."""

    word: str
    fmt: str | None = None  # EUR: whole euros, or cents where a cell has them
    wide: bool = False  # free text: wrapped at WIDE characters



def write_table(ws: Any, columns: Sequence[Column], rows: Sequence[Sequence[object]],
                lang: str, total: Sequence[object] | None = None,
                headers: Sequence[str] | None = None) -> None:
    """The sheet's table from row 1: a bold header frozen above the rows, an autofilter
    over them, number formats per column, and a bold totals row below the filter (so
    sorting never moves it). Call on an empty sheet; blocks may follow (append_block)."""
    heads = list(headers) if headers is not None else [word(c.word, lang) for c in columns]
    append_row(ws, heads)
    for row in rows:
        append_row(ws, row)
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{1 + len(rows)}"
    ws.freeze_panes = "A2"
    if total is not None:
        append_row(ws, total)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    _style_header(ws[1])
    body = 1 + len(rows) + (total is not None)
    for j, col in enumerate(columns, start=1):
        cells = [ws.cell(row=r, column=j) for r in range(2, body + 1)]
        _format_cells(cells, col)



class Shown(NamedTuple):
    """A number of a block with its number format."""

    value: float | int | None
    fmt: str



def append_block(ws: Any, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A small table below the main one, after an empty row: a bold header and rows
    (a Shown cell gets its number format)."""
    append_row(ws, [])
    append_row(ws, list(header))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(ws, [v.value if isinstance(v, Shown) else v for v in row])
        for cell, v in zip(ws[ws.max_row], row, strict=False):
            if isinstance(v, Shown):
                cell.number_format = v.fmt



def _style_header(cells: Iterable[Any]) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")



def _format_cells(cells: Sequence[Any], col: Column) -> None:
    fmt = col.fmt
    if fmt == EUR and any(_has_cents(c.value) for c in cells):
        fmt = EUR_CENTS
    for cell in cells:
        if fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
            cell.number_format = fmt
        if col.wide:
            cell.alignment = Alignment(wrap_text=True, vertical="top")



def _has_cents(value: object) -> bool:
    return isinstance(value, float) and round(value * 100) % 100 != 0



def fit_columns(ws: Any) -> None:
    """Column widths fitted to what the cells show (headers count up to HEADER characters
    and wrap), at most WIDE; longer text wraps. Also: print on landscape pages one wide,
    the header repeated on each."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            n = _shown_length(cell.value, cell.number_format)
            if cell.row == 1:
                n = min(n, max([HEADER, *(len(w) for w in str(cell.value).split())]))
            elif n > WIDE:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[cell.column] = max(widths.get(cell.column, 0), min(n, WIDE))
    for column, n in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = n + 2
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0



def _shown_length(value: object, fmt: str) -> int:
    """About how many characters a cell shows under its number format."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return max((len(line) for line in str(value).splitlines()), default=0)
    if "%" in fmt:
        text = f"{value * 100:.1f} %"
    elif "€" in fmt:
        text = f"{value:,.{2 if '.00' in fmt else 0}f} €"
    elif fmt == SCORE_FMT:
        text = f"{value:.3f}"
    elif fmt == COUNT:
        text = f"{value:,.0f}"
    else:
        text = str(value)
    return len(text)



def column_sum(rows: Sequence[Sequence[object]], j: int) -> float:
    """The sum of column j's numbers, to the cent."""
    return round(sum(v for r in rows if isinstance(v := r[j], int | float)), 2)



def value_format(objective: str) -> str:
    return COUNT if objective == Objective.SCORE_EUROS else SCORE_FMT



def project_name(prep: Case, app_id: str) -> str:
    try:
        return prep.round.application(app_id).project
    except KeyError:
        return ""



def yes_no(flag: bool, lang: str) -> str:
    return word("yes" if flag else "no", lang)
