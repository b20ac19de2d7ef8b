"""Eligibility: each of the call's rules, its reason, and rules switched off."""

import pytest

from optimizer.errors import ScenarioError
from optimizer.readers.domain import Application, CallRules, ExclusionRule, Profile
from optimizer.scenario import Scenario, apply_changes
from optimizer.scoring.eligibility import assess, max_award_units

CALL = CallRules(exclusions=(ExclusionRule("sote", en="social and health care"),))


def app(i: str, requested: float = 1000.0, **kw) -> Application:
    return Application(id=i, applicant=f"lead {i}", project=f"p {i}", requested_eur=requested,
                       **kw)


def profile(i: str, parties: int) -> Profile:
    codes = tuple(f"{n:03d}" for n in range(parties))
    return Profile(i, codes[0] if codes else None, "R", codes, (), parties, 100, ("R",))


def settings(**over) -> Scenario:
    base = {
        "budget": {"rounding": 100.0},
        "eligibility": {"joint_rule": True, "min_parties": 2, "exclusions": True},
        "funding": {"max_cost_share": 0.85, "max_per_project": None},
        "scoring": {"min_score": 0.0},
        "locks": {"fund": [], "reject": []},
    }
    for section, values in over.items():
        base[section] = {**base[section], **values}
    return apply_changes(Scenario(), base)


def test_max_award_takes_the_smallest_limit_rounded_down():
    # request 134,487 -> 1,344 hundreds; 85 % of 100,000 = 85,000 -> 850; cap 60,050 -> 600
    a = app("a", 134_487)
    assert max_award_units(a, 100, 0.85, None) == 1344
    b = app("b", 134_487, eligible_cost_eur=100_000)
    assert max_award_units(b, 100, 0.85, None) == 850
    assert max_award_units(b, 100, 0.85, 60_050) == 600


def test_every_reason_is_listed():
    apps = (app("ok"), app("single"), app("sote", exclusion="sote"), app("low"),
            app("tiny", 99.0), app("locked"))
    profiles = {a.id: profile(a.id, 1 if a.id == "single" else 2) for a in apps}
    scores = {a.id: 0.5 for a in apps} | {"low": 0.1}
    result = assess(apps, CALL, profiles, scores,
                    settings(scoring={"min_score": 0.2}, locks={"reject": ["locked"]}))
    assert set(result.max_units) == {"ok"}
    assert result.max_units["ok"] == 10
    said = {i: [str(r) for r in reasons] for i, reasons in result.reasons.items()}
    assert "joint-project rule: 1 distinct party (needs at least 2)" in said["single"]
    assert any("social and health care" in r for r in said["sote"])
    assert any("below the minimum score 0.2" in r for r in said["low"])
    assert any("rounds down to 0" in r for r in said["tiny"])
    assert any("locked out by the scenario" in r for r in said["locked"])


def test_rules_can_be_switched_off():
    apps = (app("single"), app("sote", exclusion="sote"))
    profiles = {"single": profile("single", 1), "sote": profile("sote", 3)}
    result = assess(apps, CALL, profiles, {}, settings(
        eligibility={"joint_rule": False, "exclusions": False}))
    assert set(result.max_units) == {"single", "sote"}


def test_unknown_lock_id_suggests():
    with pytest.raises(ScenarioError, match="2020-01"):
        assess((app("2020-01"),), CALL, {"2020-01": profile("2020-01", 2)}, {},
               settings(locks={"fund": ["2020-1"]}))


def test_locking_in_an_ineligible_application_is_an_error():
    with pytest.raises(ScenarioError, match="joint-project rule"):
        assess((app("x"),), CALL, {"x": profile("x", 1)}, {}, settings(locks={"fund": ["x"]}))


def test_same_id_locked_both_ways():
    with pytest.raises(ScenarioError, match="both name x"):
        assess((app("x"),), CALL, {"x": profile("x", 2)}, {},
               settings(locks={"fund": ["x"], "reject": ["x"]}))


def test_unpadded_id_suggests_the_padded_one_first():
    apps = tuple(app(f"2020-{i:02d}") for i in range(1, 62))
    profiles = {a.id: profile(a.id, 2) for a in apps}
    with pytest.raises(ScenarioError, match="Did you mean '2020-01'"):
        assess(apps, CALL, profiles, {}, settings(locks={"fund": ["2020-1"]}))
