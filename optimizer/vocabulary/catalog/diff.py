"""What one rule of a scenario does (analysis.diff.rule_effect): the optimum with the rule
against the optimum without it, in a sentence with the euros moved and the projects named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from optimizer.vocabulary.numbers import number
from optimizer.vocabulary.values import change_text, value_text
from optimizer.vocabulary.words import Words

RISE, FALL, SAME = "rise", "fall", "same"


@dataclass(frozen=True)
class Shown:
    """A change of value as a sentence prints it: both ends rounded as they are shown, the
    change their difference, so "from X to Y (±Z)" has Y − X = ±Z to the last digit (the
    difference of the exact values may round the other way: 23.2955 − 22.7174)."""

    before: Decimal
    after: Decimal

    @property
    def by(self) -> Decimal:
        return self.after - self.before

    @property
    def direction(self) -> str:
        return RISE if self.by > 0 else FALL if self.by < 0 else SAME


def value_digits(objective: str) -> int:
    """The decimals a portfolio value is shown with (as numbers.fmt_value shows it)."""
    return 0 if objective == "score_euros" else 3


def shown(before: float, after: float, digits: int) -> Shown:
    """Both ends rounded half to even, as Python's formatting rounds a float."""
    step = Decimal(1).scaleb(-digits)
    # "+ 0" turns a rounded −0.000 into 0.000, which prints without a minus
    return Shown(Decimal(before).quantize(step, ROUND_HALF_EVEN) + 0,
                 Decimal(after).quantize(step, ROUND_HALF_EVEN) + 0)


def _num(x: Decimal, digits: int, w: Words) -> str:
    return number(float(x), digits, w.lang)


# The verb of a change by its direction: conditional ("would rise") or present ("rises").
_VERBS = {("en", True): {RISE: "would rise", FALL: "would fall", SAME: "would stay"},
          ("en", False): {RISE: "rises", FALL: "falls", SAME: "stays"},
          ("fi", True): {RISE: "nousisi", FALL: "laskisi", SAME: "pysyisi"},
          ("fi", False): {RISE: "nousee", FALL: "laskee", SAME: "pysyy"}}


def _value_change(a: Mapping[str, Any], w: Words) -> str:
    """"the portfolio's value would fall from 23.296 to 22.717 (−0.579)": verb and sign are
    read from the two numbers as shown, never from a sign computed elsewhere."""
    digits = value_digits(a["objective"])
    c = shown(a["before"], a["after"], digits)
    verb = _VERBS[w.lang, bool(a["would"])][c.direction]
    was, now = _num(c.before, digits, w), _num(c.after, digits, w)
    by = ("+" if c.by > 0 else "") + _num(c.by, digits, w)  # number() gives the minus
    if w.lang == "fi":
        if c.direction == SAME:
            return f"jaon kokonaisarvo {verb} arvossa {was}"
        return f"jaon kokonaisarvo {verb} arvosta {was} arvoon {now} ({by})"
    if c.direction == SAME:
        return f"the portfolio's value {verb} at {was}"
    return f"the portfolio's value {verb} from {was} to {now} ({by})"


def _value_sentence(a: Mapping[str, Any], w: Words) -> str:
    """The change as a whole sentence (a comparison of two scenarios' optima)."""
    text = _value_change({**a, "would": False}, w)
    return text[0].upper() + text[1:] + "."


def _moved(moves: list[tuple[str, str, float]], verb: str, w: Words) -> str:
    names = ", ".join(f"{i} {label} ({w.eur(eur)})" for i, label, eur in moves)
    return f"{w.count(len(moves), 'project')} {verb}: {names}"


def _rule_effect(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    rule = change_text(a["key"], a["value"], w.lang)
    default = value_text(a["key"], a["without"], w.lang)
    head = (f"Sääntö ”{rule}” (oletus: {default})" if fi
            else f"The rule “{rule}” (default: {default})")
    if not a["changed"]:
        return head + (" ei muuta tässä mitään: optimaalinen jako täyttää sen jo." if fi
                       else " changes nothing here: the optimum meets it already.")
    parts = []
    if a["gains"] or a["losses"]:
        into = ", ".join(f"{r} (+{w.eur(e)})" for r, e in a["gains"]) or (
            "ei mihinkään" if fi else "no region")
        out = ", ".join(f"{r} (−{w.eur(e)})" for r, e in a["losses"]) or (
            "ei mistään" if fi else "no region")
        parts.append(f"siirtää euroja maakuntiin {into} ja pois maakunnista {out}" if fi
                     else f"moves euros into {into} and out of {out}")
    for key, en, fi_verb in (("enter", "enter", "tulee mukaan"), ("leave", "leave", "jää pois")):
        moves = a[key]
        if moves:
            parts.append(_moved(moves, fi_verb if fi else en + ("s" if len(moves) == 1 else ""),
                                w))
    if a["values"] is None:  # the rule changes how value is measured: no number to compare
        return f"{head} " + "; ".join(parts) + (
            ". Kokonaisarvoja ei verrata, koska sääntö muuttaa sitä, miten kokonaisarvo "
            "mitataan." if fi else
            ". The values are not compared, because the rule changes how value is measured.")
    base, other, objective = a["values"]
    parts.append(_value_change(
        {"before": base, "after": other, "objective": objective, "would": False}, w))
    return f"{head} " + "; ".join(parts) + "."


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "diff.rule_effect": {
        "en": _rule_effect, "fi": _rule_effect,
        "example": {"key": "coverage.max_region_share", "value": 0.25, "without": None,
                    "changed": True, "gains": [("Pohjois-Pohjanmaa", 616_400.0)],
                    "losses": [("Uusimaa", 552_500.0)],
                    "enter": [("2020-59", "Oulun kaupunki", 310_000.0)],
                    "leave": [("2020-35", "Porvoon kaupunki", 252_300.0)],
                    "values": (23.296, 22.91, "score")}},
    # a portfolio's value from one number to another: the one phrase every explanation and
    # comparison says it with (verb and sign from the numbers as shown)
    "diff.value_change": {
        "en": _value_change, "fi": _value_change,
        "example": {"before": 22.717, "after": 23.296, "objective": "score", "would": True}},
    "diff.value_sentence": {
        "en": _value_sentence, "fi": _value_sentence,
        "example": {"before": 23.296, "after": 22.91, "objective": "score"}},
    "diff.not_comparable": {
        "en": "The two scenarios measure value differently (their weights, scores, objective "
              "or value model differ), so their values are not compared: compare the "
              "portfolios.",
        "fi": "Skenaariot mittaavat kokonaisarvoa eri tavoin (painokertoimet, pisteet, "
              "tavoitefunktio tai arvomalli eroavat), joten kokonaisarvoja ei verrata: vertaa "
              "jakoja.",
        "example": {}},
}
