"""What the register says of each application's parties: lead, municipalities, regions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from operator import attrgetter

from optimizer.readers.domain import (
    JOINT_BODY_KINDS,
    OWNED_KINDS,
    Application,
    Municipality,
    Participant,
    Profile,
    Round,
)
from optimizer.readers.register import Register, load_register, normalise
from optimizer.readers.rows import paused_gc


def _profile(app: Application, parts: tuple[Participant, ...], register: Register,
             region_order: Mapping[str, int], by_code: Mapping[str, Municipality],
             shared: dict[tuple[str, ...], tuple[str, ...]]) -> Profile:
    """`by_code`: the register's municipalities by code; `shared`: one tuple per distinct
    tuple of regions (a large round repeats a few thousand of them)."""
    codes: list[str] = []
    bodies: list[str] = []
    body_keys: set[str] = set()
    unresolved: list[str] = []
    lead_code: str | None = None
    if parts:
        lead_party = next((p for p in parts if p.role == "lead"), None)
        if lead_party is not None and lead_party.kind in OWNED_KINDS:
            lead_code = lead_party.municipality_code
        named = [lead_code, *(p.municipality_code for p in parts if p.kind in OWNED_KINDS)]
        codes = [c for c in dict.fromkeys(named) if c is not None and c in by_code]
        for p in parts:
            if p.kind in JOINT_BODY_KINDS and (key := normalise(p.name)) not in body_keys:
                body_keys.add(key)
                bodies.append(p.name)
    else:
        for index, name in enumerate((app.applicant, *app.partners)):
            found = register.find(name)
            if found is None:
                unresolved.append(name)
                continue
            if index == 0:
                lead_code = found.code
            if found.code in by_code and found.code not in codes:
                codes.append(found.code)
    munis = [by_code[c] for c in codes]
    regions = tuple(sorted({m.region_fi for m in munis}, key=lambda r: region_order.get(r, 99)))
    lead = by_code.get(lead_code) if lead_code is not None else None
    return Profile(
        application_id=app.id,
        lead_code=lead_code,
        lead_region=app.region or (lead.region_fi if lead else None),
        municipality_codes=tuple(codes),
        joint_bodies=tuple(bodies),
        parties=len(codes) + len(bodies),
        population=sum(m.population for m in munis),
        regions=shared.setdefault(regions, regions),
        unresolved=tuple(unresolved),
    )


def _unregistered(app: Application, parts: tuple[Participant, ...]) -> Profile:
    """A round whose applicants are not Finnish municipalities (call.toml register = false):
    no name is looked up; each distinct party named is one party, and there is no region
    beyond the application's own `region`."""
    names = [p.name for p in parts] or [app.applicant, *app.partners]
    distinct = list(dict.fromkeys(normalise(n) for n in names if n.strip()))
    return Profile(application_id=app.id, lead_code=None, lead_region=app.region,
                   municipality_codes=(), joint_bodies=(), parties=len(distinct),
                   population=0, regions=())


def _by_application(participants: Sequence[Participant]
                    ) -> dict[str, tuple[Participant, ...]]:
    """The participants of each application, in file order: grouped in one pass where
    each application's rows are together (as a round's file usually has them), else
    after a stable sort by application."""
    key = attrgetter("application_id")
    groups = {k: tuple(g) for k, g in groupby(participants, key)}
    if sum(map(len, groups.values())) != len(participants):  # an application's rows apart
        groups = {k: tuple(g) for k, g in groupby(sorted(participants, key=key), key)}
    return groups


def profiles(round: Round, register: Register | None = None) -> dict[str, Profile]:
    """Per application: lead, municipalities, joint bodies, parties, population, regions.

    Parties follow the joint-project rule: each municipality counts once, whether named
    itself or as the owner of a municipal enterprise, library or company; each joint
    authority or hospital district counts once. Without participants rows for an
    application, its `applicant` and `partners` names are resolved in the register
    (names that do not resolve are listed in `unresolved`, never guessed). A round with
    `register = false` in its call.toml is not looked up at all (`_unregistered`).
    """
    by_app = _by_application(round.participants)
    if not round.call.register:
        return {a.id: _unregistered(a, by_app.get(a.id, ())) for a in round.applications}
    register = register or load_register()
    region_order = {r: i for i, r in enumerate(register.regions())}
    by_code = {m.code: m for m in register.municipalities}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    with paused_gc():
        return {a.id: _profile(a, by_app.get(a.id, ()), register, region_order, by_code,
                               shared)
                for a in round.applications}

