"""Errors of the scenario (its file, --set, the keys and their values), of the solver and of
the analyses, in English and Finnish.

Codes starting with "scenario." name the key a person edits (`coverage.min_regions`,
`[[budget.pools]]`) as the scenario file spells it; "solver." and "analysis." codes name no
key. A key of the scenario file is never translated: the Finnish says it as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.message import Message, render
from optimizer.vocabulary.values import shown_value
from optimizer.vocabulary.words import Words


def _link_ids(a: Mapping[str, Any], w: Words) -> str:
    least, kind = a["least"], a["kind"]
    if w.lang == "fi":
        many = "eri hakemuksen tunnusta" if least > 1 else "hakemuksen tunnuksen"
        return f"{kind!r} tarvitsee vähintään {least} {many}"
    return f"{kind!r} needs at least {least} different application id{'s' * (least > 1)}"


def _link_requires(a: Mapping[str, Any], w: Words) -> str:
    if w.lang == "fi":
        text = ('anna se (tunnus, jota muut edellyttävät), kun kind = "requires", ja vain silloin'
                + (', esim. requires = "2020-11"' if a["example"] else ""))
    else:
        text = ('give it (the id the others need) with kind = "requires", and only then'
                + (', e.g. requires = "2020-11"' if a["example"] else ""))
    return text


_LINK_FI = {"requires": "{ids} edellyttää hanketta {requires}",
            "excludes": "vaihtoehtoiset {ids}", "together": "vain yhdessä {ids}",
            "synergy": "yhteisvaikutus {ids}"}


def _link(a: Mapping[str, Any], w: Words) -> str:
    """One [[links]] table in short, as schema.LinkSpec prints it (the file's kind in
    English)."""
    ids = ", ".join(a["ids"])
    if w.lang == "fi":
        return _LINK_FI[a["kind"]].format(ids=ids, requires=a["requires"])
    if a["kind"] == "requires":
        return f"{ids} requires {a['requires']}"
    return f"{a['kind']} {ids}"


def _rank_every(a: Mapping[str, Any], w: Words) -> str:
    missing = a["missing"]
    if w.lang == "fi":
        tail = f"; puuttuu: {', '.join(missing)}" if missing else "; osa toistuu"
        return "robustness.rank: luettele jokainen arviointikriteeri tasan kerran, tärkein " \
               "ensin" + tail
    tail = f"; missing: {', '.join(missing)}" if missing else "; some are repeated"
    return "robustness.rank must list every criterion exactly once, most important first" + tail


def _wrong_workers(a: Mapping[str, Any], w: Words) -> str:
    none = "ei grantoptia" if w.lang == "fi" else "no grantopt"
    workers = ", ".join(f"{name} ({version or none})" for name, version in a["workers"])
    if w.lang == "fi":
        return f"Dask-työntekijöillä ei ole grantoptin versiota {a['version']}: {workers}. " \
               + render(Message.of("analysis.dask.same_version", version=a["version"]), "fi")
    return f"Dask workers without grantopt {a['version']}: {workers}. " \
           + render(Message.of("analysis.dask.same_version", version=a["version"]), "en")


def _closest_breaks(a: Mapping[str, Any], w: Words) -> str:
    rules = "; ".join(render(m, w.lang) for m in a["rules"])
    head = ("lähin optimaalinen jako rikkoo säännön: " if w.lang == "fi"
            else "the closest optimal portfolio breaks a rule: ")
    return head + rules


def _infeasible(a: Mapping[str, Any], w: Words) -> str:
    """A diagnosis, one finding a line; (True, message) is an indented item."""
    return "\n".join(("  - " if item else "") + render(m, w.lang) for item, m in a["lines"])


def _at_default(a: Mapping[str, Any], w: Words) -> str:
    value = shown_value(a["value"], w.lang)
    if w.lang == "fi":
        return f"{a['key']} on tässä skenaariossa oletusarvossaan ({value}): selitettävää " \
               "sääntöä ei ole"
    return f"{a['key']} is at its default ({value}) in this scenario: there is no rule to explain"


_SAME_VERSION = {
    "en": "Every worker needs the same grantopt as this machine "
          '(pip install "grantopt[dask]=={version}" in each worker\'s environment).',
    "fi": "Jokainen työntekijä tarvitsee saman grantoptin kuin tämä kone "
          '(pip install "grantopt[dask]=={version}" jokaisen työntekijän ympäristöön).',
}

_ADDRESS = "127.0.0.1:8786"

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # --- where a problem is: a file, a --set, a [[links]] table --------------------------
    "scenario.at": {"en": "{where}: {problem:msg}", "fi": "{where}: {problem:msg}",
                    "example": {"where": "skenaario.toml",
                                "problem": Message.of("scenario.key.unknown",
                                                      key="coverage.min_region",
                                                      suggest=["min_regions"])}},
    # --- the scenario file -----------------------------------------------------------------
    "scenario.file.missing": {"en": "{path}: no such scenario file",
                              "fi": "{path}: skenaariotiedostoa ei ole",
                              "example": {"path": "skenaariot/laaja.toml"}},
    "scenario.file.folder": {"en": "{path}: a folder, not a scenario file",
                             "fi": "{path}: kansio eikä skenaariotiedosto",
                             "example": {"path": "skenaariot"}},
    "scenario.file.unreadable": {"en": "{path}: cannot be read ({reason})",
                                 "fi": "{path}: tiedostoa ei voi lukea ({reason})",
                                 "example": {"path": "laaja.toml",
                                             "reason": "käyttöoikeus puuttuu"}},
    "scenario.file.not_utf8": {
        "en": "{path}: not UTF-8 text; save the scenario as UTF-8",
        "fi": "{path}: ei UTF-8-tekstiä; tallenna skenaario UTF-8-muodossa",
        "example": {"path": "laaja.toml"}},
    "scenario.file.not_toml": {
        "en": "{path}: not valid TOML: {error}",
        "fi": "{path}: ei kelvollista TOML-muotoa: {error}",
        "example": {"path": "laaja.toml", "error": "rivi 3, sarake 9"}},
    "scenario.file.huge_number": {
        "en": "{path}: a number has too many digits (at most 4,300; every amount is at most "
              "1e12)",
        "fi": "{path}: luvussa on liian monta numeroa (enintään 4 300; jokainen summa on "
              "enintään 1e12)",
        "example": {"path": "laaja.toml"}},
    "scenario.file.cycle": {"en": "{path}: `extends` makes a cycle: {chain}",
                            "fi": "{path}: `extends` tekee kehän: {chain}",
                            "example": {"path": "b.toml", "chain": "a.toml -> b.toml -> a.toml"}},
    "scenario.no_round": {
        "en": 'the scenario names no round: set [scenario] round = "DIR"',
        "fi": 'skenaario ei nimeä hakukierrosta: aseta [scenario] round = "KANSIO"',
        "example": {}},
    "scenario.no_appropriation": {
        "en": "no appropriation: set [budget] appropriation in the scenario or "
              "appropriation_eur in the round's call.toml",
        "fi": "määrärahaa ei ole annettu: aseta skenaarioon budget.appropriation tai "
              "hakukierroksen call.toml-tiedostoon appropriation_eur",
        "example": {}},
    # --- keys ------------------------------------------------------------------------------
    "scenario.key.unknown_section": {
        "en": "unknown section [{section}].{suggest:suggest}",
        "fi": "tuntematon osio [{section}].{suggest:suggest}",
        "example": {"section": "kattavuus", "suggest": ["coverage"]}},
    "scenario.key.unknown": {
        "en": "unknown key {key}.{suggest:suggest}",
        "fi": "tuntematon avain {key}.{suggest:suggest}",
        "example": {"key": "coverage.min_region", "suggest": ["min_regions"]}},
    "scenario.key.not_table": {
        "en": "`{section}` must be a table [{section}]",
        "fi": "`{section}` on annettava taulukkona [{section}]",
        "example": {"section": "coverage"}},
    "scenario.set.shape": {
        "en": "--set {text!r}: expected section.key=value",
        "fi": "--set {text!r}: anna muodossa osio.avain=arvo",
        "example": {"text": "coverage.min_regions"}},
    "scenario.set.unknown_section": {
        "en": "unknown section {section!r}.{suggest:suggest}",
        "fi": "tuntematon osio {section!r}.{suggest:suggest}",
        "example": {"section": "kattavuus", "suggest": ["coverage"]}},
    "scenario.set.huge_number": {
        "en": "the number has too many digits (at most 4,300; every amount is at most 1e12)",
        "fi": "luvussa on liian monta numeroa (enintään 4 300; jokainen summa on enintään "
              "1e12)",
        "example": {}},
    "scenario.changes.mapping": {
        "en": "{section}: give a mapping of keys to values, e.g. {section}={{{first!r}: ...}}",
        "fi": "{section}: anna avaimet ja niiden arvot, esim. {section}={{{first!r}: ...}}",
        "example": {"section": "coverage", "first": "region_basis"}},
    # --- values: kinds and ranges ------------------------------------------------------------
    "scenario.value.choice": {
        "en": "{key} = {value!r} is not one of {choices:list}.{suggest:suggest}",
        "fi": "{key} = {value!r} ei ole mikään näistä: {choices:list}.{suggest:suggest}",
        "example": {"key": "solver.name", "value": "hihgs", "choices": ["'cbc'", "'highs'"],
                    "suggest": ["highs"]}},
    "scenario.value.bad": {
        "en": "{key} = {value}: {problem:msg}", "fi": "{key} = {value}: {problem:msg}",
        "example": {"key": "coverage.min_regions", "value": "'kolme'",
                    "problem": Message.of("scenario.type.whole")}},
    "scenario.range.at_least": {
        "en": "{key} = {value!r} must be at least {lo:g}",
        "fi": "{key} = {value!r}: arvon on oltava vähintään {lo:g}",
        "example": {"key": "coverage.min_regions", "value": -1, "lo": 0}},
    "scenario.range.between": {
        "en": "{key} = {value!r} must be between {lo:g} and {hi}",
        "fi": "{key} = {value!r}: arvon on oltava välillä {lo:g}–{hi}",
        "example": {"key": "funding.min_share", "value": 1.5, "lo": 0, "hi": "1"}},
    "scenario.type.number": {"en": "expected a number", "fi": "odotettiin lukua",
                             "example": {}},
    "scenario.type.too_large": {"en": "the number is too large", "fi": "luku on liian suuri",
                                "example": {}},
    "scenario.type.finite": {"en": "expected a finite number", "fi": "odotettiin äärellistä lukua",
                             "example": {}},
    "scenario.type.finite_whole": {"en": "expected a finite whole number",
                                   "fi": "odotettiin äärellistä kokonaislukua", "example": {}},
    "scenario.type.whole": {"en": "expected a whole number", "fi": "odotettiin kokonaislukua",
                            "example": {}},
    "scenario.type.bool": {"en": "expected true or false", "fi": "odotettiin true tai false",
                           "example": {}},
    "scenario.type.string": {"en": "expected a string", "fi": "odotettiin tekstiä",
                             "example": {}},
    "scenario.type.strings": {
        "en": 'expected a list of strings, e.g. ["2020-01", "2020-02"]',
        "fi": 'odotettiin luetteloa tekstejä, esim. ["2020-01", "2020-02"]', "example": {}},
    "scenario.type.floats": {"en": "expected a table of name = number",
                             "fi": "odotettiin taulukkoa nimi = luku", "example": {}},
    "scenario.type.ranges": {"en": "expected a table of name = [low, high]",
                             "fi": "odotettiin taulukkoa nimi = [alaraja, yläraja]",
                             "example": {}},
    "scenario.type.entry": {"en": "{name}: {problem:msg}", "fi": "{name}: {problem:msg}",
                            "example": {"name": "yhteistyö",
                                        "problem": Message.of("scenario.type.number")}},
    "scenario.type.range_pair": {"en": "{name}: expected [low, high]",
                                 "fi": "{name}: odotettiin [alaraja, yläraja]",
                                 "example": {"name": "yhteistyö"}},
    "scenario.type.range_order": {"en": "{name}: low {lo} is above high {hi}",
                                  "fi": "{name}: alaraja {lo:g} on ylärajaa {hi:g} suurempi",
                                  "example": {"name": "yhteistyö", "lo": 0.5, "hi": 0.25}},
    # --- [budget]: pools and years ---------------------------------------------------------
    "scenario.pool.where": {"en": "pool {n}{name}", "fi": "rahoituskiintiö {n}{name}",
                            "example": {"n": 2, "name": " ('pienet')"}},
    "scenario.pool.not_list": {
        "en": "expected a list of tables, e.g. {example}",
        "fi": "odotettiin luetteloa taulukoita, esim. {example}",
        "example": {"example": '[[budget.pools]] name = "pienet", appropriation_eur = 2e6'}},
    "scenario.pool.too_many": {"en": "{n} pools; at most {most}",
                               "fi": "{n} rahoituskiintiötä; enintään {most}",
                               "example": {"n": 14, "most": 12}},
    "scenario.pool.same_name": {
        "en": "two pools are named {name!r}; give each its own name",
        "fi": "kahdella rahoituskiintiöllä on nimi {name!r}; anna kullekin oma nimi",
        "example": {"name": "pienet"}},
    "scenario.pool.unknown_key": {
        "en": "{where:msg}: unknown key {name!r}.{suggest:suggest} Keys: {keys:list}",
        "fi": "{where:msg}: tuntematon avain {name!r}.{suggest:suggest} Avaimet: {keys:list}",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""),
                    "name": "nimi", "suggest": ["name"],
                    "keys": ["name", "appropriation_eur", "ids"]}},
    "scenario.pool.bad_value": {
        "en": "{where:msg}: {name} = {value}: {problem:msg}",
        "fi": "{where:msg}: {name} = {value}: {problem:msg}",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""),
                    "name": "appropriation_eur", "value": "'paljon'",
                    "problem": Message.of("scenario.type.number")}},
    "scenario.pool.missing": {
        "en": "{where:msg}: {needed} is missing (every pool needs a name and an "
              "appropriation_eur)",
        "fi": "{where:msg}: {needed} puuttuu (jokainen rahoituskiintiö tarvitsee avaimet name "
              "ja appropriation_eur)",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""),
                    "needed": "appropriation_eur"}},
    "scenario.pool.empty_name": {
        "en": "{where:msg}: the name is empty", "fi": "{where:msg}: nimi on tyhjä",
        "example": {"where": Message.of("scenario.pool.where", n=1, name="")}},
    "scenario.pool.appropriation": {
        "en": "{where:msg}: appropriation_eur must be between 0 and {hi}",
        "fi": "{where:msg}: appropriation_eur on oltava välillä 0–{hi}",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""), "hi": "1e+12"}},
    "scenario.pool.column_values": {
        "en": "{where:msg}: give column and values together (the applications whose column "
              "holds one of the values)",
        "fi": "{where:msg}: anna column ja values yhdessä (hakemukset, joiden sarakkeessa on "
              "jokin arvoista)",
        "example": {"where": Message.of("scenario.pool.where", n=1, name="")}},
    "scenario.pool.negative": {
        "en": "{where:msg}: {low} and {high} must be at least 0",
        "fi": "{where:msg}: {low} ja {high} on oltava vähintään 0",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""),
                    "low": "min_requested_eur", "high": "max_requested_eur"}},
    "scenario.pool.order": {
        "en": "{where:msg}: {low} {lo:g} is above {high} {hi:g}",
        "fi": "{where:msg}: {low} {lo:g} on suurempi kuin {high} {hi:g}",
        "example": {"where": Message.of("scenario.pool.where", n=1, name=""),
                    "low": "min_requested_eur", "lo": 50000.0,
                    "high": "max_requested_eur", "hi": 20000.0}},
    "scenario.pool.unknown_value": {
        "en": "{key} names {value!r}, which no application of the round has.{suggest:suggest}",
        "fi": "{key} nimeää arvon {value!r}, jota millään hakukierroksen hakemuksella ei "
              "ole.{suggest:suggest}",
        "example": {"key": "target_areas", "value": "kulttuuri", "suggest": ["kulttuurit"]}},
    "scenario.pool.column": {
        "en": "column {column!r} is not a text column of {file}; one of "
              "{columns:list}.{suggest:suggest}",
        "fi": "sarake {column!r} ei ole tiedoston {file} tekstisarake; valitse "
              "jokin näistä: {columns:list}.{suggest:suggest}",
        "example": {"column": "maakunta", "file": "hakemukset.csv",
                    "columns": ["maakunta_nimi", "laji"], "suggest": ["maakunta_nimi"]}},
    "scenario.year.not_year": {
        "en": "{key}: {year!r} is not a year (e.g. 2021)",
        "fi": "{key}: {year!r} ei ole vuosi (esim. 2021)",
        "example": {"key": "budget.years", "year": "21"}},
    "scenario.year.split_sum": {
        "en": "budget.year_split: the shares sum to {total:g}, not 1",
        "fi": "budget.year_split: osuuksien summa on {total:g} eikä 1",
        "example": {"total": 0.9}},
    "scenario.year.split_without_years": {
        "en": "budget.year_split is set but budget.years is not: give the appropriation of "
              "every year, e.g. [budget.years] 2020 = 5e6",
        "fi": "budget.year_split on annettu mutta budget.years ei: anna kunkin vuoden "
              "määräraha, esim. [budget.years] 2020 = 5e6",
        "example": {}},
    "scenario.year.missing": {
        "en": "budget.years gives no appropriation for {year}, but {id} is paid in it "
              "(budget.years has {years:list}); add {year} = euros",
        "fi": "budget.years ei anna määrärahaa vuodelle {year}, mutta hanketta {id} maksetaan "
              "silloin (budget.years sisältää vuodet {years:list}); lisää {year} = euroa",
        "example": {"year": "2022", "id": "2020-14", "years": ["2020", "2021"]}},
    "scenario.year.no_costs": {
        "en": "budget.years is set, but application {id} states no cost per year (cost_YYYY "
              "columns of {file}); give them, or set the scenario's assumption "
              "budget.year_split, e.g. {{ 2020 = 0.5, 2021 = 0.5 }}",
        "fi": "budget.years on annettu, mutta hakemus {id} ei ilmoita kustannuksia vuosittain "
              "(tiedoston {file} sarakkeet cost_YYYY); anna ne tai aseta skenaarion "
              "oletus budget.year_split, esim. {{ 2020 = 0.5, 2021 = 0.5 }}",
        "example": {"id": "2020-14", "file": "hakemukset.csv"}},
    # --- [coverage], [robustness] ------------------------------------------------------------
    "scenario.fair_share.basis": {
        "en": 'coverage.fair_share_min/fair_share_max need coverage.fair_share_basis = '
              '"population" or "requested"',
        "fi": 'coverage.fair_share_min/fair_share_max edellyttävät, että '
              'coverage.fair_share_basis = "population" tai "requested"',
        "example": {}},
    "scenario.area_cap.unknown": {
        "en": "coverage.max_eur_per_target_area: no target area {area!r} in the round."
              "{suggest:suggest}",
        "fi": "coverage.max_eur_per_target_area: hakukierroksella ei ole avustuksen kohdetta "
              "{area!r}.{suggest:suggest}",
        "example": {"area": "kulttuuri", "suggest": []}},
    "scenario.robustness.order": {
        "en": "robustness.exterior must be below robustness.core",
        "fi": "robustness.exterior on oltava pienempi kuin robustness.core", "example": {}},
    "scenario.robustness.weights_mode": {
        "en": "robustness.weights: unknown mode {mode!r}; use one of {modes:list}."
              "{suggest:suggest}",
        "fi": "robustness.weights: tuntematon tapa {mode!r}; valitse jokin näistä: "
              "{modes:list}.{suggest:suggest}",
        "example": {"mode": "simpleksi", "modes": ["simplex", "intervals", "rank"],
                    "suggest": ["simplex"]}},
    "scenario.robustness.unknown_criterion": {
        "en": "{key}: unknown criterion {name!r}.{suggest:suggest}",
        "fi": "{key}: tuntematon arviointikriteeri {name!r}.{suggest:suggest}",
        "example": {"key": "robustness.rank", "name": "yhteistyo",
                    "suggest": ["yhteistyö"]}},
    "scenario.robustness.rank_every": {
        "en": _rank_every, "fi": _rank_every, "example": {"missing": ["kattavuus"]}},
    "scenario.robustness.interval": {
        "en": "robustness.intervals.{name}: need 0 <= lo <= hi <= 1, got [{lo}, {hi}]",
        "fi": "robustness.intervals.{name}: on oltava 0 <= alaraja <= yläraja <= 1, "
              "annettu [{lo:g}; {hi:g}]",
        "example": {"name": "yhteistyö", "lo": 0.6, "hi": 0.4}},
    "scenario.robustness.intervals_sum": {
        "en": "robustness.intervals: no weights summing to 1 fit the intervals (lower bounds "
              "sum to {lo:.3g}, upper bounds to {hi:.3g}); widen them",
        "fi": "robustness.intervals: väleihin ei mahdu painoja, joiden summa on 1 "
              "(alarajojen summa {lo:g}, ylärajojen {hi:g}); levennä välejä",
        "example": {"lo": 1.2, "hi": 1.6}},
    "scenario.robustness.rejection": {
        "en": "robustness.intervals keep only {share:.2%} of the weight simplex: too few to "
              "sample by rejection ({have} of {samples} after {tried:,} draws); widen the "
              'intervals or use weights = "rank"',
        "fi": "robustness.intervals jättää painojen simpleksistä vain {share:pct2}: liian "
              "vähän hylkäysotantaan ({have}/{samples} kelpasi {tried:num} arvonnasta); levennä "
              'välejä tai käytä weights = "rank"',
        "example": {"share": 0.0004, "have": 3, "samples": 500, "tried": 2000000}},
    "scenario.robustness.per_criterion": {
        "en": "robustness needs the per-criterion values of every application; this instance "
              "has none (scores were given as totals)",
        "fi": "herkkyystarkastelu tarvitsee jokaisen hakemuksen arvot kriteereittäin; tässä "
              "laskelmassa niitä ei ole (pisteet annettiin yhteispisteinä)",
        "example": {}},
    "scenario.robustness.evaluators": {
        "en": "robustness.resample_evaluators needs scores from several evaluators: a scoring "
              "sheet with an `evaluator` column naming at least two (scoring.source)",
        "fi": "robustness.resample_evaluators tarvitsee usean arvioijan pisteet: "
              "arviointilomakkeen, jonka sarake `evaluator` nimeää vähintään kaksi arvioijaa "
              "(scoring.source)",
        "example": {}},
    "scenario.robustness.samples": {
        "en": "robustness.samples must be at least 1",
        "fi": "robustness.samples on oltava vähintään 1", "example": {}},
    "scenario.robustness.bounds": {
        "en": "robustness: need 0 <= exterior < core <= 1",
        "fi": "robustness: on oltava 0 <= exterior < core <= 1", "example": {}},
    # --- [[links]] -------------------------------------------------------------------------
    "scenario.link.ids": {"en": _link_ids, "fi": _link_ids,
                          "example": {"kind": "excludes", "least": 2}},
    "scenario.link.requires": {"en": _link_requires, "fi": _link_requires,
                               "example": {"example": True}},
    "scenario.link.self": {"en": "{id!r} cannot require itself",
                           "fi": "{id!r} ei voi edellyttää itseään",
                           "example": {"id": "2020-11"}},
    "scenario.link.not_synergy": {
        "en": 'bonus and saving_eur belong to kind = "synergy"',
        "fi": 'bonus ja saving_eur kuuluvat vain kytkökselle kind = "synergy"', "example": {}},
    "scenario.link.synergy_empty": {
        "en": "a synergy needs a bonus (score points) or a saving_eur",
        "fi": "yhteisvaikutus tarvitsee avaimen bonus (pisteinä) tai saving_eur",
        "example": {}},
    "scenario.link.not_table": {
        "en": 'expected a table such as {{kind = "excludes", ids = ["2020-40", "2020-41"]}}',
        "fi": 'odotettiin taulukkoa, kuten {{kind = "excludes", ids = ["2020-40", '
              '"2020-41"]}}',
        "example": {}},
    "scenario.link.unknown_key": {
        "en": "unknown key {name!r}; the keys are {keys:list}.{suggest:suggest}",
        "fi": "tuntematon avain {name!r}; avaimet ovat {keys:list}.{suggest:suggest}",
        "example": {"name": "tunnukset", "keys": ["kind", "ids"], "suggest": []}},
    "scenario.link.missing_key": {"en": "missing key {name!r}", "fi": "avain {name!r} puuttuu",
                                  "example": {"name": "ids"}},
    "scenario.link.not_list": {
        "en": "expected a list of link tables ([[links]])",
        "fi": "odotettiin luetteloa kytköstaulukoita ([[links]])", "example": {}},
    "scenario.link.no_application": {
        "en": "links[{n}] ({link:msg}): no application {id!r} in the round.{suggest:suggest}",
        "fi": "links[{n}] ({link:msg}): hakukierroksella ei ole hakemusta {id!r}."
              "{suggest:suggest}",
        "example": {"n": 2, "link": Message.of("scenario.link.spec", kind="excludes",
                                               ids=["2020-40", "2020-99"], requires=None),
                    "id": "2020-99", "suggest": ["2020-09"]}},
    "scenario.link.spec": {"en": _link, "fi": _link,
                           "example": {"kind": "requires", "ids": ["2020-40"],
                                       "requires": "2020-11"}},
    "scenario.link.saving_too_large": {
        "en": "links: the saving of the synergy of {ids:list} ({saving:eur}) is more than "
              "their smallest awards together ({least:eur})",
        "fi": "links: hakemusten {ids:list} yhteisvaikutuksen säästö ({saving:eur}) on "
              "suurempi kuin niiden pienimmät avustukset yhteensä ({least:eur})",
        "example": {"ids": ["2020-40", "2020-41"], "saving": 90000, "least": 60000}},
    # --- what a scenario asks of an analysis -----------------------------------------------
    "scenario.rule_at_default": {"en": _at_default, "fi": _at_default,
                                 "example": {"key": "coverage.min_regions", "value": 0}},
    "scenario.solver.no_solution": {
        "en": "{solver} stopped ({text}) before finding any allocation that meets every rule. "
              "Allow more time (time_limit={time_limit}) or a larger gap.",
        "fi": "{solver} pysähtyi ({text}) ennen kuin löysi jaon, joka täyttää kaikki säännöt. "
              "Anna enemmän aikaa (time_limit={time_limit}) tai suurempi sallittu ero.",
        "example": {"solver": "cbc", "text": "aikaraja", "time_limit": 60.0}},
    "scenario.solver.cbc_overran": {
        "en": "CBC did not stop at its time limit of {limit:g} s; grantopt stopped it after "
              "{seconds:.0f} s. Allow more time ([solver] time_limit) or use solver 'highs'",
        "fi": "CBC ei pysähtynyt aikarajaansa {limit:g} s; grantopt pysäytti sen "
              "{seconds:num} sekunnin jälkeen. Anna enemmän aikaa (solver.time_limit) tai "
              "käytä ratkaisinta 'highs'",
        "example": {"limit": 60.0, "seconds": 100.2}},
    "scenario.solver.time_limit": {
        "en": "time_limit must be a positive number of seconds, got {value}",
        "fi": "time_limit on oltava positiivinen sekuntimäärä, annettu {value}",
        "example": {"value": -5}},
    # --- the solver and the model ----------------------------------------------------------
    "solver.unknown": {
        "en": "unknown solver {solver!r}; choose one of {solvers:list}.{suggest:suggest}",
        "fi": "tuntematon ratkaisin {solver!r}; valitse jokin näistä: {solvers:list}."
              "{suggest:suggest}",
        "example": {"solver": "higs", "solvers": ["cbc", "highs"], "suggest": ["highs"]}},
    "solver.gap": {"en": "gap must be a relative gap in [0, 1), got {gap}",
                   "fi": "gap on oltava suhteellinen ero välillä [0, 1), annettu {gap}",
                   "example": {"gap": 1.5}},
    "solver.cbc_missing": {
        "en": "CBC is not available: PuLP's bundled binary is missing and no 'cbc' is on PATH. "
              "Install it (pip install 'pulp[cbc]', or apt-get install coinor-cbc) or use "
              "solver 'highs'.",
        "fi": "CBC ei ole käytettävissä: PuLPin mukana tuleva ohjelma puuttuu eikä 'cbc' ole "
              "polussa (PATH). Asenna se (pip install 'pulp[cbc]' tai apt-get install "
              "coinor-cbc) tai käytä ratkaisinta 'highs'.",
        "example": {}},
    "solver.highs_missing": {
        "en": "HiGHS is not available: the Python package highspy cannot be imported. "
              "Install it (pip install highspy) or use solver 'cbc'.",
        "fi": "HiGHS ei ole käytettävissä: Python-pakettia highspy ei voi tuoda. Asenna se "
              "(pip install highspy) tai käytä ratkaisinta 'cbc'.",
        "example": {}},
    "solver.failed": {"en": "{solver} could not solve the model: {text}",
                      "fi": "{solver} ei pystynyt ratkaisemaan mallia: {text}",
                      "example": {"solver": "highs", "text": "virhe"}},
    "solver.cancelled": {
        "en": "The calculation was stopped: a newer change replaced it, or it was cancelled. "
              "The figures shown are those before it.",
        "fi": "Laskenta keskeytettiin: uudempi muutos korvasi sen, tai se peruttiin. "
              "Näkyvät luvut ovat sitä edeltävät.",
        "example": {}},
    "solver.session_shape": {
        "en": "the model gained or lost variables or rows since the session was built; build "
              "a new session",
        "fi": "mallin muuttujat tai rivit ovat muuttuneet istunnon luomisen jälkeen; luo uusi "
              "istunto",
        "example": {}},
    "solver.method.choice": {
        "en": "method must be 'auto', 'dp' or 'ip', not {method!r}",
        "fi": "menetelmän on oltava 'auto', 'dp' tai 'ip', ei {method!r}",
        "example": {"method": "lp"}},
    "solver.method.one_of": {
        "en": "method must be one of {methods:list}, not {method!r}",
        "fi": "menetelmän on oltava jokin näistä: {methods:list}, ei {method!r}",
        "example": {"methods": ["auto", "ip", "dp"], "method": "lp"}},
    "solver.method.dp_not_exact": {
        "en": "the knapsack DP is exact only for budget-only scenarios (full funding, no "
              "coverage, target-area, target-area cap, lead or minimum-spend rule)",
        "fi": "reppuongelman dynaaminen ohjelmointi on tarkka vain skenaarioissa, joissa on "
              "pelkkä määräraha (vain täydet avustukset, ei kattavuus-, kohde-, kohdekatto-, "
              "hankehallinnoija- eikä vähimmäiskäyttösääntöä)",
        "example": {}},
    "solver.infeasible": {"en": _infeasible, "fi": _infeasible,
                          "example": {"lines": [(False, Message.of("diagnose.infeasible"))]}},
    "solver.locks_over_budget": {
        "en": "the fund-locked applications need more than the budget ({units} units)",
        "fi": "rahoitettaviksi lukitut hakemukset tarvitsevat enemmän kuin määrärahan "
              "({units} yksikköä)",
        "example": {"units": 9964}},
    "solver.budget_negative": {
        "en": "budget must be >= 0 units, got {units}",
        "fi": "määrärahan on oltava vähintään 0 yksikköä, annettu {units}",
        "example": {"units": -1}},
    "solver.model_elastic": {
        "en": "{method}() is for the optimisation model, not the elastic one",
        "fi": "{method}() kuuluu optimointimalliin, ei joustomalliin",
        "example": {"method": "force"}},
    "solver.force_unknown": {
        "en": "cannot force {id!r}: not an application of this model",
        "fi": "hakemusta {id!r} ei voi lukita: se ei kuulu tähän malliin",
        "example": {"id": "2020-99"}},
    # A solution the tool refuses to report (VerificationError).
    "solver.verify.no_value": {"en": "the solver returned no value for {name}",
                               "fi": "ratkaisin ei antanut arvoa muuttujalle {name}",
                               "example": {"name": "x_2020_14"}},
    "solver.verify.fractional_value": {
        "en": "the solver returned a fractional value {value} for {name}",
        "fi": "ratkaisin antoi muuttujalle {name} murtoarvon {value}",
        "example": {"value": 0.5, "name": "x_2020_14"}},
    "solver.verify.no_award": {"en": "the solver returned no award for {id}",
                               "fi": "ratkaisin ei antanut avustusta hakemukselle {id}",
                               "example": {"id": "2020-14"}},
    "solver.verify.fractional_award": {
        "en": "the solver returned a fractional award {value} for {id}",
        "fi": "ratkaisin antoi hakemukselle {id} murtolukuavustuksen {value}",
        "example": {"value": 12.5, "id": "2020-14"}},
    "solver.verify.objective_mismatch": {
        "en": "{solver} reported objective {reported!r}, but its allocation is worth {value!r}; "
              "the result is not reported",
        "fi": "{solver} ilmoitti tavoitefunktion arvoksi {reported!r}, mutta sen jaon "
              "kokonaisarvo on {value!r}; tulosta ei raportoida",
        "example": {"solver": "cbc", "reported": 12.5, "value": 12.25}},
    "solver.verify.beats_optimum": {
        "en": "a portfolio worth {value!r} beats the proven optimum {optimum!r}; the solver's "
              "answer is not reported",
        "fi": "jako, jonka kokonaisarvo on {value!r}, ylittää todistetun optimin {optimum!r}; "
              "ratkaisimen vastausta ei raportoida",
        "example": {"value": 12.5, "optimum": 12.25}},
    "solver.verify.closest_breaks": {
        "en": _closest_breaks, "fi": _closest_breaks,
        "example": {"rules": [Message.of("rule.no_feasible_portfolio")]}},
    "solver.verify.closest_below": {
        "en": "the closest optimal portfolio is worth {value!r}, below the optimum {optimum!r}",
        "fi": "lähimmän optimaalisen jaon kokonaisarvo {value!r} jää optimin {optimum!r} alle",
        "example": {"value": 12.0, "optimum": 12.25}},
    "solver.fewest_changes_failed": {
        "en": "{solver} could not solve the fewest-changes program ({status}: {text}); an "
              "optimal portfolio exists, so this is a numerical problem: try the other solver",
        "fi": "{solver} ei pystynyt ratkaisemaan vähimpien muutosten tehtävää ({status}: "
              "{text}); optimaalinen jako on olemassa, joten kyse on numeerisesta ongelmasta: "
              "kokeile toista ratkaisinta",
        "example": {"solver": "cbc", "status": "virhe", "text": "numeerinen virhe"}},
    # --- the analyses ----------------------------------------------------------------------
    "analysis.report_needs_scenario": {"en": "a report needs at least one scenario",
                                       "fi": "raportti tarvitsee vähintään yhden skenaarion",
                                       "example": {}},
    "analysis.calibrate.no_actual": {
        "en": "the actual decision funds no application of this instance; there is nothing to "
              "calibrate the weights against",
        "fi": "toteutunut päätös ei rahoita yhtään tämän laskelman hakemusta; painoja ei ole "
              "mihin sovittaa",
        "example": {}},
    "analysis.calibrate.per_criterion": {
        "en": "calibrate needs the per-criterion values of every application; this instance "
              "has none (scores were given as totals)",
        "fi": "painojen sovitus tarvitsee jokaisen hakemuksen arvot kriteereittäin; tässä "
              "laskelmassa niitä ei ole (pisteet annettiin yhteispisteinä)",
        "example": {}},
    "analysis.calibrate.samples": {"en": "samples must be >= 0, got {samples}",
                                   "fi": "otoksia on oltava vähintään 0, annettu {samples}",
                                   "example": {"samples": -3}},
    "analysis.explain.unknown_id": {
        "en": "unknown application id {id!r}: not in the round.{suggest:suggest}",
        "fi": "tuntematon hakemuksen tunnus {id!r}: sitä ei ole hakukierroksella."
              "{suggest:suggest}",
        "example": {"id": "2020-99", "suggest": ["2020-09"]}},
    "analysis.frontier.range": {
        "en": "frontier: the largest budget ({hi:eur}) is below the smallest ({lo:eur}); swap "
              "--min and --max",
        "fi": "tehokas raja: suurin määräraha ({hi:eur}) on pienempi kuin pienin ({lo:eur}); "
              "vaihda --min ja --max keskenään",
        "example": {"hi": 5000000, "lo": 8000000}},
    "analysis.proportional.ballots": {
        "en": "Equal Shares and Phragmén need approval, cumulative or scoring ballots; this "
              "file has {kind} ballots",
        "fi": "Equal Shares ja Phragmén tarvitsevat hyväksyntä-, kumulatiivisia tai "
              "pisteäänestyslippuja; tämän tiedoston äänestysliput ovat tyyppiä {kind}",
        "example": {"kind": "ordinal"}},
    # --- where the analyses run (--executor) -------------------------------------------------
    "analysis.dask.same_version": {"en": _SAME_VERSION["en"], "fi": _SAME_VERSION["fi"],
                                   "example": {"version": "0.9.0"}},
    "analysis.dask.task_failed": {
        "en": "the Dask cluster at {address} could not run grantopt's tasks: {error}. "
              + _SAME_VERSION["en"],
        "fi": "Dask-klusteri osoitteessa {address} ei pystynyt ajamaan grantoptin tehtäviä: "
              "{error}. " + _SAME_VERSION["fi"],
        "example": {"address": "tcp://" + _ADDRESS, "error": "ModuleNotFoundError: optimizer",
                    "version": "0.9.0"}},
    "analysis.dask.no_workers": {
        "en": "the Dask cluster at {address} has no workers: start some with dask worker "
              "{address}",
        "fi": "Dask-klusterissa osoitteessa {address} ei ole työntekijöitä: käynnistä niitä "
              "komennolla dask worker {address}",
        "example": {"address": "tcp://" + _ADDRESS}},
    "analysis.dask.wrong_version": {
        "en": _wrong_workers, "fi": _wrong_workers,
        "example": {"workers": [("tcp://10.0.0.5:40111", "0.8.1"), ("tcp://10.0.0.6:40111",
                                                                     None)],
                    "version": "0.9.0"}},
    "analysis.dask.missing": {
        "en": 'the Dask executor needs dask: pip install "grantopt[dask]"',
        "fi": 'Dask-ajoympäristö tarvitsee daskin: pip install "grantopt[dask]"',
        "example": {}},
    "analysis.dask.unreachable": {
        "en": "cannot reach the Dask scheduler at {address}: {error}. Is it running (dask "
              "scheduler), and is the address right?",
        "fi": "Dask-ajastinta osoitteessa {address} ei tavoiteta: {error}. Onko se käynnissä "
              "(dask scheduler), ja onko osoite oikea?",
        "example": {"address": "tcp://" + _ADDRESS, "error": "yhteys evätty"}},
    "analysis.executor.dask_address": {
        "en": "executor {spec!r}: give the scheduler as dask://HOST:PORT (e.g. dask://"
              + _ADDRESS + ")",
        "fi": "ajoympäristö {spec!r}: anna ajastin muodossa dask://KONE:PORTTI (esim. dask://"
              + _ADDRESS + ")",
        "example": {"spec": "dask://"}},
    "analysis.executor.unknown": {
        "en": "executor {spec!r}: use 'local' or 'dask://HOST:PORT'",
        "fi": "ajoympäristö {spec!r}: käytä arvoa 'local' tai 'dask://KONE:PORTTI'",
        "example": {"spec": "klusteri"}},
    "analysis.executor.workers_lowered": {
        "en": "--workers {asked} lowered to {workers}: no more processes than this machine's "
              "CPUs ({cpus})",
        "fi": "--workers {asked} laskettu arvoon {workers}: prosesseja ei enempää kuin koneen "
              "suorittimia ({cpus})",
        "example": {"asked": 10000, "cpus": 2, "workers": 2}},
    "analysis.dask.workers_lost": {
        "en": "the Dask cluster at {address} lost its workers ({workers:list}) and none has "
              "joined for {seconds:g} s; {left} of {total} tasks did not run. Start workers "
              "again (dask worker {address}), or use --executor local",
        "fi": "Dask-klusteri osoitteessa {address} menetti työntekijänsä ({workers:list}), "
              "eikä uusia ole liittynyt {seconds:g} sekuntiin; {left}/{total} tehtävää jäi "
              "ajamatta. Käynnistä työntekijöitä uudelleen (dask worker {address}) tai käytä "
              "valitsinta --executor local",
        "example": {"address": "tcp://" + _ADDRESS, "workers": ["tcp://10.0.0.5:40111"],
                    "seconds": 60, "left": 12, "total": 40}},
    # --- typed numbers (N) ---
    "scenario.typed.not_a_number": {
        "en": lambda a, w: "expected a " + ("share, such as 0.25 or 25 %" if a["unit"] == "share"
                                           else "number, such as 12,000,000 or 12,000,000 €"),
        "fi": lambda a, w: "odotettiin " + ("osuutta, esim. 0,25 tai 25 %" if a["unit"] == "share"
                                            else "lukua, esim. 12 000 000 tai 12 000 000 €"),
        "example": {"unit": "eur"}},
    "scenario.typed.groups": {
        "en": "thousands go in groups of three digits: write e.g. 12,000,000 or 12 000 000",
        "fi": "tuhannet erotetaan kolmen numeron ryhmiin: kirjoita esim. 12 000 000",
        "example": {}},
    "scenario.typed.comma_in_english": {
        "en": "in English the comma separates thousands (12,000,000): write {decimal} for a "
              "decimal number",
        "fi": "englanninkielisellä sivulla pilkku erottaa tuhannet (12,000,000): kirjoita "
              "desimaaliluku muodossa {decimal}",
        "example": {"decimal": "1.5"}},
    "scenario.typed.ambiguous": {
        "en": "{text} could be {thousands} or {decimal}: write {thousands} (or with a space "
              "between thousands) or {decimal}",
        "fi": "{text} voi tarkoittaa lukua {thousands} tai {decimal}: kirjoita {thousands} (tai "
              "tuhannet välilyönnillä erotettuina) tai {decimal}",
        "example": {"text": "1,500", "thousands": "1500", "decimal": "1.5"}},
    "scenario.typed.percent_not_share": {
        "en": "a percentage is for shares only: write the amount in euros, e.g. 12,000,000",
        "fi": "prosentti käy vain osuuksille: kirjoita summa euroina, esim. 12 000 000",
        "example": {}},
    "scenario.typed.euro_not_amount": {
        "en": "€ is for amounts only: write the share as e.g. 0.25 or 25 %",
        "fi": "€ käy vain rahamäärille: kirjoita osuus esim. 0,25 tai 25 %",
        "example": {}},
}
