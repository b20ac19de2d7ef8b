"""`grantopt frontier` and `grantopt robustness` on a tiny round cut from data/2020."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Funded and rejected applications, and one out of scope (2020-19 is a sote project).
IDS = ("2020-02", "2020-05", "2020-08", "2020-09", "2020-15", "2020-19", "2020-30",
       "2020-53")
FILES = ("applications.csv", "participants.csv", "awards.csv")


def _cut(src: Path, dst: Path, key: str) -> None:
    with src.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if r[key] in IDS]
        fields = reader.fieldnames
    with dst.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("tiny")
    folder = base / "round"
    folder.mkdir()
    src = ROOT / "data" / "2020"
    for name in FILES:
        _cut(src / name, folder / name, "id" if name == "applications.csv" else "application_id")
    call = (src / "call.toml").read_text(encoding="utf-8")
    (folder / "call.toml").write_text(call.split("[totals]")[0] + _after_totals(call),
                                      encoding="utf-8")
    path = base / "tiny.toml"
    path.write_text(
        '[scenario]\nname = "tiny"\nround = "round"\n\n'
        "[budget]\nappropriation = 600_000\nrounding = 100\n\n"
        '[scoring]\nsource = "proxy"\n\n'
        "[robustness]\nsamples = 60\nseed = 7\n", encoding="utf-8")
    return path


def _after_totals(call: str) -> str:
    """call.toml without its [totals] table (they describe all 61 applications)."""
    rest = call.split("[totals]", 1)[1]
    return rest[rest.index("\n[") + 1:] if "\n[" in rest else ""


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_frontier_table(scenario):
    result = invoke("frontier", str(scenario), "--points", "5")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Scenario: tiny" in out and "Scores: proxy" in out
    assert "knapsack DP" in out and "Actual decision:" in out
    assert "600,000 € *" in out  # the scenario's appropriation is a point


def test_frontier_json_csv_and_files(scenario, tmp_path):
    result = invoke("frontier", str(scenario), "--points", "4", "--format", "json",
                    "--min", "100000", "--max", "900000", "--out", str(tmp_path))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["score_source"] == "proxy" and doc["method"] == "dp"
    budgets = [p["budget_eur"] for p in doc["points"]]
    assert budgets[0] == 100_000 and budgets[-1] == 900_000 and 600_000 in budgets
    values = [p["optimal"]["value"] for p in doc["points"]]
    assert values == sorted(values)
    assert doc["actual"]["funded"] >= 1
    for name in ("frontier.csv", "frontier.png", "frontier.svg", "coverage.csv",
                 "coverage.png", "coverage.svg"):
        assert (tmp_path / name).is_file(), name
    csv_out = invoke("frontier", str(scenario), "--points", "3", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("series,budget_eur,value")
    assert csv_out.rstrip().endswith(",proxy")


def test_frontier_with_a_coverage_rule_uses_the_ip(scenario):
    result = invoke("frontier", str(scenario), "--points", "3", "--format", "json",
                    "--set", "coverage.min_regions=2")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["method"] == "ip"


def test_frontier_bad_range_is_a_clear_error(scenario):
    result = invoke("frontier", str(scenario), "--min", "900000", "--max", "100000")
    assert result.exit_code == 2 and "swap --min and --max" in result.output


def test_robustness_table_json_and_files(scenario, tmp_path):
    result = invoke("robustness", str(scenario), "--samples", "80", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Solving draws" in result.output  # the progress bar, on stderr
    assert "acceptability" in result.output and "Scores: proxy" in result.output
    assert "2020-19" in result.output  # out of scope: listed as not analysed
    for name in ("acceptability.csv", "acceptability.png", "acceptability.svg"):
        assert (tmp_path / name).is_file()
    one = invoke("robustness", str(scenario), "--format", "json")
    two = invoke("robustness", str(scenario), "--format", "json", "--workers", "2")
    doc = json.loads(one.stdout)
    assert doc["samples"] == 60 and doc["seed"] == 7 and doc["score_source"] == "proxy"
    assert json.loads(two.stdout)["items"] == doc["items"]
    assert "Solving draws" not in one.output
    assert {"actual_funded", "index", "category"} <= set(doc["items"][0])


def test_a_long_list_of_ids_ends_with_how_many_more():
    from optimizer.cli.output import ids_text
    from optimizer.vocabulary.words import Words

    ids = [f"S{k:05d}" for k in range(45)]
    assert ids_text(ids[:40], Words("en")) == " ".join(ids[:40])
    assert ids_text(ids, Words("en")) == " ".join(ids[:40]) + " … and 5 more"
    assert ids_text(ids, Words("fi"), ", ").endswith("S00039 … ja 5 muuta")
