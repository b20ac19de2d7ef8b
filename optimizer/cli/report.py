"""`grantopt report`: one HTML report of a scenario, with its figures and tables."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import click

from optimizer.cli import main
from optimizer.cli.common import reports_errors
from optimizer.cli.explore import PROGRESS_ABOVE, _progress
from optimizer.cli.run import BUDGET_OPT, SCENARIO_ARG, SET_OPT
from optimizer.model.prepare import prepare
from optimizer.report.html import build_report


@main.command("report")
@SCENARIO_ARG
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for report.html and its figures and tables (not the round's or "
                   "the scenario's folder).")
@SET_OPT
@BUDGET_OPT
@click.option("--samples", type=click.IntRange(1),
              help="Robustness draws (default: the scenario's robustness.samples).")
@click.option("--seed", type=int, help="Robustness seed (default: robustness.seed).")
@click.option("--no-robustness", "skip_robustness", is_flag=True,
              help="Leave the robustness analysis out (faster).")
@reports_errors
def report_command(scenario: Path, out_dir: Path, sets: tuple[str, ...], budget: float | None,
                   samples: int | None, seed: int | None, skip_robustness: bool) -> None:
    """Write one report of SCENARIO to read and forward: report.html (self-contained, no
    scripts), the optimal allocation, the comparison with the actual decision, the
    frontiers, robustness, and their figures (PNG + SVG) and tables."""
    prepared = prepare(scenario, sets=sets, budget=budget)
    with contextlib.ExitStack() as stack:
        files = build_report(prepared, out_dir, samples=samples, seed=seed,
                             robustness=not skip_robustness, progress=_lazy_bar(stack),
                             note=lambda text: click.echo(f"{text} ...", err=True))
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
            bar.append(stack.enter_context(_progress(total, total > PROGRESS_ABOVE)))
        if bar[0] is not None:
            bar[0](done, total)

    return update
