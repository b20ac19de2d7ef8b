"""The public Python API: one Study, typed changes, short reprs, DataFrames, and the 2020
baseline pinned (a change in proxies or eligibility cannot pass unnoticed)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import optimizer
from optimizer import InfeasibleError, ScenarioError, Study

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"

GOLDEN_FUNDED = [
    "2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-07", "2020-08", "2020-09",
    "2020-10", "2020-11", "2020-12", "2020-13", "2020-14", "2020-15", "2020-18", "2020-20",
    "2020-21", "2020-22", "2020-23", "2020-24", "2020-25", "2020-26", "2020-27", "2020-28",
    "2020-29", "2020-30", "2020-32", "2020-34", "2020-35", "2020-37", "2020-38", "2020-41",
    "2020-42", "2020-43", "2020-44", "2020-45", "2020-46", "2020-48", "2020-49", "2020-50",
    "2020-51", "2020-52", "2020-54", "2020-55", "2020-57", "2020-58", "2020-60", "2020-61",
]


@pytest.fixture(scope="module")
def study() -> Study:
    return Study.from_file(BASELINE)


def test_the_package_lists_its_api():
    assert "Study" in optimizer.__all__ and "Comparison" in optimizer.__all__
    assert set(optimizer.__all__) == {"__version__", *optimizer._EXPORTS}
    for name in optimizer.__all__:
        assert getattr(optimizer, name) is not None
    with pytest.raises(AttributeError):
        _ = optimizer.NoSuchThing  # type: ignore[attr-defined]


@pytest.mark.parametrize("solver", ["dp", "cbc", "highs"])
def test_golden_2020_baseline(study, solver):
    allocation = study.with_changes(solver={"method": "auto" if solver == "dp" else "ip",
                                            "name": "cbc" if solver == "dp" else solver}
                                    ).solve()
    assert allocation.result.solver == solver
    assert allocation.objective == pytest.approx(23.295896429217684, abs=1e-6)
    assert sorted(allocation.funded) == GOLDEN_FUNDED
    totals = allocation.totals()
    assert (totals.projects, totals.spent_eur, totals.regions_covered) == (48, 9_964_000, 17)


def test_golden_2020_actual_decision(study):
    c = study.compare()
    assert c.actual_value == pytest.approx(14.483800728374913, abs=1e-6)
    assert c.actual_spent_eur == 9_694_600
    assert c.efficiency == pytest.approx(14.483800728374913 / 23.295896429217684)
    assert c.changes.count == 31


def test_with_changes_returns_a_new_study_and_checks_like_set(study):
    bigger = study.with_changes(budget=12_000_000, coverage={"min_projects_per_region": 1})
    assert study.scenario.budget.appropriation == 10_000_000
    assert bigger.scenario.budget.appropriation == 12_000_000
    assert bigger.scenario.coverage.min_projects_per_region == 1
    assert bigger.scenario.origin("budget.appropriation") == "python"
    assert len(bigger.solve().funded) == 51
    same = study.with_changes(**{"coverage.min_projects_per_region": 1})
    assert same.scenario.coverage == bigger.scenario.coverage
    merged = study.with_changes(weights={"reach": 0.4})
    assert merged.scenario.scoring.weights == {"reach": 0.4}
    with pytest.raises(ScenarioError, match="min_regions"):
        study.with_changes(coverage={"min_region": 1})
    with pytest.raises(ScenarioError, match="between 0 and 1"):
        study.with_changes(coverage={"max_region_share": 2})
    with pytest.raises(ScenarioError, match="coverage"):
        study.with_changes(covrage={"min_regions": 1})


def test_sections_are_frozen_and_replace_checks_the_value(study):
    cov = study.scenario.coverage
    with pytest.raises(dataclasses.FrozenInstanceError):
        cov.min_regions = 3  # type: ignore[misc]
    assert dataclasses.replace(cov, min_regions=3).min_regions == 3
    with pytest.raises(ScenarioError, match=r"coverage\.min_regions"):
        dataclasses.replace(cov, min_regions=1.5)
    with pytest.raises(ScenarioError, match=r"funding\.mode.*partial"):
        dataclasses.replace(study.scenario.funding, mode="partal")


def test_infeasible_study_carries_the_diagnosis(study):
    with pytest.raises(InfeasibleError) as err:
        study.with_changes(coverage={"min_regions": 19}).solve()
    assert "at least 19 regions covered" in str(err.value)
    assert err.value.diagnosis is not None


@pytest.fixture(scope="module")
def results(study) -> dict[str, object]:
    return {
        "allocation": study.solve(),
        "comparison": study.compare(),
        "explanation": study.explain(),
        "frontier": study.frontier(points=6),
        "coverage": study.coverage_frontier(),
        "robustness": study.robustness(samples=30, seed=1),
        "calibration": study.calibrate(samples=3, seed=1),
        "applications": study.applications(),
    }


@pytest.mark.parametrize("name", ["allocation", "comparison", "explanation", "frontier",
                                  "coverage", "robustness", "calibration", "applications"])
def test_every_result_prints_short_and_becomes_a_frame(results, name):
    result = results[name]
    text = repr(result)
    assert text.startswith("<") and len(text) < 2000 and "\n" not in text
    rows = result.rows()
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(result.columns)
    assert len(frame) == len(rows) > 0
    assert all(set(row) == set(result.columns) for row in rows)


def test_frames_carry_euros_not_units(results):
    alloc = results["allocation"].to_frame()
    assert alloc["award_eur"].sum() == 9_964_000
    comparison = results["comparison"].to_frame()
    assert comparison["actual_eur"].sum() == 9_694_600  # every actual award is fundable


def test_study_repr_is_short(study):
    assert len(repr(study)) < 300
