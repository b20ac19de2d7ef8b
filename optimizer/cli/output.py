"""Shared CLI plumbing: error reporting, the stdout guard, tables and JSON."""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from optimizer.errors import GrantoptError, InfeasibleError, OutputError
from optimizer.formats.files import csv_dialect as csv_in
from optimizer.formats.files import csv_text as render_csv
from optimizer.formats.files import json_text
from optimizer.vocabulary.numbers import short
from optimizer.vocabulary.words import LABELS, Words

if TYPE_CHECKING:
    from optimizer.analysis.regions import RegionTable

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn every GrantoptError into a clear message on stderr and its exit code; a file
    system failure (a read-only folder, a full disk) too, as one line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InfeasibleError as exc:
            click.echo(f"Infeasible: {exc}", err=True)
            sys.exit(exc.exit_code)
        except GrantoptError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(f"Error: {os_message(exc)}", err=True)
            sys.exit(OutputError.exit_code)

    return wrapper  # type: ignore[return-value]


def os_message(exc: OSError) -> str:
    """'cannot write out/x.csv: No space left on device' from any OSError."""
    where = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    return f"cannot use{where}: {reason}"


def write_out(out_dir: Path, force: bool, inputs: Iterable[Path],
              write: Callable[[Path], list[Path]]) -> None:
    """Write a command's files as one result into `out_dir` (formats.folder) and say so."""
    from optimizer.formats.folder import output_folder, relocate

    with output_folder(out_dir, inputs, force) as stage:
        written = write(stage)
    for path in relocate(written, stage, out_dir):
        click.echo(f"wrote {path}", err=True)


def quiet_stdout(fmt: str) -> contextlib.AbstractContextManager[object]:
    """While computing for machine-readable output (any format but a table), nothing else
    may reach stdout: solver banners are caught here (solve.py also silences HiGHS)."""
    if fmt == "table":
        return contextlib.nullcontext()
    return contextlib.redirect_stdout(io.StringIO())


def t(w: Words, en: str, fi: str) -> str:
    """A sentence of a table in its language (one said once; words said often are in
    optimizer.vocabulary.words)."""
    return fi if w.lang == "fi" else en


def status_text(status: str, w: Words) -> str:
    """A status as the tables write it ('optimal', 'in'); one without words stays as is."""
    key = f"status_{status}"
    return w[key] if key in LABELS else status


def header_lines(prepared: Any, lang: str = "en") -> list[str]:
    """The scenario's name and, for proxy scores, the label saying what they are."""
    w = Words(lang)
    lines = [f"{t(w, 'Scenario', 'Skenaario')}: {prepared.scenario.title_in(lang)}"]
    if prepared.is_proxy:
        lines.append(f"{t(w, 'Scores', 'Pisteet')}: {w['proxy_label']}")
    return lines + [f"{t(w, 'Note', 'Huomio')}: {note}." for note in _notes(prepared, lang)]


def _notes(prepared: Any, lang: str) -> list[str]:
    """Prepared.notes (the party names that matched no municipality) in the language."""
    if lang != "fi":
        return list(prepared.notes)
    return [f"hakemus {p.application_id}: nimeä {name!r} ei löydy kuntarekisteristä; sitä ei "
            "lasketa (ei yhteishankesäännön osapuoleksi eikä välillisiin mittareihin). "
            "Kerro participants.csv-tiedostossa, mikä se on"
            for p in prepared.profiles.values() for name in p.unresolved]


UNKNOWN_REGIONS = {"(no region)": "(ei maakuntaa)", "(unknown region)": "(maakunta ei tiedossa)"}


def region_cell(region: str, lang: str = "en") -> str:
    """A region's name as written (data); the placeholders for no region in the language."""
    return UNKNOWN_REGIONS.get(region, region) if lang == "fi" else region


PROJECT_WIDTH, LEAD_WIDTH = 34, 24  # characters of a name in a table


def project_cell(text: str) -> str:
    return short(text, PROJECT_WIDTH)


def lead_cell(text: str) -> str:
    return short(text, LEAD_WIDTH)


def regions_text(table: RegionTable, lang: str = "en") -> str:
    """The regions table: projects, euros, share of the appropriation, € per resident, and
    the actual decision beside them when known."""
    w = Words(lang)
    basis = (t(w, "the lead applicant's region", "hankehallinnoijan maakunnan mukaan")
             if table.basis == "lead" else
             t(w, "the participants' regions; awards split by their residents",
               "osallistujien maakuntien mukaan; avustukset jaettu asukasluvun mukaan"))
    sums = [t(w, "awarded", "avustukset"), t(w, "share", "osuus"),
            t(w, "€/resident", "€/asukas")]
    headers = [w["region"], w["projects"], *sums]
    if table.has_actual:
        headers += [t(w, "actual: projects", "toteutunut: hankkeita"), *sums]
    rows = []
    for r in table.lines:
        row = [region_cell(r.region, lang), str(r.optimal_projects), w.eur(r.optimal_eur),
               w.pct(r.optimal_share), _per(r.optimal_per_resident, w)]
        if table.has_actual:
            row += [str(r.actual_projects), w.eur(r.actual_eur or 0.0), w.pct(r.actual_share),
                    _per(r.actual_per_resident, w)]
        if table.fair_share_basis is not None:
            row += _fair_cells(table, r.region, r.fair_share, w)
        rows.append(row)
    if table.fair_share_basis is not None:  # issue 14: fair shares by region
        headers += [t(w, "fair share", "reilu osuus"), t(w, "ratio", "suhde")]
        if table.has_actual:
            headers.append(t(w, "actual ratio", "toteutunut suhde"))
    head = t(w, f"Regions (by {basis}):\n", f"Maakunnat ({basis}):\n")
    return head + render_table(headers, rows, align="l" + "r" * (len(headers) - 1))


def _fair_cells(table: RegionTable, region: str, share: float | None, w: Words) -> list[str]:
    """Fair share p_r and the ratios (euros' share / p_r); blank outside the rule."""
    if share is None:
        return ["", ""] + ([""] if table.has_actual else [])
    cells = [w.pct(share), w.num(table.fair_ratios.get(region, 0.0), 2)]
    if table.has_actual:
        cells.append(w.num(table.actual_fair_ratios.get(region, 0.0), 2))
    return cells


def _per(value: float | None, w: Words) -> str:
    return "" if value is None else w.num(value, 2)


def echo_json(payload: Any) -> None:
    click.echo(json_text(payload), nl=False)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 align: str | None = None) -> str:
    """Plain-text table; `align` holds 'l' or 'r' per column (default: numbers right)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    if align is None:
        align = "".join(
            "r" if rows and all(isinstance(r[i], int | float) for r in rows) else "l"
            for i in range(len(headers))
        )

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if a == "r" else v.ljust(w)
            for v, w, a in zip(values, widths, align, strict=True)
        ).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ") if abs(value) >= 1000 else f"{value:.3f}"
    return str(value)


def ids_text(ids: Sequence[str], w: Words, sep: str = " ", limit: int = 40) -> str:
    """Ids for a line of text; a long list (large rounds) ends with how many more there
    are, as the full list is in --format json and --out."""
    if len(ids) <= limit:
        return sep.join(ids)
    more = len(ids) - limit
    return sep.join(ids[:limit]) + t(w, f" … and {more} more", f" … ja {more} muuta")


def where_text(executor: str, workers: int, w: Words) -> str:
    """Where the independent solves ran, for the line that says how they were solved."""
    if executor.startswith("dask://"):
        return t(w, f"on the Dask cluster {executor}", f"Dask-klusterissa {executor}")
    if workers > 1:
        return t(w, f"in {workers} local processes", f"{workers} paikallisessa prosessissa")
    return t(w, "in this process", "tässä prosessissa")


__all__ = ["csv_in", "echo_json", "header_lines", "ids_text", "lead_cell", "project_cell",
           "quiet_stdout", "region_cell", "regions_text", "render_csv", "render_table",
           "reports_errors", "status_text", "t", "where_text", "write_out"]
