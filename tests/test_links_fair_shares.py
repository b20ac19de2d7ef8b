"""Issue 14, items 1 and 4: links between applications (requires, excludes, together,
synergy) and fair shares by region. Hand-computed small cases, the scenario keys and the
round's links.csv, verification and its Finnish words, diagnosis, explain, the regions
table, and the solvers against brute force with both rules always on."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.explain import explain
from optimizer.analysis.explain_sentences import link_sentence
from optimizer.analysis.regions import region_table, with_fair_shares
from optimizer.errors import InfeasibleError, InputError, ScenarioError
from optimizer.formats.toml import to_toml
from optimizer.model.diagnose import diagnose
from optimizer.model.formulation import FAIR_SHARE, LINKS
from optimizer.model.instance import (
    EXCLUDES,
    PARTIAL,
    PARTICIPANTS,
    REQUIRES,
    SCORE_EUROS,
    SYNERGY,
    TOGETHER,
    Instance,
    Item,
    Link,
    Rules,
)
from optimizer.model.knapsack import is_budget_only
from optimizer.model.solve import solve
from optimizer.model.verify import fair_share_regions, verify
from optimizer.scenario import apply_changes, load_scenario
from optimizer.study import Study
from optimizer.vocabulary.message import Message
from tests.bruteforce import assert_solver_matches
from tests.factories import make, said
from tests.test_report_words import ENGLISH

ROOT = Path(__file__).resolve().parent.parent
ROUND = ROOT / "data" / "2020"
SOLVERS = ("cbc", "highs")


def linked(specs, budget, *links, **rules) -> Instance:
    return make(specs, budget=budget, links=tuple(links), **rules)


def best(instance: Instance, solver: str = "cbc") -> tuple[float, set[str]]:
    res = solve(instance, solver)
    assert verify(instance, res.units) == []
    return round(res.objective, 9), set(res.units)


# --- links, by hand ----------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_requires_keeps_the_dependant_out_without_its_base(solver):
    # Budget 4 fits one: b (0.9) alone would be best, but b only with a, and a + b is 8.
    specs = [("a", 0.3, 4), ("b", 0.9, 4)]
    assert best(make(specs, budget=4), solver) == (0.9, {"b"})
    inst = linked(specs, 4, Link(REQUIRES, ("b",), requires="a"))
    assert best(inst, solver) == (0.3, {"a"})
    assert best(inst.with_rules(budget_units=8), solver) == (1.2, {"a", "b"})


@pytest.mark.parametrize("solver", SOLVERS)
def test_excludes_funds_at_most_one_of_the_group(solver):
    specs = [("a", 0.5, 3), ("b", 0.45, 3), ("c", 0.2, 3)]
    assert best(make(specs, budget=9), solver) == (1.15, {"a", "b", "c"})
    inst = linked(specs, 9, Link(EXCLUDES, ("a", "b")))
    assert best(inst, solver) == (0.7, {"a", "c"})


@pytest.mark.parametrize("solver", SOLVERS)
def test_together_funds_all_or_none(solver):
    # a + b cost 6 > 3: together, neither can be funded; c takes the budget.
    specs = [("a", 0.9, 3), ("b", 0.1, 3), ("c", 0.2, 3)]
    inst = linked(specs, 3, Link(TOGETHER, ("a", "b")))
    assert best(inst, solver) == (0.2, {"c"})
    assert best(inst.with_rules(budget_units=6), solver) == (1.0, {"a", "b"})


@pytest.mark.parametrize("solver", SOLVERS)
def test_synergy_bonus_is_in_the_value(solver):
    # Without the bonus c + a (0.8); with 0.3 for a and b together: 0.3 + 0.3 + 0.3 = 0.9.
    specs = [("a", 0.3, 3), ("b", 0.3, 3), ("c", 0.5, 3)]
    assert best(make(specs, budget=6), solver) == (0.8, {"a", "c"})
    inst = linked(specs, 6, Link(SYNERGY, ("a", "b"), bonus=0.3))
    assert best(inst, solver) == (0.9, {"a", "b"})
    assert inst.value({"a": 3, "b": 3}) == pytest.approx(0.9)
    assert inst.value({"a": 3}) == pytest.approx(0.3)  # incomplete: no bonus


def test_synergy_bonus_under_score_euros_is_scaled_by_the_members_needs():
    inst = linked([("a", 0.5, 3), ("b", 0.5, 2)], 10, Link(SYNERGY, ("a", "b"), bonus=0.1),
                  objective=SCORE_EUROS)
    # items: 0.5 x 300 + 0.5 x 200 = 250; bonus 0.1 x (300 + 200) = 50
    assert inst.value({"a": 3, "b": 2}) == pytest.approx(300.0)


@pytest.mark.parametrize("solver", SOLVERS)
def test_synergy_saving_lowers_the_spend(solver):
    # Both cost 8 units; a saving of 1 unit when both are funded fits them into 7.
    specs = [("a", 0.5, 4), ("b", 0.4, 4)]
    assert best(make(specs, budget=7), solver) == (0.5, {"a"})
    inst = linked(specs, 7, Link(SYNERGY, ("a", "b"), saving_units=1))
    assert best(inst, solver) == (0.9, {"a", "b"})
    assert inst.spend({"a": 4, "b": 4}) == 7
    # The saving never counts for a portfolio without the whole group (minimum spend).
    assert verify(inst.with_rules(min_spend_units=8), {"a": 4, "b": 4})


def test_a_link_to_an_application_outside_the_instance():
    # "x" is not fundable: b, which requires it, cannot be funded; together with x: none.
    specs = [("a", 0.3, 2), ("b", 0.9, 2)]
    inst = linked(specs, 4, Link(REQUIRES, ("b",), requires="x"))
    assert best(inst) == (0.3, {"a"})
    inst = linked(specs, 4, Link(TOGETHER, ("a", "x")))
    assert best(inst) == (0.9, {"b"})


def test_verify_names_every_broken_link():
    inst = linked([("a", 0.5, 2), ("b", 0.5, 2), ("c", 0.5, 2)], 10,
                  Link(REQUIRES, ("b",), requires="c"), Link(EXCLUDES, ("a", "b")),
                  Link(TOGETHER, ("a", "c")))
    problems = said(verify(inst, {"a": 2, "b": 2}))
    assert problems == [
        "b (Lead B) is funded but requires c (Lead C), which is not",
        "a (Lead A), b (Lead B) exclude each other, but 2 of them are funded",
        "a (Lead A), c (Lead C) go together, but only 1 of them are funded",
    ]


# --- fair shares, by hand ----------------------------------------------------------------

FAIR = [("a", 0.9, 6, "R1"), ("b", 0.5, 2, "R2"), ("c", 0.4, 4, "R2")]
WEIGHTS = {"R1": 1.0, "R2": 1.0, "R3": 100.0}  # R3 has no application: left out


def fair(**rules) -> Instance:
    return make(FAIR, budget=10, fair_share_basis="population",
                fair_share_weights=WEIGHTS, **rules)


def test_regions_without_a_fundable_application_are_left_out():
    assert fair_share_regions(fair(fair_share_min=0.5)) == {"R1": 0.5, "R2": 0.5}
    assert fair_share_regions(fair()) == {}  # no bound: the rule is off


@pytest.mark.parametrize("solver", SOLVERS)
def test_fair_share_bounds_by_hand(solver):
    # Unbounded: a + b (1.4; R1 has 6 of 8 = 75 %, ratio 1.5; R2 25 %, ratio 0.5).
    assert best(fair(fair_share_min=0.5), solver) == (1.4, {"a", "b"})  # R2 exactly at 0.5
    assert best(fair(fair_share_max=1.5), solver) == (1.4, {"a", "b"})  # R1 exactly at 1.5
    # At most 1.4 x 50 %: R1 6 of 8 is too much; a + c gives R1 6 of 10 = 60 % (ratio 1.2).
    assert best(fair(fair_share_max=1.4), solver) == (1.3, {"a", "c"})
    # At least 0.8 x 50 % = 40 % each: a + c (60 / 40) is the best that meets it.
    assert best(fair(fair_share_min=0.8), solver) == (1.3, {"a", "c"})
    # At least 45 % each: no non-empty portfolio; only funding nothing meets the rule.
    assert best(fair(fair_share_min=0.9), solver) == (0.0, set())


def test_fair_share_verify_message_and_nothing_funded_meets_it():
    inst = fair(fair_share_max=1.4)
    assert said(verify(inst, {"a": 6, "b": 2})) == [
        "R1: 75.0 % of the awarded euros, above 1.4 × its population share 50.0 % "
        "(ratio 1.50; fair share at most)"]
    assert verify(inst, {}) == []  # no euros, no shares: the empty portfolio meets it


def test_fair_shares_split_on_the_participants_basis():
    # By participants a's award is split R1 / R2 (its region_split): R2 gets half of 6.
    inst = fair(fair_share_max=1.4, region_basis=PARTICIPANTS)
    items = (dataclasses.replace(inst.items[0], region_split=(("R1", 0.5), ("R2", 0.5))),
             *inst.items[1:])
    inst = dataclasses.replace(inst, items=items)
    assert verify(inst, {"a": 6, "b": 2}) == []  # R1 3 of 8 = 37.5 %: ratio 0.75
    assert best(inst) == (1.4, {"a", "b"})


def test_new_rules_leave_the_dp_path():
    specs = [("a", 0.3, 4), ("b", 0.9, 4)]
    assert is_budget_only(make(specs, budget=4))
    assert not is_budget_only(linked(specs, 4, Link(EXCLUDES, ("a", "b"))))
    assert not is_budget_only(fair(fair_share_min=0.5))
    assert is_budget_only(fair())  # weights without a bound: off


# --- diagnosis ---------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_diagnosis_names_the_link(solver):
    inst = linked([("a", 0.5, 2), ("b", 0.5, 2)], 10, Link(EXCLUDES, ("a", "b")),
                  fund=frozenset({"a", "b"}))
    with pytest.raises(InfeasibleError):
        solve(inst, solver)
    found = diagnose(inst, solver)
    assert LINKS in found.families
    assert ("the link 'a, b exclude each other' must give way (links between applications)"
            in found.summary())


@pytest.mark.parametrize("solver", SOLVERS)
def test_diagnosis_names_the_fair_share(solver):
    inst = fair(fair_share_max=1.2, fund=frozenset({"a", "b"}))
    with pytest.raises(InfeasibleError):
        solve(inst, solver)
    found = diagnose(inst, solver)
    assert FAIR_SHARE in found.families
    assert "R1: the fair share (fair share at most 1.2 x its population share) must give " \
           "way" in found.summary()


# --- Finnish -----------------------------------------------------------------------------


def test_every_new_rule_reads_in_finnish():
    messages = verify(linked([("a", 0.5, 2), ("b", 0.5, 2), ("c", 0.5, 2)], 10,
                             Link(REQUIRES, ("b",), requires="c"), Link(EXCLUDES, ("a", "b")),
                             Link(TOGETHER, ("a", "c"))), {"a": 2, "b": 2})
    messages += verify(fair(fair_share_max=1.4), {"a": 6, "b": 2})
    messages += verify(fair(fair_share_min=0.9), {"a": 6, "c": 4})
    inst = fair(fair_share_min=0.9)
    messages += verify(inst.with_rules(fair_share_basis="requested"), {"a": 6, "c": 4})
    assert len(messages) == 6
    for message in messages:
        finnish = message.text("fi")
        assert finnish != str(message) and not ENGLISH.search(finnish), (message, finnish)


def test_link_sentences_in_both_languages():
    requires = Message.of("explain.link_requires", other="2020-11")
    assert str(requires) == "requires 2020-11, which is not funded"
    assert str(link_sentence("2020-12", "out", requires)) == \
        "2020-12 is out because it requires 2020-11, which is not funded."
    assert link_sentence("2020-12", "out", requires).text("fi") == \
        "2020-12 ei ole mukana, koska se edellyttää hanketta 2020-11, jota ei rahoiteta."
    excludes = Message.of("explain.link_excludes", id="b", other="a")
    assert str(link_sentence("b", "out", excludes)) == \
        "b is out because b and a exclude each other, and a is funded."
    assert link_sentence("b", "out", excludes).text("fi") == \
        "b ei ole mukana, koska b ja a ovat toistensa vaihtoehtoja, ja a rahoitetaan."
    required = Message.of("explain.link_required_by", ids=["b"])
    assert str(link_sentence("a", "in", required)) == \
        "a is in because b requires it, and is funded."
    assert link_sentence("a", "in", required).text("fi") == \
        "a on mukana, koska rahoitettu hanke b edellyttää sitä."


def test_explain_says_why_a_linked_application_is_out():
    # c alone is best: b needs a, and a + b (6) is over the budget (4).
    inst = linked([("a", 0.1, 4), ("b", 0.5, 2), ("c", 0.4, 2)], 4,
                  Link(REQUIRES, ("b",), requires="a"))
    rows = {r.id: r for r in explain(inst).entries}
    assert rows["b"].sentence.endswith("b is out because it requires a, which is not funded.")
    assert rows["b"].sentence_in("fi").endswith(
        "b ei ole mukana, koska se edellyttää hanketta a, jota ei rahoiteta.")
    inst = inst.with_rules(budget_units=6)  # a + b (0.6) now beats a + c (0.5)
    rows = {r.id: r for r in explain(inst).entries}
    assert rows["a"].sentence.endswith("a is in because b requires it, and is funded.")
    inst = linked([("a", 0.5, 3), ("b", 0.45, 3)], 9, Link(EXCLUDES, ("a", "b")))
    rows = {r.id: r for r in explain(inst).entries}
    assert "b is out because b and a exclude each other, and a is funded." in rows["b"].sentence


# --- the regions table -------------------------------------------------------------------


def test_region_table_carries_the_fair_share_ratios():
    splits = {"a": {"R1": 1.0}, "b": {"R2": 1.0}}
    table = region_table(splits, {"a": 600.0, "b": 200.0}, {"a": 600.0}, {}, 1000.0, "lead")
    table = with_fair_shares(table, {"R1": 0.5, "R2": 0.5}, "population")
    rows = {r["region"]: r for r in table.rows()}
    assert rows["R1"]["fair_share"] == 0.5
    assert rows["R1"]["fair_share_ratio"] == pytest.approx(1.5)
    assert rows["R2"]["fair_share_ratio"] == pytest.approx(0.5)
    assert rows["R2"]["actual_fair_share_ratio"] == 0.0
    assert rows["R1"]["actual_fair_share_ratio"] == pytest.approx(2.0)
    plain = region_table(splits, {"a": 600.0}, None, {}, 1000.0, "lead")
    assert "fair_share" not in plain.rows()[0]  # the rule off: the columns as before


# --- the scenario keys -------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(f'[scenario]\nround = "{ROUND}"\n' + text, encoding="utf-8")
    return path


LINKS_TOML = """
[[links]]
kind = "excludes"
ids = ["2020-40", "2020-41"]

[[links]]
kind = "requires"
ids = ["2020-12"]
requires = "2020-11"
"""


def test_links_from_toml_set_and_python(tmp_path):
    scenario = load_scenario(write(tmp_path, LINKS_TOML))
    assert [str(link) for link in scenario.links] == [
        "excludes 2020-40, 2020-41", "2020-12 requires 2020-11"]
    more = load_scenario(write(tmp_path, LINKS_TOML), sets=[
        'links=[{kind = "synergy", ids = ["2020-01", "2020-02"], bonus = 0.05}]'])
    assert len(more.links) == 3 and more.links[2].bonus == 0.05
    assert "links = [" in more.title
    assert load_scenario(write(tmp_path, LINKS_TOML), sets=["links=[]"]).links == ()
    changed = apply_changes(scenario, {"links": [{"kind": "together", "ids": ["a", "b"]}]})
    assert [link.kind for link in changed.links] == ["together"]
    # Written back and read again: the same links.
    (tmp_path / "w.toml").write_text(to_toml(scenario), encoding="utf-8")
    again = load_scenario(tmp_path / "w.toml")
    assert again.links == scenario.links


@pytest.mark.parametrize(("table", "message"), [
    ('kind = "exclude"\nids = ["a", "b"]', "links[1].kind = 'exclude' is not one of"),
    ('kind = "excludes"\nids = ["a"]', "needs at least 2 different application ids"),
    ('kind = "requires"\nids = ["a"]', 'links[1].requires: give it'),
    ('kind = "synergy"\nids = ["a", "b"]', "a synergy needs a bonus"),
    ('kind = "excludes"\nids = ["a", "b"]\nbonus = 1', "belong to kind = \"synergy\""),
    ('kind = "excludes"\nidz = ["a", "b"]', "unknown key 'idz'"),
    ('kind = "synergy"\nids = ["a", "b"]\nsaving_eur = -5', "saving_eur = -5.0 must be"),
])
def test_bad_links_are_one_clear_message(tmp_path, table, message):
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_scenario(write(tmp_path, f"[[links]]\n{table}\n"))


def test_an_unknown_id_gets_did_you_mean(tmp_path):
    study = Study.from_file(write(tmp_path, LINKS_TOML.replace('"2020-11"', '"2020-111"')))
    with pytest.raises(ScenarioError, match=r"no application '2020-111' in the round\. "
                                            r"Did you mean"):
        study.case  # noqa: B018


def test_fair_share_keys(tmp_path):
    scenario = load_scenario(write(tmp_path, "[coverage]\nfair_share_basis = \"population\"\n"),
                             sets=["coverage.fair_share_min=0.5", "coverage.fair_share_max=2"])
    assert (scenario.coverage.fair_share_min, scenario.coverage.fair_share_max) == (0.5, 2.0)
    with pytest.raises(ScenarioError, match="Did you mean 'population'"):
        load_scenario(write(tmp_path, ""), sets=["coverage.fair_share_basis=populaton"])
    with pytest.raises(ScenarioError, match=r"fair_share_max = 0\.5 must be between 1 and"):
        load_scenario(write(tmp_path, ""), sets=["coverage.fair_share_max=0.5"])
    with pytest.raises(ScenarioError, match=r"need coverage\.fair_share_basis"):
        Study.from_file(write(tmp_path, "[coverage]\nfair_share_min = 0.5\n")).case  # noqa: B018


# --- links.csv in the round folder ---------------------------------------------------------


def round_with_links(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "round"
    shutil.copytree(ROUND, folder)
    (folder / "links.csv").write_text(text, encoding="utf-8")
    return folder


def test_links_csv_is_read(tmp_path):
    folder = round_with_links(tmp_path, "kind,ids,requires,bonus,saving_eur,note\n"
                                        "excludes,2020-40; 2020-41,,,,Porvoo\n"
                                        "synergy,2020-01;2020-02,,0.05,1000,\n")
    study = Study.from_round(folder)
    links = study.case.instance.rules.links
    assert [(k.kind, k.ids, k.bonus, k.saving_units) for k in links] == [
        (EXCLUDES, ("2020-40", "2020-41"), 0.0, 0),
        (SYNERGY, ("2020-01", "2020-02"), 0.05, 10)]


def test_links_csv_names_file_row_column_and_value(tmp_path):
    folder = round_with_links(tmp_path, "kind,ids,requires\n"
                                        "excludes,2020-40;2020-411,\n"
                                        "requirez,2020-12,2020-11\n")
    with pytest.raises(InputError) as err:
        Study.from_round(folder).case  # noqa: B018
    text = str(err.value)
    assert "links.csv" in text and "row 2" in text and "2020-411" in text
    assert "Did you mean '2020-41'" in text
    assert "row 3" in text and "requirez" in text and "Did you mean 'requires'" in text


# --- against brute force, both rules always on -----------------------------------------

REGIONS = ("R1", "R2", "R3")


@st.composite
def linked_instances(draw) -> Instance:
    mode = draw(st.sampled_from(("full", PARTIAL)))
    n = draw(st.integers(2, 8 if mode == "full" else 5))
    items = tuple(Item(id=f"a{i}", score=draw(st.integers(0, 100)) / 100,
                       max_units=draw(st.integers(1, 12 if mode == "full" else 5)),
                       lead_region=draw(st.sampled_from(REGIONS)),
                       regions=frozenset(draw(st.sets(st.sampled_from(REGIONS), max_size=2))))
                  for i in range(n))
    ids = [it.id for it in items]
    links = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from((REQUIRES, EXCLUDES, TOGETHER, SYNERGY)))
        group = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        if kind == REQUIRES:
            links.append(Link(kind, tuple(group[1:]), requires=group[0]))
        elif kind == SYNERGY:
            links.append(Link(kind, tuple(group), bonus=draw(st.sampled_from((0.0, 0.2))),
                              saving_units=draw(st.integers(1, 2))))
        else:
            links.append(Link(kind, tuple(group)))
    rules = Rules(
        budget_units=draw(st.integers(0, sum(it.max_units for it in items))), mode=mode,
        objective=draw(st.sampled_from(("score", SCORE_EUROS))), links=tuple(links),
        region_basis=draw(st.sampled_from(("lead", PARTICIPANTS))),
        fair_share_basis="population",
        fair_share_weights={r: float(draw(st.integers(0, 4))) for r in REGIONS},
        fair_share_min=draw(st.sampled_from((None, 0.25, 0.5))),
        fair_share_max=draw(st.sampled_from((None, 1.5, 3.0))))
    return Instance(items=items, rules=rules)


@pytest.mark.parametrize("solver", SOLVERS)
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_links_and_fair_shares_match_brute_force(solver, data):
    instance = data.draw(linked_instances())
    assert_solver_matches(instance, solver)
