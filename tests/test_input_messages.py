"""Errors of the readers, scoring and formats in either language: `str(exc)` is the English
the tool always printed, `exc.text("fi")` is Finnish with none of the tool's English words
(file names, column names, keys and the user's own values aside)."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from optimizer.errors import InputError, OutputError, Problem, ScenarioError
from optimizer.formats.folder import refuse_existing
from optimizer.formats.pabulib import parse_pabulib
from optimizer.readers.call import CALL_SCHEMA, read_call
from optimizer.readers.domain import PARTY_KINDS
from optimizer.readers.folder import check_round
from optimizer.readers.links import KINDS, LINK_COLUMNS
from optimizer.readers.participants import ROLES
from optimizer.readers.round_files import COLUMNS
from optimizer.readers.tables import read_table
from optimizer.scoring.sheets import DESCRIPTIVE, EVALUATOR, LONG_COLUMNS
from optimizer.scoring.weights import resolve_weights
from tests.test_vocabulary import ENGLISH

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# What a message quotes of the person's data: quoted values, file names, column names and
# keys (snake_case, section.key), section names of a .pb file, options (--force), commands.
_DATA = re.compile(r"'[^']*'|\"[^\"]*\"|\S+\.\w+|\S*_\S*|\b[A-Z]{2,}\b|--\w+|\[[^\]]*\]|\S+;\S+"
                   r"|grantopt(?: [a-z]+)*")
# The names a person writes in the files: columns, keys, roles, kinds, file stems.
_NAMES = {n for required, optional in COLUMNS.values() for n in (*required, *optional)}
_NAMES |= {*COLUMNS, *CALL_SCHEMA, *ROLES, *PARTY_KINDS, *LINK_COLUMNS, *KINDS}
_NAMES |= {key for _, schema, _ in CALL_SCHEMA.values() for key in schema}
_NAMES |= {*LONG_COLUMNS, *DESCRIPTIVE, EVALUATOR}
_NAME = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True))
                   + r")\b")


def _finnish_ok(text: str, reasons: tuple[str, ...] = ()) -> bool:
    """No English word of the tool; `reasons` are a library's own words (tomllib's)."""
    for reason in reasons:
        text = text.replace(reason, " ")
    return not ENGLISH.search(_NAME.sub(" ", _DATA.sub(" ", text)))


def _reasons(problem: Problem) -> tuple[str, ...]:
    said = problem.message
    return (str(said.get("reason")),) if not isinstance(said, str) and said.get("reason") else ()


def _round_cases() -> list[Path]:
    out = []
    for case in sorted(CORPUS.iterdir()):
        spec = case / "case.toml"
        if spec.is_file() and (case / "round").is_dir():
            out.append(case)
    return out


@pytest.mark.parametrize("case", _round_cases(), ids=lambda p: p.name)
def test_every_round_problem_of_the_corpus_reads_in_finnish(case: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    for target, value in spec.get("patch", {}).items():
        monkeypatch.setattr(target, value)
    folder = tmp_path / "round"
    shutil.copytree(case / "round", folder)
    report = check_round(folder)
    for problem in (*report.problems, *report.notes):
        assert problem.text("en") == str(problem)
        finnish = problem.text("fi")
        assert finnish != problem.text("en") or not problem.message, finnish
        assert _finnish_ok(finnish, _reasons(problem)), f"English in {finnish!r}"


def test_a_table_error_in_both_languages(tmp_path: Path):
    path = tmp_path / "hakemukset.csv"
    path.write_bytes("id;nimi\n1;Hämeenlinna\n".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_table(path)
    assert str(info.value) == (
        "hakemukset.csv: the file is not UTF-8 (byte 0xe4 on line 2, which reads "
        "'Hämeenlinna' if the file is Windows-1252 (Latin-1)). Save it as 'CSV UTF-8 (comma "
        "delimited)' in Excel, or re-encode it as UTF-8")
    finnish = info.value.text("fi")
    assert "ei ole UTF-8-merkistössä" in finnish and _finnish_ok(finnish)


def test_a_call_toml_error_in_both_languages(tmp_path: Path):
    path = tmp_path / "call.toml"
    path.write_text('[call]\nyear = "2020"\nmax_cost_share = 1.5\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_call(path)
    assert str(info.value).splitlines() == [
        "call.toml, row 2, column 'call.year': year must be a whole number (value: '2020')",
        "call.toml, row 3, column 'call.max_cost_share': max_cost_share must be a share in "
        "(0, 1] (value: 1.5). Write 85 % as 0.85"]
    finnish = info.value.text("fi")
    assert "rivi 2, sarake 'call.year': year on oltava kokonaisluku" in finnish
    assert _finnish_ok(finnish)


def test_a_pabulib_error_in_both_languages():
    text = "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;-5\nVOTES\n" \
           "voter_id;vote\n1;1\n"
    with pytest.raises(InputError) as info:
        parse_pabulib(text, "kaupunki.pb")
    english = str(info.value)
    assert "section META, line 1: no budget. Add a row budget;AMOUNT" in english
    assert "section PROJECTS, line 6: the cost of project 1 is not a number above 0" in english
    finnish = info.value.text("fi")
    assert "osio META, rivi 1: määräraha puuttuu" in finnish and _finnish_ok(finnish)


def test_a_scenario_and_an_output_error_in_both_languages(tmp_path: Path):
    with pytest.raises(ScenarioError) as info:
        resolve_weights(["impact", "reach"], {}, {"impakt": 0.5, "reach": -1})
    assert str(info.value) == (
        "Scoring weights:\n  unknown weight key 'impakt'. Did you mean 'impact'? Valid keys: "
        "the criteria impact, reach\n  weight 'reach' is negative (value: -1). Weights must "
        "be 0 or more; 0 leaves a criterion out")
    finnish = info.value.text("fi")
    assert finnish.startswith("Pisteytyksen painot:") and "Tarkoititko 'impact'" in finnish
    assert _finnish_ok(finnish)
    target = tmp_path / "tulos.csv"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as out:
        refuse_existing(target, force=False)
    assert str(out.value) == (f"{target} exists; add --force to replace it, or choose "
                              "another name; nothing was written")
    assert "on jo olemassa" in out.value.text("fi")


def test_a_problem_in_plain_english_stays_english():
    assert Problem("legacy text", file="a.csv").text("fi") == "a.csv: legacy text"
