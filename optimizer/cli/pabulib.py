"""`grantopt import pabulib` and `grantopt export pabulib`: participatory-budgeting data
(pabulib `.pb` files) in as a round folder and a scenario, and a solved scenario back out."""

from __future__ import annotations

from pathlib import Path

import click

from optimizer.cli.options import SOLVER_CHOICES, lang_option, study_of
from optimizer.cli.output import echo_json, quiet_stdout, reports_errors
from optimizer.formats.pabulib import MARKS, OPTIMUM, Exported, Imported
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words


@click.group("import")
def import_group() -> None:
    """Turn data from other tools into a round folder and a scenario."""


@click.group("export")
def export_group() -> None:
    """Write a result in another tool's format."""


@import_group.command("pabulib")
@click.argument("source", metavar="FILE.pb", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder to write: round/ (the round folder) and scenario.toml beside it.")
@click.option("--force", is_flag=True,
              help="Replace an earlier import in --out (never a folder with your inputs or "
                   "files grantopt did not write).")
@lang_option
@reports_errors
def import_pabulib_command(source: Path, out_dir: Path, force: bool, lang: str) -> None:
    """Import a participatory budget (a pabulib .pb file): projects become applications,
    the ballots one criterion, support, and the city's selection the actual decision."""
    from optimizer.formats.pabulib import import_pabulib

    click.echo(import_text(import_pabulib(source, out_dir, force), Words(lang)))


@export_group.command("pabulib")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_file", required=True, metavar="FILE.pb",
              type=click.Path(dir_okay=False, path_type=Path), help="The .pb file to write.")
@click.option("--selected", "mark", type=click.Choice(MARKS), default=OPTIMUM,
              show_default=True,
              help="What the selected column marks: the scenario's optimum, or the round's "
                   "actual decision.")
@click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
              help="Override a scenario key (repeatable).")
@click.option("--budget", type=float, metavar="AMOUNT",
              help="Budget (overrides budget.appropriation).")
@click.option("--solver", type=click.Choice(SOLVER_CHOICES),
              help="cbc, highs, dp or auto, as for grantopt run.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="What to print of the file written.")
@click.option("--force", is_flag=True, help="Replace FILE.pb if it exists (never an input).")
@lang_option
@reports_errors
def export_pabulib_command(scenario: Path, out_file: Path, mark: str, sets: tuple[str, ...],
                           budget: float | None, solver: str | None, fmt: str,
                           force: bool, lang: str) -> None:
    """Solve SCENARIO (a round imported from pabulib) and write its .pb file back, the
    selected column marking the optimum."""
    from optimizer.formats.pabulib import write_pabulib

    with quiet_stdout("json"):  # no solver banner in what is printed
        allocation = study_of(scenario, sets, budget, solver).solve()
        exported = write_pabulib(allocation, out_file, mark, force)
    if fmt == "json":
        echo_json({"path": str(exported.path), "selected_marks": exported.mark,
                   "selected": list(exported.selected), "cost": exported.cost,
                   "support": exported.support})
    else:
        click.echo(export_text(exported, Words(lang)))


def import_text(done: Imported, w: Words) -> str:
    return "\n".join([
        say(w, "pabulib.imported", projects=done.projects, ballots=done.ballots,
            vote_type=done.vote_type, budget=done.budget, currency=done.currency,
            caps=done.capped_areas, selected=done.selected),
        say(w, "pabulib.round_folder", path=done.round),
        say(w, "pabulib.scenario", path=done.scenario),
        *(say(w, "cli.header.note", note=note.text(w.lang)) for note in done.notes),
        say(w, "pabulib.next", scenario=done.scenario, compare=done.selected is not None),
    ])


def export_text(done: Exported, w: Words) -> str:
    return say(w, "pabulib.exported", path=done.path, optimum=done.mark == OPTIMUM,
               projects=len(done.selected), cost=done.cost, support=done.support)
