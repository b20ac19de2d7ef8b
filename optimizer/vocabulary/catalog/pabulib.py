"""Participatory budgets (pabulib files): what `grantopt proportional` says of the rules it
compares, and the names of the kinds of ballot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.words import Words

# The kinds of ballot (pabulib vote_type), by their plain names.
VOTE_TYPES: Mapping[str, Mapping[str, str]] = {
    "approval": {"en": "approval", "fi": "hyväksyntä"},
    "ordinal": {"en": "ordinal", "fi": "järjestys"},
    "cumulative": {"en": "cumulative", "fi": "kumulatiivinen"},
    "scoring": {"en": "scoring", "fi": "pisteytys"},
}


def vote_type_name(kind: str, lang: str) -> str:
    """The plain name of a kind of ballot; an unknown one as the file writes it."""
    return VOTE_TYPES.get(kind, {}).get(lang, kind)


def _amount(value: float, w: Words) -> str:
    return w.num(value, 2 if value % 1 else 0)


def _head_en(a: Mapping[str, Any], w: Words) -> str:
    return (f"{a['file']}: {a['projects']} projects, {a['voters']} "
            f"{vote_type_name(a['vote_type'], 'en')} ballots, budget {_amount(a['budget'], w)}")


def _head_fi(a: Mapping[str, Any], w: Words) -> str:
    return (f"{a['file']}: {a['projects']} hanketta, {a['voters']} ääntä "
            f"({vote_type_name(a['vote_type'], 'fi')}), budjetti {_amount(a['budget'], w)}")


_HEAD_EXAMPLE = {"file": "poland_warszawa_2020_wawer.pb", "projects": 24, "voters": 2395,
                 "vote_type": "approval", "budget": 1_489_884}

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # the rules side by side
    "pabulib.rule_actual": {"en": "City's selection", "fi": "Kaupungin valinta",
                            "example": {}},
    "pabulib.rule_utilitarian": {"en": "Utilitarian optimum", "fi": "Utilitaristinen optimi",
                                 "example": {}},
    "pabulib.rule_mes": {"en": "Equal Shares", "fi": "Equal Shares (tasaosuudet)",
                         "example": {}},
    "pabulib.rule_mes_completed": {"en": "Equal Shares + completion",
                                   "fi": "Equal Shares + täydennys", "example": {}},
    "pabulib.rule_phragmen": {"en": "Sequential Phragmén", "fi": "Phragménin menetelmä",
                              "example": {}},
    # the table's headers
    "pabulib.header_rule": {"en": "rule", "fi": "sääntö", "example": {}},
    "pabulib.header_projects": {"en": "projects", "fi": "hankkeita", "example": {}},
    "pabulib.header_cost": {"en": "cost", "fi": "kustannus", "example": {}},
    "pabulib.header_of_budget": {"en": "of budget", "fi": "budjetista", "example": {}},
    "pabulib.header_support": {"en": "support", "fi": "kannatus", "example": {}},
    "pabulib.header_voters_served": {"en": "voters served", "fi": "äänestäjiä palveltu",
                                     "example": {}},
    "pabulib.header_also_actual": {"en": "also city's", "fi": "myös kaupungin",
                                   "example": {}},
    # the sentences around it
    "pabulib.comparison_head": {"en": _head_en, "fi": _head_fi, "example": _HEAD_EXAMPLE},
    "pabulib.voters_served": {
        "en": "Voters served: ballots that support at least one selected project.",
        "fi": "Palveltu: äänestäjät, joiden tukemista hankkeista ainakin yksi valitaan.",
        "example": {}},
    "pabulib.phragmen_approval_only": {
        "en": "Sequential Phragmén is defined for approval ballots only.",
        "fi": "Phragménin menetelmä on määritelty vain hyväksyntä-äänille.",
        "example": {}},
    "pabulib.caps_utilitarian_only": {
        "en": "Only the utilitarian optimum honours the file's category caps (as in "
              "pabutools, the proportional rules do not).",
        "fi": "Vain utilitaristinen optimi noudattaa tiedoston luokkakohtaisia "
              "enimmäismääriä (suhteelliset säännöt eivät, kuten pabutoolsissa).",
        "example": {}},
}
