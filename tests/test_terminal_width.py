"""Terminal tables that fit (issue 20, item 5): every line of run, compare, explain, diff and
frontier within COLUMNS (100 for a file or a pipe), names cut first, prose wrapped; explain
in phrases with the sign from the numbers; run says why an application is not fundable; the
frontier's default grid at round amounts."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.analysis.frontier import default_budgets, round_step
from optimizer.cli import main
from optimizer.cli.output import render_table, terminal_width, wrap_lines
from optimizer.study import Study
from tests.factories import make

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
BASELINE = str(SCENARIOS / "2020-baseline.toml")
CAP = str(SCENARIOS / "2020-region-cap-25.toml")
FAIR = str(SCENARIOS / "2020-fair-shares.toml")
# A few applications of each kind (in, out, not fundable) keep explain fast.
IDS = ("2020-01", "2020-06", "2020-47", "2020-17")


def output(args: list[str], columns: str | None = "100") -> str:
    result = CliRunner().invoke(main, args, env={"COLUMNS": columns},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def widest(text: str) -> int:
    return max(map(len, text.splitlines()))


COMMANDS = {
    "run": ["run", BASELINE], "run-cap": ["run", CAP], "run-fair": ["run", FAIR],
    "compare": ["compare", BASELINE], "compare-cap": ["compare", CAP],
    "explain": ["explain", BASELINE, *IDS],
    # 2020-04 cannot be left out: every region must keep a project
    "explain-every": ["explain", str(SCENARIOS / "2020-every-region.toml"), "2020-04",
                      "2020-06"],
    "diff": ["diff", BASELINE, CAP, str(SCENARIOS / "2020-budget-12m.toml")],
    "frontier": ["frontier", BASELINE],
}


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_line_fits_100_and_80_columns(command: str, lang: str):
    for columns in (100, 80):
        text = output([*COMMANDS[command], "--lang", lang], str(columns))
        assert widest(text) <= columns, (columns, max(text.splitlines(), key=len))


def test_columns_is_honoured_and_a_pipe_gets_100():
    wide = output(["run", BASELINE], "200")
    assert widest(wide) > 100  # the award list and the regions as wide as they are
    piped = output(["run", BASELINE], None)  # no COLUMNS, not a terminal
    assert widest(piped) <= 100
    assert piped == output(["run", BASELINE], "100")


def test_terminal_width_reads_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123
    monkeypatch.setenv("COLUMNS", "10")
    assert terminal_width() == 40  # nothing fits narrower: lay out for 40 and wrap
    monkeypatch.delenv("COLUMNS")
    assert terminal_width() == 100  # pytest's stdout is no terminal


def test_the_project_name_gives_way_first_with_an_ellipsis():
    rows = [["2020-01", "A long project name that will not fit", "Akaan kaupunki", 1.5]]
    text = render_table(["id", "project", "lead", "x"], rows, width=50,
                        squeeze=((1, 10), (2, 8)))
    lines = text.splitlines()
    assert widest(text) <= 50
    assert "Akaan kaupunki" in lines[2]  # the lead is whole
    assert "A long project na…" in lines[2]  # 50 - 7 - 14 - 5 - 3 gaps of 2: 18
    whole = render_table(["id", "project", "lead", "x"], rows)  # no width: as it is
    assert "A long project name that will not fit" in whole


def test_a_header_wraps_before_any_name_is_cut():
    rows = [["Uusimaa", 12, 6]]
    text = render_table(["region", "optimum: projects", "actual: projects"], rows,
                        width=30, squeeze=((0, 4),))
    lines = text.splitlines()
    assert widest(text) <= 30
    assert "Uusimaa" in text
    assert lines[0].split() == ["optimum:", "actual:"]
    assert lines[1].split() == ["region", "projects", "projects"]


names = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, names, st.floats(0, 1e7)), min_size=1, max_size=6),
       st.integers(30, 120))
def test_a_table_fits_any_width_it_can(rows, width):
    """Two text columns that may shrink to 3 characters and a number: whatever the width
    (at least what the number and two 3-character names need), every line fits and every
    cell is whole or its beginning and an ellipsis."""
    table = [[a, b, x] for a, b, x in rows]
    text = render_table(["name", "other", "number"], table, width=width,
                        squeeze=((0, 3), (1, 3)))
    assert widest(text) <= width
    for line, (a, _, _) in zip(text.splitlines()[-len(rows):], rows, strict=True):
        cell = line.split(" ")[0]
        assert cell == a or (cell.endswith("…") and a.startswith(cell[:-1])), (cell, a)


def test_wrapped_prose_keeps_its_words_and_indent():
    long = "  - " + " ".join(f"word{i}" for i in range(60)) + " 10\u00a0000\u00a0000 €"
    lines = wrap_lines([long], 50)
    assert all(len(x) <= 50 for x in lines)
    assert lines[0].startswith("  - ") and all(x.startswith("    ") for x in lines[1:])
    assert " ".join(" ".join(lines).split()) == " ".join(long.split())
    assert any("10\u00a0000\u00a0000" in x for x in lines)  # a number is never split


# --- explain speaks in phrases, run says why ------------------------------------------


def test_explain_says_what_flipping_does_with_the_sign_from_the_numbers():
    args = ["explain", BASELINE, "2020-47", "--set", 'locks.fund=["2020-47"]']
    doc = json.loads(output([*args, "--format", "json"]))
    row = next(r for r in doc["rows"] if r["id"] == "2020-47")
    change = row["forced_value"] - doc["optimal_value"]
    assert change > 0  # locked in: leaving it out raises the value
    for lang in ("en", "fi"):
        text = output([*args, "--lang", lang])
        assert "score change" not in text
        line = next(x for x in text.splitlines() if x.startswith("2020-47 "))
        shown = f"{change:.3f}".replace(".", "," if lang == "fi" else ".")
        assert f"+{shown} " in line


def test_explain_table_has_no_score_change_column():
    for lang in ("en", "fi"):
        text = output(["explain", BASELINE, *IDS, "--lang", lang])
        for words in ({"en": "score change to flip", "fi": "pistemuutos kääntämiseen"},
                      {"en": "above 1: not by score alone", "fi": "yli 1: ei pelkillä"}):
            assert words[lang] not in text
    text = output(["explain", BASELINE, "2020-01", "2020-06"])
    assert "−0.218 without it" in text  # in: leaving it out costs 0.218
    assert "−0.340 with it" in text  # out: funding it costs 0.340


def test_run_lists_why_each_application_is_not_fundable():
    study = Study.from_file(BASELINE)
    assert len(study.case.excluded) == 5
    for lang in ("en", "fi"):
        text = output(["run", BASELINE, "--lang", lang])
        assert "--format json" not in text
        joined = " ".join(text.split())
        for e in study.case.excluded:
            said = f"{e.id} {study.case.labels[e.id]}: " + "; ".join(
                m.text(lang) for m in e.reasons)
            assert " ".join(said.split()) in joined


# --- the frontier's grid ----------------------------------------------------------------


def test_the_default_grid_is_round_between_its_ends():
    study = Study.from_file(BASELINE)
    inst, unit = study.case.instance, study.case.unit_eur
    grid = default_budgets(inst)
    eur = [b * unit for b in grid]
    inner = [x for x in eur[1:-1] if x != 10_000_000]
    assert 10_000_000 in eur  # the appropriation
    assert eur[0] == min(it.max_units for it in inst.items) * unit  # the smallest award
    assert eur[-1] == sum(it.max_units for it in inst.items) * unit  # every award
    assert inner and all(x % 100_000 == 0 for x in inner)
    assert 15 <= len(grid) <= 40


def test_round_step_picks_the_round_amount_nearest_the_points_asked():
    assert round_step(0, 1000, 9, 100.0) == 100  # 100 units of 100 €: 10,000 €
    assert round_step(187, 155_924, 23, 100.0) == 5000  # 500,000 €
    assert round_step(187, 155_924, 8, 100.0) == 20_000  # 2,000,000 €
    assert round_step(3, 17, 3, 100.0) == 5  # 500 €: 500, 1000, 1500
    assert round_step(3, 4, 3, 100.0) == 0  # nothing between the ends


def test_the_grid_keeps_both_ends_and_the_budget():
    inst = make([("A", .5, 3), ("B", .4, 4), ("C", .3, 10)], budget=8)
    assert default_budgets(inst, points=5) == [3, 5, 8, 10, 15, 17]
