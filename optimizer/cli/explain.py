"""`grantopt explain`: why each application is in or out of the optimum."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    echo_json,
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score
from optimizer.report.words import objective_sentence

if TYPE_CHECKING:
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
                    out_dir: Path | None, force: bool, rules: tuple[str, ...]) -> None:
    """Why each application (or only IDS) is in or out of the optimum of SCENARIO, and
    which projects it would displace; with --rule, what a rule moves where."""
    from optimizer.report.outputs import write_explain_outputs

    with quiet_stdout(fmt):
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
        click.echo(format_explanation(result, study.prepared))
    for effect in effects:
        click.echo("")
        click.echo("\n".join(textwrap.wrap(effect.sentence, width=96)))


def format_explanation(e: Explanation, prepared: Prepared) -> str:
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


