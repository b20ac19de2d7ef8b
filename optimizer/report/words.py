"""The report's own words beyond optimizer.vocabulary.words: objective names, and the reasons
scoring.eligibility gives in every language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from optimizer.model.verify import REMAINDER
from optimizer.readers.domain import CallRules
from optimizer.vocabulary.numbers import NBSP
from optimizer.vocabulary.words import LABELS, objective_sentence, value_model

OBJECTIVE_NAMES = {kind: LABELS[f"objective_{kind}"]["en"] for kind in ("score", "score_euros")}

__all__ = ["OBJECTIVE_NAMES", "fund_name", "link_kind", "objective_sentence", "reason_text",
           "rule_text", "value_model"]


# The reasons scoring.eligibility gives, in Finnish; one it does not know stays English.
_REASONS_FI: tuple[tuple[str, str], ...] = (
    (r"joint-project rule: (\d+) distinct part(?:y|ies) \(needs at least (\d+)\)",
     "vain useamman kunnan yhteishankkeet: osapuolia {0}, vaaditaan vähintään {1}"),
    (r"score ([\d.]+) is below min_score (\S+)",
     "pisteet {0} alittavat vähimmäispistemäärän {1}"),
    (r"locked out by the scenario \(locks\.reject\)",
     "skenaario rajaa hakemuksen pois (locks.reject)"),
    (r"maximum award rounds down to 0 € \(unit (\S+) €\)",
     "enimmäisavustus pyöristyy 0 euroon (pyöristysyksikkö {0} €)"),
)


def reason_text(reason: str, lang: str, call: CallRules) -> str:
    """Why an application is not fundable, in the language."""
    if lang != "fi":
        return reason
    scope = re.fullmatch(r"outside the call's scope: (\S+)(?: \(.*\))?", reason)
    if scope:
        code = scope.group(1)
        text = next((e.fi for e in call.exclusions if e.code == code and e.fi), "")
        return f"ei kuulu haun piiriin: {code}" + (f" ({text})" if text else "")
    for pattern, finnish in _REASONS_FI:
        found = re.fullmatch(pattern, reason)
        if found:
            return finnish.format(*(_finnish_number(g) for g in found.groups()))
    return reason


# The rules model.verify says an allocation breaks, in Finnish ({m}: an amount in euros,
# shown in the Finnish format); one it does not know stays English.
_EUR = r"(-?[\d,]+(?:\.\d\d)? €)"
_RULES_FI: tuple[tuple[str, str], ...] = (
    (rf"(.+): award {_EUR} differs from the full amount {_EUR} \(funding mode is 'full'\)",
     "{0}: avustus {1} poikkeaa täydestä määrästä {2} (rahoitustapa on täysi rahoitus)"),
    (rf"(.+): award {_EUR} is above its maximum {_EUR}",
     "{0}: avustus {1} ylittää enimmäisavustuksen {2}"),
    (rf"(.+): award {_EUR} is below the smallest partial award {_EUR} "
     rf"\(min_share (\S+) of {_EUR}\)",
     "{0}: avustus {1} alittaa pienimmän osittaisen avustuksen {2} (min_share {3} "
     "määrästä {4})"),
    (rf"budget: awards total {_EUR}, {_EUR} over the budget of {_EUR}",
     "määräraha: avustukset yhteensä {0}, {1} yli määrärahan {2}"),
    (rf"minimum spend: awards total {_EUR}, {_EUR} short of the minimum {_EUR}",
     "vähimmäiskäyttö: avustukset yhteensä {0}, {1} alle vähimmäismäärän {2}"),
    (r"(.+): region has (\d+) funded projects?, min_projects_per_region is (\d+)",
     "{0}: maakunnassa rahoitettuja hankkeita {1}, min_projects_per_region on {2}"),
    (r"min_regions: funded projects cover (\d+) regions?, need (\d+)",
     "min_regions: rahoitetut hankkeet kattavat {0} maakuntaa, vaaditaan {1}"),
    (rf"(.+): awards led from the region total {_EUR}, above the region share cap {_EUR} "
     r"\(max_region_share (\S+) of the budget\)",
     "{0}: maakunnasta hallinnoitujen hankkeiden avustukset yhteensä {1}, yli maakunnan "
     "osuuden rajan {2} (max_region_share {3} määrärahasta)"),
    (r"target area (.+): (\d+) funded projects?, min_projects_per_target_area is (\d+)",
     "avustuksen kohde {0}: rahoitettuja hankkeita {1}, min_projects_per_target_area on {2}"),
    (rf"target area (.+): awards total {_EUR}, {_EUR} over its cap {_EUR} "
     r"\(max_eur_per_target_area\)",
     "avustuksen kohde {0}: avustukset yhteensä {1}, {2} yli kohteen enimmäismäärän {3} "
     "(max_eur_per_target_area)"),
    (r"lead applicant (.+): (\d+) awards? \((.*)\), max_awards_per_lead is (\d+)",
     "hankehallinnoija {0}: avustuksia {1} ({2}), max_awards_per_lead on {3}"),
    # Funding pools and several years (issue 14).
    (rf"funding pool (.+): awards only it may pay total {_EUR}, {_EUR} over the "
     rf"appropriation {_EUR}",
     "määrärahaosuus {0}: vain siitä maksettavat avustukset yhteensä {1}, {2} yli sen "
     "määrärahan {3}"),
    (rf"funding pools (.+): awards only they may pay total {_EUR}, {_EUR} over the "
     rf"appropriation {_EUR}",
     "määrärahaosuudet {0}: vain niistä maksettavat avustukset yhteensä {1}, {2} yli niiden "
     "määrärahan {3}"),
    (rf"funding pools: no pool may pay (.+), awards total {_EUR}",
     "määrärahaosuudet: mikään määrärahaosuus ei voi maksaa hankkeita {0}, avustukset "
     "yhteensä {1}"),
    (rf"year (\d{{4}}): payments total {_EUR}, {_EUR} over its appropriation {_EUR}",
     "vuosi {0}: maksut yhteensä {1}, {2} yli vuoden määrärahan {3}"),
    (rf"years up to (\d{{4}}): payments total {_EUR}, {_EUR} over the appropriations {_EUR} "
     r"\(carry_over\)",
     "vuodet {0} asti: maksut yhteensä {1}, {2} yli vuosien määrärahojen {3} (käyttämätön "
     "määräraha siirtyy seuraavalle vuodelle, carry_over)"),
    (r"(.+) is locked in \(locks\.fund\) but not funded",
     "{0} on lukittu rahoitettavaksi (locks.fund), mutta sitä ei rahoiteta"),
    (r"(.+) is locked out \(locks\.reject\) but funded",
     "{0} on rajattu pois (locks.reject), mutta sitä rahoitetaan"),
    (r"(.+) is funded but requires (.+), which is not \(links: requires\)",
     "{0} rahoitetaan, mutta se edellyttää hanketta {1}, jota ei rahoiteta (links: requires)"),
    (r"(.+) exclude each other \(links: excludes\), but (\d+) of them are funded",
     "{0} ovat toistensa vaihtoehtoja (links: excludes), mutta niistä rahoitetaan {1}"),
    (r"(.+) go together \(links: together\), but only (\d+) of them are funded",
     "{0} kuuluvat yhteen (links: together), mutta niistä rahoitetaan vain {1}"),
    (r"(.+): ([\d.]+%) of the awarded euros, below (\S+) x its population share ([\d.]+%) "
     r"\(ratio ([\d.]+); fair_share_min\)",
     "{0}: {1} myönnetyistä euroista, alle {2} × maakunnan väestöosuuden {3} (suhde {4}; "
     "fair_share_min)"),
    (r"(.+): ([\d.]+%) of the awarded euros, above (\S+) x its population share ([\d.]+%) "
     r"\(ratio ([\d.]+); fair_share_max\)",
     "{0}: {1} myönnetyistä euroista, yli {2} × maakunnan väestöosuuden {3} (suhde {4}; "
     "fair_share_max)"),
    (r"(.+): ([\d.]+%) of the awarded euros, below (\S+) x its requested share ([\d.]+%) "
     r"\(ratio ([\d.]+); fair_share_min\)",
     "{0}: {1} myönnetyistä euroista, alle {2} × maakunnan osuuden {3} haetuista euroista "
     "(suhde {4}; fair_share_min)"),
    (r"(.+): ([\d.]+%) of the awarded euros, above (\S+) x its requested share ([\d.]+%) "
     r"\(ratio ([\d.]+); fair_share_max\)",
     "{0}: {1} myönnetyistä euroista, yli {2} × maakunnan osuuden {3} haetuista euroista "
     "(suhde {4}; fair_share_max)"),
)


def rule_text(message: str, lang: str) -> str:
    """A rule an allocation breaks (model.verify's words), in the language."""
    if lang != "fi":
        return message
    for pattern, finnish in _RULES_FI:
        found = re.fullmatch(pattern, message)
        if found:
            return finnish.format(*(_finnish_number(g) for g in found.groups()))
    return message


def _finnish_number(text: str) -> str:
    """'2,850,300 €' -> '2 850 300 €' and '0.25' -> '0,25'; any other text unchanged."""
    if re.fullmatch(r"-?[\d,]+(\.\d+)?( €)?", text):
        return text.replace(",", NBSP).replace(".", ",").replace(" €", NBSP + "€")
    return text


# --- portfolio structure (issue 14): funding pools, years, links -------------------------

# The kinds of link between applications, in Finnish.
_LINK_KINDS_FI = {"requires": "edellyttää", "excludes": "vaihtoehtoiset (enintään yksi)",
                  "together": "yhdessä (kaikki tai ei mitään)",
                  "synergy": "yhteisvaikutus"}
_LINK_KINDS_EN = {"requires": "requires", "excludes": "excludes (at most one)",
                  "together": "together (all or none)", "synergy": "synergy"}


def link_kind(kind: str, lang: str) -> str:
    """A kind of link ([[links]] kind) in the language."""
    return (_LINK_KINDS_FI if lang == "fi" else _LINK_KINDS_EN).get(kind, kind)


def fund_name(row: Mapping[str, Any], lang: str) -> str:
    """A row of model.funds.fund_rows named in the language: 'Pool main', 'Year 2021'."""
    if row["kind"] == "year":
        return f"{'Vuosi' if lang == 'fi' else 'Year'} {row['name']}"
    if row["name"] == REMAINDER:
        return ("Määrärahaosuuksiin kuulumaton osa" if lang == "fi"
                else "Budget outside the pools")
    return f"{'Määrärahaosuus' if lang == 'fi' else 'Pool'} {row['name']}"
