"""diagnose(): hand cases where the family and the amount to give way are known.

Money in 100 € units. The elastic model weighs one unit of money slack at 1 and one missing
project / region / extra award at (median max_units + 0.5); a lock at twice that + 0.25.
"""

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from optimizer import Study
from optimizer.errors import InfeasibleError, ScenarioError
from optimizer.model.diagnose import Diagnosis, Relaxation, diagnose, structural_checks
from optimizer.model.instance import EXCLUDES, REQUIRES, TOGETHER, Instance, Item, Link, Pool, Rules
from optimizer.model.solve import solve
from optimizer.vocabulary import Message
from tests.bruteforce import brute_force
from tests.factories import with_years
from tests.test_solve_properties import instances
from tests.test_vocabulary import ENGLISH, INTERNAL

BASELINE = Path(__file__).resolve().parents[1] / "scenarios" / "2020-baseline.toml"

SOLVERS = pytest.mark.parametrize("solver", ["cbc", "highs"])


def make(specs, budget, **rules) -> Instance:
    """specs: (id, max_units, lead_region, lead, target_area)."""
    items = []
    for s in specs:
        s = (*s, *([None] * (5 - len(s))))
        items.append(
            Item(s[0], 0.5, s[1], lead=s[3] or "", lead_region=s[2] or "", target_area=s[4])
        )
    return Instance(items=tuple(items), rules=Rules(budget_units=budget, **rules))


def only(relaxations, family) -> Relaxation:
    hits = [r for r in relaxations if r.family == family]
    assert len(hits) == 1, relaxations
    return hits[0]


@SOLVERS
def test_locked_in_awards_over_budget_ask_for_money(solver):
    # A 500 € + B 400 € locked in, budget 800 €: 100 € short. More money (1 unit) is far
    # cheaper than dropping a lock (weight 2 * 5.5 + .25), so the repair is the budget.
    inst = make([("A", 5), ("B", 4)], 8, fund=frozenset({"A", "B"}))
    d = diagnose(inst, solver)
    assert [r.family for r in d.relaxations] == ["budget"]
    budget = d.relaxations[0]
    assert (budget.shortfall, budget.unit, str(budget)) == (
        100.0,
        "eur",
        "budget: 100 € more needed",
    )
    s = only(d.structural, "budget")
    assert str(s) == (
        "locked-in applications (A, B) need at least 900 €, 100 € more than the budget of 800 €"
    )


@SOLVERS
def test_min_regions_above_coverable_regions(solver):
    inst = make([("A", 1, "R1"), ("B", 1, "R2")], 10, min_regions=3)
    d = diagnose(inst, solver)
    assert str(only(d.structural, "min_regions")) == (
        "at least 3 regions covered but only 2 regions have fundable applications"
    )
    r = only(d.relaxations, "min_regions")
    assert (r.constraint, r.shortfall, r.unit) == ("min_regions", 1.0, "regions")


@SOLVERS
def test_region_whose_cheapest_application_exceeds_the_budget(solver):
    # Budget 1,000,000 €; the only Kainuu application asks 1,479,400 €. Money alternative
    # costs at least 4,794 units; dropping the rule costs 3,000.5 (median max_units 3,000
    # + .5), so the region rule gives way and the message says what money would do.
    specs = [
        ("O1", 3000, "Oulu"),
        ("O2", 3000, "Oulu"),
        ("O3", 3000, "Oulu"),
        ("K1", 14794, "Kainuu"),
    ]
    inst = make(specs, 10000, min_projects_per_region=1)
    d = diagnose(inst, solver)
    assert str(only(d.structural, "region_min")) == (
        "Kainuu: region needs 1 funded project; the cheapest fundable application there "
        "needs 479,400 € beyond the budget"
    )
    r = only(d.relaxations, "region_min")
    assert (r.constraint, r.shortfall, r.unit) == ("region_min[Kainuu]", 1.0, "projects")
    assert str(r) == (
        "Kainuu: region needs 1 more funded project; the cheapest fundable application "
        "there (K1) needs 479,400 € beyond the budget"
    )


@SOLVERS
def test_cheap_region_shortfall_asks_for_money_instead(solver):
    # Same, but Kainuu's application asks only 200 €: 2 units of budget beat dropping the rule.
    specs = [("O1", 5, "Oulu"), ("O2", 5, "Oulu"), ("K1", 2, "Kainuu")]
    inst = make(specs, 10, min_projects_per_region=1, fund=frozenset({"O1", "O2"}))
    d = diagnose(inst, solver)
    assert [(r.family, r.shortfall) for r in d.relaxations] == [("budget", 200.0)]


@SOLVERS
def test_locked_in_applications_over_a_lead_cap(solver):
    # A and B share lead L and are both locked in; max one award per lead. Dropping a lock
    # costs more than one award over the cap, so the cap gives way by 1.
    inst = make(
        [("A", 2, "R", "L"), ("B", 2, "R", "L")],
        10,
        max_awards_per_lead=1,
        fund=frozenset({"A", "B"}),
    )
    d = diagnose(inst, solver)
    r = only(d.relaxations, "lead_cap")
    assert (r.constraint, r.shortfall, r.unit) == ("lead_cap[L]", 1.0, "awards")
    assert str(only(d.structural, "lead_cap")) == (
        "lead applicant L: 2 applications are locked in (A, B) but at most 1 award per lead "
        "applicant"
    )


@SOLVERS
def test_locked_in_application_above_region_share(solver):
    # A (600 €) locked in; cap .5 of 1,000 € = 500 €: the cap must rise by 100 €.
    inst = make([("A", 6, "R1"), ("B", 3, "R2")], 10, max_region_share=0.5, fund=frozenset({"A"}))
    d = diagnose(inst, solver)
    r = only(d.relaxations, "region_share")
    assert (r.constraint, r.shortfall, r.unit) == ("region_share[R1]", 100.0, "eur")
    assert str(r) == "R1: the region share cap of 500 € must rise by 100 €"
    assert only(d.structural, "region_share").shortfall == 100.0


@SOLVERS
def test_target_area_emptied_by_a_rejection(solver):
    # T2's only application is locked out: the target-area rule gives way (a count), not
    # the lock (twice as heavy).
    inst = make(
        [("A", 2, "R", "", "T1"), ("B", 2, "R", "", "T2")],
        10,
        min_projects_per_target_area=1,
        reject=frozenset({"B"}),
    )
    d = diagnose(inst, solver)
    r = only(d.relaxations, "target_area")
    assert (r.constraint, r.shortfall) == ("target_area[T2]", 1.0)
    assert (
        str(r)
        == "target area T2: needs 1 more funded project; no further fundable application there"
    )
    assert str(only(d.structural, "target_area")) == (
        "target area T2: needs 1 funded project, but only 0 fundable applications are in it "
        "(1 more locked out)"
    )


@SOLVERS
def test_a_lock_that_costs_too_much_gives_way(solver):
    # A asks 10,000 € and is locked in with a 1,000 € budget; the other applications are
    # small (median 1 unit -> a lock weighs 3.25 units), so the lock goes, not 90 units.
    inst = make([("A", 100), ("B", 1), ("C", 1)], 10, fund=frozenset({"A"}))
    d = diagnose(inst, solver)
    r = only(d.relaxations, "locks")
    assert (r.constraint, r.shortfall, r.unit) == ("lock_in[A]", 1.0, "locks")
    assert "A is locked in" in str(r)


@SOLVERS
def test_min_spend_above_all_requests(solver):
    inst = make([("A", 3), ("B", 4)], 20, min_spend_units=10)
    d = diagnose(inst, solver)
    r = only(d.relaxations, "min_spend")
    assert (r.shortfall, r.unit) == (300.0, "eur")
    assert str(r) == "minimum spend: lower it by 300 € (to 700 €)"
    assert "ask for only 700 €" in str(only(d.structural, "min_spend"))


@SOLVERS
def test_feasible_scenario_needs_nothing(solver):
    d = diagnose(make([("A", 3), ("B", 4)], 20), solver)
    assert d.feasible and d.relaxations == () and d.structural == ()
    assert "nothing needs to give way" in d.summary()


@SOLVERS
def test_solve_raises_with_the_diagnosis(solver):
    inst = make([("A", 5), ("B", 4)], 8, fund=frozenset({"A", "B"}))
    with pytest.raises(InfeasibleError) as err:
        solve(inst, solver)
    diagnosis = err.value.diagnosis
    assert isinstance(diagnosis, Diagnosis) and str(err.value) == diagnosis.summary()
    assert diagnosis.families == ("budget",)
    assert "budget: 100 € more needed" in str(err.value)
    assert err.value.exit_code == 1


def test_invalid_locks_are_scenario_errors_not_diagnoses():
    with pytest.raises(ScenarioError):
        diagnose(make([("A", 1)], 5, reject=frozenset({"Z"})))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(instance=instances())
def test_structural_checks_never_fire_on_feasible_instances(instance):
    """Soundness: a structural finding is a proof of infeasibility; the slack re-solve finds
    nothing to relax exactly when the instance is feasible."""
    feasible = brute_force(instance) is not None
    if feasible:
        assert structural_checks(instance) == ()
    assert diagnose(instance, "highs").feasible == feasible


# --- message codes, in both languages --------------------------------------------------

# The diagnosis's own English words, beyond those tests/test_vocabulary.py looks for.
DIAGNOSIS_ENGLISH = re.compile(
    r"\b(more|needed|needs?|must|give|way|covered|conflicts?|smallest|change|note|cheapest|"
    r"fundable|link|lock|drop|rise|minimum|spend|appropriations?|target|area|cap|applicant)\b",
    re.IGNORECASE)


def test_findings_are_message_codes_with_numbers_not_text():
    d = diagnose(make([("A", 5), ("B", 4)], 8, fund=frozenset({"A", "B"})))
    assert d.relaxations[0].message == Message.of("diagnose.budget_more", more=100.0)
    found = only(d.structural, "budget").message
    assert (found.code, found.get("ids"), found.get("over")) == (
        "diagnose.locked_over_budget", ("A", "B"), 100.0)
    assert len({*d.relaxations, *d.structural}) == 2  # findings are values: hashable
    assert "määräraha: tarvitaan 100\u00a0€ lisää" in d.summary("fi")


def _years() -> Instance:
    shares = {"A": {"2021": Fraction(3, 10), "2022": Fraction(7, 10)},
              "B": {"2021": Fraction(7, 10), "2022": Fraction(3, 10)}}
    inst = make([("A", 10), ("B", 10)], 20, fund=frozenset({"A", "B"}))
    return with_years(inst, shares, {"2021": 120_000, "2022": 80_000})


def _infeasible_by_hand() -> list[Instance]:
    """One instance for each kind of finding (money, counts, locks, pools, links, years)."""
    ab = frozenset({"A", "B"})
    return [
        make([("A", 5), ("B", 4)], 8, fund=ab),
        make([("O1", 3000, "Oulu"), ("O2", 3000, "Oulu"), ("O3", 3000, "Oulu"),
              ("K1", 14794, "Kainuu")], 10000, min_projects_per_region=1),
        make([("A", 1, "R1"), ("B", 1, "R2")], 10, min_regions=3),
        make([("A", 2, "R", "L"), ("B", 2, "R", "L")], 10, max_awards_per_lead=1, fund=ab),
        make([("A", 6, "R1"), ("B", 3, "R2")], 10, max_region_share=0.5, fund=frozenset("A")),
        make([("A", 2, "R", "", "T1"), ("B", 2, "R", "", "T2")], 10,
             min_projects_per_target_area=1, reject=frozenset("B")),
        make([("A", 3, "R", "", "T1"), ("B", 3, "R", "", "T1"), ("C", 1, "R", "", "T2")], 10,
             area_cap_units={"T1": 4}, fund=ab),
        make([("A", 100), ("B", 1), ("C", 1)], 10, fund=frozenset({"A"})),
        make([("A", 3), ("B", 4)], 20, min_spend_units=10),
        make([("A", 4), ("B", 4), ("C", 4)], 8, fund=ab,
             pools=(Pool("P", 4, ab), Pool("Q", 4, frozenset("C")))),
        make([("A", 2), ("B", 2)], 10, fund=ab, links=(Link(EXCLUDES, ("A", "B")),)),
        make([("A", 2), ("B", 2)], 10, fund=frozenset("A"), reject=frozenset("B"),
             links=(Link(REQUIRES, ("A",), requires="B"),)),
        make([("A", 2), ("B", 2)], 10, fund=frozenset("A"), reject=frozenset("B"),
             links=(Link(TOGETHER, ("A", "B")),)),
        _years(),
        with_years(make([("A", 10), ("B", 10)], 20, fund=frozenset({"A", "B"})),
                   {"A": {"2021": Fraction(1)}, "B": {"2021": Fraction(1)}},
                   {"2021": 80_000, "2022": 120_000}, carry=True),
        make([("A", 6, "R1"), ("B", 2, "R2"), ("C", 4, "R2")], 10, fund=frozenset({"A", "B"}),
             fair_share_basis="population", fair_share_weights={"R1": 1.0, "R2": 1.0},
             fair_share_max=1.2),
        make([("A", 6, "R1"), ("B", 7, "R1"), ("C", 2, "R2")], 20, region_basis="lead",
             min_projects_per_region=2, max_region_share=0.6),
        make([("A", 4, "R1"), ("B", 4, "R1"), ("C", 4, "R1")], 8, min_projects_per_region=4,
             reject=frozenset("C")),
    ]


@pytest.mark.parametrize("instance", _infeasible_by_hand())
def test_every_finding_reads_in_finnish_without_keys(instance):
    d = diagnose(instance, "highs")
    assert not d.feasible
    english, finnish = d.summary(), d.summary("fi")
    assert english == d.summary("en") and english.startswith("No allocation meets every rule.")
    assert finnish.startswith("Mikään jako ei täytä kaikkia sääntöjä.")
    assert len(finnish.splitlines()) == len(english.splitlines())
    assert all(f"  - {f.text('fi')}" in finnish.splitlines() for f in d.findings)
    for text in (english, finnish):
        assert not INTERNAL.search(text), text
    assert not ENGLISH.search(finnish) and not DIAGNOSIS_ENGLISH.search(finnish), finnish


def test_a_note_is_said_in_the_language():
    d = Diagnosis(note=Message.of("diagnose.resolve_ended", status="Not Solved"))
    assert d.summary() == ("Every rule can be met together: nothing needs to give way. "
                           "(the slack re-solve ended with 'Not Solved')")
    assert d.summary("fi").startswith("Kaikki säännöt voidaan täyttää yhtä aikaa")


def test_an_infeasible_2020_scenario_reads_in_finnish():
    study = Study.from_file(BASELINE, sets=["coverage.min_regions=19"])
    with pytest.raises(InfeasibleError) as err:
        study.solve()
    diagnosis = err.value.diagnosis
    assert isinstance(diagnosis, Diagnosis) and str(err.value) == diagnosis.summary()
    assert "at least 19 regions covered: 2 more covered regions needed" in str(err.value)
    finnish = diagnosis.summary("fi")
    assert "katettuja maakuntia vähintään 19: tarvitaan vielä 2 katettua maakuntaa" in finnish
    assert not INTERNAL.search(str(err.value)) and not INTERNAL.search(finnish), finnish
    assert not ENGLISH.search(finnish) and not DIAGNOSIS_ENGLISH.search(finnish), finnish
