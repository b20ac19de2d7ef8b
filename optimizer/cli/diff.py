"""`grantopt diff`: scenarios side by side, each with its own overrides."""

from __future__ import annotations

import string
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optimizer.cli.options import AMOUNT, csv_dialect_option, lang_option, solver_sets
from optimizer.cli.output import (
    csv_in,
    echo_json,
    lead_cell,
    project_cell,
    quiet_stdout,
    region_cell,
    render_csv,
    render_table,
    reports_errors,
    status_text,
    terminal_width,
    wrap_lines,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, objective_sentence

if TYPE_CHECKING:
    from optimizer.analysis.diff import Diff
    from optimizer.study import Study

SEPARATOR = "::"


@click.command("diff")
@click.argument("scenarios", nargs=-1, required=True, metavar="SCENARIO[::KEY=VALUE...] ...")
@click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
              help="Override a key in every scenario (repeatable); a key for one scenario "
                   "only goes after its file: FILE::coverage.min_regions=3.")
@click.option("--budget", type=AMOUNT, metavar="EUR",
              help="Appropriation in euros, in every scenario.")
@click.option("--solver", type=click.Choice(("auto", "dp", "cbc", "highs")),
              help="How the optima are found (see grantopt run --help).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True, help="Output format.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Write diff.json, diff.csv and each scenario's record here.")
@click.option("--force", is_flag=True,
              help="Replace an earlier result in the --out folder.")
@lang_option
@csv_dialect_option
@reports_errors
def diff_command(scenarios: tuple[str, ...], sets: tuple[str, ...], budget: float | None,
                 solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                 lang: str, csv_dialect: str) -> None:
    """Put SCENARIOs side by side: value, spend, projects and regions of each optimum, and
    against the first, the projects that enter and leave and the euros moved per region.
    A scenario may carry its own overrides: FILE::section.key=value[::...]."""
    from optimizer.study import Study

    if len(scenarios) < 2:
        raise click.UsageError("give at least two scenarios (the same file twice with "
                               "different ::overrides is fine)")
    with csv_in(csv_dialect):
        with quiet_stdout(fmt):
            studies = [_study(Study, spec, sets, budget, solver) for spec in scenarios]
            diffs = [studies[0].diff(s) for s in studies[1:]]
            if out_dir is not None:
                inputs = [p for s in studies for p in s.case.input_paths()]
                write_out(out_dir, force, inputs, lambda stage: _write(studies, diffs, stage))
        if fmt == "json":
            echo_json(_json(studies, diffs))
        elif fmt == "csv":
            click.echo(_csv(diffs), nl=False)
        else:
            click.echo(format_diffs(studies, diffs, lang))


def _study(cls: type[Study], spec: str, sets: tuple[str, ...], budget: float | None,
           solver: str | None) -> Study:
    path, *own = spec.split(SEPARATOR)
    return cls.from_file(Path(path), sets=(*solver_sets(sets, solver), *own), budget=budget)


def _letters(n: int) -> list[str]:
    return list(string.ascii_uppercase[:n]) if n <= 26 else [str(i + 1) for i in range(n)]


def format_diffs(studies: list[Study], diffs: list[Diff], lang: str = "en",
                 width: int | None = None) -> str:
    """The scenarios side by side, laid out for `width` columns (default: the terminal's)."""
    w = Words(lang)
    width = width or terminal_width()
    names = _letters(len(studies))
    first = studies[0].case
    rows = []
    summaries = [diffs[0].base, *(d.other for d in diffs)]
    for name, study, s in zip(names, studies, summaries, strict=True):
        rows.append([name, study.case.scenario.title_in(lang), w.value(s.value, s.objective),
                     w.eur(s.spent_eur), w.eur(s.budget_eur), str(s.projects),
                     str(s.regions_covered), status_text(s.status, w)])
    lines = [*wrap_lines([objective_sentence(first.objective, first.partial_value, lang)],
                         width), "",
             render_table(["", w["scenario"], w["value"], w["spent"], w["appropriation"],
                           w["projects"], say(w, "cli.col.regions"), w["status"]], rows,
                          align="llrrrrrl", width=width, squeeze=((1, 16), (1, 10), (1, 6)))]
    for name, d in zip(names[1:], diffs, strict=True):
        head = say(w, "cli.diff.against", name=name, base=names[0])
        lines += ["", *_diff_lines(head, d, w, width)]
    return "\n".join(lines)


def _diff_lines(head: str, d: Diff, w: Words, width: int) -> list[str]:
    other, base = w.value(d.other.value, d.other.objective), w.value(d.base.value,
                                                                     d.base.objective)
    value = (say(w, "cli.diff.value", other=other, base=base) if d.comparable
             else say(w, "cli.diff.not_comparable"))
    enter, leave, change = (len(d.ids(s)) for s in ("enters", "leaves", "changes"))
    lines = [say(w, "cli.diff.moves", head=head, value=value, enter=enter, leave=leave,
                 change=change)]  # wrapped with the moves below
    mark = {"enters": "+", "leaves": "-", "changes": "~"}
    for m in d.moves:
        lines.append(f"  {mark[m.status]} {m.id} {lead_cell(m.label)}: {project_cell(m.project)}"
                     f", {w.eur(m.base_eur)} -> {w.eur(m.other_eur)}")
    lines = wrap_lines(lines, width)
    moved = [r for r in d.regions if r.change_eur]
    if not moved:
        return [*lines, *wrap_lines(["  " + say(w, "cli.diff.nothing_moves")], width)]
    basis = w[f"basis_{d.basis}"]
    table = render_table(
        [w["region"], w["before"], w["after"], w["change"]],
        [[region_cell(r.region, w.lang), w.eur(r.base_eur), w.eur(r.other_eur),
          w.signed_eur(r.change_eur)] for r in moved], align="lrrr", width=width - 2,
        squeeze=((0, 10),))
    return [*lines, "", *wrap_lines(["  " + say(w, "cli.diff.moved", basis=basis)], width),
            *("  " + ln for ln in table.splitlines())]


def _json(studies: list[Study], diffs: list[Diff]) -> dict[str, Any]:
    return {"scenarios": [s.scenario.title for s in studies],
            "diffs": [d.to_dict() for d in diffs],
            "audits": [s.audit().to_dict() for s in studies]}


def _csv(diffs: list[Diff]) -> str:
    columns = ["base", "other", *diffs[0].columns]
    rows = [[d.base.title, d.other.title, *(r[c] for c in d.columns)]
            for d in diffs for r in d.rows()]
    return render_csv(columns, rows)


def _write(studies: list[Study], diffs: list[Diff], out_dir: Path) -> list[Path]:
    from optimizer.formats.files import json_text, write_atomic
    from optimizer.report.record import scenario_toml

    written = [write_atomic(out_dir / "diff.json",
                            json_text(_json(studies, diffs))),
               write_atomic(out_dir / "diff.csv", _csv(diffs))]
    for name, s in zip(_letters(len(studies)), studies, strict=True):
        written.append(write_atomic(out_dir / f"scenario-{name}.toml",
                                    scenario_toml(s.case, s.audit(), out_dir)))
    return written
