"""`grantopt data check` and `grantopt data show`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from optimizer.cli import main

ROUND_2020 = Path(__file__).resolve().parents[1] / "data" / "2020"

APPLICATIONS = """\
id;applicant;project;requested_eur;partners;target_area
T1;Akaan kaupunki;Prosessit;111 350,00;Valkeakoski;services
T2;Oulun kaupunki;Nuoriso;298 507,00;Tuku;
"""
PARTICIPANTS = """\
application_id,name,role,kind,municipality_code,note
T1,Akaan kaupunki,lead,municipality,020,
T1,Valkeakoski,partner,municipality,908,
T2,Oulun kaupunki,lead,municipality,564,
T2,Tuku,partner,municipality,853,typo
"""
AWARDS = "application_id,awarded_eur\nT1,111300\n"
CALL = """\
[call]
appropriation_eur = 200000

[totals]
applications = 2
requested_eur = 409857
awards = 1
awarded_eur = 111300

[[target_areas]]
id = "services"
"""


def make_round(folder: Path, **override: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"applications.csv": APPLICATIONS, "participants.csv": PARTICIPANTS,
             "awards.csv": AWARDS, "call.toml": CALL}
    files.update({k.replace("_", ".", 1): v for k, v in override.items()})
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_clean_round(tmp_path):
    result = run("data", "check", str(make_round(tmp_path / "r")))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "OK" in out and "problem:" not in out
    assert "applications" in out and " 2 " in out
    assert "409,857 € requested" in out
    assert "111,300 € awarded" in out
    assert "municipalities involved" in out and "regions involved" in out
    assert "note: participants.csv, row 5, column 'name': 'Tuku' read as Turku (853)" in out


def test_check_reports_every_problem(tmp_path):
    folder = make_round(
        tmp_path / "r",
        applications_csv=APPLICATIONS.replace("298 507,00", "298,507").replace(
            "services", "servise"),
        awards_csv=AWARDS + "T9,5\n")
    result = run("data", "check", str(folder))
    assert result.exit_code == 1
    out = result.output
    assert ("problem: applications.csv, row 3, column 'requested_eur': ambiguous amount"
            in out) and "(value: '298,507')" in out
    assert ("problem: applications.csv, row 2, column 'target_area': unknown target area "
            "(value: 'servise')") in out and "Did you mean 'services'?" in out
    assert "problem: awards.csv, row 3, column 'application_id'" in out
    assert "problem: call.toml, row 7, column 'totals.awards'" in out
    assert "problem: call.toml, row 8, column 'totals.awarded_eur'" in out
    assert "5 problem(s)" in out


def test_check_missing_folder(tmp_path):
    result = run("data", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "round folder not found" in result.output


def test_show_formats(tmp_path):
    folder = str(make_round(tmp_path / "r"))
    table = run("data", "show", folder)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == ["id", "lead", "lead_region", "municipalities", "population",
                                "target_area", "exclusion", "requested_eur", "awarded_eur"]
    assert lines[2].split()[:4] == ["T1", "Akaa", "Pirkanmaa", "2"]
    assert "111 350.00" in lines[2] and "111 300.00" in lines[2]

    out = run("data", "show", folder, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [r["id"] for r in rows] == ["T1", "T2"]
    assert rows[1]["lead"] == "Oulu" and rows[1]["lead_region"] == "Pohjois-Pohjanmaa"
    assert rows[1]["municipalities"] == "2" and rows[1]["awarded_eur"] == ""
    assert float(rows[0]["requested_eur"]) == 111350.0

    data = json.loads(run("data", "show", folder, "--format", "json").output)
    assert data[0]["id"] == "T1" and data[0]["awarded_eur"] == 111300.0
    assert data[1]["awarded_eur"] is None and data[0]["target_area"] == "services"


def test_show_bad_round_exits_2(tmp_path):
    folder = make_round(tmp_path / "r", awards_csv="application_id,awarded_eur\nT1,-5\n")
    result = run("data", "show", str(folder))
    assert result.exit_code == 2
    assert "Error:" in result.output and "awards.csv, row 2, column 'awarded_eur'" in result.output


def test_show_rejects_unknown_format(tmp_path):
    result = run("data", "show", str(make_round(tmp_path / "r")), "--format", "xml")
    assert result.exit_code == 2


def test_check_2020():
    result = run("data", "check", str(ROUND_2020))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "problem:" not in out
    assert "applications                61" in out
    assert "16,100,330.45 € requested" in out
    assert "awards                      29" in out
    assert "9,694,600 € awarded" in out


def test_check_2020_in_finnish():
    result = run("data", "check", str(ROUND_2020), "--lang", "fi")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "kunnossa" in out and "16\u00a0100\u00a0330,45\u00a0€ haettu" in out
    assert "myönnetyt avustukset" in out and "mukana olevat maakunnat" in out
    assert "requested" not in out and "awarded" not in out


def test_check_default_round_is_data_2020(monkeypatch):
    monkeypatch.chdir(ROUND_2020.parents[1])
    result = run("data", "check")
    assert result.exit_code == 0, result.output
    assert "Round data/2020: OK" in result.output


def test_show_2020():
    result = run("data", "show", str(ROUND_2020), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 61
    assert round(sum(d["requested_eur"] for d in data), 2) == 16_100_330.45
    awarded = [d["awarded_eur"] for d in data if d["awarded_eur"] is not None]
    assert len(awarded) == 29 and sum(awarded) == 9_694_600
    first = data[0]
    assert (first["id"], first["lead"], first["lead_region"], first["municipalities"]) == (
        "2020-01", "Akaa", "Pirkanmaa", 3)


# --- a scenario: everything `run` reads, checked without solving (issue 19) ---------------

SCENARIO = """\
[scenario]
name = "check"
round = "r"

[scoring]
source = "scores.csv"
"""
CRITERION = '\n[[criteria]]\nid = "quality"\nen = "Quality"\nscale = [0, 5]\n'
SCORES = "application_id,criterion,score\nT1,quality,4\nT2,quality,3\n"


def make_scenario(folder: Path, extra: str = "") -> Path:
    make_round(folder / "r", call_toml=CALL + CRITERION, scores_csv=SCORES)
    path = folder / "s.toml"
    path.write_text(SCENARIO + extra, encoding="utf-8")
    return path


def test_check_scenario_reads_its_round_and_says_ok(tmp_path):
    result = run("data", "check", str(make_scenario(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "Scenario " in result.output and "on the round" in result.output
    assert "OK (checked without solving)" in result.output
    assert "'Tuku' read as Turku (853)" in result.output  # the round's notes too


def test_check_scenario_finds_a_pool_run_rejects(tmp_path):
    pool = ('\n[[budget.pools]]\nname = "x"\nappropriation_eur = 100000\n'
            'target_areas = ["sevrices"]\n')
    path = make_scenario(tmp_path, pool)
    result = run("data", "check", str(path))
    assert result.exit_code == 1, result.output
    assert "problem: s.toml: budget.pools" in result.output, result.output
    assert "'sevrices'" in result.output
    ran = run("run", str(path))
    assert ran.exit_code == 2 and "'sevrices'" in ran.output  # the same finding


def test_check_scenario_names_a_pool_that_admits_nothing(tmp_path):
    pool = ('\n[[budget.pools]]\nname = "tiny towns"\nappropriation_eur = 100000\n'
            'max_lead_population = 10\n')
    result = run("data", "check", str(make_scenario(tmp_path, pool)))
    assert result.exit_code == 0, result.output
    assert "note: s.toml: " in result.output and "tiny towns" in result.output


def test_check_scenario_finds_years_run_rejects(tmp_path):
    years = '\n[budget.years]\n2021 = 100000\n2022 = 100000\nyear_split = [0.5, 0.6]\n'
    path = make_scenario(tmp_path, years)
    result = run("data", "check", str(path))
    ran = run("run", str(path))
    assert ran.exit_code == 2, ran.output
    assert result.exit_code == 1, result.output
    assert ran.output.strip().splitlines()[0].split(": ", 1)[1] in result.output


def test_check_scenario_with_set_and_in_finnish(tmp_path):
    path = make_scenario(tmp_path)
    result = run("data", "check", str(path), "--set", "budget.appropriation=-5", "--lang", "fi")
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    misuse = run("data", "check", str(make_round(tmp_path / "r2")), "--set", "budget.rounding=1")
    assert misuse.exit_code == 2 and "SCENARIO.toml" in misuse.output
