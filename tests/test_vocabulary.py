"""The catalog: every message code renders in English and Finnish, and neither rendering
shows an internal key; the Finnish shows no English."""

from __future__ import annotations

import re

import pytest

from optimizer.vocabulary import Message, render
from optimizer.vocabulary.catalog import MESSAGES
from optimizer.vocabulary.names import KEYS, VALUES

# English words that never belong in a Finnish sentence (names of places and projects are
# data and stay as written; these are the tool's own words).
ENGLISH = re.compile(
    r"\b(the|and|of|is|are|with|without|not|which|would|award|awards|budget|funded|"
    r"region|regions|project|projects|application|applications|score|scores|rule|rules|"
    r"value|total|over|below|above|share|pool|pools|year|years|locked|lead|none)\b",
    re.IGNORECASE)
# An internal key: section.key or snake_case identifiers.
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:budget|scoring|objective|funding|eligibility|"
                      r"coverage|locks|solver|robustness)\.[a-z_]+\b")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_renders_in_both_languages(code):
    entry = MESSAGES[code]
    assert {"en", "fi", "example"} <= set(entry), f"{code} needs en, fi and example"
    message = Message.of(code, **entry["example"])
    english, finnish = render(message, "en"), render(message, "fi")
    assert english.strip() and finnish.strip()
    # An error of the scenario file or of an input file names the key or column the person
    # edits; nothing else does.
    if not code.startswith(("scenario.", "input.")):
        for text in (english, finnish):
            assert not INTERNAL.search(text), f"{code}: internal key in {text!r}"
    else:  # a key as the file spells it (budget.years) is the file's, not English prose
        finnish = INTERNAL.sub("", finnish)
    assert not ENGLISH.search(finnish), f"{code}: English in the Finnish {finnish!r}"


def test_unknown_code_is_an_error_not_english():
    with pytest.raises(KeyError):
        render(Message.of("no.such.code"), "fi")


def test_every_plain_name_has_both_languages():
    for key, names in KEYS.items():
        assert set(names) == {"en", "fi"}, key
        assert not ENGLISH.search(names["fi"]) or key.startswith("solver."), key
    for key, values in VALUES.items():
        assert key in KEYS
        for value, names in values.items():
            assert set(names) == {"en", "fi"}, (key, value)


def test_every_scenario_key_has_a_plain_name():
    from optimizer.scenario import SECTIONS

    keys = {f"{s}.{name}" for s, cls in SECTIONS.items() for name in cls.key_names()}
    assert keys - set(KEYS) == set()
