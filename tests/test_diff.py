"""Scenarios side by side (`grantopt diff`, Study.diff), what a rule does (`explain --rule`),
and the record every output carries: a rerun of the written scenario.toml gives the same
result, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer import Study
from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"

# Scores from a sheet (one criterion q on 0..10), so every optimum is hand-checkable.
APPLICATIONS = """\
id,applicant,project,requested_eur,partners
A,Helsingin kaupunki,Alfa,100000,Espoo
B,Espoon kaupunki,Beta,150000,Vantaa
C,Oulun kaupunki,Gamma,120000,Kempele
D,Oulun kaupunki,Delta,80000,Liminka
"""
SCORES = "application_id,q\nA,9\nB,8\nC,6\nD,3\n"
CALL = """\
[call]
appropriation_eur = 300000
rounding_eur = 100
min_parties = 2

[[criteria_groups]]
id = "g"

[[criteria]]
id = "q"
group = "g"
scale = [0, 10]
"""


@pytest.fixture
def scenario(tmp_path) -> Path:
    folder = tmp_path / "round"
    folder.mkdir()
    for name, text in (("applications.csv", APPLICATIONS), ("scores.csv", SCORES),
                       ("call.toml", CALL)):
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text('[scenario]\nname = "hand"\nround = "round"\n', encoding="utf-8")
    return path


def test_diff_of_two_hand_made_scenarios(scenario):
    # 300,000 €: A + C + D = 0.9 + 0.6 + 0.3 = 1.8 beats A + B = 1.7.
    # 250,000 €: A + B = 1.7 beats A + C = 1.5. So B enters, C and D leave.
    base = Study.from_file(scenario)
    assert sorted(base.solve().funded) == ["A", "C", "D"]
    d = base.diff(base.with_changes(budget=250_000))
    assert d.ids("enters") == ("B",) and d.ids("leaves") == ("C", "D")
    assert d.ids("changes") == ()
    assert d.comparable and d.value_change == pytest.approx(1.7 - 1.8)
    shifts = {r.region: r.change_eur for r in d.regions}
    assert shifts == {"Uusimaa": 150_000, "Pohjois-Pohjanmaa": -200_000}
    b = next(m for m in d.moves if m.id == "B")
    assert (b.base_eur, b.other_eur, b.project, b.score) == (0.0, 150_000, "Beta", 0.8)


def test_diff_says_when_values_are_measured_differently(scenario):
    base = Study.from_file(scenario)
    d = base.diff(base.with_changes(objective={"kind": "score_euros"}))
    assert not d.comparable and d.value_change is None


def test_diff_command_takes_each_scenarios_own_overrides(scenario, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["diff", str(scenario),
                                       f"{scenario}::budget.appropriation=250000",
                                       "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["diffs"][0]["enters"] == ["B"] and doc["diffs"][0]["leaves"] == ["C", "D"]
    assert doc["scenarios"][1] == "hand, with budget.appropriation = 250,000"
    assert {p.name for p in out.iterdir()} == {"diff.json", "diff.csv", "scenario-A.toml",
                                               "scenario-B.toml", ".grantopt-result"}
    table = CliRunner().invoke(main, ["diff", str(scenario),
                                      f"{scenario}::budget.appropriation=250000"])
    assert "+ B Espoon kaupunki: Beta, 0 € -> 150,000 €" in table.output
    assert "Pohjois-Pohjanmaa" in table.output and "−200,000 €" in table.output
    csv = CliRunner().invoke(main, ["diff", str(scenario),
                                    f"{scenario}::budget.appropriation=250000",
                                    "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("base,other,id,label")


def test_what_a_rule_does(scenario):
    # At most 40 % of 300,000 € (120,000 €) led from one region: Pohjois-Pohjanmaa's
    # C + D (200,000 €) no longer fit together; A + C = 1.5 (220,000 €) is best.
    study = Study.from_file(scenario, sets=["coverage.max_region_share=0.4"])
    effect = study.explain_rule("coverage.max_region_share")
    assert effect.diff.ids("leaves") == ("D",) and effect.diff.ids("enters") == ()
    assert effect.sentence.startswith(
        "The rule “share of the appropriation per region, at most 40 %” (default: none) "
        "moves euros into no region and out of Pohjois-Pohjanmaa (−80,000 €)")
    with pytest.raises(Exception, match="at its default"):
        study.explain_rule("coverage.min_regions")


def test_every_output_of_a_run_with_set_names_the_override(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(BASELINE), "--budget", "12e6",
                                       "--set", "coverage.min_projects_per_region=1",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    title = ("2020 baseline: the call as decided, with budget.appropriation = 12,000,000; "
             "coverage.min_projects_per_region = 1")
    # The table names the changes plainly; the files machines read keep the keys.
    assert ("Scenario: 2020 baseline: the call as decided; appropriation 12,000,000 €; "
            "projects in every region with applicants, at least 1") in result.stdout
    doc = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert doc["scenario"] == title
    keys = doc["audit"]["scenario"]
    assert keys["budget.appropriation"] == {"value": 12e6, "origin": "--budget"}
    assert keys["coverage.min_projects_per_region"]["origin"] == "--set"
    assert keys["funding.max_cost_share"]["origin"] == "call.toml"
    assert keys["scoring.source"]["origin"] == "2020-baseline.toml"
    roles = {i["role"] for i in doc["audit"]["inputs"]}
    assert roles == {"scenario", "round", "register"}
    assert all(len(i["sha256"]) == 64 for i in doc["audit"]["inputs"])
    assert doc["audit"]["versions"]["grantopt"]
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert audit["title"] == title
    toml = (out / "scenario.toml").read_text(encoding="utf-8")
    assert f'name = "{title}"' in toml and "# --budget" in toml
    from openpyxl import load_workbook

    wb = load_workbook(out / "allocation.xlsx")
    # a person reads the workbook: its title names the changes plainly
    assert wb["about"]["B1"].value == (
        "2020 baseline: the call as decided; appropriation 12,000,000 €; projects in every "
        "region with applicants, at least 1")
    sheet = {row[0]: row for row in wb["scenario"].iter_rows(values_only=True) if row[0]}
    assert sheet["budget.appropriation"][1:] == (12e6, "--budget")


def test_rerunning_the_written_scenario_reproduces_the_result(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(BASELINE), "--budget", "12e6", "--set",
                                "coverage.max_region_share=0.25",
                                "--out", str(first)]).exit_code == 0
    monkeypatch.chdir(tmp_path)  # from another folder: paths in scenario.toml are relative
    assert runner.invoke(main, ["run", "first/scenario.toml", "--out", "second"]).exit_code == 0
    assert (first / "allocation.csv").read_bytes() == (second / "allocation.csv").read_bytes()
    a, b = (json.loads((f / "result.json").read_text(encoding="utf-8"))
            for f in (first, second))
    audit_a, audit_b = a.pop("audit"), b.pop("audit")
    assert json.dumps(a) == json.dumps(b)  # everything but the provenance, byte for byte
    # The same scenario, key by key (the name is now the title; the round the same folder,
    # read from elsewhere: its files have the same SHA-256).
    values = {k: v["value"] for k, v in audit_a["scenario"].items()}
    again = {k: v["value"] for k, v in audit_b["scenario"].items()}
    assert again.pop("scenario.name") == a["scenario"] == b["scenario"]
    values.pop("scenario.name")
    values.pop("scenario.round"), again.pop("scenario.round")
    assert again == values
    rounds = [{i["sha256"] for i in audit["inputs"] if i["role"] == "round"}
              for audit in (audit_a, audit_b)]
    assert rounds[0] == rounds[1] and rounds[0]
    assert audit_b["scenario"]["budget.appropriation"]["origin"] == "scenario.toml"


# --- sentences that are right in every direction (issue 20) ---------------------------------


@pytest.mark.parametrize("lang,said", [
    ("en", "the portfolio's value falls from 1.800 to 1.500 (−0.300)."),
    ("fi", "jaon kokonaisarvo laskee arvosta 1,800 arvoon 1,500 (−0,300).")])
def test_a_rule_sentence_states_the_change_with_its_verb_and_sign(scenario, lang, said):
    # The 40 % cap of test_what_a_rule_does: A + C + D = 1.8 without it, A + C = 1.5 with it.
    result = CliRunner().invoke(main, ["explain", str(scenario), "--rule",
                                       "coverage.max_region_share", "--set",
                                       "coverage.max_region_share=0.4", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert said in " ".join(result.stdout.split())


@pytest.mark.parametrize("lang,said", [
    ("en", "The values are not compared, because the rule changes how value is measured."),
    ("fi", "Kokonaisarvoja ei verrata, koska sääntö muuttaa sitä, miten kokonaisarvo "
           "mitataan.")])
def test_a_rule_that_measures_value_otherwise_says_so_in_a_sentence(scenario, lang, said):
    from optimizer.analysis.diff import rule_sentence

    # Score × euros instead of scores: the optimum moves, the values cannot be compared.
    study = Study.from_file(scenario, sets=["objective.kind=score_euros"])
    d = study.explain_rule("objective.kind").diff
    assert not d.comparable and d.moves
    text = rule_sentence("objective.kind", "score_euros", "score", d, lang)
    assert text.endswith(said) and "1.8" not in text and "1,8" not in text
