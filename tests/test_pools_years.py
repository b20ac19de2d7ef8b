"""Issue 14, items 2 and 3: funding pools and several years.

Hand-computed small cases (optimum, split between pools, yearly payments, carry-over),
the scenario keys (TOML, --set, Study.with_changes, errors), diagnosis naming the pool or
the year, the DP fast path switched off, the round's cost_YYYY columns, the Finnish rule
texts, hypothesis against brute force, and the 2020 example scenarios.
"""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import Study
from optimizer.case import prepare
from optimizer.errors import InfeasibleError, InputError, ScenarioError
from optimizer.formats.toml import to_toml
from optimizer.model.diagnose import diagnose
from optimizer.model.formulation import POOL, YEAR
from optimizer.model.funds import fund_rows
from optimizer.model.instance import FULL, PARTIAL, Instance, Item, Pool, Rules
from optimizer.model.knapsack import is_budget_only
from optimizer.model.solve import solve
from optimizer.model.verify import pool_split, verify
from optimizer.readers import read_round
from optimizer.scenario import load_scenario, parse_set
from tests.bruteforce import assert_solver_matches, brute_force
from tests.factories import make, said, with_years

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
BASELINE = SCENARIOS / "2020-baseline.toml"
ABC = [("a", 0.9, 4), ("b", 0.8, 4), ("c", 0.7, 4)]


def pools(*specs: tuple[str, int, str]) -> tuple[Pool, ...]:
    """('P', cap, 'ab') -> Pool P admitting a and b."""
    return tuple(Pool(name, cap, frozenset(ids)) for name, cap, ids in specs)




def optimum(instance: Instance) -> dict[str, int]:
    res = solve(instance)
    best = brute_force(instance)
    assert best is not None and res.objective == pytest.approx(best[0], abs=1e-9)
    assert verify(instance, res.units) == []
    return dict(res.units)


# --- pools, by hand ----------------------------------------------------------------------


def test_pools_without_a_shared_remainder_fund_one_of_a_and_b():
    # P (4 units) admits a and b, Q (4) admits c; the 12-unit budget has no part outside.
    inst = make(ABC, budget=8, pools=pools(("P", 4, "ab"), ("Q", 4, "c")))
    assert optimum(inst) == {"a": 4, "c": 4}  # a beats b for P's 4 units: 0.9 + 0.7
    assert said(verify(inst, {"a": 4, "b": 4})) == [
        "funding pool P: awards only it may pay total 800 €, 400 € over the appropriation "
        "400 €"]


def test_a_shared_remainder_lets_the_pools_bind_only_together():
    inst = make(ABC, budget=12, pools=pools(("P", 4, "ab"), ("Q", 8, "c")),
                shared_remainder=True)
    assert optimum(inst) == {"a": 4, "b": 4, "c": 4}
    assert is_budget_only(inst)  # only the budget binds: the DP stays exact
    rows = fund_rows(inst, {"a": 4, "b": 4, "c": 4})
    assert [(r["name"], r["spent_eur"]) for r in rows] == [
        ("P", 400.0), ("Q", 400.0), ("(outside the pools)", 400.0)]  # Q's leftover paid b


def test_the_budget_outside_the_pools_funds_any_application():
    inst = make(ABC, budget=10, pools=pools(("P", 2, "a"), ("Q", 2, "b")))
    assert inst.rules.remainder_units == 6
    # a: 2 from P + 2 outside; b: 2 from Q + 2 outside; c would need 4 more of the 2 left.
    assert optimum(inst) == {"a": 4, "b": 4}
    assert not is_budget_only(inst)


def test_an_award_is_split_between_the_pools_that_admit_it():
    inst = make([("a", 0.9, 4)], budget=4, pools=pools(("P", 2, "a"), ("Q", 2, "a")))
    assert optimum(inst) == {"a": 4}
    assert pool_split(inst, {"a": 4}) == {"P": {"a": 2}, "Q": {"a": 2},
                                          "(outside the pools)": {}}


def test_the_split_moves_awards_between_pools_where_needed():
    # b, admitted by fewer pools, draws first (on P); a then goes to Q.
    inst = make([("a", 0.5, 4), ("b", 0.5, 4)], budget=8,
                pools=pools(("P", 4, "ab"), ("Q", 4, "a")))
    split = pool_split(inst, {"a": 4, "b": 4})
    assert split is not None and split["P"] == {"b": 4} and split["Q"] == {"a": 4}
    short = inst.with_rules(pools=pools(("P", 4, "ab"), ("Q", 3, "a")), budget_units=7)
    assert pool_split(short, {"a": 4, "b": 4}) is None
    # Greedy by id puts a in P first; b then needs P, so the augmenting path moves a to Q.
    crossed = make([("a", 0.5, 2), ("b", 0.5, 2), ("c", 0.5, 2)], budget=6,
                   pools=pools(("P", 2, "ab"), ("Q", 2, "ac"), ("R", 2, "bc")))
    split = pool_split(crossed, {"a": 2, "b": 2, "c": 2})
    assert split is not None and sum(sum(s.values()) for s in split.values()) == 6


def test_an_application_no_pool_admits_is_not_funded():
    inst = make(ABC, budget=8, pools=pools(("P", 8, "ab")))
    assert optimum(inst) == {"a": 4, "b": 4}
    assert said(verify(inst, {"c": 4})) == [
        "funding pools: no pool may pay c, awards total 400 €"]


def test_partial_awards_fill_a_pool_exactly():
    inst = make([("a", 0.9, 6), ("b", 0.8, 6)], budget=12, mode=PARTIAL, min_share=0.5,
                pools=pools(("P", 9, "ab"), ("Q", 3, "b")))
    # 12 units in all, but b alone may use Q: a 6 + b 6 = 12 = P 9 + Q 3.
    assert sum(optimum(inst).values()) == 12


def test_diagnosis_names_the_pool():
    inst = make(ABC, budget=8, pools=pools(("P", 4, "ab"), ("Q", 4, "c")),
                fund=frozenset({"a", "b"}))
    with pytest.raises(InfeasibleError) as err:
        solve(inst)
    found = err.value.diagnosis
    assert POOL in found.families
    text = found.summary()
    assert "funding pool P" in text and "400 €" in text


def test_the_elastic_model_raises_the_pool():
    inst = make(ABC, budget=12, pools=pools(("P", 4, "ab"), ("Q", 8, "c")),
                fund=frozenset({"a", "b"}))
    found = diagnose(inst)
    assert [str(r) for r in found.relaxations] == [
        "funding pool P: its appropriation of 400 € must rise by 400 €"]


# --- several years, by hand --------------------------------------------------------------

SHARES = {"a": {"2021": Fraction(3, 10), "2022": Fraction(7, 10)},
          "b": {"2021": Fraction(7, 10), "2022": Fraction(3, 10)}}
AB = [("a", 0.9, 10), ("b", 0.5, 10)]  # 1,000 € each


def test_every_year_within_its_appropriation():
    both = with_years(make(AB, budget=20), SHARES, {"2021": 100_000, "2022": 100_000})
    assert optimum(both) == {"a": 10, "b": 10}  # 300 + 700 = 1,000 € in each year
    tight = with_years(make(AB, budget=20), SHARES, {"2021": 120_000, "2022": 80_000})
    assert optimum(tight) == {"a": 10}  # both: 2022 would pay 1,000 € of 800 €
    assert said(verify(tight, {"a": 10, "b": 10})) == [
        "year 2022: payments total 1,000 €, 200 € over its appropriation 800 €"]
    assert not is_budget_only(tight)


def test_carry_over_lets_a_later_year_spend_what_an_earlier_left():
    carry = with_years(make(AB, budget=20), SHARES, {"2021": 120_000, "2022": 80_000},
                       carry=True)
    assert optimum(carry) == {"a": 10, "b": 10}  # 1,000 <= 1,200; 2,000 <= 2,000
    early = with_years(make(AB, budget=20), SHARES, {"2021": 80_000, "2022": 120_000},
                       carry=True)  # money does not move backwards
    assert said(verify(early, {"a": 10, "b": 10})) == [
        "years up to 2021: payments total 1,000 €, 200 € over the appropriations 800 € "
        "(unspent money carried over)"]
    rows = fund_rows(carry, {"a": 10, "b": 10})
    assert [(r["name"], r["spent_eur"], r["left_eur"]) for r in rows] == [
        ("2021", 1000.0, 200.0), ("2022", 1000.0, 0.0)]


def test_a_partial_award_pays_its_share_of_each_year():
    inst = with_years(make([("a", 0.9, 10)], budget=10, mode=PARTIAL, min_share=0.1),
                      {"a": SHARES["a"]}, {"2021": 15_000, "2022": 100_000})
    assert optimum(inst) == {"a": 5}  # 2021 pays 30 % of the award: at most 150 €


def test_payments_compare_in_cents():
    thirds = {"a": {"2021": Fraction(1, 3), "2022": Fraction(2, 3)}}
    inst = with_years(make([("a", 0.9, 1)], budget=1), thirds, {"2021": 3333, "2022": 6667})
    assert verify(inst, {"a": 1}) == []  # 33.333... € against 33.33 €: within half a cent
    assert optimum(inst) == {"a": 1}
    short = inst.with_rules(year_cents={"2021": 3332, "2022": 6667})
    assert verify(short, {"a": 1}) and optimum(short) == {}


def test_diagnosis_names_the_year():
    inst = with_years(make(AB, budget=20, fund=frozenset({"a", "b"})), SHARES,
                      {"2021": 120_000, "2022": 80_000})
    found = diagnose(inst)
    assert YEAR in found.families
    assert any("year 2022" in str(r) for r in found.relaxations + found.structural)


def test_new_rules_read_in_finnish():
    messages = [
        *verify(make(ABC, budget=8, pools=pools(("P", 4, "ab"), ("Q", 4, "c"))),
                {"a": 4, "b": 4}),
        *verify(make(ABC, budget=4, pools=pools(("P", 2, "ab"), ("Q", 2, "ab"))),
                {"a": 4, "b": 4}),
        *verify(make(ABC, budget=8, pools=pools(("P", 8, "ab"))), {"c": 4}),
        *verify(with_years(make(AB, budget=20), SHARES, {"2021": 120_000, "2022": 80_000}),
                {"a": 10, "b": 10}),
        *verify(with_years(make(AB, budget=20), SHARES, {"2021": 80_000, "2022": 120_000},
                           carry=True), {"a": 10, "b": 10}),
    ]
    assert len(messages) == 6  # the second also breaks the budget
    for message in messages:
        finnish = message.text("fi")
        assert finnish != str(message) and " total " not in finnish and " over " not in finnish


# --- hypothesis against brute force ------------------------------------------------------

YEARS = ("2021", "2022")


@st.composite
def pool_year_instances(draw) -> Instance:
    mode = draw(st.sampled_from((FULL, PARTIAL)))
    n = draw(st.integers(1, 7 if mode == FULL else 4))
    items = []
    for i in range(n):
        first = Fraction(draw(st.sampled_from((0, 1, 2, 3, 4))), 4)
        shares = tuple((y, s) for y, s in zip(YEARS, (first, 1 - first), strict=True) if s)
        items.append(Item(id=f"a{i}", score=draw(st.integers(0, 100)) / 100,
                          max_units=draw(st.integers(1, 8 if mode == FULL else 5)),
                          year_shares=shares))
    ids = [it.id for it in items]
    total = sum(it.max_units for it in items)
    specs = []
    for k in range(draw(st.integers(0, 3))):
        members = draw(st.sets(st.sampled_from(ids), max_size=len(ids)))
        specs.append(Pool(f"P{k}", draw(st.integers(0, total)), frozenset(members)))
    years = draw(st.one_of(st.just({}), st.fixed_dictionaries(
        {y: st.integers(0, total * 100).map(lambda u: u * 100 // 4 * 4) for y in YEARS})))
    fund = draw(st.sets(st.sampled_from(ids), max_size=1))
    rules = Rules(budget_units=draw(st.integers(0, total + 2)), mode=mode,
                  min_share=draw(st.sampled_from((0.5, 0.2, 1.0))), pools=tuple(specs),
                  shared_remainder=draw(st.booleans()), year_cents=years,
                  carry_over=draw(st.booleans()), fund=frozenset(fund),
                  max_awards_per_lead=None)
    return Instance(items=tuple(items), rules=rules)


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(instance=pool_year_instances())
def test_pools_and_years_match_brute_force(solver, instance):
    res = assert_solver_matches(instance, solver)
    if res is None:
        return
    assert pool_split(instance, res.units) is not None
    if instance.rules.pools_bind:  # the reported split pays every award within the pools
        split = pool_split(instance, res.units)
        assert split is not None
        paid = {i: sum(s.get(i, 0) for s in split.values()) for i in res.units}
        assert paid == dict(res.units)


# --- scenario keys -----------------------------------------------------------------------


def test_the_keys_have_defaults_and_round_trip(tmp_path):
    s = load_scenario(BASELINE)
    assert s.budget.pools == () and s.budget.years == {} and not s.budget.carry_over
    assert not s.budget.shared_remainder and s.budget.year_split == {}
    s = load_scenario(SCENARIOS / "2020-small-municipalities-pool.toml")
    assert [p["name"] for p in s.budget.pools] == ["small municipalities", "main"]
    path = tmp_path / "written.toml"
    path.write_text(to_toml(s).replace('round = "', f'round = "{ROOT}/data/2020"  # "'))
    again = load_scenario(path)
    assert again.budget.pools == s.budget.pools


def test_set_and_with_changes():
    s = load_scenario(BASELINE, sets=[
        'budget.pools=[{name = "x", appropriation_eur = 1e6, regions = ["Kainuu"]}]',
        "budget.years.2021=4e6", "budget.years.2022=6e6", "budget.carry_over=true",
        "budget.year_split={2021 = 0.5, 2022 = 0.5}"])
    assert s.budget.years == {"2021": 4e6, "2022": 6e6} and s.budget.carry_over
    assert s.budget.pools[0]["regions"] == ("Kainuu",)
    assert parse_set("budget.years.2021=5")[2] == {"2021": 5}
    study = Study.from_file(SCENARIOS / "2020-two-years.toml")
    changed = study.with_changes(**{"budget.carry_over": True})
    assert changed.scenario.budget.carry_over


@pytest.mark.parametrize("sets, words", [
    (['budget.pools=[{name = "x", appropriation_eur = 1, region = ["Kainuu"]}]'],
     "unknown key 'region'. Did you mean 'regions'?"),
    (['budget.pools=[{appropriation_eur = 1}]'], "name is missing"),
    (['budget.pools=[{name = "x", appropriation_eur = 1}, {name = "x", '
      'appropriation_eur = 2}]'], "two pools are named 'x'"),
    (['budget.pools=[{name = "x", appropriation_eur = -1}]'], "between 0"),
    (['budget.pools=[{name = "x", appropriation_eur = 1, column = "language"}]'],
     "column and values together"),
    (['budget.pools=[{name = "x", appropriation_eur = 1, min_requested_eur = 5, '
      'max_requested_eur = 2}]'], "is above max_requested_eur"),
    (["budget.years.20x1=5"], "'20x1' is not a year"),
    (["budget.year_split={2021 = 0.5, 2022 = 0.4}"], "sum to 0.9, not 1"),
    (["budget.carry_over=1"], "expected true or false"),
    (["budget.pools=3"], "expected a list of tables"),
])
def test_bad_keys_name_the_key(sets, words):
    with pytest.raises(ScenarioError) as err:
        load_scenario(BASELINE, sets=sets)
    assert words in str(err.value)


@pytest.mark.parametrize("sets, words", [
    (['budget.pools=[{name = "x", appropriation_eur = 1, regions = ["Kainu"]}]'],
     "regions names 'Kainu', which no application of the round has. Did you mean 'Kainuu'?"),
    (['budget.pools=[{name = "x", appropriation_eur = 1, column = "lang", '
      'values = ["fi"]}]'], "column 'lang' is not a text column"),
    (['budget.pools=[{name = "x", appropriation_eur = 1, ids = ["2020-99"]}]'],
     "ids names '2020-99'"),
    (["budget.years.2021=5e6"], "states no cost per year"),
    (["budget.year_split={2021 = 1.0}"], "budget.years is not"),
    (["budget.years.2021=5e6", "budget.year_split={2021 = 0.5, 2022 = 0.5}"],
     "no appropriation for 2022"),
])
def test_selectors_and_years_checked_against_the_round(sets, words):
    with pytest.raises(ScenarioError) as err:
        prepare(BASELINE, sets=sets)
    assert words in str(err.value)


def test_selectors_choose_by_region_area_size_column_and_list():
    sets = ['budget.pools=['
            '{name = "kainuu", appropriation_eur = 1e6, regions = ["Kainuu"]}, '
            '{name = "small", appropriation_eur = 1e6, max_requested_eur = 60000}, '
            '{name = "sv", appropriation_eur = 1e6, column = "language", values = ["sv"]}, '
            '{name = "two", appropriation_eur = 1e6, ids = ["2020-03", "2020-06"]}, '
            '{name = "area", appropriation_eur = 1e6, target_areas = ["participation"]}, '
            '{name = "rest", appropriation_eur = 5e6, others = true}]']
    prep = prepare(BASELINE, sets=sets)
    got = {p.name: p.members for p in prep.instance.rules.pools}
    apps = {a.id: a for a in prep.round.applications}
    items = {it.id: it for it in prep.instance.items}
    assert got["kainuu"] and all(items[i].lead_region == "Kainuu" for i in got["kainuu"])
    assert got["small"] and all(apps[i].requested_eur <= 60000 for i in got["small"])
    assert all(apps[i].language == "sv" for i in got["sv"])
    assert got["two"] == {"2020-03", "2020-06"} & set(items)
    assert got["area"] and all("participation" in items[i].areas for i in got["area"])
    others = set(items) - set().union(*(got[n] for n in got if n != "rest"))
    assert got["rest"] == others


# --- the round's costs per year ----------------------------------------------------------


def _round_with_costs(tmp_path: Path, cell: str = "") -> Path:
    folder = tmp_path / "round"
    shutil.copytree(ROOT / "data" / "2020", folder)
    path = folder / "applications.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",cost_2021,cost_2022"]
    for n, line in enumerate(lines[1:]):
        out.append(line + ("," + cell if n == 0 and cell else ",1000,3000"))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def test_costs_per_year_from_applications_csv(tmp_path):
    folder = _round_with_costs(tmp_path)
    rnd = read_round(folder)
    assert rnd.applications[0].costs_by_year == (("2021", 1000.0), ("2022", 3000.0))
    prep = prepare(BASELINE, round_path=folder,
                   sets=["budget.years.2021=2e6", "budget.years.2022=8e6"])
    assert all(dict(it.year_shares) == {"2021": Fraction(1, 4), "2022": Fraction(3, 4)}
               for it in prep.instance.items)
    res = solve(prep.instance)
    assert verify(prep.instance, res.units) == []
    assert sum(res.units.values()) * 100 / 4 <= 2e6 + 0.005


def test_a_bad_cost_names_file_row_and_column(tmp_path):
    folder = _round_with_costs(tmp_path, cell="-5,3000")
    with pytest.raises(InputError) as err:
        read_round(folder)
    text = str(err.value)
    assert "applications.csv" in text and "cost_2021" in text and "negative" in text


# --- the 2020 scenarios ------------------------------------------------------------------


def test_the_small_municipalities_pool_binds_on_2020():
    study = Study.from_file(SCENARIOS / "2020-small-municipalities-pool.toml")
    alloc = study.solve()
    rows = {r["name"]: r for r in alloc.funds()}
    assert rows["small municipalities"]["spent_eur"] <= 3_000_000
    assert rows["main"]["spent_eur"] <= 7_000_000
    base = Study.from_file(BASELINE).solve()
    assert alloc.objective < base.objective  # the pools bind


def test_two_years_bind_and_carry_over_lifts_them():
    two = Study.from_file(SCENARIOS / "2020-two-years.toml").solve()
    carry = Study.from_file(SCENARIOS / "2020-two-years-carry-over.toml").solve()
    base = Study.from_file(BASELINE).solve()
    assert two.totals().spent_eur * 0.6 <= 5_000_000 + 0.005
    assert two.objective < carry.objective == pytest.approx(base.objective)
    assert [r["name"] for r in two.funds()] == ["2021", "2022"]


# --- a pool no award can draw on (issue 19) ----------------------------------------------


def test_a_pool_that_admits_no_application_is_said_in_every_output(tmp_path):
    import json

    from click.testing import CliRunner
    from openpyxl import load_workbook

    import optimizer.cli

    pools = ('budget.pools=[{name = "tiny", appropriation_eur = 1e6, max_requested_eur = 1}, '
             '{name = "main", appropriation_eur = 9e6, others = true}]')
    said = ("the funding pool 'tiny' admits no fundable application: its appropriation of "
            "1,000,000 € cannot be awarded")
    out = tmp_path / "out"
    result = CliRunner().invoke(optimizer.cli.main, [
        "run", str(BASELINE), "--set", pools, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Note: {said}." in result.output
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["notes"] == [said]
    cells = {c.value for row in load_workbook(out / "allocation.xlsx")["about"].iter_rows()
             for c in row}
    assert said in cells
    fi = CliRunner().invoke(optimizer.cli.main, [
        "run", str(BASELINE), "--set", pools, "--lang", "fi", "--out", str(tmp_path / "fi")])
    assert ("Huomio: määrärahaosuuteen 'tiny' ei kuulu yhtään rahoituskelpoista hakemusta: "
            "sen määrärahaa 1 000 000 € ei voi myöntää."
            in fi.output.replace("\N{NO-BREAK SPACE}", " "))  # Finnish numbers keep together


def test_pools_that_admit_applications_add_no_note():
    prep = prepare(SCENARIOS / "2020-small-municipalities-pool.toml")
    assert not [n for n in prep.notes if n.code == "case.empty_pool"]
