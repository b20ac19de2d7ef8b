"""`grantopt compare`: the actual decision against the optimum of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    regions_text,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score, share, signed_euros
from optimizer.report.words import OBJECTIVE_NAMES, objective_sentence, reason_text, rule_text
from optimizer.words import LABELS, Words

if TYPE_CHECKING:
    from optimizer.analysis.compare import Comparison
    from optimizer.model.prepare import Prepared

BOTH, ONLY_ACTUAL, ONLY_OPTIMAL = "both", "only_actual", "only_optimal"
STATUS_WORDS = {BOTH: "both", ONLY_ACTUAL: "only actual", ONLY_OPTIMAL: "only optimal"}
STATUS_WORDS_FI = {BOTH: "molemmissa", ONLY_ACTUAL: "vain toteutunut",
                   ONLY_OPTIMAL: "vain optimaalinen"}


@click.command("compare")
@scenario_options(out_help="Write compare.json, compare.csv, comparison.png/.svg and "
                           "regions.png/.svg here.")
@reports_errors
def compare_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                    solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                    lang: str, csv_dialect: str) -> None:
    """The actual decision against the optimum of SCENARIO: value, overlap, rules broken,
    and the fewest changes that make it optimal."""
    from optimizer.report.outputs import write_compare_outputs

    with quiet_stdout(fmt), csv_in(csv_dialect):
        study = study_of(scenario, sets, budget, solver)
        result = study.compare()
        if out_dir is not None:
            write_out(out_dir, force, study.prepared.input_paths(),
                      lambda stage: write_compare_outputs(result, study.prepared, stage,
                                                          study.audit()))
    if fmt == "json":
        echo_json({**result.to_dict(), **study.prepared.score_fields(),
                   "audit": study.audit().to_dict()})
    else:
        click.echo(format_comparison(result, study.prepared, lang))


def format_comparison(c: Comparison, prepared: Prepared, lang: str = "en") -> str:
    if lang == "fi":
        return _format_comparison_fi(c, prepared)
    rules = prepared.instance.rules
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    lines = [*header_lines(prepared), "",
             objective_sentence(rules.objective, rules.partial_value), ""]
    lines.append(render_table(
        ["", "actual decision", "optimum"],
        [["value", fmt_value(c.actual_value, c.objective),
          fmt_value(c.optimal_value, c.objective)],
         ["projects funded", str(n_actual), str(n_opt)],
         ["spent", euros(c.actual_spent_eur), euros(c.optimal_spent_eur)],
         ["left of " + euros(c.budget_eur), euros(c.actual_left_eur),
          euros(c.optimal_left_eur)]],
        align="lrr"))
    eff = "n/a (the optimum is worth 0)" if c.efficiency is None else share(c.efficiency)
    lines += ["", f"Efficiency (actual / optimal value): {eff}"]
    if c.optimum.status != "optimal":
        lines.append(f"Note: the optimum is not proven ({c.optimum.status}, gap "
                     f"{share(c.optimum.gap or 0, 2)}).")
    if len(c.views) > 1:
        lines += ["", "The same decision under each objective (no single number stands alone):",
                  render_table(["objective", "efficiency", "fewest changes", "added", "removed"],
                               [[_objective_label(v.objective, rules.objective),
                                 share(v.efficiency), str(v.fewest_changes), str(v.additions),
                                 str(v.removals)] for v in c.views], align="lrrrr")]
    lines.append("")
    lines.append("Overlap: " + "; ".join(
        f"{len(c.ids(s))} {STATUS_WORDS[s]} ({euros(c.total_eur(s, _side(s)))})"
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL)))
    lines += ["", "Rules of the scenario the actual decision breaks:"]
    lines += [f"  - {v}" for v in c.violations] or ["  none"]
    if c.outside:
        lines += ["Actual awards to applications outside the instance:"]
        lines += [f"  - {o.id} ({o.label}) {euros(o.awarded_eur) if o.awarded_eur else ''}: "
                  f"{'; '.join(o.reasons)}" for o in c.outside]
    lines += ["", _changes_text(c, prepared)]
    projects = {a.id: a.project for a in prepared.round.applications}
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label),
             STATUS_WORDS[r.status], score(r.score), euros(r.actual_eur), euros(r.optimal_eur),
             _signed_eur(r.change_eur)] for r in c.entries]
    lines += ["", render_table(["id", "project", "lead", "funded in", "score", "actual",
                                "optimum", "change"], rows, align="llllrrrr")]
    lines += ["", regions_text(c.regions)]
    return "\n".join(lines)


def _objective_label(kind: str, own: str) -> str:
    return OBJECTIVE_NAMES[kind] + (" (this scenario)" if kind == own else "")


def _side(status: str) -> str:
    return "optimal" if status == ONLY_OPTIMAL else "actual"


def _changes_text(c: Comparison, prepared: Prepared) -> str:
    ch = c.changes
    head = (f"Fewest changes to an optimal portfolio: {ch.count} "
            f"({len(ch.additions)} additions, {len(ch.removals)} removals"
            + (f", {len(ch.amount_changes)} amounts changed" if ch.amount_changes else "")
            + ")" + ("" if ch.status == "optimal" else " - not proven minimal (time limit)"))
    labels = {r.id: r.label for r in c.entries}
    projects = {a.id: a.project for a in prepared.round.applications}

    def name(i: str) -> str:
        return f"{i} {lead_cell(labels.get(i, ''))}: {project_cell(projects.get(i, ''))}"

    units = c.unit_eur
    out = [head]
    out += [f"  + {name(i)}, {euros(ch.units[i] * units)}" for i in ch.additions]
    out += [f"  - {name(i)}" for i in ch.removals]
    out += [f"  ~ {name(a.id)}: {euros(a.actual_eur)} -> {euros(a.new_eur)}"
            for a in ch.amount_changes]
    out.append("(The optimum shown is the optimal portfolio closest to the actual decision.)")
    return "\n".join(out)


def _signed_eur(value: float) -> str:
    return signed_euros(value) if value else "0"


# --------------------------------------------------------------------------- Finnish


def _format_comparison_fi(c: Comparison, prepared: Prepared) -> str:
    """format_comparison in Finnish: the decision's words, numbers in the Finnish format."""
    w = Words("fi")
    rules = prepared.instance.rules
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    lines = [*header_lines(prepared, "fi"), "",
             objective_sentence(rules.objective, rules.partial_value, "fi"), ""]
    lines.append(render_table(
        ["", w["actual"], w["optimum"]],
        [[w["value"], w.value(c.actual_value, c.objective),
          w.value(c.optimal_value, c.objective)],
         ["rahoitettuja hankkeita", str(n_actual), str(n_opt)],
         [w["spent"], w.eur(c.actual_spent_eur), w.eur(c.optimal_spent_eur)],
         [f"jäljellä määrärahasta {w.eur(c.budget_eur)}", w.eur(c.actual_left_eur),
          w.eur(c.optimal_left_eur)]],
        align="lrr"))
    eff = ("– (optimaalisen jaon arvo on 0)" if c.efficiency is None
           else w.pct(c.efficiency))
    lines += ["", f"Tehokkuus (toteutunut / optimaalinen kokonaisarvo): {eff}"]
    if c.optimum.status != "optimal":
        lines.append(f"Huomio: optimaalisuutta ei ole todistettu "
                     f"({LABELS['feasible']['fi']}, aukko {w.pct(c.optimum.gap or 0, 2)}).")
    if len(c.views) > 1:
        lines += ["", "Sama päätös kunkin tavoitefunktion mukaan (yksikään luku ei kerro "
                      "kaikkea yksinään):",
                  render_table([w["objective"], w["efficiency"], w["fewest_changes"],
                                w["additions"], w["removals"]],
                               [[w.objective(v.objective)
                                 + (f" ({w['this_scenario']})"
                                    if v.objective == rules.objective else ""),
                                 w.pct(v.efficiency), str(v.fewest_changes), str(v.additions),
                                 str(v.removals)] for v in c.views], align="lrrrr")]
    lines.append("")
    overlap = {BOTH: w["both"], ONLY_ACTUAL: w["only_actual"], ONLY_OPTIMAL: w["only_optimal"]}
    lines.append("Päällekkäisyys: " + "; ".join(
        f"{len(c.ids(s))} {overlap[s]} ({w.eur(c.total_eur(s, _side(s)))})"
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL)))
    lines += ["", "Skenaarion säännöt, joita toteutunut päätös rikkoo:"]
    lines += [f"  - {rule_text(v, 'fi')}" for v in c.violations] or [f"  {w['none']}"]
    if c.outside:
        call = prepared.round.call
        lines += ["Toteutuneen päätöksen avustukset hakemuksille, jotka eivät ole "
                  "avustuskelpoisia tässä skenaariossa:"]
        lines += [f"  - {o.id} ({o.label}) {w.eur(o.awarded_eur) if o.awarded_eur else ''}: "
                  f"{'; '.join(reason_text(x, 'fi', call) for x in o.reasons)}"
                  for o in c.outside]
    lines += ["", _changes_text_fi(c, prepared, w)]
    projects = {a.id: a.project for a in prepared.round.applications}
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label),
             STATUS_WORDS_FI[r.status], w.score(r.score), w.eur(r.actual_eur),
             w.eur(r.optimal_eur), w.signed_eur(r.change_eur) if r.change_eur else "0"]
            for r in c.entries]
    lines += ["", render_table([w["id"], w["project"], w["lead"], "rahoitettu", w["score"],
                                "toteutunut", "optimaalinen", w["change"]], rows,
                               align="llllrrrr")]
    lines += ["", regions_text(c.regions, "fi")]
    return "\n".join(lines)


def _changes_text_fi(c: Comparison, prepared: Prepared, w: Words) -> str:
    ch = c.changes
    amounts = (f", {len(ch.amount_changes)} summaa muuttuu" if ch.amount_changes else "")
    head = (f"Vähimmät muutokset optimaaliseen jakoon: {ch.count} "
            f"({w.count(len(ch.additions), 'addition')}, "
            f"{w.count(len(ch.removals), 'removal')}{amounts})"
            + ("" if ch.status == "optimal"
               else " – vähimmäisyyttä ei ole todistettu (aikaraja)"))
    labels = {r.id: r.label for r in c.entries}
    projects = {a.id: a.project for a in prepared.round.applications}

    def name(i: str) -> str:
        return f"{i} {lead_cell(labels.get(i, ''))}: {project_cell(projects.get(i, ''))}"

    out = [head]
    out += [f"  + {name(i)}, {w.eur(ch.units[i] * c.unit_eur)}" for i in ch.additions]
    out += [f"  - {name(i)}" for i in ch.removals]
    out += [f"  ~ {name(a.id)}: {w.eur(a.actual_eur)} -> {w.eur(a.new_eur)}"
            for a in ch.amount_changes]
    out.append("(Näytetty optimaalinen jako on toteutunutta päätöstä lähinnä oleva "
               "optimaalinen jako.)")
    return "\n".join(out)
