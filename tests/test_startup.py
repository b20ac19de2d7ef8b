"""The command line starts without the heavy libraries (issue: fast start)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from optimizer.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "pulp", "pandas", "numpy", "highspy", "openpyxl", "distributed",
         "starlette", "uvicorn")


def _loaded_after(*args: str) -> set[str]:
    """The heavy modules a fresh interpreter has loaded after running `grantopt ARGS`."""
    code = ("import sys, json\nfrom optimizer.cli import main\n"
            "try:\n    main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_help_and_data_check_load_no_heavy_library():
    assert _loaded_after("--help") == set()
    assert _loaded_after("run", "--help") == set()
    assert _loaded_after("data", "check", "data/2020") == set()


def test_the_listed_short_help_is_each_commands_own():
    for name, (ref, short) in COMMANDS.items():
        module, _, attribute = ref.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        assert command.get_short_help_str(limit=1000) == short


def test_every_command_is_listed_and_a_misspelt_one_is_named():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output
    result = CliRunner().invoke(main, ["robustnes"])
    assert result.exit_code == 2
    assert "Did you mean 'robustness'?" in result.output
