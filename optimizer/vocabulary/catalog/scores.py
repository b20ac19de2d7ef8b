"""`grantopt scores`: what writing a scoring sheet, combining evaluators' sheets and showing
a round's scores say. The criterion ids stay as they are: they are the sheet's columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "scores.wrote": {"en": "Wrote {path}", "fi": "Kirjoitettu {path}",
                     "example": {"path": "pisteet.xlsx"}},
    "scores.combined": {
        "en": "Combined {n} sheet(s), evaluators {evaluators:list}, by {method}.",
        "fi": "Yhdistetty {n} arviointilomaketta, arvioijat {evaluators:list}, tapa {method}.",
        "example": {"n": 3, "evaluators": ["Aino", "Mikko"], "method": "mediaani"}},
    "scores.no_disagreement": {
        "en": "No disagreements larger than {spread:g} scale points.",
        "fi": "Arvioijat eivät eroa toisistaan yli {spread:g} asteikon pistettä.",
        "example": {"spread": 1.0}},
    "scores.disagreements": {
        "en": "{n} disagreement(s) larger than {spread:g} scale points:",
        "fi": "{n} kohtaa, joissa arvioijat eroavat yli {spread:g} asteikon pistettä:",
        "example": {"n": 2, "spread": 1.0}},
    "scores.head.application": {"en": "application", "fi": "hakemus", "example": {}},
    "scores.head.criterion": {"en": "criterion", "fi": "arviointikriteeri", "example": {}},
    "scores.head.spread": {"en": "spread", "fi": "vaihteluväli", "example": {}},
    "scores.head.scores": {"en": "scores", "fi": "pisteet", "example": {}},
    "scores.head.lead": {"en": "lead", "fi": "hankehallinnoija", "example": {}},
    "scores.head.score": {"en": "score", "fi": "pisteet", "example": {}},
    "scores.proxy": {"en": "PROXY SCORES: {label}", "fi": "KORVAAVAT PISTEET: {label}",
                     "example": {"label": "aineistosta laskettu"}},
    "scores.source": {"en": "Score source: {label}", "fi": "Pisteiden lähde: {label}",
                      "example": {"label": "arviointilomake"}},
    "scores.weights": {"en": "Weights: {weights}", "fi": "Painokertoimet: {weights}",
                       "example": {"weights": "yhteistyö 0,250"}},
    "scores.note": {"en": "Note: {note}.", "fi": "Huomio: {note}.",
                    "example": {"note": "aineistosta laskettu"}},
}
