"""Both solvers agree with exhaustive search on random small instances.

Properties, for every generated instance and each solver:
  * InfeasibleError exactly when brute force finds no feasible allocation;
  * otherwise the reported objective equals the brute-force optimum (abs tol 1e-6)
    and the reported units pass verify().

Instances: up to 12 items in full mode (needs above the maximum award sometimes, both
value models), up to 6 items with max_units <= 6 in partial mode
(so brute force stays cheap), with random scores, regions, partner regions, leads, target
areas and random rule settings (links and fair shares by region too), many of them
infeasible. Runs are derandomized and use no
example database, so CI sees the same examples every time.
"""

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.model.instance import (
    FULL,
    LEAD,
    LINK_KINDS,
    PARTIAL,
    PARTICIPANTS,
    PROPORTIONAL,
    REQUIRES,
    SCORE,
    SCORE_EUROS,
    SYNERGY,
    WHOLE,
    Instance,
    Item,
    Link,
    Pool,
    Rules,
)
from tests.bruteforce import assert_solver_matches, brute_force

REGIONS = ("Kainuu", "Lappi", "Uusimaa", "Etelä-Savo")
LEADS = ("Oulu", "Kajaani", "Espoo")
AREAS = (None, "T1", "T2", "T3")

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def small(*values):
    """Mostly 'off' (the first value), sometimes one of the others."""
    return st.one_of(st.just(values[0]), st.sampled_from(values))


@st.composite
def items(draw, mode: str) -> tuple[Item, ...]:
    n = draw(st.integers(0, 12 if mode == FULL else 6))
    out = []
    for i in range(n):
        out.append(
            Item(
                id=f"a{i}",
                score=draw(st.integers(0, 10_000)) / 10_000,
                max_units=draw(st.integers(1, 30 if mode == FULL else 6)),
                # What the project needs: often its maximum, sometimes more (a cap binds).
                need_units=draw(small(0, 8, 20, 45)),
                lead=draw(st.sampled_from(("", *LEADS))),
                lead_region=draw(st.sampled_from(("", *REGIONS))),
                regions=frozenset(draw(st.sets(st.sampled_from(REGIONS), max_size=2))),
                target_area=draw(st.sampled_from(AREAS)),
            )
        )
    return tuple(out)


@st.composite
def instances(draw) -> Instance:
    mode = draw(st.sampled_from((FULL, PARTIAL)))
    its = draw(items(mode))
    total = sum(it.max_units for it in its)
    ids = [it.id for it in its]
    fund = draw(st.sets(st.sampled_from(ids), max_size=2)) if ids else set()
    rest = [i for i in ids if i not in fund]
    reject = draw(st.sets(st.sampled_from(rest), max_size=2)) if rest else set()
    rules = Rules(
        budget_units=draw(st.integers(0, total + 3)),
        unit_eur=draw(st.sampled_from((100.0, 1000.0))),
        min_spend_units=draw(st.one_of(st.just(0), st.integers(0, total + 1))),
        mode=mode,
        min_share=draw(st.sampled_from((0.5, 0.0, 0.3, 0.75, 1.0))),
        objective=draw(st.sampled_from((SCORE, SCORE_EUROS))),
        partial_value=draw(st.sampled_from((PROPORTIONAL, WHOLE))),
        region_basis=draw(st.sampled_from((LEAD, PARTICIPANTS))),
        min_projects_per_region=draw(small(0, 1, 2)),
        min_regions=draw(small(0, 1, 2, 3, 5)),
        max_region_share=draw(small(None, 0.2, 0.34, 0.5, 1.0)),
        min_projects_per_target_area=draw(small(0, 1, 2)),
        max_awards_per_lead=draw(small(None, 1, 2, 3)),
        fund=frozenset(fund),
        reject=frozenset(reject),
    )
    rules = dataclasses.replace(rules, **draw(links_and_fair_shares(its)))
    rules = dataclasses.replace(rules, **draw(pools_and_years(its)))
    if rules.year_cents:  # every award paid in 2021 and 2022, in quarters
        its = tuple(dataclasses.replace(it, year_shares=_split(draw(st.integers(0, 4))))
                    for it in its)
    return Instance(items=its, rules=rules)


def _split(quarters: int) -> tuple:
    first = Fraction(quarters, 4)
    return tuple((y, s) for y, s in (("2021", first), ("2022", 1 - first)) if s)


@st.composite
def pools_and_years(draw, its: tuple[Item, ...]) -> dict:
    """Issue 14, items 2 and 3, mostly off: up to two funding pools over random items (with
    or without a shared remainder), and two years' appropriations with a random split of
    every award (carry-over or not). Their items get year shares where the years are on."""
    ids = [it.id for it in its]
    total = sum(it.max_units for it in its)
    pools = tuple(Pool(f"P{k}", draw(st.integers(0, total + 1)),
                       frozenset(draw(st.sets(st.sampled_from(ids))) if ids else ()))
                  for k in range(draw(small(0, 1, 2))))
    years = draw(small({}, {"2021": 1, "2022": 1}))
    cents = ({y: draw(st.integers(0, total + 1)) * 2500 for y in years} if years else {})
    return {"pools": pools, "shared_remainder": draw(st.booleans()), "year_cents": cents,
            "carry_over": draw(st.booleans())}


@st.composite
def links_and_fair_shares(draw, its: tuple[Item, ...]) -> dict:
    """Issue 14, items 1 and 4, mostly off: links between the items (an id outside the
    instance now and then), and fair shares by region on small whole weights."""
    ids = [it.id for it in its] + ["zz"]  # "zz": an application outside the instance
    links = []
    for _ in range(draw(small(0, 1, 2, 3)) if its else 0):
        kind = draw(st.sampled_from(LINK_KINDS))
        group = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        if kind == REQUIRES:
            links.append(Link(kind, tuple(group[1:]), requires=group[0]))
        elif kind == SYNERGY:
            least = sum(it.max_units if it.id in group else 0 for it in its)
            links.append(Link(kind, tuple(group), bonus=draw(st.sampled_from((0.0, 0.1, 0.5))),
                              saving_units=draw(st.integers(1, max(1, least // 2)))))
        else:
            links.append(Link(kind, tuple(group)))
    out: dict = {"links": tuple(links)}
    if draw(small(False, True)):
        out["fair_share_basis"] = "population"
        out["fair_share_weights"] = {r: float(draw(st.integers(0, 5))) for r in REGIONS}
        out["fair_share_min"] = draw(st.sampled_from((None, 0.5, 0.8)))
        out["fair_share_max"] = draw(st.sampled_from((None, 1.0, 2.0)))
    return out


_OPTIMA: dict[str, object] = {}


def optimum(instance: Instance):
    """Brute force once per instance, shared by the two solver runs of the same example."""
    key = repr(instance)  # Instance holds a dict (labels), so it is not hashable
    if key not in _OPTIMA:
        _OPTIMA[key] = brute_force(instance)
    return _OPTIMA[key]


def check_against_brute_force(instance: Instance, solver: str) -> None:
    assert_solver_matches(instance, solver, optimum(instance))


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@PROPERTY
@given(instance=instances())
def test_solver_matches_brute_force(solver, instance):
    check_against_brute_force(instance, solver)


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@settings(PROPERTY, max_examples=25)
@given(instance=instances())
def test_feasible_mostly(solver, instance):
    """The same property with the coverage rules switched off: mostly feasible instances,
    so the optimum itself (not only infeasibility) gets exercised often."""
    relaxed = instance.with_rules(
        min_projects_per_region=0,
        min_regions=0,
        min_projects_per_target_area=0,
        min_spend_units=0,
        fund=frozenset(),
    )
    check_against_brute_force(relaxed, solver)
