"""`grantopt compare | explain | calibrate` on a tiny round folder and scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main

# T1-T4 are joint projects in four regions; T5 (one party, built environment) is excluded
# but was actually awarded 57 200 €. Actual awards: T1 and T2; the budget is 500 000 €.
APPLICATIONS = """\
id,applicant,project,requested_eur,partners,target_area,exclusion
T1,Akaan kaupunki,Prosessit,111350.00,Valkeakoski,services,
T2,Oulun kaupunki,Nuoriso,298507.00,Turku,participation,
T3,Espoon kaupunki,Kulttuuri,299000.00,Helsinki,services,
T4,Kajaanin kaupunki,Kokoukset,150000.00,Kuhmo,electronic_meetings,
T5,Karstulan kunta,Rakennusvalvonta,57239.00,,,built_environment
"""
PARTICIPANTS = """\
application_id,name,role,kind,municipality_code,note
T1,Akaan kaupunki,lead,municipality,020,
T1,Valkeakoski,partner,municipality,908,
T2,Oulun kaupunki,lead,municipality,564,
T2,Turku,partner,municipality,853,
T3,Espoon kaupunki,lead,municipality,049,
T3,Helsinki,partner,municipality,091,
T4,Kajaanin kaupunki,lead,municipality,205,
T4,Kuhmo,partner,municipality,290,
T5,Karstulan kunta,lead,municipality,226,
"""
AWARDS = "application_id,awarded_eur\nT1,111300\nT2,298500\nT5,57200\n"
CALL = """\
[call]
appropriation_eur = 500000
rounding_eur = 100

[[target_areas]]
id = "services"

[[target_areas]]
id = "participation"

[[target_areas]]
id = "electronic_meetings"

[[exclusions]]
code = "built_environment"
fi = "rakennettu ympäristö"
en = "built environment"

[[proxies]]
id = "reach"
indicator = "population"
scale = "log"
direction = "higher"
lower = 2000
upper = 2000000
weight = 0.5
en = "Reach"

[[proxies]]
id = "cost_per_resident"
indicator = "eur_per_resident"
scale = "log"
direction = "lower"
lower = 0.1
upper = 100
weight = 0.5
en = "Cost per resident"
"""
SCENARIO = """\
[scenario]
name = "tiny round"
round = "round"

[scoring]
source = "proxy"

[solver]
name = "cbc"
"""


@pytest.fixture
def scenario(tmp_path) -> Path:
    folder = tmp_path / "round"
    folder.mkdir()
    for name, text in (("applications.csv", APPLICATIONS), ("participants.csv", PARTICIPANTS),
                       ("awards.csv", AWARDS), ("call.toml", CALL)):
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "tiny.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_compare_table(scenario):
    result = run("compare", scenario)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Scores: proxy" in out
    assert "Efficiency (actual / optimal value):" in out
    assert "Fewest changes to an optimal portfolio:" in out
    assert "T5 (Karstulan kunta) 57,200 €" in out  # the award outside the instance
    assert "€" in out


def test_compare_json_and_outputs(scenario, tmp_path):
    out_dir = tmp_path / "out"
    result = run("compare", scenario, "--format", "json", "--out", out_dir,
                 "--set", "solver.name=highs")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"actual", "optimal", "efficiency", "overlap", "rules_broken", "fewest_changes",
            "awards_outside_instance", "rows", "regions", "score_source",
            "score_label"} <= set(data)
    assert data["score_source"] == "proxy"
    assert data["awards_outside_instance"][0]["id"] == "T5"
    assert data["actual"]["spent_eur"] == pytest.approx(111300 + 298500 + 57200)
    assert sorted(p.name for p in out_dir.iterdir()) == [
        ".grantopt-result", "audit.json", "compare.csv", "compare.json", "comparison.png",
        "comparison.svg", "regions.png", "regions.svg", "scenario.toml"]
    assert json.loads((out_dir / "compare.json").read_text(encoding="utf-8")) == data
    assert (out_dir / "compare.csv").read_text(encoding="utf-8").startswith(
        "id,lead,status,score,actual_eur,optimal_eur,change_eur,scores")


def test_compare_budget_option_changes_the_optimum(scenario):
    small = json.loads(run("compare", scenario, "--format", "json", "--budget", "200000").stdout)
    assert small["budget_eur"] == 200000.0
    assert small["optimal"]["spent_eur"] <= 200000.0


def test_explain_ids_and_json(scenario):
    result = run("explain", scenario, "T1", "T5")
    assert result.exit_code == 0, result.output
    assert "Scores: proxy" in result.stdout and "T5" in result.stdout
    assert "built environment" in result.stdout
    data = json.loads(run("explain", scenario, "--format", "json").stdout)
    assert {"optimal_value", "rows", "budget_binding", "slack_eur", "score_source",
            "score_label"} <= set(data)
    assert [r["id"] for r in data["rows"]] == ["T1", "T2", "T3", "T4", "T5"]
    assert {"loss", "score_change", "bindings", "reasons", "status"} <= set(data["rows"][0])


def test_explain_unknown_id_is_a_usage_error(scenario):
    result = run("explain", scenario, "T9")
    assert result.exit_code == 2
    assert "unknown application id 'T9'" in result.output


def test_calibrate_json_is_reproducible(scenario):
    args = ("calibrate", scenario, "--samples", "3", "--seed", "5", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data == json.loads(second.stdout)
    assert {"best", "current", "tried", "unexplained_awards", "unexplained_rejections",
            "actual_outside_instance", "seed", "score_source", "score_label"} <= set(data)
    assert data["seed"] == 5 and data["actual_outside_instance"] == ["T5"]
    assert set(data["best"]["weights"]) == {"reach", "cost_per_resident"}


def test_calibrate_table(scenario):
    result = run("calibrate", scenario, "--samples", "2")
    assert result.exit_code == 0, result.output
    assert "Weightings tried:" in result.stdout and "closest weights" in result.stdout
    assert "Scores: proxy" in result.stdout


def test_infeasible_scenario_exits_1(scenario):
    result = run("compare", scenario, "--budget", "100000", "--set",
                 'locks.fund=["T2"]')
    assert result.exit_code == 1
    assert "Infeasible" in result.output


def test_compare_2020_shows_efficiency_under_both_objectives():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = CliRunner().invoke(main, ["compare", str(root / "scenarios" / "2020-baseline.toml")])
    assert out.exit_code == 0, out.output
    assert "favours many smaller projects" in out.output
    lines = [ln for ln in out.output.splitlines() if ln.startswith("the sum of")]
    assert "62.2 %" in lines[0] and " 31 " in lines[0] and "(this scenario)" in lines[0]
    assert "85.1 %" in lines[1] and " 25 " in lines[1]
