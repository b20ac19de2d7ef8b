"""`grantopt scores template | combine | show`, on a hand-built round (and on data/2020)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import optimizer.cli.scores as scores_cli
import optimizer.scoring.load as scoring_load
from optimizer.cli import main
from optimizer.scoring import PROXY_LABEL
from tests.test_scoring import PROFILES, WIDE_OK, evaluator_sheets, make_round, write_csv

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def round_dir(tmp_path, monkeypatch) -> Path:
    """A round folder whose reading is replaced by the hand-built test round."""
    folder = tmp_path / "round"
    folder.mkdir()
    rnd = make_round(folder)
    monkeypatch.setattr(scores_cli, "_read_round", lambda path: rnd)
    monkeypatch.setattr(scoring_load, "round_profiles", lambda r: PROFILES)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["scores", *args])


def test_template_writes_and_refuses_to_overwrite(round_dir, tmp_path):
    out = tmp_path / "sheet.xlsx"
    result = run("template", str(round_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output and out.is_file()
    again = run("template", str(round_dir), "-o", str(out))
    assert again.exit_code == 4 and "exists; add --force" in again.output
    assert run("template", str(round_dir), "-o", str(out), "--force").exit_code == 0
    result = run("template", str(round_dir), "-o", str(tmp_path / "sheet.csv"))
    assert result.exit_code == 0 and "sheet.criteria.csv" in result.output


def test_combine_prints_disagreements(round_dir, tmp_path):
    sheets = [str(p) for p in evaluator_sheets(tmp_path)]
    out = tmp_path / "combined.csv"
    result = run("combine", *sheets, "-o", str(out), "--round", str(round_dir),
                 "--method", "median", "--spread", "1.5")
    assert result.exit_code == 0, result.output
    assert "evaluators anna, ben, cecilia, by median" in result.output
    assert "3 disagreement(s) larger than 1.5 scale points" in result.output
    lines = result.output.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith("application"))):]
    assert table[0].split() == ["application", "criterion", "min", "max", "spread", "scores"]
    assert table[2].split()[:5] == ["H2", "a2", "0.000", "5.000", "5.000"]
    assert "anna 0, ben 2.5, cecilia 5" in table[2]
    assert out.is_file() and (tmp_path / "combined.disagreements.csv").is_file()
    again = run("combine", *sheets, "-o", str(out), "--round", str(round_dir), "--spread", "9")
    assert again.exit_code == 4 and "exists; add --force" in again.output
    quiet = run("combine", *sheets, "-o", str(out), "--round", str(round_dir), "--spread", "9",
                "--force")
    assert "No disagreements larger than 9 scale points." in quiet.output
    assert not (tmp_path / "combined.disagreements.csv").exists()  # the stale one is gone
    for inside in (round_dir / "applications.csv", round_dir / "combined.csv", Path(sheets[0])):
        refused = run("combine", *sheets, "-o", str(inside), "--round", str(round_dir),
                      "--force")
        assert refused.exit_code == 4 and "one of your inputs" in refused.output


def test_combine_errors_name_the_cell(round_dir, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [["application_id", "a1", "a2", "b1"],
                                           ["H1", 1, 1, 9], ["H2", 1, 1, 1], ["H3", 1, 1, 1]])
    result = run("combine", str(bad), "-o", str(tmp_path / "o.csv"), "--round", str(round_dir))
    assert result.exit_code == 2
    assert "bad.csv, row 2, column 'b1'" in result.output and "(value: '9')" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_show_proxy_is_labelled_in_every_format(round_dir, fmt):
    result = run("show", str(round_dir), "--source", "proxy", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert PROXY_LABEL in result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["score_source"] == "proxy" and data["label"] == PROXY_LABEL
        first = data["applications"][0]
        assert first["application_id"] == "H2" and first["score"] == pytest.approx(0.8)
        assert data["applications"][-1]["raw"]["cost_per_resident"] is None  # +inf
        assert [c["weight"] for c in data["criteria"]] == pytest.approx(
            [0.25, 0.2, 0.2, 0.15, 0.2])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert {r["score_source"] for r in rows} == {"proxy"}
        assert {r["label"] for r in rows} == {PROXY_LABEL}
        h1 = next(r for r in rows if r["application_id"] == "H1")
        assert h1["reach_raw"] == "50000" and h1["cost_per_resident_raw"] == "2"
        assert float(h1["score"]) == pytest.approx(0.521786, abs=1e-6)
    else:
        assert result.output.startswith(f"PROXY SCORES: {PROXY_LABEL}")
        assert "Weights: cooperation 0.250, reach 0.200" in result.output
        assert result.output.rstrip().endswith(f"Note: {PROXY_LABEL}.")
        h1 = next(x for x in result.output.splitlines() if x.startswith("H1"))
        assert h1.split()[-1] == "0.522"


def test_show_default_source_is_proxy(round_dir):
    assert PROXY_LABEL in run("show", str(round_dir)).output


def test_show_sheet_with_weights(round_dir, tmp_path):
    sheet = write_csv(tmp_path / "mine.csv", WIDE_OK)
    result = run("show", str(round_dir), "--source", str(sheet), "--weight", "A=1",
                 "--weight", "b1=0", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["label"] for r in rows} == {"scores from mine.csv"}
    assert {r["score_source"] for r in rows} == {"sheet"}
    assert PROXY_LABEL not in result.output
    h1 = next(r for r in rows if r["application_id"] == "H1")
    # H1: a1 5 -> 1.0, a2 2.5 -> 0.5, b1 weight 0: (1.0 + 0.5) / 2
    assert float(h1["score"]) == pytest.approx(0.75)
    table = run("show", str(round_dir), "--source", str(sheet))
    assert table.output.startswith("Score source: scores from mine.csv")


def test_show_bad_weight(round_dir):
    result = run("show", str(round_dir), "--weight", "reach")
    assert result.exit_code == 2 and "KEY=VALUE" in result.output
    result = run("show", str(round_dir), "--weight", "rech=1")
    assert result.exit_code == 2 and "Did you mean 'reach'" in result.output


ROUND_2020 = ROOT / "data" / "2020"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_show_2020_proxy_is_labelled(fmt):
    result = CliRunner().invoke(main, ["scores", "show", str(ROUND_2020), "--source", "proxy",
                                       "--format", fmt])
    assert result.exit_code == 0, result.output
    assert PROXY_LABEL in result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["score_source"] == "proxy" and len(data["applications"]) == 61


def test_template_2020_csv(tmp_path):
    out = tmp_path / "t.csv"
    result = CliRunner().invoke(main, ["scores", "template", str(ROUND_2020), "-o", str(out)])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:4] == ["application_id", "lead", "project", "requested_eur"]
    assert header[4] == "a1_operational_impacts" and len(header) == 20
