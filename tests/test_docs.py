"""The documentation cannot go stale: its Python examples run, and every command of the
command line has help and a row in the README's command table with the same options."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import click
import numpy as np
import pytest

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_python_page_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "python.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 20
    assert result.failed == 0


def _leaves(group: click.Group, prefix: tuple[str, ...] = ()):
    context = click.Context(group)
    for name in group.list_commands(context):  # the lazy main group imports on demand
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from _leaves(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


def _readme_rows() -> dict[str, set[str]]:
    """README command table: 'data check' -> {'--format', ...} (first and last cells)."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `grantopt ([a-z ]+?)(?: [A-Z\[].*?)?` \|(.*)\|\s*$", line)
        if match:
            rows[match.group(1).strip()] = set(re.findall(r"`(--[a-z-]+)`",
                                                          match.group(2).split("|")[-1]))
    return rows


COMMANDS = list(_leaves(main))


def test_every_command_is_found():
    assert {name for name, _ in COMMANDS} >= {"run", "compare", "explain", "frontier",
                                              "robustness", "calibrate", "report",
                                              "data check", "scores combine"}


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_and_a_readme_row_with_its_options(name, command):
    assert (command.help or "").strip(), f"grantopt {name} has no help text"
    rows = _readme_rows()
    assert name in rows, f"the README's command table has no row for grantopt {name}"
    options = {opt for p in command.params if isinstance(p, click.Option)
               for opt in p.opts if opt.startswith("--") and opt != "--help"}
    assert rows[name] == options


SHARED = {"--set", "--budget", "--solver", "--format", "--out"}


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_that_takes_a_scenario_has_the_shared_options(name, command):
    takes_scenario = any(p.name == "scenario" for p in command.params)
    options = {opt for p in command.params for opt in getattr(p, "opts", ())}
    assert not takes_scenario or options >= SHARED


def test_robust_portfolios_page_runs(monkeypatch):
    """docs/robust-portfolios.md's hand-worked example computes what the page says."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "robust-portfolios.md"),
                              module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


def _hand_table(text: str) -> dict[str, tuple[float, float]]:
    """The page's table of portfolio values: '{P1, P2}' -> (at point 1, at point 2)."""
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| \{(P\d), (P\d)\} \| .*?= ([\d.]+) \| .*?= ([\d.]+) \|$", line)
        if match:
            rows[match.group(1) + match.group(2)] = (float(match.group(3)),
                                                    float(match.group(4)))
    return rows


def test_robust_portfolios_page_values_are_the_analysis():
    """Each value in the page's table is what the analysis's extreme points give."""
    from optimizer.analysis.nondominated import Question, robust_portfolios
    from optimizer.model.instance import Instance, Item, Rules

    criteria = {"P1": (1.0, 0.0), "P2": (0.0, 1.0), "P3": (0.4, 0.4)}
    items = tuple(Item(i, 0.5, 1, criteria=c) for i, c in criteria.items())
    hand = Instance(items=items, rules=Rules(budget_units=2), criteria_ids=("x", "y"),
                    weights=(0.5, 0.5), name="hand")
    rp = robust_portfolios(hand, Question(statements=("x >= y",)))
    table = _hand_table((ROOT / "docs" / "robust-portfolios.md").read_text(encoding="utf-8"))
    assert set(table) == {"P1P2", "P1P3", "P2P3"}
    for pair, shown in table.items():
        both = np.add(criteria[pair[:2]], criteria[pair[2:]])
        assert tuple(np.array(rp.points) @ both) == pytest.approx(shown)
    dominated = {"P1P2", "P1P3", "P2P3"} - {"".join(p) for p in rp.portfolios}
    assert dominated == {"P2P3"}
