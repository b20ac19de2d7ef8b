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

from optimizer.constants import REMAINDER
from optimizer.errors import GrantoptError, InfeasibleError, OutputError
from optimizer.formats.files import csv_dialect as csv_in
from optimizer.formats.files import csv_text as render_csv
from optimizer.formats.files import json_text
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import value_name
from optimizer.vocabulary.numbers import short
from optimizer.vocabulary.words import LABELS, LANGUAGES, Words

if TYPE_CHECKING:
    from optimizer.analysis.regions import RegionTable

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn every GrantoptError into a clear message on stderr and its exit code; a file
    system failure (a read-only folder, a full disk) too, as one line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = _language(kwargs.get("lang"))
        try:
            return func(*args, **kwargs)
        except InfeasibleError as exc:
            click.echo(say(lang, "cli.error.infeasible", text=exc.text(lang)), err=True)
            sys.exit(exc.exit_code)
        except GrantoptError as exc:
            click.echo(say(lang, "cli.error.error", text=exc.text(lang)), err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(say(lang, "cli.error.error", text=os_message(exc, lang)), err=True)
            sys.exit(OutputError.exit_code)

    return wrapper  # type: ignore[return-value]


def _language(option: object) -> str:
    """The language of a command's messages: its --lang (the first of "fi,en"), else en."""
    first = str(option or "").split(",")[0].strip()
    return first if first in LANGUAGES else "en"


def os_message(exc: OSError, lang: str = "en") -> str:
    """'cannot use out/x.csv: No space left on device' from any OSError (the reason is the
    system's own words)."""
    reason = exc.strerror or str(exc)
    if exc.filename:
        return say(lang, "cli.error.cannot_use", path=str(exc.filename), reason=reason)
    return say(lang, "cli.error.cannot", reason=reason)


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


def status_text(status: str, w: Words) -> str:
    """A status as the tables write it ('optimal', 'in'); one without words stays as is."""
    key = f"status_{status}"
    return w[key] if key in LABELS else status


def pool_name(name: str, w: Words) -> str:
    """A funding pool's name (data), or the words for the part outside every pool."""
    return say(w, "cli.pool.outside") if name == REMAINDER else name


def solver_text(name: str, w: Words) -> str:
    """A solver or solution path by its plain name ('HiGHS', 'knapsack DP')."""
    return (value_name("solver.name", name, w.lang) or value_name("solver.method", name, w.lang)
            or name)


def header_lines(case: Any, lang: str = "en") -> list[str]:
    """The scenario's name and, for proxy scores, the label saying what they are."""
    w = Words(lang)
    lines = [say(w, "cli.header.scenario", title=case.scenario.title_in(lang))]
    if case.is_proxy:
        lines.append(say(w, "cli.header.scores", label=w["proxy_label"]))
    return lines + [say(w, "cli.header.note", note=note) for note in _notes(case, w)]


def _notes(case: Any, w: Words) -> list[str]:
    """Case.notes (the party names that matched no municipality) in the language."""
    return [note.text(w.lang) for note in case.notes]


# The analyses' placeholders for an application without a region, and their words.
UNKNOWN_REGIONS = {"(no region)": "cli.region.none", "(unknown region)": "cli.region.unknown"}


def region_cell(region: str, lang: str = "en") -> str:
    """A region's name as written (data); the placeholders for no region in the language."""
    code = UNKNOWN_REGIONS.get(region)
    return say(lang, code) if code else region


PROJECT_WIDTH, LEAD_WIDTH = 34, 24  # characters of a name in a table


def project_cell(text: str) -> str:
    return short(text, PROJECT_WIDTH)


def lead_cell(text: str) -> str:
    return short(text, LEAD_WIDTH)


def regions_text(table: RegionTable, lang: str = "en") -> str:
    """The regions table: projects, euros, share of the appropriation, € per resident, and
    the actual decision beside them when known."""
    w = Words(lang)
    basis = say(w, "cli.regions.by_lead" if table.basis == "lead"
                else "cli.regions.by_participants")
    sums = [say(w, "cli.col.awarded"), say(w, "cli.col.share"), say(w, "cli.col.per_resident")]
    headers = [w["region"], w["projects"], *sums]
    if table.has_actual:
        headers += [say(w, "cli.col.actual_projects"), *sums]
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
        headers += [say(w, "cli.col.fair_share"), say(w, "cli.col.ratio")]
        if table.has_actual:
            headers.append(say(w, "cli.col.actual_ratio"))
    head = say(w, "cli.regions.head", basis=basis) + "\n"
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
    return sep.join(ids[:limit]) + " " + say(w, "cli.ids.more", n=more)


def where_text(executor: str, workers: int, w: Words) -> str:
    """Where the independent solves ran, for the line that says how they were solved."""
    if executor.startswith("dask://"):
        return say(w, "cli.where.dask", address=executor)
    if workers > 1:
        return say(w, "cli.where.processes", n=workers)
    return say(w, "cli.where.here")


__all__ = ["csv_in", "echo_json", "header_lines", "ids_text", "lead_cell", "pool_name",
           "project_cell", "quiet_stdout", "region_cell", "regions_text", "render_csv",
           "render_table", "reports_errors", "solver_text", "status_text", "where_text",
           "write_out"]
