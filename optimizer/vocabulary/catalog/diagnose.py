"""Why a scenario is infeasible (model.diagnose): the conflicts no allocation avoids, the
smallest repair of the rules, and the summary around them, in English and Finnish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.constants import REMAINDER  # the budget outside the pools
from optimizer.vocabulary.catalog.rules import pool_names
from optimizer.vocabulary.message import Message, general, joined, render, shown_name
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words

Args = Mapping[str, Any]

APP = "2020-47 (Riihimäen kaupunki)"


def _more(n: int, one: str, many: str) -> str:
    """'1 more funded project', '2 more funded projects' (English)."""
    return f"{n} more {one if n == 1 else many}"


def _msg(a: Args, name: str, w: Words) -> str:
    return render(a[name], w.lang)


# --- the smallest repair (the elastic model's slacks) -----------------------------------


def _fair_share(a: Args, w: Words) -> str:
    low = a["side"] == "min"
    if w.lang == "fi":
        basis = {"population": "väestöosuus", "requested": "osuus haetuista euroista"}
        return (f"{a['region']}: kohtuullisesta osuudesta ({'vähintään' if low else 'enintään'}"
                f" {general(a['bound'], 'fi')} × maakunnan {basis[a['basis']]}) on joustettava "
                f"{w.eur(a['by'])}")
    return (f"{a['region']}: the fair share (fair share at {'least' if low else 'most'} "
            f"{general(a['bound'], 'en')} x its {a['basis']} share) must give way by "
            f"{w.eur(a['by'])}")


def _region_more(a: Args, w: Words) -> str:
    if w.lang == "fi":
        return (f"{a['region']}: maakunta tarvitsee vielä {w.count(a['n'], 'funded_project', True)}"
                f"{_msg(a, 'cheapest', w)}")
    return (f"{a['region']}: region needs {_more(a['n'], 'funded project', 'funded projects')}"
            f"{_msg(a, 'cheapest', w)}")


def _area_more(a: Args, w: Words) -> str:
    if w.lang == "fi":
        return (f"avustuksen kohde {a['area']}: tarvitaan vielä "
                f"{w.count(a['n'], 'funded_project')}{_msg(a, 'cheapest', w)}")
    return (f"target area {a['area']}: needs "
            f"{_more(a['n'], 'funded project', 'funded projects')}{_msg(a, 'cheapest', w)}")


def _min_regions_more(a: Args, w: Words) -> str:
    if w.lang == "fi":
        return (f"katettuja maakuntia vähintään {a['need']}: tarvitaan vielä "
                f"{w.count(a['n'], 'covered_region')}")
    return (f"at least {w.count(a['need'], 'region')} covered: "
            f"{_more(a['n'], 'covered region', 'covered regions')} needed")


def _link(a: Args, w: Words) -> str:
    """A link as the formulation names it: 'a requires b', 'a, b exclude each other'."""
    kind, ids = a["kind"], a["ids"]
    if w.lang == "fi":
        what = {"requires": f"{ids[0]} edellyttää hanketta {a.get('requires')}",
                "excludes": f"{', '.join(ids)} ovat toistensa vaihtoehtoja",
                "together": f"{ids[0]} vain yhdessä hankkeen {ids[-1]} kanssa"}[kind]
        return f"kytköksestä '{what}' on luovuttava (hakemusten väliset kytkökset)"
    what = {"requires": f"{ids[0]} requires {a.get('requires')}",
            "excludes": f"{', '.join(ids)} exclude each other",
            "together": f"{ids[0]} together with {ids[-1]}"}[kind]
    return f"the link '{what}' must give way (links between applications)"


def _lead_more(a: Args, w: Words) -> str:
    if w.lang == "fi":
        return (f"hankehallinnoija {a['lead']}: tarvitsee {w.count(a['n'], 'award', True)} "
                f"enemmän kuin sallitaan (enintään {w.count(a['cap'], 'award')} "
                "hankehallinnoijaa kohden)")
    return (f"lead applicant {a['lead']}: needs {w.count(a['n'], 'award')} more than allowed "
            f"(at most {w.count(a['cap'], 'award')} per lead applicant)")


# --- conflicts found without a solver -------------------------------------------------


def _pool_names(names: list[str], w: Words) -> str:
    return joined(pool_names(list(names), w), "list", w.lang)


def _locked_pools(a: Args, w: Words) -> str:
    one = len(a["names"]) == 1
    names, total = _pool_names(a["names"], w), w.eur(a["total"])
    if w.lang == "fi":
        where = "määrärahaosuudesta" if one else "määrärahaosuuksista"
        return (f"mukaan lukitut hakemukset tarvitsevat {total} {where} {names}, "
                f"{w.eur(a['over'])} yli määrärahan {w.eur(a['cap'])}")
    return (f"locked-in applications need {total} from funding pool{'' if one else 's'} "
            f"{names}, {w.eur(a['over'])} over the appropriation {w.eur(a['cap'])}")


def _group_head(a: Args, w: Words) -> str:
    """'Kainuu: region needs 1 funded project' / 'target area T2: needs 2 funded projects'."""
    region, need = a["group"] == "region", a["need"]
    name = shown_name(a["name"], w.lang)
    if w.lang == "fi":
        if region:
            return f"{name}: maakunta tarvitsee {w.count(need, 'funded_project', True)}"
        return f"avustuksen kohde {name}: tarvitaan {w.count(need, 'funded_project')}"
    where = f"{name}: region" if region else f"target area {name}:"
    return f"{where} needs {w.count(need, 'funded_project')}"


def _group_too_few(a: Args, w: Words) -> str:
    n, out, region = a["n"], a["locked_out"], a["group"] == "region"
    fundable = w.count(n, "fundable_application")
    if w.lang == "fi":
        extra = f" ({w.count(out, 'other')} lukittu pois)" if out else ""
        where = "sen kattaa" if region else "kohteessa on"
        return f"{_group_head(a, w)}, mutta {where} vain {fundable}{extra}"
    extra = f" ({out} more locked out)" if out else ""
    verbs = ("covers", "cover") if region else ("is in", "are in")
    verb = verbs[0] if n == 1 else verbs[1]
    return f"{_group_head(a, w)}, but only {fundable} {verb} it{extra}"


def _cheapest_group(a: Args, w: Words) -> str:
    """'; the cheapest fundable 2 applications there need', in the language."""
    need = a["need"]
    if w.lang == "fi":
        if need == 1:
            return f"{_group_head(a, w)}; siellä edullisin avustuskelpoinen hakemus tarvitsee"
        return (f"{_group_head(a, w)}; siellä {need} edullisinta avustuskelpoista hakemusta "
                "tarvitsevat")
    which, verb = ("application", "needs") if need == 1 else (f"{need} applications", "need")
    return f"{_group_head(a, w)}; the cheapest fundable {which} there {verb}"


def _group_beyond_budget(a: Args, w: Words) -> str:
    beyond = "yli määrärahan" if w.lang == "fi" else "beyond the budget"
    return f"{_cheapest_group(a, w)} {w.eur(a['over'])} {beyond}"


def _group_above_cap(a: Args, w: Words) -> str:
    if w.lang == "fi":
        cap = ("yli kohteen enimmäismäärän" if a["group"] == "area"
               else "yli maakunnan osuuden rajan")
    else:
        cap = "above the area's cap" if a["group"] == "area" else "above the region share cap"
    return f"{_cheapest_group(a, w)} {w.eur(a['cost'])}, {cap} {w.eur(a['cap'])}"


def _min_regions_too_few(a: Args, w: Words) -> str:
    if w.lang == "fi":
        return (f"katettuja maakuntia vähintään {a['need']}, mutta avustuskelpoiset hakemukset "
                f"kattavat vain {w.count(a['n'], 'region', True)}")
    have = "region has" if a["n"] == 1 else "regions have"
    return (f"at least {w.count(a['need'], 'region')} covered but only {a['n']} {have} "
            "fundable applications")


def _lead_locked(a: Args, w: Words) -> str:
    ids, cap = joined(list(a["ids"]), "list", w.lang), w.count(a["cap"], "award")
    if w.lang == "fi":
        return (f"hankehallinnoija {a['lead']}: {w.count(a['n'], 'application')} lukittu "
                f"mukaan ({ids}), mutta enintään {cap} hankehallinnoijaa kohden")
    verb = "application is" if a["n"] == 1 else "applications are"
    return (f"lead applicant {a['lead']}: {a['n']} {verb} locked in ({ids}) but at most {cap} "
            "per lead applicant")


# --- the summary ------------------------------------------------------------------------


def _repair_head(a: Args, w: Words) -> str:
    solver = value_name("solver.name", a["solver"], w.lang) or a["solver"]
    weight = a.get("weight")
    if w.lang == "fi":
        how = (f"; yksi puuttuva hanke tai maakunta painaa yhtä paljon kuin {w.eur(weight)}, "
               "lukitus hieman yli kaksinkertaisesti" if weight is not None else "")
        return f"Pienin muutos, jolla ratkaisu löytyy ({solver}{how}):"
    how = (f"; one missing project or region weighs like {w.eur(weight)}, a lock a bit over "
           "twice that" if weight is not None else "")
    return f"Smallest change that makes it feasible ({solver}{how}):"


YEAR_OVER = Message.of("rule.year_over", year="2022", paid=5_978_400.0, over=978_400.0,
                       limit=5_000_000.0)
NONE_LEFT = Message.of("diagnose.cheapest_none")

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # the smallest repair, one rule that must give way each
    "diagnose.budget_more": {
        "en": "budget: {more:eur} more needed",
        "fi": "määräraha: tarvitaan {more:eur} lisää",
        "example": {"more": 1_234_500.0}},
    "diagnose.min_spend_lower": {
        "en": "minimum spend: lower it by {by:eur} (to {to:eur})",
        "fi": "vähimmäiskäyttö: alennettava {by:eur} (uusi vähimmäismäärä {to:eur})",
        "example": {"by": 300_000.0, "to": 9_700_000.0}},
    "diagnose.fair_share": {
        "en": _fair_share, "fi": _fair_share,
        "example": {"region": "Kanta-Häme", "side": "min", "bound": 0.5, "basis": "population",
                    "by": 45_200.0}},
    "diagnose.area_cap_rise": {
        "en": "target area {area:name}: its cap of {cap:eur} must rise by {by:eur}",
        "fi": "avustuksen kohde {area:name}: kohteen enimmäismäärää {cap:eur} on nostettava "
              "{by:eur}",
        "example": {"area": "Etätyö", "cap": 3_000_000.0, "by": 100_000.0}},
    "diagnose.year_rise": {
        "en": "year {year}: its appropriation of {cap:eur} must rise by {by:eur}",
        "fi": "vuosi {year}: vuoden määrärahaa {cap:eur} on nostettava {by:eur}",
        "example": {"year": "2022", "cap": 5_000_000.0, "by": 978_400.0}},
    "diagnose.years_rise": {
        "en": "years up to {year}: the appropriations must rise by {by:eur} (unspent money "
              "carried over)",
        "fi": "vuodet {year} asti: vuosien määrärahoja on nostettava {by:eur} (käyttämätön "
              "määräraha siirtyy seuraavalle vuodelle)",
        "example": {"year": "2022", "by": 100_000.0}},
    "diagnose.pool_rise": {
        "en": "funding pool {pool}: its appropriation of {cap:eur} must rise by {by:eur}",
        "fi": "määrärahaosuus {pool}: sen määrärahaa {cap:eur} on nostettava {by:eur}",
        "example": {"pool": "Pienet kunnat", "cap": 3_000_000.0, "by": 200_000.0}},
    "diagnose.outside_pools_rise": {
        "en": "the budget outside the funding pools ({cap:eur}) must rise by {by:eur}",
        "fi": "määrärahaosuuksiin kuulumatonta osaa ({cap:eur}) on nostettava {by:eur}",
        "example": {"cap": 7_000_000.0, "by": 200_000.0}},
    "diagnose.region_share_rise": {
        "en": "{region}: the region share cap of {cap:eur} must rise by {by:eur}",
        "fi": "{region}: maakunnan osuuden rajaa {cap:eur} on nostettava {by:eur}",
        "example": {"region": "Uusimaa", "cap": 2_500_000.0, "by": 350_300.0}},
    "diagnose.region_more": {
        "en": _region_more, "fi": _region_more,
        "example": {"region": "Kainuu", "n": 1, "cheapest": Message.of(
            "diagnose.cheapest_beyond", id="2020-24", over=479_400.0)}},
    "diagnose.area_more": {
        "en": _area_more, "fi": _area_more,
        "example": {"area": "Etätyö", "n": 2, "cheapest": NONE_LEFT}},
    "diagnose.cheapest_none": {
        "en": "; no further fundable application there",
        "fi": "; muuta avustuskelpoista hakemusta siellä ei ole",
        "example": {}},
    "diagnose.cheapest_beyond": {
        "en": "; the cheapest fundable application there ({id}) needs {over:eur} beyond the "
              "budget",
        "fi": "; siellä edullisin avustuskelpoinen hakemus ({id}) tarvitsee {over:eur} yli "
              "määrärahan",
        "example": {"id": "2020-24", "over": 479_400.0}},
    "diagnose.cheapest_no_fit": {
        "en": "; the cheapest fundable application there ({id}, {cost:eur}) does not fit "
              "beside the other rules",
        "fi": "; siellä edullisin avustuskelpoinen hakemus ({id}, {cost:eur}) ei mahdu muiden "
              "sääntöjen rinnalle",
        "example": {"id": "2020-24", "cost": 134_400.0}},
    "diagnose.min_regions_more": {
        "en": _min_regions_more, "fi": _min_regions_more,
        "example": {"need": 19, "n": 2}},
    "diagnose.link": {
        "en": _link, "fi": _link,
        "example": {"kind": "excludes", "ids": ["2020-40", "2020-41"], "requires": None}},
    "diagnose.lead_more": {
        "en": _lead_more, "fi": _lead_more,
        "example": {"lead": "Oulun kaupunki", "n": 1, "cap": 2}},
    "diagnose.lock_in_drop": {
        "en": "{app} is locked in, but the other rules exclude it: drop the lock",
        "fi": "{app} on lukittu mukaan, mutta muut säännöt sulkevat sen pois: poista lukitus",
        "example": {"app": APP}},
    "diagnose.lock_out_drop": {
        "en": "{app} is locked out, but the other rules need it: drop the lock",
        "fi": "{app} on lukittu pois, mutta muut säännöt edellyttävät sitä: poista lukitus",
        "example": {"app": APP}},
    # conflicts that hold whatever is funded
    "diagnose.locked_pools": {
        "en": _locked_pools, "fi": _locked_pools,
        "example": {"names": ["Pienet kunnat", REMAINDER], "total": 3_200_000.0,
                    "over": 200_000.0, "cap": 3_000_000.0}},
    "diagnose.locked_year": {
        "en": "locked-in applications: {over:msg}",
        "fi": "mukaan lukitut hakemukset: {over:msg}",
        "example": {"over": YEAR_OVER}},
    "diagnose.locked_over_budget": {
        "en": "locked-in applications ({ids:list}) need at least {need:eur}, {over:eur} more "
              "than the budget of {budget:eur}",
        "fi": "mukaan lukitut hakemukset ({ids:list}) tarvitsevat vähintään {need:eur}, "
              "{over:eur} enemmän kuin määrärahaa on ({budget:eur})",
        "example": {"ids": ["2020-05", "2020-47"], "need": 10_100_000.0, "over": 100_000.0,
                    "budget": 10_000_000.0}},
    "diagnose.min_spend_over_budget": {
        "en": "minimum spend {least:eur} exceeds the budget {budget:eur} by {by:eur}",
        "fi": "vähimmäiskäyttö {least:eur} ylittää määrärahan {budget:eur} määrällä {by:eur}",
        "example": {"least": 10_500_000.0, "budget": 10_000_000.0, "by": 500_000.0}},
    "diagnose.min_spend_over_requests": {
        "en": "minimum spend {least:eur}, but all fundable applications together ask for only "
              "{most:eur}",
        "fi": "vähimmäiskäyttö {least:eur}, mutta kaikki avustuskelpoiset hakemukset hakevat "
              "yhteensä vain {most:eur}",
        "example": {"least": 17_000_000.0, "most": 16_100_330.45}},
    "diagnose.group_too_few": {
        "en": _group_too_few, "fi": _group_too_few,
        "example": {"group": "region", "name": "Kainuu", "need": 2, "n": 1,
                    "locked_out": 1}},
    "diagnose.group_beyond_budget": {
        "en": _group_beyond_budget, "fi": _group_beyond_budget,
        "example": {"group": "area", "name": "Etätyö", "need": 1, "over": 479_400.0}},
    "diagnose.group_above_cap": {
        "en": _group_above_cap, "fi": _group_above_cap,
        "example": {"group": "region", "name": "Uusimaa", "need": 2, "cost": 2_700_000.0,
                    "cap": 2_500_000.0}},
    "diagnose.min_regions_too_few": {
        "en": _min_regions_too_few, "fi": _min_regions_too_few,
        "example": {"need": 19, "n": 17}},
    "diagnose.lead_locked": {
        "en": _lead_locked, "fi": _lead_locked,
        "example": {"lead": "Oulun kaupunki", "n": 3, "ids": ["2020-35", "2020-37", "2020-42"],
                    "cap": 2}},
    "diagnose.area_locked_over_cap": {
        "en": "target area {area:name}: locked-in applications ({ids:list}) need at least "
              "{need:eur}, above the area's cap {cap:eur}",
        "fi": "avustuksen kohde {area:name}: mukaan lukitut hakemukset ({ids:list}) tarvitsevat "
              "vähintään {need:eur}, yli kohteen enimmäismäärän {cap:eur}",
        "example": {"area": "Etätyö", "ids": ["2020-05", "2020-47"], "need": 3_100_000.0,
                    "cap": 3_000_000.0}},
    "diagnose.region_locked_over_cap_split": {
        "en": "{region}: locked-in applications ({ids:list}) put at least {need:eur} into the "
              "region, split by their participants' residents, above the region share cap "
              "{cap:eur}",
        "fi": "{region}: mukaan lukitut hakemukset ({ids:list}) tuovat maakunnalle vähintään "
              "{need:eur} osallistujien asukasluvun suhteessa jaettuna, yli maakunnan osuuden "
              "rajan {cap:eur}",
        "example": {"region": "Uusimaa", "ids": ["2020-05", "2020-47"], "need": 1_600_000.0,
                    "cap": 1_500_000.0}},
    "diagnose.region_locked_over_cap": {
        "en": "{region}: locked-in applications led from the region ({ids:list}) need at least "
              "{need:eur}, above the region share cap {cap:eur}",
        "fi": "{region}: maakunnasta hallinnoidut mukaan lukitut hakemukset ({ids:list}) "
              "tarvitsevat vähintään {need:eur}, yli maakunnan osuuden rajan {cap:eur}",
        "example": {"region": "Uusimaa", "ids": ["2020-05", "2020-47"], "need": 2_600_000.0,
                    "cap": 2_500_000.0}},
    # the summary around the findings
    "diagnose.feasible": {
        "en": "Every rule can be met together: nothing needs to give way.",
        "fi": "Kaikki säännöt voidaan täyttää yhtä aikaa: mistään ei tarvitse joustaa.",
        "example": {}},
    "diagnose.feasible_note": {
        "en": "Every rule can be met together: nothing needs to give way. ({note:msg})",
        "fi": "Kaikki säännöt voidaan täyttää yhtä aikaa: mistään ei tarvitse joustaa. "
              "({note:msg})",
        "example": {"note": Message.of("diagnose.not_proved_smallest")}},
    "diagnose.infeasible": {
        "en": "No allocation meets every rule.",
        "fi": "Mikään jako ei täytä kaikkia sääntöjä.",
        "example": {}},
    "diagnose.structural_head": {
        "en": "Conflicts that hold whatever is funded:",
        "fi": "Ristiriidat, joita mikään jako ei voi välttää:",
        "example": {}},
    "diagnose.repair_head": {
        "en": _repair_head, "fi": _repair_head,
        "example": {"solver": "cbc", "weight": 190_850.0}},
    "diagnose.note": {
        "en": "Note: {note:msg}.",
        "fi": "Huom.: {note:msg}.",
        "example": {"note": Message.of("diagnose.resolve_ended", status="Infeasible")}},
    "diagnose.resolve_ended": {
        "en": "the slack re-solve ended with {status!r}",
        "fi": "joustolaskenta päättyi tilaan {status!r}",
        "example": {"status": "Infeasible"}},
    "diagnose.not_proved_smallest": {
        "en": "the repair is not proved smallest (limit reached)",
        "fi": "korjauksen pienimmyyttä ei ole todistettu (laskennan raja tuli vastaan)",
        "example": {}},
    "diagnose.resolve_failed": {
        "en": "the slack re-solve failed: {error:msg}",
        "fi": "joustolaskenta epäonnistui: {error:msg}",
        "example": {"error": "CBC: -1"}},
}
