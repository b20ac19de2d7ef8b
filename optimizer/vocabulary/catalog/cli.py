"""The command line's own words: headers, footers and the sentences of its tables, and the
titles of scenarios run with changes on top of their files (the CLI, the app and the report
show them). Words the whole tool shares stay in vocabulary/words.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TITLE = "2020 perusjako"
BASIS = "hankehallinnoijan mukaan"


def _pct1(args: Mapping[str, Any], name: str) -> str:
    """A share as the English tables always wrote it: '62.4%' (no space)."""
    return f"{args[name]:.1%}"


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # --- what every table starts with (cli.output) -------------------------------------
    "cli.header.scenario": {"en": "Scenario: {title}", "fi": "Skenaario: {title}",
                            "example": {"title": TITLE}},
    "cli.header.scores": {"en": "Scores: {label}", "fi": "Pisteet: {label}",
                          "example": {"label": "aineistosta laskettu korvaava pistemäärä"}},
    "cli.header.note": {"en": "Note: {note}.", "fi": "Huomio: {note}.",
                        "example": {"note": "hakemus 2020-12: nimeä 'Kaupunginkirjasto' ei "
                                            "löydy kuntarekisteristä"}},
    "cli.region.none": {"en": "(no region)", "fi": "(ei maakuntaa)", "example": {}},
    "cli.region.unknown": {"en": "(unknown region)", "fi": "(maakunta ei tiedossa)",
                           "example": {}},
    "cli.ids.more": {"en": "… and {n} more", "fi": "… ja {n} muuta", "example": {"n": 12}},
    "cli.where.dask": {"en": "on the Dask cluster {address}",
                       "fi": "Dask-klusterissa {address}",
                       "example": {"address": "dask://10.0.0.5:8786"}},
    "cli.where.processes": {"en": "in {n} local processes", "fi": "{n} paikallisessa prosessissa",
                            "example": {"n": 4}},
    "cli.where.here": {"en": "in this process", "fi": "tässä prosessissa", "example": {}},
    # --- errors, with the error's own text in the language -------------------------------
    "cli.error.error": {"en": "Error: {text}", "fi": "Virhe: {text}",
                        "example": {"text": "tuntematon avain"}},
    "cli.error.infeasible": {"en": "Infeasible: {text}",
                             "fi": "Ratkaisua ei ole: {text}",
                             "example": {"text": "säännöt ovat ristiriidassa"}},
    "cli.error.cannot_use": {"en": "cannot use {path}: {reason}",
                             "fi": "tiedostoa {path} ei voi käyttää: {reason}",
                             "example": {"path": "out/allocation.csv",
                                         "reason": "levy on täynnä"}},
    "cli.error.cannot": {"en": "cannot use: {reason}", "fi": "tiedostoa ei voi käyttää: {reason}",
                         "example": {"reason": "levy on täynnä"}},
    # --- the regions table ---------------------------------------------------------------
    "cli.regions.head": {"en": "Regions (by {basis}):", "fi": "Maakunnat ({basis}):",
                         "example": {"basis": "hankehallinnoijan maakunnan mukaan"}},
    "cli.regions.by_lead": {"en": "the lead applicant's region",
                            "fi": "hankehallinnoijan maakunnan mukaan", "example": {}},
    "cli.regions.by_participants": {
        "en": "the participants' regions; awards split by their residents",
        "fi": "osallistujien maakuntien mukaan; avustukset jaettu asukasluvun mukaan",
        "example": {}},
    "cli.col.awarded": {"en": "awarded", "fi": "avustukset", "example": {}},
    "cli.col.share": {"en": "share", "fi": "osuus", "example": {}},
    "cli.col.per_resident": {"en": "€/resident", "fi": "€/asukas", "example": {}},
    "cli.col.actual_projects": {"en": "actual: projects", "fi": "toteutunut: hankkeita",
                                "example": {}},
    "cli.col.fair_share": {"en": "fair share", "fi": "kohtuullinen osuus", "example": {}},
    "cli.col.ratio": {"en": "ratio", "fi": "suhde", "example": {}},
    "cli.col.actual_ratio": {"en": "actual ratio", "fi": "toteutunut suhde", "example": {}},
    # --- grantopt run ----------------------------------------------------------------------
    "cli.col.of_need": {"en": "of need", "fi": "tarpeesta", "example": {}},
    "cli.run.gap": {"en": lambda a, w: f"(gap {a['gap']:.2%})", "fi": "(aukko {gap:pct2})",
                    "example": {"gap": 0.0123}},
    "cli.run.budget": {"en": "Budget {budget:eur}; spent {spent:eur}; left {left:eur}",
                       "fi": "Määräraha {budget:eur}; käytetty {spent:eur}; jäljellä {left:eur}",
                       "example": {"budget": 10_000_000, "spent": 9_964_000, "left": 36_000}},
    "cli.run.budget_saving": {
        "en": "Budget {budget:eur}; awarded {awarded:eur}; less synergy savings {saving:eur}; "
              "spent {spent:eur}; left {left:eur}",
        "fi": "Määräraha {budget:eur}; myönnetty {awarded:eur}; yhteisvaikutusten säästöt "
              "{saving:eur}; käytetty {spent:eur}; jäljellä {left:eur}",
        "example": {"budget": 10_000_000, "awarded": 10_024_500, "saving": 24_500,
                    "spent": 10_000_000, "left": 0}},
    "cli.run.projects": {
        "en": "Projects {projects}; regions covered {regions} (by {basis}); value {value} "
              "({objective})",
        "fi": "Hankkeita {projects}; katettuja maakuntia {regions} ({basis}); kokonaisarvo "
              "{value} ({objective})",
        "example": {"projects": 48, "regions": 17, "basis": BASIS, "value": "23,296",
                    "objective": "hankkeiden pisteiden summa"}},
    "cli.run.status": {
        "en": "Status {status}; solver {solver}, {seconds:num2} s; verified against every rule",
        "fi": "Tila: {status}; ratkaisija {solver}, {seconds:num2} s; tarkistettu kaikkia "
              "sääntöjä vasten",
        "example": {"status": "optimaalinen", "solver": "HiGHS", "seconds": 0.42}},
    "cli.run.not_fundable": {
        "en": "Not fundable under this scenario: {n}",
        "fi": "Ei avustuskelpoisia tässä skenaariossa: {n}",
        "example": {"n": 5}},
    # --- grantopt compare ------------------------------------------------------------------
    "cli.compare.efficiency_na": {"en": "n/a (the optimum is worth 0)",
                                  "fi": "– (optimaalisen jaon arvo on 0)", "example": {}},
    "cli.compare.efficiency": {"en": "Efficiency (actual / optimal value): {efficiency}",
                               "fi": "Tehokkuus (toteutunut / optimaalinen kokonaisarvo): "
                                     "{efficiency}",
                               "example": {"efficiency": "62,4 %"}},
    "cli.compare.not_proven": {
        "en": "Note: the optimum is not proven ({status}, gap {gap:pct2}).",
        "fi": "Huomio: optimaalisuutta ei ole todistettu ({status}, aukko {gap:pct2}).",
        "example": {"status": "kelvollinen, optimaalisuutta ei todistettu", "gap": 0.004}},
    "cli.compare.overlap": {"en": "Overlap: {parts}", "fi": "Päällekkäisyys: {parts}",
                            "example": {"parts": "19 molemmissa (6 844 300 €)"}},
    # The overlap names each side as the table column does; the Finnish says it in full.
    "cli.compare.overlap.both": {"en": "{n} both ({eur:eur})", "fi": "{n} molemmissa ({eur:eur})",
                                 "example": {"n": 19, "eur": 6_844_300}},
    "cli.compare.overlap.only_actual": {
        "en": "{n} only actual ({eur:eur})", "fi": "{n} vain toteutuneessa päätöksessä ({eur:eur})",
        "example": {"n": 10, "eur": 2_850_300}},
    "cli.compare.overlap.only_optimal": {
        "en": "{n} only optimal ({eur:eur})", "fi": "{n} vain optimaalisessa jaossa ({eur:eur})",
        "example": {"n": 29, "eur": 3_119_700}},
    "cli.col.funded_in": {"en": "funded in", "fi": "rahoitettu", "example": {}},
    "cli.col.optimum": {"en": "optimum", "fi": "optimaalinen", "example": {}},
    "cli.compare.projects_funded": {"en": "projects funded", "fi": "rahoitettuja hankkeita",
                                    "example": {}},
    "cli.compare.left_of": {"en": "left of {budget:eur}",
                            "fi": "jäljellä määrärahasta {budget:eur}",
                            "example": {"budget": 10_000_000}},
    "cli.compare.year_paid": {"en": "year {name} paid", "fi": "vuonna {name} maksetaan",
                              "example": {"name": "2021"}},
    "cli.compare.pool_spent": {"en": "pool {name} spent",
                               "fi": "määrärahaosuudesta {name} käytetty",
                               "example": {"name": "pienet kunnat"}},
    "cli.compare.views_head": {
        "en": "The same decision under each objective (no single number stands alone):",
        "fi": "Sama päätös kunkin tavoitefunktion mukaan (yksikään luku ei kerro kaikkea "
              "yksinään):",
        "example": {}},
    "cli.col.added": {"en": "added", "fi": "lisäykset", "example": {}},
    "cli.col.removed": {"en": "removed", "fi": "poistot", "example": {}},
    "cli.compare.rules_head": {"en": "Rules of the scenario the actual decision breaks:",
                               "fi": "Skenaarion säännöt, joita toteutunut päätös rikkoo:",
                               "example": {}},
    "cli.compare.outside_head": {
        "en": "Actual awards to applications outside the instance:",
        "fi": "Toteutuneen päätöksen avustukset hakemuksille, jotka eivät ole "
              "avustuskelpoisia tässä skenaariossa:",
        "example": {}},
    "cli.compare.not_minimal": {"en": "- not proven minimal (time limit)",
                                "fi": "– vähimmäisyyttä ei ole todistettu (aikaraja)",
                                "example": {}},
    "cli.pool.outside": {"en": "(outside the pools)",
                         "fi": "(määrärahaosuuksiin kuulumaton osa)",
                         "example": {}},
    # --- grantopt diff ---------------------------------------------------------------------
    "cli.col.regions": {"en": "regions", "fi": "maakuntia", "example": {}},
    "cli.diff.against": {"en": "{name} against {base}",
                         "fi": "{name} verrattuna skenaarioon {base}",
                         "example": {"name": "B", "base": "A"}},
    "cli.diff.value": {"en": "value {other} against {base}",
                       "fi": "kokonaisarvo {other}, vertailukohta {base}",
                       "example": {"other": "23,203", "base": "23,296"}},
    "cli.diff.not_comparable": {
        "en": "values measured differently (objective, value model or scores differ): compare "
              "the portfolios, not the numbers",
        "fi": "kokonaisarvot mitataan eri tavoin (tavoitefunktio, arvomalli tai pisteet "
              "eroavat): vertaa jakoja, älä lukuja",
        "example": {}},
    "cli.diff.moves": {
        "en": "{head}: {value}; {enter} enter, {leave} leave, {change} change their award",
        "fi": "{head}: {value}; {enter} tulee mukaan, {leave} jää pois, {change} saa eri "
              "avustuksen",
        "example": {"head": "B verrattuna skenaarioon A",
                    "value": "kokonaisarvo 23,203, vertailukohta 23,296",
                    "enter": 4, "leave": 6, "change": 0}},
    "cli.diff.nothing_moves": {"en": "No euros move between regions.",
                               "fi": "Euroja ei siirry maakunnasta toiseen.", "example": {}},
    "cli.diff.moved": {"en": "Euros moved between regions (by {basis}):",
                       "fi": "Eurot, jotka siirtyvät maakunnasta toiseen ({basis}):",
                       "example": {"basis": BASIS}},
    # --- grantopt frontier -----------------------------------------------------------------
    "cli.frontier.how_dp": {"en": "knapsack DP, exact at every budget",
                            "fi": "reppuongelman dynaaminen ohjelma, tarkka jokaisella "
                                  "määrärahalla",
                            "example": {}},
    "cli.frontier.how_core": {
        "en": "knapsack DP on each budget's core (the LP bound fixes the clear ins and outs "
              "first), exact at every budget",
        "fi": "reppuongelman dynaaminen ohjelma kunkin määrärahan ytimessä (LP-raja kiinnittää "
              "ensin selvät mukaan- ja poisjäävät), tarkka jokaisella määrärahalla",
        "example": {}},
    "cli.frontier.how_ip": {
        "en": "integer program re-solved at each budget ({solver}, gap 0)",
        "fi": "kokonaislukuohjelma ratkaistuna uudelleen jokaisella määrärahalla ({solver}, "
              "aukko 0)",
        "example": {"solver": "HiGHS"}},
    "cli.frontier.optimum": {"en": "Optimum: {how}.", "fi": "Optimaalinen jako: {how}.",
                             "example": {"how": "reppuongelman dynaaminen ohjelma"}},
    "cli.frontier.footnote": {
        "en": "* the scenario's appropriation. Greedy baselines fund down the list ranked by "
              "score (or score per euro) and skip awards that do not fit; 'rules' says whether "
              "the result also meets the scenario's other rules.",
        "fi": "* skenaarion määräraha. Nyrkkisäännöt rahoittavat hakemuksia pisteiden (tai "
              "pisteet euroa kohden) mukaisessa järjestyksessä ja ohittavat avustukset, jotka "
              "eivät mahdu; 'säännöt' kertoo, täyttääkö tulos myös skenaarion muut säännöt.",
        "example": {}},
    "cli.frontier.meets_rules": {"en": "meets every rule of the scenario",
                                 "fi": "täyttää skenaarion kaikki säännöt", "example": {}},
    "cli.frontier.breaks_rules": {"en": "breaks {n} rule(s) of the scenario",
                                  "fi": "rikkoo {n} skenaarion säännöistä", "example": {"n": 2}},
    "cli.frontier.steps_head": {
        "en": "What each step buys (projects that enter and leave the optimum):",
        "fi": "Mitä kukin askel tuo (hankkeet, jotka tulevat optimaaliseen jakoon ja jäävät "
              "siitä pois):",
        "example": {}},
    "cli.frontier.ok": {"en": "ok", "fi": "täyttää", "example": {}},
    "cli.frontier.broken": {"en": "broken", "fi": "rikkoo", "example": {}},
    "cli.col.budget": {"en": "budget", "fi": "määräraha", "example": {}},
    "cli.col.by_score": {"en": "by score", "fi": "pisteiden mukaan", "example": {}},
    "cli.col.by_ratio": {"en": "by score/€", "fi": "pisteet/€", "example": {}},
    "cli.col.rules": {"en": "rules", "fi": "säännöt", "example": {}},
    # --- grantopt calibrate ----------------------------------------------------------------
    "cli.calibrate.tried": {
        "en": "Weightings tried: {tried} (vertices, equal, the scenario's own, {samples} "
              "random, {refine} local steps; seed {seed}, solver {solver})",
        "fi": "Kokeiltuja painotuksia: {tried} (kärjet eli koko paino yhdellä kriteerillä, "
              "tasapainot, skenaarion omat, {samples} satunnaista, {refine} paikallista "
              "askelta; siemenluku {seed}, ratkaisija {solver})",
        "example": {"tried": 18, "samples": 5, "refine": 6, "seed": 0, "solver": "HiGHS"}},
    "cli.calibrate.unexplained_awards": {
        "en": "Actual awards in no optimum under any weighting tried: {named}",
        "fi": "Toteutuneet avustukset, joita ei rahoiteta yhdenkään kokeillun painotuksen "
              "optimaalisessa jaossa: {named}",
        "example": {"named": "2020-03 (Keravan kaupunki)"}},
    "cli.calibrate.unexplained_rejections": {
        "en": "Actual rejections funded under every weighting tried: {named}",
        "fi": "Toteutuneessa päätöksessä hylätyt, jotka jokainen kokeiltu painotus "
              "rahoittaa: {named}",
        "example": {"named": "2020-21 (Iin kunta)"}},
    "cli.calibrate.outside": {
        "en": "Actual awards outside the instance (no weighting can explain them): {named}",
        "fi": "Toteutuneet avustukset hakemuksille, jotka eivät ole avustuskelpoisia tässä "
              "skenaariossa (mikään painotus ei selitä niitä): {named}",
        "example": {"named": "2020-60 (Oulun kaupunki)"}},
    # Finnish tells proxy indicators from evaluated criteria; the English header never did.
    "cli.calibrate.col_criterion": {"en": "criterion", "fi": "arviointikriteeri", "example": {}},
    "cli.calibrate.col_indicator": {"en": "criterion", "fi": "mittari", "example": {}},
    "cli.calibrate.agreement": {
        "en": "Agreement with the actual decision (share of the actual euros funded alike / "
              "projects in common, Jaccard):",
        "fi": "Yhtäpitävyys toteutuneen päätöksen kanssa (samoin rahoitettujen eurojen osuus "
              "toteutuneista euroista / yhteiset hankkeet, Jaccard):",
        "example": {}},
    "cli.calibrate.agree": {
        "en": lambda a, w: f"{_pct1(a, 'euros')} of euros, {_pct1(a, 'projects')} of projects",
        "fi": "{euros:pct} euroista, {projects:pct} hankkeista",
        "example": {"euros": 0.624, "projects": 0.41}},
    # where the closest weights were found
    "cli.calibrate.source.vertex": {"en": "vertex", "fi": "kärki", "example": {}},
    "cli.calibrate.source.equal": {"en": "equal", "fi": "tasapainot", "example": {}},
    "cli.calibrate.source.current": {"en": "current", "fi": "skenaarion omat", "example": {}},
    "cli.calibrate.source.random": {"en": "random", "fi": "satunnainen", "example": {}},
    "cli.calibrate.source.refine": {"en": "refine", "fi": "paikallinen haku", "example": {}},
    # --- grantopt robustness ---------------------------------------------------------------
    "cli.robustness.solving": {"en": "Solving draws", "fi": "Ratkaistaan arvontoja",
                               "example": {}},
    "cli.robustness.funded": {"en": "funded", "fi": "rahoitettu", "example": {}},
    "cli.robustness.not_analysed": {
        "en": "Not analysed (not fundable under this scenario): {ids}; funded in the actual "
              "decision: {funded}",
        "fi": "Ei analysoitu (ei avustuskelpoinen tässä skenaariossa): {ids}; rahoitettu "
              "toteutuneessa päätöksessä: {funded}",
        "example": {"ids": "2020-05, 2020-19", "funded": "2020-19"}},
    "cli.robustness.how_dp": {"en": "the knapsack DP (only the budget binds)",
                              "fi": "reppuongelman dynaamisella ohjelmalla (vain määräraha "
                                    "sitoo)",
                              "example": {}},
    "cli.robustness.how_core": {
        "en": "the knapsack DP on each draw's core (only the budget binds; the LP bound fixes "
              "the clear ins and outs first)",
        "fi": "reppuongelman dynaamisella ohjelmalla kunkin arvonnan ytimessä (vain määräraha "
              "sitoo; LP-raja kiinnittää ensin selvät mukaan- ja poisjäävät)",
        "example": {}},
    "cli.robustness.how_highs": {
        "en": "the integer program ({solver}, one model kept in memory: only the objective "
              "changes, each draw starts from the previous one's portfolio)",
        "fi": "kokonaislukuohjelmalla ({solver}, yksi malli muistissa: vain tavoitefunktio "
              "muuttuu, kukin arvonta alkaa edellisen ratkaisusta)",
        "example": {"solver": "HiGHS"}},
    "cli.robustness.how_ip": {
        "en": "the knapsack DP where it answers the draw exactly (searched under the budget "
              "alone for minimum counts, or split under a region's share cap), else the "
              "integer program ({solver}, one model: only the objective changes)",
        "fi": "reppuongelman dynaamisella ohjelmalla, kun se ratkaisee arvonnan tarkasti "
              "(haku pelkän määrärahan rajoissa vähimmäismäärille tai jako maakunnan "
              "enimmäisosuuden rajoissa), muuten kokonaislukuohjelmalla ({solver}, yksi malli: "
              "vain tavoitefunktio muuttuu)",
        "example": {"solver": "CBC"}},
    "cli.robustness.noise": {"en": ", score noise sd {sd:g}",
                             "fi": ", pisteiden satunnaisvaihtelu (keskihajonta {sd:g})",
                             "example": {"sd": 0.05}},
    "cli.robustness.evaluators": {
        "en": ", a resampled panel of {n} evaluators",
        "fi": ", arvioijapaneeli arvottu uudelleen ({n} arvioijaa)", "example": {"n": 5}},
    "cli.robustness.draws": {
        "en": "{samples} draws of the weights ({weights}{noise}), seed {seed}; each solved by "
              "{how} at {budget:eur}, {where}",
        "fi": "Painot arvottu {samples} kertaa ({weights}{noise}), siemenluku {seed}; kukin "
              "arvonta ratkaistu {how} määrärahalla {budget:eur}, {where}",
        "example": {"samples": 500, "weights": "tasaisesti kaikista painoista", "noise": "",
                    "seed": 2020, "how": "reppuongelman dynaamisella ohjelmalla",
                    "budget": 10_000_000, "where": "tässä prosessissa"}},
    "cli.robustness.portfolios": {
        "en": "Distinct optimal portfolios: {n}; most frequent:",
        "fi": "Erilaisia optimaalisia jakoja: {n}; yleisimmät:", "example": {"n": 3}},
    "cli.robustness.vs_first": {"en": "vs 1:", "fi": "vrt. 1:", "example": {}},
    "cli.robustness.share": {"en": lambda a, w: f"{a['share']:6.1%}",
                             "fi": lambda a, w: f"{w.pct(a['share']):>7}",
                             "example": {"share": 0.6}},
    # --- titles of scenarios run with changes on top of their files ------------------------
    "title.changed": {"en": "{name}; {changes}", "fi": "{name}; {changes}",
                      "example": {"name": TITLE, "changes": "määräraha 12 000 000 €"}},
    "title.setting": {"en": "{key:key} {value}", "fi": "{key:key} {value}",
                      "example": {"key": "budget.appropriation", "value": "12 000 000 €"}},
    "title.choice": {"en": "{key:key}: {value}", "fi": "{key:key}: {value}",
                     "example": {"key": "funding.mode", "value": "myös osittainen avustus"}},
    "title.locked": {"en": "{ids:list} {key:key}", "fi": "{ids:list} {key:key}",
                     "example": {"ids": ["2020-47"], "key": "locks.fund"}},
    "title.nothing": {"en": "{key:key}: none", "fi": "{key:key}: ei yhtään",
                      "example": {"key": "locks.reject"}},
    "title.unset": {"en": "{key:key}: none", "fi": "{key:key}: ei rajaa",
                    "example": {"key": "funding.max_per_project"}},
    "title.yes": {"en": "{key:key}: yes", "fi": "{key:key}: kyllä",
                  "example": {"key": "budget.carry_over"}},
    "title.no": {"en": "{key:key}: no", "fi": "{key:key}: ei",
                 "example": {"key": "eligibility.joint_rule"}},
    "title.table": {"en": "{key:key} changed", "fi": "{key:key} muutettu",
                    "example": {"key": "scoring.weights"}},
    # --- terminal (T) ---------------------------------------------------------------------
    "cli.run.excluded": {"en": "{id} {label}: {reasons}", "fi": "{id} {label}: {reasons}",
                         "example": {"id": "2020-17", "label": "Karstulan kunta",
                                     "reasons": "hakemus on yhden kunnan hanke"}},
    "cli.explain.col_flipped": {"en": "value if flipped",
                                "fi": "kokonaisarvo toisin päätettynä", "example": {}},
    "cli.explain.without_it": {
        "en": lambda a, w: f"{_signed_value(a, w)} without it",
        "fi": lambda a, w: f"{_signed_value(a, w)} ilman sitä",
        "example": {"change": -0.218, "objective": "score"}},
    "cli.explain.with_it": {
        "en": lambda a, w: f"{_signed_value(a, w)} with it",
        "fi": lambda a, w: f"{_signed_value(a, w)} sen kanssa",
        "example": {"change": -0.34, "objective": "score"}},
    "cli.explain.tie": {"en": "±0: another optimum", "fi": "±0: toinen optimi", "example": {}},
    "cli.explain.cannot_leave_out": {"en": "cannot be left out", "fi": "ei voi jättää pois",
                                     "example": {}},
    "cli.explain.cannot_fund": {"en": "cannot be funded", "fi": "ei voi rahoittaa",
                                "example": {}},
}


def _signed_value(args: Mapping[str, Any], w: Any) -> str:
    """A change of the portfolio's value with its sign from the number: +0.578, −0.218."""
    change, kind = float(args["change"]), str(args["objective"])
    text = w.value(abs(change), kind)
    return ("+" if change > 0 else "−" if change < 0 else "±") + text
