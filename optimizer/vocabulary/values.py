"""A scenario key's value as a person reads it, and one change on top of the files in plain
words (titles of modified scenarios, what a rule does)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.numbers import euros, number

MONEY_KEYS = ("budget.appropriation", "budget.rounding", "budget.min_spend",
              "funding.max_per_project")
# Shares of a whole, shown as percentages (0.25 -> 25 %).
SHARE_KEYS = ("coverage.max_region_share", "funding.min_share", "funding.max_cost_share")


def change_text(path: str, value: Any, lang: str) -> str:
    """One change on top of the files as a person reads it: the key's plain name and the
    value's (tables, whose keys are ids, say only that they changed)."""
    if path in ("locks.fund", "locks.reject"):
        return say(lang, "title.locked" if value else "title.nothing", ids=list(value), key=path)
    if value is None:
        return say(lang, "title.unset", key=path)
    if isinstance(value, bool):
        return say(lang, "title.yes" if value else "title.no", key=path)
    if path == "links" or isinstance(value, Mapping | list | tuple):
        return say(lang, "title.table", key=path)
    named = value_name(path, value, lang)
    if named:
        return say(lang, "title.choice", key=path, value=named)
    return say(lang, "title.setting", key=path, value=value_text(path, value, lang))


def value_text(path: str, value: Any, lang: str) -> str:
    """A key's value alone, as a person reads it: euros, a percentage, a plain name, "none"
    for a rule that is off."""
    if value is None:
        return say(lang, "value.none")
    if isinstance(value, bool):
        return say(lang, "value.yes" if value else "value.no")
    named = value_name(path, value, lang)
    if named:
        return named
    if path in MONEY_KEYS:
        return euros(value, lang)
    if path in SHARE_KEYS and isinstance(value, int | float):
        return say(lang, "value.share", share=value)
    return shown_value(value, lang)


def shown_value(value: Any, lang: str = "en") -> str:
    """A key's value as a title shows it: 12,000,000; 0.25; highs; [a, b]; {reach: 0.4}."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if float(value).is_integer():
            return number(value, 0, lang)
        return f"{value:g}".replace(".", "," if lang == "fi" else ".")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown_value(v, lang) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {shown_value(v, lang)}" for k, v in value.items()) + "}"
    return "none" if value is None else str(value)
