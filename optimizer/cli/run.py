"""`grantopt run`: the optimal award list of one scenario."""

from __future__ import annotations

from pathlib import Path

import click

from optimizer.cli import main
from optimizer.cli.common import (
    FORMATS,
    eur,
    header_lines,
    quiet_stdout,
    render_table,
    reports_errors,
)
from optimizer.report import allocation
from optimizer.runner import Run, run
from optimizer.scenario import load_scenario, to_toml

SCENARIO_ARG = click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
SET_OPT = click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
                       help="Override a scenario key, e.g. coverage.min_projects_per_region=1.")
BUDGET_OPT = click.option("--budget", type=float, metavar="EUR",
                          help="Appropriation in euros (overrides budget.appropriation).")


@main.command("run")
@SCENARIO_ARG
@SET_OPT
@BUDGET_OPT
@click.option("--solver", type=click.Choice(["cbc", "highs"]), help="Overrides solver.name.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write allocation.csv, allocation.xlsx and result.json here.")
@click.option("--show-scenario", is_flag=True, help="Print the resolved scenario and stop.")
@reports_errors
def run_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                solver: str | None, fmt: str, out_dir: Path | None,
                show_scenario: bool) -> None:
    """Solve SCENARIO: the optimal award list, verified against every rule."""
    sets = (*sets, f"solver.name={solver}") if solver else sets
    if show_scenario:
        click.echo(to_toml(load_scenario(scenario, sets=sets, budget=budget)))
        return
    with quiet_stdout(fmt):
        outcome = run(scenario, sets=sets, budget=budget)
    if out_dir is not None:
        for path in allocation.write_outputs(outcome, out_dir):
            click.echo(f"wrote {path}", err=True)
    click.echo(_format(outcome, fmt))


def _format(outcome: Run, fmt: str) -> str:
    if fmt == "json":
        return allocation.to_json(outcome)
    if fmt == "csv":
        return allocation.to_csv(outcome).rstrip("\n")
    return format_table(outcome)


def format_table(outcome: Run) -> str:
    rows = allocation.rows(outcome)
    tot = allocation.totals(outcome)
    res = outcome.result
    head = header_lines(outcome.prepared)
    table = render_table(
        ["id", "lead", "region", "score", "award €"],
        [[r["id"], r["lead"], r["region"], f"{r['score']:.3f}", eur(r["award_eur"])]
         for r in rows],
        align="lllrr",
    )
    status = res.status + (f" (gap {res.gap:.2%})" if res.status != "optimal" and res.gap
                           else "")
    foot = [
        f"Budget {eur(tot.budget_eur)}; spent {eur(tot.spent_eur)}; left {eur(tot.left_eur)}",
        f"Projects {tot.projects}; regions covered {tot.regions_covered}; "
        f"objective {tot.objective:.4f} ({outcome.prepared.instance.rules.objective})",
        f"Status {status}; solver {res.solver}, {res.seconds:.2f} s; "
        "verified against every rule",
        f"Not fundable under this scenario: {len(outcome.prepared.instance.excluded)} "
        "(see --format json for reasons)",
    ]
    return "\n".join([*head, "", table, "", *foot])


__all__ = ["BUDGET_OPT", "SCENARIO_ARG", "SET_OPT", "run_command"]
