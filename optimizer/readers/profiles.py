"""What the register says of each application's parties: lead, municipalities, regions."""

from __future__ import annotations

from optimizer.readers.domain import (
    JOINT_BODY_KINDS,
    OWNED_KINDS,
    Application,
    Participant,
    Profile,
    Round,
)
from optimizer.readers.register import Register, load_register, normalise


def _profile(app: Application, parts: tuple[Participant, ...], register: Register) -> Profile:
    codes: list[str] = []
    bodies: list[str] = []
    body_keys: set[str] = set()
    unresolved: list[str] = []
    lead_code: str | None = None

    def add(code: str | None) -> None:
        if code is not None and code in register and code not in codes:
            codes.append(code)

    if parts:
        lead_party = next((p for p in parts if p.role == "lead"), None)
        if lead_party is not None and lead_party.kind in OWNED_KINDS:
            lead_code = lead_party.municipality_code
        add(lead_code)
        for p in parts:
            if p.kind in OWNED_KINDS:
                add(p.municipality_code)
            elif p.kind in JOINT_BODY_KINDS and normalise(p.name) not in body_keys:
                body_keys.add(normalise(p.name))
                bodies.append(p.name)
    else:
        for index, name in enumerate((app.applicant, *app.partners)):
            found = register.find(name)
            if found is None:
                unresolved.append(name)
                continue
            if index == 0:
                lead_code = found.code
            add(found.code)
    munis = [register.by_code(c) for c in codes]
    region_order = {r: i for i, r in enumerate(register.regions())}
    regions = sorted({m.region_fi for m in munis}, key=lambda r: region_order.get(r, 99))
    lead = register.get(lead_code)
    return Profile(
        application_id=app.id,
        lead_code=lead_code,
        lead_region=app.region or (lead.region_fi if lead else None),
        municipality_codes=tuple(codes),
        joint_bodies=tuple(bodies),
        parties=len(codes) + len(bodies),
        population=sum(m.population for m in munis),
        regions=tuple(regions),
        unresolved=tuple(unresolved),
    )


def profiles(round: Round, register: Register | None = None) -> dict[str, Profile]:
    """Per application: lead, municipalities, joint bodies, parties, population, regions.

    Parties follow the joint-project rule: each municipality counts once, whether named
    itself or as the owner of a municipal enterprise, library or company; each joint
    authority or hospital district counts once. Without participants rows for an
    application, its `applicant` and `partners` names are resolved in the register
    (names that do not resolve are listed in `unresolved`, never guessed).
    """
    register = register or load_register()
    by_app: dict[str, list[Participant]] = {}
    for p in round.participants:
        by_app.setdefault(p.application_id, []).append(p)
    return {a.id: _profile(a, tuple(by_app.get(a.id, ())), register)
            for a in round.applications}

