"""The printed tables and wrapped prose, column by column, against the row-by-row way they
were laid out before (kept here as the reference): the same text for any table."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.cli.output import _cell, _heading, render_table, wrap
from optimizer.vocabulary.numbers import short

# --- the reference: render_table and _fit as they were, a Python loop per row ----------


def old_render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                     align: str | None = None, width: int | None = None,
                     squeeze: Sequence[tuple[int, int]] = (), tight_first: bool = False,
                     drop: Sequence[int] = ()) -> str:
    if width is not None and drop:
        whole = old_render_table(headers, rows, align, width, squeeze, tight_first)
        if max(map(len, whole.splitlines())) <= width:
            return whole
        keep = [i for i in range(len(headers)) if i != drop[0]]
        moved = {i: n for n, i in enumerate(keep)}
        return old_render_table([headers[i] for i in keep], [[r[i] for i in keep] for r in rows],
                                None if align is None else "".join(align[i] for i in keep),
                                width, [(moved[i], n) for i, n in squeeze if i in moved],
                                tight_first, [moved[i] for i in drop[1:] if i in moved])
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    if align is None:
        align = "".join(
            "r" if rows and all(isinstance(r[i], int | float) for r in rows) else "l"
            for i in range(len(headers))
        )
    gap = 2
    if width is not None:
        widths, gap = old_fit(list(headers), cells, widths, width, squeeze, tight_first)
    cells = [[c if len(c) <= w else short(c, w) for c, w in zip(row, widths, strict=True)]
             for row in cells]
    head = [_heading(h, w) for h, w in zip(headers, widths, strict=True)]
    depth = max((len(h) for h in head), default=1)
    head = [[""] * (depth - len(h)) + h for h in head]

    def line(values: Sequence[str]) -> str:
        return (" " * gap).join(
            v.rjust(w) if a == "r" else v.ljust(w)
            for v, w, a in zip(values, widths, align, strict=True)
        ).rstrip()

    out = [line([h[i] for h in head]) for i in range(depth)]
    out += [line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def old_fit(headers: list[str], cells: list[list[str]], widths: list[int], width: int,
            squeeze: Sequence[tuple[int, int]], tight_first: bool = False
            ) -> tuple[list[int], int]:
    gap = 2

    def total(ws: list[int]) -> int:
        return sum(ws) + gap * (len(ws) - 1)

    widths = list(widths)
    data = [max((len(row[i]) for row in cells), default=0) for i in range(len(widths))]
    wraps = sorted(((widths[i] - max(data[i], *map(len, h.split() or [""])), i)
                    for i, h in enumerate(headers)), reverse=True)
    for saving, i in wraps:
        if total(widths) <= width:
            break
        if saving > 0:
            widths[i] -= min(saving, total(widths) - width)
    if tight_first and total(widths) > width:
        gap = 1
    for i, narrowest in squeeze:
        over = total(widths) - width
        if over <= 0:
            break
        widths[i] -= max(0, min(over, widths[i] - narrowest))
    gap = gap if total(widths) <= width else 1
    for saving, i in sorted(((widths[i] - max(data[i], 2), i) for i in range(len(widths))),
                            reverse=True):
        if total(widths) <= width:
            break
        if saving > 0:
            widths[i] -= min(saving, total(widths) - width)
    return widths, gap


# --- the tables --------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij ÄöéX-", min_size=0, max_size=14)
HEADING = st.text(alphabet="abcdef ", min_size=1, max_size=16).filter(lambda h: h.strip())
VALUE = st.one_of(WORDS, st.integers(-10**7, 10**7), st.none(), st.booleans(),
                  st.floats(-1e7, 1e7, allow_nan=False), st.text(max_size=6))


@st.composite
def tables(draw: st.DrawFn) -> tuple[Any, ...]:
    k = draw(st.integers(1, 6))
    headers = draw(st.lists(HEADING, min_size=k, max_size=k))
    numeric = draw(st.lists(st.booleans(), min_size=k, max_size=k))
    rows = draw(st.lists(st.tuples(*[
        st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False))
        if num else VALUE for num in numeric]).map(list), max_size=8))
    align = draw(st.none() | st.text(alphabet="lr", min_size=k, max_size=k))
    width = draw(st.none() | st.integers(12, 90))
    squeeze = draw(st.lists(st.tuples(st.integers(0, k - 1), st.integers(3, 12)),
                            max_size=4))
    drop = draw(st.lists(st.integers(0, k - 1), unique=True, max_size=2))
    return headers, rows, align, width, squeeze, draw(st.booleans()), drop


@settings(max_examples=400, deadline=None)
@given(tables())
def test_render_table_is_the_row_by_row_text(table: tuple[Any, ...]) -> None:
    headers, rows, align, width, squeeze, tight_first, drop = table
    assert render_table(headers, rows, align, width, squeeze, tight_first, drop) == \
        old_render_table(headers, rows, align, width, squeeze, tight_first, drop)


def test_render_table_cuts_pads_and_drops_as_before() -> None:
    headers = ["id", "a long project name", "lead", "score"]
    rows = [["A1", "Kaikkien aikojen pisin hankkeen nimi", "Helsinki", 0.5],
            ["B22", "Lyhyt", None, 12345.678], ["C3", "x\ny", "Oulu", -0.0]]
    for width in (None, 20, 30, 40, 60, 200):
        for drop in ((), (2,), (2, 1)):
            got = render_table(headers, rows, "lllr", width, ((1, 8), (2, 5)), False, drop)
            assert got == old_render_table(headers, rows, "lllr", width, ((1, 8), (2, 5)),
                                           False, drop)
    assert render_table([], []) == old_render_table([], [])
    assert render_table(["a", "b"], []) == old_render_table(["a", "b"], [])


def test_a_row_wider_or_narrower_than_the_headers_is_refused() -> None:
    for row in (["1"], ["1", "2", "3"]):
        try:
            render_table(["a", "b"], [row])
        except ValueError:
            continue
        raise AssertionError(f"{row} was laid out")


# --- wrap's short cut for a line that fits ------------------------------------------------

PROSE = st.text(alphabet="ab cd-\t\n\xa0\u2003.2020", max_size=40)


@settings(max_examples=500, deadline=None)
@given(PROSE, st.integers(6, 50), st.sampled_from(["", "  ", "- "]), st.sampled_from(["", "  "]))
def test_wrap_is_textwrap(text: str, width: int, indent: str, hang: str) -> None:
    expected = ([indent.rstrip()] if not text else textwrap.wrap(
        text, width=width, initial_indent=indent, subsequent_indent=indent + hang,
        break_on_hyphens=False) or [""])
    assert wrap(text, width, indent, hang) == expected
