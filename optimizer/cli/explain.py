"""`grantopt explain`: why each application is in or out of the optimum."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    project_cell,
    quiet_stdout,
    render_table,
    reports_errors,
    status_text,
    terminal_width,
    wrap,
    wrap_lines,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.diff import RuleEffect
    from optimizer.analysis.explain import ExplainRow, Explanation
    from optimizer.case import Case

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
            write_out(out_dir, force, study.case.input_paths(),
                      lambda stage: write_explain_outputs(explained, study.case, stage,
                                                          study.audit()))
    if fmt == "json":
        doc = result.to_dict() if result is not None else {}
        echo_json({**doc, "rules": [e.to_dict() for e in effects],
                   **study.case.score_fields(), "audit": study.audit().to_dict()})
        return
    if result is not None:
        click.echo(format_explanation(result, study.case, lang))
    for effect in effects:
        click.echo("")
        click.echo("\n".join(wrap(rule_sentence(effect, lang), terminal_width())))


def format_explanation(e: Explanation, case: Case, lang: str = "en",
                       width: int | None = None) -> str:
    """A compact table (what deciding each application the other way does to the value),
    then each application's sentences from the analysis, wrapped to `width` columns."""
    w = Words(lang)
    width = width or terminal_width()
    lines = wrap_lines([
        *header_lines(case, lang),
        say(w, "explain.cli_optimum", value=e.optimal_value, objective=e.objective,
            status=e.status, solver=e.solver, spent=e.spent_eur, budget=e.budget_eur,
            left=e.slack_eur, too_little=e.budget_binding),
        objective_sentence(case.objective, case.partial_value, lang)], width)
    lines += ["", _table_text(e, case, w, width), "",
              *wrap(say(w, "explain.cli_flipped"), width)]
    if e.mode != "full":
        lines += wrap(say(w, "explain.cli_partial"), width)
    return "\n".join([*lines, "", w["explain_why"], *_why_lines(e, w, width)])


def _table_text(e: Explanation, case: Case, w: Words, width: int) -> str:
    projects = case.projects
    rows = [[r.id, project_cell(projects.get(r.id, "")), status_text(r.status, w),
             w.score(r.score), w.eur(r.award_eur) if r.status == IN else "",
             flip_phrase(r, e, w)] for r in e.entries]
    return render_table(
        [w["id"], w["project"], w["status"], w["score"], w["award_short"],
         say(w, "cli.explain.col_flipped")],
        rows, align="lllrrl", width=width, squeeze=((1, 14), (1, 8)))


def _why_lines(e: Explanation, w: Words, width: int) -> list[str]:
    """Each application's sentences in the language, and the rules that hold it where it
    is."""
    lines = []
    for r in e.entries:
        lines.append("")
        lines += wrap(r.sentence_in(w.lang), width, "  ")
        lines += wrap_lines([f"    {w['explain_binding']}: {b.detail.text(w.lang)}"
                             for b in r.bindings], width)
    return lines


def flip_phrase(r: ExplainRow, e: Explanation, w: Words) -> str:
    """What deciding the application the other way does to the value, in a short phrase
    whose sign comes from the numbers (a lock that costs value: +)."""
    if r.status not in (IN, OUT) or r.loss is None:
        return ""
    if math.isinf(r.loss):
        return say(w, "cli.explain.cannot_leave_out" if r.status == IN
                   else "cli.explain.cannot_fund")
    if r.tie:
        return say(w, "cli.explain.tie")
    code = "cli.explain.without_it" if r.status == IN else "cli.explain.with_it"
    return say(w, code, change=-r.loss, objective=e.objective)


def rule_sentence(effect: RuleEffect, lang: str) -> str:
    """What one rule of the scenario moves where, in the language."""
    if lang != "fi":
        return effect.sentence
    from optimizer.analysis.diff import rule_sentence as sentence

    return sentence(effect.key, effect.value, effect.without, effect.diff, lang)
