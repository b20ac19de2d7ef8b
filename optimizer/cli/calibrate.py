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
    t,
    write_out,
)
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.calibrate import Calibration
    from optimizer.model.prepare import Prepared


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
    from optimizer.model.prepare import actual_units
    from optimizer.report.outputs import write_calibration_outputs

    with quiet_stdout(fmt), csv_in(csv_dialect):
        study = study_of(scenario, sets, budget, solver)
        result = study.calibrate(samples=samples, seed=seed, executor=executor,
                                 workers=workers)
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
    w = Words(lang)
    labels = prepared.instance.labels

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(f"{i} ({labels.get(i, i)})" for i in ids) or w["none"]

    lines = [*header_lines(prepared, lang),
             t(w, f"Weightings tried: {k.tried} (vertices, equal, the scenario's own, "
                  f"{k.samples} random, {k.refine} local steps; seed {k.seed}, solver "
                  f"{k.solver})",
               f"Kokeiltuja painotuksia: {k.tried} (kärjet eli koko paino yhdellä kriteerillä, "
               f"tasapainot, skenaarion omat, {k.samples} satunnaista, {k.refine} paikallista "
               f"askelta; siemenluku {k.seed}, ratkaisija {k.solver})"), "",
             _weights_table(k, prepared, w), "", *_agreement_lines(k, w), "",
             t(w, f"Actual awards in no optimum under any weighting tried: "
                  f"{named(k.unexplained_awards)}",
               "Toteutuneet avustukset, joita ei rahoiteta yhdenkään kokeillun painotuksen "
               f"optimaalisessa jaossa: {named(k.unexplained_awards)}"),
             t(w, f"Actual rejections funded under every weighting tried: "
                  f"{named(k.unexplained_rejections)}",
               "Toteutuneessa päätöksessä hylätyt, jotka jokainen kokeiltu painotus "
               f"rahoittaa: {named(k.unexplained_rejections)}")]
    if outside:
        lines.append(t(w, "Actual awards outside the instance (no weighting can explain "
                          f"them): {named(outside)}",
                       "Toteutuneet avustukset hakemuksille, jotka eivät ole "
                       "avustuskelpoisia tässä skenaariossa (mikään painotus ei selitä "
                       f"niitä): {named(outside)}"))
    return "\n".join(lines)


def _weights_table(k: Calibration, prepared: Prepared, w: Words) -> str:
    rows = [[c, w.num(k.best.weights[j], 3),
             "" if k.current is None else w.num(k.current.weights[j], 3)]
            for j, c in enumerate(k.criteria_ids)]
    # Finnish tells proxy indicators from evaluated criteria; the English header never did.
    what = t(w, "criterion", w["indicator"] if prepared.is_proxy else w["criterion"])
    return render_table([what, w["closest_weights"], w["scenario_weights"]], rows,
                        align="lrr")


SOURCES_FI = {"vertex": "kärki", "equal": "tasapainot", "current": "skenaarion omat",
              "random": "satunnainen", "refine": "paikallinen haku"}


def _agreement_lines(k: Calibration, w: Words) -> list[str]:
    """How close the closest weights (and the scenario's own) come to the actual decision."""

    def pct(share: float) -> str:
        return t(w, f"{share:.1%}", w.pct(share))

    def agree(euro: float, projects: float) -> str:
        return t(w, f"{pct(euro)} of euros, {pct(projects)} of projects",
                 f"{pct(euro)} euroista, {pct(projects)} hankkeista")

    source = t(w, k.best.source, SOURCES_FI.get(k.best.source, k.best.source))
    lines = [t(w, "Agreement with the actual decision (share of the actual euros funded alike "
                  "/ projects in common, Jaccard):",
               "Yhtäpitävyys toteutuneen päätöksen kanssa (samoin rahoitettujen eurojen "
               "osuus toteutuneista euroista / yhteiset hankkeet, Jaccard):"),
             f"  {w['closest_weights']} ({source}): "
             f"{agree(k.best.euro_share, k.best.project_share)}"]
    if k.current is not None:
        lines.append(f"  {w['scenario_weights']}: "
                     f"{agree(k.current.euro_share, k.current.project_share)}")
    return lines
