"""`grantopt data synth`: synthetic rounds shaped like 2020's, valid at any size."""

from __future__ import annotations

import json
import math
import statistics
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import Study
from optimizer.cli import main
from optimizer.formats.synth import (
    APPLICATION_COLUMNS,
    FILES,
    SCORE_COLUMNS,
    fit_shape,
    synth_round,
    write_synth_round,
)
from optimizer.model.solve import solve
from optimizer.model.verify import verify
from optimizer.readers import check_round, load_register, read_round

ROUND_2020 = Path(__file__).resolve().parents[1] / "data" / "2020"


@pytest.fixture(scope="module")
def like():
    return read_round(ROUND_2020)


def _synth(args: list[str]) -> str:
    result = CliRunner().invoke(main, ["data", "synth", "--like", str(ROUND_2020), *args])
    assert result.exit_code == 0, result.output
    return result.output


# --- the shape ---------------------------------------------------------------------


def test_the_shape_is_fitted_to_2020(like):
    shape = fit_shape(like)
    assert (shape.min_request, shape.max_request) == (18_700, 1_090_125)
    assert shape.log_mean == pytest.approx(12.1086, abs=1e-4)
    assert shape.log_sd == pytest.approx(0.9331, abs=1e-4)
    assert len(shape.partner_counts) == 61 and max(shape.partner_counts) == 20
    assert shape.exclusion_share == pytest.approx(3 / 61)
    assert shape.budget_share == pytest.approx(10_000_000 / 16_100_330.45)
    assert "Ahvenanmaa" not in shape.regions and len(shape.regions) == 18
    assert dict(shape.target_areas)[None] == 16


def test_a_large_round_is_shaped_like_2020(like):
    rnd = synth_round(5000, 7, like)
    shape = fit_shape(like)
    requests = [float(a[3]) for a in rnd.applications]
    assert min(requests) >= 18_700 and max(requests) <= 1_090_125
    assert statistics.median(requests) == pytest.approx(math.exp(shape.log_mean), rel=0.1)
    # partners per project: drawn from 2020's own counts
    partners = Counter(p[0] for p in rnd.participants if p[2] == "partner")
    counts = [partners[a[0]] for a in rnd.applications]
    assert max(counts) <= 20
    assert statistics.mean(counts) == pytest.approx(statistics.mean(shape.partner_counts),
                                                    rel=0.1)
    assert counts.count(0) / len(counts) == pytest.approx(4 / 61, abs=0.02)
    # the appropriation binds as in 2020: about 62 % of the total requested
    assert rnd.requested_eur == pytest.approx(math.fsum(requests))
    assert rnd.appropriation_eur / rnd.requested_eur == pytest.approx(0.621, abs=0.001)
    assert rnd.appropriation_eur % 100 == 0
    excluded = sum(1 for a in rnd.applications if a[6])
    assert excluded / len(requests) == pytest.approx(3 / 61, abs=0.015)
    areas = Counter(a[5] for a in rnd.applications)
    assert set(areas) <= {"", *(t.id for t in like.call.target_areas)}
    assert areas[""] / len(requests) == pytest.approx(16 / 61, abs=0.03)
    # the drawn decision spends most of the appropriation, and never more
    assert 0.95 * rnd.appropriation_eur <= rnd.awarded_eur <= rnd.appropriation_eur


@settings(max_examples=25)
@given(n=st.integers(1, 120), seed=st.integers(0, 2**32 - 1))
def test_every_round_is_valid_by_construction(like, n, seed):
    rnd = synth_round(n, seed, like)
    register = load_register()
    ids = [a[0] for a in rnd.applications]
    assert len(set(ids)) == n and len(rnd.applications[0]) == len(APPLICATION_COLUMNS)
    apps = {a[0]: a for a in rnd.applications}
    for a in rnd.applications:
        assert 18_700 <= float(a[3]) <= 1_090_125
        names = [a[1], *(p for p in a[4].split("; ") if p)]
        found = [register.find(name) for name in names]
        assert None not in found  # every name resolves
        assert len({m.code for m in found}) == len(names)  # no party twice
    for app_id, name, role, kind, code in rnd.participants:
        assert register.find(name).code == code and kind == "municipality"
        assert (role == "lead") == (name == apps[app_id][1])
    spent = 0.0
    for app_id, eur, _item in rnd.awards:
        app, award = apps[app_id], float(eur)
        assert award % 100 == 0 and 0 < award <= float(app[3])
        assert not app[6] and app[4]  # in scope, and a joint project
        spent += award
    assert spent <= rnd.appropriation_eur
    low, high = like.call.criteria[0].scale
    assert rnd.score_columns == SCORE_COLUMNS
    assert len(rnd.scores) == n * len(like.call.criteria)
    assert all(isinstance(s, int) and low <= s <= high for _, _, s in rnd.scores)


def test_a_sheet_too_long_for_the_readers_is_written_wide(like):
    rnd = synth_round(12, 1, like, layout="wide")
    assert rnd.layout == "wide"
    assert rnd.score_columns == ("application_id", *(c.id for c in like.call.criteria))
    assert len(rnd.scores) == 12


# --- the same bytes ----------------------------------------------------------------


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others(like, tmp_path):
    first = synth_round(200, 3, like).files()
    assert synth_round(200, 3, like).files() == first
    other = synth_round(200, 4, like).files()
    assert all(other[name] != first[name] for name in FILES if name != "scenario.toml")
    _synth(["--applications", "50", "--seed", "9", "--out", str(tmp_path / "a")])
    _synth(["--applications", "50", "--seed", "9", "--out", str(tmp_path / "b")])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert set(FILES) <= set(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_folder_rules_hold(like, tmp_path):
    out = tmp_path / "round"
    write_synth_round(out, 20, 1, like)
    result = CliRunner().invoke(main, ["data", "synth", "--applications", "20", "--out",
                                       str(out), "--like", str(ROUND_2020)])
    assert result.exit_code == 4 and "--force" in result.output
    write_synth_round(out, 21, 1, like, force=True)
    assert read_round(out).applications[-1].id == "S00021"
    result = CliRunner().invoke(main, ["data", "synth", "--applications", "5", "--out",
                                       str(ROUND_2020), "--like", str(ROUND_2020), "--force"])
    assert result.exit_code == 4 and "input" in result.output  # never into the template


# --- valid, solvable, runnable ---------------------------------------------------


def test_a_round_of_10000_applications_passes_data_check(tmp_path):
    start = time.perf_counter()
    out = tmp_path / "r10k"
    _synth(["--applications", "10000", "--seed", "1", "--out", str(out)])
    result = CliRunner().invoke(main, ["data", "check", str(out)])
    assert result.exit_code == 0, result.output[-3000:]
    assert "OK" in result.output and "problem:" not in result.output
    report = check_round(out)
    assert report.ok and report.summary.applications == 10_000
    assert time.perf_counter() - start < 60  # ~5 s; generous for a loaded machine


def test_a_small_round_solves_and_its_optimum_verifies(like, tmp_path):
    folder = write_synth_round(tmp_path / "r30", 30, 5, like)
    study = Study.from_file(folder.scenario)
    allocation = study.solve()
    instance = study.case.instance
    assert not study.case.is_proxy  # scored by the synthetic sheet
    assert verify(instance, allocation.result.units) == []
    assert allocation.result.status == "optimal"
    # the integer program (CBC) and the knapsack DP agree on the optimum's value
    ip = solve(instance, method="ip")
    dp = solve(instance, method="dp")
    assert ip.objective == pytest.approx(dp.objective, rel=1e-9)
    assert verify(instance, ip.units) == [] and verify(instance, dp.units) == []
    assert study.compare().efficiency <= 1 + 1e-9  # the drawn decision is never better


def test_run_on_1000_applications_through_the_command_line(tmp_path):
    out = tmp_path / "r1000"
    text = _synth(["--applications", "1000", "--seed", "2", "--out", str(out)])
    assert "62.1 %" in text and f"grantopt run {out / 'scenario.toml'}" in text
    result = CliRunner().invoke(main, ["run", str(out / "scenario.toml"), "--format", "json"])
    assert result.exit_code == 0, result.output[-3000:]
    doc = json.loads(result.output)
    assert doc["status"] == "optimal" and doc["verified"]
    assert 0 < doc["spent_eur"] <= doc["budget_eur"]
    assert doc["score_source"] == "sheet" and len(doc["funded"]) == doc["projects"] > 100
    table = CliRunner().invoke(main, ["run", str(out / "scenario.toml")])
    assert table.exit_code == 0 and "verified against every rule" in table.output
