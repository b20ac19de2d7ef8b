"""Who counts as one lead applicant for the cap per lead: the lead's municipality (the
default: Oulu's municipal enterprises are Oulu) or the applicant as written."""

from __future__ import annotations

from pathlib import Path

from optimizer import Study

BASELINE = Path(__file__).resolve().parents[1] / "scenarios" / "2020-baseline.toml"
OULU = ("2020-33", "2020-34", "2020-35")  # Oulu, the city, its enterprise Oulun Digi


def _study(basis: str, cap: int | None = None) -> Study:
    sets = [f"coverage.lead_basis={basis}"]
    if cap is not None:
        sets.append(f"coverage.max_awards_per_lead={cap}")
    return Study.from_file(BASELINE, sets=sets)


def test_by_municipality_the_city_and_its_enterprise_are_one_lead():
    case = _study("municipality").case
    assert len({case.instance.item(i).lead for i in OULU}) == 1


def test_by_applicant_each_is_its_own_lead_and_the_cap_binds_less():
    case = _study("applicant").case
    assert len({case.instance.item(i).lead for i in OULU}) == 3
    by_city = _study("municipality", cap=1).solve()
    by_name = _study("applicant", cap=1).solve()
    assert sum(i in by_city.funded for i in OULU) <= 1
    assert by_name.objective >= by_city.objective  # a looser rule never costs value
    assert by_name.result.objective == by_name.objective


def test_the_rules_table_says_which_lead_counts():
    said = [m.text("en") for m in _study("applicant", cap=1).case.coverage_rules()]
    assert any("per lead applicant as written" in s for s in said)
    said = [m.text("fi") for m in _study("municipality", cap=1).case.coverage_rules()]
    assert any("hankehallinnoijaa kohden" in s for s in said)
