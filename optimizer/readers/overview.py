"""An overview of a round for `grantopt data show`: one line per application."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from optimizer.readers.folder import read_round
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register


@dataclass(frozen=True)
class OverviewLine:
    id: str
    lead: str  # the lead's municipality (register name), or the applicant as written
    lead_region: str | None
    municipalities: int
    population: int
    target_area: str | None
    exclusion: str | None
    requested_eur: float
    awarded_eur: float | None


def overview(path: str | Path, register: Register | None = None) -> tuple[OverviewLine, ...]:
    """One line per application of the round in `path` (InputError if it has problems)."""
    register = register or load_register()
    rnd = read_round(path, register)
    profs = profiles(rnd, register)
    awarded = rnd.awarded
    out = []
    for app in rnd.applications:
        p = profs[app.id]
        lead = register.get(p.lead_code)
        out.append(OverviewLine(
            id=app.id, lead=lead.name_fi if lead else app.applicant, lead_region=p.lead_region,
            municipalities=len(p.municipality_codes), population=p.population,
            target_area=app.target_area, exclusion=app.exclusion,
            requested_eur=app.requested_eur, awarded_eur=awarded.get(app.id),
        ))
    return tuple(out)
