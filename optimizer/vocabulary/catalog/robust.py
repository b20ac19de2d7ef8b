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
    "solver.nondominated.disagree": {
        "en": "The dynamic programme's list of non-dominated portfolios misses one that is "
              "proven non-dominated (an optimum at a weight within the statements): the "
              "enumeration is not trusted.",
        "fi": "Dynaamisen ohjelmoinnin luettelosta ei-dominoiduista hankesalkuista puuttuu "
              "salkku, joka on todistetusti ei-dominoitu (optimi lausumien sallimilla "
              "painoilla): luetteloon ei voi luottaa.",
        "example": {}},
    "solver.nondominated.missed": {
        "en": "The enumeration found no feasible portfolio, but {solver} solving the scenario "
              "found one: the enumeration is not trusted.",
        "fi": "Luettelointi ei löytänyt yhtään sallittua hankesalkkua, mutta {solver} löysi "
              "skenaarion ratkaisuna sellaisen: luetteloon ei voi luottaa.",
        "example": {"solver": "cbc"}},
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
    # --- `grantopt portfolios`: what the command prints
    "cli.portfolios.statements": {
        "en": "Weight statements: {statements}", "fi": "Painolausumat: {statements}",
        "example": {"statements": "A >= B >= C"}},
    "cli.portfolios.no_statements": {
        "en": "Weight statements: none (any weights that sum to 1)",
        "fi": "Painolausumat: ei yhtään (mitkä tahansa painot, joiden summa on 1)",
        "example": {}},
    "cli.portfolios.group": {
        "en": "{group} = {members} (its criteria in the scenario's proportions)",
        "fi": "{group} = {members} (ryhmän kriteerit skenaarion painojen suhteissa)",
        "example": {"group": "laajuus", "members": "yhteistyö + kattavuus"}},
    "cli.portfolios.group_free": {
        "en": "{group} = {members}", "fi": "{group} = {members}",
        "example": {"group": "laajuus", "members": "yhteistyö + kattavuus"}},
    "cli.portfolios.groups": {
        "en": "Groups named: {groups}", "fi": "Mainitut ryhmät: {groups}",
        "example": {"groups": "laajuus = yhteistyö + kattavuus"}},
    "cli.portfolios.ranges": {
        "en": "Each weight's range under the statements: {ranges}",
        "fi": "Painojen vaihteluvälit lausumien mukaan: {ranges}",
        "example": {"ranges": "A 0,33–1"}},
    "cli.portfolios.exact_scores": {
        "en": "Scores: as given (no interval)", "fi": "Pisteet: annetut sellaisinaan "
        "(ei vaihteluväliä)", "example": {}},
    "cli.portfolios.interval": {
        "en": "Scores: each criterion value within ± {share:pct} of itself",
        "fi": "Pisteet: jokainen kriteerikohtainen arvo enintään ± {share:pct} annetusta",
        "example": {"share": 0.1}},
    "cli.portfolios.evaluator_interval": {
        "en": "Scores: each criterion value from the lowest to the highest evaluator"
              "{widened:msg}",
        "fi": "Pisteet: jokainen kriteerikohtainen arvo alimmasta ylimpään arvioijaan"
              "{widened:msg}",
        "example": {"widened": ""}},
    "cli.portfolios.widened": {
        "en": ", widened by ± {share:pct}", "fi": ", laajennettuna ± {share:pct}",
        "example": {"share": 0.1}},
    "cli.portfolios.count": {
        "en": "{n} non-dominated portfolio(s): all of them ({how:msg}, {seconds:num1} s)",
        "fi": "{n} ei-dominoitua hankesalkkua: kaikki ({how:msg}, {seconds:num1} s)",
        "example": {"n": 21, "how": "dynaaminen ohjelmointi", "seconds": 1.5}},
    "cli.portfolios.incomplete": {
        "en": "{n} non-dominated portfolio(s) listed, but the list may not hold them all: "
              "{why:msg}. The core, borderline and exterior counts are of these only, so they "
              "are indicative. A statement such as '{narrowing}' would narrow the set.",
        "fi": "{n} ei-dominoitua hankesalkkua luetellaan, mutta luettelossa ei välttämättä "
              "ole kaikkia: {why:msg}. Ydin-, rajatapaus- ja ulkopuolisten määrät lasketaan "
              "vain näistä, joten ne ovat suuntaa antavia. Esimerkiksi lausuma '{narrowing}' "
              "rajaisi joukkoa.",
        "example": {"n": 348, "why": "", "narrowing": "A >= 0,5"}},
    "cli.portfolios.stopped_limit": {
        "en": "there are more than {limit}, the most the list holds",
        "fi": "niitä on yli {limit}, joka on luettelon enimmäispituus",
        "example": {"limit": 2000, "solves": 0, "states": 12000}},
    "cli.portfolios.stopped_solves": {
        "en": "the integer programs stopped at their limit of {solves} solves",
        "fi": "kokonaislukuohjelmat pysähtyivät {solves} ratkaisukerran rajaan",
        "example": {"limit": 2000, "solves": 300, "states": 12000}},
    "cli.portfolios.stopped_states": {
        "en": "the dynamic programme's partial portfolios passed its limit of {states:num} at "
              "one step, so these are the optima at weights within the statements (each "
              "non-dominated)",
        "fi": "dynaamisen ohjelmoinnin osasalkkuja oli yhdessä vaiheessa yli rajan "
              "{states:num}, joten nämä ovat optimeja lausumien sallimilla painoilla (kukin "
              "ei-dominoitu)",
        "example": {"limit": 2000, "solves": 0, "states": 12000}},
    "cli.portfolios.stopped_time": {
        "en": "the solver's time limit stopped an integer program before it answered",
        "fi": "ratkaisijan aikaraja pysäytti kokonaislukuohjelman ennen kuin se vastasi",
        "example": {"limit": 2000, "solves": 12, "states": 12000}},
    "cli.portfolios.how_dp": {"en": "dynamic programme over the budget",
                              "fi": "dynaaminen ohjelmointi määrärahan yli", "example": {}},
    "cli.portfolios.how_ip": {
        "en": "integer programs with dominance cuts, {solver:name}, {solves} solves",
        "fi": "kokonaislukuohjelmat dominanssirajoittein, {solver:name}, {solves} ratkaisua",
        "example": {"solver": "CBC", "solves": 12}},
    "cli.portfolios.head.index": {"en": "core index", "fi": "ydinindeksi", "example": {}},
    "cli.portfolios.head.sampled": {"en": "sampled", "fi": "arvottu", "example": {}},
    "cli.portfolios.head.decided": {"en": "decided by", "fi": "ratkaiseva lausuma",
                                    "example": {}},
    "cli.portfolios.decider": {
        "en": "{statement} → {makes}", "fi": "{statement} → {makes}",
        "example": {"statement": "A >= 0,5", "makes": "ydin"}},
    "cli.portfolios.totals": {
        "en": "Core (in every non-dominated portfolio): {core}; borderline: {borderline}; "
              "exterior (in none): {exterior}",
        "fi": "Ydin (jokaisessa ei-dominoidussa salkussa): {core}; rajatapaus: {borderline}; "
              "ulkopuolinen (ei yhdessäkään): {exterior}",
        "example": {"core": 33, "borderline": 21, "exterior": 2}},
    "cli.portfolios.versus_sampling": {
        "en": "The core index counts non-dominated portfolios: an application in all of them "
              "is in the best portfolio for every weight the statements allow, and one in "
              "none for no weight; the sampled acceptability counts how often an application "
              "is in the optimum of {samples} weights drawn at random within the same "
              "statements (seed {seed}).",
        "fi": "Ydinindeksi lasketaan ei-dominoiduista salkuista: hakemus, joka on niissä "
              "kaikissa, kuuluu parhaaseen salkkuun kaikilla lausumien sallimilla painoilla, ja "
              "hakemus, joka ei ole yhdessäkään, ei millään; arvottu hyväksyttävyysindeksi "
              "kertoo, kuinka usein hakemus on optimissa, kun painot arvotaan {samples} kertaa "
              "samojen lausumien rajoissa (siemenluku {seed}).",
        "example": {"samples": 500, "seed": 2020}},
    "cli.portfolios.actual_ok": {
        "en": "The actual decision is non-dominated: no portfolio that keeps every rule is "
              "worth at least as much for every weight and score allowed, and more for some.",
        "fi": "Toteutunut päätös on ei-dominoitu: mikään kaikkia sääntöjä noudattava salkku "
              "ei ole kaikilla sallituilla painoilla ja pisteillä vähintään yhtä arvokas ja "
              "joillakin arvokkaampi.",
        "example": {}},
    "cli.portfolios.actual_dominated": {
        "en": "The actual decision is dominated: {changes:msg} gives a portfolio that is worth "
              "more for every weight and score allowed (in the worst case "
              "{least:num3}–{most:num3} points more at the extreme weights).",
        "fi": "Toteutunut päätös on dominoitu: muutos ({changes:msg}) tekee salkusta kaikilla "
              "sallituilla painoilla ja pisteillä arvokkaamman (huonoimmassakin tapauksessa "
              "{least:num3}–{most:num3} pistettä enemmän painojen ääripisteissä).",
        "example": {"changes": "+2020-55", "least": 0.5, "most": 0.7}},
    "cli.portfolios.actual_breaks": {
        "en": " It also breaks a rule of this scenario.",
        "fi": " Se myös rikkoo jotakin tämän skenaarion sääntöä.", "example": {}},
    "cli.portfolios.changes": {
        "en": "adding {added} and removing {removed}",
        "fi": "hankkeiden {added} lisääminen ja hankkeiden {removed} poistaminen",
        "example": {"added": "2020-55", "removed": "2020-03"}},
    "cli.portfolios.adding": {
        "en": "adding {added}", "fi": "hankkeiden {added} lisääminen",
        "example": {"added": "2020-55"}},
    "cli.portfolios.removing": {
        "en": "removing {removed}", "fi": "hankkeiden {removed} poistaminen",
        "example": {"removed": "2020-03"}},
    "cli.portfolios.list_head": {
        "en": "The non-dominated portfolios (the first {n}; every one in --format json and "
              "--out):",
        "fi": "Ei-dominoidut salkut (ensimmäiset {n}; kaikki: --format json ja --out):",
        "example": {"n": 5}},
}
