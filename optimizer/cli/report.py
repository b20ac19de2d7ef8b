"""`grantopt report`: one report of a scenario, to read and forward."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import echo_json, quiet_stdout, reports_errors
from optimizer.cli.robustness import PROGRESS_ABOVE, progress_bar


@click.command("report")
@scenario_options(out_required=True,
                  out_help="Folder for report.html and its figures and tables (not the "
                           "round's or the scenario's folder).")
@click.option("--samples", type=click.IntRange(1),
              help="Robustness draws (default: the scenario's robustness.samples).")
@click.option("--seed", type=click.IntRange(min=0),
              help="Robustness seed (default: robustness.seed).")
@click.option("--no-robustness", "skip_robustness", is_flag=True,
              help="Leave the robustness analysis out (faster).")
@reports_errors
def report_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                   solver: str | None, fmt: str, out_dir: Path, force: bool,
                   samples: int | None,
                   seed: int | None, skip_robustness: bool) -> None:
    """Write one report of SCENARIO to read and forward: report.html (no scripts), the
    optimal allocation, the comparison with the actual decision, the frontiers,
    robustness, and their figures (PNG + SVG) and tables."""
    table = fmt == "table"
    with quiet_stdout(fmt), contextlib.ExitStack() as stack:
        study = study_of(scenario, sets, budget, solver)
        files = study.report(out_dir, samples=samples, seed=seed,
                             robustness=not skip_robustness, force=force,
                             progress=_lazy_bar(stack) if table else None,
                             note=lambda text: click.echo(f"{text} ...", err=True))
    if not table:
        echo_json({"report": str(files.html), "written": [str(p) for p in files.written],
                   "skipped": list(files.skipped)})
        return
    for path in files.written:
        click.echo(f"wrote {path}")
    for text in files.skipped:
        click.echo(f"left out: {text}")
    click.echo(f"Report: {files.html}")


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
