"""Several evaluators' sheets -> one long table of combined scores, and disagreements."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from optimizer.errors import InputError, Problem, ScenarioError, did_you_mean
from optimizer.readers.domain import Criterion, Round
from optimizer.scoring.sheets import Entry, check_sheet, criteria_of

METHODS = ("mean", "median", "trimmed")
DEFAULT_SPREAD = 1.5
DEFAULT_TRIM = 0.2


@dataclass(frozen=True)
class CombinedScore:
    application_id: str
    criterion: str
    score: float  # combined, on the criterion's scale
    evaluators: int


@dataclass(frozen=True)
class Disagreement:
    application_id: str
    criterion: str
    min: float
    max: float
    spread: float  # max - min, in scale points
    scores: tuple[tuple[str, float], ...]  # (evaluator, score)


@dataclass(frozen=True)
class Combined:
    """Combined scores in long form, ready to be read as a scoring sheet."""

    sheets: tuple[Path, ...]
    evaluators: tuple[str, ...]
    method: str
    trim: float
    spread: float
    criteria: tuple[Criterion, ...]
    rows: tuple[CombinedScore, ...]  # application order, then criterion order
    disagreements: tuple[Disagreement, ...]  # spread descending


def aggregate(scores: Sequence[float], method: str = "mean",
              trim: float = DEFAULT_TRIM) -> float:
    """mean, median, or trimmed mean (drop floor(trim·n) lowest and highest scores)."""
    if not scores:
        raise ValueError("no scores to aggregate")
    if method == "mean":
        return math.fsum(scores) / len(scores)
    if method == "median":
        return float(statistics.median(scores))
    if method == "trimmed":
        cut = math.floor(trim * len(scores) + 1e-9)
        kept = sorted(scores)[cut:len(scores) - cut]
        return math.fsum(kept) / len(kept)
    raise ScenarioError(f"unknown aggregation method {method!r}. Use one of "
                        f"{', '.join(METHODS)}")


def _check_options(method: str, trim: float, spread: float) -> None:
    problems = []
    if method not in METHODS:
        problems.append(f"unknown method {method!r}.{did_you_mean(method, METHODS)} "
                        f"Use one of {', '.join(METHODS)}")
    if not 0.0 <= trim < 0.5:
        problems.append(f"trim must be at least 0 and below 0.5 (value: {trim!r})")
    if not spread >= 0:
        problems.append(f"spread must be 0 or more scale points (value: {spread!r})")
    if problems:
        raise ScenarioError("; ".join(problems))


def combine_entries(entries: Sequence[Entry], round: Round, method: str = "mean",
                    trim: float = DEFAULT_TRIM, spread: float = DEFAULT_SPREAD,
                    sheets: Sequence[Path] = ()) -> Combined:
    """Combine checked entries (complete for every evaluator) per application and criterion."""
    _check_options(method, trim, spread)
    criteria = criteria_of(round)
    by_pair: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for e in entries:
        by_pair.setdefault((e.application_id, e.criterion), []).append((e.evaluator, e.score))
    rows: list[CombinedScore] = []
    disagreements: list[Disagreement] = []
    for app in round.applications:
        for crit in criteria:
            given = by_pair.get((app.id, crit.id), [])
            if not given:
                continue
            values = [s for _, s in given]
            rows.append(CombinedScore(app.id, crit.id, aggregate(values, method, trim),
                                      len(values)))
            low, high = min(values), max(values)
            if high - low > spread + 1e-9:
                disagreements.append(Disagreement(app.id, crit.id, low, high, high - low,
                                                  tuple(given)))
    disagreements.sort(key=lambda d: -d.spread)  # stable: ties keep round order
    return Combined(tuple(sheets), tuple(dict.fromkeys(e.evaluator for e in entries)),
                    method, trim, spread, criteria, tuple(rows), tuple(disagreements))


def combine(sheets: Sequence[Path | str], round: Round, method: str = "mean",
            trim: float = DEFAULT_TRIM, spread: float = DEFAULT_SPREAD) -> Combined:
    """Read every evaluator's sheet (all problems of all sheets at once) and combine.

    An evaluator is named by the sheet's `evaluator` column, else by the file's stem.
    """
    _check_options(method, trim, spread)
    paths = [Path(p) for p in sheets]
    if not paths:
        raise ScenarioError("combine needs at least one scoring sheet")
    problems: list[Problem] = []
    entries: list[Entry] = []
    owner: dict[str, str] = {}
    for path in paths:
        sheet, found = check_sheet(path, round)
        problems += found
        if sheet is None:
            continue
        for evaluator in sheet.evaluators:
            if evaluator in owner and owner[evaluator] != str(path):
                problems.append(Problem(
                    f"evaluator {evaluator!r} also appears in {owner[evaluator]}",
                    file=str(path), column="evaluator", value=evaluator,
                    hint="Give each evaluator one sheet, or name them in an 'evaluator' "
                         "column (a sheet without one is named after its file)"))
            owner.setdefault(evaluator, str(path))
        entries += sheet.entries
    if problems:
        raise InputError(problems)
    return combine_entries(entries, round, method, trim, spread, paths)
