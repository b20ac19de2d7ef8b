"""The options every command that takes a scenario shares, and the study they describe.

`scenario_options` adds SCENARIO, --set, --budget, --solver, --format and --out to a
command, so that every one of them spells and documents them the same way; `study_of`
turns the parsed options into the `Study` the command asks its question of.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

SOLVER_CHOICES = ("auto", "dp", "cbc", "highs")


def scenario_options(formats: Sequence[str] = ("table", "json"),
                     out_help: str = "Write the command's files into this folder.",
                     out_required: bool = False) -> Callable[[F], F]:
    """SCENARIO, --set, --budget, --solver, --format (one of `formats`), --out and
    --force."""

    def decorate(func: F) -> F:
        options = [
            click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path)),
            click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
                         help="Override a scenario key, e.g. "
                              "coverage.min_projects_per_region=1 (repeatable)."),
            click.option("--budget", type=float, metavar="EUR",
                         help="Appropriation in euros (overrides budget.appropriation)."),
            click.option("--solver", type=click.Choice(SOLVER_CHOICES),
                         help="cbc or highs: the integer program with that solver; dp: "
                              "the knapsack DP (budget-only scenarios); auto: the DP where "
                              "it is exact, else the scenario's solver."),
            click.option("--format", "fmt", type=click.Choice(list(formats)),
                         default=formats[0], show_default=True, help="Output format."),
            click.option("--out", "out_dir", required=out_required,
                         type=click.Path(path_type=Path), help=out_help),
            click.option("--force", is_flag=True,
                         help="Replace an earlier result in the --out folder (never a "
                              "folder with your inputs or files grantopt did not write)."),
        ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def solver_sets(sets: Sequence[str], solver: str | None) -> tuple[str, ...]:
    """`--solver` as the --set overrides it stands for."""
    if solver is None:
        return tuple(sets)
    if solver in ("auto", "dp"):
        return (*sets, f"solver.method={solver}")
    return (*sets, f"solver.name={solver}", "solver.method=ip")


def study_of(scenario: Path, sets: Sequence[str], budget: float | None,
             solver: str | None) -> Any:
    """The Study the options describe."""
    from optimizer.study import Study

    return Study.from_file(scenario, sets=solver_sets(sets, solver), budget=budget)
