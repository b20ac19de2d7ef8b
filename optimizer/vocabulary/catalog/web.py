"""The what-if app's own words (buttons, control names, its sentences), in English and
Finnish. web/labels.py assembles what the page's script receives from these and the words
the whole tool shares (vocabulary/words.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The page's labels: key -> (English, Finnish); each becomes the code "web.<key>".
_LABELS: Mapping[str, tuple[str, str]] = {
    "title": ("grantopt: what if", "grantopt: entä jos"),
    "scenario": ("Scenario", "Skenaario"),
    "reset": ("Back to the file", "Palauta tiedoston arvot"),
    "language": ("Suomeksi", "In English"),
    "budget": ("Appropriation", "Määräraha"),
    "exact": ("exact euros", "tarkka euromäärä"),
    "funding": ("Funding", "Rahoitus"),
    "min_share": (
        "partial: at least this share of the maximum",
        "osittainen: vähintään tämä osuus enimmäismäärästä",
    ),
    "max_per_project": (
        "cap per project (€, empty: none)",
        "hankekohtainen enimmäismäärä (€, tyhjä: ei rajaa)",
    ),
    "weights": ("Weights", "Painokertoimet"),
    "given": ("given", "annettu"),
    "normalised": ("normalised", "normitettu"),
    "group": ("criterion group", "kriteeriryhmä"),
    "coverage": ("Regions and target areas", "Maakunnat ja avustuksen kohteet"),
    "max_region_share": (
        "share of the appropriation led from one region, at most (empty: none)",
        "yhdestä maakunnasta hallinnoitujen osuus määrärahasta enintään (tyhjä: ei rajaa)",
    ),
    "max_awards_per_lead": (
        "awards per lead applicant, at most (empty: none)",
        "avustuksia hankehallinnoijaa kohden enintään (tyhjä: ei rajaa)",
    ),
    "eligibility": ("Eligibility", "Avustuskelpoisuus"),
    "exclusions": (
        "the call's scope exclusions",
        "haun rajaukset (ei sote, rakennettu ympäristö, arkistointi)",
    ),
    "locks": ("locked", "lukittu"),
    "lock_in": ("fund it", "rahoita"),
    "lock_out": ("leave it out", "jätä pois"),
    "lock_free": ("free", "vapaa"),
    "result": ("Optimal portfolio", "Optimaalinen jako"),
    "others": ("Not in the optimal portfolio", "Optimaalisen jaon ulkopuolella"),
    "click_hint": (
        "Click an application: why it is in or out, and lock it.",
        "Napsauta hakemusta: miksi se on mukana tai ei, ja lukitse se.",
    ),
    "actual_efficiency": ("efficiency of the actual decision", "toteutuneen päätöksen tehokkuus"),
    "diagnosis": ("No portfolio meets every rule", "Ratkaisua ei ole: säännöt ovat ristiriidassa"),
    "last_change": ("What your last change moved", "Mitä viimeisin muutos siirsi"),
    "nothing_moved": ("nothing moved", "mikään ei muuttunut"),
    "why": ("Why?", "Miksi?"),
    "would_push_out": ("would push out", "syrjäyttäisi"),
    "would_bring_in": ("would bring in", "toisi mukaan"),
    "pin": ("Pin this scenario", "Kiinnitä tämä skenaario"),
    "unpin": ("Unpin", "Irrota"),
    "pinned": ("Against the pinned scenario", "Verrattuna kiinnitettyyn skenaarioon"),
    "moved_per_region": ("euros moved per region", "eurojen siirtymä maakunnittain"),
    "frontier": ("What each appropriation buys", "Mitä kukin määräraha tuo"),
    "map": ("Regions on the map", "Maakunnat kartalla"),
    "background": ("Robustness and calibration", "Herkkyys ja kalibrointi"),
    "samples": ("draws", "arvontaa"),
    "robustness": ("Robustness to the weights", "Herkkyys painoille"),
    "calibrate": (
        "Weights closest to the actual decision",
        "Toteutunutta päätöstä lähimmät painot",
    ),
    "run": ("Run", "Käynnistä"),
    "cancel": ("Cancel", "Peruuta"),
    "cancelled": ("cancelled", "peruutettu"),
    "failed": ("failed", "epäonnistui"),
    "running": ("running", "käynnissä"),
    "done": ("done", "valmis"),
    "euro_share": ("share of the actual euros reproduced", "osuus toteutuneen päätöksen euroista"),
    "project_share": (
        "share of the actual projects reproduced",
        "osuus toteutuneen päätöksen hankkeista",
    ),
    "downloads": ("Take it away", "Tallenna"),
    "dl_scenario": (
        "scenario (TOML, reruns with grantopt run)",
        "skenaario (TOML, grantopt run toistaa sen)",
    ),
    "dl_audit": ("audit record (JSON)", "tallenne laskelmasta (JSON)"),
    "dl_xlsx": ("allocation (XLSX)", "jako (XLSX)"),
    "dl_csv": ("allocation (CSV)", "jako (CSV)"),
    "dl_report": ("report (one HTML file)", "raportti (yksi HTML-tiedosto)"),
    "working": ("solving…", "ratkaistaan…"),
    "error": ("Not changed", "Ei muutettu"),
    "solve_ms": ("server time", "palvelimen aika"),
    "none_value": ("none", "ei rajaa"),
    "excluded_note": ("not fundable under this scenario", "ei avustuskelpoinen tässä skenaariossa"),
    "fair_shares": ("Fair shares by region", "Kohtuulliset osuudet maakunnittain"),
    "fair_share_basis": (
        "a region's fair share is its share of",
        "maakunnan kohtuullinen osuus on sen osuus",
    ),
    "fair_off": ("(off)", "(ei käytössä)"),
    "fair_population": ("the population", "väestöstä"),
    "fair_requested": ("the euros requested", "haetuista euroista"),
    "fair_share_min": (
        "each region gets at least this multiple of its fair share (e.g. 0.5; empty: none)",
        "jokainen maakunta saa vähintään tämän kerrannaisen kohtuullisesta osuudestaan (esim. "
        "0,5; tyhjä: ei rajaa)",
    ),
    "fair_share_max": (
        "each region gets at most this multiple of its fair share (e.g. 2; empty: none)",
        "jokainen maakunta saa enintään tämän kerrannaisen kohtuullisesta osuudestaan (esim. 2; "
        "tyhjä: ei rajaa)",
    ),
    "fair_share": ("fair share", "kohtuullinen osuus"),
    "fair_ratio": ("ratio", "suhde"),
    "actual_fair_ratio": ("actual ratio", "toteutunut suhde"),
    "links": ("Links between applications", "Hakemusten väliset kytkökset"),
    "no_links": ("no links", "ei kytköksiä"),
    "link_kind": ("kind of link", "kytköksen laji"),
    "link_excludes": (
        "at most one of them (excludes)",
        "enintään yksi niistä (toisensa poissulkevat)",
    ),
    "link_requires": (
        "they need another application (requires)",
        "ne edellyttävät toista hakemusta",
    ),
    "link_together": ("all or none (together)", "kaikki tai ei mitään"),
    "link_synergy": (
        "a bonus or saving when all are funded (synergy)",
        "lisäarvo tai säästö, kun kaikki rahoitetaan (yhteisvaikutus)",
    ),
    "link_ids": (
        "application ids, separated by commas (or pick them in the tables)",
        "hakemusten tunnukset pilkuin eroteltuina (tai valitse taulukosta)",
    ),
    "link_requires_id": ("the application they need (requires)", "hakemus, jota ne edellyttävät"),
    "link_bonus": ("bonus in score points (synergy)", "lisäpisteet (yhteisvaikutus)"),
    "link_saving": ("saving in euros (synergy)", "säästö euroina (yhteisvaikutus)"),
    "link_add": ("Add the link", "Lisää kytkös"),
    "exclude_with": ("exclude with…", "vaihtoehto toiselle hakemukselle…"),
    "add_to_link": ("add to the link", "lisää kytkökseen"),
    "remove": ("remove", "poista"),
    "pools": ("Funding pools and years", "Määrärahaosuudet ja vuodet"),
    "pool": ("pool", "määrärahaosuus"),
    "pool_who": ("who may draw on it", "keitä siitä voidaan rahoittaa"),
    "pool_anyone": ("any application", "mikä tahansa hakemus"),
    "no_pools": ("no pools: one appropriation", "ei määrärahaosuuksia: yksi määräraha"),
    "shared_remainder": (
        "what a pool leaves unspent may fund any application",
        "määrärahaosuuden käyttämätön osa voi rahoittaa mitä tahansa hakemusta",
    ),
    "pool_add": ("add a pool, a TOML table:", "lisää määrärahaosuus, TOML-taulu:"),
    "add": ("Add", "Lisää"),
    "year": ("year", "vuosi"),
    "no_years": (
        "no years: every award paid at once",
        "ei vuosijakoa: jokainen avustus maksetaan kerralla",
    ),
    "carry_over": (
        "what a year leaves unspent may be paid in later years",
        "vuoden käyttämätön osa voidaan maksaa myöhempinä vuosina",
    ),
    "year_split": (
        "share of every award paid each year (e.g. 2021 = 0.4, 2022 = 0.6; empty: the "
        "applications' costs per year)",
        "vuoden osuus jokaisesta avustuksesta (esim. 2021 = 0.4, 2022 = 0.6; tyhjä: hakemusten "
        "vuosikohtaiset kustannukset)",
    ),
    "year_add": (
        "add a year: the year and its euros",
        "lisää vuosi: vuosi ja sen määräraha euroina",
    ),
    "years_clear": ("No years", "Ei vuosijakoa"),
    "funds": ("Spend per pool and per year", "Käyttö määrärahaosuuksittain ja vuosittain"),
    "optimum": ("optimum", "optimi"),
    # the page's own words that were written in its HTML, and the part outside every pool
    "in_finnish": ("in Finnish", "suomeksi"),
    "in_english": ("in English", "englanniksi"),
    "euros": ("euros", "euroa"),
    "pool_outside": ("outside the pools", "määrärahaosuuksiin kuulumaton osa"),
    # the budget line and the funds table add up as shown: + carried over + saving - spent
    "carried_over": ("carried over", "siirretty aiemmilta vuosilta"),
    "saving": ("synergy saving", "yhteisvaikutuksen säästö"),
    "awarded": ("awarded", "myönnetty"),
}

LABEL_KEYS = tuple(_LABELS)  # what web/labels.py sends the page, each by its key
IDS = ["2020-40", "2020-41"]

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    **{f"web.{key}": {"en": en, "fi": fi, "example": {}} for key, (en, fi) in _LABELS.items()},
    # one link between applications, as the list of links says it
    "web.link.requires": {"en": "{ids:list} requires {requires}",
                          "fi": "{ids:list} edellyttää hanketta {requires}",
                          "example": {"ids": IDS, "requires": "2020-11"}},
    "web.link.excludes": {"en": "excludes {ids:list}", "fi": "enintään yksi hankkeista {ids:list}",
                          "example": {"ids": IDS}},
    "web.link.together": {"en": "together {ids:list}",
                          "fi": "kaikki tai ei mitään hankkeista {ids:list}",
                          "example": {"ids": IDS}},
    "web.link.synergy": {"en": "synergy {ids:list}: {gains}",
                         "fi": "yhteisvaikutus, kun kaikki rahoitetaan ({ids:list}): {gains}",
                         "example": {"ids": IDS, "gains": "lisäpisteet 0,05"}},
    "web.link.bonus": {"en": "bonus {bonus:g}", "fi": "lisäpisteet {bonus:num2}",
                       "example": {"bonus": 0.05}},
    "web.link.saving": {"en": "saving {eur:eur}", "fi": "säästö {eur:eur}",
                        "example": {"eur": 20_000}},
    "web.link.note": {"en": "{text} ({note})", "fi": "{text} ({note})",
                      "example": {"text": "enintään yksi hankkeista 2020-40, 2020-41",
                                  "note": "sama järjestelmä"}},
    # who may draw on a funding pool, one condition at a time
    "web.pool.regions": {"en": "regions: {values:list}", "fi": "maakunnat: {values:list}",
                         "example": {"values": ["Kainuu", "Lappi"]}},
    "web.pool.target_areas": {"en": "target areas: {values:list}",
                              "fi": "avustuksen kohteet: {values:list}",
                              "example": {"values": ["etätö ja monipaikkainen työ"]}},
    "web.pool.min_requested_eur": {"en": "requested at least {eur:eur}",
                                   "fi": "haettu avustusmäärä vähintään {eur:eur}",
                                   "example": {"eur": 100_000}},
    "web.pool.max_requested_eur": {"en": "requested at most {eur:eur}",
                                   "fi": "haettu avustusmäärä enintään {eur:eur}",
                                   "example": {"eur": 200_000}},
    "web.pool.values": {"en": "{column}: {values:list}", "fi": "{column}: {values:list}",
                        "example": {"column": "kokoluokka", "values": ["pieni"]}},
    "web.pool.ids": {"en": "applications {values:list}", "fi": "hakemukset {values:list}",
                     "example": {"values": IDS}},
    "web.pool.min_lead_population": {
        "en": "lead's municipality with at least {n:num} residents",
        "fi": "hankehallinnoijan kunnassa vähintään {n:num} asukasta",
        "example": {"n": 20_000}},
    "web.pool.max_lead_population": {
        "en": "lead's municipality with at most {n:num} residents",
        "fi": "hankehallinnoijan kunnassa enintään {n:num} asukasta",
        "example": {"n": 20_000}},
    "web.pool.others": {"en": "any application no other pool admits",
                        "fi": "hakemukset, joita mikään muu määrärahaosuus ei ota",
                        "example": {}},
}

# --- value for money and grid (D2) ---
# The page's value-for-money figure and its grid of applications × scenarios (web/grid.py).
_GRID_LABELS: Mapping[str, tuple[str, str]] = {
    "value_for_money": ("Value for money", "Arvo suhteessa avustukseen"),
    "grid": ("Applications × scenarios", "Hakemukset ja skenaariot"),
    "grid_hint": ("●: funded in that column, with the award; –: not funded; ×: cannot be "
                  "funded under that scenario. Shaded rows: the columns disagree.",
                  "●: rahoitetaan kyseisessä sarakkeessa, avustuksen määrä; –: ei rahoiteta; "
                  "×: ei avustuskelpoinen kyseisessä skenaariossa. Varjostetut rivit: "
                  "sarakkeet eroavat."),
    "grid_now": ("Now", "Nyt"),
    "grid_pinned": ("Pinned", "Kiinnitetty"),
    "grid_funded": ("Funded", "Rahoitetaan"),
}
LABEL_KEYS = (*LABEL_KEYS, *_GRID_LABELS)
MESSAGES = {**MESSAGES, **{f"web.{key}": {"en": en, "fi": fi, "example": {}}
                           for key, (en, fi) in _GRID_LABELS.items()}}

# --- safety (W1) ---
# The web guard's refusals (web/safety.py) and what `serve` prints when others may reach it.
MESSAGES = {**MESSAGES, **{
    "web.safety.host": {
        "en": "This server answers only for {hosts:and}, not for {host}. Behind a reverse "
              "proxy, start it with --allowed-host and the proxy's name.",
        "fi": "Palvelin vastaa vain osoitteisiin {hosts:and}, ei osoitteeseen {host}. "
              "Käänteisen välityspalvelimen takana käynnistä se valitsimella --allowed-host "
              "ja välityspalvelimen nimellä.",
        "example": {"hosts": ["127.0.0.1:8765", "localhost:8765"], "host": "evil.example"}},
    "web.safety.auth": {
        "en": "This app needs its access token: open the address with ?token= that the "
              "server printed when it started.",
        "fi": "Sovellus vaatii pääsytunnisteen: avaa osoite, jonka palvelin tulosti "
              "käynnistyessään (?token=…).",
        "example": {}},
    "web.safety.too_large": {
        "en": "The request is larger than {size:num} bytes; the page never sends so much.",
        "fi": "Pyyntö on suurempi kuin {size:num} tavua; sivu ei koskaan lähetä näin paljon.",
        "example": {"size": 1_048_576}},
    "web.safety.too_deep": {
        "en": "The request's JSON nests deeper than {depth:num} levels; the page never "
              "sends such.",
        "fi": "Pyynnön JSON-rakenne on syvempi kuin {depth:num} tasoa; sivu ei koskaan "
              "lähetä sellaista.",
        "example": {"depth": 32}},
    "web.safety.no_session": {
        "en": "No session: load the page first (only the page starts a session).",
        "fi": "Istuntoa ei ole: lataa sivu ensin (vain sivu aloittaa istunnon).",
        "example": {}},
    "web.safety.ended": {
        "en": "This page's session has ended (the server restarted, or the page was idle "
              "too long): reload the page to start again from the scenario file.",
        "fi": "Sivun istunto on päättynyt (palvelin käynnistettiin uudelleen tai sivu oli "
              "liian kauan käyttämättä): lataa sivu uudelleen aloittaaksesi skenaariotiedoston "
              "arvoista.",
        "example": {}},
    "web.safety.sessions_client": {
        "en": "Too many open pages from this computer ({n:num}): close some and reload.",
        "fi": "Tältä tietokoneelta on liian monta avointa sivua ({n:num}): sulje joitakin ja "
              "lataa sivu uudelleen.",
        "example": {"n": 50}},
    "web.safety.sessions_total": {
        "en": "The server holds as many sessions as it can ({n:num}); try again later.",
        "fi": "Palvelimella on niin monta istuntoa kuin se voi pitää ({n:num}); yritä "
              "myöhemmin uudelleen.",
        "example": {"n": 200}},
    "web.safety.origin": {
        "en": "Refused: a change must come from this app's own page, not from {origin}.",
        "fi": "Hylätty: muutoksen on tultava sovelluksen omalta sivulta, ei osoitteesta "
              "{origin}.",
        "example": {"origin": "http://127.0.0.1:9999"}},
    "web.safety.token": {
        "en": "Refused: the change does not carry this page's token; reload the page.",
        "fi": "Hylätty: muutoksessa ei ole tämän sivun tunnistetta; lataa sivu uudelleen.",
        "example": {}},
    "web.safety.jobs_session": {
        "en": "This page already runs {n:num} background runs; wait for one or cancel it.",
        "fi": "Tällä sivulla on jo käynnissä {n:num} taustalaskentaa; odota tai peruuta "
              "jokin.",
        "example": {"n": 2}},
    "web.safety.jobs_total": {
        "en": "The server already runs {n:num} background runs for its users; try again "
              "when one ends.",
        "fi": "Palvelimella on jo käynnissä {n:num} taustalaskentaa; yritä uudelleen, kun "
              "jokin päättyy.",
        "example": {"n": 4}},
    "web.safety.remote_token": {
        "en": "Others may reach this address: every browser needs the access token. Open "
              "{url}",
        "fi": "Muut voivat tavoittaa tämän osoitteen: jokainen selain tarvitsee "
              "pääsytunnisteen. Avaa {url}",
        "example": {"url": "http://10.0.0.5:8765/?token=abc"}},
}}

# --- users (A21) ---
# Signing in with a users file (web/users.py, web/safety.py), `grantopt users` and the
# problems of a users file. The file's line form is shown as the file spells it.
_VALID_LINE = "name:scrypt$N$r$p$salt$hash"
MESSAGES = {**MESSAGES, **{
    "web.users.no_file": {
        "en": "no such users file", "fi": "käyttäjätiedostoa ei ole", "example": {}},
    "web.users.how_to_add": {
        "en": "create it and add a user with: grantopt users add {file} NAME",
        "fi": "luo se ja lisää käyttäjä komennolla: grantopt users add {file} NIMI",
        "example": {"file": "users.txt"}},
    "web.users.unreadable": {
        "en": "the users file cannot be read: {reason}",
        "fi": "käyttäjätiedostoa ei voi lukea: {reason}",
        "example": {"reason": "Permission denied"}},
    "web.users.valid_line": {
        "en": f"A valid line is {_VALID_LINE}, as grantopt users add writes it; a name is "
              "1–64 letters, digits and . _ - @; blank lines and lines starting with # "
              "are skipped",
        "fi": f"Kelvollinen rivi on muotoa {_VALID_LINE}, kuten grantopt users add sen "
              "kirjoittaa; nimessä on 1–64 kirjainta, numeroa tai merkkejä . _ - @; tyhjät "
              "rivit ja #-merkillä alkavat rivit ohitetaan",
        "example": {}},
    "web.users.no_colon": {
        "en": "not a user line: no colon between the name and the password hash",
        "fi": "ei käyttäjärivi: nimen ja salasanan tiivisteen välissä ei ole kaksoispistettä",
        "example": {}},
    "web.users.bad_name": {
        "en": "the name before the colon is not a valid user name (1–{n:num} letters, "
              "digits and . _ - @)",
        "fi": "kaksoispistettä edeltävä nimi ei kelpaa käyttäjänimeksi (1–{n:num} kirjainta, "
              "numeroa tai merkkejä . _ - @)",
        "example": {"n": 64}},
    "web.users.twice": {
        "en": "this user is already on line {line:num}",
        "fi": "tämä käyttäjä on jo rivillä {line:num}",
        "example": {"line": 3}},
    "web.users.bad_hash": {
        "en": "the password hash is not one that grantopt users add writes",
        "fi": "salasanan tiiviste ei ole sellainen, jonka grantopt users add kirjoittaa",
        "example": {}},
    "web.users.cannot_write": {
        "en": "cannot write {file}: {reason}",
        "fi": "tiedostoa {file} ei voi kirjoittaa: {reason}",
        "example": {"file": "users.txt", "reason": "Permission denied"}},
    "web.users.empty": {
        "en": "{file} has no users: add one with grantopt users add {file} NAME",
        "fi": "tiedostossa {file} ei ole käyttäjiä: lisää käyttäjä komennolla "
              "grantopt users add {file} NIMI",
        "example": {"file": "users.txt"}},
    "web.users.name_given": {
        "en": "{name} is not a valid user name: use 1–{n:num} letters, digits and . _ - @",
        "fi": "{name} ei kelpaa käyttäjänimeksi: käytä 1–{n:num} kirjainta, numeroa tai "
              "merkkejä . _ - @",
        "example": {"name": "ann smith", "n": 64}},
    "web.users.exists": {
        "en": "{name} is already in {file}: --force gives them a new password",
        "fi": "{name} on jo tiedostossa {file}: --force antaa uuden salasanan",
        "example": {"name": "anna", "file": "users.txt"}},
    "web.users.unknown": {
        "en": "{name} is not in {file}.{suggest:suggest}",
        "fi": "{name} ei ole tiedostossa {file}.{suggest:suggest}",
        "example": {"name": "ana", "file": "users.txt", "suggest": ["anna"]}},
    "web.users.added": {
        "en": "Added {name} to {file}.", "fi": "{name} lisätty tiedostoon {file}.",
        "example": {"name": "anna", "file": "users.txt"}},
    "web.users.replaced": {
        "en": "New password for {name} in {file}.",
        "fi": "Uusi salasana käyttäjälle {name} tiedostossa {file}.",
        "example": {"name": "anna", "file": "users.txt"}},
    "web.users.removed": {
        "en": "Removed {name} from {file}; a running server signs them out.",
        "fi": "{name} poistettu tiedostosta {file}; käynnissä oleva palvelin kirjaa hänet "
              "ulos.",
        "example": {"name": "anna", "file": "users.txt"}},
    "web.users.none": {
        "en": "{file} has no users.", "fi": "Tiedostossa {file} ei ole käyttäjiä.",
        "example": {"file": "users.txt"}},
    "web.users.ask": {
        "en": "Password for {name}", "fi": "Salasana käyttäjälle {name}",
        "example": {"name": "anna"}},
    "web.users.ask_again": {
        "en": "The same password again", "fi": "Sama salasana uudelleen", "example": {}},
    "web.users.differ": {
        "en": "The two passwords differ; type them again.",
        "fi": "Salasanat eroavat toisistaan; kirjoita ne uudelleen.", "example": {}},
    "web.users.empty_password": {
        "en": "An empty password is refused: type one.",
        "fi": "Tyhjää salasanaa ei hyväksytä: kirjoita salasana.", "example": {}},
    "web.users.sign_in": {"en": "Sign in", "fi": "Kirjaudu sisään", "example": {}},
    "web.users.name": {"en": "Name", "fi": "Käyttäjätunnus", "example": {}},
    "web.users.password": {"en": "Password", "fi": "Salasana", "example": {}},
    "web.users.sign_out": {"en": "Sign out", "fi": "Kirjaudu ulos", "example": {}},
    "web.users.signed_in_as": {
        "en": "Signed in as {name}", "fi": "Kirjautunut: {name}", "example": {"name": "anna"}},
    "web.users.signed_out": {
        "en": "You have signed out.", "fi": "Olet kirjautunut ulos.", "example": {}},
    "web.users.wrong": {
        "en": "Wrong name or password.", "fi": "Väärä käyttäjätunnus tai salasana.",
        "example": {}},
    "web.users.needed": {
        "en": "Sign in first: reload the page and sign in with your name and password.",
        "fi": "Kirjaudu ensin: lataa sivu uudelleen ja kirjaudu käyttäjätunnuksellasi ja "
              "salasanallasi.",
        "example": {}},
    "web.users.too_many": {
        "en": "Too many failed sign-ins from this computer ({n:num} within a minute): wait a "
              "minute and try again.",
        "fi": "Tältä tietokoneelta on liian monta epäonnistunutta kirjautumista ({n:num} "
              "minuutin sisällä): odota minuutti ja yritä uudelleen.",
        "example": {"n": 5}},
    "web.users.serving": {
        "en": "Everyone signs in with a name and password of {file}. Open {url}",
        "fi": "Jokainen kirjautuu tiedoston {file} käyttäjätunnuksella ja salasanalla. "
              "Avaa {url}",
        "example": {"file": "users.txt", "url": "http://10.0.0.5:8765/"}},
}}
# --- a page people can use (P, issue 21) ---
# The skip link, the marks of figures and files on their way, the new pool's form, the
# headers of columns that had none, and the page's word when its session has ended.
_USE_LABELS: Mapping[str, tuple[str, str]] = {
    "skip_results": ("Go to results", "Siirry tuloksiin"),
    "updating": ("updating…", "päivittyy…"),
    "downloading": ("downloading…", "ladataan…"),
    "pool_new": ("New pool", "Uusi määrärahaosuus"),
    "pool_name": ("name", "nimi"),
    "pool_eur": ("appropriation (euros)", "määräraha (euroa)"),
    "pool_regions": ("regions that may draw on it (none checked: any application)",
                     "maakunnat, joiden hakemuksia siitä voidaan rahoittaa (ei valintaa: mikä "
                     "tahansa hakemus)"),
    "requested_or_why": ("requested, or why it cannot be funded",
                         "haettu, tai miksi ei avustuskelpoinen"),
    "pool_or_year": ("pool or year", "määrärahaosuus tai vuosi"),
    "ended": ("This page's session has ended.", "Tämän sivun istunto on päättynyt."),
    "reload": ("Load the page again", "Lataa sivu uudelleen"),
}
LABEL_KEYS = (*LABEL_KEYS, *_USE_LABELS)
MESSAGES = {**MESSAGES, **{f"web.{key}": {"en": en, "fi": fi, "example": {}}
                           for key, (en, fi) in _USE_LABELS.items()}}
# --- library of saved scenarios (L) ---
# The page's library (web/saved.py, static/library.js) and the store's messages (web/store.py).
_LIBRARY_LABELS: Mapping[str, tuple[str, str]] = {
    "library": ("Saved scenarios", "Tallennetut skenaariot"),
    "lib_open_now": ("Open saved scenario", "Avoinna oleva tallennettu skenaario"),
    "lib_unsaved": ("Not saved: your changes stay in this page until you save them.",
                    "Ei tallennettu: muutokset säilyvät vain tällä sivulla, kunnes tallennat "
                    "ne."),
    "lib_autosaved": ("Every change is saved at once.",
                      "Jokainen muutos tallennetaan heti."),
    "lib_link": ("Link to share", "Jaettava linkki"),
    "lib_name": ("Name", "Nimi"),
    "lib_save_as": ("Save as", "Tallenna nimellä"),
    "lib_list": ("The library", "Tallennetut"),
    "lib_empty": ("Nothing saved yet.", "Ei vielä tallennettuja skenaarioita."),
    "lib_reload": ("Refresh the list", "Päivitä luettelo"),
    "lib_open": ("Open", "Avaa"),
    "lib_rename": ("Rename", "Nimeä uudelleen"),
    "lib_duplicate": ("Duplicate", "Tee kopio"),
    "lib_delete": ("Delete", "Poista"),
    "lib_export": ("Export", "Vie tiedostoksi"),
    "lib_import": ("Import a scenario file (.toml)", "Tuo skenaariotiedosto (.toml)"),
    "lib_new_name": ("New name", "Uusi nimi"),
    "lib_confirm_delete": ("Delete this saved scenario? Its history stays in the file.",
                           "Poistetaanko tallennettu skenaario? Sen muutoshistoria säilyy "
                           "tiedostossa."),
    "lib_updated": ("changed", "muutettu"),
    "lib_base": ("from", "pohjana"),
    "lib_history": ("History", "Muutoshistoria"),
    "lib_when": ("When", "Milloin"),
    "lib_who": ("Who", "Kuka"),
    "lib_action": ("What", "Mitä"),
    "lib_key": ("Key", "Avain"),
    "lib_old": ("Before", "Ennen"),
    "lib_new": ("After", "Jälkeen"),
    "lib_diff": ("Compare two saved scenarios", "Vertaa kahta tallennettua skenaariota"),
    "lib_first": ("first", "ensimmäinen"),
    "lib_second": ("second", "toinen"),
    "lib_compare": ("Compare", "Vertaa"),
    "lib_ended_reopen": ("Reopen the saved scenario", "Avaa tallennettu skenaario uudelleen"),
    "lib_act_save": ("saved", "tallennettu"),
    "lib_act_change": ("changed", "muutettu"),
    "lib_act_rename": ("renamed", "nimetty uudelleen"),
    "lib_act_duplicate": ("copied", "kopioitu"),
    "lib_act_import": ("imported", "tuotu"),
    "lib_act_delete": ("deleted", "poistettu"),
}
LABEL_KEYS = (*LABEL_KEYS, *_LIBRARY_LABELS)
MESSAGES = {**MESSAGES, **{f"web.{key}": {"en": en, "fi": fi, "example": {}}
                           for key, (en, fi) in _LIBRARY_LABELS.items()}, **{
    "web.store.newer": {
        "en": "The library file {file} was made by a newer grantopt (its version {version:num}, "
              "this one knows up to {known:num}): update grantopt, or name another file "
              "with --store.",
        "fi": "Tallennettujen skenaarioiden tiedoston {file} on tehnyt uudempi grantopt (sen "
              "versio {version:num}, tämä tuntee enintään version {known:num}): päivitä "
              "grantopt tai anna toinen tiedosto valitsimella --store.",
        "example": {"file": "grantopt-library.sqlite", "version": 3, "known": 2}},
    "web.store.unreadable": {
        "en": "The library file {file} cannot be used as an SQLite database ({problem}); "
              "name another file with --store.",
        "fi": "Tallennettujen skenaarioiden tiedostoa {file} ei voi käyttää SQLite-"
              "tietokantana ({problem}); anna toinen tiedosto valitsimella --store.",
        "example": {"file": "grantopt-library.sqlite", "problem": "SQLITE_NOTADB"}},
    "web.store.bad_name": {
        "en": "A saved scenario needs a name of 1 to {max:num} characters.",
        "fi": "Tallennetulla skenaariolla on oltava nimi, jossa on 1–{max:num} merkkiä.",
        "example": {"max": 120}},
    "web.store.not_saved": {
        "en": "No saved scenario {slug} here: it was deleted, or the link is wrong.",
        "fi": "Tallennettua skenaariota {slug} ei ole: se on poistettu tai linkki on väärä.",
        "example": {"slug": "Xa3kPq9t2Zs"}},
    "web.store.name_taken": {
        "en": "A saved scenario is already called {name}: choose another name.",
        "fi": "Tallennettu skenaario nimeltä {name} on jo olemassa: valitse toinen nimi.",
        "example": {"name": "Niukka vuosi"}},
    "web.store.at": {
        "en": "Saved scenarios are kept in {file}",
        "fi": "Tallennetut skenaariot säilytetään tiedostossa {file}",
        "example": {"file": "grantopt-library.sqlite"}},
    "web.library.extends": {
        "en": "An imported scenario must stand alone: remove extends (export the scenario "
              "it extends with grantopt run --out, or from the app, and import that).",
        "fi": "Tuodun skenaarion on oltava itsenäinen: poista extends (vie laajennettava "
              "skenaario komennolla grantopt run --out tai sovelluksesta ja tuo se).",
        "example": {}},
    "web.library.round_not_offered": {
        "en": "The scenario's round {round} is not one this server offers; it opens only "
              "scenarios on {rounds:and}.",
        "fi": "Skenaarion avustushaku {round} ei ole tämän palvelimen tarjoamia; se avaa "
              "vain skenaarioita, joiden avustushaku on {rounds:and}.",
        "example": {"round": "/data/other", "rounds": ["/srv/grantopt/data/2020"]}},
    "web.library.sheet_not_offered": {
        "en": "The scenario's scoring sheet {sheet} is not one this server offers; it reads "
              "only {sheets:and}.",
        "fi": "Skenaarion arviointilomake {sheet} ei ole tämän palvelimen tarjoamia; se "
              "lukee vain tiedostot {sheets:and}.",
        "example": {"sheet": "/tmp/arviot.csv", "sheets": ["/srv/grantopt/arviointi.csv"]}},
    "web.library.no_toml": {
        "en": "Import needs the scenario file's text.",
        "fi": "Tuonti tarvitsee skenaariotiedoston tekstin.",
        "example": {}},
}}

# --- robust portfolios (issue 23): the SWING panel beside the portfolio ---
_ROBUST_LABELS: Mapping[str, tuple[str, str]] = {
    "robust": ("Robust portfolios: when the weights are not agreed",
               "Robustit hankesalkut: kun painoista ei ole sovittu"),
    "robust_hint": (
        "SWING: rank what you compare by how much its swing from the worst to the best "
        "application matters, most first; the first gets 100 points, give each other its "
        "points against it (a number, or a range such as 40–80; empty: only its rank). The "
        "statements below follow; edit them as you like.",
        "SWING-painotus: järjestä vertailtavat sen mukaan, kuinka paljon niiden vaihtelu "
        "heikoimmasta parhaaseen hakemukseen merkitsee, tärkein ensin; ensimmäinen saa 100 "
        "pistettä, anna muille pisteet siihen verrattuna (luku tai väli, esim. 40–80; tyhjä: "
        "vain järjestys). Alla olevat painolausumat seuraavat niistä; voit muokata niitä."),
    "swing_level": ("rank", "järjestä"),
    "swing_criteria": ("the criteria", "arviointikriteerit"),
    "swing_groups": ("the groups of criteria", "kriteeriryhmät"),
    "swing_rank": ("rank", "sija"),
    "swing_name": ("criterion or group", "kriteeri tai ryhmä"),
    "swing_points": ("points (first = 100)", "pisteet (ensimmäinen = 100)"),
    "swing_move": ("change the rank", "muuta järjestystä"),
    "move_up": ("move up", "siirrä ylös"),
    "move_down": ("move down", "siirrä alas"),
    "statements": ("Weight statements, one per line", "Painolausumat, yksi kullekin riville"),
    "score_interval": (
        "each criterion value within ± this share of itself (e.g. 10 %; empty: as given)",
        "jokainen kriteerikohtainen arvo enintään ± tämän osuuden päässä annetusta (esim. "
        "10 %; tyhjä: annetut sellaisinaan)"),
    "robust_run": ("Find the non-dominated portfolios", "Etsi ei-dominoidut hankesalkut"),
    "nondominated": ("non-dominated portfolios", "ei-dominoitua hankesalkkua"),
    "core_index": ("core index", "ydinindeksi"),
    "decided_by": ("decided by", "ratkaiseva lausuma"),
    "weight_ranges": ("each weight's range under the statements",
                      "painojen vaihteluvälit lausumien mukaan"),
    "robust_mark": ("robust", "robusti"),
    "robust_stale": ("for the scenario as it was before your last change; run again",
                     "skenaariolle ennen viimeisintä muutosta; käynnistä uudelleen"),
}
LABEL_KEYS = (*LABEL_KEYS, *_ROBUST_LABELS)
MESSAGES = {**MESSAGES, **{f"web.{key}": {"en": en, "fi": fi, "example": {}}
                           for key, (en, fi) in _ROBUST_LABELS.items()}}
MESSAGES = {**MESSAGES, **{
    "web.swing.points": {
        "en": "SWING points of {name}: cannot read {text!r}; give a number from 0 to 100 or "
              "a range such as 40–80.",
        "fi": "Kohteen {name} SWING-pisteet: arvoa {text!r} ei voi lukea; anna luku väliltä "
              "0–100 tai väli, esim. 40–80.",
        "example": {"name": "kattavuus", "text": "paljon"}},
    "web.swing.out_of_range": {
        "en": "SWING points of {name}: {text} is outside 0–100 (the first has 100, and no "
              "other matters more than the first).",
        "fi": "Kohteen {name} SWING-pisteet: {text} ei ole välillä 0–100 (ensimmäisellä on "
              "100, eikä mikään muu merkitse enemmän kuin ensimmäinen).",
        "example": {"name": "kattavuus", "text": "120"}},
    "web.swing.reversed": {
        "en": "SWING points of {name}: the range {text} ends below its start; write the "
              "lower end first.",
        "fi": "Kohteen {name} SWING-pisteet: väli {text} päättyy alkuaan alemmas; kirjoita "
              "alaraja ensin.",
        "example": {"name": "kattavuus", "text": "80–40"}},
    "web.swing.rising": {
        "en": "SWING points of {name}: at least {points} points is more than the one ranked "
              "above it can have; rank it higher or give it fewer points.",
        "fi": "Kohteen {name} SWING-pisteet: vähintään {points} pistettä on enemmän kuin "
              "sitä ylemmäs järjestetyllä voi olla; nosta sitä järjestyksessä tai anna sille "
              "vähemmän pisteitä.",
        "example": {"name": "kattavuus", "points": "70"}},
    "web.swing.no_order": {
        "en": "SWING: rank at least one criterion or group.",
        "fi": "SWING-painotus: järjestä vähintään yksi kriteeri tai ryhmä.",
        "example": {}},
    "web.swing.twice": {
        "en": "SWING: {name} is ranked twice; rank each once.",
        "fi": "SWING-painotus: {name} on järjestyksessä kahdesti; kukin vain kerran.",
        "example": {"name": "kattavuus"}},
    "web.robust.statements_shape": {
        "en": "Weight statements: send a list of at most {n} texts of at most {size} "
              "characters each.",
        "fi": "Painolausumat: lähetä enintään {n} tekstin luettelo, kukin enintään {size} "
              "merkkiä.",
        "example": {"n": 50, "size": 300}},
    "web.robust.versus_none": {
        "en": "The core index counts non-dominated portfolios: an application in all of them "
              "is in the best portfolio for every weight the statements allow, and one in "
              "none for no weight; sampled acceptability (draws above 0) would say how often "
              "it is in the optimum of weights drawn at random within the same statements.",
        "fi": "Ydinindeksi lasketaan ei-dominoiduista salkuista: hakemus, joka on niissä "
              "kaikissa, kuuluu parhaaseen salkkuun kaikilla lausumien sallimilla painoilla, "
              "ja hakemus, joka ei ole yhdessäkään, ei millään; arvottu "
              "hyväksyttävyysindeksi (arvontoja yli 0) kertoisi, kuinka usein hakemus on "
              "optimissa, kun painot arvotaan samojen lausumien rajoissa.",
        "example": {}},
}}
