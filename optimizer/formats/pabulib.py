"""Pabulib `.pb` files (participatory budgeting, pabulib.org) in and out: read and checked,
imported as a round folder and a scenario, and written back with a solved selection.

## Reading

A `.pb` file is UTF-8 text in three sections, each introduced by a line `META`, `PROJECTS`
or `VOTES` and followed by a header row and `;`-separated rows (quoted as in CSV where a
field holds a `;` or a quote). META holds `key;value` rows (`budget`, `vote_type`, ...),
PROJECTS one row per project (`project_id;cost;...`), VOTES one row per ballot
(`voter_id;...;vote[;points]`, the project ids of a vote separated by commas).

Real files are untidy, and are read as they are: CRLF or LF line ends, no final newline,
a byte-order mark, blank lines, META without its `key;value` header row, a fractional
budget, empty or `None` category cells. What cannot be read is a problem naming the file,
the section and the line; `read_pabulib` raises one InputError with every problem.

The support of a project (`PabulibInstance.support`) is what the utilitarian optimum
maximises, counted from the ballots, never from the PROJECTS `votes` column (which in
cumulative files counts voters, not points):

* approval: the number of ballots that approve the project;
* cumulative and scoring: the sum of the points the ballots give it;
* ordinal: the number of ballots that rank it at all (a ranking says "supported" for
  every project it names; the rank order is kept in the file, not weighed).

## META: every key honoured, checked, a ballot limit, or named

`META_KEYS` says how each known key is read. Outcome rules are honoured: `budget`, the caps
`budget_per_category` (by `categories`) and `budget_per_neighborhood` (by `neighborhoods`;
each neighbourhood a target area `neighbourhood:NAME`, apart from any category of the same
name), and `min_project_score_threshold` (a project scoring below it is out of scope: a
call.toml exclusion). `min_project_cost`/`max_project_cost` are checked (a project outside
is a note, kept fundable). Ballot limits (`max_length`, `max_sum_cost_per_category` ...)
limit each ballot, not the selection: every ballot is checked, one that breaks a limit is
counted as cast and named (voter, line) in a note. Informational keys describe the file.
Any other key is named as not read. The notes (`notes_of`) are said by the import, written
into call.toml and the scenario as comments, and kept in call.toml [source] (`NOTE_KEYS`),
from which `source_notes` gives them to every output of a run (Case.notes).

## In and out of grantopt

`import_pabulib` turns a `.pb` file into an output folder holding a round folder and a
scenario beside it:

    DIR/round/applications.csv   one application per project: id = project_id, project =
                                 name (or the id), requested_eur = cost, target_areas = the
                                 project's categories, applicant = the proposer where the
                                 file names one, else the place (unit, district)
    DIR/round/scores.csv         one criterion, `support` (above: approvals,
                                 points, or rankings), on the scale 0 .. the most support
    DIR/round/awards.csv         the city's selection (`selected`), each at its cost
    DIR/round/call.toml          budget, rounding, currency, categories and neighbourhoods
                                 with their caps, the threshold as an exclusion,
                                 `register = false`, and [source]: the file, its META and
                                 what the notes say
    DIR/round/<file>.pb          the file itself, unchanged, for writing results back
    DIR/scenario.toml            the utilitarian optimum: objective `score` on the support
                                 sheet, full funding, so the optimum is the most total
                                 support within the budget (and the caps)

Amounts stay in the `_eur` columns whatever the currency; call.toml says which it is. Every
project is funded whole (rounding 1 where every cost is whole, else cents), so the scenario
is exactly the 0-1 knapsack of the support within the budget (and the category caps).
`round_of` and `support_scores` build the same round and scores in memory, for a Study that
writes nothing (`grantopt proportional`, through Study.from_round_data).

`write_pabulib` writes a solved allocation back: the round's own `.pb` file with its
PROJECTS `selected` column (added when missing) marking the optimum, or the actual
decision, and every other row as the file has it.
"""

from __future__ import annotations

import csv
import io
import math
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.errors import InputError, Problem
from optimizer.formats import toml
from optimizer.formats.files import csv_dialect, csv_text, write_atomic
from optimizer.formats.folder import (
    output_folder,
    refuse_existing,
    refuse_input_file,
    relocate,
)
from optimizer.readers.domain import (
    MAX_EUR,
    Application,
    Award,
    CallRules,
    Criterion,
    DeclaredTotals,
    ExclusionRule,
    Round,
    Source,
    TargetArea,
)
from optimizer.readers.limits import MAX_FILE_BYTES
from optimizer.readers.round_files import TABLE_SUFFIXES
from optimizer.readers.text import decode_text, read_bytes
from optimizer.scoring.score_table import ScoreTable, sheet_label
from optimizer.scoring.sheets import table_from_means
from optimizer.vocabulary.message import Message

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation

META, PROJECTS, VOTES = "META", "PROJECTS", "VOTES"
SECTIONS = (META, PROJECTS, VOTES)
_m = Message.of
APPROVAL, ORDINAL, CUMULATIVE, SCORING = "approval", "ordinal", "cumulative", "scoring"
VOTE_TYPES = (APPROVAL, ORDINAL, CUMULATIVE, SCORING)
# Vote types read as another: a choose-1 ballot approves of the one project it names.
READ_AS = {"choose-1": APPROVAL}
MAX_POINTS = 1e12  # points on one ballot's project: more is no vote (and sums would overflow)
POINTS_TYPES = (CUMULATIVE, SCORING)  # ballots that carry points
# The META key that caps the total cost of the selected projects of each category, in the
# order of META `categories`; and of each neighbourhood, in the order of `neighborhoods`.
CAP_KEYS = ("budget_per_category",)
NEIGHBOURHOOD_CAP = "budget_per_neighborhood"
THRESHOLD = "min_project_score_threshold"
COST_RANGE = ("min_project_cost", "max_project_cost")
# Limits on each BALLOT (pabulib.org/format), never on the selection: checked on the
# ballots, a ballot that breaks one is named in a note and counted as cast (the city
# counted it; refusing the file would refuse real files). Scalar limits, then limits per
# category (a comma list in the order of META `categories`).
BALLOT_KEYS = ("min_length", "max_length", "min_sum_cost", "max_sum_cost", "min_points",
               "max_points", "min_sum_points", "max_sum_points")
CATEGORY_BALLOT_KEYS = ("min_length_per_category", "max_length_per_category",
                        "min_sum_cost_per_category", "max_sum_cost_per_category")
# META keys that describe the file and change nothing computed.
INFO_KEYS = ("description", "country", "unit", "instance", "subunit", "district",
             "edition", "date_begin", "date_end", "rule", "language", "comment",
             "acknowledgments", "num_projects", "num_votes", "fully_funded", "experimental",
             "leftover_budget", "subdistricts")
HONOURED, CHECKED, BALLOT, INFO = "honoured", "checked", "ballot", "informational"
# How every META key grantopt knows is read; any other key (scoring_fn, default_score, a
# new one) is named as not read in every output, never dropped silently.
META_KEYS: Mapping[str, str] = {
    "budget": HONOURED, "vote_type": HONOURED, "currency": HONOURED,
    "categories": HONOURED, "budget_per_category": HONOURED,  # target areas and their caps
    "neighborhoods": HONOURED, NEIGHBOURHOOD_CAP: HONOURED,  # target areas "neighbourhood:"
    THRESHOLD: HONOURED,  # below it, a project is out of scope (an exclusion)
    **dict.fromkeys(COST_RANGE, CHECKED),  # a project outside: a note, kept fundable
    **dict.fromkeys(BALLOT_KEYS + CATEGORY_BALLOT_KEYS, BALLOT),
    **dict.fromkeys(INFO_KEYS, INFO),
}
NEIGHBOURHOOD_PREFIX = "neighbourhood:"  # a neighbourhood's target area id: never a category
THRESHOLD_EXCLUSION = "below_threshold"  # applications.csv exclusion code
NO_CATEGORY = ("", "none")  # category cells that name no category (case-insensitive)
SUPPORT_WORDS = {
    APPROVAL: "approvals: the number of voters who approved the project",
    ORDINAL: "rankings: the number of voters who ranked the project at all",
    CUMULATIVE: "points: the sum of the points voters gave the project",
    SCORING: "points: the sum of the scores voters gave the project",
}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_LINE_END = re.compile(r"\r\n|\n|\r")  # not str.splitlines: names may hold U+2028 etc.


@dataclass(frozen=True)
class Project:
    id: str
    cost: float
    name: str  # the `name` column, or "" when there is none
    categories: tuple[str, ...]  # from the `category` column; empty and None left out
    selected: bool | None  # the `selected` column; None when the file has none
    cells: tuple[str, ...]  # the row as written, in PabulibInstance.project_columns order
    line: int
    neighborhoods: tuple[str, ...] = ()  # the `neighborhood` column, empty left out


@dataclass(frozen=True)
class Ballot:
    voter_id: str
    projects: tuple[str, ...]  # in the order written (the ranking of an ordinal ballot)
    points: tuple[float, ...] | None  # cumulative and scoring ballots, one per project
    cells: tuple[str, ...]  # the row as written, in PabulibInstance.vote_columns order
    line: int


@dataclass(frozen=True)
class BallotLimit:
    """A limit on each ballot as the file gives it, and the ballots that break it."""

    key: str
    value: str  # as written in META
    broken_by: tuple[tuple[str, int], ...]  # (voter_id, line) of every ballot breaking it


@dataclass(frozen=True)
class PabulibInstance:
    """A checked `.pb` file, with every row as written (so it can be written back)."""

    file: str  # the file name, as messages name it
    meta: tuple[tuple[str, str], ...]  # key, value in the order of the file
    project_columns: tuple[str, ...]
    projects: tuple[Project, ...]
    vote_columns: tuple[str, ...]
    ballots: tuple[Ballot, ...]
    budget: float
    vote_type: str
    categories: tuple[str, ...] = ()  # META `categories`, then any other a project names
    category_caps: Mapping[str, float] = field(default_factory=dict)
    neighborhoods: tuple[str, ...] = ()  # META `neighborhoods`, then any a project names
    neighborhood_caps: Mapping[str, float] = field(default_factory=dict)
    threshold: float | None = None  # META min_project_score_threshold
    ballot_limits: tuple[BallotLimit, ...] = ()  # every ballot limit given, checked
    unread: tuple[str, ...] = ()  # META keys not honoured, in file order

    @property
    def capped_neighborhoods(self) -> tuple[str, ...]:
        """The neighbourhoods that become target areas: all of them where any is capped."""
        return self.neighborhoods if self.neighborhood_caps else ()

    def threshold_scores(self) -> dict[str, float] | None:
        """What min_project_score_threshold is compared with: the support (approval: the
        votes; cumulative and scoring: the points, as pabulib defines a project's score);
        for ordinal ballots the PROJECTS `score` column; None where there is none."""
        if self.vote_type != ORDINAL:
            return self.support()
        if "score" not in self.project_columns:
            return None
        at = self.project_columns.index("score")
        scores = {p.id: _number(p.cells[at]) for p in self.projects}
        return None if None in scores.values() else {
            i: v for i, v in scores.items() if v is not None}

    def below_threshold(self) -> tuple[str, ...]:
        """The projects the threshold puts out of scope (score below it), in file order."""
        scores = self.threshold_scores() if self.threshold is not None else None
        if scores is None or self.threshold is None:
            return ()
        return tuple(p.id for p in self.projects if scores[p.id] < self.threshold)

    def cost_outside(self) -> tuple[str, ...]:
        """Projects whose cost is outside META min_project_cost .. max_project_cost."""
        low, high = (_number(self.meta_value(k) or "") for k in COST_RANGE)
        return tuple(p.id for p in self.projects
                     if (low is not None and p.cost < low)
                     or (high is not None and p.cost > high))

    def meta_value(self, key: str) -> str | None:
        return next((v for k, v in self.meta if k == key), None)

    @property
    def has_selected(self) -> bool:
        return "selected" in self.project_columns

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.projects if p.selected)

    def support(self) -> dict[str, float]:
        """Project id -> its support counted from the ballots (module doc), every project."""
        out = dict.fromkeys((p.id for p in self.projects), 0.0)
        for ballot in self.ballots:
            weights = ballot.points if ballot.points is not None else (1.0,) * len(
                ballot.projects)
            for project, weight in zip(ballot.projects, weights, strict=True):
                out[project] += weight
        return out


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Section:
    name: str
    line: int  # of the section's own line (META, PROJECTS, VOTES)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, section: str | None, line: int | None, message: Message,
                value: object = None, hint: str | Message = "") -> None:
        self.problems.append(Problem(_m("input.pb.at", section=section, line=line,
                                        problem=message),
                                     file=self.file, value=value, hint=hint))

    # --- sections ---

    def sections(self, text: str) -> dict[str, _Section]:
        found: dict[str, _Section] = {}
        current: _Section | None = None
        lines = _LINE_END.split(text)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            cells = _cells(line)
            marker = cells[0].strip().upper() if not any(c.strip() for c in cells[1:]) else ""
            if marker in SECTIONS:
                if marker in found:
                    self.problem(marker, number, _m("input.pb.second", section=marker,
                                                    first=found[marker].line),
                                 hint=_m("input.pb.sections", sections=SECTIONS))
                    current = None
                    continue
                current = found[marker] = _Section(marker, number)
            elif current is None:
                if not found:
                    self.problem(None, number, _m("input.pb.before_meta", meta=META),
                                 value=line[:60], hint=_m("input.pb.before_meta.hint", meta=META))
            else:
                current.rows.append((number, cells))
        last = len(lines) - (lines[-1] == "")
        for name in SECTIONS:
            if name not in found:
                self.problem(name, None, _m("input.pb.no_section", section=name, last=last),
                             hint=_m("input.pb.no_section.hint", sections=SECTIONS))
        return found

    def header(self, section: _Section, required: tuple[str, ...]
               ) -> tuple[tuple[str, ...], list[tuple[int, list[str]]]] | None:
        """The header row of a section and its data rows; None when a column is missing."""
        if not section.rows:
            self.problem(section.name, section.line, _m("input.pb.no_header"),
                         hint=_m("input.pb.no_header.hint", columns=";".join(required)))
            return None
        line, cells = section.rows[0]
        columns = tuple(c.strip() for c in cells)
        missing = [c for c in required if c not in columns]
        for column in missing:
            self.problem(section.name, line, _m("input.pb.no_column", column=column),
                         value=";".join(columns))
        duplicates = sorted({c for c in columns if columns.count(c) > 1})
        for column in duplicates:
            self.problem(section.name, line, _m("input.pb.column_twice", column=column))
        if missing or duplicates:
            return None
        return columns, section.rows[1:]

    def fields(self, section: str, line: int, cells: list[str], width: int) -> bool:
        if len(cells) == width:
            return True
        self.problem(section, line, _m("input.pb.fields", fields=len(cells), width=width),
                     value=";".join(cells)[:80], hint=_m("input.pb.fields.hint"))
        return False

    # --- META ---

    def meta(self, section: _Section) -> tuple[tuple[tuple[str, str], ...], dict[str, int]]:
        rows = section.rows
        if rows and [c.strip().lower() for c in rows[0][1]] == ["key", "value"]:
            rows = rows[1:]  # the header row is optional: real files leave it out
        pairs: list[tuple[str, str]] = []
        lines: dict[str, int] = {}
        for line, cells in rows:
            key = cells[0].strip()
            value = ";".join(cells[1:]).strip()  # an unquoted ';' in a comment
            if key in lines:
                self.problem(META, line, _m("input.pb.key_twice", key=key, other=lines[key]))
                continue
            lines[key] = line
            pairs.append((key, value))
        return tuple(pairs), lines

    def budget(self, meta: Mapping[str, str], lines: Mapping[str, int], at: int) -> float:
        if "budget" not in meta:
            self.problem(META, at, _m("input.pb.no_budget"),
                         hint=_m("input.pb.no_budget.hint", key="budget"))
            return 0.0
        value = _number(meta["budget"])
        if value is None or not 0 < value <= MAX_EUR:
            self.problem(META, lines["budget"], _m("input.pb.budget"),
                         value=meta["budget"], hint=_m("input.pb.budget.hint", key="budget"))
            return 0.0
        return value

    def vote_type(self, meta: Mapping[str, str], lines: Mapping[str, int], at: int) -> str:
        if "vote_type" not in meta:
            self.problem(META, at, _m("input.pb.no_vote_type"),
                         hint=_m("input.pb.no_vote_type.hint", types=list(VOTE_TYPES)))
            return APPROVAL
        kind = meta["vote_type"].strip().lower()
        kind = READ_AS.get(kind, kind)
        if kind not in VOTE_TYPES:
            self.problem(META, lines["vote_type"], _m("input.pb.vote_type"),
                         value=meta["vote_type"],
                         hint=_m("input.pb.vote_type.hint", types=list(VOTE_TYPES)))
            return APPROVAL
        return kind

    def caps(self, meta: Mapping[str, str], lines: Mapping[str, int], key: str = CAP_KEYS[0],
             names_key: str = "categories", missing: str = "input.pb.no_categories"
             ) -> tuple[tuple[str, ...], dict[str, float]]:
        """The names META `names_key` lists, and the cap of each from `key` (same order):
        budget_per_category by categories, budget_per_neighborhood by neighborhoods."""
        names = _list(meta.get(names_key, ""))
        caps: dict[str, float] = {}
        if key not in meta:
            return names, caps
        values = [v.strip() for v in meta[key].split(",")]
        if not names:
            self.problem(META, lines[key], _m(missing, key=key),
                         hint=_m(f"{missing}.hint"))
        elif len(values) != len(names):
            code = "input.pb.cap_count" if key in CAP_KEYS else "input.pb.place_cap_count"
            self.problem(META, lines[key], _m(code, key=key, amounts=len(values),
                                              categories=len(names)), value=meta[key])
        else:
            for name, text in zip(names, values, strict=True):
                cap = _number(text)
                if cap is None or not 0 <= cap <= MAX_EUR:
                    self.problem(META, lines[key], _m("input.pb.cap", key=key, name=name),
                                 value=text)
                else:
                    caps[name] = cap
        return names, caps

    def threshold(self, meta: Mapping[str, str], lines: Mapping[str, int]) -> float | None:
        if THRESHOLD not in meta:
            return None
        value = _number(meta[THRESHOLD])
        if value is None or value < 0:
            self.problem(META, lines[THRESHOLD], _m("input.pb.threshold", key=THRESHOLD),
                         value=meta[THRESHOLD])
            return None
        return value

    # --- PROJECTS ---

    def projects(self, section: _Section
                 ) -> tuple[tuple[str, ...], list[Project], set[str] | None]:
        """The header, the good projects, and every id listed (None when the header is
        unusable): a ballot naming a listed project with a bad row is not a second problem."""
        found = self.header(section, ("project_id", "cost"))
        if found is None:
            return (), [], None
        columns, rows = found
        out: list[Project] = []
        seen: dict[str, int] = {}
        whole = True  # every row's id could be read
        for line, cells in rows:
            if not self.fields(PROJECTS, line, cells, len(columns)):
                whole = False
                continue
            row = dict(zip(columns, (c.strip() for c in cells), strict=True))
            project = self.project(line, row, cells, seen)
            if project is not None:
                out.append(project)
        return columns, out, set(seen) if whole else None

    def project(self, line: int, row: Mapping[str, str], cells: list[str],
                seen: dict[str, int]) -> Project | None:
        pid = row["project_id"]
        if not pid:
            self.problem(PROJECTS, line, _m("input.pb.no_id"))
            return None
        if pid in seen:
            self.problem(PROJECTS, line, _m("input.pb.id_twice", id=pid, other=seen[pid]),
                         value=pid)
            return None
        seen[pid] = line
        cost = _number(row["cost"])
        if cost is None or not 0 < cost <= MAX_EUR:
            self.problem(PROJECTS, line, _m("input.pb.cost", id=pid),
                         value=row["cost"], hint=_m("input.pb.cost.hint"))
            return None
        selected = None
        if "selected" in row:
            flag = _number(row["selected"] or "0")
            if flag is None or flag < 0 or flag != int(flag):
                self.problem(PROJECTS, line, _m("input.pb.selected", id=pid),
                             value=row["selected"])
                return None
            selected = flag > 0
        categories = tuple(c for c in _list(row.get("category", ""))
                           if c.casefold() not in NO_CATEGORY)
        places = tuple(c for c in _list(row.get("neighborhood", ""))
                       if c.casefold() not in NO_CATEGORY)
        return Project(pid, cost, row.get("name", ""), categories, selected, tuple(cells), line,
                       places)

    # --- VOTES ---

    def ballots(self, section: _Section, vote_type: str, known: set[str] | None
                ) -> tuple[tuple[str, ...], list[Ballot]]:
        """The header and the good ballots; `known` None: project ids are not checked."""
        needs = ("voter_id", "vote", "points") if vote_type in POINTS_TYPES else (
            "voter_id", "vote")
        found = self.header(section, needs)
        if found is None:
            return (), []
        columns, rows = found
        out: list[Ballot] = []
        seen: dict[str, int] = {}
        for line, cells in rows:
            if not self.fields(VOTES, line, cells, len(columns)):
                continue
            row = dict(zip(columns, (c.strip() for c in cells), strict=True))
            ballot = self.ballot(line, row, cells, vote_type, known, seen)
            if ballot is not None:
                out.append(ballot)
        return columns, out

    def ballot(self, line: int, row: Mapping[str, str], cells: list[str], vote_type: str,
               known: set[str] | None, seen: dict[str, int]) -> Ballot | None:
        voter = row["voter_id"]
        if voter in seen:
            self.problem(VOTES, line, _m("input.pb.voter_twice", voter=voter, other=seen[voter]),
                         value=voter)
            return None
        seen[voter] = line
        projects = _list(row["vote"])
        good = True
        for pid in sorted(set(projects) - known) if known is not None else ():
            self.problem(VOTES, line, _m("input.pb.unlisted", voter=voter, id=pid,
                                         section=PROJECTS), value=pid)
            good = False
        twice = sorted(p for p, n in Counter(projects).items() if n > 1)
        if twice:
            self.problem(VOTES, line, _m("input.pb.ballot_twice", voter=voter, ids=twice))
            good = False
        points = None
        if vote_type in POINTS_TYPES:
            points = self.points(line, voter, row["points"], len(projects))
            good = good and points is not None
        return Ballot(voter, projects, points, tuple(cells), line) if good else None

    def points(self, line: int, voter: str, text: str, count: int) -> tuple[float, ...] | None:
        values = [_number(v) for v in _list(text)]
        if len(values) != count:
            self.problem(VOTES, line, _m("input.pb.points_count", voter=voter,
                                         values=len(values), count=count), value=text)
            return None
        if any(v is None or v < 0 for v in values):
            self.problem(VOTES, line, _m("input.pb.points", voter=voter), value=text)
            return None
        if any(v is not None and v > MAX_POINTS for v in values):
            self.problem(VOTES, line, _m("input.pb.points_large", voter=voter,
                                         most=MAX_POINTS), value=_short(text))
            return None
        return tuple(v for v in values if v is not None)


def _cells(line: str) -> list[str]:
    """One row's fields: `;`-separated, quoted as in CSV where needed. A field may be as long
    as the line (a ballot of thousands of projects): the csv module's own limit is raised to
    it (the line is bounded by the file's size limit)."""
    if len(line) >= csv.field_size_limit():
        csv.field_size_limit(len(line) + 1)
    return next(csv.reader([line], delimiter=";", quotechar='"'), [""])


def _short(text: str, width: int = 80) -> str:
    """A long cell cut for a message."""
    return text if len(text) <= width else text[:width - 1] + "…"


def _list(text: str) -> tuple[str, ...]:
    """A comma-separated list, each part trimmed, empty parts left out."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _number(text: str) -> float | None:
    """A plain decimal number (as pabulib writes them), finite; None otherwise."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def parse_pabulib(text: str, file: str) -> PabulibInstance:
    """A `.pb` file's text, checked; InputError with every problem (section and line)."""
    reader = _Reader(file)
    found = reader.sections(text)
    if reader.problems:
        raise InputError(reader.problems)
    meta, lines = reader.meta(found[META])
    values = dict(meta)
    budget = reader.budget(values, lines, found[META].line)
    vote_type = reader.vote_type(values, lines, found[META].line)
    names, caps = reader.caps(values, lines)
    places, place_caps = reader.caps(values, lines, NEIGHBOURHOOD_CAP, "neighborhoods",
                                     "input.pb.no_neighbourhoods")
    threshold = reader.threshold(values, lines)
    project_columns, projects, known = reader.projects(found[PROJECTS])
    vote_columns, ballots = reader.ballots(found[VOTES], vote_type, known)
    if reader.problems:
        raise InputError(reader.problems)
    named = [c for p in projects for c in p.categories]
    # A cap on a kind of place no project column names binds nothing: named as not read.
    idle = [k for k, column, given in ((CAP_KEYS[0], "category", caps),
                                       (NEIGHBOURHOOD_CAP, "neighborhood", place_caps))
            if given and column not in project_columns]
    caps, place_caps = ({} if CAP_KEYS[0] in idle else caps,
                        {} if NEIGHBOURHOOD_CAP in idle else place_caps)
    inst = PabulibInstance(
        file=file, meta=meta, project_columns=project_columns, projects=tuple(projects),
        vote_columns=vote_columns, ballots=tuple(ballots), budget=budget,
        vote_type=vote_type, categories=tuple(dict.fromkeys((*names, *named))),
        category_caps=caps,
        neighborhoods=tuple(dict.fromkeys((*places, *(n for p in projects
                                                      for n in p.neighborhoods)))),
        neighborhood_caps=place_caps, threshold=threshold)
    limits, unreadable = ballot_limits(inst, names)
    unread = [k for k, _ in meta if k not in META_KEYS or k in unreadable or k in idle]
    if threshold is not None and inst.threshold_scores() is None:
        unread.append(THRESHOLD)  # ordinal ballots without a score column: no score
    return replace(inst, ballot_limits=limits, unread=tuple(dict.fromkeys(unread)))


def ballot_limits(inst: PabulibInstance, categories: Sequence[str]
                  ) -> tuple[tuple[BallotLimit, ...], set[str]]:
    """Every ballot limit META gives, with the ballots that break it (one pass over the
    ballots); and the limit keys whose value cannot be read (named as not read)."""
    checks: list[tuple[str, str, str | None, bool, float]] = []  # key, measure, category, max?
    unreadable: set[str] = set()
    for key in BALLOT_KEYS:
        if (text := inst.meta_value(key)) is not None:
            value = _number(text)
            if value is None:
                unreadable.add(key)
            else:
                measure = {"min_points": "least_points", "max_points": "most_points"}.get(
                    key, key.split("_", 1)[1])
                checks.append((key, measure, None, key.startswith("max"), value))
    for key in CATEGORY_BALLOT_KEYS:
        if (text := inst.meta_value(key)) is None:
            continue
        numbers = [_number(v) for v in text.split(",")]
        if len(numbers) != len(categories) or None in numbers:
            unreadable.add(key)
            continue
        measure = key.split("_", 1)[1].removesuffix("_per_category")
        checks += [(key, measure, c, key.startswith("max"), v)
                   for c, v in zip(categories, numbers, strict=True) if v is not None]
    if not checks:
        return (), unreadable
    broken: dict[str, list[tuple[str, int]]] = {key: [] for key, *_ in checks}
    cost = {p.id: p.cost for p in inst.projects}
    areas = {p.id: p.categories for p in inst.projects}
    every = tuple(dict.fromkeys(c for _, _, c, _, _ in checks if c is not None))
    for ballot in inst.ballots:
        measures = _ballot_measures(ballot, cost, areas, every)
        for key, measure, category, upper, limit in checks:
            if broken[key] and broken[key][-1][1] == ballot.line:
                continue  # broken already for another category
            found = measures.get((measure, category))
            if found is None:
                continue  # points limits on a ballot without points
            slack = 1e-9 * max(1.0, abs(limit))  # sums of decimal costs
            if (found > limit + slack) if upper else (found < limit - slack):
                broken[key].append((ballot.voter_id, ballot.line))
    return tuple(BallotLimit(key, inst.meta_value(key) or "", tuple(broken[key]))
                 for key in dict.fromkeys(k for k, *_ in checks)), unreadable


def _ballot_measures(ballot: Ballot, cost: Mapping[str, float],
                     areas: Mapping[str, tuple[str, ...]], categories: Sequence[str]
                     ) -> dict[tuple[str, str | None], float]:
    """What the ballot limits measure of one ballot: its length and cost, in all and in each
    of `categories` (a project in several counts in each); its points (the least and the
    most on one project, and their sum). Linear in the ballot and the categories."""
    out: dict[tuple[str, str | None], float] = {
        ("length", None): len(ballot.projects),
        ("sum_cost", None): math.fsum(cost[p] for p in ballot.projects)}
    if categories:
        per: dict[str, list[float]] = {c: [] for c in categories}
        for pid in ballot.projects:
            for area in areas[pid]:
                if area in per:
                    per[area].append(cost[pid])
        for area, costs in per.items():
            out[("length", area)] = len(costs)
            out[("sum_cost", area)] = math.fsum(costs)
    if ballot.points is not None:
        out[("least_points", None)] = min(ballot.points, default=0.0)
        out[("most_points", None)] = max(ballot.points, default=0.0)
        out[("sum_points", None)] = math.fsum(ballot.points)
    return out


def read_pabulib(path: str | Path) -> PabulibInstance:
    """Read and check a `.pb` file; InputError naming file, section and line otherwise."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(_m("input.file.not_found"), file=str(path),
                                 hint=_m("input.pb.not_found.hint")))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(Problem(_m("input.pb.too_large", mb=MAX_FILE_BYTES // 2**20),
                                 file=path.name))
    text = decode_text(read_bytes(path, path.name), path.name,
                       hint=_m("input.pb.utf8_hint"))
    return parse_pabulib(text, path.name)


# --- in and out of grantopt ----------------------------------------------------------

FORMAT = "pabulib"
ROUND, SCENARIO = "round", "scenario.toml"
CALL = "call.toml"
# The tables a round folder is read from (optimizer.readers): no copy may bear their names.
ROUND_TABLES = ("applications", "participants", "awards", "scores", "links")
CRITERION = "support"
OPTIMUM, ACTUAL = "optimum", "actual"
MARKS = (OPTIMUM, ACTUAL)
# META keys kept in call.toml [source], as the file gives them.
SOURCE_KEYS = ("country", "unit", "district", "subunit", "instance", "description",
               "date_begin", "date_end", "rule", "language")
# The currency of a file whose META names none, by its country (pabulib's countries).
COUNTRY_CURRENCY = {"poland": "PLN", "netherlands": "EUR", "france": "EUR",
                    "germany": "EUR", "spain": "EUR", "italy": "EUR", "portugal": "EUR",
                    "switzerland": "CHF", "czechia": "CZK", "czech republic": "CZK",
                    "mexico": "MXN", "united kingdom": "GBP", "usa": "USD",
                    "united states": "USD", "canada": "CAD"}
UNKNOWN_CURRENCY = "XXX"  # ISO 4217 for "no currency": the file does not say


@dataclass(frozen=True)
class Imported:
    """What `import_pabulib` wrote, and what the file held."""

    folder: Path
    round: Path
    scenario: Path
    files: tuple[Path, ...]
    projects: int
    ballots: int
    vote_type: str
    budget: float
    currency: str
    selected: int | None  # None: the file has no selected column
    capped_areas: int
    notes: tuple[Message, ...] = ()  # what the file says that is not applied as given


@dataclass(frozen=True)
class Exported:
    """What `write_pabulib` wrote."""

    path: Path
    mark: str  # OPTIMUM or ACTUAL
    selected: tuple[str, ...]
    cost: float
    support: float


# --- import: a round folder and a scenario ---------------------------------------------


def import_pabulib(source: Path | str, out: Path | str, force: bool = False) -> Imported:
    """Read a `.pb` file and write its round folder and scenario into `out` (a new folder,
    or an earlier result with `force`); InputError naming file, section and line."""
    source, out = Path(source), Path(out)
    refuse_round_name(source)
    inst = read_pabulib(source)
    costs_in_units(inst)
    with output_folder(out, [source], force) as stage:
        written = write_import(inst, source, stage)
    return Imported(
        folder=out, round=out / ROUND, scenario=out / SCENARIO,
        files=tuple(relocate(written, stage, out)), projects=len(inst.projects),
        ballots=len(inst.ballots), vote_type=inst.vote_type, budget=inst.budget,
        currency=currency_of(inst), selected=len(inst.selected) if inst.has_selected else None,
        capped_areas=len(inst.category_caps), notes=notes_of(inst))


def refuse_round_name(source: Path) -> None:
    """The import keeps a copy of the .pb file in the round folder under its own name: a
    name the round's own files have (call.toml, applications.csv ...) would write the copy
    over the file made from it, or be read as one."""
    taken = [CALL, *(f"{stem}{suffix}" for stem in ROUND_TABLES for suffix in TABLE_SUFFIXES)]
    if source.name.casefold() in taken:
        raise InputError(Problem(Message.of("input.pabulib.round_name", name=source.name),
                                 file=str(source),
                                 hint=Message.of("input.pabulib.round_name.hint",
                                                 name=f"{source.stem}.pb")))


def write_import(inst: PabulibInstance, source: Path, folder: Path) -> list[Path]:
    """The round folder and the scenario of `inst` inside `folder`; the paths written."""
    round_dir = folder / ROUND
    support = inst.support()
    with csv_dialect("plain"):  # a round is read by grantopt, whatever the user's Excel
        written = [
            write_atomic(round_dir / "applications.csv", applications_csv(inst)),
            write_atomic(round_dir / "scores.csv", scores_csv(support)),
        ]
        if inst.has_selected:
            written.append(write_atomic(round_dir / "awards.csv", awards_csv(inst)))
    written += [
        write_atomic(round_dir / CALL, call_toml(inst, source.name, support)),
        write_atomic(round_dir / source.name, source.read_bytes()),
        write_atomic(folder / SCENARIO, scenario_toml(inst, source.name)),
    ]
    return written


def costs_in_units(inst: PabulibInstance) -> float:
    """The rounding unit: 1 where every cost is whole, else cents; a cost with finer
    fractions cannot be a round's amount."""
    if all(p.cost == int(p.cost) for p in inst.projects):
        return 1.0
    bad = [p for p in inst.projects if round(p.cost, 2) != p.cost]
    if bad:
        raise InputError([Problem(_m("input.pb.at", section=PROJECTS, line=p.line,
                                     problem=_m("input.pb.cents.what", id=p.id)),
                                  file=inst.file, value=p.cost, hint=_m("input.pb.cents.hint"))
                          for p in bad])
    return 0.01


def applicant_of(inst: PabulibInstance, row: Mapping[str, str]) -> str:
    """Who proposed the project: the file's proposer, else the place it belongs to."""
    proposer = row.get("proposer", "").strip()
    if proposer:
        return proposer
    place = [inst.meta_value(k) or "" for k in ("unit", "district")]
    return ", ".join(dict.fromkeys(p for p in place if p)) or inst.file


def applications_csv(inst: PabulibInstance) -> str:
    headers = ["id", "applicant", "project", "requested_eur"]
    with_areas = any(areas_of(inst, p) for p in inst.projects)
    if with_areas:
        headers.append("target_areas")
    below = set(inst.below_threshold())
    if below:
        headers.append("exclusion")
    rows = []
    for p in inst.projects:
        row = dict(zip(inst.project_columns, p.cells, strict=True))
        line: list[object] = [p.id, applicant_of(inst, row), p.name.strip() or p.id,
                              amount(p.cost)]
        if with_areas:
            line.append(";".join(areas_of(inst, p)))
        if below:
            line.append(THRESHOLD_EXCLUSION if p.id in below else "")
        rows.append(line)
    return csv_text(headers, rows)


# --- the outcome rules of META: target areas, caps, the threshold ------------------------


def neighbourhood_area(name: str) -> str:
    """The target area id of a neighbourhood: apart from any category of the same name."""
    return f"{NEIGHBOURHOOD_PREFIX}{name}"


def areas_of(inst: PabulibInstance, p: Project) -> tuple[str, ...]:
    """A project's target areas: its categories, then its neighbourhood where the file caps
    neighbourhoods (budget_per_neighborhood)."""
    places = p.neighborhoods if inst.neighborhood_caps else ()
    return tuple(dict.fromkeys((*p.categories, *map(neighbourhood_area, places))))


def target_areas(inst: PabulibInstance) -> tuple[TargetArea, ...]:
    """Every category, then every neighbourhood (where capped), each with its cap."""
    out = [TargetArea(a, "", a, inst.category_caps.get(a)) for a in inst.categories]
    for name in inst.capped_neighborhoods:
        label = _m("input.pb.neighbourhood", name=name)
        out.append(TargetArea(neighbourhood_area(name), label.text("fi"), label.text("en"),
                              inst.neighborhood_caps.get(name)))
    return tuple(out)


def exclusion_rules(inst: PabulibInstance) -> tuple[ExclusionRule, ...]:
    """The threshold as a scope exclusion: a project scoring below it cannot be funded."""
    if inst.threshold is None or inst.threshold_scores() is None:
        return ()
    rule = _m("input.pb.threshold_scope", threshold=inst.threshold, key=THRESHOLD)
    return (ExclusionRule(THRESHOLD_EXCLUSION, rule.text("fi"), rule.text("en")),)


# --- what is not applied as given: the notes of every output -----------------------------

# call.toml [source] keys that record it (read back by `source_notes`).
NOTE_KEYS = ("not_read", "ballot_limits", "ballot_breaks", THRESHOLD, *COST_RANGE,
             "cost_outside")
FIRST = 3  # ballots named per broken limit


def source_details(inst: PabulibInstance) -> list[tuple[str, str]]:
    """What the notes say, as call.toml [source] keeps it (text; empty ones left out)."""
    honoured = inst.threshold is not None and THRESHOLD not in inst.unread
    pairs = [
        ("not_read", ", ".join(inst.unread)),
        ("ballot_limits", ", ".join(b.key for b in inst.ballot_limits)),
        ("ballot_breaks", "; ".join(f"{b.key} {len(b.broken_by)}"
                                    for b in inst.ballot_limits if b.broken_by)),
        (THRESHOLD, amount(inst.threshold) if honoured and inst.threshold is not None
         else ""),
        *((k, inst.meta_value(k) or "") for k in COST_RANGE),
        ("cost_outside", ", ".join(inst.cost_outside())),
    ]
    return [(k, v) for k, v in pairs if v]


def notes_of(inst: PabulibInstance) -> tuple[Message, ...]:
    """The notes of the import summary and `proportional`: those of every output (below),
    with the first ballots that break each limit, and the neighbourhood caps honoured."""
    first = {b.key: [list(pair) for pair in b.broken_by[:FIRST]] for b in inst.ballot_limits}
    below = len(inst.below_threshold())
    places = ((_m("input.pb.note.neighbourhoods", count=len(inst.neighborhood_caps),
                  key=NEIGHBOURHOOD_CAP, prefix=NEIGHBOURHOOD_PREFIX),)
              if inst.neighborhood_caps else ())
    return places + _notes(dict(source_details(inst)), first, below)


def source_notes(source: Source) -> tuple[Message, ...]:
    """The notes an imported round carries in call.toml [source]: every output of `run`,
    `compare` ... says them (Case.notes)."""
    if source.format != FORMAT:
        return ()
    return _notes(dict(source.details), {}, None)


def _notes(details: Mapping[str, str], first: Mapping[str, list[list[object]]],
           below: int | None) -> tuple[Message, ...]:
    out = []
    if details.get("not_read"):
        out.append(_m("input.pb.note.not_read", keys=_list(details["not_read"])))
    if details.get("ballot_limits"):
        out.append(_m("input.pb.note.ballot_limits", keys=_list(details["ballot_limits"])))
    for part in details.get("ballot_breaks", "").split(";"):
        if part.strip():
            key, _, count = part.strip().rpartition(" ")
            out.append(_m("input.pb.note.ballots_break", key=key, count=int(count),
                          first=first.get(key, [])))
    if details.get(THRESHOLD):
        out.append(_m("input.pb.note.threshold", key=THRESHOLD,
                      threshold=float(details[THRESHOLD]), below=below))
    if details.get("cost_outside"):
        out.append(_m("input.pb.note.cost_outside", ids=list(_list(details["cost_outside"])),
                      low=details.get(COST_RANGE[0], ""), high=details.get(COST_RANGE[1], "")))
    return tuple(out)


def scores_csv(support: Mapping[str, float]) -> str:
    return csv_text(["application_id", "criterion", "score"],
                    [[pid, CRITERION, amount(value)] for pid, value in support.items()])


def awards_csv(inst: PabulibInstance) -> str:
    return csv_text(["application_id", "awarded_eur"],
                    [[p.id, amount(p.cost)] for p in inst.projects if p.selected])


def amount(value: float) -> str:
    """A whole number without a decimal part, else as exact as it is (cents at most)."""
    return str(int(value)) if value == int(value) else repr(value)


def currency_of(inst: PabulibInstance) -> str:
    given = (inst.meta_value("currency") or "").strip().upper()
    if len(given) == 3 and given.isalpha():
        return given
    country = (inst.meta_value("country") or "").strip().casefold()
    return COUNTRY_CURRENCY.get(country, UNKNOWN_CURRENCY)


def title_of(inst: PabulibInstance, name: str) -> str:
    return inst.meta_value("description") or Path(name).stem


def year_of(inst: PabulibInstance) -> int | None:
    """The year of the vote: the last 4-digit year of date_begin, else a year-like instance."""
    for key in ("date_begin", "instance"):
        digits = [w for w in (inst.meta_value(key) or "").replace("-", ".").split(".")
                  if len(w) == 4 and w.isdigit()]
        if digits:
            return int(digits[-1])
    return None


def call_toml(inst: PabulibInstance, name: str, support: Mapping[str, float]) -> str:
    """call.toml of the round: the budget, its currency, the categories and their caps, the
    support criterion, the totals, and where the round came from."""
    number = toml.number
    year = year_of(inst)
    call: list[tuple[str, object]] = [
        ("name", title_of(inst, name)), ("year", year),
        ("appropriation_eur", number(inst.budget)),
        ("rounding_eur", number(costs_in_units(inst))), ("min_parties", 1),
        ("register", False), ("currency", currency_of(inst))]
    totals: list[tuple[str, object]] = [
        ("applications", len(inst.projects)),
        ("requested_eur", number(round(math.fsum(p.cost for p in inst.projects), 2)))]
    if inst.has_selected:
        chosen = [p.cost for p in inst.projects if p.selected]
        totals += [("awards", len(chosen)), ("awarded_eur", number(round(math.fsum(chosen), 2)))]
    lines = [*toml.comments([
        f"Imported from the pabulib file {name} by grantopt import pabulib.",
        "Amounts are in the currency below, whatever the _eur in the column names.",
        "register = false: the applicants are not Finnish municipalities."]), "",
        *toml.table("call", call), *toml.table("totals", totals)]
    notes = notes_of(inst)
    if notes:
        lines[3:3] = toml.comments([line for note in notes
                                    for line in textwrap.wrap(note.text("en"), 86)])
    for area in target_areas(inst):
        lines += toml.table("target_areas", [
            ("id", area.id), ("en", area.en), ("fi", area.fi or None),
            ("max_eur", number(area.max_eur) if area.max_eur is not None else None)],
            array=True)
    for rule in exclusion_rules(inst):
        lines += toml.table("exclusions", [("code", rule.code), ("en", rule.en),
                                           ("fi", rule.fi)], array=True)
    top = max(support.values(), default=0.0)
    lines += toml.table("criteria", [
        ("id", CRITERION), ("en", f"Support ({SUPPORT_WORDS[inst.vote_type]})"),
        ("fi", "Kannatus (äänestäjien tuki hankkeelle)"),
        ("scale", [0, number(top if top > 0 else 1.0)])], array=True)
    source: list[tuple[str, object]] = [
        ("format", FORMAT), ("file", name), ("vote_type", inst.vote_type),
        ("support", SUPPORT_WORDS[inst.vote_type])]
    source += [(k, inst.meta_value(k)) for k in SOURCE_KEYS]
    source += source_details(inst)
    return "\n".join([*lines, *toml.table("source", source)])


def scenario_toml(inst: PabulibInstance, name: str) -> str:
    title = title_of(inst, name)
    about = (f"The utilitarian optimum of {name}: the projects with the most total support "
             f"({SUPPORT_WORDS[inst.vote_type]}) within the budget, each funded whole. The "
             "budget and its rounding come from round/call.toml"
             + (", and so do the city's caps per category and neighbourhood (--set "
                "coverage.max_eur_per_target_area={} lifts them)."
                if inst.category_caps or inst.neighborhood_caps else ".")
             + (" Projects below the file's score threshold are out of scope (call.toml "
                "[[exclusions]]; --set eligibility.exclusions=false admits them)."
                if exclusion_rules(inst) else ""))
    notes = [line for note in notes_of(inst) for line in textwrap.wrap(note.text("en"), 86)]
    lines = [
        *toml.comments(textwrap.wrap(about, 88)), *toml.comments(notes), "",
        *toml.table("scenario", [
            ("name", f"{title}: the utilitarian optimum"),
            ("description", f"Most total support ({inst.vote_type} ballots) within the "
                            "budget, every project funded whole"),
            ("round", ROUND)]),
        *toml.table("scoring", [("source", f"{ROUND}/scores.csv")]),
        *toml.table("objective", [("kind", "score")]),
        *toml.table("funding", [("mode", "full")]),
        "[eligibility]", "# Every project is one proposal: no joint-project rule.",
        *toml.pairs([("joint_rule", False)]), "",
        *toml.table("solver", [("gap", 0.0)]),
    ]
    return "\n".join(lines)


# --- the same round in memory ------------------------------------------------------------

# The scenario `scenario_toml` writes, as changes to a round's defaults (Study.from_round_data).
OPTIMUM_CHANGES = {"objective.kind": "score", "funding.mode": "full",
                   "eligibility.joint_rule": False, "solver.gap": 0.0}


def round_of(inst: PabulibInstance, path: Path) -> Round:
    """The round `import_pabulib` writes, built in memory from the file at `path` (nothing
    written): the same applications, awards and call, read back as the folder would be."""
    unit = costs_in_units(inst)
    apps = []
    below = set(inst.below_threshold())
    for p in inst.projects:
        row = dict(zip(inst.project_columns, p.cells, strict=True))
        apps.append(Application(id=p.id, applicant=applicant_of(inst, row),
                                project=p.name.strip() or p.id, requested_eur=p.cost,
                                target_areas=areas_of(inst, p),
                                exclusion=THRESHOLD_EXCLUSION if p.id in below else None))
    awards = tuple(Award(p.id, p.cost) for p in inst.projects if p.selected)
    return Round(Path(path), _call_of(inst, Path(path).name, unit), tuple(apps),
                 awards=awards, files=(Path(path),))


def _call_of(inst: PabulibInstance, name: str, unit: float) -> CallRules:
    """The CallRules of the call.toml `call_toml` writes."""
    support = inst.support()
    top = max(support.values(), default=0.0)
    chosen = [p.cost for p in inst.projects if p.selected]
    source = [("vote_type", inst.vote_type), ("support", SUPPORT_WORDS[inst.vote_type])]
    source += [(k, v) for k in SOURCE_KEYS if (v := inst.meta_value(k))]
    source += source_details(inst)
    return CallRules(
        name=title_of(inst, name), year=year_of(inst), appropriation_eur=inst.budget,
        rounding_eur=unit, min_parties=1, register=False, currency=currency_of(inst),
        target_areas=target_areas(inst), exclusions=exclusion_rules(inst),
        criteria=(Criterion(CRITERION, "", "Kannatus (äänestäjien tuki hankkeelle)",
                            f"Support ({SUPPORT_WORDS[inst.vote_type]})",
                            (0.0, top if top > 0 else 1.0)),),
        totals=DeclaredTotals(
            applications=len(inst.projects),
            requested_eur=round(math.fsum(p.cost for p in inst.projects), 2),
            awards=len(chosen) if inst.has_selected else None,
            awarded_eur=round(math.fsum(chosen), 2) if inst.has_selected else None),
        source=Source(FORMAT, name, tuple(source)))


def support_scores(inst: PabulibInstance, rnd: Round) -> ScoreTable:
    """The support of every project as the round's one criterion, as scores.csv holds it."""
    support = inst.support()
    return table_from_means(rnd.call.criteria, {(i, CRITERION): v for i, v in support.items()},
                            [a.id for a in rnd.applications], sheet_label(inst.file), None)


# --- export ----------------------------------------------------------------------------


def write_pabulib(allocation: Allocation, out: Path | str, mark: str = OPTIMUM,
                  force: bool = False) -> Exported:
    """The round's `.pb` file with `selected` marking the allocation (`mark` "optimum") or
    the actual decision ("actual"), written atomically to `out`."""
    if mark not in MARKS:
        raise ValueError(f"mark must be one of {', '.join(MARKS)}, not {mark!r}")
    out = Path(out)
    prep = allocation.case
    inst = source_instance(prep.round.path, prep.round.call.source.format,
                           prep.round.call.source.file)
    chosen = set(allocation.funded) if mark == OPTIMUM else prep.actually_funded
    known = {p.id for p in inst.projects}
    unknown = sorted(chosen - known)
    if unknown:
        raise InputError(Problem(
            _m("input.pb.not_projects", ids=unknown, file=inst.file),
            file=inst.file, hint=_m("input.pb.not_projects.hint")))
    refuse_input_file(out, prep.input_paths())
    refuse_existing(out, force)
    rule = f"grantopt: {prep.scenario.title}" if mark == OPTIMUM else None
    write_atomic(out, pabulib_text(inst, chosen, rule))
    support = inst.support()
    picked = tuple(p.id for p in inst.projects if p.id in chosen)
    return Exported(out, mark, picked,
                    math.fsum(p.cost for p in inst.projects if p.id in chosen),
                    math.fsum(support[i] for i in picked))


def source_instance(round_path: Path, fmt: str, file: str) -> PabulibInstance:
    """The `.pb` file a round was imported from (call.toml [source])."""
    if fmt != FORMAT or not file:
        raise InputError(Problem(
            _m("input.pb.not_imported"), file=str(Path(round_path) / "call.toml"),
            hint=_m("input.pb.not_imported.hint", command="grantopt import pabulib")))
    path = Path(round_path) / file
    if not path.is_file():
        raise InputError(Problem(_m("input.pb.missing"), file=str(path),
                                 hint=_m("input.pb.missing.hint")))
    return read_pabulib(path)


def pabulib_text(inst: PabulibInstance, selected: Iterable[str],
                 rule: str | None = None) -> str:
    """The instance as `.pb` text (LF line ends, META with its header row), with PROJECTS
    `selected` set to 1 for `selected` and 0 otherwise; META `rule` replaced when given."""
    chosen = set(selected)
    meta = [(k, rule if k == "rule" and rule is not None else v) for k, v in inst.meta]
    if rule is not None and all(k != "rule" for k, _ in inst.meta):
        meta.append(("rule", rule))
    columns = list(inst.project_columns)
    if "selected" not in columns:
        columns.append("selected")
    at = columns.index("selected")
    projects = []
    for p in inst.projects:
        cells = list(p.cells) + [""] * (len(columns) - len(p.cells))
        cells[at] = "1" if p.id in chosen else "0"
        projects.append(cells)
    return "".join([
        "META\n", _rows([["key", "value"], *map(list, meta)]),
        "PROJECTS\n", _rows([columns, *projects]),
        "VOTES\n", _rows([list(inst.vote_columns), *(list(b.cells) for b in inst.ballots)]),
    ])


def _rows(rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rows)
    return buf.getvalue()
