"""Scoring sheets: read long or wide sheets (CSV or XLSX) and check every cell.

long:  application_id, criterion, score[, evaluator]
wide:  application_id, <criterion id>, ... (descriptive columns lead, project,
       requested_eur and evaluator are allowed and ignored, except evaluator)

Every problem of every sheet is reported at once, each with file, row, column and value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from optimizer.errors import InputError, Problem, did_you_mean, suggest
from optimizer.readers.cells import formula_problem, parse_float
from optimizer.readers.dates import DATE_HINT, made_of
from optimizer.readers.domain import Criterion, Round
from optimizer.readers.rows import Row, Table, paused_gc, shown
from optimizer.readers.tables import read_table
from optimizer.scoring.score_table import SHEET, ScoreTable, sheet_label
from optimizer.scoring.weights import resolve_weights

ID = "application_id"
LONG_COLUMNS = (ID, "criterion", "score")
EVALUATOR = "evaluator"
DESCRIPTIVE = ("lead", "project", "requested_eur", EVALUATOR)
LONG, WIDE = "long", "wide"


@dataclass(frozen=True, slots=True)  # a large round's sheet holds millions
class Entry:
    """One checked score: raw value on the criterion's scale."""

    application_id: str
    criterion: str
    score: float
    evaluator: str
    file: str
    row: int


@dataclass(frozen=True)
class Sheet:
    path: Path
    layout: str  # "long" or "wide"
    entries: tuple[Entry, ...]

    @cached_property
    def evaluators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.evaluator for e in self.entries))


def criteria_of(round: Round) -> tuple[Criterion, ...]:
    """The round's criteria; an error if call.toml defines none."""
    if not round.call.criteria:
        raise InputError(Problem(
            "the round's call.toml defines no criteria, so there is nothing to score",
            file=str(Path(round.path) / "call.toml"),
            hint="Add [[criteria]] tables (id, group, fi, en, scale), or use proxy scores"))
    return round.call.criteria


def read_sheet(path: Path | str, round: Round) -> Sheet:
    """Read and check one scoring sheet; InputError lists every problem."""
    sheet, problems = check_sheet(Path(path), round)
    if problems:
        raise InputError(problems)
    assert sheet is not None
    return sheet


def check_sheet(path: Path, round: Round) -> tuple[Sheet | None, list[Problem]]:
    """Read one sheet; return it (None if unreadable) and its problems."""
    criteria = criteria_of(round)
    with paused_gc():  # a sheet of a large round is millions of cells (rows.paused_gc)
        try:
            table = read_table(path)
        except InputError as exc:
            return None, list(exc.problems)
        checker = _Checker(path, table, round, criteria)
        entries = checker.run()
    return Sheet(path, checker.layout, tuple(entries)), checker.problems


class _Checker:
    def __init__(self, path: Path, table: Table, round: Round,
                 criteria: Sequence[Criterion]) -> None:
        self.path = path
        self.file = table.file
        self.table = table
        self.round = round
        self.criteria = {c.id: c for c in criteria}
        self.crit_by_fold = {c.id.casefold(): c.id for c in criteria}
        self.app_ids = [a.id for a in round.applications]
        self.known_apps = set(self.app_ids)
        self.problems: list[Problem] = []
        self.columns = {str(c).casefold(): str(c) for c in table.columns}
        self.layout = LONG if {"criterion", "score"} <= self.columns.keys() else WIDE

    def problem(self, message: str, row: int | None = None, column: str | None = None,
                value: object = None, hint: str = "") -> None:
        self.problems.append(Problem(message, file=self.file, row=row, column=column,
                                     value=shown(value), hint=hint))

    def cell(self, row: Row, name: str) -> str:
        column = self.columns.get(name) or self.columns.get(name.casefold())
        return row.values.get(column, "").strip() if column else ""

    def empty(self, row: Row, column: str, message: str, hint: str) -> None:
        """An empty cell, or an XLSX formula without a saved value, called what it is."""
        formula = formula_problem(row, column)
        if formula is not None:
            self.problems.append(replace(formula, file=self.file))
        else:
            self.problem(message, row=row.number, column=column, hint=hint)

    def run(self) -> list[Entry]:
        if ID not in self.columns:
            close = suggest(ID, self.columns.values()) or suggest("id", self.columns.values())
            self.problem(f"no {ID!r} column", row=1,
                         hint=(f"Rename {close[0]!r} to {ID!r}" if close else
                               f"The first row must name the columns: {ID}, then criteria "
                               "(wide) or criterion, score (long)"))
            return []
        criterion_columns = self._header()
        entries: list[Entry] = []
        seen: dict[tuple[str, ...], int] = {}
        named = any(self.cell(row, EVALUATOR) for row in self.table.rows)
        stem = self.path.stem
        for row in self.table.rows:
            app_id = self._application(row)
            given = self.cell(row, EVALUATOR)
            evaluator = given or stem
            if named and not given:
                # A blank among named evaluators would silently become one named after
                # the file, and its rows would be counted as another evaluator's sheet.
                self.empty(row, self.columns[EVALUATOR], "empty cell: no evaluator",
                           "Name the evaluator on every row, or on none (the sheet is then "
                           "one evaluator's, named after the file)")
                continue
            if self.layout == WIDE:
                key: tuple[str, ...] = (app_id or "", evaluator)
                if app_id and self._duplicate(seen, key, row, f"application {app_id!r}"):
                    continue
                for cid, column in criterion_columns.items():
                    score = self._score(row, column, cid, app_id)
                    if app_id and score is not None:
                        entries.append(Entry(app_id, cid, score, evaluator, self.file,
                                             row.number))
            else:
                criterion_id = self._criterion(row)
                key = (app_id or "", criterion_id or "", evaluator)
                if app_id and criterion_id and self._duplicate(
                        seen, key, row, f"criterion {criterion_id!r} of application {app_id!r}"):
                    continue
                score = self._score(row, self.columns["score"], criterion_id, app_id)
                if app_id and criterion_id and score is not None:
                    entries.append(Entry(app_id, criterion_id, score, evaluator, self.file,
                                         row.number))
        self._completeness(seen)
        return entries

    def _header(self) -> dict[str, str]:
        """Criterion id -> column name (wide); checks unknown and missing columns."""
        found: dict[str, str] = {}
        allowed = (*LONG_COLUMNS, *DESCRIPTIVE) if self.layout == LONG else (ID, *DESCRIPTIVE)
        for fold, column in self.columns.items():
            if fold in allowed:
                continue
            if self.layout == WIDE and fold in self.crit_by_fold:
                found[self.crit_by_fold[fold]] = column
                continue
            what = "criterion column" if self.layout == WIDE else "column"
            choices = list(self.criteria) + list(allowed) if self.layout == WIDE else allowed
            self.problem(f"unknown {what}", row=1, column=column, value=column,
                         hint=(did_you_mean(column, choices).strip() or
                               f"Criteria are {', '.join(self.criteria)}; other allowed "
                               f"columns {', '.join(allowed)}"))
        if self.layout == WIDE:
            for cid in self.criteria:
                if cid not in found:
                    self.problem(f"no column for criterion {cid!r}", row=1,
                                 hint=f"Add a column named {cid!r} (grantopt scores template "
                                      "writes a sheet with every column)")
        return found

    def _application(self, row: Row) -> str | None:
        app_id = self.cell(row, ID)
        if not app_id:
            self.empty(row, self.columns[ID], "empty cell: no application id",
                       "Every row needs the id of an application of the round")
            return None
        if app_id not in self.known_apps:
            source = made_of(app_id, self.app_ids)
            if source is not None:
                self.problem(f"this id looks like a date Excel made of {source!r}",
                             row=row.number, column=ID, value=app_id, hint=DATE_HINT)
                return None
            self.problem("unknown application id", row=row.number, column=ID, value=app_id,
                         hint=(did_you_mean(app_id, self.app_ids).strip() or
                               "Use the ids of the round's applications.csv"))
            return None
        return app_id

    def _criterion(self, row: Row) -> str | None:
        text = self.cell(row, "criterion")
        if not text:
            self.empty(row, self.columns["criterion"], "empty cell: no criterion",
                       f"Criteria are {', '.join(self.criteria)}")
            return None
        cid = self.crit_by_fold.get(text.casefold())
        if cid is None:
            self.problem("unknown criterion", row=row.number, column="criterion", value=text,
                         hint=(did_you_mean(text, self.criteria).strip() or
                               f"Criteria are {', '.join(self.criteria)}"))
        return cid

    def _score(self, row: Row, column: str, cid: str | None, app_id: str | None) -> float | None:
        text = row.values.get(column, "").strip()
        crit = self.criteria.get(cid) if cid else None
        if text:  # a good score, checked without the words a problem would need
            value = parse_float(row.cell(column))
            if not isinstance(value, Problem) and (
                    crit is None or crit.scale[0] <= value <= crit.scale[1]):
                return value
        self._bad_score(row, column, cid, app_id, text, crit)
        return None

    def _bad_score(self, row: Row, column: str, cid: str | None, app_id: str | None,
                   text: str, crit: Criterion | None) -> None:
        what = f"criterion {cid!r}" if cid else "the criterion"
        of = f" of application {app_id!r}" if app_id else ""
        scale = f"{crit.scale[0]:g} to {crit.scale[1]:g}" if crit else ""
        if not text:
            self.empty(row, column, f"empty cell: no score for {what}{of}",
                       f"Give a score from {scale}" if scale else "")
            return None
        value = parse_float(row.cell(column))
        if isinstance(value, Problem):
            if text.startswith("="):  # formula text saved instead of its value
                self.problem(f"score for {what}{of} is {value.message}", row=row.number,
                             column=column, value=text, hint=value.hint)
                return None
            self.problem(f"score for {what}{of} is not a number", row=row.number,
                         column=column, value=text,
                         hint=f"Give a number from {scale}" if scale else "Give a number")
            return None
        self.problem(f"score for {what}{of} is outside the scale {scale}",
                     row=row.number, column=column, value=text,
                     hint=f"Give a number from {scale}")
        return None

    def _duplicate(self, seen: dict[tuple[str, ...], int], key: tuple[str, ...], row: Row,
                   what: str) -> bool:
        if key in seen:
            self.problem(f"duplicate row: {what} (evaluator {key[-1]!r}) is already on row "
                         f"{seen[key]}", row=row.number, column=ID, value=key[0],
                         hint="Keep one row per application"
                              + (" and criterion" if self.layout == LONG else "")
                              + " for each evaluator")
            return True
        seen[key] = row.number
        return False

    def _completeness(self, seen: Mapping[tuple[str, ...], int]) -> None:
        if self.problems and not seen:
            return
        evaluators = list(dict.fromkeys(k[-1] for k in seen)) or [self.path.stem]
        many = len(evaluators) > 1
        for evaluator in evaluators:
            by = f" for evaluator {evaluator!r}" if many else ""
            if self.layout == WIDE:
                missing = [a for a in self.app_ids if (a, evaluator) not in seen]
                pairs: list[str] = []
            else:
                present = {a for (a, _c, e) in seen if e == evaluator}
                missing = [a for a in self.app_ids if a not in present]
                pairs = [f"{c} of {a}" for a in self.app_ids if a in present
                         for c in self.criteria if (a, c, evaluator) not in seen]
            if missing:
                self.problem(f"{len(missing)} application(s) missing from the sheet{by}: "
                             f"{', '.join(missing)}",
                             hint="Every application of the round needs a score for every "
                                  "criterion; add a row for each")
            if pairs:
                self.problem(f"no score{by} for {', '.join(pairs)}",
                             hint="Add a row (application_id, criterion, score) for each")


def table_from_means(criteria: Sequence[Criterion], means: Mapping[tuple[str, str], float],
                     app_ids: Sequence[str], label: str,
                     weights: Mapping[str, object] | None) -> ScoreTable:
    """A sheet ScoreTable from raw scores per (application, criterion)."""
    ids = tuple(c.id for c in criteria)
    values: dict[str, tuple[float, ...]] = {}
    raw: dict[str, tuple[float | None, ...]] = {}
    scales = [_scale(c) for c in criteria]
    for app_id in app_ids:
        row = tuple(means[(app_id, cid)] for cid in ids)
        raw[app_id] = row
        values[app_id] = tuple(min(1.0, max(0.0, (x - lo) / span))
                               for x, (lo, span) in zip(row, scales, strict=True))
    return ScoreTable(
        source=SHEET, label=label, criteria=ids, values=values, raw=raw,
        weights=resolve_weights(ids, {c.id: c.group for c in criteria}, weights),
        descriptions=tuple(c.en or c.fi for c in criteria))


def evaluator_panel(sheet: Sheet, criteria: Sequence[Criterion]
                    ) -> dict[str, tuple[tuple[float, ...], ...]]:
    """Per application, each evaluator's normalised values (sheet.evaluators order).

    Sheets are complete for every evaluator (read_sheet checks), so no cell is missing.
    """
    score = {(e.application_id, e.evaluator, e.criterion): e.score for e in sheet.entries}
    apps = dict.fromkeys(e.application_id for e in sheet.entries)
    evaluators = sheet.evaluators  # once: the property reads every entry
    return {app: tuple(tuple(_scaled(score[(app, ev, c.id)], c) for c in criteria)
                       for ev in evaluators)
            for app in apps}


def _scaled(x: float, criterion: Criterion) -> float:
    lo, span = _scale(criterion)
    return min(1.0, max(0.0, (x - lo) / span))


def _scale(criterion: Criterion) -> tuple[float, float]:
    """(lowest, highest - lowest) of a criterion's scale; an error if it is empty."""
    lo, hi = criterion.scale
    if hi <= lo:
        raise InputError(Problem(f"criterion {criterion.id!r} has an empty scale",
                                 file="call.toml", column="scale", value=[lo, hi],
                                 hint="The scale is [lowest, highest] with lowest < highest"))
    return lo, hi - lo


__all__ = ["Entry", "Sheet", "check_sheet", "criteria_of", "evaluator_panel", "read_sheet",
           "sheet_label", "table_from_means"]
