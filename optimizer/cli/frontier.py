"""`grantopt frontier`: what each appropriation buys."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import AMOUNT, executor_options, scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    ids_text,
    quiet_stdout,
    render_table,
    reports_errors,
    solver_text,
    terminal_width,
    wrap,
    wrap_lines,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.frontier import Frontier
    from optimizer.case import Case


@click.command("frontier")
@scenario_options(formats=("table", "json", "csv"),
                  out_help="Write frontier.csv/.png/.svg and coverage.csv/.png/.svg here.")
@click.option("--min", "min_eur", type=AMOUNT, metavar="EUR",
              help="Smallest appropriation (default: the smallest maximum award).")
@click.option("--max", "max_eur", type=AMOUNT, metavar="EUR",
              help="Largest appropriation (default: all maximum awards together).")
@click.option("--points", type=click.IntRange(1, 100_000), default=25, show_default=True,
              help="Budget points (the scenario's appropriation is added when in range).")
@executor_options
@reports_errors
def frontier_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                     solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                     lang: str, csv_dialect: str, min_eur: float | None, max_eur: float | None,
                     points: int, executor: str, workers: int) -> None:
    """What each appropriation buys: optimal value against the budget, with the greedy
    'fund down the ranked list' baselines and the actual decision."""
    from optimizer.analysis.executor import executor_for
    from optimizer.report.outputs import frontier_csv, write_frontier_outputs

    with csv_in(csv_dialect):
        with quiet_stdout(fmt):
            study = study_of(scenario, sets, budget, solver)
            fr = study.frontier(points=points, lo=min_eur, hi=max_eur,
                                executor=executor_for(executor, workers))
            if out_dir is not None:
                coverage = study.coverage_frontier()
                write_out(out_dir, force, study.case.input_paths(),
                          lambda stage: write_frontier_outputs(fr, coverage, study.case,
                                                               stage, study.audit()))
        case = study.case
        if fmt == "json":
            echo_json({**case.score_fields(), "scenario": case.scenario.title,
                       **dataclasses.asdict(fr),
                       "steps": [dataclasses.asdict(s) for s in fr.steps()],
                       "audit": study.audit().to_dict()})
        elif fmt == "csv":
            click.echo(frontier_csv(fr), nl=False)
        else:
            click.echo(format_frontier(case, fr, lang))


def format_frontier(case: Case, fr: Frontier, lang: str = "en",
                    width: int | None = None) -> str:
    """The frontier laid out for `width` columns (default: the terminal's)."""
    w = Words(lang)
    width = width or terminal_width()
    how = (say(w, f"cli.frontier.how_{fr.method}") if fr.method in ("dp", "core")
           else say(w, "cli.frontier.how_ip", solver=solver_text(fr.solver, w)))
    lines = [*header_lines(case, lang), say(w, "cli.frontier.optimum", how=how),
             objective_sentence(case.objective, case.partial_value, lang), "",
             _table_text(fr, w, width), "", say(w, "cli.frontier.footnote")]
    if fr.actual is not None:
        a = fr.actual
        rule = (say(w, "cli.frontier.meets_rules") if a.satisfies_rules
                else say(w, "cli.frontier.breaks_rules", n=len(a.violations)))
        lines.append(f"{w['actual'].capitalize()}: {w.count(a.funded, 'project')}, "
                     f"{w.eur(a.spent_eur)}, {w['value']} {w.value(a.value, fr.objective)}; "
                     f"{rule}")
    lines += ["", say(w, "cli.frontier.steps_head")]
    steps = []
    for s in fr.steps():
        gain = ("" if s.value_gain is None
                else f", {w['value']} +{w.value(s.value_gain, fr.objective)}")
        moves = ids_text([*(f"+{i}" for i in s.enter), *(f"-{i}" for i in s.leave)], w)
        steps += wrap(f"{w.eur(s.from_eur)} -> {w.eur(s.to_eur)}{gain}: "
                      f"{moves or w['nothing']}", width, "  ", "  ")
    table = lines.index("") + 1  # the table is laid out already; the rest is prose
    return "\n".join([*wrap_lines(lines[:table], width), lines[table],
                      *wrap_lines(lines[table + 1:], width), *steps])


def _table_text(fr: Frontier, w: Words, width: int) -> str:
    """Per budget: the optimum, and the two greedy baselines with whether they keep the
    rules."""

    def value(v: float | None) -> str:
        return w.value(v, fr.objective)

    def ok(flag: bool) -> str:
        return say(w, "cli.frontier.ok" if flag else "cli.frontier.broken")

    rows = [
        [w.eur(p.budget_eur) + (" *" if p.budget_units * fr.unit_eur == fr.budget_eur else ""),
         value(p.optimal.value), p.optimal.funded, w.eur(p.optimal.spent_eur),
         value(p.by_score.value), p.by_score.funded, ok(p.by_score.satisfies_rules),
         value(p.by_ratio.value), p.by_ratio.funded, ok(p.by_ratio.satisfies_rules)]
        for p in fr.points
    ]
    rules = say(w, "cli.col.rules")
    return render_table(
        [say(w, "cli.col.budget"), w["optimal"], "n", w["spent"], say(w, "cli.col.by_score"),
         "n", rules, say(w, "cli.col.by_ratio"), "n", rules], rows, align="lrrrrrlrrl",
        width=width)
