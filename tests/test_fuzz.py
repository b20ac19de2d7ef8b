"""Fuzzing every reader: random and structured-but-wrong input ends in a valid object or a
GrantoptError (which the CLI prints as a message), never in another exception.

Each test draws at most a few dozen examples (tests/conftest.py loads a derandomized
profile), so the file runs in seconds.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from optimizer.errors import GrantoptError
from optimizer.readers import read_call, read_round
from optimizer.readers.domain import CallRules, Round
from optimizer.readers.rows import Table
from optimizer.readers.tables import read_table
from optimizer.scenario import Scenario, load_scenario, parse_set
from optimizer.scoring.sheets import Sheet, read_sheet

FAST = settings(max_examples=60, deadline=None)

# Cells that have broken readers before, or nearly: numbers out of range, separators,
# quotes, dates Excel made, formulas, control characters, long text.
NASTY = st.sampled_from([
    "", " ", "0", "-1", "1e30", "1e400", "-1e400", "inf", "-inf", "NaN", "1,234", "1.234",
    "1 234,56", "16.100,330.45", "9" * 40, "1" + "0" * 5000, "2020-01-01", "1.1.2020",
    "2020-01-01T00:00:00", "Jan-20", "=B2*2", '"', '""', "a\nb", "\x00", "\ufeff", "€",
    "T1", "T2", "t1", "Helsinki", "Helsingin kaupunki", "Espoo", "lead", "partner",
    "municipality", "091", "49", "9999", "services", "sote", "Uusimaa", "x" * 300,
])
CELL = NASTY | st.text(max_size=12)
APPLICATION_COLUMNS = ["id", "applicant", "project", "requested_eur", "partners", "region",
                       "target_area", "exclusion", "eligible_cost_eur", "Id", "amount", ""]
PARTICIPANT_COLUMNS = ["application_id", "name", "role", "kind", "municipality_code", "note"]
AWARD_COLUMNS = ["application_id", "awarded_eur", "decision_item", "note"]


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    def quote(cell: str) -> str:
        if any(c in cell for c in (delimiter, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "".join(delimiter.join(quote(c) for c in row) + "\n" for row in [header, *rows])


def table_strategy(columns: list[str], required: list[str]) -> st.SearchStrategy[str]:
    """A CSV: a header (mostly the right columns, sometimes not) and rows of nasty cells."""
    header = st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns) + 1).map(
        lambda extra: list(dict.fromkeys(required)) + extra)
    return st.builds(
        lambda head, rows, d: csv_text(head, [r[: len(head) + 1] for r in rows], d),
        header, st.lists(st.lists(CELL, min_size=1, max_size=len(columns) + 2), max_size=5),
        st.sampled_from([",", ";"]))


def attempt(function, *args, **kwargs) -> object:
    """The function's result, or the GrantoptError it raised; anything else fails."""
    try:
        return function(*args, **kwargs)
    except GrantoptError as exc:
        assert str(exc)  # a message to print
        return exc


# --- tables ------------------------------------------------------------------------------


@FAST
@given(text=st.text(max_size=300))
def test_read_table_on_any_text(text: str) -> None:
    with folder() as tmp:
        path = tmp / "t.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = attempt(read_table, path)
        assert isinstance(result, Table | GrantoptError)


@FAST
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_read_table_on_any_bytes(data: bytes, suffix: str) -> None:
    with folder() as tmp:
        path = tmp / f"t{suffix}"
        path.write_bytes(data)
        assert isinstance(attempt(read_table, path), Table | GrantoptError)


@FAST
@given(text=table_strategy(APPLICATION_COLUMNS, ["id"]))
@example(text='id,name\n1,"' + "x" * 200_000 + "\n")
def test_read_table_on_structured_csv(text: str) -> None:
    with folder() as tmp:
        path = tmp / "t.csv"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        assert isinstance(attempt(read_table, path), Table | GrantoptError)


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VALID_XLSX = _workbook([["id", "requested_eur"], ["T1", 100.0], ["T2", "=A1"]])


@settings(max_examples=40, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)),
                      min_size=1, max_size=6),
       cut=st.integers(10, len(VALID_XLSX)))
def test_read_table_on_damaged_xlsx(flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(VALID_XLSX)
    for at, byte in flips:
        data[at] = byte
    with folder() as tmp:
        path = tmp / "t.xlsx"
        path.write_bytes(bytes(data[:cut]))
        assert isinstance(attempt(read_table, path), Table | GrantoptError)


@settings(max_examples=30, deadline=None)
@given(xml=st.sampled_from([
    '<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
    '<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE w SYSTEM "http://example.invalid/w.dtd">',
    '<?xml-stylesheet href="x"?>', "<!-- -->", "\x00", "<",
]), member=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml",
                            "xl/styles.xml", "xl/_rels/workbook.xml.rels"]))
def test_read_table_on_xlsx_with_hostile_xml(xml: str, member: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, xml.encode() + body if info.filename == member else body)
    with folder() as tmp:
        path = tmp / "t.xlsx"
        path.write_bytes(out.getvalue())
        assert isinstance(attempt(read_table, path), Table | GrantoptError)


# --- call.toml -----------------------------------------------------------------------------

TOML_VALUE = st.one_of(
    st.sampled_from(["inf", "-inf", "nan", "1e308", "1e400", "0", "-1", "1" + "0" * 400,
                     "1" + "0" * 5000, '"x"', "[0, 5]", "[5, 0]", "[0, inf]", "[]", "true",
                     "2020-12-09", "07:00:00", '{ a = 1 }', '"log"', '"higher"', '"A"']),
    st.integers().map(str), st.floats(allow_nan=True).map(repr))
TOML_KEY = st.sampled_from(["name", "year", "appropriation_eur", "rounding_eur",
                            "max_cost_share", "min_parties", "applications", "requested_eur",
                            "id", "group", "scale", "indicator", "lower", "upper", "weight",
                            "direction", "code", "apropriation_eur"])
TOML_TABLE = st.sampled_from(["[call]", "[totals]", "[[criteria]]", "[[proxies]]",
                              "[[target_areas]]", "[[exclusions]]", "[[criteria_groups]]",
                              "[budjet]", "[[call]]"])
CALL_TEXT = st.lists(st.tuples(TOML_TABLE, st.lists(st.tuples(TOML_KEY, TOML_VALUE),
                                                    max_size=5)), max_size=4).map(
    lambda tables: "".join(f"{head}\n" + "".join(f"{k} = {v}\n" for k, v in body)
                           for head, body in tables))


def _call_result(text: str) -> object:
    with folder() as tmp:
        path = tmp / "call.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return attempt(read_call, path)


@FAST
@given(text=CALL_TEXT)
@example(text="[call]\nappropriation_eur = 1" + "0" * 5000 + "\n")
@example(text="[call]\nrounding_eur = 1" + "0" * 400
         + "\n[[criteria]]\nid = 'a'\nscale = [0, nan]\n")
def test_read_call_on_structured_toml(text: str) -> None:
    assert isinstance(_call_result(text), CallRules | GrantoptError)


@FAST
@given(text=st.text(max_size=200))
def test_read_call_on_any_text(text: str) -> None:
    assert isinstance(_call_result(text), CallRules | GrantoptError)


# --- round folders -------------------------------------------------------------------------

ROUND_CALL = """\
[call]
appropriation_eur = 200000
rounding_eur = 100
min_parties = 2
[[target_areas]]
id = "services"
[[exclusions]]
code = "sote"
[[criteria]]
id = "a1"
scale = [0, 5]
"""
VALID_APPS = csv_text(["id", "applicant", "project", "requested_eur", "partners"], [
    ["T1", "Helsingin kaupunki", "P", "100000", "Espoo"],
    ["T2", "Espoon kaupunki", "Q", "80 000,00", "Vantaa"]])


@FAST
@given(apps=table_strategy(APPLICATION_COLUMNS, ["id", "applicant", "project",
                                                 "requested_eur"]),
       parts=st.none() | table_strategy(PARTICIPANT_COLUMNS, PARTICIPANT_COLUMNS[:4]),
       awards=st.none() | table_strategy(AWARD_COLUMNS, AWARD_COLUMNS[:2]),
       call=st.sampled_from([ROUND_CALL, None]) | CALL_TEXT)
def test_read_round_on_random_folders(apps: str, parts: str | None, awards: str | None,
                                      call: str | None) -> None:
    with folder() as tmp:
        for name, text in (("applications.csv", apps), ("participants.csv", parts),
                           ("awards.csv", awards), ("call.toml", call)):
            if text is not None:
                (tmp / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        assert isinstance(attempt(read_round, tmp), Round | GrantoptError)


# --- scoring sheets ------------------------------------------------------------------------


@FAST
@given(sheet=table_strategy(["application_id", "criterion", "score", "evaluator", "a1",
                             "a2", "lead", "A1"], ["application_id"]),
       suffix=st.sampled_from(["csv", "CSV"]))
def test_read_sheet_on_random_sheets(sheet: str, suffix: str) -> None:
    with folder() as tmp:
        (tmp / "applications.csv").write_text(VALID_APPS, encoding="utf-8")
        (tmp / "call.toml").write_text(ROUND_CALL, encoding="utf-8")
        rnd = read_round(tmp)
        path = tmp / f"sheet.{suffix}"
        path.write_text(sheet, encoding="utf-8", errors="surrogatepass")
        assert isinstance(attempt(read_sheet, path, rnd), Sheet | GrantoptError)


# --- --set and scenarios -------------------------------------------------------------------

SET_PATH = st.sampled_from(["budget.appropriation", "budget.rounding", "budget.min_spend",
                            "scoring.weights.reach", "scoring.min_score", "funding.mode",
                            "coverage.min_regions", "locks.fund", "robustness.seed",
                            "robustness.intervals.a1", "solver.time_limit", "budjet.x",
                            "budget", "budget.", ".x", "scenario.round", "scenario.extends"])
# Integers of more than 4300 digits are left out here: tomllib raises a plain ValueError
# for them, which scenario.load does not catch yet (bad-input case 116, marked xfail).
SET_VALUE = TOML_VALUE.filter(lambda v: len(v) < 4000) | st.text(max_size=20)


@FAST
@given(path=SET_PATH | st.text(max_size=20), eq=st.sampled_from(["=", "", "=="]),
       value=SET_VALUE)
def test_parse_set_on_any_text(path: str, eq: str, value: str) -> None:
    result = attempt(parse_set, f"{path}{eq}{value}")
    assert isinstance(result, tuple | GrantoptError)


@FAST
@given(sets=st.lists(st.builds(lambda p, v: f"{p}={v}", SET_PATH, SET_VALUE), max_size=3),
       budget=st.none() | st.floats(allow_nan=True, allow_infinity=True))
def test_load_scenario_with_random_overrides(sets: list[str], budget: float | None) -> None:
    with folder() as tmp:
        path = tmp / "s.toml"
        path.write_text('[scenario]\nround = "r"\n', encoding="utf-8")
        result = attempt(load_scenario, path, sets=sets, budget=budget)
        assert isinstance(result, Scenario | GrantoptError)
