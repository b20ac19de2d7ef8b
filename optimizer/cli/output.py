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
from optimizer.format import euros, number, share, short
from optimizer.report.files import csv_text as render_csv
from optimizer.report.files import json_text

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
    """Write a command's files as one result into `out_dir` (report.folder) and say so."""
    from optimizer.report.folder import output_folder, relocate

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


def header_lines(prepared: Any) -> list[str]:
    """The scenario's name and, for proxy scores, the label saying what they are."""
    lines = [f"Scenario: {prepared.scenario.title}"]
    if prepared.is_proxy:
        lines.append(f"Scores: {prepared.scores.label}")
    lines += [f"Note: {note}." for note in prepared.notes]
    return lines


PROJECT_WIDTH, LEAD_WIDTH = 34, 24  # characters of a name in a table


def project_cell(text: str) -> str:
    return short(text, PROJECT_WIDTH)


def lead_cell(text: str) -> str:
    return short(text, LEAD_WIDTH)


def regions_text(table: RegionTable) -> str:
    """The regions table: projects, euros, share of the appropriation, € per resident, and
    the actual decision beside them when known."""
    basis = ("the lead applicant's region" if table.basis == "lead"
             else "the participants' regions; awards split by their residents")
    headers = ["region", "projects", "awarded", "share", "€/resident"]
    if table.has_actual:
        headers += ["actual: projects", "awarded", "share", "€/resident"]
    rows = []
    for r in table.lines:
        row = [r.region, str(r.optimal_projects), euros(r.optimal_eur), share(r.optimal_share),
               _per(r.optimal_per_resident)]
        if table.has_actual:
            row += [str(r.actual_projects), euros(r.actual_eur or 0.0), share(r.actual_share),
                    _per(r.actual_per_resident)]
        rows.append(row)
    return (f"Regions (by {basis}):\n"
            + render_table(headers, rows, align="l" + "r" * (len(headers) - 1)))


def _per(value: float | None) -> str:
    return "" if value is None else number(value, 2)


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


__all__ = ["echo_json", "header_lines", "lead_cell", "project_cell", "quiet_stdout",
           "regions_text", "render_csv", "render_table", "reports_errors", "write_out"]
