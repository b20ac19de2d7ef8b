"""Every rule model.verify can say is broken, and every reason scoring.eligibility gives,
reads in Finnish: the Finnish report never falls back to English for them."""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction

from optimizer.model.instance import EXCLUDES, PARTIAL, REQUIRES, TOGETHER, Link, Pool
from optimizer.model.verify import verify
from optimizer.vocabulary import Message
from tests.factories import make
from tests.test_vocabulary import INTERNAL

ENGLISH = re.compile(r"\b(award|awards|region has|funded|budget|above|below|short|"
                     r"locked|need|lead applicant|target area|total)\b")
TWO = [("a", 0.5, 4, "Uusimaa", "L1"), ("b", 0.5, 4, "Uusimaa", "L1"),
       ("c", 0.5, 4, "Kainuu", "L2")]


def _areas():
    inst = make(TWO, budget=20, min_projects_per_target_area=1)
    items = (*inst.items[:2], dataclasses.replace(inst.items[2], target_area="sote"))
    return dataclasses.replace(inst, items=items)


def _area_cap():
    inst = make(TWO, budget=20, area_cap_units={"sote": 5})
    items = tuple(dataclasses.replace(it, target_areas=frozenset({"sote"}))
                  for it in inst.items)
    return dataclasses.replace(inst, items=items)


def _years(carry: bool):
    """Half of each award paid in 2021 and half in 2022, 300 € in 2021 (issue 14)."""
    inst = make(TWO, budget=20, year_cents={"2021": 30_000, "2022": 100_000},
                carry_over=carry)
    half = (("2021", Fraction(1, 2)), ("2022", Fraction(1, 2)))
    return dataclasses.replace(inst, items=tuple(dataclasses.replace(it, year_shares=half)
                                                 for it in inst.items))


def every_broken_rule() -> list[Message]:
    """One allocation per rule family of model.verify, each breaking it."""
    cases = [
        (make(TWO, budget=20), {"a": 3}),  # full funding: not the full amount
        (make(TWO, budget=20, mode=PARTIAL), {"a": 5}),  # above the maximum
        (make(TWO, budget=20, mode=PARTIAL, min_share=0.5), {"a": 1}),  # below min share
        (make(TWO, budget=5), {"a": 4, "b": 4}),  # over the budget
        (make(TWO, budget=20, min_spend_units=10), {"a": 4}),  # minimum spend
        (make(TWO, budget=20, min_projects_per_region=1), {"a": 4}),  # Kainuu has none
        (make(TWO, budget=20, min_regions=2), {"a": 4}),
        (make(TWO, budget=20, max_region_share=0.25), {"a": 4, "b": 4}),  # Uusimaa > 5
        # the same cap on the participants' basis (no split given: each award to its lead)
        (make(TWO, budget=20, max_region_share=0.25, region_basis="participants"),
         {"a": 4, "b": 4}),
        (make(TWO, budget=20, max_awards_per_lead=1), {"a": 4, "b": 4}),
        (make(TWO, budget=20, fund=frozenset({"c"})), {"a": 4}),
        (make(TWO, budget=20, reject=frozenset({"a"})), {"a": 4}),
        (_areas(), {"a": 4}),
        (_area_cap(), {"a": 4, "b": 4}),  # the area's awards above its cap
        # Funding pools and several years (issue 14): a pool overrun, an award no pool may
        # pay, a year overrun, and running totals overrun with carry-over.
        (make(TWO, budget=4, pools=(Pool("P", 4, frozenset("ab")),)), {"a": 4, "b": 4}),
        (make(TWO, budget=4, pools=(Pool("P", 4, frozenset("a")),)), {"c": 4}),
        (_years(False), {"a": 4, "b": 4}),
        (_years(True), {"a": 4, "b": 4}),
        # links and fair shares, and awards that are not awards at all
        (make(TWO, budget=20, links=(Link(REQUIRES, ("a",), requires="c"),)), {"a": 4}),
        (make(TWO, budget=20, links=(Link(EXCLUDES, ("a", "b")),)), {"a": 4, "b": 4}),
        (make(TWO, budget=20, links=(Link(TOGETHER, ("a", "c")),)), {"a": 4}),
        (make(TWO, budget=20, fair_share_basis="population", fair_share_max=1.2,
              fair_share_weights={"Uusimaa": 1.0, "Kainuu": 1.0}), {"a": 4, "b": 4}),
        (make(TWO, budget=20), {"zz": 4}),  # no such application
        (make(TWO, budget=20, mode=PARTIAL), {"a": 1.5}),  # not whole units
        (make(TWO, budget=20, mode=PARTIAL), {"a": -1}),  # negative
        (make(TWO, budget=20, fund=frozenset({"zz"})), {}),  # a lock on no application
    ]
    messages = []
    for instance, units in cases:
        found = verify(instance, units)
        assert found, (instance.rules, units)  # each case does break its rule
        messages += found
    return messages


def test_every_rule_family_of_the_verification_is_said():
    """Every rule.* code the verification can give comes up in every_broken_rule (the codes
    of other senders left out), so each family's real message is checked below."""
    from optimizer.vocabulary.catalog import MESSAGES

    others = {"rule.allocation_breaks", "rule.funded_not_fundable", "rule.no_feasible_portfolio"}
    expected = {c for c in MESSAGES if c.startswith("rule.")} - others
    assert expected - {m.code for m in every_broken_rule()} == set()


def test_every_broken_rule_reads_in_finnish():
    messages = every_broken_rule()
    assert len(messages) >= 13
    assert len({m.code for m in messages}) >= 13
    for message in messages:
        finnish = message.text("fi")
        assert not ENGLISH.search(finnish), (message, finnish)
        assert not INTERNAL.search(finnish) and not INTERNAL.search(str(message)), message
        assert message.text("en") == str(message)


def test_amounts_in_a_rule_take_the_finnish_format():
    message = next(m for m in every_broken_rule() if m.code == "rule.budget_over")
    assert message.text("fi") == ("määräraha: avustukset yhteensä 800\u00a0€, "
                                  "300\u00a0€ yli määrärahan 500\u00a0€")


def test_every_reason_of_the_eligibility_rules_reads_in_finnish():
    from optimizer.scoring.eligibility import (
        LOCKED_OUT,
        joint_rule_reason,
        rounding_reason,
        score_reason,
    )

    reasons = [joint_rule_reason(None, 2), score_reason(0.1234, 0.2),
               LOCKED_OUT, rounding_reason(100.0)]
    for reason in reasons:
        assert reason is not None
        finnish = reason.text("fi")
        assert finnish != str(reason) and not ENGLISH.search(finnish), finnish
        assert not INTERNAL.search(finnish) and not INTERNAL.search(str(reason)), reason
    low = score_reason(0.1234, 0.2)
    assert low is not None and low.text("fi") == \
        "pisteet 0,123 alittavat vähimmäispistemäärän 0,2"
