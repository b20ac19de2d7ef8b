"""Numbers as people type them: "12 000 000 €", "0,6", "25 %", "12,000,000".

Where a person types an amount or a share (the app's fields, `--budget`, `--set` on a key
whose schema `unit` is "eur" or "share"), the text is read here, in the language of the
page or command:

- thousands in groups of three, separated by a plain, no-break (U+00A0) or thin (U+2009,
  U+202F) space, and in English by a comma; a trailing "€" on amounts; "25 %" on shares
  only (0.25); a decimal point always; a true minus (U+2212) as the tool writes it;
- Finnish ("fi"): the comma is the decimal mark ("0,6", "1 234,5");
- English ("en"): the comma separates thousands, so "1,5" is refused (write 1.5);
- no language (`None`, the command line, which reads the scenario before it knows the
  language of its output): a comma is a decimal comma when it cannot be a thousands
  separator ("0,6", "1,5", "12 000,50"), a thousands separator when it can only be one
  ("12,000,000", "1,500.5"), and "1,500" is refused (1500 or 1.5?).

Anything else is refused with a message that shows an accepted form. Scenario files keep
TOML's syntax: nothing here reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from optimizer.scenario.schema import SECTIONS, Bad, field_meta

SPACES = " \u00a0\u2009\u202f"
MINUSES = "-\u2212"
AMOUNT, SHARE = "eur", "share"


def unit_of(section: str, name: str) -> str:
    """"eur", "share" or "" for a key of the scenario, as its schema declares it."""
    if section not in SECTIONS or name not in SECTIONS[section].key_names():
        return ""
    return str(field_meta(section, name).get("unit", ""))


def typed_value(section: str, name: str, value: Any, lang: str | None) -> Any:
    """`value` (read from `--set`, or a table of them) with the text a person typed for
    an amount or share read as a number; any other value as it was. In the tables of
    pools and links (lists of tables), the keys in euros ("appropriation_eur",
    "saving_eur": the schema's names end so) are amounts."""
    if section == "links" or (section in SECTIONS and name in SECTIONS[section].key_names()
                              and field_meta(section, name)["kind"] == "pools"):
        return _euro_entries(value, lang)
    unit = unit_of(section, name)
    if not unit:
        return value
    if isinstance(value, str) and value.strip().lower() == "none":  # clears an optional key
        return value
    if isinstance(value, str):
        return read_number(value, unit, lang)
    if isinstance(value, Mapping):
        return {k: read_number(v, unit, lang) if isinstance(v, str) else v
                for k, v in value.items()}
    return value


def _euro_entries(value: Any, lang: str | None) -> Any:
    """A table, or a list of tables, with the text of its "..._eur" keys read as amounts."""
    if isinstance(value, list):
        return [_euro_entries(item, lang) for item in value]
    if not isinstance(value, Mapping):
        return value
    return {k: read_number(v, AMOUNT, lang) if str(k).endswith("_eur") and isinstance(v, str)
            else v for k, v in value.items()}


def read_number(text: str, unit: str, lang: str | None = None) -> float:
    """The number `text` says, as a person types an amount (unit "eur") or a share
    ("share"); Bad (with an accepted form) for anything else or anything ambiguous."""
    body, scale = _unit_stripped(text.strip(), unit)
    sign = -1 if body[:1] in MINUSES else 1
    body = body[1:].lstrip(SPACES) if body[:1] in MINUSES + "+" else body
    if not any(c.isdigit() for c in body) or any(
            not (c.isdigit() and c.isascii()) and c not in SPACES + ",." for c in body):
        raise _not_a_number(unit)
    whole, frac = _split_decimal(body, unit, lang)
    digits = _ungrouped(whole, body, unit, lang)
    if frac and not (frac.isdigit() and frac.isascii()):
        raise _not_a_number(unit)
    return sign * float(Decimal(f"{digits}.{frac or '0'}") * scale)


def _unit_stripped(text: str, unit: str) -> tuple[str, Decimal]:
    """The text without its "€" or "%" (and the factor that "%" means)."""
    if text.endswith("%"):
        if unit != SHARE:
            raise Bad("scenario.typed.percent_not_share")
        return text[:-1].rstrip(SPACES), Decimal("0.01")
    if text.endswith("€"):
        if unit != AMOUNT:
            raise Bad("scenario.typed.euro_not_amount")
        return text[:-1].rstrip(SPACES), Decimal(1)
    return text, Decimal(1)


def _split_decimal(body: str, unit: str, lang: str | None) -> tuple[str, str]:
    """(whole part, decimals): which of "," and "." is the decimal mark here."""
    points, commas = body.count("."), body.count(",")
    if points > 1 or (points and commas and lang == "fi"):
        raise _not_a_number(unit)
    if points:
        whole, _, frac = body.partition(".")
        return whole, frac
    if not commas:
        return body, ""
    if lang == "fi" or (lang is None and _decimal_comma(body)):
        if commas > 1:
            raise _not_a_number(unit)
        whole, _, frac = body.partition(",")
        return whole, frac
    if lang is None and commas == 1 and not any(c in SPACES for c in body):
        raise Bad("scenario.typed.ambiguous", text=body, thousands=body.replace(",", ""),
                  decimal=body.replace(",", ".").rstrip("0").rstrip("."))
    return body, ""  # the commas separate thousands (English)


def _decimal_comma(body: str) -> bool:
    """With no language: one comma that cannot separate thousands (not followed by
    exactly three digits, or after space-grouped thousands) is a decimal comma."""
    if body.count(",") != 1:
        return False
    after = body.partition(",")[2]
    return len(after) != 3 or any(c in SPACES for c in body)


def _ungrouped(whole: str, body: str, unit: str, lang: str | None) -> str:
    """The whole part's digits, its thousands separators checked (groups of three)."""
    marks = SPACES + ("," if lang != "fi" else "")
    groups = [whole]
    for mark in marks:
        groups = [part for group in groups for part in group.split(mark)]
    if len(groups) == 1:
        if not whole:
            return "0"
        if whole.isdigit():
            return whole
        raise _not_a_number(unit)
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]) \
            or not all(g.isdigit() for g in groups):
        if lang == "en" and "," in body and "." not in body:  # "1,5": a decimal comma?
            raise Bad("scenario.typed.comma_in_english", decimal=body.replace(",", "."))
        raise Bad("scenario.typed.groups")
    return "".join(groups)


def _not_a_number(unit: str) -> Bad:
    """The message shows forms its language accepts (the page's or the command's)."""
    return Bad("scenario.typed.not_a_number", unit=unit)
