"""Participatory budgets (pabulib files): what `grantopt import pabulib`, `export pabulib`
and `proportional` say, and the names of the kinds of ballot."""

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


def _imported_en(a: Mapping[str, Any], w: Words) -> str:
    caps = f", {a['caps']} category caps" if a["caps"] else ""
    selected = ("no selected column" if a["selected"] is None
                else f"{a['selected']} selected by the city")
    return (f"Imported {a['projects']} projects and {a['ballots']} "
            f"{vote_type_name(a['vote_type'], 'en')} ballots; budget {_amount(a['budget'], w)} "
            f"{a['currency']}{caps}; {selected}.")


def _imported_fi(a: Mapping[str, Any], w: Words) -> str:
    caps = f", {a['caps']} luokkakohtaista enimmäismäärää" if a["caps"] else ""
    selected = ("tiedostossa ei ole kaupungin valintaa" if a["selected"] is None
                else f"kaupunki valitsi {w.count(a['selected'], 'project', as_object=True)}")
    return (f"Tuotiin {w.count(a['projects'], 'project')} ja {a['ballots']} ääntä "
            f"({vote_type_name(a['vote_type'], 'fi')}); budjetti {_amount(a['budget'], w)} "
            f"{a['currency']}{caps}; {selected}.")


def _next_en(a: Mapping[str, Any], w: Words) -> str:
    compare = f"; grantopt compare {a['scenario']}" if a["compare"] else ""
    return f"Next: grantopt run {a['scenario']}{compare}"


def _next_fi(a: Mapping[str, Any], w: Words) -> str:
    compare = f"; grantopt compare {a['scenario']}" if a["compare"] else ""
    return f"Seuraavaksi: grantopt run {a['scenario']}{compare}"


def _exported(lang: str) -> Any:
    def text(a: Mapping[str, Any], w: Words) -> str:
        if lang == "fi":
            what = "optimi" if a["optimum"] else "toteutunut päätös"
            return (f"Kirjoitettiin {a['path']}: valituiksi merkitty {what}, "
                    f"{w.count(a['projects'], 'project')}, kustannus {_amount(a['cost'], w)}, "
                    f"kannatus {w.num(a['support'])}.")
        what = "the optimum" if a["optimum"] else "the actual decision"
        return (f"Wrote {a['path']}: selected marks {what}, {a['projects']} projects, "
                f"cost {_amount(a['cost'], w)}, support {w.num(a['support'])}.")
    return text


def _rules_need_points(lang: str) -> Any:
    def text(a: Mapping[str, Any], w: Words) -> str:
        kind = vote_type_name(a["vote_type"], lang)
        if lang == "fi":
            return (f"Equal Shares ja Phragménin menetelmä jätetään pois: ne lukevat "
                    f"hyväksyntöjä tai pisteitä, ja tämän tiedoston äänet ({kind}) ovat "
                    f"järjestyksiä.")
        return (f"Equal Shares and sequential Phragmén are not applied: they read approvals "
                f"or points, and this file's {kind} ballots are rankings.")
    return text


_HEAD_EXAMPLE = {"file": "poland_warszawa_2020_wawer.pb", "projects": 24, "voters": 2395,
                 "vote_type": "approval", "budget": 1_489_884}

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # grantopt import pabulib and export pabulib
    "pabulib.imported": {
        "en": _imported_en, "fi": _imported_fi,
        "example": {"projects": 137, "ballots": 5452, "vote_type": "approval",
                    "budget": 2_493_341, "currency": "PLN", "caps": 0, "selected": 21}},
    "pabulib.round_folder": {"en": "Round folder: {path}", "fi": "Haun kansio: {path}",
                             "example": {"path": "pb/wawer/round"}},
    "pabulib.scenario": {"en": "Scenario:     {path} (the utilitarian optimum)",
                         "fi": "Skenaario:   {path} (utilitaristinen optimi)",
                         "example": {"path": "pb/wawer/scenario.toml"}},
    "pabulib.next": {"en": _next_en, "fi": _next_fi,
                     "example": {"scenario": "pb/wawer/scenario.toml", "compare": True}},
    "pabulib.exported": {
        "en": _exported("en"), "fi": _exported("fi"),
        "example": {"path": "wawer-optimum.pb", "optimum": True, "projects": 21,
                    "cost": 2_490_112.5, "support": 31_012}},
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
    # --- proportional (P1) ---
    "pabulib.rules_need_points": {
        "en": _rules_need_points("en"), "fi": _rules_need_points("fi"),
        "example": {"vote_type": "ordinal"}},
}
