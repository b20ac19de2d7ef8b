"""A round at a glance: one line per application (`grantopt data show`, Study.applications)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

from optimizer.frames import Tabular
from optimizer.readers.domain import Profile, Round
from optimizer.readers.folder import read_round
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register


@dataclass(frozen=True)
class OverviewLine:
    """One application in the overview: its lead, region, reach and target area."""

    id: str
    lead: str  # the lead's municipality (register name), or the applicant as written
    lead_region: str | None
    municipalities: int
    population: int
    target_area: str | None
    exclusion: str | None
    requested_eur: float
    awarded_eur: float | None


@dataclass(frozen=True)
class Applications(Tabular):
    """The round's applications with what the register says of them, as a table."""

    round: Round
    lines: tuple[OverviewLine, ...]

    columns: ClassVar[tuple[str, ...]] = (
        "id", "applicant", "project", "lead", "lead_region", "municipalities", "population",
        "target_area", "exclusion", "requested_eur", "awarded_eur")

    def rows(self) -> list[dict[str, Any]]:
        apps = {a.id: a for a in self.round.applications}
        return [{"applicant": apps[line.id].applicant, "project": apps[line.id].project,
                 **asdict(line)} for line in self.lines]

    def __repr__(self) -> str:
        return (f"<Applications: {len(self.lines)} of the round in {self.round.path.name}, "
                f"{sum(line.requested_eur for line in self.lines):,.2f} € requested>")


def overview_lines(rnd: Round, profs: Mapping[str, Profile],
                   register: Register) -> tuple[OverviewLine, ...]:
    awarded = rnd.awarded
    out = []
    for app in rnd.applications:
        p = profs[app.id]
        lead = register.get(p.lead_code)
        out.append(OverviewLine(
            id=app.id, lead=lead.name_fi if lead else app.applicant, lead_region=p.lead_region,
            municipalities=len(p.municipality_codes), population=p.population,
            target_area=app.target_area, exclusion=app.exclusion,
            requested_eur=app.requested_eur, awarded_eur=awarded.get(app.id)))
    return tuple(out)


def overview(path: str | Path, register: Register | None = None) -> tuple[OverviewLine, ...]:
    """One line per application of the round in `path` (InputError if it has problems)."""
    register = register or load_register()
    rnd = read_round(path, register)
    return overview_lines(rnd, profiles(rnd, register), register)
