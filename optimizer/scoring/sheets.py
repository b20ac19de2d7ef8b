"""Scoring sheets: read long or wide sheets (CSV or XLSX) and check every cell.

long:  application_id, criterion, score[, evaluator]
wide:  application_id, <criterion id>, ... (descriptive columns lead, project,
       requested_eur and evaluator are allowed and ignored, except evaluator)

Every problem of every sheet is reported at once, each with file, row, column and value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import overload

import numpy as np

from optimizer.caching import cached
from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.cells import formula_problem, parse_float
from optimizer.readers.columns import plain_csv_columns
from optimizer.readers.dates import DATE_HINT, made_of
from optimizer.readers.domain import Criterion, Round
from optimizer.readers.rows import Row, Table, paused_gc, shown
from optimizer.readers.tables import read_table
from optimizer.scoring.score_table import SHEET, ScoreTable, sheet_label
from optimizer.scoring.weights import resolve_weights
from optimizer.vocabulary.message import Message

_m = Message.of

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
class Scores:
    """The checked scores of a sheet as columns, one item per score in the sheet's order
    (a large round's sheet holds millions: lists of shared strings and floats, no object
    per score)."""

    application_ids: Sequence[str]
    criteria: Sequence[str]
    scores: Sequence[float]
    evaluators: Sequence[str]
    rows: Sequence[int]
    file: str

    def __len__(self) -> int:
        return len(self.scores)


@dataclass(frozen=True)
class Sheet:
    """A scoring sheet as read: its file, layout and scores."""

    path: Path
    layout: str  # "long" or "wide"
    scores: Scores

    @cached
    def entries(self) -> tuple[Entry, ...]:
        """The scores one `Entry` each (made on demand: a large sheet's are many)."""
        s = self.scores
        return tuple(Entry(a, c, x, e, s.file, r) for a, c, x, e, r in zip(
            s.application_ids, s.criteria, s.scores, s.evaluators, s.rows, strict=True))

    @cached
    def evaluators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.scores.evaluators))


def criteria_of(round: Round) -> tuple[Criterion, ...]:
    """The round's criteria; an error if call.toml defines none."""
    if not round.call.criteria:
        raise InputError(Problem(
            _m("input.sheet.no_criteria"), file=str(Path(round.path) / "call.toml"),
            hint=_m("input.sheet.no_criteria.hint")))
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
        fast = fast_sheet(path, round, criteria)
        if fast is not None:
            return fast, []
        try:
            table = read_table(path)
        except InputError as exc:
            return None, list(exc.problems)
        checker = _Checker(path, table, round, criteria)
        entries = checker.run()
    scores = Scores([e.application_id for e in entries], [e.criterion for e in entries],
                    [e.score for e in entries], [e.evaluator for e in entries],
                    [e.row for e in entries], checker.file)
    return Sheet(path, checker.layout, scores), checker.problems


def fast_sheet(path: Path, round: Round, criteria: Sequence[Criterion]) -> Sheet | None:
    """A plain CSV sheet without a single problem, checked column by column; None when the
    file is not plain or anything in it is wrong (then `_Checker` reads it cell by cell and
    words every problem, as it always has).

    The checks are `_Checker`'s on good input: every id known, every criterion named,
    every score a number on its criterion's scale (each distinct text parsed once, by
    `parse_float`), named evaluators everywhere or nowhere, no key twice, and every key
    there (no duplicates and as many scores as keys means every key is there)."""
    try:
        read = plain_csv_columns(path)
    except InputError:
        return None  # read_table raises it again, with its own words
    if read is None:
        return None
    header, columns = read
    checker = _Checker(path, Table(path.name, header, (), path), round, criteria)
    if ID not in checker.columns or len(checker.columns) != len(header):
        return None
    found = checker._header()
    if checker.problems:
        return None
    cells = dict(zip(header, columns, strict=True))
    n = len(columns[0])
    ids = _known(cells[checker.columns[ID]], checker.app_ids)
    evaluators = _evaluators(cells.get(checker.columns.get(EVALUATOR, "")), path.stem, n)
    if ids is None or evaluators is None:
        return None
    folds = checker.crit_by_fold
    if checker.layout == LONG:
        texts = cells[checker.columns["criterion"]]
        distinct = set(texts)
        named = {t: cid for t in distinct if (cid := folds.get(t.casefold())) is not None}
        if len(named) != len(distinct):
            return None
        crit_ids = list(map(named.__getitem__, texts))
        scores = _good_scores(crit_ids, cells[checker.columns["score"]], checker.criteria)
        keys, expected = [ids, crit_ids, evaluators], len(criteria)
        rows: Sequence[int] = range(2, n + 2)
    else:
        order = list(found.items())  # header order, as `_Checker.run` gives them
        width = len(order)
        parsed = [_good_scores([cid] * n, cells[column], checker.criteria)
                  for cid, column in order]
        if any(p is None for p in parsed):
            return None
        scores = [x for row in zip(*parsed, strict=True) for x in row]
        crit_ids = [cid for cid, _ in order] * n
        keys, expected = [ids, evaluators], 1
        ids = [a for a in ids for _ in range(width)]
        evaluators = [e for e in evaluators for _ in range(width)]
        rows = _EachRow(n, width)
    if scores is None or not _each_key_once(keys, n, expected, checker.app_ids):
        return None
    return Sheet(path, checker.layout, Scores(ids, crit_ids, scores, evaluators, rows,
                                              path.name))


class _EachRow(Sequence[int]):
    """The row number of each score of a wide sheet, `width` per row from row 2: computed,
    not a million ints held."""

    def __init__(self, rows: int, width: int) -> None:
        self.rows, self.width = rows, width

    def __len__(self) -> int:
        return self.rows * self.width

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        i = range(len(self))[index]  # IndexError past the end, negative from the end
        return 2 + i // self.width

    def __iter__(self) -> Iterator[int]:
        return (r for r in range(2, self.rows + 2) for _ in range(self.width))


def _known(texts: list[str], app_ids: Sequence[str]) -> list[str] | None:
    """The ids as the round's own strings (one object per application, not per row), or
    None if one is not the round's."""
    own = {a: a for a in app_ids}
    try:
        return list(map(own.__getitem__, texts))
    except KeyError:
        return None


def _evaluators(texts: list[str] | None, stem: str, n: int) -> list[str] | None:
    """Each row's evaluator: named in every row, or in none (then the file's stem)."""
    if texts is None or not any(texts):
        return [stem] * n
    if "" in texts:
        return None
    own = {e: e for e in set(texts)}
    return list(map(own.__getitem__, texts))


def _good_scores(crit_ids: list[str], texts: list[str],
                 criteria: Mapping[str, Criterion]) -> list[float] | None:
    """The scores, each distinct (criterion, text) parsed and checked once; None if one is
    empty, not a number or off its criterion's scale."""
    values: dict[tuple[str, str], float] = {}
    for cid, text in set(zip(crit_ids, texts, strict=True)):
        value = parse_float(text) if text else None
        lo, hi = criteria[cid].scale
        if not isinstance(value, float) or not lo <= value <= hi:
            return None
        values[(cid, text)] = value
    return list(map(values.__getitem__, zip(crit_ids, texts, strict=True)))


def _each_key_once(keys: list[list[str]], n: int, per_row: int,
                   app_ids: Sequence[str]) -> bool:
    """Whether the rows' keys (application, [criterion,] evaluator) are all different and
    complete: every application with every criterion for every evaluator."""
    count = len(app_ids) * per_row * len(set(keys[-1]))
    if n != count:
        return False
    codes = np.zeros(n, dtype=np.int64)
    for column in keys:
        index = {k: i for i, k in enumerate(dict.fromkeys(column))}
        codes = codes * len(index) + np.fromiter(map(index.__getitem__, column),
                                                 dtype=np.int64, count=n)
    seen = np.zeros(count, dtype=bool)  # codes lie in [0, count): n of them, all different
    seen[codes] = True
    return bool(seen.all())


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

    def problem(self, message: Message, row: int | None = None, column: str | None = None,
                value: object = None, hint: str | Message = "") -> None:
        self.problems.append(Problem(message, file=self.file, row=row, column=column,
                                     value=shown(value), hint=hint))

    def cell(self, row: Row, name: str) -> str:
        column = self.columns.get(name) or self.columns.get(name.casefold())
        return row.values.get(column, "").strip() if column else ""

    def empty(self, row: Row, column: str, message: Message, hint: str | Message) -> None:
        """An empty cell, or an XLSX formula without a saved value, called what it is."""
        formula = formula_problem(row, column)
        if formula is not None:
            self.problems.append(replace(formula, file=self.file))
        else:
            self.problem(message, row=row.number, column=column, hint=hint)

    def run(self) -> list[Entry]:
        if ID not in self.columns:
            close = suggest(ID, self.columns.values()) or suggest("id", self.columns.values())
            self.problem(_m("input.sheet.no_id_column", id=ID), row=1,
                         hint=(_m("input.sheet.rename", close=close[0], id=ID) if close else
                               _m("input.sheet.first_row", id=ID, long=LONG_COLUMNS[1:])))
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
                self.empty(row, self.columns[EVALUATOR], _m("input.sheet.no_evaluator"),
                           _m("input.sheet.no_evaluator.hint"))
                continue
            if self.layout == WIDE:
                key: tuple[str, ...] = (app_id or "", evaluator)
                if app_id and self._duplicate(seen, key, row, app_id):
                    continue
                for cid, column in criterion_columns.items():
                    score = self._score(row, column, cid, app_id)
                    if app_id and score is not None:
                        entries.append(Entry(app_id, cid, score, evaluator, self.file,
                                             row.number))
            else:
                criterion_id = self._criterion(row)
                key = (app_id or "", criterion_id or "", evaluator)
                if app_id and criterion_id and self._duplicate(seen, key, row, app_id,
                                                               criterion_id):
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
            choices = list(self.criteria) + list(allowed) if self.layout == WIDE else allowed
            hits = suggest(column, choices)
            self.problem(_m("input.sheet.unknown_column", wide=self.layout == WIDE), row=1,
                         column=column, value=column,
                         hint=(_m("input.sheet.suggest", hits=hits) if hits else
                               _m("input.sheet.allowed", criteria=list(self.criteria),
                                  allowed=list(allowed))))
        if self.layout == WIDE:
            for cid in self.criteria:
                if cid not in found:
                    self.problem(_m("input.sheet.no_criterion_column", id=cid), row=1,
                                 hint=_m("input.sheet.no_criterion_column.hint", id=cid,
                                         command="grantopt scores template"))
        return found

    def _application(self, row: Row) -> str | None:
        app_id = self.cell(row, ID)
        if not app_id:
            self.empty(row, self.columns[ID], _m("input.sheet.no_app"),
                       _m("input.sheet.no_app.hint"))
            return None
        if app_id not in self.known_apps:
            source = made_of(app_id, self.app_ids)
            if source is not None:
                self.problem(_m("input.id.date", source=source),
                             row=row.number, column=ID, value=app_id, hint=DATE_HINT)
                return None
            hits = suggest(app_id, self.app_ids)
            self.problem(_m("input.sheet.unknown_app"), row=row.number, column=ID, value=app_id,
                         hint=(_m("input.sheet.suggest", hits=hits) if hits else
                               _m("input.sheet.unknown_app.hint")))
            return None
        return app_id

    def _criterion(self, row: Row) -> str | None:
        text = self.cell(row, "criterion")
        if not text:
            self.empty(row, self.columns["criterion"], _m("input.sheet.no_criterion"),
                       _m("input.sheet.criteria", criteria=list(self.criteria)))
            return None
        cid = self.crit_by_fold.get(text.casefold())
        if cid is None:
            hits = suggest(text, self.criteria)
            self.problem(_m("input.sheet.unknown_criterion"), row=row.number,
                         column="criterion", value=text,
                         hint=(_m("input.sheet.suggest", hits=hits) if hits else
                               _m("input.sheet.criteria", criteria=list(self.criteria))))
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
        said = {"criterion": cid, "application": app_id,
                "lo": crit.scale[0] if crit else None, "hi": crit.scale[1] if crit else None}
        if not text:
            self.empty(row, column, _m("input.score.empty", **said),
                       _m("input.score.give", **said) if crit else "")
            return None
        value = parse_float(row.cell(column))
        if isinstance(value, Problem):
            if text.startswith("="):  # formula text saved instead of its value
                self.problem(_m("input.score.formula", **said, problem=value.message),
                             row=row.number, column=column, value=text, hint=value.hint)
                return None
            self.problem(_m("input.score.not_number", **said), row=row.number,
                         column=column, value=text,
                         hint=_m("input.score.give_number", **said) if crit
                         else _m("input.score.give_any"))
            return None
        self.problem(_m("input.score.outside", **said), row=row.number, column=column,
                     value=text, hint=_m("input.score.give_number", **said))
        return None

    def _duplicate(self, seen: dict[tuple[str, ...], int], key: tuple[str, ...], row: Row,
                   app_id: str, criterion: str | None = None) -> bool:
        if key in seen:
            self.problem(_m("input.sheet.duplicate", criterion=criterion, application=app_id,
                            evaluator=key[-1], row=seen[key]),
                         row=row.number, column=ID, value=key[0],
                         hint=_m("input.sheet.duplicate.hint", long=self.layout == LONG))
            return True
        seen[key] = row.number
        return False

    def _completeness(self, seen: Mapping[tuple[str, ...], int]) -> None:
        if self.problems and not seen:
            return
        evaluators = list(dict.fromkeys(k[-1] for k in seen)) or [self.path.stem]
        many = len(evaluators) > 1
        for evaluator in evaluators:
            by = evaluator if many else ""
            if self.layout == WIDE:
                missing = [a for a in self.app_ids if (a, evaluator) not in seen]
                pairs: list[tuple[str, str]] = []
            else:
                present = {a for (a, _c, e) in seen if e == evaluator}
                missing = [a for a in self.app_ids if a not in present]
                pairs = [(c, a) for a in self.app_ids if a in present
                         for c in self.criteria if (a, c, evaluator) not in seen]
            if missing:
                self.problem(_m("input.sheet.missing", apps=missing, evaluator=by),
                             hint=_m("input.sheet.missing.hint"))
            if pairs:
                self.problem(_m("input.sheet.no_score", pairs=pairs, evaluator=by),
                             hint=_m("input.sheet.no_score.hint", columns=LONG_COLUMNS))


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


def table_from_scores(criteria: Sequence[Criterion], scores: Scores, app_ids: Sequence[str],
                      label: str, weights: Mapping[str, object] | None) -> ScoreTable:
    """`table_from_means` of one evaluator's complete scores, as arrays: each application's
    raw scores put in a matrix at once, normalised as `_scaled` does, value for value."""
    ids = tuple(c.id for c in criteria)
    scales = np.array([_scale(c) for c in criteria], dtype=float).reshape(-1, 2)
    apps = {a: i for i, a in enumerate(app_ids)}
    crits = {c: j for j, c in enumerate(ids)}
    n = len(scores)
    raw = np.full((len(app_ids), len(ids)), np.nan)
    raw[np.fromiter(map(apps.__getitem__, scores.application_ids), np.intp, n),
        np.fromiter(map(crits.__getitem__, scores.criteria), np.intp, n)] = np.fromiter(
            scores.scores, float, n)
    if np.isnan(raw).any():
        raise KeyError("a score missing from a checked sheet")  # read_sheet rules it out
    values = np.minimum(1.0, np.maximum(0.0, (raw - scales[:, 0]) / scales[:, 1]))
    values[values == 0] = 0.0  # max(0.0, -0.0) is 0.0 in `_scaled`
    return ScoreTable(
        source=SHEET, label=label, criteria=ids,
        values=dict(zip(app_ids, _shared_rows(values), strict=True)),
        raw=dict(zip(app_ids, _shared_rows(raw), strict=True)),
        weights=resolve_weights(ids, {c.id: c.group for c in criteria}, weights),
        descriptions=tuple(c.en or c.fi for c in criteria))


def _shared_rows(matrix: np.ndarray) -> Iterator[tuple[float, ...]]:
    """The rows of a matrix as tuples of floats, one float object per distinct value (a
    sheet holds a few distinct scores in millions of cells: 24 bytes each saved)."""
    bits = np.ascontiguousarray(matrix, dtype=np.float64).view(np.int64)  # -0.0 is not 0.0
    distinct, index = np.unique(bits, return_inverse=True)
    objects = np.empty(len(distinct), dtype=object)
    objects[:] = distinct.view(np.float64).tolist()
    shared = objects[index.reshape(matrix.shape)]
    for start in range(0, len(shared), 4096):  # a few lists at a time, not one per row
        yield from map(tuple, shared[start:start + 4096].tolist())


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
        raise InputError(Problem(_m("input.sheet.empty_scale", id=criterion.id),
                                 file="call.toml", column="scale", value=[lo, hi],
                                 hint=_m("input.sheet.empty_scale.hint")))
    return lo, hi - lo


__all__ = ["Entry", "Scores", "Sheet", "check_sheet", "criteria_of", "evaluator_panel",
           "read_sheet", "sheet_label", "table_from_means", "table_from_scores"]
