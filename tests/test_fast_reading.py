"""Reading column by column (readers.columns, the scoring sheet's and the participants'
fast paths) gives exactly what reading cell by cell gives; anything the fast path does not
take goes to the cell-by-cell reader, whose messages the other tests check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# --- the applications file, column by column (readers.applications.fast_applications) ---

APP_CELLS = {  # column -> cells to draw from: good ones, and ones a reader reports
    "id": ["A1", "A2", "A3", "B-7", "x", "", "2020-01-01", "1.2.2020", "Jan-20", "2020-01"],
    "applicant": ["Akaan kaupunki", "Espoo", "Oulun kaupunki", "Nowhere Oy", ""],
    "project": ["P", "", "Project, with a comma", "Hanke; osa 2"],
    "requested_eur": ["1000", "1 000,50", "2500.5", "111350.00", "0", "-5", "abc", "",
                      "1,234", "1e6", "€ 3 000", "16.100.330,45"],
    "partners": ["", "Espoo; Vantaa", "Espoo;;Oulu ", "Nowhere Oy"],
    "region": ["", "Uusimaa", "Satakunta", "Atlantis"],
    "target_area": ["", "participation", "services", "moon"],
    "target_areas": ["", "services; participation", "services;services", "moon; services"],
    "exclusion": ["", "sote", "archiving", "nope"],
    "eligible_cost_eur": ["", "5000", "0", "-1", "x"],
    "language": ["", "fi", "en"],
    "notes": ["", "a note", 'said "so"'],
}


def _apps_text(rows: list[dict[str, str]], columns: list[str], delimiter: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row[c] for c in columns] for row in rows])
    return out.getvalue()


def _both_ways(folder: Path) -> tuple[object, object, bool]:
    """check_round of a folder as read (column by column where it can), and with the
    applications read row by row; and whether the first took the column-wise path."""
    from unittest import mock

    import optimizer.readers.folder as folder_module

    taken: list[bool] = []
    fast = folder_module.fast_applications

    def spy(*args: object) -> object:
        result = fast(*args)  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    with mock.patch.object(folder_module, "fast_applications", spy):
        a = check_round(folder)
    with mock.patch.object(folder_module, "fast_applications", lambda *args: None):
        b = check_round(folder)
    return a, b, bool(taken and taken[0])


def _same_report(a: object, b: object) -> None:
    assert a.problems == b.problems  # type: ignore[attr-defined]
    assert a.notes == b.notes  # type: ignore[attr-defined]
    assert a.summary == b.summary  # type: ignore[attr-defined]
    assert a.round == b.round  # type: ignore[attr-defined]
    if a.round is not None:  # type: ignore[attr-defined]
        assert a.round.applications == b.round.applications  # type: ignore[attr-defined]


def _round_folder(root: Path, text: str) -> Path:
    folder = root / "round"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "2020" / "call.toml", folder / "call.toml")
    (folder / "applications.csv").write_text(text, encoding="utf-8")
    return folder


def test_applications_read_column_by_column_as_row_by_row(tmp_path):
    """The 2020 round and a synthetic round take the column-wise path; a blank row at the
    end sends the same file row by row: the same round, problems and notes."""
    from optimizer.formats.synth import write_synth_round

    synth = tmp_path / "synth"
    write_synth_round(synth, 40, 1, ROOT / "data" / "2020", force=True)
    for folder in (ROOT / "data" / "2020", synth):
        a, b, taken = _both_ways(folder)
        assert taken, folder
        _same_report(a, b)
        assert a.ok and a.round is not None and len(a.round.applications) >= 40
    with (synth / "applications.csv").open("a", encoding="utf-8") as handle:
        handle.write(",,,,,,\n")
    a, b, taken = _both_ways(synth)
    assert not taken
    _same_report(a, b)


@given(data=st.data())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_applications_column_by_column_match_row_by_row(tmp_path_factory, data):
    """Generated applications files, good cells and bad: read column by column (where the
    reader takes the file) or row by row, the round, every problem and note are the same;
    and a file with a cell that would be reported never takes the column-wise path."""
    optional = [c for c in APP_CELLS if c not in ("id", "applicant", "project",
                                                  "requested_eur")]
    columns = ["id", "applicant", "project", "requested_eur",
               *data.draw(st.lists(st.sampled_from(optional), unique=True, max_size=5))]
    pool = {c: [v for v in cells if _good_cell(c, v)] for c, cells in APP_CELLS.items()}
    n = data.draw(st.integers(1, 6))
    rows = [{c: data.draw(st.sampled_from(pool[c])) for c in columns} for _ in range(n)]
    for k, row in enumerate(rows):  # distinct ids
        row["id"] = f"{row['id']}#{k}"
    # Then a few cells drawn from every cell, good or bad (one bad cell is the case the
    # column-wise checks must catch on their own).
    changes = data.draw(st.integers(0, 2))
    for _ in range(changes):
        row = rows[data.draw(st.integers(0, n - 1))]
        column = data.draw(st.sampled_from(columns))
        row[column] = data.draw(st.sampled_from(APP_CELLS[column]))
    twice = n > 1 and data.draw(st.booleans())
    if twice:  # an id twice
        rows[-1]["id"] = rows[0]["id"]
    good = changes == 0 and not twice
    delimiter = data.draw(st.sampled_from([",", ";"]))
    folder = _round_folder(tmp_path_factory.mktemp("apps"),
                           _apps_text(rows, columns, delimiter))
    a, b, taken = _both_ways(folder)
    _same_report(a, b)
    if taken:  # the column-wise path reports nothing of the applications file itself
        assert not [p for p in a.problems if p.file == "applications.csv"]
    if good:
        assert taken


def _good_cell(column: str, value: str) -> bool:
    """Whether a cell of APP_CELLS is one no reader reports."""
    bad = {"id": ["x", "", "2020-01-01", "1.2.2020", "Jan-20"],
           "applicant": [""],
           "requested_eur": ["0", "-5", "abc", "", "1,234", "1e6"],
           "region": ["Atlantis"], "target_area": ["moon"],
           "target_areas": ["moon; services"], "exclusion": ["nope"],
           "eligible_cost_eur": ["0", "-1", "x"]}
    return value not in bad.get(column, [])


def test_a_line_longer_than_csvs_field_limit_is_read_by_the_full_reader(tmp_path):
    import csv

    path = tmp_path / "t.csv"
    path.write_text("a,b\nx," + "y" * (csv.field_size_limit() + 1) + "\n", encoding="utf-8")
    assert plain_csv_columns(path) is None
    from optimizer.errors import InputError
    from optimizer.readers.tables import read_table

    with pytest.raises(InputError) as raised:
        read_table(path)
    assert [(p.message.code, p.row) for p in raised.value.problems] == [  # type: ignore[union-attr]
        ("input.csv.long_cell", 2)]


def test_profiles_group_participants_whether_their_rows_are_together_or_not():
    """A round's profiles are the same with each application's participant rows together
    (grouped in one pass) and with the applications' rows interleaved, each application's
    in their order (grouped after a sort)."""
    import dataclasses
    import random

    from optimizer.readers import load_register, profiles, read_round
    from optimizer.readers.profiles import _by_application

    rnd = read_round(ROOT / "data" / "2020")
    queues: dict[str, list[object]] = {}
    for p in rnd.participants:
        queues.setdefault(p.application_id, []).append(p)
    draw, parts = random.Random(1), []
    while queues:
        app = draw.choice(sorted(queues))
        parts.append(queues[app].pop(0))
        if not queues[app]:
            del queues[app]
    assert parts != list(rnd.participants)
    shuffled = dataclasses.replace(rnd, participants=tuple(parts))
    expected: dict[str, list[object]] = {}
    for p in parts:
        expected.setdefault(p.application_id, []).append(p)
    assert _by_application(parts) == {k: tuple(v) for k, v in expected.items()}
    register = load_register()
    assert profiles(shuffled, register) == profiles(rnd, register)
