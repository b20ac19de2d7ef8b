"""Numbers typed as people type them (issue 20, item 4): amounts and shares in `--set`,
`--budget` and the app read "12 000 000 €", "0,6" (Finnish), "25 %"; anything ambiguous is
refused with an accepted form; whatever the tool itself writes reads back to its value."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.cli import main
from optimizer.errors import ScenarioError
from optimizer.scenario import load_scenario, parse_set
from optimizer.scenario.schema import MAX_EUR, SECTIONS, Bad, field_meta
from optimizer.scenario.typed import read_number, unit_of
from optimizer.vocabulary.numbers import euros, number, share

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"


def _refused(text: str, unit: str, lang: str | None) -> tuple[str, str]:
    with pytest.raises(Bad) as exc:
        read_number(text, unit, lang)
    return exc.value.message.text("en"), exc.value.message.text("fi")


# --- the reader ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fi", None])
@pytest.mark.parametrize("text", ["12 000 000", "12 000 000 €", f"12{NBSP}000{NBSP}000{NBSP}€",
                                  f"12{THIN}000{NARROW}000€", "12000000", " 12 000 000 € "])
def test_amounts_with_spaces_and_a_euro_sign(text, lang):
    assert read_number(text, "eur", lang) == 12_000_000


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("0,6", "fi", 0.6), ("0,6", None, 0.6), ("25 %", "en", 0.25), ("25 %", "fi", 0.25),
    ("25%", None, 0.25), ("62,2 %", "fi", 0.622), ("62.2 %", "en", 0.622), ("0.6", "fi", 0.6),
])
def test_shares_with_a_decimal_comma_or_a_percent_sign(text, lang, value):
    assert read_number(text, "share", lang) == value


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("12,000,000", "en", 12e6), ("12,000,000 €", None, 12e6), ("1,500", "en", 1500),
    ("1,500.5", None, 1500.5), ("12 000,50 €", "fi", 12000.5), ("12 000,50", None, 12000.5),
    ("1,5", None, 1.5), ("1,500", "fi", 1.5), ("\u22125 000 €", "fi", -5000),
])
def test_which_mark_separates_thousands_in_each_language(text, lang, value):
    assert read_number(text, "eur", lang) == value


def test_a_decimal_comma_on_the_english_page_is_refused_with_the_decimal_point():
    english, finnish = _refused("1,5", "eur", "en")
    assert "write 1.5" in english and "12,000,000" in english
    assert "muodossa 1.5" in finnish


def test_a_comma_that_could_be_either_is_refused_on_the_command_line():
    english, finnish = _refused("1,500", "eur", None)
    assert "1,500 could be 1500 or 1.5" in english
    assert "1,500 voi tarkoittaa lukua 1500 tai 1.5" in finnish


@pytest.mark.parametrize(("text", "unit", "lang", "shown"), [
    ("1 00", "eur", "fi", "12 000 000"),          # not groups of three
    ("12 0000", "eur", "en", "12,000,000"),
    ("lots", "eur", "en", "12,000,000 €"),
    ("12,000,000", "eur", "fi", "12 000 000 €"),  # a Finnish comma is decimal: one at most
    ("1.2.3", "share", "en", "25 %"),
    ("25 %", "eur", "en", "12,000,000"),          # a percentage is no amount
    ("5 €", "share", "en", "25 %"),               # and euros no share
    ("", "share", "fi", "25 %"),
    (".", "eur", "en", "12,000,000"), ("€", "eur", "fi", "12 000 000"),
    (",", "share", "fi", "25 %"), ("- %", "share", "en", "25 %"),
])
def test_what_cannot_be_read_is_refused_with_an_accepted_form(text, unit, lang, shown):
    english, finnish = _refused(text, unit, lang)
    said = english if lang == "en" else finnish
    assert shown in said


def test_every_accepted_form_a_message_shows_is_read():
    for unit, shown in (("eur", ["12,000,000", "12 000 000", "12,000,000 €", "12 000 000 €"]),
                        ("share", ["0.25", "0,25", "25 %"])):
        for text in shown:
            langs = ["en", None] if "," in text and "000" in text else \
                ["fi", None] if "," in text else ["en", "fi", None]
            for lang in langs:
                assert read_number(text, unit, lang) in (12e6, 0.25), (text, lang)


# --- the tool's own numbers read back --------------------------------------------------------

CENTS = st.integers(min_value=-int(MAX_EUR * 100), max_value=int(MAX_EUR * 100))


@settings(max_examples=300, deadline=None)
@given(cents=CENTS, lang=st.sampled_from(["en", "fi"]))
def test_every_amount_the_tool_writes_reads_back(cents, lang):
    value = cents / 100
    assert read_number(euros(value, lang), "eur", lang) == value
    for digits in (0, 1, 2):
        assert read_number(number(value, digits, lang), "eur", lang) == \
            float(f"{value:.{digits}f}")


@settings(max_examples=300, deadline=None)
@given(cents=CENTS)
def test_finnish_amounts_read_back_on_the_command_line(cents):
    value = cents / 100
    assert read_number(euros(value, "fi"), "eur", None) == value


@settings(max_examples=300, deadline=None)
@given(tenths=st.integers(min_value=0, max_value=1000), lang=st.sampled_from(["en", "fi"]))
def test_every_share_the_tool_writes_reads_back(tenths, lang):
    value = tenths / 1000  # a share as the tool writes it: one decimal of a percentage
    assert read_number(share(value, 1, lang), "share", lang) == float(Decimal(tenths) / 1000)
    assert read_number(number(value, 3, lang), "share", lang) == value


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789 ,.-+%€e\u00a0\u2009\u202f\u2212x٣", max_size=14),
       unit=st.sampled_from(["eur", "share"]), lang=st.sampled_from(["en", "fi", None]))
def test_any_text_is_read_or_refused_with_a_message(text, unit, lang):
    try:
        value = read_number(text, unit, lang)
    except Bad as exc:
        assert exc.message.text("en") and exc.message.text("fi")
    else:
        assert isinstance(value, float) and any(c in "0123456789" for c in text)


# --- which keys: from the schema ---------------------------------------------------------------


def test_the_schema_says_which_keys_are_amounts_and_shares():
    units = {f"{s}.{k}": unit_of(s, k) for s, cls in SECTIONS.items() for k in cls.key_names()
             if unit_of(s, k)}
    assert units["budget.appropriation"] == units["funding.max_per_project"] == "eur"
    assert units["coverage.max_region_share"] == units["funding.min_share"] == "share"
    assert "scoring.min_score" not in units and "solver.gap" not in units  # no shares
    for path, unit in units.items():  # every amount is bounded as amounts are
        meta = field_meta(*path.split("."))
        assert meta["kind"] in ("float", "floats")
        if unit == "share" and meta["kind"] == "float":
            assert (meta["lo"], meta["hi"]) == (0.0, 1.0)


# --- --set, --budget ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "path", "value"), [
    ("budget.appropriation=12 000 000", "budget.appropriation", 12e6),
    ("budget.appropriation=12 000 000 €", "budget.appropriation", 12e6),
    ("budget.appropriation=\"12 000 000 €\"", "budget.appropriation", 12e6),
    ("coverage.max_region_share=25 %", "coverage.max_region_share", 0.25),
    ("funding.min_share=0,6", "funding.min_share", 0.6),
    ("budget.years.2021=3 000 000 €", "budget.years", {"2021": 3e6}),
    ("coverage.max_eur_per_target_area={A=\"500 000\"}", "coverage.max_eur_per_target_area",
     {"A": 5e5}),
    ("budget.appropriation=12e6", "budget.appropriation", 12e6),  # TOML as before
])
def test_set_reads_amounts_and_shares_as_typed(text, path, value):
    section, name, read = parse_set(text)
    assert f"{section}.{name}" == path and read == value


@pytest.mark.parametrize(("text", "said"), [
    ("scoring.min_score=25 %", "expected a number"),  # a score is not a share
    ("budget.appropriation=1,500", "could be 1500 or 1.5"),
    ("budget.appropriation=25 %", "a percentage is for shares only"),
])
def test_set_refuses_what_is_not_that_key_s_number(text, said):
    with pytest.raises(ScenarioError) as exc:
        load_scenario(BASELINE, sets=[text])
    assert said in str(exc.value)


def test_set_reads_the_page_language_when_given():
    assert parse_set("funding.min_share=0,6", "fi")[2] == 0.6
    with pytest.raises(ScenarioError) as exc:
        parse_set("funding.min_share=0,6", "en")
    assert "funding.min_share = '0,6': in English the comma separates thousands" in str(
        exc.value) and "write 0.6" in str(exc.value)
    pools = parse_set('budget.pools=[{name="a", appropriation_eur="2 000 000 €"}]', "fi")[2]
    assert pools == [{"name": "a", "appropriation_eur": 2e6}]


def test_scenario_files_keep_toml_syntax(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(f'[scenario]\nextends = "{BASELINE}"\n[budget]\n'
                    'appropriation = "12 000 000"\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert "expected a number" in str(exc.value)


def _run(*args: str):
    return CliRunner().invoke(main, ["run", str(BASELINE), *args, "--format", "json"])


@pytest.mark.parametrize("budget", ["12 000 000", "12 000 000 €", "12,000,000", "12e6"])
def test_the_cli_budget_as_typed(budget):
    result = _run("--budget", budget)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["budget_eur"] == 12_000_000


def test_the_cli_set_as_typed():
    result = _run("--set", "coverage.max_region_share=25 %", "--set", "funding.min_share=0,6",
                  "--set", "budget.appropriation=12 000 000 €")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["budget_eur"] == 12_000_000
    assert "coverage.max_region_share = 0.25" in doc["scenario"]
    assert "funding.min_share = 0.6" in doc["scenario"]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Error: --budget = '1,500': 1,500 could be 1500 or 1.5: write 1500"),
    ("fi", "Virhe: --budget = '1,500': 1,500 voi tarkoittaa lukua 1500 tai 1.5"),
])
def test_the_cli_refuses_an_ambiguous_budget_in_its_language(lang, said):
    for args in (["--lang", lang, "--budget", "1,500"], ["--budget", "1,500", "--lang", lang]):
        result = _run(*args)
        assert result.exit_code == 2 and said in result.output, result.output


def test_none_still_clears_an_optional_amount():
    assert parse_set("funding.max_per_project=none") == ("funding", "max_per_project", "none")
    scenario = load_scenario(BASELINE, sets=["funding.max_per_project=500 000 €",
                                             "funding.max_per_project=None"])
    assert scenario.funding.max_per_project is None


def test_the_frontier_range_as_typed():
    result = CliRunner().invoke(main, ["frontier", str(BASELINE), "--min", "8 000 000 €",
                                       "--max", "12,000,000", "--points", "3", "--format",
                                       "json"])
    assert result.exit_code == 0, result.output
    budgets = [p["budget_eur"] for p in json.loads(result.stdout)["points"]]
    assert budgets[0] == 8e6 and budgets[-1] == 12e6


def test_a_year_split_as_the_app_sends_it():
    text = 'budget.year_split={2021 = "0,5", 2022 = "50 %"}'
    assert parse_set(text, "fi")[2] == {"2021": 0.5, "2022": 0.5}
    scenario = load_scenario(BASELINE, sets=["budget.years={2021 = 5e6, 2022 = 5e6}", text])
    assert scenario.budget.year_split == {"2021": 0.5, "2022": 0.5}
