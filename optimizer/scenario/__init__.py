"""Scenarios: the rules of one what-if, typed, with defaults from the round's call.toml.

A scenario is a TOML file (see `scenarios/`); every key can be overridden with
`--set section.key=value` or, in Python, `Study.with_changes`. `schema` declares every
key; `load` reads files and overrides; formats.toml writes the resolved scenario back.
"""

from optimizer.scenario.core import Scenario
from optimizer.scenario.load import (
    apply_changes,
    load_scenario,
    load_toml,
    parse_set,
    with_defaults,
)
from optimizer.scenario.schema import (
    SECTIONS,
    AboutSection,
    BudgetSection,
    CoverageSection,
    EligibilitySection,
    FundingSection,
    LocksSection,
    ObjectiveSection,
    RobustnessSection,
    ScoringSection,
    SolverSection,
)

__all__ = [
    "SECTIONS",
    "AboutSection",
    "BudgetSection",
    "CoverageSection",
    "EligibilitySection",
    "FundingSection",
    "LocksSection",
    "ObjectiveSection",
    "RobustnessSection",
    "Scenario",
    "ScoringSection",
    "SolverSection",
    "apply_changes",
    "load_scenario",
    "load_toml",
    "parse_set",
    "with_defaults",
]
