"""Participatory budgeting (pabulib `.pb` files) in and out of grantopt.

`import_pabulib` turns a `.pb` file into an output folder holding a round folder and a
scenario beside it:

    DIR/round/applications.csv   one application per project: id = project_id, project =
                                 name (or the id), requested_eur = cost, target_areas = the
                                 project's categories, applicant = the proposer where the
                                 file names one, else the place (unit, district)
    DIR/round/scores.csv         one criterion, `support` (readers.pabulib: approvals,
                                 points, or rankings), on the scale 0 .. the most support
    DIR/round/awards.csv         the city's selection (`selected`), each at its cost
    DIR/round/call.toml          budget, rounding, currency, categories and their caps,
                                 `register = false`, and [source]: the file and its META
    DIR/round/<file>.pb          the file itself, unchanged, for writing results back
    DIR/scenario.toml            the utilitarian optimum: objective `score` on the support
                                 sheet, full funding, so the optimum is the most total
                                 support within the budget (and the caps)

Amounts stay in the `_eur` columns whatever the currency; call.toml says which it is. Every
project is funded whole (rounding 1 where every cost is whole, else cents), so the scenario
is exactly the 0-1 knapsack of the support within the budget (and the category caps).

`write_pabulib` writes a solved allocation back: the round's own `.pb` file with its
PROJECTS `selected` column (added when missing) marking the optimum, or the actual
decision, and every other row as the file has it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.errors import InputError, Problem
from optimizer.readers.pabulib import SUPPORT_WORDS, PabulibInstance, read_pabulib
from optimizer.report.files import csv_dialect, csv_text, write_atomic
from optimizer.report.folder import (
    output_folder,
    refuse_existing,
    refuse_input_file,
    relocate,
)

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation

FORMAT = "pabulib"
ROUND, SCENARIO = "round", "scenario.toml"
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


@dataclass(frozen=True)
class Exported:
    """What `write_pabulib` wrote."""

    path: Path
    mark: str  # OPTIMUM or ACTUAL
    selected: tuple[str, ...]
    cost: float
    support: float


# --- import ----------------------------------------------------------------------------


def import_pabulib(source: Path | str, out: Path | str, force: bool = False) -> Imported:
    """Read a `.pb` file and write its round folder and scenario into `out` (a new folder,
    or an earlier result with `force`); InputError naming file, section and line."""
    source, out = Path(source), Path(out)
    inst = read_pabulib(source)
    costs_in_units(inst)
    with output_folder(out, [source], force) as stage:
        written = write_import(inst, source, stage)
    return Imported(
        folder=out, round=out / ROUND, scenario=out / SCENARIO,
        files=tuple(relocate(written, stage, out)), projects=len(inst.projects),
        ballots=len(inst.ballots), vote_type=inst.vote_type, budget=inst.budget,
        currency=currency_of(inst), selected=len(inst.selected) if inst.has_selected else None,
        capped_areas=len(inst.category_caps))


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
        write_atomic(round_dir / "call.toml", call_toml(inst, source.name, support)),
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
        raise InputError([Problem(f"section PROJECTS, line {p.line}: the cost of project "
                                  f"{p.id} has more than two decimals", file=inst.file,
                                  value=p.cost, hint="Costs are amounts of money: write "
                                  "at most cents") for p in bad])
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
    with_areas = any(p.categories for p in inst.projects)
    if with_areas:
        headers.append("target_areas")
    rows = []
    for p in inst.projects:
        row = dict(zip(inst.project_columns, p.cells, strict=True))
        line: list[object] = [p.id, applicant_of(inst, row), p.name.strip() or p.id,
                              amount(p.cost)]
        if with_areas:
            line.append(";".join(p.categories))
        rows.append(line)
    return csv_text(headers, rows)


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
    unit = costs_in_units(inst)
    top = max(support.values(), default=0.0)
    year = year_of(inst)
    call: list[tuple[str, object]] = [("name", title_of(inst, name))]
    if year is not None:
        call.append(("year", year))
    call += [("appropriation_eur", _number(inst.budget)), ("rounding_eur", _number(unit)),
             ("min_parties", 1), ("register", False), ("currency", currency_of(inst))]
    lines = [f"# Imported from the pabulib file {name} by grantopt import pabulib.",
             "# Amounts are in the currency below, whatever the _eur in the column names.",
             "# register = false: the applicants are not Finnish municipalities.", "",
             "[call]", *_pairs(call), ""]
    totals: list[tuple[str, object]] = [
        ("applications", len(inst.projects)),
        ("requested_eur", _number(round(math.fsum(p.cost for p in inst.projects), 2)))]
    if inst.has_selected:
        chosen = [p.cost for p in inst.projects if p.selected]
        totals += [("awards", len(chosen)), ("awarded_eur", _number(round(math.fsum(chosen), 2)))]
    lines += ["[totals]", *_pairs(totals), ""]
    for area in inst.categories:
        pairs: list[tuple[str, object]] = [("id", area), ("en", area)]
        if area in inst.category_caps:
            pairs.append(("max_eur", _number(inst.category_caps[area])))
        lines += ["[[target_areas]]", *_pairs(pairs), ""]
    scale = f"[0, {_toml(_number(top if top > 0 else 1.0))}]"
    lines += ["[[criteria]]", *_pairs([
        ("id", CRITERION), ("en", f"Support ({SUPPORT_WORDS[inst.vote_type]})"),
        ("fi", "Kannatus (äänestäjien tuki hankkeelle)")]), f"scale = {scale}", ""]
    source: list[tuple[str, object]] = [
        ("format", FORMAT), ("file", name), ("vote_type", inst.vote_type),
        ("support", SUPPORT_WORDS[inst.vote_type])]
    source += [(k, v) for k in SOURCE_KEYS if (v := inst.meta_value(k))]
    lines += ["[source]", *_pairs(source), ""]
    return "\n".join(lines)


def scenario_toml(inst: PabulibInstance, name: str) -> str:
    title = title_of(inst, name)
    about = (f"The utilitarian optimum of {name}: the projects with the most total support "
             f"({SUPPORT_WORDS[inst.vote_type]}) within the budget, each funded whole. The "
             "budget and its rounding come from round/call.toml"
             + (", and so do the city's caps per category (--set "
                "coverage.max_eur_per_target_area={} lifts them)." if inst.category_caps
                else "."))
    lines = [
        *(f"# {line}" for line in textwrap.wrap(about, 88)),
        "", "[scenario]", *_pairs([
            ("name", f"{title}: the utilitarian optimum"),
            ("description", f"Most total support ({inst.vote_type} ballots) within the "
                            "budget, every project funded whole"),
            ("round", ROUND)]),
        "", "[scoring]", *_pairs([("source", f"{ROUND}/scores.csv")]),
        "", "[objective]", *_pairs([("kind", "score")]),
        "", "[funding]", *_pairs([("mode", "full")]),
        "", "[eligibility]", "# Every project is one proposal: no joint-project rule.",
        *_pairs([("joint_rule", False)]),
        "", "[solver]", *_pairs([("gap", 0.0)]), "",
    ]
    return "\n".join(lines)


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _pairs(pairs: Iterable[tuple[str, object]]) -> list[str]:
    return [f"{key} = {_toml(value)}" for key, value in pairs]


def _toml(value: object) -> str:
    """A TOML value; a JSON string is a valid TOML basic string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


# --- export ----------------------------------------------------------------------------


def write_pabulib(allocation: Allocation, out: Path | str, mark: str = OPTIMUM,
                  force: bool = False) -> Exported:
    """The round's `.pb` file with `selected` marking the allocation (`mark` "optimum") or
    the actual decision ("actual"), written atomically to `out`."""
    if mark not in MARKS:
        raise ValueError(f"mark must be one of {', '.join(MARKS)}, not {mark!r}")
    out = Path(out)
    prep = allocation.prepared
    inst = source_instance(prep.round.path, prep.round.call.source.format,
                           prep.round.call.source.file)
    chosen = set(allocation.funded) if mark == OPTIMUM else prep.actually_funded
    known = {p.id for p in inst.projects}
    unknown = sorted(chosen - known)
    if unknown:
        raise InputError(Problem(
            f"applications {', '.join(unknown)} are not projects of {inst.file}",
            file=inst.file, hint="The round's applications.csv no longer matches its .pb file"))
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
            "the round was not imported from a pabulib file: its call.toml has no [source] "
            'with format = "pabulib" and file', file=str(Path(round_path) / "call.toml"),
            hint="Import the .pb file with grantopt import pabulib"))
    path = Path(round_path) / file
    if not path.is_file():
        raise InputError(Problem("the pabulib file named in call.toml [source] is missing",
                                 file=str(path), hint="Import the .pb file again"))
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
