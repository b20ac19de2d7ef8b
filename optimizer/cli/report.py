"""`grantopt report`: one report of one scenario or several side by side, to forward."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import click

from optimizer.cli.options import AMOUNT, SOLVER_CHOICES, executor_options, solver_sets
from optimizer.cli.output import echo_json, quiet_stdout, reports_errors
from optimizer.cli.robustness import PROGRESS_ABOVE, progress_bar
from optimizer.formats.files import CSV_DIALECTS

LANGUAGES = ("fi", "en")


def languages(text: str | None) -> tuple[str, ...] | None:
    """'fi', 'en' or 'fi,en' (both: a page for each)."""
    if text is None:
        return None
    langs = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    wrong = [lang for lang in langs if lang not in LANGUAGES]
    if wrong or not langs:
        raise click.BadParameter(f"{text!r}: give fi, en or fi,en", param_hint="--lang")
    return langs


@click.command("report")
@click.argument("scenarios", nargs=-1, required=True, metavar="SCENARIO[::KEY=VALUE...] ...",
                type=str)
@click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
              help="Override a key in every scenario (repeatable); a key for one scenario "
                   "only goes after its file: FILE::coverage.min_regions=3.")
@click.option("--budget", type=AMOUNT, metavar="EUR",
              help="Appropriation in euros, in every scenario.")
@click.option("--solver", type=click.Choice(SOLVER_CHOICES),
              help="How the optima are found (see grantopt run --help).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format of what was written.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for the report (not the round's or a scenario's folder).")
@click.option("--force", is_flag=True,
              help="Replace an earlier result in the --out folder (never a folder with your "
                   "inputs or files grantopt did not write).")
@click.option("--lang", "lang", metavar="fi|en|fi,en",
              envvar="GRANTOPT_LANG",
              help="Language of the report and its workbook (default: the round's own, "
                   "call.toml language, else en); fi,en writes both.")
@click.option("--csv-dialect", "csv_dialect", type=click.Choice(CSV_DIALECTS),
              envvar="GRANTOPT_CSV_DIALECT", default="plain", show_default=True,
              help="plain: comma and decimal point, for scripts and other tools; excel-fi: "
                   "semicolon, decimal comma and a BOM, for opening in a Finnish Excel.")
@click.option("--geojson", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw the regions from this boundary file (GeoJSON) instead of tiles.")
@click.option("--samples", type=click.IntRange(1),
              help="Robustness draws (default: the scenario's robustness.samples).")
@click.option("--seed", type=click.IntRange(min=0),
              help="Robustness seed (default: robustness.seed).")
@click.option("--no-robustness", "skip_robustness", is_flag=True,
              help="Leave the robustness analysis out (faster).")
@executor_options
@reports_errors
def report_command(scenarios: tuple[str, ...], sets: tuple[str, ...], budget: float | None,
                   solver: str | None, fmt: str, out_dir: Path, force: bool, lang: str | None,
                   csv_dialect: str, geojson: Path | None, samples: int | None, seed: int | None,
                   skip_robustness: bool, executor: str, workers: int) -> None:
    """Write one report of SCENARIO, or of several side by side, to read and forward:
    report.html (one file, every figure inside, no scripts, nothing from the network) in
    Finnish or English, report.xlsx to continue in, and the tables and figures as files."""
    from optimizer.analysis.executor import executor_for
    from optimizer.cli.diff import SEPARATOR
    from optimizer.study import Study, report

    langs = languages(lang)
    table = fmt == "table"
    with quiet_stdout(fmt), contextlib.ExitStack() as stack:
        studies = []
        for spec in scenarios:
            path, *own = spec.split(SEPARATOR)
            studies.append(Study.from_file(Path(path), sets=(*solver_sets(sets, solver), *own),
                                           budget=budget))
        files = report(studies, out_dir, samples=samples, seed=seed,
                       robustness=not skip_robustness, langs=langs, force=force,
                       geojson=geojson, csv_dialect=csv_dialect,
                       executor=executor_for(executor, workers),
                       progress=_lazy_bar(stack) if table else None,
                       note=lambda text: click.echo(f"{text} ...", err=True))
    if not table:
        echo_json({"pages": [str(p) for p in files.pages],
                   "written": [str(p) for p in files.written], "skipped": list(files.skipped)})
        return
    for written in files.written:
        click.echo(f"wrote {written}")
    for text in files.skipped:
        click.echo(f"left out: {text}")
    for html in files.pages:
        click.echo(f"Report: {html}")


def _lazy_bar(stack: contextlib.ExitStack) -> Callable[[int, int], None]:
    """A progress bar on stderr for the robustness draws, opened when the first draws are
    done (so it does not show before the steps that come first) and only for many draws."""
    bar: list[Callable[[int, int], None] | None] = []

    def update(done: int, total: int) -> None:
        if not bar:
            bar.append(stack.enter_context(progress_bar(total, total > PROGRESS_ABOVE)))
        if bar[0] is not None:
            bar[0](done, total)

    return update
