"""Why an application cannot be funded under a scenario (scoring.eligibility), and the
errors of locks that name no fundable application."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.message import Message, render
from optimizer.vocabulary.words import Words


def _scope(a: Mapping[str, Any], w: Words) -> str:
    """The call's own words for the exclusion (call.toml), in the language; its code only
    when the call gives no text."""
    text = a["texts"].get(w.lang) or a["texts"].get("en") or a["exclusion"]
    head = "ei kuulu haun piiriin" if w.lang == "fi" else "outside the call's scope"
    return f"{head}: {text}"


def _unfundable(a: Mapping[str, Any], w: Words) -> str:
    items = ", ".join(f"{i} ({'; '.join(render(r, w.lang) for r in reasons)})"
                      for i, reasons in a["items"])
    if w.lang == "fi":
        return (f"locks.fund nimeää hakemuksia, joita ei voi rahoittaa: {items}. Poista "
                "sääntö osiosta [eligibility] tai poista lukitus.")
    return (f"locks.fund names applications that cannot be funded: {items}. Switch the "
            "rule off in [eligibility] or remove the lock.")


def _whole_value(a: Mapping[str, Any], w: Words) -> str:
    if w.lang == "fi":
        how = "osittaisella avustuksella" if a["partial"] else "hankekohtaisella enimmäismäärällä"
        return (f"rajattu tai osittainen avustus lasketaan täysimääräisenä: {how} "
                "optimaalinen jako rahoittaa monia hankkeita pienimmällä avustuksella, ja "
                "kokonaisarvo voi nousta rajaamalla; kokonaisarvot eivät ole vertailukelpoisia "
                "rajaamattomaan jakoon")
    how = "partial funding" if a["partial"] else "a cap per project"
    return (f"a capped or partial award counts whole: with {how} the optimum funds many "
            "projects at their smallest award, and cutting awards can raise the value; the "
            "values are not comparable with an uncut allocation")


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "reason.joint_rule": {
        "en": "joint-project rule: {parties:count=distinct_party} (needs at least {least})",
        "fi": "vain useamman kunnan yhteishankkeet: {parties:count=party}, vaaditaan "
              "vähintään {least}",
        "example": {"parties": 1, "least": 2}},
    "reason.scope": {
        "en": _scope, "fi": _scope,
        "example": {"exclusion": "sote", "texts": {
            "en": "In this call, grants could not be applied for social and health care "
                  "development projects.",
            "fi": "Avustusta ei tässä haussa voinut hakea sosiaali- ja terveydenhuollon "
                  "kehittämishankkeisiin."}}},
    "reason.locked_out": {
        "en": "locked out by the scenario",
        "fi": "skenaario rajaa hakemuksen pois",
        "example": {}},
    "reason.rounds_to_zero": {
        "en": "maximum award rounds down to 0 € (unit {unit:g} €)",
        "fi": "enimmäisavustus pyöristyy 0 euroon (pyöristysyksikkö {unit:g}\u00a0€)",
        "example": {"unit": 100.0}},
    "reason.score_below": {
        "en": "score {score:score} is below the minimum score {least:g}",
        "fi": "pisteet {score:score} alittavat vähimmäispistemäärän {least:g}",
        "example": {"score": 0.312, "least": 0.4}},
    # Errors of the scenario file: they name the key, for the person who edits it.
    "scenario.lock_unknown": {
        "en": "{key}: no application {id!r} in the round.{suggest:suggest}",
        "fi": "{key}: hakukierroksella ei ole hakemusta {id!r}.{suggest:suggest}",
        "example": {"key": "locks.fund", "id": "2020-99", "suggest": ["2020-09"]}},
    "scenario.lock_both": {
        "en": "locks.fund and locks.reject both name {ids:list}; free each from one of them",
        "fi": "locks.fund ja locks.reject nimeävät molemmat hakemukset {ids:list}; poista "
              "kukin toisesta",
        "example": {"ids": ["2020-47"]}},
    # a party name of the round that matched no municipality (case.unresolved_notes)
    "case.unresolved": {
        "en": "application {id}: {name!r} matches no municipality in the register; it is not "
              "counted (not as a party of the joint-project rule, not in the proxy "
              "indicators). Add participants.csv to say what it is",
        "fi": "hakemus {id}: nimeä {name!r} ei löydy kuntarekisteristä; sitä ei lasketa (ei "
              "yhteishankesäännön osapuoleksi eikä välillisiin mittareihin). Kerro "
              "participants.csv-tiedostossa, mikä se on",
        "example": {"id": "2020-12", "name": "Kaupunginkirjasto"}},
    "reason.not_in_instance": {
        "en": "not an application of the instance (no reason recorded)",
        "fi": "ei laskelman hakemus (syytä ei ole kirjattu)",
        "example": {}},
    "scenario.locked_in_unfundable": {
        "en": _unfundable, "fi": _unfundable,
        "example": {"items": [("2020-03", [Message.of("reason.joint_rule", parties=1,
                                                       least=2)])]}},
    # --- issue 19: a funding pool no award can draw on (case.empty_pool_notes) ------------
    "case.empty_pool": {
        "en": "the funding pool {name!r} admits no fundable application: its appropriation "
              "of {appropriation:eur} cannot be awarded",
        "fi": "määrärahaosuuteen {name!r} ei kuulu yhtään rahoituskelpoista hakemusta: sen "
              "määrärahaa {appropriation:eur} ei voi myöntää",
        "example": {"name": "pienet kunnat", "appropriation": 2000000}},
    "case.whole_value": {
        "en": _whole_value, "fi": _whole_value, "example": {"partial": True}},
}
