"""The rules an allocation breaks (model.verify), and the checks of locks against the
instance: every rule family's message in English and Finnish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.constants import REMAINDER  # the budget outside the pools
from optimizer.vocabulary.message import Message, did_you_mean, general, joined
from optimizer.vocabulary.words import Words


def pool_names(names: list[str], w: Words) -> list[str]:
    """Funding pools by their names, the budget outside them by its name in the language."""
    outside = {"en": "the budget outside the pools", "fi": "määrärahaosuuksiin kuulumaton osa"}
    return [outside[w.lang] if n == REMAINDER else n for n in names]


def _pools_over(a: Mapping[str, Any], w: Words) -> str:
    names = joined(pool_names(a["names"], w), "list", w.lang)
    one = len(a["names"]) == 1
    if w.lang == "fi":
        which = ("määrärahaosuus {} : vain siitä" if one
                 else "määrärahaosuudet {} : vain niistä").replace(" :", ":").format(names)
        return (f"{which} maksettavat avustukset yhteensä {w.eur(a['total'])}, "
                f"{w.eur(a['over'])} yli {'sen' if one else 'niiden'} määrärahan "
                f"{w.eur(a['cap'])}")
    which = f"funding pool{'' if one else 's'} {names}"
    return (f"{which}: awards only {'it' if one else 'they'} may pay total "
            f"{w.eur(a['total'])}, {w.eur(a['over'])} over the appropriation {w.eur(a['cap'])}")


def _fair_share(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    basis = {("population", "en"): "population share", ("population", "fi"): "väestöosuuden",
             ("requested", "en"): "share of the euros requested",
             ("requested", "fi"): "osuuden haetuista euroista"}[(a["basis"], w.lang)]
    low = a["side"] == "min"
    if fi:
        side = "alle" if low else "yli"
        return (f"{a['region']}: {w.pct(a['got'])} myönnetyistä euroista, {side} "
                f"{general(a['bound'], 'fi')} × maakunnan {basis} {w.pct(a['p'])} "
                f"(suhde {w.num(a['ratio'], 2)}; kohtuullinen osuus "
                f"{'vähintään' if low else 'enintään'})")
    side = "below" if low else "above"
    return (f"{a['region']}: {w.pct(a['got'])} of the awarded euros, {side} "
            f"{general(a['bound'], 'en')} × its {basis} {w.pct(a['p'])} "
            f"(ratio {w.num(a['ratio'], 2)}; fair share at {'least' if low else 'most'})")


def _lock_unknown(a: Mapping[str, Any], w: Words) -> str:
    hint = did_you_mean(list(a["suggest"]), w.lang)
    if w.lang == "fi":
        how = "mukaan" if a["how"] == "fund" else "pois"
        return (f"{a['id']!r} on lukittu {how}, mutta se ei ole tämän skenaarion "
                f"avustuskelpoinen hakemus.{hint}")
    how = "in" if a["how"] == "fund" else "out"
    return (f"{a['id']!r} is locked {how}, but it is not a fundable application of this "
            f"scenario.{hint}")


def _fair(basis: str):
    def render(a: Mapping[str, Any], w: Words) -> str:
        lo = w.num(a["lo"], 2) if a["lo"] is not None else "0"
        hi = w.num(a["hi"], 2) if a["hi"] is not None else "∞"
        if w.lang == "fi":
            whose = "sen väestöosuus" if basis == "population" else "sen osuus haetuista euroista"
            return (f"kunkin maakunnan osuus myönnetyistä euroista {lo}–{hi} × {whose} "
                    "(kohtuulliset osuudet)")
        whose = "the population" if basis == "population" else "the requested euros"
        return (f"each region's share of the awarded euros within {lo}–{hi} × its share of "
                f"{whose} (fair shares)")
    return render


# The scenario's coverage rules as the rules table lists them (case.rules).
RULE_ROWS: Mapping[str, Mapping[str, Any]] = {
    "rules.basis.lead": {"en": "the lead applicant's region", "fi": "hankehallinnoijan maakunta",
                         "example": {}},
    "rules.basis.participants": {"en": "the regions of all participants",
                                 "fi": "kaikkien osallistujien maakunnat", "example": {}},
    "rules.min_projects_per_region": {
        "en": "at least {n} project(s) in every region with a fundable application "
              "(by {basis:msg})",
        "fi": "vähintään {n} hanke(tta) jokaisessa maakunnassa, jossa on avustuskelpoinen "
              "hakemus ({basis:msg})",
        "example": {"n": 1, "basis": Message.of("rules.basis.lead")}},
    "rules.min_regions": {
        "en": "at least {n} regions covered (by {basis:msg})",
        "fi": "vähintään {n} maakuntaa katettu ({basis:msg})",
        "example": {"n": 10, "basis": Message.of("rules.basis.participants")}},
    "rules.max_region_share": {
        "en": "projects led from one region get at most {share:pct0} of the appropriation",
        "fi": "yhdestä maakunnasta hallinnoidut hankkeet saavat enintään {share:pct0} "
              "määrärahasta",
        "example": {"share": 0.25}},
    "rules.max_region_share_split": {
        "en": "no region gets more than {share:pct0} of the appropriation, each award split "
              "between the participants' regions by their residents (as the regions table)",
        "fi": "mikään maakunta ei saa yli {share:pct0} määrärahasta, kun kukin avustus jaetaan "
              "osallistujien maakunnille asukasluvun suhteessa (kuten maakuntataulukossa)",
        "example": {"share": 0.25}},
    "rules.min_projects_per_target_area": {
        "en": "at least {n} project(s) per target area",
        "fi": "vähintään {n} hanke(tta) kutakin avustuksen kohdetta kohden",
        "example": {"n": 1}},
    "rules.target_area_cap": {
        "en": "target area {area:name}: at most {cap:eur}",
        "fi": "avustuksen kohde {area:name}: enintään {cap:eur}",
        "example": {"area": "etätyö", "cap": 1_250_000}},
    "rules.fair_share.population": {"en": _fair("population"), "fi": _fair("population"),
                                    "example": {"lo": 0.8, "hi": 1.25}},
    "rules.fair_share.requested": {"en": _fair("requested"), "fi": _fair("requested"),
                                   "example": {"lo": 0.5, "hi": None}},
    "rules.max_awards_per_lead": {
        "en": "at most {n} award(s) per lead applicant",
        "fi": "enintään {n} avustus(ta) hankehallinnoijaa kohden",
        "example": {"n": 1}},
    "rules.max_awards_per_applicant": {
        "en": "at most {n} award(s) per lead applicant as written (a municipality's "
              "enterprises and libraries each count apart)",
        "fi": "enintään {n} avustus(ta) kutakin hankehallinnoijaa kohden sellaisena kuin se on "
              "kirjoitettu (kunnan liikelaitokset ja kirjastot lasketaan erikseen)",
        "example": {"n": 1}},
}


APP = "2020-47 (Riihimäen kaupunki)"

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "rule.allocation_breaks": {
        "en": "The allocation breaks {n:count=rule}:{rules:msgs}",
        "fi": "Jako rikkoo {n:countobj=rule}:{rules:msgs}",
        "example": {"n": 1, "rules": []}},
    "rule.unknown_application": {
        "en": "{id!r} is not an application of this instance{suggest:suggest}",
        "fi": "{id!r} ei ole tämän laskelman hakemus{suggest:suggest}",
        "example": {"id": "2020-99", "suggest": ["2020-09"]}},
    "rule.award_not_whole": {
        "en": "{app}: award {award!r} is not a whole number of units",
        "fi": "{app}: avustus {award!r} ei ole kokonainen määrä pyöristysyksiköitä",
        "example": {"app": APP, "award": 1.5}},
    "rule.award_negative": {
        "en": "{app}: award {award:eur} is negative",
        "fi": "{app}: avustus {award:eur} on negatiivinen",
        "example": {"app": APP, "award": -100.0}},
    "rule.award_not_full": {
        "en": "{app}: award {award:eur} differs from the full amount {full:eur} (only full "
              "awards are allowed)",
        "fi": "{app}: avustus {award:eur} poikkeaa täydestä määrästä {full:eur} (vain täysi "
              "avustus sallitaan)",
        "example": {"app": APP, "award": 100_000.0, "full": 134_400.0}},
    "rule.award_above_max": {
        "en": "{app}: award {award:eur} is above its maximum {max:eur}",
        "fi": "{app}: avustus {award:eur} ylittää enimmäisavustuksen {max:eur}",
        "example": {"app": APP, "award": 140_000.0, "max": 134_400.0}},
    "rule.award_below_min": {
        "en": "{app}: award {award:eur} is below the smallest partial award {least:eur} "
              "({min_share:pctg} of {max:eur})",
        "fi": "{app}: avustus {award:eur} alittaa pienimmän osittaisen avustuksen {least:eur} "
              "({min_share:pctg} määrästä {max:eur})",
        "example": {"app": APP, "award": 50_000.0, "least": 67_200.0, "min_share": 0.5,
                    "max": 134_400.0}},
    "rule.budget_over": {
        "en": "budget: awards total {total:eur}, {over:eur} over the budget of {budget:eur}",
        "fi": "määräraha: avustukset yhteensä {total:eur}, {over:eur} yli määrärahan "
              "{budget:eur}",
        "example": {"total": 10_024_500.0, "over": 24_500.0, "budget": 10_000_000.0}},
    "rule.min_spend_short": {
        "en": "minimum spend: awards total {total:eur}, {short:eur} short of the minimum "
              "{least:eur}",
        "fi": "vähimmäiskäyttö: avustukset yhteensä {total:eur}, {short:eur} alle "
              "vähimmäismäärän {least:eur}",
        "example": {"total": 9_000_000.0, "short": 500_000.0, "least": 9_500_000.0}},
    "rule.region_min_projects": {
        "en": "{region}: region has {got:count=funded_project}, at least {need} required in "
              "every region with applicants",
        "fi": "{region}: maakunnassa {got:count=funded_project}, vaaditaan vähintään {need} "
              "jokaisessa hakijamaakunnassa",
        "example": {"region": "Kainuu", "got": 0, "need": 1}},
    "rule.min_regions": {
        "en": "funded projects cover {got:count=region}, at least {need} required",
        "fi": "rahoitetut hankkeet kattavat {got:countobj=region}, vaaditaan vähintään {need}",
        "example": {"got": 15, "need": 17}},
    "rule.region_share_split": {
        "en": "{region}: the awards split to the region by the participants' residents total "
              "{total:eur}, above the region share cap {cap:eur} ({share:pctg} of the budget)",
        "fi": "{region}: osallistujien asukasluvun suhteessa maakunnalle jaetut avustukset "
              "yhteensä {total:eur}, yli maakunnan osuuden rajan {cap:eur} ({share:pctg} "
              "määrärahasta)",
        "example": {"region": "Uusimaa", "total": 1_582_246.27, "cap": 1_500_000.0,
                    "share": 0.15}},
    "rule.region_share": {
        "en": "{region}: awards led from the region total {total:eur}, above the region share "
              "cap {cap:eur} ({share:pctg} of the budget)",
        "fi": "{region}: maakunnasta hallinnoitujen hankkeiden avustukset yhteensä {total:eur}, "
              "yli maakunnan osuuden rajan {cap:eur} ({share:pctg} määrärahasta)",
        "example": {"region": "Uusimaa", "total": 2_850_300.0, "cap": 2_500_000.0,
                    "share": 0.25}},
    "rule.target_min_projects": {
        "en": "target area {area:name}: {got:count=funded_project}, at least {need} required "
              "in every target area",
        "fi": "avustuksen kohde {area:name}: {got:count=funded_project}, vaaditaan vähintään "
              "{need} jokaisessa avustuksen kohteessa",
        "example": {"area": "services", "got": 0, "need": 1}},
    "rule.target_cap": {
        "en": "target area {area:name}: awards total {total:eur}, {over:eur} over its cap "
              "{cap:eur}",
        "fi": "avustuksen kohde {area:name}: avustukset yhteensä {total:eur}, {over:eur} yli "
              "kohteen enimmäismäärän {cap:eur}",
        "example": {"area": "services", "total": 3_100_000.0, "over": 100_000.0,
                    "cap": 3_000_000.0}},
    "rule.lead_cap": {
        "en": "lead applicant {lead}: {n:count=award} ({ids:list}), at most {cap} per lead "
              "applicant",
        "fi": "hankehallinnoija {lead}: {n:count=award} ({ids:list}), enintään {cap} "
              "hankehallinnoijaa kohden",
        "example": {"lead": "Oulu", "n": 3, "ids": ["2020-35", "2020-37", "2020-42"],
                    "cap": 2}},
    "rule.locked_in_not_funded": {
        "en": "{app} is locked in but not funded",
        "fi": "{app} on lukittu mukaan, mutta sitä ei rahoiteta",
        "example": {"app": APP}},
    "rule.locked_out_funded": {
        "en": "{app} is locked out but funded",
        "fi": "{app} on lukittu pois, mutta sitä rahoitetaan",
        "example": {"app": APP}},
    "rule.link_requires": {
        "en": "{app} is funded but requires {other}, which is not",
        "fi": "{app} rahoitetaan, mutta se edellyttää hanketta {other}, jota ei rahoiteta",
        "example": {"app": APP, "other": "2020-11 (Kainuun liitto)"}},
    "rule.link_excludes": {
        "en": "{apps:list} exclude each other, but {n} of them are funded",
        "fi": "{apps:list} ovat toistensa vaihtoehtoja, mutta niistä rahoitetaan {n}",
        "example": {"apps": ["2020-40", "2020-41"], "n": 2}},
    "rule.link_together": {
        "en": "{apps:list} go together, but only {n} of them are funded",
        "fi": "{apps:list} kuuluvat yhteen, mutta niistä rahoitetaan vain {n}",
        "example": {"apps": ["2020-40", "2020-41"], "n": 1}},
    "rule.fair_share": {
        "en": _fair_share, "fi": _fair_share,
        "example": {"region": "Kanta-Häme", "got": 0.012, "basis": "population", "side": "min",
                    "bound": 0.5, "p": 0.031, "ratio": 0.39}},
    "rule.pools_over": {
        "en": _pools_over, "fi": _pools_over,
        "example": {"names": ["small municipalities"], "total": 3_200_000.0,
                    "over": 200_000.0, "cap": 3_000_000.0}},
    "rule.pools_none": {
        "en": "funding pools: no pool may pay {ids:list}, awards total {total:eur}",
        "fi": "määrärahaosuudet: mikään määrärahaosuus ei voi maksaa hankkeita {ids:list}, "
              "avustukset yhteensä {total:eur}",
        "example": {"ids": ["2020-16"], "total": 250_000.0}},
    "rule.year_over": {
        "en": "year {year}: payments total {paid:eur}, {over:eur} over its appropriation "
              "{limit:eur}",
        "fi": "vuosi {year}: maksut yhteensä {paid:eur}, {over:eur} yli vuoden määrärahan "
              "{limit:eur}",
        "example": {"year": "2022", "paid": 5_978_400.0, "over": 978_400.0,
                    "limit": 5_000_000.0}},
    "rule.years_over": {
        "en": "years up to {year}: payments total {paid:eur}, {over:eur} over the "
              "appropriations {limit:eur} (unspent money carried over)",
        "fi": "vuodet {year} asti: maksut yhteensä {paid:eur}, {over:eur} yli vuosien "
              "määrärahojen {limit:eur} (käyttämätön määräraha siirtyy seuraavalle vuodelle)",
        "example": {"year": "2022", "paid": 10_100_000.0, "over": 100_000.0,
                    "limit": 10_000_000.0}},
    "rule.funded_not_fundable": {
        "en": "funded but not fundable under this scenario: {ids:list}",
        "fi": "rahoitettu, vaikka ei avustuskelpoinen tässä skenaariossa: {ids:list}",
        "example": {"ids": ["2020-03"]}},
    "rule.no_feasible_portfolio": {
        "en": "no feasible portfolio",
        "fi": "ratkaisua ei ole",
        "example": {}},
    "rule.locks_unknown": {
        "en": _lock_unknown, "fi": _lock_unknown,
        "example": {"id": "2020-99", "how": "fund", "suggest": ["2020-09"]}},
    "scenario.locks_unknown": {
        "en": "locks.{how} names {id!r}, which is not a fundable application of this "
              "instance.{suggest:suggest}",
        "fi": "locks.{how} nimeää hakemuksen {id!r}, joka ei ole tämän laskelman "
              "avustuskelpoinen hakemus.{suggest:suggest}",
        "example": {"how": "fund", "id": "2020-99", "suggest": ["2020-09"]}},
    "scenario.locks_both": {
        "en": "{id!r} is in both locks.fund and locks.reject; remove it from one of them",
        "fi": "{id!r} on sekä kohdassa locks.fund että locks.reject; poista se toisesta",
        "example": {"id": "2020-47"}},
    **RULE_ROWS,
}
