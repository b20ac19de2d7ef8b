"""The catalog: every message code renders in English and Finnish, and neither rendering
shows an internal key; the Finnish shows no English."""

from __future__ import annotations

import re
from pathlib import Path

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


# --- no words outside the catalog --------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[1] / "optimizer"
# Where text is parsed (input files, solver logs, names of constraints), regular expressions
# belong; nowhere else: a face or an analysis that matched English text to say it otherwise
# would be translating after the fact.
PARSERS = ("readers", "formats", "model", "errors.py", "vocabulary")


def _sources(skip: tuple[str, ...] = ()):
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        if part not in skip:
            yield path, path.read_text(encoding="utf-8")


def test_no_translation_by_pattern_outside_the_parsers():
    found = [str(path.relative_to(PACKAGE)) for path, text in _sources(PARSERS)
             if re.search(r"^\s*(import re\b|from re import)", text, re.MULTILINE)]
    assert found == []


PAIR = re.compile(r"\bt\(\s*w\s*,|def t\(\s*w\b|\{\s*\"en\"\s*:\s*\"[^\"]+\"\s*,\s*\"fi\"\s*:")


def test_no_inline_english_finnish_pairs_outside_the_catalog():
    found = [str(path.relative_to(PACKAGE)) for path, text in _sources(("vocabulary",))
             if PAIR.search(text)]
    assert found == []


@pytest.mark.parametrize("planted", [
    'head = t(w, "Budget", "Määräraha")',
    "def t(w: Words, en: str, fi: str) -> str:",
    '"left": {"en": "left", "fi": "jäljellä"},',
])
def test_a_planted_pair_is_caught(planted):
    assert PAIR.search(planted)
