"""`grantopt calibrate`: the criteria weights closest to the actual decision."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import executor_options, scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    quiet_stdout,
    render_table,
    reports_errors,
    solver_text,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import criterion_name
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.calibrate import Calibration
    from optimizer.case import Case


@click.command("calibrate")
@scenario_options(out_help="Write calibration.json and calibration.csv here.")
@click.option("--samples", type=click.IntRange(min=0), default=100, show_default=True,
              help="Random weightings (Dirichlet(1)) after the vertices and equal weights.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of every random draw; the same seed gives the same answer.")
@executor_options
@reports_errors
def calibrate_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                      solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                      lang: str, csv_dialect: str, samples: int, seed: int, executor: str,
                      workers: int) -> None:
    """Which criteria weights make the optimum of SCENARIO closest to the actual decision."""
    from optimizer.case import actual_units
    from optimizer.report.outputs import write_calibration_outputs

    with quiet_stdout(fmt), csv_in(csv_dialect):
        study = study_of(scenario, sets, budget, solver)
        result = study.calibrate(samples=samples, seed=seed, executor=executor,
                                 workers=workers)
        _, outside = actual_units(study.case)
        audit = study.audit(seed=seed, samples=samples)
        if out_dir is not None:
            write_out(out_dir, force, study.case.input_paths(),
                      lambda stage: write_calibration_outputs(result, study.case, stage,
                                                              audit))
    if fmt == "json":
        echo_json({**result.to_dict(), **study.case.score_fields(),
                   "actual_outside_instance": list(outside), "audit": audit.to_dict()})
    else:
        click.echo(format_calibration(result, study.case, outside, lang))


def format_calibration(k: Calibration, case: Case, outside: tuple[str, ...],
                       lang: str = "en") -> str:
    w = Words(lang)
    labels = case.labels

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{i} ({labels.get(i, i)})" for i in ids) or w["none"]

    lines = [*header_lines(case, lang),
             say(w, "cli.calibrate.tried", tried=k.tried, samples=k.samples, refine=k.refine,
                 seed=k.seed, solver=solver_text(k.solver, w)), "",
             _weights_table(k, case, w), "", *_agreement_lines(k, w), "",
             say(w, "cli.calibrate.unexplained_awards", named=named(k.unexplained_awards)),
             say(w, "cli.calibrate.unexplained_rejections",
                 named=named(k.unexplained_rejections))]
    if outside:
        lines.append(say(w, "cli.calibrate.outside", named=named(outside)))
    return "\n".join(lines)


def _weights_table(k: Calibration, case: Case, w: Words) -> str:
    names = criterion_names(case, w.lang)
    rows = [[names.get(c, c), w.num(k.best.weights[j], 3),
             "" if k.current is None else w.num(k.current.weights[j], 3)]
            for j, c in enumerate(k.criteria_ids)]
    what = say(w, "cli.calibrate.col_indicator" if case.is_proxy
               else "cli.calibrate.col_criterion")
    return render_table([what, w["closest_weights"], w["scenario_weights"]], rows,
                        align="lrr")


def criterion_names(case: Case, lang: str) -> dict[str, str]:
    """Each criterion's (or proxy indicator's) plain name, by id, from the call's texts."""
    call = case.round.call
    found = call.proxies if case.is_proxy else call.criteria
    return {c.id: criterion_name(c.id, c.text(lang)) for c in found}


def _agreement_lines(k: Calibration, w: Words) -> list[str]:
    """How close the closest weights (and the scenario's own) come to the actual decision."""

    def agree(euro: float, projects: float) -> str:
        return say(w, "cli.calibrate.agree", euros=euro, projects=projects)

    source = say(w, f"cli.calibrate.source.{k.best.source}")
    lines = [say(w, "cli.calibrate.agreement"),
             f"  {w['closest_weights']} ({source}): "
             f"{agree(k.best.euro_share, k.best.project_share)}"]
    if k.current is not None:
        lines.append(f"  {w['scenario_weights']}: "
                     f"{agree(k.current.euro_share, k.current.project_share)}")
    return lines
