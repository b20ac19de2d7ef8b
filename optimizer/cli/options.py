"""The options every command that takes a scenario shares, and the study they describe.

`scenario_options` adds SCENARIO, --set, --budget, --solver, --format, --out, --force,
--lang and --csv-dialect to a command, so that every one of them spells and documents them
the same way (`lang_option` and `csv_dialect_option` alone for the commands with options of
their own); `study_of` turns the parsed options into the `Study` the command asks its
question of.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from optimizer.formats.files import CSV_DIALECTS

F = TypeVar("F", bound=Callable[..., Any])

SOLVER_CHOICES = ("auto", "dp", "cbc", "highs")
LANG_CHOICES = ("fi", "en")


def lang_option(func: F) -> F:
    """--lang fi|en (GRANTOPT_LANG): the language of the tables and of the XLSX written."""
    return click.option(
        "--lang", type=click.Choice(list(LANG_CHOICES)), envvar="GRANTOPT_LANG",
        default="en", show_default=True, is_eager=True,  # known when --budget is read
        help="Language of the tables and of the XLSX the command writes; GRANTOPT_LANG=fi "
             "makes Finnish the default.")(func)


def csv_dialect_option(func: F) -> F:
    """--csv-dialect plain|excel-fi (GRANTOPT_CSV_DIALECT): how every CSV is written."""
    return click.option(
        "--csv-dialect", "csv_dialect", type=click.Choice(list(CSV_DIALECTS)),
        envvar="GRANTOPT_CSV_DIALECT", default="plain", show_default=True,
        help="plain: comma and decimal point, for scripts and other tools; excel-fi: "
             "semicolon, decimal comma and a BOM, for opening in a Finnish Excel.")(func)


class TypedAmount(click.ParamType):
    """An amount in euros as people type it ("12 000 000 €", "12,000,000", 12e6): read
    by scenario.typed with no language (a comma is decimal only where it cannot separate
    thousands); refused in the command's language with an accepted form."""

    name = "amount"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        from optimizer.scenario.schema import Bad
        from optimizer.scenario.typed import read_number
        from optimizer.vocabulary.message import Message, say

        try:
            return float(value)  # 12e6, 12000000: Python's own forms first
        except ValueError:
            pass
        try:
            return read_number(str(value), "eur")
        except Bad as exc:
            lang = (ctx.params.get("lang") if ctx else None) or os.environ.get("GRANTOPT_LANG")
            lang = lang if lang in LANG_CHOICES else "en"
            name = param.opts[0] if param and param.opts else "--budget"
            problem = Message.of("scenario.value.bad", key=name, value=repr(str(value)),
                                 problem=exc.message)
            click.echo(say(lang, "cli.error.error", text=problem.text(lang)), err=True)
            (ctx or click.get_current_context()).exit(2)
            raise  # not reached: exit raises


AMOUNT = TypedAmount()


def scenario_options(formats: Sequence[str] = ("table", "json"),
                     out_help: str = "Write the command's files into this folder.",
                     out_required: bool = False) -> Callable[[F], F]:
    """SCENARIO, --set, --budget, --solver, --format (one of `formats`), --out, --force,
    --lang and --csv-dialect."""

    def decorate(func: F) -> F:
        options = [
            click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path)),
            click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
                         help="Override a scenario key, e.g. "
                              "coverage.min_projects_per_region=1 (repeatable)."),
            click.option("--budget", type=AMOUNT, metavar="EUR",
                         help="Appropriation in euros (overrides budget.appropriation), "
                              "as a number or as people write it: 12000000, 12e6, "
                              "'12 000 000 €'."),
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
            lang_option,
            csv_dialect_option,
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


def executor_options(func: F) -> F:
    """--executor and --workers: where the independent solves of a sweep run."""
    func = click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
                        callback=_bound_workers,
                        help="Local processes (with --executor local), at most one per "
                             "CPU; the result is the same for any number.")(func)
    return click.option(
        "--executor", metavar="local|dask://HOST:PORT", default="local",
        envvar="GRANTOPT_EXECUTOR", show_default=True, callback=_bound_workers,
        help="Where the independent solves run: this machine, or the scheduler of a "
             "running Dask cluster (pip install 'grantopt[dask]'); the result is the same.",
    )(func)


def _bound_workers(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Local --workers at most one per CPU, said in one line on stderr when lowered.

    Called for --executor and --workers, in whichever order click reads them: the
    second call, with both known, does it."""
    params = {**ctx.params, str(param.name): value}
    if "workers" not in params or "executor" not in params:
        return value
    asked, executor = params["workers"], params["executor"]
    if executor not in (None, "local"):
        return value
    from optimizer.analysis.executor import cpus, local_workers
    from optimizer.vocabulary.message import say

    workers = local_workers(asked)
    if workers < asked:
        lang = ctx.params.get("lang") or os.environ.get("GRANTOPT_LANG")
        lang = lang if lang in LANG_CHOICES else "en"
        click.echo(say(lang, "analysis.executor.workers_lowered", asked=asked, cpus=cpus(),
                       workers=workers), err=True)
    if param.name == "workers":
        return workers
    ctx.params["workers"] = workers
    return value
