"""The report's own sentences and labels, in English and Finnish: the page
(optimizer.report.html, codes `report.<part of the page>.<what>`) and the workbook
(optimizer.report.workbook, codes `report.sheet.<header or label>`).

A face says them with `say(w, "report.rules.minimum_spend")`. Texts that come from the model
(rules an allocation breaks, eligibility reasons, fund names, link kinds, objective sentences)
are not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # the page's title
    "report.render_html.scenarios_of": {
        "en": "{scenarios} scenarios of {round_title}",
        "fi": "{scenarios} skenaariota: {round_title}",
        "example": {"scenarios": 3, "round_title": 'Kuntien digitalisaatio 2020'}},
    "report.round_title.the_round_in_folder": {
        "en": "the round in folder “{name}”",
        "fi": "kansion “{name}” avustushaku",
        "example": {"name": '2020'}},
    # the header
    "report.header.round_scenario_files": {
        "en": "Round: {round}. Scenario files: {files}.",
        "fi": "Avustushaku: {round}. Skenaariotiedostot: {files}.",
        "example": {"round": 'Kuntien digitalisaatio 2020', "files": '2020-baseline.toml'}},
    "report.header.report_date": {
        "en": "Report date",
        "fi": "Raportin päivämäärä",
        "example": {}},
    "report.scores": {
        "en": "Scores",
        "fi": "Pisteet",
        "example": {}},
    # where the scores come from
    "report.score_box.every_score_in_this": {
        "en": "Every score in this report is computed from the round's data (who applies "
              "together, how many residents they reach, the amount asked, the target area) by "
              "the proxy indicators below. It is not an assessment of what the applications "
              "propose, and it does not stand for the scores of the body that decided. Each "
              "indicator is scaled to 0..1; a project's score is the weighted sum, also in 0..1.",
        "fi": "Jokainen tämän raportin pistemäärä on laskettu haun aineistosta (keitä "
              "hakee yhdessä, kuinka monta asukasta hanke tavoittaa, haettu summa, avustuksen "
              "kohde) alla olevilla välillisillä mittareilla. Se ei ole arvio hakemusten "
              "sisällöstä, eikä se korvaa päätöksen tehneen viranomaisen arviointia. Jokainen "
              "mittari on skaalattu välille 0–1; hankkeen pisteet ovat niiden painotettu summa, "
              "myös 0–1.",
        "example": {}},
    "report.score_box.the_scores_come_from": {
        "en": "The scores come from the scoring sheet named above; a project's score is "
              "the weighted sum of its criteria, each scaled to 0..1.",
        "fi": "Pisteet tulevat yllä mainitulta arviointilomakkeelta; hankkeen pisteet "
              "ovat sen arviointikriteerien painotettu summa, kukin skaalattuna välille 0–1.",
        "example": {}},
    "report.score_box.note": {
        "en": "Note: {note:msg}.",
        "fi": "Huomio: {note:msg}.",
        "example": {"note": 'hakemus 2020-12: nimi ei löydy rekisteristä'}},
    # in short
    "report.summary.the_optimal_portfolio_under": {
        "en": "The optimal portfolio under this scenario's rules funds "
              "{projects:count=project} for {spent_eur:eur} of the {budget_eur:eur} "
              "appropriation; its value is {objective}.",
        "fi": "Skenaarion sääntöjen mukainen optimaalinen jako rahoittaa "
              "{projects:count=project}; avustukset ovat yhteensä {spent_eur:eur} ja määräraha "
              "{budget_eur:eur}. Jaon kokonaisarvo on {objective}.",
        "example": {
            "projects": 3, "spent_eur": 1250000, "budget_eur": 1250000, "objective": '12.345',
        }},
    "report.summary.the_actual_decision_funds": {
        "en": "The actual decision funds {n_actual:count=project} for "
              "{actual_spent_eur:eur} and reaches {efficiency:pct} of the optimal value; "
              "{count:count=change} ({additions:count=addition}, {removals:count=removal}) "
              "would make it optimal{others}.",
        "fi": "Toteutunut päätös rahoittaa {n_actual:count=project} (avustukset yhteensä "
              "{actual_spent_eur:eur}) ja saavuttaa {efficiency:pct} optimaalisen jaon "
              "kokonaisarvosta; {count:count=change} ({additions:count=addition}, "
              "{removals:count=removal}) tekisi siitä optimaalisen{others}.",
        "example": {
            "n_actual": 3, "actual_spent_eur": 1250000, "efficiency": 0.622, "count": 3,
            "additions": 3, "removals": 3, "others": '',
        }},
    "report.summary.one_more_million_to": {
        "en": "One more million (to {more}) would raise the optimal value by {gain}{rise}.",
        "fi": "Yksi miljoona lisää (yhteensä {more}) nostaisi optimaalista kokonaisarvoa "
              "{gain}{rise}.",
        "example": {"more": '11 000 000 €', "gain": '1.234', "rise": ' (4,2 %)'}},
    "report.summary.over_random_weightings_core": {
        "en": "Over {samples} random weightings: {n_core} core applications (funded in at "
              "least {core:pct0} of the draws), {n_borderline} borderline, {n_exterior} "
              "exterior (funded in at most {exterior:pct0}).",
        "fi": "{samples} satunnaisella painotuksella: {n_core} hakemusta ytimessä "
              "(rahoitetaan vähintään {core:pct0} arvonnoista), {n_borderline} rajatapausta, "
              "{n_exterior} ulkopuolista (rahoitetaan enintään {exterior:pct0} arvonnoista).",
        "example": {
            "samples": 200, "n_core": 30, "core": 0.622, "n_borderline": 10, "n_exterior": 21,
            "exterior": 0.622,
        }},
    "report.summary.all_values_rest_on": {
        "en": "All values rest on proxy scores computed from data (see the box above), "
              "not on an evaluation of the applications.",
        "fi": "Kaikki arvot perustuvat aineistosta laskettuihin korvaaviin pistemääriin "
              "(ks. yllä), eivät hakemusten arviointiin.",
        "example": {}},
    "report.summary.under_objective": {
        "en": " (under {objective}: {efficiency:pct}, {fewest_changes:count=change})",
        "fi": " (tavoitefunktiolla {objective}: {efficiency:pct}, "
              "{fewest_changes:count=change})",
        "example": {"objective": '12.345', "efficiency": 0.622, "fewest_changes": 3}},
    # several scenarios side by side
    "report.side_by_side.efficiency_of_the_actual": {
        "en": "efficiency of the actual decision",
        "fi": "toteutuneen päätöksen tehokkuus",
        "example": {}},
    "report.diff_block.the_two_measure_value": {
        "en": "{which}: the two measure value differently (objective, value model or "
              "scores differ): compare the portfolios, not the numbers.",
        "fi": "{which}: skenaariot mittaavat kokonaisarvoa eri tavoin (tavoitefunktio, "
              "arvomalli tai pisteet eroavat): vertaa jakoja, ei lukuja.",
        "example": {"which": 'B / A'}},
    "report.diff_block.the_same_projects_are": {
        "en": "The same projects are funded.",
        "fi": "Samat hankkeet rahoitetaan.",
        "example": {}},
    "report.diff_block.euros_moved_between_regions": {
        "en": "Euros moved between regions",
        "fi": "Eurot, jotka siirtyvät maakuntien välillä",
        "example": {}},
    # the rules of the scenario
    "report.rules.budget_item": {
        "en": " (budget item {budget_item})",
        "fi": " (momentti {budget_item})",
        "example": {"budget_item": '28.90.32'}},
    "report.rules.full_a_funded_project": {
        "en": "full: a funded project gets its maximum award",
        "fi": "täysi: rahoitettu hanke saa enimmäisavustuksensa",
        "example": {}},
    "report.rules.partial_a_funded_project": {
        "en": "partial: a funded project gets at least {min_share:pct0} of its maximum "
              "award",
        "fi": "osittainen: rahoitettu hanke saa vähintään {min_share:pct0} "
              "enimmäisavustuksestaan",
        "example": {"min_share": 0.622}},
    "report.rules.the_amount_requested": {
        "en": "the amount requested",
        "fi": "haettu avustusmäärä",
        "example": {}},
    "report.rules.joint_projects_only_at": {
        "en": "joint projects only: at least {min_parties} distinct parties",
        "fi": "vain useamman kunnan yhteishankkeet: vähintään {min_parties} osapuolta",
        "example": {"min_parties": 2}},
    "report.rules.off_single_party_projects": {
        "en": "off (single-party projects allowed)",
        "fi": "ei käytössä (yhden hakijan hankkeet sallittu)",
        "example": {}},
    "report.rules.no_time_limit": {
        "en": "no time limit",
        "fi": "ei aikarajaa",
        "example": {}},
    "report.rules.time_limit_s": {
        "en": "time limit {time_limit:num} s",
        "fi": "aikaraja {time_limit:num} s",
        "example": {"time_limit": 2.5}},
    "report.rules.rounding": {
        "en": "Rounding",
        "fi": "Pyöristys",
        "example": {}},
    "report.rules.awards_rounded_down_to": {
        "en": "awards rounded down to whole {rounding:eur}",
        "fi": "avustukset pyöristetään alaspäin tarkkuudella {rounding:eur}",
        "example": {"rounding": 1250000}},
    "report.rules.funding_mode": {
        "en": "Funding mode",
        "fi": "Rahoitustapa",
        "example": {}},
    "report.rules.of_the_eligible_costs": {
        "en": "{max_cost_share:pct0} of the eligible costs (where known)",
        "fi": "{max_cost_share:pct0} hyväksyttävistä kustannuksista (kun tiedossa)",
        "example": {"max_cost_share": 0.622}},
    "report.rules.maximum_award": {
        "en": "Maximum award",
        "fi": "Enimmäisavustus",
        "example": {}},
    "report.rules.joint_project_rule": {
        "en": "Joint-project rule",
        "fi": "Yhteishankesääntö",
        "example": {}},
    "report.rules.coverage_rules": {
        "en": "Coverage rules",
        "fi": "Alueelliset säännöt",
        "example": {}},
    "report.rules.locks": {
        "en": "Locks",
        "fi": "Lukitukset",
        "example": {}},
    "report.rules.funded_by_force_rejected": {
        "en": "funded by force: {fund}; rejected by force: {reject}",
        "fi": "rahoitetaan pakolla: {fund}; hylätään pakolla: {reject}",
        "example": {"fund": '2020-07', "reject": '2020-12'}},
    "report.rules.solver": {
        "en": "Solver",
        "fi": "Ratkaisija",
        "example": {}},
    "report.rules.minimum_spend": {
        "en": "Minimum spend",
        "fi": "Vähimmäiskäyttö",
        "example": {}},
    "report.rules.out_of_the_call": {
        "en": "Out of the call's scope",
        "fi": "Haun ulkopuolella",
        "example": {}},
    "report.rules.minimum_score": {
        "en": "Minimum score",
        "fi": "Vähimmäispisteet",
        "example": {}},
    "report.rules.all_of_the_round": {
        "en": "All {n_all:count=application} of the round are fundable under these rules.",
        "fi": "Kaikki haun {n_all:count=application} ovat näillä säännöillä "
              "avustuskelpoisia.",
        "example": {"n_all": 3}},
    "report.rules.of_the_round_s": {
        "en": "{n_in} of the round's {n_all:count=application} are fundable under these "
              "rules; {excluded} are not:",
        "fi": "Haun {n_all:count=application} joukosta {n_in} on näillä säännöillä "
              "avustuskelpoisia; {excluded} ei ole:",
        "example": {"n_in": 58, "n_all": 3, "excluded": 3}},
    "report.rules.the_least_of": {
        "en": "the least of ",
        "fi": "pienin seuraavista: ",
        "example": {}},
    "report.rules.rule_switched_off": {
        "en": "rule switched off",
        "fi": "sääntö ei käytössä",
        "example": {}},
    "report.rules.relative_gap": {
        "en": "relative gap {gap:g}",
        "fi": "suhteellinen aukko {gap:g}",
        "example": {"gap": 0.01}},
    "report.structure_rules.unspent_money_carries_over": {
        "en": "unspent money carries over to later years",
        "fi": "käyttämätön määräraha siirtyy seuraaville vuosille",
        "example": {}},
    "report.structure_rules.no_carry_over": {
        "en": "no carry-over",
        "fi": "ei siirtoa seuraavalle vuodelle",
        "example": {}},
    "report.structure_rules.funding_pool": {
        "en": "Funding pool",
        "fi": "Määrärahaosuus",
        "example": {}},
    "report.structure_rules.pool": {
        "en": "{name}: {cap:eur} for {members:count=application}",
        "fi": "{name}: {cap:eur}, {members:count=application}",
        "example": {"name": '2020', "cap": 1250000, "members": 3}},
    "report.structure_rules.shared_remainder": {
        "en": "Shared remainder",
        "fi": "Yhteinen jäännös",
        "example": {}},
    "report.structure_rules.appropriation_per_year": {
        "en": "Appropriation per year",
        "fi": "Määräraha vuosittain",
        "example": {}},
    "report.structure_rules.what_a_pool_leaves": {
        "en": "what a pool leaves unspent may pay any application",
        "fi": "määrärahaosuuden käyttämätön osa voi rahoittaa mitä tahansa hakemusta",
        "example": {}},
    "report.structure_rules.no_what_a_pool": {
        "en": "no: what a pool leaves unspent is not awarded",
        "fi": "ei: määrärahaosuuden käyttämätöntä osaa ei myönnetä",
        "example": {}},
    "report.links_block.links_between_applications": {
        "en": "Links between applications:",
        "fi": "Hakemusten väliset kytkökset:",
        "example": {}},
    "report.links_block.kind": {
        "en": "kind",
        "fi": "laji",
        "example": {}},
    "report.links_block.applications": {
        "en": "applications",
        "fi": "hakemukset",
        "example": {}},
    "report.links_block.requires": {
        "en": "requires",
        "fi": "edellyttää",
        "example": {}},
    "report.links_block.bonus_score": {
        "en": "bonus (score)",
        "fi": "lisä (pisteet)",
        "example": {}},
    "report.links_block.saving": {
        "en": "saving",
        "fi": "säästö",
        "example": {}},
    # the optimal allocation
    "report.allocation.by_the_lead_applicant": {
        "en": "by the lead applicant",
        "fi": "hankehallinnoijan mukaan",
        "example": {}},
    "report.allocation.by_the_participants": {
        "en": "by the participants",
        "fi": "osallistujien mukaan",
        "example": {}},
    "report.allocation.appropriation_spent_left_in": {
        "en": "Appropriation {budget_eur:eur}; spent {spent_eur:eur}; left "
              "{left_eur:eur}. {projects:count=project} in {regions_covered:count=region} "
              "({basis}). Value: {objective}.",
        "fi": "Määräraha {budget_eur:eur}; käytetty {spent_eur:eur}; jäljellä "
              "{left_eur:eur}. {projects:count=project}, {regions_covered:count=region} "
              "({basis}). Kokonaisarvo: {objective}.",
        "example": {
            "budget_eur": 1250000, "spent_eur": 1250000, "left_eur": 1250000, "projects": 3,
            "regions_covered": 3, "basis": 'hankehallinnoijan maakunta', "objective": '12.345',
        }},
    "report.allocation.saving": {
        "en": "Awarded {awarded:eur}, less synergy savings {saving:eur}: {spent:eur} counts "
              "against the appropriation (the spent above).",
        "fi": "Myönnetty {awarded:eur}, josta vähennetään yhteisvaikutusten säästöt "
              "{saving:eur}: määrärahasta käytetään {spent:eur} (edellä käytetty).",
        "example": {"awarded": 10_024_500, "saving": 24_500, "spent": 10_000_000}},
    "report.allocation.solver_status_the_portfolio": {
        "en": "Solver status: {status} ({solver}). The portfolio was checked again, "
              "outside the solver, against every rule of the scenario: verified.",
        "fi": "Ratkaisun tila: {status} ({solver}). Jako tarkistettiin vielä "
              "ratkaisijasta riippumatta jokaista skenaarion sääntöä vasten: kunnossa.",
        "example": {"status": 'optimaalinen', "solver": 'HiGHS'}},
    "report.allocation.of_need": {
        "en": "of need",
        "fi": "tarpeesta",
        "example": {}},
    "report.allocation.best_score_first": {
        "en": "Best score first. Score: the weighted score of the project in 0..1",
        "fi": "Paras pistemäärä ensin. Pisteet: hankkeen painotettu pistemäärä välillä 0–1",
        "example": {}},
    "report.allocation.proxy_score": {
        "en": " (a proxy score computed from data)",
        "fi": " (aineistosta laskettu korvaava pistemäärä)",
        "example": {}},
    "report.allocation.actual_decision_means": {
        "en": ". Actual decision: what the project was actually awarded.",
        "fi": ". Toteutunut päätös: hankkeelle myönnetty avustus.",
        "example": {}},
    "report.regions_block.map_of_the_regions": {
        "en": "Map of the regions coloured by euros per resident",
        "fi": "Maakuntakartta, värinä euroa asukasta kohden",
        "example": {}},
    "report.regions_block.euros_per_resident_in": {
        "en": "Euros per resident in each region: the optimum and the actual decision "
              "side by side; hatched: no applicants.",
        "fi": "Euroa asukasta kohden maakunnittain: optimaalinen jako ja toteutunut "
              "päätös rinnakkain; viivoitettu: ei hakijoita.",
        "example": {}},
    "report.regions_block.counted_by_lead": {
        "en": "Counted by the lead applicant's region.",
        "fi": "Laskettu hankehallinnoijan maakunnan mukaan.",
        "example": {}},
    "report.regions_block.counted_by_participants": {
        "en": "Counted by the participants' regions; a joint project's award is split "
              "between them by their residents, and every regional rule (the share cap, the "
              "fair shares, the coverage) counts these euros. A project counts in every "
              "region it reaches, so the projects add up to more than the projects funded; "
              "the euros add up to the awards.",
        "fi": "Laskettu osallistujien maakuntien mukaan; yhteishankkeen avustus jaetaan "
              "maakuntien kesken niiden asukasluvun suhteessa, ja jokainen maakuntasääntö "
              "(osuuden raja, reilut osuudet, kattavuus) laskee nämä eurot. Hanke lasketaan "
              "jokaiseen maakuntaan, jota se koskee, joten hankkeita on yhteensä enemmän kuin "
              "rahoitettavia hankkeita; eurot ovat yhteensä avustusten summa.",
        "example": {}},
    "report.regions_table.actual_projects": {
        "en": "actual: projects",
        "fi": "toteutunut: hankkeita",
        "example": {}},
    "report.regions_table.actual_awarded": {
        "en": "actual: awarded",
        "fi": "toteutunut: avustukset",
        "example": {}},
    "report.regions_table.actual_share": {
        "en": "actual: share",
        "fi": "toteutunut: osuus",
        "example": {}},
    "report.regions_table.actual_per_resident": {
        "en": "actual: € per resident",
        "fi": "toteutunut: € asukasta kohden",
        "example": {}},
    "report.regions_table.fair_share": {
        "en": "fair share",
        "fi": "kohtuullinen osuus",
        "example": {}},
    "report.regions_table.ratio": {
        "en": "ratio",
        "fi": "suhde",
        "example": {}},
    "report.regions_table.actual_ratio": {
        "en": "actual: ratio",
        "fi": "toteutunut: suhde",
        "example": {}},
    "report.fair_note.population": {
        "en": "population",
        "fi": "väestöstä",
        "example": {}},
    "report.fair_note.requested_euros": {
        "en": "requested euros",
        "fi": "haetuista euroista",
        "example": {}},
    "report.fair_note.fair_share_the_region": {
        "en": "Fair share: the region's share of the {basis} among the regions the rule "
              "covers; ratio: its share of the euros awarded to those regions over its fair "
              "share. The rule: ",
        "fi": "Kohtuullinen osuus: maakunnan osuus {basis} säännön kattamien maakuntien "
              "kesken; suhde: sen osuus näille maakunnille myönnetyistä euroista jaettuna "
              "kohtuullisella osuudella. Sääntö: ",
        "example": {"basis": 'hankehallinnoijan maakunta'}},
    "report.funds_block.pool_or_year": {
        "en": "Pool or year",
        "fi": "Määrärahaosuus tai vuosi",
        "example": {}},
    "report.funds_block.applications": {
        "en": "applications",
        "fi": "hakemuksia",
        "example": {}},
    "report.funds_block.funding_pools_and_years": {
        "en": "Funding pools and years",
        "fi": "Määrärahaosuudet ja vuodet",
        "example": {}},
    "report.funds_block.each_award_is_drawn": {
        "en": "Each award is drawn first on the first pool that admits it.",
        "fi": "Kukin avustus maksetaan ensisijaisesti ensimmäisestä määrärahaosuudesta, "
              "josta sen voi maksaa.",
        "example": {}},
    "report.funds_block.unspent_money_carries_over": {
        "en": "Unspent money carries over: a year's “carried over” is what the years before "
              "it left, and appropriation + carried over − spent = left.",
        "fi": "Käyttämätön määräraha siirtyy seuraavalle vuodelle: vuoden ”siirtynyt” on "
              "aiempien vuosien käyttämättä jättämä määrä, ja määräraha + siirtynyt − "
              "käytetty = jäljellä.",
        "example": {}},
    "report.funds_block.shared_remainder": {
        "en": "What the pools leave goes to the budget outside the pools (its “carried "
              "over”); a synergy saving lowers what counts against it.",
        "fi": "Määrärahaosuuksilta käyttämättä jäävä osa siirtyy osuuksiin kuulumattomaan "
              "osaan (sen ”siirtynyt”); yhteisvaikutuksen säästö pienentää siitä käytettyä.",
        "example": {}},
    "report.funds_block.carried_in": {
        "en": "carried over",
        "fi": "siirtynyt",
        "example": {}},
    "report.funds_block.saving": {
        "en": "synergy savings",
        "fi": "yhteisvaikutusten säästöt",
        "example": {}},
    "report.funds_block.the_actual_awards_cannot": {
        "en": "?: the actual awards cannot be split between the pools (they break them).",
        "fi": "?: toteutuneita avustuksia ei voi jakaa määrärahaosuuksien kesken (ne "
              "rikkovat niiden rajat).",
        "example": {}},
    "report.funds_block.actual_spent": {
        "en": "actual: spent",
        "fi": "toteutunut: käytetty",
        "example": {}},
    # the actual decision against the optimum
    "report.comparison.rules_of_the_scenario": {
        "en": "Rules of the scenario the actual decision breaks",
        "fi": "Skenaarion säännöt, joita toteutunut päätös rikkoo",
        "example": {}},
    "report.comparison.change_in_award_per": {
        "en": "Change in award per application",
        "fi": "Avustuksen muutos hakemuksittain",
        "example": {}},
    "report.comparison.what_the_optimum_adds": {
        "en": "What the optimum adds (green) and drops (red) compared with the actual "
              "decision, in M€.",
        "fi": "Mitä optimaalinen jako lisää (vihreä) ja poistaa (punainen) toteutuneeseen "
              "päätökseen verrattuna, milj. €.",
        "example": {}},
    "report.comparison.funds_per_region": {
        "en": "Funds per region",
        "fi": "Avustukset maakunnittain",
        "example": {}},
    "report.comparison.awards_led_from_each": {
        "en": "Awards led from each region, in € per resident: the optimum against the "
              "actual decision.",
        "fi": "Kunkin maakunnan hallinnoimat avustukset euroina asukasta kohden: "
              "optimaalinen jako ja toteutunut päätös.",
        "example": {}},
    "report.comparison.the_same_decision_judged": {
        "en": "The same decision judged under each objective: no single number stands "
              "alone.",
        "fi": "Sama päätös arvioituna kummallakin tavoitefunktiolla: yksikään luku ei ole "
              "yksinään koko totuus.",
        "example": {}},
    "report.comparison.the_actual_decision_is": {
        "en": "The actual decision is worth more than the optimum only because it breaks "
              "a rule of the scenario (below).",
        "fi": "Toteutunut päätös on optimia arvokkaampi vain, koska se rikkoo skenaarion "
              "sääntöä (alla).",
        "example": {}},
    "report.comparison.actual_awards_to_applications": {
        "en": "Actual awards to applications that are not fundable under this scenario",
        "fi": "Toteutuneet avustukset hakemuksille, jotka eivät ole tässä skenaariossa "
              "avustuskelpoisia",
        "example": {}},
    "report.comparison.overlap": {
        "en": "Overlap: ",
        "fi": "Päällekkäisyys: ",
        "example": {}},
    "report.comparison.efficiency": {
        "en": "Efficiency (actual / optimal value)",
        "fi": "Tehokkuus (toteutunut / optimaalinen kokonaisarvo)",
        "example": {}},
    "report.changes.add": {
        "en": "add",
        "fi": "lisätään",
        "example": {}},
    "report.changes.remove": {
        "en": "remove",
        "fi": "poistetaan",
        "example": {}},
    "report.changes.change_amount": {
        "en": "change amount",
        "fi": "muutetaan summaa",
        "example": {}},
    "report.changes.the_fewest_changes_that": {
        "en": "The fewest changes that make the actual decision optimal",
        "fi": "Vähimmät muutokset, jotka tekisivät toteutuneesta päätöksestä optimaalisen",
        "example": {}},
    "report.changes.not_proven_minimal_time": {
        "en": " (not proven minimal: time limit)",
        "fi": " (pienimmäksi ei todistettu: aikaraja)",
        "example": {}},
    "report.changes.award_change": {
        "en": "award change",
        "fi": "avustuksen muutos",
        "example": {}},
    # what more money buys
    "report.frontier_section.the_knapsack_dynamic_programme": {
        "en": "the knapsack dynamic programme, exact at every budget",
        "fi": "reppuongelman dynaaminen ohjelma, tarkka jokaisella määrärahalla",
        "example": {}},
    "report.frontier_section.the_knapsack_dynamic_programme_2": {
        "en": "the knapsack dynamic programme on each budget's core, exact at every budget",
        "fi": "reppuongelman dynaaminen ohjelma kunkin määrärahan ytimessä, tarkka "
              "jokaisella määrärahalla",
        "example": {}},
    "report.frontier_section.the_integer_program_solved": {
        "en": "the integer program solved again at each budget ({solver}, gap 0)",
        "fi": "kokonaislukuohjelma ratkaistuna uudelleen jokaisella määrärahalla "
              "({solver})",
        "example": {"solver": 'HiGHS'}},
    "report.frontier_section.the_optimal_value_at": {
        "en": "The optimal value at each appropriation, found by {how}, against two rules "
              "of thumb: fund down the list ranked by score, or by score per euro, skipping the "
              "awards that do not fit.",
        "fi": "Optimaalinen kokonaisarvo kullakin määrärahalla ({how}) ja kaksi "
              "nyrkkisääntöä: rahoitetaan pisteiden mukaisessa järjestyksessä tai pisteiden ja "
              "euron suhteen mukaisessa järjestyksessä, ohittaen avustukset, jotka eivät mahdu.",
        "example": {"how": 'reppuongelman dynaaminen ohjelma'}},
    "report.frontier_section.optimal_value_against_the": {
        "en": "Optimal value against the appropriation",
        "fi": "Optimaalinen kokonaisarvo määrärahan funktiona",
        "example": {}},
    "report.frontier_section.what_each_extra_million": {
        "en": "What each extra million buys",
        "fi": "Mitä kukin lisämiljoona tuo",
        "example": {}},
    "report.frontier_section.breaking_a_rule_of": {
        "en": ", breaking a rule of the scenario",
        "fi": ", rikkoen skenaarion sääntöä",
        "example": {}},
    "report.frontier_section.meets_every_rule_of": {
        "en": "meets every rule of the scenario",
        "fi": "täyttää skenaarion kaikki säännöt",
        "example": {}},
    "report.frontier_section.breaks_of_the_scenario": {
        "en": "breaks {violations:count=rule} of the scenario",
        "fi": "rikkoo {violations:countobj=rule} skenaarion säännöistä",
        "example": {"violations": 3}},
    "report.frontier_section.appropriations_below_or_above": {
        "en": "Appropriations below 0 € or above all maximum awards together ({top:eur}, "
              "enough for every fundable application) are left out.",
        "fi": "Määrärahat alle 0 € tai yli kaikkien enimmäisavustusten summan ({top:eur}, "
              "joka riittää jokaiselle avustuskelpoiselle hakemukselle) on jätetty pois.",
        "example": {"top": 1250000}},
    "report.frontier_section.at_the_appropriation_funding": {
        "en": "At the appropriation, funding down the list by score reaches {ratio:pct} "
              "of the optimal value ({funded:count=project}{breaks}).",
        "fi": "Määrärahalla pisteiden mukainen järjestys saavuttaa {ratio:pct} "
              "optimaalisesta kokonaisarvosta ({funded:count=project}{breaks}).",
        "example": {"ratio": 0.622, "funded": 3, "breaks": ''}},
    "report.frontier_section.actual_decision_value_it": {
        "en": "Actual decision: {funded:count=project}, {spent_eur:eur}, value {value}; "
              "it {rule}.",
        "fi": "Toteutunut päätös: {funded:count=project}, {spent_eur:eur}, kokonaisarvo "
              "{value}; se {rule}.",
        "example": {
            "funded": 3, "spent_eur": 1250000, "value": '12.345', "rule": 'täyttää kaikki säännöt',
        }},
    "report.frontier_section.figure_text": {
        "en": "Optimal value against the appropriation (M€), with the greedy baselines.",
        "fi": "Optimaalinen kokonaisarvo määrärahan (milj. €) funktiona sekä "
              "nyrkkisäännöt.",
        "example": {}},
    "report.frontier_section.figure_text_actual": {
        "en": "Optimal value against the appropriation (M€), with the greedy baselines "
              "and the actual decision.",
        "fi": "Optimaalinen kokonaisarvo määrärahan (milj. €) funktiona sekä "
              "nyrkkisäännöt ja toteutunut päätös.",
        "example": {}},
    # what regional coverage costs
    "report.coverage_section.the_participants_regions": {
        "en": "the participants' regions",
        "fi": "osallistujien maakunnat",
        "example": {}},
    "report.coverage_section.the_best_value_when": {
        "en": "The best value when at least k regions must get a project (by {basis}), at "
              "{budget_eur:eur}. {coverable:count=region} have a fundable application.",
        "fi": "Paras kokonaisarvo, kun vähintään k maakunnan on saatava hanke ({basis}), "
              "määrärahalla {budget_eur:eur}. {coverable:count=region} on avustuskelpoinen "
              "hakemus.",
        "example": {"basis": 'hankehallinnoijan maakunta', "budget_eur": 1250000, "coverable": 3}},
    "report.coverage_section.optimal_value_against_regional": {
        "en": "Optimal value against regional coverage",
        "fi": "Optimaalinen kokonaisarvo ja alueellinen kattavuus",
        "example": {}},
    "report.coverage_section.optimal_value_when_at": {
        "en": "Optimal value when at least k regions must be covered; the numbers above "
              "the points are the regions actually covered.",
        "fi": "Optimaalinen kokonaisarvo, kun vähintään k maakuntaa on katettava; "
              "pisteiden yläpuolella katettujen maakuntien määrä.",
        "example": {}},
    "report.coverage_section.from_regions_on_no": {
        "en": "From {infeasible_from} regions on, no portfolio meets the rule within the "
              "appropriation and the scenario's other rules.",
        "fi": "Vaatimuksella {infeasible_from} maakuntaa tai enemmän ratkaisua ei ole "
              "määrärahan ja skenaarion muiden sääntöjen puitteissa.",
        "example": {"infeasible_from": 15}},
    "report.coverage_section.under_this_scenario_s": {
        "en": "Under this scenario's rules alone the optimum covers "
              "{covered:count=region}; requiring more costs value:",
        "fi": "Pelkillä skenaarion säännöillä optimaalinen jako kattaa "
              "{covered:count=region}; useamman vaatiminen maksaa kokonaisarvoa:",
        "example": {"covered": 3}},
    "report.coverage_section.under_this_scenario_s_2": {
        "en": "Under this scenario's rules the optimum already covers all of them, so "
              "requiring more regions costs nothing here.",
        "fi": "Skenaarion säännöillä optimaalinen jako kattaa jo ne kaikki, joten "
              "useamman maakunnan vaatiminen ei maksa tässä mitään.",
        "example": {}},
    # robustness to the weights
    "report.robustness_section.indicators": {
        "en": "indicators",
        "fi": "mittarin",
        "example": {}},
    "report.robustness_section.criteria": {
        "en": "criteria",
        "fi": "arviointikriteerin",
        "example": {}},
    "report.robustness_section.the_knapsack_dp": {
        "en": "the knapsack DP",
        "fi": "reppuongelman dynaaminen ohjelma",
        "example": {}},
    "report.robustness_section.core_funded_in_at": {
        "en": "Core (funded in at least {core:pct0} of the draws)",
        "fi": "Ydin (rahoitetaan vähintään {core:pct0} arvonnoista)",
        "example": {"core": 0.622}},
    "report.robustness_section.borderline_funded_in_between": {
        "en": "Borderline (funded in between {exterior:pct0} and {core:pct0} of the draws)",
        "fi": "Rajatapaus (rahoitetaan {exterior:pct0}–{core:pct0} arvonnoista)",
        "example": {"exterior": 0.622, "core": 0.622}},
    "report.robustness_section.exterior_funded_in_at": {
        "en": "Exterior (funded in at most {exterior:pct0} of the draws)",
        "fi": "Ulkopuolinen (rahoitetaan enintään {exterior:pct0} arvonnoista)",
        "example": {"exterior": 0.622}},
    "report.robustness_section.the_knapsack_dp_on": {
        "en": "the knapsack DP on each draw's core",
        "fi": "reppuongelman dynaaminen ohjelma kunkin arvonnan ytimessä",
        "example": {}},
    "report.robustness_section.the_integer_program": {
        "en": "the knapsack DP where it answers the draw exactly, else the integer program "
              "({solver})",
        "fi": "reppuongelman dynaaminen ohjelma, kun se ratkaisee arvonnan tarkasti, muuten "
              "kokonaislukuohjelma ({solver})",
        "example": {"solver": 'HiGHS'}},
    "report.robustness_section.random_weightings_of_the": {
        "en": "{samples} random weightings of the {criteria} {what} ({weights}; seed "
              "{seed}), each solved by {how} at {budget_eur:eur}. The acceptability index of an "
              "application is the share of the draws whose optimum funds it. "
              "{distinct_portfolios:count=portfolio} came up.",
        "fi": "{samples} satunnaista painotusta {criteria} {what} kesken ({weights}; "
              "siemenluku {seed}), kukin ratkaistuna ({how}) määrärahalla {budget_eur:eur}. "
              "Hakemuksen hyväksyttävyysindeksi on niiden arvontojen osuus, joiden optimaalinen "
              "jako rahoittaa sen. Esiin tuli {distinct_portfolios:count=portfolio}.",
        "example": {
            "samples": 200, "criteria": 5, "what": 'mittarin',
            "weights": 'tasaisesti kaikista painoista', "seed": 2020,
            "how": 'reppuongelman dynaaminen ohjelma', "budget_eur": 1250000,
            "distinct_portfolios": 3,
        }},
    "report.robustness_section.acceptability_index_per_application": {
        "en": "Acceptability index per application",
        "fi": "Hyväksyttävyysindeksi hakemuksittain",
        "example": {}},
    "report.robustness_section.share_of_the_draws": {
        "en": "Share of the draws in which each application is funded; dashed lines: the "
              "core and exterior thresholds.",
        "fi": "Arvontojen osuus, joissa kukin hakemus rahoitetaan; katkoviivat: ytimen ja "
              "ulkopuolisten rajat.",
        "example": {}},
    "report.robustness_section.not_analysed_not_fundable": {
        "en": "Not analysed (not fundable under this scenario): ",
        "fi": "Ei analysoitu (ei avustuskelpoinen tässä skenaariossa): ",
        "example": {}},
    # the audit appendix (On record)
    "report.record_section.every_figure_in_this": {
        "en": "Every figure in this report comes from the scenario below, resolved key by "
              "key, and from the input files listed with their SHA-256. scenario.toml beside "
              "this page reruns it: grantopt run scenario.toml.",
        "fi": "Jokainen tämän raportin luku tulee alla olevasta skenaariosta, avain "
              "avaimelta, ja luetelluista syötetiedostoista (SHA-256). Raportin vieressä oleva "
              "scenario.toml toistaa laskelman: grantopt run scenario.toml.",
        "example": {}},
    "report.record_section.value": {
        "en": "value",
        "fi": "arvo",
        "example": {}},
    "report.record_section.changed_on_top_of": {
        "en": "Changed on top of the scenario file: ",
        "fi": "Muutettu skenaariotiedoston lisäksi: ",
        "example": {}},
    "report.record_section.versions": {
        "en": "Versions: ",
        "fi": "Versiot: ",
        "example": {}},
    # the files beside the page
    "report.files_section.this_page_shows_everything": {
        "en": "This page shows everything by itself, figures included: it can be "
              "forwarded as one file. Beside it, the same figures and tables as files to work "
              "with:",
        "fi": "Tämä sivu näyttää kaiken itsessään kuvineen: sen voi välittää yhtenä "
              "tiedostona. Sen vieressä samat kuvat ja taulukot tiedostoina jatkotyötä varten:",
        "example": {}},
    "report.files_section.left_out": {
        "en": "Left out: ",
        "fi": "Jätetty pois: ",
        "example": {}},
    "report.file.allocation": {
        "en": "the optimal allocation",
        "fi": "optimaalinen jako",
        "example": {}},
    "report.file.result": {
        "en": "the result, machine-readable",
        "fi": "tulos koneluettavana",
        "example": {}},
    "report.file.compare": {
        "en": "the comparison with the actual decision, machine-readable",
        "fi": "vertailu toteutuneeseen päätökseen, koneluettavana",
        "example": {}},
    "report.file.comparison": {
        "en": "figure: what the optimum adds and drops",
        "fi": "kuva: mitä optimaalinen jako lisää ja poistaa",
        "example": {}},
    "report.file.regions": {
        "en": "figure: funds per region",
        "fi": "kuva: avustukset maakunnittain",
        "example": {}},
    "report.file.region_map": {
        "en": "figure: the map of the regions",
        "fi": "kuva: maakuntakartta",
        "example": {}},
    "report.file.frontier": {
        "en": "optimal and greedy values at each appropriation",
        "fi": "optimaalinen kokonaisarvo ja nyrkkisäännöt kullakin määrärahalla",
        "example": {}},
    "report.file.coverage": {
        "en": "optimal value against regional coverage",
        "fi": "optimaalinen kokonaisarvo ja alueellinen kattavuus",
        "example": {}},
    "report.file.acceptability": {
        "en": "acceptability index per application",
        "fi": "hyväksyttävyysindeksi hakemuksittain",
        "example": {}},
    "report.file.report": {
        "en": "the workbook to continue in",
        "fi": "työkirja jatkotyöhön",
        "example": {}},
    "report.file.scenario": {
        "en": "the resolved scenario, to rerun",
        "fi": "ratkaistu skenaario uudelleenajoa varten",
        "example": {}},
    "report.file.audit": {
        "en": "the full record",
        "fi": "koko tallenne",
        "example": {}},
    # what a report leaves out (report.build)
    "report.skipped.comparison": {
        "en": "comparison with the actual decision: the round has no awards.csv",
        "fi": "vertailu toteutuneeseen päätökseen: haulla ei ole myönnettyjen avustusten tiedostoa",
        "example": {}},
    "report.skipped.robustness": {
        "en": "robustness: left out on request",
        "fi": "herkkyys painoille: jätetty pois pyynnöstä",
        "example": {}},
    # the footer
    "report.footer.decision_of": {
        "en": "decision of {day}",
        "fi": "päätös {day}",
        "example": {"day": '9.12.2020'}},
    "report.footer.budget_item": {
        "en": "budget item {budget_item}",
        "fi": "momentti {budget_item}",
        "example": {"budget_item": '28.90.32'}},
    "report.footer.made_with_grantopt_every": {
        "en": "Made with grantopt {version}. Every optimal portfolio shown was checked "
              "again, outside the solver, against every rule of the scenario.",
        "fi": "Laadittu grantopt {version} -työkalulla. Jokainen esitetty optimaalinen "
              "jako tarkistettiin ratkaisijasta riippumatta jokaista skenaarion sääntöä vasten.",
        "example": {"version": '1.4.0'}},
    "report.footer.round": {
        "en": "Round: ",
        "fi": "Avustushaku: ",
        "example": {}},
    "report.footer.attribution": {
        "en": "Municipality classification and population: Statistics Finland (2020).",
        "fi": "Kuntaluokitus ja väestö: Tilastokeskus (2020).",
        "example": {}},
    "report.footer.scores": {
        "en": "Scores: {label}.",
        "fi": "Pisteet: {label}.",
        "example": {"label": 'aineistosta laskettu korvaava pistemäärä'}},
    # the workbook (report.workbook): sheet names, headers and labels
    "report.sheet.summary": {
        "en": "summary",
        "fi": "yhteenveto",
        "example": {}},
    "report.sheet.about": {
        "en": "about",
        "fi": "tietoja",
        "example": {}},
    "report.sheet.allocation": {
        "en": "allocation",
        "fi": "jako",
        "example": {}},
    "report.sheet.regions": {
        "en": "regions",
        "fi": "maakunnat",
        "example": {}},
    "report.sheet.funds": {
        "en": "pools and years",
        "fi": "määrärahaosuudet ja vuodet",
        "example": {}},
    "report.sheet.links": {
        "en": "links",
        "fi": "kytkökset",
        "example": {}},
    "report.sheet.comparison": {
        "en": "comparison",
        "fi": "vertailu",
        "example": {}},
    "report.sheet.frontier": {
        "en": "frontier",
        "fi": "määrärahat",
        "example": {}},
    "report.sheet.robustness": {
        "en": "robustness",
        "fi": "herkkyys",
        "example": {}},
    "report.sheet.scenario": {
        "en": "scenario",
        "fi": "skenaario",
        "example": {}},
    "report.sheet.id": {
        "en": "id",
        "fi": "tunnus",
        "example": {}},
    "report.sheet.project": {
        "en": "project",
        "fi": "hanke",
        "example": {}},
    "report.sheet.lead": {
        "en": "lead applicant",
        "fi": "hankehallinnoija",
        "example": {}},
    "report.sheet.region": {
        "en": "region",
        "fi": "maakunta",
        "example": {}},
    "report.sheet.score": {
        "en": "score",
        "fi": "pisteet",
        "example": {}},
    "report.sheet.score_proxy": {
        "en": "score (proxy)",
        "fi": "pisteet (korvaava)",
        "example": {}},
    "report.sheet.award": {
        "en": "award (€)",
        "fi": "avustus, €",
        "example": {}},
    "report.sheet.requested": {
        "en": "requested (€)",
        "fi": "haettu summa, €",
        "example": {}},
    "report.sheet.need": {
        "en": "need (€)",
        "fi": "avustustarve, €",
        "example": {}},
    "report.sheet.share_of_need": {
        "en": "share of need",
        "fi": "osuus tarpeesta",
        "example": {}},
    "report.sheet.actual_award": {
        "en": "actual decision (€)",
        "fi": "toteutunut päätös, €",
        "example": {}},
    "report.sheet.status": {
        "en": "status",
        "fi": "tila",
        "example": {}},
    "report.sheet.reason": {
        "en": "why not fundable",
        "fi": "miksi ei avustuskelpoinen",
        "example": {}},
    "report.sheet.population": {
        "en": "population",
        "fi": "asukasluku",
        "example": {}},
    "report.sheet.projects": {
        "en": "projects",
        "fi": "hankkeita",
        "example": {}},
    "report.sheet.share_of_budget": {
        "en": "share of the appropriation",
        "fi": "osuus määrärahasta",
        "example": {}},
    "report.sheet.per_resident": {
        "en": "€ per resident",
        "fi": "€ asukasta kohden",
        "example": {}},
    "report.sheet.actual_projects": {
        "en": "projects, actual decision",
        "fi": "hankkeita, toteutunut päätös",
        "example": {}},
    "report.sheet.actual_eur": {
        "en": "awarded, actual decision (€)",
        "fi": "myönnetty, toteutunut päätös, €",
        "example": {}},
    "report.sheet.actual_share": {
        "en": "share of the appropriation, actual decision",
        "fi": "osuus määrärahasta, toteutunut päätös",
        "example": {}},
    "report.sheet.actual_per_resident": {
        "en": "€ per resident, actual decision",
        "fi": "€ asukasta kohden, toteutunut päätös",
        "example": {}},
    "report.sheet.funded_in": {
        "en": "funded in",
        "fi": "rahoitettu",
        "example": {}},
    "report.sheet.actual": {
        "en": "actual decision (€)",
        "fi": "toteutunut päätös, €",
        "example": {}},
    "report.sheet.optimal_eur": {
        "en": "optimal allocation (€)",
        "fi": "optimaalinen jako, €",
        "example": {}},
    "report.sheet.change": {
        "en": "change (€)",
        "fi": "muutos, €",
        "example": {}},
    "report.sheet.objective": {
        "en": "objective",
        "fi": "tavoitefunktio",
        "example": {}},
    "report.sheet.actual_value": {
        "en": "value of the actual decision",
        "fi": "toteutuneen päätöksen kokonaisarvo",
        "example": {}},
    "report.sheet.optimal_value": {
        "en": "optimal value",
        "fi": "optimin kokonaisarvo",
        "example": {}},
    "report.sheet.efficiency": {
        "en": "efficiency",
        "fi": "tehokkuus",
        "example": {}},
    "report.sheet.fewest_changes": {
        "en": "fewest changes",
        "fi": "vähimmät muutokset",
        "example": {}},
    "report.sheet.additions": {
        "en": "additions",
        "fi": "lisäykset",
        "example": {}},
    "report.sheet.removals": {
        "en": "removals",
        "fi": "poistot",
        "example": {}},
    "report.sheet.amount_changes": {
        "en": "awards changed in amount",
        "fi": "määrältään muuttuvat avustukset",
        "example": {}},
    "report.sheet.outside": {
        "en": "actual awards to applications not fundable under the scenario",
        "fi": "toteutuneet avustukset hakemuksille, jotka eivät ole skenaariossa "
              "avustuskelpoisia",
        "example": {}},
    "report.sheet.broken": {
        "en": "scenario rules the actual decision breaks",
        "fi": "skenaarion säännöt, joita toteutunut päätös rikkoo",
        "example": {}},
    "report.sheet.budget": {
        "en": "appropriation (€)",
        "fi": "määräraha, €",
        "example": {}},
    "report.sheet.spent": {
        "en": "spent (€)",
        "fi": "käytetty, €",
        "example": {}},
    "report.sheet.greedy_score": {
        "en": "greedy by score: value",
        "fi": "nyrkkisääntö pisteiden mukaan: kokonaisarvo",
        "example": {}},
    "report.sheet.greedy_score_ok": {
        "en": "greedy by score: within the rules",
        "fi": "nyrkkisääntö pisteiden mukaan: sääntöjen mukainen",
        "example": {}},
    "report.sheet.greedy_ratio": {
        "en": "greedy by score per euro: value",
        "fi": "nyrkkisääntö pisteet euroa kohden: kokonaisarvo",
        "example": {}},
    "report.sheet.greedy_ratio_ok": {
        "en": "greedy by score per euro: within the rules",
        "fi": "nyrkkisääntö pisteet euroa kohden: sääntöjen mukainen",
        "example": {}},
    "report.sheet.enter": {
        "en": "enter (from the row above)",
        "fi": "tulevat mukaan (edelliseen riviin verrattuna)",
        "example": {}},
    "report.sheet.leave": {
        "en": "leave (from the row above)",
        "fi": "jäävät pois (edelliseen riviin verrattuna)",
        "example": {}},
    "report.sheet.actual_point": {
        "en": "actual decision",
        "fi": "toteutunut päätös",
        "example": {}},
    "report.sheet.acceptability": {
        "en": "acceptability index",
        "fi": "hyväksyttävyysindeksi",
        "example": {}},
    "report.sheet.class": {
        "en": "class",
        "fi": "luokka",
        "example": {}},
    "report.sheet.in_optimum": {
        "en": "funded in the optimal allocation",
        "fi": "rahoitettu optimaalisessa jaossa",
        "example": {}},
    "report.sheet.in_actual": {
        "en": "funded in the actual decision",
        "fi": "rahoitettu toteutuneessa päätöksessä",
        "example": {}},
    "report.sheet.key": {
        "en": "key",
        "fi": "avain",
        "example": {}},
    "report.sheet.value": {
        "en": "value",
        "fi": "arvo",
        "example": {}},
    "report.sheet.origin": {
        "en": "origin",
        "fi": "alkuperä",
        "example": {}},
    "report.sheet.input_file": {
        "en": "input file",
        "fi": "syötetiedosto",
        "example": {}},
    "report.sheet.sha256": {
        "en": "SHA-256",
        "fi": "SHA-256",
        "example": {}},
    "report.sheet.bytes": {
        "en": "bytes",
        "fi": "tavua",
        "example": {}},
    "report.sheet.software": {
        "en": "software",
        "fi": "ohjelmisto",
        "example": {}},
    "report.sheet.version": {
        "en": "version",
        "fi": "versio",
        "example": {}},
    "report.sheet.total": {
        "en": "total",
        "fi": "yhteensä",
        "example": {}},
    "report.sheet.item": {
        "en": "item",
        "fi": "kohta",
        "example": {}},
    "report.sheet.title": {
        "en": "scenario",
        "fi": "skenaario",
        "example": {}},
    "report.sheet.round": {
        "en": "round",
        "fi": "haku",
        "example": {}},
    "report.sheet.left": {
        "en": "left (€)",
        "fi": "jäljellä, €",
        "example": {}},
    "report.sheet.projects_funded": {
        "en": "projects funded",
        "fi": "rahoitettavia hankkeita",
        "example": {}},
    "report.sheet.regions_covered": {
        "en": "regions covered",
        "fi": "maakuntia, joissa rahoitettu hanke",
        "example": {}},
    "report.sheet.total_value": {
        "en": "value",
        "fi": "kokonaisarvo",
        "example": {}},
    "report.sheet.value_means": {
        "en": "what the value means",
        "fi": "mitä kokonaisarvo tarkoittaa",
        "example": {}},
    "report.sheet.scores": {
        "en": "scores",
        "fi": "pisteet",
        "example": {}},
    "report.sheet.actual_spent": {
        "en": "actual decision: spent (€)",
        "fi": "toteutunut päätös: käytetty, €",
        "example": {}},
    "report.sheet.actual_funded": {
        "en": "actual decision: projects",
        "fi": "toteutunut päätös: hankkeita",
        "example": {}},
    "report.sheet.solver": {
        "en": "solver",
        "fi": "ratkaisija",
        "example": {}},
    "report.sheet.gap": {
        "en": "gap to the proven optimum",
        "fi": "ero todistettuun optimiin",
        "example": {}},
    "report.sheet.draws": {
        "en": "robustness: draws of the weights",
        "fi": "herkkyys: painojen arvontoja",
        "example": {}},
    "report.sheet.seed": {
        "en": "robustness: seed",
        "fi": "herkkyys: siemenluku",
        "example": {}},
    "report.sheet.note": {
        "en": "note",
        "fi": "huomautus",
        "example": {}},
    "report.sheet.region_basis": {
        "en": "regions counted by",
        "fi": "maakunnat laskettu",
        "example": {}},
    "report.sheet.scenario_file": {
        "en": "scenario file",
        "fi": "skenaariotiedosto",
        "example": {}},
    "report.sheet.score_source": {
        "en": "score source",
        "fi": "pisteiden lähde",
        "example": {}},
    "report.sheet.funded": {
        "en": "funded",
        "fi": "rahoitettu",
        "example": {}},
    "report.sheet.not_funded": {
        "en": "not funded",
        "fi": "ei rahoitettu",
        "example": {}},
    "report.sheet.not_fundable": {
        "en": "not fundable",
        "fi": "ei avustuskelpoinen",
        "example": {}},
    "report.sheet.both": {
        "en": "both",
        "fi": "molemmissa",
        "example": {}},
    "report.sheet.only_actual": {
        "en": "actual decision only",
        "fi": "vain toteutuneessa päätöksessä",
        "example": {}},
    "report.sheet.only_optimal": {
        "en": "optimal allocation only",
        "fi": "vain optimaalisessa jaossa",
        "example": {}},
    "report.sheet.core": {
        "en": "core",
        "fi": "ydin",
        "example": {}},
    "report.sheet.borderline": {
        "en": "borderline",
        "fi": "rajatapaus",
        "example": {}},
    "report.sheet.exterior": {
        "en": "exterior",
        "fi": "ulkopuolinen",
        "example": {}},
    "report.sheet.optimal": {
        "en": "optimal",
        "fi": "optimaalinen",
        "example": {}},
    "report.sheet.feasible": {
        "en": "feasible (time limit reached)",
        "fi": "kelvollinen (aikaraja täyttyi)",
        "example": {}},
    "report.sheet.yes": {
        "en": "yes",
        "fi": "kyllä",
        "example": {}},
    "report.sheet.no": {
        "en": "no",
        "fi": "ei",
        "example": {}},
    "report.sheet.infeasible": {
        "en": "infeasible",
        "fi": "ei ratkaisua",
        "example": {}},
    "report.sheet.default": {
        "en": "default",
        "fi": "oletus",
        "example": {}},
    "report.sheet.lead_basis": {
        "en": "the lead applicant's region",
        "fi": "hankehallinnoijan maakunnan mukaan",
        "example": {}},
    "report.sheet.fair_share": {
        "en": "fair share",
        "fi": "kohtuullinen osuus",
        "example": {}},
    "report.sheet.fair_share_ratio": {
        "en": "ratio to the fair share",
        "fi": "suhde kohtuulliseen osuuteen",
        "example": {}},
    "report.sheet.actual_fair_share_ratio": {
        "en": "ratio to the fair share, actual decision",
        "fi": "suhde kohtuulliseen osuuteen, toteutunut päätös",
        "example": {}},
    "report.sheet.pool_or_year": {
        "en": "pool or year",
        "fi": "määrärahaosuus tai vuosi",
        "example": {}},
    "report.sheet.applications": {
        "en": "applications",
        "fi": "hakemuksia",
        "example": {}},
    "report.sheet.link_kind": {
        "en": "kind",
        "fi": "laji",
        "example": {}},
    "report.sheet.link_ids": {
        "en": "applications",
        "fi": "hakemukset",
        "example": {}},
    "report.sheet.link_requires": {
        "en": "requires",
        "fi": "edellyttää",
        "example": {}},
    "report.sheet.link_bonus": {
        "en": "bonus (score points)",
        "fi": "lisä, pisteitä",
        "example": {}},
    "report.sheet.link_saving": {
        "en": "saving (€)",
        "fi": "säästö, €",
        "example": {}},
    "report.sheet.unsplit": {
        "en": "?: the awards cannot be split between the pools (they break them)",
        "fi": "?: avustuksia ei voi jakaa määrärahaosuuksien kesken (ne rikkovat niiden "
              "rajat)",
        "example": {}},
    "report.sheet.carried": {
        "en": "unspent money carries over: a year's 'carried over' is what the years before "
              "it left; appropriation + carried over - spent = left",
        "fi": "käyttämätön määräraha siirtyy: vuoden 'siirtynyt' on aiempien vuosien "
              "käyttämättä jättämä määrä; määräraha + siirtynyt - käytetty = jäljellä",
        "example": {}},
    "report.sheet.shared_remainder": {
        "en": "what the pools leave goes to the budget outside the pools (its 'carried "
              "over'); a synergy saving lowers what counts against it",
        "fi": "määrärahaosuuksilta käyttämättä jäävä osa siirtyy osuuksiin kuulumattomaan "
              "osaan (sen 'siirtynyt'); yhteisvaikutuksen säästö pienentää siitä käytettyä",
        "example": {}},
    "report.sheet.carried_in": {
        "en": "carried over (€)",
        "fi": "siirtynyt, €",
        "example": {}},
    "report.sheet.fund_saving": {
        "en": "synergy savings (€)",
        "fi": "yhteisvaikutusten säästöt, €",
        "example": {}},
    "report.sheet.awarded_total": {
        "en": "awarded (€)",
        "fi": "myönnetty, €",
        "example": {}},
    "report.sheet.synergy_saving": {
        "en": "less synergy savings (€)",
        "fi": "vähennetään yhteisvaikutusten säästöt, €",
        "example": {}},
    "report.sheet.participants_basis": {
        "en": "the participants' regions (awards split by residents)",
        "fi": "osallistujien maakuntien mukaan (avustus jaettu asukasluvun suhteessa)",
        "example": {}},
    "report.sheet.proxy_warning": {
        "en": "The scores are proxy indicators computed from the data (an indirect "
              "measure), not an evaluation of the applications' quality.",
        "fi": "Pisteet ovat aineistosta laskettuja korvaavia pistemääriä (välillinen "
              "mittari), eivät arvio hakemusten laadusta.",
        "example": {}},
    "report.sheet.changes": {
        "en": "{count} ({additions} additions, {removals} removals)",
        "fi": "{count} ({additions} lisäystä, {removals} poistoa)",
        "example": {"count": 5, "additions": 3, "removals": 2}},
    "report.sheet.sheet_scores": {
        "en": "{label}",
        "fi": "arviointilomakkeen pisteet ({file})",
        "example": {"label": 'arviointilomake.csv', "file": 'arviointilomake.csv'}},
    # --- brief (D1) ---
    "report.brief.title": {
        "en": "Decision brief",
        "fi": "Päätöksen tiivistelmä",
        "example": {}},
    "report.brief.answer_optimum": {
        "en": "Under the rules of scenario {letter}, the best portfolio funds "
              "{projects:count=project} for {spent:eur} of the {budget:eur} appropriation; "
              "the actual decision funds {actual:count=project}.",
        "fi": "Skenaarion {letter} säännöin paras jako rahoittaa {projects:countobj=project} "
              "yhteensä {spent:eur} määrärahasta {budget:eur}; toteutunut päätös rahoittaa "
              "{actual:countobj=project}.",
        "example": {"letter": "A", "projects": 48, "spent": 9964000, "budget": 10000000,
                    "actual": 29}},
    "report.brief.answer_optimum_alone": {
        "en": "Under the rules of scenario {letter}, the best portfolio funds "
              "{projects:count=project} for {spent:eur} of the {budget:eur} appropriation; "
              "the round has no actual decision to compare with.",
        "fi": "Skenaarion {letter} säännöin paras jako rahoittaa {projects:countobj=project} "
              "yhteensä {spent:eur} määrärahasta {budget:eur}; avustushaussa ei ole "
              "toteutunutta päätöstä, johon verrata.",
        "example": {"letter": "A", "projects": 48, "spent": 9964000, "budget": 10000000}},
    "report.brief.answer_efficiency": {
        "en": "The actual decision reaches {first:pct} of the best value under {first_name}"
              "{second}.",
        "fi": "Toteutunut päätös saavuttaa {first:pct} parhaan jaon arvosta, kun arvo on "
              "{first_name}{second}.",
        "example": {"first": 0.622, "first_name": "hankkeiden pisteiden summa",
                    "second": ", 85,1 % kun arvo on pisteet × eurot"}},
    "report.brief.answer_efficiency_second": {
        "en": " and {second:pct} under {second_name}",
        "fi": " ja {second:pct}, kun arvo on {second_name}",
        "example": {"second": 0.851, "second_name": "pisteet × eurot"}},
    "report.brief.answer_changes": {
        "en": "Reaching the optimum of {letter} takes {additions:count=addition} and "
              "{removals:count=removal}; {broken}",
        "fi": "Skenaarion {letter} optimi vaatii {additions:count=addition} ja "
              "{removals:count=removal}; {broken}",
        "example": {"letter": "A", "additions": 25, "removals": 6,
                    "broken": "toteutunut päätös rikkoo skenaarion C sääntöä."}},
    "report.brief.breaks_in": {
        "en": "the actual decision breaks rules of scenario {letters:and} (flagged below).",
        "fi": "toteutunut päätös rikkoo skenaarion {letters:and} sääntöjä (merkitty alla).",
        "example": {"letters": ["C"]}},
    "report.brief.breaks_in_many": {
        "en": "the actual decision breaks rules of scenarios {letters:and} (flagged below).",
        "fi": "toteutunut päätös rikkoo skenaarioiden {letters:and} sääntöjä (merkitty "
              "alla).",
        "example": {"letters": ["B", "C"]}},
    "report.brief.keeps_every_rule": {
        "en": "the actual decision keeps every rule of every scenario.",
        "fi": "toteutunut päätös noudattaa jokaisen skenaarion kaikkia sääntöjä.",
        "example": {}},
    "report.brief.favours_score": {
        "en": "sum of scores: every project counts its score whatever its size, so it "
              "favours many smaller projects",
        "fi": "pisteiden summa: jokainen hanke lasketaan pisteillään koosta riippumatta, joten "
              "se suosii useita pienempiä hankkeita",
        "example": {}},
    "report.brief.favours_score_euros": {
        "en": "score × euros: each score weighs by the project's euros, so it favours large "
              "well-scored projects",
        "fi": "pisteet × eurot: pisteet painotetaan hankkeen euroilla, joten se suosii suuria "
              "hyvin pisteytettyjä hankkeita",
        "example": {}},
    "report.brief.efficiency_header": {
        "en": "Efficiency of the actual decision (actual / optimal value)",
        "fi": "Toteutuneen päätöksen tehokkuus (toteutunut / optimaalinen arvo)",
        "example": {}},
    "report.brief.broken_header": {
        "en": "rules of the scenario the actual decision breaks",
        "fi": "skenaarion säännöt, joita toteutunut päätös rikkoo",
        "example": {}},
    "report.brief.no_broken": {
        "en": "none",
        "fi": "ei yhtään",
        "example": {}},
    "report.brief.flag": {
        "en": "⚑ the actual decision breaks a rule of this scenario: its efficiency "
              "compares a decision outside the rules with an optimum inside them.",
        "fi": "⚑ toteutunut päätös rikkoo tämän skenaarion sääntöä: sen tehokkuudessa "
              "sääntöjen ulkopuolista päätöstä verrataan sääntöjen mukaiseen optimiin.",
        "example": {}},
    "report.brief.largest_entries": {
        "en": "Largest entries to the actual decision ({n} in all): {items:list}.",
        "fi": "Suurimmat lisäykset toteutuneeseen päätökseen ({n} yhteensä): {items:list}.",
        "example": {"n": 25, "items": ["Moderni digitaalinen viestintä (410 400 €)"]}},
    "report.brief.largest_exits": {
        "en": "Largest exits from the actual decision ({n} in all): {items:list}.",
        "fi": "Suurimmat poistot toteutuneesta päätöksestä ({n} yhteensä): {items:list}.",
        "example": {"n": 6, "items": ["Lämpö -hanke (850 000 €)"]}},
    "report.brief.move": {
        "en": "{project} ({id}, {eur:eur})",
        "fi": "{project} ({id}, {eur:eur})",
        "example": {"project": "Lämpö -hanke", "id": "2020-06", "eur": 850000}},
    "report.brief.next_million": {
        "en": "The next million (to {budget:eur}) buys {projects:count=project} instead of "
              "{now} and spends {spent:eur} more{residents}.",
        "fi": "Seuraava miljoona (yhteensä {budget:eur}) rahoittaa {projects:countobj=project} "
              "{now}:n sijaan ja käyttää {spent:eur} enemmän{residents}.",
        "example": {"budget": 11000000, "projects": 50, "now": 48, "spent": 1007400,
                    "residents": ""}},
    "report.brief.residents": {
        "en": "; the projects it adds are led by municipalities of {residents:num} residents",
        "fi": "; lisätyt hankkeet hallinnoivat kunnat, joissa asuu {residents:num} asukasta",
        "example": {"residents": 216128}},
    "report.brief.proxy": {
        "en": "The scores are proxy indicators computed from the data, not an assessment of "
              "the applications' quality:",
        "fi": "Pisteet ovat aineistosta laskettuja korvaavia pistemääriä, eivät arvio "
              "hakemusten laadusta:",
        "example": {}},
    "report.brief.same_portfolio": {
        "en": "Same portfolio as {first}: the same applications with the same awards.",
        "fi": "Sama jako kuin {first}: samat hankkeet samoin avustuksin.",
        "example": {"first": "A"}},
    "report.brief.grid_title": {
        "en": "Applications in each scenario",
        "fi": "Hakemukset skenaarioittain",
        "example": {}},
    "report.brief.grid_note": {
        "en": "● funded, – not funded. Rows where every column agrees are in the workbook "
              "and in the folded list below.",
        "fi": "● rahoitetaan, – ei rahoiteta. Rivit, joilla kaikki sarakkeet ovat samaa "
              "mieltä, ovat työkirjassa ja alla taitetussa luettelossa.",
        "example": {}},
    "report.brief.grid_agreed": {
        "en": "Applications on which every scenario and the actual decision agree "
              "({n})",
        "fi": "Hakemukset, joista kaikki skenaariot ja toteutunut päätös ovat samaa mieltä "
              "({n})",
        "example": {"n": 29}},
    "report.brief.details": {
        "en": "Every detail of scenario {letter} (on screen; not printed)",
        "fi": "Skenaarion {letter} kaikki yksityiskohdat (näytöllä; ei tulosteessa)",
        "example": {"letter": "A"}},
    "report.brief.appendix": {
        "en": "Appendix: the record of each scenario",
        "fi": "Liite: kunkin skenaarion tallenne",
        "example": {}},
    "report.brief.appendix_note": {
        "en": "Every key, value and input file behind each scenario, as the record files "
              "beside the page keep them (on screen; not printed).",
        "fi": "Kunkin skenaarion jokainen avain, arvo ja syötetiedosto, kuten sivun viereiset "
              "tallennetiedostot ne säilyttävät (näytöllä; ei tulosteessa).",
        "example": {}},
    "report.sheet.grid": {
        "en": "scenarios",
        "fi": "skenaariot",
        "example": {}},
    "report.sheet.grid_actual": {
        "en": "actual decision",
        "fi": "toteutunut päätös",
        "example": {}},
    "report.sheet.vfm": {
        "en": "value for money",
        "fi": "arvo rahalle",
        "example": {}},
    "report.sheet.vfm_cost": {
        "en": "largest award (€)",
        "fi": "suurin avustus, €",
        "example": {}},
    "report.sheet.vfm_per_million": {
        "en": "value per million euros",
        "fi": "arvo miljoonaa euroa kohden",
        "example": {}},
    "report.sheet.grid_scenario": {
        "en": "scenario {letter}",
        "fi": "skenaario {letter}",
        "example": {"letter": "A"}},
    "report.brief.vfm_alt": {
        "en": "Each application's value against its cost; the optimum's and the actual "
              "decision's choices marked.",
        "fi": "Kunkin hakemuksen arvo sen kustannuksia vasten; optimaalisen jaon ja "
              "toteutuneen päätöksen valinnat merkitty.",
        "example": {}},
    "report.brief.vfm_caption": {
        "en": "Value for money: why the optimum favours what it favours.",
        "fi": "Vastine rahalle: miksi optimaalinen jako suosii sitä mitä suosii.",
        "example": {}},
    # --- robust portfolios (issue 23): the section and its sheets
    "report.portfolios.title": {
        "en": "Robust portfolios when the weights are not agreed",
        "fi": "Ei-dominoidut hankesalkut, kun painoista ei ole sovittu",
        "example": {}},
    "report.portfolios.intro": {
        "en": "Exact weights for the criteria are seldom agreed; statements about them often "
              "are. Here only the statements below are assumed. A portfolio (a set of funded "
              "applications that keeps every rule of the scenario) is non-dominated when no "
              "other such portfolio is worth at least as much for every weight the statements "
              "allow and every score within its interval, and more for some. An application's "
              "core index is the share of the non-dominated portfolios that fund it: core "
              "applications are in all of them, exterior ones in none, borderline ones in "
              "some.",
        "fi": "Arviointikriteerien tarkoista painoista sovitaan harvoin, painolausumista "
              "useammin. Tässä oletetaan vain alla olevat lausumat. Hankesalkku (rahoitettujen "
              "hakemusten joukko, joka noudattaa kaikkia skenaarion sääntöjä) on "
              "ei-dominoitu, kun mikään toinen tällainen salkku ei ole kaikilla lausumien "
              "sallimilla painoilla ja kaikilla vaihteluvälin pisteillä vähintään yhtä "
              "arvokas ja joillakin arvokkaampi. Hakemuksen ydinindeksi on niiden "
              "ei-dominoitujen salkkujen osuus, jotka rahoittavat sen: ydinhankkeet ovat "
              "kaikissa, ulkopuoliset ei yhdessäkään, rajatapaukset joissakin.",
        "example": {}},
    "report.portfolios.proxy": {
        "en": "The values are proxy scores computed from data, not evaluations of the "
              "applications' quality: the portfolios are as robust as the proxies, no more.",
        "fi": "Arvot ovat aineistosta laskettuja korvaavia pistemääriä, eivät hakemusten "
              "laadun arvioita: salkut ovat yhtä luotettavia kuin korvaavat pistemäärät, eivät "
              "enempää.",
        "example": {}},
    "report.portfolios.statements_head": {
        "en": "Weight statements", "fi": "Painolausumat", "example": {}},
    "report.portfolios.no_statements": {
        "en": "No statement about the weights: any weights that sum to 1.",
        "fi": "Painoista ei ole lausumia: mitkä tahansa painot, joiden summa on 1.",
        "example": {}},
    "report.portfolios.range": {
        "en": "{name}: from {lo:num2} to {hi:num2}", "fi": "{name}: {lo:num2}–{hi:num2}",
        "example": {"name": "laajuus", "lo": 0.33, "hi": 1.0}},
    "report.portfolios.complete": {
        "en": "{n} non-dominated portfolio(s); the list is complete ({how}).",
        "fi": "{n} ei-dominoitua hankesalkkua; luettelo on täydellinen ({how}).",
        "example": {"n": 21, "how": "dynaaminen ohjelmointi"}},
    "report.portfolios.incomplete": {
        "en": "{n} non-dominated portfolios listed, but the list may not hold them all: "
              "{why}. A statement such as '{narrowing}' would narrow the set. The core, "
              "borderline and exterior lists below count only the portfolios listed, so they "
              "are indicative.",
        "fi": "{n} ei-dominoitua hankesalkkua luetellaan, mutta luettelossa ei välttämättä "
              "ole kaikkia: {why}. Esimerkiksi lausuma '{narrowing}' rajaisi joukkoa. Alla "
              "olevat ydin-, rajatapaus- ja ulkopuolisten luettelot lasketaan vain "
              "luetelluista salkuista, joten ne ovat suuntaa antavia.",
        "example": {"n": 348, "why": "niitä on yli 2000", "narrowing": "laajuus >= 0,67"}},
    "report.portfolios.core_head": {
        "en": "Core (in every non-dominated portfolio)", "fi": "Ydin (jokaisessa "
        "ei-dominoidussa salkussa)", "example": {}},
    "report.portfolios.borderline_head": {
        "en": "Borderline (in some)", "fi": "Rajatapaus (joissakin)", "example": {}},
    "report.portfolios.exterior_head": {
        "en": "Exterior (in none)", "fi": "Ulkopuolinen (ei yhdessäkään)", "example": {}},
    "report.portfolios.decided": {
        "en": "{statement} → {makes}", "fi": "{statement} → {makes}",
        "example": {"statement": "laajuus >= 0,67", "makes": "ydin"}},
    "report.portfolios.undecided": {
        "en": "no single statement tried decides it", "fi": "mikään kokeiltu yksittäinen "
        "lausuma ei ratkaise sitä", "example": {}},
    "report.portfolios.deciders_note": {
        "en": "The table's last column gives, for each borderline application, a statement "
              "that, added to the others, would put it in every non-dominated portfolio "
              "(core) or in none (exterior), where one of the statements tried does.",
        "fi": "Taulukon viimeinen sarake kertoo kunkin rajatapauksen kohdalla lausuman, joka "
              "muiden lisäksi toisi sen jokaiseen ei-dominoituun salkkuun (ydin) tai ei "
              "yhteenkään (ulkopuolinen), jos jokin kokeilluista lausumista tekee niin.",
        "example": {}},
    "report.portfolios.no_deciders": {
        "en": "The statements that would decide the borderline applications were not sought: "
              "the list of portfolios is incomplete.",
        "fi": "Rajatapaukset ratkaisevia lausumia ei haettu, koska salkkujen luettelo on "
              "vaillinainen.",
        "example": {}},
    "report.portfolios.actual_head": {
        "en": "The actual decision", "fi": "Toteutunut päätös", "example": {}},
    "report.portfolios.dominating": {
        "en": "The portfolio that dominates it funds {n} application(s) and costs {eur:eur}.",
        "fi": "Sitä dominoiva salkku rahoittaa {n} hakemusta ja maksaa {eur:eur}.",
        "example": {"n": 48, "eur": 12_450_000}},
    "report.portfolios.versus_head": {
        "en": "Core index and sampled acceptability side by side",
        "fi": "Ydinindeksi ja arvottu hyväksyttävyysindeksi rinnakkain", "example": {}},
    "report.portfolios.versus": {
        "en": "The core index is exact: it says whether an application is in the best "
              "portfolio for every weight the statements allow (1), for none (0) or for some; "
              "the sampled acceptability says how often it is in the optimum of {samples} "
              "weightings drawn at random within the same statements and score intervals "
              "(seed {seed}), so it ranks the borderline ones but may miss a rare portfolio.",
        "fi": "Ydinindeksi on tarkka: se kertoo, kuuluuko hakemus parhaaseen salkkuun "
              "kaikilla lausumien sallimilla painoilla (1), ei millään (0) vai joillakin; "
              "arvottu hyväksyttävyysindeksi kertoo, kuinka usein hakemus on optimissa, kun "
              "painot arvotaan {samples} kertaa samojen lausumien ja pisteiden vaihteluvälien "
              "rajoissa (siemenluku {seed}), joten se järjestää rajatapaukset mutta voi ohittaa "
              "harvinaisen salkun.",
        "example": {"samples": 500, "seed": 2020}},
    "report.portfolios.no_draws": {
        "en": "The core index is exact: it says whether an application is in the best "
              "portfolio for every weight the statements allow (1), for none (0) or for some. "
              "No weights were drawn here, so the sampled acceptability is not shown beside "
              "it.",
        "fi": "Ydinindeksi on tarkka: se kertoo, kuuluuko hakemus parhaaseen salkkuun "
              "kaikilla lausumien sallimilla painoilla (1), ei millään (0) vai joillakin. "
              "Painoja ei arvottu, joten arvottua hyväksyttävyysindeksiä ei näytetä sen "
              "rinnalla.",
        "example": {}},
    "report.portfolios.head.index": {"en": "core index", "fi": "ydinindeksi", "example": {}},
    "report.portfolios.head.sampled": {
        "en": "sampled acceptability", "fi": "arvottu hyväksyttävyys", "example": {}},
    "report.portfolios.head.decided": {
        "en": "deciding statement", "fi": "ratkaiseva lausuma", "example": {}},
    "report.portfolios.list_head": {
        "en": "The first {n} non-dominated portfolios (every one in the workbook)",
        "fi": "Ensimmäiset {n} ei-dominoitua salkkua (kaikki työkirjassa)",
        "example": {"n": 5}},
    "report.portfolios.head.portfolio": {"en": "portfolio", "fi": "salkku", "example": {}},
    "report.portfolios.head.projects": {"en": "projects", "fi": "hankkeita", "example": {}},
    "report.portfolios.head.cost": {"en": "cost", "fi": "kustannus", "example": {}},
    "report.portfolios.head.difference": {
        "en": "difference from portfolio 1", "fi": "ero salkkuun 1", "example": {}},
    "report.portfolios.figure_alt": {
        "en": "Core index and sampled acceptability per application",
        "fi": "Ydinindeksi ja arvottu hyväksyttävyysindeksi hakemuksittain",
        "example": {}},
    "report.portfolios.figure_caption": {
        "en": "Bars: the core index (share of the non-dominated portfolios that fund the "
              "application); dots: the sampled acceptability within the same statements.",
        "fi": "Palkit: ydinindeksi (niiden ei-dominoitujen salkkujen osuus, jotka rahoittavat "
              "hakemuksen); pisteet: arvottu hyväksyttävyysindeksi samojen lausumien rajoissa.",
        "example": {}},
    "report.sheet.core_sheet": {"en": "core index", "fi": "ydinindeksi", "example": {}},
    "report.sheet.portfolios_sheet": {
        "en": "non-dominated portfolios", "fi": "ei-dominoidut salkut", "example": {}},
    "report.sheet.core_index": {"en": "core index", "fi": "ydinindeksi", "example": {}},
    "report.sheet.portfolios_with": {
        "en": "non-dominated portfolios funding it",
        "fi": "sen rahoittavat ei-dominoidut salkut", "example": {}},
    "report.sheet.portfolios_count": {
        "en": "non-dominated portfolios", "fi": "ei-dominoituja salkkuja", "example": {}},
    "report.sheet.list_complete": {
        "en": "list complete", "fi": "luettelo täydellinen", "example": {}},
    "report.sheet.sampled_acceptability": {
        "en": "sampled acceptability", "fi": "arvottu hyväksyttävyys", "example": {}},
    "report.sheet.decided_by": {
        "en": "deciding statement", "fi": "ratkaiseva lausuma", "example": {}},
    "report.sheet.proxy_scores": {
        "en": "proxy scores", "fi": "korvaavat pistemäärät", "example": {}},
    "report.sheet.evaluated_scores": {
        "en": "evaluators' scores", "fi": "arvioijien pisteet", "example": {}},
    "report.sheet.portfolio": {"en": "portfolio", "fi": "salkku", "example": {}},
    "report.sheet.projects_count": {"en": "projects", "fi": "hankkeita", "example": {}},
    "report.sheet.cost_eur": {"en": "cost", "fi": "kustannus", "example": {}},
    "report.sheet.ids": {"en": "applications", "fi": "hakemukset", "example": {}},
    "report.sheet.statement": {"en": "weight statement", "fi": "painolausuma", "example": {}},
    "report.sheet.weight_range": {
        "en": "range of the weight {name}", "fi": "painon {name} vaihteluväli",
        "example": {"name": "laajuus"}},
    "report.sheet.weight_group": {
        "en": "group {name}", "fi": "ryhmä {name}", "example": {"name": "laajuus"}},
    "report.sheet.score_interval": {
        "en": "score interval (±)", "fi": "pisteiden vaihteluväli (±)", "example": {}},
    "report.sheet.actual_nondominated": {
        "en": "actual decision non-dominated", "fi": "toteutunut päätös ei-dominoitu",
        "example": {}},
    "report.sheet.dominated_adding": {
        "en": "dominating portfolio adds", "fi": "dominoiva salkku lisää", "example": {}},
    "report.sheet.dominated_removing": {
        "en": "dominating portfolio removes", "fi": "dominoiva salkku poistaa", "example": {}},
    "report.sheet.least_margin": {
        "en": "worst-case margin at the extreme weights, least",
        "fi": "huonoimman tapauksen ero painojen ääripisteissä, pienin", "example": {}},
    "report.sheet.most_margin": {
        "en": "worst-case margin at the extreme weights, most",
        "fi": "huonoimman tapauksen ero painojen ääripisteissä, suurin", "example": {}},
}
