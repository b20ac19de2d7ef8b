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
    pool_name,
    project_cell,
    quiet_stdout,
    regions_text,
    render_table,
    reports_errors,
    status_text,
    terminal_width,
    wrap_lines,
    write_out,
)
from optimizer.constants import Agreement
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.compare import Comparison
    from optimizer.case import Case

BOTH, ONLY_ACTUAL, ONLY_OPTIMAL = Agreement.BOTH, Agreement.ONLY_ACTUAL, Agreement.ONLY_OPTIMAL


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
            write_out(out_dir, force, study.case.input_paths(),
                      lambda stage: write_compare_outputs(result, study.case, stage,
                                                          study.audit()))
    if fmt == "json":
        echo_json({**result.to_dict(), **study.case.score_fields(),
                   "audit": study.audit().to_dict()})
    else:
        click.echo(format_comparison(result, study.case, lang))


def format_comparison(c: Comparison, case: Case, lang: str = "en",
                      width: int | None = None) -> str:
    """The comparison laid out for `width` columns (default: the terminal's)."""
    w = Words(lang)
    width = width or terminal_width()
    lines = [*wrap_lines(header_lines(case, lang), width), "",
             *wrap_lines([objective_sentence(case.objective, case.partial_value, lang)], width),
             "", _totals_text(c, w, width)]
    eff = (say(w, "cli.compare.efficiency_na") if c.efficiency is None
           else w.pct(c.efficiency))
    prose = [say(w, "cli.compare.efficiency", efficiency=eff),
             *(m.text(w.lang) for m in c.valuation())]
    if c.optimum.status != "optimal":
        prose.append(say(w, "cli.compare.not_proven", status=status_text(c.optimum.status, w),
                         gap=c.optimum.gap or 0))
    lines += ["", *wrap_lines(prose, width)]
    if len(c.views) > 1:
        lines += ["", _views_text(c, case.objective, w, width)]
    parts = [say(w, f"cli.compare.overlap.{s}", n=len(c.ids(s)), eur=c.total_eur(s, _side(s)))
             for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL)]
    lines += ["", *wrap_lines([say(w, "cli.compare.overlap", parts="; ".join(parts))], width)]
    lines += ["", *wrap_lines(_rules_lines(c, case, w), width), "",
              *wrap_lines([_changes_text(c, case, w)], width)]
    projects = {a.id: a.project for a in case.round.applications}
    rows = [[r.id, project_cell(projects.get(r.id, "")), lead_cell(r.label),
             w[f"funded_{r.status}"], w.score(r.score), w.eur(r.actual_eur),
             w.eur(r.optimal_eur), w.signed_eur(r.change_eur) if r.change_eur else "0"]
            for r in c.entries]
    lines += ["", render_table([w["id"], w["project"], w["lead_short"],
                                say(w, "cli.col.funded_in"), w["score"], w["actual_short"],
                                say(w, "cli.col.optimum"), w["change"]], rows,
                               align="llllrrrr", width=width,
                               squeeze=((1, 14), (2, 12), (1, 10), (2, 8), (1, 6)),
                               drop=(2,))]
    lines += ["", regions_text(c.regions, lang, width)]
    return "\n".join(lines)


def _totals_text(c: Comparison, w: Words, width: int) -> str:
    """Value, projects, spend and what is left: the actual decision beside the optimum."""
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    return render_table(
        ["", w["actual"], w["optimum"]],
        [[w["value"], w.value(c.actual_value, c.objective),
          w.value(c.optimal_value, c.objective)],
         [say(w, "cli.compare.projects_funded"), str(n_actual), str(n_opt)],
         [w["spent"], w.eur(c.actual_spent_eur), w.eur(c.optimal_spent_eur)],
         [say(w, "cli.compare.left_of", budget=c.budget_eur),
          w.eur(c.actual_left_eur), w.eur(c.optimal_left_eur)],
         *_fund_rows(c, w)],
        align="lrr", width=width, squeeze=((0, 20),))


def _fund_rows(c: Comparison, w: Words) -> list[list[str]]:
    """Spend per funding pool and per year (issue 14), the actual beside the optimum."""
    def eur(x: float | None) -> str:
        return "?" if x is None else w.eur(x)
    out = []
    for r in c.funds:
        what = (say(w, "cli.compare.year_paid", name=r["name"]) if r["kind"] == "year"
                else say(w, "cli.compare.pool_spent", name=pool_name(r["name"], w)))
        out.append([f"{what} / {w.eur(r['appropriation_eur'])}", eur(r["actual_spent_eur"]),
                    eur(r["optimal_spent_eur"])])
    return out


def _views_text(c: Comparison, own: str, w: Words, width: int) -> str:
    """The same decision measured under each objective."""
    rows = [[w.objective(v.objective) + (f" ({w['this_scenario']})" if v.objective == own
                                         else ""),
             w.pct(v.efficiency), str(v.fewest_changes), str(v.additions), str(v.removals)]
            for v in c.views]
    return "\n".join([
        *wrap_lines([say(w, "cli.compare.views_head")], width),
        render_table([w["objective"], w["efficiency"], w["fewest_changes"],
                      say(w, "cli.col.added"), say(w, "cli.col.removed")], rows,
                     align="lrrrr", width=width, squeeze=((0, 20),))])


def _rules_lines(c: Comparison, case: Case, w: Words) -> list[str]:
    """The rules the actual decision breaks, and its awards outside the instance."""
    lines = [say(w, "cli.compare.rules_head")]
    lines += [f"  - {v.text(w.lang)}" for v in c.violations] or [f"  {w['none']}"]
    if c.outside:
        lines.append(say(w, "cli.compare.outside_head"))
        lines += [f"  - {o.id} ({o.label}) {w.eur(o.awarded_eur) if o.awarded_eur else ''}: "
                  f"{'; '.join(x.text(w.lang) for x in o.reasons)}"
                  for o in c.outside]
    return lines


def _side(status: str) -> str:
    return "optimal" if status == ONLY_OPTIMAL else "actual"


def _changes_text(c: Comparison, case: Case, w: Words) -> str:
    ch = c.changes
    head = (" ".join(m.text(w.lang) for m in c.counted())
            + ("" if ch.status == "optimal" else " " + say(w, "cli.compare.not_minimal")))
    labels = {r.id: r.label for r in c.entries}
    projects = {a.id: a.project for a in case.round.applications}

    def name(i: str) -> str:
        return f"{i} {lead_cell(labels.get(i, ''))}: {project_cell(projects.get(i, ''))}"

    out = [head]
    out += [f"  + {name(i)}, {w.eur(ch.units[i] * c.unit_eur)}" for i in ch.additions]
    out += [f"  - {name(i)}" for i in ch.removals]
    out += [f"  ~ {name(a.id)}: {w.eur(a.actual_eur)} -> {w.eur(a.new_eur)}"
            for a in ch.amount_changes]
    out.append(c.tie().text(w.lang))
    return "\n".join(out)
