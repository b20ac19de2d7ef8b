"""Scores of a round: criteria weights, scoring sheets, evaluators, proxy indicators.

A score comes from a user's scoring sheet or from a documented proxy indicator computed
from data; the project never invents scores, and every proxy table says it is one.

Modules: score_table (ScoreTable), weights, sheets (read and check), combine (several
evaluators), proxies (indicators), load (the facade), eligibility. The files of the
evaluators' work are written by formats.score_template and report.score_sheets.
"""

from optimizer.scoring.combine import (
    DEFAULT_SPREAD,
    DEFAULT_TRIM,
    METHODS,
    Combined,
    CombinedScore,
    Disagreement,
    aggregate,
    combine,
    combine_entries,
)
from optimizer.scoring.load import (
    ScoreReport,
    ScoreRow,
    load_scores,
    round_profiles,
    score_report,
    sheet_path,
    sheet_scores,
)
from optimizer.scoring.proxies import (
    RAW_INDICATORS,
    check_proxies,
    proxy_scores,
    proxy_value,
    raw_indicator,
)
from optimizer.scoring.score_table import PROXY, PROXY_LABEL, SHEET, ScoreTable, sheet_label
from optimizer.scoring.sheets import Entry, Sheet, read_sheet
from optimizer.scoring.weights import resolve_weights

__all__ = [
    "DEFAULT_SPREAD",
    "DEFAULT_TRIM",
    "METHODS",
    "PROXY",
    "PROXY_LABEL",
    "RAW_INDICATORS",
    "SHEET",
    "Combined",
    "CombinedScore",
    "Disagreement",
    "Entry",
    "ScoreReport",
    "ScoreRow",
    "ScoreTable",
    "Sheet",
    "aggregate",
    "check_proxies",
    "combine",
    "combine_entries",
    "load_scores",
    "proxy_scores",
    "proxy_value",
    "raw_indicator",
    "read_sheet",
    "resolve_weights",
    "round_profiles",
    "score_report",
    "sheet_label",
    "sheet_path",
    "sheet_scores",
]
