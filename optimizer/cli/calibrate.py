"""`grantopt calibrate`: the criteria weights closest to the actual decision."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    quiet_stdout,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.calibrate import Calibration
    from optimizer.model.prepare import Prepared


@click.command("calibrate")
@scenario_options(out_help="Write calibration.json and calibration.csv here.")
@click.option("--samples", type=click.IntRange(min=0), default=100, show_default=True,
              help="Random weightings (Dirichlet(1)) after the vertices and equal weights.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of every random draw; the same seed gives the same answer.")
@reports_errors
def calibrate_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                      solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                      lang: str, csv_dialect: str, samples: int, seed: int) -> None:
    """Which criteria weights make the optimum of SCENARIO closest to the actual decision."""
    from optimizer.model.prepare import actual_units
    from optimizer.report.outputs import write_calibration_outputs

    with quiet_stdout(fmt), csv_in(csv_dialect):
        study = study_of(scenario, sets, budget, solver)
        result = study.calibrate(samples=samples, seed=seed)
        _, outside = actual_units(study.prepared)
        audit = study.audit(seed=seed, samples=samples)
        if out_dir is not None:
            write_out(out_dir, force, study.prepared.input_paths(),
                      lambda stage: write_calibration_outputs(result, study.prepared, stage,
                                                              audit))
    if fmt == "json":
        echo_json({**result.to_dict(), **study.prepared.score_fields(),
                   "actual_outside_instance": list(outside), "audit": audit.to_dict()})
    else:
        click.echo(format_calibration(result, study.prepared, outside, lang))


def format_calibration(k: Calibration, prepared: Prepared, outside: tuple[str, ...],
                       lang: str = "en") -> str:
    if lang == "fi":
        return _format_calibration_fi(k, prepared, outside)
    labels = prepared.instance.labels

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{i} ({labels.get(i, i)})" for i in ids) or "none"

    lines = [*header_lines(prepared),
             f"Weightings tried: {k.tried} (vertices, equal, the scenario's own, {k.samples} "
             f"random, {k.refine} local steps; seed {k.seed}, solver {k.solver})", ""]
    rows = [[c, f"{k.best.weights[j]:.3f}",
             "" if k.current is None else f"{k.current.weights[j]:.3f}"]
            for j, c in enumerate(k.criteria_ids)]
    lines.append(render_table(["criterion", "closest weights", "scenario weights"], rows,
                              align="lrr"))
    lines += ["", "Agreement with the actual decision (share of the actual euros funded "
                  "alike / projects in common, Jaccard):",
              f"  closest weights ({k.best.source}): {k.best.euro_share:.1%} of euros, "
              f"{k.best.project_share:.1%} of projects"]
    if k.current is not None:
        lines.append(f"  scenario weights: {k.current.euro_share:.1%} of euros, "
                     f"{k.current.project_share:.1%} of projects")
    lines += ["", f"Actual awards in no optimum under any weighting tried: "
                  f"{named(k.unexplained_awards)}",
              f"Actual rejections funded under every weighting tried: "
              f"{named(k.unexplained_rejections)}"]
    if outside:
        lines.append(f"Actual awards outside the instance (no weighting can explain them): "
                     f"{named(outside)}")
    return "\n".join(lines)


SOURCES_FI = {"vertex": "kärki", "equal": "tasapainot", "current": "skenaarion omat",
              "random": "satunnainen", "refine": "paikallinen haku"}


def _format_calibration_fi(k: Calibration, prepared: Prepared,
                           outside: tuple[str, ...]) -> str:
    """format_calibration in Finnish: the decision's words, numbers in the Finnish format."""
    w = Words("fi")
    labels = prepared.instance.labels

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{i} ({labels.get(i, i)})" for i in ids) or w["none"]

    lines = [*header_lines(prepared, "fi"),
             f"Kokeiltuja painotuksia: {k.tried} (kärjet eli koko paino yhdellä kriteerillä, "
             f"tasapainot, skenaarion omat, {k.samples} satunnaista, {k.refine} paikallista "
             f"askelta; siemenluku {k.seed}, ratkaisija {k.solver})", ""]
    rows = [[c, w.num(k.best.weights[j], 3),
             "" if k.current is None else w.num(k.current.weights[j], 3)]
            for j, c in enumerate(k.criteria_ids)]
    what = w["indicator"] if prepared.is_proxy else w["criterion"]
    lines.append(render_table([what, "lähimmät painot", "skenaarion painot"], rows,
                              align="lrr"))
    lines += ["", "Yhtäpitävyys toteutuneen päätöksen kanssa (samoin rahoitettujen eurojen "
                  "osuus toteutuneista euroista / yhteiset hankkeet, Jaccard):",
              f"  lähimmät painot ({SOURCES_FI.get(k.best.source, k.best.source)}): "
              f"{w.pct(k.best.euro_share)} euroista, {w.pct(k.best.project_share)} hankkeista"]
    if k.current is not None:
        lines.append(f"  skenaarion painot: {w.pct(k.current.euro_share)} euroista, "
                     f"{w.pct(k.current.project_share)} hankkeista")
    lines += ["", "Toteutuneet avustukset, joita ei rahoiteta yhdenkään kokeillun painotuksen "
                  f"optimaalisessa jaossa: {named(k.unexplained_awards)}",
              "Toteutuneessa päätöksessä hylätyt, jotka jokainen kokeiltu painotus "
              f"rahoittaa: {named(k.unexplained_rejections)}"]
    if outside:
        lines.append("Toteutuneet avustukset hakemuksille, jotka eivät ole avustuskelpoisia "
                     f"tässä skenaariossa (mikään painotus ei selitä niitä): {named(outside)}")
    return "\n".join(lines)
