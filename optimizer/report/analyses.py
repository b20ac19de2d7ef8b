"""What a report shows: the finished analyses of one study, and the files beside the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.audit import Audit
from optimizer.analysis.compare import Comparison
from optimizer.analysis.coverage import CoverageFrontier
from optimizer.analysis.frontier import Frontier
from optimizer.analysis.nondominated import RobustPortfolios
from optimizer.analysis.robustness import Robustness
from optimizer.case import Case
from optimizer.money import to_units
from optimizer.scenario import Scenario

STEP_EUR = 1_000_000  # the frontier table: what each extra million buys
STEPS = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class Analyses:
    """Everything the page shows, finished; `figures`: key -> the figure as SVG, in the
    page's language (write_report draws them)."""

    allocation: Allocation
    audit: Audit
    frontier: Frontier
    coverage: CoverageFrontier
    comparison: Comparison | None = None
    robustness: Robustness | None = None
    portfolios: RobustPortfolios | None = None  # only when the scenario states something
    figures: Mapping[str, bytes] = field(default_factory=dict)


def million_budgets(case: Case) -> list[int]:
    """The appropriation and ±1, ±2 M€ around it (units), within 0 .. all maximum awards."""
    budget, step = case.budget_units, to_units(STEP_EUR, case.unit_eur)
    top = case.most_units
    return [b for k in STEPS
            if (b := budget + k * step) == budget or 0 <= b <= top]


def wants_portfolios(scenario: Scenario) -> bool:
    """A report shows the robust portfolios only for a scenario whose [robustness] states
    something about the weights or the scores: without, every portfolio on the budget's
    edge is non-dominated and the list says little."""
    cfg = scenario.robustness
    return bool(cfg.statements) or cfg.score_interval > 0 or cfg.evaluator_intervals
