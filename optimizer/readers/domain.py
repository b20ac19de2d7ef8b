"""Frozen domain objects of a grant round, as read from a round folder.

Amounts are euros (float, to the cent). Codes are zero-padded strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from optimizer.caching import cached

# The ranges every amount read from a round must lie in (the readers report anything
# outside them with its file, row and column). MAX_EUR is the bound the scenario schema
# imports too: a trillion euros, beyond any appropriation, and exact in float and in
# rounding units.
MAX_EUR = 1e12  # amounts: above 0 and at most this
MIN_ROUNDING_EUR = 0.01  # call.toml rounding_eur: a cent ...
MAX_ROUNDING_EUR = 1e9  # ... to a billion euros, as the scenario's budget.rounding
MAX_PARTIES = 1_000_000  # call.toml min_parties, as the scenario's eligibility.min_parties

PARTY_KINDS = (
    "municipality",
    "joint_authority",
    "municipal_enterprise",
    "company",
    "hospital_district",
    "library",
    "other",
)
# Parties that stand for their owning municipality when counting a joint project.
OWNED_KINDS = ("municipality", "municipal_enterprise", "library", "company")
# Parties that are themselves a cooperation of municipalities and count once.
JOINT_BODY_KINDS = ("joint_authority", "hospital_district")


@dataclass(frozen=True)
class Municipality:
    """A municipality of the register: its names, region and population."""

    code: str
    name_fi: str
    name_sv: str
    region_code: str
    region_fi: str
    population: int


@dataclass(frozen=True, slots=True)  # a large round has hundreds of thousands
class Participant:
    """One party of an application, as the participants file names it."""

    application_id: str
    name: str  # as written in the source
    role: str  # "lead" or "partner"
    kind: str  # one of PARTY_KINDS
    municipality_code: str | None  # the municipality itself, or its owner
    note: str = ""


@dataclass(frozen=True, slots=True)  # a large round has hundreds of thousands
class Application:
    """One application as the round lists it: who applied, for what, how much."""

    id: str
    applicant: str
    project: str
    requested_eur: float
    partners: tuple[str, ...] = ()
    region: str | None = None  # region_fi override of the lead's region
    target_area: str | None = None
    exclusion: str | None = None
    eligible_cost_eur: float | None = None
    language: str | None = None
    notes: str = ""
    target_area_note: str = ""
    exclusion_note: str = ""
    # Several target areas at once (a participatory-budgeting project in several
    # categories); `target_area` keeps the one area of a 2020-style round.
    target_areas: tuple[str, ...] = ()
    # Costs per year, (year, euros) by year, from cost_YYYY columns (issue 14); () if none.
    costs_by_year: tuple[tuple[str, float], ...] = ()

    @property
    def areas(self) -> tuple[str, ...]:
        """Every target area of the application, `target_area` first, each once."""
        first = (self.target_area,) if self.target_area else ()
        return tuple(dict.fromkeys((*first, *self.target_areas)))


class Bilingual:
    """A call.toml text given in Finnish and English (`fi`, `en` fields)."""

    fi: str
    en: str

    def text(self, lang: str) -> str:
        """The text in the language, else in the other one (a call may give only one)."""
        return str(getattr(self, lang, "") or self.en or self.fi)


@dataclass(frozen=True, slots=True)  # a large round has tens of thousands
class Award:
    """One award of the actual decision."""

    application_id: str
    awarded_eur: float
    decision_item: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TargetArea(Bilingual):
    """One of the call's target areas, with its cap where the call sets one."""

    id: str
    fi: str = ""
    en: str = ""
    max_eur: float | None = None  # the call's cap on the awards to the area's projects


@dataclass(frozen=True)
class ExclusionRule:
    """One of the call's rules that leaves an application out of its scope."""

    code: str
    fi: str = ""  # the call's own sentence
    en: str = ""
    name_fi: str = ""  # a short name ("rakennetun ympäristön toimiala"), where the call gives one
    name_en: str = ""

    def name(self, lang: str) -> str:
        """The exclusion as a short noun phrase in the language; the call's sentence, else
        the code, where no short name is given."""
        short = self.name_fi if lang == "fi" else self.name_en
        return short or (self.fi if lang == "fi" else self.en) or self.en or self.code


@dataclass(frozen=True)
class CriterionGroup(Bilingual):
    """A group of the scoring criteria."""

    id: str
    fi: str = ""
    en: str = ""


@dataclass(frozen=True)
class Criterion(Bilingual):
    """One scoring criterion, its group and its scale."""

    id: str
    group: str
    fi: str = ""
    en: str = ""
    scale: tuple[float, float] = (0.0, 5.0)


@dataclass(frozen=True)
class ProxyIndicator(Bilingual):
    """A documented indicator computed from the data, normalised to [0, 1].

    value = clip((f(x) - f(lower)) / (f(upper) - f(lower)), 0, 1), f = identity or ln;
    direction "lower" means smaller raw values are better (value -> 1 - value).
    """

    id: str
    indicator: str  # name of a built-in raw indicator, see scoring.RAW_INDICATORS
    scale: str = "linear"  # "linear" or "log"
    direction: str = "higher"  # "higher" or "lower"
    lower: float = 0.0
    upper: float = 1.0
    weight: float = 1.0
    en: str = ""
    fi: str = ""


@dataclass(frozen=True)
class DeclaredTotals:
    """The totals the decision states, checked against the round's own."""

    applications: int | None = None
    requested_eur: float | None = None
    awards: int | None = None
    awarded_eur: float | None = None


@dataclass(frozen=True)
class Source:
    """Where an imported round came from (call.toml [source]): the format, the original
    file kept in the round folder (for writing a result back), and what it says of itself."""

    format: str = ""  # e.g. "pabulib"
    file: str = ""  # relative to the round folder
    details: tuple[tuple[str, str], ...] = ()  # e.g. ("vote_type", "approval"), as given


@dataclass(frozen=True)
class CallRules:
    """The call's own rules (call.toml): appropriation, rounding, limits."""

    name: str = ""
    name_en: str = ""
    year: int | None = None
    appropriation_eur: float | None = None
    rounding_eur: float = 1.0
    max_cost_share: float | None = None
    min_parties: int = 1
    joint_rule_en: str = ""
    target_areas: tuple[TargetArea, ...] = ()
    exclusions: tuple[ExclusionRule, ...] = ()
    criteria_groups: tuple[CriterionGroup, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    proxies: tuple[ProxyIndicator, ...] = ()
    totals: DeclaredTotals = field(default_factory=DeclaredTotals)
    decision_date: str = ""  # ISO date of the decision, as call.toml gives it
    budget_item: str = ""  # e.g. "28.90.32"
    language: str = ""  # "fi" or "en": the report's language by default ("" = English)
    joint_rule_fi: str = ""
    # False: the applicants are not Finnish municipalities (e.g. an imported participatory
    # budget): names are not looked up in the municipality register and have no region.
    register: bool = True
    currency: str = "EUR"  # of every amount of the round (the columns keep their _eur names)
    source: Source = field(default_factory=Source)

    @property
    def area_caps(self) -> dict[str, float]:
        """Target area id -> the call's cap on its awards, for the areas that have one."""
        return {a.id: a.max_eur for a in self.target_areas if a.max_eur is not None}

    @property
    def group_of(self) -> dict[str, str]:
        """Criterion id -> the id of its group ("" for a criterion in none)."""
        return {c.id: c.group for c in self.criteria}


@dataclass(frozen=True)
class Round:
    """Everything a round folder says. Scores are read separately (scoring.py)."""

    path: Path
    call: CallRules
    applications: tuple[Application, ...]
    participants: tuple[Participant, ...] = ()
    awards: tuple[Award, ...] = ()
    scores_path: Path | None = None  # scores.csv/.xlsx in the folder, if any
    files: tuple[Path, ...] = ()  # every file of the folder that was read

    def application(self, app_id: str) -> Application:
        """The application with this id (KeyError if none); a look-up, not a scan."""
        return self._applications_by_id[app_id]

    def participants_of(self, app_id: str) -> tuple[Participant, ...]:
        return self._participants_by_id.get(app_id, ())

    # Indexes built on first use (a frozen dataclass may cache in its __dict__), so that
    # looking up every application of a large round stays linear, not quadratic.
    @cached
    def _applications_by_id(self) -> dict[str, Application]:
        index: dict[str, Application] = {}
        for app in self.applications:
            index.setdefault(app.id, app)  # the first of a (never read) duplicate id
        return index

    @cached
    def _participants_by_id(self) -> dict[str, tuple[Participant, ...]]:
        groups: dict[str, list[Participant]] = {}
        for p in self.participants:
            groups.setdefault(p.application_id, []).append(p)
        return {k: tuple(v) for k, v in groups.items()}

    @property
    def awarded(self) -> dict[str, float]:
        return {a.application_id: a.awarded_eur for a in self.awards}


@dataclass(frozen=True, slots=True)  # one per application
class Profile:
    """What the register says of one application's parties (see readers.profiles)."""

    application_id: str
    lead_code: str | None  # municipality of the lead (or its owner)
    lead_region: str | None  # region_fi of the lead, or the application's override
    municipality_codes: tuple[str, ...]  # distinct municipalities named (owners included)
    joint_bodies: tuple[str, ...]  # names of joint authorities / hospital districts
    parties: int  # distinct parties counted by the joint-project rule
    population: int  # residents of the named municipalities
    regions: tuple[str, ...]  # distinct region_fi of the named municipalities
    unresolved: tuple[str, ...] = ()  # names that matched no municipality (no participants.csv)
