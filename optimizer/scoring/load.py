"""Where a round's scores come from: a scoring sheet, or documented proxy indicators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from optimizer.errors import InputError, Problem
from optimizer.readers.domain import Profile, Round
from optimizer.readers.rows import paused_gc
from optimizer.scoring.combine import combine_entries
from optimizer.scoring.proxies import proxy_scores
from optimizer.scoring.score_table import PROXY, ScoreTable, sheet_label
from optimizer.scoring.sheets import (
    evaluator_panel,
    read_sheet,
    table_from_means,
    table_from_scores,
)
from optimizer.vocabulary.message import Message


def sheet_scores(path: Path | str, round: Round,
                 weights: Mapping[str, object] | None = None) -> ScoreTable:
    """A ScoreTable from one scoring sheet. Several evaluators in it are averaged."""
    path = Path(path)
    sheet = read_sheet(path, round)
    app_ids = [a.id for a in round.applications]
    with paused_gc():  # millions of small objects, no cycles (readers.rows.paused_gc)
        if len(sheet.evaluators) < 2:  # the scores as they are, as arrays
            return table_from_scores(round.call.criteria, sheet.scores, app_ids,
                                     sheet_label(path.name), weights or None)
        rows = combine_entries(sheet.entries, round, "mean").rows
        means = {(r.application_id, r.criterion): r.score for r in rows}
        table = table_from_means(round.call.criteria, means, app_ids, sheet_label(path.name),
                                 weights or None)
    return replace(table, evaluators=sheet.evaluators,
                   panel=evaluator_panel(sheet, round.call.criteria))


def round_profiles(round: Round) -> dict[str, Profile]:
    """The register profiles of the round's applications (readers.profiles, default register)."""
    from optimizer.readers import profiles
    from optimizer.readers.register import load_register

    return dict(profiles(round, load_register()))


def sheet_path(round: Round, source: Path | str) -> Path:
    """A sheet path as given: absolute, or relative to the round folder."""
    path = Path(source)
    return path if path.is_absolute() else Path(round.path) / path


def load_scores(round: Round, profiles: Mapping[str, Profile] | None,
                source: str | Path | None = None,
                weights: Mapping[str, object] | None = None) -> ScoreTable:
    """The round's ScoreTable.

    source: "proxy"; a sheet path (absolute or relative to the round folder); or None:
    the round's own scores file when it has one, else proxy. `profiles` is needed for
    proxies only (None: computed from the default register).
    """
    if source is None:
        source = round.scores_path if round.scores_path is not None else PROXY
    if isinstance(source, str) and source.strip().casefold() == PROXY:
        if profiles is None:
            profiles = round_profiles(round)
        return proxy_scores(round, profiles, weights=weights or None)
    path = sheet_path(round, source)
    if not path.is_file():
        raise InputError(Problem(
            Message.of("input.sheet.not_found"), file=str(path), value=str(source),
            hint=Message.of("input.sheet.not_found.hint", command="grantopt scores template")))
    return sheet_scores(path, round, weights)


@dataclass(frozen=True)
class ScoreRow:
    """One application's scores: as given, as used, and its weighted score."""

    application_id: str
    lead: str
    raw: tuple[float | None, ...]
    values: tuple[float, ...]
    score: float


@dataclass(frozen=True)
class ScoreReport:
    """A ScoreTable laid out per application, best score first (for `scores show`)."""

    table: ScoreTable
    rows: tuple[ScoreRow, ...]


def score_report(round: Round, source: str | Path | None = None,
                 weights: Mapping[str, object] | None = None,
                 profiles: Mapping[str, Profile] | None = None) -> ScoreReport:
    table = load_scores(round, profiles, source, weights)
    leads = {a.id: a.applicant for a in round.applications}
    rows = [ScoreRow(app_id, leads.get(app_id, ""), table.raw[app_id], table.values[app_id],
                     table.score(app_id)) for app_id in table.values]
    rows.sort(key=lambda r: -r.score)  # stable: ties keep the round's order
    return ScoreReport(table, tuple(rows))
