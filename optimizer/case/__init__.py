"""The case: one round and one scenario assembled into what the model solves.

Reading the round's links and the register, scoring, eligibility, and building the rules
(links, fair shares, pools, years) happen here, owned by the API (`Study`); `model/` takes
the finished `Instance` and knows nothing of rounds, scenarios or files.
"""

from __future__ import annotations

from optimizer.case.assemble import (
    UNKNOWN_REGION,
    Case,
    actual_units,
    prepare,
    prepare_scenario,
    region_split,
    resolve,
    unresolved_notes,
)
from optimizer.case.lines import FUNDED, NOT_FUNDABLE, NOT_FUNDED, ApplicationLine

__all__ = ["FUNDED", "NOT_FUNDABLE", "NOT_FUNDED", "UNKNOWN_REGION", "ApplicationLine", "Case",
           "actual_units", "prepare", "prepare_scenario", "region_split", "resolve",
           "unresolved_notes"]
