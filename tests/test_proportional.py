"""Equal Shares and sequential Phragmén (analysis.proportional): hand-computed small cases,
the same selections as the peer library pabutools on every real file of ../shared/pabulib/,
and `grantopt proportional`."""

from __future__ import annotations

import functools
import json
import random
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.analysis.proportional import (
    MES,
    MES_COMPLETED,
    PHRAGMEN,
    completion,
    election_of,
    equal_shares,
    equal_shares_completed,
    is_exhaustive,
    rules_for,
    sequential_phragmen,
    total_cost,
)
from optimizer.cli import main
from optimizer.errors import InputError
from optimizer.formats.pabulib import parse_pabulib, read_pabulib

SHARED = Path(__file__).resolve().parents[2] / "shared" / "pabulib"
FILES = sorted(SHARED.glob("*.pb"))
# The real files sit beside the project's checkout, never in it: a checkout elsewhere skips
# the tests that read them (the parametrized ones have no cases there).
needs_shared = pytest.mark.skipif(not SHARED.is_dir(),
                                  reason="../shared/pabulib/ is not beside this checkout")


def pb(budget: object, costs: dict[str, int], votes: list[str],
       points: list[str] | None = None) -> str:
    """A .pb text: `votes` one comma list per voter, `points` the matching points."""
    kind = "approval" if points is None else "cumulative"
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{kind}", "PROJECTS",
             "project_id;cost", *(f"{p};{c}" for p, c in costs.items()), "VOTES",
             "voter_id;vote" + (";points" if points else "")]
    for i, vote in enumerate(votes):
        lines.append(f"v{i};{vote}" + (f";{points[i]}" if points else ""))
    return "\n".join(lines) + "\n"


def election(text: str):
    return election_of(parse_pabulib(text, "hand.pb"))


# --- hand-computed cases ----------------------------------------------------------------

# Four voters, budget 40: 10 each. B (12) is approved by all, A (16) by voters 1 and 2,
# C (30) by voters 3 and 4.
FOUR = pb(40, {"A": 16, "B": 12, "C": 30}, ["A,B", "A,B", "B,C", "B,C"])


def test_mes_approval_by_hand():
    # Cost utilities: each supporter pays rho * cost. B: 3 each, rho 1/4; A: 8 each, rho 1/2;
    # C: 15 each > 10, unaffordable (20 < 30). B is bought; every voter keeps 7. Then A:
    # voters 1 and 2 hold 14 < 16: unaffordable. MES stops with B (12 of 40 spent).
    assert equal_shares(election(FOUR)) == ("B",)


def test_mes_completion_by_hand():
    # The budget rises in steps of 0.4 (1 % of 40). At budget b each voter has b/4 and keeps
    # b/4 - 3 after B; A becomes affordable when 2 (b/4 - 3) >= 16, i.e. b >= 44 (step 10).
    # There MES buys B then A: cost 28 <= 40, and what is left (12) fits no project (C: 30),
    # so the selection is exhaustive and is the answer.
    assert equal_shares_completed(election(FOUR)) == ("B", "A")


def test_completion_keeps_the_last_selection_within_the_budget():
    # Three voters, budget 30 (10 each). B (12, all: rho 1/3) first; then each has b/3 - 4.
    # A (18, voters 1, 2) and C (9, voter 3) both become affordable at b = 39 (step 30 of
    # 0.3): MES buys B, A, C = 39 > 30. The step before (b = 38.7) bought only B: the answer.
    text = pb(30, {"A": 18, "B": 12, "C": 9}, ["A,B", "A,B", "B,C"])
    assert equal_shares(election(text)) == ("B",)
    assert equal_shares_completed(election(text)) == ("B",)


def test_phragmen_by_hand():
    # Loads: B (12, four supporters) 3, A (16, two) 8, C (30, two) 15. B first: every load
    # 3. Then A: (3 + 3 + 16) / 2 = 11 against C: (3 + 3 + 30) / 2 = 18. A: spent 28. Then
    # C: 58 > 40, and Phragmén stops there.
    assert sequential_phragmen(election(FOUR)) == ("B", "A")


STOPS = pb(10, {"X": 6, "Y": 8, "Z": 3, "W": 1}, ["X", "Y", "Z"])


def test_phragmen_stops_at_the_first_project_that_does_not_fit():
    # Budget 10, one supporter each: loads Z 3, X 6, Y 8; W has no supporter (an infinite
    # load). Z, then X (spent 9), then Y would make 17 > 10: Phragmén stops there, so W,
    # which would fit, is not bought (a rule that skipped Y would buy it).
    assert sequential_phragmen(election(STOPS)) == ("Z", "X")


def test_ties_go_to_the_smallest_id_as_text():
    # Two voters, budget 20, 10 each; "9" and "10" cost 10, one supporter each: rho 1 for
    # both. "10" < "9" as text, so "10" is bought first.
    text = pb(20, {"9": 10, "10": 10}, ["9", "10"])
    assert equal_shares(election(text)) == ("10", "9")
    # Phragmén, budget 7: "9" and "10" tie at load 5, "11" has 6. "10" first; then "9"
    # (load 5) would make 10 > 7: stop.
    text = pb(7, {"9": 5, "10": 5, "11": 6}, ["9", "10", "11"])
    assert sequential_phragmen(election(text)) == ("10",)


def test_mes_cumulative_by_hand():
    # Budget 12, two voters with 6 each; utilities are points. Voter 1: P 2, Q 1; voter 2:
    # Q 3. P (4): voter 1 pays 2 rho = 4, rho 2. Q (9): at 9/4 voter 2 would pay 27/4 > 6,
    # so voter 2 pays all 6 and voter 1 the other 3 at rho 3. P first (2 < 3); voter 1 keeps
    # 2, and Q's supporters hold 8 < 9: MES stops with P.
    text = pb(12, {"P": 4, "Q": 9}, ["P,Q", "Q"], ["2,1", "3"])
    assert equal_shares(election(text)) == ("P",)
    assert election(text).groups[0][0] == {"P": Fraction(2), "Q": Fraction(1)}


def test_which_rules_apply_and_ordinal_is_refused():
    assert rules_for("approval") == (MES, MES_COMPLETED, PHRAGMEN)
    assert rules_for("cumulative") == rules_for("scoring") == (MES, MES_COMPLETED)
    text = pb(10, {"A": 5}, ["A"]).replace("approval", "ordinal")
    with pytest.raises(InputError, match="ordinal"):
        election(text)
    with pytest.raises(ValueError, match="approval"):
        sequential_phragmen(election(pb(12, {"P": 4}, ["P"], ["2"])))


@needs_shared
def test_without_gmpy2_the_rules_use_fractions(monkeypatch):
    """gmpy2 comes with pabutools, not with grantopt: without it, Python's Fraction."""
    import optimizer.analysis.proportional as rules

    ours = election_of(read_pabulib(SHARED / "poland_warszawa_2019_grochow-poludniowy.pb"))
    fast = (equal_shares(ours), equal_shares_completed(ours), sequential_phragmen(ours))
    monkeypatch.setattr(rules, "Q", Fraction)
    assert isinstance(rules._q(1), Fraction)
    assert (equal_shares(ours), equal_shares_completed(ours), sequential_phragmen(ours)) == fast


@needs_shared
def test_a_fractional_budget_is_exact():
    # 804828.79 is read as the decimal the file writes, not the nearest binary float.
    inst = read_pabulib(SHARED / "poland_warszawa_2019_grochow-poludniowy.pb")
    assert election_of(inst).budget == Fraction(80482879, 100)


# --- the same selections as pabutools on every real file -------------------------------
# Per file: approval files (Amsterdam 166, Warszawa 2017 zielona-grzybowa, Warszawa 2019
# grochow-poludniowy, Warszawa 2020 wawer, Wieliczka 2023): MES (cost utilities) and
# sequential Phragmén; Toulouse 2019 (cumulative): MES with the points as utilities
# (Phragmén is not defined for it).


@functools.cache
def _pabutools(path: Path) -> tuple[bool, frozenset[str], frozenset[str] | None]:
    from pabutools.election import (
        AbstractApprovalProfile,
        Additive_Cardinal_Sat,
        Cost_Sat,
        parse_pabulib,
    )
    from pabutools.rules import method_of_equal_shares
    from pabutools.rules import sequential_phragmen as phragmen

    instance, profile = parse_pabulib(str(path))
    approval = isinstance(profile, AbstractApprovalProfile)
    mes = method_of_equal_shares(instance, profile,
                                 sat_class=Cost_Sat if approval else Additive_Cardinal_Sat)
    phr = phragmen(instance, profile) if approval else None
    return (approval, frozenset(p.name for p in mes),
            None if phr is None else frozenset(p.name for p in phr))


@needs_shared
def test_every_shared_file_is_checked():
    assert len(FILES) == 6


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_mes_is_the_same_as_pabutools(path):
    approval, mes, _ = _pabutools(path)
    inst = read_pabulib(path)
    assert (inst.vote_type == "approval") == approval
    assert set(equal_shares(election_of(inst))) == mes


APPROVAL_FILES = [p for p in FILES if read_pabulib(p).vote_type == "approval"]


@pytest.mark.parametrize("path", APPROVAL_FILES, ids=[p.stem for p in APPROVAL_FILES])
def test_phragmen_is_the_same_as_pabutools(path):
    approval, _, phr = _pabutools(path)
    assert approval
    assert set(sequential_phragmen(election_of(read_pabulib(path)))) == phr


@needs_shared
def test_phragmen_refuses_ballots_that_are_not_approvals():
    others = [p for p in FILES if p not in APPROVAL_FILES]
    assert [p.stem for p in others] == ["france_toulouse_2019_"]  # cumulative
    with pytest.raises(ValueError, match="approval ballots only"):
        sequential_phragmen(election_of(read_pabulib(others[0])))


@needs_shared
def test_completion_is_pabutools_exhaustion_by_budget_increase():
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import exhaustion_by_budget_increase, method_of_equal_shares

    path = SHARED / "poland_warszawa_2017_zielona-grzybowa.pb"
    instance, profile = parse_pabulib(str(path))
    theirs = exhaustion_by_budget_increase(instance, profile, method_of_equal_shares,
                                           {"sat_class": Cost_Sat})
    ours = equal_shares_completed(election_of(read_pabulib(path)))
    assert set(ours) == {p.name for p in theirs}
    assert len(ours) > len(equal_shares(election_of(read_pabulib(path))))


def test_the_hand_cases_are_pabutools_too(tmp_path):
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares
    from pabutools.rules import sequential_phragmen as phragmen

    for i, text in enumerate([FOUR, pb(20, {"9": 10, "10": 10}, ["9", "10"]),
                              pb(7, {"9": 5, "10": 5, "11": 6}, ["9", "10", "11"]),
                              STOPS]):
        path = tmp_path / f"{i}.pb"
        path.write_text(text, encoding="utf-8")
        instance, profile = parse_pabulib(str(path))
        ours = election(text)
        assert set(equal_shares(ours)) == {p.name for p in method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat)}
        assert set(sequential_phragmen(ours)) == {p.name for p in phragmen(instance, profile)}


# --- small random elections of every vote type, ties included, against pabutools ------

IDS = ("1", "2", "9", "10", "11", "a", "B")  # "10" < "9" and "B" < "a" as text: ties matter
VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring")


@st.composite
def small_elections(draw) -> str:
    """A .pb text: up to 6 projects with costs from a few values (so rhos and loads tie),
    up to 9 voters, a whole or fractional budget."""
    kind = draw(st.sampled_from(VOTE_TYPES))
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=6, unique=True))
    costs = {p: draw(st.sampled_from(["1", "2", "3", "4", "6", "2.5", "10"])) for p in ids}
    budget = draw(st.sampled_from(["3", "5", "6", "8", "10", "12", "7.5", "20"]))
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{kind}", "PROJECTS",
             "project_id;cost", *(f"{p};{c}" for p, c in costs.items()), "VOTES",
             "voter_id;vote" + (";points" if kind in ("cumulative", "scoring") else "")]
    for v in range(draw(st.integers(1, 9))):
        most = 1 if kind == "choose-1" else len(ids)
        vote = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=most, unique=True))
        row = f"v{v};{','.join(vote)}"
        if kind in ("cumulative", "scoring"):
            row += ";" + ",".join(str(draw(st.integers(1, 3))) for _ in vote)
        lines.append(row)
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(small_elections())
def test_small_random_elections_are_pabutools_tie_for_tie(text):
    pytest.importorskip("pabutools")
    from pabutools.election import Additive_Cardinal_Sat, Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.rules import exhaustion_by_budget_increase, method_of_equal_shares
    from pabutools.rules import sequential_phragmen as phragmen

    instance, profile = parse_pabulib_from_string(text)
    ours = election(text)
    sat = Cost_Sat if ours.approval else Additive_Cardinal_Sat
    names = lambda projects: {p.name for p in projects}  # noqa: E731
    assert set(equal_shares(ours)) == names(method_of_equal_shares(
        instance, profile, sat_class=sat))
    assert set(equal_shares_completed(ours)) == names(exhaustion_by_budget_increase(
        instance, profile, method_of_equal_shares, {"sat_class": sat}))
    if ours.approval:
        assert set(sequential_phragmen(ours)) == names(phragmen(instance, profile))


# --- a large synthetic election ------------------------------------------------------------


def synthetic_pb(projects: int, voters: int, seed: int, kind: str = "approval") -> str:
    """A .pb text of a large election (benchmarks/proportional.py times it): costs of a few
    sizes, popularity skewed (a few projects on many ballots), a handful of projects per
    ballot (points 1 to 5 where the ballots carry points), the budget a quarter of the costs."""
    rng = random.Random(seed)
    ids = [str(i + 1) for i in range(projects)]
    costs = {p: rng.choice((5, 10, 20, 50, 100, 200, 400)) * 1000 + rng.randrange(100) * 10
             for p in ids}
    weights = [rng.paretovariate(1.2) for _ in ids]
    points = kind != "approval"
    lines = ["META", "key;value", f"budget;{sum(costs.values()) // 4}", f"vote_type;{kind}",
             "PROJECTS", "project_id;cost", *(f"{p};{c}" for p, c in costs.items()), "VOTES",
             "voter_id;vote" + (";points" if points else "")]
    for v in range(voters):
        size = min(projects, 1 + int(rng.expovariate(1 / 6)))
        vote = sorted(set(rng.choices(ids, weights, k=size)), key=int)
        row = f"v{v};{','.join(vote)}"
        if points:
            row += ";" + ",".join(str(rng.randint(1, 5)) for _ in vote)
        lines.append(row)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["approval", "cumulative", "scoring"])
def test_middle_sized_synthetic_elections_are_pabutools(kind):
    """30 projects, 600 voters, most ballots distinct: money spread over many voters, so
    the floats decide most steps and the exact rationals only the near ties."""
    pytest.importorskip("pabutools")
    from pabutools.election import Additive_Cardinal_Sat, Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.rules import exhaustion_by_budget_increase, method_of_equal_shares
    from pabutools.rules import sequential_phragmen as phragmen

    text = synthetic_pb(30, 600, seed=7, kind=kind)
    instance, profile = parse_pabulib_from_string(text)
    ours = election(text)
    sat = Cost_Sat if ours.approval else Additive_Cardinal_Sat
    assert set(equal_shares(ours)) == {p.name for p in method_of_equal_shares(
        instance, profile, sat_class=sat)}
    assert set(equal_shares_completed(ours)) == {p.name for p in exhaustion_by_budget_increase(
        instance, profile, method_of_equal_shares, {"sat_class": sat})}
    if ours.approval:
        assert set(sequential_phragmen(ours)) == {p.name for p in phragmen(instance, profile)}


def test_a_large_synthetic_election_is_pabutools_at_the_step_where_completion_stops():
    """200 projects, 30,000 voters: Equal Shares with completion, checked (its time is in
    benchmarks/proportional.py, not asserted here). pabutools would take about an hour for
    the whole completion, so one run of theirs at the budget where ours stopped."""
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.fractions import frac
    from pabutools.rules import method_of_equal_shares

    text = synthetic_pb(200, 30_000, seed=19)
    ours = election(text)
    assert ours.voters == 30_000 and len(ours.costs) == 200
    selected, budget = completion(ours)
    assert budget is not None and budget > ours.budget  # the completion raised it
    assert total_cost(ours, selected) <= ours.budget
    assert len(selected) > len(equal_shares(ours))
    # It stopped there: exhaustive, or the next step's selection overspends.
    assert is_exhaustive(ours, selected) or total_cost(
        ours, equal_shares(ours, budget + ours.budget / 100)) > ours.budget
    instance, profile = parse_pabulib_from_string(text)
    instance.budget_limit = frac(budget.numerator, budget.denominator)
    theirs = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    assert {p.name for p in theirs} == set(selected)


# --- grantopt proportional ---------------------------------------------------------------

SMALL = SHARED / "poland_warszawa_2017_zielona-grzybowa.pb"


@needs_shared
def test_the_command_compares_every_rule(tmp_path):
    result = CliRunner().invoke(main, ["proportional", str(SMALL), "--format", "json",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rows = {o["rule"]: o for o in doc["outcomes"]}
    assert list(rows) == ["actual", "utilitarian", "mes", "mes_completed", "phragmen"]
    # The city's selection is the utilitarian optimum here (7 projects, 137,060 of 148,884).
    assert rows["actual"]["selected"] == rows["utilitarian"]["selected"]
    assert rows["utilitarian"]["cost"] == 137060 and rows["utilitarian"]["support"] == 737
    assert rows["mes"]["projects"] == 5 and rows["mes"]["overlap_with_actual"] == 5
    assert all(o["cost"] <= doc["budget"] for o in rows.values())
    assert rows["utilitarian"]["support"] >= max(o["support"] for o in rows.values())
    assert (tmp_path / "out" / "proportional.csv").read_text().startswith("rule,projects")
    assert json.loads((tmp_path / "out" / "proportional.json").read_text()) == doc


@needs_shared
def test_the_table_in_finnish_and_csv():
    runner = CliRunner()
    result = runner.invoke(main, ["proportional", str(SMALL), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert "Kaupungin valinta" in result.output and "Phragmén" in result.output
    assert "(hyväksyntä)" in result.output and "approval" not in result.output  # plain names
    result = runner.invoke(main, ["proportional", str(SMALL), "--format", "csv"])
    assert result.output.splitlines()[0] == (
        "rule,projects,cost,share_of_budget,support,voters_served,overlap_with_actual,"
        "rules_not_applied")
    assert all(line.endswith(",") for line in result.output.splitlines()[1:])  # none


def test_a_bad_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text(pb(10, {"A": 5}, ["A"]).replace("5\n", "five\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["proportional", str(bad)])
    assert result.exit_code == 2
    assert "Error: bad.pb: section PROJECTS, line 7" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["proportional", str(tmp_path / "missing.pb")])
    assert result.exit_code == 2 and "file not found" in result.output


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_utilitarian_optimum_in_memory_is_the_imported_one(path, tmp_path, monkeypatch):
    """`grantopt proportional` solves the round import writes, built in memory: the same
    round, the same optimum, and no temporary folder."""
    from optimizer.cli.proportional import utilitarian_optimum
    from optimizer.formats.pabulib import import_pabulib, round_of
    from optimizer.readers import read_round
    from optimizer.study import Study

    done = import_pabulib(path, tmp_path / "import")
    imported = Study.from_file(done.scenario).solve().funded
    disk, mem = read_round(done.round), round_of(read_pabulib(path), path)
    assert (disk.call, disk.applications, disk.awards) == (mem.call, mem.applications,
                                                            mem.awards)
    monkeypatch.setattr("tempfile.mkdtemp", lambda *a, **k: pytest.fail("wrote a folder"))
    assert utilitarian_optimum(read_pabulib(path), path) == tuple(imported)


# Three rankings, budget 10; the city chose A and C (9). The optimum by rankings counted
# (A 1, B 2, C 2) is B and C (10, support 4). No proportional rule reads rankings.
ORDINAL = """META
key;value
budget;10
vote_type;ordinal
PROJECTS
project_id;cost;selected
A;5;1
B;6;0
C;4;1
VOTES
voter_id;vote
v1;A,B
v2;B,C
v3;C
"""


def test_an_ordinal_file_shows_what_exists_and_says_which_rules_do_not_apply(tmp_path):
    path = tmp_path / "ranked.pb"
    path.write_text(ORDINAL, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["proportional", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["rules_not_applied"] == ["mes", "mes_completed", "phragmen"]
    rows = {o["rule"]: o["selected"] for o in doc["outcomes"]}
    assert rows == {"actual": ["A", "C"], "utilitarian": ["B", "C"]}
    result = runner.invoke(main, ["proportional", str(path), "--format", "csv"])
    lines = result.output.splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["actual", "utilitarian"]
    assert all(line.endswith(",mes;mes_completed;phragmen") for line in lines[1:])
    for lang, words in (("en", "are not applied: they read approvals or points"),
                        ("fi", "jätetään pois: ne lukevat hyväksyntöjä tai pisteitä")):
        result = runner.invoke(main, ["proportional", str(path), "--lang", lang])
        assert result.exit_code == 0, result.output
        assert words in result.output and "Utilit" in result.output


@needs_shared
def test_a_cumulative_file_names_phragmen_as_not_applied():
    toulouse = SHARED / "france_toulouse_2019_.pb"
    result = CliRunner().invoke(main, ["proportional", str(toulouse), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["rules_not_applied"] == ["phragmen"]
    assert [o["rule"] for o in doc["outcomes"]] == ["utilitarian", "mes", "mes_completed"]
