"""`grantopt proportional FILE.pb`: the city's selection, the utilitarian optimum, Equal
Shares (without and with completion) and sequential Phragmén side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optimizer.cli.options import lang_option
from optimizer.cli.output import (
    echo_json,
    quiet_stdout,
    render_csv,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.proportional import Comparison, Outcome
    from optimizer.formats.pabulib import PabulibInstance

FORMATS = ("table", "json", "csv")
HEADERS = ("rule", "projects", "cost", "of_budget", "support", "voters_served")
COLUMNS = ("rule", "projects", "cost", "share_of_budget", "support", "voters_served",
           "overlap_with_actual")
# The csv repeats on every row the rules the file's ballots do not define (';'-separated).
CSV_COLUMNS = (*COLUMNS, "rules_not_applied")


@click.command("proportional")
@click.argument("source", metavar="FILE.pb", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="table to read, json or csv for other tools.")
@lang_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Also write proportional.csv and proportional.json into this folder.")
@click.option("--force", is_flag=True, help="Replace an earlier result in --out.")
@reports_errors
def proportional_command(source: Path, fmt: str, lang: str, out_dir: Path | None,
                         force: bool) -> None:
    """Proportional rules on a participatory budget (a pabulib .pb file): Equal Shares and
    sequential Phragmén beside the utilitarian optimum and the city's selection."""
    from optimizer.analysis.proportional import compare_rules
    from optimizer.formats.pabulib import notes_of, read_pabulib

    inst = read_pabulib(source)
    notes = [str(n) for n in notes_of(inst)]  # META not applied as given, in every format
    with quiet_stdout(fmt):
        comparison = compare_rules(inst, utilitarian_optimum(inst, source))
    if out_dir is not None:
        write_out(out_dir, force, [source], lambda folder: [
            _write(folder / "proportional.csv", csv_text(comparison)),
            _write(folder / "proportional.json", json_text(comparison, notes))])
    if fmt == "json":
        echo_json(payload(comparison, notes))
    elif fmt == "csv":
        click.echo(csv_text(comparison), nl=False)
    else:
        click.echo("\n".join([table_text(comparison, Words(lang)), *(
            say(lang, "cli.header.note", note=n.text(lang)) for n in notes_of(inst))]))


def utilitarian_optimum(inst: PabulibInstance, source: Path) -> tuple[str, ...]:
    """The optimum of the scenario `grantopt import pabulib` writes (the most support within
    the budget and the category caps), solved as `grantopt run` solves it, in memory."""
    from optimizer.formats.pabulib import OPTIMUM_CHANGES, round_of, support_scores
    from optimizer.study import Study

    rnd = round_of(inst, source)
    study = Study.from_round_data(rnd, scores=support_scores(inst, rnd), **OPTIMUM_CHANGES)
    return tuple(study.solve().funded)


def _write(path: Path, text: str) -> Path:
    from optimizer.formats.files import write_atomic

    return write_atomic(path, text)


def _row(o: Outcome) -> list[Any]:
    return [o.rule, len(o.selected), o.cost, round(o.share, 6), o.support, o.voters_served,
            o.overlap]


def csv_text(c: Comparison) -> str:
    return render_csv(list(CSV_COLUMNS), [[*_row(o), ";".join(c.not_applied)]
                                          for o in c.outcomes])


def payload(c: Comparison, notes: list[str] | None = None) -> dict[str, Any]:
    return {"file": c.file, "vote_type": c.vote_type, "budget": c.budget,
            "projects": c.projects, "voters": c.voters, "category_caps": c.capped,
            "rules_not_applied": list(c.not_applied),
            "outcomes": [dict(zip(COLUMNS, _row(o), strict=True)) | {
                "selected": list(o.selected)} for o in c.outcomes],
            "notes": notes or []}  # what META says that is not applied as given


def json_text(c: Comparison, notes: list[str] | None = None) -> str:
    from optimizer.formats.files import json_text as dumps

    return dumps(payload(c, notes))


def table_text(c: Comparison, w: Words) -> str:
    from optimizer.analysis.proportional import RULES

    headers = [say(w, f"pabulib.header_{h}") for h in HEADERS]
    has_actual = any(o.overlap is not None for o in c.outcomes)
    if has_actual:
        headers.append(say(w, "pabulib.header_also_actual"))
    rows = []
    for o in c.outcomes:
        row = [say(w, f"pabulib.rule_{o.rule}"), str(len(o.selected)),
               w.num(o.cost, 2 if o.cost % 1 else 0), w.pct(o.share), w.num(o.support),
               w.num(o.voters_served)]
        if has_actual:
            row.append("" if o.overlap is None else str(o.overlap))
        rows.append(row)
    lines = [say(w, "pabulib.comparison_head", file=c.file, projects=c.projects,
                 voters=c.voters, vote_type=c.vote_type, budget=c.budget), "",
             render_table(headers, rows, align="l" + "r" * (len(headers) - 1)), "",
             say(w, "pabulib.voters_served")]
    if not any(o.rule in RULES for o in c.outcomes):
        lines.append(say(w, "pabulib.rules_need_points", vote_type=c.vote_type))
    elif c.not_applied:
        lines.append(say(w, "pabulib.phragmen_approval_only"))
    if c.capped:
        lines.append(say(w, "pabulib.caps_utilitarian_only"))
    return "\n".join(lines)
