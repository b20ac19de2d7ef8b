"""Reading and checking round folders; profiles."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.errors import InputError, Problem
from optimizer.readers import check_round, overview, profiles, read_call, read_round
from optimizer.readers.domain import Application
from optimizer.readers.register import load_register

ROUND_2020 = Path(__file__).resolve().parents[1] / "data" / "2020"

APPS = [
    ["id", "applicant", "project", "requested_eur", "partners", "target_area", "exclusion"],
    ["A1", "Akaan kaupunki", "Prosessit", "111 350,00", "Valkeakoski; Urjalan kunta",
     "services", ""],
    ["A2", "Oulun kaupunki", "Nuoriso", "298507", "Tampere", "", ""],
    ["A3", "Kauniaisten kaupunki", "Rakennusvalvonta", "130900.00", "", "",
     "built_environment"],
]
PARTS = [
    ["application_id", "name", "role", "kind", "municipality_code", "note"],
    ["A1", "Akaan kaupunki", "lead", "municipality", "020", ""],
    ["A1", "Valkeakoski", "partner", "municipality", "908", ""],
    ["A1", "Urjalan kunta", "partner", "municipality", "", ""],
    ["A2", "Oulun kaupunki / BusinessOulu -liikelaitos", "lead", "municipal_enterprise", "564",
     ""],
    ["A2", "Oulun kaupunginkirjasto", "partner", "library", "564", ""],
    ["A2", "Pohjois-Pohjanmaan shp", "partner", "hospital_district", "", ""],
    ["A2", "Tampereen kaupunkiseudun kuntayhtymä", "partner", "joint_authority", "", ""],
    ["A2", "Tuku", "partner", "municipality", "853", "typo"],
    ["A3", "Kauniaisten kaupunki", "lead", "municipality", "235", ""],
]
AWARDS = [
    ["application_id", "awarded_eur", "decision_item", "note"],
    ["A1", "111300", "1", ""],
    ["A2", "298 500,00", "2", ""],
]
CALL = """\
[call]
name = "Testihaku"
year = 2020
appropriation_eur = 500000
rounding_eur = 100
max_cost_share = 0.85
min_parties = 2

[totals]
applications = 3
requested_eur = 540757.00
awards = 2
awarded_eur = 409800

[[target_areas]]
id = "services"
fi = "palvelut"

[[target_areas]]
id = "participation"

[[exclusions]]
code = "built_environment"

[[criteria_groups]]
id = "A"

[[criteria]]
id = "a1"
group = "A"
scale = [0, 5]
"""


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def make_round(folder: Path, apps=APPS, parts=PARTS, awards=AWARDS, call=CALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("applications.csv", apps), ("participants.csv", parts),
                       ("awards.csv", awards)):
        if rows is not None:
            (folder / name).write_text(csv_text(rows), encoding="utf-8")
    if call is not None:
        (folder / "call.toml").write_text(call, encoding="utf-8")
    return folder


def replace_cell(rows, row: int, column: str, value: str):
    """A copy of `rows` with one cell changed; `row` is the spreadsheet row (header = 1)."""
    out = [list(r) for r in rows]
    out[row - 1][out[0].index(column)] = value
    return out


def problems_of(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as info:
        read_round(folder)
    report = check_round(folder)
    assert report.problems == info.value.problems
    assert report.round is None and not report.ok
    return info.value.problems


def the_problem(problems, file, row, column, value, words) -> Problem:
    """The one problem at file/row/column; its text names all four and `words`."""
    hits = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert len(hits) == 1, problems
    p = hits[0]
    text = str(p)
    assert file in text and f"row {row}" in text and f"column {column!r}" in text
    assert p.value == value and repr(value) in text
    assert words in text, text
    return p


# --- a clean round -----------------------------------------------------------------


def test_clean_round(tmp_path):
    rnd = read_round(make_round(tmp_path / "r"))
    assert [a.id for a in rnd.applications] == ["A1", "A2", "A3"]
    a1 = rnd.application("A1")
    assert a1.requested_eur == 111350.0
    assert a1.partners == ("Valkeakoski", "Urjalan kunta")
    assert a1.target_area == "services" and a1.exclusion is None
    assert rnd.application("A3").exclusion == "built_environment"
    assert rnd.awarded == {"A1": 111300.0, "A2": 298500.0}
    assert rnd.awards[1].decision_item == 2
    # an empty municipality_code is filled in from the name
    assert [p.municipality_code for p in rnd.participants_of("A1")] == ["020", "908", "887"]
    assert rnd.call.appropriation_eur == 500000.0 and rnd.call.rounding_eur == 100.0
    assert rnd.call.totals.requested_eur == 540757.0
    assert rnd.scores_path is None


def test_check_report_of_a_clean_round(tmp_path):
    report = check_round(make_round(tmp_path / "r"))
    assert report.ok and report.round is not None
    s = report.summary
    assert (s.applications, s.requested_eur, s.awards, s.awarded_eur) == (3, 540757.0, 2,
                                                                           409800.0)
    # Akaa, Valkeakoski, Urjala | Oulu, Turku | Kauniainen
    assert s.municipalities == 6
    assert s.regions == 4  # Pirkanmaa, Pohjois-Pohjanmaa, Varsinais-Suomi, Uusimaa
    (note,) = report.notes
    assert note.row == 9 and "Turku" in str(note.message) and note.value == "Tuku"


def test_only_applications_required(tmp_path):
    apps = [r[:5] for r in APPS]  # no target areas or exclusions without a call.toml
    rnd = read_round(make_round(tmp_path / "r", apps=apps, parts=None, awards=None, call=None))
    assert len(rnd.applications) == 3 and rnd.participants == () and rnd.awards == ()


def test_semicolon_bom_and_decimal_comma(tmp_path):
    folder = make_round(tmp_path / "r", apps=None)
    text = csv_text(APPS, delimiter=";").replace("130900.00", "130\u00a0900,00")
    (folder / "applications.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    rnd = read_round(folder)
    assert rnd.application("A3").requested_eur == 130900.0


def test_xlsx_round(tmp_path):
    folder = make_round(tmp_path / "r", apps=None)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(APPS[0])
    ws.append(["A1", "Akaan kaupunki", "P", 111350, "Valkeakoski", "services", None])
    ws.append(["A2", "Oulun kaupunki", "P", 298507.0, None, None, None])
    ws.append(["A3", "Kauniaisten kaupunki", "P", 130900.0, None, None, "built_environment"])
    book.save(folder / "applications.xlsx")
    rnd = read_round(folder)
    assert [a.requested_eur for a in rnd.applications] == [111350.0, 298507.0, 130900.0]


def test_scores_file_is_noticed(tmp_path):
    folder = make_round(tmp_path / "r")
    (folder / "scores.csv").write_text("application_id,criterion,score\n", encoding="utf-8")
    assert read_round(folder).scores_path == folder / "scores.csv"


# --- bad input, one class at a time --------------------------------------------------


def test_missing_folder_and_missing_applications(tmp_path):
    (p,) = problems_of(tmp_path / "nothing")
    assert "not found" in str(p.message)
    (p,) = problems_of(make_round(tmp_path / "r", apps=None, parts=None, awards=None,
                                   call=None))
    assert "no applications.csv" in str(p.message)


def test_both_csv_and_xlsx(tmp_path):
    folder = make_round(tmp_path / "r")
    (folder / "applications.xlsx").write_bytes(b"")
    problems = problems_of(folder)
    assert any("both applications.csv and applications.xlsx" in str(p.message) for p in problems)


def test_missing_required_column(tmp_path):
    apps = [r[:3] + r[4:] for r in APPS]  # no requested_eur
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    p = the_problem(problems, "applications.csv", 1, "requested_eur", "requested_eur",
                    "missing required column")
    assert "id, applicant, project" in str(p.hint)


def test_unknown_column_did_you_mean(tmp_path):
    apps = [list(r) for r in APPS]
    apps[0][apps[0].index("target_area")] = "target_aera"
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    the_problem(problems, "applications.csv", 1, "target_aera", "target_aera",
                "Did you mean 'target_area'")


def test_empty_and_duplicate_ids(tmp_path):
    apps = replace_cell(APPS, 3, "id", "A1")
    apps = replace_cell(apps, 4, "id", "")
    problems = problems_of(make_round(tmp_path / "r", apps=apps, parts=None, awards=None))
    the_problem(problems, "applications.csv", 3, "id", "A1", "duplicate id (also on row 2)")
    the_problem(problems, "applications.csv", 4, "id", "", "the cell is empty")


@pytest.mark.parametrize(("value", "words"), [
    ("abc", "not an amount"),
    ("1,234", "ambiguous"),
    ("-5", "negative"),
    ("0", "zero"),
    ("0,00", "zero"),
    ("", "the cell is empty"),
])
def test_bad_requested_amounts(tmp_path, value, words):
    apps = replace_cell(APPS, 3, "requested_eur", value)
    problems = problems_of(make_round(tmp_path / "r", apps=apps, call=None))
    the_problem(problems, "applications.csv", 3, "requested_eur", value, words)


def test_bad_eligible_cost(tmp_path):
    apps = [[*r, v] for r, v in zip(APPS, ["eligible_cost_eur", "x", "", "-1"], strict=True)]
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    the_problem(problems, "applications.csv", 2, "eligible_cost_eur", "x", "not an amount")
    the_problem(problems, "applications.csv", 4, "eligible_cost_eur", "-1", "negative")


def test_unknown_target_area_and_exclusion(tmp_path):
    apps = replace_cell(APPS, 2, "target_area", "service")
    apps = replace_cell(apps, 3, "exclusion", "built_environmnet")
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    the_problem(problems, "applications.csv", 2, "target_area", "service",
                "Did you mean 'services'")
    the_problem(problems, "applications.csv", 3, "exclusion", "built_environmnet",
                "Did you mean 'built_environment'")


def test_target_area_without_definitions(tmp_path):
    problems = problems_of(make_round(tmp_path / "r", call=None))
    the_problem(problems, "applications.csv", 2, "target_area", "services",
                "call.toml defines none")


def test_unknown_region_override(tmp_path):
    apps = [[*r, v] for r, v in zip(APPS, ["region", "Pirkanmaa", "Pohjois-Pohjanma", ""],
                                    strict=True)]
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    the_problem(problems, "applications.csv", 3, "region", "Pohjois-Pohjanma",
                "Did you mean 'Pohjois-Pohjanmaa'")


def test_participants_of_unknown_application(tmp_path):
    parts = replace_cell(PARTS, 3, "application_id", "A9")
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    the_problem(problems, "participants.csv", 3, "application_id", "A9",
                "no application with this id")


def test_bad_role_and_kind(tmp_path):
    parts = replace_cell(PARTS, 3, "role", "partnr")
    parts = replace_cell(parts, 6, "kind", "joint authority")
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    the_problem(problems, "participants.csv", 3, "role", "partnr", "Did you mean 'partner'")
    the_problem(problems, "participants.csv", 6, "kind", "joint authority",
                "Did you mean 'joint_authority'")


def test_municipality_code_not_in_register(tmp_path):
    parts = replace_cell(PARTS, 5, "municipality_code", "999")
    parts = replace_cell(parts, 6, "municipality_code", "12a")
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    the_problem(problems, "participants.csv", 5, "municipality_code", "999",
                "no municipality with this code")
    the_problem(problems, "participants.csv", 6, "municipality_code", "12a",
                "at most 3 digits")


def test_municipality_name_that_does_not_resolve(tmp_path):
    parts = replace_cell(PARTS, 3, "name", "Valkeakosky")
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    p = the_problem(problems, "participants.csv", 3, "name", "Valkeakosky",
                    "does not resolve to a municipality")
    assert "Did you mean 'Valkeakoski'" in str(p.hint)


def test_municipality_name_with_another_code(tmp_path):
    parts = replace_cell(PARTS, 3, "municipality_code", "091")
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    the_problem(problems, "participants.csv", 3, "municipality_code", "091",
                "is Valkeakoski (908), but the code is 091 (Helsinki)")


def test_two_leads_and_duplicate_party(tmp_path):
    parts = replace_cell(PARTS, 3, "role", "lead")
    parts = [*parts, ["A3", "Kauniaisten  kaupunki", "partner", "municipality", "235", ""]]
    problems = problems_of(make_round(tmp_path / "r", parts=parts))
    the_problem(problems, "participants.csv", 3, "role", "lead", "A1 has 2 leads (rows 2, 3)")
    the_problem(problems, "participants.csv", 11, "name", "Kauniaisten  kaupunki",
                "party listed twice for A3 (also on row 10)")


def test_award_problems(tmp_path):
    awards = [*AWARDS, ["A9", "100", "3", ""], ["A1", "100", "4", ""],
              ["A3", "130 900,01", "5", ""], ["A3", "x", "6", ""]]
    problems = problems_of(make_round(tmp_path / "r", awards=awards, call=None))
    the_problem(problems, "awards.csv", 4, "application_id", "A9",
                "award for an application that does not exist")
    the_problem(problems, "awards.csv", 5, "application_id", "A1",
                "second award for A1 (first on row 2)")
    the_problem(problems, "awards.csv", 6, "awarded_eur", "130 900,01",
                "more than the 130,900.00 € requested")
    the_problem(problems, "awards.csv", 7, "awarded_eur", "x", "not an amount")


def test_bad_decision_item(tmp_path):
    awards = replace_cell(AWARDS, 2, "decision_item", "first")
    problems = problems_of(make_round(tmp_path / "r", awards=awards))
    the_problem(problems, "awards.csv", 2, "decision_item", "first", "not a whole number")


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(("key", "declared", "value", "found"), [
    ("applications", "4", 4, "= 4 but applications.csv has 3 rows"),
    ("requested_eur", "540757.01", 540757.01,
     "= 540757.01 but applications.csv has a sum of 540757.00"),
    ("awards", "3", 3, "= 3 but awards.csv has 2 rows"),
    ("awarded_eur", "409801", 409801.0, "= 409801.00 but awards.csv has a sum of 409800.00"),
])
def test_declared_totals_that_disagree(tmp_path, key, declared, value, found):
    call = CALL.replace(
        next(line for line in CALL.splitlines() if line.startswith(f"{key} =")),
        f"{key} = {declared}")
    problems = problems_of(make_round(tmp_path / "r", call=call))
    the_problem(problems, "call.toml", _line(call, f"{key} ="), f"totals.{key}", value, found)


def test_totals_match_to_the_cent(tmp_path):
    call = CALL.replace("requested_eur = 540757.00", "requested_eur = 540757.004")
    assert check_round(make_round(tmp_path / "r", call=call)).ok


def test_call_toml_syntax_error(tmp_path):
    call = CALL.replace("rounding_eur = 100", "rounding_eur = 100 €")
    problems = problems_of(make_round(tmp_path / "r", call=call))
    p = problems[0]
    assert p.file == "call.toml" and p.row == _line(call, "rounding_eur")
    assert "TOML syntax error" in str(p) and "call.toml, row" in str(p)


def test_call_toml_unknown_keys(tmp_path):
    call = CALL.replace("appropriation_eur", "apropriation_eur") + "\n[budjet]\nx = 1\n"
    call = call.replace('id = "a1"', 'id = "a1"\nscal = [0, 5]')
    problems = problems_of(make_round(tmp_path / "r", call=call))
    the_problem(problems, "call.toml", _line(call, "apropriation_eur"),
                "call.apropriation_eur", "apropriation_eur",
                "Did you mean 'appropriation_eur'")
    the_problem(problems, "call.toml", _line(call, "[budjet]"), "budjet", "budjet",
                "unknown key or table 'budjet'")
    p = next(p for p in problems if p.value == "scal")
    assert p.column == "criteria[0].scal" and p.row == _line(call, "scal")
    assert "Did you mean 'scale'" in str(p.hint)


def test_call_toml_bad_values(tmp_path):
    call = (CALL.replace("max_cost_share = 0.85", "max_cost_share = 85")
            .replace("min_parties = 2", 'min_parties = "two"')
            .replace("scale = [0, 5]", "scale = [5, 0]")
            .replace('group = "A"', 'group = "B"'))
    call += '\n[[target_areas]]\nid = "services"\n'
    problems = problems_of(make_round(tmp_path / "r", call=call))
    messages = " | ".join(str(p) for p in problems)
    assert "max_cost_share must be a share" in messages
    assert "min_parties must be a whole number" in messages
    assert "scale must be [low, high]" in messages
    assert "unknown criteria group" in messages
    assert "duplicate id 'services'" in messages


def test_every_problem_is_reported_at_once(tmp_path):
    apps = replace_cell(APPS, 2, "requested_eur", "x")
    apps = replace_cell(apps, 3, "target_area", "nope")
    parts = replace_cell(PARTS, 4, "kind", "city")
    awards = replace_cell(AWARDS, 3, "application_id", "B2")
    call = CALL.replace("year = 2020", "yaer = 2020")
    problems = problems_of(make_round(tmp_path / "r", apps, parts, awards, call))
    files = {(p.file, p.column) for p in problems}
    assert {("applications.csv", "requested_eur"), ("applications.csv", "target_area"),
            ("participants.csv", "kind"), ("awards.csv", "application_id"),
            ("call.toml", "call.yaer")} <= files


# --- read_call -------------------------------------------------------------------------


def test_read_call_with_proxies(tmp_path):
    path = tmp_path / "call.toml"
    path.write_text(CALL + """
[[proxies]]
id = "reach"
indicator = "population"
scale = "log"
direction = "higher"
lower = 1000
upper = 1000000
weight = 0.3
en = "Residents reached"

[[proxies]]
id = "cost"
indicator = "eur_per_resident"
direction = "lower"
""", encoding="utf-8")
    rules = read_call(path)
    assert rules.name == "Testihaku" and rules.year == 2020 and rules.min_parties == 2
    assert rules.max_cost_share == 0.85
    assert [t.id for t in rules.target_areas] == ["services", "participation"]
    assert rules.target_areas[0].fi == "palvelut"
    assert rules.criteria[0].scale == (0.0, 5.0) and rules.criteria[0].group == "A"
    reach, cost = rules.proxies
    assert (reach.indicator, reach.scale, reach.lower, reach.upper, reach.weight) == (
        "population", "log", 1000.0, 1_000_000.0, 0.3)
    assert (cost.direction, cost.scale, cost.weight) == ("lower", "linear", 1.0)


def test_read_call_bad_proxies(tmp_path):
    path = tmp_path / "call.toml"
    path.write_text('[[proxies]]\nid = "x"\nindicator = "population"\nscale = "logg"\n'
                    'lower = 5\nupper = 1\n[[proxies]]\nid = "y"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_call(path)
    text = str(info.value)
    assert "scale must be one of linear, log" in text and "Did you mean 'log'" in text
    assert "lower must be below upper" in text
    assert "missing key 'indicator'" in text and "row 7" in text


def test_read_call_2020():
    rules = read_call(ROUND_2020 / "call.toml")
    assert rules.appropriation_eur == 10_000_000 and rules.rounding_eur == 100
    assert rules.max_cost_share == 0.85 and rules.budget_item == "28.90.32"
    assert rules.decision_date == "2020-12-09"
    assert len(rules.target_areas) == 5 and len(rules.exclusions) == 3
    assert len(rules.criteria_groups) == 3 and len(rules.criteria) == 16
    assert rules.totals.requested_eur == 16_100_330.45


# --- profiles --------------------------------------------------------------------------


def test_profiles_follow_the_joint_rule(tmp_path):
    reg = load_register()
    rnd = read_round(make_round(tmp_path / "r"))
    profs = profiles(rnd, reg)
    a1, a2, a3 = profs["A1"], profs["A2"], profs["A3"]
    assert a1.lead_code == "020" and a1.lead_region == "Pirkanmaa"
    assert a1.municipality_codes == ("020", "908", "887") and a1.parties == 3
    assert a1.population == sum(reg.by_code(c).population for c in ("020", "908", "887"))
    assert a1.regions == ("Pirkanmaa",)
    # Oulu through its enterprise and its library counts once; two joint bodies count once each
    assert a2.lead_code == "564" and a2.municipality_codes == ("564", "853")
    assert a2.joint_bodies == ("Pohjois-Pohjanmaan shp", "Tampereen kaupunkiseudun kuntayhtymä")
    assert a2.parties == 4
    assert a2.regions == ("Varsinais-Suomi", "Pohjois-Pohjanmaa")
    assert a3.parties == 1 and a3.lead_region == "Uusimaa"


def test_profiles_without_participants_resolve_names(tmp_path):
    apps = [[*r, v] for r, v in zip(APPS, ["region", "", "Lappi", ""], strict=True)]
    apps = replace_cell(apps, 3, "partners", "Tampere; Oulun kaupunginkirjasto; Oulu")
    folder = make_round(tmp_path / "r", apps=apps, parts=None)
    profs = profiles(read_round(folder))
    assert profs["A1"].municipality_codes == ("020", "908", "887")
    a2 = profs["A2"]
    assert a2.lead_code == "564" and a2.lead_region == "Lappi"  # the override wins
    assert a2.municipality_codes == ("564", "837") and a2.parties == 2
    assert a2.unresolved == ("Oulun kaupunginkirjasto",)
    notes = check_round(folder).notes
    assert any(n.value == "Oulun kaupunginkirjasto" for n in notes)


def test_overview(tmp_path):
    lines = overview(make_round(tmp_path / "r"))
    first = lines[0]
    assert (first.id, first.lead, first.lead_region, first.municipalities) == (
        "A1", "Akaa", "Pirkanmaa", 3)
    assert first.requested_eur == 111350.0 and first.awarded_eur == 111300.0
    assert lines[2].awarded_eur is None and lines[2].exclusion == "built_environment"


# --- the 2020 round --------------------------------------------------------------------


def test_the_2020_round():
    report = check_round(ROUND_2020)
    assert report.problems == ()
    s = report.summary
    assert (s.applications, s.requested_eur, s.awards, s.awarded_eur) == (
        61, 16_100_330.45, 29, 9_694_600.0)
    assert {n.value for n in report.notes} == {"Koski TI", "Teurva", "Kärämäki", "Säkyä",
                                               "Tuku", "Vesilähti"}
    rnd = report.round
    profs = profiles(rnd)
    assert profs["2020-02"].parties == 2  # Alavus + KuusSote
    assert profs["2020-36"].parties == 1  # Oulu through BusinessOulu, alone
    assert profs["2020-48"].municipality_codes == ("698", "564")
    assert profs["2020-56"].parties == 0  # the company's owners are not named


# --- round trip ------------------------------------------------------------------------

NAMES = load_register().names()
TEXT = st.text(alphabet=st.sampled_from('abcdefghijklmnopqrstuvwxyzäöÄÖ ABC-.,;:"()/0123456789'),
               min_size=1, max_size=25).map(str.strip).filter(bool)


@st.composite
def applications(draw) -> list[Application]:
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        cents = draw(st.integers(min_value=1, max_value=5_000_000_00))
        partners = tuple(draw(st.lists(st.sampled_from(NAMES), max_size=3)))
        out.append(Application(
            id=f"X-{i:02d}", applicant=draw(st.sampled_from(NAMES)), project=draw(TEXT),
            requested_eur=cents / 100, partners=partners,
            target_area=draw(st.sampled_from([None, "services", "participation"])),
            notes=draw(st.one_of(st.just(""), TEXT)),
        ))
    return out


COLS = ["id", "applicant", "project", "requested_eur", "partners", "target_area", "notes"]


def _cells(app: Application, amount: object) -> list[object]:
    return [app.id, app.applicant, app.project, amount, "; ".join(app.partners),
            app.target_area or "", app.notes]


def _amount_text(eur: float, decimal: str, thousands: str) -> str:
    whole, frac = divmod(round(eur * 100), 100)
    return f"{whole:,}".replace(",", thousands) + f"{decimal}{frac:02d}"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(apps=applications(), delimiter=st.sampled_from([",", ";"]),
       decimal=st.sampled_from([",", "."]), thousands=st.sampled_from(["", " ", "\u00a0"]),
       bom=st.booleans(), xlsx=st.booleans())
def test_applications_round_trip(tmp_path_factory, apps, delimiter, decimal, thousands, bom,
                                 xlsx):
    folder = tmp_path_factory.mktemp("rt")
    (folder / "call.toml").write_text(
        '[[target_areas]]\nid = "services"\n[[target_areas]]\nid = "participation"\n',
        encoding="utf-8")
    if xlsx:
        book = openpyxl.Workbook()
        ws = book.active
        ws.append(COLS)
        for app in apps:
            ws.append(_cells(app, app.requested_eur))
        book.save(folder / "applications.xlsx")
    else:
        rows = [COLS] + [_cells(a, _amount_text(a.requested_eur, decimal, thousands))
                         for a in apps]
        text = csv_text(rows, delimiter)
        (folder / "applications.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"")
                                                  + text.encode("utf-8"))
    assert list(read_round(folder).applications) == apps


# --- hardening: empty rounds, cascades, Excel dates, call ranges ---------------------------


def test_header_only_applications_is_no_round(tmp_path):
    problems = problems_of(make_round(tmp_path / "r", apps=APPS[:1]))
    (p,) = problems
    assert (p.file, p.row) == ("applications.csv", 2) and "no applications" in str(p.message)


def test_undecodable_applications_stops_the_cascade(tmp_path):
    folder = make_round(tmp_path / "r")
    text = (folder / "applications.csv").read_text(encoding="utf-8")
    (folder / "applications.csv").write_bytes(text.replace("Prosessit", "Päätös")
                                              .encode("cp1252"))
    (p,) = problems_of(folder)
    assert p.file == "applications.csv" and "not UTF-8" in str(p.message)
    assert "Päätös" in str(p.message)
    notes = check_round(folder).notes
    assert {n.file for n in notes if "not checked" in str(n.message)} == {"participants.csv",
                                                                      "awards.csv"}


def test_missing_id_column_stops_the_cascade(tmp_path):
    apps = replace_cell(APPS, 1, "id", "ID")
    problems = problems_of(make_round(tmp_path / "r", apps=apps))
    assert {p.file for p in problems} == {"applications.csv"}


def test_participants_without_a_required_column_are_not_read_row_by_row(tmp_path):
    parts = [r[:3] + r[4:] for r in PARTS]  # no kind
    folder = make_round(tmp_path / "r", parts=parts)
    (p,) = problems_of(folder)
    assert (p.file, p.column) == ("participants.csv", "kind")
    assert not any("no participants" in str(n.message) for n in check_round(folder).notes)


YEAR_MONTH_APPS = [
    ["id", "applicant", "project", "requested_eur"],
    ["2020-01", "Akaan kaupunki", "P", "1000"],
    ["1.2.2020", "Oulun kaupunki", "Q", "2000"],
    ["2020-03", "Kauniaisten kaupunki", "R", "3000"],
]
YEAR_MONTH_PARTS = [
    PARTS[0],
    ["2020-01", "Akaan kaupunki", "lead", "municipality", "020", ""],
    ["2020-02", "Oulun kaupunki", "lead", "municipality", "564", ""],
    ["2020-02", "Tampere", "partner", "municipality", "837", ""],
    ["2020-03", "Kauniaisten kaupunki", "lead", "municipality", "235", ""],
    ["2020-04", "Helsinki", "lead", "municipality", "091", ""],
]


def test_an_id_excel_made_a_date_is_reported_once(tmp_path):
    awards = [AWARDS[0], ["2020-02", "1000", "1", ""]]
    folder = make_round(tmp_path / "r", YEAR_MONTH_APPS, YEAR_MONTH_PARTS, awards, None)
    problems = problems_of(folder)
    the_problem(problems, "applications.csv", 3, "id", "1.2.2020",
                "this id looks like a date Excel made of '2020-02'")
    # 2020-04 is simply unknown; the rows naming 2020-02 are summed up in one note each
    (unknown,) = [p for p in problems if p.file == "participants.csv"]
    assert (unknown.row, unknown.value) == (6, "2020-04")
    assert not any(p.file == "awards.csv" for p in problems)
    notes = [n for n in check_round(folder).notes if "dates Excel made" in str(n.message)]
    assert [(n.file, "rows 3, 4 name 2020-02" in str(n.message)) for n in notes] == [
        ("participants.csv", True), ("awards.csv", False)]


def test_dates_as_ids_everywhere_are_not_flagged(tmp_path):
    apps = [APPS[0][:4], ["1.1.2020", "Akaan kaupunki", "P", "1000"],
            ["2.1.2020", "Oulun kaupunki", "Q", "2000"]]
    rnd = read_round(make_round(tmp_path / "r", apps, None, None, None))
    assert [a.id for a in rnd.applications] == ["1.1.2020", "2.1.2020"]


def test_an_award_naming_an_id_as_a_date(tmp_path):
    apps = replace_cell(YEAR_MONTH_APPS, 3, "id", "2020-02")
    awards = [AWARDS[0], ["2020-02-01", "1000", "1", ""]]
    problems = problems_of(make_round(tmp_path / "r", apps, None, awards, None))
    the_problem(problems, "awards.csv", 2, "application_id", "2020-02-01",
                "looks like a date Excel made of '2020-02'")


def test_excel_date_readings():
    import datetime as dt

    from optimizer.readers.dates import date_readings, guess, id_dates, made_of

    day = dt.date(2020, 2, 1)
    for text in ("2020-02-01", "2020-02-01T00:00:00", "1.2.2020", "Feb-20", "helmi.20"):
        assert date_readings(text) == {day}, text
    assert date_readings("2/1/2020") == {day, dt.date(2020, 1, 2)}
    for text in ("2020-02", "A1", "1.1.10", "2020-47", "31.2.2020", ""):
        assert not date_readings(text), text
    assert id_dates("2020-02") == {day} and not id_dates("2020-47")
    assert made_of("1.2.2020", ["2020-01", "2020-02"]) == "2020-02"
    assert made_of("T1", ["2020-02"]) is None
    assert guess(day, ["2020-01"]) == "2020-02" and guess(day, ["A1"]) is None


@pytest.mark.parametrize(("line", "key", "words"), [
    ("appropriation_eur = inf", "appropriation_eur", "above 0 and at most 1e12"),
    ("appropriation_eur = nan", "appropriation_eur", "finite"),
    ("appropriation_eur = 1e308", "appropriation_eur", "above 0 and at most 1e12"),
    ("appropriation_eur = 1" + "0" * 400, "appropriation_eur", "finite"),
    ("appropriation_eur = 0", "appropriation_eur", "above 0"),
    ("rounding_eur = inf", "rounding_eur", "from 0.01 to 1e9"),
    ("rounding_eur = 0", "rounding_eur", "from 0.01 to 1e9"),
    ("rounding_eur = 0.001", "rounding_eur", "from 0.01 to 1e9"),
    ("rounding_eur = -100", "rounding_eur", "from 0.01 to 1e9"),
    ("max_cost_share = nan", "max_cost_share", "finite"),
    ("min_parties = 10000000", "min_parties", "at most 1,000,000"),
    ("year = 20200", "year", "four digits"),
])
def test_call_numbers_out_of_range(tmp_path, line, key, words):
    old = next(x for x in CALL.splitlines() if x.startswith(f"{key} ="))
    call = CALL.replace(old, line)
    (tmp_path / "call.toml").write_text(call, encoding="utf-8")
    with pytest.raises(InputError) as info:  # (nan != nan, so not problems_of)
        read_call(tmp_path / "call.toml")
    (p,) = info.value.problems
    assert p.column == f"call.{key}"
    assert p.file == "call.toml" and p.row == _line(call, f"{key} =")
    assert words in str(p)


def test_call_totals_and_scales_must_be_finite(tmp_path):
    call = (CALL.replace("requested_eur = 540757.00", "requested_eur = inf")
            .replace("scale = [0, 5]", "scale = [0, inf]"))
    problems = problems_of(make_round(tmp_path / "r", call=call))
    assert {p.column for p in problems} == {"totals.requested_eur", "criteria[0].scale"}


def test_call_integer_of_5000_digits(tmp_path):
    call = CALL.replace("appropriation_eur = 500000", "appropriation_eur = 1" + "0" * 5000)
    (p,) = problems_of(make_round(tmp_path / "r", call=call))
    assert p.row == _line(call, "appropriation_eur") and "too many digits" in str(p.message)


def test_a_message_lists_at_most_a_hundred_problems():
    from optimizer.errors import SHOWN_PROBLEMS

    problems = [Problem(f"bad cell {i}", file="a.csv", row=i + 2) for i in range(150)]
    lines = str(InputError(problems)).splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1 == 101
    assert lines[-1].startswith("... and 50 more problems")
    assert len(InputError(problems).problems) == 150  # all are kept for data check
