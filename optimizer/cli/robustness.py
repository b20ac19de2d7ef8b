"""`grantopt robustness`: how robust each award is to the weights."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
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
from optimizer.format import euros
from optimizer.words import LABELS, Words

if TYPE_CHECKING:
    from optimizer.analysis.robustness import Robustness
    from optimizer.model.prepare import Prepared

PROGRESS_ABOVE = 50  # draws; fewer finish before a bar would help


@click.command("robustness")
@scenario_options(out_help="Write acceptability.csv/.png/.svg here.")
@click.option("--samples", type=click.IntRange(1), help="Draws (default robustness.samples).")
@click.option("--seed", type=click.IntRange(min=0), help="Random seed (default robustness.seed).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Processes; the result is the same for any number.")
@reports_errors
def robustness_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                       solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                       lang: str, csv_dialect: str, samples: int | None, seed: int | None,
                       workers: int) -> None:
    """How robust each award is to the weights (and score noise, or which evaluators
    scored: --set robustness.resample_evaluators=true): acceptability indices."""
    from optimizer.report.outputs import write_robustness_outputs

    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
    prepared = study.prepared
    n = samples if samples is not None else prepared.scenario.robustness.samples
    show_bar = fmt == "table" and n > PROGRESS_ABOVE
    label = "Ratkaistaan arvontoja" if lang == "fi" else "Solving draws"
    with quiet_stdout(fmt), progress_bar(n, show_bar, label) as progress:
        rob = study.robustness(samples=n, seed=seed, workers=workers, progress=progress)
    funded = prepared.actually_funded
    if out_dir is not None:
        with quiet_stdout(fmt), csv_in(csv_dialect):
            write_out(out_dir, force, prepared.input_paths(),
                      lambda stage: write_robustness_outputs(rob, prepared, stage,
                                                             study.audit(seed=rob.seed)))
    if fmt == "json":
        payload = dataclasses.asdict(rob)
        for row in payload["items"]:
            row["actual_funded"] = row["id"] in funded
        echo_json({**prepared.score_fields(), "scenario": prepared.scenario.title, **payload,
                   "audit": study.audit(seed=rob.seed).to_dict()})
    else:
        click.echo(format_robustness(prepared, rob, funded, lang))


@contextlib.contextmanager
def progress_bar(total: int, show: bool, label: str = "Solving draws"
                 ) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr (or nothing), fed (done, total)."""
    if not show:
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        seen = [0]

        def update(done: int, _total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        yield update


def format_robustness(prepared: Prepared, rob: Robustness, funded: set[str],
                      lang: str = "en") -> str:
    if lang == "fi":
        return _format_robustness_fi(prepared, rob, funded)
    how = "knapsack DP" if rob.method == "dp" else f"integer program ({rob.solver})"
    noise = f", score noise sd {rob.score_noise:g}" if rob.score_noise else ""
    if rob.evaluators:
        noise += f", a resampled panel of {rob.evaluators} evaluators"
    rows = [[a.id, a.label[:40], f"{a.index:.3f}", a.category,
             "funded" if a.id in funded else "", f"{a.score:.3f}"] for a in rob.items]
    table = render_table(["id", "lead", "acceptability", "class", "actual", "score"], rows,
                         align="llrlll")
    counts = {c: sum(a.category == c for a in rob.items)
              for c in ("core", "borderline", "exterior")}
    lines = [*header_lines(prepared),
             f"{rob.samples} draws of the weights ({rob.weights}{noise}), seed {rob.seed}; "
             f"each solved by {how} at {euros(rob.budget_eur)}", "", table, "",
             f"core (>= {rob.core:g}): {counts['core']}; borderline: {counts['borderline']}; "
             f"exterior (<= {rob.exterior:g}): {counts['exterior']}"]
    outside = sorted(e.id for e in prepared.instance.excluded)
    if outside:
        was = [i for i in outside if i in funded]
        lines.append(f"Not analysed (not fundable under this scenario): {', '.join(outside)}; "
                     f"funded in the actual decision: {', '.join(was) if was else 'none'}")
    lines.append(f"Distinct optimal portfolios: {rob.distinct_portfolios}; most frequent:")
    first = set(rob.portfolios[0].ids) if rob.portfolios else set()
    for k, p in enumerate(rob.portfolios, 1):
        if k == 1:
            what = " ".join(p.ids)
        else:
            plus = sorted(set(p.ids) - first)
            minus = sorted(first - set(p.ids))
            what = "vs 1: " + " ".join([*(f"+{i}" for i in plus), *(f"-{i}" for i in minus)])
        lines.append(f"  {k}. {p.share:6.1%}  {len(p.ids)} projects  {what}")
    return "\n".join(lines)


def _format_robustness_fi(prepared: Prepared, rob: Robustness, funded: set[str]) -> str:
    """format_robustness in Finnish: the decision's words, numbers in the Finnish format."""
    w = Words("fi")
    how = ("reppuongelman dynaamisella ohjelmalla" if rob.method == "dp"
           else f"kokonaislukuohjelmalla ({rob.solver})")
    noise = (f", pisteiden satunnaisvaihtelu (keskihajonta {_g(rob.score_noise)})"
             if rob.score_noise else "")
    if rob.evaluators:
        noise += f", arvioijapaneeli arvottu uudelleen ({rob.evaluators} arvioijaa)"
    rows = [[a.id, a.label[:40], w.num(a.index, 3), LABELS[a.category]["fi"],
             "rahoitettu" if a.id in funded else "", w.score(a.score)] for a in rob.items]
    table = render_table([w["id"], w["lead"], w["acceptability"], w["class"], "toteutunut",
                          w["score"]], rows, align="llrlll")
    counts = {c: sum(a.category == c for a in rob.items)
              for c in ("core", "borderline", "exterior")}
    lines = [*header_lines(prepared, "fi"),
             f"Painot arvottu {rob.samples} kertaa ({rob.weights}{noise}), siemenluku "
             f"{rob.seed}; kukin arvonta ratkaistu {how} määrärahalla {w.eur(rob.budget_eur)}",
             "", table, "",
             f"{w['core']} (>= {_g(rob.core)}): {counts['core']}; {w['borderline']}: "
             f"{counts['borderline']}; {w['exterior']} (<= {_g(rob.exterior)}): "
             f"{counts['exterior']}"]
    outside = sorted(e.id for e in prepared.instance.excluded)
    if outside:
        was = [i for i in outside if i in funded]
        lines.append(f"Ei analysoitu (ei avustuskelpoinen tässä skenaariossa): "
                     f"{', '.join(outside)}; rahoitettu toteutuneessa päätöksessä: "
                     f"{', '.join(was) if was else w['none']}")
    lines.append(f"Erilaisia optimaalisia jakoja: {rob.distinct_portfolios}; yleisimmät:")
    first = set(rob.portfolios[0].ids) if rob.portfolios else set()
    for k, p in enumerate(rob.portfolios, 1):
        if k == 1:
            what = " ".join(p.ids)
        else:
            plus = sorted(set(p.ids) - first)
            minus = sorted(first - set(p.ids))
            what = "vrt. 1: " + " ".join([*(f"+{i}" for i in plus), *(f"-{i}" for i in minus)])
        lines.append(f"  {k}. {w.pct(p.share):>7}  {w.count(len(p.ids), 'project')}  {what}")
    return "\n".join(lines)


def _g(value: float) -> str:
    """A threshold as the English table writes it ({:g}), with a decimal comma."""
    return f"{value:g}".replace(".", ",")
