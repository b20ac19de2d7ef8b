"""`grantopt explain`: why each application is in or out of the optimum."""

from __future__ import annotations

import dataclasses
import math
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    fi_amounts,
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score
from optimizer.report.words import objective_sentence, reason_text
from optimizer.words import LABELS, Words

if TYPE_CHECKING:
    from optimizer.analysis.diff import RuleEffect
    from optimizer.analysis.explain import ExplainRow, Explanation
    from optimizer.model.prepare import Prepared

IN, OUT = "in", "out"


@click.command("explain")
@scenario_options(out_help="Write explain.json and explain.csv here.")
@click.argument("ids", nargs=-1)
@click.option("--rule", "rules", multiple=True, metavar="SECTION.KEY",
              help="Explain what a rule of the scenario does (repeatable), e.g. "
                   "coverage.max_region_share: the optimum with it against the optimum "
                   "without it. Alone, without IDS, only the rules are explained.")
@reports_errors
def explain_command(scenario: Path, ids: tuple[str, ...], sets: tuple[str, ...],
                    budget: float | None, solver: str | None, fmt: str,
                    out_dir: Path | None, force: bool, lang: str, csv_dialect: str,
                    rules: tuple[str, ...]) -> None:
    """Why each application (or only IDS) is in or out of the optimum of SCENARIO, and
    which projects it would displace; with --rule, what a rule moves where."""
    from optimizer.report.outputs import write_explain_outputs

    with quiet_stdout(fmt), csv_in(csv_dialect):
        study = study_of(scenario, sets, budget, solver)
        effects = [study.explain_rule(key) for key in rules]
        result = study.explain(ids or None) if ids or not rules else None
        if out_dir is not None and result is not None:
            explained = result
            write_out(out_dir, force, study.prepared.input_paths(),
                      lambda stage: write_explain_outputs(explained, study.prepared, stage,
                                                          study.audit()))
    if fmt == "json":
        doc = result.to_dict() if result is not None else {}
        echo_json({**doc, "rules": [e.to_dict() for e in effects],
                   **study.prepared.score_fields(), "audit": study.audit().to_dict()})
        return
    if result is not None:
        click.echo(format_explanation(result, study.prepared, lang))
    for effect in effects:
        click.echo("")
        text = effect.sentence if lang != "fi" else rule_sentence_fi(effect)
        click.echo("\n".join(textwrap.wrap(text, width=96)))


def format_explanation(e: Explanation, prepared: Prepared, lang: str = "en") -> str:
    if lang == "fi":
        return _format_explanation_fi(e, prepared)
    rules = prepared.instance.rules
    lines = [*header_lines(prepared),
             f"Optimum: {fmt_value(e.optimal_value, e.objective)} ({e.status}, {e.solver}); "
             f"spent {euros(e.spent_eur)} of {euros(e.budget_eur)}, {euros(e.slack_eur)} left"
             + (" - too little for any application that is out" if e.budget_binding else ""),
             objective_sentence(rules.objective, rules.partial_value), ""]
    projects = prepared.instance.projects
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label), r.status,
             score(r.score), euros(r.award_eur) if r.status == IN else "", _loss_text(r, e),
             _change_text(r), " ".join(m.id for m in r.pushed_out),
             " ".join(m.id for m in r.brought_in)] for r in e.entries]
    lines.append(render_table(
        ["id", "project", "lead", "status", "score", "award", "value lost if flipped",
         "score change to flip", "would leave", "would enter"], rows, align="llllrrrrll"))
    lines += ["", "Flipped: an application that is out is forced in (what funding it costs), "
              "one that is in is forced out (its safety margin); of the optimal portfolios "
              "that result, the one that moves fewest other projects is shown."]
    if e.mode != "full":
        lines.append("Partial funding: a score change marked >= is a lower bound.")
    lines += ["", "Why:"]
    for r in e.entries:
        lines.append("")
        lines += textwrap.wrap(r.sentence, width=96, initial_indent="  ",
                               subsequent_indent="  ")
        for text in [b.detail for b in r.bindings]:
            lines.append(f"    binding: {text}")
    return "\n".join(lines)


def _loss_text(r: ExplainRow, e: Explanation) -> str:
    if r.loss is None:
        return ""
    if math.isinf(r.loss):
        return "infeasible"
    return fmt_value(r.loss, e.objective) + (" (tie)" if r.tie else "")


def _change_text(r: ExplainRow) -> str:
    if r.score_change is None or r.status not in (IN, OUT):
        return ""
    if math.isinf(r.score_change):
        return "impossible"
    sign = "+" if r.status == OUT else "-"
    bound = "" if r.score_change_exact else ">= "
    over = " (above 1: not by score alone)" if (
        r.status == OUT and r.score is not None and r.score + r.score_change > 1) else ""
    return f"{bound}{sign}{score(r.score_change)}{over}"




# --------------------------------------------------------------------------- Finnish

STATUS_FI = {IN: "mukana", OUT: "ei mukana", "excluded": LABELS["not_fundable"]["fi"]}


def _format_explanation_fi(e: Explanation, prepared: Prepared) -> str:
    """format_explanation in Finnish: the decision's words, numbers in the Finnish format,
    and each sentence written again in Finnish from the same row."""
    from optimizer.analysis.explain import sentence

    w = Words("fi")
    rules = prepared.instance.rules
    status = LABELS[e.status]["fi"] if e.status in ("optimal", "feasible") else e.status
    lines = [*header_lines(prepared, "fi"),
             f"Optimaalinen jako: kokonaisarvo {w.value(e.optimal_value, e.objective)} "
             f"({status}, {e.solver}); käytetty {w.eur(e.spent_eur)} / {w.eur(e.budget_eur)}, "
             f"jäljellä {w.eur(e.slack_eur)}"
             + (" – liian vähän yhdellekään hakemukselle, joka ei ole mukana"
                if e.budget_binding else ""),
             objective_sentence(rules.objective, rules.partial_value, "fi"), ""]
    projects = prepared.instance.projects
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label),
             STATUS_FI.get(r.status, r.status), w.score(r.score),
             w.eur(r.award_eur) if r.status == IN else "", _loss_text_fi(r, e, w),
             _change_text_fi(r, w), " ".join(m.id for m in r.pushed_out),
             " ".join(m.id for m in r.brought_in)] for r in e.entries]
    lines.append(render_table(
        [w["id"], w["project"], w["lead"], w["status"], w["score"], "avustus",
         "arvon menetys käännettäessä", "pistemuutos kääntämiseen", "jäisi pois",
         "tulisi mukaan"], rows, align="llllrrrrll"))
    lines += ["", "Käännetty: hakemus, joka ei ole mukana, pakotetaan mukaan (mitä sen "
              "rahoittaminen maksaa), ja mukana oleva pakotetaan pois (sen turvamarginaali); "
              "syntyvistä optimaalisista jaoista näytetään se, joka siirtää vähiten muita "
              "hankkeita."]
    if e.mode != "full":
        lines.append("Osittainen rahoitus: merkinnällä >= varustettu pistemuutos on alaraja.")
    lines += ["", "Miksi:"]
    call = prepared.round.call
    for r in e.entries:
        if r.status == "excluded":
            reasons = tuple(reason_text(x, "fi", call) for x in r.reasons)
        else:
            reasons = tuple(_flip_reason_fi(x) for x in r.reasons)
        text = sentence(prepared.instance, dataclasses.replace(r, reasons=reasons),
                        e.optimal_value, "fi")
        lines.append("")
        lines += textwrap.wrap(text, width=96, initial_indent="  ", subsequent_indent="  ")
        for b in r.bindings:
            lines.append(f"    sitova sääntö: {binding_fi(b.detail)}")
    return "\n".join(lines)


def _loss_text_fi(r: ExplainRow, e: Explanation, w: Words) -> str:
    if r.loss is None:
        return ""
    if math.isinf(r.loss):
        return LABELS["infeasible"]["fi"]
    return w.value(r.loss, e.objective) + (" (tasapeli)" if r.tie else "")


def _change_text_fi(r: ExplainRow, w: Words) -> str:
    if r.score_change is None or r.status not in (IN, OUT):
        return ""
    if math.isinf(r.score_change):
        return "mahdoton"
    sign = "+" if r.status == OUT else "-"
    bound = "" if r.score_change_exact else ">= "
    over = " (yli 1: ei pelkillä pisteillä)" if (
        r.status == OUT and r.score is not None and r.score + r.score_change > 1) else ""
    return f"{bound}{sign}{w.score(r.score_change)}{over}"


def _hankkeita(n: str, adjective: str = "rahoitettu", needed: bool = False) -> str:
    """'1 rahoitettu hanke', '2 rahoitettua hanketta'; `needed`: as the object of 'tarvitsee'
    ('1 rahoitetun hankkeen'); 'avustuskelpoinen' for applications."""
    one = int(n) == 1
    if adjective == "avustuskelpoinen":
        return f"{n} avustuskelpoinen hakemus" if one else f"{n} avustuskelpoista hakemusta"
    if one:
        return f"{n} rahoitetun hankkeen" if needed else f"{n} rahoitettu hanke"
    return f"{n} rahoitettua hanketta"


# The rules that hold an application where it is (analysis.explain's Binding.detail), in
# Finnish; one not known here stays English. Amounts are turned Finnish afterwards.
_BINDINGS_FI: tuple[tuple[str, Any], ...] = (
    (r"locked in \(locks\.fund\)", lambda g: "lukittu rahoitettavaksi (locks.fund)"),
    (r"locked out \(locks\.reject\)", lambda g: "rajattu pois (locks.reject)"),
    (r"(.+) has exactly (\d+) funded projects?, the minimum; without this one the region "
     r"falls short",
     lambda g: f"maakunnassa {g[0]} on täsmälleen {_hankkeita(g[1])}, vähimmäismäärä; "
               "ilman tätä maakunta jää vajaaksi"),
    (r"the only funded project of (.+); exactly (\d+) regions? are covered, the minimum",
     lambda g: f"ainoa rahoitettu hanke maakunnassa {g[0]}; katettuna on täsmälleen {g[1]} "
               "maakuntaa, vähimmäismäärä"),
    (r"target area (.+) has exactly (\d+) funded projects?, the minimum",
     lambda g: f"avustuksen kohteessa {g[0]} on täsmälleen {_hankkeita(g[1])}, "
               "vähimmäismäärä"),
    (r"without it the awards total less than the minimum spend (.+)",
     lambda g: f"ilman sitä avustukset jäävät alle vähimmäiskäytön {g[0]}"),
    (r"needs at least (.+); (.+) of the budget is left",
     lambda g: f"tarvitsee vähintään {g[0]}; määrärahaa on jäljellä {g[1]}"),
    (r"(.+) already has (.+) of its cap (.+)",
     lambda g: f"maakunnalla {g[0]} on jo {g[1]} osuutensa rajasta {g[2]}"),
    (r"lead applicant (.+) has (\d+) awards?, the cap \(max_awards_per_lead = (\d+)\)",
     lambda g: f"hankehallinnoijalla {g[0]} on {g[1]} avustusta, enimmäismäärä "
               f"(max_awards_per_lead = {g[2]})"),
)


def binding_fi(detail: str) -> str:
    """A rule that holds an application in or out of the optimum, in Finnish."""
    for pattern, finnish in _BINDINGS_FI:
        found = re.fullmatch(pattern, detail)
        if found:
            return fi_amounts(finnish(found.groups()))
    return fi_amounts(detail)


# What the infeasibility diagnosis of a flipped application says (model.diagnose), in
# Finnish where it is one of the common findings; another stays English.
_CHEAPEST_FI: tuple[tuple[str, Any], ...] = (
    (r"; no further fundable application there", lambda g: "; muuta avustuskelpoista "
                                                           "hakemusta siellä ei ole"),
    (r"; the cheapest fundable application there \((\S+)\) needs (.+) beyond the budget",
     lambda g: f"; siellä edullisin avustuskelpoinen hakemus ({g[0]}) tarvitsee {g[1]} yli "
               "määrärahan"),
    (r"; the cheapest fundable application there \((\S+), (.+)\) does not fit beside the "
     r"other rules",
     lambda g: f"; siellä edullisin avustuskelpoinen hakemus ({g[0]}, {g[1]}) ei mahdu "
               "muiden sääntöjen rinnalle"),
)
_DIAGNOSIS_FI: tuple[tuple[str, Any], ...] = (
    (r"(.+): region needs (\d+) funded projects?, but only (\d+) fundable applications? "
     r"covers? it(?: \((\d+) more locked out\))?",
     lambda g: f"{g[0]}: maakunta tarvitsee {_hankkeita(g[1], needed=True)}, mutta sen "
               f"kattaa vain {_hankkeita(g[2], 'avustuskelpoinen')}"
               + (f" ({g[3]} {'muu' if g[3] == '1' else 'muuta'} rajattu pois)" if g[3]
                  else "")),
    (r"(.+): region needs (\d+) more funded projects?",
     lambda g: f"{g[0]}: maakunta tarvitsee vielä {_hankkeita(g[1], needed=True)}"),
    (r"budget: (.+) more needed", lambda g: f"määräraha: tarvitaan {g[0]} lisää"),
    (r"min_regions=(\d+): (\d+) more covered regions? needed",
     lambda g: f"min_regions={g[0]}: tarvitaan {g[1]} katettua maakuntaa lisää"),
)
_FLIP_FI = {"forcing it out is infeasible": "pois pakottaminen ei ole mahdollista",
            "forcing it in is infeasible": "mukaan pakottaminen ei ole mahdollista"}


def _flip_reason_fi(reason: str) -> str:
    """'forcing it out is infeasible: <finding>' in Finnish, as far as it is known."""
    head, sep, finding = reason.partition(": ")
    if not sep or head not in _FLIP_FI:
        return fi_amounts(reason)
    tail = ""
    for pattern, finnish in _CHEAPEST_FI:
        found = re.search(pattern + "$", finding)
        if found:
            finding, tail = finding[:found.start()], finnish(found.groups())
            break
    for pattern, finnish in _DIAGNOSIS_FI:
        found = re.fullmatch(pattern, finding)
        if found:
            finding = finnish(found.groups())
            break
    return f"{_FLIP_FI[head]}: {fi_amounts(finding + tail)}"


def rule_sentence_fi(effect: RuleEffect) -> str:
    """analysis.diff.rule_sentence in Finnish: what one rule of the scenario moves where."""
    from optimizer.analysis.diff import ENTERS, LEAVES
    from optimizer.scenario.core import shown_value

    w = Words("fi")
    d = effect.diff

    def shown(value: Any) -> str:
        return "ei rajaa" if value is None else shown_value(value, "fi")

    head = f"Vaatimus {effect.key} = {shown(effect.value)} (oletus: {shown(effect.without)})"
    if not d.moves:
        return f"{head} ei muuta tässä mitään: optimaalinen jako täyttää sen jo."
    parts = []
    gains = [r for r in d.regions if r.change_eur > 0]
    losses = [r for r in d.regions if r.change_eur < 0]
    if gains or losses:
        into = ", ".join(f"{r.region} (+{w.eur(r.change_eur)})" for r in gains) or "ei mihinkään"
        out = (", ".join(f"{r.region} (−{w.eur(-r.change_eur)})" for r in losses)
               or "ei mistään")
        parts.append(f"siirtää euroja maakuntiin {into} ja pois maakunnista {out}")
    for status, verb in ((ENTERS, "tulee mukaan"), (LEAVES, "jää pois")):
        moved = [m for m in d.moves if m.status == status]
        if moved:
            names = ", ".join(f"{m.id} {m.label} ({w.eur(m.base_eur or m.other_eur)})"
                              for m in moved)
            parts.append(f"{w.count(len(moved), 'project')} {verb}: {names}")
    if d.comparable:
        parts.append(f"kokonaisarvo muuttuu arvosta {w.value(d.base.value, d.base.objective)} "
                     f"arvoon {w.value(d.other.value, d.other.objective)}")
    return f"{head} " + "; ".join(parts) + "."
