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
    t,
    write_out,
)
from optimizer.vocabulary.words import Words

if TYPE_CHECKING:
    from optimizer.analysis.proportional import Comparison, Outcome
    from optimizer.formats.pabulib import PabulibInstance

FORMATS = ("table", "json", "csv")
RULE_WORDS = {
    "actual": ("City's selection", "Kaupungin valinta"),
    "utilitarian": ("Utilitarian optimum", "Utilitaristinen optimi"),
    "mes": ("Equal Shares", "Equal Shares (tasaosuudet)"),
    "mes_completed": ("Equal Shares + completion", "Equal Shares + täydennys"),
    "phragmen": ("Sequential Phragmén", "Phragménin menetelmä"),
}
COLUMNS = ("rule", "projects", "cost", "share_of_budget", "support", "voters_served",
           "overlap_with_actual")


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
    from optimizer.formats.pabulib import read_pabulib

    inst = read_pabulib(source)
    with quiet_stdout(fmt):
        comparison = compare_rules(inst, utilitarian_optimum(inst, source))
    if out_dir is not None:
        write_out(out_dir, force, [source], lambda folder: [
            _write(folder / "proportional.csv", csv_text(comparison)),
            _write(folder / "proportional.json", json_text(comparison))])
    if fmt == "json":
        echo_json(payload(comparison))
    elif fmt == "csv":
        click.echo(csv_text(comparison), nl=False)
    else:
        click.echo(table_text(comparison, Words(lang)))


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
    return render_csv(list(COLUMNS), [_row(o) for o in c.outcomes])


def payload(c: Comparison) -> dict[str, Any]:
    return {"file": c.file, "vote_type": c.vote_type, "budget": c.budget,
            "projects": c.projects, "voters": c.voters, "category_caps": c.capped,
            "outcomes": [dict(zip(COLUMNS, _row(o), strict=True)) | {
                "selected": list(o.selected)} for o in c.outcomes]}


def json_text(c: Comparison) -> str:
    from optimizer.formats.files import json_text as dumps

    return dumps(payload(c))


def table_text(c: Comparison, w: Words) -> str:
    headers = [t(w, "rule", "sääntö"), t(w, "projects", "hankkeita"), t(w, "cost", "kustannus"),
               t(w, "of budget", "budjetista"), t(w, "support", "kannatus"),
               t(w, "voters served", "äänestäjiä palveltu")]
    has_actual = any(o.overlap is not None for o in c.outcomes)
    if has_actual:
        headers.append(t(w, "also city's", "myös kaupungin"))
    rows = []
    for o in c.outcomes:
        en, fi = RULE_WORDS[o.rule]
        row = [t(w, en, fi), str(len(o.selected)), w.num(o.cost, 2 if o.cost % 1 else 0),
               w.pct(o.share), w.num(o.support), w.num(o.voters_served)]
        if has_actual:
            row.append("" if o.overlap is None else str(o.overlap))
        rows.append(row)
    lines = [t(w, f"{c.file}: {c.projects} projects, {c.voters} {c.vote_type} ballots, "
                  f"budget {w.num(c.budget, 2 if c.budget % 1 else 0)}",
               f"{c.file}: {c.projects} hanketta, {c.voters} ääntä ({c.vote_type}), "
               f"budjetti {w.num(c.budget, 2 if c.budget % 1 else 0)}"), "",
             render_table(headers, rows, align="l" + "r" * (len(headers) - 1)), ""]
    lines.append(t(w, "Voters served: ballots that support at least one selected project.",
                   "Palveltu: äänestäjät, joiden tukemista hankkeista ainakin yksi valitaan."))
    if c.vote_type != "approval":
        lines.append(t(w, "Sequential Phragmén is defined for approval ballots only.",
                       "Phragménin menetelmä on määritelty vain hyväksyntä-äänille."))
    if c.capped:
        lines.append(t(w, "Only the utilitarian optimum honours the file's category caps "
                          "(as in pabutools, the proportional rules do not).",
                       "Vain utilitaristinen optimi noudattaa tiedoston luokkakohtaisia "
                       "enimmäismääriä (suhteelliset säännöt eivät, kuten pabutoolsissa)."))
    return "\n".join(lines)
