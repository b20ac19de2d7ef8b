"""The figures' own words (optimizer.plots) beyond the labels in vocabulary/words.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # the map of the regions (plots.region_map)
    "plots.map.optimum": {"en": "Optimum", "fi": "Optimaalinen jako", "example": {}},
    "plots.map.actual": {"en": "Actual decision", "fi": "Toteutunut päätös", "example": {}},
    "plots.map.per_resident": {"en": "€ per resident", "fi": "€ asukasta kohden",
                               "example": {}},
    "plots.map.no_applicants": {"en": "no applicants", "fi": "ei hakijoita", "example": {}},
    "plots.map.title": {"en": "Awards per resident by region",
                        "fi": "Avustukset asukasta kohden maakunnittain", "example": {}},
    "plots.map.lead": {"en": "region of the lead applicant", "fi": "hankehallinnoijan maakunta",
                       "example": {}},
    "plots.map.participants": {"en": "regions of the participating municipalities",
                               "fi": "osallistuvien kuntien maakunnat", "example": {}},
    "plots.map.not_drawn": {
        "en": "Not on the map (no boundary in {file}): {regions:list}",
        "fi": "Ei kartalla (ei rajaa tiedostossa {file}): {regions:list}",
        "example": {"file": "maakunnat.geojson", "regions": ["Ahvenanmaa", "Kainuu"]}},
    # notes under the region figures (report.outputs)
    "plots.note.outside": {
        "en": "{n} actual award(s) outside the instance ({eur:eur}) are not shown",
        "fi": "{n} toteutuneen päätöksen avustusta tarkastelun ulkopuolisille hakemuksille "
              "({eur:eur}) ei näy kuvassa",
        "example": {"n": 2, "eur": 524300}},
    "plots.note.no_population": {"en": "no population known for {regions:list}",
                                 "fi": "asukasluku ei ole tiedossa: {regions:list}",
                                 "example": {"regions": ["Ahvenanmaa"]}},
    "plots.note.no_region": {
        "en": "awards to applicants with no known region are not shown",
        "fi": "avustukset hakijoille, joiden maakunta ei ole tiedossa, eivät näy kuvassa",
        "example": {}},
    # --- value for money (D2) ---
    # each fundable application's value against its largest award (plots.value_for_money)
    "plots.vfm.title": {"en": "Each application's value against its cost",
                        "fi": "Hakemusten arvo suhteessa avustukseen", "example": {}},
    "plots.vfm.how": {
        "en": "filled: the optimum funds it; ring: the actual decision funded it; "
              "grey lines: equal value per euro",
        "fi": "täytetty: optimaalinen jako rahoittaa; rengas: toteutunut päätös rahoitti; "
              "harmaat viivat: sama arvo euroa kohden",
        "example": {}},
    "plots.vfm.cost_axis": {"en": "Largest award (M€)",
                            "fi": "Suurin mahdollinen avustus (milj. €)", "example": {}},
    "plots.vfm.value_score": {"en": "Value when funded (the project's score)",
                              "fi": "Arvo rahoitettuna (hankkeen pisteet)", "example": {}},
    "plots.vfm.value_euros": {"en": "Value when funded (score × award, M€)",
                              "fi": "Arvo rahoitettuna (pisteet × avustus, milj. €)",
                              "example": {}},
    "plots.vfm.optimal": {"en": "Funded by the optimum: {n:count=project}",
                          "fi": "Optimaalinen jako rahoittaa: {n:count=project}",
                          "example": {"n": 48}},
    "plots.vfm.actual": {"en": "Funded by the actual decision: {n:count=project}",
                         "fi": "Toteutunut päätös rahoitti: {n:count=project}",
                         "example": {"n": 29}},
    "plots.vfm.not_funded": {"en": "Not funded by the optimum: {n:count=application}",
                             "fi": "Optimaalinen jako ei rahoita: {n:count=application}",
                             "example": {"n": 13}},
    "plots.vfm.per_million": {"en": "{ratio:g} per M€", "fi": "{ratio:g} / milj. €",
                              "example": {"ratio": 2.5}},
    "plots.vfm.per_euro": {"en": "score {ratio:g}", "fi": "pisteet {ratio:g}",
                           "example": {"ratio": 0.5}},
    "plots.vfm.none": {"en": "No fundable application", "fi": "Ei avustuskelpoisia hakemuksia",
                       "example": {}},
    # core index beside sampled acceptability (plots.portfolios)
    "plots.portfolios.title": {"en": "Core index", "fi": "Ydinindeksi", "example": {}},
    "plots.portfolios.sub": {
        "en": "{n} non-dominated portfolio(s) under: {statements}",
        "fi": "{n} ei-dominoitua hankesalkkua, lausumat: {statements}",
        "example": {"n": 21, "statements": "laajuus >= vaikuttavuus"}},
    "plots.portfolios.sub_incomplete": {
        "en": "at least {n} non-dominated portfolios (incomplete) under: {statements}",
        "fi": "vähintään {n} ei-dominoitua hankesalkkua (vaillinainen luettelo), lausumat: "
              "{statements}",
        "example": {"n": 44, "statements": "laajuus >= vaikuttavuus"}},
    "plots.portfolios.axis": {
        "en": "share of the non-dominated portfolios that fund the application",
        "fi": "hakemuksen rahoittavien ei-dominoitujen salkkujen osuus", "example": {}},
    "plots.portfolios.sampled": {
        "en": "sampled acceptability (draws within the statements)",
        "fi": "arvottu hyväksyttävyysindeksi (arvonnat lausumien rajoissa)", "example": {}},
}
