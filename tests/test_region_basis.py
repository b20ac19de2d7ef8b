"""Issue 19: one region basis for every regional rule and every table.

coverage.max_region_share bounds the euros the regions table attributes to a region: the
whole award to the lead's region (lead basis) or the award split by the participants'
residents (participants basis), in the model, verify(), diagnose() and the tables alike.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from optimizer import Study
from optimizer.analysis.regions import cents_that_add_up, region_table
from optimizer.model.diagnose import diagnose
from optimizer.model.formulation import REGION_SHARE, build_model
from optimizer.model.instance import LEAD, PARTICIPANTS, Instance
from optimizer.model.solve import solve
from optimizer.model.verify import region_share_groups, verify
from tests.bruteforce import brute_force
from tests.factories import make, said

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"

# a is led from U and split half U, half V; b led from V, all V; c led from U, 1/4 U, 3/4 W.
SPLITS = {"a": (("U", 0.5), ("V", 0.5)), "b": (("V", 1.0),), "c": (("U", 0.25), ("W", 0.75))}


def three(basis: str, share: float = 0.3, **rules) -> Instance:
    """Three 4-unit projects, a 10-unit budget; the cap 0.3 is 3 units per region."""
    inst = make([("a", 0.9, 4, "U"), ("b", 0.8, 4, "V"), ("c", 0.7, 4, "U")], budget=10,
                region_basis=basis, max_region_share=share, **rules)
    items = tuple(dataclasses.replace(it, region_split=SPLITS[it.id]) for it in inst.items)
    return dataclasses.replace(inst, items=items)


def test_the_share_cap_counts_the_split_on_the_participants_basis():
    inst = three(PARTICIPANTS)
    # a: U 2, V 2; b: V 4 > 3; c: U 1, W 3; a and c: U 3 <= 3.
    assert {r: [(it.id, p) for it, p in g] for r, g in region_share_groups(inst).items()} == {
        "U": [("a", 0.5), ("c", 0.25)], "V": [("a", 0.5), ("b", 1.0)], "W": [("c", 0.75)]}
    assert dict(solve(inst).units) == {"a": 4, "c": 4}
    best = brute_force(inst)
    assert best is not None and best[0] == pytest.approx(0.9 + 0.7)
    assert said(verify(inst, {"a": 4, "b": 4})) == [
        "V: the awards split to the region by the participants' residents total 600 €, above "
        "the region share cap 300 € (30 % of the budget)"]


def test_the_share_cap_counts_the_whole_award_on_the_lead_basis():
    inst = three(LEAD)  # every award is 4 units > 3 in its lead's region: nothing fits
    assert solve(inst).units == {}
    assert [r for r, _ in region_share_groups(inst).items()] == ["U", "V"]
    assert len(verify(inst, {"a": 4})) == 1


def test_the_model_rows_are_the_regions_of_the_basis():
    model = build_model(three(PARTICIPANTS))
    rows = sorted(n for n in model.constraints if n.startswith(REGION_SHARE))
    assert rows == ["region_share[U]", "region_share[V]", "region_share[W]"]
    model.set_budget(20)  # the caps move with the budget: 6 units each
    assert model.constraints["region_share[W]"].constant == -6


def test_coverage_counts_the_regions_the_award_is_split_to():
    inst = three(PARTICIPANTS, share=1.0, min_regions=3)
    assert inst.items[2].coverage_regions(PARTICIPANTS) == frozenset({"U", "W"})
    assert dict(solve(inst).units) in ({"a": 4, "c": 4}, {"b": 4, "c": 4})
    assert said(verify(inst, {"a": 4})) == ["funded projects cover 2 regions, at least 3 required"]


def test_diagnose_splits_locked_awards_on_the_basis():
    inst = three(PARTICIPANTS, fund=frozenset({"b"}))  # b alone puts 4 units into V
    found = [r for r in diagnose(inst).structural if r.family == REGION_SHARE]
    assert [(r.constraint, r.shortfall) for r in found] == [("region_share[V]", 100.0)]
    assert "split by their participants' residents" in found[0].text()
    assert diagnose(three(PARTICIPANTS, fund=frozenset({"a"}))).feasible


def test_region_euros_are_cents_that_add_up_to_the_awards():
    assert cents_that_add_up({"x": 1 / 3, "y": 1 / 3, "z": 1 / 3}, 100) == {
        "x": 0.34, "y": 0.33, "z": 0.33}
    splits = {"p": {"x": 1 / 3, "y": 2 / 3}, "q": {"x": 0.5, "z": 0.5}}
    table = region_table(splits, {"p": 100.0, "q": 0.03}, {"q": 100.01}, {}, 1000.0,
                         PARTICIPANTS)
    assert round(sum(r.optimal_eur for r in table) * 100) == 10003
    assert round(sum(r.actual_eur or 0 for r in table) * 100) == 10001


def test_2020_participants_cap_holds_in_the_regions_table():
    """The issue's case: Uusimaa was 15.8 % under a 15 % cap on the participants basis."""
    study = Study.from_file(BASELINE, sets=["coverage.region_basis=participants",
                                            "coverage.max_region_share=0.15"])
    allocation = study.solve()
    table = allocation.regions()
    assert table.basis == PARTICIPANTS
    assert max(r.optimal_share or 0 for r in table) <= 0.15
    by_region = {r.region: r.optimal_eur for r in table}
    assert by_region["Uusimaa"] <= 1_500_000
    assert round(sum(by_region.values()), 2) == allocation.totals().awarded_eur
