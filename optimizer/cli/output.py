"""Shared CLI plumbing: error reporting, the stdout guard, tables and JSON."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
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


def regions_text(table: RegionTable, lang: str = "en", width: int | None = None) -> str:
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
    head = say(w, "cli.regions.head", basis=basis)
    width = width or terminal_width()
    return "\n".join([*wrap(head, width), *_region_tables(headers, rows, table, width)])


def _region_tables(headers: list[str], rows: list[list[str]], table: RegionTable,
                   width: int) -> list[str]:
    """The regions as one table; too wide for `width` (the actual decision and fair shares
    beside the optimum), the optimum's columns above the actual decision's."""
    def part(columns: list[int]) -> str:
        return render_table([headers[i] for i in columns], [[r[i] for i in columns]
                                                           for r in rows],
                            align="l" + "r" * (len(columns) - 1), width=width,
                            squeeze=((0, 12), (0, 8)), tight_first=True)

    whole = part(list(range(len(headers))))
    if not table.has_actual or max(map(len, whole.splitlines())) <= width:
        return [whole]
    fair = table.fair_share_basis is not None
    optimum = [0, 1, 2, 3, 4, *([9, 10] if fair else [])]
    actual = [0, 5, 6, 7, 8, *([11] if fair else [])]
    return [part(optimum), "", part(actual)]


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


PIPE_WIDTH = 100  # the columns of a table or text sent to a file or a pipe
MIN_WIDTH = 40  # narrower than this, nothing fits: lay out for this and let it wrap


def terminal_width() -> int:
    """The columns to lay text out for: COLUMNS when set, else the terminal's width; not a
    terminal (a file, a pipe): PIPE_WIDTH."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    if sys.stdout.isatty():
        return max(MIN_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns)
    return PIPE_WIDTH


# The white space textwrap turns into spaces (besides the space itself).
_WRAPPED_SPACE = frozenset("\t\n\x0b\x0c\r")


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """Prose as lines of at most `width` characters; `indent` before the first line,
    `indent + hang` before the others. Ids (2020-04) and numbers (no-break spaces) are
    never split."""
    if not text:
        return [indent.rstrip()]
    if (len(indent) + len(text) <= width and not text[0].isspace()
            and not text[-1].isspace() and not _WRAPPED_SPACE.intersection(text)):
        return [indent + text]  # as textwrap gives it, which takes long over many lines
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=indent + hang, break_on_hyphens=False) or [""]


def wrap_lines(lines: Iterable[str], width: int) -> list[str]:
    """Each line that is too long wrapped, keeping its indent; the lines of a list item
    ('  - ...', '  + ...') hang under its text."""
    out: list[str] = []
    for line in lines:
        for part in line.split("\n"):
            if len(part) <= width:
                out.append(part)
                continue
            body = part.lstrip(" ")
            indent = part[: len(part) - len(body)]
            hang = "  " if body[:2] in ("- ", "+ ", "~ ", "* ") else ""
            out += wrap(body, width, indent, hang)
    return out


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 align: str | None = None, width: int | None = None,
                 squeeze: Sequence[tuple[int, int]] = (), tight_first: bool = False,
                 drop: Sequence[int] = ()) -> str:
    """Plain-text table; `align` holds 'l' or 'r' per column (default: numbers right).

    Given a `width`, a table wider than it is fitted: headers wrap onto more lines at their
    spaces, then the text columns in `squeeze` ((column, narrowest), in order; a column may
    come again with a smaller narrowest) are cut with an ellipsis, then the columns stand
    one space apart instead of two (`tight_first`: before any text is cut); last, the
    columns in `drop` are left out, in order, until it fits."""
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("a row is not as wide as the headers")
    if align is None:
        align = "".join(
            "r" if rows and all(isinstance(r[i], int | float) for r in rows) else "l"
            for i in range(len(headers))
        )
    # Column by column (a large round prints tens of thousands of rows): each cell's text
    # once, each column's widest, cut and padded with one `map`, the lines joined once.
    columns = [[v if type(v) is str else _cell(v) for v in column]
               for column in zip(*rows, strict=True)] or [[] for _ in headers]
    return _rendered(list(headers), columns, len(rows), align, width, squeeze, tight_first,
                     drop)


def _rendered(headers: list[str], columns: list[list[str]], n: int, align: str,
              width: int | None, squeeze: Sequence[tuple[int, int]], tight_first: bool,
              drop: Sequence[int]) -> str:
    """render_table's text from its columns of cell texts (n rows)."""
    if width is not None and drop:
        whole = _rendered(headers, columns, n, align, width, squeeze, tight_first, ())
        if max(map(len, whole.splitlines())) <= width:
            return whole
        keep = [i for i in range(len(headers)) if i != drop[0]]
        moved = {i: k for k, i in enumerate(keep)}
        return _rendered([headers[i] for i in keep], [columns[i] for i in keep], n,
                         "".join(align[i] for i in keep), width,
                         [(moved[i], k) for i, k in squeeze if i in moved], tight_first,
                         [moved[i] for i in drop[1:] if i in moved])
    data = [max(map(len, column), default=0) for column in columns]
    widths = [max(len(h), d) for h, d in zip(headers, data, strict=True)]
    gap = 2
    if width is not None:
        widths, gap = _fit(headers, data, widths, width, squeeze, tight_first)
    head = [_heading(h, w) for h, w in zip(headers, widths, strict=True)]
    depth = max((len(h) for h in head), default=1)
    head = [[""] * (depth - len(h)) + h for h in head]  # headers sit on the rule
    sep = " " * gap

    def line(values: Sequence[str]) -> str:
        return sep.join(
            v.rjust(w) if a == "r" else v.ljust(w)
            for v, w, a in zip(values, widths, align, strict=True)
        ).rstrip()

    out = [line([h[i] for h in head]) for i in range(depth)]
    out += [line(["-" * w for w in widths])]
    if not headers:
        return "\n".join(out + [""] * n)
    padded = [list(map(str.rjust if a == "r" else str.ljust,
                       [c if len(c) <= w else short(c, w) for c in column]
                       if d > w else column, repeat(w)))
              for column, w, a, d in zip(columns, widths, align, data, strict=True)]
    out += map(str.rstrip, map(sep.join, zip(*padded, strict=True)))
    return "\n".join(out)


def _heading(text: str, width: int) -> list[str]:
    """A column's heading on as many lines as its width needs; a word longer than the
    width is broken with a hyphen."""
    if len(text) <= width:
        return [text]
    words = []
    for word in text.split():
        while len(word) > width:
            words.append(word[: width - 1] + "-")
            word = word[width - 1:]
        words.append(word)
    return textwrap.wrap(" ".join(words), width, break_long_words=False) or [""]


def _fit(headers: list[str], data: list[int], widths: list[int], width: int,
         squeeze: Sequence[tuple[int, int]], tight_first: bool = False
         ) -> tuple[list[int], int]:
    """Column widths (and the gap) that bring a table within `width`, as far as it goes
    (`data`: each column's widest cell)."""
    gap = 2

    def total(ws: list[int]) -> int:
        return sum(ws) + gap * (len(ws) - 1)

    widths = list(widths)
    # 1. a header wider than its column's data wraps at its spaces (largest saving first)
    wraps = sorted(((widths[i] - max(data[i], *map(len, h.split() or [""])), i)
                    for i, h in enumerate(headers)), reverse=True)
    for saving, i in wraps:
        if total(widths) <= width:
            break
        if saving > 0:
            widths[i] -= min(saving, total(widths) - width)
    if tight_first and total(widths) > width:
        gap = 1
    # 2. text columns give up characters, in the order asked
    for i, narrowest in squeeze:
        over = total(widths) - width
        if over <= 0:
            break
        widths[i] -= max(0, min(over, widths[i] - narrowest))
    # 3. one space between columns
    gap = gap if total(widths) <= width else 1
    # 4. a heading's long word breaks with a hyphen over a narrower column of data
    for saving, i in sorted(((widths[i] - max(data[i], 2), i) for i in range(len(widths))),
                            reverse=True):
        if total(widths) <= width:
            break
        if saving > 0:
            widths[i] -= min(saving, total(widths) - width)
    return widths, gap


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
           "render_table", "reports_errors", "solver_text", "status_text", "terminal_width",
           "where_text", "wrap", "wrap_lines", "write_out"]
