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


def _loaded_after(*args: str, watch: tuple[str, ...] = HEAVY) -> set[str]:
    """The modules of `watch` a fresh interpreter has loaded after running `grantopt ARGS`."""
    code = ("import sys, json\nfrom optimizer.cli import main\n"
            "try:\n    main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            f"print(json.dumps([m for m in {list(watch)!r} if m in sys.modules]))")
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


def test_the_audit_names_the_versions_importlib_metadata_names():
    # Read from the dist-info folder's name instead of importlib.metadata's scan at start.
    from importlib import metadata

    from optimizer.analysis.audit import PACKAGES, package_version, versions

    for name in PACKAGES:
        try:
            expected = metadata.version(name)
        except metadata.PackageNotFoundError:
            expected = "not installed"
        assert package_version(name) == expected
    assert package_version("no_such_package_here") == "not installed"
    assert set(versions()) == {"grantopt", "python", *PACKAGES}


def test_a_budget_only_run_loads_no_analysis_and_no_drawing_library():
    # The 2020 baseline is solved by the knapsack DP: nothing for figures, frames, workbooks
    # or the analyses it does not run, and importlib.metadata not scanned for versions.
    unused = ("matplotlib", "pandas", "openpyxl", "distributed", "starlette", "uvicorn",
              "importlib.metadata", "optimizer.analysis.explain", "optimizer.analysis.compare",
              "optimizer.analysis.calibrate", "optimizer.analysis.robustness",
              "optimizer.analysis.frontier", "optimizer.analysis.executor", "optimizer.plots",
              "optimizer.formats.pabulib")  # a round of its own folder: no importer
    assert _loaded_after("run", "scenarios/2020-baseline.toml", "--format", "json",
                         watch=unused) == set()


def test_a_budget_only_run_loads_no_solver_library():
    """The knapsack DP's path: what every solve asks (its options, cancelling) lives in
    model.running, and the integer program's modules are imported where it is solved."""
    assert _loaded_after("run", "scenarios/2020-baseline.toml", "--format", "json",
                         watch=("pulp", "highspy", "gurobipy")) == set()
