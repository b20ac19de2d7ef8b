"""`grantopt scores`: scoring-sheet templates, evaluators' sheets combined, scores shown."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import click

from optimizer.cli.options import lang_option
from optimizer.cli.output import echo_json, render_csv, render_table, reports_errors
from optimizer.formats.score_template import write_template
from optimizer.readers.domain import Round
from optimizer.report.score_sheets import write_combined
from optimizer.scoring import (
    DEFAULT_SPREAD,
    DEFAULT_TRIM,
    METHODS,
    PROXY,
    ScoreReport,
    combine,
    score_report,
)
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.numbers import number
from optimizer.vocabulary.words import Words

LEAD_WIDTH = 32


def _read_round(path: Path) -> Round:
    from optimizer.readers import read_round

    return read_round(path)


def _weights(values: tuple[str, ...]) -> dict[str, str] | None:
    weights: dict[str, str] = {}
    for text in values:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{text!r}: write KEY=VALUE, e.g. reach=0.3",
                                     param_hint="--weight")
        weights[key.strip()] = value.strip()
    return weights or None


@click.group("scores")
def scores_group() -> None:
    """Scoring sheets, several evaluators, and the scores a round would use."""


@scores_group.command()
@click.argument("round_path", metavar="ROUND", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Template to write (.xlsx with validation, or .csv).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists (never a round input).")
@lang_option
@reports_errors
def template(round_path: Path, output: Path, force: bool, lang: str) -> None:
    """Write a scoring sheet for evaluators: one row per application, one column per criterion."""
    written = write_template(_read_round(round_path), output, overwrite=force)
    for path in written:
        click.echo(say(lang, "scores.wrote", path=path))


@scores_group.command("combine")
@click.argument("sheets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Combined long CSV: application_id,criterion,score.")
@click.option("--round", "round_path", required=True, type=click.Path(path_type=Path),
              help="The round folder the sheets score.")
@click.option("--method", type=click.Choice(METHODS), default="mean", show_default=True)
@click.option("--trim", type=float, default=DEFAULT_TRIM, show_default=True,
              help="trimmed: share of scores cut from each end.")
@click.option("--spread", type=float, default=DEFAULT_SPREAD, show_default=True,
              help="Report scores whose max - min exceeds this (scale points).")
@click.option("--force", is_flag=True,
              help="Replace FILE if it exists (never a sheet or a file of the round).")
@lang_option
@reports_errors
def combine_command(sheets: tuple[Path, ...], output: Path, round_path: Path, method: str,
                    trim: float, spread: float, force: bool, lang: str) -> None:
    """Combine evaluators' sheets into one; list where evaluators disagree."""
    rnd = _read_round(round_path)
    combined = combine(sheets, rnd, method=method, trim=trim, spread=spread)
    written = write_combined(combined, output, force=force,
                             inputs=[Path(round_path), *rnd.files])
    click.echo(say(lang, "scores.combined", n=len(combined.sheets),
                   evaluators=list(combined.evaluators), method=method))
    for path in written:
        click.echo(say(lang, "scores.wrote", path=path))
    if not combined.disagreements:
        click.echo(say(lang, "scores.no_disagreement", spread=spread))
        return
    click.echo(say(lang, "scores.disagreements", n=len(combined.disagreements), spread=spread))
    click.echo(render_table(
        [say(lang, "scores.head.application"), say(lang, "scores.head.criterion"), "min",
         "max", say(lang, "scores.head.spread"), say(lang, "scores.head.scores")],
        [[d.application_id, d.criterion, d.min, d.max, d.spread,
          ", ".join(f"{name} {score:g}" for name, score in d.scores)]
         for d in combined.disagreements],
        align="llrrrl"))


@scores_group.command()
@click.argument("round_path", metavar="ROUND", type=click.Path(path_type=Path))
@click.option("--source", default=None, metavar="proxy|FILE",
              help="'proxy' or a scoring sheet (default: the round's scores file, else proxy).")
@click.option("--weight", "weights", multiple=True, metavar="KEY=VALUE",
              help="Weight of a criterion, group or proxy (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
@lang_option
@reports_errors
def show(round_path: Path, source: str | None, weights: tuple[str, ...], fmt: str,
         lang: str) -> None:
    """Each application's indicators (raw and normalised) and combined score."""
    if source is not None and source.strip().casefold() != PROXY and Path(source).exists():
        source = str(Path(source).resolve())  # a path as typed, relative to here
    rnd = _read_round(round_path)
    report = score_report(rnd, source, _weights(weights))
    notes = _notes(rnd)
    if fmt == "json":
        echo_json({**_json(report), "notes": [str(n) for n in notes]})
    elif fmt == "csv":
        for note in notes:
            click.echo(say(lang, "scores.note", note=note.text(lang)), err=True)
        click.echo(_csv(report), nl=False)
    else:
        click.echo("\n".join([*(say(lang, "scores.note", note=n.text(lang)) for n in notes),
                              _table(report, lang)]))


def _notes(rnd: Round) -> tuple[Message, ...]:
    from optimizer.case import unresolved_notes
    from optimizer.scoring.load import round_profiles

    return unresolved_notes(round_profiles(rnd))


def _headers(report: ScoreReport) -> list[str]:
    return [h for cid in report.table.criteria for h in (f"{cid}_raw", cid)]


def _raw_text(x: float | None, full: bool = False, lang: str = "en") -> str:
    """A raw value: whole numbers without decimals; +inf as "inf"; `full`: every digit (for
    machines: never in a language's format)."""
    if x is None:
        return ""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x.is_integer():
        return str(int(x))
    if full:
        return repr(x)
    return f"{x:.4g}".replace(".", ",") if lang == "fi" else f"{x:.4g}"


def _heading(report: ScoreReport, lang: str) -> list[str]:
    table = report.table
    weights = ", ".join(f"{c} {number(w, 3, lang)}"
                        for c, w in zip(table.criteria, table.weights, strict=True))
    return [say(lang, "scores.proxy" if table.is_proxy else "scores.source",
                label=_label(report, lang)), say(lang, "scores.weights", weights=weights)]


def _label(report: ScoreReport, lang: str) -> str:
    """Where the scores come from: the proxy warning in the language, else the sheet."""
    return Words(lang)["proxy_label"] if report.table.is_proxy else report.table.label


def _table(report: ScoreReport, lang: str) -> str:
    # the criterion ids are the scoring sheet's columns: a person types them there
    headers = ["application_id", say(lang, "scores.head.lead"), *_headers(report),
               say(lang, "scores.head.score")]
    rows: list[list[Any]] = []
    for r in report.rows:
        lead = r.lead if len(r.lead) <= LEAD_WIDTH else r.lead[:LEAD_WIDTH - 1] + "…"
        cells = [c for raw, value in zip(r.raw, r.values, strict=True)
                 for c in (_raw_text(raw, lang=lang), number(value, 3, lang))]
        rows.append([r.application_id, lead, *cells, number(r.score, 3, lang)])
    align = "ll" + "r" * (len(headers) - 2)
    lines = [*_heading(report, lang), "", render_table(headers, rows, align=align)]
    if report.table.is_proxy:
        lines += ["", say(lang, "scores.note", note=_label(report, lang))]
    return "\n".join(lines)


def _csv(report: ScoreReport) -> str:
    table = report.table
    headers = ["application_id", "lead", *_headers(report), "score", "score_source", "label"]
    rows = [[r.application_id, r.lead,
             *[c for raw, value in zip(r.raw, r.values, strict=True)
               for c in (_raw_text(raw, full=True), repr(value))],
             repr(r.score), table.source, table.label] for r in report.rows]
    return render_csv(headers, rows)


def _number(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else x


def _json(report: ScoreReport) -> dict[str, Any]:
    table = report.table
    return {
        "score_source": table.source,
        "label": table.label,
        "criteria": [{"id": c, "weight": w, "description": d} for c, w, d in
                     zip(table.criteria, table.weights, table.descriptions, strict=True)],
        "applications": [
            {"application_id": r.application_id, "lead": r.lead,
             "raw": {c: _number(x) for c, x in zip(table.criteria, r.raw, strict=True)},
             "values": dict(zip(table.criteria, r.values, strict=True)),
             "score": r.score}
            for r in report.rows],
    }
