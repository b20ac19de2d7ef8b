"""CSV/XLSX readers and cell parsers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.errors import InputError, Problem
from optimizer.readers.cells import Cells, parse_amount, parse_code, parse_float, parse_int
from optimizer.readers.csv_reading import sniff_delimiter
from optimizer.readers.tables import read_table


def write(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1",
               extra_first: bool = False) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    if extra_first:
        ws.title = "Cover"
        ws.append(["not the data"])
        ws = book.create_sheet(sheet)
    else:
        ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


# --- CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_and_bom(tmp_path, bom, delimiter):
    d = delimiter
    text = f"id{d}applicant{d}requested_eur\n2020-01{d} Akaan kaupunki {d}111 350,00\n"
    if d == ",":
        text = 'id,applicant,requested_eur\n2020-01, Akaan kaupunki ,"111 350,00"\n'
    table = read_table(write(tmp_path / "a.csv", text, bom))
    assert table.file == "a.csv"
    assert table.columns == ("id", "applicant", "requested_eur")
    (row,) = table.rows
    assert row.number == 2
    assert row.values == {"id": "2020-01", "applicant": "Akaan kaupunki",
                          "requested_eur": "111 350,00"}
    assert parse_amount(row["requested_eur"]) == 111350.0


def test_csv_quoted_fields_and_row_numbers(tmp_path):
    text = ('id;name;note\r\n'
            '1;"Kuusiokuntien sosiaali- ja terveysyhtymä, KuusSote";"a; b"\r\n'
            '\r\n'
            ';;\r\n'
            '2;"two\nlines";"say ""hi"""\r\n'
            '3;Iin kunta;\r\n')
    table = read_table(write(tmp_path / "p.csv", text))
    assert [r.number for r in table.rows] == [2, 5, 6]  # empty rows skipped, numbers kept
    assert table.rows[0]["name"] == "Kuusiokuntien sosiaali- ja terveysyhtymä, KuusSote"
    assert table.rows[0]["note"] == "a; b"
    assert table.rows[1]["name"] == "two\nlines"
    assert table.rows[1]["note"] == 'say "hi"'
    assert table.rows[2]["note"] == ""


def test_csv_short_rows_are_padded(tmp_path):
    table = read_table(write(tmp_path / "a.csv", "a,b,c\n1,2\n"))
    assert table.rows[0].values == {"a": "1", "b": "2", "c": ""}


def test_sniff_delimiter():
    assert sniff_delimiter("id;applicant;requested_eur") == ";"
    assert sniff_delimiter("id,applicant,requested_eur") == ","
    assert sniff_delimiter('"a;b",c,d') == ","
    assert sniff_delimiter("id\tname") == "\t"
    assert sniff_delimiter("id") == ","


def test_csv_not_utf8(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("id;nimi\n1;Hämeenlinna\n".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert problem.file == "a.csv"
    assert "not UTF-8" in str(problem.message) and "line 2" in str(problem.message)


def test_csv_structural_problems_all_reported(tmp_path):
    text = "id,name,name,\n1,a,b,\n2,a,b,c,d\n"
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path / "a.csv", text))
    problems = info.value.problems
    assert any(p.column == "name" and "duplicate" in str(p.message) and p.row == 1
               for p in problems)
    assert any(p.row == 3 and "cells" in str(p.message) and p.value == "c" for p in problems)


def test_missing_file_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="unsupported file type"):
        read_table(write(tmp_path / "a.ods", "x"))
    with pytest.raises(InputError, match="empty"):
        read_table(write(tmp_path / "e.csv", ""))


# --- XLSX --------------------------------------------------------------------------


def test_xlsx_numbers_are_exact(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [
        ["id", "requested_eur", "code", "share", "text"],
        ["2020-01", 16100330.45, 91, 0.85, " Akaan kaupunki "],
        [None, None, None, None, None],
        ["2020-02", 111350, 5, 1, "111 350,00"],
        ["2020-03", 94647.49999999999, 20.0, 0.5, None],
    ])
    table = read_table(path)
    assert table.file == "a.xlsx"
    assert table.columns == ("id", "requested_eur", "code", "share", "text")
    assert [r.number for r in table.rows] == [2, 4, 5]
    first, second, third = table.rows
    assert first.cell("requested_eur") == 16100330.45
    assert parse_amount(first.cell("requested_eur")) == 16100330.45
    assert first["requested_eur"] == "16100330.45"
    assert first["text"] == "Akaan kaupunki"
    assert parse_code(first.cell("code")) == "091"
    assert parse_amount(second.cell("requested_eur")) == 111350.0
    assert parse_amount(second.cell("text")) == 111350.0
    assert parse_amount(third.cell("requested_eur")) == 94647.49999999999
    assert parse_code(third.cell("code")) == "020"


def test_xlsx_named_sheet(tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", [["id"], ["x"]], sheet="Hakemukset",
                      extra_first=True)
    assert read_table(path).columns == ("not the data",)
    assert read_table(path, sheet="Hakemukset").rows[0]["id"] == "x"
    with pytest.raises(InputError) as info:
        read_table(path, sheet="hakemukset ")
    assert "Hakemukset" in str(info.value)


def test_xlsx_damaged(tmp_path):
    with pytest.raises(InputError, match="cannot open the workbook"):
        read_table(write(tmp_path / "bad.xlsx", "not a zip"))


# --- parsers -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("111 350,00", 111350.0),
    ("111\u00a0350,00", 111350.0),
    ("111\u202f350,00", 111350.0),
    ("111350.00", 111350.0),
    ("111350,00", 111350.0),
    ("1 090 125", 1090125.0),
    ("1\u00a0090\u00a0125,00", 1090125.0),
    ("135 150", 135150.0),
    ("16 100 330,45", 16100330.45),
    ("16,100,330.45", 16100330.45),
    ("16.100.330,45", 16100330.45),
    ("410407,2", 410407.2),
    ("136191.25", 136191.25),
    ("0,5", 0.5),
    ("42000", 42000.0),
    ("111 350,00 €", 111350.0),
    ("€111350", 111350.0),
    ("111350 EUR", 111350.0),
    ("-1 000,00", -1000.0),
    ("  7  ", 7.0),
])
def test_parse_amount_accepts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(("text", "reason"), [
    ("1,234", "ambiguous"),
    ("1.234", "ambiguous"),
    ("1,090,125", "several ','"),
    ("1.090.125", "several '.'"),
    ("111350,000", "ambiguous"),
    ("12,3456", "at most two decimals"),
    ("11 1350", "groups of three"),
    ("1 2345,00", "groups of three"),
    ("16,10,330.45", "groups of three"),
    ("16.100,330.45", "mixed"),
    ("abc", "not an amount"),
    ("12a", "not an amount"),
    ("", "empty"),
    ("€", "not an amount"),
])
def test_parse_amount_rejects(text, reason):
    result = parse_amount(text)
    assert isinstance(result, Problem)
    assert reason in str(result.message)
    assert result.value == text


def test_parse_numbers_from_xlsx_cells():
    assert parse_amount(12) == 12.0
    assert isinstance(parse_amount(float("nan")), Problem)
    assert isinstance(parse_amount(True), Problem)


@pytest.mark.parametrize(("cell", "value"), [
    ("12", 12), (" 1 090 125 ", 1090125), ("-3", -3), (7, 7), (7.0, 7),
])
def test_parse_int(cell, value):
    assert parse_int(cell) == value


@pytest.mark.parametrize("cell", ["1.5", "x", "", 7.5, "1 23"])
def test_parse_int_rejects(cell):
    assert isinstance(parse_int(cell), Problem)


@pytest.mark.parametrize(("cell", "value"), [
    ("0,85", 0.85), ("0.85", 0.85), ("2", 2.0), ("1,234", 1.234), ("-0,5", -0.5),
    ("1e3", 1000.0), (0.25, 0.25),
])
def test_parse_float(cell, value):
    assert parse_float(cell) == value


@pytest.mark.parametrize("cell", ["", "x", "1,2,3", "inf", "nan", "1_000", "1.2.3"])
def test_parse_float_rejects(cell):
    assert isinstance(parse_float(cell), Problem)


@pytest.mark.parametrize(("cell", "value"), [
    ("091", "091"), ("91", "091"), (91, "091"), (5.0, "005"), (" 020 ", "020"),
])
def test_parse_code(cell, value):
    assert parse_code(cell) == value


@pytest.mark.parametrize("cell", ["", "1234", "9a", 9.5, "-91"])
def test_parse_code_rejects(cell):
    assert isinstance(parse_code(cell), Problem)


def test_cells_collects_problems_with_place(tmp_path):
    table = read_table(write(tmp_path / "x.csv", "id;amount\n1;12,345\n2;\n3;5\n"))
    cells = Cells(table)
    values = [cells.parse(r, "amount", parse_amount, required=True) for r in table.rows]
    assert values == [None, None, 5.0]
    first, second = cells.problems
    assert (first.file, first.row, first.column, first.value) == ("x.csv", 2, "amount", "12,345")
    assert "ambiguous" in str(first)
    assert (second.row, second.column) == (3, "amount") and "empty" in str(second.message)


# --- round trip --------------------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from('abcdefghijklmnopqrstuvwxyzäöåÄÖ ABC-.,;:"\'()/0123456789'),
               min_size=1, max_size=30).map(str.strip).filter(bool)
AMOUNT_CENTS = st.integers(min_value=1, max_value=99_999_999_99)


def _format_amount(cents: int, decimal: str, thousands: str) -> str:
    whole, frac = divmod(cents, 100)
    digits = f"{whole:,}".replace(",", thousands)
    return f"{digits}{decimal}{frac:02d}"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(TEXT, AMOUNT_CENTS), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", ";"]), decimal=st.sampled_from([",", "."]),
       thousands=st.sampled_from(["", " ", "\u00a0"]), bom=st.booleans())
def test_csv_round_trip(tmp_path, rows, delimiter, decimal, thousands, bom):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["name", "amount"])
    for name, cents in rows:
        writer.writerow([name, _format_amount(cents, decimal, thousands)])
    table = read_table(write(tmp_path / "rt.csv", buf.getvalue(), bom))
    assert [r["name"] for r in table.rows] == [name for name, _ in rows]
    assert [parse_amount(r["amount"]) for r in table.rows] == [c / 100 for _, c in rows]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(TEXT, AMOUNT_CENTS), min_size=1, max_size=8))
def test_xlsx_round_trip(tmp_path, rows):
    path = write_xlsx(tmp_path / "rt.xlsx", [["name", "amount"]]
                      + [[name, cents / 100] for name, cents in rows])
    table = read_table(path)
    assert [r["name"] for r in table.rows] == [name for name, _ in rows]
    assert [parse_amount(r.cell("amount")) for r in table.rows] == [c / 100 for _, c in rows]


# --- limits, hostile and odd input -------------------------------------------------------


def test_the_amount_bound_is_the_scenario_schemas():
    from optimizer.readers.domain import MAX_EUR
    from optimizer.scenario.schema import MAX_EUR as SCENARIO_MAX_EUR

    assert MAX_EUR == SCENARIO_MAX_EUR == 1e12


@pytest.mark.parametrize(("cell", "reason"), [
    ("1e30", "exponent notation"), ("1E6", "exponent notation"), ("-1e400", "exponent"),
    ("inf", "not a finite amount"), ("-Infinity", "not a finite amount"),
    ("nan", "not a finite amount"), ("1 000 000 000 000,01", "larger than 1e12"),
    ("1" + "0" * 400, "larger than 1e12"), ("1" + "0" * 5000, "larger than 1e12"),
    (1e30, "larger than 1e12"), (-2e12, "larger than 1e12"), (float("inf"), "finite"),
    ("=B2*2", "a formula, not a value"),
])
def test_parse_amount_refuses_what_is_not_a_finite_amount_in_range(cell, reason):
    result = parse_amount(cell)
    assert isinstance(result, Problem)
    assert reason in str(result.message) and result.value == cell
    if "formula" not in reason:
        assert "1e12" in str(result.hint)  # the valid range


def test_parse_amount_accepts_up_to_a_trillion():
    assert parse_amount("1 000 000 000 000") == 1e12
    assert parse_amount(1e12) == 1e12 and parse_amount("0,01") == 0.01


@pytest.mark.parametrize("cell", ["9" * 16, 10**20, "1" + "0" * 5000, 1e300])
def test_parse_int_refuses_huge_numbers(cell):
    result = parse_int(cell)
    assert isinstance(result, Problem) and "too large" in str(result.message)


def test_parse_float_names_formula_text():
    result = parse_float("=SUM(A1:A3)")
    assert isinstance(result, Problem) and "formula" in str(result.message)


@pytest.mark.parametrize(("data", "words"), [
    ("id\nx\n".encode("utf-16"), "UTF-16"),
    ("id\nx\n".encode("utf-16-le"), "NUL bytes"),
    ("id;nimi\n1;Hämeenlinna\n".encode("cp1252"), "'Hämeenlinna' if the file is Windows-1252"),
    (b"PK\x03\x04" + bytes(40), "XLSX workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), ".xls workbook"),
])
def test_csv_that_is_not_utf8_text_says_what_it_is(tmp_path, data, words):
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert problem.file == "a.csv" and words in str(problem)


def test_unclosed_quote_is_named(tmp_path):
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path / "a.csv", 'id,name\n1,ok\n2,"open\n3,lost\n4,lost\n'))
    (problem,) = info.value.problems
    assert problem.row == 3 and "never closed" in str(problem.message)


def test_a_long_cell_from_an_unclosed_quote(tmp_path):
    text = 'id,name\n1,"open\n' + "x" * 200_000 + "\n"
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path / "a.csv", text))
    assert "never closed" in str(info.value) and "row 2" in str(info.value)


def test_row_and_cell_limits(tmp_path, monkeypatch):
    import optimizer.readers.limits as limits

    path = write(tmp_path / "a.csv", "id,name\n1,a\n\n2,b\n3,c\n")
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    assert len(read_table(path).rows) == 3  # the empty row does not count
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    with pytest.raises(InputError, match="more than 2 rows") as info:
        read_table(path)
    assert info.value.problems[0].row == 5
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    monkeypatch.setattr(limits, "MAX_CELLS", 7)
    with pytest.raises(InputError, match="more than 7 cells"):
        read_table(path)


def test_file_size_limit(tmp_path):
    from optimizer.readers.limits import MAX_FILE_BYTES

    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # sparse: the size is checked before anything is read
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert "more than the 50 MB" in str(info.value)


def test_limits_are_generous_enough_for_100_000_applications(tmp_path):
    from optimizer.readers.limits import MAX_CELLS, MAX_FILE_BYTES, MAX_ROWS

    assert MAX_ROWS >= 500_000 and MAX_CELLS >= 20 * MAX_ROWS
    lines = ["id,applicant,project,requested_eur,partners"]
    lines += [f"S{i},Helsingin kaupunki,Hanke {i},{1000 + i}.50,Espoo; Vantaa"
              for i in range(100_000)]
    path = write(tmp_path / "a.csv", "\n".join(lines) + "\n")
    assert path.stat().st_size < MAX_FILE_BYTES
    assert len(read_table(path).rows) == 100_000


def _rezip(path: Path, member: str, change) -> Path:
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as src:
        data = {info.filename: src.read(info) for info in src.infolist()}
    data[member] = change(data[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as dst:
        for name, body in data.items():
            dst.writestr(name, body)
    return path


SHEET_XML = "xl/worksheets/sheet1.xml"


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_xlsx_is_refused_without_defusedxml(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "a.xlsx", [["id"], ["x"]])
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(InputError, match="defusedxml"):
        read_table(path)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
])
def test_xlsx_with_entities_is_refused_in_one_line(tmp_path, doctype):
    path = write_xlsx(tmp_path / "a.xlsx", [["id", "name"], ["x", "y"]])
    _rezip(path, SHEET_XML, lambda xml: doctype + xml.replace(">y<", ">&a;&b;&e;<"))
    with pytest.raises(InputError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert problem.file == "a.xlsx" and "declares entities" in str(problem.message)
    assert "\n" not in str(problem)


def test_xlsx_unpacked_size_limit(tmp_path, monkeypatch):
    import optimizer.readers.limits as limits

    path = write_xlsx(tmp_path / "a.xlsx", [["id"], ["x"]])
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(InputError, match=r"unpacks to .* more than the 1,000 bytes"):
        read_table(path)


def test_xlsx_damaged_zip_member_is_one_problem(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [["id"], ["x"]])
    _rezip(path, SHEET_XML, lambda xml: xml[: len(xml) // 2])
    with pytest.raises(InputError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert "its XML is damaged" in str(problem.message)


def test_xlsx_formula_without_saved_value_is_called_that(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [["id", "amount", "note"], ["x", "=1+1", None],
                                            ["y", 5, None]])
    table = read_table(path)
    first, second = table.rows
    assert first["amount"] == "" and first.formulas == {"amount": "=1+1"}
    assert second.formulas == {}
    cells = Cells(table)
    assert cells.parse(first, "amount", parse_amount, required=True) is None
    (problem,) = cells.problems
    assert (problem.row, problem.column, problem.value) == (2, "amount", "=1+1")
    assert "a formula without a saved value: open the file in Excel and save it" in str(problem)


def test_xlsx_formula_with_saved_value_reads_the_value(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [["id", "amount"], ["x", 7], ["y", None]])
    _rezip(path, SHEET_XML, lambda xml: xml.replace('<v>7</v>', '<f>3+4</f><v>7</v>'))
    first, _ = read_table(path).rows
    assert first.cell("amount") == 7 and not first.formulas


def test_xlsx_without_formulas_is_read_once(tmp_path, monkeypatch):
    import optimizer.readers.xlsx as xlsx

    def second_pass(*args):
        raise AssertionError("no formula, so no second pass")

    monkeypatch.setattr(xlsx, "_with_formulas", second_pass)
    path = write_xlsx(tmp_path / "a.xlsx", [["id", "note"], ["x", None]])
    assert read_table(path).rows[0]["note"] == ""


def test_xlsx_date_cells_are_marked(tmp_path):
    import datetime as dt

    path = write_xlsx(tmp_path / "a.xlsx", [["id", "name"], [dt.datetime(2020, 1, 1), "x"]])
    (row,) = read_table(path).rows
    assert row["id"] == "2020-01-01T00:00:00" and row.dates == {"id"}


def test_xlsx_stray_far_cells_count_towards_the_cell_limit(tmp_path, monkeypatch):
    import optimizer.readers.limits as limits

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name"])
    sheet.append(["x", "y"])
    sheet["XFD2"] = "stray"
    book.save(tmp_path / "a.xlsx")
    monkeypatch.setattr(limits, "MAX_CELLS", 10_000)
    with pytest.raises(InputError, match="more than 10,000 cells"):
        read_table(tmp_path / "a.xlsx")
