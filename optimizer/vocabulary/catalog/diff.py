"""What one rule of a scenario does (analysis.diff.rule_effect): the optimum with the rule
against the optimum without it, in a sentence with the euros moved and the projects named."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.values import change_text, value_text
from optimizer.vocabulary.words import Words


def _moved(moves: list[tuple[str, str, float]], verb: str, w: Words) -> str:
    names = ", ".join(f"{i} {label} ({w.eur(eur)})" for i, label, eur in moves)
    return f"{w.count(len(moves), 'project')} {verb}: {names}"


def _rule_effect(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    rule = change_text(a["key"], a["value"], w.lang)
    default = value_text(a["key"], a["without"], w.lang)
    head = (f"Sääntö ”{rule}” (oletus: {default})" if fi
            else f"The rule “{rule}” (default: {default})")
    if not a["changed"]:
        return head + (" ei muuta tässä mitään: optimaalinen jako täyttää sen jo." if fi
                       else " changes nothing here: the optimum meets it already.")
    parts = []
    if a["gains"] or a["losses"]:
        into = ", ".join(f"{r} (+{w.eur(e)})" for r, e in a["gains"]) or (
            "ei mihinkään" if fi else "no region")
        out = ", ".join(f"{r} (−{w.eur(e)})" for r, e in a["losses"]) or (
            "ei mistään" if fi else "no region")
        parts.append(f"siirtää euroja maakuntiin {into} ja pois maakunnista {out}" if fi
                     else f"moves euros into {into} and out of {out}")
    for key, en, fi_verb in (("enter", "enter", "tulee mukaan"), ("leave", "leave", "jää pois")):
        moves = a[key]
        if moves:
            parts.append(_moved(moves, fi_verb if fi else en + ("s" if len(moves) == 1 else ""),
                                w))
    if a["values"] is not None:
        base, other, objective = a["values"]
        parts.append(f"kokonaisarvo muuttuu arvosta {w.value(base, objective)} arvoon "
                     f"{w.value(other, objective)}" if fi else
                     f"the value goes from {w.value(base, objective)} to "
                     f"{w.value(other, objective)}")
    return f"{head} " + "; ".join(parts) + "."


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "diff.rule_effect": {
        "en": _rule_effect, "fi": _rule_effect,
        "example": {"key": "coverage.max_region_share", "value": 0.25, "without": None,
                    "changed": True, "gains": [("Pohjois-Pohjanmaa", 616_400.0)],
                    "losses": [("Uusimaa", 552_500.0)],
                    "enter": [("2020-59", "Oulun kaupunki", 310_000.0)],
                    "leave": [("2020-35", "Porvoon kaupunki", 252_300.0)],
                    "values": (23.296, 22.91, "score")}},
}
