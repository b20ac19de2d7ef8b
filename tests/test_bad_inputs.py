"""The bad-input corpus: every case of tests/bad_inputs/ ends in a clear message, never a
traceback, and leaves its input files as they were.

Each case is a folder with its input files and a case.toml:

    about = "one line: what is wrong"
    command = ["run", "scenario.toml"]     # grantopt arguments, relative to the case folder
    exit = 2                               # the expected exit code
    expect = ["applications.csv", "row 3"] # fragments the output (stdout + stderr) must hold
    absent = ["no application with this id"]   # optional: fragments it must not hold
    xfail = "why"                          # optional: a known hole outside the readers
    [patch]                                # optional: module attributes set for the case,
    "optimizer.readers.limits.MAX_ROWS" = 2    # e.g. a limit lowered to test it small

`python tests/bad_inputs/make_binary.py` writes the corpus's XLSX files again.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import optimizer.cli

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted((p for p in CORPUS.iterdir() if (p / "case.toml").is_file()),
               key=lambda p: (int(p.name.split("-")[0]), p.name))
KEYS = {"about", "command", "exit", "expect", "absent", "xfail", "patch"}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _spec(case: Path) -> dict:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    assert set(spec) <= KEYS, f"{case.name}: unknown keys {set(spec) - KEYS}"
    assert spec["about"] and spec["command"] and spec["expect"], case.name
    return spec


def test_the_corpus_has_at_least_60_cases():
    assert len(CASES) >= 60
    assert len({p.name.split("-")[0] for p in CASES}) == len(CASES)  # numbers are unique


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_bad_input(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   request: pytest.FixtureRequest) -> None:
    spec = _spec(case)
    if "xfail" in spec:
        request.applymarker(pytest.mark.xfail(reason=spec["xfail"], strict=True))
    folder = tmp_path / case.name
    shutil.copytree(case, folder)
    (folder / "case.toml").unlink()
    monkeypatch.chdir(folder)
    for target, value in spec.get("patch", {}).items():
        monkeypatch.setattr(target, value)
    before = _files(folder)

    result = CliRunner().invoke(optimizer.cli.main, spec["command"])

    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{output}")
    assert result.exit_code == spec["exit"], output
    missing = [f for f in spec["expect"] if f not in output]
    assert not missing, f"missing {missing} in:\n{output}"
    present = [f for f in spec.get("absent", []) if f in output]
    assert not present, f"{present} should not be in:\n{output}"
    assert _files(folder) == before, "the command changed or wrote files in the case folder"
