"""`grantopt frontier` and `grantopt robustness`: the trade-off analyses."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from optimizer.analysis.frontier import (
    FRONTIER_COLUMNS,
    Frontier,
    frontier_rows,
)
from optimizer.analysis.robustness import Robustness
from optimizer.analysis.scenario import (
    actually_funded,
    coverage_scenario,
    frontier_scenario,
    robustness_scenario,
)
from optimizer.cli import main
from optimizer.cli.common import (
    echo_json,
    eur,
    header_lines,
    quiet_stdout,
    render_csv,
    render_table,
    reports_errors,
)
from optimizer.cli.run import SCENARIO_ARG, SET_OPT
from optimizer.model.prepare import Prepared, prepare
from optimizer.report.outputs import write_frontier_outputs, write_robustness_outputs

PROGRESS_ABOVE = 50  # draws; fewer finish before a bar would help


# --------------------------------------------------------------------------- frontier


@main.command("frontier")
@SCENARIO_ARG
@SET_OPT
@click.option("--min", "min_eur", type=float, metavar="EUR",
              help="Smallest appropriation (default: the smallest maximum award).")
@click.option("--max", "max_eur", type=float, metavar="EUR",
              help="Largest appropriation (default: all maximum awards together).")
@click.option("--points", type=click.IntRange(1, 100_000), default=25, show_default=True,
              help="Budget points (the scenario's appropriation is added when in range).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write frontier.csv/.png/.svg and coverage.csv/.png/.svg here.")
@reports_errors
def frontier_command(scenario: Path, sets: tuple[str, ...], min_eur: float | None,
                     max_eur: float | None, points: int, fmt: str,
                     out_dir: Path | None) -> None:
    """What each appropriation buys: optimal value against the budget, with the greedy
    'fund down the ranked list' baselines and the actual decision."""
    with quiet_stdout(fmt):
        prepared = prepare(scenario, sets=sets)
        fr = frontier_scenario(prepared, points=points, lo_eur=min_eur, hi_eur=max_eur)
    if out_dir is not None:
        with quiet_stdout(fmt):
            written = write_frontier_outputs(fr, coverage_scenario(prepared), prepared,
                                             out_dir)
        for path in written:
            click.echo(f"wrote {path}", err=True)
    if fmt == "json":
        echo_json({**prepared.score_fields(), "scenario": prepared.scenario.name,
                   **dataclasses.asdict(fr)})
    elif fmt == "csv":
        click.echo(render_csv(FRONTIER_COLUMNS, frontier_rows(fr)).rstrip("\n"))
    else:
        click.echo(format_frontier(prepared, fr))


def _value(v: float | None) -> str:
    return "infeasible" if v is None else f"{v:.3f}"


def format_frontier(prepared: Prepared, fr: Frontier) -> str:
    how = ("knapsack DP, exact at every budget" if fr.method == "dp"
           else f"integer program re-solved at each budget ({fr.solver}, gap 0)")
    rows = [
        [eur(p.budget_eur) + (" *" if p.budget_units * fr.unit_eur == fr.budget_eur else ""),
         _value(p.optimal.value), p.optimal.funded, eur(p.optimal.spent_eur),
         _value(p.by_score.value), p.by_score.funded, _ok(p.by_score.satisfies_rules),
         _value(p.by_ratio.value), p.by_ratio.funded, _ok(p.by_ratio.satisfies_rules)]
        for p in fr.points
    ]
    table = render_table(
        ["budget", "optimal", "n", "spent", "by score", "n", "rules", "by score/€", "n",
         "rules"], rows, align="lrrrrrlrrl")
    lines = [*header_lines(prepared), f"Optimum: {how}; value = {fr.objective} objective", "",
             table, "", "* the scenario's appropriation. Greedy baselines fund down the list "
             "ranked by score (or score per euro) and skip awards that do not fit; 'rules' "
             "says whether the result also meets the scenario's other rules."]
    if fr.actual is not None:
        a = fr.actual
        rule = ("meets every rule of the scenario" if a.satisfies_rules
                else f"breaks {len(a.violations)} rule(s) of the scenario")
        lines.append(f"Actual decision: {a.funded} projects, {eur(a.spent_eur)}, "
                     f"value {_value(a.value)}; {rule}")
    return "\n".join(lines)


def _ok(flag: bool) -> str:
    return "ok" if flag else "broken"


# --------------------------------------------------------------------------- robustness


@main.command("robustness")
@SCENARIO_ARG
@SET_OPT
@click.option("--samples", type=click.IntRange(1), help="Draws (default robustness.samples).")
@click.option("--seed", type=int, help="Random seed (default robustness.seed).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Processes; the result is the same for any number.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write acceptability.csv/.png/.svg here.")
@reports_errors
def robustness_command(scenario: Path, sets: tuple[str, ...], samples: int | None,
                       seed: int | None, workers: int, fmt: str, out_dir: Path | None) -> None:
    """How robust each award is to the weights (and score noise, or which evaluators
    scored: --set robustness.resample_evaluators=true): acceptability indices."""
    with quiet_stdout(fmt):
        prepared = prepare(scenario, sets=sets)
    n = samples if samples is not None else prepared.scenario.robustness.samples
    show_bar = fmt == "table" and n > PROGRESS_ABOVE
    with quiet_stdout(fmt), _progress(n, show_bar) as progress:
        rob = robustness_scenario(prepared, samples=n, seed=seed, workers=workers,
                                  progress=progress)
    funded = actually_funded(prepared)
    if out_dir is not None:
        with quiet_stdout(fmt):
            written = write_robustness_outputs(rob, prepared, out_dir)
        for path in written:
            click.echo(f"wrote {path}", err=True)
    if fmt == "json":
        payload = dataclasses.asdict(rob)
        for row in payload["items"]:
            row["actual_funded"] = row["id"] in funded
        echo_json({**prepared.score_fields(), "scenario": prepared.scenario.name, **payload})
    else:
        click.echo(format_robustness(prepared, rob, funded))


@contextlib.contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not show:
        yield None
        return
    with click.progressbar(length=total, label="Solving draws", file=sys.stderr) as bar:
        seen = [0]

        def update(done: int, _total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        yield update


def format_robustness(prepared: Prepared, rob: Robustness, funded: set[str]) -> str:
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
             f"each solved by {how} at {eur(rob.budget_eur)}", "", table, "",
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
