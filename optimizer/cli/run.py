"""`grantopt run`: the optimal award list of one scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, solver_sets, study_of
from optimizer.cli.output import (
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    regions_text,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score, share
from optimizer.report.words import objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation


@click.command("run")
@scenario_options(formats=("table", "json", "csv"),
                  out_help="Write allocation.csv, allocation.xlsx and result.json here.")
@click.option("--show-scenario", is_flag=True, help="Print the resolved scenario and stop.")
@reports_errors
def run_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                show_scenario: bool) -> None:
    """Solve SCENARIO: the optimal award list, verified against every rule."""
    from optimizer.report import allocation as files
    from optimizer.scenario import load_scenario, to_toml

    if show_scenario:
        click.echo(to_toml(load_scenario(scenario, sets=solver_sets(sets, solver),
                                         budget=budget)))
        return
    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
        allocation = study.solve()
        audit = study.audit()
    if out_dir is not None:
        write_out(out_dir, force, study.prepared.input_paths(),
                  lambda stage: files.write_allocation(allocation, stage, audit))
    if fmt == "json":
        click.echo(files.to_json(allocation, audit))
    elif fmt == "csv":
        click.echo(files.to_csv(allocation).rstrip("\n"))
    else:
        click.echo(format_table(allocation))


def format_table(allocation: Allocation) -> str:
    rows = allocation.rows()
    tot = allocation.totals()
    res, prep = allocation.result, allocation.prepared
    rules = prep.instance.rules
    capped = any(r["share_of_need"] < 1 for r in rows)
    headers = ["id", "project", "lead", "region", "score", "award"]
    table = [[r["id"], project_cell(r["project"]), lead_cell(r["lead"]), r["region"],
              score(r["score"]), euros(r["award_eur"])] for r in rows]
    if capped:
        headers.append("of need")
        for line, r in zip(table, rows, strict=True):
            line.append(share(r["share_of_need"]))
    status = res.status + (f" (gap {res.gap:.2%})" if res.status != "optimal" and res.gap
                           else "")
    foot = [
        f"Budget {euros(tot.budget_eur)}; spent {euros(tot.spent_eur)}; left "
        f"{euros(tot.left_eur)}",
        f"Projects {tot.projects}; regions covered {tot.regions_covered} (by "
        f"{'lead' if rules.region_basis == 'lead' else 'participants'}); value "
        f"{fmt_value(tot.objective, rules.objective)} ({rules.objective})",
        objective_sentence(rules.objective, rules.partial_value),
        f"Status {status}; solver {res.solver}, {res.seconds:.2f} s; "
        "verified against every rule",
        f"Not fundable under this scenario: {len(prep.instance.excluded)} "
        "(see --format json for reasons)",
    ]
    return "\n".join([*header_lines(prep), "",
                      render_table(headers, table, align="lllllr" + "r" * capped), "",
                      regions_text(allocation.regions()), "", *foot])
