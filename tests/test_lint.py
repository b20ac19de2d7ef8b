"""The code base stays ruff clean and mypy clean (the rules are in pyproject.toml)."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_reports_nothing():
    ruff = shutil.which("ruff")
    assert ruff is not None, "ruff comes with the test extras: pip install '.[test]'"
    proc = subprocess.run([ruff, "check", "optimizer", "tests", "benchmarks"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_reports_nothing():
    mypy = shutil.which("mypy")
    assert mypy is not None, "mypy comes with the test extras: pip install '.[test]'"
    proc = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
