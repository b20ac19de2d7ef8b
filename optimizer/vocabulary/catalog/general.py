"""Messages that belong to no one layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "general.joined": {"en": "{items:and}", "fi": "{items:and}",
                       "example": {"items": ["Kainuu", "Lappi", "Uusimaa"]}},
    # Ties between optimal portfolios (model.ties): named wherever a portfolio is shown.
    "ties.unique": {"en": "This is the only optimal portfolio.",
                    "fi": "Tämä on ainoa optimaalinen jako.", "example": {}},
    "ties.closest": {
        "en": "One of at least {n:num} optimal portfolios of equal value; shown: the one "
              "closest to the actual decision (fewest projects added or removed), then the "
              "one that funds the earliest application ids.",
        "fi": "Yksi vähintään {n:num} yhtä arvokkaasta optimaalisesta jaosta; näytetään "
              "toteutunutta päätöstä lähinnä oleva (vähiten lisättyjä tai poistettuja "
              "hankkeita), sen jälkeen se, joka rahoittaa hakemustunnuksiltaan ensimmäiset.",
        "example": {"n": 2}},
    "ties.order": {
        "en": "One of at least {n:num} optimal portfolios of equal value; shown: the one "
              "with the fewest projects, then the one that funds the earliest application ids.",
        "fi": "Yksi vähintään {n:num} yhtä arvokkaasta optimaalisesta jaosta; näytetään se, "
              "jossa on vähiten hankkeita, sen jälkeen se, joka rahoittaa "
              "hakemustunnuksiltaan ensimmäiset.",
        "example": {"n": 2}},
    "ties.closest_only": {
        "en": "One of at least {n:num} optimal portfolios of equal value; shown: one closest "
              "to the actual decision (with more than {limit:num} applications those are not "
              "ordered further by id, so another solver may show another one as close).",
        "fi": "Yksi vähintään {n:num} yhtä arvokkaasta optimaalisesta jaosta; näytetään yksi "
              "toteutunutta päätöstä lähimmistä (kun hakemuksia on yli {limit:num}, niitä ei "
              "järjestetä tunnusten mukaan, joten toinen ratkaisin voi näyttää toisen yhtä "
              "lähellä olevan).",
        "example": {"n": 2, "limit": 2500}},
    "ties.fewest_only": {
        "en": "One of at least {n:num} optimal portfolios of equal value; shown: one with the "
              "fewest projects (with more than {limit:num} applications those are not "
              "ordered further by id, so another solver may show another one).",
        "fi": "Yksi vähintään {n:num} yhtä arvokkaasta optimaalisesta jaosta; näytetään yksi "
              "niistä, joissa on vähiten hankkeita (kun hakemuksia on yli {limit:num}, niitä "
              "ei järjestetä tunnusten mukaan, joten toinen ratkaisin voi näyttää toisen).",
        "example": {"n": 2, "limit": 2500}},
    "ties.not_checked": {
        "en": "Other optimal portfolios of equal value were not looked for (more than "
              "{limit:num} applications); another solver may show another one.",
        "fi": "Muita yhtä arvokkaita optimaalisia jakoja ei etsitty (yli {limit:num} "
              "hakemusta); toinen ratkaisin voi näyttää toisen.",
        "example": {"limit": 20000}},
    "ties.not_settled": {
        "en": "Whether other optimal portfolios of equal value exist is not known: the solver "
              "could not settle it within its limits; another solver may show another one.",
        "fi": "Ei tiedetä, onko muita yhtä arvokkaita optimaalisia jakoja: ratkaisin ei "
              "selvittänyt sitä rajojensa puitteissa; toinen ratkaisin voi näyttää toisen.",
        "example": {}},
    # How the actual decision is valued (analysis.compare), in every output.
    "compare.valued_as_made": {
        "en": "The actual decision is valued as it was made: its awards as paid, uncut, "
              "each worth at most its project's whole need.",
        "fi": "Toteutunut päätös arvotetaan sellaisena kuin se tehtiin: avustukset "
              "myönnettyinä, leikkaamatta, kukin enintään hankkeen koko tarpeen arvoisena.",
        "example": {}},
    "compare.breaks_rules": {
        "en": "It breaks {n:count=rule} of this scenario (listed with the comparison), so the "
              "efficiency compares it with an optimum under rules it did not follow.",
        "fi": "Se rikkoo tässä skenaariossa {n:countobj=rule} (lueteltu vertailun yhteydessä), "
              "joten tehokkuus vertaa sitä optimiin sääntöjen alla, joita se ei noudattanut.",
        "example": {"n": 2}},
    # What the fewest changes count (analysis.compare.Changes).
    "compare.changes_counted": {
        "en": "Fewest changes to an optimal portfolio: {count:num} ({added:count=addition} and "
              "{removed:count=removal} of projects).",
        "fi": "Vähimmät muutokset optimaaliseen jakoon: {count:num} ({added:count=addition} ja "
              "{removed:count=removal} hankkeiden joukossa).",
        "example": {"count": 30, "added": 25, "removed": 5}},
    "compare.amounts_counted": {
        "en": "Besides, the amount changes for {n:count=award} of projects funded in both: "
              "counted apart, and the euros they move ({moved:eur}) are the fewest possible.",
        "fi": "Lisäksi {n:count=award} muuttuu määrältään (molemmissa rahoitetuille hankkeille); "
              "ne lasketaan erikseen, ja niiden siirtämät eurot ({moved:eur}) ovat pienimmät "
              "mahdolliset.",
        "example": {"n": 2, "moved": 354900}},
    # a scenario key's value alone (vocabulary.values.value_text)
    "value.none": {"en": "none", "fi": "ei rajaa", "example": {}},
    "value.yes": {"en": "yes", "fi": "kyllä", "example": {}},
    "value.no": {"en": "no", "fi": "ei", "example": {}},
    "value.share": {"en": "{share:pctg}", "fi": "{share:pctg}", "example": {"share": 0.25}},
}
