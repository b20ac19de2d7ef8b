"""Scores: weights, scoring sheets (template, long, wide, every bad cell), evaluators
combined, proxy indicators computed by hand, and the facade.

Rounds, profiles and call rules are built by hand here; only the tests at the end read
data/2020 .
"""

from __future__ import annotations

import csv
import math
import tomllib
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from optimizer.errors import InputError, OutputError, ScenarioError
from optimizer.formats.score_template import criteria_path, write_template
from optimizer.readers.domain import (
    Application,
    CallRules,
    Criterion,
    CriterionGroup,
    Profile,
    ProxyIndicator,
    Round,
    TargetArea,
)
from optimizer.report.score_sheets import disagreements_path, write_combined
from optimizer.scoring import (
    PROXY_LABEL,
    RAW_INDICATORS,
    ScoreTable,
    aggregate,
    combine,
    load_scores,
    proxy_scores,
    proxy_value,
    read_sheet,
    resolve_weights,
    score_report,
    sheet_scores,
)
from tests.test_input_messages import _finnish_ok

ROOT = Path(__file__).resolve().parents[1]

# The [[proxies]] block of data/2020/call.toml, verbatim.
PROXIES_TOML = """
[[proxies]]
id = "cooperation"
indicator = "municipalities"
scale = "log"
direction = "higher"
lower = 1
upper = 25
weight = 0.25
en = "Cooperation breadth: participating municipalities, log scale (1 -> 0, 25 or more -> 1)"
[[proxies]]
id = "reach"
indicator = "population"
scale = "log"
direction = "higher"
lower = 2000
upper = 2000000
weight = 0.20
en = "Reach: residents of participating municipalities, log scale (2,000 -> 0, 2 million or more -> 1)"
[[proxies]]
id = "cost_per_resident"
indicator = "eur_per_resident"
scale = "log"
direction = "lower"
lower = 0.1
upper = 100
weight = 0.20
en = "Cost per resident reached: requested EUR / residents, log scale, lower is better (0.10 EUR -> 1, 100 EUR or more -> 0)"
[[proxies]]
id = "regional_spread"
indicator = "regions"
scale = "linear"
direction = "higher"
lower = 1
upper = 6
weight = 0.15
en = "Regional spread: regions of participating municipalities (1 -> 0, 6 or more -> 1)"
[[proxies]]
id = "target_fit"
indicator = "target_area_fit"
scale = "linear"
direction = "higher"
lower = 0
upper = 1
weight = 0.20
en = "Fit to the call's target areas: 1 when the curated target_area is one of the five, else 0"
"""  # noqa: E501
PROXIES = tuple(ProxyIndicator(**p) for p in tomllib.loads(PROXIES_TOML)["proxies"])

CRITERIA = (
    Criterion("a1", "A", fi="vaikutukset", en="operational impacts", scale=(0.0, 5.0)),
    Criterion("a2", "A", fi="toimenpiteet", en="identified measures", scale=(0.0, 5.0)),
    Criterion("b1", "B", fi="vaikuttavuus", en="feasibility and impact", scale=(1.0, 4.0)),
)
GROUPS = (CriterionGroup("A", en="change of practices"), CriterionGroup("B", en="impact"))
APPS = (
    Application("H1", "Akaan kaupunki", "Prosessit", 100_000.0, target_area="services"),
    Application("H2", "Espoon kaupunki", "Kulttuuriperintö", 20_000.0, target_area="other"),
    Application("H3", "Oulun Digi", "Saavutettavuus", 5_000.0),
)


def make_round(path: Path, **call: object) -> Round:
    rules = CallRules(name_en="Test call", criteria_groups=GROUPS, criteria=CRITERIA,
                      target_areas=(TargetArea("services"), TargetArea("participation")),
                      proxies=PROXIES)
    return Round(path=path, call=replace(rules, **call), applications=APPS)


def profile(app_id: str, codes: int, population: int, regions: int) -> Profile:
    municipalities = tuple(f"{n:03d}" for n in range(codes))
    return Profile(app_id, municipalities[0] if municipalities else None, "R1", municipalities,
                   (), codes, population, tuple(f"R{n}" for n in range(regions)))


PROFILES = {
    "H1": profile("H1", 3, 50_000, 2),
    "H2": profile("H2", 30, 3_000_000, 7),
    "H3": profile("H3", 0, 0, 0),  # only a municipal enterprise of unknown owner
}


@pytest.fixture
def rnd(tmp_path: Path) -> Round:
    folder = tmp_path / "round"
    folder.mkdir()
    return make_round(folder)


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


WIDE_OK = [["application_id", "lead", "a1", "a2", "b1"],
           ["H1", "Akaa", 5, 2.5, 4], ["H2", "Espoo", 0, 5, 1], ["H3", "Oulu", 1, 1, 2.5]]


# --- ScoreTable and weights ------------------------------------------------------------


def test_score_table_is_weighted_sum_and_frozen():
    table = ScoreTable("sheet", "scores from s.csv", ("a", "b"),
                       {"x": (1.0, 0.5)}, {"x": (5.0, 2.5)}, (0.25, 0.75))
    assert table.score("x") == pytest.approx(0.25 * 1.0 + 0.75 * 0.5)
    assert table.scores() == {"x": pytest.approx(0.625)}
    assert not table.is_proxy
    with pytest.raises(TypeError):
        table.values["y"] = (0.0, 0.0)  # type: ignore[index]
    assert table.with_weights((1.0, 0.0)).score("x") == 1.0
    with pytest.raises(ValueError, match="sum to 1"):
        ScoreTable("sheet", "s", ("a",), {"x": (1.0,)}, {"x": (1.0,)}, (0.5,))
    with pytest.raises(ValueError, match="PROXY_LABEL"):
        ScoreTable("proxy", "some label", ("a",), {"x": (1.0,)}, {"x": (1.0,)}, (1.0,))


IDS = ("a1", "a2", "a3", "b1", "b2")
GROUP_OF = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}


def test_weights_default_equal():
    assert resolve_weights(IDS, GROUP_OF, None) == pytest.approx((0.2,) * 5)
    assert resolve_weights(IDS, GROUP_OF, {}) == pytest.approx((0.2,) * 5)


def test_group_weight_split_equally_and_normalised():
    # A = 3 -> 1 each for a1..a3; B = 1 -> 0.5 each; total 4 -> 0.25, 0.125
    assert resolve_weights(IDS, GROUP_OF, {"A": 3, "B": 1}) == pytest.approx(
        (0.25, 0.25, 0.25, 0.125, 0.125))


def test_individual_weight_inside_a_group_takes_its_share():
    # A = 0.6 of which a1 = 0.3; a2, a3 share the other 0.3; B = 0.4 -> 0.2 each
    assert resolve_weights(IDS, GROUP_OF, {"A": 0.6, "a1": 0.3, "B": 0.4}) == pytest.approx(
        (0.3, 0.15, 0.15, 0.2, 0.2))


def test_unset_criteria_share_what_is_left():
    # a1 = 0.4; the four unset criteria share 0.6 equally
    assert resolve_weights(IDS, GROUP_OF, {"a1": 0.4}) == pytest.approx(
        (0.4, 0.15, 0.15, 0.15, 0.15))
    # group B = 0.5: the unset a1..a3 share the other 0.5
    assert resolve_weights(IDS, GROUP_OF, {"B": 0.5}) == pytest.approx(
        (1 / 6, 1 / 6, 1 / 6, 0.25, 0.25))
    # given weights reach 1: nothing is left for the rest
    assert resolve_weights(IDS, GROUP_OF, {"a1": 0.5, "b1": 0.5}) == pytest.approx(
        (0.5, 0, 0, 0.5, 0))
    # every criterion given: plain normalisation; numeric strings are accepted
    assert resolve_weights(("x", "y"), {}, {"x": "2", "y": 6}) == pytest.approx((0.25, 0.75))


@pytest.mark.parametrize(("given", "expected"), [
    ({"a1x": 0.5}, "unknown weight key 'a1x'. Did you mean 'a1'"),
    ({"b": 0.5}, "Did you mean 'B'"),
    ({"a1": -0.1}, "weight 'a1' is negative"),
    ({"a1": "lots"}, "weight 'a1' is not a number (value: 'lots')"),
    ({"a1": True}, "weight 'a1' is not a number"),
    ({"A": 0, "B": 0}, "the weights are all zero"),
    ({"a1": 0.8, "b1": 0.7}, "add up to 1.5, more than 1, while a2, a3, b2 have none"),
    ({"A": 0.3, "a1": 0.2, "a2": 0.2}, "add up to 0.4, more than the group's weight 0.3"),
    ({"B": 0.5, "b1": 0.1, "b2": 0.1}, "all its criteria are given individually"),
])
def test_weight_errors(given, expected):
    with pytest.raises(ScenarioError) as err:
        resolve_weights(IDS, GROUP_OF, given)
    assert expected in str(err.value)


def test_default_weights_set_the_proportions():
    defaults = (2, 1, 1, 0, 0)
    assert resolve_weights(IDS, GROUP_OF, None, defaults) == pytest.approx(
        (0.5, 0.25, 0.25, 0, 0))
    # b1 = 0.2; the rest share 0.8 as 2 : 1 : 1 : 0 -> 0.4, 0.2, 0.2, 0
    assert resolve_weights(IDS, GROUP_OF, {"b1": 0.2}, defaults) == pytest.approx(
        (0.4, 0.2, 0.2, 0.2, 0))
    with pytest.raises(ScenarioError, match="default weights are all zero"):
        resolve_weights(("x",), {}, None, (0,))


def test_weight_errors_are_reported_together():
    with pytest.raises(ScenarioError) as err:
        resolve_weights(IDS, GROUP_OF, {"a9": 1, "a1": -1, "b1": "x"})
    text = str(err.value)
    assert "'a9'" in text and "'a1' is negative" in text and "'b1' is not a number" in text


# --- templates -------------------------------------------------------------------------


def test_csv_template_round_trip(rnd, tmp_path):
    out = tmp_path / "eval" / "anna.csv"
    written = write_template(rnd, out)
    assert written == [out, criteria_path(out)] and criteria_path(out).name == "anna.criteria.csv"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["application_id", "lead", "project", "requested_eur", "a1", "a2", "b1"]
    assert rows[1] == ["H1", "Akaan kaupunki", "Prosessit", "100000.00", "", "", ""]
    assert [r[0] for r in rows[1:]] == ["H1", "H2", "H3"]
    with criteria_path(out).open(encoding="utf-8-sig", newline="") as handle:
        crit = list(csv.DictReader(handle))
    assert [(c["id"], c["group"], c["en"], c["fi"], c["scale_min"], c["scale_max"])
            for c in crit][2] == ("b1", "B", "feasibility and impact", "vaikuttavuus", "1.0",
                                  "4.0")
    # fill it in the way a user would (decimal comma, semicolons as Finnish Excel writes)
    fills = {"H1": ["5", "2,5", "4"], "H2": ["0", "5", "1"], "H3": ["1", "1", "2,5"]}
    filled = [rows[0]] + [r[:4] + fills[r[0]] for r in rows[1:]]
    write_csv(out, filled, delimiter=";")
    table = sheet_scores(out, rnd)
    assert table.source == "sheet" and table.label == "scores from anna.csv"
    assert table.criteria == ("a1", "a2", "b1")
    assert table.raw["H1"] == (5.0, 2.5, 4.0)
    # normalised: (x - lo) / (hi - lo): 5/5, 2.5/5, (4-1)/3
    assert table.values["H1"] == pytest.approx((1.0, 0.5, 1.0))
    assert table.values["H3"] == pytest.approx((0.2, 0.2, 0.5))
    assert table.weights == pytest.approx((1 / 3,) * 3)
    assert table.score("H1") == pytest.approx((1.0 + 0.5 + 1.0) / 3)


def test_xlsx_template_has_validation_and_round_trips(rnd, tmp_path):
    out = tmp_path / "ben.xlsx"
    assert write_template(rnd, out) == [out]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["scores", "criteria", "about"]
    ws = wb["scores"]
    assert [c.value for c in ws[1]] == ["application_id", "lead", "project", "requested_eur",
                                        "a1", "a2", "b1"]
    assert ws.freeze_panes in ("A2", "B2")
    assert ws.column_dimensions["C"].width > 20
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"E2:E4", "F2:F4", "G2:G4"}
    b1 = rules["G2:G4"]
    assert (b1.type, b1.operator, b1.formula1, b1.formula2) == ("decimal", "between", "1", "4")
    assert b1.showErrorMessage and "1 to 4" in b1.error
    assert [c.value for c in wb["criteria"][1]][:5] == ["id", "group", "group_en", "en", "fi"]
    assert wb["criteria"]["E2"].value == "vaikutukset"
    assert any("What to do" in str(r[0].value) for r in wb["about"].iter_rows())
    fills = {"H1": (5, 2.5, 4), "H2": (0, 5, 1), "H3": (1, 1, 2.5)}
    for row in ws.iter_rows(min_row=2):
        for cell, value in zip(row[4:], fills[row[0].value], strict=True):
            cell.value = value
    ws["H1"] = "evaluator"
    for n in (2, 3, 4):
        ws[f"H{n}"] = "Ben"
    wb.save(out)
    sheet = read_sheet(out, rnd)
    assert sheet.layout == "wide" and sheet.evaluators == ("Ben",)
    table = sheet_scores(out, rnd)
    assert table.raw["H3"] == (1.0, 1.0, 2.5)
    assert table.values["H2"] == pytest.approx((0.0, 1.0, 0.0))


def test_template_refuses_to_overwrite(rnd, tmp_path):
    out = tmp_path / "t.xlsx"
    write_template(rnd, out)
    with pytest.raises(OutputError, match="exists; add --force"):
        write_template(rnd, out)
    write_template(rnd, out, overwrite=True)
    csv_out = tmp_path / "t.csv"
    criteria_path(csv_out).write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"t\.criteria\.csv exists"):
        write_template(rnd, csv_out)
    assert not csv_out.exists()  # nothing half-written
    # never over one of the round's input files, nor into its folder, even with overwrite
    scores = Path(rnd.path) / "scores.csv"
    scores.write_text("application_id,a1\n", encoding="utf-8")
    with pytest.raises(OutputError, match="one of your inputs"):
        write_template(rnd, scores, overwrite=True)
    with pytest.raises(OutputError, match="would go into one of your inputs"):
        write_template(rnd, Path(rnd.path) / "new.xlsx", overwrite=True)
    assert scores.read_text(encoding="utf-8") == "application_id,a1\n"
    with pytest.raises(ScenarioError, match=r"\.xlsx or \.csv"):
        write_template(rnd, tmp_path / "t.ods")


def test_template_needs_criteria(tmp_path):
    bare = make_round(tmp_path, criteria=())
    with pytest.raises(InputError, match="defines no criteria"):
        write_template(bare, tmp_path / "x.csv")


# --- reading sheets --------------------------------------------------------------------


def test_long_sheet_with_evaluators_is_averaged(rnd, tmp_path):
    rows = [["application_id", "criterion", "score", "evaluator"]]
    for app, scores in (("H1", (5, 2, 4)), ("H2", (0, 5, 1)), ("H3", (1, 1, 2))):
        for crit, value in zip(("a1", "a2", "b1"), scores, strict=True):
            rows.append([app, crit, value, "Anna"])
            rows.append([app, crit, value - 1 if value > 1 else value, "Ben"])
    path = write_csv(tmp_path / "long.csv", rows)
    sheet = read_sheet(path, rnd)
    assert sheet.layout == "long" and sheet.evaluators == ("Anna", "Ben")
    table = sheet_scores(path, rnd)
    # H1 a1: (5 + 4) / 2 = 4.5 -> 0.9; b1: (4 + 3) / 2 = 3.5 -> (3.5 - 1) / 3
    assert table.raw["H1"] == (4.5, 1.5, 3.5)
    assert table.values["H1"] == pytest.approx((0.9, 0.3, 2.5 / 3))


def test_wide_sheet_with_descriptive_columns(rnd, tmp_path):
    rows = [["application_id", "lead", "project", "requested_eur", "A1", "a2", "b1"]]
    rows += [[r[0], r[1], "p", "1 000,00", *r[2:]] for r in WIDE_OK[1:]]
    table = sheet_scores(write_csv(tmp_path / "wide.csv", rows), rnd)
    assert table.raw["H2"] == (0.0, 5.0, 1.0)  # criterion headers match case-insensitively


def problems_of(path: Path, rnd: Round) -> list[str]:
    with pytest.raises(InputError) as err:
        read_sheet(path, rnd)
    for problem in err.value.problems:  # and each reads in Finnish
        assert _finnish_ok(problem.text("fi")), problem.text("fi")
    return [str(p) for p in err.value.problems]


def test_bad_wide_sheet_reports_every_problem(rnd, tmp_path):
    rows = [["application_id", "lead", "a1", "a2", "b1", "b1x"],
            ["H1", "Akaa", "5", "", "4", "1"],  # empty a2
            ["H2", "Espoo", "6", "5", "abc", "1"],  # a1 out of scale, b1 not a number
            ["H11", "Nowhere", "1", "1", "1", "1"],  # unknown id
            ["H1", "Akaa", "5", "2", "4", "1"]]  # duplicate; H3 missing
    problems = problems_of(write_csv(tmp_path / "bad.csv", rows), rnd)
    expected = [
        "bad.csv, row 1, column 'b1x': unknown criterion column (value: 'b1x'). "
        "Did you mean 'b1'?",
        "bad.csv, row 2, column 'a2': empty cell: no score for criterion 'a2' of application "
        "'H1'. Give a score from 0 to 5",
        "bad.csv, row 3, column 'a1': score for criterion 'a1' of application 'H2' is outside "
        "the scale 0 to 5 (value: '6'). Give a number from 0 to 5",
        "bad.csv, row 3, column 'b1': score for criterion 'b1' of application 'H2' is not a "
        "number (value: 'abc'). Give a number from 1 to 4",
        "bad.csv, row 4, column 'application_id': unknown application id (value: 'H11'). "
        "Did you mean 'H1'?",
        "bad.csv, row 5, column 'application_id': duplicate row: application 'H1' (evaluator "
        "'bad') is already on row 2 (value: 'H1'). Keep one row per application for each "
        "evaluator",
        "bad.csv: 1 application(s) missing from the sheet: H3. Every application of the round "
        "needs a score for every criterion; add a row for each",
    ]
    assert problems == expected


def test_bad_long_sheet_reports_every_problem(rnd, tmp_path):
    rows = [["application_id", "criterion", "score"]]
    rows += [[a, c, 3] for a in ("H1", "H2") for c in ("a1", "a2", "b1")]
    rows += [["H3", "a1", 3], ["H3", "a11", 3], ["H3", "b1", ""], ["H3", "a1", 2],
             ["", "a1", 1], ["H3", "", 1]]
    problems = problems_of(write_csv(tmp_path / "long.csv", rows), rnd)
    assert problems == [
        "long.csv, row 9, column 'criterion': unknown criterion (value: 'a11'). "
        "Did you mean 'a1'?",
        "long.csv, row 10, column 'score': empty cell: no score for criterion 'b1' of "
        "application 'H3'. Give a score from 1 to 4",
        "long.csv, row 11, column 'application_id': duplicate row: criterion 'a1' of "
        "application 'H3' (evaluator 'long') is already on row 8 (value: 'H3'). Keep one row "
        "per application and criterion for each evaluator",
        "long.csv, row 12, column 'application_id': empty cell: no application id. "
        "Every row needs the id of an application of the round",
        "long.csv, row 13, column 'criterion': empty cell: no criterion. Criteria are a1, a2, b1",
        "long.csv: no score for a2 of H3. Add a row (application_id, criterion, score) for each",
    ]


def test_sheet_header_problems(rnd, tmp_path):
    problems = problems_of(write_csv(tmp_path / "h.csv", [["id", "a1"], ["H1", 1]]), rnd)
    assert problems == ["h.csv, row 1: no 'application_id' column. Rename 'id' to "
                        "'application_id'"]
    problems = problems_of(write_csv(tmp_path / "w.csv", [["application_id", "a1"],
                                                          ["H1", 1], ["H2", 1], ["H3", 1]]),
                           rnd)
    assert problems == [
        "w.csv, row 1: no column for criterion 'a2'. Add a column named 'a2' (grantopt scores "
        "template writes a sheet with every column)",
        "w.csv, row 1: no column for criterion 'b1'. Add a column named 'b1' (grantopt scores "
        "template writes a sheet with every column)"]
    long_bad = [["application_id", "criterion", "score", "evalutor"], ["H1", "a1", 1, "x"]]
    problems = problems_of(write_csv(tmp_path / "l.csv", long_bad), rnd)
    assert problems[0] == ("l.csv, row 1, column 'evalutor': unknown column (value: "
                           "'evalutor'). Did you mean 'evaluator'?")


def test_xlsx_sheet_errors_name_the_cell(rnd, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in WIDE_OK:
        ws.append(row)
    ws["C3"] = 7.5
    path = tmp_path / "x.xlsx"
    wb.save(path)
    assert problems_of(path, rnd) == [
        "x.xlsx, row 3, column 'a1': score for criterion 'a1' of application 'H2' is outside "
        "the scale 0 to 5 (value: '7.5'). Give a number from 0 to 5"]


def test_sheet_formulas_are_called_formulas(rnd, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in WIDE_OK:
        ws.append(row)
    ws["C3"] = "=C2-5"  # written by a program that saves no value
    wb.save(tmp_path / "f.xlsx")
    assert problems_of(tmp_path / "f.xlsx", rnd) == [
        "f.xlsx, row 3, column 'a1': a formula without a saved value: open the file in Excel "
        "and save it (value: '=C2-5'). The tool reads the values a spreadsheet program saved "
        "with its formulas; this file was written by one that does not compute them"]
    rows = [list(r) for r in WIDE_OK]
    rows[2][2] = "=C2-5"  # a CSV saved with formula text
    (problem,) = problems_of(write_csv(tmp_path / "f.csv", rows), rnd)
    assert "row 3, column 'a1'" in problem and "a formula, not a value" in problem


def test_sheet_id_excel_made_a_date(tmp_path):
    folder = tmp_path / "round"
    folder.mkdir()
    apps = tuple(replace(a, id=f"2020-0{i}") for i, a in enumerate(APPS, start=1))
    rnd = replace(make_round(folder), applications=apps)
    rows = [list(r) for r in WIDE_OK]
    rows[1][0], rows[2][0], rows[3][0] = "2020-01", "1.2.2020", "2020-03"
    problems = problems_of(write_csv(tmp_path / "d.csv", rows), rnd)
    assert problems[0] == (
        "d.csv, row 3, column 'application_id': this id looks like a date Excel made of "
        "'2020-02' (value: '1.2.2020'). Format the id column as Text in Excel before typing "
        "or pasting the ids (or type an id with a leading apostrophe, '2020-01), correct the "
        "id and save again")


def test_a_blank_evaluator_among_named_ones(rnd, tmp_path):
    rows = [["application_id", "evaluator", "a1", "a2", "b1"],
            ["H1", "anna", 1, 2, 3], ["H2", "", 1, 2, 3], ["H3", "anna", 1, 2, 3]]
    assert problems_of(write_csv(tmp_path / "e.csv", rows), rnd) == [
        "e.csv, row 3, column 'evaluator': empty cell: no evaluator. Name the evaluator on "
        "every row, or on none (the sheet is then one evaluator's, named after the file)",
        "e.csv: 1 application(s) missing from the sheet: H2. Every application of the round "
        "needs a score for every criterion; add a row for each"]
    rows = [[r[0], *r[2:]] for r in rows]  # no evaluator column: the file's name
    assert read_sheet(write_csv(tmp_path / "e.csv", rows), rnd).evaluators == ("e",)


# --- several evaluators ----------------------------------------------------------------

# Evaluators' scores for (application, criterion): anna, ben, cecilia.
EVAL = {
    ("H1", "a1"): (1, 2, 5),  # mean 8/3, median 2, spread 4
    ("H1", "a2"): (3, 3, 4),  # mean 10/3, median 3, spread 1
    ("H1", "b1"): (1, 2, 3),  # mean 2, median 2, spread 2
    ("H2", "a1"): (4, 4, 4),
    ("H2", "a2"): (0, 2.5, 5),  # mean 2.5, median 2.5, spread 5
    ("H2", "b1"): (4, 4, 4),
    ("H3", "a1"): (2, 2, 2),
    ("H3", "a2"): (2, 2, 2),
    ("H3", "b1"): (2, 3.5, 2),  # mean 2.5, median 2, spread 1.5: not above 1.5
}


def evaluator_sheets(folder: Path) -> list[Path]:
    paths = []
    for index, name in enumerate(("anna", "ben", "cecilia")):
        rows = [["application_id", "a1", "a2", "b1"]]
        rows += [[a] + [EVAL[(a, c)][index] for c in ("a1", "a2", "b1")]
                 for a in ("H1", "H2", "H3")]
        paths.append(write_csv(folder / f"{name}.csv", rows))
    return paths


def test_aggregate_by_hand():
    assert aggregate([1, 2, 5]) == pytest.approx(8 / 3)
    assert aggregate([1, 2, 5], "median") == 2
    assert aggregate([1, 2, 5, 6], "median") == 3.5
    # trim 0.2 of 5 scores: floor(1.0) = 1 cut from each end -> mean of 2, 3, 4
    assert aggregate([5, 1, 3, 2, 4], "trimmed", 0.2) == pytest.approx(3)
    # trim 0.2 of 3 scores cuts floor(0.6) = 0: the plain mean
    assert aggregate([1, 2, 5], "trimmed", 0.2) == pytest.approx(8 / 3)
    assert aggregate([1, 2, 5], "trimmed", 0.34) == 2  # floor(1.02) = 1 cut: just 2


@pytest.mark.parametrize(("method", "trim", "h1", "h2_a2"), [
    ("mean", 0.2, (8 / 3, 10 / 3, 2), 2.5),
    ("median", 0.2, (2, 3, 2), 2.5),
    ("trimmed", 0.34, (2, 3, 2), 2.5),
])
def test_combine_by_hand(rnd, tmp_path, method, trim, h1, h2_a2):
    combined = combine(evaluator_sheets(tmp_path), rnd, method=method, trim=trim, spread=1.5)
    assert combined.evaluators == ("anna", "ben", "cecilia")
    got = {(r.application_id, r.criterion): r.score for r in combined.rows}
    assert (got[("H1", "a1")], got[("H1", "a2")], got[("H1", "b1")]) == pytest.approx(h1)
    assert got[("H2", "a2")] == pytest.approx(h2_a2)
    # spreads above 1.5, largest first: H2 a2 (5), H1 a1 (4), H1 b1 (2)
    assert [(d.application_id, d.criterion, d.min, d.max, d.spread)
            for d in combined.disagreements] == [("H2", "a2", 0, 5, 5), ("H1", "a1", 1, 5, 4),
                                                 ("H1", "b1", 1, 3, 2)]
    assert combined.disagreements[0].scores == (("anna", 0), ("ben", 2.5), ("cecilia", 5))


def test_write_combined_and_read_it_back(rnd, tmp_path):
    combined = combine(evaluator_sheets(tmp_path), rnd, spread=1.5)
    out = tmp_path / "scores.csv"
    assert write_combined(combined, out) == [out, disagreements_path(out)]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "application_id,criterion,score"
    assert lines[1] == "H1,a1,2.666666667"
    dis = disagreements_path(out).read_text(encoding="utf-8").splitlines()
    assert dis[0] == "application_id,criterion,min,max,spread,scores"
    assert dis[1] == "H2,a2,0,5,5,anna=0; ben=2.5; cecilia=5"
    # the combined file is itself a valid long sheet
    table = sheet_scores(out, rnd)
    assert table.raw["H3"] == pytest.approx((2, 2, 2.5))
    # a rerun without disagreements removes the stale disagreements file
    assert write_combined(combine(evaluator_sheets(tmp_path), rnd, spread=10), out,
                          force=True) == [out]
    assert not disagreements_path(out).exists()
    with pytest.raises(OutputError, match="one of your inputs"):
        write_combined(combined, tmp_path / "anna.csv", force=True)


def test_combine_reports_problems_of_every_sheet(rnd, tmp_path):
    good, bad1, bad2 = evaluator_sheets(tmp_path)
    write_csv(bad1, [["application_id", "a1", "a2", "b1"], ["H1", 1, 1, 9]])
    write_csv(bad2, [["application_id", "a1", "a2", "b1", "evaluator"],
                     *[[a, 1, 1, 1, "anna"] for a in ("H1", "H2", "H3")]])
    with pytest.raises(InputError) as err:
        combine([good, bad1, bad2], rnd)
    text = str(err.value)
    assert "ben.csv, row 2, column 'b1'" in text and "outside the scale 1 to 4" in text
    assert "ben.csv: 2 application(s) missing from the sheet: H2, H3" in text
    assert "cecilia.csv, column 'evaluator': evaluator 'anna' also appears in" in text
    with pytest.raises(ScenarioError, match="unknown method 'avg'"):
        combine([good], rnd, method="avg")
    with pytest.raises(ScenarioError, match="trim must be"):
        combine([good], rnd, method="trimmed", trim=0.5)


# --- proxies ---------------------------------------------------------------------------


def test_raw_indicators_are_documented():
    assert set(RAW_INDICATORS) == {"municipalities", "population", "eur_per_resident",
                                   "regions", "target_area_fit"}
    assert {p.indicator for p in PROXIES} == set(RAW_INDICATORS)


def test_normalise_edges():
    cost, spread = PROXIES[2], PROXIES[3]
    assert proxy_value(cost, 0.1) == 1.0  # at lower, lower is better
    assert proxy_value(cost, 0.0) == 1.0  # log of 0: below lower
    assert proxy_value(cost, math.inf) == 0.0  # population 0: the worst value
    assert proxy_value(cost, 1000) == 0.0  # beyond upper: clipped
    assert proxy_value(PROXIES[0], 0) == 0.0  # log of 0, direction higher -> 0
    assert proxy_value(spread, 3.5) == pytest.approx(0.5)  # (3.5 - 1) / (6 - 1)
    assert proxy_value(spread, 0) == 0.0  # clipped


def test_proxy_scores_by_hand(rnd):
    table = proxy_scores(rnd, PROFILES)
    assert table.is_proxy and table.source == "proxy" and table.label == PROXY_LABEL
    assert table.criteria == ("cooperation", "reach", "cost_per_resident", "regional_spread",
                              "target_fit")
    assert table.weights == pytest.approx((0.25, 0.20, 0.20, 0.15, 0.20))
    # H1: 3 municipalities, 50,000 residents, 100,000 EUR, 2 regions, target "services".
    #   cooperation = ln 3 / ln 25 = 1.09861 / 3.21888 = 0.341303
    #   reach = (ln 50000 - ln 2000) / (ln 2e6 - ln 2000) = ln 25 / ln 1000 = 0.465980
    #   cost: 100000 / 50000 = 2.0 EUR; (ln 2 - ln 0.1) / (ln 100 - ln 0.1) = ln 20 / ln 1000
    #         = 2.99573 / 6.90776 = 0.433677; lower is better -> 1 - 0.433677 = 0.566323
    #   regional_spread = (2 - 1) / (6 - 1) = 0.2;  target_fit = 1
    #   score = 0.25*0.341303 + 0.2*0.465980 + 0.2*0.566323 + 0.15*0.2 + 0.2*1 = 0.521786
    assert table.raw["H1"] == (3, 50_000, 2.0, 2, 1)
    assert table.values["H1"] == pytest.approx((0.341303, 0.465980, 0.566323, 0.2, 1.0),
                                               abs=1e-6)
    assert table.score("H1") == pytest.approx(0.521786, abs=1e-6)
    # H2: 30 municipalities (>= 25 -> 1), 3,000,000 residents (>= 2 million -> 1),
    #   20,000 / 3,000,000 = 0.00667 EUR (< 0.10 -> 0 -> lower is better: 1), 7 regions
    #   (>= 6 -> 1), target "other" is not one of the call's areas -> 0.
    #   score = 0.25 + 0.2 + 0.2 + 0.15 + 0 = 0.8
    assert table.values["H2"] == (1.0, 1.0, 1.0, 1.0, 0.0)
    assert table.score("H2") == pytest.approx(0.8)
    # H3: no municipality, population 0 -> EUR per resident +inf (the worst value),
    #   no region, no target area: every value 0
    assert table.raw["H3"] == (0, 0, math.inf, 0, 0)
    assert table.values["H3"] == (0.0,) * 5 and table.score("H3") == 0.0


def test_proxy_weights_and_selection(rnd):
    # weights given for two proxies summing to 1: the other three get nothing left
    table = proxy_scores(rnd, PROFILES, weights={"cooperation": 0.5, "target_fit": 0.5})
    assert table.weights == pytest.approx((0.5, 0, 0, 0, 0.5))
    assert table.score("H1") == pytest.approx(0.5 * 0.341303 + 0.5, abs=1e-6)
    # reach 0.4; the others share 0.6 in proportion to their own weights 0.25, 0.2, 0.15,
    # 0.2 (sum 0.8): 0.6 * 0.25 / 0.8 = 0.1875, 0.15, 0.1125, 0.15
    table = proxy_scores(rnd, PROFILES, weights={"reach": 0.4})
    assert table.weights == pytest.approx((0.1875, 0.4, 0.15, 0.1125, 0.15))
    table = proxy_scores(rnd, PROFILES, proxies=["reach", "target_fit"])
    assert table.criteria == ("reach", "target_fit")
    # own weights 0.2 and 0.2, normalised
    assert table.weights == pytest.approx((0.5, 0.5))
    with pytest.raises(ScenarioError, match="Did you mean 'cooperation'"):
        proxy_scores(rnd, PROFILES, weights={"coperation": 1})
    with pytest.raises(ScenarioError, match=r"unknown proxy 'rech'\. Did you mean 'reach'"):
        proxy_scores(rnd, PROFILES, proxies=["rech"])


def test_bad_proxy_definitions_are_reported_together(rnd):
    bad = (ProxyIndicator("p", "populaton", scale="log", lower=0, upper=10),
           ProxyIndicator("q", "regions", scale="cubic", direction="down", lower=5, upper=1))
    with pytest.raises(InputError) as err:
        proxy_scores(rnd, PROFILES, proxies=bad)
    text = str(err.value)
    assert "proxies[0].indicator" in text and "Did you mean 'population'" in text
    assert "a log scale needs lower > 0" in text
    assert "proxies[1].scale" in text and "proxies[1].direction" in text
    assert "lower must be a number below upper" in text


def test_proxy_needs_profiles_and_definitions(rnd, tmp_path):
    with pytest.raises(InputError, match="no register profile for 1 application"):
        proxy_scores(rnd, {k: v for k, v in PROFILES.items() if k != "H2"})
    with pytest.raises(InputError, match="defines no proxy indicators"):
        proxy_scores(make_round(tmp_path, proxies=()), PROFILES)


# --- facade ----------------------------------------------------------------------------


def test_load_scores_sources(rnd, tmp_path):
    assert load_scores(rnd, PROFILES, None).is_proxy  # no scores file: proxy
    assert load_scores(rnd, PROFILES, "proxy", {}).weights == pytest.approx(
        (0.25, 0.20, 0.20, 0.15, 0.20))  # empty weights: the proxies' own
    write_csv(Path(rnd.path) / "mine.csv", WIDE_OK)
    table = load_scores(rnd, None, "mine.csv", {"A": 1, "B": 0})  # relative to the round
    assert table.label == "scores from mine.csv"
    assert table.weights == pytest.approx((0.5, 0.5, 0.0))
    other = write_csv(tmp_path / "elsewhere.csv", WIDE_OK)
    assert load_scores(rnd, None, other).raw == table.raw  # absolute
    with_file = Round(rnd.path, rnd.call, rnd.applications,
                      scores_path=Path(rnd.path) / "mine.csv")
    assert load_scores(with_file, PROFILES, None).source == "sheet"
    with pytest.raises(InputError, match="scoring sheet not found"):
        load_scores(rnd, PROFILES, "nope.csv")


def test_score_report_ranks_and_labels(rnd):
    report = score_report(rnd, "proxy", profiles=PROFILES)
    assert report.table.label == PROXY_LABEL
    assert [r.application_id for r in report.rows] == ["H2", "H1", "H3"]
    assert report.rows[1].lead == "Akaan kaupunki"


# --- the 2020 round --------------------------------------------------------------------

ROUND_2020 = ROOT / "data" / "2020"


def test_2020_proxy_scores():
    from optimizer.readers import read_round
    from optimizer.scoring import round_profiles

    rnd = read_round(ROUND_2020)
    table = load_scores(rnd, round_profiles(rnd), "proxy")
    assert table.is_proxy and table.label == PROXY_LABEL
    assert len(table.values) == len(rnd.applications) == 61
    assert table.weights == pytest.approx((0.25, 0.20, 0.20, 0.15, 0.20))
    assert all(0.0 <= s <= 1.0 for s in table.scores().values())
    assert len(set(table.scores().values())) > 10  # the proxies tell applications apart


def test_2020_template_round_trip(tmp_path):
    from optimizer.readers import read_round

    rnd = read_round(ROUND_2020)
    out = tmp_path / "2020.xlsx"
    write_template(rnd, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["scores"]
    assert ws.max_row == 62 and ws.max_column == 4 + len(rnd.call.criteria) == 20
    assert len(ws.data_validations.dataValidation) == 16
    for row in ws.iter_rows(min_row=2):
        for offset, cell in enumerate(row[4:]):
            cell.value = offset % 6
    wb.save(out)
    table = sheet_scores(out, rnd)
    assert table.values["2020-01"][:3] == pytest.approx((0.0, 0.2, 0.4))
