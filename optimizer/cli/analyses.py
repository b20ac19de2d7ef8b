"""`grantopt compare`, `grantopt explain`, `grantopt calibrate`: parse, prepare, analyse, format."""

from __future__ import annotations

import math
from pathlib import Path

import click

from optimizer.analysis.calibrate import Calibration, calibrate
from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.explain import IN, OUT, ExplainRow, Explanation, explain
from optimizer.analysis.scenario import compare_scenario
from optimizer.cli import main
from optimizer.cli.common import (
    echo_json,
    eur,
    header_lines,
    quiet_stdout,
    render_table,
    reports_errors,
)
from optimizer.cli.run import BUDGET_OPT, SCENARIO_ARG, SET_OPT
from optimizer.model.prepare import Prepared, actual_units, prepare
from optimizer.report.outputs import write_compare_outputs

TABLE_JSON = click.Choice(["table", "json"])
FORMAT_OPT = click.option("--format", "fmt", type=TABLE_JSON, default="table",
                          show_default=True)
STATUS_WORDS = {BOTH: "both", ONLY_ACTUAL: "only actual", ONLY_OPTIMAL: "only optimal"}


def _solver(prepared: Prepared) -> tuple[str, float | None]:
    solver = prepared.scenario.solver
    return solver.name, solver.time_limit


# --------------------------------------------------------------------------- compare


@main.command("compare")
@SCENARIO_ARG
@SET_OPT
@BUDGET_OPT
@FORMAT_OPT
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write compare.json, compare.csv, comparison.png/.svg, regions.png/.svg.")
@reports_errors
def compare_command(scenario: Path, sets: tuple[str, ...], budget: float | None, fmt: str,
                    out_dir: Path | None) -> None:
    """The actual decision against the optimum of SCENARIO: value, overlap, rules broken,
    and the fewest changes that make it optimal."""
    with quiet_stdout(fmt):
        prepared = prepare(scenario, sets=sets, budget=budget)
        result = compare_scenario(prepared)
        written = write_compare_outputs(result, prepared, out_dir) if out_dir else []
    for path in written:
        click.echo(f"wrote {path}", err=True)
    if fmt == "json":
        echo_json({**result.to_dict(), **prepared.score_fields()})
    else:
        click.echo(format_comparison(result, prepared))


def format_comparison(c: Comparison, prepared: Prepared) -> str:
    n_actual = sum(1 for r in c.rows if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.rows if r.optimal_eur > 0)
    lines = [*header_lines(prepared), ""]
    lines.append(render_table(
        ["", "actual decision", "optimum"],
        [["value (objective)", f"{c.actual_value:.4f}", f"{c.optimal_value:.4f}"],
         ["projects funded", str(n_actual), str(n_opt)],
         ["spent", eur(c.actual_spent_eur), eur(c.optimal_spent_eur)],
         ["left of " + eur(c.budget_eur), eur(c.actual_left_eur), eur(c.optimal_left_eur)]],
        align="lrr"))
    eff = "n/a (the optimum is worth 0)" if c.efficiency is None else f"{c.efficiency:.1%}"
    lines += ["", f"Efficiency (actual / optimal value): {eff}"]
    if c.optimum.status != "optimal":
        lines.append(f"Note: the optimum is not proven ({c.optimum.status}, gap "
                     f"{c.optimum.gap or 0:.2%}).")
    lines.append("Overlap: " + "; ".join(
        f"{len(c.ids(s))} {STATUS_WORDS[s]} ({eur(c.total_eur(s, _side(s)))})"
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL)))
    lines += ["", "Rules of the scenario the actual decision breaks:"]
    lines += [f"  - {v}" for v in c.violations] or ["  none"]
    if c.outside:
        lines += ["Actual awards to applications outside the instance:"]
        lines += [f"  - {o.id} ({o.label}) {eur(o.awarded_eur) if o.awarded_eur else ''}: "
                  f"{'; '.join(o.reasons)}" for o in c.outside]
    lines += ["", _changes_text(c)]
    rows = [[r.id, r.label, STATUS_WORDS[r.status], f"{r.score:.3f}", eur(r.actual_eur),
             eur(r.optimal_eur), _signed_eur(r.change_eur)] for r in c.rows]
    lines += ["", render_table(["id", "lead", "funded in", "score", "actual €", "optimal €",
                                "change €"], rows, align="lllrrrr")]
    return "\n".join(lines)


def _side(status: str) -> str:
    return "optimal" if status == ONLY_OPTIMAL else "actual"


def _changes_text(c: Comparison) -> str:
    ch = c.changes
    head = (f"Fewest changes to an optimal portfolio: {ch.count} "
            f"({len(ch.additions)} additions, {len(ch.removals)} removals"
            + (f", {len(ch.amount_changes)} amounts changed" if ch.amount_changes else "")
            + ")" + ("" if ch.status == "optimal" else " - not proven minimal (time limit)"))
    labels = {r.id: r.label for r in c.rows}
    units = c.unit_eur
    out = [head]
    out += [f"  + {i} {labels.get(i, '')}: {eur(ch.units[i] * units)}" for i in ch.additions]
    out += [f"  - {i} {labels.get(i, '')}" for i in ch.removals]
    out += [f"  ~ {a.id} {labels.get(a.id, '')}: {eur(a.actual_eur)} -> {eur(a.new_eur)}"
            for a in ch.amount_changes]
    out.append("(The optimum shown is the optimal portfolio closest to the actual decision.)")
    return "\n".join(out)


def _signed_eur(value: float) -> str:
    return ("+" if value > 0 else "") + eur(value) if value else "0"


# --------------------------------------------------------------------------- explain


@main.command("explain")
@SCENARIO_ARG
@click.argument("ids", nargs=-1)
@SET_OPT
@BUDGET_OPT
@FORMAT_OPT
@reports_errors
def explain_command(scenario: Path, ids: tuple[str, ...], sets: tuple[str, ...],
                    budget: float | None, fmt: str) -> None:
    """Why each application (or only IDs) is in or out of the optimum of SCENARIO."""
    with quiet_stdout(fmt):
        prepared = prepare(scenario, sets=sets, budget=budget)
        name, time_limit = _solver(prepared)
        result = explain(prepared.instance, ids or None, solver=name, time_limit=time_limit)
    if fmt == "json":
        echo_json({**result.to_dict(), **prepared.score_fields()})
    else:
        click.echo(format_explanation(result, prepared))


def format_explanation(e: Explanation, prepared: Prepared) -> str:
    lines = [*header_lines(prepared),
             f"Optimum: {e.optimal_value:.4f} ({e.status}, {e.solver}); "
             f"spent {eur(e.spent_eur)} of {eur(e.budget_eur)}, {eur(e.slack_eur)} left"
             + (" - too little for any application that is out" if e.budget_binding else ""),
             ""]
    rows = [[r.id, r.label, r.status, "" if r.score is None else f"{r.score:.3f}",
             eur(r.award_eur) if r.status == IN else "", _loss_text(r), _change_text(r),
             ", ".join(b.rule for b in r.bindings)] for r in e.rows]
    lines.append(render_table(
        ["id", "lead", "status", "score", "award €", "value lost if flipped",
         "score change to flip", "binding rules"], rows, align="lllrrrrl"))
    lines += ["", "Value lost if flipped: out -> forced in (what funding it costs), in -> "
              "forced out (its safety margin)."]
    if e.mode != "full":
        lines.append("Partial funding: a score change marked >= is a lower bound.")
    why = [(r.id, text) for r in e.rows
           for text in [b.detail for b in r.bindings] + list(r.reasons)]
    if why:
        lines += ["", "Why:"] + [f"  {i}: {text}" for i, text in why]
    return "\n".join(lines)


def _loss_text(r: ExplainRow) -> str:
    if r.loss is None:
        return ""
    if math.isinf(r.loss):
        return "infeasible"
    return f"{r.loss:.4f}" + (" (tie)" if r.tie else "")


def _change_text(r: ExplainRow) -> str:
    if r.score_change is None or r.status not in (IN, OUT):
        return ""
    if math.isinf(r.score_change):
        return "impossible"
    sign = "+" if r.status == OUT else "-"
    bound = "" if r.score_change_exact else ">= "
    over = " (above 1: not by score alone)" if (
        r.status == OUT and r.score is not None and r.score + r.score_change > 1) else ""
    return f"{bound}{sign}{r.score_change:.4f}{over}"


# --------------------------------------------------------------------------- calibrate


@main.command("calibrate")
@SCENARIO_ARG
@SET_OPT
@BUDGET_OPT
@click.option("--samples", type=click.IntRange(min=0), default=100, show_default=True,
              help="Random weightings (Dirichlet(1)) after the vertices and equal weights.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of every random draw; the same seed gives the same answer.")
@FORMAT_OPT
@reports_errors
def calibrate_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                      samples: int, seed: int, fmt: str) -> None:
    """Which criteria weights make the optimum of SCENARIO closest to the actual decision."""
    with quiet_stdout(fmt):
        prepared = prepare(scenario, sets=sets, budget=budget)
        inside, outside = actual_units(prepared)
        name, time_limit = _solver(prepared)
        result = calibrate(prepared.instance, inside, samples=samples, seed=seed, solver=name,
                           time_limit=time_limit)
    if fmt == "json":
        echo_json({**result.to_dict(), **prepared.score_fields(),
                   "actual_outside_instance": list(outside)})
    else:
        click.echo(format_calibration(result, prepared, outside))


def format_calibration(k: Calibration, prepared: Prepared, outside: tuple[str, ...]) -> str:
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
