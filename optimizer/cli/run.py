"""`grantopt run`: the optimal award list of one scenario."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optimizer.cli.options import scenario_options, solver_sets, study_of
from optimizer.cli.output import (
    csv_in,
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    region_cell,
    regions_text,
    render_table,
    reports_errors,
    solver_text,
    status_text,
    terminal_width,
    wrap,
    wrap_lines,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation, Totals
    from optimizer.study import Study


@click.command("run")
@scenario_options(formats=("table", "json", "csv"),
                  out_help="Write allocation.csv, allocation.xlsx and result.json here.")
@click.option("--show-scenario", is_flag=True, help="Print the resolved scenario and stop.")
@reports_errors
def run_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                lang: str, csv_dialect: str, show_scenario: bool) -> None:
    """Solve SCENARIO: the optimal award list, verified against every rule."""
    from optimizer.formats.toml import to_toml
    from optimizer.report import allocation as files
    from optimizer.scenario import load_scenario

    if show_scenario:
        click.echo(to_toml(load_scenario(scenario, sets=solver_sets(sets, solver),
                                         budget=budget)))
        return
    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
        with uncollected_case(study):
            allocation = study.solve()
            audit = study.audit()
    with csv_in(csv_dialect):
        if out_dir is not None:
            write_out(out_dir, force, study.case.input_paths(),
                      lambda stage: files.write_allocation(allocation, stage, audit, lang=lang))
        if fmt == "json":
            click.echo(files.to_json(allocation, audit))
        elif fmt == "csv":
            click.echo(files.to_csv(allocation), nl=False)
        else:
            click.echo(format_table(allocation, lang))


@contextmanager
def uncollected_case(study: Study) -> Iterator[None]:
    """Inside, the study's case (read and assembled on entry) is left out of the garbage
    collector's passes (gc.freeze): a round's objects live until the solve ends, and at
    100,000 applications every full collection would walk them again (about 1.5 s of a
    run). Unfrozen on leaving, so that a caller in the same process (the tests' runner)
    collects them as before."""
    study.case  # noqa: B018 (read and assembled here, before the freeze)
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def format_table(allocation: Allocation, lang: str = "en", width: int | None = None) -> str:
    """The award list, the regions and the footer, laid out for `width` columns (default:
    the terminal's, output.terminal_width)."""
    w = Words(lang)
    width = width or terminal_width()
    rows = allocation.rows()
    prep = allocation.case
    capped = any(r["share_of_need"] < 1 for r in rows)
    headers = [w["id"], w["project"], w["lead_short"], w["region"], w["score"], w["award_short"]]
    # A large round repeats its scores, awards and regions: each distinct one worded once.
    score, eur = _memo(w.score), _memo(w.eur)
    region = _memo(lambda name: region_cell(name, lang))
    table = [[r["id"], project_cell(r["project"]), lead_cell(r["lead"]),
              region(r["region"]), score(r["score"]), eur(r["award_eur"])]
             for r in rows]
    if capped:
        headers.append(say(w, "cli.col.of_need"))
        for line, r in zip(table, rows, strict=True):
            line.append(w.pct(r["share_of_need"]))
    return "\n".join([*wrap_lines(header_lines(prep, lang), width), "",
                      render_table(headers, table, align="lllllr" + "r" * capped,
                                   width=width, squeeze=NAME_SQUEEZE, drop=(2,)), "",
                      regions_text(allocation.regions(), lang, width), "",
                      *wrap_lines(_foot(allocation, w), width),
                      *_excluded_lines(allocation, w, width)])


def _memo(word: Callable[[Any], str]) -> Callable[[Any], str]:
    """`word` remembering its text for each value seen. Zero is worded each time, as 0.0
    and -0.0 are one key but not one text."""
    seen: dict[Any, str] = {}

    def worded(value: Any) -> str:
        if not value:
            return word(value)
        text = seen.get(value)
        if text is None:
            text = seen[value] = word(value)
        return text
    return worded


# The award list's text columns give way in this order: the project's name first, then the
# lead's, then the region's, then the project's again (column, narrowest).
NAME_SQUEEZE = ((1, 16), (2, 14), (3, 10), (1, 10), (2, 10))


def _excluded_lines(allocation: Allocation, w: Words, width: int) -> list[str]:
    """Each application the scenario cannot fund, with its reasons in plain words."""
    case = allocation.case
    out = []
    # Applications excluded for one reason share its message (scoring.eligibility): each
    # set of messages, by identity, worded once.
    worded: dict[tuple[int, ...], str] = {}
    for e in case.excluded:
        label = case.labels.get(e.id, "")
        key = tuple(map(id, e.reasons))
        reasons = worded.get(key)
        if reasons is None:
            reasons = worded[key] = "; ".join(m.text(w.lang) for m in e.reasons)
        out += wrap(say(w, "cli.run.excluded", id=e.id, label=label, reasons=reasons),
                    width, "  ", "  ")
    return out


def budget_line(tot: Totals, w: Words) -> str:
    """Budget, spent, left; with synergy savings also the awards and the savings, so the
    line adds up as printed (awarded - savings = spent; budget - spent = left)."""
    if tot.saving_eur:
        return say(w, "cli.run.budget_saving", budget=tot.budget_eur, awarded=tot.awarded_eur,
                   saving=tot.saving_eur, spent=tot.spent_eur, left=tot.left_eur)
    return say(w, "cli.run.budget", budget=tot.budget_eur, spent=tot.spent_eur,
               left=tot.left_eur)


def _foot(allocation: Allocation, w: Words) -> list[str]:
    """Budget, value, status and what is not fundable, under the table."""
    tot, res = allocation.totals(), allocation.result
    case = allocation.case
    status = status_text(res.status, w)
    if res.status != "optimal" and res.gap:
        status += " " + say(w, "cli.run.gap", gap=res.gap)
    return [
        budget_line(tot, w),
        *(m.text(w.lang) for m in allocation.fund_lines()),
        say(w, "cli.run.projects", projects=tot.projects, regions=tot.regions_covered,
            basis=w[f"basis_{case.region_basis}"],
            value=w.value(tot.objective, case.objective),
            objective=w.objective(case.objective)),
        objective_sentence(case.objective, case.partial_value, w.lang),
        *([tie.text(w.lang)] if (tie := allocation.tie()) else []),
        say(w, "cli.run.status", status=status, solver=solver_text(res.solver, w),
            seconds=res.seconds),
        say(w, "cli.run.not_fundable", n=len(case.excluded)),
    ]
