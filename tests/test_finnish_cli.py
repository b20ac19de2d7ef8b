"""Every scenario of scenarios/ through the commands a person reads in Finnish (run, compare,
explain, diff, frontier with --lang fi): the tables say nothing in English and show no
internal key. The round's data (names of projects, applicants, municipalities, regions and
funding pools) are not the tool's words and are removed before the scan."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
EXPLAINED = ("2020-47", "2020-17", "2020-57")  # in, out and not fundable in the baseline

# The tool's English words that must not show in a Finnish table.
ENGLISH = re.compile(
    r"\b(the|and|of|is|are|with|without|not|which|would|award|awards|awarded|budget|funded|"
    r"region|regions|project|projects|application|applications|score|scores|rule|rules|"
    r"value|values|total|over|below|above|share|pool|pools|year|years|locked|lead|none|"
    r"optimal|optimum|actual|decision|spent|left|scenario|note|status|solver|efficiency|"
    r"greedy|draws|seed|enter|leave|change|changes|because|cannot|must|least|most|only|"
    r"need|needs|requires|excludes|together|synergy|breaks|meets|proxy|weights?|"
    r"integer|program|knapsack|gap|infeasible|feasible|more|less|than|per|each|every)\b",
    re.IGNORECASE)
# An internal key: snake_case identifiers or section.key.
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:budget|scoring|objective|funding|eligibility|"
                      r"coverage|locks|solver|robustness|links)\.[a-z_]+\b")



def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--lang", "fi"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@functools.cache
def data_strings() -> tuple[str, ...]:
    """Every name of the round and the scenarios' funding pools, longest first."""
    from optimizer.study import Study

    names: set[str] = set()
    for path in SCENARIOS:
        study = Study.from_file(path)
        prep = study.case
        for app in study.round.applications:
            names |= {app.applicant, app.project, *app.partners}
        names |= {p.name for p in study.round.participants}
        names |= set(prep.labels.values())
        for m in prep.register.municipalities:
            names |= {m.name_fi, m.name_sv, m.region_fi}
        names |= {pool["name"] for pool in study.scenario.budget.pools}
        names.add(study.scenario.scenario.name_fi or study.scenario.name)
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def without_data(text: str) -> str:
    text = re.sub(r"\s+", " ", text)  # a name or a sentence wrapped over lines is one again
    for name in data_strings():
        text = text.replace(name, "·")
    return text


def foreign(text: str) -> list[str]:
    """The English words and internal keys the text shows, apart from the round's data."""
    clean = without_data(text)
    return sorted({m.group(0) for m in (*ENGLISH.finditer(clean), *INTERNAL.finditer(clean))})


def commands(path: Path) -> dict[str, tuple[str, ...]]:
    s = str(path)
    return {"run": ("run", s), "compare": ("compare", s),
            "explain": ("explain", s, *EXPLAINED), "explain-all": ("explain", s),
            "frontier": ("frontier", s, "--points", "5")}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_scenario_reads_in_finnish(path: Path):
    said = {name: foreign(invoke(*args)) for name, args in commands(path).items()}
    assert not any(said.values()), f"{path.name} --lang fi says {said}"


def test_diff_of_every_scenario_against_the_baseline_reads_in_finnish():
    others = [str(p) for p in SCENARIOS if p != BASELINE]
    out = invoke("diff", str(BASELINE), *others)
    assert not foreign(out), foreign(out)


def test_the_scan_finds_a_planted_english_word_and_key():
    out = invoke("run", str(BASELINE))
    assert not foreign(out)
    planted = out.replace("Määräraha", "Budget", 1).replace("kokonaisarvo", "score_euros", 1)
    assert foreign(planted) == ["Budget", "score_euros"]
