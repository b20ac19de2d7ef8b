"""Everything the tool says in words, in English and Finnish.

The report, the workbook and the command line take their labels and sentences from here,
so that a word means the same wherever it appears and the Finnish is the decision's own
(the vocabulary of the 2020 decision: määräraha, hakemus, hankehallinnoija, maakunta,
toteutunut päätös ...). Names of municipalities and projects are data and stay as written.

`Words(lang)` gives labels (`w["rules"]`), counts (`w.count(3, "project")`: "3 projects",
"3 hanketta"), and the numbers of the language (`w.eur`, `w.pct`, `w.num`, `w.score`,
`w.value`, `w.date`). The sentences that state a value are functions of their own below;
the sentences that explain an application are in vocabulary/catalog/explain.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from optimizer.vocabulary.numbers import euros, fmt_value, number, score, share, signed_euros

LANGUAGES = ("fi", "en")

# Nouns with their singular and plural (Finnish: the partitive after a number).
COUNTS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "project": {"en": ("project", "projects"), "fi": ("hanke", "hanketta")},
    "region": {"en": ("region", "regions"), "fi": ("maakunta", "maakuntaa")},
    "application": {"en": ("application", "applications"), "fi": ("hakemus", "hakemusta")},
    "change": {"en": ("change", "changes"), "fi": ("muutos", "muutosta")},
    "addition": {"en": ("addition", "additions"), "fi": ("lisäys", "lisäystä")},
    "removal": {"en": ("removal", "removals"), "fi": ("poisto", "poistoa")},
    "draw": {"en": ("draw", "draws"), "fi": ("arvonta", "arvontaa")},
    "rule": {"en": ("rule", "rules"), "fi": ("sääntö", "sääntöä")},
    "portfolio": {"en": ("distinct optimal portfolio", "distinct optimal portfolios"),
                  "fi": ("erilainen optimaalinen jako", "erilaista optimaalista jakoa")},
    "scenario": {"en": ("scenario", "scenarios"), "fi": ("skenaario", "skenaariota")},
    "other": {"en": ("other", "others"), "fi": ("muu", "muuta")},
    "funded_project": {"en": ("funded project", "funded projects"),
                       "fi": ("rahoitettu hanke", "rahoitettua hanketta")},
    "award": {"en": ("award", "awards"), "fi": ("avustus", "avustusta")},
    "party": {"en": ("party", "parties"), "fi": ("osapuoli", "osapuolta")},
    "distinct_party": {"en": ("distinct party", "distinct parties"),
                       "fi": ("osapuoli", "osapuolta")},
    "problem": {"en": ("problem", "problems"), "fi": ("ongelma", "ongelmaa")},
    # --- the diagnosis of infeasible scenarios (model.diagnose) ---
    "covered_region": {"en": ("covered region", "covered regions"),
                       "fi": ("katettu maakunta", "katettua maakuntaa")},
    "fundable_application": {"en": ("fundable application", "fundable applications"),
                             "fi": ("avustuskelpoinen hakemus", "avustuskelpoista hakemusta")},
}

# The singular as the total object of a verb, which Finnish puts in the accusative ("toisi
# mukaan 1 hankkeen"); a plural object after a number stays partitive ("2 hanketta").
ACCUSATIVE_FI: Mapping[str, str] = {
    "project": "hankkeen", "region": "maakunnan", "application": "hakemuksen",
    "change": "muutoksen", "addition": "lisäyksen", "removal": "poiston", "draw": "arvonnan",
    "rule": "säännön", "portfolio": "erilaisen optimaalisen jaon", "scenario": "skenaarion",
    "other": "muun", "funded_project": "rahoitetun hankkeen", "award": "avustuksen",
    "party": "osapuolen", "distinct_party": "osapuolen", "problem": "ongelman",
    # --- the diagnosis of infeasible scenarios (model.diagnose) ---
    "covered_region": "katetun maakunnan", "fundable_application": "avustuskelpoisen hakemuksen",
}

LABELS: Mapping[str, Mapping[str, str]] = {
    # the page and its sections
    "report": {"en": "grantopt report", "fi": "grantopt-raportti"},
    "scores_title": {"en": "Where the scores come from", "fi": "Mistä pisteet tulevat"},
    "summary": {"en": "In short", "fi": "Lyhyesti"},
    "contents": {"en": "Contents", "fi": "Sisältö"},
    "rules": {"en": "Rules of the scenario", "fi": "Skenaarion säännöt"},
    "allocation": {"en": "Optimal allocation", "fi": "Optimaalinen jako"},
    "regions": {"en": "Regions", "fi": "Maakunnat"},
    "comparison": {"en": "The actual decision against the optimum",
                   "fi": "Toteutunut päätös ja optimaalinen jako"},
    "frontier": {"en": "What more money buys", "fi": "Mitä lisämiljoona tuo"},
    "coverage": {"en": "What regional coverage costs", "fi": "Mitä alueellinen kattavuus maksaa"},
    "robustness": {"en": "Robustness to the weights", "fi": "Herkkyys painoille"},
    "record": {"en": "On record", "fi": "Tallenne laskelmasta"},
    "files": {"en": "Files of this report", "fi": "Raportin tiedostot"},
    "side_by_side": {"en": "Scenarios side by side", "fi": "Skenaariot rinnakkain"},
    "differences": {"en": "Differences from scenario A", "fi": "Erot skenaarioon A"},
    # table headers
    "id": {"en": "id", "fi": "tunnus"},
    "project": {"en": "project", "fi": "hanke"},
    "lead": {"en": "lead applicant", "fi": "hankehallinnoija"},
    "region": {"en": "region", "fi": "maakunta"},
    "score": {"en": "score", "fi": "pisteet"},
    "award": {"en": "award", "fi": "myönnetty avustus"},
    "actual": {"en": "actual decision", "fi": "toteutunut päätös"},
    "optimum": {"en": "optimum", "fi": "optimaalinen jako"},
    "value": {"en": "value", "fi": "kokonaisarvo"},
    "projects": {"en": "projects", "fi": "hankkeita"},
    "spent": {"en": "spent", "fi": "käytetty"},
    "left": {"en": "left", "fi": "jäljellä"},
    "appropriation": {"en": "appropriation", "fi": "määräraha"},
    "requested": {"en": "requested", "fi": "haettu avustusmäärä"},
    "share": {"en": "share of the appropriation", "fi": "osuus määrärahasta"},
    "per_resident": {"en": "€ per resident", "fi": "€ asukasta kohden"},
    "population": {"en": "residents", "fi": "asukkaita"},
    "change": {"en": "change", "fi": "muutos"},
    "efficiency": {"en": "efficiency", "fi": "tehokkuus"},
    "objective": {"en": "objective", "fi": "tavoitefunktio"},
    "fewest_changes": {"en": "fewest changes", "fi": "vähimmät muutokset"},
    "additions": {"en": "additions", "fi": "lisäykset"},
    "removals": {"en": "removals", "fi": "poistot"},
    "status": {"en": "status", "fi": "tila"},
    "reason": {"en": "why not fundable", "fi": "miksi ei avustuskelpoinen"},
    "rule": {"en": "rule", "fi": "sääntö"},
    "in_scenario": {"en": "in this scenario", "fi": "tässä skenaariossa"},
    "key": {"en": "key", "fi": "avain"},
    "from": {"en": "from", "fi": "lähde"},
    "input_file": {"en": "input file", "fi": "syötetiedosto"},
    "bytes": {"en": "bytes", "fi": "tavua"},
    "scenario": {"en": "scenario", "fi": "skenaario"},
    "enters": {"en": "enters", "fi": "tulee mukaan"},
    "leaves": {"en": "leaves", "fi": "jää pois"},
    "before": {"en": "before", "fi": "ennen"},
    "after": {"en": "after", "fi": "jälkeen"},
    "acceptability": {"en": "acceptability", "fi": "hyväksyttävyysindeksi"},
    "class": {"en": "class", "fi": "luokka"},
    "total": {"en": "total", "fi": "yhteensä"},
    "indicator": {"en": "indicator", "fi": "mittari"},
    "criterion": {"en": "criterion", "fi": "arviointikriteeri"},
    "definition": {"en": "definition", "fi": "määritelmä"},
    "question": {"en": "question", "fi": "kysymys"},
    "weight": {"en": "weight", "fi": "paino"},
    "in_out": {"en": "projects in (+) and out (−)", "fi": "mukaan (+) ja pois (−)"},
    "this_million": {"en": "this million adds", "fi": "tämä miljoona tuo"},
    "optimal_value": {"en": "optimal value", "fi": "optimaalinen kokonaisarvo"},
    "at_least_k": {"en": "at least k regions", "fi": "vähintään k maakuntaa"},
    "covered": {"en": "regions covered", "fi": "katetut maakunnat"},
    "value_lost": {"en": "value lost", "fi": "menetetty arvo"},
    "both": {"en": "funded in both", "fi": "molemmissa"},
    "only_actual": {"en": "only in the actual decision", "fi": "vain toteutuneessa päätöksessä"},
    "only_optimal": {"en": "only in the optimum", "fi": "vain optimaalisessa jaossa"},
    "core": {"en": "core", "fi": "ydin"},
    "borderline": {"en": "borderline", "fi": "rajatapaus"},
    "exterior": {"en": "exterior", "fi": "ulkopuolinen"},
    "funded": {"en": "funded", "fi": "rahoitetaan"},
    "not_funded": {"en": "not funded", "fi": "ei rahoiteta"},
    "not_fundable": {"en": "not fundable", "fi": "ei avustuskelpoinen"},
    "actually_funded": {"en": "actually funded", "fi": "rahoitettu toteutuneessa päätöksessä"},
    "none": {"en": "none", "fi": "ei yhtään"},
    "nothing": {"en": "nothing", "fi": "ei mitään"},
    "yes": {"en": "yes", "fi": "kyllä"},
    "no": {"en": "no", "fi": "ei"},
    "infeasible": {"en": "infeasible", "fi": "ratkaisua ei ole"},
    "optimal": {"en": "optimal", "fi": "optimaalinen"},
    "feasible": {"en": "feasible, not proven optimal",
                 "fi": "kelvollinen, optimaalisuutta ei todistettu"},
    # the command line's short column headers, and the statuses its tables show
    "lead_short": {"en": "lead", "fi": "hankehallinnoija"},
    "award_short": {"en": "award", "fi": "avustus"},
    "actual_short": {"en": "actual", "fi": "toteutunut"},
    "funded_both": {"en": "both", "fi": "molemmissa"},
    "funded_only_actual": {"en": "only actual", "fi": "vain toteutunut"},
    "funded_only_optimal": {"en": "only optimal", "fi": "vain optimaalinen"},
    "status_optimal": {"en": "optimal", "fi": "optimaalinen"},
    "status_feasible": {"en": "feasible", "fi": "kelvollinen, optimaalisuutta ei todistettu"},
    "status_in": {"en": "in", "fi": "mukana"},
    "status_out": {"en": "out", "fi": "ei mukana"},
    "status_excluded": {"en": "excluded", "fi": "ei avustuskelpoinen"},
    "closest_weights": {"en": "closest weights", "fi": "lähimmät painot"},
    "scenario_weights": {"en": "scenario weights", "fi": "skenaarion painot"},
    # figures
    "fig_value_score": {"en": "Portfolio value (sum of project scores)",
                        "fi": "Kokonaisarvo (hankkeiden pisteiden summa)"},
    "fig_value_euros": {"en": "Portfolio value (Σ score × award, M€)",
                        "fi": "Kokonaisarvo (Σ pisteet × avustus, milj. €)"},
    "fig_optimal": {"en": "Optimal portfolio", "fi": "Optimaalinen jako"},
    "fig_by_score": {"en": "Greedy: down the list by score",
                     "fi": "Nyrkkisääntö: pisteiden mukaan"},
    "fig_by_ratio": {"en": "Greedy: down the list by score per euro",
                     "fi": "Nyrkkisääntö: pisteet euroa kohden"},
    "fig_breaks": {"en": "breaks a rule", "fi": "rikkoo sääntöä"},
    "fig_actual": {"en": "Actual decision ({n} projects)",
                   "fi": "Toteutunut päätös ({n} hanketta)"},
    "fig_appropriation": {"en": "Appropriation {m} M€", "fi": "Määräraha {m} milj. €"},
    "fig_appropriation_axis": {"en": "Appropriation (M€)", "fi": "Määräraha (milj. €)"},
    "fig_frontier_title": {"en": "What each appropriation buys", "fi": "Mitä kukin määräraha tuo"},
    "fig_frontier_how_dp": {"en": "optimum by knapsack DP, exact; greedy skips awards that "
                                  "do not fit",
                            "fi": "optimi reppuongelman dynaamisella ohjelmalla; "
                                  "nyrkkisääntö ohittaa avustukset, jotka eivät mahdu"},
    "fig_frontier_how_ip": {"en": "optimum by integer program ({solver}); greedy skips "
                                  "awards that do not fit",
                            "fi": "optimi kokonaislukuohjelmalla ({solver}); nyrkkisääntö "
                                  "ohittaa avustukset, jotka eivät mahdu"},
    "fig_under_rule": {"en": "Optimal value under the rule",
                       "fi": "Optimaalinen kokonaisarvo säännön kanssa"},
    "fig_no_portfolio": {"en": "{k}+ regions: no feasible portfolio",
                         "fi": "{k}+ maakuntaa: ratkaisua ei ole"},
    "fig_coverage_axis": {"en": "Regions that must be covered, at least ({basis} basis; "
                                "{n} have applicants)",
                          "fi": "Katettavat maakunnat vähintään ({basis}; hakijoita "
                                "{n} maakunnassa)"},
    "fig_coverage_title": {"en": "What regional coverage costs at {m} M€",
                           "fi": "Mitä alueellinen kattavuus maksaa, {m} milj. €"},
    "fig_coverage_sub": {"en": "numbers above points: regions the optimal portfolio "
                               "actually covers",
                         "fi": "luvut pisteiden yllä: optimaalisen jaon kattamat maakunnat"},
    "basis_lead": {"en": "lead", "fi": "hankehallinnoijan mukaan"},
    "basis_participants": {"en": "participants", "fi": "osallistujien mukaan"},
    "fig_same": {"en": "The optimum funds exactly what was actually funded",
                 "fi": "Optimaalinen jako rahoittaa täsmälleen samat hankkeet"},
    "fig_added": {"en": "added by the optimum", "fi": "optimi lisää"},
    "fig_dropped": {"en": "dropped by the optimum", "fi": "optimi poistaa"},
    "fig_change_axis": {"en": "Change in award, optimum minus actual decision (M€)",
                        "fi": "Avustuksen muutos, optimi miinus toteutunut päätös (milj. €)"},
    "fig_application_axis": {"en": "Application (id, lead applicant)",
                             "fi": "Hakemus (tunnus, hankehallinnoija)"},
    "fig_comparison_title": {"en": "What the optimum adds and drops compared with the "
                                   "actual decision",
                             "fi": "Mitä optimaalinen jako lisää ja poistaa toteutuneeseen "
                                   "päätökseen verrattuna"},
    "fig_no_population": {"en": "No region with a known population",
                          "fi": "Ei maakuntaa, jonka asukasluku tunnetaan"},
    "fig_regions_axis": {"en": "Awards led from the region (€ per resident)",
                         "fi": "Maakunnasta hallinnoidut avustukset (€ asukasta kohden)"},
    "fig_region_axis": {"en": "Region of the lead applicant",
                        "fi": "Hankehallinnoijan maakunta"},
    "fig_regions_title": {"en": "Funds per region, optimum vs actual decision",
                          "fi": "Avustukset maakunnittain: optimi ja toteutunut päätös"},
    "fig_funded_actual": {"en": "funded in the actual decision",
                          "fi": "rahoitettu toteutuneessa päätöksessä"},
    "fig_not_funded_actual": {"en": "not funded in the actual decision",
                              "fi": "ei rahoitettu toteutuneessa päätöksessä"},
    "fig_application": {"en": "application", "fi": "hakemus"},
    "fig_core": {"en": "core ≥ {x}", "fi": "ydin ≥ {x}"},
    "fig_exterior": {"en": "exterior ≤ {x}", "fi": "ulkopuolinen ≤ {x}"},
    "fig_acceptability_axis": {"en": "Acceptability index (share of draws in which the "
                                     "application is funded)",
                               "fi": "Hyväksyttävyysindeksi (arvontojen osuus, joissa "
                                     "hakemus rahoitetaan)"},
    "fig_robustness_title": {"en": "Robustness of each award to the weights",
                             "fi": "Avustusten herkkyys painoille"},
    "fig_robustness_sub": {"en": "{n} draws ({how}), seed {seed}, budget {m} M€",
                           "fi": "{n} arvontaa ({how}), siemenluku {seed}, määräraha "
                                 "{m} milj. €"},
    # objectives
    "objective_score": {"en": "the sum of project scores", "fi": "hankkeiden pisteiden summa"},
    "objective_score_euros": {"en": "the sum of score × euros",
                              "fi": "pisteiden ja eurojen tulojen summa"},
    "this_scenario": {"en": "this scenario", "fi": "tämä skenaario"},
    # the proxy warning
    "proxy_label": {
        "en": "proxy score computed from data — not an evaluation of the applications' quality",
        "fi": "aineistosta laskettu korvaava pistemäärä (välillinen mittari) — ei arvio "
              "hakemusten laadusta"},
    "proxy_note": {
        "en": "Scores are proxy indicators computed from data, not an evaluation of quality.",
        "fi": "Pisteet ovat aineistosta laskettuja korvaavia pistemääriä (välillinen mittari), "
              "eivät arvio hakemusten laadusta."},
    # --- explain: the table and the lines of `grantopt explain` ---------------------------
    "explain_why": {"en": "Why:", "fi": "Miksi:"},
    "explain_binding": {"en": "binding", "fi": "sitova sääntö"},
    # --- end of explain ---------------------------------------------------------------------
}


class Words:
    """The labels and number formats of one language."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return LABELS[key][self.lang]

    def __call__(self, key: str, **values: object) -> str:
        """A label with its {placeholders} filled in."""
        return LABELS[key][self.lang].format(**values)

    def count(self, n: int, noun: str, as_object: bool = False) -> str:
        """'3 projects'; `as_object`: the count is the total object of a verb ('would bring
        in 1 project': 'toisi mukaan 1 hankkeen')."""
        one, many = COUNTS[noun][self.lang]
        if as_object and self.lang == "fi":
            one = ACCUSATIVE_FI[noun]
        return f"{n} {one if n == 1 else many}"

    def eur(self, value: float) -> str:
        return euros(value, self.lang)

    def signed_eur(self, value: float) -> str:
        return signed_euros(value, self.lang)

    def pct(self, value: float | None, digits: int = 1) -> str:
        return share(value, digits, self.lang)

    def num(self, value: float, digits: int = 0) -> str:
        return number(value, digits, self.lang)

    def score(self, value: float | None) -> str:
        return score(value, self.lang)

    def value(self, value: float | None, objective: str) -> str:
        return fmt_value(value, objective, self.lang)

    def objective(self, kind: str) -> str:
        return self[f"objective_{kind}"]

    def date(self, day: dt.date) -> str:
        """9.12.2020 (fi) or 9 December 2020 (en)."""
        if self.lang == "fi":
            return f"{day.day}.{day.month}.{day.year}"
        return f"{day.day} {day.strftime('%B')} {day.year}"


# --- sentences that state what a value is ---------------------------------------------


def value_model(objective: str, partial_value: str, lang: str = "en") -> str:
    """One sentence: what a funded project contributes to the value."""
    if lang == "fi":
        what = ("pisteensä" if objective == "score"
                else "pisteensä kerrottuna tarvitsemillaan euroilla")
        counted = ("täysimääräisesti aina, kun se saa avustusta, myös katon tai osittaisen "
                   "avustuksen jälkeen" if partial_value == "whole"
                   else "kerrottuna sillä osuudella tarpeestaan (haettu avustusmäärä tai "
                        "tukiosuuden raja, jos se on pienempi), jonka avustus kattaa")
        return f"Rahoitettu hanke tuo kokonaisarvoon {what} {counted}."
    what = "its score" if objective == "score" else "its score × the euros it needs"
    counted = ("counted fully whenever it is funded, even by a capped or partial award"
               if partial_value == "whole"
               else "times the share of its need (its request, or the cost-share limit "
                    "where lower) that the award covers")
    return f"A funded project contributes {what}, {counted}."


def objective_sentence(objective: str, partial_value: str, lang: str = "en") -> str:
    """The objective and what it favours, then the value model, in plain words."""
    if lang == "fi":
        favours = ("se laskee jokaisen hankkeen pisteet sen koosta riippumatta, joten se "
                   "suosii useita pienempiä hankkeita" if objective == "score"
                   else "se laskee hankkeen pisteet kerrottuna sen euroilla, joten se suosii "
                        "suuria hankkeita, joilla on hyvät pisteet")
        return (f"Kokonaisarvo = {LABELS['objective_' + objective]['fi']}: {favours}. "
                + value_model(objective, partial_value, "fi"))
    favours = ("it counts each project's score whatever its size, so it favours many smaller "
               "projects" if objective == "score"
               else "it counts each project's score times its euros, so it favours large "
                    "projects with good scores")
    return (f"Value = {LABELS['objective_' + objective]['en']}: {favours}. "
            + value_model(objective, partial_value, "en"))
