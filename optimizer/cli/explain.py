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
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    render_table,
    reports_errors,
    status_text,
    t,
    write_out,
)
from optimizer.report.words import objective_sentence, reason_text
from optimizer.vocabulary.numbers import euros
from optimizer.vocabulary.words import Words

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
        click.echo("\n".join(textwrap.wrap(rule_sentence(effect, lang), width=96)))


def format_explanation(e: Explanation, prepared: Prepared, lang: str = "en") -> str:
    w = Words(lang)
    rules = prepared.instance.rules
    value, status = w.value(e.optimal_value, e.objective), status_text(e.status, w)
    spent, budget, left = w.eur(e.spent_eur), w.eur(e.budget_eur), w.eur(e.slack_eur)
    lines = [*header_lines(prepared, lang),
             t(w, f"Optimum: {value} ({status}, {e.solver}); spent {spent} of {budget}, "
                  f"{left} left",
               f"Optimaalinen jako: kokonaisarvo {value} ({status}, {e.solver}); käytetty "
               f"{spent} / {budget}, jäljellä {left}")
             + (t(w, " - too little for any application that is out",
                  " – liian vähän yhdellekään hakemukselle, joka ei ole mukana")
                if e.budget_binding else ""),
             objective_sentence(rules.objective, rules.partial_value, lang), "",
             _table_text(e, prepared, w), ""]
    lines.append(t(w, "Flipped: an application that is out is forced in (what funding it "
                      "costs), one that is in is forced out (its safety margin); of the "
                      "optimal portfolios that result, the one that moves fewest other "
                      "projects is shown.",
                   "Käännetty: hakemus, joka ei ole mukana, pakotetaan mukaan (mitä sen "
                   "rahoittaminen maksaa), ja mukana oleva pakotetaan pois (sen "
                   "turvamarginaali); syntyvistä optimaalisista jaoista näytetään se, joka "
                   "siirtää vähiten muita hankkeita."))
    if e.mode != "full":
        lines.append(t(w, "Partial funding: a score change marked >= is a lower bound.",
                       "Osittainen rahoitus: merkinnällä >= varustettu pistemuutos on "
                       "alaraja."))
    return "\n".join([*lines, "", t(w, "Why:", "Miksi:"), *_why_lines(e, prepared, w)])


def _table_text(e: Explanation, prepared: Prepared, w: Words) -> str:
    projects = prepared.instance.projects
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label),
             status_text(r.status, w), w.score(r.score),
             w.eur(r.award_eur) if r.status == IN else "", _loss_text(r, e, w),
             _change_text(r, w), " ".join(m.id for m in r.pushed_out),
             " ".join(m.id for m in r.brought_in)] for r in e.entries]
    return render_table(
        [w["id"], w["project"], w["lead_short"], w["status"], w["score"], w["award_short"],
         t(w, "value lost if flipped", "arvon menetys käännettäessä"),
         t(w, "score change to flip", "pistemuutos kääntämiseen"),
         t(w, "would leave", "jäisi pois"), t(w, "would enter", "tulisi mukaan")],
        rows, align="llllrrrrll")


def _why_lines(e: Explanation, prepared: Prepared, w: Words) -> list[str]:
    """Each application's sentence, written from its row in the language, and the rules
    that hold it where it is."""
    from optimizer.analysis.explain import EXCLUDED, sentence

    call, lines = prepared.round.call, []
    for r in e.entries:
        reasons = tuple(reason_text(x, w.lang, call) if r.status == EXCLUDED
                        else flip_reason(x, w.lang) for x in r.reasons)
        text = sentence(prepared.instance, dataclasses.replace(r, reasons=reasons),
                        e.optimal_value, w.lang)
        lines.append("")
        lines += textwrap.wrap(text, width=96, initial_indent="  ", subsequent_indent="  ")
        lines += [f"    {t(w, 'binding', 'sitova sääntö')}: "
                  f"{b.fi if w.lang == 'fi' and b.fi else binding_text(b.detail, w.lang)}"
                  for b in r.bindings]
    return lines


def _loss_text(r: ExplainRow, e: Explanation, w: Words) -> str:
    if r.loss is None:
        return ""
    if math.isinf(r.loss):
        return w["infeasible"]
    return w.value(r.loss, e.objective) + (t(w, " (tie)", " (tasapeli)") if r.tie else "")


def _change_text(r: ExplainRow, w: Words) -> str:
    if r.score_change is None or r.status not in (IN, OUT):
        return ""
    if math.isinf(r.score_change):
        return t(w, "impossible", "mahdoton")
    sign = "+" if r.status == OUT else "-"
    bound = "" if r.score_change_exact else ">= "
    over = t(w, " (above 1: not by score alone)", " (yli 1: ei pelkillä pisteillä)") if (
        r.status == OUT and r.score is not None and r.score + r.score_change > 1) else ""
    return f"{bound}{sign}{w.score(r.score_change)}{over}"


# --------------------------------------------------------------------------- Finnish
# analysis.explain, analysis.diff and model.diagnose write English; what they say is
# translated here, as report.words translates rule violations and reasons. Amounts are
# formatted in Finnish from the numbers the English states; a message not known here stays
# English.


def _hankkeita(n: str, adjective: str = "rahoitettu", needed: bool = False) -> str:
    """'1 rahoitettu hanke', '2 rahoitettua hanketta'; `needed`: as the object of 'tarvitsee'
    ('1 rahoitetun hankkeen'); 'avustuskelpoinen' for applications."""
    one = int(n) == 1
    if adjective == "avustuskelpoinen":
        return f"{n} avustuskelpoinen hakemus" if one else f"{n} avustuskelpoista hakemusta"
    if one:
        return f"{n} rahoitetun hankkeen" if needed else f"{n} rahoitettu hanke"
    return f"{n} rahoitettua hanketta"


_EUR = r"(\d{1,3}(?:,\d{3})*(?:\.\d\d)? €)"  # an amount as format.euros writes it in English


def _eur(amount: str) -> str:
    """An amount the English message states ('1,090,100 €'), in the Finnish format."""
    return euros(float(amount.removesuffix(" €").replace(",", "")), "fi")


# The rules that hold an application where it is (analysis.explain's Binding.detail).
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
    (rf"without it the awards total less than the minimum spend {_EUR}",
     lambda g: f"ilman sitä avustukset jäävät alle vähimmäiskäytön {_eur(g[0])}"),
    (rf"needs at least {_EUR}; {_EUR} of the budget is left",
     lambda g: f"tarvitsee vähintään {_eur(g[0])}; määrärahaa on jäljellä {_eur(g[1])}"),
    (rf"(.+) already has {_EUR} of its cap {_EUR}",
     lambda g: f"maakunnalla {g[0]} on jo {_eur(g[1])} osuutensa rajasta {_eur(g[2])}"),
    (r"lead applicant (.+) has (\d+) awards?, the cap \(max_awards_per_lead = (\d+)\)",
     lambda g: f"hankehallinnoijalla {g[0]} on {g[1]} avustusta, enimmäismäärä "
               f"(max_awards_per_lead = {g[2]})"),
)


def binding_text(detail: str, lang: str) -> str:
    """A rule that holds an application in or out of the optimum, in the language."""
    return _translated(detail, _BINDINGS_FI) if lang == "fi" else detail


def _translated(text: str, table: tuple[tuple[str, Any], ...]) -> str:
    """`text` by the first pattern of `table` it matches; unchanged when none does."""
    for pattern, finnish in table:
        found = re.fullmatch(pattern, text)
        if found:
            return str(finnish(found.groups()))
    return text


# What the infeasibility diagnosis of a flipped application says (model.diagnose), where it
# is one of the common findings.
_CHEAPEST_FI: tuple[tuple[str, Any], ...] = (
    (r"; no further fundable application there", lambda g: "; muuta avustuskelpoista "
                                                           "hakemusta siellä ei ole"),
    (rf"; the cheapest fundable application there \((\S+)\) needs {_EUR} beyond the "
     r"budget",
     lambda g: f"; siellä edullisin avustuskelpoinen hakemus ({g[0]}) tarvitsee {_eur(g[1])} "
               "yli määrärahan"),
    (rf"; the cheapest fundable application there \((\S+), {_EUR}\) does not fit beside "
     r"the other rules",
     lambda g: f"; siellä edullisin avustuskelpoinen hakemus ({g[0]}, {_eur(g[1])}) ei mahdu "
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
    (rf"budget: {_EUR} more needed", lambda g: f"määräraha: tarvitaan {_eur(g[0])} lisää"),
    (r"min_regions=(\d+): (\d+) more covered regions? needed",
     lambda g: f"min_regions={g[0]}: tarvitaan {g[1]} katettua maakuntaa lisää"),
)
_FLIP_FI = {"forcing it out is infeasible": "pois pakottaminen ei ole mahdollista",
            "forcing it in is infeasible": "mukaan pakottaminen ei ole mahdollista"}


def flip_reason(reason: str, lang: str) -> str:
    """'forcing it out is infeasible: <finding>' in the language, as far as it is known."""
    head, sep, finding = reason.partition(": ")
    if lang != "fi" or not sep or head not in _FLIP_FI:
        return reason
    tail = ""
    for pattern, finnish in _CHEAPEST_FI:
        found = re.search(pattern + "$", finding)
        if found:
            finding, tail = finding[:found.start()], finnish(found.groups())
            break
    return f"{_FLIP_FI[head]}: {_translated(finding, _DIAGNOSIS_FI)}{tail}"


def rule_sentence(effect: RuleEffect, lang: str) -> str:
    """What one rule of the scenario moves where, in the language."""
    if lang != "fi":
        return effect.sentence
    from optimizer.analysis.diff import rule_sentence as sentence

    return sentence(effect.key, effect.value, effect.without, effect.diff, lang)
