"""`grantopt data`: check and show a round folder."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import click

from optimizer.cli.options import csv_dialect_option, lang_option
from optimizer.cli.output import csv_in, echo_json, render_csv, render_table, reports_errors
from optimizer.readers import CheckReport, Summary, check_round, overview
from optimizer.vocabulary.message import say
from optimizer.vocabulary.numbers import shown_path
from optimizer.vocabulary.words import Words

DEFAULT_ROUND = "data/2020"
ROUND_ARG = click.argument("round_path", metavar="[ROUND]", required=False,
                           default=DEFAULT_ROUND, type=click.Path(path_type=Path))


@click.group("data")
def data_group() -> None:
    """Read and check round folders (applications, participants, awards, call.toml), and
    draw synthetic ones."""


@data_group.command("check")
@click.argument("round_path", metavar="[ROUND | SCENARIO.toml]", required=False,
                default=DEFAULT_ROUND, type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
              help="With a scenario: override a scenario key, as run does (repeatable).")
@lang_option
@reports_errors
def check(round_path: Path, sets: tuple[str, ...], lang: str) -> None:
    """Check every file of ROUND (default data/2020), or everything `run` reads for
    SCENARIO.toml (its round, scores, links, pools, years), without solving; exit 1 if
    there is any problem."""
    w = Words(lang)
    report = _checked(round_path, sets, w)
    for problem in report.problems:
        click.echo(say(w, "data.problem", text=problem.text(lang)))
    for note in report.notes:
        click.echo(say(w, "data.note", text=note.text(lang)))
    if report.problems or report.notes:
        click.echo("")
    click.echo(_verdict(w, round_path, report))
    if report.path.suffix.lower() != ".toml":  # a round was read: what it holds
        click.echo(_summary(w, report.summary))
    if not report.ok:
        sys.exit(1)


def _checked(path: Path, sets: Sequence[str], w: Words) -> CheckReport:
    if path.suffix.lower() == ".toml" and not path.is_dir():
        from optimizer.study import check_scenario  # the solver's libraries: only for this

        return check_scenario(path, sets)
    if sets:
        raise click.UsageError(say(w, "data.set_needs_scenario"))
    return check_round(path)


def _summary(w: Words, s: Summary) -> str:
    return render_table(_summary_headers(w), [
        (say(w, "data.applications"), s.applications,
         say(w, "data.requested", eur=s.requested_eur)),
        (say(w, "data.awards"), s.awards, say(w, "data.awarded", eur=s.awarded_eur)),
        (say(w, "data.municipalities"), s.municipalities, ""),
        (say(w, "data.regions"), s.regions, ""),
    ], align="lrl")


def _verdict(w: Words, path: Path, report: CheckReport) -> str:
    if path != report.path or path.suffix.lower() == ".toml":  # a scenario
        return (say(w, "data.scenario_ok", path=path, round=shown_path(report.path))
                if report.ok else
                say(w, "data.scenario_problems", path=path, n=len(report.problems)))
    return (say(w, "data.round_ok", path=path) if report.ok else
            say(w, "data.round_problems", path=path, n=len(report.problems)))


def _summary_headers(w: Words) -> tuple[str, str, str]:
    return "", say(w, "data.header_count"), say(w, "data.header_total")


SHOW_COLUMNS = ("id", "lead", "lead_region", "municipalities", "population", "target_area",
                "exclusion", "requested_eur", "awarded_eur")


@data_group.command("show")
@ROUND_ARG
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True,
              help="Output format.")
@csv_dialect_option
@reports_errors
def show(round_path: Path, fmt: str, csv_dialect: str) -> None:
    """One line per application of ROUND (default data/2020): lead, reach, amounts."""
    lines = overview(round_path)
    if fmt == "json":
        echo_json([asdict(line) for line in lines])
        return
    rows = [tuple(getattr(line, c) for c in SHOW_COLUMNS) for line in lines]
    if fmt == "csv":
        with csv_in(csv_dialect):
            click.echo(render_csv(SHOW_COLUMNS, rows), nl=False)
        return
    click.echo(render_table(SHOW_COLUMNS, rows, align="lllrrllrr"))


@data_group.command("synth")
@click.option("--applications", "n", type=click.IntRange(1, 1_000_000), required=True,
              help="How many applications to draw.")
@click.option("--seed", type=click.IntRange(0), default=0, show_default=True,
              help="Seed of every random draw: the same seed gives the same bytes.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="The round folder to write (a new folder, or an earlier one with --force).")
@click.option("--like", "like", type=click.Path(path_type=Path), default=DEFAULT_ROUND,
              show_default=True, help="The round whose shape and call rules to copy.")
@click.option("--force", is_flag=True, help="Replace an earlier synthetic round in --out.")
@lang_option
@reports_errors
def synth(n: int, seed: int, out_dir: Path, like: Path, force: bool, lang: str) -> None:
    """Write a synthetic round shaped like the --like round (default data/2020): the
    applications, participants, call.toml, a scoring sheet, a drawn actual decision and
    scenario.toml beside them (run it with: grantopt run OUT/scenario.toml). The same
    --applications and --seed give the same bytes."""
    from optimizer.formats.synth import write_synth_round

    w = Words(lang)
    written = write_synth_round(out_dir, n, seed, like, force)
    for path in written.files:
        click.echo(say(w, "data.wrote", path=path), err=True)
    r = written.round
    click.echo(say(w, "data.synth_head", n=r.n, seed=r.seed, like=r.template, out=out_dir))
    click.echo(render_table(_summary_headers(w), [
        (say(w, "data.applications"), r.n, say(w, "data.requested", eur=r.requested_eur)),
        (say(w, "data.appropriation"), "", say(
            w, "data.appropriation_share", eur=r.appropriation_eur,
            share=r.appropriation_eur / r.requested_eur)),
        (say(w, "data.drawn_awards"), len(r.awards), say(w, "data.awarded", eur=r.awarded_eur)),
        (say(w, "data.scores", layout=r.layout), len(r.scores), "scores.csv"),
    ], align="lrl"))
    click.echo(say(w, "data.run_it", path=written.scenario))
