"""verify(): every violation class is found and said in words a user can act on."""

import pytest

from optimizer.errors import ScenarioError, VerificationError
from optimizer.model.instance import PARTIAL, PARTICIPANTS, Instance, Item, Rules
from optimizer.model.verify import check, validate_locks, verify
from optimizer.vocabulary import Message
from optimizer.vocabulary.numbers import money

# Three applications, 100 € units: A 500 € (R1, lead L1, T1), B 400 € (R1, L1, T1),
# C 300 € (R2, L2, T2, partners in R3).
ITEMS = (
    Item("A", 0.9, 5, lead="L1", lead_region="R1", target_area="T1"),
    Item("B", 0.8, 4, lead="L1", lead_region="R1", target_area="T1"),
    Item("C", 0.3, 3, lead="L2", lead_region="R2", regions=frozenset({"R3"}), target_area="T2"),
)


def inst(**rules) -> Instance:
    rules.setdefault("budget_units", 12)
    return Instance(items=ITEMS, rules=Rules(**rules))


def one(problems: list[Message]) -> str:
    """The one problem, as the English the catalog renders."""
    assert len(problems) == 1, problems
    return str(problems[0])


def test_feasible_allocation_has_no_problems():
    assert verify(inst(), {"A": 5, "B": 4, "C": 3}) == []
    assert verify(inst(), {}) == []
    assert verify(inst(), {"A": 5, "B": 0}) == []  # 0 means "not funded"
    check(inst(), {"A": 5})  # does not raise


def test_money_format():
    assert money(4794, 100.0) == "479,400 €"
    assert money(1, 0.5) == "0.50 €"


def test_unknown_id_with_suggestion():
    msg = one(verify(inst(), {"a": 5}))
    assert "'a' is not an application" in msg and "Did you mean 'A'" in msg


def test_non_integer_award():
    assert "not a whole number" in one(verify(inst(), {"A": 4.5}))
    assert "not a whole number" in one(verify(inst(), {"A": True}))


def test_negative_award():
    assert "negative" in one(verify(inst(mode=PARTIAL), {"A": -1}))


def test_full_mode_award_must_be_the_full_amount():
    msg = one(verify(inst(), {"A": 4}))
    assert msg == "A: award 400 € differs from the full amount 500 € (only full awards are allowed)"


def test_partial_award_above_maximum_and_below_min_share():
    assert "above its maximum 500 €" in one(verify(inst(mode=PARTIAL), {"A": 6}))
    # min_share 0.5 of 5 units -> at least ceil(2.5) = 3 units
    msg = one(verify(inst(mode=PARTIAL), {"A": 2}))
    assert "below the smallest partial award 300 €" in msg and "(50 % of 500 €)" in msg
    assert verify(inst(mode=PARTIAL), {"A": 3}) == []


def test_budget():
    msg = one(verify(inst(budget_units=8), {"A": 5, "B": 4}))
    assert msg == "budget: awards total 900 €, 100 € over the budget of 800 €"


def test_min_spend():
    msg = one(verify(inst(min_spend_units=10), {"A": 5, "B": 4}))
    assert msg == "minimum spend: awards total 900 €, 100 € short of the minimum 1,000 €"


def test_region_minimum_lead_basis():
    msg = one(verify(inst(min_projects_per_region=1), {"A": 5}))
    assert msg == ("R2: region has 0 funded projects, at least 1 required in every region "
                   "with applicants")


def test_region_minimum_participants_basis_counts_partner_regions():
    problems = verify(inst(min_projects_per_region=1, region_basis=PARTICIPANTS), {"A": 5})
    assert [str(p).split(":")[0] for p in problems] == ["R2", "R3"]
    assert (
        verify(inst(min_projects_per_region=1, region_basis=PARTICIPANTS), {"A": 5, "C": 3}) == []
    )


def test_min_regions():
    msg = one(verify(inst(min_regions=2), {"A": 5, "B": 4}))
    assert msg == "funded projects cover 1 region, at least 2 required"
    # participants basis: C covers R2 and R3
    assert verify(inst(min_regions=2, region_basis=PARTICIPANTS), {"C": 3}) == []


def test_region_share_cap():
    # cap = floor(0.5 * 12) = 6 units
    msg = one(verify(inst(max_region_share=0.5), {"A": 5, "B": 4}))
    assert msg.startswith(
        "R1: awards led from the region total 900 €, above the region share cap 600 €"
    )


def test_target_area_minimum():
    msg = one(verify(inst(min_projects_per_target_area=1), {"A": 5}))
    assert msg == "target area T2: 0 funded projects, at least 1 required in every target area"


def test_lead_cap():
    msg = one(verify(inst(max_awards_per_lead=1), {"A": 5, "B": 4}))
    assert msg == "lead applicant L1: 2 awards (A, B), at most 1 per lead applicant"


def test_locks():
    rules = {"fund": frozenset({"A"}), "reject": frozenset({"C"})}
    problems = verify(inst(**rules), {"B": 4, "C": 3})
    assert [str(p) for p in problems] == [
        "A is locked in but not funded",
        "C is locked out but funded",
    ]
    assert [p.text("fi") for p in problems] == [
        "A on lukittu mukaan, mutta sitä ei rahoiteta",
        "C on lukittu pois, mutta sitä rahoitetaan",
    ]


def test_locks_on_unknown_ids_are_reported_and_refused():
    found = one(verify(inst(fund=frozenset({"Z"})), {}))
    assert "'Z' is locked in, but it is not a fundable" in found
    with pytest.raises(ScenarioError, match="'Z'"):
        validate_locks(inst(fund=frozenset({"Z"})))
    with pytest.raises(ScenarioError, match=r"both locks\.fund and locks\.reject"):
        validate_locks(inst(fund=frozenset({"A"}), reject=frozenset({"A"})))


def test_labels_appear_in_messages():
    labelled = Instance(items=ITEMS, rules=Rules(budget_units=12), labels={"A": "Kainuu digi"})
    assert one(verify(labelled, {"A": 4})).startswith("A (Kainuu digi): award")


def test_every_violation_is_listed_and_check_raises():
    units = {"A": 5, "B": 4, "X": 1}
    problems = verify(inst(budget_units=8, max_awards_per_lead=1, min_regions=2), units)
    assert len(problems) == 4  # unknown id, budget, min_regions, lead cap
    with pytest.raises(VerificationError) as err:
        check(inst(budget_units=8, max_awards_per_lead=1, min_regions=2), units)
    assert "breaks 4 rules" in str(err.value)
    assert err.value.exit_code == 3
