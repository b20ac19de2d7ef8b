"""`grantopt robustness`: how robust each award is to the weights."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import executor_options, scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    ids_text,
    quiet_stdout,
    render_table,
    reports_errors,
    solver_text,
    where_text,
    write_out,
)
from optimizer.vocabulary.message import general, say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.robustness import Robustness
    from optimizer.case import Case

PROGRESS_ABOVE = 50  # draws; fewer finish before a bar would help


@click.command("robustness")
@scenario_options(out_help="Write acceptability.csv/.png/.svg here.")
@click.option("--samples", type=click.IntRange(1), help="Draws (default robustness.samples).")
@click.option("--seed", type=click.IntRange(min=0), help="Random seed (default robustness.seed).")
@executor_options
@reports_errors
def robustness_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                       solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                       lang: str, csv_dialect: str, samples: int | None, seed: int | None,
                       executor: str, workers: int) -> None:
    """How robust each award is to the weights (and score noise, or which evaluators
    scored: --set robustness.resample_evaluators=true): acceptability indices."""
    from optimizer.report.outputs import write_robustness_outputs

    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
    case = study.case
    n = samples if samples is not None else case.scenario.robustness.samples
    show_bar = fmt == "table" and n > PROGRESS_ABOVE
    label = say(lang, "cli.robustness.solving")
    with quiet_stdout(fmt), progress_bar(n, show_bar, label) as progress:
        rob = study.robustness(samples=n, seed=seed, workers=workers, progress=progress,
                               executor=executor)
    funded = case.actually_funded
    if out_dir is not None:
        with quiet_stdout(fmt), csv_in(csv_dialect):
            write_out(out_dir, force, case.input_paths(),
                      lambda stage: write_robustness_outputs(rob, case, stage,
                                                             study.audit(seed=rob.seed)))
    if fmt == "json":
        payload = dataclasses.asdict(rob)
        for row in payload["items"]:
            row["actual_funded"] = row["id"] in funded
        echo_json({**case.score_fields(), "scenario": case.scenario.title, **payload,
                   "audit": study.audit(seed=rob.seed).to_dict()})
    else:
        click.echo(format_robustness(case, rob, funded, lang, executor, workers))


@contextlib.contextmanager
def progress_bar(total: int, show: bool, label: str | None = None
                 ) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr (or nothing), fed (done, total); `label`: English's."""
    if not show:
        yield None
        return
    label = label or say("en", "cli.robustness.solving")
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        seen = [0]

        def update(done: int, _total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        yield update


def format_robustness(case: Case, rob: Robustness, funded: set[str],
                      lang: str = "en", executor: str = "local", workers: int = 1) -> str:
    w = Words(lang)
    rows = [[a.id, a.label[:40], w.num(a.index, 3), w[a.category],
             say(w, "cli.robustness.funded") if a.id in funded else "", w.score(a.score)]
            for a in rob.items]
    table = render_table([w["id"], w["lead_short"], w["acceptability"], w["class"],
                          w["actual_short"], w["score"]], rows, align="llrlll")
    counts = {c: sum(a.category == c for a in rob.items)
              for c in ("core", "borderline", "exterior")}
    lines = [*header_lines(case, lang), _draws_line(rob, w, where_text(executor, workers, w)),
             "", table, "",
             f"{w['core']} (>= {_g(rob.core, w)}): {counts['core']}; {w['borderline']}: "
             f"{counts['borderline']}; {w['exterior']} (<= {_g(rob.exterior, w)}): "
             f"{counts['exterior']}"]
    outside = sorted(e.id for e in case.excluded)
    if outside:
        ids = ids_text(outside, w, ", ")
        was = ids_text([i for i in outside if i in funded], w, ", ") or w["none"]
        lines.append(say(w, "cli.robustness.not_analysed", ids=ids, funded=was))
    return "\n".join([*lines, *_portfolio_lines(rob, w)])


def _how(rob: Robustness, w: Words) -> str:
    """Which path solved the draws (robustness.engine), in the language."""
    if rob.method in ("dp", "core"):
        return say(w, f"cli.robustness.how_{rob.method}")
    path = "cli.robustness.how_highs" if rob.solver == "highs" else "cli.robustness.how_ip"
    return say(w, path, solver=solver_text(rob.solver, w))


def _draws_line(rob: Robustness, w: Words, where: str) -> str:
    """How many draws of what, and how each was solved."""
    how = _how(rob, w)
    noise = say(w, "cli.robustness.noise", sd=rob.score_noise) if rob.score_noise else ""
    if rob.evaluators:
        noise += say(w, "cli.robustness.evaluators", n=rob.evaluators)
    weights = value_name("robustness.weights", rob.weights, w.lang) or rob.weights
    return say(w, "cli.robustness.draws", samples=rob.samples, weights=weights, noise=noise,
               seed=rob.seed, how=how, budget=rob.budget_eur, where=where)


def _portfolio_lines(rob: Robustness, w: Words) -> list[str]:
    """The most frequent optimal portfolios, each after the first as its difference."""
    lines = [say(w, "cli.robustness.portfolios", n=rob.distinct_portfolios)]
    first = set(rob.portfolios[0].ids) if rob.portfolios else set()
    for k, p in enumerate(rob.portfolios, 1):
        if k == 1:
            what = ids_text(p.ids, w)
        else:
            plus = sorted(set(p.ids) - first)
            minus = sorted(first - set(p.ids))
            what = say(w, "cli.robustness.vs_first") + " " + ids_text(
                [*(f"+{i}" for i in plus), *(f"-{i}" for i in minus)], w)
        share = say(w, "cli.robustness.share", share=p.share)
        lines.append(f"  {k}. {share}  {w.count(len(p.ids), 'project')}  {what}")
    return lines


def _g(value: float, w: Words) -> str:
    """A threshold as {:g} writes it, with the language's decimal mark."""
    return general(value, w.lang)
