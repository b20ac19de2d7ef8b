"""Shared CLI plumbing: error reporting, the stdout guard, tables and JSON."""

from __future__ import annotations

import contextlib
import functools
import io
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from optimizer.errors import GrantoptError, InfeasibleError, OutputError
from optimizer.format import euros, number, share, short
from optimizer.report.files import csv_dialect as csv_in
from optimizer.report.files import csv_text as render_csv
from optimizer.report.files import json_text
from optimizer.words import LABELS

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


def header_lines(prepared: Any, lang: str = "en") -> list[str]:
    """The scenario's name and, for proxy scores, the label saying what they are."""
    if lang == "fi":
        lines = [f"Skenaario: {prepared.scenario.title_in('fi')}"]
        if prepared.is_proxy:
            lines.append(f"Pisteet: {LABELS['proxy_label']['fi']}")
        return lines + [f"Huomio: {note}." for note in _notes_fi(prepared)]
    lines = [f"Scenario: {prepared.scenario.title}"]
    if prepared.is_proxy:
        lines.append(f"Scores: {prepared.scores.label}")
    lines += [f"Note: {note}." for note in prepared.notes]
    return lines


def _notes_fi(prepared: Any) -> list[str]:
    """Prepared.notes in Finnish: the party names that matched no municipality."""
    return [f"hakemus {p.application_id}: nimeä {name!r} ei löydy kuntarekisteristä; sitä ei "
            "lasketa (ei yhteishankesäännön osapuoleksi eikä välillisiin mittareihin). "
            "Kerro participants.csv-tiedostossa, mikä se on"
            for p in prepared.profiles.values() for name in p.unresolved]


_EUR_EN = re.compile(r"(?<![\d.,])(−|-)?(\d{1,3}(?:,\d{3})*)(\.\d\d)? €")


def fi_amounts(text: str) -> str:
    """English text with every amount in euros ('1,234,500 €', '−36.50 €') in the Finnish
    format ('1 234 500 €'); the rest of the text unchanged."""

    def finnish(m: re.Match[str]) -> str:
        value = float(m.group(2).replace(",", "") + (m.group(3) or ""))
        return (m.group(1) or "") + euros(value, "fi")

    return _EUR_EN.sub(finnish, text)


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
    if lang == "fi":
        basis = ("hankehallinnoijan maakunnan mukaan" if table.basis == "lead"
                 else "osallistujien maakuntien mukaan; avustukset jaettu asukasluvun mukaan")
        headers = ["maakunta", "hankkeita", "avustukset", "osuus", "€/asukas"]
        if table.has_actual:
            headers += ["toteutunut: hankkeita", "avustukset", "osuus", "€/asukas"]
        head = f"Maakunnat ({basis}):\n"
    else:
        basis = ("the lead applicant's region" if table.basis == "lead"
                 else "the participants' regions; awards split by their residents")
        headers = ["region", "projects", "awarded", "share", "€/resident"]
        if table.has_actual:
            headers += ["actual: projects", "awarded", "share", "€/resident"]
        head = f"Regions (by {basis}):\n"
    rows = []
    for r in table.lines:
        row = [region_cell(r.region, lang), str(r.optimal_projects), euros(r.optimal_eur, lang),
               share(r.optimal_share, lang=lang), _per(r.optimal_per_resident, lang)]
        if table.has_actual:
            row += [str(r.actual_projects), euros(r.actual_eur or 0.0, lang),
                    share(r.actual_share, lang=lang), _per(r.actual_per_resident, lang)]
        rows.append(row)
    return head + render_table(headers, rows, align="l" + "r" * (len(headers) - 1))


def _per(value: float | None, lang: str = "en") -> str:
    return "" if value is None else number(value, 2, lang)


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


__all__ = ["csv_in", "echo_json", "fi_amounts", "header_lines", "lead_cell", "project_cell",
           "quiet_stdout", "region_cell", "regions_text", "render_csv", "render_table",
           "reports_errors", "write_out"]
