"""Cell parsers take a cell (text, or an XLSX number) and return a value or a `Problem`
that says what is wrong and how to fix it; the caller adds file, row and column
(`Cells` does that and collects the problems).

Amounts (`parse_amount`) follow one rule, so that no amount is ever guessed:

* White space of any kind (space, no-break space, thin space) separates thousands;
  the groups after the first must have exactly three digits ("1 090 125", "111 350,00").
* The decimal separator is ',' or '.', followed by one or two digits (cents):
  "111350,00", "111350.00", "135150,5".
* ',' and '.' in the same amount: the last one is the decimal separator and the other
  separates thousands in groups of three ("16,100,330.45", "16.100.330,45").
* A lone ',' or '.' followed by three digits ("1,234", "1.234"), several commas or
  points without a decimal part ("1,090,125"), or more than two decimals are ambiguous
  and rejected with a message that says how to write the amount.
* An optional "€" or "EUR" before or after the number, and a sign, are allowed.
* XLSX numeric cells are taken as the numbers they are (no text round trip).
* Exponents ("1e6"), "inf" and "nan" are not amounts, and no amount is larger than
  MAX_EUR (1e12 €) in absolute value.

"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from optimizer.errors import Problem
from optimizer.readers.domain import MAX_EUR
from optimizer.readers.rows import Cell, Row, Table, shown
from optimizer.vocabulary.message import Message

T = TypeVar("T")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = ("-", "\u2212", "\u2013")
FORMULA_MESSAGE = Message.of("input.formula.unsaved")


def _strip_currency(text: str) -> str:
    t = text.strip()
    for token in ("€", "eur", "euroa", "e"):
        if t.casefold().endswith(token) and (token != "e" or t[:-1].rstrip()[-1:].isdigit()):
            t = t[: -len(token)]
            break
    for token in ("€", "eur"):
        if t.casefold().startswith(token):
            t = t[len(token):]
            break
    return t.strip()


def _sign(text: str) -> tuple[int, str]:
    t = text.strip()
    if t[:1] in _MINUS:
        return -1, t[1:].strip()
    if t[:1] == "+":
        return 1, t[1:].strip()
    return 1, t


def _grouped(integer: str, separator: str) -> bool:
    """Digits in groups of three after the first (1-3 digits) group."""
    groups = integer.split(separator)
    return (groups[0].isdigit() and len(groups[0]) <= 3
            and all(len(g) == 3 and g.isdigit() for g in groups[1:]))


_AMOUNT_HINT = Message.of("input.hint.amount")
RANGE_HINT = Message.of("input.hint.range")
_m = Message.of


def _formula_text(raw: str) -> Problem:
    return Problem(_m("input.formula.text"), value=raw, hint=_m("input.formula.text.hint"))
_NOT_FINITE = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)
_EXPONENT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)[eE][+-]?\d+")
# Digits without a sign or grouping, and at most two decimals after one ',' or '.': the
# rule below reads it as the same number; 12 digits stay below MAX_EUR.
_PLAIN_AMOUNT = re.compile(r"([0-9]{1,12})(?:[.,]([0-9]{1,2}))?")


def parse_amount(cell: Cell) -> float | Problem:
    """Euros, to the cent, by the rule in the module notes; at most MAX_EUR in size."""
    if isinstance(cell, bool):
        return Problem(_m("input.amount.not_amount"), value=cell)
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Problem(_m("input.amount.not_finite"), value=cell, hint=RANGE_HINT)
        if abs(cell) > MAX_EUR:
            return Problem(_m("input.amount.too_large"), value=cell, hint=RANGE_HINT)
        return float(cell)
    raw = str(cell)
    text = raw.strip()
    if plain := _PLAIN_AMOUNT.fullmatch(text):  # the common case, read the short way
        return float(f"{plain[1]}.{plain[2]}" if plain[2] else plain[1])
    if not text:
        return Problem(_m("input.amount.empty"), value=raw)
    if text.startswith("="):
        return _formula_text(raw)
    if _NOT_FINITE.fullmatch(text):
        return Problem(_m("input.amount.not_finite"), value=raw, hint=RANGE_HINT)
    if _EXPONENT.fullmatch(text):
        return Problem(_m("input.amount.exponent"), value=raw,
                       hint=_m("input.hint.every_digit"))
    sign, body = _sign(_strip_currency(text))
    body = _SPACES.sub(" ", body).strip()
    if not body:
        return Problem(_m("input.amount.not_amount"), value=raw, hint=_AMOUNT_HINT)
    integer, decimals = body, ""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        integer, _, decimals = body.rpartition(decimal_sep)
        if decimal_sep in integer or not (1 <= len(decimals) <= 2):
            return Problem(_m("input.amount.mixed"), value=raw,
                           hint=_AMOUNT_HINT)
        if " " in integer or not _grouped(integer, thousands):
            return Problem(_m("input.amount.thousands", sep=thousands), value=raw,
                           hint=_AMOUNT_HINT)
        integer = integer.replace(thousands, "")
    elif commas or points:
        sep = "," if commas else "."
        if commas + points > 1:
            return Problem(_m("input.amount.several", sep=sep), value=raw, hint=_AMOUNT_HINT)
        integer, _, decimals = body.partition(sep)
        if len(decimals) == 3 and integer.strip():
            return Problem(_m("input.amount.ambiguous", sep=sep), value=raw, hint=_AMOUNT_HINT)
        if not (1 <= len(decimals) <= 2):
            return Problem(_m("input.amount.decimals", sep=sep), value=raw,
                           hint=_AMOUNT_HINT)
    if " " in integer:
        if not _grouped(integer, " "):
            return Problem(_m("input.amount.spaces"),
                           value=raw, hint=_AMOUNT_HINT)
        integer = integer.replace(" ", "")
    if not integer.isdigit() or (decimals and not decimals.isdigit()):
        return Problem(_m("input.amount.not_amount"), value=raw, hint=_AMOUNT_HINT)
    try:
        number = Decimal(integer + ("." + decimals if decimals else ""))
    except InvalidOperation:  # pragma: no cover - guarded by isdigit above
        return Problem(_m("input.amount.not_amount"), value=raw, hint=_AMOUNT_HINT)
    if number > Decimal(MAX_EUR):
        return Problem(_m("input.amount.too_large"), value=raw, hint=RANGE_HINT)
    return float(sign * number)


MAX_INT_DIGITS = 15  # whole numbers in tables (counts, decision items) are below 10^15


def parse_int(cell: Cell) -> int | Problem:
    """A whole number of at most MAX_INT_DIGITS digits; spaces may separate thousands."""
    if isinstance(cell, bool):
        return Problem(_m("input.int.not_whole"), value=cell)
    if isinstance(cell, float):
        if not cell.is_integer():
            return Problem(_m("input.int.not_whole"), value=cell)
        cell = int(cell)
    if isinstance(cell, int):
        if abs(cell) >= 10**MAX_INT_DIGITS:
            return Problem(_m("input.int.too_large"), value=cell,
                           hint=_m("input.int.digits", digits=MAX_INT_DIGITS))
        return cell
    raw = str(cell)
    sign, body = _sign(_SPACES.sub(" ", raw).strip())
    if not body:
        return Problem(_m("input.number.empty"), value=raw)
    if " " in body and _grouped(body, " "):
        body = body.replace(" ", "")
    if not body.isdigit():
        return Problem(_m("input.int.not_whole"), value=raw, hint=_m("input.int.hint"))
    if len(body.lstrip("0")) > MAX_INT_DIGITS:
        return Problem(_m("input.int.too_large"), value=raw,
                       hint=_m("input.int.digits", digits=MAX_INT_DIGITS))
    return sign * int(body)


def parse_float(cell: Cell) -> float | Problem:
    """A number with a decimal comma or point ("0,85", "0.85", "2"); no thousands separators."""
    if isinstance(cell, bool):
        return Problem(_m("input.number.not_number"), value=cell)
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Problem(_m("input.number.not_finite"), value=cell)
        return float(cell)
    raw = str(cell)
    text = raw.strip().replace("\u2212", "-")
    if text.isdigit() and text.isascii() and math.isfinite(plain := float(text)):
        return plain  # whole numbers, the common case (scores), read the short way
    if not text:
        return Problem(_m("input.number.empty"), value=raw)
    if text.startswith("="):
        return _formula_text(raw)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return Problem(_m("input.number.not_number"), value=raw, hint=_m("input.number.hint"))
    if not math.isfinite(value) or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?",
                                                      text):
        return Problem(_m("input.number.not_number"), value=raw, hint=_m("input.number.hint"))
    return value


def parse_code(cell: Cell, width: int = 3) -> str | Problem:
    """A zero-padded numeric code: "91", "091" and the XLSX number 91 all give "091"."""
    if isinstance(cell, bool):
        return Problem(_m("input.code.not_code"), value=cell)
    if isinstance(cell, float):
        if not cell.is_integer():
            return Problem(_m("input.code.not_code"), value=cell,
                           hint=_m("input.code.width", width=width))
        cell = int(cell)
    if isinstance(cell, str) and len(cell) == width and cell.isdigit():
        return cell  # as written: the common case
    text = str(cell).strip()
    if not text:
        return Problem(_m("input.code.empty"), value=str(cell))
    if not text.isdigit() or len(text) > width:
        return Problem(_m("input.code.too_long", width=width), value=str(cell),
                       hint=_m("input.code.hint", width=width, example=f"{'0' * (width - 2)}91"))
    return text.zfill(width)


def formula_problem(row: Row, column: str) -> Problem | None:
    """The problem of an empty cell that is an XLSX formula without a saved value."""
    formula = row.formulas.get(column)
    if formula is None:
        return None
    return Problem(FORMULA_MESSAGE, row=row.number, column=column, value=formula,
                   hint=_m("input.formula.unsaved.hint"))


CELL_EMPTY = _m("input.cell.empty")


class Cells:
    """Parses cells of one table and collects every problem with its file, row and column."""

    def __init__(self, table: Table, problems: list[Problem] | None = None):
        self.table = table
        self.problems: list[Problem] = problems if problems is not None else []

    def problem(self, row: Row | None, column: str | None, message: str | Message,
                value: object = None, hint: str | Message = "") -> None:
        self.problems.append(Problem(message, file=self.table.file,
                                     row=row.number if row else None, column=column,
                                     value=shown(value), hint=hint))

    def empty(self, row: Row, column: str, message: str | Message = CELL_EMPTY,
              hint: str | Message = "") -> None:
        """A required cell is empty: said so, or that it is a formula without a value."""
        problem = formula_problem(row, column)
        if problem is not None:
            self.problems.append(replace(problem, file=self.table.file))
            return
        self.problem(row, column, message, value="",
                     hint=hint or _m("input.cell.empty.hint", column=column))

    def parse(self, row: Row, column: str, parser: Callable[[Cell], T | Problem],
              required: bool = False) -> T | None:
        """The parsed cell; None (and maybe a problem) when it is empty or bad."""
        cell = row.cell(column)
        if isinstance(cell, str) and not cell:
            if required:
                self.empty(row, column)
            return None
        result = parser(cell)
        if isinstance(result, Problem):
            self.problems.append(replace(result, value=shown(result.value),
                                         file=self.table.file, row=row.number,
                                         column=column))
            return None
        return result
