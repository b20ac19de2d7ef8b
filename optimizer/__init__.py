"""grantopt: award selection for public grant programmes as an integer program.

The public API, for notebooks and scripts::

    from optimizer import Study
    study = Study.from_file("scenarios/2020-baseline.toml")
    study.solve()                     # the verified optimal allocation
    study.with_changes(budget=12_000_000).compare()

Names are imported on first use (PEP 562), so `import optimizer` and the command line
start without loading the solver, numpy or pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from optimizer.version import __version__

_EXPORTS = {
    "Study": "optimizer.study",
    "Allocation": "optimizer.analysis.allocation",
    "Calibration": "optimizer.analysis.calibrate",
    "Comparison": "optimizer.analysis.compare",
    "CoverageFrontier": "optimizer.analysis.coverage",
    "Diff": "optimizer.analysis.diff",
    "Explanation": "optimizer.analysis.explain",
    "Frontier": "optimizer.analysis.frontier",
    "Robustness": "optimizer.analysis.robustness",
    "ReportFiles": "optimizer.report.build",
    "Diagnosis": "optimizer.model.diagnose",
    "Scenario": "optimizer.scenario",
    "Round": "optimizer.readers.domain",
    "Case": "optimizer.case",
    "Applications": "optimizer.readers.overview",
    "read_round": "optimizer.readers",
    "check_round": "optimizer.readers",
    "GrantoptError": "optimizer.errors",
    "InputError": "optimizer.errors",
    "ScenarioError": "optimizer.errors",
    "SolverError": "optimizer.errors",
    "InfeasibleError": "optimizer.errors",
    "VerificationError": "optimizer.errors",
}

__all__ = [
    "Allocation",
    "Applications",
    "Calibration",
    "Case",
    "Comparison",
    "CoverageFrontier",
    "Diagnosis",
    "Diff",
    "Explanation",
    "Frontier",
    "GrantoptError",
    "InfeasibleError",
    "InputError",
    "ReportFiles",
    "Robustness",
    "Round",
    "Scenario",
    "ScenarioError",
    "SolverError",
    "Study",
    "VerificationError",
    "__version__",
    "check_round",
    "read_round",
]

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation
    from optimizer.analysis.calibrate import Calibration
    from optimizer.analysis.compare import Comparison
    from optimizer.analysis.coverage import CoverageFrontier
    from optimizer.analysis.diff import Diff
    from optimizer.analysis.explain import Explanation
    from optimizer.analysis.frontier import Frontier
    from optimizer.analysis.robustness import Robustness
    from optimizer.case import Case
    from optimizer.errors import (
        GrantoptError,
        InfeasibleError,
        InputError,
        ScenarioError,
        SolverError,
        VerificationError,
    )
    from optimizer.model.diagnose import Diagnosis
    from optimizer.readers import check_round, read_round
    from optimizer.readers.domain import Round
    from optimizer.readers.overview import Applications
    from optimizer.report.build import ReportFiles
    from optimizer.scenario import Scenario
    from optimizer.study import Study


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'optimizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
