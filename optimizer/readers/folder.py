"""Read a round folder into a `Round`, and check it.

A round is a folder. Only `applications.csv` (or `.xlsx`) is required; `participants`,
`awards` (CSV or XLSX), `call.toml` and `scores.csv`/`.xlsx` add what the analyses need.

Every reader here collects problems instead of stopping at the first: `read_round`
raises one InputError with all of them, `check_round` returns them in a CheckReport.

The files, one module each: `applications`, `participants`, `awards` (and the declared
totals); `round_files` holds what reading them shares, `fields` the checked fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from optimizer.errors import InputError, Problem
from optimizer.readers.applications import fast_applications, read_applications
from optimizer.readers.awards import check_totals, fast_awards, read_awards
from optimizer.readers.call import CALL_FILE, CallReader
from optimizer.readers.domain import Application, Award, CallRules, Participant, Round
from optimizer.readers.links import link_problems
from optimizer.readers.participants import fast_participants, read_participants
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register
from optimizer.readers.round_files import (
    TABLE_SUFFIXES,
    Ids,
    State,
    complete,
    find_table,
    round_table,
)
from optimizer.readers.rows import Table, paused_gc
from optimizer.vocabulary.message import Message


@dataclass(frozen=True)
class Summary:
    """A round's totals, as `data check` prints them."""

    applications: int = 0
    requested_eur: float = 0.0
    awards: int = 0
    awarded_eur: float = 0.0
    municipalities: int = 0  # distinct municipalities named in the applications
    regions: int = 0  # distinct regions of those municipalities


@dataclass(frozen=True)
class CheckReport:
    """What `check_round` found: the round (None if it has problems), problems, notes."""

    path: Path
    round: Round | None
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()  # informational: aliases used, names not resolved
    summary: Summary = field(default_factory=Summary)

    @property
    def ok(self) -> bool:
        return not self.problems


# The columns a round needs at least, as a hint names them.
_FIRST = ["id", "applicant", "project", "requested_eur"]


def _read(path: str | Path, register: Register) -> tuple[Round | None, State]:
    folder = Path(path)
    state = State(folder, register)
    if not folder.is_dir():
        state.problems.append(Problem(
            Message.of("input.round.not_found"), file=str(folder),
            hint=Message.of("input.round.not_found.hint", stem="applications")))
        return None, state
    call_rules: CallRules | None = CallRules()  # None: call.toml could not be read
    call_path = folder / CALL_FILE
    if call_path.is_file():
        call_rules = CallReader(call_path, state.problems).read()
    call = call_rules or CallRules()
    state.registered = call.register
    apps_path = find_table(state, "applications")
    fast_apps = (fast_applications(state, apps_path, call_rules)
                 if apps_path is not None else None)
    apps_rows: int | None = None  # counted by fast_applications (its table holds no rows)
    apps_table: Table | None
    apps: list[Application]
    requested: float | None
    if fast_apps is not None:
        apps_table, apps, requested, apps_rows = fast_apps
    else:
        apps_table = round_table(state, "applications", apps_path)
    if apps_path is None:
        state.problems.append(Problem(
            Message.of("input.round.no_applications", stem="applications"), file=str(folder),
            hint=Message.of("input.round.no_applications.hint", stem="applications",
                            columns=_FIRST)))
    elif apps_table is not None and not apps_table.rows and fast_apps is None:
        state.problems.append(Problem(
            Message.of("input.round.empty"), file=apps_table.file, row=2,
            hint=Message.of("input.round.empty.hint", columns=_FIRST)))
    if fast_apps is None:
        apps, requested = (read_applications(state, apps_table, call_rules)
                           if apps_table is not None else ([], None))
    by_id = {a.id: a for a in apps}
    check = Ids(apps_path.name if apps_path else "applications.csv", None, state.date_ids)
    if fast_apps is not None:
        check.known = set(by_id)
    elif apps_table is not None and apps_table.rows and "id" in apps_table.columns:
        check.known = {r.get("id") for r in apps_table.rows if r.get("id")}
    participants: list[Participant] = []
    part_path = find_table(state, "participants")
    part_table: Table | None
    fast = (fast_participants(state, part_path, set(by_id), check)
            if part_path is not None and not state.problems else None)
    if fast is not None:
        part_table, participants = fast
    else:
        part_table = round_table(state, "participants", part_path)
        if part_table is not None and complete(part_table, "participants"):
            participants = read_participants(state, part_table, set(by_id), check)
    awards: list[Award] = []
    awarded: float | None = None
    awards_rows: int | None = None  # counted by fast_awards (its table holds no rows)
    awards_path = find_table(state, "awards")
    awards_table: Table | None
    fast_read = (fast_awards(state, awards_path, by_id, check)
                 if awards_path is not None and not state.problems else None)
    if fast_read is not None:
        awards_table, awards, awarded, awards_rows = fast_read
    else:
        awards_table = round_table(state, "awards", awards_path)
        if awards_table is not None and complete(awards_table, "awards"):
            awards, awarded = read_awards(state, awards_table, by_id, check)
    check_totals(state, call, apps_table if apps_table and (apps_table.rows or apps_rows)
                 else None, requested, awards_table, awarded, awards_rows, apps_rows)
    if check.known is not None:  # the links file's ids are checked against the round's
        state.problems += link_problems(folder, check.known)
    scores = [folder / f"scores{s}" for s in TABLE_SUFFIXES if (folder / f"scores{s}").is_file()]
    read = [call_path] if call_path.is_file() else []
    read += [t.path for t in (apps_table, part_table, awards_table) if t is not None and t.path]
    rnd = Round(folder, call, tuple(apps), tuple(participants), tuple(awards),
                scores[0] if scores else None, files=tuple(read))
    if part_table is None:
        for p in profiles(rnd, register).values():
            for name in p.unresolved:
                state.notes.append(Problem(
                    Message.of("input.round.unresolved", name=name, id=p.application_id),
                    file=apps_table.file if apps_table else None, value=name,
                    hint=Message.of("input.round.unresolved.hint")))
    return rnd, state


def read_round(path: str | Path, register: Register | None = None) -> Round:
    """The round in a folder; InputError with every problem found in any of its files."""
    with paused_gc():
        rnd, state = _read(path, register or load_register())
    if state.problems or rnd is None:
        raise InputError(state.problems)
    return rnd


def check_round(path: str | Path, register: Register | None = None) -> CheckReport:
    """Every problem of a round folder, notes, and summary figures of what could be read."""
    register = register or load_register()
    with paused_gc():
        rnd, state = _read(path, register)
    summary = Summary()
    if rnd is not None:
        profs = profiles(rnd, register)
        codes = {c for p in profs.values() for c in p.municipality_codes}
        regions = {r for p in profs.values() for r in p.regions}
        summary = Summary(
            applications=len(rnd.applications),
            requested_eur=round(sum(a.requested_eur for a in rnd.applications), 2),
            awards=len(rnd.awards),
            awarded_eur=round(sum(a.awarded_eur for a in rnd.awards), 2),
            municipalities=len(codes), regions=len(regions),
        )
    return CheckReport(Path(path), rnd if not state.problems else None,
                       tuple(state.problems), tuple(state.notes), summary)
