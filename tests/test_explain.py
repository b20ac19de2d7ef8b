"""explain(): forced-in / forced-out values, the score change that flips a decision, the
binding rules; and the forced values against brute force on random small instances."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.analysis.bindings import (
    BUDGET,
    EXCLUDED,
    IN,
    LEAD_CAP,
    LOCK,
    OUT,
    REGION_MIN,
    TARGET_AREA,
)
from optimizer.analysis.explain import explain
from optimizer.cli import main
from optimizer.cli.output import lead_cell, project_cell
from optimizer.errors import ScenarioError
from optimizer.model.instance import PARTIAL, SCORE_EUROS, Exclusion, Instance, Item, Rules
from optimizer.model.solve import solve
from optimizer.study import Study
from optimizer.vocabulary.numbers import short
from tests.bruteforce import brute_force
from tests.factories import make

# Budget 10 units. a 0.9 (5 units), b 0.5 (5), c 0.4 (5), d 0.45 (4).
# Optimum {a, b} = 1.4 (a + d = 1.35 leaves 1 unit idle, a + c = 1.3).
ABCD = [("a", 0.9, 5), ("b", 0.5, 5), ("c", 0.4, 5), ("d", 0.45, 4)]


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_forced_values_by_hand(solver):
    e = explain(make(ABCD, excluded=[Exclusion("z", ("sote",))]), solver=solver)
    assert e.optimal_value == pytest.approx(1.4)
    rows = {r.id: r for r in e.entries}
    assert [r.id for r in e.entries] == ["a", "b", "c", "d", "z"]
    assert rows["a"].status == rows["b"].status == IN
    assert rows["c"].status == rows["d"].status == OUT
    # c forced in: best with c is a + c = 1.3 -> loss 0.1.
    assert rows["c"].forced_value == pytest.approx(1.3)
    assert rows["c"].loss == pytest.approx(0.1)
    # d forced in: a + d = 1.35 -> loss 0.05.
    assert rows["d"].loss == pytest.approx(0.05)
    # a forced out: best without a is b + d = 0.95 -> margin 0.45.
    assert rows["a"].forced_value == pytest.approx(0.95)
    assert rows["a"].loss == pytest.approx(0.45)
    # b forced out: a + d = 1.35 -> margin 0.05.
    assert rows["b"].loss == pytest.approx(0.05)
    # z was excluded: its reasons, no values.
    assert rows["z"].status == EXCLUDED and rows["z"].reasons == ("sote",)
    assert rows["z"].loss is None


def test_needed_score_rise_equals_the_loss_in_full_score_mode():
    # Objective `score`, full mode: the needed rise is the loss itself (module docstring).
    inst = make(ABCD)
    rows = {r.id: r for r in explain(inst).entries}
    assert rows["c"].score_change == pytest.approx(0.1) and rows["c"].score_change_exact
    assert rows["d"].score_change == pytest.approx(0.05)
    # Check the claim: c at 0.4 + 0.1 = 0.5 ties with b (a + c = a + b = 1.4) ...
    raised = replace(inst, items=tuple(replace(it, score=0.5) if it.id == "c" else it
                                       for it in inst.items))
    assert {r.id: r for r in explain(raised, ids=["c", "b"]).entries}["c"].tie or (
        "c" in solve(raised).units)
    # ... and a bit more puts it in the optimum.
    higher = replace(inst, items=tuple(replace(it, score=0.51) if it.id == "c" else it
                                       for it in inst.items))
    assert "c" in solve(higher).units


def test_needed_score_rise_in_score_euros_mode_is_loss_per_euro_of_award():
    # score x euros, 100 € units: a 0.9*500 = 450, b 250, c 200, d 0.45*400 = 180.
    # Optimum a + b = 700. c in: a + c = 650, loss 50 -> rise 50 / 500 € = 0.1.
    # d in: a + d = 630, loss 70 -> rise 70 / 400 € = 0.175 (0.625 * 400 = 250 = b's value).
    inst = make(ABCD, objective=SCORE_EUROS)
    rows = {r.id: r for r in explain(inst).entries}
    assert rows["c"].loss == pytest.approx(50.0)
    assert rows["c"].score_change == pytest.approx(0.1)
    assert rows["d"].loss == pytest.approx(70.0)
    assert rows["d"].score_change == pytest.approx(0.175)
    # b forced out: a + c = 650 -> margin 50; b's score can drop 50 / 500 € = 0.1 (to 0.4,
    # where b is worth 200 like c).
    assert rows["b"].loss == pytest.approx(50.0)
    assert rows["b"].score_change == pytest.approx(0.1)
    raised = replace(inst, items=tuple(replace(it, score=0.63) if it.id == "d" else it
                                       for it in inst.items))
    assert "d" in solve(raised).units  # 0.63 * 400 = 252 > 250


def test_partial_mode_marks_the_score_change_as_a_lower_bound():
    inst = make([("a", 0.9, 6), ("b", 0.5, 6)], mode=PARTIAL)
    rows = {r.id: r for r in explain(inst).entries}
    assert not rows["a"].score_change_exact and not rows["b"].score_change_exact


def test_budget_binds_the_out_items():
    e = explain(make(ABCD))
    # {a, b} spends all 10 units: 0 € left, the cheapest out item (d) needs 400 €.
    assert e.slack_eur == 0.0 and e.cheapest_out_eur == 400.0 and e.budget_binding
    rows = {r.id: r for r in e.entries}
    assert [b.rule for b in rows["c"].bindings] == [BUDGET]
    assert [b.rule for b in rows["d"].bindings] == [BUDGET]
    assert rows["a"].bindings == ()


# a 0.9 and b 0.8 share lead L (cap 1) in region R1; c 0.2 is alone in R2; every region needs
# one project; d (11 units) exceeds the budget of 10 and has no region.
# Optimum: a + c = 1.1 (b + c = 1.0; a + b breaks the lead cap and leaves R2 empty).
RULED = [("a", 0.9, 5, "R1", "L"), ("b", 0.8, 5, "R1", "L"), ("c", 0.2, 5, "R2", "M"),
         ("d", 0.3, 11, "", "N")]


def test_binding_region_minimum_lead_cap_and_infeasible_flips():
    e = explain(make(RULED, min_projects_per_region=1, max_awards_per_lead=1))
    rows = {r.id: r for r in e.entries}
    assert e.optimal_value == pytest.approx(1.1)
    # a: the only funded project of R1 (minimum met exactly), and its lead's cap is met.
    assert {b.rule for b in rows["a"].bindings} == {REGION_MIN, LEAD_CAP}
    assert rows["a"].loss == pytest.approx(0.1)  # b + c = 1.0 replaces it
    # b: out, the budget is spent and its lead has its one award.
    assert {b.rule for b in rows["b"].bindings} == {BUDGET, LEAD_CAP}
    assert rows["b"].loss == pytest.approx(0.1)
    # c: the last project of R2: forcing it out is infeasible, with the diagnosis as reason.
    assert [b.rule for b in rows["c"].bindings] == [REGION_MIN]
    assert math.isinf(rows["c"].loss) and not rows["c"].feasible_flip
    assert rows["c"].reasons and all("infeasible" in str(r) for r in rows["c"].reasons)
    assert {r.code for r in rows["c"].reasons} == {"explain.flip_infeasible"}
    assert all(x.startswith("pois pakottaminen ei ole mahdollista: ")
               for x in rows["c"].reasons_in("fi"))
    assert "is in the optimal portfolio, and it cannot be left out under these rules: " in \
        rows["c"].sentence
    assert "on mukana optimaalisessa jaossa, eikä sitä voi jättää pois näillä säännöillä: " \
        in rows["c"].sentence_in("fi")
    # d: 11 units never fit a budget of 10: forcing it in is infeasible.
    assert math.isinf(rows["d"].loss) and rows["d"].forced_value is None
    assert BUDGET in {b.rule for b in rows["d"].bindings}


def test_lock_is_a_binding_rule_and_is_lifted_to_force_out():
    # No coverage rule now; c is locked in. Optimum with the lock: a + c = 1.1. Forcing c out
    # lifts the lock: a + b = 1.7, so the "loss" is 1.1 - 1.7 = -0.6: the lock costs 0.6.
    e = explain(make(RULED, fund=frozenset({"c"})), ids=["c", "b"])
    rows = {r.id: r for r in e.entries}
    assert rows["c"].status == IN and [b.rule for b in rows["c"].bindings] == [LOCK]
    assert [str(b.detail) for b in rows["c"].bindings] == ["locked in"]
    assert rows["c"].forced_value == pytest.approx(1.7)
    assert rows["c"].loss == pytest.approx(-0.6)
    # Lifting the lock raises the value: the sentence says so, with the true sign.
    assert "value would rise from 1.100 to 1.700 (+0.600)." in rows["c"].sentence
    assert "kokonaisarvo nousisi arvosta 1,100 arvoon 1,700 (+0,600)." in \
        rows["c"].sentence_in("fi")
    # b forced in (c stays locked): c + b = 1.0 -> loss 0.1, never negative.
    assert rows["b"].loss == pytest.approx(0.1)


def test_ids_select_rows_and_unknown_ids_are_refused():
    e = explain(make(ABCD), ids=["d", "a"])
    assert [r.id for r in e.entries] == ["d", "a"]
    with pytest.raises(ScenarioError, match="unknown application id 'q'"):
        explain(make(ABCD), ids=["q"])


def test_to_dict_writes_infeasible_as_a_word():
    d = explain(make(RULED, min_projects_per_region=1, max_awards_per_lead=1)).to_dict()
    rows = {r["id"]: r for r in d["rows"]}
    assert rows["d"]["loss"] == "infeasible" and rows["a"]["loss"] == pytest.approx(0.1)


# --- against brute force ----------------------------------------------------------------


@st.composite
def small_instances(draw, n=8, partial=False):
    k = draw(st.integers(3, n))
    items = tuple(
        Item(id=f"i{j}", score=draw(st.integers(0, 20)) / 20,
             max_units=draw(st.integers(1, 3 if partial else 6)),
             lead_region=draw(st.sampled_from(["R1", "R2", "R3"])),
             lead=draw(st.sampled_from(["L1", "L2", "L3", "L4"])))
        for j in range(k)
    )
    rules = Rules(
        budget_units=draw(st.integers(3, 18)),
        mode=PARTIAL if partial else "full",
        min_projects_per_region=draw(st.sampled_from([0, 0, 1])),
        max_awards_per_lead=draw(st.sampled_from([None, 1, 2])),
        objective=draw(st.sampled_from(["score", SCORE_EUROS])),
    )
    return Instance(items=items, rules=rules, name="random")


def _brute_loss(inst: Instance, item_id: str, funded_at_optimum: bool, best: float) -> float:
    rules = inst.rules
    forced = inst.with_rules(
        fund=rules.fund - {item_id} if funded_at_optimum else rules.fund | {item_id},
        reject=rules.reject | {item_id} if funded_at_optimum else rules.reject - {item_id})
    found = brute_force(forced)
    return math.inf if found is None else best - found[0]


def _check_against_brute_force(inst: Instance) -> None:
    base = brute_force(inst)
    if base is None:
        return  # infeasible scenario: nothing to explain
    e = explain(inst, solver="highs")
    scale = max(1.0, abs(base[0]))
    assert e.optimal_value == pytest.approx(base[0], rel=1e-6, abs=1e-6)
    for row in e.entries:
        expected = _brute_loss(inst, row.id, row.status == IN, base[0])
        if math.isinf(expected):
            assert math.isinf(row.loss), row
        else:
            assert row.loss == pytest.approx(max(expected, 0.0), abs=1e-6 * scale), row


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_forced_values_equal_brute_force_differences(inst):
    _check_against_brute_force(inst)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(n=5, partial=True))
def test_forced_values_equal_brute_force_differences_partial(inst):
    _check_against_brute_force(inst)


# --- explanations that name names -------------------------------------------------------


def _names_case():
    # Budget 10: a .9/5, b .5/5, c .4/3, d .35/2. Optimum a + c + d = 1.65 (a + b = 1.4).
    return make([("a", .9, 5), ("b", .5, 5), ("c", .4, 3), ("d", .35, 2)], budget=10)


def test_forcing_an_application_in_names_the_projects_it_displaces():
    e = explain(_names_case(), ids=["b"])
    b = e.row("b")
    assert b.status == OUT and [m.id for m in b.pushed_out] == ["c", "d"]
    assert b.brought_in == ()
    assert b.loss == pytest.approx(0.25)
    assert [m.award_eur for m in b.pushed_out] == [300.0, 200.0]
    assert "b Lead B" in b.sentence and "push out 2 projects worth 500 €" in b.sentence
    assert "c Lead C (score 0.400, 300 €) and d Lead D (score 0.350, 200 €)" in b.sentence
    assert "value would fall from 1.650 to 1.400 (−0.250)" in b.sentence
    assert "kokonaisarvo laskisi arvosta 1,650 arvoon 1,400 (−0,250)" in b.sentence_in("fi")


def test_leaving_an_application_out_names_what_would_come_in():
    c = explain(_names_case(), ids=["c"]).row("c")
    assert c.status == IN
    assert [m.id for m in c.brought_in] == ["b"] and [m.id for m in c.pushed_out] == ["d"]
    assert "would bring in 1 project worth 500 €: b Lead B" in c.sentence
    assert "push out 1 other worth 200 €: d Lead D" in c.sentence


def test_an_excluded_application_says_why_in_its_sentence():
    inst = make([("a", .9, 5)], budget=10, excluded=(Exclusion("z", ("out of scope",)),))
    assert explain(inst, ids=["z"]).row("z").sentence.endswith(
        "cannot be funded under this scenario: out of scope.")


def test_2020_47_names_the_projects_it_would_displace():
    root = Path(__file__).resolve().parents[1]
    row = Study.from_file(root / "scenarios" / "2020-baseline.toml").explain(
        ["2020-47"]).row("2020-47")
    assert row.status == OUT and row.pushed_out
    assert all(m.id in row.sentence for m in row.pushed_out)
    assert sum(m.award_eur for m in row.pushed_out) >= row.max_eur - 36_000


def test_a_lead_cap_binding_says_the_cap_in_plain_words():
    e = explain(make(RULED, min_projects_per_region=1, max_awards_per_lead=1), ids=["b"])
    cap = [b.detail for b in e.row("b").bindings if b.rule == LEAD_CAP]
    assert [str(d) for d in cap] == [
        "lead applicant Lead B has 1 award, the cap (at most 1 award per lead applicant)"]
    assert [d.text("fi") for d in cap] == [
        "hankehallinnoijalla Lead B on 1 avustus, enimmäismäärä (enintään 1 avustus "
        "hankehallinnoijaa kohden)"]


def test_a_target_area_binding_names_the_area_as_the_call_does():
    # a is the only funded project of area "participation", which needs one.
    inst = make(ABCD, min_projects_per_target_area=1)
    items = tuple(replace(it, target_area="participation" if it.id == "a"
                          else "remote_work") for it in inst.items)
    names = {"participation": {"en": "participation and influence of residents",
                               "fi": "kuntalaisten osallistuminen ja vaikuttaminen"}}
    inst = replace(inst, items=items, area_names=names)
    row = explain(inst, ids=["a"]).row("a")
    area = [b.detail for b in row.bindings if b.rule == TARGET_AREA]
    assert [str(d) for d in area] == [
        "target area participation and influence of residents has exactly 1 funded project, "
        "the minimum"]
    assert [d.text("fi") for d in area] == [
        "avustuksen kohteessa kuntalaisten osallistuminen ja vaikuttaminen on täsmälleen 1 "
        "rahoitettu hanke, vähimmäismäärä"]
    # Without the call's names, the area is shown as the round gives it.
    bare = explain(replace(inst, area_names={}), ids=["a"]).row("a")
    assert "target area participation has exactly" in str(bare.bindings[0].detail)


# --- the command line, in both languages ----------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def cli_explain(*args: str) -> str:
    result = CliRunner().invoke(main, ["explain", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_locked_in_application_says_leaving_it_out_raises_the_value():
    # Locked in, 2020-47 costs the portfolio 0.578: lifting the lock raises the value, by
    # the difference of the values as printed (23.296 - 22.717 = 0.579; the exact 0.5784
    # rounds to 0.578, which would not add up).
    args = [str(ROOT / "scenarios" / "2020-baseline.toml"), "2020-47",
            "--set", 'locks.fund=["2020-47"]']
    english = " ".join(cli_explain(*args).split())
    assert "the portfolio's value would rise from 22.717 to 23.296 (+0.579)." in english
    assert "would fall" not in english and "binding: locked in" in english
    assert "locks.fund" not in english.split("Scores:")[1]  # the title may name the key
    finnish = " ".join(cli_explain(*args, "--lang", "fi").split())
    assert "jaon kokonaisarvo nousisi arvosta 22,717 arvoon 23,296 (+0,579)." in finnish
    assert "sitova sääntö: lukittu mukaan" in finnish


FINNISH_SCENARIOS = ("2020-baseline", "2020-alternatives", "2020-small-municipalities-pool",
                     "2020-two-years", "2020-fair-shares")


# The words of explain's own English beyond those tests/test_vocabulary.py looks for.
EXPLAIN_EN = re.compile(r"\b(Why|binding|Flipped|Optimum|optimal|portfolio|worth|push|bring|"
                        r"spent|left|cannot|because|tie|impossible|infeasible|gap|it|in|out|"
                        r"forcing|fall|rise)\b")


def _round_names(study: Study) -> list[str]:
    """The round's data (projects, applicants, municipalities, regions, pools): not the
    tool's words, and as the command line may shorten them."""
    inst, rnd = study.case.instance, study.round
    names = {*inst.labels.values(), *(lead_cell(x) for x in inst.labels.values())}
    for app in rnd.applications:
        names |= {app.project, short(app.project, 60), project_cell(app.project),
                  app.applicant}
    names |= {p.name for p in rnd.participants}
    names |= {r for it in inst.items for r in (it.lead_region or "", *it.regions)}
    names |= {p.name for p in inst.rules.pools}
    return sorted((" ".join(n.split()) for n in names if n.strip()), key=len, reverse=True)


@pytest.mark.parametrize("name", FINNISH_SCENARIOS)
def test_explain_in_finnish_says_no_english_and_no_internal_key(name):
    from tests.test_vocabulary import ENGLISH, INTERNAL

    path = ROOT / "scenarios" / f"{name}.toml"
    text = re.sub(r"-\n\s+", "-", cli_explain(str(path), "--lang", "fi"))  # unwrap words
    text = " ".join(text.split())
    assert "Miksi:" in text and "sitova sääntö" in text
    for data in _round_names(Study.from_file(path)):
        text = text.replace(data, " ")
    english = sorted({m.group(0) for words in (ENGLISH, EXPLAIN_EN)
                      for m in words.finditer(text)})
    keys = sorted({m.group(0) for m in INTERNAL.finditer(text)})
    assert not english and not keys, (english, keys)


def test_explain_translates_by_the_catalog_not_by_regular_expressions():
    code = [ROOT / "optimizer" / "cli" / "explain.py",
            *(ROOT / "optimizer" / "analysis").glob("explain*.py")]
    found = [f"{p.name}: {line}" for p in code for line in p.read_text().splitlines()
             if re.search(r"re\.(fullmatch|sub|compile)", line)]
    assert found == []


def test_a_flip_with_equally_close_portfolios_names_the_earliest_ids():
    # Budget 10, one region that needs a project (so not the budget-only DP): a 1.0/6,
    # d 0.9/4, and b, c, e 0.2/2 each. Optimum a + d = 1.9. Leaving d out: a and any two
    # of b, c, e (1.4), three changes each; the tie rule (model.ties) names b and c,
    # whatever order the solver sees the columns in.
    from itertools import permutations

    from optimizer.model.knapsack import is_budget_only

    specs = [("a", 1.0, 6, "R1"), ("d", 0.9, 4, "R1"), ("b", 0.2, 2, "R1"),
             ("c", 0.2, 2, "R1"), ("e", 0.2, 2, "R1")]
    for order in list(permutations(specs))[::17]:
        inst = make(list(order), min_projects_per_region=1)
        assert not is_budget_only(inst)
        d = explain(inst, ids=["d"], solver="highs").row("d")
        assert d.forced_value == pytest.approx(1.4)
        assert [m.id for m in d.brought_in] == ["b", "c"] and d.pushed_out == ()


def _rule_pick(inst: Instance, base: dict[str, int], item_id: str) -> set[str] | None:
    """By brute force: the flipped optimum's portfolio the tie rule names (the fewest
    changes from `base`, then the earliest ids); None when no portfolio allows the flip."""
    from itertools import product

    from optimizer.model.ties import is_optimal
    from optimizer.model.verify import verify

    funded = item_id not in base
    ids = sorted(inst.ids)
    full = {it.id: it.max_units for it in inst.items}
    feasible = []
    for bits in product((0, 1), repeat=len(ids)):
        units = {i: full[i] for i, b in zip(ids, bits, strict=True) if b}
        if (item_id in units) == funded and not verify(inst, units):
            feasible.append(units)
    if not feasible:
        return None
    best = max(inst.value(u) for u in feasible)
    optimal = [u for u in feasible if is_optimal(inst, u, best)]
    fewest = min(len(set(u) ^ set(base)) for u in optimal)
    return set(min((u for u in optimal if len(set(u) ^ set(base)) == fewest),
                   key=lambda u: tuple(0 if i in u else 1 for i in ids)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(), st.booleans())
def test_a_flip_names_the_tie_rules_portfolio_with_or_without_the_near_search(
        inst, near):
    import optimizer.analysis.explain as module

    base = solve(inst, solver="highs", method="ip") if brute_force(inst) else None
    if base is None:
        return
    items = module.NEAR_MAX_ITEMS
    module.NEAR_MAX_ITEMS = items if near else 0
    try:
        e = explain(inst, solver="highs", base=base)
    finally:
        module.NEAR_MAX_ITEMS = items
    for row in e.entries:
        expected = _rule_pick(inst.with_rules(
            fund=inst.rules.fund - {row.id}, reject=inst.rules.reject - {row.id}),
            dict(base.units), row.id)
        if expected is None:
            assert row.forced_value is None, row
            continue
        got = (set(base.units) - {m.id for m in row.pushed_out} - {row.id}) | {
            m.id for m in row.brought_in} | ({row.id} if row.status == OUT else set())
        assert got == expected, row


def test_partial_flips_side_by_side_give_the_rows_one_after_another_gives(monkeypatch):
    import optimizer.analysis.explain as module

    inst = make([("a", 0.9, 6), ("b", 0.5, 6), ("c", 0.4, 4), ("d", 0.3, 3)], budget=12,
                mode=PARTIAL, min_share=0.5)
    monkeypatch.setattr(module, "cpus", lambda: 2)
    together = explain(inst).to_dict()
    monkeypatch.setattr(module, "MAX_SIDE_BY_SIDE", 1)
    assert explain(inst).to_dict() == together
