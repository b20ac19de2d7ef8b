"""Funding pools and years as a person reads them: their names and their spend lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.constants import REMAINDER  # the budget outside the pools
from optimizer.vocabulary.words import Words


def _name(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    if a["kind"] == "year":
        return f"{'Vuosi' if fi else 'Year'} {a['name']}"
    if a["name"] == REMAINDER:
        return "Määrärahaosuuksiin kuulumaton osa" if fi else "Budget outside the pools"
    return f"{'Määrärahaosuus' if fi else 'Pool'} {a['name']}"


def _line(a: Mapping[str, Any], w: Words) -> str:
    spent = "?" if a["spent"] is None else w.eur(a["spent"])
    left = "?" if a["left"] is None else w.eur(a["left"])
    head, cap = _name(a, w), w.eur(a["appropriation"])
    if a["kind"] == "pool":
        return (f"{head}: {cap}; käytetty {spent}; jäljellä {left}" if w.lang == "fi"
                else f"{head}: {cap}; spent {spent}; left {left}")
    return (f"{head}: määräraha {cap}; maksetaan {spent}; jäljellä {left}" if w.lang == "fi"
            else f"{head}: appropriation {cap}; paid {spent}; left {left}")


LINK_KINDS: Mapping[str, Mapping[str, str]] = {
    "requires": {"en": "requires", "fi": "edellyttää"},
    "excludes": {"en": "excludes (at most one)", "fi": "vaihtoehtoiset (enintään yksi)"},
    "together": {"en": "together (all or none)", "fi": "yhdessä (kaikki tai ei mitään)"},
    "synergy": {"en": "synergy", "fi": "yhteisvaikutus"},
}

_ROW = {"kind": "pool", "name": "pienet kunnat", "appropriation": 3_000_000.0,
        "spent": 2_950_000.0, "left": 50_000.0}

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "fund.name": {"en": _name, "fi": _name, "example": _ROW},
    "fund.line": {"en": _line, "fi": _line, "example": _ROW},
    "fund.line_year": {"en": _line, "fi": _line,
                       "example": {**_ROW, "kind": "year", "name": "2022"}},
    **{f"link.{kind}": {**names, "example": {}} for kind, names in LINK_KINDS.items()},
}
