"""Several evaluators' sheets -> one long table of combined scores, and disagreements."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from optimizer.errors import InputError, Problem, ScenarioError, suggest
from optimizer.readers.domain import Criterion, Round
from optimizer.scoring.sheets import Entry, check_sheet, criteria_of
from optimizer.vocabulary.message import Message

METHODS = ("mean", "median", "trimmed")
DEFAULT_SPREAD = 1.5
DEFAULT_TRIM = 0.2


@dataclass(frozen=True)
class CombinedScore:
    """One application's combined score on one criterion, over its evaluators."""

    application_id: str
    criterion: str
    score: float  # combined, on the criterion's scale
    evaluators: int


@dataclass(frozen=True)
class Disagreement:
    """Evaluators far apart on one application and criterion."""

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
    raise ScenarioError(Message.of("scenario.aggregate.unknown", method=method,
                                   methods=list(METHODS)))


def _check_options(method: str, trim: float, spread: float) -> None:
    problems = []
    if method not in METHODS:
        problems.append(Message.of("scenario.combine.method", method=method,
                                   hits=suggest(method, METHODS), methods=list(METHODS)))
    if not 0.0 <= trim < 0.5:
        problems.append(Message.of("scenario.combine.trim", trim=trim))
    if not spread >= 0:
        problems.append(Message.of("scenario.combine.spread", spread=spread))
    if problems:
        raise ScenarioError(Message.of("scenario.combine.problems", problems=problems))


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
        raise ScenarioError(Message.of("scenario.combine.no_sheets"))
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
                    Message.of("input.combine.evaluator", name=evaluator, file=owner[evaluator]),
                    file=str(path), column="evaluator", value=evaluator,
                    hint=Message.of("input.combine.evaluator.hint")))
            owner.setdefault(evaluator, str(path))
        entries += sheet.entries
    if problems:
        raise InputError(problems)
    return combine_entries(entries, round, method, trim, spread, paths)
