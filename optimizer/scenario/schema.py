"""The scenario's schema: one frozen dataclass per section, each key with its type and range.

Every way of setting a key (a TOML file, `--set`, `--budget`, `Study.with_changes`, or
`dataclasses.replace` on a section) ends in the section's `__post_init__`, which checks
the value against the key's declared kind and range and raises ScenarioError naming the
key. So all of them share one schema and one set of messages.

Kinds: "str", "float", "int", "bool", "path", "strs" (list of text), "floats" (table of
name -> number), "ranges" (table of name -> [low, high]), or a tuple of allowed words.
`optional` keys may be None ("none" on the command line clears them). Numbers must be
finite and inside the declared range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from optimizer.constants import (
    FairShareBasis,
    Funding,
    LinkKind,
    Objective,
    PartialValue,
    RegionBasis,
    values,
)
from optimizer.errors import GrantoptError, ScenarioError, suggest
from optimizer.readers.domain import MAX_EUR  # one ceiling for every amount, read or set
from optimizer.vocabulary.message import Message

MAX_COUNT = 1_000_000
MAX_SEED = 2**63 - 1


def key(kind: Any, default: Any = None, *, optional: bool = False, lo: float | None = None,
        hi: float | None = None, doc: str = "", from_call: bool = False,
        unit: str = "") -> Any:
    """A section field: its kind, default, range (inclusive) and one line of help.
    `from_call`: a table that, left unset, takes the round's call.toml table (the None
    of the other call defaults cannot say "unset" apart from an empty table). `unit`:
    "eur" or "share" for a number (or a table of them) a person may type as they write it
    ("12 000 000 €", "25 %"; scenario.typed reads it on the command line and in the app)."""
    meta = {"kind": kind, "optional": optional, "lo": lo, "hi": hi, "doc": doc,
            "from_call": from_call, "unit": unit}
    if isinstance(default, dict | list):
        factory = dict if isinstance(default, dict) else tuple
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Section:
    """Base of the sections: checks and normalises every field on construction."""

    section: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f in fields(self):
            path = f"{self.section}.{f.name}"
            object.__setattr__(self, f.name, coerce(path, f.metadata, getattr(self, f.name)))

    @classmethod
    def key_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    """Tuples as lists and tables as dicts, as TOML and JSON write them."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


# --- checking one value ----------------------------------------------------------------


def coerce(path: str, meta: Mapping[str, Any], value: Any) -> Any:
    """`value` checked against the key's kind and range; ScenarioError names `path`."""
    kind = meta["kind"]
    if meta["optional"] and (value is None or (isinstance(value, str)
                                               and value.strip().lower() == "none")):
        return None
    if isinstance(kind, tuple):
        if value not in kind:
            raise ScenarioError(Message.of(
                "scenario.value.choice", key=path, value=value, choices=[repr(k) for k in kind],
                suggest=suggest(str(value), kind)))
        return value
    try:
        value = _CHECKERS[kind](value)
    except Bad as exc:
        raise ScenarioError(Message.of("scenario.value.bad", key=path, value=_shown(value),
                                       problem=exc.message)) from None
    _check_range(path, meta, value)
    return value


class Bad(ValueError):
    """A value of the wrong kind: what was expected, as a catalog message (the key that
    holds the value is added by the caller)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.message = Message.of(code, **params)
        super().__init__(str(self.message))


def located(where: str, exc: GrantoptError) -> str | list[Message]:
    """The messages of `exc` with `where` (a file, a --set) in front of the first."""
    if not exc.messages:  # an error said in English only
        return f"{where}: {exc}"
    first, *rest = exc.messages
    return [Message.of("scenario.at", where=where, problem=first), *rest]


def renamed(exc: GrantoptError, old: str, new: str) -> str | list[Message]:
    """The messages of `exc` naming `new` where they named the key `old` (--budget)."""
    if not exc.messages:
        return str(exc).replace(old, new, 1)
    return [Message(m.code, tuple((k, new if v == old else v) for k, v in m.params))
            for m in exc.messages]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_range(path: str, meta: Mapping[str, Any], value: Any) -> None:
    lo, hi = meta["lo"], meta["hi"]
    if lo is None or not isinstance(value, int | float):
        return
    if not lo <= value <= hi:
        if hi == math.inf:
            raise ScenarioError(Message.of("scenario.range.at_least", key=path, value=value,
                                           lo=lo))
        raise ScenarioError(Message.of("scenario.range.between", key=path, value=value, lo=lo,
                                       hi=_bound(hi)))


def _bound(x: float) -> str:
    """A range's end as a person reads it: 1e+12 stays short, a whole 2**63 - 1 is exact."""
    return f"{x:g}" if not float(x).is_integer() or x < 1e15 else str(int(x))


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Bad("scenario.type.number")
    try:
        number = float(value)
    except OverflowError:
        raise Bad("scenario.type.too_large") from None
    if not math.isfinite(number):
        raise Bad("scenario.type.finite")
    return number


def _as_int(value: Any) -> int:
    if isinstance(value, float) and not math.isfinite(value):
        raise Bad("scenario.type.finite_whole")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise Bad("scenario.type.whole")
    return int(value)


def _as_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad("scenario.type.bool")
    return value


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad("scenario.type.string")
    return value


def _as_strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise Bad("scenario.type.strings")
    return tuple(value)


def _as_floats(value: Any) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise Bad("scenario.type.floats")
    out = {}
    for k, v in value.items():
        try:
            out[str(k)] = _as_float(v)
        except Bad as exc:
            raise Bad("scenario.type.entry", name=k, problem=exc.message) from None
    return out


def _as_ranges(value: Any) -> dict[str, tuple[float, float]]:
    if not isinstance(value, Mapping):
        raise Bad("scenario.type.ranges")
    out = {}
    for k, v in value.items():
        if not isinstance(v, list | tuple) or len(v) != 2:
            raise Bad("scenario.type.range_pair", name=k)
        lo, hi = (_as_float(x) for x in v)
        if lo > hi:
            raise Bad("scenario.type.range_order", name=k, lo=lo, hi=hi)
        out[str(k)] = (lo, hi)
    return out


def _as_statements(value: Any) -> tuple[str, ...]:
    """Weight statements: a list of texts, or one text with ";" between statements (a
    comma may be a decimal comma); each is parsed here, so a typo is reported at once."""
    from optimizer.scenario.statements import parse_statement

    if isinstance(value, str):
        value = [v for v in value.split(";") if v.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise Bad("scenario.type.strings")
    out = tuple(v.strip() for v in value)
    for text in out:
        parse_statement(text)
    return out


def _as_groups(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise Bad("scenario.type.groups")
    out = {}
    for k, v in value.items():
        if isinstance(v, str):
            v = [x.strip() for x in v.split(",") if x.strip()]
        if not isinstance(v, list | tuple) or not v or not all(isinstance(x, str) for x in v):
            raise Bad("scenario.type.groups")
        out[str(k)] = tuple(v)
    return out


# --- funding pools (issue 14): a list of tables, each a name, an appropriation and a selector

# Pool key -> its checker. The selector keys combine with "and"; a pool with none admits
# every application. `others` admits the applications no pool without `others` admits.
POOL_KEYS: dict[str, Any] = {
    "name": _as_str, "appropriation_eur": _as_float, "regions": _as_strs,
    "target_areas": _as_strs, "min_requested_eur": _as_float, "max_requested_eur": _as_float,
    "column": _as_str, "values": _as_strs, "ids": _as_strs, "min_lead_population": _as_int,
    "max_lead_population": _as_int, "others": _as_bool,
}
MAX_POOLS = 12  # model.verify checks every set of pools (2**13 sets at most)
POOL_EXAMPLE = '[[budget.pools]] name = "small", appropriation_eur = 2e6, regions = ["Kainuu"]'


def _as_pools(value: Any) -> tuple[dict[str, Any], ...]:
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise Bad("scenario.pool.not_list", example=POOL_EXAMPLE)
    if len(value) > MAX_POOLS:
        raise Bad("scenario.pool.too_many", n=len(value), most=MAX_POOLS)
    out = tuple(_as_pool(n, table) for n, table in enumerate(value, start=1))
    names = [p["name"] for p in out]
    for name in names:
        if names.count(name) > 1:
            raise Bad("scenario.pool.same_name", name=name)
    return out


def _as_pool(n: int, table: Mapping[str, Any]) -> dict[str, Any]:
    name_ = table.get("name")
    where = Message.of("scenario.pool.where", n=n,
                       name=f" ({name_!r})" if isinstance(name_, str) else "")
    out: dict[str, Any] = {}
    for name, raw in table.items():
        if name not in POOL_KEYS:
            raise Bad("scenario.pool.unknown_key", where=where, name=name,
                      suggest=suggest(name, POOL_KEYS), keys=list(POOL_KEYS))
        try:
            out[name] = POOL_KEYS[name](raw)
        except Bad as exc:
            raise Bad("scenario.pool.bad_value", where=where, name=name, value=_shown(raw),
                      problem=exc.message) from None
    _check_pool(where, out)
    return out


def _check_pool(where: Message, out: Mapping[str, Any]) -> None:
    for needed in ("name", "appropriation_eur"):
        if needed not in out:
            raise Bad("scenario.pool.missing", where=where, needed=needed)
    if not out["name"].strip():
        raise Bad("scenario.pool.empty_name", where=where)
    if not 0 <= out["appropriation_eur"] <= MAX_EUR:
        raise Bad("scenario.pool.appropriation", where=where, hi=_bound(MAX_EUR))
    if ("column" in out) != ("values" in out):
        raise Bad("scenario.pool.column_values", where=where)
    for low, high in (("min_requested_eur", "max_requested_eur"),
                      ("min_lead_population", "max_lead_population")):
        if out.get(low, 0) < 0 or out.get(high, 0) < 0:
            raise Bad("scenario.pool.negative", where=where, low=low, high=high)
        if low in out and high in out and out[low] > out[high]:
            raise Bad("scenario.pool.order", where=where, low=low, lo=out[low], high=high,
                      hi=out[high])


_CHECKERS = {
    "float": _as_float, "int": _as_int, "bool": _as_bool, "str": _as_str, "path": _as_str,
    "strs": _as_strs, "floats": _as_floats, "ranges": _as_ranges, "pools": _as_pools,
    "statements": _as_statements, "groups": _as_groups,
}


# --- the sections ----------------------------------------------------------------------


@dataclass(frozen=True)
class AboutSection(Section):
    """The [scenario] section: its title and what it asks."""

    section: ClassVar[str] = "scenario"
    name: str = key("str", "", doc="Title of the scenario, shown on every output")
    description: str = key("str", "", doc="One sentence on what the scenario asks")
    name_fi: str = key("str", "", doc="The name in Finnish, for Finnish outputs")
    description_fi: str = key("str", "", doc="The description in Finnish")
    round: str | None = key("path", optional=True,
                            doc="The round folder, relative to the scenario file")
    extends: str | None = key("path", optional=True,
                              doc="Another scenario file whose keys this one starts from")


@dataclass(frozen=True)
class BudgetSection(Section):
    """The [budget] section: the appropriation and how awards are rounded."""

    section: ClassVar[str] = "budget"
    appropriation: float | None = key("float", optional=True, lo=0.0, hi=MAX_EUR, unit="eur",
                                      doc="Euros to award (default: call.toml)")
    rounding: float | None = key("float", optional=True, lo=0.01, hi=1e9, unit="eur",
                                 doc="Awards are whole multiples of this (default: call.toml)")
    min_spend: float = key("float", 0.0, lo=0.0, hi=MAX_EUR, unit="eur",
                           doc="Spend at least this much")
    # Funding pools and several years (issue 14, items 2 and 3).
    pools: tuple[dict[str, Any], ...] = key(
        "pools", [], doc="Funding pools ([[budget.pools]]): name, appropriation_eur and who "
                         "may draw on it (regions, target_areas, min/max_requested_eur, "
                         "column + values, ids, min/max_lead_population, others)")
    shared_remainder: bool = key("bool", False,
                                 doc="What a pool leaves unspent may fund any application")
    years: dict[str, float] = key("floats", {}, unit="eur",
                                  doc="Appropriation per year, year = euros ([budget.years])")
    carry_over: bool = key("bool", False,
                           doc="What a year leaves unspent may be paid in later years")
    year_split: dict[str, float] = key(
        "floats", {}, unit="share",
        doc="Share of every award paid in each year, year = share (summing to 1): the "
            "scenario's assumption, replacing the round's costs per year")

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("years", "year_split"):
            for year, amount in getattr(self, name).items():
                if not (len(year) == 4 and year.isdigit()):
                    raise ScenarioError(Message.of("scenario.year.not_year",
                                                   key=f"budget.{name}", year=year))
                hi = 1.0 if name == "year_split" else MAX_EUR
                if not 0 <= amount <= hi:
                    raise ScenarioError(Message.of("scenario.range.between",
                                                   key=f"budget.{name}.{year}", value=amount,
                                                   lo=0, hi=_bound(hi)))
        total = sum(self.year_split.values())
        if self.year_split and abs(total - 1) > 1e-9:
            raise ScenarioError(Message.of("scenario.year.split_sum", total=total))


@dataclass(frozen=True)
class ScoringSection(Section):
    """The [scoring] section: where the scores come from and their weights."""

    section: ClassVar[str] = "scoring"
    source: str | None = key("str", optional=True,
                             doc='"proxy" or a scoring sheet (default: the round\'s scores)')
    min_score: float = key("float", 0.0, lo=0.0, hi=1.0,
                           doc="Applications scoring below this are not fundable")
    weights: dict[str, float] = key("floats", {},
                                    doc="Weights of criteria, groups or proxies (normalised)")


@dataclass(frozen=True)
class ObjectiveSection(Section):
    """The [objective] section: what the funded portfolio maximises."""

    section: ClassVar[str] = "objective"
    kind: str = key(values(Objective), "score",
                    doc='"score": sum of project scores; "score_euros": score x euros')
    partial_value: str = key(values(PartialValue), "proportional",
                             doc="An award below the project's need counts in proportion, "
                                 "or whole")


@dataclass(frozen=True)
class FundingSection(Section):
    """The [funding] section: full awards only, or partial ones too."""

    section: ClassVar[str] = "funding"
    mode: str = key(values(Funding), "full", doc="Full awards only, or partial ones too")
    min_share: float = key("float", 0.5, lo=0.0, hi=1.0, unit="share",
                           doc="Partial: award at least this share of the maximum")
    max_per_project: float | None = key("float", optional=True, lo=0.0, hi=MAX_EUR, unit="eur",
                                        doc="Cap on any award")
    max_cost_share: float | None = key("float", optional=True, lo=0.0, hi=1.0, unit="share",
                                       doc="Award at most this share of eligible costs")


@dataclass(frozen=True)
class EligibilitySection(Section):
    """The [eligibility] section: who may be funded."""

    section: ClassVar[str] = "eligibility"
    joint_rule: bool = key("bool", True, doc="Only joint projects of several parties")
    min_parties: int | None = key("int", optional=True, lo=1, hi=MAX_COUNT,
                                  doc="Parties a joint project needs (default: call.toml)")
    exclusions: bool = key("bool", True, doc="Apply the call's scope exclusions")


@dataclass(frozen=True)
class CoverageSection(Section):
    """The [coverage] section: the regional and target-area rules."""

    section: ClassVar[str] = "coverage"
    region_basis: str = key(values(RegionBasis), "lead",
                            doc="A project covers its lead's region, or every participant's")
    min_projects_per_region: int = key("int", 0, lo=0, hi=MAX_COUNT,
                                       doc="Projects in every region with an applicant")
    min_regions: int = key("int", 0, lo=0, hi=MAX_COUNT, doc="Regions covered at least")
    max_region_share: float | None = key("float", optional=True, lo=0.0, hi=1.0, unit="share",
                                         doc="Share of the appropriation led from one region")
    min_projects_per_target_area: int = key("int", 0, lo=0, hi=MAX_COUNT,
                                            doc="Projects in every target area")
    max_awards_per_lead: int | None = key("int", optional=True, lo=1, hi=MAX_COUNT,
                                          doc="Awards one lead applicant may get")
    lead_basis: str = key(("municipality", "applicant"), "municipality",
                          doc="Who counts as one lead applicant for max_awards_per_lead: the "
                              "lead's municipality (its enterprises and libraries are it) or "
                              "the applicant as written")
    max_eur_per_target_area: dict[str, float] = key(
        "floats", {}, from_call=True, unit="eur",
        doc="Cap on the awards of each target area's funded projects, area id = euros "
            "(default: call.toml's; {} for none)")
    fair_share_basis: str | None = key(
        values(FairShareBasis), optional=True,
        doc="Fair shares by region: each region's share of the awarded euros is compared "
            "with its share of the population or of the requested euros (none: off)")
    fair_share_min: float | None = key(
        "float", optional=True, lo=0.0, hi=1.0,
        doc="Each region gets at least this multiple of its fair share (e.g. 0.5)")
    fair_share_max: float | None = key(
        "float", optional=True, lo=1.0, hi=1000.0,
        doc="Each region gets at most this multiple of its fair share (e.g. 2.0)")

    def __post_init__(self) -> None:
        super().__post_init__()
        for area, cap in self.max_eur_per_target_area.items():
            if not 0 <= cap <= MAX_EUR:
                raise ScenarioError(Message.of(
                    "scenario.range.between", key=f"coverage.max_eur_per_target_area.{area}",
                    value=cap, lo=0, hi=_bound(MAX_EUR)))


@dataclass(frozen=True)
class LocksSection(Section):
    """The [locks] section: applications forced in or out."""

    section: ClassVar[str] = "locks"
    fund: tuple[str, ...] = key("strs", [], doc="Application ids forced in")
    reject: tuple[str, ...] = key("strs", [], doc="Application ids forced out")


@dataclass(frozen=True)
class SolverSection(Section):
    """The [solver] section: how the optimum is found."""

    section: ClassVar[str] = "solver"
    name: str = key(("cbc", "highs"), "cbc", doc="Integer-program solver")
    method: str = key(("auto", "ip", "dp"), "auto",
                      doc='"dp": knapsack DP (budget-only); "ip"; "auto": DP where exact')
    time_limit: float | None = key("float", 60.0, optional=True, lo=0.0, hi=1e6,
                                   doc="Seconds per solve")
    gap: float = key("float", 0.0, lo=0.0, hi=1.0, doc="Relative gap; 0 = proven optimal")


@dataclass(frozen=True)
class RobustnessSection(Section):
    """The [robustness] section: how the weights are drawn."""

    section: ClassVar[str] = "robustness"
    weights: str = key(("simplex", "intervals", "rank"), "simplex",
                       doc="How weights are drawn")
    intervals: dict[str, tuple[float, float]] = key("ranges", {},
                                                    doc="Weight intervals per criterion")
    rank: tuple[str, ...] = key("strs", [], doc="Criteria, most important first")
    score_noise: float = key("float", 0.0, lo=0.0, hi=1.0, doc="Noise sd on every value")
    resample_evaluators: bool = key("bool", False, doc="Bootstrap the evaluator panel")
    samples: int = key("int", 500, lo=1, hi=10_000_000, doc="Draws")
    seed: int = key("int", 2020, lo=0, hi=MAX_SEED, doc="Seed of every draw")
    core: float = key("float", 0.9, lo=0.0, hi=1.0, doc="Acceptability of the core")
    exterior: float = key("float", 0.1, lo=0.0, hi=1.0, doc="Acceptability of the exterior")
    # Robust portfolios (RPM): the weights are only known to meet these statements.
    statements: tuple[str, ...] = key("statements", [],
                                      doc="Weight statements, e.g. 'A >= B >= C', '0.2 <= B'")
    groups: dict[str, tuple[str, ...]] = key("groups", {},
                                             doc="Groups of criteria the statements may name")
    score_interval: float = key("float", 0.0, lo=0.0, hi=1.0, unit="share",
                                doc="Each criterion value known within ± this share")
    evaluator_intervals: bool = key("bool", False,
                                    doc="Score intervals from the evaluators' lowest to highest")
    max_portfolios: int = key("int", 2000, lo=1, hi=100_000,
                              doc="Most non-dominated portfolios listed")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.exterior >= self.core:
            raise ScenarioError(Message.of("scenario.robustness.order"))


SECTIONS: dict[str, type[Section]] = {
    cls.section: cls for cls in (
        AboutSection, BudgetSection, ScoringSection, ObjectiveSection, FundingSection,
        EligibilitySection, CoverageSection, LocksSection, SolverSection, RobustnessSection)
}


# --- links between applications ([[links]] tables; issue 14) -------------------------

LINK_KINDS = values(LinkKind)  # plain strings: messages show their repr
LINK_KEYS = ("kind", "ids", "requires", "bonus", "saving_eur", "note")
MAX_BONUS = 100.0  # score points; a project's own score is at most 1


@dataclass(frozen=True)
class LinkSpec:
    """One [[links]] table: `kind`, the `ids` it links; for "requires" the id they need
    (`requires`); for "synergy" a `bonus` in score points and/or a `saving_eur`."""

    kind: str
    ids: tuple[str, ...]
    requires: str | None = None
    bonus: float = 0.0
    saving_eur: float = 0.0
    note: str = ""
    where: str = field(default="links", compare=False, repr=False)  # for messages

    def __post_init__(self) -> None:
        w = self.where
        if self.kind not in LINK_KINDS:
            raise ScenarioError(Message.of(
                "scenario.value.choice", key=f"{w}.kind", value=self.kind,
                choices=[repr(k) for k in LINK_KINDS], suggest=suggest(str(self.kind),
                                                                       LINK_KINDS)))
        ids = coerce(f"{w}.ids", _LINK_META["strs"], self.ids)
        object.__setattr__(self, "ids", tuple(i.strip() for i in ids))
        for name in ("bonus", "saving_eur"):
            meta = {**_LINK_META["float"], "hi": MAX_BONUS if name == "bonus" else MAX_EUR}
            object.__setattr__(self, name, coerce(f"{w}.{name}", meta, getattr(self, name)))
        if self.requires is not None:
            object.__setattr__(self, "requires", coerce(f"{w}.requires", _LINK_META["str"],
                                                        self.requires).strip())
        object.__setattr__(self, "note", coerce(f"{w}.note", _LINK_META["str"], self.note))
        self._check_shape()

    def _check_shape(self) -> None:
        w, ids = self.where, self.ids
        least = 1 if self.kind == "requires" else 2
        if len(ids) < least or len(set(ids)) != len(ids) or not all(ids):
            raise _at(f"{w}.ids = {list(ids)!r}", "scenario.link.ids", kind=self.kind,
                      least=least)
        if (self.kind == "requires") != (self.requires is not None):
            raise _at(f"{w}.requires", "scenario.link.requires",
                      example=self.kind == "requires")
        if self.requires in ids:
            raise _at(w, "scenario.link.self", id=self.requires)
        if self.kind != "synergy" and (self.bonus or self.saving_eur):
            raise _at(w, "scenario.link.not_synergy")
        if self.kind == "synergy" and not (self.bonus or self.saving_eur):
            raise _at(w, "scenario.link.synergy_empty")

    @classmethod
    def from_table(cls, table: Any, where: str) -> LinkSpec:
        """A [[links]] table (or a dict from Python or --set), every key checked."""
        if isinstance(table, LinkSpec):
            return table
        if not isinstance(table, Mapping):
            raise _at(where, "scenario.link.not_table")
        for name in table:
            if name not in LINK_KEYS:
                raise _at(where, "scenario.link.unknown_key", name=name, keys=list(LINK_KEYS),
                          suggest=suggest(str(name), LINK_KEYS))
        for name in ("kind", "ids"):
            if name not in table:
                raise _at(where, "scenario.link.missing_key", name=name)
        return cls(**{k: v for k, v in table.items()}, where=where)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "ids": list(self.ids)}
        if self.requires is not None:
            out["requires"] = self.requires
        out.update({k: getattr(self, k) for k in ("bonus", "saving_eur") if getattr(self, k)})
        if self.note:
            out["note"] = self.note
        return out

    def __str__(self) -> str:
        ids = ", ".join(self.ids)
        if self.kind == "requires":
            return f"{ids} requires {self.requires}"
        return f"{self.kind} {ids}"


_LINK_META: dict[str, dict[str, Any]] = {
    kind: {"kind": kind, "optional": False, "lo": 0.0 if kind == "float" else None,
           "hi": None, "doc": "", "from_call": False} for kind in ("strs", "float", "str")}


def link_specs(value: Any, where: str = "links") -> tuple[LinkSpec, ...]:
    """A list of [[links]] tables, each checked (`where`[n] names the bad one)."""
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list | tuple):
        raise _at(where, "scenario.link.not_list")
    return tuple(LinkSpec.from_table(t, f"{where}[{n}]") for n, t in enumerate(value, 1))


def _at(where: str, code: str, **params: Any) -> ScenarioError:
    """A ScenarioError saying `where: <the message>`."""
    return ScenarioError(Message.of("scenario.at", where=where,
                                    problem=Message.of(code, **params)))


def field_meta(section: str, name: str) -> Mapping[str, Any]:
    return next(f.metadata for f in fields(SECTIONS[section]) if f.name == name)
