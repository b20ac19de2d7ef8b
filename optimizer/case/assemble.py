"""From a scenario file to an Instance: the one path every command takes.

scenario -> round folder -> register profiles -> scores -> eligibility -> Instance.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from optimizer.case.funds import with_pools_and_years
from optimizer.case.lines import ApplicationLine, application_lines
from optimizer.case.rules import coverage_rules
from optimizer.constants import Funding, PartialValue
from optimizer.errors import ScenarioError, suggest
from optimizer.model.instance import (
    FULL,
    PARTICIPANTS,
    POPULATION,
    Exclusion,
    Instance,
    Item,
    Link,
    Pool,
    Rules,
)
from optimizer.money import to_units
from optimizer.readers import profiles as round_profiles
from optimizer.readers import read_round
from optimizer.readers.domain import Application, Profile, Round
from optimizer.readers.links import links_path, read_links
from optimizer.readers.register import Register, load_register
from optimizer.readers.rows import paused_gc
from optimizer.scenario import Scenario, load_scenario, with_defaults
from optimizer.scenario.schema import LinkSpec
from optimizer.scoring import ScoreTable, load_scores, sheet_path
from optimizer.scoring.eligibility import Eligibility, assess
from optimizer.scoring.weights import resolve_weights
from optimizer.vocabulary.message import Message

UNKNOWN_REGION = "(unknown region)"
_NO_AREAS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    """One round and one scenario assembled: the resolved scenario, its round, the scores,
    eligibility and the instance the model solves. The faces read it through its views
    (below), never through the instance."""

    scenario: Scenario
    round: Round
    profiles: Mapping[str, Profile]
    scores: ScoreTable
    eligibility: Eligibility
    instance: Instance
    actual_eur: Mapping[str, float]  # the actual decision, id -> awarded €
    labels: Mapping[str, str]  # id -> lead applicant as written
    region_population: Mapping[str, int]
    register: Register | None = None
    score_path: Path | None = None  # the scoring sheet read, if any

    @property
    def is_proxy(self) -> bool:
        return self.scores.is_proxy

    @property
    def unit_eur(self) -> float:
        return self.instance.rules.unit_eur

    def score_fields(self) -> dict[str, Any]:
        """Where the scores come from, and what the reader could not place, for every
        machine-readable output."""
        return {"score_source": self.scores.source, "score_label": self.scores.label,
                "notes": [str(n) for n in self.notes]}

    @property
    def notes(self) -> tuple[Message, ...]:
        """What every output must say beside its figures: names that matched nothing, pools
        that admit no fundable application, a value model that rewards cutting awards."""
        notes = (unresolved_notes(self.profiles) + empty_pool_notes(self.scenario, self.pools)
                 + whole_value_notes(self.scenario))
        source = self.round.call.source
        if not source.format:  # a round of its own folder: no importer's notes to load
            return notes
        from optimizer.formats.pabulib import source_notes  # an imported round's own notes

        return notes + source_notes(source)

    def input_paths(self) -> tuple[Path, ...]:
        """Every folder and file the scenario was read from (outputs never go there)."""
        paths = [self.round.path, *self.round.files, *self.scenario.files]
        paths += [p for p in (links_path(self.round.path),) if p is not None]
        paths += [p.parent for p in self.scenario.files]
        if self.score_path is not None:
            paths.append(self.score_path)
        return tuple(paths)

    @property
    def actually_funded(self) -> set[str]:
        """Ids the actual decision funded (empty when the round has no awards)."""
        return {i for i, e in self.actual_eur.items() if e > 0}

    def region_splits(self, basis: str | None = None) -> dict[str, dict[str, float]]:
        """Per application of the round: its regions and each one's share of its award, on
        the scenario's region basis (see analysis.regions)."""
        basis = basis or self.instance.rules.region_basis
        return {app.id: region_split(app, self.profiles.get(app.id), self.register, basis)
                for app in self.round.applications}

    def actual_decision_units(self) -> dict[str, int] | None:
        """The actual decision in units, awards outside the instance included (they count
        in the spend and are reported as not fundable under the scenario); None without
        awards."""
        if not self.round.awards:
            return None
        return {i: to_units(e, self.unit_eur) for i, e in self.actual_eur.items() if e > 0}


    # --- views: what the faces show, read here so that they read no model internals ----

    @property
    def objective(self) -> str:
        """What is maximised: "score" or "score_euros"."""
        return self.instance.rules.objective

    @property
    def partial_value(self) -> str:
        """How a capped or partial award counts: "proportional" or "whole"."""
        return self.instance.rules.partial_value

    @property
    def region_basis(self) -> str:
        return self.instance.rules.region_basis

    @property
    def full_funding(self) -> bool:
        return self.instance.rules.mode == FULL

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link between applications the scenario and the round give."""
        return self.instance.rules.links

    @property
    def pools(self) -> tuple[Pool, ...]:
        return self.instance.rules.pools

    @property
    def shared_remainder(self) -> bool:
        return self.instance.rules.shared_remainder

    @property
    def years(self) -> dict[str, float]:
        """Year -> its appropriation in euros (empty without yearly appropriations)."""
        return {y: c / 100 for y, c in self.instance.rules.year_cents.items()}

    @property
    def carry_over(self) -> bool:
        return self.instance.rules.carry_over

    @property
    def locked_out(self) -> frozenset[str]:
        return frozenset(self.scenario.locks.reject)

    @property
    def excluded(self) -> tuple[Exclusion, ...]:
        """The applications that cannot be funded under the scenario, with every reason."""
        return self.instance.excluded

    @property
    def fundable(self) -> tuple[str, ...]:
        """The ids of the applications that can be funded, in the round's order."""
        return self.instance.ids

    def is_fundable(self, item_id: str) -> bool:
        return self.instance.has(item_id)

    def score(self, item_id: str) -> float | None:
        """The project score of a fundable application (None: not fundable)."""
        return self.instance.item(item_id).score if self.instance.has(item_id) else None

    def lead_region(self, item_id: str) -> str:
        """The region the application counts for by its lead (the model's reading)."""
        if self.instance.has(item_id):
            return self.instance.item(item_id).lead_region
        app = self.round.application(item_id)
        prof = self.profiles.get(item_id)
        return app.region or (prof.lead_region if prof else None) or UNKNOWN_REGION

    @property
    def weights(self) -> dict[str, float]:
        """Criterion (or indicator) id -> its normalised weight in the project score."""
        return dict(zip(self.instance.criteria_ids, self.instance.weights, strict=True))

    @property
    def projects(self) -> Mapping[str, str]:
        """Id -> project name, for every application of the round."""
        return self.instance.projects

    def application_lines(self, units: Mapping[str, int]) -> list[ApplicationLine]:
        """Every application of the round beside the awards `units` (case.lines)."""
        return application_lines(self, units)

    def coverage_rules(self) -> list[Message]:
        """The coverage rules that are on, one message each (case.rules)."""
        return coverage_rules(self.scenario, self.round.call)

    @property
    def budget_units(self) -> int:
        """The appropriation in rounding units."""
        return self.instance.rules.budget_units

    @property
    def most_units(self) -> int:
        """Every fundable application at its largest award, in units (locked-out ones are not
        in the instance): the most that any appropriation can buy."""
        return sum(it.max_units for it in self.instance.items)

    @property
    def fundable_max_eur(self) -> float:
        """most_units in euros (the most an appropriation can usefully be)."""
        return self.most_units * self.unit_eur

    def need_units(self, item_id: str) -> int:
        """What a fundable application needs, in units: the value model's n_i."""
        return self.instance.item(item_id).need

    def full_award(self, item_id: str) -> tuple[float, float]:
        """A fundable application's largest award in euros and what that award is worth
        under the objective (the value model's one definition, Instance.item_value)."""
        item = self.instance.item(item_id)
        return (round(item.max_units * self.unit_eur, 2),
                self.instance.item_value(item, item.max_units))


def region_split(app: Application, prof: Profile | None, register: Register | None,
                 basis: str) -> dict[str, float]:
    """An application's regions and each one's share of its award on the region basis: by
    the lead, all to the lead's region; by the participants, in proportion to the residents
    of its named municipalities in each region (equally when none is known)."""
    lead = app.region or (prof.lead_region if prof else None) or UNKNOWN_REGION
    if basis != PARTICIPANTS or prof is None or register is None:
        return {lead: 1.0}
    people: dict[str, float] = {lead: 0.0}
    for code in prof.municipality_codes:
        m = register.by_code(code)
        people[m.region_fi] = people.get(m.region_fi, 0.0) + m.population
    total = sum(people.values())
    return ({r: n / total for r, n in people.items() if n} if total
            else {r: 1 / len(people) for r in people})


def unresolved_notes(profiles: Mapping[str, Profile]) -> tuple[Message, ...]:
    """One note per party name that matched no municipality: it is counted as no one, so
    the joint-project rule and the proxy indicators leave it out (never a silent change)."""
    return tuple(Message.of("case.unresolved", id=p.application_id, name=name)
                 for p in profiles.values() for name in p.unresolved)


def empty_pool_notes(scenario: Scenario, pools: Sequence[Pool]) -> tuple[Message, ...]:
    """One note per pool with an appropriation that admits no fundable application: no
    award can draw on it, so its euros stay unspent (never a silent loss)."""
    euros = {spec["name"]: spec["appropriation_eur"] for spec in scenario.budget.pools}
    return tuple(Message.of("case.empty_pool", name=pool.name, appropriation=euros[pool.name])
                 for pool in pools if not pool.members and euros.get(pool.name, 0) > 0)


def whole_value_notes(scenario: Scenario) -> tuple[Message, ...]:
    """partial_value = "whole" counts a cut award as the whole project: with partial funding
    or a cap per project the optimum then funds many projects at their smallest award, and
    a cap can raise the value above the uncapped optimum. Said beside every figure."""
    funding = scenario.funding
    cut = funding.mode == Funding.PARTIAL or funding.max_per_project is not None
    if scenario.objective.partial_value != PartialValue.WHOLE or not cut:
        return ()
    return (Message.of("case.whole_value", partial=funding.mode == Funding.PARTIAL),)


def call_defaults(rnd: Round) -> dict[str, dict[str, Any]]:
    call = rnd.call
    return {
        "budget": {"appropriation": call.appropriation_eur, "rounding": call.rounding_eur},
        "funding": {"max_cost_share": call.max_cost_share},
        "eligibility": {"min_parties": call.min_parties},
        "coverage": {"max_eur_per_target_area": call.area_caps},
    }


def resolve(raw: Scenario, rnd: Round) -> Scenario:
    """The scenario with the keys it leaves unset taken from the round's call.toml."""
    scenario = with_defaults(raw, call_defaults(rnd))
    if scenario.budget.appropriation is None:
        raise ScenarioError(Message.of("scenario.no_appropriation"))
    return scenario


def prepare(scenario_path: Path | str | None, sets: Sequence[str] = (),
            budget: float | None = None, round_path: Path | str | None = None) -> Case:
    """Read, resolve and check everything a scenario file names; build its Instance."""
    raw = load_scenario(scenario_path, round_path=round_path, sets=sets, budget=budget)
    rnd = read_round(raw.round_path)
    return prepare_scenario(resolve(raw, rnd), rnd)


def prepare_scenario(scenario: Scenario, rnd: Round, register: Register | None = None,
                     profiles: Mapping[str, Profile] | None = None,
                     scores: ScoreTable | None = None) -> Case:
    """The instance of a resolved scenario on its round (profiles may be reused; `scores`
    given in memory stand for the scenario's source, under its weights if it sets any)."""
    with paused_gc():  # hundreds of thousands of objects, no cycles (readers.rows)
        return _prepare(scenario, rnd, register, profiles, scores)


def _prepare(scenario: Scenario, rnd: Round, register: Register | None,
             profiles: Mapping[str, Profile] | None, scores: ScoreTable | None) -> Case:
    register = register or load_register()
    if profiles is None:
        profiles = round_profiles(rnd, register)
    source = None
    if scores is None:
        source = _score_source(scenario)
        scores = load_scores(rnd, profiles, source, scenario.scoring.weights)
    elif scenario.scoring.weights:  # scores in memory, under the scenario's weights
        scores = scores.with_weights(
            resolve_weights(scores.criteria, rnd.call.group_of, scenario.scoring.weights))
    eligibility = assess(rnd.applications, rnd.call, profiles, scores.scores(), scenario)
    check_area_caps(scenario, rnd)
    instance = build_instance(scenario, rnd, profiles, scores, eligibility)
    instance = with_links_and_fair_shares(instance, scenario, rnd, profiles, register)
    instance = with_pools_and_years(instance, scenario, rnd, profiles, register)
    return Case(
        scenario=scenario, round=rnd, profiles=profiles, scores=scores,
        eligibility=eligibility, instance=instance, actual_eur=rnd.awarded,
        labels=instance.labels,  # the same id -> lead applicant, held once
        region_population=_region_population(register), register=register,
        score_path=sheet_path(rnd, source) if isinstance(source, Path) else (
            rnd.scores_path if source is None and not scores.is_proxy else None),
    )


def _score_source(scenario: Scenario) -> str | Path | None:
    """The scoring sheet a scenario names: beside the scenario file first (however the
    scenario was given, relative or absolute), else relative to the round folder."""
    source = scenario.scoring.source
    if source is None or source == "proxy":
        return source
    path = Path(source)
    if path.is_absolute():
        return path
    base = scenario.source.parent if scenario.source else Path.cwd()
    beside = (base / path).absolute()
    # Not beside the scenario: load_scores looks in the round folder (and says both).
    return beside if beside.is_file() else path


def _region_population(register: Any) -> dict[str, int]:
    totals: dict[str, int] = {}
    for m in register.municipalities:
        totals[m.region_fi] = totals.get(m.region_fi, 0) + m.population
    return totals


def build_instance(scenario: Scenario, rnd: Round, profiles: Mapping[str, Profile],
                   scores: ScoreTable, eligibility: Eligibility) -> Instance:
    by_applicant = scenario.coverage.lead_basis == "applicant"
    shared: dict[frozenset[str], frozenset[str]] = {}  # one set per distinct set of regions
    items = tuple(
        _item(app, profiles.get(app.id), scores, eligibility.max_units[app.id],
              eligibility.need_units[app.id], by_applicant, shared)
        for app in rnd.applications
        if app.id in eligibility.max_units
    )
    excluded = tuple(Exclusion(i, r) for i, r in eligibility.reasons.items())
    return Instance(
        items=items, rules=build_rules(scenario), excluded=excluded,
        criteria_ids=tuple(scores.criteria), weights=tuple(scores.weights),
        score_source=scores.source, evaluators=scores.evaluators, name=scenario.title,
        labels={a.id: a.applicant for a in rnd.applications},
        projects={a.id: a.project for a in rnd.applications},
        area_names={a.id: {"en": a.en, "fi": a.fi} for a in rnd.call.target_areas},
    )


def _item(app: Application, profile: Profile | None, scores: ScoreTable,
          max_units: int, need_units: int, by_applicant: bool = False,
          shared: dict[frozenset[str], frozenset[str]] | None = None) -> Item:
    """One fundable application as the model sees it. Its `lead`, the unit of the cap per
    lead applicant, is the lead's municipality (Oulu's enterprises are Oulu) unless the
    scenario counts applicants as written (coverage.lead_basis = "applicant")."""
    code = profile.lead_code if profile is not None and not by_applicant else None
    regions = frozenset(profile.regions) if profile else frozenset()
    if shared is not None:
        regions = shared.setdefault(regions, regions)
    return Item(
        id=app.id,
        score=scores.score(app.id),
        max_units=max_units,
        need_units=need_units,
        lead=code or app.applicant,
        lead_region=app.region or (profile.lead_region if profile else None) or UNKNOWN_REGION,
        regions=regions,
        target_area=app.target_area,
        target_areas=frozenset(app.target_areas) if app.target_areas else _NO_AREAS,
        criteria=tuple(scores.values[app.id]),
        panel=tuple(scores.panel.get(app.id, ())),
    )


def build_rules(scenario: Scenario) -> Rules:
    """The model's rules; the scenario is resolved (rounding and appropriation set)."""
    assert scenario.budget.rounding is not None and scenario.budget.appropriation is not None
    unit = float(scenario.budget.rounding)
    cov, funding = scenario.coverage, scenario.funding
    return Rules(
        budget_units=to_units(scenario.budget.appropriation, unit),
        unit_eur=unit,
        min_spend_units=math.ceil(scenario.budget.min_spend / unit - 1e-9),
        mode=funding.mode,
        min_share=funding.min_share,
        objective=scenario.objective.kind,
        partial_value=scenario.objective.partial_value,
        region_basis=cov.region_basis,
        min_projects_per_region=cov.min_projects_per_region,
        min_regions=cov.min_regions,
        max_region_share=cov.max_region_share,
        min_projects_per_target_area=cov.min_projects_per_target_area,
        max_awards_per_lead=cov.max_awards_per_lead,
        # Whole units, rounded down: a cap is never exceeded by rounding.
        area_cap_units={area: to_units(cap, unit)
                        for area, cap in cov.max_eur_per_target_area.items()},
        fund=frozenset(scenario.locks.fund),
        # Locked-out applications are left out of the instance (eligibility says why).
    )


def with_links_and_fair_shares(instance: Instance, scenario: Scenario, rnd: Round,
                               profiles: Mapping[str, Profile], register: Register) -> Instance:
    """The instance with the links (scenario [[links]], then the round's links file) and
    the fair shares by region (issue 14) in its rules."""
    links = build_links(scenario, rnd, instance.rules.unit_eur)
    check_savings(instance, links)
    cov = scenario.coverage
    basis = instance.rules.region_basis
    if basis == PARTICIPANTS:
        # Every regional rule splits awards by residents, as the regions table does (one
        # basis for the coverage, the share cap, the fair shares and every table).
        instance = replace(instance, items=tuple(
            replace(it, region_split=tuple(sorted(region_split(
                rnd.application(it.id), profiles.get(it.id), register, basis).items())))
            for it in instance.items))
    if cov.fair_share_basis is None:
        if cov.fair_share_min is not None or cov.fair_share_max is not None:
            raise ScenarioError(Message.of("scenario.fair_share.basis"))
        return instance.with_rules(links=links)
    items = instance.items
    weights: dict[str, float] = {}
    if cov.fair_share_basis == POPULATION:
        weights = {r: float(n) for r, n in _region_population(register).items()}
    else:  # the euros requested by the fundable applications, split on the region basis
        for it in items:
            for region, part in it.award_split(basis).items():
                requested = rnd.application(it.id).requested_eur * part
                weights[region] = weights.get(region, 0.0) + requested
    return replace(instance, items=items, rules=replace(
        instance.rules, links=links, fair_share_basis=cov.fair_share_basis,
        fair_share_weights=weights, fair_share_min=cov.fair_share_min,
        fair_share_max=cov.fair_share_max))


def build_links(scenario: Scenario, rnd: Round, unit: float) -> tuple[Link, ...]:
    """The scenario's links and the round's links file's rows, ids checked against the
    round (an id of the round that is not fundable counts as never funded)."""
    ids = [a.id for a in rnd.applications]
    specs = list(scenario.links)
    for n, spec in enumerate(specs, 1):
        for name in (*spec.ids, *([spec.requires] if spec.requires else [])):
            if name not in set(ids):
                link = Message.of("scenario.link.spec", kind=spec.kind, ids=list(spec.ids),
                                  requires=spec.requires)
                raise ScenarioError(Message.of("scenario.link.no_application", n=n, link=link,
                                               id=name, suggest=suggest(name, ids)))
    specs += [LinkSpec.from_table(row.table, row.where) for row in read_links(rnd.path, ids)]
    return tuple(Link(kind=s.kind, ids=s.ids, requires=s.requires, bonus=s.bonus,
                      saving_units=to_units(s.saving_eur, unit)) for s in specs)


def check_savings(instance: Instance, links: Sequence[Link]) -> None:
    """A synergy's saving is at most what its members get together at the least (so the
    spend of a portfolio never falls below zero by a saving)."""
    for link in links:
        if link.saving_units and all(instance.has(i) for i in link.members):
            least = sum(instance.min_units(instance.item(i)) for i in link.members)
            if link.saving_units > least:
                unit = instance.rules.unit_eur  # whole euros, as the message always said
                raise ScenarioError(Message.of(
                    "scenario.link.saving_too_large", ids=list(link.ids),
                    saving=round(link.saving_units * unit), least=round(least * unit)))


def check_area_caps(scenario: Scenario, rnd: Round) -> None:
    """Every capped area is one of the call's target areas or an area some application
    names (a misspelt cap would otherwise cap nothing, silently)."""
    caps = scenario.coverage.max_eur_per_target_area
    in_call = {a.id for a in rnd.call.target_areas}
    if all(area in in_call for area in caps):
        return  # the call's own areas: no application needs reading
    known = in_call | {area for app in rnd.applications for area in app.areas}
    for area in caps:
        if area not in known:
            raise ScenarioError(Message.of("scenario.area_cap.unknown", area=area,
                                           suggest=suggest(area, known)))


def actual_units(case: Case) -> tuple[dict[str, int], tuple[str, ...]]:
    """The actual decision in model units (ids in the instance) and the ids outside it."""
    ids = set(case.instance.ids)
    unit = case.unit_eur
    inside = {i: to_units(eur, unit) for i, eur in case.actual_eur.items() if i in ids}
    outside = tuple(i for i in case.actual_eur if i not in ids)
    return inside, outside
