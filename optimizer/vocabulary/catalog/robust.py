"""Robust portfolios under incomplete weights (RPM): weight statements, score intervals,
non-dominated portfolios, core / borderline / exterior applications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # --- statements, as a person writes them in [robustness] statements
    "scenario.statement.bad": {
        "en": "robustness.statements: {statement!r}: {problem:msg}",
        "fi": "robustness.statements: {statement!r}: {problem:msg}",
        "example": {"statement": "A >> B", "problem": "?"}},
    "scenario.statement.strict": {
        "en": "{token!r} is strict, and a set of weights includes its edges: write {token}= "
              "instead",
        "fi": "{token!r} on aito vertailu, mutta painojen joukkoon kuuluvat sen reunat: "
              "kirjoita {token}=",
        "example": {"token": ">"}},
    "scenario.statement.no_comparison": {
        "en": "no comparison: use >=, <= or =, e.g. 'A >= B' or '0.2 <= B <= 0.5'",
        "fi": "vertailu puuttuu: käytä merkkejä >=, <= tai =, esim. 'A >= B' tai "
              "'0,2 <= B <= 0,5'",
        "example": {}},
    "scenario.statement.no_name": {
        "en": "it names no criterion or group of criteria",
        "fi": "siinä ei mainita yhtään arviointikriteeriä tai kriteeriryhmää",
        "example": {}},
    "scenario.statement.empty_side": {
        "en": "one side of a comparison is empty",
        "fi": "vertailun toinen puoli on tyhjä", "example": {}},
    "scenario.statement.token": {
        "en": "cannot read {token!r} there", "fi": "kohtaa {token!r} ei voi lukea",
        "example": {"token": "?"}},
    "scenario.statement.dangling": {
        "en": "it ends with an operator", "fi": "se päättyy laskumerkkiin", "example": {}},
    "scenario.statement.unknown_name": {
        "en": "robustness.statements: {statement!r} names {name!r}, which is neither a "
              "criterion nor a group of criteria.{suggest:suggest} Criteria: {criteria:list}; "
              "groups: {groups:list}.",
        "fi": "robustness.statements: lausumassa {statement!r} mainittu {name!r} ei ole "
              "arviointikriteeri eikä kriteeriryhmä.{suggest:suggest} Kriteerit: "
              "{criteria:list}; ryhmät: {groups:list}.",
        "example": {"statement": "yhteistyo >= B", "name": "yhteistyo",
                    "suggest": ["cooperation"], "criteria": ["cooperation", "reach"],
                    "groups": ["A", "B"]}},
    "scenario.statement.empty": {
        "en": "The weight statements leave no weights that meet them all (with every weight "
              "at least 0 and the weights summing to 1).{culprit:msg}",
        "fi": "Mitkään painot eivät täytä kaikkia painolausumia (kun jokainen paino on "
              "vähintään 0 ja painojen summa on 1).{culprit:msg}",
        "example": {"culprit": ""}},
    "scenario.statement.culprit": {
        "en": " Without {statement!r} the others can all be met.",
        "fi": " Ilman lausumaa {statement!r} muut voidaan täyttää.",
        "example": {"statement": "A >= 0,9"}},
    "scenario.groups.bad": {
        "en": "robustness.groups.{group}: {name!r} is not a criterion.{suggest:suggest} "
              "Criteria: {criteria:list}.",
        "fi": "robustness.groups.{group}: {name!r} ei ole arviointikriteeri.{suggest:suggest} "
              "Kriteerit: {criteria:list}.",
        "example": {"group": "laajuus", "name": "yhteistyo", "suggest": ["cooperation"],
                    "criteria": ["cooperation", "reach"]}},
    "scenario.groups.clash": {
        "en": "robustness.groups.{group}: the name is already a criterion or a group of the "
              "round; choose another",
        "fi": "robustness.groups.{group}: nimi on jo kierroksen arviointikriteeri tai "
              "kriteeriryhmä; valitse toinen",
        "example": {"group": "A"}},
    "scenario.type.groups": {
        "en": "expected a table of group name -> list of criterion ids, e.g. "
              "{{ breadth = [\"cooperation\", \"regional_spread\"] }}",
        "fi": "odotettiin taulukkoa ryhmän nimi -> luettelo kriteerien tunnuksista, esim. "
              "{{ laajuus = [\"cooperation\", \"regional_spread\"] }}",
        "example": {}},
    "scenario.nondominated.full_only": {
        "en": "Non-dominated portfolios are sets of projects funded in full: set funding.mode "
              "to \"full\" (partial awards make a portfolio a continuum).",
        "fi": "Ei-dominoidut hankesalkut ovat täysimääräisesti rahoitettujen hankkeiden "
              "joukkoja: aseta funding.mode arvoon \"full\" (osittaiset avustukset tekevät "
              "salkuista jatkumon).",
        "example": {}},
    "scenario.nondominated.criteria": {
        "en": "Non-dominated portfolios need each application's value on every criterion "
              "(a scoring sheet or the proxies); these scores have none.",
        "fi": "Ei-dominoidut hankesalkut edellyttävät jokaisen hakemuksen arvoa jokaisella "
              "arviointikriteerillä (arviointilomake tai korvaavat pistemäärät); näissä "
              "pisteissä niitä ei ole.",
        "example": {}},
    "scenario.nondominated.evaluators": {
        "en": "robustness.evaluator_intervals needs the scores of at least two evaluators "
              "(scoring.source naming several sheets).",
        "fi": "robustness.evaluator_intervals edellyttää vähintään kahden arvioijan pisteitä "
              "(scoring.source, jossa useita arviointilomakkeita).",
        "example": {}},
    # --- solver faults while enumerating
    "solver.nondominated.recheck": {
        "en": "{solver} returned portfolios of which one dominates another: the enumeration "
              "is not trusted.",
        "fi": "{solver} palautti hankesalkkuja, joista yksi dominoi toista: luetteloon ei "
              "voi luottaa.",
        "example": {"solver": "cbc"}},
    "solver.nondominated.repeat": {
        "en": "{solver} returned a portfolio it had been told to leave out.",
        "fi": "{solver} palautti hankesalkun, joka sen piti jättää pois.",
        "example": {"solver": "cbc"}},
    "solver.nondominated.not_dominating": {
        "en": "{solver} returned a portfolio that does not dominate the one it was asked to.",
        "fi": "{solver} palautti hankesalkun, joka ei dominoi pyydettyä.",
        "example": {"solver": "cbc"}},
}
