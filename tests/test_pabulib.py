"""Participatory budgeting (pabulib .pb files): the reader takes real, untidy files and
names the section and line of what it cannot read; import and export round-trip every real
instance; the imported scenario's optimum is the utilitarian optimum, checked against exact
dynamic programmes written here; and the per-category caps hold everywhere a rule family
lives (the integer program against brute force, verify, diagnose, the DP's method choice).

The real instances live in ../shared/pabulib beside the checkout (see SOURCES.md there); a
clone without them skips those tests.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Mapping
from functools import reduce
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import Study
from optimizer.cli import main
from optimizer.errors import InfeasibleError, InputError, ScenarioError
from optimizer.formats.pabulib import (
    ACTUAL,
    import_pabulib,
    pabulib_text,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from optimizer.formats.toml import to_toml
from optimizer.model.instance import FULL, PARTIAL, Instance, Item, Rules
from optimizer.model.knapsack import choose_method
from optimizer.model.solve import solve
from optimizer.model.verify import verify
from optimizer.readers import read_round
from optimizer.scenario import load_scenario
from tests.bruteforce import assert_solver_matches
from tests.test_input_messages import _finnish_ok

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "pabulib"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "pabulib"
REAL = sorted(SHARED.glob("*.pb")) if SHARED.is_dir() else []
needs_real = pytest.mark.skipif(
    not REAL, reason=f"the real pabulib instances are not here ({SHARED}); they live in "
                     "../shared/pabulib beside the checkout")


def _import(source: Path, tmp_path: Path) -> Path:
    """The scenario of an imported .pb file."""
    return import_pabulib(source, tmp_path / source.stem).scenario


def _support(study: Study, ids) -> float:
    """Total support of projects, from the round's own scoring sheet."""
    sheet = study.round.path / "scores.csv"
    with open(sheet, encoding="utf-8") as handle:
        support = {r["application_id"]: float(r["score"]) for r in csv.DictReader(handle)}
    return sum(support[i] for i in ids)


# --- the reader: untidy files and errors -------------------------------------------------


def test_untidy_file_is_read_as_it_is():
    raw = (FIXTURES / "untidy.pb").read_bytes()
    assert b"\r\n" in raw and not raw.endswith(b"\n")  # the fixture is what it claims
    inst = read_pabulib(FIXTURES / "untidy.pb")
    assert inst.budget == 1000.5  # fractional, from a META without its key;value header
    assert inst.meta_value("description") == "Untidy test instance"
    by_id = {p.id: p for p in inst.projects}
    assert by_id["p1"].name == "Park; benches" and by_id["p3"].name == 'Big "square"'
    assert by_id["p1"].categories == ("culture", "sport")
    assert by_id["p2"].categories == () and by_id["p3"].categories == ()  # empty and None
    assert by_id["p4"].categories == ("sport",)
    assert inst.selected == ("p1", "p2")
    assert inst.support() == {"p1": 3, "p2": 2, "p3": 2, "p4": 1}  # v5's ballot is empty


def test_cumulative_support_is_the_sum_of_points_not_the_votes_column():
    inst = read_pabulib(FIXTURES / "cumulative.pb")
    assert inst.vote_type == "cumulative"
    assert inst.support() == {"a": 4, "b": 2, "c": 4}
    assert [p.cells[2] for p in inst.projects] == ["1", "2", "1"]  # votes: voters, not points


def test_ordinal_support_counts_the_ballots_that_rank_a_project():
    inst = read_pabulib(FIXTURES / "ordinal.pb")
    assert inst.support() == {"x": 2, "y": 1, "z": 2}
    assert inst.ballots[0].projects == ("z", "x")  # the ranking, in order


def test_categories_and_their_caps():
    inst = read_pabulib(FIXTURES / "caps.pb")
    assert inst.categories == ("green", "kids")
    assert inst.category_caps == {"green": 50, "kids": 60}
    assert {p.id: p.categories for p in inst.projects}["gk"] == ("green", "kids")


@pytest.mark.parametrize(("fixture", "fragments"), [
    ("bad-unknown-project.pb", ["section VOTES", "line 12", "q9"]),
    ("bad-missing-section.pb", ["section VOTES", "no VOTES section", "line 8"]),
    ("bad-cost.pb", ["section PROJECTS", "line 8", "'fifty'"]),
])
def test_an_error_names_the_file_the_section_and_the_line(fixture, fragments):
    with pytest.raises(InputError) as err:
        read_pabulib(FIXTURES / fixture)
    message = str(err.value)
    assert fixture in message and len(message.splitlines()) == 1, message
    for fragment in fragments:
        assert fragment in message, message
    assert _finnish_ok(err.value.text("fi")), err.value.text("fi")


@pytest.mark.parametrize(("text", "fragments"), [
    ("META\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nb;-1\n"
     "VOTES\nvoter_id;vote\n1;a\n", ["section PROJECTS, line 7", "'-1'"]),
    ("META\nbudget;ten\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\n"
     "VOTES\nvoter_id;vote\n", ["section META, line 2", "budget"]),
    ("META\nbudget;10\nvote_type;approval\ncategories;x,y\nbudget_per_category;5\n"
     "PROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n",
     ["section META, line 5", "1 amounts for 2 categories"]),
    ("META\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\n"
     "VOTES\nvoter_id;vote\n1;a\n", ["section VOTES, line 8", "'points'"]),
    ("META\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\n"
     "VOTES\nvoter_id;vote;points\n1;a;1,2\n", ["section VOTES, line 9", "2 points for 1"]),
    ("META\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\na;6\n"
     "VOTES\nvoter_id;vote\n", ["section PROJECTS, line 7", "listed twice"]),
    ("META\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5;x\n"
     "VOTES\nvoter_id;vote\n", ["section PROJECTS, line 6", "3 fields"]),
    ("META\nbudget;10\nvote_type;veto\nPROJECTS\nproject_id;cost\n"
     "VOTES\nvoter_id;vote\n", ["section META, line 3", "'veto'"]),
    ("budget;10\nMETA\n", ["line 1", "before the META section"]),
])
def test_more_errors_name_their_section_and_line(text, fragments):
    with pytest.raises(InputError) as err:
        parse_pabulib(text, "t.pb")
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)
    assert _finnish_ok(err.value.text("fi")), err.value.text("fi")  # and it reads in Finnish


# --- import, the round folder, the scenario ----------------------------------------------


def test_import_writes_a_round_the_readers_take_and_a_scenario_beside_it(tmp_path):
    done = import_pabulib(FIXTURES / "untidy.pb", tmp_path / "out")
    assert done.scenario == tmp_path / "out" / "scenario.toml"
    rnd = read_round(done.round)  # no register lookups: the applicants are a place
    assert rnd.call.register is False and rnd.call.currency == "PLN"  # from the country
    assert rnd.call.appropriation_eur == 1000.5 and rnd.call.rounding_eur == 1
    assert [a.requested_eur for a in rnd.applications] == [400, 300, 500, 250]
    assert [a.project for a in rnd.applications][3] == "p4"  # no name: the id
    assert {a.id: a.target_areas for a in rnd.applications}["p1"] == ("culture", "sport")
    assert rnd.awarded == {"p1": 400, "p2": 300}
    assert rnd.call.source.format == "pabulib" and rnd.call.source.file == "untidy.pb"
    assert dict(rnd.call.source.details)["vote_type"] == "approval"
    scenario = tomllib.loads(done.scenario.read_text(encoding="utf-8"))
    assert scenario["scoring"]["source"] == "round/scores.csv"
    study = Study.from_file(done.scenario)
    assert study.case.notes == ()  # no "matches no municipality" notes
    assert set(study.solve().funded) == {"p1", "p2", "p4"}  # 950 of 1000: support 6


def test_the_applicant_is_the_proposer_where_the_file_names_one(tmp_path):
    rnd = read_round(import_pabulib(FIXTURES / "cumulative.pb", tmp_path / "c").round)
    assert [a.applicant for a in rnd.applications][:2] == ["Anna", "Bert"]
    assert rnd.call.currency == "EUR" and rnd.awards == ()


def test_import_refuses_an_existing_result_without_force(tmp_path):
    import_pabulib(FIXTURES / "ordinal.pb", tmp_path / "o")
    with pytest.raises(Exception, match="--force"):
        import_pabulib(FIXTURES / "ordinal.pb", tmp_path / "o")
    import_pabulib(FIXTURES / "ordinal.pb", tmp_path / "o", force=True)


@pytest.mark.parametrize("name", ["call.toml", "applications.csv", "Scores.CSV", "links.xlsx"])
def test_import_refuses_a_file_named_as_a_file_of_the_round(tmp_path, name):
    # Its copy in the round folder would replace the file made from it (call.toml), or be
    # read as one of the round's tables: refused before anything is written.
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes((FIXTURES / "untidy.pb").read_bytes())
    result = CliRunner().invoke(main, [
        "import", "pabulib", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert f"the file is named {name!r}, as a file of the round folder the import writes" \
        in result.output
    assert "Rename it, e.g. to" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert source.read_bytes() == (FIXTURES / "untidy.pb").read_bytes()


def test_compare_says_how_far_the_citys_selection_is_from_the_optimum(tmp_path):
    comparison = Study.from_file(_import(FIXTURES / "untidy.pb", tmp_path)).compare()
    assert comparison.efficiency == pytest.approx(5 / 6)  # support 5 of the best 6


# --- caps: the scenario key, the optimum, the diagnosis ----------------------------------


def test_the_caps_come_from_call_toml_and_bind(tmp_path):
    study = Study.from_file(_import(FIXTURES / "caps.pb", tmp_path))
    assert study.scenario.coverage.max_eur_per_target_area == {"green": 50, "kids": 60}
    assert study.scenario.origin("coverage.max_eur_per_target_area") == "call.toml"
    funded = study.solve().funded
    assert _support(study, funded) == 7  # uncapped, g1 + g2 + k1 would give 8
    assert "gk" in funded and "k1" in funded
    lifted = study.with_changes(coverage={"max_eur_per_target_area": {}})
    assert _support(lifted, lifted.solve().funded) == 8
    one = study.with_changes(**{"coverage.max_eur_per_target_area": {"green": 60}})
    assert one.scenario.coverage.max_eur_per_target_area == {"green": 60, "kids": 60}


def test_a_scenario_written_back_keeps_taking_the_calls_caps(tmp_path):
    scenario = _import(FIXTURES / "caps.pb", tmp_path)
    text = to_toml(load_scenario(scenario))
    assert "# max_eur_per_target_area = (the round's call.toml)" in text
    again = scenario.parent / "again.toml"
    again.write_text(text, encoding="utf-8")
    caps = Study.from_file(again).scenario.coverage.max_eur_per_target_area
    assert caps == {"green": 50, "kids": 60}


def test_a_misspelt_area_is_an_error(tmp_path):
    study = Study.from_file(_import(FIXTURES / "caps.pb", tmp_path))
    with pytest.raises(ScenarioError, match="Did you mean 'green'"):
        study.with_changes(**{"coverage.max_eur_per_target_area": {"gren": 1}}).solve()
    with pytest.raises(ScenarioError, match=r"max_eur_per_target_area\.kids"):
        study.with_changes(**{"coverage.max_eur_per_target_area": {"kids": -1}})


def test_locks_that_break_a_cap_are_diagnosed(tmp_path):
    study = Study.from_file(_import(FIXTURES / "caps.pb", tmp_path))
    with pytest.raises(InfeasibleError) as err:
        study.with_changes(locks={"fund": ["g1", "g2"]}).solve()
    assert "target area green: locked-in applications (g1, g2) need at least 60 €, above " \
           "the area's cap 50 €" in str(err.value)
    assert "area_cap" in err.value.diagnosis.families


# --- the real instances ------------------------------------------------------------------


def _real_projects(path: Path) -> tuple[dict[str, int], dict[str, tuple[str, ...]],
                                         dict[str, int]]:
    """Costs, categories and support of a .pb file, read here without the tool's reader."""
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    rows = list(csv.reader(lines, delimiter=";"))
    at = {name: i for i, r in enumerate(rows) if len(r) == 1 and (name := r[0]) in (
        "PROJECTS", "VOTES")}
    head = rows[at["PROJECTS"] + 1]
    costs, cats = {}, {}
    for r in rows[at["PROJECTS"] + 2: at["VOTES"]]:
        row = dict(zip(head, r, strict=True))
        costs[row["project_id"]] = int(row["cost"])
        cats[row["project_id"]] = tuple(c for c in row.get("category", "").split(",")
                                        if c and c != "None")
    head = rows[at["VOTES"] + 1]
    support = dict.fromkeys(costs, 0)
    for r in rows[at["VOTES"] + 2:]:
        if not r:
            continue
        row = dict(zip(head, r, strict=True))
        ids = row["vote"].split(",")
        points = row["points"].split(",") if "points" in row else ["1"] * len(ids)
        for pid, p in zip(ids, points, strict=True):
            support[pid] += int(p)
    return costs, cats, support


def knapsack(costs: list[int], values: list[int], capacity: int) -> np.ndarray:
    """best[c]: the most value of a subset costing at most c (0-1 knapsack, exact ints)."""
    best = np.zeros(capacity + 1, dtype=np.int64)
    for w, v in zip(costs, values, strict=True):
        if w <= capacity:
            np.maximum(best[w:], best[: capacity + 1 - w] + v, out=best[w:])
    return best


def grouped_knapsack(groups: Mapping[str, list[tuple[int, int]]], caps: Mapping[str, int],
                     budget: int) -> int:
    """Each group (category) spends at most its cap, all together at most the budget: a DP
    per group bounded by its cap, then a knapsack over the groups' value tables."""
    scale = reduce(math.gcd, [budget, *caps.values(), *(c for g in groups.values()
                                                        for c, _ in g)])
    budget //= scale
    total = np.zeros(budget + 1, dtype=np.int64)
    for name, items in groups.items():
        cap = min(caps.get(name, budget * scale) // scale, budget)
        exact = np.full(cap + 1, -1, dtype=np.int64)  # -1: no subset costs exactly this
        exact[0] = 0
        for cost, value in items:
            w = cost // scale
            if w <= cap:
                reach = exact[: cap + 1 - w]
                cand = np.where(reach >= 0, reach + value, -1)
                np.maximum(exact[w:], cand, out=exact[w:])
        steps = [k for k in range(1, cap + 1) if exact[k] > exact[:k].max()]  # Pareto
        merged = total.copy()
        for k in steps:
            np.maximum(merged[k:], total[: budget + 1 - k] + exact[k], out=merged[k:])
        total = merged
    return int(total[budget])


@needs_real
@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_round_trip_keeps_projects_costs_support_and_selection(path, tmp_path):
    original = read_pabulib(path)
    scenario = _import(path, tmp_path)
    rnd = read_round(scenario.parent / "round")
    assert {a.id: a.requested_eur for a in rnd.applications} == {
        p.id: p.cost for p in original.projects}
    assert rnd.awarded == {p.id: p.cost for p in original.projects if p.selected}
    study = Study.from_file(scenario)
    assert _support(study, [p.id for p in original.projects]) == sum(
        original.support().values())
    back = write_pabulib(study.solve(), tmp_path / "actual.pb", mark=ACTUAL)
    again = read_pabulib(back.path)
    assert [(p.id, p.cost, p.name, p.categories) for p in again.projects] == [
        (p.id, p.cost, p.name, p.categories) for p in original.projects]
    assert again.support() == original.support()
    assert again.selected == original.selected
    assert again.budget == original.budget and again.category_caps == original.category_caps
    optimum = write_pabulib(study.solve(), tmp_path / "optimum.pb")
    assert set(read_pabulib(optimum.path).selected) == set(study.solve().funded)


@needs_real
@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_the_optimum_is_the_utilitarian_optimum(path, tmp_path):
    costs, cats, support = _real_projects(path)
    inst = read_pabulib(path)
    budget = int(inst.budget)  # awards are whole costs: a fractional budget rounds down
    study = Study.from_file(_import(path, tmp_path))
    funded = study.solve().funded
    assert sum(costs[i] for i in funded) <= budget
    if inst.category_caps:
        assert all(len(c) == 1 for c in cats.values())  # Amsterdam: one category each
        groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for pid, (cat,) in cats.items():
            groups[cat].append((costs[pid], support[pid]))
        caps = {k: int(v) for k, v in inst.category_caps.items()}
        best = grouped_knapsack(groups, caps, budget)
        for cat, cap in caps.items():
            assert sum(costs[i] for i in funded if cat in cats[i]) <= cap
        assert study.solve().result.solver != "dp"  # the caps bind: the integer program
    else:
        ids = list(costs)
        best = int(knapsack([costs[i] for i in ids], [support[i] for i in ids], budget)[-1])
    assert sum(support[i] for i in funded) == best


@needs_real
def test_compare_on_a_real_selection_shows_the_distance(tmp_path):
    path = SHARED / "poland_warszawa_2019_grochow-poludniowy.pb"
    comparison = Study.from_file(_import(path, tmp_path)).compare()
    assert 0 < comparison.efficiency <= 1
    assert comparison.efficiency == pytest.approx(0.4907631545, abs=1e-6)


# --- the rule family in the model: properties --------------------------------------------

AREAS = ("T1", "T2", "T3")
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def capped_instances(draw) -> Instance:
    mode = draw(st.sampled_from((FULL, PARTIAL)))
    n = draw(st.integers(0, 9 if mode == FULL else 5))
    items = tuple(Item(
        id=f"a{i}", score=draw(st.integers(0, 1000)) / 1000,
        max_units=draw(st.integers(1, 20 if mode == FULL else 5)),
        target_area=draw(st.sampled_from((None, *AREAS))),
        target_areas=frozenset(draw(st.sets(st.sampled_from(AREAS), max_size=2))),
    ) for i in range(n))
    total = sum(it.max_units for it in items)
    caps = draw(st.dictionaries(st.sampled_from(AREAS), st.integers(0, 15), min_size=1,
                                max_size=3))
    ids = [it.id for it in items]
    fund = draw(st.sets(st.sampled_from(ids), max_size=1)) if ids else set()
    return Instance(items=items, rules=Rules(
        budget_units=draw(st.integers(0, total + 2)), unit_eur=100.0, mode=mode,
        min_share=draw(st.sampled_from((0.5, 1.0))), area_cap_units=caps,
        min_projects_per_target_area=draw(st.sampled_from((0, 0, 0, 1))), fund=frozenset(fund)))


@pytest.mark.parametrize("solver", ["cbc", "highs"])
@PROPERTY
@given(instance=capped_instances())
def test_the_integer_program_with_caps_matches_brute_force(solver, instance):
    assert_solver_matches(instance, solver)


@PROPERTY
@given(instance=capped_instances(), data=st.data())
def test_verify_reports_every_broken_cap(instance, data):
    chosen = data.draw(st.sets(st.sampled_from([it.id for it in instance.items]))
                       if instance.items else st.just(set()))
    units = {it.id: it.max_units for it in instance.items if it.id in chosen}
    spent: dict[str, int] = defaultdict(int)
    for it in instance.items:
        for area in it.areas:
            spent[area] += units.get(it.id, 0)
    broken = {a for a, cap in instance.rules.area_cap_units.items() if spent[a] > cap}
    found = {m.get("area") for m in verify(instance, units) if m.code == "rule.target_cap"}
    assert found == broken


def test_the_dp_answers_only_where_no_cap_can_bind():
    items = (Item("a", 0.5, 3, target_area="T1"), Item("b", 0.5, 3, target_area="T1"))
    loose = Instance(items=items, rules=Rules(budget_units=10, area_cap_units={"T1": 6}))
    assert choose_method(loose) == "dp"
    tight = loose.with_rules(area_cap_units={"T1": 5})
    assert choose_method(tight) == "ip"
    assert solve(tight).units in ({"a": 3}, {"b": 3})
    with pytest.raises(ScenarioError, match="target-area cap"):
        choose_method(tight, "dp")


def test_written_text_reads_back_the_same():
    inst = read_pabulib(FIXTURES / "untidy.pb")
    again = parse_pabulib(pabulib_text(inst, {"p4"}, rule="test"), "again.pb")
    assert again.selected == ("p4",) and again.meta_value("rule") == "test"
    assert [p.cells[:-1] for p in again.projects] == [p.cells[:-1] for p in inst.projects]
    assert again.support() == inst.support()


# --- the command line --------------------------------------------------------------------


def test_cli_imports_and_exports(tmp_path):
    runner = CliRunner()
    out = tmp_path / "caps"
    result = runner.invoke(main, ["import", "pabulib", str(FIXTURES / "caps.pb"),
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 projects and 4 approval ballots" in result.output
    assert "2 category caps" in result.output
    written = tmp_path / "optimum.pb"
    result = runner.invoke(main, ["export", "pabulib", str(out / "scenario.toml"),
                                  "--out", str(written)])
    assert result.exit_code == 0, result.output
    assert "selected marks the optimum, 3 projects, cost 90, support 7" in result.output
    assert set(read_pabulib(written).selected) in ({"g1", "gk", "k1"}, {"g2", "gk", "k1"})
    again = runner.invoke(main, ["export", "pabulib", str(out / "scenario.toml"),
                                 "--out", str(written)])
    assert again.exit_code == 4 and "--force" in again.output


def test_cli_imports_and_exports_in_finnish(tmp_path):
    runner = CliRunner()
    out = tmp_path / "caps"
    result = runner.invoke(main, ["import", "pabulib", str(FIXTURES / "caps.pb"),
                                  "--out", str(out), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert "Tuotiin 4 hanketta ja 4 ääntä (hyväksyntä)" in result.output
    assert "2 luokkakohtaista enimmäismäärää" in result.output
    assert "Haun kansio:" in result.output and "utilitaristinen optimi" in result.output
    result = runner.invoke(main, ["export", "pabulib", str(out / "scenario.toml"),
                                  "--out", str(tmp_path / "optimum.pb"), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert "valituiksi merkitty optimi, 3 hanketta, kustannus 90, kannatus 7" in result.output
    assert not re.search(r"\b(the|projects|approval|ballots|cost|support)\b", result.output)


def test_cli_bad_file_is_one_line_naming_section_and_line(tmp_path):
    result = CliRunner().invoke(main, ["import", "pabulib", str(FIXTURES / "bad-cost.pb"),
                                       "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "bad-cost.pb" in lines[0] and "section PROJECTS, line 8" in lines[0]
    assert not (tmp_path / "x").exists()


def _pb(vote_type: str, votes: str, points: bool = False, projects: int = 3) -> str:
    rows = "\n".join(f"p{i};10;1" for i in range(projects))
    head = "voter_id;vote;points" if points else "voter_id;vote"
    return (f"META\nkey;value\nbudget;25\nvote_type;{vote_type}\nPROJECTS\n"
            f"project_id;cost;votes\n{rows}\nVOTES\n{head}\n{votes}\n")


def test_a_choose_1_file_is_read_as_approval_ballots_of_one_project():
    inst = parse_pabulib(_pb("choose-1", "1;p0\n2;p1\n3;p1"), "c.pb")
    assert inst.vote_type == "approval"
    assert [b.projects for b in inst.ballots] == [("p0",), ("p1",), ("p1",)]


def test_a_ballot_longer_than_the_csv_modules_field_limit_is_read():
    many = 25_000  # the vote field is over 131,072 characters, csv's default limit
    votes = "1;" + ",".join(f"p{i}" for i in range(many))
    assert len(votes) > 131_072
    inst = parse_pabulib(_pb("approval", votes, projects=many), "long.pb")
    assert len(inst.ballots[0].projects) == many


def test_points_too_large_to_add_are_refused_with_the_voter():
    with pytest.raises(InputError) as exc:
        huge = "1" + "0" * 308  # 10^308: two of them add up to infinity
        parse_pabulib(_pb("cumulative", f"1;p0,p1;{huge},{huge}", points=True), "big.pb")
    assert "the points of voter 1 are above" in str(exc.value)
    assert "äänestäjän 1 pisteet ovat yli" in exc.value.text("fi")


# --- META: every outcome cap honoured, ballot limits read as limits on ballots, every other
# key named ----------------------------------------------------------------------------------

# Budget 100. Category "Noord" and neighbourhood "Noord" share a name, not a cap: the
# neighbourhood Noord is capped at 40 (a and b, 30 each, cannot both be funded), the category
# is not. Support: a 3, b 3, c 2, d 1, e 1; the threshold 2 puts d and e out of scope.
NEIGHBOURHOODS = """META
key;value
budget;100
vote_type;approval
categories;Noord
neighborhoods;Noord,Zuid
budget_per_neighborhood;40,100
min_project_score_threshold;2
PROJECTS
project_id;cost;category;neighborhood
a;30;Noord;Noord
b;30;;Noord
c;40;;Zuid
d;20;;Zuid
e;5;;Zuid
VOTES
voter_id;vote
1;a,b,c
2;a,b
3;b,c,e
4;d,a
"""


def _study(text: str, tmp_path: Path, name: str = "t.pb", **changes) -> Study:
    """The imported scenario of a .pb text, as `grantopt run` reads it."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    study = Study.from_file(import_pabulib(source, tmp_path / "out", force=True).scenario)
    return study.with_changes(**changes) if changes else study


def test_a_neighbourhood_cap_binds_as_a_target_area_apart_from_a_category(tmp_path):
    inst = parse_pabulib(NEIGHBOURHOODS, "n.pb")
    assert inst.neighborhood_caps == {"Noord": 40, "Zuid": 100}
    assert inst.category_caps == {}  # the category Noord has no cap
    study = _study(NEIGHBOURHOODS, tmp_path)
    caps = study.scenario.coverage.max_eur_per_target_area
    assert caps == {"neighbourhood:Noord": 40, "neighbourhood:Zuid": 100}
    areas = {a.id: a.target_areas for a in study.round.applications}
    assert areas["a"] == ("Noord", "neighbourhood:Noord") and areas["b"] == (
        "neighbourhood:Noord",)
    funded = set(study.solve().funded)
    assert funded in ({"a", "c"}, {"b", "c"})  # a + b + c (support 8) breaks Noord's 40
    lifted = study.with_changes(coverage={"max_eur_per_target_area": {}})
    assert set(lifted.solve().funded) == {"a", "b", "c"}  # the one portfolio of support 8
    assert study.with_changes(eligibility={"exclusions": False}).case.excluded == ()


def test_the_threshold_puts_a_project_out_of_scope_with_its_reason(tmp_path):
    study = _study(NEIGHBOURHOODS, tmp_path)
    excluded = {e.id: " ".join(r.text("en") for r in e.reasons) for e in study.case.excluded}
    assert set(excluded) == {"d", "e"}  # support 1 each, below 2
    assert "below the file's threshold of 2 (min_project_score_threshold)" in excluded["d"]
    assert "d" not in study.solve().funded
    assert any("scoring below 2" in n.text("en") for n in study.case.notes)


def test_the_threshold_of_an_ordinal_file_reads_its_score_column():
    text = ("META\nbudget;10\nvote_type;ordinal\nmin_project_score_threshold;5\nPROJECTS\n"
            "project_id;cost{col}\na;5{a}\nb;5{b}\nVOTES\nvoter_id;vote\n1;a,b\n")
    scored = parse_pabulib(text.format(col=";score", a=";7", b=";3"), "o.pb")
    assert scored.below_threshold() == ("b",) and scored.unread == ()
    bare = parse_pabulib(text.format(col="", a="", b=""), "o.pb")
    assert bare.below_threshold() == () and bare.unread == ("min_project_score_threshold",)


def _brute_force(inst) -> float:
    """The most support within the budget, every cap of META and the threshold, over every
    subset of projects (written here without the tool)."""
    support, below = inst.support(), set(inst.below_threshold())
    best = 0.0
    projects = [p for p in inst.projects if p.id not in below]
    for mask in range(1 << len(projects)):
        chosen = [p for i, p in enumerate(projects) if mask >> i & 1]
        spent: dict[str, float] = defaultdict(float)
        for p in chosen:
            spent[""] += p.cost
            for c in p.categories:
                spent["c" + c] += p.cost
            for n in p.neighborhoods:
                spent["n" + n] += p.cost
        caps = {"": inst.budget, **{"c" + c: v for c, v in inst.category_caps.items()},
                **{"n" + n: v for n, v in inst.neighborhood_caps.items()}}
        if all(spent[k] <= cap for k, cap in caps.items()):
            best = max(best, sum(support[p.id] for p in chosen))
    return best


@st.composite
def capped_files(draw) -> str:
    """A .pb text of at most 8 projects in neighbourhoods N1, N2 (N1 also a category name),
    with caps per category and neighbourhood and perhaps a threshold."""
    n = draw(st.integers(1, 8))
    rows = [f"p{i};{draw(st.integers(1, 40))};{draw(st.sampled_from(['', 'N1', 'K']))};"
            f"{draw(st.sampled_from(['N1', 'N2']))}" for i in range(n)]
    votes = [f"v{j};" + ",".join(sorted(draw(st.sets(st.sampled_from(
        [f"p{i}" for i in range(n)]), min_size=1)))) for j in range(draw(st.integers(1, 6)))]
    caps = ",".join(str(draw(st.integers(0, 80))) for _ in range(2))
    threshold = draw(st.sampled_from(["", "min_project_score_threshold;2\n"]))
    return (f"META\nbudget;{draw(st.integers(10, 150))}\nvote_type;approval\n"
            f"categories;N1,K\nbudget_per_category;{caps}\nneighborhoods;N1,N2\n"
            f"budget_per_neighborhood;{caps[::-1]}\n{threshold}"  # two amounts too
            "PROJECTS\nproject_id;cost;category;neighborhood\n" + "\n".join(rows)
            + "\nVOTES\nvoter_id;vote\n" + "\n".join(votes) + "\n")


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(text=capped_files())
def test_the_optimum_honours_every_cap_and_the_threshold_as_brute_force_does(text):
    from optimizer.formats.pabulib import OPTIMUM_CHANGES, round_of, support_scores

    inst = parse_pabulib(text, "h.pb")
    rnd = round_of(inst, Path("h.pb"))
    study = Study.from_round_data(rnd, scores=support_scores(inst, rnd), **OPTIMUM_CHANGES)
    funded = study.solve().funded
    support = inst.support()
    assert sum(support[i] for i in funded) == pytest.approx(_brute_force(inst))


def test_ballot_limits_are_checked_on_the_ballots_never_caps_on_the_selection(tmp_path):
    # max_sum_cost_per_category limits what one voter may pick in a category (pabulib.org/
    # format); read as a cap on the outcome it would keep a + b (60 in "green") from the
    # optimum.
    text = ("META\nbudget;100\nvote_type;approval\ncategories;green\nmax_length;2\n"
            "max_sum_cost_per_category;40\nPROJECTS\nproject_id;cost;category\n"
            "a;30;green\nb;30;green\nc;50;\nVOTES\nvoter_id;vote\nv1;a\nv2;a,b\nv3;a,b,c\n"
            "v4;b\n")
    inst = parse_pabulib(text, "l.pb")
    assert inst.category_caps == {}
    limits = {b.key: b.broken_by for b in inst.ballot_limits}
    assert limits == {"max_length": (("v3", 16),),  # 3 projects (v3 is on line 16)
                      "max_sum_cost_per_category": (("v2", 15), ("v3", 16))}  # 60 in green
    study = _study(text, tmp_path)
    assert study.scenario.coverage.max_eur_per_target_area == {}
    assert set(study.solve().funded) == {"a", "b"}  # support 6 within 100
    notes = [n.text("en") for n in study.case.notes]
    assert any("ballot limits max_length and max_sum_cost_per_category" in n
               or "ballot limits max_length, max_sum_cost_per_category" in n for n in notes)
    assert "2 ballots break max_sum_cost_per_category; they are counted as cast" in notes


def test_points_and_cost_limits_of_a_ballot():
    text = ("META\nbudget;100\nvote_type;cumulative\nmin_points;1\nmax_points;5\n"
            "max_sum_points;6\nmin_sum_cost;20\nPROJECTS\nproject_id;cost\na;10\nb;30\n"
            "VOTES\nvoter_id;vote;points\nv1;a,b;5,1\nv2;a;6\nv3;b,a;4,3\nv4;a;0\n")
    limits = {b.key: [v for v, _ in b.broken_by]
              for b in parse_pabulib(text, "p.pb").ballot_limits}
    assert limits == {"min_sum_cost": ["v2", "v4"], "min_points": ["v4"],
                      "max_points": ["v2"], "max_sum_points": ["v3"]}


def test_every_meta_key_is_read_as_something_or_named():
    from optimizer.formats.pabulib import BALLOT, INFO, META_KEYS

    assert META_KEYS["max_sum_cost_per_category"] == BALLOT
    assert META_KEYS["budget_per_neighborhood"] != BALLOT and META_KEYS["comment"] == INFO
    text = ("META\nbudget;10\nvote_type;approval\nscoring_fn;Borda\ncomment;#1: x\n"
            "max_length;two\nfancy_rule;yes\nPROJECTS\nproject_id;cost\na;5\nVOTES\n"
            "voter_id;vote\n1;a\n")
    inst = parse_pabulib(text, "u.pb")
    assert inst.unread == ("scoring_fn", "max_length", "fancy_rule")  # max_length: no number


def test_an_unread_key_is_named_in_every_output(tmp_path):
    text = NEIGHBOURHOODS.replace("budget;100\n", "budget;100\nfancy_rule;yes\n")
    source = tmp_path / "f.pb"
    source.write_text(text, encoding="utf-8")
    runner = CliRunner()
    said = "not read from the file's META: fancy_rule"
    imported = runner.invoke(main, ["import", "pabulib", str(source), "--out",
                                    str(tmp_path / "out")])
    assert imported.exit_code == 0 and said in imported.output, imported.output
    assert ("2 neighbourhood caps (budget_per_neighborhood) bind the utilitarian optimum"
            in imported.output)
    for written in ("round/call.toml", "scenario.toml"):
        assert said in (tmp_path / "out" / written).read_text(encoding="utf-8")
    scenario = str(tmp_path / "out" / "scenario.toml")
    run = runner.invoke(main, ["run", scenario])
    assert run.exit_code == 0 and said in run.output, run.output
    fi = runner.invoke(main, ["run", scenario, "--lang", "fi"])
    assert "tiedoston META-osiosta ei lueta: fancy_rule" in fi.output, fi.output
    as_json = runner.invoke(main, ["run", scenario, "--format", "json"])
    assert said in as_json.output
    table = runner.invoke(main, ["proportional", str(source)])
    assert table.exit_code == 0 and said in table.output, table.output


def test_a_project_outside_the_cost_range_is_a_note_not_dropped(tmp_path):
    text = NEIGHBOURHOODS.replace("budget;100\n", "budget;100\nmin_project_cost;10\n"
                                  "max_project_cost;35\n")
    inst = parse_pabulib(text, "r.pb")
    assert inst.cost_outside() == ("c", "e")
    study = _study(text, tmp_path)
    assert "c" in study.solve().funded  # kept fundable
    assert ("projects c and e cost outside the file's range for a project "
            "(min_project_cost 10, max_project_cost 35); kept as fundable"
            in [n.text("en") for n in study.case.notes])


@pytest.mark.parametrize(("line", "fragments"), [
    ("budget_per_neighborhood;5\n", ["section META, line 4", "without neighborhoods"]),
    ("neighborhoods;x,y\nbudget_per_neighborhood;5\n",
     ["section META, line 5", "1 amounts for 2 neighbourhoods"]),
    ("min_project_score_threshold;many\n", ["section META, line 4",
                                            "min_project_score_threshold is not a number"]),
])
def test_a_bad_outcome_rule_is_refused_with_its_line(line, fragments):
    text = f"META\nbudget;10\nvote_type;approval\n{line}PROJECTS\nproject_id;cost\na;5\n" \
           "VOTES\nvoter_id;vote\n1;a\n"
    with pytest.raises(InputError) as err:
        parse_pabulib(text, "b.pb")
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)
    assert _finnish_ok(err.value.text("fi")), err.value.text("fi")


def test_the_round_in_memory_is_the_imported_one_with_every_meta_rule(tmp_path):
    # `proportional` builds the round in memory (round_of): the same areas, caps, exclusion
    # and notes as the folder `run` reads.
    from optimizer.formats.pabulib import round_of

    text = NEIGHBOURHOODS.replace("budget;100\n", "budget;100\nfancy_rule;1\nmax_length;2\n"
                                  "max_project_cost;35\n")
    source = tmp_path / "m.pb"
    source.write_text(text, encoding="utf-8")
    disk = read_round(import_pabulib(source, tmp_path / "out").round)
    mem = round_of(read_pabulib(source), source)
    assert (disk.call, disk.applications) == (mem.call, mem.applications)
    assert {a.id: a.exclusion for a in mem.applications if a.exclusion} == {
        "d": "below_threshold", "e": "below_threshold"}


def test_a_cap_on_places_no_project_column_names_is_named_not_applied():
    text = ("META\nbudget;10\nvote_type;approval\nneighborhoods;x\n"
            "budget_per_neighborhood;5\nPROJECTS\nproject_id;cost\na;5\nVOTES\n"
            "voter_id;vote\n1;a\n")
    inst = parse_pabulib(text, "x.pb")
    assert inst.neighborhood_caps == {} and inst.unread == ("budget_per_neighborhood",)
