"""`grantopt data`: what checking a round folder and drawing a synthetic one say."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.words import Words

# The layout of a scoring sheet (formats.synth): one row per score, or one column per criterion.
LAYOUTS: Mapping[str, Mapping[str, str]] = {
    "long": {"en": "long", "fi": "pitkä"},
    "wide": {"en": "wide", "fi": "leveä"},
}


def _problems(a: Mapping[str, Any], w: Words) -> str:
    if w.lang == "fi":
        return f"Haku {a['path']}: {a['n']} {'ongelma' if a['n'] == 1 else 'ongelmaa'}"
    return f"Round {a['path']}: {a['n']} problem(s)"


def _scores(a: Mapping[str, Any], w: Words) -> str:
    layout = LAYOUTS.get(a["layout"], {}).get(w.lang, a["layout"])
    if w.lang == "fi":
        return f"pisteet ({layout} arviointilomake)"
    return f"scores ({layout} sheet)"


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    # grantopt data check
    "data.problem": {"en": "problem: {text}", "fi": "ongelma: {text}",
                     "example": {"text": "Tuku: Turku (853)"}},
    "data.note": {"en": "note: {text}", "fi": "huomautus: {text}",
                  "example": {"text": "Tuku: Turku (853)"}},
    "data.round_ok": {"en": "Round {path}: OK", "fi": "Haku {path}: kunnossa",
                      "example": {"path": "data/2020"}},
    "data.round_problems": {"en": _problems, "fi": _problems,
                            "example": {"path": "data/2020", "n": 5}},
    "data.scenario_ok": {
        "en": "Scenario {path} on the round {round}: OK (checked without solving)",
        "fi": "Skenaario {path} haulla {round}: kunnossa (tarkistettu ratkaisematta)",
        "example": {"path": "scenarios/2020-baseline.toml", "round": "data/2020"}},
    "data.scenario_problems": {
        "en": "Scenario {path}: {n:count=problem}", "fi": "Skenaario {path}: {n:count=problem}",
        "example": {"path": "scenarios/2020-baseline.toml", "n": 2}},
    "data.set_needs_scenario": {
        "en": "--set changes a scenario: give SCENARIO.toml, not a round folder",
        "fi": "--set muuttaa skenaariota: anna SCENARIO.toml, ei hakukansiota",
        "example": {}},
    # the summary tables of check and synth
    "data.header_count": {"en": "count", "fi": "määrä", "example": {}},
    "data.header_total": {"en": "total", "fi": "yhteensä", "example": {}},
    "data.applications": {"en": "applications", "fi": "hakemukset", "example": {}},
    "data.requested": {"en": "{eur:eur} requested", "fi": "{eur:eur} haettu",
                       "example": {"eur": 16_100_330.45}},
    "data.awards": {"en": "awards", "fi": "myönnetyt avustukset", "example": {}},
    "data.awarded": {"en": "{eur:eur} awarded", "fi": "{eur:eur} myönnetty",
                     "example": {"eur": 9_964_000}},
    "data.municipalities": {"en": "municipalities involved", "fi": "mukana olevat kunnat",
                            "example": {}},
    "data.regions": {"en": "regions involved", "fi": "mukana olevat maakunnat",
                     "example": {}},
    # grantopt data synth
    "data.wrote": {"en": "wrote {path}", "fi": "kirjoitettiin {path}",
                   "example": {"path": "synth/call.toml"}},
    "data.synth_head": {
        "en": "Synthetic round of {n:num} applications (seed {seed}), shaped like {like}, "
              "in {out}",
        "fi": "Synteettinen haku, {n:num} hakemusta (siemenluku {seed}), mallina {like}, "
              "kansiossa {out}",
        "example": {"n": 5000, "seed": 7, "like": "2020", "out": "synth"}},
    "data.appropriation": {"en": "appropriation", "fi": "määräraha", "example": {}},
    "data.appropriation_share": {
        "en": "{eur:eur} ({share:pct} of the requests)",
        "fi": "{eur:eur} ({share:pct} haetusta)",
        "example": {"eur": 10_000_000, "share": 0.621}},
    "data.drawn_awards": {"en": "awards (the drawn decision)",
                          "fi": "myönnetyt avustukset (arvottu päätös)", "example": {}},
    "data.scores": {"en": _scores, "fi": _scores, "example": {"layout": "long"}},
    "data.run_it": {"en": "Run it with: grantopt run {path}",
                    "fi": "Laske se komennolla: grantopt run {path}",
                    "example": {"path": "synth/scenario.toml"}},
}
