"""`grantopt run` end to end on the 2020 round and on a filled scoring sheet."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_json(*args: str) -> dict:
    result = invoke("run", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_baseline_is_optimal_within_the_appropriation_and_labelled_proxy():
    doc = run_json(str(BASELINE))
    assert doc["status"] == "optimal"
    assert doc["budget_eur"] == 10_000_000
    assert 0 < doc["spent_eur"] <= 10_000_000
    assert doc["spent_eur"] == pytest.approx(sum(f["award_eur"] for f in doc["funded"]))
    assert all(f["award_eur"] % 100 == 0 for f in doc["funded"])
    assert doc["score_source"] == "proxy"
    assert "not an evaluation" in doc["score_label"]
    assert {"scenario", "objective", "solver", "gap", "audit"} <= set(doc)
    assert doc["audit"]["versions"]["grantopt"]
    # The four single-party applications and the three built-environment ones are out.
    excluded = {e["id"] for e in doc["excluded"]}
    assert {"2020-17", "2020-19", "2020-36", "2020-56", "2020-39"} <= excluded


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.stem for s in SCENARIOS])
def test_every_shipped_scenario_runs(scenario: Path):
    doc = run_json(str(scenario))
    assert doc["status"] == "optimal"
    assert doc["spent_eur"] <= doc["budget_eur"]


def test_budget_option_and_both_solvers_agree():
    cbc = run_json(str(BASELINE), "--budget", "8e6")
    highs = run_json(str(BASELINE), "--budget", "8e6", "--solver", "highs")
    assert cbc["budget_eur"] == 8e6
    assert cbc["objective"] == pytest.approx(highs["objective"], abs=1e-6)


def test_table_output_names_totals_and_the_proxy():
    result = invoke("run", str(BASELINE))
    assert result.exit_code == 0
    assert "proxy score computed from data" in result.output
    assert "Budget 10,000,000 €" in result.output
    assert "verified against every rule" in result.output


def test_the_table_names_what_a_person_reads_plainly_not_by_its_key():
    """The objective, the solver and the changes on top of the file by their plain names;
    the JSON keeps the keys machines read."""
    out = invoke("run", str(BASELINE), "--budget", "9e6", "--set", "coverage.min_regions=3",
                 "--solver", "highs").output
    assert out.startswith("Scenario: 2020 baseline: the call as decided; appropriation "
                          "9,000,000 €; integer-program solver: HiGHS; regions covered, at "
                          "least 3; how the optimum is found: integer program\n")
    assert "; value 22.223 (the sum of project scores)\n" in out
    assert "Status optimal; solver HiGHS, " in out
    doc = run_json(str(BASELINE), "--budget", "9e6", "--solver", "highs")
    assert doc["scenario"] == ("2020 baseline: the call as decided, with budget.appropriation"
                               " = 9,000,000; solver.name = highs; solver.method = ip")
    assert doc["solver"] == "highs"


def test_infeasible_variant_prints_a_diagnosis_and_exits_1():
    result = CliRunner().invoke(main, ["run", str(BASELINE), "--set",
                                       "coverage.min_regions=19"])
    assert result.exit_code == 1
    assert "Infeasible" in result.stderr
    assert "at least 19 regions covered" in result.stderr
    assert "Traceback" not in result.output


def test_misspelt_key_is_a_clear_error():
    result = CliRunner().invoke(main, ["run", str(BASELINE), "--set",
                                       "coverage.min_region=3"])
    assert result.exit_code == 2
    assert "min_regions" in result.stderr
    assert "Traceback" not in result.output


def test_out_writes_the_result_and_its_record_and_refuses_input_folders(tmp_path: Path):
    out = tmp_path / "out"
    result = invoke("run", str(BASELINE), "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".grantopt-result", "allocation.csv",
                                                     "allocation.xlsx", "audit.json",
                                                     "result.json", "scenario.toml"]
    doc = json.loads((out / "result.json").read_text(encoding="utf-8"))
    csv_lines = (out / "allocation.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 1 + len(doc["funded"])
    assert "proxy" in csv_lines[1]
    sheet = load_workbook(out / "allocation.xlsx")["allocation"]
    assert sheet.max_row == 1 + 61 + 1  # every application of the round, header and totals
    refused = CliRunner().invoke(main, ["run", str(BASELINE), "--out", str(ROOT / "data/2020")])
    assert refused.exit_code == 4
    assert "input files" in refused.stderr


def test_show_scenario_prints_the_resolved_toml():
    result = invoke("run", str(ROOT / "scenarios" / "2020-partial.toml"), "--show-scenario",
                    "--set", "coverage.min_regions=3")
    assert result.exit_code == 0
    assert 'mode = "partial"' in result.output
    assert "min_regions = 3" in result.output


def test_a_filled_scoring_sheet_drives_the_run(tmp_path: Path):
    sheet = tmp_path / "sheet.xlsx"
    assert invoke("scores", "template", str(ROOT / "data/2020"), "-o", str(sheet)).exit_code == 0
    wb = load_workbook(sheet)
    ws = wb["scores"]
    header = [c.value for c in ws[1]]
    first = header.index("requested_eur") + 1
    # Test scores, made up for this test only: 5 for the first ten applications, else 1.
    for r, row in enumerate(ws.iter_rows(min_row=2), start=1):
        for cell in row[first:]:
            cell.value = 5 if r <= 10 else 1
    wb.save(sheet)
    scenario = tmp_path / "sheet.toml"
    scenario.write_text(f'[scenario]\nname = "sheet"\nextends = "{BASELINE.as_posix()}"\n'
                        f'[scoring]\nsource = "{sheet.as_posix()}"\n', encoding="utf-8")
    doc = run_json(str(scenario))
    assert doc["score_source"] == "sheet"
    assert "proxy" not in doc["score_label"]
    scores = {f["id"]: f["score"] for f in doc["funded"]}
    assert set(scores.values()) <= {0.2, 1.0}


def test_outputs_are_readable_like_any_file_the_user_makes(tmp_path: Path):
    import os
    import stat

    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert invoke("run", str(BASELINE), "--out", str(out)).exit_code == 0
    finally:
        os.umask(old)
    mode = stat.S_IMODE((out / "result.json").stat().st_mode)
    assert mode == 0o644


@pytest.mark.parametrize("command", ["frontier", "robustness", "compare"])
def test_analyses_refuse_to_write_into_the_round_folder(command: str):
    args = [command, str(BASELINE), "--out", str(ROOT / "data/2020")]
    if command == "robustness":
        args += ["--samples", "3"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4, result.output
    assert "input files" in result.stderr


def test_robustness_resamples_the_evaluators_of_a_long_sheet(tmp_path: Path):
    import csv
    import tomllib

    call = tomllib.loads((ROOT / "data/2020/call.toml").read_text(encoding="utf-8"))
    criteria = [c["id"] for c in call["criteria"]]
    ids = [f"2020-{i:02d}" for i in range(1, 62)]
    sheet = tmp_path / "panel.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application_id", "criterion", "score", "evaluator"])
        # Test scores, made up for this test only: two evaluators who disagree.
        for n, app_id in enumerate(ids):
            for crit in criteria:
                writer.writerow([app_id, crit, n % 6, "anna"])
                writer.writerow([app_id, crit, (n * 7) % 6, "bertil"])
    scenario = tmp_path / "panel.toml"
    scenario.write_text(f'[scenario]\nname = "panel"\nextends = "{BASELINE.as_posix()}"\n'
                        f'[scoring]\nsource = "{sheet.as_posix()}"\n'
                        "[robustness]\nresample_evaluators = true\n", encoding="utf-8")
    result = invoke("robustness", str(scenario), "--samples", "30", "--seed", "5",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["evaluators"] == 2 and doc["score_source"] == "sheet"
    shares = {row["id"]: row["index"] for row in doc["items"]}
    assert any(0 < s < 1 for s in shares.values())  # the panel draw moves some awards
    table = invoke("robustness", str(scenario), "--samples", "30", "--seed", "5")
    assert "a resampled panel of 2 evaluators" in table.output


@pytest.mark.parametrize("given", ["absolute", "relative", "bare name"])
def test_a_sheet_path_in_a_scenario_is_relative_to_the_scenario_file(
        tmp_path: Path, monkeypatch, given: str):
    import csv

    template = tmp_path / "sheet.csv"
    assert invoke("scores", "template", str(ROOT / "data/2020"), "-o",
                  str(template)).exit_code == 0
    rows = list(csv.reader(template.open(encoding="utf-8-sig")))
    first = rows[0].index("requested_eur") + 1
    with template.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        for row in rows[1:]:  # test scores, made up for this test only
            writer.writerow([*row[:first], *(["3"] * (len(row) - first))])
    scenario = tmp_path / "relative.toml"
    scenario.write_text(f'[scenario]\nname = "relative"\nextends = "{BASELINE.as_posix()}"\n'
                        '[scoring]\nsource = "sheet.csv"\n', encoding="utf-8")
    # The scenario as a user types it: from its folder, from the folder above, or absolute.
    monkeypatch.chdir(tmp_path.parent if given == "relative" else tmp_path)
    typed = {"absolute": str(scenario), "relative": f"{tmp_path.name}/relative.toml",
             "bare name": "relative.toml"}[given]
    doc = run_json(typed)
    assert doc["score_source"] == "sheet"
    assert {f["score"] for f in doc["funded"]} == {0.6}


def test_participants_basis_counts_18_regions_and_splits_the_euros():
    result = invoke("run", str(BASELINE), "--set", "coverage.region_basis=participants",
                    "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["regions_covered"] == 18 and doc["region_basis"] == "participants"
    assert sum(r["award_eur"] for r in doc["regions"]) == pytest.approx(doc["spent_eur"])


def test_scores_keep_full_precision_in_json_and_are_rounded_once_in_the_table():
    doc = json.loads(invoke("run", str(BASELINE), "--format", "json").stdout)
    score = {f["id"]: f["score"] for f in doc["funded"]}["2020-04"]
    assert round(score, 5) == 0.44248  # not cut to 4 decimals
    table = invoke("run", str(BASELINE)).output
    line = next(ln for ln in table.splitlines() if ln.startswith("2020-04"))
    assert " 0.442 " in line  # rounded once: 0.44248 -> 0.442, never 0.4425 -> 0.443


def test_a_name_that_matches_no_municipality_is_said_in_every_output(tmp_path: Path):
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "applications.csv").write_text(
        "id,applicant,project,requested_eur,partners\n"
        "T1,Helsingin kaupunki,Portaali,100000,Espoo;Nowhereville\n"
        "T2,Espoon kaupunki,Osallistuminen,80000,Vantaa\n", encoding="utf-8")
    call = (ROOT / "data" / "2020" / "call.toml").read_text(encoding="utf-8")
    (folder / "call.toml").write_text("[call]\nappropriation_eur = 150000\n"
                                      "rounding_eur = 100\nmin_parties = 2\n\n"
                                      + call[call.index("[[proxies]]"):], encoding="utf-8")
    scenario = tmp_path / "s.toml"
    scenario.write_text('[scenario]\nname = "s"\nround = "round"\n', encoding="utf-8")
    note = "application T1: 'Nowhereville' matches no municipality in the register"
    table = invoke("run", str(scenario))
    assert table.exit_code == 0, table.output
    assert note in table.output
    doc = json.loads(invoke("run", str(scenario), "--format", "json").stdout)
    assert any(note in n for n in doc["notes"])
    assert any(note in n for n in json.loads(
        invoke("frontier", str(scenario), "--format", "json").stdout)["notes"])
    scores = invoke("scores", "show", str(folder))
    assert note in scores.output
    assert any(note in n for n in json.loads(
        invoke("scores", "show", str(folder), "--format", "json").stdout)["notes"])
