"""`grantopt compare`: the actual decision against the optimum of a scenario."""

from __future__ import annotations

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
    regions_text,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score, share, signed_euros
from optimizer.report.words import OBJECTIVE_NAMES, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.compare import Comparison
    from optimizer.model.prepare import Prepared

BOTH, ONLY_ACTUAL, ONLY_OPTIMAL = "both", "only_actual", "only_optimal"
STATUS_WORDS = {BOTH: "both", ONLY_ACTUAL: "only actual", ONLY_OPTIMAL: "only optimal"}


@click.command("compare")
@scenario_options(out_help="Write compare.json, compare.csv, comparison.png/.svg and "
                           "regions.png/.svg here.")
@reports_errors
def compare_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                    solver: str | None, fmt: str, out_dir: Path | None, force: bool) -> None:
    """The actual decision against the optimum of SCENARIO: value, overlap, rules broken,
    and the fewest changes that make it optimal."""
    from optimizer.report.outputs import write_compare_outputs

    with quiet_stdout(fmt):
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
        click.echo(format_comparison(result, study.prepared))


def format_comparison(c: Comparison, prepared: Prepared) -> str:
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
