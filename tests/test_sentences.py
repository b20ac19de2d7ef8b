"""Sentences that are right in every direction (issue 20): every explanation and comparison
that states a change of value says "from X to Y (±Z)" with Y − X = ±Z as printed and the verb
of that direction, in English and Finnish; where the two measure value differently, it says
so in a whole sentence without a number."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.analysis.diff import rule_sentence
from optimizer.analysis.explain import explain
from optimizer.study import Study
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.words import Words
from optimizer.web.labels import labels
from optimizer.web.serialise import state
from tests.factories import make
from tests.test_web_browser import SCREEN, TIMEOUT, _set, server  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
LANGS = ("en", "fi")

# A printed number: digits with grouping marks (",", a no-break space) and a decimal mark,
# ending in a digit (so a full stop after it is not taken); a true minus.
NUM = r"−?\d(?:[\d,.\u00a0]*\d)?"
CHANGE = {
    "en": re.compile(rf"value (would rise|would fall|rises|falls) from ({NUM}) to ({NUM}) "
                     rf"\(([+−]{NUM})\)"),
    "fi": re.compile(rf"kokonaisarvo (nousisi|laskisi|nousee|laskee) arvosta ({NUM}) arvoon "
                     rf"({NUM}) \(([+−]{NUM})\)"),
}
STAY = {"en": re.compile(rf"value (?:would stay|stays) at ({NUM})"),
        "fi": re.compile(rf"kokonaisarvo (?:pysyisi|pysyy) arvossa ({NUM})")}
# Any other way of saying a value changed, which the two patterns above would miss.
LOOSE = {"en": re.compile(r"\b(rise|fall|rises|falls|goes|changes by)\b(?! short)"),
         "fi": re.compile(r"\b(nousisi|laskisi|nousee|laskee|muuttuu)\b")}
RISES = {"would rise", "rises", "nousisi", "nousee"}
CONDITIONAL = {"would rise", "would fall", "nousisi", "laskisi"}


def one_line(text: str) -> str:
    """The text unwrapped (plain spaces and line breaks only: a no-break space groups
    digits)."""
    return re.sub(r"[ \n]+", " ", text)


def shown(value: float, objective: str, w: Words) -> str:
    """A value as printed, a zero without its minus (−0.000 is 0.000)."""
    text = w.value(value, objective)
    return text.removeprefix("−") if parse(text, w.lang) == 0 else text


def parse(text: str, lang: str) -> Decimal:
    """A number as printed in the language, exactly."""
    plain = text.replace("−", "-")
    plain = plain.replace("\u00a0", "").replace(",", ".") if lang == "fi" else plain.replace(
        ",", "")
    return Decimal(plain)


def changes(text: str, lang: str) -> list[tuple[str, str, str, Decimal]]:
    """Each "from X to Y (±Z)" of the text, checked: Y − X = Z as printed, Z is not zero,
    and the verb is the direction of Z. Returns (verb, X, Y, Z), X and Y as printed."""
    found = []
    for m in CHANGE[lang].finditer(one_line(text)):
        verb, x, y, z = m.groups()
        by = parse(z, lang)
        assert parse(y, lang) - parse(x, lang) == by, m.group(0)
        assert by != 0 and (verb in RISES) == (by > 0), m.group(0)
        found.append((verb, x, y, by))
    return found


def stays(text: str, lang: str) -> list[str]:
    return STAY[lang].findall(one_line(text))


def said_once(text: str, lang: str) -> tuple[str, str, str, Decimal]:
    """The one change the text states; it states no other."""
    found = changes(text, lang)
    assert len(found) == 1 and len(LOOSE[lang].findall(text)) == 1, text
    return found[0]


# --- the change phrase itself --------------------------------------------------------------

VALUES = st.one_of(
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False),
    st.integers(-10**7, 10**7).map(lambda k: k / 2),  # exact halves: ties of the rounding
    st.integers(-10**6, 10**6).map(lambda k: k / 1000))


@settings(max_examples=300, deadline=None)
@given(before=VALUES, after=VALUES, near=st.floats(-0.002, 0.002), use_near=st.booleans(),
       objective=st.sampled_from(["score", "score_euros"]), would=st.booleans())
def test_change_phrase_adds_up_for_any_pair(before, after, near, use_near, objective, would):
    """For random (before, after), also a hair apart: the ends are printed as every value
    is, Y − X = Z, the verb follows the sign, and an unchanged value stays."""
    if use_near:
        after = before + near
    digits = 0 if objective == "score_euros" else 3
    for lang in LANGS:
        w = Words(lang)
        text = Message.of("diff.value_change", before=before, after=after,
                          objective=objective, would=would).text(lang)
        was, now = shown(before, objective, w), shown(after, objective, w)
        if was == now:
            assert stays(text, lang) == [was] and not changes(text, lang), text
            continue
        [(verb, x, y, by)] = changes(text, lang)
        assert (x, y) == (was, now)
        assert (verb in CONDITIONAL) == would
        if abs(after - before) >= 10.0 ** -digits:  # a true change the rounding cannot turn
            assert (by > 0) == (after > before)


@pytest.mark.parametrize("lang", LANGS)
def test_the_change_is_the_difference_of_the_printed_values(lang):
    """23.2955 − 22.7171 = 0.5784 rounds to 0.578, but the sentence shows 23.296 and
    22.717, whose difference is 0.579: it says the latter."""
    text = say(lang, "diff.value_change", before=22.7171, after=23.2955, objective="score",
               would=True)
    assert said_once(text, lang)[3] == Decimal("0.579")


# --- every explanation template, both directions and both languages ------------------------

MOVED = [{"id": "b", "label": "Lead B", "score": 0.5, "award": 500.0}]
ROW = {"id": "c", "label": "Lead C", "project": "Gamma", "score": 0.4, "objective": "score",
       "tie": False, "pushed_out": MOVED, "brought_in": MOVED}
# (optimum, value with the decision flipped, direction said)
DIRECTIONS = {"fall": (1.65, 1.4, "fall"), "rise": (1.1, 1.7, "rise"),
              "rounding": (22.7171, 23.2955, "rise"), "zero": (1.2, 1.2004, "same")}
HEADS = {  # (code, locked) -> what the head says, en and fi
    ("explain.row_in", False): ("is in the optimal portfolio with 500 €. Leaving it out would",
                                "on mukana optimaalisessa jaossa 500 euron avustuksella. Sen "
                                "jättäminen pois toisi"),
    ("explain.row_in", True): ("is locked into the optimal portfolio with 500 €. Leaving it "
                               "out (lifting the lock) would",
                               "on lukittu mukaan optimaaliseen jakoon 500 euron "
                               "avustuksella. Sen jättäminen pois (lukituksen poistaminen)"),
    ("explain.row_out", False): ("is not in the optimal portfolio. Funding it (500 €) would",
                                 "ei ole mukana optimaalisessa jaossa. Sen rahoittaminen "
                                 "(500\u00a0€)"),
    ("explain.row_out", True): ("is locked out of the optimal portfolio. Funding it (lifting "
                                "the lock, 500 €) would",
                                "on lukittu pois optimaalisesta jaosta. Sen rahoittaminen "
                                "(lukituksen poistaminen, 500\u00a0€)"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("direction", sorted(DIRECTIONS))
@pytest.mark.parametrize("code,locked", sorted(HEADS))
def test_in_out_and_locked_rows_say_the_change_their_numbers_make(code, locked, direction,
                                                                  lang):
    optimum, forced, expected = DIRECTIONS[direction]
    status = "in" if code == "explain.row_in" else "out"
    text = Message.of(code, **ROW, status=status, locked=locked, optimum=optimum,
                      forced=forced, award=500.0, max=500.0).text(lang)
    assert HEADS[code, locked][LANGS.index(lang)] in text
    w = Words(lang)
    if expected == "same":
        assert stays(text, lang) == [w.value(optimum, "score")] and not changes(text, lang)
        return
    verb, x, y, _ = said_once(text, lang)
    assert (x, y) == (w.value(optimum, "score"), w.value(forced, "score"))
    assert (verb in RISES) == (expected == "rise")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ["explain.row_in", "explain.row_out"])
def test_a_tie_says_it_costs_nothing_and_states_no_change(code, lang):
    status = "in" if code == "explain.row_in" else "out"
    text = Message.of(code, **{**ROW, "tie": True}, status=status, optimum=1.4,
                      forced=1.4, award=500.0, max=500.0).text(lang)
    assert ("it would cost nothing: another optimal portfolio decides it the other way."
            if lang == "en" else "se ei maksaisi mitään: toinen optimaalinen jako ratkaisee "
            "sen toisin.") in text
    assert not changes(text, lang) and not stays(text, lang) and not LOOSE[lang].search(text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("status", ["in", "out"])
def test_an_infeasible_flip_says_why_without_a_value(status, lang):
    finding = Message.of("rule.min_regions", got=15, need=17)
    text = Message.of("explain.row_infeasible", **ROW, status=status,
                      findings=[finding]).text(lang)
    assert text.endswith(finding.text(lang).removesuffix(".") + ".")
    what = {("en", "in"): "is in the optimal portfolio, and it cannot be left out",
            ("en", "out"): "is out of the optimal portfolio, and it cannot be funded",
            ("fi", "in"): "on mukana optimaalisessa jaossa, eikä sitä voi jättää pois",
            ("fi", "out"): "ei ole mukana optimaalisessa jaossa, eikä sitä voi rahoittaa"}
    assert what[lang, status] in text
    assert not changes(text, lang) and not LOOSE[lang].search(text)


def _ruled():
    # Budget 10 units of 100 €: a .9/5, b .8/5, c .3/5. Optimum a + b = 1.7.
    return make([("a", .9, 5), ("b", .8, 5), ("c", .3, 5)], budget=10)


@pytest.mark.parametrize("lang", LANGS)
def test_real_rows_in_every_direction_restate_the_solved_values(lang):
    """Solved, not made up: c out (funding it falls 1.7 -> 1.2), b in (leaving it out falls
    1.7 -> 1.2); c locked in (lifting the lock rises 1.2 -> 1.7); b locked out (lifting the
    lock rises 1.2 -> 1.7). Each sentence's ends are the optimum and the flipped value."""
    w = Words(lang)
    cases = [(_ruled(), "c", "fall", False), (_ruled(), "b", "fall", False),
             (make([("a", .9, 5), ("b", .8, 5), ("c", .3, 5)], budget=10,
                   fund=frozenset({"c"})), "c", "rise", True),
             (make([("a", .9, 5), ("b", .8, 5), ("c", .3, 5)], budget=10,
                   reject=frozenset({"b"})), "b", "rise", True)]
    for inst, item, expected, locked in cases:
        e = explain(inst, ids=[item])
        row = e.row(item)
        text = row.sentence_in(lang)
        verb, x, y, by = said_once(text, lang)
        assert (x, y) == (w.value(e.optimal_value, "score"), w.value(row.forced_value, "score"))
        assert (verb in RISES) == (expected == "rise")
        assert by == parse(w.value(-(row.loss or 0.0), "score"), lang)  # here no rounding
        assert ("lock" in text or "lukit" in text) == locked


@pytest.mark.parametrize("lang", LANGS)
def test_rows_valued_in_score_times_euros_add_up_in_whole_numbers(lang):
    """Under score × euros a value is printed whole: the change is whole too, and the
    solved values are the ends (a, b, c: 0.9, 0.8, 0.3 × 500 €: optimum 850, c in: 600)."""
    inst = make([("a", .9, 5), ("b", .8, 5), ("c", .3, 5)], budget=10,
                objective="score_euros")
    w = Words(lang)
    e = explain(inst, ids=["a", "b", "c"])
    for row in e.entries:
        verb, x, y, by = said_once(row.sentence_in(lang), lang)
        assert (x, y) == (w.value(e.optimal_value, "score_euros"),
                          w.value(row.forced_value, "score_euros"))
        assert verb not in RISES and by == by.to_integral_value() < 0


# --- comparisons: what a rule does, two scenarios side by side -----------------------------

EFFECT = Message.of("diff.rule_effect", key="coverage.max_region_share", value=0.25,
                    without=None, changed=True, gains=[("Lappi", 100.0)],
                    losses=[("Uusimaa", 100.0)], enter=[("b", "Lead B", 100.0)], leave=[],
                    values=None)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("values,expected", [
    ((23.296, 22.91, "score"), "fall"), ((22.91, 23.296, "score"), "rise"),
    ((1.0, 1.0004, "score"), "same"), ((9_000_000.4, 9_250_000.6, "score_euros"), "rise")])
def test_a_rules_effect_says_the_change_its_numbers_make(values, expected, lang):
    text = Message.of(EFFECT.code, **{**EFFECT.args, "values": values}).text(lang)
    w = Words(lang)
    was, now = (w.value(v, values[2]) for v in values[:2])
    if expected == "same":
        assert stays(text, lang) == [was]
        return
    verb, x, y, _ = said_once(text, lang)
    assert (x, y, verb in RISES) == (was, now, expected == "rise")


@pytest.mark.parametrize("lang", LANGS)
def test_a_rule_that_changes_how_value_is_measured_says_so_without_a_number(lang):
    text = EFFECT.text(lang)
    assert text.endswith(
        "The values are not compared, because the rule changes how value is measured."
        if lang == "en" else
        "Kokonaisarvoja ei verrata, koska sääntö muuttaa sitä, miten kokonaisarvo mitataan.")
    assert not changes(text, lang) and not stays(text, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("before,after", [(1.8, 1.7), (1.7, 1.8), (1.7, 1.7)])
def test_a_comparison_is_a_whole_sentence(before, after, lang):
    text = say(lang, "diff.value_sentence", before=before, after=after, objective="score")
    assert text[0].isupper() and text.endswith(".")
    if before == after:
        assert stays(text, lang) == [Words(lang).value(before, "score")]
    else:
        verb, *_ = said_once(text, lang)
        assert (verb in RISES) == (after > before)


@pytest.mark.parametrize("lang", LANGS)
def test_values_measured_differently_is_a_sentence_without_a_number(lang):
    text = say(lang, "diff.not_comparable")
    assert text[0].isupper() and text.endswith(".") and not re.search(r"\d", text)
    assert ("measure value differently" if lang == "en" else "eri tavoin") in text


# --- the two sentences of the issue --------------------------------------------------------


@pytest.fixture(scope="module")
def baseline() -> Study:
    return Study.from_file(BASELINE)


def test_locked_in_2020_47_and_every_other_row_say_their_change_right(baseline):
    """Issue 20: "would fall from 22.717 to 23.296 (−0.578)" for 2020-47 locked in. Now
    every row of that scenario states the solved optimum and flipped value, adding up."""
    locked = baseline.with_changes(locks={"fund": ["2020-47"], "reject": []})
    e = locked.explain()
    counted = 0
    for lang in LANGS:
        w = Words(lang)
        for row in e.entries:
            text = row.sentence_in(lang)
            found = changes(text, lang)
            assert len(found) == len(LOOSE[lang].findall(text)), text  # no other wording
            for _verb, x, y, _ in found:
                assert x == w.value(e.optimal_value, e.objective)
                assert y == w.value(row.forced_value, e.objective)
                counted += 1
        verb, x, y, by = said_once(e.row("2020-47").sentence_in(lang), lang)
        assert verb in RISES and by == Decimal("0.579")
    assert counted > 50


def test_a_pinned_comparison_after_a_weight_change_says_a_whole_sentence(baseline):
    """Issue 20: "value changes by the values are measured differently" ("kokonaisarvo
    muuttuu kokonaisarvot on mitattu eri tavoin") in the app after a weight change."""
    weighted = baseline.with_changes(weights={"cooperation": 3, "reach": 1,
                                              "cost_per_resident": 1, "regional_spread": 1,
                                              "target_fit": 1})
    for lang in LANGS:
        pinned = state(weighted, lang, pinned=baseline)["pinned"]
        assert pinned["value_change"] is None and pinned["value_change_text"] is None
        assert pinned["value_sentence"] == say(lang, "diff.not_comparable")
        assert "value_change" not in labels(lang) and "not_comparable" not in labels(lang)
    script = (ROOT / "optimizer" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "d.value_sentence" in script and "L.value_change" not in script


@pytest.mark.parametrize("lang", LANGS)
def test_a_pinned_comparison_states_the_values_it_compares(baseline, lang):
    cut = baseline.with_changes(budget=9_000_000)
    pinned = state(cut, lang, pinned=baseline)["pinned"]
    w = Words(lang)
    verb, x, y, by = said_once(pinned["value_sentence"], lang)
    assert (x, y) == (w.value(baseline.solve().result.objective, "score"),
                      w.value(cut.solve().result.objective, "score"))
    assert verb not in RISES and pinned["value_change_text"] == w.num(float(by), 3)


@pytest.mark.parametrize("lang", LANGS)
def test_a_rule_sentence_from_two_solved_scenarios_adds_up(baseline, lang):
    capped = baseline.with_changes(coverage={"max_region_share": 0.25})
    d = baseline.diff(capped)
    text = rule_sentence("coverage.max_region_share", 0.25, None, d, lang)
    w = Words(lang)
    verb, x, y, _ = said_once(text, lang)
    assert (x, y) == (w.value(d.base.value, "score"), w.value(d.other.value, "score"))
    assert (verb in RISES) == (d.other.value > d.base.value)


# --- the same two sentences in the app, in a real browser ------------------------------------


def test_the_app_says_both_sentences_right(browser, server):  # noqa: F811 (the fixture)
    """Lock 2020-47 in and ask why: leaving it out would raise the value, by the printed
    difference; pin: the value stays; change a weight: one sentence says the values are not
    compared (and in Finnish after the switch)."""
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.click("#others tbody tr[data-id='2020-47']")
    page.wait_for_selector("#explain .pushed-out li")
    page.click("#explain button[data-lock='in']")
    page.wait_for_selector("#portfolio tbody tr[data-id='2020-47']")
    page.click("#portfolio tbody tr[data-id='2020-47']")
    page.wait_for_function(
        "document.querySelector('#explain-text').textContent.includes('locked into')")
    verb, x, y, by = said_once(page.text_content("#explain-text"), "en")
    assert (verb, x, y, by) == ("would rise", "22.717", "23.296", Decimal("0.579"))

    page.click("#pin")
    page.wait_for_selector("#pinned .value-change")
    assert stays(page.text_content("#pinned .value-change"), "en") == ["22.717"]
    _set(page, "[data-weight-key='cooperation']", "0.5")  # the others share the rest
    page.wait_for_function("document.querySelector('#pinned .value-change')"
                           ".textContent.startsWith('The two')")
    assert page.text_content("#pinned .value-change") == say("en", "diff.not_comparable")
    page.click("#lang-switch")
    page.wait_for_selector("html[lang='fi']")
    page.wait_for_function("document.querySelector('#pinned .value-change')"
                           ".textContent.startsWith('Skenaariot')")
    assert page.text_content("#pinned .value-change") == say("fi", "diff.not_comparable")
    context.close()
