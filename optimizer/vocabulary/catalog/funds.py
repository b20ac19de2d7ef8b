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
    """'Year 2022: appropriation 5,000,000 €; carried over 1,014,400 €; paid ...; left ...':
    the parts in the order a reader adds them (appropriation + carried + saving - paid =
    left); a part the row cannot have is left out."""
    fi = w.lang == "fi"
    spent = "?" if a["spent"] is None else w.eur(a["spent"])
    left = "?" if a["left"] is None else w.eur(a["left"])
    head, cap = _name(a, w), w.eur(a["appropriation"])
    pool = a["kind"] == "pool"
    parts = [cap if pool else f"{'määräraha' if fi else 'appropriation'} {cap}"]
    carried, saving = a.get("carried"), a.get("saving")
    if carried is not None:
        what = (("määrärahaosuuksilta siirtynyt" if fi else "left by the pools")
                if pool else ("aiemmilta vuosilta siirtynyt" if fi
                              else "carried over from earlier years"))
        parts.append(f"{what} {w.eur(carried)}")
    if saving:
        parts.append(f"{'yhteisvaikutusten säästöt' if fi else 'synergy savings'} "
                     f"{w.eur(saving)}")
    paid = ("käytetty" if pool else "maksetaan") if fi else ("spent" if pool else "paid")
    parts += [f"{paid} {spent}", f"{'jäljellä' if fi else 'left'} {left}"]
    return f"{head}: " + "; ".join(parts)


LINK_KINDS: Mapping[str, Mapping[str, str]] = {
    "requires": {"en": "requires", "fi": "edellyttää"},
    "excludes": {"en": "excludes (at most one)", "fi": "vaihtoehtoiset (enintään yksi)"},
    "together": {"en": "together (all or none)", "fi": "yhdessä (kaikki tai ei mitään)"},
    "synergy": {"en": "synergy", "fi": "yhteisvaikutus"},
}

_ROW = {"kind": "pool", "name": "pienet kunnat", "appropriation": 3_000_000.0,
        "carried": None, "saving": None, "spent": 2_950_000.0, "left": 50_000.0}

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "fund.name": {"en": _name, "fi": _name, "example": _ROW},
    "fund.line": {"en": _line, "fi": _line,
                  "example": {**_ROW, "name": REMAINDER, "carried": 50_000.0,
                              "saving": 24_500.0}},
    "fund.line_year": {"en": _line, "fi": _line,
                       "example": {**_ROW, "kind": "year", "name": "2022",
                                   "carried": 1_014_400.0}},

    **{f"link.{kind}": {**names, "example": {}} for kind, names in LINK_KINDS.items()},
}
