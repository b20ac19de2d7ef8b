"""The page's own words, in English and Finnish (the decision's words: GLOSSARY-fi).

Words the whole tool shares (table headers, statuses) come from optimizer.vocabulary; this table
holds only what the app alone says (buttons, control names). `labels(lang)` is what the
page's script receives.
"""

from __future__ import annotations

from collections.abc import Mapping

from optimizer.vocabulary.words import LABELS, Words

# Labels of optimizer.vocabulary.words the page uses as they are.
SHARED = ("id", "project", "lead", "region", "score", "award", "actual", "value", "projects",
          "spent", "left", "appropriation", "efficiency", "fewest_changes", "objective",
          "enters", "leaves", "change", "regions", "allocation", "acceptability", "class",
          "core", "borderline", "exterior", "weight", "criterion", "status_in", "status_out",
          "status_excluded", "infeasible", "funded", "not_funded", "closest_weights",
          "per_resident", "share", "total")

APP: Mapping[str, Mapping[str, str]] = {
    "title": {"en": "grantopt: what if", "fi": "grantopt: entä jos"},
    "scenario": {"en": "Scenario", "fi": "Skenaario"},
    "reset": {"en": "Back to the file", "fi": "Palauta tiedoston arvot"},
    "language": {"en": "Suomeksi", "fi": "In English"},
    "budget": {"en": "Appropriation", "fi": "Määräraha"},
    "exact": {"en": "exact euros", "fi": "tarkka euromäärä"},
    "funding": {"en": "Funding", "fi": "Rahoitus"},
    "mode": {"en": "awards", "fi": "avustukset"},
    "mode_full": {"en": "full awards only", "fi": "vain täysi avustus"},
    "mode_partial": {"en": "partial awards too", "fi": "myös osittainen avustus"},
    "min_share": {"en": "partial: at least this share of the maximum",
                  "fi": "osittainen: vähintään tämä osuus enimmäismäärästä"},
    "max_per_project": {"en": "cap per project (€, empty: none)",
                        "fi": "hankekohtainen enimmäismäärä (€, tyhjä: ei rajaa)"},
    "objective_kind": {"en": "what is maximised", "fi": "mitä maksimoidaan"},
    "kind_score": {"en": "sum of project scores", "fi": "hankkeiden pisteiden summa"},
    "kind_score_euros": {"en": "sum of score × euros", "fi": "pisteiden ja eurojen tulojen summa"},
    "partial_value": {"en": "a capped or partial award counts",
                      "fi": "rajattu tai osittainen avustus lasketaan"},
    "pv_proportional": {"en": "in proportion to its need", "fi": "suhteessa tarpeeseen"},
    "pv_whole": {"en": "whole", "fi": "täysimääräisenä"},
    "weights": {"en": "Weights", "fi": "Painokertoimet"},
    "given": {"en": "given", "fi": "annettu"},
    "normalised": {"en": "normalised", "fi": "normitettu"},
    "group": {"en": "criterion group", "fi": "kriteeriryhmä"},
    "coverage": {"en": "Regions and target areas", "fi": "Maakunnat ja avustuksen kohteet"},
    "region_basis": {"en": "a project covers", "fi": "hanke kattaa"},
    "basis_lead": {"en": "its lead's region", "fi": "hankehallinnoijan maakunnan"},
    "basis_participants": {"en": "every participant's region",
                           "fi": "kaikkien osallistujien maakunnat"},
    "min_projects_per_region": {"en": "projects in every region with applicants, at least",
                                "fi": "hankkeita jokaisessa hakijamaakunnassa vähintään"},
    "min_regions": {"en": "regions covered, at least", "fi": "katettuja maakuntia vähintään"},
    "max_region_share": {"en": "share of the appropriation led from one region, at most "
                               "(empty: none)",
                         "fi": "yhdestä maakunnasta hallinnoitujen osuus määrärahasta "
                               "enintään (tyhjä: ei rajaa)"},
    "min_projects_per_target_area": {"en": "projects in every target area, at least",
                                     "fi": "hankkeita jokaisessa avustuksen kohteessa "
                                           "vähintään"},
    "max_awards_per_lead": {"en": "awards per lead applicant, at most (empty: none)",
                            "fi": "avustuksia hankehallinnoijaa kohden enintään "
                                  "(tyhjä: ei rajaa)"},
    "eligibility": {"en": "Eligibility", "fi": "Avustuskelpoisuus"},
    "joint_rule": {"en": "only joint projects of several municipalities",
                   "fi": "vain useamman kunnan yhteishankkeet"},
    "exclusions": {"en": "the call's scope exclusions",
                   "fi": "haun rajaukset (ei sote, rakennettu ympäristö, arkistointi)"},
    "locks": {"en": "locked", "fi": "lukittu"},
    "lock_in": {"en": "fund it", "fi": "rahoita"},
    "lock_out": {"en": "leave it out", "fi": "jätä pois"},
    "lock_free": {"en": "free", "fi": "vapaa"},
    "locked_in": {"en": "locked in", "fi": "lukittu mukaan"},
    "locked_out": {"en": "locked out", "fi": "lukittu pois"},
    "result": {"en": "Optimal portfolio", "fi": "Optimaalinen jako"},
    "others": {"en": "Not in the optimal portfolio", "fi": "Optimaalisen jaon ulkopuolella"},
    "click_hint": {"en": "Click an application: why it is in or out, and lock it.",
                   "fi": "Napsauta hakemusta: miksi se on mukana tai ei, ja lukitse se."},
    "actual_efficiency": {"en": "efficiency of the actual decision",
                          "fi": "toteutuneen päätöksen tehokkuus"},
    "diagnosis": {"en": "No portfolio meets every rule", "fi": "Ratkaisua ei ole: säännöt "
                  "ovat ristiriidassa"},
    "last_change": {"en": "What your last change moved", "fi": "Mitä viimeisin muutos siirsi"},
    "nothing_moved": {"en": "nothing moved", "fi": "mikään ei muuttunut"},
    "why": {"en": "Why?", "fi": "Miksi?"},
    "would_push_out": {"en": "would push out", "fi": "syrjäyttäisi"},
    "would_bring_in": {"en": "would bring in", "fi": "toisi mukaan"},
    "pin": {"en": "Pin this scenario", "fi": "Kiinnitä tämä skenaario"},
    "unpin": {"en": "Unpin", "fi": "Irrota"},
    "pinned": {"en": "Against the pinned scenario", "fi": "Verrattuna kiinnitettyyn skenaarioon"},
    "moved_per_region": {"en": "euros moved per region", "fi": "eurojen siirtymä maakunnittain"},
    "value_change": {"en": "value changes by", "fi": "kokonaisarvo muuttuu"},
    "not_comparable": {"en": "the values are measured differently",
                       "fi": "kokonaisarvot on mitattu eri tavoin"},
    "frontier": {"en": "What each appropriation buys", "fi": "Mitä kukin määräraha tuo"},
    "map": {"en": "Regions on the map", "fi": "Maakunnat kartalla"},
    "background": {"en": "Robustness and calibration", "fi": "Herkkyys ja kalibrointi"},
    "samples": {"en": "draws", "fi": "arvontaa"},
    "robustness": {"en": "Robustness to the weights", "fi": "Herkkyys painoille"},
    "calibrate": {"en": "Weights closest to the actual decision",
                  "fi": "Toteutunutta päätöstä lähimmät painot"},
    "run": {"en": "Run", "fi": "Käynnistä"},
    "cancel": {"en": "Cancel", "fi": "Peruuta"},
    "cancelled": {"en": "cancelled", "fi": "peruutettu"},
    "failed": {"en": "failed", "fi": "epäonnistui"},
    "running": {"en": "running", "fi": "käynnissä"},
    "done": {"en": "done", "fi": "valmis"},
    "euro_share": {"en": "share of the actual euros reproduced",
                   "fi": "osuus toteutuneen päätöksen euroista"},
    "project_share": {"en": "share of the actual projects reproduced",
                      "fi": "osuus toteutuneen päätöksen hankkeista"},
    "downloads": {"en": "Take it away", "fi": "Tallenna"},
    "dl_scenario": {"en": "scenario (TOML, reruns with grantopt run)",
                    "fi": "skenaario (TOML, grantopt run toistaa sen)"},
    "dl_audit": {"en": "audit record (JSON)", "fi": "tallenne laskelmasta (JSON)"},
    "dl_xlsx": {"en": "allocation (XLSX)", "fi": "jako (XLSX)"},
    "dl_csv": {"en": "allocation (CSV)", "fi": "jako (CSV)"},
    "dl_report": {"en": "report (one HTML file)", "fi": "raportti (yksi HTML-tiedosto)"},
    "working": {"en": "solving…", "fi": "ratkaistaan…"},
    "error": {"en": "Not changed", "fi": "Ei muutettu"},
    "solve_ms": {"en": "server time", "fi": "palvelimen aika"},
    "none_value": {"en": "none", "fi": "ei rajaa"},
    "excluded_note": {"en": "not fundable under this scenario",
                      "fi": "ei avustuskelpoinen tässä skenaariossa"},
    "proxy": {"en": LABELS["proxy_label"]["en"], "fi": LABELS["proxy_label"]["fi"]},
    # Issue 14: fair shares by region, links between applications, pools and years.
    "fair_shares": {"en": "Fair shares by region", "fi": "Reilut osuudet maakunnittain"},
    "fair_share_basis": {"en": "a region's fair share is its share of",
                         "fi": "maakunnan reilu osuus on sen osuus"},
    "fair_off": {"en": "(off)", "fi": "(ei käytössä)"},
    "fair_population": {"en": "the population", "fi": "väestöstä"},
    "fair_requested": {"en": "the euros requested", "fi": "haetuista euroista"},
    "fair_share_min": {"en": "each region gets at least this multiple of its fair share "
                             "(e.g. 0.5; empty: none)",
                       "fi": "jokainen maakunta saa vähintään tämän kerrannaisen reilusta "
                             "osuudestaan (esim. 0,5; tyhjä: ei rajaa)"},
    "fair_share_max": {"en": "each region gets at most this multiple of its fair share "
                             "(e.g. 2; empty: none)",
                       "fi": "jokainen maakunta saa enintään tämän kerrannaisen reilusta "
                             "osuudestaan (esim. 2; tyhjä: ei rajaa)"},
    "fair_share": {"en": "fair share", "fi": "reilu osuus"},
    "fair_ratio": {"en": "ratio", "fi": "suhde"},
    "actual_fair_ratio": {"en": "actual ratio", "fi": "toteutunut suhde"},
    "links": {"en": "Links between applications", "fi": "Hakemusten väliset kytkennät"},
    "no_links": {"en": "no links", "fi": "ei kytkentöjä"},
    "link_kind": {"en": "kind of link", "fi": "kytkennän laji"},
    "link_excludes": {"en": "at most one of them (excludes)",
                      "fi": "enintään yksi niistä (toisensa poissulkevat)"},
    "link_requires": {"en": "they need another application (requires)",
                      "fi": "ne edellyttävät toista hakemusta"},
    "link_together": {"en": "all or none (together)", "fi": "kaikki tai ei mitään"},
    "link_synergy": {"en": "a bonus or saving when all are funded (synergy)",
                     "fi": "lisäarvo tai säästö, kun kaikki rahoitetaan (yhteisvaikutus)"},
    "link_ids": {"en": "application ids, separated by commas (or pick them in the tables)",
                 "fi": "hakemusten tunnukset pilkuin eroteltuina (tai valitse taulukosta)"},
    "link_requires_id": {"en": "the application they need (requires)",
                         "fi": "hakemus, jota ne edellyttävät"},
    "link_bonus": {"en": "bonus in score points (synergy)",
                   "fi": "lisäpisteet (yhteisvaikutus)"},
    "link_saving": {"en": "saving in euros (synergy)", "fi": "säästö euroina (yhteisvaikutus)"},
    "link_add": {"en": "Add the link", "fi": "Lisää kytkentä"},
    "exclude_with": {"en": "exclude with…", "fi": "vaihtoehto toiselle hakemukselle…"},
    "add_to_link": {"en": "add to the link", "fi": "lisää kytkentään"},
    "remove": {"en": "remove", "fi": "poista"},
    "pools": {"en": "Funding pools and years", "fi": "Määrärahaosuudet ja vuodet"},
    "pool": {"en": "pool", "fi": "määrärahaosuus"},
    "pool_who": {"en": "who may draw on it", "fi": "keitä siitä voidaan rahoittaa"},
    "pool_anyone": {"en": "any application", "fi": "mikä tahansa hakemus"},
    "no_pools": {"en": "no pools: one appropriation", "fi": "ei määrärahaosuuksia: yksi määräraha"},
    "shared_remainder": {"en": "what a pool leaves unspent may fund any application",
                         "fi": "määrärahaosuuden käyttämätön osa voi rahoittaa mitä tahansa "
                               "hakemusta"},
    "pool_add": {"en": 'add a pool, a TOML table: {name = "small", appropriation_eur = 2e6, '
                       'regions = ["Kainuu"]}',
                 "fi": 'lisää määrärahaosuus, TOML-taulu: {name = "pienet", '
                       'appropriation_eur = 2e6, regions = ["Kainuu"]}'},
    "add": {"en": "Add", "fi": "Lisää"},
    "year": {"en": "year", "fi": "vuosi"},
    "no_years": {"en": "no years: every award paid at once",
                 "fi": "ei vuosijakoa: jokainen avustus maksetaan kerralla"},
    "carry_over": {"en": "what a year leaves unspent may be paid in later years",
                   "fi": "vuoden käyttämätön osa voidaan maksaa myöhempinä vuosina"},
    "year_split": {"en": "share of every award paid each year (e.g. 2021 = 0.4, 2022 = 0.6; "
                         "empty: the applications' costs per year)",
                   "fi": "vuoden osuus jokaisesta avustuksesta (esim. 2021 = 0.4, 2022 = 0.6; "
                         "tyhjä: hakemusten vuosikohtaiset kustannukset)"},
    "year_add": {"en": "add a year: the year and its euros",
                 "fi": "lisää vuosi: vuosi ja sen määräraha euroina"},
    "years_clear": {"en": "No years", "fi": "Ei vuosijakoa"},
    "funds": {"en": "Spend per pool and per year",
              "fi": "Käyttö määrärahaosuuksittain ja vuosittain"},
    "optimum": {"en": "optimum", "fi": "optimi"},

}


def labels(lang: str) -> dict[str, str]:
    """Every label of the page in `lang` (ValueError for a language the tool lacks)."""
    w = Words(lang)
    out = {key: w[key] for key in SHARED}
    out.update({key: words[lang] for key, words in APP.items()})
    out["lang"] = lang
    return out
