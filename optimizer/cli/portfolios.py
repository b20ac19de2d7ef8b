"""`grantopt portfolios`: every non-dominated portfolio when the weights are only known to
meet statements (Robust Portfolio Modeling), and each application's core index."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.analysis.nondominated import actual_messages, count_message, scores_message
from optimizer.cli.options import scenario_options, study_of
from optimizer.cli.output import (
    csv_in,
    echo_json,
    header_lines,
    ids_text,
    quiet_stdout,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.vocabulary.message import render, say
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.nondominated import ActualCheck, RobustPortfolios
    from optimizer.case import Case

SHOWN_PORTFOLIOS = 5


@click.command("portfolios")
@scenario_options(out_help="Write nondominated.json, core-index.csv and portfolios.csv here.")
@click.option("--statement", "statements", multiple=True, metavar="TEXT",
              help="A weight statement, e.g. 'A >= B >= C' or '0.2 <= B <= 0.5' (repeatable; "
                   "replaces robustness.statements).")
@click.option("--score-interval", type=click.FloatRange(0, 1), metavar="SHARE",
              help="Each criterion value known within ± this share of itself "
                   "(default robustness.score_interval).")
@click.option("--samples", type=click.IntRange(0),
              help="Draws from the same statements for the sampled acceptability beside the "
                   "core index (default robustness.samples; 0: none).")
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the draws "
                                                         "(default robustness.seed).")
@reports_errors
def portfolios_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                       solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                       lang: str, csv_dialect: str, statements: tuple[str, ...],
                       score_interval: float | None, samples: int | None,
                       seed: int | None) -> None:
    """Every non-dominated portfolio when the weights are only known to meet statements
    (robustness.statements, or --statement): core, borderline and exterior applications,
    and whether the actual decision is non-dominated."""
    from optimizer.report.outputs import write_nondominated_outputs

    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
        rp = study.nondominated(statements or None, score_interval=score_interval,
                                samples=samples, seed=seed)
    case = study.case
    if out_dir is not None:
        with quiet_stdout(fmt), csv_in(csv_dialect):
            write_out(out_dir, force, case.input_paths(),
                      lambda stage: write_nondominated_outputs(rp, case, stage,
                                                               study.audit(seed=rp.seed)))
    if fmt == "json":
        echo_json({**case.score_fields(), "scenario": case.scenario.title,
                   **dataclasses.asdict(rp), "audit": study.audit(seed=rp.seed).to_dict()})
    else:
        click.echo(format_portfolios(case, rp, lang))


def format_portfolios(case: Case, rp: RobustPortfolios, lang: str = "en") -> str:
    w = Words(lang)
    funded = case.actually_funded
    lines = [*header_lines(case, lang), *_question_lines(rp, w),
             render(count_message(rp), lang), "",
             _table(rp, funded, w), "",
             say(w, "cli.portfolios.totals", **{c: len(rp.ids(c)) for c in
                                                ("core", "borderline", "exterior")})]
    if rp.samples:
        lines.append(say(w, "cli.portfolios.versus_sampling", samples=rp.samples,
                         seed=rp.seed))
    if rp.actual is not None:
        lines.append(_actual_line(rp.actual, w))
    return "\n".join([*lines, *_portfolio_lines(rp, w)])


def _question_lines(rp: RobustPortfolios, w: Words) -> list[str]:
    if rp.statements:
        lines = [say(w, "cli.portfolios.statements", statements="; ".join(rp.statements))]
    else:
        lines = [say(w, "cli.portfolios.no_statements")]
    named = [g for g in rp.groups if any(g in s for s in rp.statements)]
    if named:
        parts = [say(w, "cli.portfolios.group" if g in rp.fixed_groups
                     else "cli.portfolios.group_free", group=g,
                     members=" + ".join(rp.groups[g])) for g in named]
        lines.append(say(w, "cli.portfolios.groups", groups="; ".join(parts)))
    ranges = ", ".join(f"{n} {w.num(lo, 2)}–{w.num(hi, 2)}" for n, (lo, hi) in
                       rp.ranges.items())
    lines.append(say(w, "cli.portfolios.ranges", ranges=ranges))
    return [*lines, render(scores_message(rp), w.lang)]


def _table(rp: RobustPortfolios, funded: set[str], w: Words) -> str:
    rows = []
    for c in rp.items:
        decided = "; ".join(say(w, "cli.portfolios.decider", statement=d.statement,
                                makes=w[d.makes]) for d in c.deciders)
        sampled = "" if c.acceptability is None else w.num(c.acceptability, 3)
        rows.append([c.id, c.label[:32], w.num(c.index, 3), w[c.category], sampled,
                     say(w, "cli.robustness.funded") if c.id in funded else "", decided])
    headers = [w["id"], w["lead_short"], say(w, "cli.portfolios.head.index"), w["class"],
               say(w, "cli.portfolios.head.sampled"), w["actual_short"],
               say(w, "cli.portfolios.head.decided")]
    return render_table(headers, rows, align="llrlrll",
                        drop=() if rp.samples else (4,))


def _actual_line(actual: ActualCheck, w: Words) -> str:
    return "".join(render(m, w.lang) for m in actual_messages(actual))


def _portfolio_lines(rp: RobustPortfolios, w: Words) -> list[str]:
    """The first few portfolios, each after the first as its difference from it."""
    if not rp.portfolios:
        return []
    shown = rp.portfolios[:SHOWN_PORTFOLIOS]
    lines = ["", say(w, "cli.portfolios.list_head", n=len(shown))]
    first = set(shown[0])
    for k, p in enumerate(shown, 1):
        what = ids_text(p, w) if k == 1 else say(w, "cli.robustness.vs_first") + " " + ids_text(
            [*(f"+{i}" for i in sorted(set(p) - first)),
             *(f"-{i}" for i in sorted(first - set(p)))], w)
        lines.append(f"  {k}. {w.count(len(p), 'project')}  {what}")
    return lines


