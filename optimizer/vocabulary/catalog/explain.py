"""Why an application is in or out of the optimum (analysis.explain): the rules that bind
it, its links, the pools, years and fair shares it meets, what the diagnosis says of a flip
that cannot be made, and the one sentence a journalist could quote, with the numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from optimizer.vocabulary.catalog.rules import REMAINDER, pool_names
from optimizer.vocabulary.message import Message, Named, general, joined, shown_name
from optimizer.vocabulary.numbers import short
from optimizer.vocabulary.words import LABELS, Words

IN = "in"  # analysis.bindings.IN


def text_of(said: Message | str, lang: str) -> str:
    """A message in the language; a text that is not (yet) a message code as it is (an
    eligibility reason or a diagnosis finding given as plain text)."""
    return said.text(lang) if isinstance(said, Message) else str(said)


def named(item_id: str, label: str, project: str) -> str:
    """'2020-47 Riihimäen kaupunki (“Avoin kunta: …”)'."""
    text = item_id + (f" {label}" if label and label != item_id else "")
    return text + (f" (“{short(project, 60)}”)" if project else "")


def _who(a: Mapping[str, Any], w: Words) -> str:
    """The application named, with its score where it has one."""
    name = named(a["id"], a.get("label", ""), a.get("project", ""))
    score = a.get("score")
    return name + (f" ({w['score']} {w.score(score)})" if score is not None else "")


def _is(status: str, w: Words) -> str:
    if w.lang == "fi":
        return "on mukana" if status == IN else "ei ole mukana"
    return "is in" if status == IN else "is out"


# --- the rules that hold an application where it is ---------------------------------


def _min_regions(a: Mapping[str, Any], w: Words) -> str:
    lone = joined(list(a["regions"]), "list", w.lang)
    if w.lang == "fi":
        where = "maakunnassa" if len(a["regions"]) == 1 else "maakunnissa"
        return (f"ainoa rahoitettu hanke {where} {lone}; katettuna on täsmälleen "
                f"{w.count(a['covered'], 'region')}, vähimmäismäärä")
    return (f"the only funded project of {lone}; exactly {w.count(a['covered'], 'region')} "
            "are covered, the minimum")


def _area(a: Mapping[str, Any], w: Words) -> str:
    """A target area by its name in the language, where the call gives one."""
    return shown_name(a["area"], w.lang)


def _target_area(a: Mapping[str, Any], w: Words) -> str:
    need = w.count(a["need"], "funded_project")
    if w.lang == "fi":
        return f"avustuksen kohteessa {_area(a, w)} on täsmälleen {need}, vähimmäismäärä"
    return f"target area {_area(a, w)} has exactly {need}, the minimum"


def _required_by(a: Mapping[str, Any], w: Words) -> str:
    one, ids = len(a["ids"]) == 1, joined(list(a["ids"]), "list", w.lang)
    if w.lang == "fi":
        return (f"rahoitettu hanke {ids} edellyttää sitä" if one
                else f"rahoitetut hankkeet {ids} edellyttävät sitä")
    return f"{ids} {'requires it, and is' if one else 'require it, and are'} funded"


# Link details whose subject is the application itself: its sentence says "it" ("se").
_IT_LINKS = ("explain.link_requires", "explain.link_together", "explain.link_synergy")


def _link_sentence(a: Mapping[str, Any], w: Words) -> str:
    """'2020-12 is out because it requires 2020-11, which is not funded.'"""
    link: Message = a["link"]
    it = {"en": "it ", "fi": "se "}[w.lang] if link.code in _IT_LINKS else ""
    because = "koska" if w.lang == "fi" else "because"
    sep = "," if w.lang == "fi" else ""
    return f"{a['id']} {_is(a['status'], w)}{sep} {because} {it}{link.text(w.lang)}."


# --- pools, years and fair shares -----------------------------------------------------


def _pools(names: list[str], w: Words) -> str:
    """'the pool main that admits it is spent', in the pools' words."""
    shown = pool_names(names, w)
    if w.lang == "fi":
        if not names:
            return "mikään määrärahaosuus ei voi rahoittaa sitä"
        if names == [REMAINDER]:
            return ("määrärahaosuuksiin kuulumaton osa määrärahasta, ainoa josta sen voi "
                    "rahoittaa, on käytetty")
        if len(names) == 1:
            return f"määrärahaosuus {shown[0]}, josta sen voi rahoittaa, on käytetty"
        return f"määrärahaosuudet {', '.join(shown)}, joista sen voi rahoittaa, on käytetty"
    if not names:
        return "no funding pool admits it"
    if names == [REMAINDER]:
        return "the budget outside the pools, the only money that may pay it, is spent"
    if len(names) == 1:
        return f"the pool {shown[0]} that admits it is spent"
    return f"the pools {', '.join(shown)} that admit it are spent"


def _pool_spent(a: Mapping[str, Any], w: Words) -> str:
    pools, left, need = _pools(list(a["names"]), w), w.eur(a["left"]), w.eur(a["need"])
    if w.lang == "fi":
        return f"{pools} (jäljellä {left}; se tarvitsee vähintään {need})"
    return f"{pools} ({left} left; it needs at least {need})"


def _year_binds(a: Mapping[str, Any], w: Words) -> str:
    """A year's appropriation (or, when unspent money is carried over, the years' up to it)
    that the payments would overrun."""
    year, paid, limit, added = a["year"], w.eur(a["paid"]), w.eur(a["limit"]), w.eur(a["added"])
    if w.lang == "fi":
        nums = f"maksettu {paid} / {limit}; se lisäisi {added}"
        if a["carry"]:
            return (f"vuosien {year} asti määrärahat ovat sitovia (käyttämätön määräraha "
                    f"siirtyy seuraavalle vuodelle; {nums})")
        return f"vuoden {year} määräraha on sitova ({nums})"
    nums = f"{paid} of {limit} paid; it would add {added}"
    if a["carry"]:
        return (f"the appropriations of the years up to {year} bind (unspent money carried "
                f"over; {nums})")
    return f"the appropriation of {year} binds ({nums})"


def _fair_share(a: Mapping[str, Any], w: Words) -> str:
    """A region at its fair-share bound: with (or without) the application it would pass
    it."""
    low, bound = a["low"], general(a["bound"], w.lang)
    have, p, region = w.pct(a["have"]), w.pct(a["p"]), a["region"]
    by_population = a["basis"] == "population"
    if w.lang == "fi":
        whose = "väestöosuutensa" if by_population else "osuutensa haetuista euroista"
        return (f"{'sen kanssa' if a['with_it'] else 'ilman sitä'} maakunta {region} saisi "
                f"{have} myönnetyistä euroista, {'alle' if low else 'yli'} {bound} × {whose} "
                f"{p} (kohtuullinen osuus {'vähintään' if low else 'enintään'})")
    whose = "population share" if by_population else "share of the requested euros"
    return (f"{'with' if a['with_it'] else 'without'} it, {region} would get {have} of the "
            f"awarded euros, {'below' if low else 'above'} {bound} x its {whose} {p} "
            f"(fair share at {'least' if low else 'most'})")


def _structure_sentence(a: Mapping[str, Any], w: Words) -> str:
    """'2020-06 is out: the pool main that admits it is spent (...).' One per rule."""
    details = "; ".join(d.text(w.lang) for d in a["details"])
    return f"{a['id']} {_is(a['status'], w)}: {details}."


# --- a flip that cannot be made, or was not solved to the end -----------------------------


def _flip_infeasible(a: Mapping[str, Any], w: Words) -> str:
    finding = text_of(a["finding"], w.lang)
    if w.lang == "fi":
        return (f"{'pois' if a['status'] == IN else 'mukaan'} pakottaminen ei ole "
                f"mahdollista: {finding}")
    return f"forcing it {'out' if a['status'] == IN else 'in'} is infeasible: {finding}"


# --- the whole row in one sentence ------------------------------------------------------


def _row_excluded(a: Mapping[str, Any], w: Words) -> str:
    # One full stop: the call's own words for a scope exclusion may end with theirs.
    why = "; ".join(text_of(x, w.lang) for x in a["reasons"]).removesuffix(".")
    if w.lang == "fi":
        return f"{_who(a, w)} ei ole avustuskelpoinen tässä skenaariossa: {why}."
    return f"{_who(a, w)} cannot be funded under this scenario: {why}."


def _row_infeasible(a: Mapping[str, Any], w: Words) -> str:
    why, was_in = "; ".join(text_of(x, w.lang) for x in a["findings"]), a["status"] == IN
    if w.lang == "fi":
        what = "jättää pois" if was_in else "rahoittaa"
        return (f"{_who(a, w)} {_is(a['status'], w)} optimaalisessa jaossa, eikä sitä voi "
                f"{what} näillä säännöillä: {why}.")
    return (f"{_who(a, w)} is {'in' if was_in else 'out of'} the optimal portfolio, and it "
            f"cannot be {'left out' if was_in else 'funded'} under these rules: {why}.")


def _moved(moved: Sequence[Mapping[str, Any]], w: Words, noun: str = "project") -> str:
    """'2 projects worth 1,076,800 €: 2020-07 Iin kunta (score 0.599, 524,300 €) and ...'."""
    fi = w.lang == "fi"
    if not moved:
        if fi:
            return "yhtään muuta hanketta" if noun == "project" else "mitään muuta"
        return "no other project" if noun == "project" else "no other"
    names = [f"{m['id']} {m['label']} ({w['score']} {w.score(m['score'])}, "
             f"{w.eur(m['award'])})" for m in moved]
    listed, total = joined(names, "and", w.lang), w.eur(sum(m["award"] for m in moved))
    if fi:
        return f"{w.count(len(moved), noun, as_object=True)} yhteensä {total}: {listed}"
    return f"{w.count(len(moved), noun)} worth {total}: {listed}"


def _value_change(a: Mapping[str, Any], w: Words) -> str:
    """What flipping does to the portfolio's value: the one change phrase of the catalog
    (diff.value_change), its verb and sign read from the optimum and the flipped value."""
    return Message.of("diff.value_change", before=a["optimum"], after=a["forced"],
                      objective=a["objective"], would=True).text(w.lang)


def _flipped(head: str, parts: list[str], a: Mapping[str, Any], w: Words) -> str:
    if a["tie"]:
        tail = ("se ei maksaisi mitään: toinen optimaalinen jako ratkaisee sen toisin"
                if w.lang == "fi" else
                "it would cost nothing: another optimal portfolio decides it the other way")
        return f"{head} {'; '.join(parts)}; {tail}."
    return f"{head} {'; '.join(parts)}; {_value_change(a, w)}."


def _row_out(a: Mapping[str, Any], w: Words) -> str:
    out, come = a["pushed_out"], a["brought_in"]
    locked, most = a.get("locked", False), w.eur(a["max"])
    if w.lang == "fi":
        head = (f"{_who(a, w)} on lukittu pois optimaalisesta jaosta. Sen rahoittaminen "
                f"(lukituksen poistaminen, {most})" if locked else
                f"{_who(a, w)} ei ole mukana optimaalisessa jaossa. Sen rahoittaminen ({most})")
        parts = [f"syrjäyttäisi {_moved(out, w)}"]
        parts += [f"toisi mukaan {_moved(come, w)}"] if come else []
    else:
        head = (f"{_who(a, w)} is locked out of the optimal portfolio. Funding it (lifting "
                f"the lock, {most})" if locked else
                f"{_who(a, w)} is not in the optimal portfolio. Funding it ({most})")
        parts = [f"would push out {_moved(out, w)}"]
        parts += [f"bring in {_moved(come, w)}"] if come else []
    return _flipped(head, parts, a, w)


def _row_in(a: Mapping[str, Any], w: Words) -> str:
    out, come = a["pushed_out"], a["brought_in"]
    locked = a.get("locked", False)
    if w.lang == "fi":
        euros = w.eur(a["award"]).rstrip("€").rstrip()
        head = (f"{_who(a, w)} on lukittu mukaan optimaaliseen jakoon {euros} euron "
                "avustuksella. Sen jättäminen pois (lukituksen poistaminen)" if locked else
                f"{_who(a, w)} on mukana optimaalisessa jaossa {euros} euron avustuksella. "
                "Sen jättäminen pois")
        parts = [f"toisi mukaan {_moved(come, w)}"]
        parts += [f"syrjäyttäisi {_moved(out, w, 'other')}"] if out else []
    else:
        head = (f"{_who(a, w)} is locked into the optimal portfolio with "
                f"{w.eur(a['award'])}. Leaving it out (lifting the lock)" if locked else
                f"{_who(a, w)} is in the optimal portfolio with {w.eur(a['award'])}. "
                "Leaving it out")
        parts = [f"would bring in {_moved(come, w)}"]
        parts += [f"push out {_moved(out, w, 'other')}"] if out else []
    return _flipped(head, parts, a, w)


# --- the command line's sentences ---------------------------------------------------------


def _optimum_line(a: Mapping[str, Any], w: Words) -> str:
    value, solver = w.value(a["value"], a["objective"]), a["solver"]
    status = LABELS.get(f"status_{a['status']}", {}).get(w.lang, a["status"])
    spent, budget, left = w.eur(a["spent"]), w.eur(a["budget"]), w.eur(a["left"])
    if w.lang == "fi":
        return (f"Optimaalinen jako: kokonaisarvo {value} ({status}, {solver}); käytetty "
                f"{spent} / {budget}, jäljellä {left}"
                + (" – liian vähän yhdellekään hakemukselle, joka ei ole mukana"
                   if a["too_little"] else ""))
    return (f"Optimum: {value} ({status}, {solver}); spent {spent} of {budget}, {left} left"
            + (" - too little for any application that is out" if a["too_little"] else ""))


# Example parameters (2020 baseline, 2020-47 Riihimäki).
_APP = {"id": "2020-47", "label": "Riihimäen kaupunki",
        "project": "Avoin kunta: toiminnan strateginen uudistaminen asukas keskiössä"}
_MOVED = [{"id": "2020-07", "label": "Iin kunta", "score": 0.599, "award": 524_300.0},
          {"id": "2020-57", "label": "Vantaan kaupunki", "score": 0.547, "award": 552_500.0}]
_FLIP = {**_APP, "score": 0.567, "optimum": 23.296, "forced": 22.717,
         "objective": "score", "tie": False, "pushed_out": [], "brought_in": _MOVED}
_FINDING = Message.of("rule.min_regions", got=15, need=17)

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # the rules that hold an application in or out (analysis.bindings.Binding.detail)
    "explain.locked_in": {"en": "locked in", "fi": "lukittu mukaan", "example": {}},
    "explain.locked_out": {"en": "locked out", "fi": "lukittu pois", "example": {}},
    "explain.region_min": {
        "en": "{region} has exactly {need:count=funded_project}, the minimum; without this "
              "one the region falls short",
        "fi": "maakunnassa {region} on täsmälleen {need:count=funded_project}, "
              "vähimmäismäärä; ilman tätä maakunta jää vajaaksi",
        "example": {"region": "Kainuu", "need": 1}},
    "explain.min_regions": {"en": _min_regions, "fi": _min_regions,
                            "example": {"regions": ["Kainuu"], "covered": 17}},
    "explain.target_area": {
        "en": _target_area, "fi": _target_area,
        "example": {"area": Named("participation", {
            "en": "participation and influence of residents and service users",
            "fi": "kuntalaisten ja palveluiden käyttäjien osallistuminen ja vaikuttaminen"}),
            "need": 1}},
    "explain.min_spend": {
        "en": "without it the awards total less than the minimum spend {least:eur}",
        "fi": "ilman sitä avustukset jäävät alle vähimmäiskäytön {least:eur}",
        "example": {"least": 9_500_000.0}},
    "explain.budget_left": {
        "en": "needs at least {need:eur}; {left:eur} of the budget is left",
        "fi": "tarvitsee vähintään {need:eur}; määrärahaa on jäljellä {left:eur}",
        "example": {"need": 134_400.0, "left": 36_000.0}},
    "explain.region_cap": {
        "en": "{region} already has {spent:eur} of its cap {cap:eur}",
        "fi": "maakunnalla {region} on jo {spent:eur} osuutensa rajasta {cap:eur}",
        "example": {"region": "Uusimaa", "spent": 2_432_100.0, "cap": 2_500_000.0}},
    "explain.lead_cap": {
        "en": "lead applicant {lead} has {n:count=award}, the cap (at most {cap:count=award} "
              "per lead applicant)",
        "fi": "hankehallinnoijalla {lead} on {n:count=award}, enimmäismäärä (enintään "
              "{cap:count=award} hankehallinnoijaa kohden)",
        "example": {"lead": "Helsingin kaupunki", "n": 2, "cap": 2}},
    # links between applications
    "explain.link_requires": {
        "en": "requires {other}, which is not funded",
        "fi": "edellyttää hanketta {other}, jota ei rahoiteta",
        "example": {"other": "2020-11"}},
    "explain.link_excludes": {
        "en": "{id} and {other} exclude each other, and {other} is funded",
        "fi": "{id} ja {other} ovat toistensa vaihtoehtoja, ja {other} rahoitetaan",
        "example": {"id": "2020-12", "other": "2020-11"}},
    "explain.link_together": {
        "en": "goes together with {others:list}: all of them or none",
        "fi": "kuuluu yhteen hankkeiden {others:list} kanssa: kaikki tai ei mitään",
        "example": {"others": ["2020-11", "2020-14"]}},
    "explain.link_required_by": {"en": _required_by, "fi": _required_by,
                                 "example": {"ids": ["2020-12"]}},
    "explain.link_synergy": {
        "en": "completes the synergy of {ids:list}",
        "fi": "täydentää hankkeiden {ids:list} yhteisvaikutuksen",
        "example": {"ids": ["2020-11", "2020-12"]}},
    "explain.link_sentence": {
        "en": _link_sentence, "fi": _link_sentence,
        "example": {"id": "2020-12", "status": "out",
                    "link": Message.of("explain.link_requires", other="2020-11")}},
    # funding pools, years and fair shares
    "explain.pool_spent": {"en": _pool_spent, "fi": _pool_spent,
                           "example": {"names": ["main"], "left": 412_300.0,
                                       "need": 850_000.0}},
    "explain.year_binds": {"en": _year_binds, "fi": _year_binds,
                           "example": {"year": "2022", "paid": 4_978_500.0,
                                       "limit": 5_000_000.0, "added": 314_580.0,
                                       "carry": True}},
    "explain.fair_share": {"en": _fair_share, "fi": _fair_share,
                           "example": {"region": "Kainuu", "have": 0.0, "p": 0.014,
                                       "bound": 0.5, "low": True, "with_it": False,
                                       "basis": "population"}},
    "explain.structure_sentence": {
        "en": _structure_sentence, "fi": _structure_sentence,
        "example": {"id": "2020-06", "status": "out", "details": [Message.of(
            "explain.pool_spent", names=["main"], left=412_300.0, need=850_000.0)]}},
    # a flip that cannot be made, or was not solved to the end
    "explain.flip_infeasible": {"en": _flip_infeasible, "fi": _flip_infeasible,
                                "example": {"status": "in", "finding": _FINDING}},
    "explain.flip_limit": {
        "en": "the flipped solve stopped at a limit (gap {gap:.2%}): the loss may be "
              "overstated",
        "fi": "käännetyn jaon laskenta pysähtyi aikarajaan (ero optimiin {gap:pct2}): "
              "menetys voi olla yliarvioitu",
        "example": {"gap": 0.0125}},
    # the whole row in one sentence
    "explain.row_excluded": {
        "en": _row_excluded, "fi": _row_excluded,
        "example": {**_APP, "reasons": [Message.of("reason.joint_rule", parties=1, least=2)]}},
    "explain.row_infeasible": {"en": _row_infeasible, "fi": _row_infeasible,
                               "example": {**_APP, "score": 0.442, "status": "in",
                                           "findings": [_FINDING]}},
    "explain.row_out": {"en": _row_out, "fi": _row_out,
                        "example": {**_FLIP, "status": "out", "max": 1_090_100.0,
                                    "pushed_out": _MOVED, "brought_in": []}},
    "explain.row_in": {"en": _row_in, "fi": _row_in,
                       "example": {**_FLIP, "status": "in", "award": 1_090_100.0,
                                   "optimum": 22.717, "forced": 23.296, "locked": True}},
    # the command line
    "explain.cli_optimum": {
        "en": _optimum_line, "fi": _optimum_line,
        "example": {"value": 23.296, "objective": "score", "status": "optimal",
                    "solver": "cbc", "spent": 9_964_000.0, "budget": 10_000_000.0,
                    "left": 36_000.0, "too_little": True}},
    "explain.cli_flipped": {
        "en": "Flipped: an application that is out is forced in (what funding it costs), one "
              "that is in is forced out (its safety margin); of the optimal portfolios that "
              "result, the one that moves fewest other projects is shown.",
        "fi": "Käännetty: hakemus, joka ei ole mukana, pakotetaan mukaan (mitä sen "
              "rahoittaminen maksaa), ja mukana oleva pakotetaan pois (sen turvamarginaali); "
              "syntyvistä optimaalisista jaoista näytetään se, joka siirtää vähiten muita "
              "hankkeita.",
        "example": {}},
    "explain.cli_partial": {
        "en": "Partial funding: a score change marked >= is a lower bound.",
        "fi": "Osittainen rahoitus: merkinnällä >= varustettu pistemuutos on alaraja.",
        "example": {}},
}
