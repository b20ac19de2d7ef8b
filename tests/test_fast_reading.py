"""Reading column by column (readers.columns, the scoring sheet's and the participants'
fast paths) gives exactly what reading cell by cell gives; anything the fast path does not
take goes to the cell-by-cell reader, whose messages the other tests check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from optimizer.readers import check_round
from optimizer.readers.columns import plain_csv_columns
from optimizer.scoring import read_sheet, sheet_scores
from optimizer.scoring.sheets import fast_sheet
from tests.test_scoring import CRITERIA, write_csv
from tests.test_scoring import rnd as rnd

ROOT = Path(__file__).resolve().parents[1]


def test_plain_csv_columns_reads_plain_files_and_declines_the_rest(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a; b\r\n x ;1\r\ny;2,5\r\n", encoding="utf-8")
    assert plain_csv_columns(path) == (("a", "b"), [["x", "y"], ["1", "2,5"]])
    path.write_text('a,b\n"x, y",1\n', encoding="utf-8")
    assert plain_csv_columns(path) == (("a", "b"), [["x, y"], ["1"]])
    for text in ("a,b\nx\n",  # a short row
                 "a,b\nx,1,2\n",  # a long one
                 "a,b\nx,1\n,\ny,2\n",  # a blank row keeps its number
                 "a,a\nx,1\n",  # a column twice
                 "a,b\n",  # no rows
                 'a,b\nx,"1\n'):  # a quote never closed
        path.write_text(text, encoding="utf-8")
        assert plain_csv_columns(path) is None, text


LONG = [["application_id", "criterion", "score"]] + [
    [app, crit.id, score] for app, scores in (("H1", (5, 2, 4)), ("H2", ("0,5", 5, 1)),
                                             ("H3", (1, 1.5, 2)))
    for crit, score in zip(CRITERIA, scores, strict=True)]
WIDE = [["application_id", "lead", "b1", "a1", "a2"],
        ["H2", "Espoo", 1, 0, 5], ["H1", "Akaa", 4, 5, "2,5"], ["H3", "Oulu", "2.5", 1, 1]]
EVALUATORS = [["application_id", "criterion", "score", "evaluator"]] + [
    [*row, who] for who in ("Anna", "Ben") for row in LONG[1:]]


@pytest.mark.parametrize("rows", [LONG, WIDE, EVALUATORS], ids=["long", "wide", "evaluators"])
def test_fast_sheet_reads_what_the_cell_by_cell_reader_reads(rnd, tmp_path, rows):
    fast_path = write_csv(tmp_path / "s.csv", rows, delimiter=";")
    assert fast_sheet(fast_path, rnd, CRITERIA) is not None
    # the same sheet with a blank row, which only the cell-by-cell reader takes
    slow_path = tmp_path / "slow" / "s.csv"
    slow_path.parent.mkdir()
    text = fast_path.read_text(encoding="utf-8").splitlines()
    slow_path.write_text("\n".join([*text[:2], ";;", *text[2:]]) + "\n", encoding="utf-8")
    assert fast_sheet(slow_path, rnd, CRITERIA) is None
    fast, slow = read_sheet(fast_path, rnd), read_sheet(slow_path, rnd)
    assert fast.layout == slow.layout and fast.evaluators == slow.evaluators
    shifted = [(e.application_id, e.criterion, e.score, e.evaluator, e.file, e.row)
               for e in slow.entries]
    # the blank row moved every row after it down by one
    assert [(e.application_id, e.criterion, e.score, e.evaluator, e.file,
             e.row + (e.row >= 3)) for e in fast.entries] == shifted
    assert sheet_scores(fast_path, rnd) == sheet_scores(slow_path, rnd)
    a, b = sheet_scores(fast_path, rnd), sheet_scores(slow_path, rnd)
    assert (dict(a.values), dict(a.raw), dict(a.panel)) == (dict(b.values), dict(b.raw),
                                                           dict(b.panel))


@pytest.mark.parametrize("change", [
    lambda rows: rows[:-1],  # a score missing
    lambda rows: [*rows, rows[1]],  # a score twice
    lambda rows: [*rows[:2], [rows[2][0], rows[2][1], "x"], *rows[3:]],  # not a number
    lambda rows: [*rows[:2], [rows[2][0], rows[2][1], 9], *rows[3:]],  # off the scale
    lambda rows: [*rows[:2], [rows[2][0], rows[2][1], ""], *rows[3:]],  # empty
    lambda rows: [*rows[:2], ["H9", rows[2][1], 1], *rows[3:]],  # unknown application
    lambda rows: [*rows[:2], [rows[2][0], "c9", 1], *rows[3:]],  # unknown criterion
    lambda rows: [[*rows[0], "x"], *([*r, ""] for r in rows[1:])],  # unknown column
])
def test_fast_sheet_leaves_every_problem_to_the_cell_by_cell_reader(rnd, tmp_path,
                                                                    change):
    path = write_csv(tmp_path / "s.csv", change(LONG))
    assert fast_sheet(path, rnd, CRITERIA) is None
    with pytest.raises(Exception, match=r"s\.csv"):
        read_sheet(path, rnd)


def test_participants_read_column_by_column_as_row_by_row(tmp_path, monkeypatch):
    """A synthetic round's plain participants and awards files are read column by column;
    the same files with a blank row at their end (no row number moves) row by row: the
    round is the same."""
    import optimizer.readers.folder as folder
    from optimizer.formats.synth import write_synth_round

    fast = tmp_path / "fast"
    write_synth_round(fast, 60, 1, ROOT / "data" / "2020", force=True)
    slow = tmp_path / "slow"
    shutil.copytree(fast, slow)
    for name in ("participants.csv", "awards.csv"):
        with (slow / name).open("a", encoding="utf-8") as handle:
            handle.write(",,,,\n")
    calls: list[Path] = []
    for reader in ("read_participants", "read_awards"):
        row_by_row = getattr(folder, reader)
        monkeypatch.setattr(folder, reader,
                            lambda state, table, *args, row_by_row=row_by_row:
                            calls.append(table.path) or row_by_row(state, table, *args))
    a = check_round(fast)
    assert not calls  # column by column
    b = check_round(slow)
    assert calls == [slow / "participants.csv", slow / "awards.csv"]
    assert a.ok and b.ok and a.round is not None and b.round is not None
    assert a.round.participants == b.round.participants and len(a.round.participants) > 60
    assert a.round.awards == b.round.awards and a.round.awards
    assert (a.notes, a.summary) == (b.notes, b.summary)
